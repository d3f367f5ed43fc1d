"""Bot Framework activity JSON (as Teams sends it) → neutral messages. Pure functions over dicts.

Unknown or malformed activities give ``None``: the endpoint acknowledges them and does nothing else.
Buttons rendered by ``render.py`` carry ``{"rt_action": id, "rt_value": value}``; every other key of a
submitted card is a form input.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from bot.messages import Action, ConversationRef, InboundMessage, UserRef

PLATFORM = "teams"
ACTION_KEY = "rt_action"
VALUE_KEY = "rt_value"
EXECUTE_INVOKE = "adaptiveCard/action"
PERSONAL = "personal"

Activity = Mapping[str, Any]
Parser = Callable[[Activity, datetime], InboundMessage | None]

_AT_TAG = re.compile(r"<at[^>]*>.*?</at>", re.IGNORECASE | re.DOTALL)


def _mapping(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _client_info(activity: Activity) -> Mapping[str, Any]:
    entities = activity.get("entities")
    if not isinstance(entities, list):
        return {}
    return next((e for e in entities if isinstance(e, Mapping) and e.get("type") == "clientInfo"), {})


def tenant_id(activity: Activity) -> str | None:
    tenant = _mapping(_mapping(activity.get("channelData")).get("tenant")).get("id")
    return _text(tenant) or _text(_mapping(activity.get("conversation")).get("tenantId")) or None


def is_personal(activity: Activity) -> bool:
    """A one-to-one chat with the bot. Without ``conversationType`` the id tells: channel and group-chat
    ids start with "19:" (a channel thread adds ";messageid="); personal chat ids do not."""
    conversation = _mapping(activity.get("conversation"))
    kind = _text(conversation.get("conversationType"))
    if kind:
        return kind == PERSONAL
    conversation_id = _text(conversation.get("id"))
    looks_shared = conversation_id.startswith("19:") or ";messageid=" in conversation_id
    return bool(conversation_id) and not looks_shared


def user_of(activity: Activity) -> UserRef | None:
    sender = _mapping(activity.get("from"))
    user_id = _text(sender.get("id"))
    if not user_id:
        return None
    client = _client_info(activity)
    locale = _text(activity.get("locale")) or _text(client.get("locale")) or None
    return UserRef(
        PLATFORM, user_id, _text(sender.get("name")), locale, _text(client.get("timezone")) or None
    )


def conversation_of(activity: Activity) -> ConversationRef | None:
    conversation_id = _text(_mapping(activity.get("conversation")).get("id"))
    if not conversation_id:
        return None
    return ConversationRef(
        PLATFORM,
        conversation_id,
        service_url=_text(activity.get("serviceUrl")) or None,
        tenant_id=tenant_id(activity),
        thread_id=_text(activity.get("replyToId")) or None,
    )


def strip_mentions(activity: Activity) -> str:
    """The message text without the bot's @mention (Teams puts ``<at>Name</at>`` into the text)."""
    text = _text(activity.get("text"))
    bot_id = _text(_mapping(activity.get("recipient")).get("id"))
    entities = activity.get("entities")
    for entity in entities if isinstance(entities, list) else []:
        mentioned = _mapping(_mapping(entity).get("mentioned"))
        if _mapping(entity).get("type") == "mention" and mentioned.get("id") == bot_id:
            # Teams sometimes sends the entity without its text; the tag is then <at>bot name</at>.
            # (An empty mention text must never reach replace(): "" matches between every character.)
            mention = _text(_mapping(entity).get("text")) or _at_tag(_text(mentioned.get("name")))
            text = text.replace(mention, " ") if mention else text
    # Mentions of other people stay readable as their names; HTML entities become characters.
    text = _AT_TAG.sub(lambda m: re.sub(r"<[^>]+>", "", m.group(0)), text)
    return " ".join(html.unescape(text).split())


def _at_tag(name: str) -> str:
    return f"<at>{name}</at>" if name else ""


def action_from(data: object) -> Action | None:
    """A card submit's data → ``Action``; ``None`` when it does not name one of our actions."""
    values = _mapping(data)
    action_id = _text(values.get(ACTION_KEY))
    if not action_id:
        return None
    inputs = {
        str(key): value if isinstance(value, str) else str(value)
        for key, value in values.items()
        if key not in (ACTION_KEY, VALUE_KEY, "msteams") and value is not None
    }
    return Action(action_id, _text(values.get(VALUE_KEY)), inputs)


def _message(activity: Activity, text: str, action: Action | None, now: datetime) -> InboundMessage | None:
    user, conversation = user_of(activity), conversation_of(activity)
    event_id = _text(activity.get("id"))
    if user is None or conversation is None or not event_id:
        return None
    return InboundMessage(text, user, conversation, event_id, now, action)


def parse_message(activity: Activity, now: datetime) -> InboundMessage | None:
    """A typed message (personal chat, or a channel / group-chat @mention), or an Action.Submit."""
    if "value" in activity:
        action = action_from(activity.get("value"))
        return _message(activity, "", action, now) if action else None
    return _message(activity, strip_mentions(activity), None, now)


def parse_invoke(activity: Activity, now: datetime) -> InboundMessage | None:
    """An Adaptive Card Action.Execute (Universal Actions): its verb names the action."""
    if activity.get("name") != EXECUTE_INVOKE:
        return None
    executed = _mapping(_mapping(activity.get("value")).get("action"))
    data = dict(_mapping(executed.get("data")))
    data.setdefault(ACTION_KEY, _text(executed.get("verb")))
    action = action_from(data)
    return _message(activity, "", action, now) if action else None


PARSERS: dict[str, Parser] = {"message": parse_message, "invoke": parse_invoke}


def parse_activity(activity: object, now: datetime) -> InboundMessage | None:
    """The neutral message for an activity the bot answers; ``None`` for anything else."""
    if not isinstance(activity, Mapping):
        return None
    parser = PARSERS.get(_text(activity.get("type")))
    return parser(activity, now) if parser else None


def bot_was_added(activity: object) -> bool:
    """A conversationUpdate that adds this bot (installed in a chat, a team or a group chat)."""
    if not isinstance(activity, Mapping) or activity.get("type") != "conversationUpdate":
        return False
    bot_id = _text(_mapping(activity.get("recipient")).get("id"))
    added = activity.get("membersAdded")
    members = added if isinstance(added, list) else []
    return bool(bot_id) and any(_mapping(member).get("id") == bot_id for member in members)


def conversation_reference(activity: Activity) -> dict[str, Any]:
    """The ConversationReference JSON that proactive sends need, in Bot Framework's own field names."""
    reference: dict[str, Any] = {
        "activityId": _text(activity.get("id")) or None,
        "user": dict(_mapping(activity.get("from"))),
        "bot": dict(_mapping(activity.get("recipient"))),
        "conversation": dict(_mapping(activity.get("conversation"))),
        "channelId": _text(activity.get("channelId")) or "msteams",
        "locale": _text(activity.get("locale")) or None,
        "serviceUrl": _text(activity.get("serviceUrl")),
    }
    return {key: value for key, value in reference.items() if value not in (None, "", {})}
