"""Arabic, Russian and Chinese: questions answered in the asker's language, dates by Babel, times and days
read from the question, and every event text in all six UN languages (catalogues: test_catalogues.py)."""

from __future__ import annotations

import dataclasses
import re
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.event import BUNDLED_EVENT, Event
from bot.i18n.detect import detect_language
from bot.messages import UserRef
from handlers.faq import answer as faq
from handlers.faq.text import DayRef, parse_day, parse_time, tokens
from handlers.shared import timefmt
from service.bootstrap import Bot
from tests.conftest import EVENT_DAY_MORNING, message
from tests.faq_eval import plain_spaces

UN_LANGUAGES = ("ar", "en", "es", "fr", "ru", "zh")
CONTACT = "cyberoewgchair@gmail.com"
BEFORE_DEADLINE = datetime.fromisoformat("2024-04-01T09:00:00-04:00")


def ask(event: Event, question: str, now: datetime = EVENT_DAY_MORNING) -> faq.Answer:
    result = faq.answer(question, event, now)
    return dataclasses.replace(result, text=plain_spaces(result.text))


@pytest.mark.parametrize(
    ("question", "lang", "facts"),
    [
        ("متى يبدأ حفل الاستقبال؟", "ar", ["حفل الاستقبال الترحيبي", "6:30 م EDT", "الخميس، 9 مايو 2024"]),
        ("أين يقام حفل الاستقبال؟", "ar", ["318 East 48th Street", "بين الجادتين الأولى والثانية"]),
        ("Во сколько начинается приветственный приём?", "ru", ["18:30 EDT", "четверг, 9 мая 2024 г."]),
        ("Где проходит прием?", "ru", ["Постоянное представительство Сингапура", "между 1-й и 2-й авеню"]),
        ("欢迎招待会几点开始？", "zh", ["欢迎招待会", "18:30 EDT", "2024年5月9日星期四"]),
        ("招待会在哪里举行？", "zh", ["新加坡常驻联合国代表团", "318 East 48th Street"]),
    ],
)
def test_questions_are_answered_in_their_language(
    event: Event, question: str, lang: str, facts: list[str]
) -> None:
    result = ask(event, question)
    assert result.lang == lang
    for fact in facts:
        assert fact in result.text


@pytest.mark.parametrize(
    ("question", "lang", "deadline_date"),
    [
        ("ما هو الموعد النهائي للتسجيل؟", "ar", "19 أبريل 2024"),
        ("Какой срок регистрации?", "ru", "19 апреля 2024 г."),
        ("登记截止日期是哪天？", "zh", "2024年4月19日"),
    ],
)
def test_deadline_dates_are_formatted_by_babel_in_the_language(
    event: Event, question: str, lang: str, deadline_date: str
) -> None:
    result = ask(event, question, now=BEFORE_DEADLINE)
    assert result.lang == lang and result.intent == "deadline"
    assert deadline_date in result.text
    assert plain_spaces(timefmt.long_date(date(2024, 4, 19), lang)) == deadline_date


def test_arabic_uses_latin_digits_deliberately(event: Event) -> None:
    """Babel's 'ar' numbering is Latin, as in the event's own URLs and address: one digit system only."""
    text = ask(event, "متى حلقة النقاش الرئيسية؟").text
    assert "11:00" in text and "2024" in text
    assert not re.search("[\u0660-\u0669\u06f0-\u06f9]", text)


def test_times_use_the_locale_clock_and_its_own_comma(event: Event) -> None:
    reception = event.starts_at(event.session("welcome-reception"))
    assert plain_spaces(timefmt.time_range(reception, None, "ar")) == "6:30 م EDT، الخميس، 9 مايو 2024"
    assert plain_spaces(timefmt.time_range(reception, None, "ru")) == "18:30 EDT, четверг, 9 мая 2024 г."
    assert timefmt.time_range(reception, None, "zh") == "18:30 EDT，2024年5月9日星期四"


def test_durations_read_well_where_babel_lacks_a_long_unit(event: Event) -> None:
    assert "1小时和30分钟" in ask(event, "配对会议持续多长时间？").text
    assert "1 час и 30 минут" in ask(event, "Сколько длится сессия по подбору партнеров?").text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("هل هناك شيء في الساعة 10؟", time(10)),
        ("في الساعة ١٠:٣٠", time(10, 30)),
        ("ماذا يوجد في الساعة 3 مساءً؟", time(15)),
        ("الساعة 9 صباحا", time(9)),
        ("в 10 утра", time(10)),
        ("в 3 часа дня", time(15)),
        ("в 15:30", time(15, 30)),
        ("в полдень", time(12)),
        ("10点", time(10)),
        ("上午10点", time(10)),
        ("下午3点", time(15)),
        ("晚上6点半", time(18, 30)),
        ("下午3:30有什么", time(15, 30)),
        ("十点有什么", time(10)),
        ("3分钟的演讲", None),
        ("презентация 3 минуты", None),
        ("عرض مدته 3 دقائق", None),
    ],
)
def test_parse_time_in_arabic_russian_and_chinese(question: str, expected: time | None) -> None:
    assert parse_time(question) == expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("ما هو البرنامج يوم الجمعة؟", DayRef(weekday=4, label="جمعه")),
        ("ماذا يوجد في 9 مايو؟", DayRef(exact=date(2024, 5, 9))),
        ("برنامج اليوم", DayRef(exact=date(2024, 5, 10))),
        ("Что в пятницу?", DayRef(weekday=4, label="пятниц")),
        ("программа на 9 мая", DayRef(exact=date(2024, 5, 9))),
        ("что завтра?", DayRef(exact=date(2024, 5, 11))),
        ("星期五有什么安排？", DayRef(weekday=4, label="星期五")),
        ("周四晚上", DayRef(weekday=3, label="周四")),
        ("5月9日有什么活动", DayRef(exact=date(2024, 5, 9))),
        ("明天", DayRef(exact=date(2024, 5, 11))),
    ],
)
def test_parse_day_in_arabic_russian_and_chinese(question: str, expected: DayRef) -> None:
    assert parse_day(question, date(2024, 5, 10), [2024]) == expected


@pytest.mark.parametrize(
    ("variants", "normal"),
    [
        (["الاستقبال", "للاستقبال", "بالاستقبال", "استقبال", "الاستقبـــال", "الاسْتِقْبَال"], ["استقبال"]),
        (["أين", "إين", "اين"], ["اين"]),
        (["القاعة", "القاعه"], ["قاعه"]),
        (["приёма", "приема", "приёме", "прием"], ["прием"]),
        (["регистрация", "регистрации", "регистрацию"], ["регистрац"]),
        (["招待会"], ["招", "待", "会"]),
    ],
)
def test_words_are_normalised_the_same_way_in_questions_and_phrases(
    variants: list[str], normal: list[str]
) -> None:
    assert all(tokens(v) == normal for v in variants)


def test_chinese_names_are_found_without_spaces_and_with_one_wrong_character(event: Event) -> None:
    exact = ask(event, "请问欢迎招待会在哪里")
    typo = ask(event, "欢迎招持会几点")
    assert exact.intent == "where" and "318 East 48th Street" in exact.text
    assert typo.intent == "when" and "18:30" in typo.text and typo.confidence < 0.95


@pytest.mark.parametrize(
    "question", ["هل يوجد واي فاي؟", "Есть ли вайфай?", "会议室有茶水吗", "纽约天气怎么样"]
)
def test_out_of_scope_questions_are_not_guessed(event: Event, question: str) -> None:
    result = ask(event, question)
    assert result.intent == "unsure" and CONTACT in result.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("متى حفل الاستقبال؟", "ar"),
        ("Где проходит прием?", "ru"),
        ("招待会在哪里？", "zh"),
        ("מתי הקבלה?", None),
    ],
)
def test_detect_language_by_script(text: str, expected: str | None) -> None:
    assert detect_language(text, UN_LANGUAGES) == expected


async def test_language_command_stores_arabic_for_later_questions(bot: Bot) -> None:
    chosen = await bot.handle(message("language ar"))
    answered = await bot.handle(message("when is the reception?"))
    assert chosen[0].lang == "ar" and "تم" in chosen[0].text
    assert answered[0].lang == "ar" and "حفل الاستقبال الترحيبي" in answered[0].text


async def test_platform_locale_gives_the_language_when_the_question_gives_none(bot: Bot) -> None:
    msg = message("12345")
    chinese_user = dataclasses.replace(msg, user=UserRef("console", "li", locale="zh-CN"))
    replies = await bot.handle(chinese_user)
    assert replies[0].lang == "zh"


def _translated_texts(node: Any, path: str = "") -> list[tuple[str, set[str]]]:
    """Every mapping that holds an English text (or word list) and its translations, with its path."""
    found: list[tuple[str, set[str]]] = []
    if isinstance(node, dict):
        if "en" in node:
            found.append((path, set(node)))
        for key, value in node.items():
            found.extend(_translated_texts(value, f"{path}.{key}"))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.extend(_translated_texts(value, f"{path}.{index}"))
    return found


def test_every_event_text_is_in_the_six_languages(event: Event) -> None:
    data = yaml.safe_load(Path(BUNDLED_EVENT).read_text(encoding="utf-8"))
    missing = [path for path, langs in _translated_texts(data) if not set(UN_LANGUAGES) <= langs]
    assert missing == []
    assert sorted(event.languages) == sorted(UN_LANGUAGES)


@pytest.mark.parametrize("command", ["язык ru", "语言 zh", "اللغة ar"])
async def test_the_language_command_word_works_in_the_new_languages(bot: Bot, command: str) -> None:
    replies = await bot.handle(message(command))
    assert replies[0].lang == command.split()[-1]


@pytest.mark.parametrize("question", ["登记截止日期", "كيف أسجل؟", "Как зарегистрироваться?"])
def test_a_link_is_never_glued_to_the_next_word(event: Event, question: str) -> None:
    """Clients find links in plain text; a Chinese sentence right after a URL would become part of it."""
    text = ask(event, question).text
    assert re.search(r"https://forms\.office\.com/r/3T2UGXcEp8(\s|$)", text)
