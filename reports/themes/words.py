"""Words of an open answer: tokens with their dictionary forms (lemmas).

Russian words are reduced to their lemmas with pymorphy3 and its OpenCorpora dictionaries
("ценам", "ценами" -> "цена"; "задерживают" -> "задерживать"), so a theme dictionary lists
each word once, in the form a research lead would look up. A word can have several lemmas
("стали": "сталь" or "стать"); a dictionary entry matches if it is any of them. English
words get a small rule-based reduction ("prices" -> "price", "delayed" -> "delay",
"shipping" -> "ship"), which is enough to look up lemmas listed in a dictionary.

The analyser is expensive to build (its dictionaries are loaded from disk), so it is built
on first use and kept for the life of the process; importing this module costs nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

# Words (with inner hyphens and apostrophes), "n't" as a word of its own, and the marks
# that end a clause.
_TOKEN = re.compile(
    r"\w+?(?=n['’]t\b)|n['’]t\b|\w+(?:[-'’]\w+)*|[.!?;()\n]|[,:…]|\s[-–—]\s", re.IGNORECASE
)
_DASH = re.compile(r"\s[-–—]\s")
_CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)
BREAK = "|"  # the token kind of a clause break (punctuation)
COMMA = ","


def fold(word: str) -> str:
    """Lower case with "ё" read as "е", the form every comparison uses.

    Examples
    --------
    >>> fold("Дешёвый")
    'дешевый'
    """
    return word.casefold().replace("ё", "е").replace("’", "'")


@dataclass(frozen=True)
class Token:
    """One word of an answer (or a clause break) with everything matching needs."""

    text: str  # as written
    start: int  # offset in the answer
    forms: frozenset[str]  # the folded word itself and its lemmas
    pos: str = ""  # part of speech (pymorphy3 tag for Russian, "" otherwise)
    finite: bool = False  # a finite verb or a predicate (short adjective, participle)
    known: bool = True  # the word is in the language's dictionary

    @property
    def is_break(self) -> bool:
        return self.pos in (BREAK, COMMA)


@cache
def _morph() -> Any:
    """The Russian analyser, built once per process on first use."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


@lru_cache(maxsize=65536)
def _russian(word: str) -> tuple[frozenset[str], str, bool, bool]:
    parses = _morph().parse(word)
    forms = {fold(word)} | {fold(p.normal_form) for p in parses}
    for p in parses:
        forms |= _extra_lemmas(p)
    if "-" in word:  # "счёт-фактура" is one word, "из-за" a preposition: keep both readings
        for part in word.split("-"):
            if part:
                forms |= {fold(p.normal_form) for p in _morph().parse(part)}
    best = parses[0] if parses else None
    pos = str(best.tag.POS or "") if best else ""
    finite = pos in ("VERB", "ADJS", "PRTS", "PRED") or (
        pos == "VERB" and "indc" in best.tag  # type: ignore[union-attr]
    )
    known = bool(best and best.is_known)
    return frozenset(forms), pos, finite, known


def _extra_lemmas(parse: Any) -> set[str]:
    """Adjectives a dictionary lists for participles and adverbs, so it names one word.

    pymorphy3 reduces a participle to its verb ("завышена" -> "завысить") and a comparative
    or adverb to the adverb ("выше" -> "высоко"); the dictionary may list the adjective
    instead ("завышенный", "высокий"), the form a research lead would write. A reflexive
    verb also counts as its plain verb ("задержаться" as "задержать").
    """
    tag = parse.tag
    lemma = fold(parse.normal_form)
    if tag.POS in ("VERB", "INFN", "GRND") and lemma.endswith(("ся", "сь")) and len(lemma) > 5:
        return {lemma[:-2]}  # "задержалась" is also "задержать": one entry for both voices
    if tag.POS in ("PRTF", "PRTS"):
        full = parse.inflect({"PRTF", "sing", "masc", "nomn"})
        return {fold(full.word)} if full is not None else set()
    if tag.POS in ("ADVB", "COMP", "PRED") and lemma.endswith("о") and len(lemma) > 3:
        stem = lemma[:-1]
        return {stem + "ый", stem + "ий", stem + "ой"}
    return set()


_EN_IRREGULAR = {
    "was": "be", "were": "be", "is": "be", "are": "be", "been": "be", "am": "be",
    "has": "have", "had": "have", "did": "do", "does": "do", "done": "do",
    "got": "get", "gotten": "get", "took": "take", "taken": "take", "came": "come",
    "went": "go", "gone": "go", "made": "make", "said": "say", "told": "tell",
    "sent": "send", "brought": "bring", "bought": "buy", "left": "leave",
    "worse": "bad", "worst": "bad", "better": "good", "best": "good", "ca": "can",
    "wo": "will", "sold": "sell", "kept": "keep", "lost": "lose", "paid": "pay",
}  # fmt: skip


@lru_cache(maxsize=65536)
def _english(word: str) -> frozenset[str]:
    """The word and the lemmas it may come from by regular English inflection."""
    w = fold(word).replace("'s", "")
    forms = {w}
    if w in _EN_IRREGULAR:
        forms.add(_EN_IRREGULAR[w])
    for suffix, replacements in (
        ("ies", ("y",)),
        ("ied", ("y",)),
        ("es", ("", "e")),
        ("s", ("",)),
        ("ed", ("", "e")),
        ("ing", ("", "e")),
        ("er", ("", "e")),
        ("est", ("", "e")),
        ("ly", ("", "le")),
    ):
        if w.endswith(suffix) and len(w) - len(suffix) >= (2 if suffix == "ing" else 3):
            stem = w[: -len(suffix)]
            forms.update(stem + r for r in replacements)
            if len(stem) >= 2 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
                forms.add(stem[:-1])  # "shipped" -> "ship"
            if suffix == "ily" or (suffix == "ly" and stem.endswith("i")):
                forms.add(stem[:-1] + "y")  # "easily" -> "easy"
    if w.endswith("ily") and len(w) > 5:
        forms.add(w[:-3] + "y")
    return frozenset(forms)


def _is_not(raw: str) -> bool:
    return raw.lower().replace("’", "'") == "n't"


def language_of(text: str) -> str:
    """ "ru" when the text has Cyrillic letters, else "en"."""
    return "ru" if _CYRILLIC.search(text) else "en"


def tokenize(text: str, lang: str | None = None) -> list[Token]:
    """The words of ``text`` with their lemmas, and its clause breaks, in order.

    Examples
    --------
    >>> [sorted(t.forms)[-1] for t in tokenize("Ценами довольны")]
    ['ценами', 'довольный']
    >>> "price" in tokenize("Prices went up", "en")[0].forms
    True
    """
    lang = lang or language_of(text)
    out: list[Token] = []
    for m in _TOKEN.finditer(text):
        raw = m.group(0)
        if raw in (",", ":", "…") or _DASH.fullmatch(raw):
            out.append(Token(raw.strip(), m.start(), frozenset(), COMMA))
        elif not (raw[0].isalnum() or raw[0] == "_") and not _is_not(raw):
            out.append(Token(raw.strip(), m.start(), frozenset(), BREAK))
        elif lang == "ru" and _CYRILLIC.search(raw):
            forms, pos, finite, known = _russian(raw.lower())
            out.append(Token(raw, m.start(), forms, pos, finite, known))
        elif _is_not(raw):
            out.append(Token(raw, m.start(), frozenset({"not"})))
        else:
            out.append(
                Token(raw, m.start(), _english(raw) if lang == "en" else frozenset({fold(raw)}))
            )
    return out


__all__ = ["Token", "fold", "language_of", "tokenize"]
