"""The composition root: settings -> database -> services -> windows.

Nothing here runs at import time; ``run_desktop_app`` builds the graph explicitly.
"""

from __future__ import annotations

import os


def run_desktop_app(database_url: str | None = None) -> int:
    """Start the desktop client (the Qt layer lives in ``cati.ui``)."""
    from cati.ui.main import run

    return run(database_url=database_url or os.environ.get("CATI_DATABASE_URL"))
