"""Whether Slack is configured, answerable without importing slack_bolt (adapters/platforms.py asks first)."""

from __future__ import annotations

from bot.config import Settings


def off_reason(settings: Settings) -> str | None:
    missing = [
        name
        for name, value in (
            ("SLACK_BOT_TOKEN", settings.slack_bot_token),
            ("SLACK_SIGNING_SECRET", settings.slack_signing_secret),
        )
        if value is None
    ]
    return f"{' and '.join(missing)} not set" if missing else None
