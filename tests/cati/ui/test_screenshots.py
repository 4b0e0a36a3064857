"""``make screenshots`` renders the committed set of pictures (the README's), each small."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from cati.ui.screenshots import render_all

ROOT = Path(__file__).resolve().parents[3]

pytestmark = [pytest.mark.slow, pytest.mark.timeout(240)]


def test_the_screens_render_to_the_committed_set_of_small_pictures(tmp_path: Path) -> None:
    saved = render_all(tmp_path, "ru")
    names = {path.name for path in saved}
    committed = {path.name for path in (ROOT / "docs" / "screenshots").glob("*.png")}
    assert names == committed
    for path in saved:
        assert path.stat().st_size < 300_000, path.name
        with Image.open(path) as picture:
            assert picture.mode == "P"  # the 256-colour palette that keeps it small
            assert picture.width >= 400
