"""A UI context for widget tests, a change feed stand-in and a GUI-thread database guard."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, event

from cati.accounts import Actor
from cati.ui.context import UiContext
from cati.ui.errors import ErrorPresenter

from ...supervision.study_data import StudyData


class QuietErrors(ErrorPresenter):
    """Keeps the messages instead of opening message boxes."""

    def show(self, text: str) -> None:
        self.shown.append(text)


class FakeFeed:
    """The change feed's API (``subscribe(topic_or_None, callback)``), publishing from a
    worker thread as a feed watching the database would."""

    def __init__(self) -> None:
        self.subscribers: list[tuple[str | None, Callable[..., Any]]] = []

    def subscribe(self, topic: str | None, callback: Callable[..., Any]) -> Callable[[], None]:
        entry = (topic, callback)
        self.subscribers.append(entry)
        return lambda: self.subscribers.remove(entry)

    def publish(self, topic: str, payload: dict[str, Any]) -> None:
        def deliver() -> None:
            for wanted, callback in list(self.subscribers):
                if wanted is None or wanted == topic:
                    callback(topic, payload)

        worker = threading.Thread(target=deliver)
        worker.start()
        worker.join()


def context_for(data: StudyData, actor: Actor | None = None, **extra: Any) -> UiContext:
    return UiContext(
        engine=data.engine,
        actor=actor or data.supervisor,
        clock=data.clock,
        errors=QuietErrors(),
        language="ru",
        study_id=data.study_id,
        **extra,
    )


class GuiThreadGuard:
    """Records every SQL statement run on the GUI (main) thread."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.on_gui_thread: list[str] = []

    def _seen(self, conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if threading.current_thread() is threading.main_thread():
            self.on_gui_thread.append(statement)

    def __enter__(self) -> GuiThreadGuard:
        event.listen(self.engine, "before_cursor_execute", self._seen)
        return self

    def __exit__(self, *exc: object) -> None:
        event.remove(self.engine, "before_cursor_execute", self._seen)
