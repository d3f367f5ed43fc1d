"""Security tests drive the real server over loopback HTTP, like tests/e2e, and share its fixtures."""

from __future__ import annotations

from tests.e2e.conftest import slack_api, slack_server

__all__ = ["slack_api", "slack_server"]
