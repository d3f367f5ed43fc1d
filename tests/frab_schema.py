"""This project's transcription of the frab/Pentabarf schedule schema (tests/data/frab_schedule.schema.json),
and a check against it that also asserts formats."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker

SCHEMA = json.loads((Path(__file__).parent / "data" / "frab_schedule.schema.json").read_text("utf-8"))


def check(document: object) -> None:
    """Raises jsonschema.ValidationError when ``document`` breaks the schema."""
    Draft202012Validator(SCHEMA, format_checker=FormatChecker()).validate(document)


def entries(document: dict[str, Any]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(day, entry) for every entry of every room of every day."""
    days = document["schedule"]["conference"]["days"]
    return [(day, entry) for day in days for room in day["rooms"].values() for entry in room]
