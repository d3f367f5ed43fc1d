"""Arabic replies through the real Slack and Teams renderers: isolates around every left-to-right run,
explicit Slack links, and a right-to-left Adaptive Card; other languages are rendered unchanged."""

from __future__ import annotations

import json

from adapters.slack import render as slack
from adapters.teams import render as teams
from bot.bidi import LRI, PDI, RLI, RLM, strip
from bot.messages import Card, Reply
from service.bootstrap import Bot
from tests.conftest import message
from tests.contract.test_teams_contract import check_adaptive_card_1_5

EMAIL = "cyberoewgchair@gmail.com"
URL = "https://forms.office.com/r/3T2UGXcEp8"


async def _arabic_answer(bot: Bot, question: str) -> Reply:
    replies = await bot.handle(message(question))
    assert replies[0].lang == "ar"
    return replies[0]


async def test_slack_arabic_answer_isolates_times_and_makes_links_explicit(bot: Bot) -> None:
    reply = await _arabic_answer(bot, "كيف أسجل؟")
    (sent,) = slack.messages(reply)
    text = sent["text"]
    assert text.startswith(RLM + RLI) and text.endswith(PDI)
    assert f"{LRI}<{URL}>{PDI}" in text
    assert f"{LRI}<mailto:{EMAIL}|{EMAIL}>{PDI}" in text
    assert f"{LRI}2024{PDI}" in text and "أبريل" in text


async def test_slack_arabic_card_is_prepared_in_header_sections_and_fields(bot: Bot) -> None:
    card = Card(title="Group II", sections=("الساعة 18:30",), fields=(("البريد", EMAIL),))
    (sent,) = slack.messages(Reply("", card=card, lang="ar"))
    payload = json.dumps(sent["blocks"], ensure_ascii=False)
    assert f"{RLM}{RLI}{LRI}Group II{PDI}{PDI}" in payload
    assert f"{LRI}18:30{PDI}" in payload and f"<mailto:{EMAIL}|{EMAIL}>" in payload


async def test_teams_arabic_answer_isolates_runs_and_leaves_links_bare(bot: Bot) -> None:
    reply = await _arabic_answer(bot, "متى يبدأ حفل الاستقبال؟")
    (activity,) = teams.render_reply(reply)
    text = activity["text"]
    assert activity["locale"] == "ar" and text.startswith(RLM + RLI)
    assert f"{LRI}6:30{PDI}" in text and f"{LRI}EDT{PDI}" in text
    assert strip(text) == reply.text


async def test_teams_arabic_card_is_right_to_left(bot: Bot) -> None:
    reply = await _arabic_answer(bot, "اللغة")
    assert reply.card is not None
    (activity,) = teams.render_reply(reply)
    card = activity["attachments"][0]["content"]
    check_adaptive_card_1_5(card)
    assert card["rtl"] is True
    assert card["body"][0]["inlines"][0]["text"].startswith(RLM + RLI)


def test_left_to_right_languages_render_as_before() -> None:
    card = Card(title="Group II", sections=(f"Form: {URL}",))
    for lang in ("en", "fr", "ru", "zh"):
        (activity,) = teams.render_reply(Reply("18:30", card=card, lang=lang))
        content = activity["attachments"][0]["content"]
        assert "rtl" not in content and activity["text"] == "18:30"
        (sent,) = slack.messages(Reply(f"Form: {URL}", lang=lang))
        assert sent["text"] == f"Form: {URL}"
