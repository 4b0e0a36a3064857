"""Theme dictionaries: what a research lead writes in YAML, checked and compiled.

A dictionary names the themes of open answers and, per language, the *lemmas* (dictionary
forms) that signal each theme, plus the words that say whether the client is praising or
complaining. Everything is readable and editable; a mention is coded by rules that can be
explained word by word (see :mod:`reports.themes.coding`).

Format (``schema_version: 2``)::

    schema_version: 2
    themes:
      price:
        ru:
          words: [цена, стоимость, скидка, прайс]   # lemmas that name the theme
          praise: [низкий, доступный]              # judgements that mean praise HERE
          complaint: [высокий, завышенный]         # ... and complaint here
        en:
          words: [price, cost, discount]
    polarity:            # optional: replaces the shipped lists of the same name
      ru:
        praise: [хороший, отличный, вовремя]
        complaint: [плохой, задержка, ошибка]
        neutral: [как у все, сложно оценить]      # "no judgement" markers
        negation: [не, нет, без, никакой]         # flip the next judgement
        wish: [хотеться, желательно, пусть]       # a wish is an unmet need: complaint
        contrast: [но, однако, зато]              # split a sentence into clauses
        comparison: [конкурент]                   # praise of a competitor is a complaint
        intensifier: [очень, всегда, слишком]     # skipped between a negation and its word
        auxiliary: [быть, мочь]                   # "не был" is not a failure by itself

An entry is a lemma ("цена" finds "цены", "ценам", "ценами"), several lemmas separated by
spaces for a phrase ("на связь" finds "на связи"), or a beginning ending in ``*``
("техподдерж*") for words the lemmatiser does not know. Case and "ё"/"е" do not matter.

Version 1 dictionaries (a list of word *beginnings* per theme and language, the format of
earlier releases) still load: each entry becomes a beginning (``цен`` -> ``цен*``), an
entry ending in ``$`` a whole word, and the shipped polarity lists are used.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from reports.errors import ThemeDictionaryError
from reports.themes.words import Token, fold
from surveys.errors import ScriptError, ScriptProblem
from surveys.yamlsource import SourceMap, load_yaml

SCHEMA_VERSION = 2
LEXICON_KEYS = (
    "praise",
    "complaint",
    "neutral",
    "negation",
    "wish",
    "contrast",
    "comparison",
    "intensifier",
    "auxiliary",
)
THEME_KEYS = ("words", "praise", "complaint")
MAX_TEXT = 1_000_000  # characters of YAML
MAX_THEMES = 200
MAX_ENTRIES = 5_000  # per list
MAX_ENTRY = 100  # characters
MAX_PHRASE = 6  # words


@dataclass(frozen=True)
class Entry:
    """One dictionary entry compiled for matching: a lemma, a phrase or a beginning."""

    text: str  # as written
    parts: tuple[tuple[str, bool], ...]  # (folded lemma or beginning, is a beginning)

    @classmethod
    def parse(cls, text: str) -> Entry:
        parts = []
        for word in fold(text).split():
            prefix = word.endswith("*")
            word = word.rstrip("*")
            if word:
                parts.append((word, prefix))
        return cls(text, tuple(parts))

    def match_at(self, tokens: Sequence[Token], i: int) -> int:
        """How many tokens from ``i`` this entry covers (0: no match)."""
        n = len(self.parts)
        if i + n > len(tokens):
            return 0
        for k, (word, prefix) in enumerate(self.parts):
            tok = tokens[i + k]
            if tok.is_break:
                return 0
            if prefix:
                if not any(f.startswith(word) for f in tok.forms):
                    return 0
            elif word not in tok.forms:
                # A reflexive word counts as its plain verb (the token's forms), not the
                # other way round: "приходиться" (to have to) must not find "приходят"
                # (arrive); a dictionary lists the plain verb when it means the same.
                return 0
        return n


class EntrySet:
    """Entries indexed by their first word, so a token is compared with a handful of
    entries instead of all of them (a dictionary has hundreds)."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        self.by_first: dict[str, list[Entry]] = {}
        self.prefixed: list[Entry] = []
        for e in entries:
            word, prefix = e.parts[0]
            if prefix:
                self.prefixed.append(e)
            else:
                self.by_first.setdefault(word, []).append(e)

    def longest(self, tokens: Sequence[Token], i: int) -> tuple[int, Entry | None]:
        """The longest entry matching at token ``i``: (tokens covered, entry) or (0, None)."""
        if i >= len(tokens):
            return 0, None
        best, hit = 0, None
        candidates = [e for f in tokens[i].forms for e in self.by_first.get(f, ())]
        for e in (*candidates, *self.prefixed):
            n = e.match_at(tokens, i)
            if n > best:
                best, hit = n, e
        return best, hit


_SETS: dict[int, tuple[tuple[Entry, ...], EntrySet]] = {}


def entry_set(entries: tuple[Entry, ...]) -> EntrySet:
    """The index of a dictionary list, built once per list."""
    found = _SETS.get(id(entries))
    if found is None or found[0] is not entries:
        if len(_SETS) > 10_000:
            _SETS.clear()
        found = (entries, EntrySet(entries))
        _SETS[id(entries)] = found
    return found[1]


@dataclass(frozen=True)
class ThemeWords:
    """One theme in one language."""

    words: tuple[Entry, ...] = ()
    praise: tuple[Entry, ...] = ()
    complaint: tuple[Entry, ...] = ()


@dataclass(frozen=True)
class Lexicon:
    """The polarity words of one language."""

    praise: tuple[Entry, ...] = ()
    complaint: tuple[Entry, ...] = ()
    neutral: tuple[Entry, ...] = ()
    negation: tuple[Entry, ...] = ()
    wish: tuple[Entry, ...] = ()
    contrast: tuple[Entry, ...] = ()
    comparison: tuple[Entry, ...] = ()
    intensifier: tuple[Entry, ...] = ()
    auxiliary: tuple[Entry, ...] = ()


@dataclass(frozen=True, eq=False)
class ThemeDictionary:
    """Themes with their words per language, and the polarity lexicon per language."""

    themes: Mapping[str, Mapping[str, ThemeWords]]
    lexicons: Mapping[str, Lexicon]
    text: str | None = None  # the YAML it was read from, when it came from text

    @property
    def names(self) -> list[str]:
        return list(self.themes)

    @property
    def languages(self) -> list[str]:
        langs = {lang for by_lang in self.themes.values() for lang in by_lang}
        return sorted(langs | set(self.lexicons))

    def lexicon(self, lang: str) -> Lexicon:
        return self.lexicons.get(lang) or Lexicon()

    def match(self, text: Any) -> list[str]:
        """Themes mentioned in one answer (any polarity), in dictionary order."""
        from reports.themes.coding import code_text

        found = {m.theme for m in code_text(text, self)}
        return [name for name in self.names if name in found]

    def explain(self, text: Any) -> dict[str, list[str]]:
        """Which words of the answer triggered which theme - the "why" behind a count."""
        from reports.themes.coding import code_text

        return {m.theme: list(m.theme_words) for m in code_text(text, self)}


# ---------------------------------------------------------------------------------------
# reading


def _problem(source: SourceMap, path: tuple[str | int, ...], message: str) -> ScriptProblem:
    return source.problem(path, message, at_value=True)


def _no_aliases(text: str, where: str) -> None:
    """Anchors and aliases can multiply a small file into a huge one; a dictionary needs none."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.events import AliasEvent

    try:
        for event in YAML(typ="safe", pure=True).parse(text):
            if isinstance(event, AliasEvent) or getattr(event, "anchor", None):
                mark = event.start_mark
                raise ThemeDictionaryError(
                    f"{where}:{mark.line + 1}:{mark.column + 1}: anchors and aliases (& and *) "
                    "are not used in theme dictionaries; write the words out, and put an "
                    "entry that starts with * in quotes",
                    [
                        ScriptProblem(
                            where,
                            mark.line + 1,
                            mark.column + 1,
                            "anchors and aliases (& and *) are not used in theme dictionaries",
                        )
                    ],
                )
    except YAMLError:
        return  # the located syntax error comes from load_yaml


def _entries(
    value: Any, path: tuple[str | int, ...], source: SourceMap, problems: list[ScriptProblem]
) -> tuple[Entry, ...]:
    if value is None:
        return ()
    if isinstance(value, str) or not isinstance(value, list):
        problems.append(_problem(source, path, "give a list of words, e.g. [цена, стоимость]"))
        return ()
    if len(value) > MAX_ENTRIES:
        problems.append(_problem(source, path, f"more than {MAX_ENTRIES} entries in one list"))
        return ()
    out = []
    for i, item in enumerate(value):
        if isinstance(item, bool) or not isinstance(item, (str, int, float)):
            problems.append(_problem(source, (*path, i), "an entry must be a word or a phrase"))
            continue
        text = str(item).strip()
        entry = Entry.parse(text)
        if not entry.parts:
            problems.append(_problem(source, (*path, i), "an empty entry"))
        elif len(text) > MAX_ENTRY:
            problems.append(_problem(source, (*path, i), f"an entry longer than {MAX_ENTRY}"))
        elif len(entry.parts) > MAX_PHRASE:
            problems.append(
                _problem(source, (*path, i), f"a phrase of more than {MAX_PHRASE} words")
            )
        else:
            out.append(entry)
    return tuple(out)


def _legacy_entry(text: str) -> Entry:
    """A version-1 entry: a word beginning, or a whole word when it ends in ``$``."""
    text = text.strip()
    if text.endswith("$"):
        return Entry.parse(text[:-1])
    return Entry(text, tuple((w, True) for w in fold(text).split()))


def _mapping(
    value: Any,
    path: tuple[str | int, ...],
    source: SourceMap,
    problems: list[ScriptProblem],
    hint: str,
) -> dict[str, Any]:
    if isinstance(value, dict):
        return value
    problems.append(_problem(source, path, hint))
    return {}


def _unknown_keys(
    data: Mapping[str, Any],
    allowed: Sequence[str],
    path: tuple[str | int, ...],
    source: SourceMap,
    problems: list[ScriptProblem],
) -> None:
    for key in data:
        if key not in allowed:
            problems.append(
                source.problem(
                    (*path, key), f"unknown key {key!r}; expected one of: {', '.join(allowed)}"
                )
            )


def _themes(
    raw: Mapping[str, Any], version: int, source: SourceMap, problems: list[ScriptProblem]
) -> dict[str, dict[str, ThemeWords]]:
    themes: dict[str, dict[str, ThemeWords]] = {}
    base = ("themes",) if ("themes",) in source.keys else ()
    if len(raw) > MAX_THEMES:
        problems.append(_problem(source, base, f"more than {MAX_THEMES} themes"))
        return {}
    for theme, langs in raw.items():
        path = (*base, theme)
        langs = _mapping(
            langs,
            path,
            source,
            problems,
            f"theme {theme!r} must map language codes to its words, e.g. ru: {{words: [цена]}}",
        )
        by_lang: dict[str, ThemeWords] = {}
        for lang, spec in langs.items():
            lpath = (*path, lang)
            if version == 1 or isinstance(spec, list):
                if isinstance(spec, list) and all(isinstance(w, str) for w in spec):
                    words = tuple(
                        _legacy_entry(w) if version == 1 else Entry.parse(w) for w in spec
                    )
                    by_lang[str(lang)] = ThemeWords(words=tuple(e for e in words if e.parts))
                else:
                    problems.append(
                        _problem(
                            source,
                            lpath,
                            f"theme {theme!r}, language {lang!r}: give a list of words",
                        )
                    )
                continue
            spec = _mapping(
                spec, lpath, source, problems, "give words: [...] (and praise: / complaint:)"
            )
            _unknown_keys(spec, THEME_KEYS, lpath, source, problems)
            words = _entries(spec.get("words"), (*lpath, "words"), source, problems)
            if not words and spec.get("words") in (None, []):
                problems.append(source.problem(lpath, f"theme {theme!r} ({lang}) lists no words"))
            by_lang[str(lang)] = ThemeWords(
                words,
                _entries(spec.get("praise"), (*lpath, "praise"), source, problems),
                _entries(spec.get("complaint"), (*lpath, "complaint"), source, problems),
            )
        if not by_lang and isinstance(langs, dict):
            problems.append(source.problem(path, f"theme {theme!r} has no words"))
        themes[str(theme)] = by_lang
    return themes


def _lexicons(
    raw: Any, source: SourceMap, problems: list[ScriptProblem], defaults: Mapping[str, Lexicon]
) -> dict[str, Lexicon]:
    out = dict(defaults)
    if raw is None:
        return out
    langs = _mapping(raw, ("polarity",), source, problems, "polarity maps languages to lists")
    for lang, lists in langs.items():
        path = ("polarity", lang)
        lists = _mapping(lists, path, source, problems, "give lists such as praise: [...]")
        _unknown_keys(lists, LEXICON_KEYS, path, source, problems)
        given = {
            key: _entries(lists[key], (*path, key), source, problems)
            for key in LEXICON_KEYS
            if key in lists
        }
        base = defaults.get(str(lang), Lexicon())
        out[str(lang)] = Lexicon(**{k: given.get(k, getattr(base, k)) for k in LEXICON_KEYS})
    return out


def parse_dictionary(
    text: str, where: str = "themes", *, defaults: Mapping[str, Lexicon] | None = None
) -> ThemeDictionary:
    """Check and compile the YAML ``text``; every problem is located at LINE:COL.

    ``defaults`` are the polarity lists used where the text gives none (the shipped ones).
    """
    if len(text) > MAX_TEXT:
        raise ThemeDictionaryError(
            f"{where}:1:1: the dictionary is larger than {MAX_TEXT // 1000} KB",
            [ScriptProblem(where, 1, 1, "the dictionary is too large")],
        )
    _no_aliases(text, where)
    try:
        data, source = load_yaml(text, where)
    except ScriptError as error:
        raise ThemeDictionaryError(str(error), error.problems) from None
    problems: list[ScriptProblem] = []
    if not isinstance(data, dict):
        problems.append(
            ScriptProblem(where, 1, 1, "a theme dictionary is a mapping: schema_version, themes")
        )
        raise ThemeDictionaryError("\n".join(map(str, problems)), problems)
    version = data.get("schema_version", 1 if "themes" not in data else SCHEMA_VERSION)
    if version not in (1, SCHEMA_VERSION):
        problems.append(
            _problem(
                source,
                ("schema_version",),
                f"schema_version {version!r} is not supported (1 or {SCHEMA_VERSION})",
            )
        )
        raise ThemeDictionaryError("\n".join(map(str, problems)), problems)
    if "themes" in data:
        _unknown_keys(data, ("schema_version", "themes", "polarity"), (), source, problems)
        raw_themes = _mapping(
            data["themes"], ("themes",), source, problems, "'themes' must map theme -> languages"
        )
    else:
        raw_themes = {k: v for k, v in data.items() if k != "schema_version"}
    themes = _themes(raw_themes, int(version), source, problems)
    lexicons = _lexicons(data.get("polarity"), source, problems, defaults or {})
    if not themes and not problems:
        problems.append(ScriptProblem(where, 1, 1, "the theme dictionary has no themes"))
    if problems:
        problems = sorted(set(problems))
        raise ThemeDictionaryError("\n".join(map(str, problems)), problems)
    return ThemeDictionary(themes, lexicons, text)


def read_dictionary_file(path: Path) -> str:
    """The text of a dictionary file, with a clear message when it cannot be read."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ThemeDictionaryError(f"{path}: cannot read the theme dictionary: {reason}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ThemeDictionaryError(
            f"{path}:{line}:1: the file is not UTF-8 text; save it as UTF-8"
        ) from None


DEFAULT_THEMES_PATH = Path(__file__).with_name("default.yaml")


@cache
def default_themes() -> ThemeDictionary:
    """The shipped B2B theme dictionary (``reports/themes/default.yaml``), read once."""
    text = read_dictionary_file(DEFAULT_THEMES_PATH)
    return parse_dictionary(text, str(DEFAULT_THEMES_PATH))


def load_themes(source: str | Path | Mapping[str, Any] | None = None) -> ThemeDictionary:
    """Load a theme dictionary from a YAML file, YAML text or a mapping.

    ``None`` gives the shipped default. Polarity lists a dictionary does not give are
    taken from the default, so a study's dictionary may list only its themes.

    Examples
    --------
    >>> d = load_themes({"price": {"ru": ["цена"], "en": ["price"]}})
    >>> d.match("Цены выросли"), d.match("Good prices")
    (['price'], ['price'])
    """
    if source is None:
        return default_themes()
    defaults = default_themes().lexicons
    if isinstance(source, Mapping):
        import yaml

        text = yaml.safe_dump(dict(source), allow_unicode=True, sort_keys=False)
        return parse_dictionary(text, "themes", defaults=defaults)
    if isinstance(source, Path) or (
        isinstance(source, str) and "\n" not in source and source.endswith((".yaml", ".yml"))
    ):
        path = Path(source)
        return parse_dictionary(read_dictionary_file(path), str(path), defaults=defaults)
    return parse_dictionary(str(source), "themes", defaults=defaults)


__all__ = [
    "DEFAULT_THEMES_PATH",
    "SCHEMA_VERSION",
    "Entry",
    "EntrySet",
    "Lexicon",
    "ThemeDictionary",
    "ThemeWords",
    "default_themes",
    "entry_set",
    "load_themes",
    "parse_dictionary",
    "read_dictionary_file",
]
