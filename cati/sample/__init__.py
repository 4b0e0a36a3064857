"""Call lists in: reading the client's contact files and cleaning them into contacts.

A pure layer with no database: :func:`read_call_list` streams a CSV or XLSX file and yields
parsed contacts (numbers in E.164, time zone, typed attributes) and rejected rows (with a
reason), and keeps a summary; the database service persists them in batches and writes the
rejects with :class:`RejectsWriter`. See :mod:`cati.sample.reader` for the guarantees,
:mod:`cati.sample.columns` for column mapping and the mapping file format,
:mod:`cati.sample.tables` for formats and row numbering, :mod:`cati.sample.encodings` for
encodings (decided per file and again per row), :mod:`cati.sample.limits` for the limits
every parser reads within, :mod:`cati.sample.importing` for "the whole file or nothing",
:mod:`cati.sample.phones` and :mod:`cati.sample.timezones` for numbers and zones,
:mod:`cati.sample.rows` and :mod:`cati.sample.row_pool` for how the rows of a big file are
prepared by worker processes (one per core) with the same results.
"""

from __future__ import annotations

from cati.sample.columns import (
    ATTRIBUTE_ALIASES,
    ColumnPlan,
    ColumnRole,
    MappingSpec,
    attribute_key,
    load_mapping_file,
    plan_columns,
)
from cati.sample.errors import (
    CallListError,
    ColumnMappingError,
    NoPhoneColumnError,
    UnreadableCallListError,
    UnsupportedCallListError,
)
from cati.sample.hashing import file_sha256
from cati.sample.phones import ContactPhone, PhoneProblem, parse_phones
from cati.sample.progress import TerminalProgress
from cati.sample.reader import (
    CallList,
    ImportBatch,
    ImportSummary,
    ParsedContact,
    RejectedRow,
    RejectReason,
    SkippedPhone,
    read_call_list,
)
from cati.sample.rejects import RejectsWriter
from cati.sample.timezones import TimezoneSource, contact_time_zone, region_time_zone
from cati.sample.values import typed_value

__all__ = [
    "ATTRIBUTE_ALIASES",
    "CallList",
    "CallListError",
    "ColumnMappingError",
    "ColumnPlan",
    "ColumnRole",
    "ContactPhone",
    "ImportBatch",
    "ImportSummary",
    "MappingSpec",
    "NoPhoneColumnError",
    "ParsedContact",
    "PhoneProblem",
    "RejectReason",
    "RejectedRow",
    "RejectsWriter",
    "SkippedPhone",
    "TerminalProgress",
    "TimezoneSource",
    "UnreadableCallListError",
    "UnsupportedCallListError",
    "attribute_key",
    "contact_time_zone",
    "file_sha256",
    "load_mapping_file",
    "parse_phones",
    "plan_columns",
    "read_call_list",
    "region_time_zone",
    "typed_value",
]
