"""The demo account a sign-in window may offer to a newcomer."""

from __future__ import annotations

from dataclasses import dataclass

from cati.accounts import SignInFailed, sign_in
from cati.db import Engine
from cati.demo.build import DEMO_LOGIN, DEMO_PASSWORD, DEMO_STUDY
from cati.studies.service import find_study_named

__all__ = ["DemoAccount", "demo_account"]


@dataclass(frozen=True)
class DemoAccount:
    login: str
    password: str


def demo_account(engine: Engine) -> DemoAccount | None:
    """The demo's login and password, when this database holds the demo study and the demo
    account still signs in with them; otherwise None (a real database, or a demo whose
    password was changed or account switched off), so that no wrong hint is ever shown."""
    if find_study_named(engine, DEMO_STUDY) is None:
        return None
    try:
        sign_in(engine, DEMO_LOGIN, DEMO_PASSWORD)
    except SignInFailed:
        return None
    return DemoAccount(DEMO_LOGIN, DEMO_PASSWORD)
