"""NPS chapter: overall, by segment (with the stated differences), by breakdown attribute."""

from __future__ import annotations

import numpy as np
import pandas as pd

from reports import charts
from reports.chapters._context import ChapterContext, small_segments_note
from reports.findings.model import Breakdown, Difference
from reports.model import Block, Column, Figure, Paragraph, Section, Table


def nps_table(ctx: ChapterContext) -> Table:
    """NPS of every segment (or "n too small") and of all clients."""
    t = ctx.t
    seg_nps, overall = ctx.f.nps_by_segment, ctx.f.nps
    rows = []
    too_small = t("n_too_small")
    for s in ctx.segments:
        r = seg_nps.get(s)
        if r is None:
            rows.append(
                {
                    "segment": ctx.seg_label(s),
                    "n": ctx.seg_n[s],
                    "p": too_small,
                    "pas": np.nan,
                    "d": np.nan,
                    "nps": np.nan,
                    "ci": "",
                }
            )
        else:
            rows.append(
                {
                    "segment": ctx.seg_label(s),
                    "n": r.n,
                    "p": r.promoters,
                    "pas": r.passives,
                    "d": r.detractors,
                    "nps": r.score,
                    "ci": ctx.ci(r.ci_low, r.ci_high, True),
                }
            )
    if overall is not None:
        rows.append(
            {
                "segment": t("all_clients"),
                "n": overall.n,
                "p": overall.promoters,
                "pas": overall.passives,
                "d": overall.detractors,
                "nps": overall.score,
                "ci": ctx.ci(overall.ci_low, overall.ci_high, True),
            }
        )
    return Table(
        pd.DataFrame(rows),
        [
            Column("segment", t("col_segment")),
            Column("n", t("col_n"), "int"),
            Column("p", t("col_promoters"), "pct0"),
            Column("pas", t("col_passives"), "pct0"),
            Column("d", t("col_detractors"), "pct0"),
            Column("nps", t("col_nps"), "signed0"),
            Column("ci", t("col_ci")),
        ],
        t("cap_nps_segment_table"),
        bold_last_row=overall is not None,
    )


def nps_chapter(ctx: ChapterContext) -> Section | None:
    """The NPS chapter; none in a study without NPS (:mod:`reports.chapters.overall`)."""
    if not ctx.has_nps:
        return None
    t, nf = ctx.t, ctx.nf
    overall, seg_nps = ctx.f.nps, ctx.f.nps_by_segment
    pairs = ctx.f.comparisons.of_kind("segment_pair")
    sec = Section(t("sec_nps"), "nps", new_page=True)
    s1 = sec.child(t("sec_nps_overall"), "nps.overall")
    scores = ctx.df[ctx.roles.nps]
    if overall is not None:
        s1.add(
            Paragraph(
                t(
                    "nps_overall",
                    n=nf.num(overall.n),
                    p=nf.pct(overall.promoters),
                    pas=nf.pct(overall.passives),
                    d=nf.pct(overall.detractors),
                    nps=nf.signed(overall.score),
                    ci=ctx.ci(overall.ci_low, overall.ci_high, True),
                )
            )
        )
        missing = int(scores.isna().sum())
        if missing:
            s1.add(
                Paragraph(t("nps_missing", k=nf.num(missing), respondents=t.respondents(missing)))
            )
        valid = scores.notna().to_numpy()
        w = np.ones(valid.sum()) if ctx.w is None else ctx.w[valid]
        vals = scores[valid].to_numpy()
        shares = [float(w[vals == k].sum() / w.sum()) for k in range(11)]
        s1.add(
            Figure(
                charts.nps_distribution(shares, nf, t("ax_nps_answer"), t("ax_share")),
                t("cap_nps_dist", n=nf.num(overall.n)),
            )
        )
    s2 = sec.child(t("sec_nps_segments"), "nps.segments")
    s2.add(Paragraph(t("nps_segments_lead")))
    s2.add(*[Paragraph(s) for s in pair_sentences(ctx, 5)])
    s2.add(*small_segments_note(ctx, seg_nps))
    s2.add(nps_table(ctx))
    shown = [s for s in ctx.segments if seg_nps.get(s) is not None]
    if shown:
        res = [seg_nps[s] for s in shown]
        s2.add(
            Figure(
                charts.intervals(
                    [ctx.seg_label(s) for s in shown],
                    [r.score for r in res if r],
                    [r.ci_low for r in res if r],
                    [r.ci_high for r in res if r],
                    nf,
                    t("ax_nps"),
                    signed=True,
                    reference=overall.score if overall else None,
                    reference_label=t("ref_total", value=nf.signed(overall.score))
                    if overall
                    else None,
                    limits=(-100, 100),
                    annotations=[f"n = {nf.num(r.n)}" for r in res if r],
                ),
                t("cap_nps_segments"),
            )
        )
    if pairs:
        only_sig = len(pairs) > 10
        shown_pairs = [d for d in pairs if d.significant] if only_sig else pairs
        if shown_pairs:
            df = pd.DataFrame(
                {
                    "pair": [
                        f"{ctx.seg_label(d.group)} — {ctx.seg_label(d.versus)}" for d in shown_pairs
                    ],
                    "difference": [d.difference for d in shown_pairs],
                    "p_adjusted": [d.p_adjusted for d in shown_pairs],
                    "sig": [t("yes") if d.significant else t("no") for d in shown_pairs],
                }
            )
            s2.add(
                Table(
                    df,
                    [
                        Column("pair", t("col_pair")),
                        Column("difference", t("col_diff"), "signed0"),
                        Column("p_adjusted", t("col_p"), "p"),
                        Column("sig", t("col_significant")),
                    ],
                    t("cap_nps_pairs"),
                    note=t("nps_pairs_only_significant", k=nf.num(len(pairs)))
                    if only_sig
                    else None,
                    compact=True,
                )
            )
    if ctx.f.breakdowns:
        s3 = sec.child(t("sec_nps_breakdowns"), "nps.breakdowns")
        s3.add(Paragraph(t("breakdown_lead")))
        for b in ctx.f.breakdowns:
            s3.add(*breakdown_blocks(ctx, b))
    return sec


def breakdown_blocks(ctx: ChapterContext, b: Breakdown) -> list[Block]:
    t, nf = ctx.t, ctx.nf
    attr, table = b.attribute, b.table
    ok = table[~table["small_n"] & table["value"].notna()]
    blocks: list[Block] = []
    if len(ok) >= 2:
        best, worst = ok.iloc[0], ok.iloc[-1]
        blocks.append(
            Paragraph(
                t(
                    "breakdown_best_worst",
                    best=best["group"],
                    best_v=ctx.outcome_value(best["value"]),
                    worst=worst["group"],
                    worst_v=ctx.outcome_value(worst["value"]),
                )
            )
        )
    tests = [
        d
        for d in ctx.f.comparisons.of_kind("group_vs_rest")
        if d.attribute == attr and d.metric == ctx.metric
    ]
    if tests:
        stated = [d for d in tests if d.significant]
        for d in stated:
            blocks.append(
                Paragraph(
                    t(
                        "breakdown_sig",
                        name=d.group,
                        diff=nf.signed(d.difference),
                        points=t.points(abs(d.difference)),
                        p=nf.p_value(d.p_adjusted),
                    )
                )
            )
        if not stated:
            blocks.append(Paragraph(t("breakdown_nosig")))
    df = table.copy()
    small = df["small_n"] | df["value"].isna()
    df["value"] = df["value"].astype(object)
    df.loc[small, "value"] = t("n_too_small")
    df["ci"] = [
        "" if s else ctx.ci(lo, hi, ctx.has_nps)
        for s, lo, hi in zip(small, df["ci_low"], df["ci_high"], strict=True)
    ]
    blocks.append(
        Table(
            df,
            [
                Column("group", ctx.attr_label(attr)),
                Column("n", t("col_n"), "int"),
                Column("value", t("col_nps"), ctx.outcome_format),
                Column("ci", t("col_ci")),
            ],
            t("cap_breakdown", name=ctx.attr_label(attr)),
            compact=True,
        )
    )
    return blocks


def pair_sentences(ctx: ChapterContext, limit: int) -> list[str]:
    """The stated differences of the outcome (NPS, or overall satisfaction) between
    segments, largest first, from the lower side."""
    t, nf = ctx.t, ctx.nf
    pairs = [d for d in ctx.f.comparisons.of_kind("segment_pair") if d.metric == ctx.metric]
    if not ctx.has_nps:
        rest = [d for d in ctx.f.comparisons.of_kind("segment_vs_rest") if d.metric == ctx.metric]
        if rest:
            return _vs_rest_sentences(ctx, rest, limit)
    if not pairs:
        return []
    sig = sorted((d for d in pairs if d.significant), key=lambda d: -abs(d.difference))
    if not sig:
        return [t("no_segment_diff")]
    out = []
    for d in sig[:limit]:
        # Say it from the lower segment's side, as clients read "who is worse".
        a, b, diff = d.group, d.versus, d.difference
        if diff > 0:
            a, b, diff = b, a, -diff
        out.append(
            t(
                "nps_diff",
                a=ctx.seg_label(a),
                b=ctx.seg_label(b),
                diff=nf.num(abs(diff)),
                points=t.points(abs(diff)),
                direction=ctx.sig_word(diff),
                p=nf.p_value(d.p_adjusted),
            )
        )
    return out


def _vs_rest_sentences(ctx: ChapterContext, tests: list[Difference], limit: int) -> list[str]:
    t, nf = ctx.t, ctx.nf
    sig = sorted((d for d in tests if d.significant), key=lambda d: -abs(d.difference))
    if not sig:
        return [t("no_segment_diff")]
    return [
        t(
            "overall_vs_rest",
            a=ctx.seg_label(d.group),
            diff=nf.num(abs(d.difference)),
            points=t.points(abs(d.difference)),
            direction=ctx.sig_word(d.difference),
            p=nf.p_value(d.p_adjusted),
        )
        for d in sig[:limit]
    ]


__all__ = ["breakdown_blocks", "nps_chapter", "nps_table", "pair_sentences"]
