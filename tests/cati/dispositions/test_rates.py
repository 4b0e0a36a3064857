"""AAPOR outcome rates against published worked examples, plus the formulas' invariants."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cati.dispositions import (
    CategoryMap,
    Disposition,
    DispositionCounts,
    RateInputError,
    counts_from_dispositions,
    estimate_e,
    response_rates,
)
from cati.errors import CatiError

# --- Published example 1 --------------------------------------------------------------------
# Barr ML, van Ritten JJ, Steel DG, Thackway SV (2012). Inclusion of mobile phone numbers into
# an ongoing population health survey in New South Wales, Australia: design, methods, call
# outcomes, costs and sample representativeness. BMC Medical Research Methodology 12:177,
# Table 2 (AAPOR dispositions and rates of the 2012 NSW Population Health Survey, quarter 1).
# The rates are published as percentages with one decimal, hence the tolerance of 0.05 points.
PUBLISHED = pytest.approx  # alias to make the intent of the comparisons explicit
HALF_A_TENTH_OF_A_POINT = 0.0005

BARR_2012_LANDLINE = DispositionCounts(I=2171, P=0, R=868, NC=660, O=1163, UH=4553, UO=0, NE=11935)
BARR_2012_LANDLINE_E = 0.29  # as published in Table 2
BARR_2012_LANDLINE_RATES = {  # Table 2, landline column, in percent
    "RR1": 23.1, "RR2": 23.1, "RR3": 35.1, "RR4": 35.1,
    "COOP1": 51.7, "COOP2": 51.7, "COOP3": 71.4, "COOP4": 71.4,
}  # fmt: skip

BARR_2012_MOBILE = DispositionCounts(I=1224, P=0, R=457, NC=238, O=767, UH=5450, UO=0, NE=9462)
BARR_2012_MOBILE_E = 0.22  # as published in Table 2
BARR_2012_MOBILE_RATES = {  # Table 2, mobile column, in percent
    "RR1": 15.0, "RR2": 15.0, "RR3": 31.5, "RR4": 31.5,
    "COOP1": 50.0, "COOP2": 50.0, "COOP3": 72.8, "COOP4": 72.8,
}  # fmt: skip


@pytest.mark.parametrize(
    ("counts", "e", "expected"),
    [
        (BARR_2012_LANDLINE, BARR_2012_LANDLINE_E, BARR_2012_LANDLINE_RATES),
        (BARR_2012_MOBILE, BARR_2012_MOBILE_E, BARR_2012_MOBILE_RATES),
    ],
    ids=["landline", "mobile"],
)
def test_rates_match_barr_2012_table_2(
    counts: DispositionCounts, e: float, expected: dict[str, float]
) -> None:
    rates = response_rates(counts, e=e)
    for name, percent in expected.items():
        assert rates[name].value == PUBLISHED(percent / 100, abs=HALF_A_TENTH_OF_A_POINT), name


@pytest.mark.parametrize(
    ("counts", "published_e"),
    [(BARR_2012_LANDLINE, BARR_2012_LANDLINE_E), (BARR_2012_MOBILE, BARR_2012_MOBILE_E)],
    ids=["landline", "mobile"],
)
def test_default_e_is_the_eligible_share_of_resolved_cases_as_barr_2012_published(
    counts: DispositionCounts, published_e: float
) -> None:
    # Table 2 gives e to two decimals; (I+P+R+NC+O)/(I+P+R+NC+O+NE) rounds to it.
    estimated = estimate_e(counts)
    assert estimated is not None
    assert round(estimated, 2) == published_e


# --- Published example 2 --------------------------------------------------------------------
# The worked example of the rOpenSci-reviewed R package `outcomerate` (Pilliard Hellwig 2018,
# tests/testthat/test-rate.R): 16 cases coded I P I NC UH I R UO I O P I R O P NE, e = 0.5,
# with every rate worked out as an exact fraction.
OUTCOMERATE_CASES = [
    "I", "P", "I", "NC", "UH", "I", "R", "UO", "I", "O", "P", "I", "R", "O", "P", "NE",
]  # fmt: skip
OUTCOMERATE_RATES = {
    "RR1": 1 / 3, "RR2": 8 / 15, "RR3": 5 / 14, "RR4": 4 / 7, "RR5": 5 / 13, "RR6": 8 / 13,
    "COOP1": 5 / 12, "COOP2": 2 / 3, "COOP3": 1 / 2, "COOP4": 4 / 5,
    "REF1": 2 / 15, "REF2": 1 / 7, "REF3": 2 / 13,
    "CON1": 4 / 5, "CON2": 6 / 7, "CON3": 12 / 13,
}  # fmt: skip


def test_all_sixteen_rates_match_the_outcomerate_worked_example() -> None:
    counts = {c: OUTCOMERATE_CASES.count(c) for c in set(OUTCOMERATE_CASES)}
    rates = response_rates(counts, e=0.5)
    assert list(rates) == list(OUTCOMERATE_RATES)
    for name, expected in OUTCOMERATE_RATES.items():
        assert rates[name].value == pytest.approx(expected, rel=1e-12), name


def test_a_single_unknown_case_gives_zeros_and_undefined_rates_like_outcomerate() -> None:
    # outcomerate's "low-count" example: outcomerate("UO", e = 0.3)
    rates = response_rates({"UO": 1}, e=0.3)
    assert rates["RR1"].value == 0
    assert rates["RR3"].value == 0
    assert rates["CON1"].value == 0
    for name in ("RR5", "RR6", "COOP1", "COOP2", "COOP3", "COOP4", "REF3", "CON3"):
        assert rates[name].value is None, name
        assert rates[name].reason("en") == "no cases in the denominator"
        assert rates[name].reason("ru")


# --- Behaviour ------------------------------------------------------------------------------


def test_rates_keep_numerator_and_denominator() -> None:
    rates = response_rates({"I": 10, "R": 5, "NC": 5, "UH": 10, "NE": 5}, e=0.5)
    assert rates["RR3"].numerator == 10
    assert rates["RR3"].denominator == 25
    assert rates.e == 0.5
    assert rates.e_basis == "given"


def test_e_defaults_to_the_estimate_and_says_so() -> None:
    rates = response_rates({"I": 6, "NC": 2, "NE": 2, "UH": 10})
    assert rates.e == pytest.approx(0.8)
    assert rates.e_basis == "estimated"
    assert rates["RR3"].value == pytest.approx(6 / (8 + 8))


def test_without_resolved_cases_e_is_undefined_and_the_rates_needing_it_are_none() -> None:
    rates = response_rates({"UH": 5, "UO": 2})
    assert rates.e is None
    assert rates.e_basis == "undefined"
    for name in ("RR3", "RR4", "REF2", "CON2"):
        assert rates[name].value is None
        assert "e" in rates[name].reason("en")
    assert rates["RR1"].value == 0


def test_e_does_not_matter_when_there_are_no_unknown_cases() -> None:
    rates = response_rates({"I": 0, "UH": 0})
    assert rates["RR3"].value is None  # 0/0
    rates = response_rates({"I": 3, "R": 1})
    assert rates.e == 1.0
    assert rates["RR3"].value == pytest.approx(0.75)


def test_empty_counts_give_undefined_rates_not_a_crash() -> None:
    rates = response_rates({})
    assert all(rate.value is None for rate in rates.values())


@pytest.mark.parametrize("bad_e", [-0.1, 1.5, "0.5", True, math.nan])
def test_an_invalid_e_is_a_clear_value_error(bad_e: object) -> None:
    with pytest.raises(RateInputError, match="between 0 and 1") as info:
        response_rates({"I": 1}, e=bad_e)  # type: ignore[arg-type]
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, CatiError)


@pytest.mark.parametrize(
    "counts", [{"I": -1}, {"I": "3"}, {"I": math.inf}, {"X": 1}, {"I": 1, "i": 2}]
)
def test_invalid_counts_are_reported_clearly(counts: dict[str, object]) -> None:
    with pytest.raises(CatiError):
        response_rates(counts)  # type: ignore[arg-type]


def test_counts_from_dispositions_use_the_study_category_map() -> None:
    codes = ["1.1", "1.1", Disposition.PARTIAL, "2.112", "2.21a", "2.31", "3.13", "3.20", "4.51"]
    default = counts_from_dispositions(codes)
    assert default == DispositionCounts(I=2, P=1, R=1, NC=1, O=1, UH=1, UO=1, NE=1)
    b2b = counts_from_dispositions(codes, CategoryMap.b2b())
    assert b2b.NE == 0
    assert b2b.UO == 2


def test_counts_from_dispositions_accept_weights() -> None:
    counts = counts_from_dispositions(["1.1", "2.112"], weights=[1.5, 0.5])
    assert counts.I == 1.5
    assert counts.R == 0.5
    with pytest.raises(RateInputError, match="fewer weights"):
        counts_from_dispositions(["1.1", "2.112"], weights=[1.0])
    with pytest.raises(RateInputError, match="more weights"):
        counts_from_dispositions(["1.1"], weights=[1.0, 2.0])


# --- Invariants -----------------------------------------------------------------------------

count = st.integers(min_value=0, max_value=5000)
counts_strategy = st.builds(
    DispositionCounts, I=count, P=count, R=count, NC=count, O=count, UH=count, UO=count, NE=count
)


def _le(a: float | None, b: float | None) -> bool:
    return a is None or b is None or a <= b + 1e-12


@given(counts_strategy, st.floats(min_value=0, max_value=1))
def test_rates_are_ordered_as_the_formulas_imply(counts: DispositionCounts, e: float) -> None:
    r = response_rates(counts, e=e).values_dict()
    # partials counted as respondents can only raise a rate
    for low, high in [("RR1", "RR2"), ("RR3", "RR4"), ("RR5", "RR6"), ("COOP1", "COOP2"),
                      ("COOP3", "COOP4")]:  # fmt: skip
        assert _le(r[low], r[high]), (low, high)
    # fewer unknown cases in the denominator (e <= 1, then none) can only raise a rate
    for chain in [("RR1", "RR3", "RR5"), ("RR2", "RR4", "RR6"), ("REF1", "REF2", "REF3"),
                  ("CON1", "CON2", "CON3")]:  # fmt: skip
        assert _le(r[chain[0]], r[chain[1]]) and _le(r[chain[1]], r[chain[2]]), chain
    # leaving "other" out of the cooperation denominator can only raise it
    assert _le(r["COOP1"], r["COOP3"]) and _le(r["COOP2"], r["COOP4"])
    # a response rate never exceeds the cooperation rate on the same footing
    assert _le(r["RR5"], r["COOP1"]) and _le(r["RR6"], r["COOP2"])
    for value in r.values():
        assert value is None or 0 <= value <= 1


@given(counts_strategy)
def test_e_of_one_gives_rr1_and_e_of_zero_gives_rr5(counts: DispositionCounts) -> None:
    all_eligible = response_rates(counts, e=1)
    none_eligible = response_rates(counts, e=0)
    assert all_eligible["RR3"].value == _approx(all_eligible["RR1"].value)
    assert none_eligible["RR3"].value == _approx(none_eligible["RR5"].value)
    assert none_eligible["CON2"].value == _approx(none_eligible["CON3"].value)


@given(counts_strategy, st.integers(min_value=2, max_value=9), st.floats(0, 1))
def test_rates_do_not_change_when_every_count_is_scaled(
    counts: DispositionCounts, factor: int, e: float
) -> None:
    scaled = DispositionCounts(**{k: v * factor for k, v in counts.as_dict().items()})
    assert response_rates(scaled, e=e).values_dict() == {
        name: _approx(value) for name, value in response_rates(counts, e=e).values_dict().items()
    }


def _approx(value: float | None) -> object:
    return None if value is None else pytest.approx(value, rel=1e-9, abs=1e-12)
