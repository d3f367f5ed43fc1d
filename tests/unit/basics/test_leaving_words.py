"""Words that leave a form, typed when none is open ("quit", "stop", "salir"), and goodbyes: a short
answer in the person's language, never a typo-corrected FAQ answer ("quit" was read as "suit" and got the
dress code). Inside a form they still leave it; a side question at the delegation step is answered."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

NOTHING_TO_STOP = "Nothing is in progress, so there is nothing to stop."


@pytest.mark.parametrize("line", ["quit", "exit", "stop", "Stop!", "cancel", "abort"])
async def test_a_leaving_word_outside_a_form_says_there_is_nothing_to_stop(
    say: Callable[..., Any], line: str
) -> None:
    answer = await say(line)
    assert answer.startswith(NOTHING_TO_STOP)
    assert "`withdraw`" in answer and "`cancel pitch`" in answer and "`remind off`" in answer
    assert "dress" not in answer


@pytest.mark.parametrize(
    ("line", "opening"),
    [
        ("salir", "No hay nada en curso"),
        ("quitter", "Rien n'est en cours"),
        ("выход", "Сейчас ничего не выполняется"),
        ("خروج", "لا يوجد شيء قيد التنفيذ"),
        ("退出", "当前没有进行中的操作"),
    ],
)
async def test_in_every_language(say: Callable[..., Any], line: str, opening: str) -> None:
    assert (await say(line)).startswith(opening)


@pytest.mark.parametrize(
    ("line", "opening"),
    [("bye", "Goodbye."), ("au revoir", "Au revoir."), ("adiós", "Adiós."), ("до свидания", "До свидания.")],
)
async def test_a_goodbye_is_answered_in_kind(say: Callable[..., Any], line: str, opening: str) -> None:
    assert (await say(line)).startswith(opening)


async def test_a_question_with_exit_in_it_is_still_a_question(say: Callable[..., Any]) -> None:
    assert not (await say("where is the exit?")).startswith(NOTHING_TO_STOP)


async def test_inside_a_form_the_word_still_leaves_it(say: Callable[..., Any]) -> None:
    await say("register")
    assert (await say("quit")).startswith("Stopped. Nothing was saved")
    assert (await say("quit")).startswith(NOTHING_TO_STOP)


async def test_stop_reminders_turns_them_off(say: Callable[..., Any]) -> None:
    assert (await say("please stop sending me reminders")).startswith("Reminders are off.")
    assert (await say("turn reminders back on")).startswith("Reminders are on.")


async def test_a_side_question_at_the_delegation_step_is_answered_then_asked_again(
    say: Callable[..., Any],
) -> None:
    await say("register")
    answer = await say("wait, when is the signature panel?")
    assert answer.splitlines()[0].startswith("Signature Panel: ")
    assert "Back to where we were:" in answer and "Which delegation" in answer
    assert "simple punctuation" not in answer
    complaint = await say("what?? is this even working??")
    assert complaint.startswith("I cannot answer that here") and "Which delegation" in complaint
    assert "Who is the Head of Delegation of Fiji?" in await say("Fiji")
