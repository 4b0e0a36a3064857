"""Open answers: scrubbed verbatims, their themes, and how often each theme comes up.

Every open answer passes :func:`reports.privacy.scrub_contacts` before it is used.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

import pandas as pd

from reports.data import SEGMENT
from reports.findings.model import Polarity, PreparedStudy, ThemeFinding
from reports.privacy import scrub_contacts
from reports.themes import NO_THEME, theme_counts, verbatims

NPS_GROUPS = ("detractor", "passive", "promoter")
#: ``nps_group`` holds the loyalty group (:data:`reports.findings.model.LOYALTY_GROUPS`) of
#: the study's outcome: NPS groups, or the dissatisfied/neutral/satisfied without NPS.
VERBATIM_COLUMNS = ["respondent", "question", "nps_group", "segment", "text", "themes", "polarity"]


def verbatim_table(study: PreparedStudy, lang: str) -> pd.DataFrame:
    """One row per open answer (scrubbed), with the themes it touches."""
    qs = [q for q in study.roles.open_answers if q in study.df.columns]
    if not qs:
        return pd.DataFrame(columns=VERBATIM_COLUMNS)
    v = verbatims(study.df, qs, nps_column=study.roles.nps, segment=SEGMENT)
    if v.empty:
        return pd.DataFrame(columns=VERBATIM_COLUMNS)
    if study.roles.nps is None:  # the groups of overall satisfaction take NPS's place
        v["nps_group"] = study.groups.reindex(v["respondent"]).to_numpy()
    v["text"] = v["text"].map(lambda s: scrub_contacts(str(s), lang))
    v = v.assign(themes=v["text"].map(study.themes.match))
    return v.assign(polarity=answer_polarity(v, study.roles.improvement))


def answer_polarity(texts: pd.DataFrame, improvement: Collection[str] = ()) -> list[Polarity]:
    """Whether each open answer praises or complains: the one switch point for polarity.

    Stand-in until :mod:`reports.themes` tags polarity from the words of each answer: an
    answer takes the polarity of its question, judged by who answered it - a question
    only passives and detractors answered (routed to them: "what should we improve?")
    holds complaints, one only promoters answered holds praise, any other question
    (a closing comment, asked of everybody) is neutral; a question the script declares
    ``role: improvement`` ("what should we improve?") holds complaints. ``texts`` has the
    columns of :func:`verbatim_table`; the text column is there for a word-based rule to
    use. The groups are the loyalty groups of the study's outcome (``nps_group``).
    """
    groups: dict[str, set[str]] = {}
    for q, g in zip(texts["question"], texts["nps_group"], strict=True):
        groups.setdefault(str(q), set()).add(g if isinstance(g, str) else "")
    side: dict[str, Polarity] = {}
    for q, seen in groups.items():
        if q in improvement or seen <= {"passive", "detractor"}:
            side[q] = "complaint"
        elif seen == {"promoter"}:
            side[q] = "praise"
        else:
            side[q] = "neutral"
    return [side[str(q)] for q in texts["question"]]


def theme_overview(study: PreparedStudy, texts: pd.DataFrame) -> pd.DataFrame:
    """Counts, shares and an example of every theme over all open answers."""
    if texts.empty:
        return pd.DataFrame()
    return theme_counts(texts["text"], study.themes, examples=1)


def theme_polarity(polarities: Mapping[str, int]) -> Polarity:
    """A theme's polarity in one question: what two thirds or more of its mentions say
    (see :func:`answer_polarity`), else neutral."""
    total = sum(polarities.values())
    for side in ("praise", "complaint"):
        if total and polarities.get(side, 0) / total >= 2 / 3:
            return "praise" if side == "praise" else "complaint"
    return "neutral"


def theme_findings(texts: pd.DataFrame) -> tuple[ThemeFinding, ...]:
    """Every (open question, theme) that comes up, with its mentions by NPS group."""
    if texts.empty:
        return ()
    out = []
    for question in dict.fromkeys(texts["question"]):
        sub = texts[texts["question"] == question]
        counts: dict[str, dict[str, int]] = {}
        sides: dict[str, dict[str, int]] = {}
        for tags, group, side in zip(sub["themes"], sub["nps_group"], sub["polarity"], strict=True):
            for theme in tags:
                if theme == NO_THEME:
                    continue
                said = sides.setdefault(theme, {})
                said[side] = said.get(side, 0) + 1
                per = counts.setdefault(theme, dict.fromkeys(NPS_GROUPS, 0))
                if isinstance(group, str) and group in per:
                    per[group] += 1
                else:
                    per.setdefault("unknown", 0)
                    per["unknown"] += 1
        for theme, by_group in sorted(counts.items(), key=lambda kv: -sum(kv[1].values())):
            out.append(
                ThemeFinding(
                    question=str(question),
                    theme=theme,
                    polarity=theme_polarity(sides[theme]),
                    mentions=sum(by_group.values()),
                    by_group=by_group,
                )
            )
    return tuple(out)


def pick_quotes(texts: pd.DataFrame, k: int) -> list[pd.Series]:
    """Informative answers first: more themes, then longer (but not rambling)."""
    if texts.empty:
        return []
    t = texts.assign(_len=texts["text"].str.len())
    t = t[(t["_len"] >= 12)].drop_duplicates("text")
    t = t.assign(_th=t["themes"].map(len) if "themes" in t else 0)
    t = t.assign(_fit=-(t["_len"] - 140).abs())
    t = t.sort_values(["_th", "_fit"], ascending=[False, False], kind="stable")
    return [row for _, row in t.head(k).iterrows()]


def top_themes(study: PreparedStudy, texts: pd.DataFrame, k: int) -> list[str]:
    """The ``k`` themes most often raised in ``texts`` (ties in dictionary order)."""
    if texts.empty:
        return []
    counts: dict[str, int] = {}
    for ts in texts["themes"]:
        for th in ts:
            counts[th] = counts.get(th, 0) + 1
    names = study.themes.names
    ranked = sorted(
        counts.items(), key=lambda kv: (-kv[1], names.index(kv[0]) if kv[0] in names else 0)
    )
    return [name for name, _ in ranked[:k]]


__all__ = [
    "answer_polarity",
    "pick_quotes",
    "theme_findings",
    "theme_overview",
    "theme_polarity",
    "top_themes",
    "verbatim_table",
]
