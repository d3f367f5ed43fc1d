"""Domain errors: handlers raise them, the router turns them into a polite, translated reply."""

from __future__ import annotations


class DomainError(Exception):
    def __init__(self, message_id: str, **params: object) -> None:
        super().__init__(message_id)
        self.message_id = message_id
        self.params = params


class ConfigError(Exception):
    """A missing or malformed setting; the message names the variable."""
