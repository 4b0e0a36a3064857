"""Random bytes and random tables thrown at the reader: never a traceback, nothing lost."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cati.errors import CatiError
from cati.sample import ParsedContact, RejectedRow, read_call_list
from tests.cati.sample.files import write_csv

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

PHONES = st.sampled_from(
    ["+7 (495) 123-45-67", "8 916 123 45 67", "8(812)3214567 доб. 123", "84951234567",
     "+375 29 123 45 67", "12345", "", "нет", "8 903 111 22 33, 8 903 111 22 34"]
)  # fmt: skip
CYRILLIC_TEXT = st.text(
    alphabet=st.sampled_from(list("абвгдежзийклмнопрстуфхцчшщъыьэюяАБВЁё ;,\"'\n\r\t0123456789.-")),
    max_size=20,
)


def _read(path: Path) -> tuple[list[ParsedContact | RejectedRow], dict] | None:
    try:
        with read_call_list(path) as calls:
            results = list(calls)
        return results, calls.summary.to_dict()
    except CatiError:
        return None


@SETTINGS
@given(st.binary(max_size=2000))
def test_random_bytes_give_results_or_a_cati_error(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "random.csv"
        path.write_bytes(data)
        outcome = _read(path)
    if outcome is not None:
        results, summary = outcome
        assert summary["read"] == summary["imported"] + summary["rejected"] + summary["empty"]
        assert len(results) == summary["imported"] + summary["rejected"]


@SETTINGS
@given(
    rows=st.lists(st.tuples(CYRILLIC_TEXT, PHONES, CYRILLIC_TEXT), max_size=30),
    delimiter=st.sampled_from([";", ",", "\t"]),
    encoding=st.sampled_from(["cp1251", "utf-8", "utf-8-sig"]),
)
def test_every_row_of_a_random_table_is_imported_or_rejected_or_empty(
    rows: list[tuple[str, str, str]], delimiter: str, encoding: str
) -> None:
    table = [["Компания", "Телефон", "Комментарий"], *[list(row) for row in rows]]
    with tempfile.TemporaryDirectory() as folder:
        path = write_csv(Path(folder) / "t.csv", table, encoding=encoding, delimiter=delimiter)
        outcome = _read(path)
    assert outcome is not None, "a well-formed table must be readable"
    results, summary = outcome
    assert summary["read"] == len(rows)
    assert summary["read"] == summary["imported"] + summary["rejected"] + summary["empty"]
    assert len(results) == summary["imported"] + summary["rejected"]
    blank = sum(1 for row in rows if not any(cell.strip() for cell in row))
    assert summary["empty"] == blank
    assert [r.row for r in results] == sorted(r.row for r in results)
    imported = [r for r in results if isinstance(r, ParsedContact)]
    numbers = [p.e164 for contact in imported for p in contact.phones]
    assert len(numbers) == len(set(numbers)), "a number is imported once"
