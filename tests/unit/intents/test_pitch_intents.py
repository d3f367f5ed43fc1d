"""Natural sentences in six languages that the pitch commands answer: `pitch`, `move pitch N`, `cancel pitch`;
and corrections ("I wanted the 2:10 one", "я хотел слот 7") that name the slot really wanted."""

from __future__ import annotations

import pytest

from bot.context import Context
from handlers.intents.rules import understand

PITCH_REQUESTS = [
    ("we'd like a pitch slot", "pitch"),
    ("i want to book slot 7", "pitch 7"),
    ("Quiero el turno 7", "pitch 7"),
    ("nous voudrions réserver un créneau de présentation", "pitch"),
    ("мы хотим забронировать слот для питча", "pitch"),
    ("نريد حجز فترة عرض", "pitch"),
    ("我们想预订一个路演时段", "pitch"),
    ("can we go earlier? slot 2", "move pitch 2"),
    ("Nous voudrions déplacer notre pitch au créneau 3", "move pitch 3"),
    ("¿Podemos cambiar nuestro turno al 4?", "move pitch 4"),
    ("wait I typed 7, I wanted the 2:10 one", "move pitch 2:10"),
    ("no I wanted the 2:10 one", "move pitch 2:10"),
    ("we wanted slot 9 not 8", "move pitch 9"),
    ("je voulais le créneau 7", "move pitch 7"),
    ("perdón, me equivoqué, queríamos el turno 7", "move pitch 7"),
    ("подождите, я ошибся, я хотел слот 7", "move pitch 7"),
    ("عفوا، أردت الفترة 7", "move pitch 7"),
    ("我要的是第7个时段", "move pitch 7"),
    ("we need to cancel our pitch", "cancel pitch"),
    ("我们想取消路演", "cancel pitch"),
]
NOT_A_SLOT = ["oops I meant 2 experts", "wrong email, it is a@b.org", "wait what, we lost our slot??"]


@pytest.mark.parametrize(("sentence", "command"), PITCH_REQUESTS)
def test_pitch_requests_become_commands(ctx: Context, sentence: str, command: str) -> None:
    assert understand(sentence, ctx) == command


@pytest.mark.parametrize("sentence", NOT_A_SLOT)
def test_corrections_without_a_slot_are_no_move(ctx: Context, sentence: str) -> None:
    assert understand(sentence, ctx) is None
