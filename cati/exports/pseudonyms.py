"""Stable pseudonymous respondent ids: the same contact always gets the same id, and the id
tells nothing about the person.

``respondent_id = "R" + first 16 hex digits of SHA-256(key + ":" + contact id)`` where
``key`` is 256 random bits made once per study and kept in ``study.settings["exports"]
["pseudonym_key"]`` (:func:`new_pseudonym_key`).

Why not reversible: the contact id is a small integer, so an unkeyed hash could be undone by
trying every id; with a secret 256-bit key nobody without the key can compute or test a
pseudonym, and the id carries no phone or name at all. Why this construction and not
HMAC: the same value must be computed inside the database for the read-only BI view
``cati_results``, and PostgreSQL has ``sha256()`` built in but HMAC only with the pgcrypto
extension. A keyed hash of a fixed-format message whose output is truncated to 64 of its
256 bits exposes no internal state, so the length-extension weakness of a plain
``SHA-256(key || message)`` MAC does not apply (it would not matter for pseudonyms anyway:
nothing is authenticated with them).

Who can re-identify: anyone who can read the study's settings in the database (they can
read the contacts too). Grant BI users the view only.
"""

from __future__ import annotations

import hashlib
import secrets

__all__ = ["PSEUDONYM_DIGITS", "new_pseudonym_key", "pseudonym"]

PSEUDONYM_DIGITS = 16


def new_pseudonym_key() -> str:
    """A fresh per-study key: 32 random bytes as 64 hex digits."""
    return secrets.token_hex(32)


def pseudonym(key: str, contact_id: int) -> str:
    """The respondent id of ``contact_id`` under the study's ``key``, e.g. ``R3f9a0c...``."""
    if not key:
        raise ValueError("the study has no pseudonym key; create one with new_pseudonym_key()")
    digest = hashlib.sha256(f"{key}:{int(contact_id)}".encode()).hexdigest()
    return "R" + digest[:PSEUDONYM_DIGITS]
