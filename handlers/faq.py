"""Questions about the programme, venues, deadlines and registration."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.context import Context
from bot.event import Event
from bot.i18n import translate
from bot.messages import InboundMessage, Reply


@dataclass(frozen=True, slots=True)
class Answer:
    text: str
    intent: str
    confidence: float
    lang: str


def answer(question: str, event: Event, now: datetime, lang: str | None = None) -> Answer:
    """A pure function of the question, the event and the time: no database, no platform."""
    lang = lang or "en"
    text = translate(lang, "help.text", event=event.names["short"].get(lang), contact=event.contact.email)
    return Answer(text=text, intent="help", confidence=0.0, lang=lang)


async def handle(msg: InboundMessage, ctx: Context) -> Reply:
    result = answer(msg.text, ctx.event, ctx.now(), ctx.lang if ctx.lang_forced else None)
    return Reply(result.text, lang=result.lang)
