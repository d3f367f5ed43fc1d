"""Mounts the platforms that are configured, importing each platform's library only then: slack_bolt and
botbuilder cost tens of megabytes each, and a server with Teams off never needs botbuilder."""

from __future__ import annotations

import logging

from aiohttp import web

from adapters.slack.config import off_reason as slack_off_reason
from bot.core import Bot

log = logging.getLogger(__name__)


def mount_platforms(app: web.Application, bot: Bot) -> None:
    """Each platform's route and notifier when it is configured; one log line for each that is off."""
    reason = slack_off_reason(bot.settings)
    if reason is None:
        from adapters.slack.app import mount_slack

        mount_slack(app, bot)
    else:
        log.info("Slack is off: %s", reason)
    if bot.settings.microsoft_app_id or bot.settings.teams_local:
        from adapters.teams.app import mount

        mount(app, bot)  # which checks the Teams settings further (local mode on loopback only)
    else:
        log.info("Teams is off: MICROSOFT_APP_ID is not set")
