"""Every docstring example in ``reports`` runs and shows what it claims."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "reports.nps",
    "reports.csi",
    "reports.weighting",
    "reports.sampling",
    "reports.comparisons",
    "reports.drivers",
    "reports.ipa",
    "reports.breakdowns",
    "reports.themes.words",
    "reports.themes.dictionary",
    "reports.themes.coding",
    "reports.themes.tables",
    "reports.findings.recommend",
    "reports.findings.voices",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_hold(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


def test_public_api_is_exported_lazily() -> None:
    import reports

    assert reports.compare_nps([10, 9, 0], [0, 0, 1]).difference > 0
    assert reports.nps.nps([10, 9, 0]).n == 3  # reports.nps is the module
    assert "relative_importance" in dir(reports)
    with pytest.raises(AttributeError):
        _ = reports.no_such_function
