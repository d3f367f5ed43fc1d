"""The campaign-kind registry: one entry per kind, the stored strings unchanged, and the scheduler and the
sender reading it rather than naming kinds themselves."""

from __future__ import annotations

import inspect
from types import ModuleType

import pytest

from handlers.campaigns.registry import KINDS, spec_of
from handlers.shared.kinds import CampaignKind
from service import scheduler, sender
from service.bootstrap import Bot
from service.scheduler import Scheduler
from storage.models import Campaign
from tests.notifiers import RecordingNotifier

# What the database already holds (migration 0004 and every row since; the matchmaking meetings' kinds since
# 0007_meetings): a rename needs a data migration.
STORED = {
    *("reminder", "cue", "broadcast", "change", "start", "notice"),
    *("meeting", "meeting-check", "follow-up"),
}


def test_one_entry_per_kind_and_the_stored_strings_unchanged() -> None:
    assert set(KINDS) == set(CampaignKind)
    assert {kind.value for kind in CampaignKind} == STORED
    column = Campaign.__table__.c.kind.type
    assert all(len(kind) <= column.length for kind in STORED)  # type: ignore[attr-defined]


def test_a_kind_read_back_from_the_database_finds_its_entry_and_an_unknown_one_none() -> None:
    assert spec_of("broadcast") is KINDS[CampaignKind.BROADCAST]
    assert spec_of("newsletter") is None  # written by a newer version: left alone, not guessed


@pytest.mark.parametrize("kind", [CampaignKind.REMINDER, CampaignKind.CUE, CampaignKind.START])
def test_reminders_and_cues_respect_remind_off_and_quiet_hours(kind: CampaignKind) -> None:
    spec = KINDS[kind]
    assert spec.remind_off and spec.quiet_hours and spec.recheck_at_send and spec.plan is not None


@pytest.mark.parametrize("kind", [CampaignKind.BROADCAST, CampaignKind.CHANGE, CampaignKind.NOTICE])
def test_broadcasts_changes_and_notices_are_told_as_written(kind: CampaignKind) -> None:
    spec = KINDS[kind]
    assert not (spec.remind_off or spec.quiet_hours or spec.recheck_at_send) and spec.plan is None


@pytest.mark.parametrize("module", [scheduler, sender])
def test_the_scheduler_and_the_sender_name_no_kind(module: ModuleType) -> None:
    source = inspect.getsource(module)
    assert "CampaignKind" not in source
    assert not [kind for kind in STORED if f'"{kind}"' in source]


async def test_a_campaign_of_an_unknown_kind_goes_to_nobody(bot: Bot, recorder: RecordingNotifier) -> None:
    now = bot.clock()
    async with bot.uow() as uow:
        await uow.members.upsert_seen("console", "alice", "Alice", now)
        await uow.outbox.create_campaign(
            "newsletter:1", "newsletter", "everyone", now, now, "test", text="Hi"
        )
        await uow.commit()
    assert await Scheduler.for_bot(bot).run_once() == 0
    assert recorder.sent == []
