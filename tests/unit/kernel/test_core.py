"""The neutral core: router selection, languages, storage constraints, the event file checker."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from bot.config import load_settings
from bot.context import Context
from bot.errors import ConfigError, DomainError
from bot.event import BUNDLED_EVENT, EventFileError, load_event
from bot.messages import Action, InboundMessage, Reply
from bot.router import Router
from bot.text import normalise_command
from service.bootstrap import Bot
from tests.conftest import EVENT_DAY_MORNING, message


async def _echo(msg: InboundMessage, ctx: Context) -> Reply:
    return Reply(f"echo:{msg.text}")


async def _fails(msg: InboundMessage, ctx: Context) -> Reply:
    raise RuntimeError("boom")


async def _refuses(msg: InboundMessage, ctx: Context) -> Reply:
    raise DomainError("error.not_organiser", contact=ctx.event.contact.email)


def _router() -> Router:
    async def fallback(msg: InboundMessage, ctx: Context) -> Reply:
        return Reply("faq")

    async def pitch(msg: InboundMessage, ctx: Context) -> Reply:
        return Reply("pitch")

    async def my_pitch(msg: InboundMessage, ctx: Context) -> Reply:
        return Reply("my pitch")

    router = Router(fallback)
    router.command(["pitch"], pitch)
    router.command(["my pitch"], my_pitch)
    router.command(["boom"], _fails)
    router.command(["admin"], _refuses)
    router.action("pitch.claim", _echo)
    router.action("registration.", _echo)
    return router


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pitch", "pitch"),
        ("Pitch 4", "pitch"),
        ("my pitch", "my pitch"),
        ("<@U123> my pitch", "my pitch"),
        ("/pitch", "pitch"),
        ("pitching is fun", "faq"),
        ("when is the panel?", "faq"),
        ("", "faq"),
    ],
)
async def test_router_picks_longest_command_phrase_else_faq(ctx: Context, text: str, expected: str) -> None:
    replies = await _router().dispatch(message(text), ctx)
    assert [r.text for r in replies] == [expected]


async def test_router_routes_actions_exactly_then_by_prefix(ctx: Context) -> None:
    router = _router()
    claim = await router.dispatch(message("x", action=Action("pitch.claim", "4")), ctx)
    submit = await router.dispatch(message("y", action=Action("registration.submit")), ctx)
    unknown = await router.dispatch(message("z", action=Action("nothing.here")), ctx)
    assert [claim[0].text, submit[0].text, unknown[0].text] == ["echo:x", "echo:y", "faq"]


async def test_router_sends_an_open_dialogs_messages_to_its_flow_and_buttons_by_id(ctx: Context) -> None:
    async def flow(msg: InboundMessage, ctx: Context) -> Reply:
        return Reply("flow")

    router = _router()
    router.flow("pitch", flow)
    in_flow = replace(ctx, flow="pitch")
    typed = await router.dispatch(message("Cyber Academy"), in_flow)
    pressed = await router.dispatch(message("x", action=Action("pitch.claim", "4")), in_flow)
    unknown = await router.dispatch(message("my pitch"), replace(ctx, flow="gone"))
    assert [typed[0].text, pressed[0].text, unknown[0].text] == ["flow", "echo:x", "my pitch"]


async def test_router_turns_errors_into_polite_replies(ctx: Context) -> None:
    crashed = await _router().dispatch(message("boom"), ctx)
    refused = await _router().dispatch(message("admin"), ctx)
    assert "something went wrong" in crashed[0].text and "Traceback" not in crashed[0].text
    assert ctx.event.contact.email in crashed[0].text
    assert "only the event organisers" in refused[0].text


def test_normalise_command_folds_case_accents_mentions() -> None:
    assert normalise_command("  <@U1>  Réception  Pitch ") == "reception pitch"


async def test_member_is_recorded_once_and_language_follows_the_question(bot: Bot) -> None:
    first = await bot.context_for(message("quand est la réception ?", user="zoe"))
    second = await bot.context_for(message("¿dónde es la recepción?", user="zoe"))
    assert (first.lang, second.lang) == ("fr", "es")
    async with bot.uow() as uow:
        members = [m for m in await uow.members.all() if m.user_id == "zoe"]
    assert len(members) == 1


async def test_organisers_come_from_settings(bot: Bot) -> None:
    organiser = await bot.context_for(message("hi", user="organiser"))
    delegate = await bot.context_for(message("hi", user="alice"))
    assert organiser.is_organiser and not delegate.is_organiser


async def test_processed_event_ids_are_claimed_once(bot: Bot) -> None:
    async with bot.uow() as uow:
        first = await uow.processed.claim("slack", "Ev1", EVENT_DAY_MORNING)
        again = await uow.processed.claim("slack", "Ev1", EVENT_DAY_MORNING)
        await uow.commit()
    assert (first, again) == (True, False)


async def test_uow_rolls_back_without_commit(bot: Bot) -> None:
    async with bot.uow() as uow:
        uow.audit.record(EVENT_DAY_MORNING, "console:x", "test")
    async with bot.uow() as uow:
        assert await uow.audit.all() == []


def test_bundled_event_holds_the_seed_facts() -> None:
    event = load_event()
    reception = event.session("welcome-reception")
    assert event.starts_at(reception).isoformat() == "2024-05-09T18:30:00-04:00"
    assert event.venue(reception.venue) is not None
    assert event.venue(reception.venue).address == "318 East 48th Street, New York, NY 10017"  # type: ignore[union-attr]
    assert [d.due.isoformat() for d in event.deadlines] == ["2024-04-19", "2024-04-19"]
    assert len(event.capabilities) == 5
    assert event.matchmaking.pitch_minutes == 3 and event.matchmaking.slides == 3
    assert event.contact.email == "cyberoewgchair@gmail.com"


def test_event_check_names_line_and_field(tmp_path: Path) -> None:
    broken = (
        BUNDLED_EVENT.read_text(encoding="utf-8")
        .replace("timezone: America/New_York", "timezone: Mars/Olympus")
        .replace("  pitch_minutes: 3", "  pitch_minutes: three")
    )
    path = tmp_path / "broken.yaml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(EventFileError) as caught:
        load_event(path)
    problems = "\n".join(caught.value.problems)
    assert "timezone" in problems and "Mars/Olympus" in problems
    line = next(i for i, text in enumerate(broken.splitlines(), 1) if "pitch_minutes: three" in text)
    assert f"line {line}: matchmaking.pitch_minutes" in problems


def test_event_check_reports_bad_yaml_with_a_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("id: x\nnames: [unclosed\n", encoding="utf-8")
    with pytest.raises(EventFileError) as caught:
        load_event(path)
    assert caught.value.problems[0].startswith("line ")


def test_settings_name_the_bad_variable() -> None:
    with pytest.raises(ConfigError, match=r"^PORT: "):
        load_settings({"PORT": "eighty"})
    with pytest.raises(ConfigError, match=r"^DATABASE_URL: "):
        load_settings({"DATABASE_URL": "mysql://x"})


async def test_help_is_answered(say: Callable[..., object]) -> None:
    text = await say("help")  # type: ignore[misc]
    assert "cyberoewgchair@gmail.com" in text


def test_event_check_points_cross_field_problems_at_their_own_line(tmp_path: Path) -> None:
    text = BUNDLED_EVENT.read_text(encoding="utf-8").replace("venue: singapore-mission", "venue: the-moon", 1)
    path = tmp_path / "moon.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(EventFileError) as caught:
        load_event(path)
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "venue: the-moon" in row)
    assert caught.value.problems == [f"line {line}: sessions.0.venue: unknown venue 'the-moon'"]


async def test_an_open_dialog_keeps_its_language_but_a_chosen_language_wins(bot: Bot) -> None:
    async with bot.uow() as uow:
        await uow.members.upsert_seen("console", "dee", "Dee", EVENT_DAY_MORNING)
        await uow.dialogs.save("console:dee", "registration", "hod_name", {}, "es", EVENT_DAY_MORNING)
        await uow.commit()
    in_flow = await bot.context_for(message("Ministre des affaires étrangères", user="dee"))
    assert (in_flow.lang, in_flow.flow) == ("es", "registration")
    async with bot.uow() as uow:
        member = await uow.members.get("console", "dee")
        assert member is not None
        member.language = "fr"
        await uow.commit()
    chosen = await bot.context_for(message("Ministre des affaires étrangères", user="dee"))
    assert (chosen.lang, chosen.lang_forced) == ("fr", True)
