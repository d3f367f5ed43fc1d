"""Change notices after an event reload (told once, to the people concerned only, in their language), a
broken file keeping the event in force, `roundtable-bot event reload`, and "starting now" cues."""

from __future__ import annotations

import asyncio
import os
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from typer.testing import CliRunner

from bot.config import load_settings
from bot.event import BUNDLED_EVENT, Event
from service.bootstrap import Bot, create_bot
from service.cli import app
from service.reload import HangupReloader, apply, reload_into, running_pid
from service.scheduler import Scheduler
from tests.conftest import MutableClock
from tests.faq_eval import plain_spaces
from tests.notifiers import RecordingNotifier
from tests.unit.agenda_seed import book_pitch, member, register

NY = ZoneInfo("America/New_York")
PANEL_AT_11 = "start: 2024-05-10T11:00:00"


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=NY)


def edited(tmp_path: Path, *replacements: tuple[str, str], name: str = "event.yaml") -> Path:
    text = BUNDLED_EVENT.read_text(encoding="utf-8")
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def use_file(bot: Bot, path: Path) -> None:
    bot.settings = bot.settings.model_copy(update={"event_path": path})


def told(recorder: RecordingNotifier) -> dict[str, str]:
    return {n.recipient.key: plain_spaces(n.reply.text) for n in recorder.sent}


async def seed_two_delegations(bot: Bot) -> None:
    """alice: Ruritania (group II, at the reception, slot 4); bob: Freedonia (group I, not at the reception,
    waiting list); carol: no delegation."""
    ruritania = await member(bot, "alice", delegation="Ruritania")
    await register(bot, ruritania, group="II", reception=True)
    await book_pitch(bot, ruritania, 4)
    freedonia = await member(bot, "bob", delegation="Freedonia")
    await register(bot, freedonia, group="I", reception=False)
    await book_pitch(bot, freedonia, None)
    await member(bot, "carol")


async def test_a_moved_session_is_told_once_to_its_followers_only(
    bot: Bot, recorder: RecordingNotifier, tmp_path: Path
) -> None:
    await seed_two_delegations(bot)
    async with bot.uow() as uow:
        await uow.agenda.follow(bot.event.id, "signature-panel", "console:carol", bot.clock())
        await uow.commit()
    use_file(bot, edited(tmp_path, (PANEL_AT_11, "start: 2024-05-10T11:30:00")))

    result = await reload_into(bot)
    assert result.ok and result.applied is not None
    assert [(c.session_id, c.what) for c in result.applied.changes] == [("signature-panel", "changed")]
    await Scheduler.for_bot(bot).run_once()
    [(who, text)] = told(recorder).items()
    assert who == "console:carol"
    assert text.startswith("Programme change:\nSignature Panel: Building Cyber Resilience")
    assert "now starts at 11:30 am EDT (was 11:00 am).\nType `agenda` to see your agenda." in text
    # Reloading the same file again, and a restarted scheduler, tell nobody anything more.
    again = await reload_into(bot)
    assert again.applied is not None and again.applied.campaigns == []
    await Scheduler.for_bot(bot).run_once()
    assert len(recorder.sent) == 1
    assert bot.event.starts_at(bot.event.session("signature-panel")) == at("2024-05-10T11:30")


async def test_reception_and_breakout_changes_reach_their_attendees_in_their_language(
    bot: Bot, recorder: RecordingNotifier, tmp_path: Path
) -> None:
    await seed_two_delegations(bot)
    async with bot.uow() as uow:
        alice = await uow.members.get("console", "alice")
        assert alice is not None
        alice.language = "fr"
        await uow.commit()
    use_file(
        bot,
        edited(
            tmp_path,
            ("start: 2024-05-09T18:30:00", "start: 2024-05-09T19:00:00"),
            (
                "group: II\n    start: 2024-05-10T15:00:00\n    end: 2024-05-10T17:00:00",
                "group: II\n    start: 2024-05-10T15:00:00\n    end: 2024-05-10T17:30:00",
            ),
        ),
    )
    await reload_into(bot)
    await Scheduler.for_bot(bot).run_once()
    assert sorted(n.recipient.key for n in recorder.sent) == ["console:alice", "console:alice"]
    texts = "\n".join(plain_spaces(n.reply.text) for n in recorder.sent)
    assert "Réception de bienvenue commence désormais à 19:00 EDT (au lieu de 18:30)." in texts
    assert "Groupe de discussion II" in texts
    assert "se termine désormais à 17:30 EDT (au lieu de 17:00)" in texts


async def test_moved_pitch_slots_are_told_to_their_presenters(
    bot: Bot, recorder: RecordingNotifier, tmp_path: Path
) -> None:
    await seed_two_delegations(bot)
    use_file(bot, edited(tmp_path, ('first_start: "13:40"', 'first_start: "13:50"')))
    result = await reload_into(bot)
    assert result.applied is not None and result.applied.moved_slots == list(range(1, 16))
    await Scheduler.for_bot(bot).run_once()
    assert told(recorder) == {
        "console:alice": "Programme change:\n"
        "Your pitch slot 4 now runs 2:05 – 2:08 pm EDT (was 1:55 – 1:58 pm).\n"
        "Type `agenda` to see your agenda."
    }


async def test_a_removed_session_is_told_to_whoever_followed_it(
    bot: Bot, recorder: RecordingNotifier, tmp_path: Path
) -> None:
    await member(bot, "carol")
    async with bot.uow() as uow:
        await uow.agenda.follow(bot.event.id, "ministerial-breakfast", "console:carol", bot.clock())
        await uow.commit()
    text = BUNDLED_EVENT.read_text(encoding="utf-8")
    start, end = text.index("  - id: ministerial-breakfast"), text.index("  - id: opening-plenary")
    path = tmp_path / "event.yaml"
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    use_file(bot, path)
    await reload_into(bot)
    await Scheduler.for_bot(bot).run_once()
    removed = "Ministerial Breakfast Meeting (8:00 – 9:30 am EDT, Friday, 10 May 2024)"
    assert f"{removed} is no longer on the programme." in told(recorder)["console:carol"]


async def test_a_broken_file_keeps_the_event_in_force_and_tells_nobody(
    bot: Bot, recorder: RecordingNotifier, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    before: Event = bot.event
    use_file(bot, edited(tmp_path, (PANEL_AT_11, "start: 2024-05-10T14:00:00")))  # ends before it starts
    result = await reload_into(bot)
    assert not result.ok and bot.event is before
    assert any("sessions.3.end" in p or "ends before it starts" in p for p in result.problems)
    assert "event reload refused" in caplog.text
    await Scheduler.for_bot(bot).run_once()
    assert recorder.sent == []


@pytest.mark.parametrize("by_signal", [False, True], ids=["reload_into", "SIGHUP"])
async def test_a_reload_reaches_a_running_scheduler_with_nothing_else_to_update(
    bot: Bot, clock: MutableClock, recorder: RecordingNotifier, tmp_path: Path, by_signal: bool
) -> None:
    """The scheduler and its sender read bot.event at each pass: Bot.use_event is the whole update."""
    await member(bot, "carol")
    async with bot.uow() as uow:
        await uow.agenda.follow(bot.event.id, "signature-panel", "console:carol", clock())
        await uow.commit()
    scheduler = Scheduler.for_bot(bot)  # built before the reload, as in a running server
    await scheduler.run_once()
    use_file(bot, edited(tmp_path, (PANEL_AT_11, "start: 2024-05-10T11:30:00")))
    await (HangupReloader(bot, scheduler).run() if by_signal else reload_into(bot))
    assert bot.event.session("signature-panel").start.minute == 30
    clock.moment = at("2024-05-10T11:32")  # long after the old start (11:00), just after the new one
    await scheduler.run_once()
    texts = [plain_spaces(n.reply.text) for n in recorder.sent]
    assert [t.split(":", 1)[0] for t in texts] == ["Programme change", "Starting now"]
    assert "now starts at 11:30 am EDT" in texts[0] and "Signature Panel" in texts[1]


def test_pid_file_names_a_live_server_or_nothing(tmp_path: Path) -> None:
    path = tmp_path / "serve.pid"
    assert running_pid(path) is None
    path.write_text(f"{os.getpid()}\n")
    assert running_pid(path) == os.getpid()
    path.write_text("4194304\n")  # above Linux's pid_max: a stale file
    assert running_pid(path) is None


def test_cli_reload_with_no_server_queues_the_notices_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("ROUNDTABLE_NOW", "ROUNDTABLE_LANG", "ROUNDTABLE_EVENT"):
        monkeypatch.delenv(name, raising=False)
    database = f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
    env = {"DATABASE_URL": database, "ROUNDTABLE_PID_FILE": str(tmp_path / "none.pid")}

    async def first_serve() -> None:  # the programme as a server last applied it
        bot = await create_bot(load_settings(env))
        try:
            await apply(bot.uow, bot.event, bot.event, bot.clock)
        finally:
            await bot.close()

    asyncio.run(first_serve())
    changed = edited(tmp_path, (PANEL_AT_11, "start: 2024-05-10T11:30:00"))
    runner = CliRunner()
    result = runner.invoke(app, ["event", "reload", "--event", str(changed)], env=env)
    assert result.exit_code == 0, result.output
    assert "session signature-panel: changed" in result.output and "1 change notices queued" in result.output
    again = runner.invoke(app, ["event", "reload", "--event", str(changed)], env=env)
    assert "0 change notices queued" in again.output
    broken = edited(tmp_path, ("timezone: America/New_York", "timezone: Mars/Olympus"), name="broken.yaml")
    refused = runner.invoke(app, ["event", "reload", "--event", str(broken)], env=env)
    assert refused.exit_code == 2 and "timezone" in refused.output


# --- "starting now"


async def test_starting_now_goes_once_to_followers_who_want_cues(
    bot: Bot, clock: MutableClock, recorder: RecordingNotifier
) -> None:
    clock.moment = at("2024-05-10T09:00")
    for user in ("alice", "dave", "erin", "frank"):
        await member(bot, user)
    async with bot.uow() as uow:
        for user in ("alice", "dave", "erin"):
            await uow.agenda.follow(bot.event.id, "opening-plenary", f"console:{user}", clock.moment)
        dave = await uow.members.get("console", "dave")
        assert dave is not None
        dave.reminders_enabled = False  # `remind off`
        await uow.reminder_prefs.set_quiet_hours("console:erin", "09:00", "10:30", clock.moment)
        await uow.commit()
    scheduler = Scheduler.for_bot(bot)
    await scheduler.run_once()
    assert recorder.sent == []
    assert await scheduler.next_wake() == at("2024-05-10T09:45")
    clock.moment = at("2024-05-10T09:46")
    await scheduler.run_once()
    await Scheduler.for_bot(bot).run_once()  # a restart, or a second instance
    assert list(told(recorder)) == ["console:alice"]
    assert told(recorder)["console:alice"].startswith(
        "Starting now: Opening Plenary of the Global Roundtable — United Nations Headquarters"
    )
    clock.moment = at("2024-05-10T10:45")  # erin's quiet hours are over, but "starting now" is long past
    await scheduler.run_once()
    assert list(told(recorder)) == ["console:alice"]


async def test_no_cue_for_a_session_that_started_long_before_the_server_came_up(
    bot: Bot, clock: MutableClock, recorder: RecordingNotifier
) -> None:
    clock.moment = at("2024-05-10T09:00")
    await member(bot, "alice")
    async with bot.uow() as uow:
        await uow.agenda.follow(bot.event.id, "opening-plenary", "console:alice", clock.moment)
        await uow.commit()
    clock.moment = at("2024-05-10T10:15")
    await Scheduler.for_bot(bot).run_once()
    assert recorder.sent == []
