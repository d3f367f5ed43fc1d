"""The Chair's summary export at a fictional second edition (TEST DATA ONLY: tests/second_edition.py):
per edition and across the series, CSV, JSON and Markdown, never the text or owner of a restricted need."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from bot.event import Event
from handlers.organiser import export
from handlers.summaries.report import cell
from service.bootstrap import Bot
from tests.conftest import message
from tests.second_edition import (
    CURRENT,
    HIDDEN_OWNERS,
    PREVIOUS,
    PUBLIC_TEXTS,
    SECRET_TEXTS,
    second_edition,
    seed_two_editions,
)

KIND = "chair-summary"


@pytest.fixture
def event() -> Event:
    return second_edition()


@pytest.fixture
async def seeded(bot: Bot) -> Bot:
    await seed_two_editions(bot)
    return bot


async def _export(bot: Bot, fmt: str, lang: str = "en") -> str:
    async with bot.uow() as uow:
        content, _ = await export.export(uow, KIND, fmt, "test", bot.clock(), lang=lang, event=bot.event)
        await uow.commit()
    return content.decode("utf-8-sig")


async def _rows(bot: Bot) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads(await _export(bot, "json"))
    return rows


def _count(rows: list[dict[str, Any]], scope: str, section: str, **match: str) -> int:
    return sum(
        r["count"]
        for r in rows
        if r["scope"] == scope and r["section"] == section and all(r[k] == v for k, v in match.items())
    )


@pytest.mark.parametrize(
    ("fmt", "lang"), [("csv", "en"), ("json", "en"), ("md", "en"), ("md", "fr"), ("md", "zh")]
)
async def test_restricted_needs_are_counted_never_shown(seeded: Bot, fmt: str, lang: str) -> None:
    published = await _export(seeded, fmt, lang)
    assert [text for text in (*SECRET_TEXTS, *HIDDEN_OWNERS) if text in published] == []
    assert [text for text in PUBLIC_TEXTS if text not in published] == []
    assert "Examplestan" in published  # named beside its public need only


async def test_a_need_narrowed_at_this_edition_is_no_longer_listed_for_the_last_one(seeded: Bot) -> None:
    rows = await _rows(seeded)
    listed = [r["text"] for r in rows if r["section"] == "public-needs"]
    assert "Draft a national cyber strategy" not in listed  # public in 2024, now for providers only
    assert _count(rows, PREVIOUS, "needs", capability="policies-regulations") == 1  # still counted


async def test_each_edition_and_the_series_have_their_own_scope(seeded: Bot) -> None:
    rows = await _rows(seeded)
    scopes = list(dict.fromkeys(r["scope"] for r in rows))
    assert scopes == [CURRENT, PREVIOUS, "series"]  # this edition first
    assert (_count(rows, CURRENT, "needs"), _count(rows, PREVIOUS, "needs")) == (5, 5)
    # Across the series a need carried over counts once: 5 now + 2 of 2024 not carried (dropped, unanswered).
    assert _count(rows, "series", "needs") == 7
    # A region where fewer than 3 restricted needs share a capability is not named: it could name the State.
    assert _count(rows, CURRENT, "needs", capability="technology", region="Africa") == 0
    assert _count(rows, CURRENT, "needs", capability="technology", region="smaller regions") == 1
    assert _count(rows, CURRENT, "needs", capability="technology", region="Pacific") == 1  # public: named
    assert _count(rows, PREVIOUS, "meetings", state="held") == 1 and _count(rows, CURRENT, "meetings") == 0
    assert _count(rows, PREVIOUS, "follow-ups", state="project") == 1  # the furthest either side gave
    assert _count(rows, "series", "meet-requests", state="accepted") == 1
    assert _count(rows, "series", "meet-requests", state="pending") == 1
    decisions = {
        s: _count(rows, CURRENT, "carried-needs", state=s) for s in ("kept", "updated", "dropped", "asked")
    }
    assert decisions == {"kept": 2, "updated": 1, "dropped": 1, "asked": 1}
    public = [(r["scope"], r["organisation"], r["text"]) for r in rows if r["section"] == "public-needs"]
    assert public == [
        (CURRENT, "Republic of Testland", "SOC tooling and a SIEM for our CERT"),
        (PREVIOUS, "Examplestan", "Examplestan open need"),
        (PREVIOUS, "Republic of Testland", "SOC tooling for our CERT"),
        ("series", "Examplestan", "Examplestan open need"),
        ("series", "Republic of Testland", "SOC tooling and a SIEM for our CERT"),
    ]


async def test_the_csv_has_the_registry_header_and_the_json_rows(seeded: Bot) -> None:
    lines = (await _export(seeded, "csv")).splitlines()
    assert lines[0] == ",".join(export.COLUMNS[KIND])
    assert len(lines) - 1 == len(await _rows(seeded))


async def test_the_markdown_report_reads_by_edition_capability_and_region(seeded: Bot) -> None:
    report = await _export(seeded, "md")
    assert report.startswith("# Chair's summary: Global Roundtable on ICT Security Capacity-Building")
    headings = [line for line in report.splitlines() if line.startswith("## ")]
    assert headings == ["## Edition: second edition", "## Edition: 2024", "## Across the editions"]
    assert "| Capability | Pacific | Regions with fewer than 3 such needs | Total |" in report
    assert "| Technology | 1 | 1 | 2 |" in report
    assert "| Technology | needs | 0 | 1 | 0 | 0 |" in report  # carried over: updated once
    french = await _export(seeded, "md", "fr")
    assert "## Toutes éditions confondues" in french and "| Capacité |" in french and "Technologie" in french


async def test_markdown_keeps_a_participants_text_as_text(bot: Bot) -> None:
    assert cell("| # <script>x</script> *bold*\nnext") == r"\| \# \<script\>x\</script\> \*bold\* next"


async def test_organisers_get_it_in_chat_others_are_refused(seeded: Bot, say: Callable[..., Any]) -> None:
    replies = await seeded.handle(message("export chair-summary markdown", "organiser"))
    (attachment,) = replies[0].attachments
    assert attachment.filename.endswith(".md") and attachment.media_type == "text/markdown"
    assert "SOC tooling and a SIEM for our CERT" in attachment.content.decode()
    refused = await say("export chair-summary md", user="tl-head")
    assert "SOC" not in refused and "Testland" not in refused


async def test_another_kind_in_markdown_is_one_table(seeded: Bot) -> None:
    async with seeded.uow() as uow:
        content, count = await export.export(uow, "registrations", "md", "test", seeded.clock())
    text = content.decode()
    assert text.startswith("# registrations") and "| delegation | status |" in text and count == 1


async def test_before_a_second_edition_there_is_no_series_scope(bot: Bot) -> None:
    async with bot.uow() as uow:
        await uow.matchmaking.record_interest(
            CURRENT, "console:a", "need", "technology", "A SOC", bot.clock()
        )
        await uow.commit()
    rows = await _rows(bot)
    assert {r["scope"] for r in rows} == {CURRENT} and _count(
        rows, CURRENT, "needs", region="smaller regions"
    ) == 1
    assert "A SOC" not in json.dumps(rows)  # for providers by default: counted only
