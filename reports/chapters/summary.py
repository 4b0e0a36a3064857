"""Executive summary: the key figures, the stated differences and what to do first.

Every number it states is in the findings (and so in the facts file).
"""

from __future__ import annotations

import numpy as np

from reports.chapters._context import ChapterContext
from reports.chapters.nps import pair_sentences
from reports.chapters.overall import group_shares
from reports.chapters.recommendations import empty_quadrant_note, recommendation_text
from reports.data import localized
from reports.findings.model import LOYALTY_GROUPS
from reports.model import Bullets, Paragraph, Section

#: How many actions the summary lists, and which kinds are actions to do first.
SUMMARY_ACTIONS = 3
FIRST_ACTIONS = ("improve", "segment", "group", "theme", "detractors")


def summary_chapter(ctx: ChapterContext) -> Section:
    t, nf, f = ctx.t, ctx.nf, ctx.f
    fw = ctx.data.fieldwork
    sec = Section(t("sec_summary"), "summary", new_page=True)
    n = f.n
    sec.add(
        Paragraph(
            t(
                "summary_lead",
                start=nf.date(fw.fieldwork_start),
                end=nf.date(fw.fieldwork_end),
                n=nf.num(n),
                clients=t.clients(n),
                client=localized(fw.client, t.lang),
            ),
            "lead",
        )
    )
    findings: list[str] = []
    overall = f.nps
    if overall is not None:
        findings.append(
            t(
                "summary_nps",
                nps=nf.signed(overall.score),
                ci=ctx.ci(overall.ci_low, overall.ci_high, True),
                p=nf.pct(overall.promoters),
                pas=nf.pct(overall.passives),
                d=nf.pct(overall.detractors),
            )
        )
    if not ctx.has_nps and f.overall is not None:
        shares = group_shares(ctx, np.ones(f.n, dtype=bool))
        findings.append(
            t(
                "summary_overall",
                score=nf.num(f.overall.mean),
                ci=ctx.ci(f.overall.ci_low, f.overall.ci_high),
                sat=nf.pct(shares[LOYALTY_GROUPS[2]]),
                neu=nf.pct(shares[LOYALTY_GROUPS[1]]),
                dis=nf.pct(shares[LOYALTY_GROUPS[0]]),
            )
        )
    if f.csi is not None:
        findings.append(t("summary_csi", csi=nf.num(f.csi.value), ci=ctx.ci(f.csi.low, f.csi.high)))
    if not f.aspects.empty:
        ranked = f.aspects["mean"].sort_values(ascending=False)
        k = min(3, len(ranked) // 2) or 1
        strong = [
            t("aspect_with_score", name=ctx.quote(ctx.aspect_label(str(a))), score=nf.num(v))
            for a, v in ranked.head(k).items()
        ]
        weak = [
            t("aspect_with_score", name=ctx.quote(ctx.aspect_label(str(a))), score=nf.num(v))
            for a, v in ranked.tail(k)[::-1].items()
        ]
        findings.append(
            t("summary_strong", items=t.join(strong)) + " " + t("summary_weak", items=t.join(weak))
        )
    findings.extend(pair_sentences(ctx, 3))
    if f.drivers is not None and f.drivers.drivers:
        top = f.drivers.drivers[:2]
        items = [
            t(
                "aspect_with_score",
                name=ctx.quote(ctx.aspect_label(d.aspect)),
                score=nf.pct(d.share),
            )
            for d in top
        ]
        findings.append(t("summary_drivers", items=t.join(items)))
    findings.append(t("summary_weighted" if f.weighted else "summary_unweighted"))
    sec.add(Bullets(findings))
    actions = [r for r in f.recommendations if r.kind in FIRST_ACTIONS][:SUMMARY_ACTIONS]
    if actions:
        sec.add(Paragraph(t("summary_actions")))
        note = empty_quadrant_note(ctx)
        if note:
            sec.add(Paragraph(note))
        sec.add(Bullets([recommendation_text(ctx, r) for r in actions], True))
    return sec


__all__ = ["summary_chapter"]
