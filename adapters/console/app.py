"""The terminal adapter: one local user, the same router as Slack and Teams, text fallbacks for cards."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from bot.context import SENT, DeliveryResult
from bot.event import Event
from bot.messages import (
    Action,
    Attachment,
    Button,
    ConversationRef,
    InboundMessage,
    Notice,
    Reply,
    UserRef,
)
from handlers.faq import answer as faq

if TYPE_CHECKING:  # `ask` must not import the database wiring (cold start)
    from bot.core import Bot

PROMPT = "you> "


class ConsoleNotifier:
    """Proactive messages (promotions, meet requests) printed where the operator can see them."""

    def __init__(self, out: TextIO) -> None:
        self._out = out

    async def send(self, notice: Notice) -> DeliveryResult:
        self._out.write(f"[to {notice.recipient.key}] {notice.reply.plain_text()}\n")
        self._out.flush()
        return SENT


def parse_line(line: str, user: UserRef, now: datetime, buttons: list[Button]) -> InboundMessage:
    """A typed line; a button's number or label from the last reply becomes that button's action."""
    text = line.strip()
    chosen = _chosen_button(text, buttons)
    return InboundMessage(
        text=text if chosen is None else "",
        user=user,
        conversation=ConversationRef("console", user.user_id),
        event_id=uuid.uuid4().hex,
        received_at=now,
        action=Action(chosen.action_id, chosen.value) if chosen else None,
    )


def _chosen_button(text: str, buttons: list[Button]) -> Button | None:
    if _numbered_by_value(buttons):
        return next((b for b in buttons if b.value == text), None)
    if text.isdigit() and 1 <= int(text) <= len(buttons):
        return buttons[int(text) - 1]
    return next((b for b in buttons if b.label.casefold() == text.casefold()), None)


def _numbered_by_value(buttons: list[Button]) -> bool:
    """Buttons whose labels start with their own number ("7 · 2:10 pm": pitch slots) are chosen by that
    number, not by their place in the list: after slot 3 is taken, typing 7 must still mean slot 7."""
    return bool(buttons) and all(b.value.isdigit() and b.label.startswith(f"{b.value} ") for b in buttons)


def render(reply: Reply) -> str:
    """The card's text fallback, with buttons numbered so they can be chosen by typing the number."""
    if reply.card is None or not reply.card.buttons:
        return reply.plain_text()
    body = reply.plain_text().rsplit("\nOptions: ", 1)[0]
    buttons = list(reply.card.buttons)
    if _numbered_by_value(buttons):
        return body + "".join(f"\n  {b.label}" for b in buttons)
    options = "\n".join(f"  {i}. {b.label}" for i, b in enumerate(buttons, 1))
    return f"{body}\n{options}"


def save_attachment(attachment: Attachment, folder: Path) -> Path:
    """Writes a file the bot sent into ``folder`` (the terminal's current directory), never over another."""
    target = folder / Path(attachment.filename).name
    stem, suffix, number = target.stem, target.suffix, 1
    while target.exists():
        number += 1
        target = folder / f"{stem}-{number}{suffix}"
    target.write_bytes(attachment.content)
    return target.resolve()


async def run_chat(
    bot: Bot,
    user: UserRef,
    lines: Iterable[str],
    out: TextIO,
    interactive: bool,
    files: Path | None = None,
) -> None:
    """``files``: where files the bot sends are written (default: the current directory)."""
    buttons: list[Button] = []
    for line in lines:
        msg = parse_line(line, user, bot.clock(), buttons)
        if not msg.text and msg.action is None:
            continue
        replies = await bot.handle(msg)
        buttons = [b for r in replies if r.card for b in r.card.buttons]
        for reply in replies:
            out.write(render(reply) + "\n")
            for attachment in reply.attachments:
                saved = save_attachment(attachment, files or Path.cwd())
                out.write(f"[file saved: {saved} ({len(attachment.content)} bytes)]\n")
        if interactive:
            out.write(PROMPT)
        out.flush()


def ask_lines(
    questions: Iterable[str], event: Event, now: datetime, lang: str | None, as_json: bool
) -> Iterable[str]:
    for question in questions:
        result = faq.answer(question, event, now, lang)
        if as_json:
            yield json.dumps(
                {
                    "question": question,
                    "answer": result.text,
                    "intent": result.intent,
                    "confidence": round(result.confidence, 3),
                    "lang": result.lang,
                },
                ensure_ascii=False,
            )
        else:
            yield result.text
