"""Scripted terminal conversations: the real `roundtable-bot chat` over a pipe, a temporary SQLite file,
a pinned clock (--now). A number typed after a question with options presses that option's button."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from tests.e2e.test_console import run_cli

ON_TIME = "2024-04-10T10:00"
LATE = "2024-04-25T09:00"
FULL = [
    "register",
    "France",
    "Jean Dupont",
    "Minister for Foreign Affairs",
    "Ana Ruiz, Legal Adviser; Li Wei, CERT lead",
    "1",  # reception: Yes
    "1",  # experts attending: All of them
    "2",  # Group II
    "hod@france.example",
    "1",  # Confirm
]
CODE = re.compile(r"join ([A-Z0-9]{4}-[A-Z0-9]{4})")


def chat(tmp_path: Path, user: str, lines: list[str], now: str = ON_TIME, *extra: str) -> str:
    result = run_cli(["chat", "--user", user, "--now", now, *extra], "\n".join(lines) + "\n", tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout
    return result.stdout


def exported(tmp_path: Path) -> list[dict[str, str]]:
    out = tmp_path / "registrations.csv"
    result = run_cli(["export", "registrations", "--out", str(out)], "", tmp_path)
    assert result.returncode == 0, result.stderr
    return list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))


def test_a_full_registration_in_the_terminal(tmp_path: Path) -> None:
    out = chat(tmp_path, "A", [*FULL, "my registration"])
    assert "Which delegation are you registering" in out
    assert "Jean Dupont is a Minister" in out
    assert "  1. Yes\n  2. No\n  3. Not sure yet" in out
    assert "the registration of France is recorded" in out
    assert "Status: confirmed" in out and "Registration of France:" in out
    [row] = exported(tmp_path)
    assert (row["delegation"], row["hod_name"], row["minister"], row["breakout_group"]) == (
        "France",
        "Jean Dupont",
        "yes",
        "II",
    )
    assert (row["late"], row["reception_experts"], row["registered_by"]) == (
        "no",
        "Ana Ruiz; Li Wei",
        "console:A",
    )


def test_a_colleague_joins_with_the_code(tmp_path: Path) -> None:
    match = CODE.search(chat(tmp_path, "A", FULL))
    assert match is not None
    out = chat(tmp_path, "B", [f"join {match.group(1)}", "my registration"], ON_TIME, "--lang", "en")
    assert "now a member of France" in out and "Head of Delegation: Jean Dupont" in out
    [row] = exported(tmp_path)
    assert row["members"] == "2"


def test_claiming_a_registered_delegation_without_the_code_goes_to_the_organisers(tmp_path: Path) -> None:
    chat(tmp_path, "A", FULL)
    out = chat(tmp_path, "M", ["register", "france"])
    assert "already registered by other members" in out
    [row] = exported(tmp_path)
    assert (row["members"], row["registered_by"]) == ("1", "console:A")
    requests = run_cli(["export", "join-requests", "--format", "json"], "", tmp_path)
    assert '"user": "console:M"' in requests.stdout


def test_a_late_registration_is_recorded_and_says_so(tmp_path: Path) -> None:
    out = chat(tmp_path, "A", FULL, LATE)
    assert "the registration deadline (19 April 2024) has passed" in out
    assert "the registration of France is recorded" in out
    assert "marked as late" in out and "cyberoewgchair@gmail.com" in out
    assert "Status: confirmed (after the deadline)" in out
    assert exported(tmp_path)[0]["late"] == "yes"


def test_a_restart_mid_conversation_continues_where_the_user_was(tmp_path: Path) -> None:
    first = chat(tmp_path, "A", FULL[:3])
    assert "What is the designation of Jean Dupont?" in first
    second = chat(tmp_path, "A", FULL[3:])  # a new process: the dialog row in the database carries on
    assert "Noted: Jean Dupont is a Minister." in second
    assert "Which delegation are you registering" not in second
    assert "the registration of France is recorded" in second


def test_bad_input_inside_the_flow_re_asks_and_nothing_half_written_is_kept(tmp_path: Path) -> None:
    hostile = ["x" * 3000, "🎉🎉🎉", "'; DROP TABLE member; --", "\x00\x1b[31m"]
    out = chat(
        tmp_path, "A", ["register", *hostile, "France", "Jean Dupont", *hostile, "cancel", "my registration"]
    )
    assert "That is too long" in out and "simple punctuation" in out
    assert out.count("Which delegation are you registering") == 1 + len(hostile)  # re-asked after each
    assert "Nothing was saved" in out and "no confirmed registration yet" in out
    assert exported(tmp_path) == []


def test_export_names_the_known_kinds_when_asked_for_an_unknown_one(tmp_path: Path) -> None:
    unknown = run_cli(["export", "everything"], "", tmp_path)
    assert unknown.returncode == 2
    assert unknown.stderr.startswith("error: unknown export 'everything'; known kinds: audit, ")
    bad_format = run_cli(["export", "audit", "--format", "xlsx"], "", tmp_path)
    assert (bad_format.returncode, bad_format.stderr.strip()) == (
        2,
        "error: --format: use csv, json or md, not 'xlsx'",
    )


def test_help_inside_the_flow_explains_instead_of_becoming_an_answer(tmp_path: Path) -> None:
    out = chat(tmp_path, "A", ["register", "help", "France"])
    assert "`register` your delegation" in out  # the help, then the same question again
    assert "Back to where we were:\nWhich delegation are you registering" in out
    assert "Head of Delegation of France" in out and "Head of Delegation of help" not in out
