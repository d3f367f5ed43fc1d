"""Routes a neutral message to one handler: button/form action, open dialog, command word, natural request,
else the FAQ. Inside an open dialog, text that is plausibly not an answer to its step (bot/asides.py) is
kept from being stored as one: see ``Router._inside_flow``."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterable, Iterator
from dataclasses import dataclass, replace

from bot.asides import classify_aside
from bot.context import Context
from bot.errors import DomainError
from bot.messages import InboundMessage, Reply
from bot.text import normalise_command
from storage.errors import UNAVAILABLE

Handler = Callable[[InboundMessage, Context], Awaitable[Reply | list[Reply]]]
# The current step's question again, or None when this flow has no open step for the user.
Reprompt = Callable[[Context], Awaitable[Reply | None]]
# A natural sentence → the command text it asks for ("ok the code is W9WB-GP9N" → "join W9WB-GP9N").
Understand = Callable[[str, Context], str | None]
# The FAQ's answer when it is sure of it, else None (side questions inside a flow).
SideAnswer = Callable[[InboundMessage, Context], Awaitable[Reply | None]]

# Outside a flow, a command word followed by more words than this may be an ordinary word opening a sentence.
_MAX_COMMAND_TAIL_WORDS = 2

log = logging.getLogger(__name__)


def _sentence_after(matched: tuple[Handler, str]) -> bool:
    """A command word opening a longer sentence ("need to fix a name - …") may just be an English word:
    then a natural request the sentence makes for another feature wins."""
    return len(matched[1].split()) > _MAX_COMMAND_TAIL_WORDS


def _argument_only(tail: str) -> bool:
    """Inside a flow another feature's command takes over when nothing or a bare argument follows it
    ("help", "join W9WB-GP9N", "language fr"); with words after it ("Export Org", "Agenda for a safer
    cyberspace") it may be the answer, so the flow asks."""
    words = tail.split()
    return not words or (len(words) == 1 and (any(ch.isdigit() for ch in tail) or len(tail) <= 2))


def _word_ends(normalised: str, longest: int) -> Iterator[int]:
    """Where a registered phrase may end in normalised text, longest first: at its end or before a space
    (a phrase is whole words), never past ``longest`` characters (no phrase is longer)."""
    end = len(normalised) if len(normalised) <= longest else normalised.rfind(" ", 0, longest + 1)
    while end >= 0:
        yield end
        end = normalised.rfind(" ", 0, end)


@dataclass(frozen=True, slots=True)
class Flow:
    handler: Handler
    reprompt: Reprompt | None
    starters: frozenset[Handler]  # the commands that open this flow: typed again, they just re-ask
    # The same feature's other commands ("cancel our pitch" mid-title): asked for in a sentence, they run
    # as if typed, not held as a possible answer (a held "cancel the pitch please" became a title).
    related: frozenset[Handler] = frozenset()


class Router:
    """Private by construction: every reply is private to the asker (``Reply.private``: adapters keep it
    out of shared channels) unless its handler was registered ``public`` — the FAQ fallback and help,
    which hold nothing personal."""

    def __init__(
        self,
        fallback: Handler,
        understand: Understand | None = None,
        side_answer: SideAnswer | None = None,
    ) -> None:
        self._fallback = fallback
        self._understand = understand
        self._side_answer = side_answer
        self._commands: dict[str, Handler] = {}
        self._longest_phrase = 0
        self._actions: dict[str, Handler] = {}
        self._flows: dict[str, Flow] = {}
        self._public: set[Handler] = {fallback}

    def command(self, words: Iterable[str], handler: Handler, *, public: bool = False) -> None:
        """Register phrases (``"register"``, ``"my registration"``) that start a message."""
        for word in words:
            phrase = normalise_command(word)
            self._commands[phrase] = handler
            self._longest_phrase = max(self._longest_phrase, len(phrase))
        self._mark(handler, public)

    def action(self, action_id: str, handler: Handler, *, public: bool = False) -> None:
        """``pitch.claim`` matches that id exactly; ``pitch.`` matches every id under it."""
        self._actions[action_id] = handler
        self._mark(handler, public)

    def _mark(self, handler: Handler, public: bool) -> None:
        if public:
            self._public.add(handler)

    def flow(
        self,
        name: str,
        handler: Handler,
        reprompt: Reprompt | None = None,
        starters: Iterable[Handler] = (),
        related: Iterable[Handler] = (),
    ) -> None:
        """The handler that continues an open dialog whose state row names ``name`` (``ctx.flow``)."""
        self._flows[name] = Flow(handler, reprompt, frozenset(starters), frozenset(related))

    def match_command(self, text: str) -> tuple[Handler, str] | None:
        """The handler of the longest registered phrase the text starts with, and the rest of the text."""
        normalised = normalise_command(text)
        for end in _word_ends(normalised, self._longest_phrase):
            handler = self._commands.get(normalised[:end])
            if handler is not None:
                return handler, normalised[end:].strip()
        return None

    def understood(self, text: str, ctx: Context) -> tuple[Handler, str] | None:
        """A natural request's command (``handler``, the command text the handler gets as the message)."""
        if self._understand is None or not text.strip():
            return None
        command = self._understand(text, ctx)
        matched = self.match_command(command) if command else None
        return (matched[0], command) if matched and command else None

    def _select(self, msg: InboundMessage, ctx: Context) -> tuple[Handler, InboundMessage]:
        if msg.action is not None:
            return self._action_handler(msg.action.id), msg
        matched = self.match_command(msg.text)
        natural = self.understood(msg.text, ctx) if matched is None or _sentence_after(matched) else None
        if matched and not (natural and natural[0] is not matched[0]):
            return matched[0], msg
        if natural:
            return natural[0], replace(msg, text=natural[1])
        return self._fallback, msg

    def _action_handler(self, action_id: str) -> Handler:
        if action_id in self._actions:
            return self._actions[action_id]
        return self._actions.get(action_id.split(".", 1)[0] + ".", self._fallback)

    async def dispatch(self, msg: InboundMessage, ctx: Context) -> list[Reply]:
        """Never raises: domain errors become their polite message, anything else an apology."""
        handler = self._fallback
        try:
            flow = self._flows.get(ctx.flow) if ctx.flow is not None and msg.action is None else None
            if flow is not None:
                handler, replies = await self._inside_flow(flow, msg, ctx)
            else:
                handler, routed = self._select(msg, ctx)
                replies = await self._run(handler, routed, ctx)
        except DomainError as error:
            replies = [Reply(ctx.t(error.message_id, **error.params), lang=ctx.lang)]
        except UNAVAILABLE:
            raise  # the database, not the handler: the message is answered again once it is back
        except Exception:
            log.exception("handler failed", extra={"event_id": msg.event_id})
            return [Reply(ctx.t("error.unexpected", contact=ctx.event.contact.email), lang=ctx.lang)]
        if handler in self._public:
            return replies
        return [reply if reply.private else replace(reply, private=True) for reply in replies]

    @staticmethod
    async def _run(handler: Handler, msg: InboundMessage, ctx: Context) -> list[Reply]:
        result = await handler(msg, ctx)
        return result if isinstance(result, list) else [result]

    async def _inside_flow(
        self, flow: Flow, msg: InboundMessage, ctx: Context
    ) -> tuple[Handler, list[Reply]]:
        """A dialog waits for an answer. The line is one unless it is
        * a command word of this flow ("pitch 7", "edit") → the flow reads it, as it always did;
        * a natural request for this flow ("quiero registrar mi delegación") → "already on it", step again;
        * another feature's command ("help", "join CODE") → it runs, then this step is asked again (with more
          words after it, "Export Org", it may be the answer: the flow asks, as for the asides below);
        * a question, a complaint or a natural request for another feature → the flow gets it marked as
          ``ctx.aside`` and asks to confirm before storing it (a choice step asks again); a question the FAQ
          is sure of gets the FAQ's answer first (``ctx.aside_answered``). The flow always has the last word,
          so a pitch title that happens to be a question ("Why cyber?") can still be kept."""
        typed = self.match_command(msg.text)
        if typed is not None and typed[0] in flow.starters:
            return flow.handler, await self._run(flow.handler, msg, ctx)  # its own words are answers here
        if typed is not None and _argument_only(typed[1]):
            replies = await self._run(typed[0], msg, ctx)
            return typed[0], replies + await self._step_again(flow, ctx, ctx.t("core.back_to_flow"))
        natural = self.understood(msg.text, ctx)
        if natural is not None and natural[0] in flow.starters:
            step_again = await self._step_again(flow, ctx, ctx.t("core.already_in_flow"))
            if step_again:
                return flow.handler, step_again
            # A yes/no question has no step to repeat: the flow reads the line ("keep our slot please").
            return flow.handler, await self._run(flow.handler, msg, ctx)
        if natural is not None and natural[0] in flow.related:
            replies = await self._run(natural[0], replace(msg, text=natural[1]), ctx)
            return natural[0], replies + await self._step_again(flow, ctx, ctx.t("core.back_to_flow"))
        looks_typed = typed is not None and not _sentence_after(typed)  # "export registrations", not a title
        aside = "command" if natural or looks_typed else classify_aside(msg.text)
        answer = None
        if aside == "question" and self._side_answer is not None:
            answer = await self._side_answer(msg, ctx)
        marked = replace(ctx, aside=aside, aside_answered=answer is not None)
        replies = await self._run(flow.handler, msg, marked)
        return flow.handler, [answer, *replies] if answer is not None else replies

    @staticmethod
    async def _step_again(flow: Flow, ctx: Context, lead: str) -> list[Reply]:
        """The flow's current question, introduced by ``lead``; nothing when the flow has no open step."""
        step = await flow.reprompt(ctx) if flow.reprompt is not None else None
        if step is None:
            return []
        return [replace(step, text=f"{lead}\n{step.text}" if step.text else lead, private=True)]
