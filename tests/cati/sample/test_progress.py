from __future__ import annotations

import io

from cati.sample.progress import TerminalProgress


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_bar_renders_share_and_amounts() -> None:
    bar = TerminalProgress("Importing", stream=io.StringIO())
    assert bar.render(5_000_000, 10_000_000) == (
        "Importing [" + "#" * 15 + " " * 15 + "]  50%  5.0 MB/10.0 MB"
    )
    rows = TerminalProgress("Importing", unit="rows", stream=io.StringIO())
    assert rows.render(1234, None) == "Importing  1 234 rows"


def test_nothing_is_written_when_stderr_is_not_a_terminal() -> None:
    stream = io.StringIO()
    bar = TerminalProgress(stream=stream)
    bar(1, 2)
    bar.finish()
    assert stream.getvalue() == ""


def test_a_terminal_gets_the_bar_and_a_final_newline() -> None:
    stream = FakeTerminal()
    bar = TerminalProgress(stream=stream)
    bar(0, 100)
    bar(100, 100)
    bar.finish()
    assert stream.getvalue().count("\r") == 2
    assert stream.getvalue().endswith("100%  0.0 MB/0.0 MB\n")
