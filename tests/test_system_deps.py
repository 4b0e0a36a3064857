"""``scripts/system-deps``, the step ``make run``, ``make test`` and CI share: it finds the
system libraries Qt lacks, installs them when it may (root, or sudo without a password) and
otherwise stops with the exact ``apt-get install`` line.

Each test runs the real script with a PATH holding only stand-ins for the system's tools
(``ldconfig``, ``ldd``, ``id``, ``sudo``, ``apt-get``, ...), so nothing is installed here.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "system-deps"
#: Real tools the script itself uses; everything else is a stand-in.
TOOLS = ("bash", "env", "awk", "grep", "sort", "ls", "cat", "touch")
TEST_COMMANDS = ("Xvfb", "xdotool", "soffice", "pdftoppm", "pdfinfo")

pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")


def table() -> dict[str, str]:
    """soname -> package, as the script lists them."""
    text = SCRIPT.read_text(encoding="utf-8")
    found = re.search(r'QT_LIBRARIES="\n(.*?)"', text, re.DOTALL)
    assert found is not None
    return dict(line.split() for line in found.group(1).splitlines() if line.strip())


@dataclass
class Machine:
    """A pretend Linux machine: which libraries it has, who runs the script."""

    folder: Path
    uid: int = 1000
    missing: tuple[str, ...] = ()
    sudo_without_password: bool = False
    apt: bool = True
    apt_fails: bool = False
    system: str = "Linux"
    commands: tuple[str, ...] = TEST_COMMANDS
    not_found_by_ldd: tuple[str, ...] = ()

    @property
    def bin(self) -> Path:
        return self.folder / "bin"

    @property
    def log(self) -> Path:
        return self.folder / "apt.log"

    def tool(self, name: str, body: str) -> None:
        path = self.bin / name
        path.write_text("#!/bin/bash\n" + body + "\n", encoding="utf-8")
        path.chmod(0o755)

    def build(self) -> None:
        shutil.rmtree(self.bin, ignore_errors=True)
        self.bin.mkdir(parents=True)
        for name in TOOLS:
            real = shutil.which(name)
            assert real is not None, name
            (self.bin / name).symlink_to(real)
        present = [soname for soname in table() if soname not in self.missing]
        cache = "".join(f"\t{s} (libc6,x86-64) => /usr/lib/{s}\\n" for s in present)
        every = "".join(f"\t{s} (libc6,x86-64) => /usr/lib/{s}\\n" for s in table())
        installed = self.folder / "installed"
        self.tool(
            "ldconfig",
            f'printf "{len(present)} libs found in cache\\n"\n'
            f'if [ -e "{installed}" ]; then printf "{every}"; else printf "{cache}"; fi',
        )
        self.tool("fc-list", 'echo "/usr/share/fonts/DejaVuSans.ttf: DejaVu Sans:style=Book"')
        self.tool("uname", f"echo {self.system}")
        self.tool("id", f"echo {self.uid}")
        not_found = "".join(f"\t{s} => not found\\n" for s in self.not_found_by_ldd)
        self.tool(
            "ldd",
            f'if [ -e "{installed}" ]; then exit 0; fi\n'
            f'printf "\tlibc.so.6 => /lib/libc.so.6 (0x0)\\n{not_found}"',
        )
        if self.sudo_without_password:
            self.tool("sudo", '[ "$1" = -n ] && shift; "$@"')
        else:
            self.tool("sudo", 'echo "sudo: a password is required" >&2; exit 1')
        if self.apt:
            fail = "exit 100" if self.apt_fails else f'touch "{installed}"'
            self.tool(
                "apt-get",
                f'echo "$(id) $DEBIAN_FRONTEND $*" >> "{self.log}"\n'
                f'if [[ " $* " == *" install "* ]]; then {fail}; fi',
            )
        for name in self.commands:
            self.tool(name, "exit 0")

    def run(self, *arguments: str, **environment: str) -> subprocess.CompletedProcess[str]:
        self.build()
        return subprocess.run(
            [str(self.bin / "bash"), str(SCRIPT), *arguments],
            env={"PATH": str(self.bin), "HOME": str(self.folder), **environment},
            cwd=self.folder,
            capture_output=True,
            text=True,
            timeout=30,
        )

    def apt_calls(self) -> list[str]:
        return self.log.read_text(encoding="utf-8").splitlines() if self.log.exists() else []


def test_a_machine_with_every_library_passes_quietly(tmp_path: Path) -> None:
    result = Machine(tmp_path).run("test")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_the_table_holds_the_xcb_libraries_a_fresh_debian_desktop_lacks() -> None:
    libraries = table()
    for soname, package in (
        ("libxcb-cursor.so.0", "libxcb-cursor0"),
        ("libxcb-icccm.so.4", "libxcb-icccm4"),
        ("libxcb-keysyms.so.1", "libxcb-keysyms1"),
        ("libxcb-render-util.so.0", "libxcb-render-util0"),
        ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
        ("libpulse.so.0", "libpulse0"),
    ):
        assert libraries[soname] == package


def test_without_root_or_sudo_it_stops_with_the_exact_apt_get_line(tmp_path: Path) -> None:
    machine = Machine(tmp_path, missing=("libxcb-icccm.so.4", "libxcb-keysyms.so.1"))
    result = machine.run("run")
    assert result.returncode == 1
    assert (
        "  sudo apt-get install -y --no-install-recommends libxcb-icccm4 libxcb-keysyms1\n"
        in result.stderr
    )
    assert machine.apt_calls() == []


def test_as_root_it_installs_the_missing_packages_without_a_question(tmp_path: Path) -> None:
    machine = Machine(tmp_path, uid=0, missing=("libxcb-cursor.so.0", "libpulse.so.0"))
    result = machine.run("run")
    assert result.returncode == 0, result.stderr
    update, install = machine.apt_calls()
    assert update.startswith("0 noninteractive ") and update.endswith(" update -qq")
    assert install.startswith("0 noninteractive ")
    assert install.endswith(" install -y -qq --no-install-recommends libxcb-cursor0 libpulse0")


def test_with_sudo_that_needs_no_password_it_installs_too(tmp_path: Path) -> None:
    machine = Machine(tmp_path, sudo_without_password=True, missing=("libGL.so.1",))
    result = machine.run("run")
    assert result.returncode == 0, result.stderr
    assert machine.apt_calls()[-1].endswith("--no-install-recommends libgl1")


def test_check_only_reports_and_installs_nothing(tmp_path: Path) -> None:
    machine = Machine(tmp_path, uid=0, missing=("libGL.so.1",))
    result = machine.run("run", "--check")
    assert result.returncode == 1 and "libgl1" in result.stderr
    assert machine.apt_calls() == []


def test_the_tests_also_need_xvfb_libreoffice_and_poppler(tmp_path: Path) -> None:
    machine = Machine(tmp_path, commands=())
    assert machine.run("run").returncode == 0  # the app itself does not need them
    result = machine.run("test")
    assert result.returncode == 1
    assert (
        "--no-install-recommends xvfb xdotool libreoffice-writer-nogui poppler-utils\n"
        in result.stderr
    )


def test_a_library_qt_cannot_find_is_named_even_when_the_table_misses_it(
    tmp_path: Path,
) -> None:
    venv = tmp_path / "venv"
    plugins = venv / "lib/python3.11/site-packages/PySide6/Qt/plugins/platforms"
    plugins.mkdir(parents=True)
    (plugins / "libqxcb.so").write_bytes(b"")
    machine = Machine(tmp_path, not_found_by_ldd=("libxcb-keysyms.so.1", "libxcb-future.so.9"))
    result = machine.run("run", "--venv", str(venv))
    assert result.returncode == 1
    assert "libxcb-keysyms1" in result.stderr  # known: its package is asked for
    assert "Qt cannot find these libraries: libxcb-future.so.9" in result.stderr


def test_a_failing_apt_get_stops_with_the_line_to_run_by_hand(tmp_path: Path) -> None:
    machine = Machine(tmp_path, uid=0, apt_fails=True, missing=("libGL.so.1",))
    result = machine.run("run")
    assert result.returncode == 1
    assert "apt-get could not install" in result.stderr
    assert "sudo apt-get install -y --no-install-recommends libgl1" in result.stderr


def test_another_linux_is_told_to_use_its_own_package_manager(tmp_path: Path) -> None:
    result = Machine(tmp_path, uid=0, apt=False, missing=("libGL.so.1",)).run("run")
    assert result.returncode == 1
    assert "not a Debian or Ubuntu system" in result.stderr and "libgl1" in result.stderr


@pytest.mark.parametrize("system", ["Darwin", "MINGW64_NT-10.0"])
def test_macos_and_windows_need_nothing(tmp_path: Path, system: str) -> None:
    result = Machine(tmp_path, system=system, missing=("libGL.so.1",)).run("test")
    assert (result.returncode, result.stderr) == (0, "")


def test_the_step_can_be_skipped_for_a_system_set_up_by_hand(tmp_path: Path) -> None:
    result = Machine(tmp_path, missing=("libGL.so.1",)).run("run", CATI_SYSTEM_DEPS="skip")
    assert result.returncode == 0


def test_a_wrong_argument_gets_the_usage(tmp_path: Path) -> None:
    result = Machine(tmp_path).run("everything")
    assert result.returncode == 2 and "usage:" in result.stderr


def test_make_run_make_test_and_ci_call_the_step() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target, mode in (("run", "run"), ("test", "test"), ("screenshots", "run")):
        recipe = re.search(rf"^{target}:.*?\n((?:\t.*\n)+)", makefile, re.MULTILINE)
        assert recipe is not None, target
        assert f"scripts/system-deps {mode}" in recipe.group(1).splitlines()[0], target
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci and "apt-get install" not in ci
    assert os.access(SCRIPT, os.X_OK)
