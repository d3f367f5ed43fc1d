"""Sessions, CSRF and redirects of the web console as plain functions over a session mapping."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from adapters.web.auth import (
    HOME,
    SESSION_LIFETIME,
    bearer_ok,
    csrf_ok,
    csrf_token,
    new_secret,
    open_session,
    safe_next,
    session_id,
    signed_in_user,
)

NOW = datetime(2024, 4, 10, 9, 0, tzinfo=UTC)


def test_a_fresh_session_names_its_organiser_until_it_expires() -> None:
    session: dict[str, Any] = {"user": "slack:UOLD", "stale": True}
    open_session(session, "slack:UORG", "sid-1", NOW, "fr")
    assert "stale" not in session  # nothing survives from before the sign-in (no fixation)
    assert session["lang"] == "fr" and session_id(session) == "sid-1"
    assert signed_in_user(session, NOW) == "slack:UORG"
    assert signed_in_user(session, NOW + SESSION_LIFETIME - timedelta(seconds=1)) == "slack:UORG"
    assert signed_in_user(session, NOW + SESSION_LIFETIME) is None
    assert signed_in_user(session, NOW - timedelta(minutes=1)) is None  # issued in the future: forged


@pytest.mark.parametrize(
    "session",
    [
        {},
        {"user": "slack:U1"},
        {"user": 3, "issued": NOW.isoformat()},
        {"user": "slack:U1", "issued": "soon"},
    ],
)
def test_a_session_without_a_valid_user_and_time_names_nobody(session: dict[str, Any]) -> None:
    assert signed_in_user(session, NOW) is None


def test_csrf_tokens_are_per_session_and_checked_in_constant_time() -> None:
    first: dict[str, Any] = {}
    second: dict[str, Any] = {}
    open_session(first, "slack:UORG", "sid-1", NOW, "en")
    open_session(second, "slack:UORG", "sid-2", NOW, "en")
    assert csrf_token(first) != csrf_token(second)
    assert csrf_ok(first, csrf_token(first))
    assert not csrf_ok(first, csrf_token(second))
    assert not csrf_ok(first, None)
    assert not csrf_ok(first, "")
    assert not csrf_ok({}, "")  # no session, no token: refused, not "equal"


def test_the_api_token_must_match_exactly() -> None:
    assert bearer_ok("Bearer s3cret", "s3cret")
    assert not bearer_ok("Bearer s3cre", "s3cret")
    assert not bearer_ok("s3cret", "s3cret")
    assert not bearer_ok("Bearer ", None)  # no token configured: the API wants a session
    assert not bearer_ok("Bearer ", "")


@pytest.mark.parametrize(
    ("wanted", "expected"),
    [
        ("/organiser/pitches", "/organiser/pitches"),
        ("/organiser/delegations?q=fr", "/organiser/delegations?q=fr"),
        ("https://evil.example/organiser/", HOME),
        ("//evil.example/organiser/", HOME),
        ("/organiser/\\evil", HOME),
        ("/files/x", HOME),
        (None, HOME),
    ],
)
def test_returning_after_a_language_switch_stays_inside_the_console(wanted: object, expected: str) -> None:
    assert safe_next(wanted) == expected


def test_generated_secrets_differ_and_are_fernet_sized() -> None:
    import base64

    first, second = new_secret(), new_secret()
    assert first != second
    assert len(base64.urlsafe_b64decode(first)) == 32
