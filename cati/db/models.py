"""The fieldwork tables, all in one module so the whole schema can be read in one sitting.

Layout follows the FastAPI full-stack template: a ``...Base`` data shape holds the fields a
person or a service supplies, and the table class adds the columns the database owns (ids,
timestamps, bookkeeping). Everything else about the schema is deliberate:

* **Time.** Every timestamp is a :class:`~cati.db.types.UTCDateTime`: aware UTC in, aware UTC
  out, naive refused. Timestamps have no Python-side default: services pass ``now`` from
  their injected clock so that tests with a frozen clock see exactly the times they set.
* **Deleting.** A study is the unit of data retention: deleting it deletes its script
  versions, segments, import batches, contacts, phones, attempts, appointments, interviews,
  answers and alerts (``ON DELETE CASCADE`` down the tree). Interviewers are deactivated,
  never deleted, so references to the people who did the work are ``NO ACTION`` (the
  database refuses to delete a person with history). An appointment whose owner disappears
  opens to everyone (``SET NULL``); a deleted segment leaves its contacts unsegmented
  (``SET NULL``) for reassignment; a script version used by an interview cannot be deleted on
  its own.
* **Enums** are ``StrEnum`` stored as their text values (:class:`~cati.db.types.TextEnum`).
* **JSON** columns (:data:`~cati.db.types.JSONValue`) are JSONB on PostgreSQL. Assign a new
  dict to change one; in-place mutation of a loaded dict is not saved.
* **Names** of indexes and constraints are spelled out (and follow :data:`NAMING_CONVENTION`)
  so migrations can refer to them on both backends.

A change here needs a migration in ``cati/db/migrations/versions``; a test compares the two.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Index, MetaData, Text, UniqueConstraint
from sqlalchemy import text as sql_text
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

from cati.db.types import JSONValue, TextEnum, UTCDateTime

__all__ = [
    "NAMING_CONVENTION",
    "Alert",
    "AlertBase",
    "AlertDelivery",
    "AlertKind",
    "AlertStatus",
    "Answer",
    "AnswerEdit",
    "Appointment",
    "AppointmentBase",
    "AppointmentKind",
    "AppointmentStatus",
    "Attempt",
    "AttemptBase",
    "CatiMeta",
    "CatiModel",
    "Contact",
    "ContactBase",
    "ContactPhone",
    "ContactState",
    "DeliveryChannel",
    "DeliveryState",
    "DoNotCall",
    "ImportBatch",
    "Interview",
    "InterviewStatus",
    "Interviewer",
    "InterviewerBase",
    "PhoneStatus",
    "Review",
    "Role",
    "ScriptVersion",
    "Segment",
    "SegmentBase",
    "Study",
    "StudyBase",
    "StudyStatus",
    "StudyThemes",
    "TimezoneSource",
    "metadata",
]

NAMING_CONVENTION: dict[str, str] = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

#: Our own metadata (not SQLModel's global one), so only cati's tables are in it.
metadata = MetaData(naming_convention=NAMING_CONVENTION)


class CatiModel(SQLModel, registry=registry(metadata=metadata)):
    """Base of every cati data shape and table."""


# --- enums -----------------------------------------------------------------------------------


class StudyStatus(StrEnum):
    DRAFT = "draft"  # being set up: script, sample, segments
    ACTIVE = "active"  # interviewers get contacts
    PAUSED = "paused"  # no new claims; data kept
    CLOSED = "closed"  # fieldwork over; reports only


class ContactState(StrEnum):
    FRESH = "fresh"  # never called
    SCHEDULED = "scheduled"  # called before; next_call_at says when again
    CLAIMED = "claimed"  # held by an interviewer until claim_expires_at
    FINAL = "final"  # final_disposition says how it ended


class TimezoneSource(StrEnum):
    PHONE = "phone"  # derived from the phone number
    REGION = "region"  # from the region column of the call list
    STUDY_DEFAULT = "study_default"  # neither was conclusive: the study's default region
    MANUAL = "manual"  # set by a person


class PhoneStatus(StrEnum):
    OK = "ok"
    WRONG = "wrong"  # answered, but not this contact's number
    DISCONNECTED = "disconnected"  # not in service


class AppointmentKind(StrEnum):
    HARD = "hard"  # at an exact time
    SOFT = "soft"  # any time in [starts_at, ends_at]


class AppointmentStatus(StrEnum):
    PENDING = "pending"
    DONE = "done"
    CANCELLED = "cancelled"


class InterviewStatus(StrEnum):
    IN_PROGRESS = "in_progress"
    COMPLETE = "complete"
    SCREENED_OUT = "screened_out"
    BROKEN_OFF = "broken_off"
    REFUSED = "refused"


class Role(StrEnum):
    INTERVIEWER = "interviewer"
    SUPERVISOR = "supervisor"
    RESEARCH_LEAD = "research_lead"


class AlertKind(StrEnum):
    DETRACTOR = "detractor"
    PROBLEM = "problem"
    SALES_LEAD = "sales_lead"
    MANUAL = "manual"


class AlertStatus(StrEnum):
    NEW = "new"
    HANDLED = "handled"


class DeliveryChannel(StrEnum):
    EMAIL = "email"
    TELEGRAM = "telegram"


class DeliveryState(StrEnum):
    PENDING = "pending"  # waiting for its (next) try
    SENDING = "sending"  # being handed to the server now (see cati.alerts.delivery)
    SENT = "sent"
    MAYBE_SENT = "maybe_sent"  # handed over, but the server's answer never came: not resent
    FAILED = "failed"  # gave up after the last retry


# --- bookkeeping -----------------------------------------------------------------------------


class CatiMeta(CatiModel, table=True):
    """Facts about the database itself, e.g. which cati version last upgraded its schema.

    An older program that meets a newer schema reads this to tell the person which version
    of cati to install instead of only "unknown revision".
    """

    __tablename__ = "cati_meta"

    key: str = Field(primary_key=True)
    value: str


# --- people ----------------------------------------------------------------------------------


class InterviewerBase(CatiModel):
    login: str
    display_name: str
    role: Role = Field(default=Role.INTERVIEWER, sa_type=TextEnum(Role))
    active: bool = True


class Interviewer(InterviewerBase, table=True):
    """A person who signs in: interviewer, supervisor or research lead."""

    __tablename__ = "interviewer"
    __table_args__ = (UniqueConstraint("login", name="uq_interviewer_login"),)

    id: int | None = Field(default=None, primary_key=True)
    password_hash: str  # argon2, made by the sign-in service; never a plain password
    created_at: datetime = Field(sa_type=UTCDateTime)


# --- studies ---------------------------------------------------------------------------------


class StudyBase(CatiModel):
    name: str
    client_name: str = ""
    default_region: str = "RU"  # phonenumbers region for numbers without a country code
    # Calling hours, days off, retry rules, max attempts, outcome table overrides, dialer and
    # alert configuration; the shapes belong to the services that read them.
    settings: dict[str, Any] = Field(default_factory=dict, sa_type=JSONValue)
    status: StudyStatus = Field(default=StudyStatus.DRAFT, sa_type=TextEnum(StudyStatus))


class Study(StudyBase, table=True):
    __tablename__ = "study"
    __table_args__ = (UniqueConstraint("name", name="uq_study_name"),)

    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = Field(sa_type=UTCDateTime)
    # Added in revision 0002: hidden from everyday lists, data kept for reports.
    archived_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class StudyThemes(CatiModel, table=True):
    """A study's own dictionary of open-answer themes (YAML text, ``reports.themes`` format);
    a study without a row uses the shipped dictionary. Added in revision 0006."""

    __tablename__ = "study_themes"

    study_id: int = Field(foreign_key="study.id", ondelete="CASCADE", primary_key=True)
    text: str = Field(sa_type=Text)  # the YAML exactly as the research lead saved it
    updated_at: datetime = Field(sa_type=UTCDateTime)


class ScriptVersion(CatiModel, table=True):
    """The script text a study used, frozen: editing the script adds a version."""

    __tablename__ = "script_version"
    __table_args__ = (
        UniqueConstraint("study_id", "version", name="uq_script_version_study_id_version"),
    )

    id: int | None = Field(default=None, primary_key=True)
    study_id: int = Field(foreign_key="study.id", ondelete="CASCADE")
    version: int  # 1, 2, ... per study
    script_id: str  # the script's own id from its metadata
    title: str
    text: str = Field(sa_type=Text)  # the YAML exactly as loaded
    sha256: str
    created_at: datetime = Field(sa_type=UTCDateTime)


class SegmentBase(CatiModel):
    name: str
    position: int  # evaluation order: the first matching rule wins
    rule: str | None = Field(default=None, sa_type=Text)  # None: "other", takes the rest
    target_completes: int = 0
    # The client's true number of such customers, for weighting; None: count the contacts.
    population: int | None = None


class Segment(SegmentBase, table=True):
    __tablename__ = "segment"
    __table_args__ = (
        UniqueConstraint("study_id", "name", name="uq_segment_study_id_name"),
        Index("ix_segment_study_id_position", "study_id", "position"),
    )

    id: int | None = Field(default=None, primary_key=True)
    study_id: int = Field(foreign_key="study.id", ondelete="CASCADE")


class ImportBatch(CatiModel, table=True):
    """One import of one call-list file; its summary says what was read and rejected."""

    __tablename__ = "import_batch"
    __table_args__ = (Index("ix_import_batch_study_id_sha256", "study_id", "sha256"),)

    id: int | None = Field(default=None, primary_key=True)
    study_id: int = Field(foreign_key="study.id", ondelete="CASCADE")
    file_name: str
    sha256: str
    imported_at: datetime = Field(sa_type=UTCDateTime)
    summary: dict[str, Any] = Field(default_factory=dict, sa_type=JSONValue)


# --- contacts --------------------------------------------------------------------------------


class ContactBase(CatiModel):
    source_row: int | None = None  # row number in the imported file, for the rejects report
    company: str = ""
    name: str = ""
    position: str = ""
    email: str = ""
    region: str = ""
    timezone: str  # IANA name, e.g. "Asia/Vladivostok"
    timezone_source: TimezoneSource = Field(
        default=TimezoneSource.STUDY_DEFAULT, sa_type=TextEnum(TimezoneSource)
    )
    # The call list's other columns (last order date, revenue, manager, ...), typed.
    attributes: dict[str, Any] = Field(default_factory=dict, sa_type=JSONValue)


class Contact(ContactBase, table=True):
    """A person to call, with the call queue's state for them."""

    __tablename__ = "contact"
    __table_args__ = (
        # The call queue: "contacts of this study in this state due before now".
        Index("ix_contact_queue", "study_id", "state", "next_call_at"),
        Index("ix_contact_claimed_by", "claimed_by"),
        Index("ix_contact_study_id_segment_id", "study_id", "segment_id"),
        Index("ix_contact_segment_id", "segment_id"),
        Index("ix_contact_import_batch_id", "import_batch_id"),
        # Revision 0002: the sweep that returns expired leases of crashed workstations.
        Index("ix_contact_state_claim_expires_at", "state", "claim_expires_at"),
        # Revision 0007: partial indexes of one queue state each, walked in priority order
        # by the claim (the queries compare the state with a literal, see cati/db/queue.py).
        Index(
            "ix_contact_due_retry",
            "study_id",
            "next_call_at",
            sqlite_where=sql_text("state = 'scheduled'"),
            postgresql_where=sql_text("state = 'scheduled'"),
        ),
        Index(
            "ix_contact_fresh_pick",
            "study_id",
            "segment_id",
            "timezone",
            "priority",
            "id",
            sqlite_where=sql_text("state = 'fresh'"),
            postgresql_where=sql_text("state = 'fresh'"),
        ),
        Index(
            "ix_contact_claimed_lease",
            "study_id",
            "claim_expires_at",
            "segment_id",
            sqlite_where=sql_text("state = 'claimed'"),
            postgresql_where=sql_text("state = 'claimed'"),
        ),
        Index(
            "ix_contact_claimed_seat",
            "claimed_by",
            "study_id",
            sqlite_where=sql_text("state = 'claimed'"),
            postgresql_where=sql_text("state = 'claimed'"),
        ),
        # Revision 0003: the study's distinct time zones by a loose index scan.
        Index("ix_contact_study_id_timezone", "study_id", "timezone"),
    )

    id: int | None = Field(default=None, primary_key=True)
    study_id: int = Field(foreign_key="study.id", ondelete="CASCADE")
    # NO ACTION: an import is undone by deleting its contacts first, deliberately.
    import_batch_id: int | None = Field(default=None, foreign_key="import_batch.id")
    segment_id: int | None = Field(default=None, foreign_key="segment.id", ondelete="SET NULL")
    state: ContactState = Field(default=ContactState.FRESH, sa_type=TextEnum(ContactState))
    final_disposition: str | None = None  # AAPOR code, e.g. "1.1", when state is final
    attempt_count: int = 0
    next_call_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    priority: int = 0  # higher first among equally due contacts
    claimed_by: int | None = Field(default=None, foreign_key="interviewer.id")
    claim_expires_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    claim_token: str | None = None  # proves the holder of the lease when releasing it
    # Optimistic lock: writers update "... WHERE id = :id AND version = :seen" and add 1.
    version: int = 0
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class ContactPhone(CatiModel, table=True):
    """One number of a contact, in the order to try them. A number is in a study once."""

    __tablename__ = "contact_phone"
    __table_args__ = (
        UniqueConstraint("study_id", "e164", name="uq_contact_phone_study_id_e164"),
        Index("ix_contact_phone_contact_id_position", "contact_id", "position"),
        # Adding a number to the do-not-call list finds it in every study.
        Index("ix_contact_phone_e164", "e164"),
    )

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE")
    study_id: int = Field(foreign_key="study.id", ondelete="CASCADE")
    position: int = 0
    e164: str  # "+74951234567"
    extension: str | None = None
    raw: str = ""  # as written in the call list
    status: PhoneStatus = Field(default=PhoneStatus.OK, sa_type=TextEnum(PhoneStatus))


class DoNotCall(CatiModel, table=True):
    """A number nobody may call, in any study."""

    __tablename__ = "do_not_call"
    __table_args__ = (UniqueConstraint("e164", name="uq_do_not_call_e164"),)

    id: int | None = Field(default=None, primary_key=True)
    e164: str
    reason: str = ""
    source: str = ""  # "respondent request", a file name, ...
    added_at: datetime = Field(sa_type=UTCDateTime)


# --- calls -----------------------------------------------------------------------------------


class AttemptBase(CatiModel):
    started_at: datetime = Field(sa_type=UTCDateTime)
    ended_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    call_result: str | None = None  # the dialer's result, e.g. "busy", "no-answer"
    outcome: str | None = None  # the outcome table's key chosen in the wrap-up
    disposition: str | None = None  # AAPOR code of this attempt, e.g. "2.111"
    note: str = Field(default="", sa_type=Text)
    dialer: str = ""  # "simulated", "manual", "twilio"
    external_call_id: str | None = None  # the provider's id, e.g. a Twilio call SID
    recording_path: str | None = None
    duration_seconds: float | None = None


class Attempt(AttemptBase, table=True):
    """One call to one number of a contact and what came of it."""

    __tablename__ = "attempt"
    __table_args__ = (
        Index("ix_attempt_contact_id_started_at", "contact_id", "started_at"),
        Index("ix_attempt_study_id_started_at", "study_id", "started_at"),
        Index("ix_attempt_interviewer_id_started_at", "interviewer_id", "started_at"),
        Index("ix_attempt_phone_id", "phone_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    # The study is the contact's; kept here too so dashboards count calls without a join.
    study_id: int = Field(foreign_key="study.id", ondelete="CASCADE")
    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE")
    phone_id: int | None = Field(default=None, foreign_key="contact_phone.id", ondelete="SET NULL")
    interviewer_id: int = Field(foreign_key="interviewer.id")


class AppointmentBase(CatiModel):
    kind: AppointmentKind = Field(default=AppointmentKind.HARD, sa_type=TextEnum(AppointmentKind))
    starts_at: datetime = Field(sa_type=UTCDateTime)
    ends_at: datetime | None = Field(default=None, sa_type=UTCDateTime)  # end of a soft window
    note: str = Field(default="", sa_type=Text)


class Appointment(AppointmentBase, table=True):
    """A call-back, owned by one interviewer or open to all (``owner_id`` None)."""

    __tablename__ = "appointment"
    __table_args__ = (
        Index("ix_appointment_contact_id", "contact_id"),
        Index("ix_appointment_status_starts_at", "status", "starts_at"),
        Index("ix_appointment_owner_id_status_starts_at", "owner_id", "status", "starts_at"),
        Index("ix_appointment_created_by", "created_by"),
        # Revision 0007: pending call-backs only (see ix_contact_due_retry).
        Index(
            "ix_appointment_pending_contact",
            "contact_id",
            sqlite_where=sql_text("status = 'pending'"),
            postgresql_where=sql_text("status = 'pending'"),
        ),
        Index(
            "ix_appointment_pending_due",
            "starts_at",
            sqlite_where=sql_text("status = 'pending'"),
            postgresql_where=sql_text("status = 'pending'"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE")
    owner_id: int | None = Field(default=None, foreign_key="interviewer.id", ondelete="SET NULL")
    status: AppointmentStatus = Field(
        default=AppointmentStatus.PENDING, sa_type=TextEnum(AppointmentStatus)
    )
    created_by: int | None = Field(default=None, foreign_key="interviewer.id", ondelete="SET NULL")
    created_at: datetime = Field(sa_type=UTCDateTime)


# --- interviews ------------------------------------------------------------------------------


class Interview(CatiModel, table=True):
    """One run of the script with one contact; resumable from its answers and seed."""

    __tablename__ = "interview"
    __table_args__ = (
        Index("ix_interview_study_id_status", "study_id", "status"),
        Index("ix_interview_contact_id", "contact_id"),
        Index("ix_interview_interviewer_id_started_at", "interviewer_id", "started_at"),
        Index("ix_interview_script_version_id", "script_version_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    study_id: int = Field(foreign_key="study.id", ondelete="CASCADE")
    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE")
    script_version_id: int = Field(foreign_key="script_version.id")
    interviewer_id: int = Field(foreign_key="interviewer.id")
    seed: int  # randomisation seed: a resumed interview shows the same order
    language: str
    status: InterviewStatus = Field(
        default=InterviewStatus.IN_PROGRESS, sa_type=TextEnum(InterviewStatus)
    )
    recording_consent: bool | None = None  # None: not asked (yet)
    started_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)
    completed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Answer(CatiModel, table=True):
    """The current answer to one question; earlier values are in :class:`AnswerEdit`."""

    __tablename__ = "answer"
    __table_args__ = (
        UniqueConstraint("interview_id", "question_id", name="uq_answer_interview_id_question_id"),
        Index("ix_answer_interviewer_id", "interviewer_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    interview_id: int = Field(foreign_key="interview.id", ondelete="CASCADE")
    question_id: str
    value: Any = Field(default=None, sa_type=JSONValue, nullable=True)  # the answer as JSON
    other_text: str | None = Field(default=None, sa_type=Text)  # "Other (specify)"
    answered_at: datetime = Field(sa_type=UTCDateTime)
    interviewer_id: int = Field(foreign_key="interviewer.id")


class AnswerEdit(CatiModel, table=True):
    """One change of an answer after it was first given: who, when, why, from what to what."""

    __tablename__ = "answer_edit"
    __table_args__ = (
        Index(
            "ix_answer_edit_interview_id_question_id_edited_at",
            "interview_id",
            "question_id",
            "edited_at",
        ),
        Index("ix_answer_edit_edited_by", "edited_by"),
    )

    id: int | None = Field(default=None, primary_key=True)
    interview_id: int = Field(foreign_key="interview.id", ondelete="CASCADE")
    question_id: str
    old_value: Any = Field(default=None, sa_type=JSONValue, nullable=True)
    new_value: Any = Field(default=None, sa_type=JSONValue, nullable=True)
    edited_at: datetime = Field(sa_type=UTCDateTime)
    edited_by: int = Field(foreign_key="interviewer.id")
    reason: str = Field(default="", sa_type=Text)


# --- alerts and quality control --------------------------------------------------------------


class AlertBase(CatiModel):
    kind: AlertKind = Field(sa_type=TextEnum(AlertKind))
    details: dict[str, Any] = Field(default_factory=dict, sa_type=JSONValue)
    note: str = Field(default="", sa_type=Text)


class Alert(AlertBase, table=True):
    """A hot alert for the client: an unhappy customer, a problem, a sales lead."""

    __tablename__ = "alert"
    __table_args__ = (
        Index("ix_alert_study_id_status_created_at", "study_id", "status", "created_at"),
        Index("ix_alert_interview_id", "interview_id"),
        Index("ix_alert_contact_id", "contact_id"),
        Index("ix_alert_handled_by", "handled_by"),
    )

    id: int | None = Field(default=None, primary_key=True)
    study_id: int = Field(foreign_key="study.id", ondelete="CASCADE")
    interview_id: int | None = Field(default=None, foreign_key="interview.id", ondelete="SET NULL")
    contact_id: int | None = Field(default=None, foreign_key="contact.id", ondelete="SET NULL")
    created_at: datetime = Field(sa_type=UTCDateTime)
    status: AlertStatus = Field(default=AlertStatus.NEW, sa_type=TextEnum(AlertStatus))
    handled_by: int | None = Field(default=None, foreign_key="interviewer.id", ondelete="SET NULL")
    handled_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class AlertDelivery(CatiModel, table=True):
    """Sending one alert to one recipient on one channel; the unique key sends it once."""

    __tablename__ = "alert_delivery"
    __table_args__ = (
        UniqueConstraint(
            "alert_id", "channel", "recipient", name="uq_alert_delivery_alert_id_channel_recipient"
        ),
        Index("ix_alert_delivery_state_next_try_at", "state", "next_try_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    alert_id: int = Field(foreign_key="alert.id", ondelete="CASCADE")
    channel: DeliveryChannel = Field(sa_type=TextEnum(DeliveryChannel))
    recipient: str  # an e-mail address or a Telegram chat id
    state: DeliveryState = Field(default=DeliveryState.PENDING, sa_type=TextEnum(DeliveryState))
    attempts: int = 0
    next_try_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_error: str | None = Field(default=None, sa_type=Text)
    # Made when the delivery is first claimed, before anything is sent, and the same on
    # every try: the e-mail's Message-ID, so a copy sent again is recognisably the same.
    message_key: str | None = None


class Review(CatiModel, table=True):
    """A supervisor's quality review of one call against a checklist."""

    __tablename__ = "review"
    __table_args__ = (
        Index("ix_review_attempt_id", "attempt_id"),
        Index("ix_review_interview_id", "interview_id"),
        Index("ix_review_reviewer_id", "reviewer_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    attempt_id: int = Field(foreign_key="attempt.id", ondelete="CASCADE")
    interview_id: int | None = Field(default=None, foreign_key="interview.id", ondelete="SET NULL")
    reviewer_id: int = Field(foreign_key="interviewer.id")
    scores: dict[str, Any] = Field(default_factory=dict, sa_type=JSONValue)
    note: str = Field(default="", sa_type=Text)
    created_at: datetime = Field(sa_type=UTCDateTime)
