"""The study-configurable mapping of disposition codes to AAPOR categories."""

from __future__ import annotations

import pytest

from cati.dispositions import Category, CategoryMap, Disposition, InvalidCategoryMap
from cati.errors import CatiError


def test_the_default_map_is_aapor_grouping() -> None:
    default = CategoryMap.default()
    for disposition in Disposition:
        assert default[disposition] is disposition.category
    assert len(default) == len(Disposition)
    assert default.to_settings() == {}


def test_b2b_puts_business_numbers_in_scope() -> None:
    b2b = CategoryMap.b2b()
    assert b2b.category_of("4.51") is Category.UO
    assert b2b.category_of(Disposition.NON_RESIDENCE) is Category.UO
    assert b2b.category_of("4.32") is Category.NE  # a dead number is still not eligible


def test_an_override_of_a_final_code_also_moves_its_temporary_codes() -> None:
    study = CategoryMap.from_settings({"2.21": "O"})
    assert study.category_of("2.21") is Category.O
    assert study.category_of("2.21a") is Category.O
    assert study.category_of("2.22") is Category.NC


def test_an_override_of_a_temporary_code_wins_over_its_final_code() -> None:
    study = CategoryMap.from_settings({"2.21": "O", "2.21a": "nc"})
    assert study.category_of("2.21a") is Category.NC


def test_overrides_round_trip_through_settings() -> None:
    settings = {"4.51": "UO", "2.36": "NC"}
    study = CategoryMap.from_settings(settings)
    assert study.to_settings() == settings
    assert CategoryMap.from_settings(study.to_settings()) == study
    assert study.with_overrides({"4.52": "UO"}).to_settings() == {**settings, "4.52": "UO"}


def test_every_problem_in_the_overrides_is_reported_at_once() -> None:
    with pytest.raises(InvalidCategoryMap) as info:
        CategoryMap.from_settings({"9.99": "NE", "4.51": "XX", "1.1": "R", "3.13": "UH"})
    error = info.value
    assert isinstance(error, CatiError)
    assert len(error.problems) == 3
    message = str(error)
    assert "'9.99'" in message
    assert "'XX'" in message and "code 4.51" in message
    assert "code 1.1 is an interview" in message


def test_overrides_must_be_a_mapping() -> None:
    with pytest.raises(InvalidCategoryMap, match="mapping"):
        CategoryMap.from_settings(["4.51"])  # type: ignore[arg-type]


def test_unknown_codes_in_lookups_are_reported() -> None:
    with pytest.raises(CatiError, match=r"'7\.7'"):
        CategoryMap.default().category_of("7.7")
