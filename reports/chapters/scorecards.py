"""Scorecards: each account manager's NPS against what her clients' mix predicts.

In a study without NPS the chapter adjusts overall satisfaction (0-100) the same way, and
its words (:mod:`reports.texts_csi_only`) say so.

The figures come from :mod:`reports.findings.scorecards`; only differences that survive
the report-wide correction (:mod:`reports.findings.family`) are stated as differences.
"""

from __future__ import annotations

import math

import pandas as pd

from reports import charts
from reports.chapters._context import ChapterContext, verbatim_line
from reports.findings.model import Scorecard, Scorecards
from reports.model import Block, CellFormat, Column, Figure, Paragraph, Section, Table

#: Open answers quoted per group.
VOICES = 3


def scorecards_chapter(ctx: ChapterContext) -> Section | None:
    cards = ctx.f.scorecards
    if cards is None or not cards.cards:
        return None
    t = ctx.t
    name = ctx.attr_label(cards.attribute)
    sec = Section(t("sec_scorecards", name=name), "scorecards", new_page=True)
    sec.add(Paragraph(t("scorecards_intro")))
    sec.add(*_claims(ctx, cards))
    sec.add(_table(ctx, cards, name))
    tested = [c for c in cards.cards if c.p is not None]
    if tested:
        sec.add(
            Figure(
                charts.forest(
                    [c.group for c in tested],
                    [c.adjusted for c in tested],
                    [c.ci_low for c in tested],
                    [c.ci_high for c in tested],
                    [_significant(ctx, cards, c) for c in tested],
                    ctx.nf,
                    t("axis_adjusted"),
                ),
                t("cap_scorecards_chart", name=name),
            )
        )
    if any(c.p is None for c in cards.cards):
        sec.add(Paragraph(t("scorecards_small", min_base=ctx.min_base), "note"))
    aspects = _aspect_table(ctx, cards, name)
    if aspects is not None:
        owned = [ctx.aspect_label(a) for a in cards.owned]
        note = (
            t(
                "scorecards_aspects_note",
                aspects="», «".join(owned) if t.lang == "ru" else "”, “".join(owned),
            )
            if owned
            else t("scorecards_aspects_untested")
        )
        sec.add(aspects, Paragraph(note, "note"))
    voices = sec.child(t("sec_scorecard_voices", name=name), "scorecards.voices")
    voices.add(Paragraph(t("scorecard_voices_lead")))
    for c in cards.cards:
        if c.verbatims.empty:
            continue
        voices.add(Paragraph(c.group, "lead"))
        for _, row in c.verbatims.head(VOICES).iterrows():
            voices.add(Paragraph(verbatim_line(ctx, row, with_segment=True), "verbatim"))
    return sec


def _significant(ctx: ChapterContext, cards: Scorecards, card: Scorecard) -> bool:
    d = ctx.f.comparisons.find("group_adjusted", card.group, ctx.metric, cards.attribute)
    return d is not None and d.significant


def _claims(ctx: ChapterContext, cards: Scorecards) -> list[Block]:
    t, nf = ctx.t, ctx.nf
    tested = [c for c in cards.cards if c.p is not None]
    stated = [
        (c, d)
        for c in tested
        if (d := ctx.f.comparisons.find("group_adjusted", c.group, ctx.metric, cards.attribute))
        is not None
        and d.significant
    ]
    aspect_blocks = _aspect_claims(ctx, cards)
    if not stated:
        nosig = t("scorecards_nosig", k=nf.num(len(ctx.f.comparisons.family)))
        return [Paragraph(nosig), *aspect_blocks]
    blocks: list[Block] = []
    leader = tested[0]
    lead = next((d for c, d in stated if c is leader), None)
    if lead is not None and leader.adjusted > 0 and math.isfinite(_observed(leader)[0]):
        blocks.append(
            Paragraph(
                t(
                    "scorecards_leader",
                    name=leader.group,
                    nps=ctx.outcome_value(_observed(leader)[0]),
                    diff=nf.num(leader.adjusted),
                    points=t.points(abs(leader.adjusted)),
                    expected=ctx.outcome_value(leader.expected),
                    p=nf.p_value(lead.p_adjusted),
                )
            )
        )
        raw = sorted(
            tested,
            key=lambda c: -v if math.isfinite(v := _observed(c)[0]) else math.inf,
        )
        rank = raw.index(leader) + 1
        if rank > 1 and leader.mix:
            segment, count = max(leader.mix.items(), key=lambda kv: kv[1])
            blocks.append(
                Paragraph(
                    t(
                        "scorecards_leader_raw",
                        name=leader.group,
                        rank=rank,
                        share=nf.pct(count / leader.n),
                        segment=ctx.seg_label(segment),
                    )
                )
            )
    for c, d in stated:
        if c is leader and lead is not None and leader.adjusted > 0:
            continue
        blocks.append(
            Paragraph(
                t(
                    "scorecards_sig",
                    name=c.group,
                    diff=nf.num(abs(c.adjusted)),
                    points=t.points(abs(c.adjusted)),
                    direction=t("scorecards_above" if c.adjusted > 0 else "scorecards_below"),
                    p=nf.p_value(d.p_adjusted),
                )
            )
        )
    return blocks + aspect_blocks


def _aspect_claims(ctx: ChapterContext, cards: Scorecards) -> list[Block]:
    """The aspect differences from the client mix that survive the report's correction."""
    t, nf = ctx.t, ctx.nf
    blocks: list[Block] = []
    for c in cards.cards:
        for aspect, row in c.aspects_adjusted.iterrows():
            d = ctx.f.comparisons.find("group_adjusted", c.group, str(aspect), cards.attribute)
            if d is None or not d.significant:
                continue
            score = c.aspects["mean"].get(aspect, math.nan) if not c.aspects.empty else math.nan
            blocks.append(
                Paragraph(
                    t(
                        "scorecards_aspect_sig",
                        name=c.group,
                        aspect=ctx.aspect_label(str(aspect)),
                        score=nf.num(score),
                        diff=nf.num(abs(d.difference)),
                        points=t.points(abs(d.difference)),
                        direction=t("scorecards_above" if d.difference > 0 else "scorecards_below"),
                        expected=nf.num(row["expected"]),
                        p=nf.p_value(d.p_adjusted),
                    )
                )
            )
    return blocks


def _observed(card: Scorecard) -> tuple[float, float, float]:
    """The group's own outcome with its interval: NPS, or overall satisfaction (0-100)."""
    if card.nps is not None:
        return card.nps.score, card.nps.ci_low, card.nps.ci_high
    if card.overall is not None:
        return card.overall.mean, card.overall.ci_low, card.overall.ci_high
    return math.nan, math.nan, math.nan


def _table(ctx: ChapterContext, cards: Scorecards, name: str) -> Table:
    t = ctx.t
    signed = ctx.has_nps
    fmt: CellFormat = "signed0" if signed else "num0"
    rows = []
    for c in cards.cards:
        tested = c.p is not None
        value, low, high = _observed(c)
        row: dict[str, object] = {
            "group": c.group,
            "n": c.n,
            "nps": value,
            "ci": _span(ctx, low, high, signed=signed),
            "expected": c.expected,
            "adjusted": c.adjusted if tested else t("n_too_small"),
            "ci_adjusted": _span(ctx, c.ci_low, c.ci_high) if tested else "",
        }
        row.update({f"mix.{s}": c.mix.get(s, 0) for s in ctx.segments})
        rows.append(row)
    return Table(
        pd.DataFrame(rows),
        [
            Column("group", name),
            Column("n", t("col_n"), "int"),
            Column("nps", t("col_nps"), fmt),
            Column("ci", t("col_ci")),
            Column("expected", t("col_expected"), fmt),
            Column("adjusted", t("col_adjusted"), "signed0"),
            Column("ci_adjusted", t("col_ci")),
        ]
        + [Column(f"mix.{s}", ctx.seg_label(s), "int") for s in ctx.segments],
        t("cap_scorecards", name=name),
        compact=True,
    )


def _span(ctx: ChapterContext, low: float, high: float, signed: bool = True) -> str:
    """A compact interval for narrow table cells: ``−12…+8``."""
    if not (math.isfinite(low) and math.isfinite(high)):
        return ""
    f = ctx.nf.signed if signed else ctx.nf.num
    return f"{f(low)}…{f(high)}"


def _aspect_table(ctx: ChapterContext, cards: Scorecards, name: str) -> Table | None:
    aspects = ctx.study.aspects
    if not aspects:
        return None
    rows = []
    for c in cards.cards:
        if c.aspects.empty:
            continue
        row: dict[str, object] = {"group": c.group}
        for a in aspects:
            if a in c.aspects.index:
                r = c.aspects.loc[a]
                span = _span(ctx, r["ci_low"], r["ci_high"], signed=False)
                row[a] = f"{ctx.nf.num(r['mean'])} ({span}; {ctx.nf.num(r['n'])})"
        rows.append(row)
    if not rows:
        return None
    return Table(
        pd.DataFrame(rows),
        [Column("group", name)] + [Column(a, ctx.aspect_label(a)) for a in aspects],
        ctx.t("cap_scorecard_aspects", name=name),
        compact=True,
    )


__all__ = ["scorecards_chapter"]
