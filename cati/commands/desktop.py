"""``cati`` without a command (or with only ``--db URL``): the desktop app."""

from __future__ import annotations

import argparse

from cati.app import run_desktop_app

__all__ = ["run"]


def run(args: argparse.Namespace) -> int:
    return run_desktop_app(database_url=args.db)
