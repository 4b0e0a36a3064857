"""``cati script check`` and ``cati script simulate``: test a script before fieldwork."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from surveys import Script, ScriptError, load_script
from surveys.model import SCHEMA_VERSION
from surveys.simulate import simulate

EXIT_OK, EXIT_PROBLEMS = 0, 1


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("script")
    commands = parser.add_subparsers(title="script commands", metavar="COMMAND", required=True)

    check = commands.add_parser("check", help="check scripts; print FILE: ok or every problem")
    check.add_argument("files", nargs="+", metavar="FILE")
    check.add_argument(
        "--roles",
        action="store_true",
        help="also list the question roles the report uses (inferred for schema_version 1)",
    )
    check.set_defaults(handler=run_check)

    sim = commands.add_parser("simulate", help="walk random valid interviews through a script")
    sim.add_argument("file", metavar="FILE")
    sim.add_argument("-n", type=int, default=1000, help="number of interviews (default 1000)")
    sim.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    sim.add_argument("--json", action="store_true", help="print the report as JSON")
    sim.set_defaults(handler=run_simulate)


def run_check(args: argparse.Namespace) -> int:
    status = EXIT_OK
    for file in args.files:
        try:
            script = load_script(file)
        except ScriptError as error:
            status = EXIT_PROBLEMS
            for problem in error.problems:
                print(problem)
        else:
            print(f"{file}: ok")
            if args.roles:
                _print_roles(script)
    return status


def _print_roles(script: Script) -> None:
    from surveys.roles import describe_roles

    if script.written_as < SCHEMA_VERSION:
        print(
            f"  roles inferred from question types and ids (schema_version {script.written_as}); "
            f"declare them and write schema_version: {SCHEMA_VERSION} to fix them"
        )
    for line in describe_roles(script):
        print(line)


def run_simulate(args: argparse.Namespace) -> int:
    if args.n < 1:
        print("cati: -n must be at least 1", file=sys.stderr)
        return 2
    try:
        script = load_script(args.file)
    except ScriptError as error:
        for problem in error.problems:
            print(problem)
        return EXIT_PROBLEMS
    report = simulate(script, args.n, seed=args.seed).to_json()
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"{args.file}: {report['interviews']} simulated interviews (seed {args.seed})")
    width = max((len(q) for q in report["reached"]), default=8)
    print(f"{'question':<{width}}  {'reached':>8}  {'share':>6}")
    for qid, count in report["reached"].items():
        share = report["reached_share"][qid]
        flag = "  <- never reached" if count == 0 else ""
        print(f"{qid:<{width}}  {count:>8}  {share:>6.1%}{flag}")
    endings = ", ".join(f"{k} {v}" for k, v in sorted(report["endings"].items()))
    print(f"endings: {endings}")
    length = report["path_length"]
    print(
        f"questions per interview: min {length['min']}, median {length['median']:g}, "
        f"mean {length['mean']:.1f}, max {length['max']}"
    )
    if report["never_reached"]:
        print(f"never reached: {', '.join(report['never_reached'])}")
    return EXIT_OK
