"""One named multi-step flow's row in ``dialog_state``: read, (re)start, end, and the reply language
pinned when the flow started (Bot.context_for reads it back for every message of the flow)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.context import Context
from storage.repositories import DIALOG_LANG_KEY

LANG_KEY = DIALOG_LANG_KEY


@dataclass(frozen=True, slots=True)
class FlowState:
    name: str

    async def get(self, ctx: Context) -> tuple[str, dict[str, Any]]:
        """(step, data) of this user's open dialog of this flow; ("", {}) when none is open."""
        async with ctx.uow() as uow:
            state = await uow.dialogs.get(ctx.user.key)
            return (state.step, dict(state.data)) if state and state.flow == self.name else ("", {})

    async def start(self, ctx: Context, step: str, data: dict[str, Any]) -> None:
        """Opens (or moves on to) ``step``; remembers the language the conversation is in."""
        async with ctx.uow() as uow:
            pinned = {**data, LANG_KEY: data.get(LANG_KEY, ctx.lang)}
            await uow.dialogs.start(ctx.user.key, self.name, step, pinned, ctx.now())
            await uow.commit()

    async def end(self, ctx: Context) -> None:
        async with ctx.uow() as uow:
            state = await uow.dialogs.get(ctx.user.key)
            if state is not None and state.flow == self.name:
                await uow.dialogs.end(ctx.user.key)
                await uow.commit()
