"""What every window of the desktop client is given: built once by the composition root.

Widgets receive a :class:`UiContext` and call services with its engine, clock and actor,
always through :func:`cati.ui.operations.run_in_background`; failures go to ``errors``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from cati.accounts import Actor
from cati.clock import Clock

if TYPE_CHECKING:
    from cati.db import Engine
    from cati.ui.errors import ErrorPresenter


@dataclass
class UiContext:
    """The signed-in person's view of one database and study."""

    engine: Engine
    actor: Actor
    clock: Clock
    errors: ErrorPresenter
    language: str = "ru"
    study_id: int | None = None
    # Builds the dialer the study is set up for (simulated, manual, Twilio); the console
    # calls it when the interviewer starts a shift.
    dialer_factory: Callable[..., Any] | None = None
    # Subscribes to change notifications (the shell's ChangeFeed); None in widget tests.
    changes: Any = None
    extras: dict[str, Any] = field(default_factory=dict)
