"""The app's change feed: notifications from the database, delivered on the GUI thread.

``context.changes`` is a :class:`ChangeFeed`. Subscribe with a topic (see
:mod:`cati.changes`) or ``None`` for every topic; the callback gets a
:class:`cati.changes.Change` on the GUI thread::

    subscription = context.changes.subscribe("attempt", self.on_change)
    subscription.unsubscribe()

Sources: PostgreSQL's ``LISTEN`` on a background thread; on SQLite this process's own
commits and, for other workstations, a :class:`QFileSystemWatcher` on the database's
``-wal`` file (bursts of writes are folded into one ``database`` change).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from cati.changes import DATABASE, Change, ChangeSource
from cati.db import Engine

__all__ = ["ChangeFeed", "Subscription"]

log = logging.getLogger(__name__)

ChangeCallback = Callable[[Change], None]


class Subscription:
    """One subscriber's interest; :meth:`unsubscribe` (or calling it) ends it."""

    def __init__(self, feed: ChangeFeed, topic: str | None, callback: ChangeCallback) -> None:
        self.feed = feed
        self.topic = topic
        self.callback = callback

    def unsubscribe(self) -> None:
        self.feed._drop(self)

    __call__ = unsubscribe


class ChangeFeed(QObject):
    """Receives change notifications for one database and hands them to subscribers."""

    arrived = Signal(object)  # any thread -> the GUI thread (queued)

    def __init__(
        self, engine: Engine, parent: QObject | None = None, *, fold_ms: int = 150
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.subscriptions: list[Subscription] = []
        self.delivered = 0  # changes handed out (tests and the status bar)
        self.arrived.connect(self._dispatch)
        self.source = ChangeSource(engine, self.arrived.emit)
        self.watcher: QFileSystemWatcher | None = None
        self._fold = QTimer(self)
        self._fold.setSingleShot(True)
        self._fold.setInterval(fold_ms)
        self._fold.timeout.connect(lambda: self._dispatch(Change(DATABASE)))
        self._started = False

    # -- lifetime -------------------------------------------------------------------------

    def start(self) -> ChangeFeed:
        if self._started:
            return self
        self._started = True
        self.source.start()
        files = self.source.watched_files
        if files is not None:
            self.watcher = QFileSystemWatcher(self)
            self.watcher.fileChanged.connect(self._file_changed)
            self.watcher.directoryChanged.connect(self._file_changed)
            self.watcher.addPath(str(files[0].parent))
            self._watch_files()
        return self

    def stop(self) -> None:
        if self._started:
            self.source.stop()
            self._started = False
        self._fold.stop()

    @property
    def ready(self) -> bool:
        """Whether notifications from elsewhere are being received now."""
        return self.source.ready.is_set()

    # -- subscribers ----------------------------------------------------------------------

    def subscribe(self, topic: str | None, callback: ChangeCallback) -> Subscription:
        """Call ``callback(change)`` on the GUI thread for ``topic`` (None: every topic)."""
        subscription = Subscription(self, topic, callback)
        self.subscriptions.append(subscription)
        return subscription

    def _drop(self, subscription: Subscription) -> None:
        if subscription in self.subscriptions:
            self.subscriptions.remove(subscription)

    def post(self, change: Change) -> None:
        """Deliver a change made here (from any thread)."""
        self.arrived.emit(change)

    def _dispatch(self, change: object) -> None:
        if not isinstance(change, Change):
            return
        self.delivered += 1
        for subscription in list(self.subscriptions):
            wanted = subscription.topic
            if wanted is None or wanted == change.topic or change.topic == DATABASE:
                try:
                    subscription.callback(change)
                except Exception:
                    log.exception("a change subscriber failed on %s", change.topic)

    # -- SQLite: the -wal file ------------------------------------------------------------

    def _watch_files(self) -> None:
        files = self.source.watched_files
        if files is None or self.watcher is None:
            return
        watched = set(self.watcher.files())
        for path in files:
            if path.exists() and str(path) not in watched:
                self.watcher.addPath(str(path))

    def _file_changed(self, path: str) -> None:
        # A deleted or replaced -wal file is no longer watched: add it again when it is back.
        # (The app's own pooled connection keeps the -wal file in place between commits.)
        self._watch_files()
        self._fold.start()
