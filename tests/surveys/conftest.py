from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from surveys import InterviewState, Script, load_script

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def all_kinds() -> Script:
    return load_script(DATA / "all_kinds.yaml")


@pytest.fixture
def state() -> InterviewState:
    return InterviewState(
        contact={
            "name": "Анна Смирнова",
            "company": "ООО «Вектор»",
            "segment": "lost",
            "last_order": "2023-01-15",
            "revenue": "1 250 000,50",
        },
        seed=7,
        today=date(2026, 11, 23),
    )
