"""Collect garbage on the GUI thread after each UI test.

Python's cycle collector runs in whatever thread allocates memory. The widgets a test creates
without a parent are owned by Python; left in reference cycles after the test, they could be
destroyed from a worker thread of the next test, which crashes Qt. They are collected here,
on the GUI thread. (The app itself creates no per-call Qt objects: see cati.ui.operations.)
"""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _collect_on_the_gui_thread() -> Iterator[None]:
    yield
    gc.collect()
