"""Numbers people type are bounded everywhere: a 23-digit id, a superscript or an Arabic-Indic digit gets a
polite answer, never an OverflowError or a traceback."""

from __future__ import annotations

import pytest

from handlers.shared.userinput import number
from tests.unit.registration.test_registration import Say

HUGE = "99999999999999999999999"
APOLOGY = "something went wrong"


@pytest.mark.parametrize(
    "text",
    [
        f"accept {HUGE}",
        f"decline #{HUGE}",
        f"pitch {HUGE}",
        f"follow {HUGE}",
        "pitch ²",
        "accept ٣",
        f"approve join {HUGE}",
        f"reject join {HUGE}",
        f"broadcast status #{HUGE}",
        f"pitch move {HUGE} 2",
        f"pitch remove {HUGE}",
    ],
)
async def test_huge_or_odd_numbers_get_a_polite_answer(say: Say, text: str) -> None:
    for user in ("alice", "organiser"):
        reply = await say(text, user=user)
        assert reply and APOLOGY not in reply and "Traceback" not in reply


def test_number_reads_only_small_ascii_numbers() -> None:
    assert [number(t) for t in ("7", "#12", " 3 ", "0")] == [7, 12, 3, 0]
    assert [number(t) for t in (HUGE, "²", "٣", "-1", "1.5", "", "#")] == [None] * 7
