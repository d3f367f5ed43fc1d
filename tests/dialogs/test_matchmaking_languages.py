"""Matchmaking that ends in a meeting, in French, Spanish, Russian, Arabic and Chinese: the profile asked
once, the shared contact, `who is …` and the meeting details in each recipient's own language."""

from __future__ import annotations

from tests.dialogs.conftest import Person, Talk
from tests.dialogs.matchmaking_state import flow_step, interests_of, profile_of, requests


async def english_provider(talk: Talk) -> Person:
    provider = talk.person("pcci-provider", platform="slack", locale="en-US")
    await provider.says("offer Technology: incident response training")
    for answer in (
        "English, French, Spanish",
        "skip",
        "Pacific Cyber Capacity Institute",
        "desk@pcci.example.org",
    ):
        await provider.says(answer)
    return provider


async def test_french_profile_contact_only_through_the_bot_and_asked_once(talk: Talk) -> None:
    talk.at("2024-04-16 09:00")
    aide = talk.person("claire", locale="fr-FR")
    assert "Dans quelles langues travaillez-vous" in await aide.says("besoin Technologie : formation CSIRT")
    assert "quelle région" in await aide.says("français, anglais")
    assert "Quelle organisation représentez-vous" in await aide.says("Afrique de l'Ouest")
    assert "Quel contact puis-je donner" in await aide.says("Ministère du numérique du Sénégal")
    assert "uniquement par le bot" in await aide.says("uniquement par le bot")
    second = await aide.says("besoin Personnes et compétences : mentorat d'analystes")
    assert "Dans quelles langues" not in second and "Quel contact" not in second
    profile = await profile_of(talk, aide)
    assert profile is not None
    assert (profile.languages, profile.organisation, profile.contact_email) == (
        ["fr", "en"],
        "Ministère du numérique du Sénégal",
        "",
    )


async def test_french_requester_is_told_in_french_when_an_english_provider_accepts(talk: Talk) -> None:
    talk.at("2024-05-03 10:00")
    provider = await english_provider(talk)
    aide = talk.person("claire", locale="fr-FR")
    await aide.says("besoin Technologie : formation à la réponse aux incidents")
    for answer in ("français", "passer", "Ministère du numérique du Sénégal", "claire@numerique.example.sn"):
        await aide.says(answer)
    assert "Demande 1" in await aide.says("rencontrer Pacific Cyber Capacity Institute")
    accepted = await provider.says("accept 1")
    assert "Contact: claire@numerique.example.sn" in accepted
    told = aide.notices()[-1]
    assert "Organisation : Pacific Cyber Capacity Institute" in told
    assert "Contact : desk@pcci.example.org" in told
    assert "Quand et où : Déjeuner : séance de mise en relation" in told
    assert "Siège de l'Organisation des Nations Unies" in told
    assert "qui est" not in told and "Voici Pacific" in await aide.says("qui est pcci-provider ?")
    assert "Avec Pacific Cyber Capacity Institute" in await aide.says("quand et où nous rencontrons-nous ?")


async def test_spanish_second_need_still_asks_the_languages(talk: Talk) -> None:
    talk.at("2024-04-17 12:00")
    aide = talk.person("lucia", locale="es-ES")
    assert "idiomas" in (await aide.says("necesito Tecnología: formación en respuesta a incidentes")).lower()
    second = await aide.says("necesito Personas y competencias: mentoría de analistas")
    assert "Anotado" in second and "idiomas" in second.lower()
    await aide.says("español, inglés")
    assert await flow_step(talk, aide) == "region"
    assert [kind for kind, *_ in await interests_of(talk, aide)] == ["need", "need"]
    profile = await profile_of(talk, aide)
    assert profile is not None and profile.languages == ["es", "en"]


async def test_spanish_who_is_and_my_meetings(talk: Talk) -> None:
    talk.at("2024-05-08 15:00")
    provider = await english_provider(talk)
    aide = talk.person("lucia", locale="es-ES")
    await aide.says("necesito Tecnología: respuesta a incidentes")
    for answer in ("español", "América Latina", "Ministerio TIC de Colombia", "solo por el bot"):
        await aide.says(answer)
    who = await aide.says("quién es pcci-provider?")
    assert "Esto es Pacific Cyber Capacity Institute" in who and "Ofrece Tecnología" in who
    await aide.says("reunirme con Pacific Cyber Capacity Institute")
    await provider.says("accept 1")
    mine = await aide.says("mis reuniones")
    assert "Con Pacific Cyber Capacity Institute" in mine and "desk@pcci.example.org" in mine
    assert "Almuerzo: sesión de emparejamiento" in mine
    assert await requests(talk) == [(aide.key, provider.key, "accepted")]


async def test_russian_fix_a_name_is_no_need(talk: Talk) -> None:
    talk.at("2024-04-18 10:00")
    aide = talk.person("ivan", locale="ru-RU")
    reply = await aide.says("нам нужно исправить имя эксперта")
    assert "регистрац" in reply and "направлени" not in reply
    short = await aide.says("нам нужно исправить имя")
    assert "ничего не записал" in short and "`change`" in short
    assert await interests_of(talk, aide) == []
    assert await flow_step(talk, aide) is None


async def test_russian_accept_notice_and_who_is_in_russian(talk: Talk) -> None:
    talk.at("2024-05-06 10:00")
    provider = await english_provider(talk)
    aide = talk.person("ivan", locale="ru-RU")
    assert "языках" in await aide.says("нам нужно Технологии: обучение реагированию на инциденты")
    for answer in (
        "русский и английский",
        "Центральная Азия",
        "Министерство цифрового развития",
        "только через бота",
    ):
        await aide.says(answer)
    who = await aide.says("кто такой pcci-provider")
    assert "Это Pacific Cyber Capacity Institute" in who and "сообщается, когда встреча согласована" in who
    await aide.says("meet Pacific Cyber Capacity Institute")
    await provider.says("accept 1")
    told = aide.notices()[-1]
    assert "С Pacific Cyber Capacity Institute" in await aide.says("где и когда мы встречаемся?")
    assert "Организация: Pacific Cyber Capacity Institute" in told
    assert "Когда и где: Обеденное время: сессия по подбору партнеров" in told
    profile = await profile_of(talk, aide)
    assert profile is not None and profile.languages == ["ru", "en"] and profile.contact_email == ""


async def test_arabic_profile_and_contact_through_the_bot(talk: Talk) -> None:
    talk.at("2024-04-19 09:00")
    aide = talk.person("omar", locale="ar-EG")
    await aide.says("نحتاج التكنولوجيا: تدريب على الاستجابة للحوادث")
    await aide.says("العربية والإنجليزية")
    await aide.says("شمال أفريقيا")
    assert "ما وسيلة الاتصال" in await aide.says("وزارة الاتصالات")
    assert "فقط عبر البوت" in await aide.says("فقط عبر البوت")
    profile = await profile_of(talk, aide)
    assert profile is not None
    assert (profile.languages, profile.region, profile.organisation, profile.contact_email) == (
        ["ar", "en"],
        "شمال أفريقيا",
        "وزارة الاتصالات",
        "",
    )
    assert await interests_of(talk, aide) == [("need", "technology", "تدريب على الاستجابة للحوادث")]


async def test_arabic_who_is_and_accept_details_in_arabic(talk: Talk) -> None:
    talk.at("2024-05-07 10:00")
    provider = await english_provider(talk)
    aide = talk.person("omar", locale="ar-EG")
    await aide.says("نحتاج التكنولوجيا: الاستجابة للحوادث")
    for answer in ("العربية", "تخطي", "وزارة الاتصالات", "omar@mcit.example.eg"):
        await aide.says(answer)
    assert "هذا Pacific Cyber Capacity Institute" in await aide.says("من هو pcci-provider؟")
    await aide.says("meet Pacific Cyber Capacity Institute")
    accepted = await provider.says("accept 1")
    assert "Contact: omar@mcit.example.eg" in accepted and "Organisation: وزارة الاتصالات" in accepted
    told = aide.notices()[-1]
    assert "المنظمة: Pacific Cyber Capacity Institute" in told and "الزمان والمكان" in told
    assert "مع Pacific Cyber Capacity Institute" in await aide.says("متى وأين نلتقي؟")
    assert await requests(talk) == [(aide.key, provider.key, "accepted")]


async def test_chinese_need_with_a_full_width_colon_and_native_language_names(talk: Talk) -> None:
    talk.at("2024-04-22 09:00")
    aide = talk.person("li", locale="zh-CN")
    assert "已记录" in await aide.says("需要 技术：事件响应培训")
    await aide.says("中文和英文")
    await aide.says("跳过")
    await aide.says("国家互联网应急中心")
    assert "仅通过机器人" in await aide.says("仅通过机器人")
    assert await interests_of(talk, aide) == [("need", "technology", "事件响应培训")]
    profile = await profile_of(talk, aide)
    assert profile is not None
    assert (profile.languages, profile.organisation, profile.contact_email) == (
        ["zh", "en"],
        "国家互联网应急中心",
        "",
    )


async def test_chinese_who_is_and_my_meetings(talk: Talk) -> None:
    talk.at("2024-05-09 09:00")
    provider = await english_provider(talk)
    aide = talk.person("li", locale="zh-CN")
    await aide.says("需要 技术：事件响应")
    for answer in ("中文", "跳过", "国家互联网应急中心", "li@cert.example.cn"):
        await aide.says(answer)
    assert "这是Pacific Cyber Capacity Institute" in await aide.says("pcci-provider是谁？")
    await aide.says("meet Pacific Cyber Capacity Institute")
    await provider.says("accept 1")
    mine = await aide.says("我们什么时候在哪里见面？")
    assert "与Pacific Cyber Capacity Institute" in mine and "午餐时间：配对会议" in mine
    assert "纽约联合国总部" in mine and "desk@pcci.example.org" in mine


async def test_french_besoin_de_keeps_the_need_text_clean(talk: Talk) -> None:
    talk.at("2024-04-16 10:00")
    aide = talk.person("claire", locale="fr-FR")
    saved = await aide.says("besoin de formation pour notre CERT")
    assert "C'est noté" in saved and "— formation pour notre CERT" in saved
    assert await interests_of(talk, aide) == [("need", "people-skills", "formation pour notre CERT")]
    assert await flow_step(talk, aide) == "languages"
