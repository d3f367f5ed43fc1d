"""The one entry for every inbound message, whatever the platform: Bot.handle builds the context, guards the
length, dispatches and counts. Adapters hold a Bot; service/bootstrap.py builds one with its routes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.clock import system_clock
from bot.config import Settings
from bot.context import Clock, Context, Role
from bot.event import Event, zone_named
from bot.i18n.detect import detect_language
from bot.messages import MAX_MESSAGE_CHARS, InboundMessage, Reply
from bot.metrics import Metrics
from bot.notify import PlatformNotifier
from bot.router import Router
from storage.at_once import AtOnce
from storage.db import is_sqlite
from storage.driver import DriverUnitOfWork
from storage.group_commit import GroupCommit, Transaction
from storage.repositories import MemberSeen, SenderAtClaim
from storage.uow import UnitOfWork

# How far the question's language must lead (in marker words) to override a known platform locale.
STRONG_EVIDENCE = 1.5


def _base_language(locale: str | None) -> str | None:
    return locale.replace("_", "-").split("-", 1)[0].lower() if locale else None


@dataclass
class Bot:
    settings: Settings
    event: Event
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    router: Router
    notifier: PlatformNotifier
    clock: Clock = system_clock
    metrics: Metrics = field(default_factory=Metrics)
    _role_ids: frozenset[str] = field(default_factory=frozenset)
    # The hot path's reads of concurrent messages (member rows, earlier claims): one query per kind.
    reads: GroupCommit = field(init=False, repr=False)
    _batched: list[GroupCommit] = field(default_factory=list, init=False, repr=False)

    _at_once: AtOnce | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self.reads = self.group_commit(self.driver_uow, commit=False)
        if is_sqlite(self.settings.database_url):
            self._at_once = AtOnce(self.engine, int(self.settings.db_lock_timeout_seconds * 1000))

    def group_commit(self, uow: Callable[[], Transaction], *, commit: bool = True) -> GroupCommit:
        """A GroupCommit on this bot's database, whose last transaction ``close`` waits for."""
        batched = GroupCommit(uow, commit=commit)
        self._batched.append(batched)
        return batched

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self.sessions, self.event.id)

    def driver_uow(self, *, one_statement: bool = False) -> DriverUnitOfWork:
        """The hot path's transaction (claims, answered marks, member reads): on the driver's connection.
        ``one_statement``: it is a single statement (storage/driver.py DriverSession)."""
        return DriverUnitOfWork(self.engine, self._at_once, one_statement=one_statement)

    def role_of(self, user_key: str) -> Role:
        return Role.ORGANISER if user_key in self._role_ids else Role.DELEGATE

    def choose_language(
        self, text: str, stored: str | None, platform_locale: str | None, dialog: str | None = None
    ) -> tuple[str, bool]:
        """Forced (--lang) > stored per user (`language fr`) > the language an open dialog started in
        (short answers such as "Org A" or a French job title must not switch it) > language of the
        question > platform locale."""
        supported = tuple(self.event.languages)
        if self.settings.lang:
            return self.settings.lang, True
        if stored in supported:
            return stored, True
        if dialog in supported:
            return dialog, False
        platform = _base_language(platform_locale)
        known_locale = platform in supported
        # With the person's own locale to fall back on, one stray word ("uploaded a file": French "a")
        # is not evidence enough to answer in another language.
        lead = STRONG_EVIDENCE if known_locale else 0.0
        detected = detect_language(text, supported, min_lead=lead) if text else None
        if detected:
            return detected, False
        return (platform if platform is not None and known_locale else "en"), False

    async def context_for(self, msg: InboundMessage, sender: SenderAtClaim | None = None) -> Context:
        """Records the member on first contact and builds the per-message context. ``sender``: their
        member row as the message's claim read it (still current), instead of reading it again."""
        now, user = self.clock(), msg.user
        seen = sender.member if sender is not None else await self._member_seen(user.platform, user.user_id)
        stored_lang = seen.language if seen is not None else None
        flow = seen.flow if seen is not None else None
        dialog_lang = seen.dialog_lang if seen is not None else None
        lang, forced = self.choose_language(msg.text, stored_lang, user.locale, dialog_lang if flow else None)
        # A write (and its disk sync) only on first contact, once per interval, or when the language they
        # write in changes (reminders go out in it): most messages cost only their share of one read.
        if seen is None or seen.needs_touch(user.display_name, now):
            async with self.uow() as uow:
                member = await uow.members.upsert_seen(user.platform, user.user_id, user.display_name, now)
                member.last_language = lang
                await uow.commit()
        elif seen.last_language != lang:
            async with self.uow() as uow:
                await uow.members.set_last_language(user.platform, user.user_id, lang)
                await uow.commit()
        stored_tz = seen.tz if seen is not None else None
        return Context(
            event=self.event,
            clock=self.clock,
            uow=self.uow,
            notifier=self.notifier,
            user=msg.user,
            lang=lang,
            tz=zone_named(stored_tz) or zone_named(msg.user.tz),
            role=self.role_of(msg.user.key),
            lang_forced=forced,
            flow=flow,
            base_url=self.base_url,
        )

    async def _member_seen(self, platform: str, user_id: str) -> MemberSeen | None:
        seen: MemberSeen | None = await self.reads.add(_members_seen, (platform, user_id))
        return seen

    async def handle(self, msg: InboundMessage, sender: SenderAtClaim | None = None) -> list[Reply]:
        """Every platform's one call per message: context, length guard, dispatch, counters."""
        self.metrics.requests.labels(msg.user.platform).inc()
        ctx = await self.context_for(msg, sender)
        if len(msg.text) > MAX_MESSAGE_CHARS:  # a paste, not a message: answered without the router
            too_long = ctx.t("core.too_long", length=len(msg.text), limit=MAX_MESSAGE_CHARS)
            replies = [Reply(too_long, lang=ctx.lang)]
        else:
            replies = await self.router.dispatch(msg, ctx)
        self.metrics.replies.labels(msg.user.platform).inc(len(replies))
        return replies

    @property
    def base_url(self) -> str:
        settings = self.settings
        return (settings.public_url or f"http://{settings.host}:{settings.port}").rstrip("/")

    def use_event(self, event: Event) -> None:
        """The one place the current event is held: a reload replaces it here, and everything that
        reads ``bot.event`` (contexts, the scheduler, the sender) sees the new one from then on."""
        self.event = event
        self._role_ids = self.settings.organisers | frozenset(event.organisers)

    async def close(self) -> None:
        for batched in self._batched:  # a flush gives its results before its connection is back in the pool
            await batched.idle()
        if self._at_once is not None:
            await self._at_once.close()
        await self.engine.dispose()


async def _members_seen(uow: DriverUnitOfWork, keys: list[tuple[str, str]]) -> list[MemberSeen | None]:
    found = await uow.members.seen(keys)
    return [found.get(key) for key in keys]
