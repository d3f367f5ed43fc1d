"""Reminders and broadcasts as people meet them (issue 12): days left counted from the sending day, in the
recipient's language, held back while they are mid-flow; organisers compose, follow and export in chat."""

from __future__ import annotations

import io
from pathlib import Path

from sqlalchemy import select

from adapters.console.app import run_chat
from handlers.shared import outbox_signal
from service.scheduler import Scheduler
from storage.models import Campaign, OutboxItem
from tests.dialogs.conftest import Talk


def _only_file(folder: Path) -> tuple[str, str, str]:
    """The one file in ``folder``: its name, absolute path and first line."""
    [written] = list(folder.iterdir())
    return written.name, str(written.resolve()), written.read_text(encoding="utf-8").splitlines()[0]


async def _send_due(talk: Talk) -> None:
    await Scheduler.for_bot(talk.bot).run_once()


async def _outbox(talk: Talk) -> list[tuple[str, str]]:
    async with talk.bot.uow() as uow:
        rows = await uow.session.scalars(select(OutboxItem).order_by(OutboxItem.id))
        return [(row.recipient_key, row.status) for row in rows]


async def test_en_reminder_on_10_april_counts_nine_days_left(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    aide = talk.person("aide", platform="slack", locale="en-US")
    await aide.says("hello")
    talk.at("2024-04-10 10:00")
    await _send_due(talk)
    [reminder] = aide.notices()
    assert "19 April 2024 (9 days left)" in reminder and "day(s)" not in reminder and "14" not in reminder


async def test_fr_reminder_on_15_april_in_the_language_last_used(talk: Talk) -> None:
    talk.at("2024-04-15 09:00")
    delegue = talk.person("delegue", platform="teams")  # no platform locale: only what they wrote
    await delegue.says("bonjour, quand est la réception ?")
    talk.at("2024-04-15 10:00")
    await _send_due(talk)
    [rappel] = delegue.notices()
    assert "Rappel" in rappel and "encore 4 jours" in rappel


async def test_ru_reminder_waits_until_the_open_registration_ends(talk: Talk) -> None:
    talk.at("2024-04-10 09:50")
    delegat = talk.person("delegat", platform="slack", locale="ru")
    await delegat.says("регистрация")
    await delegat.says("register")
    talk.at("2024-04-10 10:00")
    await _send_due(talk)
    assert delegat.notices() == []
    assert [status for key, status in await _outbox(talk) if key == delegat.key] == ["pending"]
    await delegat.says("отмена")
    talk.at("2024-04-10 10:01")
    await _send_due(talk)
    [reminder] = delegat.notices()
    assert "до срока: 9 дней" in reminder


async def test_zh_an_abandoned_flow_no_longer_holds_the_reminder(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    daibiao = talk.person("daibiao", platform="slack", locale="zh-CN")
    await daibiao.says("register")
    talk.at("2024-04-10 10:00")  # an hour later the flow counts as abandoned
    await _send_due(talk)
    [reminder] = daibiao.notices()
    assert "还剩9天" in reminder


async def test_en_organiser_is_left_out_and_status_says_done(talk: Talk) -> None:
    talk.at("2024-05-09 09:00")
    alice, bob = talk.person("alice"), talk.person("bob")
    await alice.says("hi")
    await bob.says("hi")
    organiser = talk.organiser()
    rung: list[str] = []
    stop = outbox_signal.listen(lambda: rung.append("queued"))
    try:
        await organiser.says("broadcast everyone")
        preview = await organiser.says("Doors open at 9:30.")
        assert "Recipients now: 2" in preview and "not included" in preview
        assert "#1" in await organiser.clicks("Send")
    finally:
        stop()
    assert rung == ["queued"]  # the scheduler is woken, not left to its next poll
    await _send_due(talk)
    assert sorted(key for key, _ in await _outbox(talk)) == ["console:alice", "console:bob"]
    status = await organiser.says("broadcast status 1")
    assert "done: 2 sent, 0 pending" in status and "sending" not in status
    assert organiser.notices() == []


async def test_en_organiser_chooses_to_be_included(talk: Talk) -> None:
    talk.at("2024-05-09 09:00")
    await talk.person("alice").says("hi")
    organiser = talk.organiser()
    await organiser.says("broadcast everyone: Lunch moved to 13:45.")
    preview = await organiser.clicks("Include me")
    assert "Recipients now: 2" in preview and "Leave me out" in preview
    await organiser.clicks("Send")
    await _send_due(talk)
    assert sorted(key for key, _ in await _outbox(talk)) == ["console:alice", "console:organiser"]
    assert any("Lunch moved to 13:45." in n for n in organiser.notices())


async def test_es_natural_request_preselects_the_unregistered_delegations(talk: Talk) -> None:
    talk.at("2024-04-12 09:00")
    await talk.person("sinregistro").says("hola")
    organiser = talk.organiser()
    asked = await organiser.says("send a reminder to delegations that haven't registered yet")
    assert "Type the message" in asked
    preview = await organiser.says("Recuerden inscribirse antes del 19 de abril.")
    assert "Recipients now: 1" in preview
    await organiser.clicks("Send")
    async with talk.bot.uow() as uow:
        [campaign] = (await uow.session.scalars(select(Campaign).where(Campaign.kind == "broadcast"))).all()
        assert campaign.audience == "unregistered-delegations"
        assert campaign.params == {"exclude": "console:organiser"}


async def test_en_a_request_with_its_message_keeps_it_while_the_audience_is_asked(talk: Talk) -> None:
    talk.at("2024-05-09 09:00")
    await talk.person("alice").says("hi")
    organiser = talk.organiser()
    asked = await organiser.says("remind delegations that the reception is tonight at 6:30")
    assert "who should receive it?" in asked
    preview = await organiser.clicks("Everyone")
    assert "The reception is tonight at 6:30" in preview and "Audience: Everyone" in preview
    assert "#1 is queued" in await organiser.says("send it")
    preview = await organiser.says("tell everyone that lunch moves to 1:15 pm")
    assert "Lunch moves to 1:15 pm" in preview and "Recipients now: 1" in preview
    assert "#2 is queued" in await organiser.says("go ahead")


async def test_ar_side_question_inside_the_broadcast_flow_is_answered_then_asked_again(talk: Talk) -> None:
    talk.at("2024-05-08 09:00")
    organiser = talk.organiser()
    assert "Type the message" in await organiser.says("broadcast unregistered")
    aside = await organiser.says("متى ينتهي حفل الاستقبال؟")
    assert "cyberoewgchair@gmail.com" in aside and "متى ينتهي حفل الاستقبال؟" in aside  # answered, then held
    assert "Type the message" in await organiser.clicks("broadcast.held.no")
    async with talk.bot.uow() as uow:
        assert (await uow.session.scalars(select(Campaign))).all() == []


async def test_fr_export_in_the_terminal_writes_the_file_here(talk: Talk, tmp_path: Path) -> None:
    talk.at("2024-04-12 09:00")
    organiser = talk.organiser()
    out = io.StringIO()
    await run_chat(talk.bot, organiser.user, ["export registrations\n"], out, False, files=tmp_path)
    name, path, header = _only_file(tmp_path)
    assert name.startswith("registrations-") and name.endswith(".csv")
    assert f"[file saved: {path}" in out.getvalue()
    assert "delegation" in header.lower()
    assert [action for action, _ in await talk.audit() if action.startswith("export")] == ["export"]


async def test_ru_zh_status_of_a_finished_broadcast_in_their_language(talk: Talk) -> None:
    talk.at("2024-05-09 09:00")
    await talk.person("alice").says("hi")
    organiser = talk.organiser()
    await organiser.says("broadcast everyone: 大会将于9:45开始。")
    await organiser.says("send")
    await _send_due(talk)
    await organiser.says("language ru")
    assert "завершена" in await organiser.says("broadcast status 1")
    await organiser.says("language zh")
    assert "已完成" in await organiser.says("broadcast status 1")
