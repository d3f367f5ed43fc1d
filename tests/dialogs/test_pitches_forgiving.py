"""Forgiving pitch steps (issue 12: "wait I typed 7, I wanted the 2:10 one" and "wait what, we lost our
slot??" were saved as pitch titles). A line that is plausibly not an answer is held until confirmed; one
naming another slot or time offers the move there; a side question never gets "choose one of the options"."""

from __future__ import annotations

from tests.dialogs.conftest import Talk
from tests.dialogs.pitching import active, held


async def test_i_wanted_the_2_10_one_offers_the_move_and_is_not_a_title(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    ngo = talk.person("ngo", "slack", "en-US")
    await ngo.says("pitch 8")
    assert "What is the title of your pitch?" in await ngo.says("Pacific Hub")
    offered = await ngo.says("wait I typed 7, I wanted the 2:10 one")
    assert "Move Pacific Hub from slot 8 (2:15 – 2:18 pm EDT" in offered and "to slot 7 (2:10" in offered
    assert await active(talk) == {"Pacific Hub": ("confirmed", 8)}
    moved = await ngo.says("yes")
    assert "Pacific Hub now presents in slot 7" in moved and "What is the title of your pitch?" in moved
    await ngo.says("Cyber resilience for islands")
    assert [(h.slot, h.title) for h in await held(talk)] == [(7, "Cyber resilience for islands")]


async def test_we_lost_our_slot_is_held_and_no_asks_the_title_again(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    ngo = talk.person("ngo", "slack", "en-US")
    await ngo.says("pitch 4")
    await ngo.says("Island Org")
    asked = await ngo.says("wait what, we lost our slot??")
    assert "should I use “wait what, we lost our slot??” as the title of your pitch?" in asked
    assert (await held(talk))[0].title == ""
    assert "What is the title of your pitch?" in await ngo.says("no")
    assert "link to your 3 slides" in await ngo.says("Cyber for small States")
    assert [(h.slot, h.title) for h in await held(talk)] == [(4, "Cyber for small States")]


async def test_a_title_that_is_a_question_is_kept_after_yes(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    ngo = talk.person("ngo", "teams", "en-GB")
    await ngo.says("pitch 4")
    await ngo.says("Question Org")
    asked = await ngo.says("Why does cyber capacity matter?")
    assert "should I use “Why does cyber capacity matter?”" in asked
    assert "link to your 3 slides" in await ngo.clicks("pitch.held.yes")
    assert (await held(talk))[0].title == "Why does cyber capacity matter?"


async def test_another_command_with_an_argument_mid_title_is_held_not_stored(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    ngo = talk.person("ngo", "slack", "en-US")
    await ngo.says("pitch 4")
    await ngo.says("Sahel Org")
    reply = await ngo.says("export registrations")  # a command's words: never silently a title
    assert "Just to be sure" in reply and "export registrations" in reply
    assert (await held(talk))[0].title == ""
    assert "only the event organisers can do that" in await ngo.says("export")  # the bare word runs
    await ngo.says("Real title")
    assert (await held(talk))[0].title == "Real title"


async def test_my_pitch_mid_title_shows_it_then_asks_again(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    ngo = talk.person("ngo", "slack", "en-US")
    await ngo.says("pitch 4")
    await ngo.says("Mine Org")
    reply = await ngo.says("my pitch")
    assert "Slot 4: 1:55 – 1:58 pm EDT" in reply and "What is the title of your pitch?" in reply
    await ngo.says("Mine")
    assert (await held(talk))[0].title == "Mine"


async def test_a_complaint_naming_a_taken_slot_says_so_and_keeps_the_step(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    first, ngo = talk.person("first", "slack", "en-US"), talk.person("ngo", "slack", "en-US")
    await first.says("pitch 7")
    await first.says("First Org")
    await ngo.says("pitch 8")
    await ngo.says("Second Org")
    reply = await ngo.says("no I wanted the 2:10 one")
    assert "Sorry, slot 7 is taken; Second Org keeps slot 8" in reply and "What is the title" in reply
    await ngo.says("Second title")
    assert {h.provider: (h.slot, h.title) for h in await held(talk)}["Second Org"] == (8, "Second title")


async def test_a_side_question_while_choosing_a_slot_is_not_told_to_choose(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    ngo = talk.person("ngo", "slack", "en-US")
    await ngo.says("pitch")
    reply = await ngo.says("is there a dress code for the reception?")
    assert "please choose" not in reply.lower() and "Which slot would you like?" in reply
    assert await talk.bookings() == []
    await ngo.says("7")
    await ngo.says("Dress Org")
    assert await active(talk) == {"Dress Org": ("confirmed", 7)}


async def test_we_would_like_a_pitch_slot_shows_the_slots(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    ngo = talk.person("ngo", "slack", "en-US")
    reply = await ngo.says("we'd like a pitch slot")
    assert "15 of 15 slots are free" in reply and "7 · 2:10 pm" in reply
    await ngo.says("2:10")
    await ngo.says("Natural Org")
    assert await active(talk) == {"Natural Org": ("confirmed", 7)}


async def test_spanish_complaint_mid_title_is_held(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    ong = talk.person("ong", "slack", "es-ES")
    await ong.says("pitch 4")
    await ong.says("Ciber Andes")
    asked = await ong.says("espera, ¿perdimos nuestro turno??")
    assert "«" in asked or "“" in asked
    assert (await held(talk))[0].title == ""
    await ong.says("no")
    await ong.says("Capacidades en los Andes")
    assert (await held(talk))[0].title == "Capacidades en los Andes"


async def test_russian_complaint_naming_slot_7_offers_the_move(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    provider = talk.person("ru", "slack", "ru-RU")
    await provider.says("pitch 8")
    await provider.says("Киберцентр")
    offered = await provider.says("подождите, я ошибся, я хотел слот 7")
    assert "Перенести «Киберцентр» из слота 8" in offered and "в слот 7" in offered
    await provider.says("да")
    await provider.says("Доклад о CERT")
    assert [(h.slot, h.title) for h in await held(talk)] == [(7, "Доклад о CERT")]
