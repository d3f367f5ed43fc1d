"""Organiser exports: the registry, CSV/JSON rendering, the chat command's permission and audit rows."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

import pytest

from bot.messages import Reply
from handlers.organiser import export
from service.bootstrap import Bot
from storage.uow import UnitOfWork
from tests.conftest import MutableClock, message

Say = Callable[..., Awaitable[str]]
ON_TIME = datetime.fromisoformat("2024-04-10T10:00:00-04:00")


async def ask(bot: Bot, text: str, user: str = "organiser") -> Reply:
    [reply] = await bot.handle(message(text, user=user))
    return reply


async def actions(bot: Bot) -> list[tuple[str, str, str]]:
    async with bot.uow() as uow:
        return [(e.actor, e.action, e.subject) for e in await uow.audit.all()]


async def register_france(say: Say, clock: MutableClock, hod: str = "Jean Dupont") -> None:
    clock.moment = ON_TIME
    answers = ["register", "France", hod, "Minister for Foreign Affairs", "none", "yes", "II", "a@fr.example"]
    for answer in [*answers, "confirm"]:
        await say(answer)


def read_csv(content: bytes) -> list[dict[str, str]]:
    assert content.startswith(export.BOM)
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


async def test_organiser_gets_the_registrations_as_a_csv_file_in_chat(
    bot: Bot, say: Say, clock: MutableClock
) -> None:
    await register_france(say, clock)
    reply = await ask(bot, "export registrations")
    [attachment] = reply.attachments
    assert attachment.filename == "registrations-20240410-1000.csv" and attachment.media_type == "text/csv"
    [row] = read_csv(attachment.content)
    assert tuple(row) == export.COLUMNS["registrations"]
    assert (row["delegation"], row["status"], row["minister"], row["reception_hod"]) == (
        "France",
        "confirmed",
        "yes",
        "yes",
    )
    assert "1 rows" in reply.text and reply.private
    assert (await actions(bot))[-1] == ("console:organiser", "export", "registrations")


async def test_json_format_and_the_audit_kind(bot: Bot, say: Say, clock: MutableClock) -> None:
    await register_france(say, clock)
    reply = await ask(bot, "export audit json")
    rows = json.loads(reply.attachments[0].content)
    assert [r["action"] for r in rows] == ["registration.confirm"]
    assert rows[0]["after"]["hod_name"] == "Jean Dupont" and rows[0]["at"].startswith("2024-04-10T14:00")


async def test_anyone_else_is_refused_politely_and_the_attempt_is_audited(bot: Bot) -> None:
    reply = await ask(bot, "export registrations", user="alice")
    assert reply.attachments == () and "only the event organisers" in reply.text
    assert await actions(bot) == [("console:alice", "export.refused", "registrations")]


async def test_an_unknown_kind_lists_the_known_ones_and_writes_nothing(bot: Bot) -> None:
    reply = await ask(bot, "export everything")
    assert ", ".join(sorted(export.EXPORTERS)) in reply.text and reply.attachments == ()
    assert {"audit", "join-requests", "registrations"} <= set(export.EXPORTERS)
    assert await actions(bot) == []


async def test_csv_cells_cannot_run_as_spreadsheet_formulas(bot: Bot, say: Say, clock: MutableClock) -> None:
    async with bot.uow() as uow:
        uow.audit.record(ON_TIME, "console:x", "test", '=HYPERLINK("http://evil")', note="+1-2")
        await uow.commit()
    [row] = read_csv((await ask(bot, "export audit")).attachments[0].content)
    assert row["subject"] == '\'=HYPERLINK("http://evil")' and row["note"] == "'+1-2"


def test_rendering_values() -> None:
    rows = [{"n": 1, "ok": True, "none": None, "at": datetime(2024, 4, 19, tzinfo=UTC), "names": ["a", "b"]}]
    [row] = read_csv(export.to_csv(rows, tuple(rows[0])))
    assert row == {"n": "1", "ok": "yes", "none": "", "at": "2024-04-19T00:00:00+00:00", "names": "a; b"}
    assert json.loads(export.to_json(rows))[0]["at"] == "2024-04-19T00:00:00+00:00"


@pytest.mark.parametrize("kind", sorted(export.COLUMNS))
async def test_an_empty_export_still_has_its_header_row(bot: Bot, kind: str) -> None:
    async with bot.uow() as uow:
        content, count = await export.export(uow, kind, "csv", "cli", ON_TIME)
    header = content.removeprefix(export.BOM).decode().splitlines()
    assert count == 0 and header == [",".join(export.COLUMNS[kind])]


@pytest.mark.parametrize(
    "cell",
    ["=1+1", " =1+1", "\n=1+1", "\u200b=HYPERLINK(1)", "\ufeff@SUM(A1)", "\t-2", "\x00+3", "\u00a0=1"],
)
def test_the_formula_guard_sees_past_invisible_leading_characters(cell: str) -> None:
    [row] = read_csv(export.to_csv([{"c": cell}], ("c",)))
    assert row["c"].startswith("'")


def test_ordinary_text_is_left_alone() -> None:
    [row] = read_csv(export.to_csv([{"c": "Ministry of ICT"}, {"c": " plain"}][:1], ("c",)))
    assert row["c"] == "Ministry of ICT"


async def test_a_kind_added_to_the_registry_is_offered_in_chat(
    bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def pitches(uow: UnitOfWork) -> export.Rows:
        return [{"slot": 1, "provider": "UNIDIR"}]

    monkeypatch.setitem(export.EXPORTERS, "pitches", pitches)
    monkeypatch.setitem(export.COLUMNS, "pitches", ("slot", "provider"))
    reply = await ask(bot, "export pitches")
    assert read_csv(reply.attachments[0].content) == [{"slot": "1", "provider": "UNIDIR"}]


def test_parse_request() -> None:
    assert export.parse_request("export registrations json") == ("registrations", "json")
    assert export.parse_request("Exportar registration") == ("registrations", "csv")
    assert export.parse_request("export") == ("", "csv")
