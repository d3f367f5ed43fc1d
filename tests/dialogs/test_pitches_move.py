"""Moving a pitch to a free slot (issue 12: "can we go earlier? slot 2" was not understood, `pitch 2` said
"first write cancel pitch"). The old slot stays the provider's until they say yes; the swap is one
transaction; two providers racing for one slot cannot both get it."""

from __future__ import annotations

from tests.dialogs.conftest import Talk
from tests.dialogs.pitching import active, book, fill_slots, held


async def test_move_pitch_2_keeps_the_old_slot_until_yes(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    ngo = talk.person("ngo", "slack", "en-US")
    await book(ngo, 5, "Alpha Foundation", "Cyber academy")
    asked = await ngo.says("move pitch 2")
    assert "Move Alpha Foundation from slot 5 (2:00 – 2:03 pm EDT" in asked
    assert "to slot 2 (1:45 – 1:48 pm EDT" in asked and "Slot 5 stays yours until you say yes." in asked
    assert await active(talk) == {"Alpha Foundation": ("confirmed", 5)}  # nothing moved yet
    done = await ngo.says("yes")
    assert "Alpha Foundation now presents in slot 2: 1:45 – 1:48 pm EDT" in done
    assert "Slot 5 is free again" in done
    assert [(h.provider, h.slot, h.status, h.title) for h in await held(talk)] == [
        ("Alpha Foundation", 2, "confirmed", "Cyber academy")  # one row, moved; title kept
    ]
    assert "5 · 2:00 pm" in await talk.person("other", "slack", "en-US").says("pitch")


async def test_move_by_time_and_no_keeps_everything(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    ngo = talk.person("ngo", "teams", "en-GB")
    await book(ngo, 5, "Beta Institute", "Beta pitch")
    assert "to slot 7 (2:10 – 2:13 pm EDT" in await ngo.says("move pitch 2:10")
    assert "nothing changed: Beta Institute keeps slot 5" in await ngo.says("no")
    assert await active(talk) == {"Beta Institute": ("confirmed", 5)}
    assert "Which slot" in await ngo.says("move pitch") and "7 · 2:10 pm" in ngo.last[-1].plain_text()
    assert "to slot 3" in await ngo.says("3")
    await ngo.clicks("Yes, move it")
    assert await active(talk) == {"Beta Institute": ("confirmed", 3)}


async def test_pitch_2_with_a_booking_offers_the_move(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    ngo = talk.person("ngo", "slack", "en-US")
    await book(ngo, 9, "Gamma Org", "Gamma")
    offered = await ngo.says("pitch 2")
    assert "first write `cancel pitch`" not in offered and "Move Gamma Org from slot 9" in offered
    await ngo.clicks("pitch.move.yes")
    assert await active(talk) == {"Gamma Org": ("confirmed", 2)}


async def test_can_we_go_earlier_slot_2_is_a_move(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    ngo = talk.person("ngo", "slack", "en-US")
    await book(ngo, 9, "Delta Network", "Delta")
    assert "Move Delta Network from slot 9" in await ngo.says("can we go earlier? slot 2")
    await ngo.says("yes please")
    assert await active(talk) == {"Delta Network": ("confirmed", 2)}


async def test_two_providers_racing_for_one_slot(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    first, second = talk.person("one", "slack", "en-US"), talk.person("two", "teams", "en-US")
    await book(first, 5, "First Org", "One")
    await book(second, 6, "Second Org", "Two")
    assert "to slot 2" in await first.says("move pitch 2")
    assert "to slot 2" in await second.says("move pitch 2")  # both offered: it is free for now
    assert "First Org now presents in slot 2" in await first.says("yes")
    lost = await second.says("yes")
    assert "Sorry, slot 2 is taken; Second Org keeps slot 6" in lost and "3 · 1:50 pm" in lost
    assert await active(talk) == {"First Org": ("confirmed", 2), "Second Org": ("confirmed", 6)}


async def test_move_when_every_other_slot_is_taken(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    ngo = talk.person("ngo", "slack", "en-US")
    await fill_slots(talk, leave_free=(4,))
    await book(ngo, 4, "Last Org", "Last")
    assert "No other slot is free at the moment, so Last Org keeps slot 4" in await ngo.says("move pitch")
    assert "Sorry, slot 2 is taken; Last Org keeps slot 4" in await ngo.says("move pitch 2")
    assert (await active(talk))["Last Org"] == ("confirmed", 4)


async def test_french_provider_moves_to_14h10(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    ong = talk.person("ong", "slack", "fr-FR")
    await book(ong, 5, "Cyber Afrique", "Former les CERT")
    asked = await ong.says("déplacer mon pitch 14h10")
    assert "Déplacer Cyber Afrique du créneau 5" in asked and "au créneau 7" in asked
    assert await active(talk) == {"Cyber Afrique": ("confirmed", 5)}
    assert "Cyber Afrique présente désormais dans le créneau 7" in await ong.says("oui")
    assert await active(talk) == {"Cyber Afrique": ("confirmed", 7)}


async def test_spanish_provider_moves_to_turno_2(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    ong = talk.person("ong", "teams", "es-ES")
    await book(ong, 5, "Ciber Andes", "Andes")
    assert "¿Pasar a Ciber Andes del turno 5" in await ong.says("mover mi pitch 2")
    assert "Ciber Andes presenta ahora en el turno 2" in await ong.says("sí")
    assert await active(talk) == {"Ciber Andes": ("confirmed", 2)}


async def test_russian_provider_moves_and_then_keeps(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    provider = talk.person("ru", "slack", "ru-RU")
    await book(provider, 5, "Киберцентр", "Доклад")
    assert "Перенести «Киберцентр» из слота 5" in await provider.says("перенести питч 14:10")
    assert "ничего не изменилось" in await provider.says("нет")
    assert "Перенести «Киберцентр» из слота 5" in await provider.says("move pitch 2")
    assert "теперь «Киберцентр» выступает в слоте 2" in await provider.says("да")
    assert await active(talk) == {"Киберцентр": ("confirmed", 2)}


async def test_arabic_provider_moves(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    provider = talk.person("ar", "slack", "ar")
    await book(provider, 5, "مركز الخليج", "عرض")
    assert "هل تريد نقل مركز الخليج من الفترة 5" in await provider.says("move pitch 2")
    assert "يقدم مركز الخليج الآن في الفترة 2" in await provider.says("نعم")
    assert await active(talk) == {"مركز الخليج": ("confirmed", 2)}


async def test_chinese_provider_moves_by_time(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    provider = talk.person("zh", "teams", "zh-CN")
    await book(provider, 5, "亚太网络中心", "题目")
    assert "要把亚太网络中心从第5个时段" in await provider.says("move pitch 下午2点10分")
    assert "亚太网络中心现在在第7个时段演讲" in await provider.says("是")
    assert await active(talk) == {"亚太网络中心": ("confirmed", 7)}
