"""Open answers: scrubbed verbatims, their theme mentions with polarity, and theme counts.

Every open answer passes :func:`reports.privacy.scrub_contacts` before it is used, then
:mod:`reports.themes` codes it into theme *mentions*, each praise, complaint or neutral
by the answer's own words (negation, wishes, comparisons) or, where the words do not
judge, by the respondent's own rating of the aspect that theme is about
(:func:`answer_ratings`). Polarity belongs to a mention, not to an answer: "prices are
fine, delivery is late" praises prices and complains about delivery.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable

import pandas as pd

from reports.data import SEGMENT
from reports.findings.model import Polarity, PreparedStudy, ThemeFinding
from reports.privacy import scrub_contacts
from reports.themes import NO_THEME, code_themes, theme_counts, verbatims

NPS_GROUPS = ("detractor", "passive", "promoter")
#: ``nps_group`` holds the loyalty group (:data:`reports.findings.model.LOYALTY_GROUPS`) of
#: the study's outcome: NPS groups, or the dissatisfied/neutral/satisfied without NPS.
#: ``themes``: the themes an answer mentions; ``polarity``: theme -> praise / complaint /
#: neutral of each mention; ``ratings``: theme -> the respondent's own rating 0..1.
VERBATIM_COLUMNS = [
    "respondent",
    "question",
    "nps_group",
    "segment",
    "text",
    "themes",
    "polarity",
    "ratings",
]
#: Order of polarities in the findings: what to fix first.
POLARITY_ORDER: tuple[Polarity, ...] = ("complaint", "praise", "neutral")


def verbatim_table(study: PreparedStudy, lang: str) -> pd.DataFrame:
    """One row per open answer (scrubbed), with the themes it mentions and their polarity."""
    qs = [q for q in study.roles.open_answers if q in study.df.columns]
    if not qs:
        return pd.DataFrame(columns=VERBATIM_COLUMNS)
    v = verbatims(study.df, qs, nps_column=study.roles.nps, segment=SEGMENT)
    if v.empty:
        return pd.DataFrame(columns=VERBATIM_COLUMNS)
    if study.roles.nps is None:  # the groups of overall satisfaction take NPS's place
        v["nps_group"] = study.groups.reindex(v["respondent"]).to_numpy()
    v["text"] = v["text"].map(lambda s: scrub_contacts(str(s), lang))
    ratings = answer_ratings(study, v["respondent"])
    coded = code_themes(v["text"], study.themes, ratings=ratings)
    polarity: dict[Hashable, dict[str, Polarity]] = {}
    for answer, theme, side in zip(coded["answer"], coded["theme"], coded["polarity"], strict=True):
        polarity.setdefault(answer, {})[str(theme)] = side
    per_answer = [polarity.get(label, {}) for label in v.index]
    return v.assign(
        themes=[list(p) for p in per_answer],
        polarity=pd.Series(per_answer, index=v.index, dtype=object),
        ratings=pd.Series(ratings, index=v.index, dtype=object),
    )


def answer_ratings(study: PreparedStudy, respondents: Iterable[Hashable]) -> list[dict[str, float]]:
    """Per answer, its respondent's own rating of each aspect that has a theme, on 0..1.

    The tie-breaker of :mod:`reports.themes.coding` for mentions whose words do not judge
    ("about delivery: we use your warehouse" from a client who rated delivery 1 of 5 is a
    complaint). Ratings are rescaled from the satisfaction grid's scale (``lo`` -> 0,
    ``hi`` -> 1); special codes ("don't know") and missing ratings give no entry; several
    aspects of one theme give their mean.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> from reports.themes import default_themes
    >>> df = pd.DataFrame({"sat.delivery": [1.0, 4.0, None]}, index=["a", "b", "c"])
    >>> study = SimpleNamespace(df=df, sat_cols={"delivery": "sat.delivery"},
    ...     sat_scale=(1.0, 5.0), themes=default_themes(), roles=SimpleNamespace(
    ...     satisfaction=None, importance=None), data=None)
    >>> answer_ratings(study, ["a", "b", "c"])
    [{'delivery': 0.0}, {'delivery': 0.75}, {}]
    """
    lo, hi = study.sat_scale
    by_theme: dict[str, list[str]] = {}
    for aspect, column in study.sat_cols.items():
        theme = aspect_theme(study, aspect)
        if theme is not None and column in study.df.columns:
            by_theme.setdefault(theme, []).append(column)
    out: list[dict[str, float]] = []
    for respondent in respondents:
        ratings: dict[str, float] = {}
        for theme, columns in by_theme.items():
            values = pd.to_numeric(study.df.loc[respondent, columns], errors="coerce")
            values = values[(values >= lo) & (values <= hi)]
            if hi > lo and len(values):
                ratings[theme] = float((values.mean() - lo) / (hi - lo))
        out.append(ratings)
    return out


def aspect_theme(study: PreparedStudy, aspect: str) -> str | None:
    """The theme of the dictionary that talks about ``aspect``, if any: a theme named
    like the aspect, else one whose name has the aspect's id as a word, else the first
    theme the aspect's label (in any language of the script) mentions."""
    names = study.themes.names
    if aspect in names:
        return aspect
    for name in names:
        if aspect in name.split():
            return name
    for qid in (study.roles.satisfaction, study.roles.importance):
        q = study.data.script.by_id.get(qid) if qid else None
        for row in getattr(q, "rows", ()):
            if row.id == aspect:
                for label in row.label.values():
                    hits = study.themes.match(label)
                    if hits:
                        return str(hits[0])
    return None


def complaining(texts: pd.DataFrame, theme: str) -> pd.DataFrame:
    """The answers that complain about ``theme`` (praise is never a complaint's evidence)."""
    if texts.empty:
        return texts
    return texts[texts["polarity"].map(lambda p: p.get(theme) == "complaint")]


def theme_overview(study: PreparedStudy, texts: pd.DataFrame) -> pd.DataFrame:
    """Counts, shares, the split into complaints, praise and neutral mentions, and
    examples of every theme over all open answers (:func:`reports.themes.theme_counts`)."""
    if texts.empty:
        return pd.DataFrame()
    return theme_counts(
        texts["text"].reset_index(drop=True),
        study.themes,
        examples=1,
        ratings=list(texts["ratings"]),
    )


def theme_findings(texts: pd.DataFrame) -> tuple[ThemeFinding, ...]:
    """Every (open question, theme, polarity) that comes up, with its mentions by NPS group.

    Within a question, themes come most mentioned first and each theme's complaints
    before its praise and neutral mentions.
    """
    if texts.empty:
        return ()
    out = []
    for question in dict.fromkeys(texts["question"]):
        sub = texts[texts["question"] == question]
        counts: dict[str, dict[Polarity, dict[str, int]]] = {}
        for sides, group in zip(sub["polarity"], sub["nps_group"], strict=True):
            for theme, side in sides.items():
                if theme == NO_THEME:
                    continue
                per = counts.setdefault(theme, {}).setdefault(side, dict.fromkeys(NPS_GROUPS, 0))
                key = group if isinstance(group, str) and group in per else "unknown"
                per[key] = per.get(key, 0) + 1
        total = {th: sum(sum(g.values()) for g in by.values()) for th, by in counts.items()}
        for theme in sorted(counts, key=lambda th: -total[th]):
            for side in POLARITY_ORDER:
                by_group = counts[theme].get(side)
                if by_group is None:
                    continue
                out.append(
                    ThemeFinding(
                        question=str(question),
                        theme=theme,
                        polarity=side,
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


def top_complaints(study: PreparedStudy, texts: pd.DataFrame, k: int) -> list[str]:
    """The ``k`` themes most complained about in ``texts`` (ties in dictionary order);
    praise and neutral mentions do not count."""
    if texts.empty:
        return []
    counts: dict[str, int] = {}
    for sides in texts["polarity"]:
        for theme, side in sides.items():
            if side == "complaint":
                counts[theme] = counts.get(theme, 0) + 1
    names = study.themes.names
    ranked = sorted(
        counts.items(), key=lambda kv: (-kv[1], names.index(kv[0]) if kv[0] in names else 0)
    )
    return [name for name, _ in ranked[:k]]


__all__ = [
    "POLARITY_ORDER",
    "VERBATIM_COLUMNS",
    "answer_ratings",
    "aspect_theme",
    "complaining",
    "pick_quotes",
    "theme_findings",
    "theme_overview",
    "top_complaints",
    "verbatim_table",
]
