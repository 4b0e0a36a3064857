"""People who sign in, their roles and what each role may do.

Passwords are stored as argon2 hashes. The services check the role (not only the widgets):
every service that exports data, opens reports or recordings, or changes a study takes the
signed-in :class:`Actor` and calls :func:`require`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from cati.clock import Clock
from cati.db import Engine
from cati.db.models import Interviewer, Role
from cati.db.people import add_person, find_person, get_person, list_people, update_person
from cati.errors import CatiError, NotFoundError, PermissionDenied

__all__ = [
    "Actor",
    "Permission",
    "Role",
    "SignInFailed",
    "add_account",
    "change_password",
    "get_actor",
    "people",
    "require",
    "reset_password",
    "set_active",
    "sign_in",
]

MIN_PASSWORD_LENGTH = 8
_hasher = PasswordHasher()


class Permission(StrEnum):
    INTERVIEW = "interview"  # claim contacts, interview, record outcomes
    SUPERVISE = "supervise"  # dashboard, alert inbox, answer corrections, call review
    LISTEN_TO_RECORDINGS = "listen_to_recordings"
    SEE_ALL_CONTACTS = "see_all_contacts"
    EXPORT = "export"
    REPORT = "report"
    SET_UP_STUDIES = "set_up_studies"  # scripts, call lists, segments, quotas, settings
    MANAGE_PEOPLE = "manage_people"


ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.INTERVIEWER: frozenset({Permission.INTERVIEW}),
    Role.SUPERVISOR: frozenset(
        {
            Permission.INTERVIEW,
            Permission.SUPERVISE,
            Permission.LISTEN_TO_RECORDINGS,
            Permission.SEE_ALL_CONTACTS,
            Permission.EXPORT,
            Permission.REPORT,
        }
    ),
    Role.RESEARCH_LEAD: frozenset(Permission),
}

ROLE_LABELS: dict[Role, dict[str, str]] = {
    Role.INTERVIEWER: {"ru": "Интервьюер", "en": "Interviewer"},
    Role.SUPERVISOR: {"ru": "Супервайзер", "en": "Supervisor"},
    Role.RESEARCH_LEAD: {"ru": "Руководитель проекта", "en": "Research lead"},
}


@dataclass(frozen=True)
class Actor:
    """The signed-in person, as services see them."""

    id: int
    login: str
    display_name: str
    role: Role

    def can(self, permission: Permission) -> bool:
        return permission in ROLE_PERMISSIONS[self.role]


class SignInFailed(CatiError):
    """Wrong login or password (deliberately not saying which), or a deactivated account."""


def require(actor: Actor, permission: Permission) -> None:
    """Raise :class:`PermissionDenied` unless ``actor``'s role allows ``permission``."""
    if not actor.can(permission):
        role = ROLE_LABELS[actor.role]["en"].lower()
        raise PermissionDenied(
            f"{actor.login} is signed in as {role}, who may not "
            f"{permission.value.replace('_', ' ')}; ask a supervisor or "
            "the research lead"
        )


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise CatiError(f"the password must have at least {MIN_PASSWORD_LENGTH} characters")


def add_account(
    engine: Engine, login: str, display_name: str, role: Role, password: str, clock: Clock
) -> Actor:
    """Create a person who can sign in; the login is unique, case-insensitively."""
    login = login.strip()
    if not login or any(ch.isspace() for ch in login):
        raise CatiError("a login is one word without spaces")
    _check_password(password)
    person = add_person(
        engine, login, display_name.strip() or login, role, _hasher.hash(password), clock.now()
    )
    if person is None:
        raise CatiError(f"the login {login} is taken; choose another")
    return _actor(person)


def sign_in(engine: Engine, login: str, password: str) -> Actor:
    """The person with this login and password, or :class:`SignInFailed`."""
    person = find_person(engine, login.strip())
    failure = SignInFailed("wrong login or password")
    if person is None:
        _hasher.hash(password)  # spend the same time as a real check: logins stay private
        raise failure
    try:
        _hasher.verify(person.password_hash, password)
    except (VerificationError, InvalidHashError):
        raise failure from None
    if not person.active:
        raise SignInFailed(f"the account {person.login} is deactivated; ask the research lead")
    actor = _actor(person)
    if _hasher.check_needs_rehash(person.password_hash):
        update_person(engine, actor.id, password_hash=_hasher.hash(password))
    return actor


def change_password(engine: Engine, actor: Actor, person_login: str, new_password: str) -> None:
    """People change their own password; the research lead may reset anyone's."""
    person = _actor(_find(engine, person_login))
    if person.id != actor.id:
        require(actor, Permission.MANAGE_PEOPLE)
    reset_password(engine, person_login, new_password)


def reset_password(engine: Engine, person_login: str, new_password: str) -> None:
    """Set a password without the old one: for the administrator's command line, whose user
    can change the database anyway."""
    person = _actor(_find(engine, person_login))
    _check_password(new_password)
    update_person(engine, person.id, password_hash=_hasher.hash(new_password))


def set_active(engine: Engine, person_login: str, active: bool) -> Actor:
    """Deactivate (or reactivate) an account; people with history are never deleted."""
    person = _actor(_find(engine, person_login))
    update_person(engine, person.id, active=active)
    return person


def people(engine: Engine) -> list[tuple[Actor, bool]]:
    """Everyone who can sign in, with whether their account is active."""
    return [(_actor(p), p.active) for p in list_people(engine)]


def get_actor(engine: Engine, person_id: int) -> Actor:
    person = get_person(engine, person_id)
    if person is None:
        raise NotFoundError(f"no person with id {person_id}")
    return _actor(person)


def _find(engine: Engine, login: str) -> Interviewer:
    person = find_person(engine, login.strip())
    if person is None:
        raise NotFoundError(f"nobody signs in as {login}; cati user list shows the people")
    return person


def _actor(person: Interviewer) -> Actor:
    if person.id is None:
        raise CatiError(f"{person.login} is not saved yet")
    return Actor(person.id, person.login, person.display_name, person.role)
