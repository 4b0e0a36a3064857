"""The layering rules of DESIGN.md ("who may import whom") hold: import-linter passes."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_rules_of_the_design_hold() -> None:
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint_imports, "import-linter is part of the dev dependencies"
    result = subprocess.run(
        [lint_imports, "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "BROKEN" not in result.stdout


def test_a_forbidden_import_would_be_caught(tmp_path: Path) -> None:
    """The contracts are live: a module of surveys importing cati breaks them."""
    offender = ROOT / "surveys" / "_layering_probe.py"
    offender.write_text("import cati.errors  # noqa: F401\n", encoding="utf-8")
    try:
        lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
        assert lint_imports
        result = subprocess.run(
            [lint_imports, "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300
        )
    finally:
        offender.unlink()
    assert result.returncode != 0
    assert "surveys imports nothing of ours" in result.stdout
