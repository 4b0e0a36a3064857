"""Open answers: verbatims grouped for reading, and simple, explainable themes.

Open answers are where clients explain their scores ("delivery is always late"). The
report shows them grouped by question, by NPS group (promoter / passive / detractor) and
by segment, and counts *themes* found with keyword dictionaries a research lead can read
and edit - no black-box model: a verbatim belongs to a theme because it contains one of
the theme's listed word beginnings, and the report can say which.

Dictionary format (YAML)::

    schema_version: 1          # optional
    themes:                    # or the theme mapping directly at top level
      delivery:
        ru: [доставк, привез, срок постав]
        en: [deliver, shipping]

Matching rules: case-insensitive, Russian "ё" is treated as "е", each entry is a *prefix*
matched at the start of a word ("доставк" finds "доставкой", "Доставка"); an entry
ending in ``$`` must match a whole word ("акт$" finds "акт" but not "актуальный"); spaces
in an entry match any whitespace (phrases). ``reports/themes_default.yaml`` ships a B2B
dictionary (price, delivery, quality, account manager, documents, support,
communication, speed).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from reports.errors import ReportInputError, ThemeDictionaryError
from reports.nps import nps_group

DEFAULT_THEMES_PATH = Path(__file__).with_name("themes_default.yaml")
NO_THEME = "(no theme)"
SCHEMA_VERSION = 1


def normalize_text(text: str) -> str:
    """Lower-case (``casefold``) and fold "ё" into "е" so spelling variants match.

    Examples
    --------
    >>> normalize_text("Ещё ЁЛКА")
    'еще елка'
    """
    return text.casefold().replace("ё", "е")


@dataclass(frozen=True)
class ThemeDictionary:
    """Themes with their keyword prefixes per language, compiled for matching."""

    themes: Mapping[str, Mapping[str, tuple[str, ...]]]
    _patterns: Mapping[str, re.Pattern[str]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        patterns = {}
        for theme, langs in self.themes.items():
            alts = [_entry_regex(e) for words in langs.values() for e in words]
            if not alts:
                raise ThemeDictionaryError(f"theme {theme!r} has no keywords")
            patterns[theme] = re.compile(r"(?<!\w)(?:" + "|".join(alts) + ")")
        object.__setattr__(self, "_patterns", patterns)

    @property
    def names(self) -> list[str]:
        return list(self.themes)

    def match(self, text: str | None) -> list[str]:
        """Themes found in one verbatim, in dictionary order."""
        if text is None or (isinstance(text, float) and np.isnan(text)):
            return []
        t = normalize_text(str(text))
        return [name for name, pat in self._patterns.items() if pat.search(t)]

    def explain(self, text: str) -> dict[str, list[str]]:
        """Which words triggered which theme - the "why" behind a count."""
        t = normalize_text(str(text))
        out: dict[str, list[str]] = {}
        for name, pat in self._patterns.items():
            hits = [m.group(0) for m in pat.finditer(t)]
            if hits:
                out[name] = hits
        return out


def _entry_regex(entry: str) -> str:
    e = normalize_text(entry.strip())
    whole = e.endswith("$")
    if whole:
        e = e[:-1].rstrip()
    if not e:
        raise ThemeDictionaryError(f"empty keyword {entry!r} in the theme dictionary")
    body = r"\s+".join(re.escape(part) for part in e.split())
    return body + (r"(?!\w)" if whole else "")


def _parse(raw: Any, where: str) -> ThemeDictionary:
    if not isinstance(raw, Mapping):
        raise ThemeDictionaryError(f"{where}: the theme dictionary must be a mapping")
    if "themes" in raw:
        version = raw.get("schema_version", SCHEMA_VERSION)
        if version != SCHEMA_VERSION:
            raise ThemeDictionaryError(
                f"{where}: schema_version {version!r} is not supported (expected {SCHEMA_VERSION})"
            )
        raw = raw["themes"]
        if not isinstance(raw, Mapping):
            raise ThemeDictionaryError(f"{where}: 'themes' must map theme -> languages")
    themes: dict[str, dict[str, tuple[str, ...]]] = {}
    for theme, langs in raw.items():
        if not isinstance(langs, Mapping):
            raise ThemeDictionaryError(
                f"{where}: theme {theme!r} must map language codes to keyword lists, "
                "e.g. {ru: [доставк], en: [deliver]}"
            )
        parsed: dict[str, tuple[str, ...]] = {}
        for lang, words in langs.items():
            if isinstance(words, str) or not isinstance(words, Sequence):
                raise ThemeDictionaryError(
                    f"{where}: theme {theme!r}, language {lang!r}: give a list of keywords"
                )
            if not all(isinstance(w, str) for w in words):
                raise ThemeDictionaryError(
                    f"{where}: theme {theme!r}, language {lang!r}: keywords must be text"
                )
            parsed[str(lang)] = tuple(words)
        themes[str(theme)] = parsed
    if not themes:
        raise ThemeDictionaryError(f"{where}: the theme dictionary is empty")
    return ThemeDictionary(themes)


def load_themes(source: str | Path | Mapping[str, Any] | None = None) -> ThemeDictionary:
    """Load a theme dictionary from a YAML file, YAML text or a mapping.

    ``None`` loads the shipped B2B default (``reports/themes_default.yaml``).

    Examples
    --------
    >>> d = load_themes({"price": {"ru": ["цен"], "en": ["price"]}})
    >>> d.match("Цены выросли"), d.match("Good price")
    (['price'], ['price'])
    """
    if source is None:
        source = DEFAULT_THEMES_PATH
    if isinstance(source, Mapping):
        return _parse(source, "themes")
    if isinstance(source, Path) or (
        isinstance(source, str) and "\n" not in source and source.endswith((".yaml", ".yml"))
    ):
        path = Path(source)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ThemeDictionaryError(f"cannot read theme dictionary {path}: {exc}") from exc
        where = str(path)
    else:
        text, where = str(source), "themes"
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ThemeDictionaryError(f"{where}: not valid YAML: {exc}") from exc
    return _parse(raw, where)


def default_themes() -> ThemeDictionary:
    """The shipped B2B theme dictionary."""
    return load_themes(None)


def _texts(texts: Iterable[Any]) -> pd.Series:
    s = texts if isinstance(texts, pd.Series) else pd.Series(list(texts), dtype=object)
    return s.map(lambda v: v.strip() if isinstance(v, str) else v).replace("", np.nan)


def tag_themes(texts: Iterable[Any], dictionary: ThemeDictionary | None = None) -> pd.DataFrame:
    """One boolean column per theme: does each verbatim mention it? (same index as input)."""
    d = dictionary or default_themes()
    s = _texts(texts)
    found = s.map(d.match)
    return pd.DataFrame(
        {name: found.map(lambda ts, n=name: n in ts).astype(bool) for name in d.names},
        index=s.index,
    )


def theme_counts(
    texts: Iterable[Any],
    dictionary: ThemeDictionary | None = None,
    *,
    examples: int = 3,
    include_unmatched: bool = True,
) -> pd.DataFrame:
    """How many verbatims mention each theme, with example verbatims.

    Returns
    -------
    DataFrame
        Indexed by theme, sorted by count (descending), columns ``count``, ``share`` (of
        non-empty verbatims; a verbatim can count in several themes) and ``examples``
        (up to ``examples`` verbatims, shortest first so they fit in a table). With
        ``include_unmatched`` a ``"(no theme)"`` row counts verbatims no theme caught -
        the research lead's cue to extend the dictionary.

    Examples
    --------
    >>> t = theme_counts(["Доставка опять задержалась", "Цены высокие", "Всё хорошо"])
    >>> int(t.loc["delivery", "count"]), int(t.loc["(no theme)", "count"])
    (1, 1)
    """
    if examples < 0:
        raise ReportInputError("examples must be >= 0")
    d = dictionary or default_themes()
    s = _texts(texts).dropna()
    s = s[s.map(lambda v: isinstance(v, str))]
    tags = tag_themes(s, d)
    total = len(s)
    rows = {}
    for name in d.names:
        hit = s[tags[name]]
        rows[name] = (int(hit.size), sorted(hit.tolist(), key=len)[:examples])
    if include_unmatched:
        none = s[~tags.any(axis=1)] if total else s
        rows[NO_THEME] = (int(none.size), sorted(none.tolist(), key=len)[:examples])
    out = pd.DataFrame(
        {
            "count": {k: v[0] for k, v in rows.items()},
            "share": {k: (v[0] / total if total else np.nan) for k, v in rows.items()},
            "examples": {k: v[1] for k, v in rows.items()},
        }
    )
    out.index.name = "theme"
    out = out.sort_values("count", ascending=False, kind="stable")
    out.attrs["n_verbatims"] = total
    return out


def theme_crosstab(
    texts: Iterable[Any], groups: Iterable[Any], dictionary: ThemeDictionary | None = None
) -> pd.DataFrame:
    """Theme counts by group (NPS group, segment, ...): rows themes, columns groups."""
    d = dictionary or default_themes()
    s = _texts(texts)
    g = pd.Series(list(groups), index=s.index)
    if len(g) != len(s):
        raise ReportInputError("texts and groups must have the same length")
    ok = s.notna() & g.notna()
    tags = tag_themes(s[ok], d)
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
    "DEFAULT_THEMES_PATH",
    "NO_THEME",
    "ThemeDictionary",
    "default_themes",
    "load_themes",
    "normalize_text",
    "tag_themes",
    "theme_counts",
    "theme_crosstab",
    "verbatims",
]
