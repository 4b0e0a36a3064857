"""Change notifications reach the app's subscribers on the GUI thread, from other
workstations (PostgreSQL LISTEN, SQLite's -wal file) and from this one."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from cati.changes import ATTEMPT, DATABASE, Change, notify
from cati.db import create_engine_for, session_scope
from cati.ui.shell.change_feed import ChangeFeed


@pytest.fixture
def feed(engine: Engine, qtbot: QtBot) -> Iterator[ChangeFeed]:
    with session_scope(engine) as session:  # the app has signed in: a pooled connection is open
        session.connection().exec_driver_sql("SELECT 1")
    started = ChangeFeed(engine).start()
    qtbot.waitUntil(lambda: started.ready, timeout=5000)
    yield started
    started.stop()


def commit_a_change(url: str) -> None:
    """Another workstation records something (its own engine and connections)."""
    other = create_engine_for(url)
    try:
        with session_scope(other) as session:
            session.connection().exec_driver_sql("UPDATE cati_meta SET value = value")
            notify(session, ATTEMPT, {"study_id": 1, "contact_id": 2})
    finally:
        other.dispose()


def test_a_change_committed_elsewhere_reaches_a_subscriber_on_the_gui_thread(
    feed: ChangeFeed, db_url: str, db_backend: str, qtbot: QtBot
) -> None:
    received: list[tuple[Change, bool]] = []
    feed.subscribe(
        ATTEMPT,
        lambda c: received.append((c, threading.current_thread() is threading.main_thread())),
    )
    commit_a_change(db_url)
    qtbot.waitUntil(lambda: bool(received), timeout=5000)
    change, on_gui_thread = received[0]
    assert on_gui_thread
    if db_backend == "postgres":
        assert change == Change(ATTEMPT, {"study_id": 1, "contact_id": 2})
    else:  # SQLite cannot say what changed elsewhere, only that something did
        assert change.topic == DATABASE


@pytest.mark.parametrize("db_backend", ["sqlite"], indirect=True)
def test_this_processes_changes_arrive_after_commit_and_never_after_rollback(
    feed: ChangeFeed, engine: Engine, qtbot: QtBot
) -> None:
    feed.stop()  # no file watching: only the in-process path
    feed = ChangeFeed(engine, fold_ms=10_000)
    feed.source.watched_files = None
    feed.start()
    received: list[Change] = []
    subscription = feed.subscribe(None, received.append)
    with pytest.raises(RuntimeError), session_scope(engine) as session:
        notify(session, ATTEMPT, {"contact_id": 1})
        raise RuntimeError("the unit of work failed")
    with session_scope(engine) as session:
        notify(session, ATTEMPT, {"contact_id": 2})
        assert not received  # not before the commit
    qtbot.waitUntil(lambda: bool(received))
    assert received == [Change(ATTEMPT, {"contact_id": 2})]
    subscription.unsubscribe()
    with session_scope(engine) as session:
        notify(session, ATTEMPT, {"contact_id": 3})
    qtbot.wait(50)
    assert len(received) == 1
    feed.stop()


def test_an_unknown_topic_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown change topic"):
        notify(object(), "everything")
