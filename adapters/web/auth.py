"""Sign-in, sessions and CSRF for the console, as small functions over the session mapping (tested alone).

An organiser redeems a single-use link (handlers/organiser/console_link.py); the session then lives in an
encrypted cookie (aiohttp-session) holding who signed in, when, the session's id, a CSRF token and the
chosen language. The id names a row on the server (storage/console.py), checked on every request: logout
and a lost organiser role revoke it there, so a copy of the cookie is worth nothing afterwards.
The bot's clock decides expiry, so a rehearsal clock (ROUNDTABLE_NOW) and the tests' clock agree with it.
"""

from __future__ import annotations

import base64
import hmac
import secrets
from collections.abc import MutableMapping
from datetime import datetime, timedelta
from typing import Any

SESSION_LIFETIME = timedelta(hours=8)
COOKIE_NAME = "roundtable_console"
CSRF_FIELD = "csrf"
SECRET_SETTING = "session_secret"  # noqa: S105 (the name of the stored setting, not a secret)
# Sign-in attempts allowed per client address in a window: enough for mistakes, not for guessing.
SIGNIN_ATTEMPTS = 10
SIGNIN_WINDOW = timedelta(minutes=10)
HOME = "/organiser/"

Session = MutableMapping[str, Any]


def new_secret() -> str:
    """A Fernet key (32 random bytes, url-safe base64), as EncryptedCookieStorage takes it."""
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()


def open_session(session: Session, user_key: str, session_id: str, now: datetime, lang: str) -> None:
    """A fresh session for ``user_key`` (whatever the cookie held before is dropped: no fixation)."""
    session.clear()
    session.update(
        user=user_key, sid=session_id, issued=now.isoformat(), csrf=secrets.token_urlsafe(32), lang=lang
    )


def session_id(session: Session) -> str:
    """The id of the server's record of this session; "" for none."""
    found = session.get("sid")
    return found if isinstance(found, str) else ""


def signed_in_user(session: Session, now: datetime) -> str | None:
    """Who this session belongs to, or None when there is none or it has expired."""
    user, issued = session.get("user"), session.get("issued")
    if not isinstance(user, str) or not isinstance(issued, str):
        return None
    try:
        started = datetime.fromisoformat(issued)
    except ValueError:
        return None
    return user if started <= now < started + SESSION_LIFETIME else None


def csrf_token(session: Session) -> str:
    token = session.get("csrf")
    return token if isinstance(token, str) else ""


def csrf_ok(session: Session, submitted: object) -> bool:
    """The form's token equals the session's (compared in constant time); a session without one fails."""
    expected = csrf_token(session)
    return bool(expected) and isinstance(submitted, str) and hmac.compare_digest(expected, submitted)


def bearer_ok(authorization: str, token: str | None) -> bool:
    """``Authorization: Bearer <token>`` against the configured API token, in constant time."""
    if not token:
        return False
    return hmac.compare_digest(authorization.encode(), f"Bearer {token}".encode())


def safe_next(path: object) -> str:
    """A page of the console to return to; anything else (another site, //host) gives the overview."""
    if isinstance(path, str) and path.startswith(HOME) and not path.startswith("//") and "\\" not in path:
        return path
    return HOME
