"""Drivers chapter: what moves loyalty (relative importance) and the importance-performance
matrix."""

from __future__ import annotations

from reports import charts
from reports.chapters._context import ChapterContext
from reports.ipa import CONCENTRATE_HERE
from reports.model import Column, Figure, Paragraph, Section, Table


def drivers_chapter(ctx: ChapterContext) -> Section:
    t, nf = ctx.t, ctx.nf
    drivers, ipa = ctx.f.drivers, ctx.f.ipa
    sec = Section(t("sec_drivers"), "drivers", new_page=True)
    if drivers is None:
        return sec.add(Paragraph(t("drivers_failed", reason="—")))
    if drivers.error is not None or not drivers.drivers:
        return sec.add(Paragraph(t("drivers_failed", reason=drivers.error or "—")))
    s1 = sec.child(t("sec_drivers_importance"), "drivers.importance")
    d = drivers.frame()
    s1.add(
        Paragraph(
            t(
                "drivers_lead",
                b=nf.num(drivers.bootstrap),
                r2=nf.pct(drivers.r_squared),
                n=nf.num(drivers.n),
            )
        )
    )
    if len(d) >= 2:
        s1.add(
            Paragraph(
                t(
                    "drivers_top",
                    first=ctx.aspect_label(d.index[0]),
                    first_share=nf.pct(d["share"].iloc[0]),
                    second=ctx.aspect_label(d.index[1]),
                    second_share=nf.pct(d["share"].iloc[1]),
                )
            )
        )
    labels = [ctx.aspect_label(a) for a in d.index]
    s1.add(
        Figure(
            charts.driver_bars(labels, d["share"], d["ci_low"], d["ci_high"], nf, t("ax_lmg")),
            t("cap_drivers"),
        )
    )
    s1.add(
        Table(
            d.assign(label=labels),
            [
                Column("label", t("col_aspect")),
                Column("share", t("col_lmg"), "pct0"),
                Column("johnson", t("col_johnson"), "pct0"),
                Column("r", t("col_r"), "num2"),
            ],
            t("cap_drivers_table"),
        )
    )
    if ipa is not None:
        s2 = sec.child(t("sec_drivers_ipa"), "drivers.ipa")
        s2.add(Paragraph(t("ipa_lead")))
        if not (ipa["quadrant"] == CONCENTRATE_HERE).any():
            s2.add(Paragraph(t("rec_no_concentrate")))
        names = {
            q: t(q)
            for q in (
                "concentrate here",
                "keep up the good work",
                "low priority",
                "possible overkill",
            )
        }
        s2.add(
            Figure(
                charts.ipa_matrix(
                    [str(int(rank)) for rank in ipa["fix_first_rank"]],
                    ipa["importance"],
                    ipa["performance"],
                    list(ipa["quadrant"]),
                    names,
                    ipa.attrs["importance_cut"],
                    ipa.attrs["performance_cut"],
                    nf,
                    t("ax_importance"),
                    t("ax_performance"),
                ),
                t("cap_ipa"),
            )
        )
        df = ipa.assign(
            label=[ctx.aspect_label(a) for a in ipa.index],
            quadrant_name=[names[q] for q in ipa["quadrant"]],
        )
        s2.add(
            Table(
                df,
                [
                    Column("fix_first_rank", t("col_rank"), "int"),
                    Column("label", t("col_aspect")),
                    Column("importance", t("col_lmg"), "pct0"),
                    Column("performance", t("col_score"), "num0"),
                    Column("quadrant_name", t("col_quadrant")),
                ],
                t("cap_ipa_table"),
            )
        )
    return sec


__all__ = ["drivers_chapter"]
