"""Coding open answers into theme mentions with a polarity: praise, complaint or neutral.

The rules, in the order they apply (each one can be read off the evidence of a mention):

1. **Clauses.** An answer is cut into sentences (``. ! ? ; :`` and line breaks) and each
   sentence into clauses at commas, dashes and contrast words ("но", "однако", "зато",
   "but"), so "цены высокие, но менеджер отличный" is two clauses.
2. **Mentions.** A clause mentions a theme when one of the theme's lemmas (or phrases)
   occurs in it. Words are compared by lemma ("ценам" is "цена").
3. **Judgements.** Polarity words (the lexicon's ``praise``/``complaint`` and the theme's own
   ``praise``/``complaint``, e.g. "высокий" is a complaint about price but praise of
   quality) are found in the clause. A judgement goes to the nearest theme of the clause
   that it applies to; a theme with no judgement of its own takes the sum of the clause.
4. **Negation.** A negation word ("не", "нет", "без", "никакой", "not", "no") turns the
   judgement it stands before into its opposite, skipping intensifiers ("не всегда
   вовремя" is a complaint, "без задержек" praise). Standing after a judgement ("претензий
   нет", "проблем не было") it turns that one. Before a verb that is no judgement ("не
   перезванивает", "не привезли") it is a complaint: something that should happen does
   not; "нет"/"без" before a plain noun is an absence ("нет сертификатов"), a complaint.
5. **Wishes and suggestions** ("хотелось бы", "нужно", "пусть", a bare infinitive
   "расширить ассортимент") are unmet needs: complaints.
6. **Comparison** with a competitor ("у конкурентов дешевле") turns the clause around.
7. A clause that names a theme but judges nothing takes the judgement of a neighbouring
   clause of its sentence that judges but names no theme ("менеджер — отличный");
   a judgement-only clause after a contrast word ("..., но нас устраивает") judges the
   themes of the clause before it.
8. Per answer and theme: praise and complaint in different clauses -> the later one wins
   (the point of a "..., but ..." sentence comes last). With no judgement at all, or a tie,
   the respondent's own rating of the aspect decides when it is given (>= 70 % of the
   scale: praise, <= 30 %: complaint); otherwise the mention is neutral.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, Literal

from reports.themes.dictionary import Entry, Lexicon, ThemeDictionary, entry_set
from reports.themes.words import Token, fold, language_of, tokenize

Polarity = Literal["praise", "complaint", "neutral"]
POLARITIES: tuple[Polarity, ...] = ("praise", "complaint", "neutral")
PRAISE_AT = 0.7  # rating on a 0..1 scale at or above which a neutral mention is praise
COMPLAINT_AT = 0.3  # ... at or below which it is a complaint
_SIGN = {"praise": 1, "complaint": -1, "neutral": 0}
_FLIP: dict[str, Polarity] = {"praise": "complaint", "complaint": "praise", "neutral": "neutral"}
_VERBS = frozenset({"VERB", "INFN", "PRTF", "PRTS", "GRND"})
_ABSENCE_POS = frozenset({"PRED", "PREP", "ADJF", "NPRO"})  # нет, без, никакой, ничто


@dataclass(frozen=True)
class Mention:
    """One theme in one answer, with its polarity and the words that decided it."""

    theme: str
    polarity: Polarity
    theme_words: tuple[str, ...]  # the words of the answer that named the theme
    evidence: tuple[str, ...]  # the judgements, e.g. "не всегда вовремя: complaint"
    clauses: tuple[str, ...]  # the clauses the theme was found in
    decided_by: Literal["text", "rating", "none"] = "text"
    text: str = ""  # the whole answer
    index: Any = None  # the answer's label in the input of code_mentions


@dataclass
class _Cue:
    start: int
    end: int  # exclusive, token positions within the clause
    generic: Polarity | None
    specific: dict[str, Polarity] = field(default_factory=dict)
    negated_by: str = ""
    words: str = ""
    kind: str = "judgement"  # judgement | failure | absence

    def polarity_for(self, theme: str) -> Polarity | None:
        pol = self.specific.get(theme, self.generic)
        if pol is None:
            return None
        return _FLIP[pol] if self.negated_by else pol

    def describe(self, theme: str) -> str:
        pol = self.polarity_for(theme)
        words = f"{self.negated_by} … {self.words}" if self.negated_by else self.words
        return f"{words}: {pol}"


@dataclass
class _Clause:
    tokens: list[Token]
    text: str
    sentence: int
    after_contrast: bool
    themes: dict[str, list[tuple[int, str]]] = field(default_factory=dict)  # theme -> (pos, word)
    cues: list[_Cue] = field(default_factory=list)
    wish: str = ""
    comparison: str = ""

    @property
    def judges(self) -> bool:
        return bool(self.wish) or any(c.generic is not None for c in self.cues)


def _longest(
    entries: tuple[Entry, ...], tokens: Sequence[Token], i: int
) -> tuple[int, Entry | None]:
    return entry_set(entries).longest(tokens, i)


def _clauses(text: str, tokens: list[Token], lex: Lexicon) -> list[_Clause]:
    out: list[_Clause] = []
    sentence, after = 0, False
    current: list[Token] = []

    def close(next_after: bool) -> None:
        nonlocal current, after
        words = [t for t in current if not t.is_break]
        if words:
            a, b = words[0].start, words[-1].start + len(words[-1].text)
            out.append(_Clause(words, text[a:b], sentence, after))
        current, after = [], next_after

    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.pos == "|":
            close(False)
            sentence += 1
            i += 1
            continue
        if tok.pos == ",":
            close(False)
            i += 1
            continue
        n, _ = _longest(lex.contrast, tokens, i)
        if n:
            close(True)
            i += n
            continue
        current.append(tok)
        i += 1
    close(False)
    return out


def _find_themes(clause: _Clause, d: ThemeDictionary, lang: str) -> None:
    toks = clause.tokens
    for name, by_lang in d.themes.items():
        words = by_lang.get(lang)
        if words is None:
            continue
        i = 0
        while i < len(toks):
            n, _ = _longest(words.words, toks, i)
            if n:
                clause.themes.setdefault(name, []).append(
                    (i, " ".join(t.text for t in toks[i : i + n]))
                )
                i += n
            else:
                i += 1


def _find_cues(clause: _Clause, d: ThemeDictionary, lex: Lexicon, lang: str) -> None:
    toks = clause.tokens
    specific: list[tuple[str, Polarity, tuple[Entry, ...]]] = []
    for name in clause.themes:
        tw = d.themes[name].get(lang)
        if tw is not None:
            specific += [(name, "praise", tw.praise), (name, "complaint", tw.complaint)]
    generic: list[tuple[Polarity, tuple[Entry, ...]]] = [
        ("praise", lex.praise),
        ("complaint", lex.complaint),
        ("neutral", lex.neutral),
    ]
    used = [False] * len(toks)
    # a negation word is never a judgement ("hardly" is not "hard")
    negators = {e.parts[0][0] for e in lex.negation if len(e.parts) == 1}
    i = 0
    while i < len(toks):
        gen_n = [(pol, _longest(entries, toks, i)[0]) for pol, entries in generic]
        spec_n = [(name, pol, _longest(entries, toks, i)[0]) for name, pol, entries in specific]
        best = max([n for _, n in gen_n] + [n for *_, n in spec_n])
        if not best or (best == 1 and fold(toks[i].text) in negators):
            i += 1
            continue
        gen: Polarity | None = None
        for pol, n in gen_n:
            if n == best:
                gen = pol
        spec: dict[str, Polarity] = {}
        for name, pol, n in spec_n:
            if n == best:
                spec[name] = pol
        words = " ".join(t.text for t in toks[i : i + best])
        clause.cues.append(_Cue(i, i + best, gen, spec, words=words))
        for k in range(i, i + best):
            used[k] = True
        i += best
    # markers that change the judgements of the clause
    for i in range(len(toks)):
        if used[i]:
            continue
        negated = bool(i and _is_neg(lex, toks, i - 1))  # "не нужно" is no wish
        if not clause.wish and not negated and _longest(lex.wish, toks, i)[0]:
            clause.wish = toks[i].text
        if not clause.comparison and _longest(lex.comparison, toks, i)[0]:
            clause.comparison = toks[i].text
    if not clause.wish and lang == "ru":
        has_infinitive = any(
            t.pos == "INFN" and not _longest(lex.auxiliary, toks, k)[0] and "быть" not in t.forms
            for k, t in enumerate(toks)
        )
        finite = any(t.finite for t in toks) or any(
            toks[c.start].pos in ("ADVB", "PRED") for c in clause.cues
        )
        if (
            has_infinitive
            and not finite
            and not any(_is_neg(lex, toks, k) for k in range(len(toks)))
        ):
            clause.wish = next(t.text for t in toks if t.pos == "INFN" and "быть" not in t.forms)
    _negate(clause, lex, lang, used)


def _is_neg(lex: Lexicon, toks: Sequence[Token], i: int) -> int:
    return _longest(lex.negation, toks, i)[0]


def _negate(clause: _Clause, lex: Lexicon, lang: str, used: list[bool]) -> None:
    toks = clause.tokens
    cue_at = {c.start: c for c in clause.cues}
    skippable = [
        bool(_longest(lex.intensifier, toks, k)[0] or _longest(lex.auxiliary, toks, k)[0])
        for k in range(len(toks))
    ]
    aux = [bool(_longest(lex.auxiliary, toks, k)[0]) for k in range(len(toks))]
    i = 0
    while i < len(toks):
        n = 0 if used[i] else _is_neg(lex, toks, i)
        if not n:
            i += 1
            continue
        neg_words = " ".join(t.text for t in toks[i : i + n])
        j = i + n
        saw_aux = False
        while j < len(toks) and not used[j] and (skippable[j] or _is_neg(lex, toks, j)):
            saw_aux = saw_aux or aux[j]
            j += 1
        host = cue_at.get(j)
        verb = j < len(toks) and not used[j] and (lang != "ru" or toks[j].pos in _VERBS)
        if host is not None and not host.negated_by:
            host.negated_by = neg_words  # "не всегда вовремя", "без задержек"
        elif verb and j + 1 in cue_at and not cue_at[j + 1].negated_by:
            cue_at[j + 1].negated_by = f"{neg_words} {toks[j].text}"  # "не выходит на связь"
        elif verb:
            # "не перезванивает", "never call back": what should happen does not
            words = f"{neg_words} {toks[j].text}"
            clause.cues.append(_Cue(i, j + 1, "complaint", words=words, kind="failure"))
        elif j >= len(toks) or saw_aux or host is not None:
            # "претензий нет", "проблем не было": the judgement before the negation;
            # "не всегда есть ... в наличии": else the one after it
            before = [c for c in clause.cues if c.end <= i and not c.negated_by]
            after = [c for c in clause.cues if c.start >= j and not c.negated_by]
            if before and before[-1].generic != "neutral":
                before[-1].negated_by = neg_words
            elif saw_aux and after:
                after[0].negated_by = neg_words
            elif _absence(toks[i], lang) and not saw_aux:
                clause.cues.append(_Cue(i, i + n, "complaint", words=neg_words, kind="absence"))
        elif _absence(toks[i], lang):
            words = f"{neg_words} {toks[j].text}"  # "нет сертификатов", "без предупреждения"
            clause.cues.append(_Cue(i, j + 1, "complaint", words=words, kind="absence"))
        i = max(j, i + n)
    clause.cues.sort(key=lambda c: c.start)


def _absence(tok: Token, lang: str) -> bool:
    if lang != "ru":
        return True
    return tok.pos in _ABSENCE_POS


def _assign(clause: _Clause) -> dict[str, tuple[Polarity | None, list[str], bool]]:
    """Per theme of the clause: its polarity (None: no judgement), evidence, explicit neutral."""
    if not clause.themes:
        return {}
    positions = {name: [p for p, _ in hits] for name, hits in clause.themes.items()}
    own: dict[str, list[_Cue]] = {name: [] for name in positions}
    for cue in clause.cues:
        candidates = [name for name in positions if name in cue.specific]
        if not candidates:
            if cue.generic is None:
                continue
            candidates = list(positions)
        mid = cue.start
        nearest = min(
            candidates,
            key=lambda name: min(
                0 if cue.start <= p < cue.end else min(abs(p - mid), abs(p - (cue.end - 1)))
                for p in positions[name]
            ),
        )
        own[nearest].append(cue)
    # what each judgement means for the theme it went to: the judgement of the clause
    assigned = {id(c): name for name, cues in own.items() for c in cues}
    out: dict[str, tuple[Polarity | None, list[str], bool]] = {}
    for name in positions:
        if own[name]:
            pols = [c.polarity_for(name) for c in own[name]]
            evidence = [c.describe(name) for c in own[name]]
        else:
            cues = [c for c in clause.cues if id(c) in assigned]
            pols = [c.polarity_for(assigned[id(c)]) for c in cues]
            evidence = [c.describe(assigned[id(c)]) for c in cues]
        score = sum(_SIGN[p] for p in pols if p)
        if clause.comparison and score:
            score = -score
            evidence.append(f"{clause.comparison}: comparison")
        if clause.wish:
            out[name] = ("complaint", [*evidence, f"{clause.wish}: wish"], False)
        elif score > 0:
            out[name] = ("praise", evidence, False)
        elif score < 0:
            out[name] = ("complaint", evidence, False)
        elif any(p in ("praise", "complaint") for p in pols):
            out[name] = (None, evidence, False)  # a tie: undecided
        else:
            out[name] = (None, evidence, "neutral" in pols)
    return out


def _clause_polarity(clause: _Clause) -> tuple[Polarity | None, list[str]]:
    """The judgement of a clause that names no theme."""
    if clause.wish:
        return "complaint", [f"{clause.wish}: wish"]
    pols = [c.generic if not c.negated_by else _FLIP[c.generic] for c in clause.cues if c.generic]
    score = sum(_SIGN[p] for p in pols)
    if clause.comparison:
        score = -score
    ev = [c.describe("") for c in clause.cues if c.generic]
    return ("praise" if score > 0 else "complaint" if score < 0 else None), ev


def code_text(
    text: Any,
    dictionary: ThemeDictionary,
    *,
    lang: str | None = None,
    ratings: Mapping[str, float] | None = None,
) -> list[Mention]:
    """The theme mentions of one answer, one per theme, in dictionary order.

    ``ratings`` maps a theme to the respondent's own rating of that aspect rescaled to
    0..1 (worst..best); it decides mentions the text leaves neutral or undecided.

    Examples
    --------
    >>> from reports.themes import default_themes
    >>> [(m.theme, m.polarity) for m in code_text("Цены высокие, но менеджер отличный",
    ...                                           default_themes())]
    [('price', 'complaint'), ('account manager', 'praise')]
    """
    if not isinstance(text, str) or not text.strip():
        return []
    mentions = []
    for m, explicit in _coded(text, dictionary, lang or language_of(text)):
        if m.polarity != "neutral" or ratings is None or explicit:
            mentions.append(m)
            continue
        rating = ratings.get(m.theme)
        if rating is not None and rating == rating and rating >= PRAISE_AT:
            m = replace(m, polarity="praise", decided_by="rating")
        elif rating is not None and rating == rating and rating <= COMPLAINT_AT:
            m = replace(m, polarity="complaint", decided_by="rating")
        mentions.append(m)
    return mentions


@lru_cache(maxsize=20_000)
def _coded(text: str, dictionary: ThemeDictionary, lang: str) -> tuple[tuple[Mention, bool], ...]:
    """The mentions the words alone decide, each with "the text says neutral explicitly";
    cached, since open answers repeat ("Всё устраивает") and a report codes them twice."""
    lex = dictionary.lexicon(lang)
    tokens = tokenize(text, lang)
    clauses = _clauses(text, tokens, lex)
    for k, clause in enumerate(clauses):
        _find_themes(clause, dictionary, lang)
        _find_cues(clause, dictionary, lex, lang)
        prev = clauses[k - 1] if k else None
        if prev and prev.wish and not prev.themes and prev.sentence == clause.sentence:
            clause.wish = clause.wish or prev.wish  # "хотелось бы, чтобы доставка ..."
    # per theme: list of (clause index, polarity or None, evidence, explicit neutral)
    found: dict[str, list[tuple[int, Polarity | None, list[str], bool]]] = {}
    for ci, clause in enumerate(clauses):
        for name, (pol, ev, neutral) in _assign(clause).items():
            if pol is None and not neutral:
                pol, ev = _borrow(clauses, ci) or (None, ev)
            found.setdefault(name, []).append((ci, pol, ev, neutral))
        if clause.after_contrast and not clause.themes and ci and clause.judges:
            prev = clauses[ci - 1]
            pol, ev = _clause_polarity(clause)
            if pol and prev.sentence == clause.sentence:
                for name in prev.themes:
                    found.setdefault(name, []).append((ci, pol, ev, False))
    mentions: list[tuple[Mention, bool]] = []
    for name in dictionary.names:
        if name not in found:
            continue
        entries = found[name]
        polar = [(ci, p) for ci, p, _, _ in entries if p in ("praise", "complaint")]
        evidence = tuple(dict.fromkeys(e for _, _, ev, _ in entries for e in ev))
        words = tuple(
            dict.fromkeys(w for ci, *_ in entries for _, w in clauses[ci].themes.get(name, ()))
        )
        where = tuple(dict.fromkeys(clauses[ci].text for ci, *_ in entries))
        explicit = any(neutral for *_, neutral in entries)
        final: Polarity = max(polar)[1] if polar else "neutral"
        decided: Literal["text", "rating", "none"] = "text" if polar or evidence else "none"
        mentions.append((Mention(name, final, words, evidence, where, decided, text), explicit))
    return tuple(mentions)


def _borrow(clauses: list[_Clause], ci: int) -> tuple[Polarity, list[str]] | None:
    """The judgement of a theme-less neighbour clause of the same sentence."""
    me = clauses[ci]
    found: list[tuple[int, tuple[Polarity, list[str]]]] = []
    for step in (1, -1):  # outwards, through a list of themes ("и цены, и доставка")
        k = ci + step
        while 0 <= k < len(clauses) and clauses[k].sentence == me.sentence:
            other = clauses[k]
            if other.judges and not other.themes:
                pol, ev = _clause_polarity(other)
                if pol:
                    found.append((abs(k - ci), (pol, ev)))
                break
            if other.judges:
                break
            k += step
    return min(found, key=lambda f: f[0])[1] if found else None


def code_mentions(
    texts: Iterable[Any],
    dictionary: ThemeDictionary | None = None,
    *,
    lang: str | None = None,
    ratings: Sequence[Mapping[str, float] | None] | None = None,
) -> list[Mention]:
    """Code many answers: one :class:`Mention` per (answer, theme), ``index`` = position or label.

    ``texts`` may be a list or a pandas Series (its index labels become ``index``);
    ``ratings``, when given, has one mapping (theme -> rating 0..1) or None per answer.
    """
    from reports.themes import default_themes

    d = dictionary or default_themes()
    items = list(texts.items()) if hasattr(texts, "items") else list(enumerate(texts))
    if ratings is not None and len(ratings) != len(items):
        from reports.errors import ReportInputError

        raise ReportInputError(
            f"ratings has {len(ratings)} entries for {len(items)} answers; give one per answer"
        )
    out: list[Mention] = []
    for k, (label, text) in enumerate(items):
        r = ratings[k] if ratings is not None else None
        for m in code_text(text, d, lang=lang, ratings=r):
            out.append(
                Mention(
                    m.theme,
                    m.polarity,
                    m.theme_words,
                    m.evidence,
                    m.clauses,
                    m.decided_by,
                    m.text,
                    label,
                )
            )
    return out


__all__ = [
    "COMPLAINT_AT",
    "POLARITIES",
    "PRAISE_AT",
    "Mention",
    "Polarity",
    "code_mentions",
    "code_text",
]
