"""``import reports`` is cheap: functions and modules load on first use."""

from __future__ import annotations

import subprocess
import sys


def _run(code: str) -> None:
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_importing_the_package_loads_no_statistics_until_one_is_used() -> None:
    _run(
        "import sys, reports\n"
        "assert not {'scipy', 'pandas', 'reports.nps'} & set(sys.modules), sorted(sys.modules)\n"
        "assert reports.nps.nps([10, 9, 7, 3]).score == 25.0\n"
        "assert reports.csi.csi_index({'price': 80.0, 'delivery': 60.0}).value == 70.0\n"
        "assert 'scipy' in sys.modules\n"
    )


def test_an_unknown_name_is_an_attribute_error() -> None:
    _run(
        "import reports\n"
        "try:\n"
        "    reports.no_such_thing\n"
        "except AttributeError as error:\n"
        "    assert 'no_such_thing' in str(error)\n"
        "else:\n"
        "    raise SystemExit('no error')\n"
    )
