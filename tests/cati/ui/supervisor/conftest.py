"""Collect garbage on the GUI thread after each test.

Python's cycle collector runs in whatever thread allocates memory; Qt objects owned by Python
(the operations' signal carriers) must not be destroyed from a worker thread, so the cycles
a test leaves are collected here, on the GUI thread, before the next test starts workers.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _collect_on_the_gui_thread() -> Iterator[None]:
    yield
    gc.collect()
