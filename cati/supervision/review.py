"""Call review: recorded calls, their recordings, and scores against a checklist.

Only roles that may listen to recordings see the list and open a recording (an
interviewer may not). The checklist is the study's ``settings["review"]["checklist"]`` (a
list of ``{id, ru, en}`` items scored 0-2) or, when the study has none, the
:data:`DEFAULT_CHECKLIST` mystery-call items of a B2B desk.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cati.accounts import Actor, Permission, require
from cati.clock import Clock
from cati.db import Engine
from cati.db import supervision as queries
from cati.db.supervision import RecordedCall, ReviewRow
from cati.errors import CatiError, NotFoundError
from cati.supervision.errors import RecordingMissing

__all__ = [
    "DEFAULT_CHECKLIST",
    "MAX_SCORE",
    "ChecklistItem",
    "call_reviews",
    "checklist",
    "open_recording",
    "recorded_calls",
    "score_call",
]

#: Each item is scored 0 (no), 1 (partly) or 2 (yes).
MAX_SCORE = 2


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    labels: dict[str, str]

    def label(self, language: str) -> str:
        return self.labels.get(language) or next(iter(self.labels.values()), self.id)


_ITEMS = (
    ("greeting", "Представился и назвал цель звонка", "Introduced self and the purpose"),
    ("consent", "Спросил согласие на интервью и запись", "Asked consent to interview and record"),
    ("verbatim", "Читал вопросы дословно", "Read the questions verbatim"),
    ("probing", "Уточнял открытые ответы без подсказок", "Probed open answers without leading"),
    ("tone", "Вежливый, спокойный тон", "Polite, calm tone"),
    ("closing", "Поблагодарил и корректно завершил", "Thanked and closed properly"),
)
DEFAULT_CHECKLIST: tuple[ChecklistItem, ...] = tuple(
    ChecklistItem(key, {"ru": ru, "en": en}) for key, ru, en in _ITEMS
)


def checklist(settings: dict[str, Any]) -> tuple[ChecklistItem, ...]:
    """The study's checklist (see the module docstring)."""
    items = (settings.get("review") or {}).get("checklist")
    if not isinstance(items, list) or not items:
        return DEFAULT_CHECKLIST
    found = []
    for item in items:
        if isinstance(item, dict) and item.get("id"):
            labels = {k: str(v) for k, v in item.items() if k in ("ru", "en")}
            found.append(ChecklistItem(str(item["id"]), labels or {"en": str(item["id"])}))
    return tuple(found) or DEFAULT_CHECKLIST


def recorded_calls(
    engine: Engine, actor: Actor, study_id: int
) -> tuple[list[RecordedCall], tuple[ChecklistItem, ...]]:
    """The study's recorded calls, newest first, and the checklist to score them with."""
    require(actor, Permission.LISTEN_TO_RECORDINGS)
    found = queries.study_name_and_settings(engine, study_id)
    if found is None:
        raise NotFoundError(f"there is no study with id {study_id}")
    return queries.recorded_calls(engine, study_id), checklist(found[1])


def open_recording(engine: Engine, actor: Actor, attempt_id: int) -> Path:
    """The recording file of a call, checked to exist (the player gets this path)."""
    require(actor, Permission.LISTEN_TO_RECORDINGS)
    found = queries.recording_of(engine, attempt_id)
    if found is None or not found[1]:
        raise RecordingMissing(f"call {attempt_id} has no recording")
    path = Path(found[1])
    if not path.is_file():
        raise RecordingMissing(
            f"the recording of call {attempt_id} is not at {path}; ask the administrator "
            "where recordings are kept"
        )
    return path


def call_reviews(engine: Engine, actor: Actor, attempt_id: int) -> list[ReviewRow]:
    require(actor, Permission.SUPERVISE)
    return queries.reviews_of(engine, attempt_id)


def score_call(
    engine: Engine,
    actor: Actor,
    call: RecordedCall,
    scores: dict[str, int],
    note: str,
    clock: Clock,
    items: tuple[ChecklistItem, ...] = DEFAULT_CHECKLIST,
) -> int:
    """Store a review of the call: a score 0-2 per checklist item, and a note."""
    require(actor, Permission.SUPERVISE)
    known = {item.id for item in items}
    unknown = sorted(set(scores) - known)
    if unknown:
        raise CatiError(f"not on the checklist: {', '.join(unknown)}")
    bad = [key for key, value in scores.items() if not 0 <= int(value) <= MAX_SCORE]
    if bad:
        raise CatiError(f"scores are 0, 1 or 2; check {', '.join(sorted(bad))}")
    if not scores and not note.strip():
        raise CatiError("score at least one checklist item or write a note")
    total = sum(int(v) for v in scores.values())
    stored: dict[str, Any] = {key: int(value) for key, value in scores.items()}
    stored["_total"] = total
    stored["_max"] = MAX_SCORE * len(scores)
    return queries.add_review(
        engine,
        attempt_id=call.attempt_id,
        interview_id=call.interview_id,
        reviewer_id=actor.id,
        scores=stored,
        note=note.strip(),
        now=clock.now(),
    )
