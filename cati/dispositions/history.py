"""A contact's disposition derived from its whole attempt history, not only from the last call.

AAPOR's Standard Definitions (10th ed., 2023; the passage on temporary versus final disposition
codes, unchanged in substance since the 2000s editions) ask that a case's final code use what
was learned on *any* attempt: the last call alone misleads (a contact who refused and then
stopped answering is a refusal, not a no-answer), contact with a person outranks later
non-contacts, and eligibility once established is not lost because later calls reached
nobody. AAPOR gives these principles, not a complete ordering; the ordering below is ours,
written down so that every case can be explained and every study is coded the same way.

Precedence, highest first (the category comes from the study's :class:`CategoryMap`):

1. ``I`` complete interview - a complete is final, whatever happened before or after;
2. ``P`` partial interview;
3. ``R`` refusal and break-off;
4. ``O`` other eligible non-interview (deceased, unable, language);
5. ``NE`` learned from a person: out of sample, not a residence/business, no eligible
   respondent, quota filled, other ineligible (4.10, 4.5x, 4.70, 4.80, 4.90);
6. ``NC`` eligible non-contact: respondent never available (2.21: a person asked for a
   call-back) above answering machine confirming the organisation (2.22) above 2.20;
7. ``NE`` of the number: fax/data line, non-working, disconnected, number changed (4.2x-4.4x);
   eligibility established by a person or machine (tiers 1-6) is not undone by a number that
   later stops working;
8. ``UO`` unknown eligibility, other (3.2x, 3.9x; in B2B, a business reached);
9. ``UH`` unknown if household/organisation, ordered by how much the line told us: answering
   machine (3.14) > call blocking (3.15) > technical problems (3.16x) > no answer (3.13) >
   always busy (3.12) > 3.10 > not attempted (3.11). So "always busy" is given only when every
   attempt was busy, as AAPOR defines it.

Ties within a tier go to the most recent attempt (the latest information).

Several phone numbers: an outcome that closes only a number (final with ``try_next_number``,
or a 4.2x-4.4x code) speaks for that number, not the contact. It is set aside when another of
the contact's numbers was reached with a different result, so "number 1 disconnected, number 2
never answered" closes as no answer (unknown eligibility), not as ineligible.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from cati.dispositions.categories import CategoryMap
from cati.dispositions.codes import Category, Disposition
from cati.dispositions.outcomes import Outcome, OutcomeTable, UnknownOutcome


@dataclass(frozen=True)
class Attempt:
    """One call attempt as the history needs it.

    ``outcome`` is the outcome-table key when known (it refines the closing code and the
    attempt count); ``number`` identifies which of the contact's phone numbers was dialled
    (an id, not the number itself: phones never go to logs).
    """

    disposition: Disposition
    at: datetime
    outcome: str | None = None
    number: str | None = None

    @classmethod
    def of(cls, outcome: Outcome, at: datetime, number: str | None = None) -> Attempt:
        """The attempt that recorded ``outcome``."""
        return cls(outcome.disposition, at, outcome.key, number)


@dataclass(frozen=True)
class CaseDisposition:
    """What a contact's history says.

    ``disposition`` is the final AAPOR code the case has (if ``closed``) or would have if it
    were closed now - the code to count in interim response rates, as AAPOR advises for
    fieldwork reports. ``recorded`` is the (possibly temporary) code of the deciding attempt,
    ``decided_by`` that attempt (None for a contact never attempted).
    """

    disposition: Disposition
    recorded: Disposition
    closed: bool
    decided_by: Attempt | None
    attempts_counted: int


_NE_FROM_PERSON_PREFIXES = ("4.1", "4.5", "4.6", "4.7", "4.8", "4.9")
_UH_ORDER = ("3.14", "3.15", "3.161", "3.16", "3.13", "3.12", "3.10", "3.11")
_NC_ORDER = ("2.21", "2.22", "2.20")


def precedence(code: Disposition, categories: CategoryMap | None = None) -> tuple[int, int]:
    """(tier, rank within tier) of a final or temporary code; smaller is stronger.

    The tier follows the module docstring; the code's category comes from ``categories``.
    """
    categories = categories or CategoryMap.default()
    final = code.closes_as
    value = final.value
    category = categories.category_of(code)
    if category is Category.I:
        return (1, 0)
    if category is Category.P:
        return (2, 0)
    if category is Category.R:
        return (3, 0)
    if category is Category.O:
        return (4, 0)
    if category is Category.NE:
        return (5, 0) if value.startswith(_NE_FROM_PERSON_PREFIXES) else (7, 0)
    if category is Category.NC:
        return (6, _rank(value, _NC_ORDER))
    if category is Category.UO:
        return (8, 0)
    return (9, _rank(value, _UH_ORDER))


def _rank(value: str, order: Sequence[str]) -> int:
    for index, prefix in enumerate(order):
        if value.startswith(prefix):
            return index
    return len(order)


def attempts_counted(attempts: Iterable[Attempt], table: OutcomeTable | None = None) -> int:
    """How many attempts count towards the study's maximum (cancelled dials do not)."""
    return sum(1 for a in attempts if _counts(a, table))


def derive_disposition(
    attempts: Iterable[Attempt],
    table: OutcomeTable | None = None,
    categories: CategoryMap | None = None,
    *,
    has_untried_number: bool = False,
) -> CaseDisposition:
    """The contact's disposition from its whole history (see the module docstring).

    ``table`` (the study's outcome table, default: the defaults) decides which outcomes are
    final, which count as attempts and the code each closes as; ``categories`` the study's
    category map; ``has_untried_number`` whether the contact still has a phone number nobody
    dialled, which keeps a case open after a number-level final outcome.
    """
    table = table if table is not None else OutcomeTable.default()
    categories = categories or CategoryMap.default()
    history = sorted(attempts, key=lambda a: a.at)
    counted = attempts_counted(history, table)
    if not history:
        return CaseDisposition(Disposition.NOT_ATTEMPTED, Disposition.NOT_ATTEMPTED, False, None, 0)

    considered = _without_dead_numbers(history, table, categories)
    best = min(
        enumerate(considered),
        key=lambda item: (
            precedence(_closing_code(item[1], table), categories),
            -item[0],  # the latest attempt wins a tie
        ),
    )[1]
    closed = _is_closed(history, table, counted, has_untried_number)
    return CaseDisposition(
        disposition=_closing_code(best, table),
        recorded=best.disposition,
        closed=closed,
        decided_by=best,
        attempts_counted=counted,
    )


def _outcome_of(attempt: Attempt, table: OutcomeTable) -> Outcome | None:
    if attempt.outcome is None:
        return None
    try:
        return table[attempt.outcome]
    except UnknownOutcome:
        # An outcome removed from the table after it was recorded: the code still tells.
        return None


def _closing_code(attempt: Attempt, table: OutcomeTable) -> Disposition:
    outcome = _outcome_of(attempt, table)
    if outcome is not None and outcome.disposition.closes_as == attempt.disposition.closes_as:
        return outcome.closing_disposition
    return attempt.disposition.closes_as


def _counts(attempt: Attempt, table: OutcomeTable | None) -> bool:
    outcome = None if table is None else _outcome_of(attempt, table)
    if outcome is not None:
        return outcome.counts_as_attempt
    return attempt.disposition is not Disposition.NOT_ATTEMPTED


def _closes_number_only(attempt: Attempt, table: OutcomeTable, categories: CategoryMap) -> bool:
    outcome = _outcome_of(attempt, table)
    if outcome is not None and outcome.final and outcome.try_next_number:
        return True
    return precedence(attempt.disposition, categories)[0] == 7


def _without_dead_numbers(
    history: list[Attempt], table: OutcomeTable, categories: CategoryMap
) -> list[Attempt]:
    """Drop number-level outcomes when another number was reached with a different result."""
    number_level = [_closes_number_only(a, table, categories) for a in history]
    if not any(number_level):
        return history
    other = [a for a, dead in zip(history, number_level, strict=True) if not dead]
    dead_numbers = {a.number for a, dead in zip(history, number_level, strict=True) if dead}
    if any(a.number not in dead_numbers for a in other):
        return other
    return history


def _is_closed(
    history: list[Attempt], table: OutcomeTable, counted: int, has_untried_number: bool
) -> bool:
    if any(a.disposition.closes_as is Disposition.COMPLETE for a in history):
        return True
    last = history[-1]
    outcome = _outcome_of(last, table)
    if outcome is None:
        final = last.disposition.is_final and last.disposition is not Disposition.NOT_ATTEMPTED
        ends_at_max = True
        next_number = final and precedence(last.disposition)[0] == 7
    else:
        final = outcome.final
        ends_at_max = outcome.ends_at_max_attempts
        next_number = outcome.try_next_number
    if final:
        return not (next_number and has_untried_number)
    return ends_at_max and counted >= table.max_attempts
