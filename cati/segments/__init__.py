"""Segments and quotas: named rules over contact fields, a target and a population each."""

from __future__ import annotations

from cati.segments.definitions import OTHER, SegmentDefinitionError, parse_segment_definitions
from cati.segments.rules import ContactFieldTypes, SegmentMatcher, compile_rule
from cati.segments.service import (
    UNSEGMENTED,
    SegmentRow,
    SegmentsDefined,
    contact_field_types,
    define_segments,
    load_matcher,
    segment_report,
)

__all__ = [
    "OTHER",
    "UNSEGMENTED",
    "ContactFieldTypes",
    "SegmentDefinitionError",
    "SegmentMatcher",
    "SegmentRow",
    "SegmentsDefined",
    "compile_rule",
    "contact_field_types",
    "define_segments",
    "load_matcher",
    "parse_segment_definitions",
    "segment_report",
]
