"""Structured logs: JSON lines when not on a terminal, readable lines on one.

Two promises: no secret from the environment is ever printed (every value of a secret variable is
masked wherever it appears), and users' message text is never logged above DEBUG.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from collections.abc import Iterable, MutableMapping
from typing import Any

import structlog

SECRET_VARIABLES = (
    "SLACK_BOT_TOKEN",
    "SLACK_SIGNING_SECRET",
    "SLACK_APP_TOKEN",
    "MICROSOFT_APP_PASSWORD",
    "DATABASE_URL",
)
USER_TEXT_KEYS = frozenset({"text", "user_text", "question", "answer"})
MASK = "***"
# Slack tokens and passwords in URLs, even when they did not come from this process's environment.
_TOKEN_SHAPES = re.compile(r"xox[abpr]-[\w-]+|xapp-[\w-]+|(?<=://)([^:/@\s]+):([^@/\s]+)@")


class Redactor:
    """A structlog processor that masks secrets and drops user text below DEBUG."""

    def __init__(self, secrets: Iterable[str]) -> None:
        self._secrets = sorted({s for s in secrets if len(s) >= 6}, key=len, reverse=True)

    def scrub(self, value: str) -> str:
        for secret in self._secrets:
            value = value.replace(secret, MASK)
        return _TOKEN_SHAPES.sub(lambda m: f"{m.group(1)}:{MASK}@" if m.group(1) else MASK, value)

    def __call__(self, logger: Any, method: str, event: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
        debug = method == "debug"
        for key in list(event):
            if key in USER_TEXT_KEYS and not debug:
                event[key] = f"<{len(str(event[key]))} chars>"
            elif isinstance(event[key], str):
                event[key] = self.scrub(event[key])
        return event

    def scrub_exception(
        self, logger: Any, method: str, event: MutableMapping[str, Any]
    ) -> MutableMapping[str, Any]:
        """The formatted traceback (made after the first pass) gets the same masking."""
        if isinstance(event.get("exception"), str):
            event["exception"] = self.scrub(event["exception"])
        return event


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever sys.stderr is at the time of the record (test capture swaps it)."""

    @property
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, _value: Any) -> None:
        pass


def secret_values(env: MutableMapping[str, str] | None = None) -> list[str]:
    env = os.environ if env is None else env
    values = [env.get(name, "") for name in SECRET_VARIABLES]
    # A database URL is only secret in its password; keep the rest of it readable.
    url = env.get("DATABASE_URL", "")
    password = re.search(r"://[^:/@]+:([^@]+)@", url)
    return [v for v in values if v and v != url] + ([password.group(1)] if password else [])


def configure_logging(level: str = "INFO", json: bool | None = None) -> None:
    """Route stdlib and structlog records through one renderer with the redactor in front."""
    as_json = not sys.stderr.isatty() if json is None else json
    redactor = Redactor(secret_values())
    shared: list[Any] = [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        structlog.stdlib.ExtraAdder(),
        redactor,
    ]
    # JSON lines carry the traceback as formatted text (scrubbed like the rest); the console renderer
    # formats exceptions itself and warns when format_exc_info ran before it.
    rendering: list[Any] = (
        [structlog.processors.format_exc_info, redactor.scrub_exception, structlog.processors.JSONRenderer()]
        if as_json
        else [structlog.dev.ConsoleRenderer()]
    )
    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=shared,
        processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, *rendering],
    )
    handler = _StderrHandler()
    handler.setFormatter(formatter)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    structlog.configure(
        processors=[*shared, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
