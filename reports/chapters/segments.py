"""Segment profiles: each segment's numbers, strengths and pain points, themes and voices."""

from __future__ import annotations

import numpy as np
import pandas as pd

from reports import charts
from reports.chapters._context import ChapterContext, quote_blocks, top_complaint_names
from reports.model import Figure, Paragraph, Section
from reports.sampling import margin_of_error


def segments_chapter(ctx: ChapterContext) -> Section:
    t, nf = ctx.t, ctx.nf
    seg_nps, seg_aspects, texts = ctx.f.nps_by_segment, ctx.f.segment_aspects, ctx.f.verbatims
    sec = Section(t("sec_segments"), "segments", new_page=True)
    overall_scores = ctx.f.aspects
    for s in ctx.segments:
        name = ctx.seg_label(s)
        child = sec.child(t("sec_segment", name=name), f"segment.{s}")
        n = ctx.seg_n[s]
        seg_texts = texts[texts["segment"] == s] if len(texts) else texts
        r = seg_nps.get(s)
        o = ctx.f.overall_by_segment.get(s)
        if ctx.small(s) or (r is None if ctx.has_nps else o is None):
            child.add(
                Paragraph(
                    t(
                        "segment_small",
                        name=name,
                        n=nf.num(n),
                        interviews=t.interviews(n),
                        min_base=ctx.min_base,
                    ),
                    "small_n",
                )
            )
            child.add(*quote_blocks(ctx, seg_texts, 3, with_segment=False))
            continue
        if ctx.has_nps and r is not None:
            value, ci = nf.signed(r.score), ctx.ci(r.ci_low, r.ci_high, True)
        elif o is not None:
            value, ci = nf.num(o.mean), ctx.ci(o.ci_low, o.ci_high)
        pop = ctx.data.population.get(s)
        moe = margin_of_error(n, 0.95, population=pop if pop and pop >= n else None)
        vs_total = ""
        d = ctx.f.comparisons.find("segment_vs_rest", s, ctx.metric)
        if d is not None and d.significant:
            vs_total = t(
                "vs_total_sig", direction=ctx.sig_word(d.difference), p=nf.p_value(d.p_adjusted)
            )
        elif d is not None:
            vs_total = t("vs_total_nosig")
        child.add(
            Paragraph(
                t(
                    "segment_numbers",
                    name=name,
                    n=nf.num(n),
                    interviews=t.interviews(n),
                    of_population=t("of_population", pop=nf.num(pop)) if pop else "",
                    margin=nf.num(100 * moe, 1),
                    nps=value,
                    ci=ci,
                    vs_total=vs_total,
                    csi=nf.num(seg_aspects.index.get(s, np.nan)),
                )
            )
        )
        sc = seg_aspects.scores.get(s, pd.DataFrame())
        if not sc.empty:
            ranked = sc["mean"].sort_values(ascending=False)
            k = min(2, len(ranked) // 2) or 1

            def describe(a: str, s: str = s, sc: pd.DataFrame = sc) -> str:
                text = f"{ctx.quote(ctx.aspect_label(a))} ({nf.num(sc.loc[a, 'mean'])}"
                d = ctx.f.comparisons.find("aspect_by_segment", s, a)
                if d is not None and d.significant:
                    word = "sig_above" if d.difference > 0 else "sig_below"
                    text += ", " + t(word) + ", " + nf.p_value(d.p_adjusted)
                return text + ")"

            child.add(
                Paragraph(t("strengths", items=t.join([describe(a) for a in ranked.index[:k]]))),
                Paragraph(t("pains", items=t.join([describe(a) for a in ranked.index[::-1][:k]]))),
            )
            order = overall_scores["mean"].sort_values(ascending=False).index
            child.add(
                Figure(
                    charts.dumbbell(
                        [ctx.aspect_label(a) for a in order],
                        sc["mean"].reindex(order),
                        overall_scores["mean"][order],
                        nf,
                        name,
                        t("legend_all"),
                        t("ax_scale100"),
                    ),
                    t("cap_segment_profile", name=name),
                )
            )
        themes = top_complaint_names(ctx, seg_texts, 3)
        if themes:
            child.add(Paragraph(t("segment_themes", items=t.join(themes))))
        child.add(*quote_blocks(ctx, seg_texts, 4, with_segment=False))
    return sec


__all__ = ["segments_chapter"]
