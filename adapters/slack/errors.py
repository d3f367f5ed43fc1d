"""Reading Slack API failures: the ``error`` code when Slack sent JSON, else the HTTP status."""

from __future__ import annotations

from slack_sdk.errors import SlackApiError


def error_code(error: SlackApiError) -> str:
    data = error.response.data
    code = data.get("error") if isinstance(data, dict) else None
    return str(code) if code else f"HTTP {error.response.status_code}"
