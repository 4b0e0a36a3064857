"""Recommendations: the ranked actions of the findings, each said in one sentence."""

from __future__ import annotations

from reports.chapters._context import ChapterContext, shorten
from reports.findings.model import Recommendation
from reports.ipa import CONCENTRATE_HERE
from reports.model import Bullets, Paragraph, Section

QUOTE_LIMIT = 160


def recommendation_text(ctx: ChapterContext, rec: Recommendation) -> str:
    """One recommendation as a sentence in the report's language."""
    t, nf, e = ctx.t, ctx.nf, rec.evidence
    if rec.kind == "improve":
        mentions = ""
        if e.mentions and e.quote:
            mentions = t(
                "rec_mentions",
                k=nf.num(e.mentions),
                quote=shorten(e.quote, QUOTE_LIMIT, inline=True),
            )
        first = bool(ctx.f.driver_ranking) and ctx.f.driver_ranking[0] == rec.subject
        return t(
            "rec_improve_weak" if e.quadrant == CONCENTRATE_HERE else "rec_improve_strong",
            name=ctx.aspect_label(rec.subject),
            lever=t("lever_first" if first else "lever_other"),
            score=nf.num(e.performance),
            share=nf.pct(e.driver_share),
            mentions=mentions,
        )
    if rec.kind == "segment":
        diff = abs(e.difference or 0.0)
        other = (
            t("rec_versus_rest")
            if e.versus == "rest"
            else t("rec_versus_segment", name=ctx.seg_label(e.versus or ""))
        )
        themes = [t.theme(x) for x in e.themes]
        value = e.nps if ctx.has_nps else e.score
        return t(
            "rec_segment",
            name=ctx.seg_label(rec.subject),
            nps=ctx.outcome_value(value) if value is not None else "—",
            diff=nf.num(diff),
            points=t.points(diff),
            other=other,
            themes=t("rec_segment_themes", items=t.join(themes)) if themes else "",
        ).strip()
    if rec.kind == "group":
        attr, _, group = rec.subject.partition("=")
        diff = e.difference or 0.0
        return t(
            "rec_breakdown",
            name=group,
            attribute=ctx.attr_label(attr),
            diff=nf.signed(diff),
            points=t.points(abs(diff)),
        )
    if rec.kind == "theme":
        return t(
            "rec_theme",
            theme=t.theme(rec.subject),
            share=nf.pct(e.share_of_detractors),
            quote=shorten(e.quote or "", QUOTE_LIMIT, inline=True),
        )
    if rec.kind == "detractors":
        k = e.clients or 0
        return t("rec_detractors", k=nf.num(k), clients=t.clients(k))
    if rec.kind == "watch":
        return t(
            "rec_watch",
            name=ctx.aspect_label(rec.subject),
            score=nf.num(e.performance),
            share=nf.pct(e.driver_share),
        )
    items = t.join([ctx.quote(ctx.aspect_label(a)) for a in e.aspects])
    return t("rec_hold", items=items)


def empty_quadrant_note(ctx: ChapterContext) -> str | None:
    """Say so when no aspect is both important and weak, instead of filling the gap."""
    ipa = ctx.f.ipa
    if ipa is None or (ipa["quadrant"] == CONCENTRATE_HERE).any():
        return None
    return ctx.t("rec_no_concentrate")


def recommendations_chapter(ctx: ChapterContext) -> Section:
    t = ctx.t
    sec = Section(t("sec_recommendations"), "recommendations", new_page=True)
    sec.add(Paragraph(t("rec_lead")))
    note = empty_quadrant_note(ctx)
    if note:
        sec.add(Paragraph(note))
    texts = [recommendation_text(ctx, r) for r in ctx.f.recommendations]
    if texts:
        sec.add(Bullets(texts, checklist=True))
    return sec


__all__ = ["empty_quadrant_note", "recommendation_text", "recommendations_chapter"]
