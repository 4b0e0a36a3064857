"""``cati themes STUDY show|set FILE|reset|try TEXT``."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cati.commands.conftest import Run
from tests.cati.segments.calllist import SCRIPT

Cati = Callable[..., Run]


@pytest.fixture
def study(cati: Cati) -> str:
    assert cati("study", "create", "NPS 2024", "--script", str(SCRIPT)).status == 0
    return "NPS 2024"


def test_show_set_try_and_reset(cati: Cati, study: str, tmp_path: Path) -> None:
    shown = cati("themes", study, "show")
    assert shown.status == 0 and "schema_version: 2" in shown.out and "range:" in shown.out
    own = tmp_path / "themes.yaml"
    own.write_text(
        "schema_version: 2\nthemes:\n  цены:\n    ru:\n      words: [цена]\n"
        "      complaint: [высокий]\n",
        encoding="utf-8",
    )
    done = cati("themes", study, "set", str(own))
    assert (done.status, done.out.strip()) == (0, "NPS 2024: theme dictionary set (themes: цены)")
    assert cati("themes", study, "show").out == own.read_text(encoding="utf-8")
    tried = cati("themes", study, "try", "Цены не высокие", "--json")
    [mention] = json.loads(tried.out)
    assert (mention["theme"], mention["polarity"]) == ("цены", "praise")
    assert mention["evidence"] == ["не … высокие: praise"]
    assert "range:" in cati("themes", study, "show", "--default").out
    assert "back to the shipped" in cati("themes", study, "reset").out
    assert "range:" in cati("themes", study, "show").out


def test_a_broken_file_prints_located_problems_and_changes_nothing(
    cati: Cati, study: str, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "schema_version: 2\nthemes:\n  цены:\n    ru: {words: [цена}\n", encoding="utf-8"
    )
    result = cati("themes", study, "set", str(bad))
    assert result.status == 1
    assert result.err.startswith(f"{bad}:4:")
    assert "range:" in cati("themes", study, "show").out
    missing = cati("themes", study, "set", str(tmp_path / "nope.yaml"))
    assert missing.status == 1 and "cannot read" in missing.err


def test_usage_and_unknown_study(cati: Cati, study: str) -> None:
    assert cati("themes", study, "set").status == 2
    unknown = cati("themes", "nope", "show")
    assert unknown.status == 2 and "no study named 'nope'" in unknown.err


def test_try_prints_each_theme_with_why(cati: Cati, study: str) -> None:
    out = cati("themes", study, "try", "Цены высокие, но менеджер отличный").out
    assert out.splitlines() == [
        "price: complaint  (Цены — высокие: complaint)",
        "account manager: praise  (менеджер — отличный: praise)",
    ]
