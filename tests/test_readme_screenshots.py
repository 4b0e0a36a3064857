"""The README's pictures are in the repository, small, and what ``make screenshots`` writes."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOTS = ROOT / "docs" / "screenshots"
MAX_BYTES = 300_000


def test_every_picture_the_readme_shows_is_committed_and_small() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = set(re.findall(r"\(docs/screenshots/([\w.-]+\.png)\)", readme))
    assert {"console_question.png", "supervisor_progress.png", "sign_in.png"} <= shown
    for name in sorted(shown):
        picture = SCREENSHOTS / name
        assert picture.is_file(), f"README shows {name}, which is not in docs/screenshots"
        data = picture.read_bytes()
        assert data.startswith(b"\x89PNG\r\n\x1a\n"), name
        assert len(data) < MAX_BYTES, f"{name} is {len(data)} bytes"


def test_make_screenshots_writes_where_the_readme_looks() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^screenshots:.*?\n((?:\t.*\n)+)", makefile, re.MULTILINE)
    assert recipe is not None and "cati.ui.screenshots docs/screenshots" in recipe.group(1)
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "screenshots/" not in ignored  # that pattern would also hide docs/screenshots
