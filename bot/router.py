"""Routes a neutral message to one handler: button/form action, open dialog, command word, else the FAQ."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import replace

from bot.context import Context
from bot.errors import DomainError
from bot.messages import InboundMessage, Reply
from bot.text import normalise_command

Handler = Callable[[InboundMessage, Context], Awaitable[Reply | list[Reply]]]

log = logging.getLogger(__name__)


class Router:
    """Private by construction: every reply is private to the asker (``Reply.private``: adapters keep it
    out of shared channels) unless its handler was registered ``public`` — the FAQ fallback and help,
    which hold nothing personal."""

    def __init__(self, fallback: Handler) -> None:
        self._fallback = fallback
        self._commands: dict[str, Handler] = {}
        self._actions: dict[str, Handler] = {}
        self._flows: dict[str, Handler] = {}
        self._public: set[Handler] = {fallback}

    def command(self, words: Iterable[str], handler: Handler, *, public: bool = False) -> None:
        """Register phrases (``"register"``, ``"my registration"``) that start a message."""
        for word in words:
            self._commands[normalise_command(word)] = handler
        self._mark(handler, public)

    def action(self, action_id: str, handler: Handler, *, public: bool = False) -> None:
        """``pitch.claim`` matches that id exactly; ``pitch.`` matches every id under it."""
        self._actions[action_id] = handler
        self._mark(handler, public)

    def _mark(self, handler: Handler, public: bool) -> None:
        if public:
            self._public.add(handler)

    def flow(self, name: str, handler: Handler) -> None:
        """The handler that continues an open dialog whose state row names ``name`` (``ctx.flow``)."""
        self._flows[name] = handler

    def match_command(self, text: str) -> tuple[Handler, str] | None:
        """The handler of the longest registered phrase the text starts with, and the rest of the text."""
        normalised = normalise_command(text)
        best: tuple[Handler, str] | None = None
        best_len = -1
        for phrase, handler in self._commands.items():
            if len(phrase) > best_len and (normalised == phrase or normalised.startswith(phrase + " ")):
                best, best_len = (handler, normalised[len(phrase) :].strip()), len(phrase)
        return best

    def _select(self, msg: InboundMessage, ctx: Context) -> Handler:
        if msg.action is not None:
            return self._action_handler(msg.action.id)
        if ctx.flow is not None and ctx.flow in self._flows:  # read with the member when the message came
            return self._flows[ctx.flow]
        matched = self.match_command(msg.text)
        return matched[0] if matched else self._fallback

    def _action_handler(self, action_id: str) -> Handler:
        if action_id in self._actions:
            return self._actions[action_id]
        return self._actions.get(action_id.split(".", 1)[0] + ".", self._fallback)

    async def dispatch(self, msg: InboundMessage, ctx: Context) -> list[Reply]:
        """Never raises: domain errors become their polite message, anything else an apology."""
        handler = self._fallback
        try:
            handler = self._select(msg, ctx)
            result = await handler(msg, ctx)
        except DomainError as error:
            result = Reply(ctx.t(error.message_id, **error.params), lang=ctx.lang)
        except Exception:
            log.exception("handler failed", extra={"event_id": msg.event_id})
            return [Reply(ctx.t("error.unexpected", contact=ctx.event.contact.email), lang=ctx.lang)]
        replies = result if isinstance(result, list) else [result]
        if handler in self._public:
            return replies
        return [reply if reply.private else replace(reply, private=True) for reply in replies]
