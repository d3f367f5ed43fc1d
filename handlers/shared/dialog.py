"""Multi-step flows. The open dialog lives in the database (table dialog_state, one row per user), so a
restart or another instance carries on the same conversation; ``Dialog`` is the one way a flow touches it.

``Dialog(FLOW, State)`` binds a flow name to that flow's typed state (a ``DialogData`` model):

* ``start`` opens the flow at a step and pins the language the conversation is in (``ctx.lang``) into the
  row — the one place it is written; Bot.context_for reads it back for every later message of the flow,
  so short answers ("Org A", a French job title) do not switch the reply language;
* ``update`` moves the flow on to another step with a new state, keeping the pinned language;
* ``read`` gives the step, the typed state and the pinned language, or None when this flow is not open;
* ``end`` closes the flow (and leaves another flow's dialog alone);
* ``hold`` keeps the flow at its step with a line that is plausibly not an answer (``ctx.aside``), until the
  person confirms it (``OpenDialog.held`` gives it back; ``update``/``start`` drop it): shared/answers.py.

Each takes an optional unit of work: given one, the change commits with the caller's other writes;
without one, the method opens its own and commits.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from bot.context import Context
from bot.text import normalise_command
from storage.repositories import DIALOG_LANG_KEY, pinned_lang
from storage.uow import UnitOfWork

log = logging.getLogger(__name__)

HELD_KEY = "held"  # dialog data key: a line held until the person confirms it is their answer

# Words that leave any flow at any step, in every language the bot speaks.
CANCEL_WORDS = frozenset(
    {
        "cancel",
        "stop",
        "quit",
        "exit",
        "annuler",
        "arreter",
        "cancelar",
        "parar",
        "salir",
        "الغاء",
        "إلغاء",
        "توقف",
        "отмена",
        "стоп",
        "取消",
        "停止",
    }
)


def is_cancel(text: str) -> bool:
    return normalise_command(text) in CANCEL_WORDS


class DialogData(BaseModel):
    """A flow's state between two messages, stored as the row's JSON. Keys it does not name (the pinned
    language, fields an older version wrote) are ignored on reading, so rows written before an upgrade
    still load; a flow adding a field gives it a default for the same reason. No field may be named
    ``lang`` or ``held``: the row keeps the pinned language and a held line under those keys."""

    model_config = ConfigDict(frozen=True, extra="ignore")


StateT = TypeVar("StateT", bound=DialogData)


@dataclass(frozen=True, slots=True)
class OpenDialog(Generic[StateT]):
    step: str
    state: StateT
    lang: str | None  # pinned when the flow started
    held: str | None = None  # a line awaiting "yes, use it" (Dialog.hold)


@asynccontextmanager
async def _unit(ctx: Context, uow: UnitOfWork | None) -> AsyncIterator[UnitOfWork]:
    """The caller's unit of work (it commits), else a new one committed when the block ends."""
    if uow is not None:
        yield uow
        return
    async with ctx.uow() as own:
        yield own
        await own.commit()


@dataclass(frozen=True, slots=True)
class Dialog(Generic[StateT]):
    flow: str
    state_type: type[StateT]

    def __post_init__(self) -> None:
        for reserved in (DIALOG_LANG_KEY, HELD_KEY):
            if reserved in self.state_type.model_fields:
                raise TypeError(f"{self.state_type.__name__}: {reserved!r} is kept by Dialog itself")

    async def read(self, ctx: Context, uow: UnitOfWork | None = None) -> OpenDialog[StateT] | None:
        """This user's open dialog of this flow; None when none is (a row that no longer loads is ended)."""
        async with _unit(ctx, uow) as work:
            row = await work.dialogs.get(ctx.user.key)
            if row is None or row.flow != self.flow:
                return None
            try:
                state = self.state_type.model_validate(row.data)
            except ValidationError:
                log.warning("unreadable dialog state ended", extra={"flow": self.flow, "step": row.step})
                await work.dialogs.end(ctx.user.key)
                return None
            held = row.data.get(HELD_KEY)
            return OpenDialog(row.step, state, pinned_lang(row.data), held if isinstance(held, str) else None)

    async def start(self, ctx: Context, step: str, state: StateT, uow: UnitOfWork | None = None) -> None:
        """Opens this flow at ``step`` (replacing any open dialog), pinned to the language of this message."""
        async with _unit(ctx, uow) as work:
            await self._save(work, ctx, step, state, ctx.lang)

    async def update(self, ctx: Context, step: str, state: StateT, uow: UnitOfWork | None = None) -> None:
        """Moves this flow on to ``step``; the language pinned at start stays (if the flow was ended
        meanwhile, this opens it again as ``start`` would)."""
        async with _unit(ctx, uow) as work:
            row = await work.dialogs.get(ctx.user.key)
            kept = pinned_lang(row.data) if row is not None and row.flow == self.flow else None
            await self._save(work, ctx, step, state, kept or ctx.lang)

    async def hold(
        self, ctx: Context, step: str, state: StateT, text: str, uow: UnitOfWork | None = None
    ) -> None:
        """Stays at ``step`` with ``text`` held for confirmation; the next message decides."""
        async with _unit(ctx, uow) as work:
            row = await work.dialogs.get(ctx.user.key)
            kept = pinned_lang(row.data) if row is not None and row.flow == self.flow else None
            await self._save(work, ctx, step, state, kept or ctx.lang, held=text)

    async def end(self, ctx: Context, uow: UnitOfWork | None = None) -> None:
        async with _unit(ctx, uow) as work:
            row = await work.dialogs.get(ctx.user.key)
            if row is not None and row.flow == self.flow:
                await work.dialogs.end(ctx.user.key)

    async def _save(
        self, uow: UnitOfWork, ctx: Context, step: str, state: StateT, lang: str, held: str | None = None
    ) -> None:
        data = state.model_dump(mode="json")
        if held is not None:
            data[HELD_KEY] = held
        await uow.dialogs.save(ctx.user.key, self.flow, step, data, lang, ctx.now())
