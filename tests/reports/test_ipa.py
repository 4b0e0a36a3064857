"""Importance-performance quadrants (Martilla & James 1977) and the fix-first order."""

from __future__ import annotations

import pytest

from reports.errors import ReportInputError
from reports.ipa import (
    CONCENTRATE_HERE,
    KEEP_UP,
    LOW_PRIORITY,
    POSSIBLE_OVERKILL,
    fix_first,
    importance_performance,
)

IMPORTANCE = {"price": 0.30, "delivery": 0.25, "manager": 0.10, "documents": 0.05}
PERFORMANCE = {"price": 55.0, "delivery": 85.0, "manager": 90.0, "documents": 50.0}


def test_quadrants_cut_at_means() -> None:
    t = importance_performance(IMPORTANCE, PERFORMANCE)
    assert t.attrs["importance_cut"] == pytest.approx(0.175)
    assert t.attrs["performance_cut"] == pytest.approx(70.0)
    assert t["quadrant"].to_dict() == {
        "price": CONCENTRATE_HERE,
        "documents": LOW_PRIORITY,
        "delivery": KEEP_UP,
        "manager": POSSIBLE_OVERKILL,
    }


def test_fix_first_puts_important_weak_aspects_first() -> None:
    t = importance_performance(IMPORTANCE, PERFORMANCE)
    assert fix_first(t) == ["price", "documents", "delivery", "manager"]
    assert fix_first(t, only_concentrate=True) == ["price"]
    assert t["fix_first_rank"].tolist() == [1, 2, 3, 4]


def test_within_quadrant_larger_gap_ranks_first() -> None:
    imp = {"a": 0.5, "b": 0.45, "c": 0.05, "d": 0.0}
    perf = {"a": 40.0, "b": 10.0, "c": 90.0, "d": 100.0}
    t = importance_performance(imp, perf)
    assert fix_first(t, only_concentrate=True) == ["b", "a"]


def test_given_cut_points_are_used() -> None:
    t = importance_performance(IMPORTANCE, PERFORMANCE, importance_cut=0.0, performance_cut=0.0)
    assert set(t["quadrant"]) == {KEEP_UP}


def test_mismatched_aspects_raise() -> None:
    with pytest.raises(ReportInputError):
        importance_performance({"a": 1.0}, {"b": 1.0})
