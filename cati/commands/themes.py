"""``cati themes STUDY show|set FILE|reset|try TEXT``: a study's open-answer theme dictionary.

``show`` prints the YAML the study's reports use (its own, or the shipped one: a starting
point to edit), ``set FILE`` checks FILE and stores it with the study (problems are printed
as ``file:line:column: message`` and nothing changes, exit 1), ``reset`` goes back to the
shipped dictionary, and ``try TEXT`` shows how the dictionary codes one answer: each theme
with its polarity (praise, complaint, neutral) and the words that decided it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from cati.commands.study import open_engine, print_json

__all__ = ["register"]

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
USAGE = (
    "cati themes STUDY show [--default]\n"
    "       cati themes STUDY set FILE\n"
    "       cati themes STUDY reset\n"
    "       cati themes STUDY try TEXT [--json]"
)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "themes",
        usage=USAGE,
        description="The dictionary that codes open answers into themes with praise, "
        "complaint or neutral polarity (lemmas in YAML; see reports/themes/default.yaml). "
        "A study uses the shipped dictionary until its own is set.",
    )
    parser.add_argument("study", metavar="STUDY", help="the study's name or id")
    parser.add_argument("action", choices=("show", "set", "reset", "try"), metavar="ACTION")
    parser.add_argument("argument", nargs="?", metavar="FILE|TEXT")
    parser.add_argument("--default", action="store_true", help="show: print the shipped dictionary")
    parser.add_argument("--json", action="store_true", help="try: print the mentions as JSON")
    parser.set_defaults(handler=run_themes)


def run_themes(args: argparse.Namespace) -> int:
    needs_argument = args.action in ("set", "try")
    if needs_argument != (args.argument is not None):
        print(f"usage: {USAGE}", file=sys.stderr)
        return EXIT_USAGE
    from cati.studies import themes
    from reports.errors import ThemeDictionaryError

    with open_engine(args) as engine:
        if args.action == "show":
            text = (
                themes.default_theme_text()
                if args.default
                else themes.study_theme_text(engine, args.study).text
            )
            sys.stdout.write(text if text.endswith("\n") else text + "\n")
            return EXIT_OK
        if args.action == "reset":
            had = themes.reset_study_themes(engine, args.study)
            print(
                f"{args.study}: back to the shipped theme dictionary"
                if had
                else f"{args.study}: already uses the shipped theme dictionary"
            )
            return EXIT_OK
        if args.action == "set":
            from reports.themes.dictionary import read_dictionary_file

            path = Path(args.argument)
            try:
                compiled = themes.set_study_themes(
                    engine, args.study, read_dictionary_file(path), where=str(path)
                )
            except ThemeDictionaryError as error:
                print(error, file=sys.stderr)
                return EXIT_PROBLEMS
            print(f"{args.study}: theme dictionary set (themes: {', '.join(compiled.names)})")
            return EXIT_OK
        dictionary = themes.study_theme_dictionary(engine, args.study)
    mentions = themes.try_study_themes(dictionary, args.argument)
    if args.json:
        print_json(
            [
                {
                    "theme": m.theme,
                    "polarity": m.polarity,
                    "theme_words": list(m.theme_words),
                    "evidence": list(m.evidence),
                    "decided_by": m.decided_by,
                }
                for m in mentions
            ]
        )
        return EXIT_OK
    if not mentions:
        print("no theme")
    for m in mentions:
        why = "; ".join(m.evidence) or "no judgement in the text"
        print(f"{m.theme}: {m.polarity}  ({', '.join(m.theme_words)} — {why})")
    return EXIT_OK
