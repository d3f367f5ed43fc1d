"""The realworld replay drives the real server like tests/e2e and shares its Slack fixtures."""

from __future__ import annotations

from tests.e2e.conftest import slack_api, slack_server

__all__ = ["slack_api", "slack_server"]
