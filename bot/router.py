"""Routes a neutral message to one handler: button/form action, open dialog, command word, else the FAQ."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass

from bot.context import Context
from bot.errors import DomainError
from bot.messages import InboundMessage, Reply
from bot.text import normalise_command

Handler = Callable[[InboundMessage, Context], Awaitable[Reply | list[Reply]]]
DialogLookup = Callable[[Context], Awaitable[str | None]]

log = logging.getLogger(__name__)

@dataclass(frozen=True, slots=True)
class Route:
    handler: Handler
    name: str


class Router:
    def __init__(self, fallback: Handler, dialog_lookup: DialogLookup | None = None) -> None:
        self._fallback = fallback
        self._dialog_lookup = dialog_lookup
        self._commands: dict[str, Route] = {}
        self._actions: dict[str, Route] = {}
        self._flows: dict[str, Handler] = {}

    def command(self, words: Iterable[str], handler: Handler) -> None:
        """Register phrases (``"register"``, ``"my registration"``) that start a message."""
        for word in words:
            self._commands[normalise_command(word)] = Route(handler, word)

    def action(self, action_id: str, handler: Handler) -> None:
        """``pitch.claim`` matches that id exactly; ``pitch.`` matches every id under it."""
        self._actions[action_id] = Route(handler, action_id)

    def flow(self, name: str, handler: Handler) -> None:
        """The handler that continues an open dialog whose state row names ``name``."""
        self._flows[name] = handler

    @property
    def command_words(self) -> list[str]:
        return sorted(self._commands)

    def match_command(self, text: str) -> tuple[Route, str] | None:
        """The longest registered phrase the text starts with, and the rest of the text."""
        normalised = normalise_command(text)
        best: tuple[Route, str] | None = None
        best_len = -1
        for phrase, route in self._commands.items():
            if len(phrase) > best_len and (normalised == phrase or normalised.startswith(phrase + " ")):
                best, best_len = (route, normalised[len(phrase) :].strip()), len(phrase)
        return best

    async def _select(self, msg: InboundMessage, ctx: Context) -> Handler:
        if msg.action is not None:
            return self._action_handler(msg.action.id)
        if self._dialog_lookup is not None:
            flow = await self._dialog_lookup(ctx)
            if flow is not None and flow in self._flows:
                return self._flows[flow]
        matched = self.match_command(msg.text)
        return matched[0].handler if matched else self._fallback

    def _action_handler(self, action_id: str) -> Handler:
        if action_id in self._actions:
            return self._actions[action_id].handler
        prefix = action_id.split(".", 1)[0] + "."
        route = self._actions.get(prefix)
        return route.handler if route else self._fallback

    async def dispatch(self, msg: InboundMessage, ctx: Context) -> list[Reply]:
        """Never raises: domain errors become their polite message, anything else an apology."""
        try:
            handler = await self._select(msg, ctx)
            result = await handler(msg, ctx)
        except DomainError as error:
            return [Reply(ctx.t(error.message_id, **error.params), lang=ctx.lang)]
        except Exception:
            log.exception("handler failed", extra={"event_id": msg.event_id})
            return [Reply(ctx.t("error.unexpected", contact=ctx.event.contact.email), lang=ctx.lang)]
        return result if isinstance(result, list) else [result]
