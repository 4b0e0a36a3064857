"""``import surveys.errors`` is cheap (every error of the app derives from it); the script
language's API loads on first use."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "resources" / "scripts" / "nps_pulse.yaml"


def test_the_errors_load_without_the_script_models_and_the_api_on_first_use() -> None:
    code = (
        "import sys\n"
        "from surveys.errors import CatiError, ScriptError\n"
        "assert not {'pydantic', 'surveys.model'} & set(sys.modules), sorted(sys.modules)\n"
        "from surveys import Script, load_script\n"
        f"assert isinstance(load_script({str(SCRIPT)!r}), Script)\n"
        "import surveys\n"
        "assert all(getattr(surveys, name) is not None for name in surveys.__all__)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
