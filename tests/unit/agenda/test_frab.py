"""The programme as frab/Pentabarf schedule.json: valid against the schema, stable guids, each session once
in its day and room at event-local times, in six languages; from chat, the agenda card and the CLI."""

from __future__ import annotations

import copy
import json
import os
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from jsonschema import ValidationError, validators
from typer.testing import CliRunner

from bot.event import Event
from bot.i18n import translate
from bot.messages import Action
from handlers.agenda import frab
from handlers.agenda import personal as agenda
from service.bootstrap import Bot
from service.cli import app
from tests.conftest import message
from tests.frab_schema import check, entries

LANGS = ("en", "fr", "es", "ar", "ru", "zh")


@pytest.mark.parametrize("lang", LANGS)
def test_the_bundled_programme_is_valid_in_every_language(event: Event, lang: str) -> None:
    document = json.loads(frab.schedule_file(event, lang))
    check(document)
    assert document["$schema"] == "https://c3voc.de/schedule/schema.json"
    conference = document["schedule"]["conference"]
    assert conference["title"] == event.names["long"].get(lang)
    assert {e["language"] for _, e in entries(document)} == {lang}


@pytest.mark.parametrize(
    ("path", "broken"),
    [
        (("duration",), None),  # missing
        (("guid",), "not-a-guid"),
        (("start",), "9:45 am"),
        (("date",), "2024-05-10T09:45:00"),  # no offset: which zone?
        (("slug",), "Opening Plenary"),
        (("speaker_notes",), "…"),  # a key the schema does not know
    ],
)
def test_the_schema_refuses_a_broken_export(event: Event, path: tuple[str], broken: str | None) -> None:
    document = frab.schedule_document(event, "en")
    _, entry = entries(document)[0]
    if broken is None:
        del entry[path[0]]
    else:
        entry[path[0]] = broken
    with pytest.raises(ValidationError):
        check(document)


def test_the_schema_refuses_a_missing_day_end_and_an_acronym_with_hyphens(event: Event) -> None:
    document = frab.schedule_document(event, "en")
    without_end = copy.deepcopy(document)
    del without_end["schedule"]["conference"]["days"][0]["day_end"]
    with pytest.raises(ValidationError):
        check(without_end)
    document["schedule"]["conference"]["acronym"] = event.id  # "global-roundtable-2024"
    with pytest.raises(ValidationError):
        check(document)


def test_guids_and_ids_are_stable_across_runs_and_reordering(event: Event) -> None:
    first = {e["guid"]: e["id"] for _, e in entries(frab.schedule_document(event, "en"))}
    reordered = event.model_copy(update={"sessions": list(reversed(event.sessions))})
    assert {e["guid"]: e["id"] for _, e in entries(frab.schedule_document(reordered, "fr"))} == first
    namespace = uuid.uuid5(uuid.NAMESPACE_URL, "urn:roundtable-bot:frab-schedule")
    expected = {str(uuid.uuid5(namespace, f"{event.id}/session/{s.id}")) for s in event.sessions}
    assert set(first) == expected
    assert len(set(first.values())) == len(first)  # ids unique too
    assert frab.schedule_file(event, "en") == frab.schedule_file(event, "en")


def test_every_session_appears_once_on_its_day_in_its_room_at_event_time(event: Event) -> None:
    document = frab.schedule_document(event, "en")
    found = entries(document)
    guids = {str(frab.session_guid(event, s)): s for s in event.sessions}
    assert Counter(e["guid"] for _, e in found) == Counter(list(guids))
    for day, entry in found:
        session = guids[entry["guid"]]
        start = event.starts_at(session)
        assert entry["date"] == start.isoformat() and entry["date"].endswith("-04:00")  # EDT in May
        assert day["date"] == start.date().isoformat() and entry["start"] == f"{start:%H:%M}"
        venue = event.venue(session.venue)
        assert entry["room"] == (venue.name.get("en") if venue else "Venue not announced")
        assert entry in day["rooms"][entry["room"]]
    conference = document["schedule"]["conference"]
    assert (conference["start"], conference["end"], conference["daysCount"]) == (
        "2024-05-09",
        "2024-05-10",
        2,
    )
    assert conference["time_zone_name"] == "America/New_York"
    assert [d["day_start"] for d in conference["days"]] == [
        "2024-05-09T18:30:00-04:00",
        "2024-05-10T08:00:00-04:00",
    ]
    assert sorted(r["name"] for r in conference["rooms"]) == sorted({e["room"] for _, e in found})


def test_a_session_without_an_end_says_so_rather_than_inventing_one(event: Event) -> None:
    by_slug = {e["slug"]: e for _, e in entries(frab.schedule_document(event, "en"))}
    reception = by_slug["global_roundtable_2024-welcome-reception"]
    assert reception["duration"] == "00:00"
    assert translate("en", "agenda.frab.no_end") in reception["description"]
    assert "Heads of Delegation" in reception["description"]
    assert by_slug["global_roundtable_2024-signature-panel"]["duration"] == "02:00"
    assert translate("en", "agenda.frab.no_end") not in (
        by_slug["global_roundtable_2024-signature-panel"]["description"] or ""
    )


def test_durations_past_a_day_keep_counting_hours() -> None:
    from datetime import timedelta

    assert frab.duration_text(timedelta(hours=26, minutes=5)) == "26:05"
    assert frab.duration_text(timedelta(minutes=45)) == "00:45"


def test_cli_export_frab_in_french(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "schedule.json"
    result = runner.invoke(app, ["export", "frab", "--lang", "fr", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "8 sessions written to" in result.output
    document = json.loads(out.read_text("utf-8"))
    check(document)
    titles = {e["title"] for _, e in entries(document)}
    assert "Réception de bienvenue" in titles and "Welcome Reception" not in titles
    refused = runner.invoke(app, ["export", "frab", "--lang", "xx"])
    assert refused.exit_code == 2 and "--lang" in refused.output


async def test_chat_command_button_and_typed_label_send_the_file(bot: Bot) -> None:
    for reply in [
        *await bot.handle(message("programme json")),
        *await bot.handle(message("Programme (JSON)")),  # the button's label, typed
        *await bot.handle(message("", action=Action(agenda.FRAB_ACTION))),
    ]:
        [attachment] = reply.attachments
        assert attachment.media_type == "application/json"
        assert attachment.filename == "global-roundtable-2024-schedule.json"
        check(json.loads(attachment.content))
        assert "schedule.json" in reply.text and "sessions: 8" in reply.text


def _published_schema() -> dict[str, Any]:
    path = os.environ.get("ROUNDTABLE_FRAB_SCHEMA")
    if not path:
        pytest.skip("ROUNDTABLE_FRAB_SCHEMA is not set: no copy of the published schema to check against")
    # The published file carries // comments, which JSON does not allow.
    lines = Path(path).read_text("utf-8").splitlines()
    return dict(json.loads("\n".join(line for line in lines if not line.lstrip().startswith("//"))))


@pytest.mark.parametrize("lang", LANGS)
def test_valid_against_the_published_schema_when_given(event: Event, lang: str) -> None:
    schema = _published_schema()
    validators.validator_for(schema)(schema).validate(json.loads(frab.schedule_file(event, lang)))
