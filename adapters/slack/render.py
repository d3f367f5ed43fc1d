"""Neutral replies → Slack messages and views (Block Kit), within Slack's limits.

Only the parts of a Card that are set become blocks. Every text a user could have typed is escaped for
mrkdwn. Limits (https://api.slack.com/reference/block-kit/blocks): 50 blocks per message (100 in a view),
3,000 characters per section, 4,000 per message text — longer replies are split into several messages.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from adapters.slack.parse import ACTION_SUFFIX
from bot import bidi
from bot.messages import Button, Card, Input, Reply

Block = dict[str, Any]
MESSAGE_TEXT_LIMIT = 4000
SECTION_TEXT_LIMIT = 3000
FIELD_TEXT_LIMIT = 2000
MESSAGE_BLOCK_LIMIT = 50
VIEW_BLOCK_LIMIT = 100
FIELDS_PER_SECTION = 10
BUTTONS_PER_ACTIONS = 25
OPTIONS_PER_SELECT = 100
HEADER_LIMIT = 150
BUTTON_LABEL_LIMIT = 75
MODAL_TITLE_LIMIT = 24
_ENTITY_MAX = len("&amp;")


def escape(text: str) -> str:
    """mrkdwn control characters, so ``<!channel>`` or ``<http://x|y>`` typed by a user stays literal."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _explicit_link(target: str) -> str:
    return f"<mailto:{target}|{target}>" if "@" in target and "://" not in target else f"<{target}>"


def mrkdwn(text: str, lang: str = "en") -> str:
    """Escaped mrkdwn; in a right-to-left language laid out by bot.bidi, with links made explicit
    (``<https://…>``) so no bidi mark can become part of an auto-detected link."""
    return bidi.prepare(escape(text), lang, _explicit_link)


def split_text(text: str, limit: int) -> list[str]:
    """Pieces of at most ``limit`` characters, cut at a line break, else a space, never inside an entity."""
    pieces: list[str] = []
    while len(text) > limit:
        cut = _cut_point(text, limit)
        pieces.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    if text or not pieces:
        pieces.append(text)
    return pieces


def _cut_point(text: str, limit: int) -> int:
    for separator in ("\n\n", "\n", " "):
        at = text.rfind(separator, 0, limit + 1)
        if at > limit // 2:
            return at
    ampersand = text.rfind("&", max(0, limit - _ENTITY_MAX + 1), limit)
    return ampersand if ampersand > 0 and ";" not in text[ampersand:limit] else limit


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _plain(text: str, limit: int) -> dict[str, Any]:
    return {"type": "plain_text", "text": _clip(text, limit) or " ", "emoji": True}


def _sections(text: str, lang: str = "en") -> list[Block]:
    return [
        {"type": "section", "text": {"type": "mrkdwn", "text": piece}}
        for piece in split_text(mrkdwn(text, lang), SECTION_TEXT_LIMIT)
        if piece
    ]


def _field_sections(fields: Iterable[tuple[str, str]], lang: str = "en") -> list[Block]:
    rendered = [
        {"type": "mrkdwn", "text": _clip(f"*{mrkdwn(label, lang)}*\n{mrkdwn(value, lang)}", FIELD_TEXT_LIMIT)}
        for label, value in fields
    ]
    return [
        {"type": "section", "fields": rendered[i : i + FIELDS_PER_SECTION]}
        for i in range(0, len(rendered), FIELDS_PER_SECTION)
    ]


def _button(button: Button, index: int) -> Block:
    element: Block = {
        "type": "button",
        "text": _plain(button.label, BUTTON_LABEL_LIMIT),
        "action_id": f"{button.action_id}{ACTION_SUFFIX}{index}",
    }
    if button.value:
        element["value"] = button.value
    if button.style != "default":
        element["style"] = button.style
    return element


def _actions(buttons: tuple[Button, ...]) -> list[Block]:
    elements = [_button(button, index) for index, button in enumerate(buttons)]
    return [
        {"type": "actions", "elements": elements[i : i + BUTTONS_PER_ACTIONS]}
        for i in range(0, len(elements), BUTTONS_PER_ACTIONS)
    ]


def _input(field: Input) -> Block:
    element: Block
    if field.choices:
        options = [
            {"text": _plain(c.label, BUTTON_LABEL_LIMIT), "value": c.value}
            for c in field.choices[:OPTIONS_PER_SELECT]
        ]
        element = {"type": "static_select", "action_id": field.id, "options": options}
        initial = next((o for o in options if o["value"] == field.initial), None)
        if initial:
            element["initial_option"] = initial
    else:
        element = {"type": "plain_text_input", "action_id": field.id, "multiline": field.multiline}
        if field.initial:
            element["initial_value"] = field.initial
    if field.placeholder:
        element["placeholder"] = _plain(field.placeholder, HEADER_LIMIT)
    return {
        "type": "input",
        "block_id": f"input.{field.id}",
        "label": _plain(field.label, FIELD_TEXT_LIMIT),
        "optional": not field.required,
        "element": element,
    }


def card_blocks(card: Card, *, with_submit: bool = True, lang: str = "en") -> list[Block]:
    blocks: list[Block] = []
    if card.title:
        blocks.append({"type": "header", "text": _plain(bidi.prepare(card.title, lang), HEADER_LIMIT)})
    for section in card.sections:
        blocks.extend(_sections(section, lang))
    blocks.extend(_field_sections(card.fields, lang))
    blocks.extend(_input(field) for field in card.inputs)
    buttons = card.buttons + ((card.submit,) if with_submit and card.submit else ())
    blocks.extend(_actions(buttons))
    return blocks


def messages(reply: Reply) -> list[dict[str, Any]]:
    """``chat.postMessage`` arguments (text, and blocks for a card), one dict per message to send."""
    if reply.card is None:
        return [{"text": piece} for piece in split_text(mrkdwn(reply.text, reply.lang), MESSAGE_TEXT_LIMIT)]
    blocks = _sections(reply.text, reply.lang) + card_blocks(reply.card, lang=reply.lang)
    notification = split_text(mrkdwn(reply.text or reply.card.title, reply.lang), MESSAGE_TEXT_LIMIT)[0]
    return [
        {"text": notification, "blocks": blocks[i : i + MESSAGE_BLOCK_LIMIT]}
        for i in range(0, len(blocks), MESSAGE_BLOCK_LIMIT)
    ]


def home_view(card: Card) -> dict[str, Any]:
    return {"type": "home", "blocks": card_blocks(card)[:VIEW_BLOCK_LIMIT]}


def has_form(reply: Reply) -> bool:
    return reply.card is not None and bool(reply.card.inputs) and reply.card.submit is not None


def modal_view(card: Card, metadata: Mapping[str, str | None]) -> dict[str, Any]:
    """A modal for a card with inputs; its submit comes back as ``view_submission`` (see parse.py)."""
    assert card.submit is not None  # has_form() is checked first
    carried = {**{k: v for k, v in metadata.items() if v}, "value": card.submit.value}
    return {
        "type": "modal",
        "callback_id": card.submit.action_id,
        "title": _plain(card.title or card.submit.label, MODAL_TITLE_LIMIT),
        "submit": _plain(card.submit.label, MODAL_TITLE_LIMIT),
        "private_metadata": json.dumps(carried),
        "blocks": card_blocks(card, with_submit=False)[:VIEW_BLOCK_LIMIT],
    }
