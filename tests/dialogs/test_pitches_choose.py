"""Providers choose a pitch slot by its number or its start time, in six languages — never by its place in a
list, and a time is read in the pitch session's hours (issue 12: "typing 7 booked slot 8", "2:05 am")."""

from __future__ import annotations

from tests.dialogs.conftest import Talk
from tests.dialogs.pitching import active, book, held


async def test_after_slot_8_is_taken_typing_7_books_slot_7(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    first, second = talk.person("ngo1", "slack", "en-US"), talk.person("ngo2", "slack", "en-US")
    await book(first, 8, "Alpha Foundation", "Cyber academy")
    listed = await second.says("pitch")
    assert "7 · 2:10 pm" in listed and "8 · 2:15 pm" not in listed  # each free slot with its number and time
    assert "Which organisation" in await second.says("7")
    claimed = await second.says("Beta Institute")
    assert "Slot 7 is booked for Beta Institute: 2:10 – 2:13 pm EDT" in claimed
    assert await active(talk) == {"Alpha Foundation": ("confirmed", 8), "Beta Institute": ("confirmed", 7)}


async def test_the_2_10_one_is_slot_7_and_2_05_is_never_at_night(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    aide = talk.person("aide", "teams", "en-GB")
    await aide.says("pitch")
    await aide.says("the 2:10 one")
    assert "Slot 7 is booked for Pacific Cyber Hub" in await aide.says("Pacific Cyber Hub")
    assert "title of your pitch" not in await aide.says("cancel")  # leaves the title step, keeps the slot
    other = talk.person("other", "teams", "en-GB")
    await other.says("pitch 2:05")
    reply = await other.says("Other Org")
    assert "Slot 6 is booked for Other Org: 2:05 – 2:08 pm EDT" in reply
    assert await active(talk) == {"Pacific Cyber Hub": ("confirmed", 7), "Other Org": ("confirmed", 6)}


async def test_book_slot_6_at_2_05_books_slot_6_not_a_schedule_answer(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    aide = talk.person("aide", "slack", "en-US")
    reply = await aide.says("pitch can we book slot 6 for a pitch? 2:05 would be perfect")
    assert "Nothing is scheduled" not in reply and "Which organisation" in reply
    assert "Slot 6 is booked for Fiji CERT: 2:05 – 2:08 pm EDT" in await aide.says("Fiji CERT")
    assert [(h.provider, h.slot, h.status) for h in await held(talk)] == [("Fiji CERT", 6, "confirmed")]


async def test_a_number_and_a_time_that_disagree_are_asked_about(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    aide = talk.person("aide", "slack", "en-US")
    asked = await aide.says("pitch slot 6 at 2:10")
    assert "Slot 6 starts at 2:05 pm, but 2:10 pm is when slot 7 starts. Which one do you mean?" in asked
    assert await talk.bookings() == []  # nothing booked on a guess
    await aide.clicks("pitch.claim", "7")
    await aide.says("Island Org")
    assert await active(talk) == {"Island Org": ("confirmed", 7)}


async def test_a_time_no_slot_starts_at_lists_the_free_slots(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    aide = talk.person("aide", "slack", "en-US")
    await aide.says("pitch")
    reply = await aide.says("2:12")
    assert "No pitch slot starts at that time" in reply
    assert "the slots start every 5 minutes from 1:40 pm to 2:50 pm." in reply
    assert "Which slot would you like?" in reply and "7 · 2:10 pm" in reply
    await aide.says("2:15")
    await aide.says("Lagoon Org")
    assert await active(talk) == {"Lagoon Org": ("confirmed", 8)}


async def test_french_provider_picks_the_14h10_slot(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    ong = talk.person("ong", "teams", "fr-FR")
    listed = await ong.says("pitch")
    assert "Quel créneau voulez-vous ?" in listed and "7 · 14:10" in listed
    await ong.says("le créneau de 14h10")
    assert "Le créneau 7 est réservé pour Cyber Afrique" in await ong.says("Cyber Afrique")
    await ong.says("Formation des CERT")
    assert await active(talk) == {"Cyber Afrique": ("confirmed", 7)}
    assert (await held(talk))[0].title == "Formation des CERT"


async def test_french_provider_types_creneau_7(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    ong = talk.person("ong", "slack", "fr-FR")
    await ong.says("pitch")
    assert "Quelle organisation présentera" in await ong.says("créneau 7")
    assert "Le créneau 7 est réservé" in await ong.says("Francophonie Numérique")
    assert await active(talk) == {"Francophonie Numérique": ("confirmed", 7)}


async def test_spanish_provider_picks_turno_7_after_turno_3_is_taken(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    await book(talk.person("first", "slack", "es-ES"), 3, "Primera ONG", "Uno")
    ong = talk.person("ong", "slack", "es-ES")
    assert "¿Qué turno desea?" in await ong.says("pitch")
    await ong.says("turno 7")
    assert "El turno 7 está reservado para Ciber Andes" in await ong.says("Ciber Andes")
    assert await active(talk) == {"Primera ONG": ("confirmed", 3), "Ciber Andes": ("confirmed", 7)}


async def test_spanish_provider_names_las_14_10(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    ong = talk.person("ong", "teams", "es-MX")
    await ong.says("pitch")
    await ong.says("la de las 14:10 por favor")
    assert "El turno 7 está reservado" in await ong.says("Red Latina")
    assert await active(talk) == {"Red Latina": ("confirmed", 7)}


async def test_russian_provider_types_slot_7(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    provider = talk.person("ru1", "slack", "ru-RU")
    listed = await provider.says("питч")
    assert "Какой слот вы хотите?" in listed and "7 · 14:10" in listed
    await provider.says("слот 7")
    assert "Слот 7 забронирован для «Киберцентр»" in await provider.says("Киберцентр")
    assert await active(talk) == {"Киберцентр": ("confirmed", 7)}


async def test_russian_provider_names_14_10(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    await book(talk.person("first", "slack", "ru-RU"), 8, "Первый", "Доклад")
    provider = talk.person("ru2", "slack", "ru-RU")
    await provider.says("pitch")
    await provider.says("в 14.10")
    assert "Слот 7 забронирован" in await provider.says("Второй центр")
    assert await active(talk) == {"Первый": ("confirmed", 8), "Второй центр": ("confirmed", 7)}


async def test_arabic_provider_types_al_fatra_7(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    provider = talk.person("ar1", "slack", "ar")
    listed = await provider.says("pitch")
    assert "أي فترة تريد؟" in listed
    await provider.says("الفترة 7")
    assert "حُجزت الفترة 7" in await provider.says("مركز الخليج")
    assert await active(talk) == {"مركز الخليج": ("confirmed", 7)}


async def test_arabic_provider_uses_arabic_indic_digits_and_pm(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    provider = talk.person("ar2", "teams", "ar")
    await provider.says("pitch")
    await provider.says("الساعة ٢:١٠ مساءً")
    assert "حُجزت الفترة 7" in await provider.says("منظمة النيل")
    assert await active(talk) == {"منظمة النيل": ("confirmed", 7)}


async def test_chinese_provider_types_di_7_ge(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    provider = talk.person("zh1", "slack", "zh-CN")
    listed = await provider.says("pitch")
    assert "您想要哪个时段？" in listed
    await provider.says("第7个")
    assert "已为亚太网络中心预订第7个时段" in await provider.says("亚太网络中心")
    assert await active(talk) == {"亚太网络中心": ("confirmed", 7)}


async def test_chinese_provider_names_afternoon_2_10(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    await book(talk.person("first", "teams", "zh-CN"), 8, "第一组织", "题目")
    provider = talk.person("zh2", "teams", "zh-CN")
    await provider.says("pitch")
    await provider.says("下午2点10分")
    assert "第7个时段" in await provider.says("第二组织")
    assert await active(talk) == {"第一组织": ("confirmed", 8), "第二组织": ("confirmed", 7)}


async def test_any_slot_or_the_earliest_books_the_first_free_and_the_latest_the_last(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    await book(talk.person("ngo1", "slack", "en-US"), 1, "Alpha Foundation", "Cyber academy")
    for person, said, organisation in (
        ("ngo2", "any slot is fine", "Beta Org"),
        ("ngo3", "le plus tôt possible", "Gamma Org"),
        ("ngo4", "the latest one please", "Delta Org"),
        ("ngo5", "любой", "Epsilon Org"),
    ):
        provider = talk.person(person, "slack")
        await provider.says("pitch")
        await provider.says(said)  # a slot is chosen from the words; the organisation is asked next
        await provider.says(organisation)
    booked = await active(talk)
    assert booked["Beta Org"] == ("confirmed", 2) and booked["Gamma Org"] == ("confirmed", 3)
    assert booked["Delta Org"] == ("confirmed", 15) and booked["Epsilon Org"] == ("confirmed", 4)


async def test_a_question_naming_any_at_the_slot_step_books_nothing(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    provider = talk.person("ngo", "slack", "en-US")
    await provider.says("pitch")
    reply = await provider.says("are there any later ones?")
    assert "Which organisation will present?" not in reply and "Which slot would you like?" in reply
    assert await active(talk) == {}
