"""What clients say: themes of the open answers and typical answers by NPS group."""

from __future__ import annotations

from reports import charts
from reports.chapters._context import ChapterContext, headline, shorten, verbatim_line
from reports.findings.voices import pick_quotes
from reports.model import Column, Figure, Paragraph, Section, Table
from reports.themes import NO_THEME

VERBATIMS_PER_GROUP = 4


def verbatims_chapter(ctx: ChapterContext) -> Section:
    t, nf = ctx.t, ctx.nf
    texts, theme_table = ctx.f.verbatims, ctx.f.theme_table
    sec = Section(t("sec_verbatims"), "verbatims", new_page=True)
    if texts.empty:
        return sec.add(Paragraph(t("no_verbatims")))
    s1 = sec.child(t("sec_themes"), "verbatims.themes")
    n = int(theme_table.attrs.get("n_verbatims", len(texts)))
    unmatched = int(theme_table["count"].get(NO_THEME, 0))
    s1.add(
        Paragraph(
            t(
                "themes_lead",
                n=nf.num(n),
                unmatched=t("themes_unmatched", k=nf.num(unmatched), answers=t.answers(unmatched))
                if unmatched
                else "",
            )
        )
    )
    themed = theme_table.drop(index=NO_THEME, errors="ignore")
    themed = themed[themed["count"] > 0]
    if len(themed):
        s1.add(
            Figure(
                charts.count_bars(
                    [t.theme(x) for x in themed.index], themed["share"], nf, t("ax_theme_share")
                ),
                t("cap_themes"),
            )
        )
        df = themed.assign(label=[t.theme(x) for x in themed.index])
        s1.add(
            Table(
                df,
                [
                    Column("label", t("col_theme")),
                    Column("count", t("col_count"), "int"),
                    Column("share", t("col_share_verbatims"), "pct0"),
                    Column("complaint", t("col_complaints"), "int"),
                    Column("praise", t("col_praise"), "int"),
                    Column("neutral", t("col_neutral"), "int"),
                ],
                t("cap_themes_table"),
                compact=True,
            )
        )
    sec.add(Paragraph(t("verbatims_lead")))
    for qid in dict.fromkeys(texts["question"]):
        q = ctx.data.script.by_id.get(str(qid))
        qtext = headline(q.text.get(t.lang, "") if q else str(qid), t.lang)
        child = sec.child(shorten(qtext, 150), f"verbatims.{qid}")
        sub = texts[texts["question"] == qid]
        for g in ("detractor", "passive", "promoter"):
            part = sub[sub["nps_group"] == g]
            if part.empty:
                continue
            child.add(
                Paragraph(
                    t(
                        "verbatim_group",
                        group=t(g + "s"),
                        n=nf.num(len(part)),
                        answers=t.answers(len(part)),
                    ),
                    "lead",
                )
            )
            for row in pick_quotes(part, VERBATIMS_PER_GROUP):
                child.add(Paragraph(verbatim_line(ctx, row, True), "verbatim"))
    return sec


__all__ = ["verbatims_chapter"]
