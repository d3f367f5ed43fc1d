"""Neutral replies → Bot Framework message activities with Adaptive Cards (schema 1.5). Pure functions.

Nothing a user typed is ever read as markup: card text goes into ``TextRun`` elements of a
``RichTextBlock`` (which Adaptive Cards never parse as Markdown), and message text is sent as ``plain``.
Only fields that are set are added. A card that would exceed Teams' size limit is replaced by its
plain-text fallback.
"""

from __future__ import annotations

import json
from typing import Any

from adapters.teams.parse import ACTION_KEY, VALUE_KEY
from bot import bidi
from bot.messages import Button, Card, Input, Reply

CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"
CARD_SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
CARD_VERSION = "1.5"
# Teams refuses messages over about 28 KB; leave room for the activity envelope.
MAX_CARD_BYTES = 26_000
MAX_TEXT_CHARS = 20_000

_BUTTON_STYLES = {"primary": "positive", "danger": "destructive"}

Json = dict[str, Any]


def _run(text: str, **style: str) -> Json:
    return {"type": "TextRun", "text": text, **style}


def _rich(*inlines: Json, **extra: Any) -> Json:
    return {"type": "RichTextBlock", "inlines": list(inlines), **extra}


def _submit(button: Button, *, with_inputs: bool) -> Json:
    action: Json = {
        "type": "Action.Submit",
        "title": button.label,
        "data": {ACTION_KEY: button.action_id, VALUE_KEY: button.value},
    }
    if button.style in _BUTTON_STYLES:
        action["style"] = _BUTTON_STYLES[button.style]
    if not with_inputs:
        action["associatedInputs"] = "none"  # a plain button must not be blocked by required form fields
    return action


def _input(field: Input) -> Json:
    element: Json
    if field.choices:
        element = {
            "type": "Input.ChoiceSet",
            "style": "compact",
            "choices": [{"title": c.label, "value": c.value} for c in field.choices],
        }
    else:
        element = {"type": "Input.Text"}
        if field.multiline:
            element["isMultiline"] = True
        if field.placeholder:
            element["placeholder"] = field.placeholder
    element.update(id=field.id, label=field.label, isRequired=field.required)
    if field.initial:
        element["value"] = field.initial
    return element


def card_body(card: Card) -> list[Json]:
    body: list[Json] = []
    if card.title:
        body.append(_rich(_run(card.title, weight="bolder", size="medium")))
    body.extend(_rich(_run(section), spacing="small") for section in card.sections)
    body.extend(_rich(_run(f"{label}: ", weight="bolder"), _run(value)) for label, value in card.fields)
    body.extend(_input(field) for field in card.inputs)
    return body


def adaptive_card(card: Card, *, rtl: bool = False) -> Json:
    """The Adaptive Card JSON for a neutral card; ``fallbackText`` is the card's plain text."""
    content: Json = {
        "type": "AdaptiveCard",
        "$schema": CARD_SCHEMA,
        "version": CARD_VERSION,
        "body": card_body(card),
        "fallbackText": card.fallback_text(),
    }
    if rtl:
        content["rtl"] = True  # schema 1.5: the card's layout runs right-to-left
    actions = [_submit(b, with_inputs=False) for b in card.buttons]
    if card.submit is not None:
        actions.append(_submit(card.submit, with_inputs=True))
    if actions:
        content["actions"] = actions
    return content


def _size(payload: object) -> int:
    return len(json.dumps(payload, ensure_ascii=False).encode("utf-8"))


def split_text(text: str, limit: int = MAX_TEXT_CHARS) -> list[str]:
    """Long text cut at line breaks (or hard, for one enormous line) into messages of at most ``limit``."""
    chunks: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:
            if current:
                chunks.append(current)
                current = ""
            chunks.append(line[:limit])
            line = line[limit:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            chunks.append(current)
            candidate = line
        current = candidate
    if current or not chunks:
        chunks.append(current)
    return chunks


def _text_activity(text: str, lang: str) -> Json:
    return {"type": "message", "text": text, "textFormat": "plain", "locale": lang}


def render_reply(reply: Reply) -> list[Json]:
    """One reply → the message activities to send (several only when a long text has to be split).

    Right-to-left replies are laid out by bot.bidi; links stay bare, since Teams finds them in plain text."""
    reply = bidi.prepare_reply(reply, bare_links=True)
    if reply.card is not None:
        card = adaptive_card(reply.card, rtl=bidi.is_rtl(reply.lang))
        if _size(card) <= MAX_CARD_BYTES:
            activity: Json = _text_activity(reply.text, reply.lang) if reply.text else {"type": "message"}
            activity["locale"] = reply.lang
            activity["attachments"] = [{"contentType": CARD_CONTENT_TYPE, "content": card}]
            return [activity]
    return [_text_activity(chunk, reply.lang) for chunk in split_text(reply.plain_text())]
