"""``cati segments STUDY`` and ``cati segments define STUDY FILE``: segments and quotas.

``cati segments STUDY [--json]`` prints per segment: population (the client's count when
entered, else the contacts), contacts, reachable (not finalised, a usable number, not on the
do-not-call list), completes (completed interviews) and target.

``cati segments define STUDY FILE`` replaces the study's segments with those of FILE (see
:mod:`cati.segments.definitions` for its format) and puts every contact in its segment.
Problems in FILE are printed as ``file:line:column: message`` and change nothing (exit 1).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from cati.clock import SystemClock
from cati.commands.study import open_engine, print_json
from cati.segments import SegmentDefinitionError, SegmentRow, define_segments, segment_report

__all__ = ["register"]

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "segments",
        usage="cati segments STUDY [--json]\n       cati segments define STUDY FILE [--json]",
        description="Show a study's segments with population, contacts, reachable contacts, "
        "completes and target; or define them from a YAML file (name, rule, target, "
        "population per segment), which re-assigns every contact.",
    )
    parser.add_argument("words", nargs="+", metavar="STUDY", help=argparse.SUPPRESS)
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.set_defaults(handler=run_segments, segments_parser=parser)


def run_segments(args: argparse.Namespace) -> int:
    words: list[str] = args.words
    if len(words) == 1:
        return _show(args, words[0])
    if words[0] == "define" and len(words) == 3:
        return _define(args, words[1], words[2])
    print(
        "usage: cati segments STUDY [--json] | cati segments define STUDY FILE [--json]",
        file=sys.stderr,
    )
    return EXIT_USAGE


def _show(args: argparse.Namespace, study: str) -> int:
    with open_engine(args) as engine:
        rows = segment_report(engine, study)
    if args.json:
        print_json({"study": study, "segments": [row.to_dict() for row in rows]})
        return EXIT_OK
    if not rows:
        print(f"study {study!r} has no contacts and no segments yet")
        return EXIT_OK
    _print_table(rows)
    return EXIT_OK


def _print_table(rows: list[SegmentRow]) -> None:
    header = ("segment", "population", "contacts", "reachable", "completes", "target")
    lines = [
        (
            row.name,
            f"{row.population}{'*' if row.population_entered else ''}",
            str(row.contacts),
            str(row.reachable),
            str(row.completes),
            str(row.target),
        )
        for row in rows
    ]
    total = (
        "total",
        str(sum(row.population for row in rows)),
        str(sum(row.contacts for row in rows)),
        str(sum(row.reachable for row in rows)),
        str(sum(row.completes for row in rows)),
        str(sum(row.target for row in rows)),
    )
    table = [header, *lines, total]
    widths = [max(len(line[i]) for line in table) for i in range(len(header))]
    for line in table:
        cells = [line[0].ljust(widths[0])]
        cells += [cell.rjust(width) for cell, width in zip(line[1:], widths[1:], strict=True)]
        print("  ".join(cells))
    if any(row.population_entered for row in rows):
        print("* population entered for the segment (otherwise: its number of contacts)")


def _define(args: argparse.Namespace, study: str, file: str) -> int:
    with open_engine(args) as engine:
        try:
            defined = define_segments(engine, study, file, clock=SystemClock())
        except SegmentDefinitionError as error:
            for problem in error.problems:
                print(problem, file=sys.stderr)
            print("cati: the segments have problems; nothing was changed", file=sys.stderr)
            return EXIT_PROBLEMS
        rows = segment_report(engine, study)
    if args.json:
        print_json(
            {
                "study": defined.study,
                "assigned": defined.assigned,
                "segments": [row.to_dict() for row in rows],
            }
        )
        return EXIT_OK
    total = sum(defined.assigned.values())
    print(
        f"study {defined.study!r}: {len(defined.assigned)} segments defined, "
        f"{total} contacts assigned"
    )
    _print_table(rows)
    return EXIT_OK
