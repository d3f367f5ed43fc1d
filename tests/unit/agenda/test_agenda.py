"""`agenda`, `agenda ics`, `follow`/`unfollow`, the Home part and `roundtable-bot export ics`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from bot.messages import Action, Reply
from handlers.agenda import personal as agenda
from handlers.home import view as home
from service.bootstrap import Bot
from service.cli import app
from tests.conftest import message
from tests.faq_eval import plain_spaces
from tests.unit.agenda_seed import book_pitch, member, register

Say = Callable[..., Awaitable[str]]


@pytest.fixture
def say(say: Say) -> Say:
    """The conftest ``say`` with Babel's narrow no-break spaces made plain, so texts read as typed."""

    async def _say(text: str = "", user: str = "alice") -> str:
        return plain_spaces(await say(text, user=user))

    return _say


async def replies(bot: Bot, text: str = "", user: str = "alice", action: Action | None = None) -> list[Reply]:
    return await bot.handle(message(text, user, action=action))


async def seed_ruritania(bot: Bot) -> None:
    """alice: Ruritania, registered for breakout group II and the reception, presenting in slot 4."""
    ruritania = await member(bot, "alice", delegation="Ruritania")
    await register(bot, ruritania, group="II", reception=True)
    await book_pitch(bot, ruritania, 4)


async def test_agenda_lists_what_the_user_attends_and_why(bot: Bot, say: Say) -> None:
    await seed_ruritania(bot)
    freedonia = await member(bot, "bob", delegation="Freedonia")
    await register(bot, freedonia, group="I", reception=False)
    await say("follow signature panel")

    mine = await say("agenda")
    assert mine.startswith("Your agenda")
    for expected in (
        "Welcome Reception — 6:30 pm EDT, Thursday, 9 May 2024 — Permanent Mission of Singapore",
        "(your delegation replied that it attends)",
        "Signature Panel",
        "(you follow it)",
        "Matchmaking Session",
        "(you present in slot 4)",
        "↳ Your pitch, slot 4 — 1:55 – 1:58 pm EDT",
        "Breakout Group II",
        "(your breakout group II)",
    ):
        assert expected in mine
    assert "Breakout Group I:" not in mine and "Opening Plenary" not in mine
    # In programme order: reception, panel, matchmaking, breakout.
    assert (
        mine.index("Reception") < mine.index("Signature") < mine.index("Matchmaking") < mine.index("Group II")
    )

    theirs = await say("agenda", user="bob")
    assert "Breakout Group I" in theirs and "Reception" not in theirs and "Matchmaking" not in theirs


async def test_an_empty_agenda_says_how_to_fill_it(say: Say) -> None:
    answer = await say("agenda", user="carol")
    assert "Nothing on your agenda yet" in answer and "`follow opening`" in answer


async def test_times_are_in_the_users_zone_with_the_event_time_beside(bot: Bot, say: Say) -> None:
    await member(bot, "alice", tz="Europe/Paris")
    await say("follow signature panel")
    answer = await say("agenda")
    assert "5:00 – 7:00 pm CEST, Friday, 10 May 2024 (event time: 11:00 am – 1:00 pm EDT)" in answer


async def test_agenda_ics_round_trips_with_zone_times_and_the_pitch_slot(bot: Bot) -> None:
    await seed_ruritania(bot)
    [reply] = await replies(bot, "agenda ics")
    [attachment] = reply.attachments
    assert attachment.media_type == "text/calendar" and attachment.filename.endswith(".ics")
    calendar = Calendar.from_ical(attachment.content)
    entries = {str(e["uid"]).split("@")[0]: e for e in calendar.walk("VEVENT")}
    assert set(entries) == {"welcome-reception", "matchmaking", "breakout-2", "pitch-slot-4"}
    pitch = entries["pitch-slot-4"]
    assert pitch.decoded("dtstart").isoformat() == "2024-05-10T13:55:00-04:00"
    assert pitch.decoded("dtend").isoformat() == "2024-05-10T13:58:00-04:00"
    assert str(pitch["dtstart"].params["TZID"]) == "America/New_York"
    assert "slot 4" in str(pitch["summary"])
    breakout = entries["breakout-2"]
    assert breakout.decoded("dtstart").isoformat() == "2024-05-10T15:00:00-04:00"
    assert [str(z["tzid"]) for z in calendar.walk("VTIMEZONE")] == ["America/New_York"]


async def test_agenda_ics_with_nothing_on_it_sends_no_file(bot: Bot) -> None:
    [reply] = await replies(bot, "agenda ics", user="carol")
    assert reply.attachments == () and "no calendar file yet" in reply.text


async def test_follow_tolerates_typos_kinds_and_numbers_and_unfollow_removes(say: Say) -> None:
    assert "Added to your agenda: Signature Panel" in await say("follow the singature panel")
    assert "Already on your agenda: Signature Panel" in await say("follow signature panel")
    both = await say("follow plenary")
    assert "Opening Plenary" in both and "Closing Plenary" in both
    assert "Ministerial Breakfast" in await say("follow 2")
    assert "Removed from your agenda: Signature Panel" in await say("unfollow signature panel")
    assert "You do not follow Signature Panel" in await say("unfollow signature panel")
    mine = await say("agenda")
    assert "Signature Panel" not in mine and "Opening Plenary" in mine


async def test_follow_without_a_known_name_lists_the_sessions_with_buttons(bot: Bot) -> None:
    [reply] = await replies(bot, "follow the coffee machine")
    assert reply.card is not None
    assert "could not find a session called “the coffee machine”" in reply.card.title
    assert [b.value for b in reply.card.buttons][:2] == ["welcome-reception", "ministerial-breakfast"]
    [clicked] = await replies(bot, action=Action(agenda.FOLLOW_ACTION, "closing-plenary"))
    assert "Added to your agenda: Closing Plenary" in clicked.text


async def test_unfollow_with_no_follows_says_so(say: Say) -> None:
    assert "You follow no sessions" in await say("unfollow panel")


async def test_follow_in_french(say: Say) -> None:
    answer = await say("suivre la plénière d'ouverture")
    assert "Ajouté à votre agenda : Séance plénière d'ouverture" in answer


async def test_a_question_starting_with_agenda_goes_to_the_faq(say: Say) -> None:
    answer = await say("agenda del viernes?")
    assert "Su agenda" not in answer and "Your agenda" not in answer
    assert "Panel" in answer


async def test_home_has_the_agenda_and_its_calendar_button_only_when_there_is_one(bot: Bot) -> None:
    await seed_ruritania(bot)
    alice = await bot.context_for(message("hello", "alice"))
    card = await home.build(alice)
    assert "Your agenda" in card.sections and any("Breakout Group II" in s for s in card.sections)
    actions = [b.action_id for b in card.buttons]
    assert actions[-3:] == [agenda.ICS_ACTION, agenda.FRAB_ACTION, home.HELP_ACTION]
    carol = await bot.context_for(message("hello", "carol"))
    assert agenda.ICS_ACTION not in [b.action_id for b in (await home.build(carol)).buttons]
    [clicked] = await replies(bot, action=Action(agenda.ICS_ACTION))
    assert clicked.attachments[0].media_type == "text/calendar"


def test_cli_export_ics_writes_the_full_programme(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "programme.ics"
    result = runner.invoke(app, ["export", "ics", "--out", str(out), "--lang", "fr"])
    assert result.exit_code == 0, result.output
    assert "8 sessions written to" in result.output
    calendar = Calendar.from_ical(out.read_bytes())
    entries = {str(e["uid"]).split("@")[0]: e for e in calendar.walk("VEVENT")}
    assert len(entries) == 8
    assert str(entries["welcome-reception"]["summary"]) == "Réception de bienvenue"
    assert entries["signature-panel"].decoded("dtstart").isoformat() == "2024-05-10T11:00:00-04:00"


def test_cli_export_ics_to_stdout_and_a_bad_language(runner: CliRunner) -> None:
    result = runner.invoke(app, ["export", "ics"])
    assert result.exit_code == 0 and result.output.startswith("BEGIN:VCALENDAR")
    refused = runner.invoke(app, ["export", "ics", "--lang", "xx"])
    assert refused.exit_code == 2 and "--lang" in refused.output
