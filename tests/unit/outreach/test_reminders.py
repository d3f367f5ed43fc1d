"""Deadline reminders with an injected clock: due during downtime → sent once; acted → not reminded again;
opted out → nothing; each recipient's own time zone and quiet hours."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from handlers.outreach.reminders import after_quiet_hours, due_reminders
from service.bootstrap import Bot
from service.scheduler import Scheduler
from tests.conftest import MutableClock
from tests.notifiers import RecordingNotifier
from tests.unit import agenda_seed as seed

NY = ZoneInfo("America/New_York")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=NY)


async def seed_member(
    bot: Bot, user: str, *, delegation: str | None = None, tz: str | None = None
) -> int | None:
    """A Slack member, optionally in a (new or existing) delegation; returns the delegation id."""
    return await seed.member(bot, user, delegation=delegation, tz=tz, platform="slack")


async def register(
    bot: Bot, delegation_id: int, *, designation: str = "Minister", rsvp: bool | None = True
) -> None:
    """A confirmed registration made on Slack, its head of delegation not flagged as a Minister."""
    await seed.register(
        bot,
        delegation_id,
        reception=rsvp,
        designation=designation,
        is_minister=False,
        platform="slack",
    )


def recipients(recorder: RecordingNotifier) -> list[str]:
    return sorted(n.recipient.key for n in recorder.sent)


async def test_rules_before_the_first_offset_fire_nothing(
    bot: Bot, clock: MutableClock, recorder: RecordingNotifier
) -> None:
    clock.moment = at("2024-04-04T12:00")
    await seed_member(bot, "alice", delegation="Ruritania")
    assert await Scheduler.for_bot(bot).run_once() == 0
    assert recorder.sent == []


async def test_reminder_due_during_downtime_is_sent_once_after_restart(
    bot: Bot, clock: MutableClock, recorder: RecordingNotifier
) -> None:
    await seed_member(bot, "alice", delegation="Ruritania")
    # Down from 11 April until 12 April 15:00: the 7-day reminder (12 April, 10:00) was due meanwhile.
    clock.moment = at("2024-04-12T15:00")
    await Scheduler.for_bot(bot).run_once()
    await Scheduler.for_bot(bot).run_once()  # a second restart, or a second instance
    assert recipients(recorder) == ["slack:alice"]
    text = recorder.sent[0].reply.text
    assert "7 day" in text and "19 April 2024" in text and "register" in text
    async with bot.uow() as uow:
        campaigns = await uow.outbox.recent_campaigns("reminder", limit=20)
        keys = {c.rule_key for c in campaigns if c.rule_key.startswith("reminder:registration:")}
    # Only the reminder that matters now; the missed 14-day one is not sent late on top of it.
    assert keys == {"reminder:registration:unregistered-delegations:7d"}


async def test_delegation_that_registered_between_reminders_gets_no_second_one(
    bot: Bot, clock: MutableClock, recorder: RecordingNotifier
) -> None:
    ruritania = await seed_member(bot, "alice", delegation="Ruritania")
    await seed_member(bot, "bob", delegation="Freedonia")
    clock.moment = at("2024-04-05T10:30")
    await Scheduler.for_bot(bot).run_once()
    assert recipients(recorder) == ["slack:alice", "slack:bob"]
    assert ruritania is not None
    await register(bot, ruritania)
    recorder.sent.clear()
    clock.moment = at("2024-04-12T10:30")
    await Scheduler.for_bot(bot).run_once()
    assert recipients(recorder) == ["slack:bob"]


async def test_a_user_who_opted_out_gets_no_reminder(
    bot: Bot, clock: MutableClock, recorder: RecordingNotifier, say: Callable[..., object]
) -> None:
    await seed_member(bot, "alice", delegation="Ruritania")
    await seed_member(bot, "bob", delegation="Ruritania")
    reply = await say("remind off", user="alice")  # type: ignore[misc]
    assert "off" in str(reply)
    async with bot.uow() as uow:
        console_alice = await uow.members.get("console", "alice")
        slack_alice = await uow.members.get("slack", "alice")
        assert console_alice is not None and slack_alice is not None
        slack_alice.reminders_enabled = console_alice.reminders_enabled
        await uow.commit()
    clock.moment = at("2024-04-12T10:30")
    await Scheduler.for_bot(bot).run_once()
    assert recipients(recorder) == ["slack:bob"]


async def test_registering_after_fan_out_but_before_local_time_cancels_the_row(
    bot: Bot, clock: MutableClock, recorder: RecordingNotifier
) -> None:
    ruritania = await seed_member(bot, "alice", delegation="Ruritania")  # event time: 10:00 New York
    await seed_member(bot, "taro", delegation="Nippon", tz="Asia/Tokyo")
    clock.moment = at("2024-04-11T21:30")  # 10:30 on 12 April in Tokyo, 21:30 on 11 April in New York
    await Scheduler.for_bot(bot).run_once()
    assert recipients(recorder) == ["slack:taro"]
    assert ruritania is not None
    await register(bot, ruritania)
    clock.moment = at("2024-04-12T10:30")
    await Scheduler.for_bot(bot).run_once()
    assert recipients(recorder) == ["slack:taro"]  # alice acted before her 10:00: her row is skipped


async def test_incomplete_registration_reminder_names_what_is_missing(
    bot: Bot, clock: MutableClock, recorder: RecordingNotifier
) -> None:
    ruritania = await seed_member(bot, "alice", delegation="Ruritania")
    assert ruritania is not None
    await register(bot, ruritania, designation="", rsvp=None)
    async with bot.uow() as uow:
        member = await uow.members.get("slack", "alice")
        assert member is not None
        member.language = "fr"
        await uow.commit()
    clock.moment = at("2024-04-17T10:05")
    await Scheduler.for_bot(bot).run_once()
    [notice] = recorder.sent
    assert "fonction de votre chef de délégation" in notice.reply.text
    assert "réception de bienvenue" in notice.reply.text
    assert notice.reply.lang == "fr"


async def test_quiet_hours_hold_a_reminder_until_they_end(
    bot: Bot, clock: MutableClock, recorder: RecordingNotifier, say: Callable[..., object]
) -> None:
    assert "21:00–11:00" in str(await say("remind quiet 21:00-11:00", user="alice"))  # type: ignore[misc]
    async with bot.uow() as uow:
        member = await uow.members.get("console", "alice")
        assert member is not None
    clock.moment = at("2024-04-12T10:05")
    await Scheduler.for_bot(bot).run_once()
    assert recorder.sent == []
    clock.moment = at("2024-04-12T11:00")
    await Scheduler.for_bot(bot).run_once()
    assert recipients(recorder) == ["console:alice"]


def test_quiet_hours_across_midnight() -> None:
    late = at("2024-04-12T23:30")
    assert after_quiet_hours(late, "22:00", "07:00", NY) == at("2024-04-13T07:00")
    assert after_quiet_hours(at("2024-04-12T12:00"), "22:00", "07:00", NY) == at("2024-04-12T12:00")
    assert after_quiet_hours(late, None, None, NY) == late


def test_after_the_deadline_no_rule_is_due(bot: Bot) -> None:
    assert due_reminders(bot.event, at("2024-04-20T10:00")) == []


async def test_remind_command_reports_and_rejects_bad_quiet_hours(
    bot: Bot, say: Callable[..., object]
) -> None:
    assert "on" in str(await say("remind", user="carol"))  # type: ignore[misc]
    assert "22:00-07:00" in str(await say("remind quiet 25-7", user="carol"))  # type: ignore[misc]
    await say("rappel off", user="dora")  # type: ignore[misc]
    async with bot.uow() as uow:
        dora = await uow.members.get("console", "dora")
        assert dora is not None and dora.reminders_enabled is False


async def test_pitch_cue_fifteen_minutes_before_the_slot(
    bot: Bot, clock: MutableClock, recorder: RecordingNotifier
) -> None:
    await seed_member(bot, "alice", delegation="Ruritania")
    await seed_member(bot, "bob", delegation="Freedonia")
    clock.moment = at("2024-05-10T09:00")
    async with bot.uow() as uow:
        await uow.pitches.ensure_event(bot.event.id, bot.event.pitch_slot_times(), clock.moment)
        member = await uow.members.get("slack", "alice")
        assert member is not None
        provider = await uow.pitches.name_provider("slack:alice", "Ruritania CERT", clock.moment)
        slot = await uow.pitches.slot(bot.event.id, 2)  # 13:45
        assert slot is not None
        await uow.pitches.add_confirmed(bot.event.id, provider.id, slot.id, "slack:alice", "en", clock.moment)
        await uow.commit()
    scheduler = Scheduler.for_bot(bot)
    await scheduler.run_once()
    assert recorder.sent == []
    assert await scheduler.next_wake() == at("2024-05-10T13:25")  # slot 1's cue (no presenter) comes first
    clock.moment = at("2024-05-10T13:31")
    await scheduler.run_once()
    await Scheduler.for_bot(bot).run_once()
    [cue] = recorder.sent
    assert cue.recipient.key == "slack:alice"
    assert "slot 2" in cue.reply.text and "1:45" in cue.reply.text and "3 minutes" in cue.reply.text


async def test_a_reminder_offers_the_button_that_finishes_what_is_missing(bot: Bot) -> None:
    from bot.messages import Action
    from handlers.outreach.reminders import render_reminder
    from tests.conftest import message

    sent = at("2024-04-12T10:00")
    unregistered = render_reminder(
        bot.event, {"deadline": "registration", "days_before": 7, "missing": ["registration"]}, "en", sent
    )
    incomplete = render_reminder(
        bot.event, {"deadline": "registration", "days_before": 2, "missing": ["reception_rsvp"]}, "fr", sent
    )
    pitch = render_reminder(
        bot.event, {"deadline": "expression-of-interest", "days_before": 1, "missing": ["pitch"]}, "en", sent
    )
    [register] = unregistered.card.buttons if unregistered.card else ()
    [complete] = incomplete.card.buttons if incomplete.card else ()
    [slots] = pitch.card.buttons if pitch.card else ()
    assert (register.label, complete.label, slots.label) == (
        "Register now",
        "Compléter mon inscription",
        "See pitch slots",
    )
    started = await bot.handle(message(user="newcomer", action=Action(register.action_id, register.value)))
    assert "Which delegation are you registering" in started[0].plain_text()
    shown = await bot.handle(message(user="provider", action=Action(slots.action_id, slots.value)))
    assert "pitch slots" in shown[0].plain_text().lower()  # routed to the pitch overview
