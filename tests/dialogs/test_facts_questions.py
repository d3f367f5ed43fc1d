"""Right facts (issue 12): end times the programme does not give, who the invitation names, places with
their cross streets, rooms it does not name, what a late arrival missed, registering and pitching here."""

from __future__ import annotations

from tests.dialogs.conftest import Talk

CONTACT = "cyberoewgchair@gmail.com"


async def test_en_the_reception_has_no_end_time_and_experts_are_invited(talk: Talk) -> None:
    talk.at("2024-05-08 16:00")
    aide = talk.person("aide", platform="slack", locale="en-US")
    ends = await aide.says("when does the reception end?")
    assert "no end time" in ends and CONTACT in ends and "6:30 pm" in ends
    experts = await aide.says("can experts come to the reception?")
    assert "Ministers and Heads of Delegation plus accompanying experts" in experts
    assert await talk.delegations() == [] and aide.notices() == []


async def test_en_a_late_delegate_hears_what_they_missed_and_what_is_on(talk: Talk) -> None:
    talk.at("2024-05-10 14:10")
    late = talk.person("late", platform="teams", locale="en-GB")
    missed = await late.says("im late, what did i miss")
    assert "Ministerial Breakfast Meeting" in missed and "Signature Panel" in missed
    assert "On now" in missed and missed.index("Signature Panel") < missed.index("Matchmaking Session")
    room = await late.says("which room is breakout II")
    assert "no room" in room and CONTACT in room and "Group I:" not in room
    assert await talk.delegations() == []


async def test_en_registering_here_is_offered_and_works(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    aide = talk.person("aide", platform="console")
    how = await aide.says("can i do it here instead of the form?")
    assert "`register`" in how and "https://forms.office.com/r/3T2UGXcEp8" in how
    assert "Which delegation" in await aide.says("register")
    assert "Which delegation" not in await aide.says("cancel")
    assert await talk.delegations() == []


async def test_fr_thursday_evening_place_and_no_room(talk: Talk) -> None:
    talk.at("2024-05-08 12:00")
    delegue = talk.person("delegue", platform="slack", locale="fr-FR")
    place = await delegue.says("où allons-nous jeudi soir ?")
    assert "318 East 48th Street" in place and "entre la 1re et la 2e Avenue" in place
    room = await delegue.says("dans quelle salle a lieu le groupe de discussion II ?")
    assert "aucune salle" in room and CONTACT in room
    assert await talk.delegations() == []


async def test_fr_late_arrival_and_registering_here(talk: Talk) -> None:
    talk.at("2024-05-10 14:10")
    delegue = talk.person("retard", platform="teams", locale="fr-FR")
    missed = await delegue.says("je suis en retard, qu'est-ce que j'ai manqué ?")
    assert "Petit-déjeuner ministériel" in missed and "Panel phare" in missed
    assert "`inscrire`" in await delegue.says("comment s'inscrire ?")
    assert await talk.delegations() == []


async def test_es_reception_end_and_dress_code(talk: Talk) -> None:
    talk.at("2024-05-07 10:00")
    delegada = talk.person("delegada", platform="slack", locale="es-ES")
    ends = await delegada.says("¿a qué hora termina la recepción?")
    assert CONTACT in ends and "18:30" in ends
    dress = await delegada.says("¿hay código de vestimenta para la recepción?")
    assert "código de vestimenta" in dress and CONTACT in dress
    assert await talk.delegations() == []


async def test_es_how_to_get_to_the_mission_and_what_was_missed(talk: Talk) -> None:
    talk.at("2024-05-10 14:10")
    delegada = talk.person("tarde", platform="console")
    way = await delegada.says("¿cómo llegamos a la misión de Singapur?")
    assert "318 East 48th Street" in way and "entre la Primera y la Segunda Avenida" in way
    assert "Desayuno ministerial" in await delegada.says("llegué tarde, ¿qué me perdí?")


async def test_ar_reception_end_and_registering_here(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    mandoub = talk.person("mandoub", platform="slack", locale="ar")
    ends = await mandoub.says("متى ينتهي حفل الاستقبال؟")
    assert CONTACT in ends
    assert "`register`" in await mandoub.says("كيف أسجل وفدي هنا؟")
    assert await talk.delegations() == []


async def test_ar_thursday_evening_and_experts(talk: Talk) -> None:
    talk.at("2024-05-08 12:00")
    mandoub = talk.person("khabir", platform="teams", locale="ar")
    assert "318 East 48th Street" in await mandoub.says("أين نذهب مساء الخميس؟")
    assert "الخبراء المرافقين" in await mandoub.says("هل يمكن للخبراء حضور حفل الاستقبال؟")


async def test_ru_place_and_late_arrival(talk: Talk) -> None:
    talk.at("2024-05-08 12:00")
    delegat = talk.person("delegat", platform="slack", locale="ru")
    place = await delegat.says("Куда идти в четверг вечером?")
    assert "318 East 48th Street" in place and "между 1-й и 2-й авеню" in place
    talk.at("2024-05-10 14:10")
    assert "Министерский завтрак" in await delegat.says("Я опоздал, что я пропустил?")
    assert await talk.delegations() == []


async def test_ru_dress_code_and_room(talk: Talk) -> None:
    talk.at("2024-05-08 12:00")
    delegat = talk.person("odezhda", platform="console")
    assert CONTACT in await delegat.says("Есть ли дресс-код на приеме?")
    assert "не указан зал" in await delegat.says("В каком зале проходит обед?")


async def test_zh_experts_and_pitch_here(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    daibiao = talk.person("daibiao", platform="slack", locale="zh-CN")
    assert "随行专家" in await daibiao.says("专家可以参加招待会吗？")
    pitch = await daibiao.says("演讲需要什么格式？PPT吗？")
    assert "`pitch`" in pitch and "3" in pitch
    assert await talk.bookings() == []


async def test_zh_late_and_reception_end(talk: Talk) -> None:
    talk.at("2024-05-10 14:10")
    daibiao = talk.person("chidao", platform="teams", locale="zh-CN")
    assert "部长早餐会" in await daibiao.says("我迟到了，错过了什么？")
    assert CONTACT in await daibiao.says("招待会几点结束？")
