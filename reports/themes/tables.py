"""Open answers as tables: verbatims in long form, theme mentions, counts by polarity.

Open answers are where clients explain their scores ("delivery is always late"). The
report shows them grouped by question, by NPS group (promoter / passive / detractor) and
by segment, and counts *themes* coded with a dictionary a research lead can read and edit
(:mod:`reports.themes.dictionary`) by explainable rules (:mod:`reports.themes.coding`):
every mention is praise, complaint or neutral, and says which words made it so.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from reports.errors import ReportInputError
from reports.nps import nps_group
from reports.themes.coding import POLARITIES, code_mentions
from reports.themes.dictionary import ThemeDictionary, default_themes
from reports.themes.words import fold

NO_THEME = "(no theme)"
MENTION_COLUMNS = ["answer", "theme", "polarity", "theme_words", "evidence", "decided_by", "text"]


def normalize_text(text: str) -> str:
    """Lower-case (``casefold``) and fold "ё" into "е" so spelling variants match.

    Examples
    --------
    >>> normalize_text("Ещё ЁЛКА")
    'еще елка'
    """
    return fold(text)


def _texts(texts: Iterable[Any]) -> pd.Series:
    s = texts if isinstance(texts, pd.Series) else pd.Series(list(texts), dtype=object)
    return s.map(lambda v: v.strip() if isinstance(v, str) else v).replace("", np.nan)


def code_themes(
    texts: Iterable[Any],
    dictionary: ThemeDictionary | None = None,
    *,
    ratings: Sequence[Mapping[str, float] | None] | None = None,
) -> pd.DataFrame:
    """One row per (answer, theme) mention: the table form of :func:`code_mentions`.

    Columns ``answer`` (the input's index label), ``theme``, ``polarity`` ("praise",
    "complaint" or "neutral"), ``theme_words`` and ``evidence`` (tuples of words, the
    explanation), ``decided_by`` ("text", "rating" or "none") and ``text``.

    Examples
    --------
    >>> m = code_themes(["Доставка не всегда вовремя", "Цены адекватные, есть скидки"])
    >>> m[["answer", "theme", "polarity"]].values.tolist()
    [[0, 'delivery', 'complaint'], [0, 'speed', 'complaint'], [1, 'price', 'praise']]
    """
    s = _texts(texts)
    mentions = code_mentions(s.dropna(), dictionary, ratings=_aligned(ratings, s))
    return pd.DataFrame(
        [
            (m.index, m.theme, m.polarity, m.theme_words, m.evidence, m.decided_by, m.text)
            for m in mentions
        ],
        columns=MENTION_COLUMNS,
    )


def _aligned(
    ratings: Sequence[Mapping[str, float] | None] | None, s: pd.Series
) -> list[Mapping[str, float] | None] | None:
    if ratings is None:
        return None
    if len(ratings) != len(s):
        raise ReportInputError(
            f"ratings has {len(ratings)} entries for {len(s)} answers; give one per answer"
        )
    keep = s.notna().to_numpy()
    return [r for r, k in zip(ratings, keep, strict=True) if k]


def tag_themes(
    texts: Iterable[Any],
    dictionary: ThemeDictionary | None = None,
    *,
    polarity: str | None = None,
) -> pd.DataFrame:
    """One boolean column per theme: does each verbatim mention it? (same index as input).

    With ``polarity`` ("praise", "complaint" or "neutral") only mentions of that polarity
    count.
    """
    d = dictionary or default_themes()
    s = _texts(texts)
    out = pd.DataFrame(False, index=s.index, columns=d.names)
    m = code_themes(s, d)
    if polarity is not None:
        m = m[m["polarity"] == polarity]
    for answer, theme in zip(m["answer"], m["theme"], strict=True):
        out.loc[answer, theme] = True
    return out


def theme_counts(
    texts: Iterable[Any],
    dictionary: ThemeDictionary | None = None,
    *,
    examples: int = 3,
    include_unmatched: bool = True,
    ratings: Sequence[Mapping[str, float] | None] | None = None,
) -> pd.DataFrame:
    """How many verbatims mention each theme, split by polarity, with example verbatims.

    Returns
    -------
    DataFrame
        Indexed by theme, sorted by count (descending), columns ``count`` (verbatims
        mentioning the theme), ``share`` (of non-empty verbatims; a verbatim can count in
        several themes), ``praise``, ``complaint`` and ``neutral`` (the count split by the
        polarity of the mention; they add up to ``count``), ``examples`` (up to
        ``examples`` verbatims, shortest first, complaints first) and
        ``examples_praise``/``examples_complaint``/``examples_neutral`` (examples of that
        polarity only: a complaint is illustrated by a complaint). With
        ``include_unmatched`` a ``"(no theme)"`` row counts verbatims no theme caught -
        the research lead's cue to extend the dictionary.

    Examples
    --------
    >>> t = theme_counts(["Доставка опять задержалась", "Цены высокие", "Всё хорошо",
    ...                   "Цены адекватные, есть скидки"])
    >>> t.loc["price", ["count", "praise", "complaint", "neutral"]].tolist()
    [2, 1, 1, 0]
    >>> t.loc["price", "examples_complaint"], int(t.loc["(no theme)", "count"])
    (['Цены высокие'], 1)
    """
    if examples < 0:
        raise ReportInputError("examples must be >= 0")
    d = dictionary or default_themes()
    s = _texts(texts)
    keep = s.map(lambda v: isinstance(v, str))
    r = (
        None
        if ratings is None
        else [x for x, k in zip(_check_len(ratings, s), keep, strict=True) if k]
    )
    s = s[keep]
    m = code_themes(s, d, ratings=r)
    total = len(s)
    rows: dict[str, dict[str, Any]] = {}
    for name in d.names:
        hit = m[m["theme"] == name]
        row: dict[str, Any] = {"count": len(hit)}
        for pol in POLARITIES:
            part = hit[hit["polarity"] == pol]
            row[pol] = len(part)
            row[f"examples_{pol}"] = sorted(part["text"].tolist(), key=len)[:examples]
        rank = {"complaint": 0, "neutral": 1, "praise": 2}
        ordered = sorted(
            zip(hit["polarity"], hit["text"], strict=True),
            key=lambda pt: (rank[pt[0]], len(pt[1])),
        )
        row["examples"] = [t for _, t in ordered][:examples]
        rows[name] = row
    if include_unmatched:
        none = s[~s.index.isin(m["answer"])]
        rows[NO_THEME] = {
            "count": int(none.size),
            **{pol: 0 for pol in POLARITIES},
            **{f"examples_{pol}": [] for pol in POLARITIES},
            "examples": sorted(none.tolist(), key=len)[:examples],
        }
    columns = ["count", "share", *POLARITIES, "examples", *(f"examples_{p}" for p in POLARITIES)]
    out = pd.DataFrame.from_dict(rows, orient="index")
    if out.empty:
        out = pd.DataFrame(columns=columns)
    out["share"] = out["count"] / total if total else np.nan
    out = out[columns]
    out.index.name = "theme"
    out = out.sort_values("count", ascending=False, kind="stable")
    out.attrs["n_verbatims"] = total
    return out


def _check_len(ratings: Sequence[Any], s: pd.Series) -> Sequence[Any]:
    if len(ratings) != len(s):
        raise ReportInputError(
            f"ratings has {len(ratings)} entries for {len(s)} answers; give one per answer"
        )
    return ratings


def theme_crosstab(
    texts: Iterable[Any],
    groups: Iterable[Any],
    dictionary: ThemeDictionary | None = None,
    *,
    polarity: str | None = None,
) -> pd.DataFrame:
    """Theme counts by group (NPS group, segment, ...): rows themes, columns groups.

    With ``polarity`` only mentions of that polarity count (e.g. complaints by segment).
    """
    d = dictionary or default_themes()
    s = _texts(texts)
    g = pd.Series(list(groups), index=s.index)
    if len(g) != len(s):
        raise ReportInputError("texts and groups must have the same length")
    ok = s.notna() & g.notna()
    tags = tag_themes(s[ok], d, polarity=polarity)
    table = tags.groupby(g[ok]).sum().T.astype(int)
    table.index.name = "theme"
    return table


def verbatims(
    data: pd.DataFrame,
    questions: Sequence[str],
    *,
    nps_column: str | None = None,
    segment: str | None = None,
) -> pd.DataFrame:
    """Open answers in long form, ready to group by question, NPS group and segment.

    Returns
    -------
    DataFrame
        Columns ``respondent`` (the row label), ``question``, ``nps_group`` (promoter /
        passive / detractor, or NaN), ``segment`` (or NaN) and ``text``; empty answers are
        left out; sorted by question, NPS group (detractors first) and segment.
    """
    for col in [*questions, *(c for c in (nps_column, segment) if c)]:
        if col not in data.columns:
            raise ReportInputError(f"column {col!r} is not in the data")
    groups = pd.Series(np.nan, index=data.index, dtype=object)
    if nps_column is not None:
        scores = pd.to_numeric(data[nps_column], errors="coerce")
        valid = scores.between(0, 10) & (scores == scores.round())
        groups[valid] = scores[valid].map(nps_group)
    seg = data[segment] if segment is not None else pd.Series(np.nan, index=data.index)
    frames = []
    for q in questions:
        text = _texts(data[q])
        keep = text.notna()
        frames.append(
            pd.DataFrame(
                {
                    "respondent": data.index[keep],
                    "question": q,
                    "nps_group": groups[keep].to_numpy(),
                    "segment": seg[keep].to_numpy(),
                    "text": text[keep].astype(str).to_numpy(),
                }
            )
        )
    out = (
        pd.concat(frames, ignore_index=True)
        if frames
        else pd.DataFrame(columns=["respondent", "question", "nps_group", "segment", "text"])
    )
    order = {"detractor": 0, "passive": 1, "promoter": 2}
    out["_g"] = out["nps_group"].map(order).fillna(3)
    out["_q"] = out["question"].map({q: i for i, q in enumerate(questions)})
    out = out.sort_values(["_q", "_g", "segment"], kind="stable", na_position="last")
    return out.drop(columns=["_g", "_q"]).reset_index(drop=True)


__all__ = [
    "MENTION_COLUMNS",
    "NO_THEME",
    "code_themes",
    "normalize_text",
    "tag_themes",
    "theme_counts",
    "theme_crosstab",
    "verbatims",
]
