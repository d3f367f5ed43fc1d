"""The Home card: what is on now and next in the reader's zone and language, help, and extension parts."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.context import Context
from bot.messages import Button, Card
from handlers.home import view as home
from service.bootstrap import Bot
from tests.conftest import MutableClock, message
from tests.unit.agenda_seed import book_pitch, member, register


async def test_home_shows_now_next_and_help(ctx: Context) -> None:
    card = await home.build(ctx)
    assert card.title == ctx.event.names["long"].get("en")
    assert card.sections[0].startswith("On now:\n• ")
    assert card.sections[1].startswith("Next:\n• ")
    assert "no confirmed registration yet" in card.sections[2]
    assert ctx.event.contact.email in card.sections[-1]
    assert card.buttons == (Button("Help", home.HELP_ACTION),)


async def test_times_are_in_the_readers_zone(ctx: Context) -> None:
    new_york = (await home.now_and_next(ctx)).sections[0]
    paris = (await home.now_and_next(replace(ctx, tz=ZoneInfo("Europe/Paris")))).sections[0]
    assert "EDT" in new_york
    assert "CEST" in paris


async def test_before_the_event_only_next_and_after_it_a_thank_you(ctx: Context, clock: MutableClock) -> None:
    clock.moment = datetime.fromisoformat("2024-05-01T09:00:00-04:00")
    before = await home.now_and_next(ctx)
    assert len(before.sections) == 1
    assert before.sections[0].startswith("Next:")
    clock.moment = datetime.fromisoformat("2024-06-01T09:00:00-04:00")
    after = await home.now_and_next(ctx)
    assert after.sections == ("The Global Roundtable is over. Thank you for taking part.",)


async def test_home_speaks_the_readers_language(ctx: Context) -> None:
    card = await home.build(replace(ctx, lang="fr"))
    assert card.sections[0].startswith("En ce moment :")
    assert card.buttons[0].label == "Aide"


async def test_providers_are_joined_in_order_and_none_is_skipped(ctx: Context) -> None:
    async def status(ctx: Context) -> Card:
        return Card("Registration", ("Registered: Ghana",), fields=(("Pitch", "13:15"),))

    async def nothing(ctx: Context) -> None:
        return None

    card = await home.build(ctx, providers=(status, nothing, home.help_part))
    assert card.sections[:2] == ("Registration", "Registered: Ghana")
    assert card.fields == (("Pitch", "13:15"),)
    assert [b.action_id for b in card.buttons] == [home.HELP_ACTION]


async def test_home_shows_the_users_registration_and_pitch_once_they_exist(bot: Bot) -> None:
    newcomer = await home.build(await bot.context_for(message("hi", user="zed")))
    assert any("no confirmed registration yet" in s for s in newcomer.sections)
    assert not any("pitch booking" in s for s in newcomer.sections)

    delegation = await member(bot, "alice", delegation="Ruritania")
    await register(bot, delegation, group="II")
    await book_pitch(bot, delegation, 4)
    card = await home.build(await bot.context_for(message("hi", user="alice")))
    text = "\n".join(card.sections) + "\n" + "\n".join(f"{k}: {v}" for k, v in card.fields)
    assert "Registration of Ruritania:" in text
    assert "H.E. Someone" in text
    assert "Your pitch booking for" in text
