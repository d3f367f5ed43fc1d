"""Slack payloads → neutral messages: pure functions over Slack's request bodies.

One function per payload kind, looked up in a table; anything we do not answer (other bots, edits,
channel chatter without a mention, unknown kinds) parses to ``None`` and is acknowledged, not crashed on.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.messages import Action, ConversationRef, InboundMessage, UserRef

PLATFORM = "slack"
# Suffix render.py adds so that buttons sharing one action id stay distinct inside a message (Slack
# rejects duplicate action_ids in a block); parse strips it again.
ACTION_SUFFIX = "#"
# Message subtypes a person produces; every other subtype is an edit, a join, a bot post… and is ignored.
_HUMAN_SUBTYPES = frozenset({None, "file_share", "thread_broadcast"})

_LEADING_MENTIONS = re.compile(r"^(\s*<@[A-Z0-9]+(?:\|[^>]*)?>)+\s*")
_MENTION = re.compile(r"<@([A-Z0-9]+)(?:\|([^>]*))?>")
_CHANNEL = re.compile(r"<#[A-Z0-9]+\|([^>]*)>")
_SPECIAL = re.compile(r"<!([a-z]+)(?:\^[^|>]*)?(?:\|[^>]*)?>")
_LINK = re.compile(r"<((?:https?|mailto|tel):[^|>]*)(?:\|([^>]*))?>")

Payload = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class HomeOpened:
    """``app_home_opened`` on the Home tab: not a message, but a request to publish that user's Home."""

    user_id: str
    team_id: str
    event_id: str


def plain_text(text: str) -> str:
    """Slack's wire format → what the user typed: leading mentions dropped, links and entities undone."""
    text = _LEADING_MENTIONS.sub("", text)
    text = _MENTION.sub(lambda m: "@" + (m.group(2) or m.group(1)), text)
    text = _CHANNEL.sub(lambda m: "#" + m.group(1), text)
    text = _SPECIAL.sub(lambda m: "@" + m.group(1), text)
    text = _LINK.sub(lambda m: m.group(2) or m.group(1).removeprefix("mailto:"), text)
    # Slack escapes exactly these three (https://api.slack.com/reference/surfaces/formatting#escaping).
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").strip()


def inbound(body: Payload, received_at: datetime) -> InboundMessage | None:
    """The neutral message for a Slack request body, or None when the bot has nothing to answer."""
    try:
        parser = _PARSERS.get(_kind(body))
        return parser(body, received_at) if parser else None
    except (KeyError, TypeError, AttributeError, ValueError):
        return None  # malformed or truncated payload: acknowledged and ignored


def event_callback(raw: bytes) -> dict[str, Any] | None:
    """The body of an Events API callback, or None for anything else (bolt dispatches those)."""
    try:
        body = json.loads(raw)
    except (ValueError, RecursionError):  # not JSON (UnicodeDecodeError is a ValueError), or nested too deep
        return None
    return body if isinstance(body, dict) and body.get("type") == "event_callback" else None


def home_opened(body: Payload) -> HomeOpened | None:
    event = body.get("event")
    if body.get("type") != "event_callback" or not isinstance(event, Mapping):
        return None
    if event.get("type") != "app_home_opened" or event.get("tab", "home") != "home" or "user" not in event:
        return None
    return HomeOpened(str(event["user"]), str(body.get("team_id", "")), str(body.get("event_id", "")))


def _kind(body: Payload) -> str:
    if "command" in body:
        return "command"
    if body.get("type") == "event_callback":
        return "event:" + str(body["event"].get("type", ""))
    return str(body.get("type", ""))


def _user(user_id: object) -> UserRef:
    if not isinstance(user_id, str) or not user_id:
        raise ValueError("no user")
    return UserRef(PLATFORM, user_id)


def _not_a_person(body: Payload) -> bool:
    """A bot's post, an edit or a join, or what this bot wrote itself: the event's user is the bot user
    the callback was delivered to (its ``authorizations``)."""
    event = body["event"]
    if event.get("bot_id") or event.get("subtype") not in _HUMAN_SUBTYPES:
        return True
    bots = (grant.get("user_id") for grant in body.get("authorizations") or () if grant.get("is_bot"))
    return event.get("user") in set(bots)


def _direct_message(body: Payload, received_at: datetime) -> InboundMessage | None:
    event = body["event"]
    if event.get("channel_type") != "im" or _not_a_person(body):
        return None
    return InboundMessage(
        text=plain_text(str(event.get("text", ""))),
        user=_user(event.get("user")),
        conversation=ConversationRef(
            PLATFORM, str(event["channel"]), tenant_id=_team(body), thread_id=event.get("thread_ts")
        ),
        event_id=str(body["event_id"]),
        received_at=received_at,
    )


def _mention(body: Payload, received_at: datetime) -> InboundMessage | None:
    event = body["event"]
    if _not_a_person(body):
        return None
    # Answer in the thread the mention started, or in the one it belongs to.
    thread = str(event.get("thread_ts") or event["ts"])
    return InboundMessage(
        text=plain_text(str(event.get("text", ""))),
        user=_user(event.get("user")),
        conversation=ConversationRef(
            PLATFORM, str(event["channel"]), tenant_id=_team(body), thread_id=thread
        ),
        event_id=str(body["event_id"]),
        received_at=received_at,
    )


def _slash_command(body: Payload, received_at: datetime) -> InboundMessage | None:
    text = plain_text(str(body.get("text", "")))
    return InboundMessage(
        text=text or "help",
        user=_user(body.get("user_id")),
        conversation=ConversationRef(PLATFORM, str(body["channel_id"]), tenant_id=_team(body)),
        event_id=str(body.get("trigger_id") or f"command:{body['channel_id']}:{body['user_id']}"),
        received_at=received_at,
    )


def _block_actions(body: Payload, received_at: datetime) -> InboundMessage | None:
    actions = body.get("actions") or []
    if not actions:
        return None
    clicked = actions[0]
    container = body.get("container") or {}
    channel = (body.get("channel") or {}).get("id")
    user = _user((body.get("user") or {}).get("id"))
    # Buttons on the Home tab or in a modal have no channel: the answer goes to the user's DM.
    conversation = ConversationRef(
        PLATFORM,
        str(channel or user.user_id),
        tenant_id=_team(body),
        thread_id=container.get("thread_ts") if channel else None,
    )
    return InboundMessage(
        text="",
        user=user,
        conversation=conversation,
        event_id=str(body.get("trigger_id") or clicked.get("action_ts")),
        received_at=received_at,
        action=Action(
            action_id(str(clicked["action_id"])),
            _element_value(clicked),
            form_values((body.get("state") or {}).get("values") or {}),
        ),
    )


def _view_submission(body: Payload, received_at: datetime) -> InboundMessage | None:
    view = body["view"]
    metadata = _metadata(str(view.get("private_metadata") or ""))
    user = _user((body.get("user") or {}).get("id"))
    return InboundMessage(
        text="",
        user=user,
        conversation=ConversationRef(
            PLATFORM,
            str(metadata.get("channel") or user.user_id),
            tenant_id=_team(body),
            thread_id=metadata.get("thread"),
        ),
        event_id=str(body.get("trigger_id") or f"view:{view['id']}:{view.get('hash', '')}"),
        received_at=received_at,
        action=Action(
            str(view["callback_id"]),
            str(metadata.get("value", "")),
            form_values((view.get("state") or {}).get("values") or {}),
        ),
    )


def action_id(rendered: str) -> str:
    """The neutral action id of a rendered element (``pitch.claim#2`` → ``pitch.claim``)."""
    return rendered.split(ACTION_SUFFIX, 1)[0]


def form_values(values: Mapping[str, Mapping[str, Mapping[str, Any]]]) -> dict[str, str]:
    """``state.values`` (block → element → state) → ``{input id: value}``; empty inputs are left out."""
    found: dict[str, str] = {}
    for elements in values.values():
        for element_id, state in elements.items():
            value = _element_value(state)
            if value:
                found[action_id(element_id)] = value
    return found


def _element_value(element: Mapping[str, Any]) -> str:
    selected = element.get("selected_option")
    if isinstance(selected, Mapping):
        return str(selected.get("value", ""))
    value = element.get("value")
    return "" if value is None else str(value)


def _metadata(raw: str) -> dict[str, Any]:
    try:
        parsed = json.loads(raw) if raw else {}
    except json.JSONDecodeError:
        return {}
    return parsed if isinstance(parsed, dict) else {}


def workspaces(body: Payload) -> set[str]:
    """Every workspace id a payload names (Enterprise Grid events also list their authorizations)."""
    found = {_team(body)}
    authorizations = body.get("authorizations")
    for authorization in authorizations if isinstance(authorizations, list) else []:
        if isinstance(authorization, dict):
            found.add(str(authorization.get("team_id") or "") or None)
    return {team for team in found if team}


def _team(body: Payload) -> str | None:
    team = body.get("team_id") or (body.get("team") or {}).get("id")
    return str(team) if team else None


_PARSERS: dict[str, Callable[[Payload, datetime], InboundMessage | None]] = {
    "event:message": _direct_message,
    "event:app_mention": _mention,
    "command": _slash_command,
    "block_actions": _block_actions,
    "view_submission": _view_submission,
}
