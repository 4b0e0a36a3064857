"""Satisfaction chapter: aspect scores and the CSI, by segment, against stated importance."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from reports import charts
from reports.chapters._context import ChapterContext
from reports.model import Column, Figure, Paragraph, Section, Table


def csi_chapter(ctx: ChapterContext) -> Section:
    t, nf = ctx.t, ctx.nf
    aspects, csi, seg_aspects = ctx.f.aspects, ctx.f.csi, ctx.f.segment_aspects
    sec = Section(t("sec_csi"), "csi", new_page=True)
    if aspects.empty or csi is None:
        return sec.add(Paragraph(t("drivers_failed", reason="—")))
    s1 = sec.child(t("sec_csi_aspects"), "csi.aspects")
    k = len(aspects)
    s1.add(
        Paragraph(
            t("csi_lead", k=nf.num(k), aspects=t.noun(k, "сторону", "стороны", "сторон", "aspects"))
        )
    )
    ranked = aspects.sort_values("mean", ascending=False)
    best, worst = ranked.index[0], ranked.index[-1]
    s1.add(
        Paragraph(
            t(
                "csi_index",
                weights_kind=t(f"weights_kind_{csi.kind}"),
                csi=nf.num(csi.value),
                ci=ctx.ci(csi.low, csi.high),
                best=ctx.aspect_label(best),
                best_v=nf.num(ranked["mean"].iloc[0]),
                worst=ctx.aspect_label(worst),
                worst_v=nf.num(ranked["mean"].iloc[-1]),
            )
        )
    )
    labels = [ctx.aspect_label(a) for a in ranked.index]
    s1.add(
        Figure(
            charts.aspect_bars(
                labels, ranked["mean"], ranked["ci_low"], ranked["ci_high"], nf, t("ax_score")
            ),
            t("cap_aspects"),
        )
    )
    df = ranked.assign(label=labels)
    top_k_label = t("col_top2")
    s1.add(
        Table(
            df,
            [
                Column("label", t("col_aspect")),
                Column("mean", t("col_score"), "num0"),
                Column("mean_raw", t("col_mean_raw"), "num2"),
                Column("top_box", top_k_label, "pct0"),
                Column("n", t("col_n"), "int"),
                Column("n_dont_know", t("col_dk"), "int"),
            ],
            t("cap_aspects_table"),
        )
    )
    s2 = sec.child(t("sec_csi_segments"), "csi.segments")
    s2.add(Paragraph(t("csi_segments_lead")))
    # Aspects as rows and segments as columns: the aspect labels are long, segment names short.
    shown = [s for s in ctx.segments if not ctx.small(s)]
    rows: list[dict[str, Any]] = []
    for a in ranked.index:
        row: dict[str, Any] = {"label": ctx.aspect_label(a)}
        for s in shown:
            sc = seg_aspects.scores.get(s, pd.DataFrame())
            v = sc["mean"].get(a, np.nan) if not sc.empty else np.nan
            d = ctx.f.comparisons.find("aspect_by_segment", s, str(a))
            sig = d is not None and d.significant
            row[s] = (nf.num(v) + "*") if sig and np.isfinite(v) else v
        row["all"] = ranked["mean"][a]
        rows.append(row)
    rows.append(
        {
            "label": t("col_index"),
            **{s: seg_aspects.index.get(s, np.nan) for s in shown},
            "all": csi.value,
        }
    )
    rows.append({"label": t("col_n"), **{s: ctx.seg_n[s] for s in shown}, "all": len(ctx.df)})
    cols = [Column("label", t("col_aspect"))]
    cols += [Column(s, ctx.seg_label(s), "num0") for s in shown]
    cols.append(Column("all", t("all_clients"), "num0"))
    small = [ctx.seg_label(s) for s in ctx.segments if ctx.small(s)]
    note = (
        t("small_segments", names=t.join([ctx.quote(x) for x in small]), min_base=ctx.min_base)
        if small
        else None
    )
    s2.add(Table(pd.DataFrame(rows), cols, t("cap_csi_segments"), note=note, compact=True))
    if "importance" in aspects and aspects["importance"].notna().any():
        s3 = sec.child(t("sec_csi_importance"), "csi.importance")
        gap = (aspects["importance"] - aspects["mean"]).sort_values(ascending=False)
        g = gap.index[0]
        s3.add(
            Paragraph(
                t(
                    "sat_imp_lead",
                    name=ctx.aspect_label(g),
                    imp=nf.num(aspects.loc[g, "importance"]),
                    sat=nf.num(aspects.loc[g, "mean"]),
                )
            )
        )
        order = aspects.sort_values("importance", ascending=False)
        s3.add(
            Figure(
                charts.dumbbell(
                    [ctx.aspect_label(a) for a in order.index],
                    order["mean"],
                    order["importance"],
                    nf,
                    t("legend_satisfaction"),
                    t("legend_importance"),
                    t("ax_scale100"),
                ),
                t("cap_sat_imp"),
            )
        )
    return sec


__all__ = ["csi_chapter"]
