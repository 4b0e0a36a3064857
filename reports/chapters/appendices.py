"""Appendices: answers to every closed question, the questionnaire, the call outcomes."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from reports.chapters._context import ChapterContext, headline, plain, shorten
from reports.chapters.methodology import rates_blocks
from reports.data import localized, multi_matrix, special_marker
from reports.model import Bullets, Column, Paragraph, Section, Table
from reports.specials_codes import special_label
from surveys.model import (
    GridQuestion,
    InfoScreen,
    MultipleChoice,
    NpsQuestion,
    NumericQuestion,
    OpenQuestion,
    QuestionBase,
    RatingQuestion,
    SingleChoice,
)


def _base_mask(ctx: ChapterContext, cols: Sequence[str]) -> np.ndarray:
    asked = np.zeros(len(ctx.df), dtype=bool)
    for c in cols:
        if c in ctx.df.columns:
            asked |= ctx.df[c].map(_answered).to_numpy(dtype=bool)
        asked |= special_marker(ctx.df, c).notna().to_numpy()
    return asked


def _answered(v: Any) -> bool:
    if isinstance(v, list | tuple | set | np.ndarray):
        return True
    return not pd.isna(v)


def _wshare(w: np.ndarray, mask: np.ndarray, base: np.ndarray) -> float:
    den = float(w[base].sum())
    return float(w[mask & base].sum()) / den if den > 0 else math.nan


def appendix_tables(ctx: ChapterContext) -> Section:
    t, _nf = ctx.t, ctx.nf
    sec = Section(t("sec_appendix_tables"), "appendix.tables", new_page=True)
    sec.add(
        Paragraph(
            t("appendix_tables_lead", weighted=t("weighted_suffix") if ctx.w is not None else "")
        )
    )
    w = np.ones(len(ctx.df)) if ctx.w is None else ctx.w
    for number, q in enumerate(ctx.data.script.questions, start=1):
        if isinstance(q, OpenQuestion | InfoScreen):
            continue
        text = shorten(headline(q.text.get(t.lang, ""), t.lang), 160)
        title = t("cap_question", number=number, text=text)
        table = _question_table(ctx, q, w, title)
        if table is not None:
            sec.add(table)
    return sec


def _specials_rows(
    ctx: ChapterContext, col: str, base: np.ndarray, w: np.ndarray
) -> list[dict[str, Any]]:
    marker = special_marker(ctx.df, col)
    rows = []
    for key in ("dont_know", "refused"):
        m = (marker == key).to_numpy()
        if m.any():
            rows.append({"label": ctx.t(key), "n": int(m.sum()), "share": _wshare(w, m, base)})
    return rows


def _question_table(
    ctx: ChapterContext, q: QuestionBase, w: np.ndarray, title: str
) -> Table | None:
    t, nf = ctx.t, ctx.nf
    df = ctx.df
    cols3 = [
        Column("label", t("col_answer")),
        Column("n", t("col_n"), "int"),
        Column("share", t("col_share"), "pct1"),
    ]
    if isinstance(q, SingleChoice):
        if q.id not in df.columns:
            return None
        base = _base_mask(ctx, [q.id])
        vals = pd.to_numeric(df[q.id], errors="coerce").to_numpy()
        rows = [
            {
                "label": o.label.get(t.lang, ""),
                "n": int((vals == o.code).sum()),
                "share": _wshare(w, vals == o.code, base),
            }
            for o in q.options
        ]
        rows += _specials_rows(ctx, q.id, base, w)
        note = t("base", n=nf.num(base.sum()), respondents=t.respondents(base.sum()))
        return Table(pd.DataFrame(rows), cols3, title, note=note, compact=True)
    if isinstance(q, MultipleChoice):
        m = multi_matrix(df, q)
        if m is None:
            return None
        base = m.notna().any(axis=1).to_numpy() | special_marker(df, q.id).notna().to_numpy()
        rows = [
            {
                "label": o.label.get(t.lang, ""),
                "n": int((m[o.code] == 1).sum()),
                "share": _wshare(w, (m[o.code] == 1).to_numpy(), base),
            }
            for o in q.options
        ]
        rows += _specials_rows(ctx, q.id, base, w)
        note = t("base", n=nf.num(base.sum()), respondents=t.respondents(base.sum()))
        return Table(pd.DataFrame(rows), cols3, title, note=note, compact=True)
    if isinstance(q, NpsQuestion | RatingQuestion):
        if q.id not in df.columns:
            return None
        sc = q.scale
        base = _base_mask(ctx, [q.id])
        vals = pd.to_numeric(df[q.id], errors="coerce").to_numpy()
        rows = []
        for p in sc.points:
            label = str(p)
            if p in sc.labels:
                label += " — " + sc.labels[p].get(t.lang, "")
            rows.append(
                {"label": label, "n": int((vals == p).sum()), "share": _wshare(w, vals == p, base)}
            )
        rows += _specials_rows(ctx, q.id, base, w)
        ok = np.isin(vals, list(sc.points))
        mean = float(np.average(vals[ok], weights=w[ok])) if ok.any() else math.nan
        rows.append({"label": t("mean"), "n": int(ok.sum()), "share": nf.num(mean, 2)})
        note = t("base", n=nf.num(base.sum()), respondents=t.respondents(base.sum()))
        return Table(pd.DataFrame(rows), cols3, title, note=note, compact=True, bold_last_row=True)
    if isinstance(q, GridQuestion):
        sc = q.scale
        rows = []
        for r in q.rows:
            col = f"{q.id}.{r.id}"
            if col not in df.columns:
                continue
            base = _base_mask(ctx, [col])
            vals = pd.to_numeric(df[col], errors="coerce").to_numpy()
            row: dict[str, Any] = {"label": r.label.get(t.lang, ""), "n": int(base.sum())}
            for p in sc.points:
                row[f"p{p}"] = _wshare(w, vals == p, base)
            marker = special_marker(df, col)
            row["dk"] = _wshare(w, marker.notna().to_numpy(), base)
            ok = np.isin(vals, list(sc.points))
            row["mean"] = float(np.average(vals[ok], weights=w[ok])) if ok.any() else math.nan
            rows.append(row)
        if not rows:
            return None
        cols = [Column("label", t("col_aspect")), Column("n", t("col_n"), "int")]
        cols += [Column(f"p{p}", str(p), "pct0") for p in sc.points]
        cols += [Column("dk", t("col_dk"), "pct0"), Column("mean", t("col_mean"), "num2")]
        return Table(pd.DataFrame(rows), cols, title, compact=True)
    if isinstance(q, NumericQuestion):
        if q.id not in df.columns:
            return None
        vals = pd.to_numeric(df[q.id], errors="coerce").dropna()
        if vals.empty:
            return None
        rows = [
            {"label": t("col_n"), "value": float(len(vals))},
            {"label": t("mean"), "value": float(vals.mean())},
            {"label": t("median"), "value": float(vals.median())},
            {"label": t("minimum"), "value": float(vals.min())},
            {"label": t("maximum"), "value": float(vals.max())},
        ]
        return Table(
            pd.DataFrame(rows),
            [Column("label", t("col_statistic")), Column("value", t("col_value"), "num1")],
            title,
            compact=True,
        )
    return None


def appendix_questionnaire(ctx: ChapterContext) -> Section:
    t = ctx.t
    script = ctx.data.script
    lang = t.lang if t.lang in script.languages else script.languages[0]
    sec = Section(t("sec_appendix_questionnaire"), "appendix.questionnaire", new_page=True)
    sec.add(Paragraph(t("intro"), "lead"), Paragraph(plain(script.intro.text[lang])))
    sec.add(Paragraph(t("consent"), "lead"), Paragraph(plain(script.consent.text[lang])))
    if script.consent.recording:
        sec.add(Paragraph(t("recording"), "lead"), Paragraph(plain(script.consent.recording[lang])))
    for number, q in enumerate(script.questions, start=1):
        kind = t(f"kind_{q.type}")
        sec.add(Paragraph(f"{number}. [{q.id}; {kind}] {plain(q.text[lang])}", "lead"))
        if q.show_if:
            sec.add(Paragraph(t("asked_if", condition=plain(q.show_if)), "note"))
        if q.note:
            sec.add(Paragraph(t("note_interviewer", text=plain(q.note[lang])), "note"))
        items: list[str] = []
        if isinstance(q, SingleChoice | MultipleChoice):
            items = [f"{o.code} — {plain(o.label[lang])}" for o in q.options]
        elif isinstance(q, GridQuestion | RatingQuestion | NpsQuestion):
            sc = q.scale
            labels = "; ".join(f"{p} — {plain(v[lang])}" for p, v in sorted(sc.labels.items()))
            if isinstance(q, NpsQuestion):
                ends = [(0, q.low_label), (10, q.high_label)]
                labels = "; ".join(f"{p} — {plain(v[lang])}" for p, v in ends if v)
            sec.add(Paragraph(t("scale_points", low=sc.min, high=sc.max, labels=labels or "—")))
            if isinstance(q, GridQuestion):
                items = [plain(r.label[lang]) for r in q.rows]
        if items:
            sec.add(Bullets(items))
        if q.special:
            sec.add(
                Paragraph(
                    t(
                        "special_codes",
                        items="; ".join(special_label(script, k, lang) for k in q.special),
                    ),
                    "note",
                )
            )
    return sec


def appendix_outcomes(ctx: ChapterContext) -> Section:
    t = ctx.t
    fw = ctx.data.fieldwork
    sec = Section(t("sec_appendix_outcomes"), "appendix.outcomes", new_page=True)
    if not fw.outcomes:
        return sec.add(Paragraph(t("method_rates_missing")))
    total = sum(o.count for o in fw.outcomes)
    rows = [
        {
            "code": o.code,
            "label": localized(o.label, t.lang),
            "count": o.count,
            "share": o.count / total if total else np.nan,
        }
        for o in fw.outcomes
    ]
    rows.append({"code": "", "label": t("total"), "count": total, "share": 1.0})
    sec.add(
        Paragraph(t("outcomes_lead")),
        Table(
            pd.DataFrame(rows),
            [
                Column("code", t("col_code")),
                Column("label", t("col_outcome")),
                Column("count", t("col_cases"), "int"),
                Column("share", t("col_share"), "pct1"),
            ],
            t("cap_outcomes"),
            bold_last_row=True,
            compact=True,
        ),
    )
    sec.add(*[b for b in rates_blocks(ctx, fw, short=False)])
    return sec


__all__ = ["appendix_outcomes", "appendix_questionnaire", "appendix_tables"]
