"""Methodology: the sample and its precision, call outcomes, weighting, how to read the
numbers (tests and the report-wide correction for multiple comparisons), the questionnaire."""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

from reports.chapters._context import ChapterContext
from reports.data import SEGMENT, Fieldwork, localized
from reports.model import Column, Paragraph, Section, Table
from reports.sampling import margin_of_error
from surveys.model import InfoScreen


def methodology_chapter(ctx: ChapterContext) -> Section:
    t, nf = ctx.t, ctx.nf
    fw = ctx.data.fieldwork
    pop = ctx.data.population
    n = len(ctx.df)
    k = len(ctx.segments)
    sec = Section(t("sec_method"), "method", new_page=True)
    s1 = sec.child(t("sec_method_sample"), "method.sample")
    period = nf.period(fw.fieldwork_start, fw.fieldwork_end)
    segs_word = t.noun(k, "сегмент", "сегмента", "сегментов", "segments")
    total_pop = float(sum(pop.values())) if pop else None
    if total_pop:
        s1.add(
            Paragraph(
                t(
                    "method_population",
                    population=nf.num(total_pop),
                    clients=t.clients(total_pop),
                    client=localized(fw.client, t.lang),
                    k=nf.num(k),
                    segments=segs_word,
                    period=period,
                    n=nf.num(n),
                    interviews=t.interviews(n),
                )
            )
        )
    else:
        s1.add(
            Paragraph(
                t(
                    "method_population_unknown",
                    period=period,
                    n=nf.num(n),
                    interviews=t.interviews(n),
                    k=nf.num(k),
                    segments=segs_word,
                )
            )
        )
    rows = []
    for s in ctx.segments:
        n_s = ctx.seg_n[s]
        p_s = pop.get(s)
        moe = margin_of_error(n_s, 0.95, population=p_s if p_s and p_s >= n_s else None)
        w_s = float(ctx.w[(ctx.df[SEGMENT] == s).to_numpy()].mean()) if ctx.w is not None else 1.0
        rows.append(
            {
                "segment": ctx.seg_label(s),
                "population": p_s,
                "target": fw.targets.get(s),
                "completes": n_s,
                "coverage": n_s / p_s if p_s else np.nan,
                "margin": 100 * moe,
                "weight": w_s,
            }
        )
    moe_all = margin_of_error(
        n, 0.95, population=total_pop if total_pop and total_pop >= n else None
    )
    rows.append(
        {
            "segment": t("total"),
            "population": total_pop,
            "target": sum(fw.targets.values()) or None,
            "completes": n,
            "coverage": n / total_pop if total_pop else np.nan,
            "margin": 100 * moe_all,
            "weight": np.nan,
        }
    )
    cols = [
        Column("segment", t("col_segment")),
        Column("population", t("col_population"), "int"),
        Column("target", t("col_target"), "int"),
        Column("completes", t("col_completes"), "int"),
        Column("coverage", t("col_coverage"), "pct0"),
        Column("margin", t("col_margin"), "num1"),
    ]
    if ctx.w is not None:
        cols.append(Column("weight", t("col_weight"), "num1"))
    s1.add(
        Table(pd.DataFrame(rows), cols, t("cap_sample"), bold_last_row=True),
        Paragraph(t("method_margin", margin=nf.num(100 * moe_all, 1))),
    )
    s2 = sec.child(t("sec_method_outcomes"), "method.outcomes")
    s2.add(*rates_blocks(ctx, fw, short=True))
    s3 = sec.child(t("sec_method_weighting"), "method.weighting")
    s3.add(*weighting_blocks(ctx))
    s4 = sec.child(t("sec_method_stats"), "method.stats")
    kind = ctx.f.csi.kind if ctx.f.csi is not None else "equal"
    family = ctx.f.comparisons
    s4.add(
        Paragraph(t("method_stats", csi_weights=t(f"csi_weights_{kind}"), min_base=ctx.min_base)),
        Paragraph(
            t(
                f"method_family_{family.method}",
                k=nf.num(len(family.family)),
                comparisons=t.noun(
                    len(family.family), "сравнение", "сравнения", "сравнений", "comparisons"
                ),
                stated=nf.num(len(family.stated)),
                alpha=nf.pct(family.alpha),
            )
        ),
    )
    s5 = sec.child(t("sec_method_questionnaire"), "method.questionnaire")
    qs = [q for q in ctx.data.script.questions if not isinstance(q, InfoScreen)]
    kinds: dict[str, int] = {}
    for q in qs:
        kinds[q.type] = kinds.get(q.type, 0) + 1
    kinds_text = ", ".join(
        f"{t('kind_' + k)} — {nf.num(v)}" if t.lang == "ru" else f"{nf.num(v)} {t('kind_' + k)}"
        for k, v in kinds.items()
    )
    s5.add(
        Paragraph(
            t(
                "method_questionnaire_short",
                title=localized(ctx.data.script.title, t.lang),
                n=nf.num(len(qs)),
                questions=t.noun(len(qs), "вопрос", "вопроса", "вопросов", "questions"),
                kinds=kinds_text,
            )
        )
    )
    return sec


def weighting_blocks(ctx: ChapterContext) -> list[Any]:
    """The weighting scheme, why it was chosen, the bases and what weighting cost."""
    t, nf = ctx.t, ctx.nf
    wt = ctx.study.weighting
    n = wt.n
    blocks: list[Any] = []
    if not wt.weighted:
        blocks.append(Paragraph(t("method_weighting_none", n=nf.num(n))))
        if wt.chosen == "default" and wt.missing:
            names = t.join([ctx.seg_label(s) for s in wt.missing])
            blocks.append(Paragraph(t("method_weighting_default_none", segments=names)))
        elif wt.chosen == "asked" and not wt.missing:
            blocks.append(Paragraph(t("method_weighting_asked_none")))
        return blocks
    numbers = {
        "n": nf.num(n),
        "wn": nf.num(wt.weighted_base),
        "deff": nf.num(wt.design_effect, 2),
        "neff": nf.num(wt.n_effective),
    }
    if wt.scheme == "raking":
        names = t.join(
            [ctx.attr_label(m) if m != SEGMENT else t("col_segment") for m in wt.margins]
        )
        blocks.append(Paragraph(t("method_weighting_raking", margins=names, **numbers)))
    else:
        blocks.append(Paragraph(t("method_weighting_population", **numbers)))
        if wt.chosen == "default":
            blocks.append(Paragraph(t("method_weighting_default_population")))
    rows = [
        {"what": t("w_unweighted_base"), "value": nf.num(n)},
        {"what": t("w_weighted_base"), "value": nf.num(wt.weighted_base)},
        {"what": t("w_effective_n"), "value": nf.num(wt.n_effective)},
        {"what": t("w_deff"), "value": nf.num(wt.design_effect, 2)},
    ]
    if ctx.has_nps:
        pair = (
            (ctx.f.nps_unweighted.score, ctx.f.nps.score)
            if ctx.f.nps is not None and ctx.f.nps_unweighted is not None
            else None
        )
    else:
        pair = (
            (ctx.f.overall_unweighted.mean, ctx.f.overall.mean)
            if ctx.f.overall is not None and ctx.f.overall_unweighted is not None
            else None
        )
    if pair is not None:
        unweighted, weighted = (ctx.outcome_value(v) for v in pair)
        rows += [
            {"what": t("w_nps_unweighted"), "value": unweighted},
            {"what": t("w_nps_weighted"), "value": weighted},
        ]
        blocks.append(
            Paragraph(t("method_weighting_effect", unweighted=unweighted, weighted=weighted))
        )
    blocks.append(
        Table(
            pd.DataFrame(rows),
            [Column("what", t("col_quantity")), Column("value", t("col_value"))],
            t("cap_weighting"),
            compact=True,
        )
    )
    return blocks


def rates_blocks(ctx: ChapterContext, fw: Fieldwork, short: bool) -> list[Any]:
    t, nf = ctx.t, ctx.nf
    blocks: list[Any] = []
    if not fw.outcomes and not fw.rates:
        return [Paragraph(t("method_rates_missing"))]
    cases = sum(o.count for o in fw.outcomes)
    completes = sum(o.count for o in fw.outcomes if o.code.startswith("1.1"))
    completes = completes or len(ctx.df)
    rr = next((r for r in ("RR1", "RR2", "RR3", "RR4") if fw.rates.get(r) is not None), None)
    coop = next(
        (r for r in ("COOP1", "COOP2", "COOP3", "COOP4") if fw.rates.get(r) is not None), None
    )
    if short and rr and coop and cases:
        blocks.append(
            Paragraph(
                t(
                    "method_rates",
                    cases=nf.num(cases),
                    contacts=t.noun(cases, "контакта", "контактов", "контактов", "contacts"),
                    completes=nf.num(completes),
                    rr=rr[2:],
                    rr_value=nf.pct(fw.rates[rr], 1),
                    coop=coop[4:],
                    coop_value=nf.pct(fw.rates[coop], 1),
                )
            )
        )
    if short and fw.outcomes:
        groups: dict[str, int] = {}
        for o in fw.outcomes:
            g = o.code.split(".")[0]
            groups[g] = groups.get(g, 0) + o.count
        df = pd.DataFrame(
            [
                {
                    "group": t(f"outcome_group_{g}") if g in "1234" and len(g) == 1 else g,
                    "count": c,
                    "share": c / cases if cases else np.nan,
                }
                for g, c in sorted(groups.items())
            ]
            + [{"group": t("total"), "count": cases, "share": 1.0}]
        )
        blocks.append(
            Table(
                df,
                [
                    Column("group", t("col_outcome")),
                    Column("count", t("col_cases"), "int"),
                    Column("share", t("col_share"), "pct1"),
                ],
                t("cap_outcomes_short"),
                bold_last_row=True,
            )
        )
    if fw.rates:
        rows = []
        for name, value in fw.rates.items():
            family = re.sub(r"\d+$", "", name)
            meaning = t(f"rate_{family}") if family in ("RR", "COOP", "REF", "CON") else ""
            rows.append({"rate": name, "meaning": meaning, "value": value})
        blocks.append(
            Table(
                pd.DataFrame(rows),
                [
                    Column("rate", t("col_rate")),
                    Column("meaning", t("col_meaning")),
                    Column("value", t("col_value"), "pct1"),
                ],
                t("cap_rates"),
                compact=True,
            )
        )
        if fw.e is not None:
            blocks.append(Paragraph(t("rates_e", e=nf.num(fw.e, 2)), "note"))
    return blocks


__all__ = ["methodology_chapter", "rates_blocks", "weighting_blocks"]
