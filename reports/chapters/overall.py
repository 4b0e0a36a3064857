"""Overall satisfaction chapter of a study without NPS: in total, by segment (with the
stated differences), by breakdown attribute. A study with NPS has the NPS chapter instead.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from reports import charts
from reports.chapters._context import ChapterContext, small_segments_note
from reports.chapters.nps import breakdown_blocks, pair_sentences
from reports.findings.model import LOYALTY_GROUPS
from reports.model import Column, Figure, Paragraph, Section, Table

LOW, MIDDLE, HIGH = LOYALTY_GROUPS


def group_shares(ctx: ChapterContext, mask: np.ndarray) -> dict[str, float]:
    """Weighted shares of the dissatisfied, neutral and satisfied among ``mask``."""
    groups = ctx.study.groups.to_numpy()
    valid = mask & pd.notna(groups)
    w = np.ones(len(groups)) if ctx.w is None else ctx.w
    total = float(w[valid].sum())
    if total <= 0:
        return {g: float("nan") for g in LOYALTY_GROUPS}
    return {g: float(w[valid & (groups == g)].sum()) / total for g in LOYALTY_GROUPS}


def _scale_ends(ctx: ChapterContext) -> tuple[str, str]:
    """The points of the scale that count as dissatisfied and as satisfied, e.g. 1–2, 4–5."""
    lo, hi = (int(x) for x in ctx.study.outcome_scale)
    groups = ctx.study.groups
    values = pd.to_numeric(ctx.df[ctx.study.outcome], errors="coerce")
    low = [p for p in range(lo, hi + 1) if (groups[values == p] == LOW).any()]
    high = [p for p in range(lo, hi + 1) if (groups[values == p] == HIGH).any()]

    def span(points: list[int]) -> str:
        if not points:
            return "—"
        return str(points[0]) if len(points) == 1 else f"{points[0]}–{points[-1]}"

    return span(low), span(high)


def overall_chapter(ctx: ChapterContext) -> Section | None:
    """None in a study with NPS (its chapter is :func:`reports.chapters.nps.nps_chapter`)."""
    if ctx.has_nps:
        return None
    t, nf = ctx.t, ctx.nf
    overall = ctx.f.overall
    sec = Section(t("sec_overall"), "overall", new_page=True)
    s1 = sec.child(t("sec_overall_total"), "overall.total")
    everyone = np.ones(len(ctx.df), dtype=bool)
    values = pd.to_numeric(ctx.df[ctx.study.outcome], errors="coerce")
    if overall is not None:
        shares = group_shares(ctx, everyone)
        low, high = _scale_ends(ctx)
        s1.add(
            Paragraph(
                t(
                    "overall_total",
                    n=nf.num(overall.n),
                    sat=nf.pct(shares[HIGH]),
                    neu=nf.pct(shares[MIDDLE]),
                    dis=nf.pct(shares[LOW]),
                    high=high,
                    low=low,
                    score=nf.num(overall.mean),
                    ci=ctx.ci(overall.ci_low, overall.ci_high),
                )
            )
        )
        missing = int(values.isna().sum())
        if missing:
            s1.add(
                Paragraph(
                    t("overall_missing", k=nf.num(missing), respondents=t.respondents(missing))
                )
            )
        lo, hi = (int(x) for x in ctx.study.outcome_scale)
        valid = values.notna().to_numpy()
        w = np.ones(int(valid.sum())) if ctx.w is None else ctx.w[valid]
        vals = values[valid].to_numpy()
        points = list(range(hi, lo - 1, -1))  # the best rating on top
        dist = [float(w[vals == p].sum() / w.sum()) for p in points]
        question = ctx.data.script.by_id[ctx.study.outcome]
        named = getattr(getattr(question, "scale", None), "labels", {})
        labels = [f"{p} — {named[p].get(t.lang, '')}" if p in named else str(p) for p in points]
        s1.add(
            Figure(
                charts.count_bars(labels, dist, nf, t("ax_share")),
                t("cap_overall_dist", n=nf.num(overall.n)),
            )
        )
    else:
        s1.add(Paragraph(t("drivers_failed", reason=t("n_too_small")), "small_n"))
    s2 = sec.child(t("sec_overall_segments"), "overall.segments")
    s2.add(Paragraph(t("overall_segments_lead")))
    s2.add(*[Paragraph(s) for s in pair_sentences(ctx, 5)])
    by_segment = ctx.f.overall_by_segment
    s2.add(*small_segments_note(ctx, by_segment))
    s2.add(_segment_table(ctx))
    shown = [s for s in ctx.segments if by_segment.get(s) is not None]
    if shown:
        res = [by_segment[s] for s in shown]
        s2.add(
            Figure(
                charts.intervals(
                    [ctx.seg_label(s) for s in shown],
                    [r.mean for r in res if r],
                    [r.ci_low for r in res if r],
                    [r.ci_high for r in res if r],
                    nf,
                    t("ax_overall"),
                    signed=False,
                    reference=overall.mean if overall else None,
                    reference_label=t("ref_total", value=nf.num(overall.mean)) if overall else None,
                    limits=(0, 100),
                    annotations=[f"n = {nf.num(r.n)}" for r in res if r],
                ),
                t("cap_overall_segments"),
            )
        )
    if ctx.f.breakdowns:
        s3 = sec.child(t("sec_nps_breakdowns"), "overall.breakdowns")
        s3.add(Paragraph(t("breakdown_lead")))
        for b in ctx.f.breakdowns:
            s3.add(*breakdown_blocks(ctx, b))
    return sec


def _segment_table(ctx: ChapterContext) -> Table:
    t = ctx.t
    seg = ctx.df["segment"].to_numpy()
    rows = []
    for s in ctx.segments:
        r = ctx.f.overall_by_segment.get(s)
        shares = group_shares(ctx, seg == s)
        rows.append(
            {
                "segment": ctx.seg_label(s),
                "n": r.n if r is not None else ctx.seg_n[s],
                "sat": shares[HIGH] if r is not None else t("n_too_small"),
                "neu": shares[MIDDLE] if r is not None else np.nan,
                "dis": shares[LOW] if r is not None else np.nan,
                "score": r.mean if r is not None else np.nan,
                "ci": ctx.ci(r.ci_low, r.ci_high) if r is not None else "",
            }
        )
    overall = ctx.f.overall
    if overall is not None:
        shares = group_shares(ctx, np.ones(len(seg), dtype=bool))
        rows.append(
            {
                "segment": t("all_clients"),
                "n": overall.n,
                "sat": shares[HIGH],
                "neu": shares[MIDDLE],
                "dis": shares[LOW],
                "score": overall.mean,
                "ci": ctx.ci(overall.ci_low, overall.ci_high),
            }
        )
    return Table(
        pd.DataFrame(rows),
        [
            Column("segment", t("col_segment")),
            Column("n", t("col_n"), "int"),
            Column("sat", t("col_satisfied"), "pct0"),
            Column("neu", t("col_neutral"), "pct0"),
            Column("dis", t("col_dissatisfied"), "pct0"),
            Column("score", t("col_nps"), "num0"),
            Column("ci", t("col_ci")),
        ],
        t("cap_overall_segment_table"),
        bold_last_row=overall is not None,
    )


__all__ = ["group_shares", "overall_chapter"]
