"""handlers.shared.dialog: one typed dialog per flow, its language pinned when the flow starts and kept for
every later step (broadcast included), rows written by the previous version still loading, end clearing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

import pytest

from bot.context import Context
from bot.messages import Action
from handlers.matchmaking.interests import DIALOG as MATCHMAKING
from handlers.matchmaking.interests import MatchmakingState
from handlers.outreach.broadcast import DIALOG as BROADCAST
from handlers.outreach.broadcast import BroadcastState
from handlers.pitches.signup import DIALOG as PITCH
from handlers.pitches.signup import PitchState
from handlers.registration.state import DIALOG as REGISTRATION
from handlers.registration.state import RegistrationState
from handlers.shared.dialog import Dialog, DialogData, OpenDialog
from service.bootstrap import Bot
from tests.conftest import EVENT_DAY_MORNING, message

Say = Callable[..., object]


class Demo(DialogData):
    count: int = 0
    names: tuple[str, ...] = ()
    when: datetime | None = None


DEMO = Dialog("demo", Demo)
OTHER = Dialog("other", Demo)


async def raw_row(bot: Bot, user_key: str) -> tuple[str, str, dict[str, Any]] | None:
    async with bot.uow() as uow:
        row = await uow.dialogs.get(user_key)
        return (row.flow, row.step, dict(row.data)) if row else None


async def write_raw(bot: Bot, user_key: str, flow: str, step: str, data: dict[str, Any]) -> None:
    """A row exactly as an earlier version stored it (its data JSON as given, "lang" key included)."""
    async with bot.uow() as uow:
        await uow.dialogs.save(user_key, flow, step, {}, "en", EVENT_DAY_MORNING)
        row = await uow.dialogs.get(user_key)
        assert row is not None
        row.data = data
        await uow.commit()


async def test_a_typed_state_round_trips_through_its_row(bot: Bot, ctx: Context) -> None:
    state = Demo(count=2, names=("Ana", "Li"), when=EVENT_DAY_MORNING)
    await DEMO.start(ctx, "names", state)
    assert await DEMO.read(ctx) == OpenDialog("names", state, "en")
    stored = {"count": 2, "names": ["Ana", "Li"], "when": "2024-05-10T10:15:00-04:00", "lang": "en"}
    assert await raw_row(bot, ctx.user.key) == ("demo", "names", stored)


async def test_start_pins_the_language_update_keeps_it_and_the_core_reads_it(bot: Bot, ctx: Context) -> None:
    french, spanish = replace(ctx, lang="fr"), replace(ctx, lang="es")
    await DEMO.start(french, "one", Demo())
    await DEMO.update(spanish, "two", Demo(count=1))
    assert await DEMO.read(spanish) == OpenDialog("two", Demo(count=1), "fr")
    arriving = await bot.context_for(message("¿a qué hora empieza la recepción?"))
    assert (arriving.flow, arriving.lang) == ("demo", "fr")  # the answer looks Spanish; the flow is French
    await DEMO.start(spanish, "one", Demo())  # a new start pins again
    assert (await bot.context_for(message("hello"))).lang == "es"


async def test_update_of_a_flow_that_is_not_open_opens_it_in_this_language(ctx: Context) -> None:
    await OTHER.start(replace(ctx, lang="fr"), "x", Demo())
    await DEMO.update(replace(ctx, lang="es"), "two", Demo())
    assert await DEMO.read(ctx) == OpenDialog("two", Demo(), "es")  # another flow's language is not taken
    assert await OTHER.read(ctx) is None  # one dialog per user: it replaced the other flow's


async def test_end_clears_its_own_flow_only(bot: Bot, ctx: Context) -> None:
    await OTHER.start(ctx, "x", Demo())
    await DEMO.end(ctx)
    assert await DEMO.read(ctx) is None and await OTHER.read(ctx) is not None
    await OTHER.end(ctx)
    assert await raw_row(bot, ctx.user.key) is None
    assert (await bot.context_for(message("hello"))).flow is None


async def test_in_the_callers_unit_of_work_a_change_commits_with_it_or_not_at_all(
    bot: Bot, ctx: Context
) -> None:
    async with bot.uow() as uow:
        await DEMO.start(ctx, "one", Demo(), uow)
        opened = await DEMO.read(ctx, uow)
        assert opened is not None and opened.step == "one"
    assert await DEMO.read(ctx) is None  # never committed
    async with bot.uow() as uow:
        await DEMO.start(ctx, "one", Demo(), uow)
        await uow.commit()
    assert await DEMO.read(ctx) is not None


async def test_a_row_that_no_longer_loads_is_ended_rather_than_trapping_anyone(
    bot: Bot, ctx: Context
) -> None:
    await write_raw(bot, ctx.user.key, "registration", "confirm", {"mode": "bogus", "lang": "fr"})
    assert await REGISTRATION.read(ctx) is None
    assert await raw_row(bot, ctx.user.key) is None


def test_no_state_may_take_the_key_of_the_pinned_language() -> None:
    class Clash(DialogData):
        lang: str = ""

    with pytest.raises(TypeError, match="lang"):
        Dialog("clash", Clash)


LEGACY: list[tuple[Dialog[Any], str, dict[str, Any], DialogData, str | None]] = [
    (
        REGISTRATION,
        "hod_name",
        {"mode": "new", "draft": {"delegation": "France"}, "delegation_id": None, "lang": "fr"},
        RegistrationState(mode="new", draft={"delegation": "France"}),
        "fr",
    ),
    (
        REGISTRATION,
        "email",
        {"mode": "change", "draft": {"hod_name": "Ana"}, "delegation_id": 3, "editing": True, "lang": "es"},
        RegistrationState(mode="change", draft={"hod_name": "Ana"}, delegation_id=3, editing=True),
        "es",
    ),
    (
        PITCH,
        "organisation",
        {"then": "claim", "slot": 4, "lang": "es"},
        PitchState(then="claim", slot=4),
        "es",
    ),
    (PITCH, "slides", {"booking": 7, "lang": "en"}, PitchState(booking=7), "en"),
    (
        MATCHMAKING,
        "text",
        {"kind": "need", "capability": "people-skills", "lang": "fr"},
        MatchmakingState(kind="need", capability="people-skills"),
        "fr",
    ),
    (MATCHMAKING, "languages", {"lang": "en"}, MatchmakingState(), "en"),
    (  # broadcasts were not pinned before
        BROADCAST,
        "confirm",
        {"audience": "registered", "text": "Hi", "send_at": "2024-05-10T13:00:00-04:00"},
        BroadcastState(audience="registered", text="Hi", send_at=datetime.fromisoformat("2024-05-10T17:00Z")),
        None,
    ),
]


@pytest.mark.parametrize(("dialog", "step", "data", "state", "lang"), LEGACY)
async def test_rows_written_by_the_previous_version_still_load(
    bot: Bot,
    ctx: Context,
    dialog: Dialog[Any],
    step: str,
    data: dict[str, Any],
    state: DialogData,
    lang: str | None,
) -> None:
    await write_raw(bot, ctx.user.key, dialog.flow, step, data)
    assert await dialog.read(ctx) == OpenDialog(step, state, lang)


async def test_someone_mid_registration_during_the_upgrade_keeps_their_place_and_language(
    bot: Bot, ctx: Context
) -> None:
    old = {"mode": "new", "draft": {"delegation": "France"}, "delegation_id": None, "lang": "fr"}
    await write_raw(bot, ctx.user.key, "registration", "hod_name", old)  # ctx: alice, a known member
    [reply] = await bot.handle(message("Jean Dupont"))
    assert reply.lang == "fr" and "Jean Dupont" in reply.text
    row = await raw_row(bot, ctx.user.key)
    assert row is not None and row[1] == "hod_designation" and row[2]["lang"] == "fr"
    assert row[2]["draft"] == {"delegation": "France", "hod_name": "Jean Dupont"}


async def test_a_broadcast_keeps_the_language_it_was_started_in(bot: Bot) -> None:
    async def send(text: str = "", action: Action | None = None) -> str:
        replies = await bot.handle(message(text, "organiser", action=action))
        assert replies and {r.lang for r in replies} == {"es"}
        row = await raw_row(bot, "console:organiser")
        assert row is None or row[2]["lang"] == "es"
        return row[1] if row else ""

    assert await send("difundir everyone: La recepción empieza a las 18:30, ¿vienen todos?") == "confirm"
    assert await send(action=Action("broadcast.schedule")) == "time"
    assert await send("11:00") == "confirm"
    assert await send("broadcast everyone: Bonjour à tous, la réception commence à 18h30.") == "confirm"
    assert await send("envoyer") == ""  # queued, the dialog ended
