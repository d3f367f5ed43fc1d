"""What a database that is down, unreachable or locked raises: callers retry rather than apologise."""

from __future__ import annotations

from sqlalchemy import exc

# asyncpg's refused connection surfaces as a bare OSError (ConnectionRefusedError), not wrapped.
UNAVAILABLE: tuple[type[BaseException], ...] = (
    exc.OperationalError,
    exc.InterfaceError,
    exc.TimeoutError,
    OSError,
)


class DatabaseUnavailable(Exception):  # noqa: N818 - reads as the condition it reports
    """The database could not take the claim of an inbound event: the platform should retry it."""
