"""Every claimed message gets its answer, once: the claim, its lease, and what becomes of the answer.

An inbound event is claimed (processed_event, with the message itself) before the platform gets its 2xx;
a claim that cannot be written raises DatabaseUnavailable and the platform is answered 503, so it retries.
From then on the answer is this process's to give while it renews the claim's lease (``sweep``, every
third of the lease). The answer is posted at once; what the platform does not take is kept in the outbox
with the claim marked answered, in one transaction, and the outbox sender retries it like any notice
until it is delivered or the person is known unreachable. A claim whose process died, or gave it up (the
database failed while answering, the process is stopping), is taken over by whichever instance sweeps
next: it answers the stored message again, through the outbox.

Exactly once: a retry of a claimed event is ignored; only a kill -9 between a post and the write that
marks it answered can repeat that one answer (the same bound as the outbox's in-flight sends).

In turn: a person's messages are answered in the order they were claimed, whichever instance claimed them
(``wait_turn``): a message waits while an earlier claim of the same person is unanswered, looked up in this
process and, on PostgreSQL where other instances claim too, in the claim rows.

One transaction per batch: the claim also reads each sender's member row (and, on PostgreSQL, whether an
earlier claim of theirs is unanswered), and that read answers the message unless an earlier message of the
same person was still unanswered at the claim; then the row is read again once it has been answered.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import uuid
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import datetime
from functools import partial
from typing import Any

from aiohttp import web

from adapters.answer_batches import (
    Claimed,
    ToClaim,
    claim_rows,
    claim_rows_shared,
    earlier_unanswered,
    mark_answered,
)
from bot.core import Bot
from bot.messages import Action, ConversationRef, InboundMessage, Notice, Reply, UserRef
from handlers.shared.notices import keep
from storage.claims import Claim
from storage.db import is_sqlite
from storage.errors import UNAVAILABLE, DatabaseUnavailable
from storage.group_commit import Batch, GroupCommit, alone
from storage.models import CLAIMED
from storage.repositories import SeenIn, SenderAtClaim
from storage.uow import UnitOfWork, finish_even_if_cancelled

log = logging.getLogger(__name__)
TAKE_OVER_BATCH = 20
ANSWERED_BY = "system:answers"
TURN_FIRST_LOOK, TURN_LONGEST_LOOK = 0.02, 0.5  # seconds between looks at other instances' claims
TURN_PATIENCE = 2  # leases: an earlier claim is answered by then, even taken over from a dead instance


def message_to_data(msg: InboundMessage) -> dict[str, Any]:
    """The message as JSON-ready data, kept with its claim (built field by field: ``asdict``'s deep copy
    cost a tenth of a millisecond per message)."""
    action = msg.action
    return {
        "text": msg.text,
        "user": _fields(msg.user),
        "conversation": _fields(msg.conversation),
        "event_id": msg.event_id,
        "received_at": msg.received_at.isoformat(),
        "action": None if action is None else {**_fields(action), "inputs": dict(action.inputs)},
    }


def _fields(value: Any) -> dict[str, Any]:
    return {name: getattr(value, name) for name in value.__slots__}


def message_from_data(data: dict[str, Any]) -> InboundMessage:
    action = data.get("action")
    return InboundMessage(
        text=data["text"],
        user=UserRef(**data["user"]),
        conversation=ConversationRef(**data["conversation"]),
        event_id=data["event_id"],
        received_at=datetime.fromisoformat(data["received_at"]),
        action=Action(**action) if action else None,
    )


def kept_reply(replies: list[Reply]) -> Reply:
    """Several replies kept for later become one message, so they cannot arrive out of order."""
    if len(replies) == 1:
        return replies[0]
    cards = [reply.card for reply in replies if reply.card is not None]
    text = "\n\n".join(reply.text for reply in replies if reply.text)
    return replace(
        replies[-1],
        text=text,
        card=cards[-1] if cards else None,
        private=any(reply.private for reply in replies),
        attachments=(),
    )


class Answers:
    def __init__(self, bot: Bot, worker: str) -> None:
        self.bot, self.worker = bot, worker
        self.lease = bot.settings.answer_lease
        self._live: dict[tuple[str, str], InboundMessage] = {}  # claims this process is answering
        self._turns: dict[str, list[tuple[str, str]]] = {}  # each person's claims here, in claim order
        self._settled: dict[tuple[str, str], asyncio.Future[None]] = {}  # done when a claim here settles
        self._shared = not is_sqlite(bot.settings.database_url)  # other instances claim too
        self._unsettled: list[tuple[InboundMessage, GroupCommit, Batch, Any]] = []  # refused writes
        # Claims of concurrent messages: one transaction per batch, on the driver's connection; on
        # PostgreSQL one statement (claim_rows_shared), and so are the marks.
        self._writes = bot.group_commit(partial(bot.driver_uow, one_statement=self._shared))
        # On SQLite the marks share the claims' transactions (one write lock: two writers would only queue
        # in its busy handler). On PostgreSQL they commit on their own connection, so a claim, which the
        # platform's acknowledgement waits for, never waits behind a transaction of marks: +2 to +19%
        # answered/s in three alternating pairs of the Slack bench.
        self._marks = self._writes
        if self._shared:
            self._marks = bot.group_commit(partial(bot.driver_uow, one_statement=True))
        self._kept = bot.group_commit(bot.uow)  # answers kept in the outbox (through the ORM, and rare)
        self._claim_batch: Batch = claim_rows_shared if self._shared else claim_rows
        self._at_claim: dict[tuple[str, str], Claimed] = {}  # what each claim's transaction read

    @staticmethod
    def key(msg: InboundMessage) -> tuple[str, str]:
        return msg.user.platform, msg.event_id

    @property
    def live(self) -> int:
        return len(self._live)

    async def claim(self, msg: InboundMessage, seen_in: SeenIn | None = None) -> bool:
        """True: this process answers ``msg``; False: a retry or duplicate. ``seen_in``, where the person
        wrote from, is remembered in the claim's transaction. Raises DatabaseUnavailable."""
        now = self.bot.clock()
        row = {
            "platform": msg.user.platform,
            "event_id": msg.event_id,
            "received_at": now,
            "status": CLAIMED,
            "claimed_by": self.worker,
            "claimed_until": now + self.lease,
            "message": message_to_data(msg),
        }
        to_claim = ToClaim(row, seen_in, (msg.user.platform, msg.user.user_id))
        try:
            claimed: Claimed | None = await self._writes.add(self._claim_batch, to_claim)
        except UNAVAILABLE as error:
            raise DatabaseUnavailable(str(error)) from error
        if claimed is None:
            return False
        key = self.key(msg)
        self._live[key] = msg
        self._turns.setdefault(msg.user.key, []).append(key)
        self._settled[key] = asyncio.get_running_loop().create_future()
        self._at_claim[key] = claimed
        return True

    async def wait_turn(self, msg: InboundMessage) -> SenderAtClaim | None:
        """Returns once every message of the same person claimed before ``msg`` is answered (posted or
        kept in the outbox), so that answers follow the person's messages in order. An earlier claim that
        stays unanswered past TURN_PATIENCE leases (it cannot: a dead instance's claim is taken over after
        one) is not waited for any longer.

        Returns the sender's member row as the claim read it, unless an earlier message of theirs was
        still unanswered then (its answer may change the row: a dialog started, a language chosen)."""
        loop = asyncio.get_running_loop()
        patience_ends = loop.time() + TURN_PATIENCE * self.lease.total_seconds()
        at_claim = self._at_claim.pop(self.key(msg), None)
        # Earlier claims here: each message waits on those futures alone, without polling (a person's
        # whole queue woken at every answer was a quadratic cost at the busiest minute).
        earlier = self._earlier_here(msg)
        if earlier:
            at_claim = None
            if (await asyncio.wait(earlier, timeout=patience_ends - loop.time()))[1]:
                log.warning("%s answered while an earlier message of its sender is not", msg.event_id)
                return None
        if self._shared and (at_claim is None or at_claim.behind):
            # Other instances' claims: the claim's transaction saw an earlier one unanswered (or did not
            # look), so the claim rows are looked at again until it is answered.
            await self._wait_elsewhere(msg, patience_ends)
            return None
        return at_claim.sender if at_claim is not None else None

    async def _wait_elsewhere(self, msg: InboundMessage, patience_ends: float) -> None:
        loop = asyncio.get_running_loop()
        pause = TURN_FIRST_LOOK
        while self.key(msg) in self._live and await self._earlier_elsewhere(msg):
            if loop.time() >= patience_ends:
                log.warning("%s answered while an earlier message of its sender is not", msg.event_id)
                return
            await asyncio.sleep(pause)  # other instances' claims cannot wake us: looked at again
            pause = min(2 * pause, TURN_LONGEST_LOOK)

    def _earlier_here(self, msg: InboundMessage) -> list[asyncio.Future[None]]:
        turns = self._turns.get(msg.user.key, [])
        key = self.key(msg)
        if key not in turns:
            return []  # not claimed here (taken over, or settled meanwhile)
        return [self._settled[earlier] for earlier in turns[: turns.index(key)]]

    async def _earlier_elsewhere(self, msg: InboundMessage) -> bool:
        # One query for the concurrent messages' checks.
        behind: bool = await self.bot.reads.add(earlier_unanswered, self.key(msg))
        return behind

    def _forget(self, msg: InboundMessage) -> None:
        """``msg`` is no longer this process's to answer; messages waiting for their turn go on."""
        key, person = self.key(msg), msg.user.key
        self._live.pop(key, None)
        self._at_claim.pop(key, None)
        turns = self._turns.get(person, [])
        if key in turns:
            turns.remove(key)
            if not turns:
                del self._turns[person]
        if (settled := self._settled.pop(key, None)) is not None:
            settled.set_result(None)

    async def answered(self, msg: InboundMessage) -> None:
        """Every reply was posted."""
        await self._settle(msg, self._marks, mark_answered, self.key(msg))

    async def keep(self, msg: InboundMessage, replies: list[Reply], *, in_thread: bool) -> None:
        """Replies the platform did not take go to the outbox, and the claim is answered, together.
        ``in_thread``: they go back where the message was asked (else to the person's own chat)."""
        reply = kept_reply(replies)
        conversation = msg.conversation if in_thread and not reply.private else None
        notice = Notice(msg.user, reply, conversation, reason=f"answer:{msg.event_id}")

        async def kept(uow: UnitOfWork) -> None:
            await keep(uow, notice, self.bot.clock(), ANSWERED_BY)
            await uow.processed.answered(msg.user.platform, msg.event_id)

        log.warning("answer to %s not posted now; kept in the outbox", msg.event_id)
        await self._settle(msg, self._kept, alone, kept)

    async def release(self, msg: InboundMessage) -> bool:
        """Forget the claim (the platform has had no 2xx yet, its retry will be processed). False when the
        database refused: the claim is then given up, and answered once its lease runs out."""
        self._forget(msg)
        try:
            async with self.bot.uow() as uow:
                await uow.processed.release(msg.user.platform, msg.event_id)
                await uow.commit()
        except UNAVAILABLE:
            log.warning("claim on %s could not be released; answered after its lease", msg.event_id)
            return False
        return True

    async def give_up(self, msg: InboundMessage) -> None:
        """Stop answering ``msg`` here: its lease ends now (or, with the database down, when it runs out)
        and the next sweep, here or on another instance, answers it from the stored message."""
        self._forget(msg)
        await self._hand_over([msg])

    async def _settle(self, msg: InboundMessage, commits: GroupCommit, batch: Batch, item: Any) -> None:
        """Writes ``item`` (with ``batch``) and forgets the claim; when the database refuses, keeps renewing
        it and retries the write at each sweep (nothing is posted again meanwhile)."""
        try:
            await commits.add(batch, item)
        except UNAVAILABLE:
            log.warning("answer to %s not recorded yet; retried at the next sweep", msg.event_id)
            self._unsettled.append((msg, commits, batch, item))
            return
        self._forget(msg)

    async def _hand_over(self, messages: list[InboundMessage]) -> None:
        now = self.bot.clock()
        try:
            async with self.bot.uow() as uow:
                for msg in messages:
                    await uow.processed.hand_over(msg.user.platform, msg.event_id, now)
                await uow.commit()
        except UNAVAILABLE:
            log.warning("%d claim(s) not handed over; taken over when their lease runs out", len(messages))

    # --- the sweep: heartbeat, unsettled writes, claims whose process died

    async def sweep(self) -> int:
        """Renew this process's claims, retry what the database refused, answer expired claims; returns
        how many expired claims were answered here."""
        await self._retry_unsettled()
        now = self.bot.clock()
        async with self.bot.uow() as uow:
            await uow.processed.renew(self.worker, list(self._live), now + self.lease)
            taken = await uow.processed.take_over(self.worker, now, now + self.lease, TAKE_OVER_BATCH)
            await uow.commit()
        for claim in taken:
            await self._answer_taken_over(claim)
        return len(taken)

    async def _retry_unsettled(self) -> None:
        pending, self._unsettled = self._unsettled, []
        for index, (msg, commits, batch, item) in enumerate(pending):
            try:
                await commits.add(batch, item)
            except UNAVAILABLE:
                self._unsettled.extend(pending[index:])
                return
            self._forget(msg)

    async def _answer_taken_over(self, claim: Claim) -> None:
        try:
            msg = message_from_data(claim.message)
        except (KeyError, TypeError, ValueError):
            log.error("claim %s:%s holds no readable message; dropped", claim.platform, claim.event_id)
            async with self.bot.uow() as uow:
                await uow.processed.answered(claim.platform, claim.event_id)
                await uow.commit()
            return
        self._live[self.key(msg)] = msg
        log.info("answering %s:%s, taken over from an expired claim", claim.platform, claim.event_id)
        try:
            replies = await self.bot.handle(msg)
        except UNAVAILABLE:
            await self.give_up(msg)
            return
        await self.keep(msg, replies, in_thread=True)

    async def stop(self) -> None:
        """Graceful stop: claims not answered yet are handed over at once, not after their lease."""
        if self._live:
            live = list(self._live.values())
            for msg in live:
                self._forget(msg)
            log.info("stopping: %d unanswered claim(s) handed over", len(live))
            await finish_even_if_cancelled(self._hand_over(live))

    async def run(self, every: float) -> None:
        while True:
            await asyncio.sleep(every)
            await self._sweep_logged()

    async def _sweep_logged(self) -> None:
        try:
            await self.sweep()
        except UNAVAILABLE as error:
            log.warning("answer sweep skipped: database unavailable (%s)", type(error).__name__)
        except Exception:
            log.exception("answer sweep failed")

    async def lifespan(self, _app: web.Application) -> AsyncIterator[None]:
        """aiohttp cleanup context: sweep while serving (first before the first request, which then
        never shares its start with a sweep); hand over what is left when stopping."""
        await self._sweep_logged()
        task = asyncio.create_task(self.run(self.lease.total_seconds() / 3), name="answers-sweep")
        try:
            yield
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
            await self.stop()


ANSWERS_KEY = web.AppKey("answers", Answers)


def new_worker() -> str:
    """This process's name on its claims: host, pid and a nonce (a restarted pid is someone new)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def answers_for(app: web.Application, bot: Bot) -> Answers:
    """The one Answers of this server, shared by its adapters; its sweep starts and stops with the app
    (registered before the adapters' own clean-up, so it hands over what they leave unanswered)."""
    if ANSWERS_KEY not in app:
        app[ANSWERS_KEY] = Answers(bot, new_worker())
        app.cleanup_ctx.append(app[ANSWERS_KEY].lifespan)
    return app[ANSWERS_KEY]
