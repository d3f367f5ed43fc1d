"""A provider or a delegate who changes their mind mid-conversation, in their own words: "keep it" keeps
(it cancelled as a plain yes), "no wait, keep it" is a no, "cancel the pitch please" mid-title asks the
cancel question (it was held as a title), "yes" is no organisation's name, and a person's name typed too soon
after "register Fiji" is not taken as the delegation without asking."""

from __future__ import annotations

import pytest

from tests.dialogs.conftest import Person, Talk
from tests.dialogs.pitching import active, held
from tests.dialogs.registration_steps import answer_the_rest, registrations


async def booked_slot_6(provider: Person) -> None:
    assert "Which organisation will present?" in await provider.says(
        "we would like a pitch slot, number 6 please"
    )
    assert "What is the title of your pitch?" in await provider.says("Global Forum on Cyber Expertise")


@pytest.mark.parametrize("answer", ["keep it", "no wait, keep it", "nope, leave it", "Keep our slot please"])
async def test_keeping_words_to_the_cancel_question_keep_the_booking(talk: Talk, answer: str) -> None:
    talk.at("2024-04-10 09:00")
    gfce = talk.person("gfce", "slack", "en-US")
    await booked_slot_6(gfce)
    asked = await gfce.says("hmm, we changed our minds, cancel the pitch please")
    assert "Cancel the pitch of Global Forum on Cyber Expertise? You would lose slot 6" in asked
    kept = await gfce.says(answer)
    assert "nothing changed: Global Forum on Cyber Expertise keeps slot 6" in kept
    assert await active(talk) == {"Global Forum on Cyber Expertise": ("confirmed", 6)}
    assert (await held(talk))[0].title == ""  # the cancel request was never a title


async def test_yes_please_to_the_cancel_question_cancels(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    gfce = talk.person("gfce", "teams", "en-GB")
    await booked_slot_6(gfce)
    await gfce.says("we need to cancel our pitch")
    done = await gfce.says("yes, please do")
    assert await active(talk) == {}
    assert "Changed your mind? `pitch 6` books it again while it is free." in done
    assert "Slot 6 is booked for Global Forum on Cyber Expertise" in await gfce.says("pitch 6")


async def test_asking_for_our_pitch_mid_title_shows_it_and_asks_the_title_again(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    gfce = talk.person("gfce", "slack", "en-US")
    await booked_slot_6(gfce)
    shown = await gfce.says("what time is our pitch again?")
    assert "Slot 6: 2:05 – 2:08" in shown and shown.rstrip().endswith("What is the title of your pitch?")
    assert "Just to be sure" not in shown
    await gfce.says("Cyber capacity for all")
    assert (await held(talk))[0].title == "Cyber capacity for all"


@pytest.mark.parametrize("answer", ["yes", "no", "ok", "skip"])
async def test_a_yes_or_no_is_no_organisation_name(talk: Talk, answer: str) -> None:
    talk.at("2024-04-10 09:00")
    gfce = talk.person("gfce", "slack", "en-US")
    await gfce.says("pitch 2")
    assert "Which organisation will present?" in await gfce.says(answer)
    assert await active(talk) == {}
    assert "Slot 2 is booked for GFCE" in await gfce.says("GFCE")


async def test_a_question_at_the_organisation_step_is_held_not_taken(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    gfce = talk.person("gfce", "slack", "en-US")
    await gfce.says("pitch 2")
    asked = await gfce.says("how long is each pitch?")
    assert 'Pitches are 3-minute, 3-slide "elevator pitch" presentations' in asked  # "each" is no "reach"
    assert "please give the name of the organisation that will present" in asked
    assert "Yes, use it" not in asked
    assert "Which organisation will present?" in await gfce.says("no")
    assert "Slot 2 is booked for GFCE" in await gfce.says("GFCE")


async def fiji_registered(talk: Talk) -> Person:
    """The aide of a confirmed Fiji registration, on Slack, on 10 April."""
    talk.at("2024-04-10 09:00")
    aide = talk.person("aide", "slack", "en-US")
    await aide.says("register")
    await aide.says("Fiji")
    await answer_the_rest(aide)
    return aide


async def test_keep_it_to_the_withdraw_question_keeps_the_registration(talk: Talk) -> None:
    aide = await fiji_registered(talk)
    assert "Withdraw the registration of Fiji?" in await aide.says("withdraw")
    assert "The registration is kept as it was." in await aide.says("keep it")
    await aide.says("withdraw")
    assert "The registration is kept as it was." in await aide.says("no, keep us registered")
    assert [r.status for r in await registrations(talk)] == ["confirmed"]
    await aide.says("withdraw")
    await aide.says("yes please")
    assert [r.status for r in await registrations(talk)] == ["withdrawn"]


async def test_a_persons_name_typed_after_register_fiji_is_asked_about_not_taken(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    aide = talk.person("aide", "slack", "en-US")
    assert "Register the delegation of Fiji (Republic of Fiji)?" in await aide.says("register Fiji")
    asked = await aide.says("Jone Tuiloma")
    assert "Register “Jone Tuiloma” as the name of your delegation?" in asked
    assert "Register the delegation of Fiji (Republic of Fiji)?" in await aide.says("no")  # offered again
    assert "Who is the Head of Delegation of Fiji?" in await aide.says("yes")
    await answer_the_rest(aide, hod="Jone Tuiloma")
    [stored] = await registrations(talk)
    assert (stored.delegation, stored.hod) == ("Fiji", "Jone Tuiloma")


async def test_a_misspelt_state_after_register_is_still_corrected_in_one_step(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    aide = talk.person("aide", "slack", "en-US")
    await aide.says("register Fidji")
    assert "Who is the Head of Delegation of Fiji?" in await aide.says("1")


async def test_a_yes_where_the_delegation_is_asked_is_no_delegation(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    aide = talk.person("aide", "console")
    await aide.says("register")
    assert "Which delegation are you registering" in await aide.says("yes")
    ru = talk.person("ru", "console")
    asked = await ru.says("я хочу зарегестрировать делегацию казахстана")
    assert "Зарегистрировать делегацию: Казахстан (Республика Казахстан)?" in asked
    assert "Кто является главой делегации (Казахстан)?" in await ru.says("да")


async def test_news_of_a_change_records_the_value_it_gives(talk: Talk) -> None:
    aide = await fiji_registered(talk)
    updated = await aide.says("our HoD changed, it is now Ms. Ana Ruiz.")
    assert updated.startswith("Updated.") and "Head of Delegation: Ms. Ana Ruiz" in updated
    assert "Contact e-mail: ana@example.org" in await aide.says("our contact email is now ana@example.org")
    [stored] = await registrations(talk)
    assert stored.hod == "Ms. Ana Ruiz"
    asked = await aide.says("notre chef de délégation a changé")  # no value given: the question is asked
    assert "Qui est le chef de la délégation de Fidji ?" in asked
