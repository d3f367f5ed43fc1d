"""Scripted terminal conversations with the real `roundtable-bot chat`: several users in sequence on one
SQLite file, before the expression-of-interest deadline. A waitlist promotion and a match, end to end."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.e2e.serve_helpers import cli

BUNDLED = Path(__file__).resolve().parents[2] / "bot/data/events/global-roundtable-2024.yaml"
BEFORE_DEADLINE = "2024-04-10T10:00"


@pytest.fixture
def two_slot_event(tmp_path: Path) -> Path:
    """The bundled event with the organiser setting of two pitch slots, so three providers fill it."""
    text = BUNDLED.read_text(encoding="utf-8")
    assert "    count: 15\n" in text
    path = tmp_path / "two-slots.yaml"
    path.write_text(text.replace("    count: 15\n", "    count: 2\n"), encoding="utf-8")
    return path


def chat(user: str, lines: list[str], tmp_path: Path, event: Path, now: str = BEFORE_DEADLINE) -> str:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}",
        "PYTHONWARNINGS": "error",
    }
    env.pop("ROUNDTABLE_ORGANISERS", None)
    result = cli(
        ["chat", "--user", user, "--now", now, "--event", str(event)],
        env,
        stdin="\n".join(lines) + "\n",
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    return result.stdout.replace("\u2009", " ").replace("\u202f", " ")


def test_waitlist_promotion_in_the_terminal(tmp_path: Path, two_slot_event: Path) -> None:
    alpha = chat("A", ["pitch 1", "Alpha Foundation", "Cyber academy", "skip"], tmp_path, two_slot_event)
    assert "Slot 1 is booked for Alpha Foundation: 1:40 – 1:43 pm EDT, Friday, 10 May 2024." in alpha
    beta_says = ["pitch", "1", "2", "Beta Institute", "Beta pitch", "https://example.org/beta.pdf"]
    beta = chat("B", beta_says, tmp_path, two_slot_event)
    assert "\n  2 · 1:45 pm\n" in beta  # the only free slot, shown and chosen by its own number
    assert "Sorry, slot 1 has just been taken" in beta or "slot 1 is taken" in beta.lower()
    assert "Slot 2 is booked for Beta Institute" in beta

    gamma = chat("C", ["pitch", "1", "Gamma Org", "Gamma pitch", "skip"], tmp_path, two_slot_event)
    assert "All 2 pitch slots are taken" in gamma and "1. Join the waitlist" in gamma
    assert "Gamma Org is now number 1 on the waitlist" in gamma

    cancelled = chat("A", ["cancel pitch", "yes"], tmp_path, two_slot_event)
    assert "You would lose slot 1" in cancelled
    assert "Alpha Foundation gave up slot 1" in cancelled
    assert "[to console:C] Good news: a pitch slot has freed up" in cancelled
    assert "Gamma Org presents in slot 1: 1:40 – 1:43 pm EDT" in cancelled

    mine = chat("C", ["my pitch"], tmp_path, two_slot_event)
    assert "Slot 1: 1:40 – 1:43 pm EDT" in mine and "Title: Gamma pitch" in mine


SKIPS = ("skip", "skip")  # the profile's organisation and contact questions


def test_a_match_and_a_meeting_in_the_terminal(tmp_path: Path, two_slot_event: Path) -> None:
    chat("A", ["pitch 1", "Alpha Foundation", "Cyber academy", "skip"], tmp_path, two_slot_event)
    offer = chat(
        "A",
        # the profile's last questions skipped: a notice waits while its recipient is mid-flow
        [
            "offer People and Skills: cyber-apprenticeship training",
            "French, English",
            "West Africa",
            "skip",
            "skip",
        ],
        tmp_path,
        two_slot_event,
    )
    assert "Recorded: you offer People and Skills — cyber-apprenticeship training." in offer

    asked = chat(
        "M",
        ["need People & Skills: cyber apprenticeship training", "français", "skip", *SKIPS, "match", "1"],
        tmp_path,
        two_slot_event,
    )
    assert (
        "Alpha Foundation — score 95: you need People and Skills; "
        "Alpha Foundation offers cyber-apprenticeship training; both work in French "
        "(capability 50 + text 30 + language 15 + region 0)"
    ) in asked
    assert "1. Meet Alpha Foundation" in asked  # the console numbers the card's buttons
    assert "Request 1 sent" in asked
    assert "[to console:A] M would like to meet you at the matchmaking session (request 1)." in asked

    answered = chat("A", ["requests", "accept 1"], tmp_path, two_slot_event)
    assert "#1 from M: waiting for an answer" in answered
    assert "Accepted: you will meet M (request 1)" in answered
    assert "[to console:M] Alpha Foundation accepted your meeting request 1." in answered
    assert "#1 to Alpha Foundation: accepted" in chat("M", ["requests"], tmp_path, two_slot_event)


def test_after_the_deadline_sign_up_is_refused_with_link_and_contact(
    tmp_path: Path, two_slot_event: Path
) -> None:
    late = chat("L", ["pitch 1"], tmp_path, two_slot_event, now="2024-04-22T09:00")
    assert "due by 19 April 2024" in late
    assert "https://forms.office.com/e/mQAmu791Ak" in late and "cyberoewgchair@gmail.com" in late
