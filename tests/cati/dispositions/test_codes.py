"""AAPOR disposition codes: categories, final and temporary codes, labels, parsing."""

from __future__ import annotations

import re

import pytest

from cati.dispositions import Category, Disposition, UnknownCategory, UnknownDispositionCode
from cati.dispositions.codes import FINAL_DISPOSITIONS, TEMPORARY_DISPOSITIONS
from cati.errors import CatiError

CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)


@pytest.mark.parametrize(
    ("disposition", "category"),
    [
        # AAPOR Standard Definitions (2023), telephone table: the first digits give the group
        (Disposition.COMPLETE, Category.I),
        (Disposition.PARTIAL, Category.P),
        (Disposition.REFUSAL_GATEKEEPER, Category.R),
        (Disposition.REFUSAL_RESPONDENT, Category.R),
        (Disposition.BREAK_OFF, Category.R),
        (Disposition.RESPONDENT_NEVER_AVAILABLE, Category.NC),
        (Disposition.ANSWERING_MACHINE_ELIGIBLE_MESSAGE_LEFT, Category.NC),
        (Disposition.DEAD, Category.O),
        (Disposition.LANGUAGE_RESPONDENT, Category.O),
        (Disposition.ALWAYS_BUSY, Category.UH),
        (Disposition.NO_ANSWER, Category.UH),
        (Disposition.ANSWERING_MACHINE_UNKNOWN, Category.UH),
        (Disposition.CALL_BLOCKING, Category.UH),
        (Disposition.TECHNICAL_PHONE_PROBLEMS, Category.UH),
        (Disposition.UNKNOWN_ELIGIBLE_RESPONDENT, Category.UO),
        (Disposition.UNKNOWN_OTHER, Category.UO),
        (Disposition.OUT_OF_SAMPLE, Category.NE),
        (Disposition.FAX_DATA_LINE, Category.NE),
        (Disposition.DISCONNECTED_NUMBER, Category.NE),
        (Disposition.BUSINESS, Category.NE),
        (Disposition.NO_ELIGIBLE_RESPONDENT, Category.NE),
        (Disposition.QUOTA_FILLED, Category.NE),
    ],
)
def test_final_codes_fall_in_the_aapor_categories(
    disposition: Disposition, category: Category
) -> None:
    assert disposition.category is category
    assert disposition.is_final


def test_codes_are_the_aapor_strings() -> None:
    assert Disposition.REFUSAL == "2.11"
    assert Disposition.REFUSAL_AND_BREAK_OFF.code == "2.10"
    assert Disposition("3.13") is Disposition.NO_ANSWER
    assert str(Disposition.COMPLETE) == "1.1"


def test_every_temporary_code_closes_as_a_final_code_of_the_same_category() -> None:
    assert TEMPORARY_DISPOSITIONS  # callbacks, soft refusals, retries...
    for disposition in TEMPORARY_DISPOSITIONS:
        final = disposition.closes_as
        assert final.is_final, disposition
        assert disposition.value.startswith(final.value), disposition
        assert disposition.category is final.category


def test_temporary_callbacks_and_retries_exist_and_are_not_final() -> None:
    for disposition in (
        Disposition.APPOINTMENT_HARD,
        Disposition.APPOINTMENT_SOFT,
        Disposition.NO_ANSWER_RETRY,
        Disposition.BUSY_RETRY,
        Disposition.ANSWERING_MACHINE_RETRY,
        Disposition.SOFT_REFUSAL_RESPONDENT,
    ):
        assert not disposition.is_final
    assert Disposition.APPOINTMENT_HARD.closes_as is Disposition.RESPONDENT_NEVER_AVAILABLE
    assert Disposition.SOFT_REFUSAL_RESPONDENT.closes_as is Disposition.REFUSAL_RESPONDENT


def test_final_codes_close_as_themselves() -> None:
    for disposition in FINAL_DISPOSITIONS:
        assert disposition.closes_as is disposition


def test_every_disposition_has_russian_and_english_labels() -> None:
    for disposition in Disposition:
        assert disposition.label_en.strip()
        assert CYRILLIC.search(disposition.label_ru), disposition
        assert disposition.label("ru") == disposition.label_ru
        assert disposition.label("en") == disposition.label_en
    for category in Category:
        assert CYRILLIC.search(category.label("ru"))
        assert category.label("en")


@pytest.mark.parametrize("bad", ["9.9", "", "1.10", 1.1, None, "complete"])
def test_an_unknown_code_is_a_cati_error_that_names_it(bad: object) -> None:
    with pytest.raises(UnknownDispositionCode) as info:
        Disposition.from_code(bad)
    assert isinstance(info.value, CatiError)
    assert repr(bad) in str(info.value)


def test_from_code_trims_and_accepts_members() -> None:
    assert Disposition.from_code(" 2.112 ") is Disposition.REFUSAL_RESPONDENT
    assert Disposition.from_code(Disposition.BUSY_RETRY) is Disposition.BUSY_RETRY


def test_categories_parse_case_insensitively_and_reject_unknown_ones() -> None:
    assert Category.parse("nc") is Category.NC
    assert Category.parse(Category.UH) is Category.UH
    with pytest.raises(UnknownCategory, match="Use one of: I, P, R, NC, O, UH, UO, NE"):
        Category.parse("X")


def test_eligibility_of_categories() -> None:
    assert {c for c in Category if c.is_eligible} == {"I", "P", "R", "NC", "O"}
    assert {c for c in Category if c.is_unknown} == {"UH", "UO"}
