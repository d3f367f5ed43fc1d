"""`cancel pitch` asks first, showing what would be lost (slot and time, title, slides) and where the slot
goes (issue 12: it gave the slot away at once). A waitlisted provider is told, in their language, when a
slot frees up for them."""

from __future__ import annotations

from tests.dialogs.conftest import Talk
from tests.dialogs.pitching import active, book, fill_slots, held


async def test_cancel_shows_what_is_lost_and_no_keeps_it(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    ngo = talk.person("ngo", "slack", "en-US")
    await ngo.says("pitch 5")
    await ngo.says("Alpha Foundation")
    await ngo.says("Cyber academy")
    await ngo.says("https://example.org/deck.pdf")
    asked = await ngo.says("cancel pitch")
    assert "Cancel the pitch of Alpha Foundation? You would lose slot 5 (2:00 – 2:03 pm EDT" in asked
    assert "the title “Cyber academy”" in asked and "the slides link https://example.org/deck.pdf" in asked
    assert "The slot would become free for anyone to book." in asked
    assert await active(talk) == {"Alpha Foundation": ("confirmed", 5)}
    assert "nothing changed: Alpha Foundation keeps slot 5" in await ngo.says("no")
    assert await active(talk) == {"Alpha Foundation": ("confirmed", 5)}


async def test_yes_gives_the_slot_to_the_first_waiting_who_is_told(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    await fill_slots(talk, leave_free=(7,))
    ngo, waiting = talk.person("ngo", "slack", "en-US"), talk.person("waiting", "teams", "en-GB")
    await book(ngo, 7, "Seventh Org", "Seven")
    await waiting.says("pitch waitlist")
    assert "number 1 on the waitlist" in await waiting.says("Patient Org")
    await waiting.says("Patience pays")
    await waiting.says("skip")  # slides later: their flow ends (a notice waits while a flow is open)
    asked = await ngo.says("cancel my pitch")
    assert "go at once to the first of the 1 on the waitlist" in asked
    assert waiting.notices() == []  # nothing given away before the yes
    done = await ngo.clicks("Yes, cancel it")
    assert "Seventh Org gave up slot 7" in done and "Changed your mind?" not in done  # it is taken again
    assert "Patient Org presents in slot 7: 2:10 – 2:13 pm EDT" in waiting.notices()[-1]
    bookings = {h.provider: (h.status, h.slot, h.title) for h in await held(talk)}
    assert bookings["Seventh Org"] == ("cancelled", 7, "Seven")
    assert bookings["Patient Org"] == ("confirmed", 7, "Patience pays")


async def test_cancelling_a_waitlist_place_says_so(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    await fill_slots(talk)
    waiting = talk.person("waiting", "slack", "en-US")
    await waiting.says("pitch waitlist")
    await waiting.says("Line Org")
    await waiting.says("stop")
    assert "You would lose place 1 on the waitlist." in await waiting.says("cancel pitch")
    assert "Line Org gave up its place on the waitlist" in await waiting.says("yes")
    assert "Line Org" not in await active(talk)


async def test_french_cancel_then_oui(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    ong = talk.person("ong", "teams", "fr-FR")
    await book(ong, 4, "Cyber Afrique", "Former les CERT")
    asked = await ong.says("annuler mon pitch")
    assert "Annuler la présentation de Cyber Afrique ? Vous perdriez le créneau 4" in asked
    assert "le titre « Former les CERT »" in asked
    assert await active(talk) == {"Cyber Afrique": ("confirmed", 4)}
    assert "Cyber Afrique a renoncé" in await ong.says("oui")
    assert await active(talk) == {}


async def test_spanish_cancel_then_the_keep_button(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    ong = talk.person("ong", "slack", "es-ES")
    await book(ong, 4, "Ciber Andes", "Andes")
    asked = await ong.says("cancelar mi pitch")
    assert "¿Cancelar la presentación de Ciber Andes? Perdería el turno 4" in asked
    assert "Ciber Andes conserva el turno 4" in await ong.clicks("No, conservarlo")
    assert await active(talk) == {"Ciber Andes": ("confirmed", 4)}


async def test_russian_waitlisted_provider_is_told_in_russian(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    await fill_slots(talk, leave_free=(3,))
    ngo, waiting = talk.person("ngo", "slack", "en-US"), talk.person("ru", "slack", "ru-RU")
    await book(ngo, 3, "Third Org", "Three")
    await waiting.says("pitch waitlist")
    assert "1" in await waiting.says("Киберцентр")
    await waiting.says("Доклад")
    await waiting.says("пропустить")
    await ngo.says("cancel pitch")
    await ngo.says("yes")
    assert "Хорошая новость: освободился слот для питча" in waiting.notices()[-1]
    assert "«Киберцентр» выступает в слоте 3" in waiting.notices()[-1]
    assert (await active(talk))["Киберцентр"] == ("confirmed", 3)


async def test_chinese_waitlisted_provider_is_told_in_chinese(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    await fill_slots(talk, leave_free=(3,))
    ngo, waiting = talk.person("ngo", "teams", "en-US"), talk.person("zh", "teams", "zh-CN")
    await book(ngo, 3, "Third Org", "Three")
    await waiting.says("pitch waitlist")
    await waiting.says("亚太网络中心")
    await waiting.says("题目")
    await waiting.says("跳过")
    await ngo.says("cancel pitch")
    await ngo.says("yes")
    assert "好消息：有一个演讲时段空出，现已归您。亚太网络中心将在第3个时段演讲" in waiting.notices()[-1]
    assert (await active(talk))["亚太网络中心"] == ("confirmed", 3)


async def test_arabic_cancel_with_naam(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    provider = talk.person("ar", "slack", "ar")
    await book(provider, 4, "مركز الخليج", "عرض")
    asked = await provider.says("cancel pitch")
    assert "هل تريد إلغاء عرض مركز الخليج؟ ستفقد الفترة 4" in asked
    assert await active(talk) == {"مركز الخليج": ("confirmed", 4)}
    assert "تخلى مركز الخليج" in await provider.says("نعم")
    assert await active(talk) == {}


async def test_russian_and_chinese_cancel_words_ask_first(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    ru, zh = talk.person("ru", "slack", "ru-RU"), talk.person("zh", "slack", "zh-CN")
    await book(ru, 4, "Киберцентр", "Доклад")
    await book(zh, 5, "亚太网络中心", "题目")
    assert "Отменить питч «Киберцентр»? Вы потеряете: слот 4" in await ru.says("отменить питч")
    assert "要取消亚太网络中心的演讲吗？您将失去第5个时段" in await zh.says("取消路演")
    assert await active(talk) == {"Киберцентр": ("confirmed", 4), "亚太网络中心": ("confirmed", 5)}
    await ru.says("нет")
    await zh.says("是")
    assert await active(talk) == {"Киберцентр": ("confirmed", 4)}
