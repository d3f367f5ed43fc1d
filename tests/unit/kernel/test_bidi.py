"""bot.bidi: right-to-left lines with every left-to-right run isolated, exactly once."""

from __future__ import annotations

import pytest

from bot.bidi import LRI, PDI, RLI, RLM, is_rtl, isolate_line, prepare, prepare_reply, strip
from bot.messages import Card, Reply

URL = "https://forms.office.com/r/3T2UGXcEp8"
EMAIL = "cyberoewgchair@gmail.com"


def ltr(text: str) -> str:
    return f"{LRI}{text}{PDI}"


def line(text: str) -> str:
    return f"{RLM}{RLI}{text}{PDI}"


@pytest.mark.parametrize(
    ("arabic", "expected"),
    [
        ("حفل الاستقبال: 18:30", line(f"حفل الاستقبال: {ltr('18:30')}")),
        ("1:30–3:00 م", line(f"{ltr('1:30–3:00')} م")),
        (f"يرجى الكتابة إلى {EMAIL}.", line(f"يرجى الكتابة إلى {ltr(EMAIL)}.")),
        (f"الاستمارة: {URL}", line(f"الاستمارة: {ltr(URL)}")),
        ("في Group II اليوم", line(f"في {ltr('Group II')} اليوم")),
        (
            "البعثة، 318 East 48th Street, New York, NY 10017 (بين الجادتين)",
            line(f"البعثة، {ltr('318 East 48th Street, New York, NY 10017')} (بين الجادتين)"),
        ),
        ("تقرير (UNIDIR) المعنون", line(f"تقرير ({ltr('UNIDIR')}) المعنون")),
        ("11:00 ص – 1:00 م EDT، الجمعة", line(f"{ltr('11:00')} ص – {ltr('1:00')} م {ltr('EDT')}، الجمعة")),
    ],
)
def test_each_left_to_right_run_is_isolated_inside_a_right_to_left_line(arabic: str, expected: str) -> None:
    assert isolate_line(arabic) == expected
    assert strip(isolate_line(arabic)) == arabic


def test_every_line_is_prepared_and_blank_lines_stay_blank() -> None:
    text = "التالي:\n\n• 8:00–9:30 ص — اجتماع"
    prepared = prepare(text, "ar")
    assert prepared.split("\n") == [line("التالي:"), "", line(f"• {ltr('8:00–9:30')} ص — اجتماع")]


def test_left_to_right_languages_are_untouched() -> None:
    for lang in ("en", "fr", "es", "ru", "zh"):
        assert prepare(f"Form: {URL} at 18:30", lang) == f"Form: {URL} at 18:30"


def test_preparing_twice_does_not_nest_marks() -> None:
    once = prepare(f"اكتب إلى {EMAIL}", "ar")
    assert prepare(once, "ar") == once


def test_links_are_turned_into_platform_links_inside_the_isolate() -> None:
    prepared = isolate_line(f"الاستمارة: {URL} أو {EMAIL}.", link=lambda target: f"<{target}>")
    assert prepared == line(f"الاستمارة: {ltr(f'<{URL}>')} أو {ltr(f'<{EMAIL}>')}.")


@pytest.mark.parametrize(
    ("lang", "expected"), [("ar", True), ("ar-SA", True), ("he_IL", True), ("en", False)]
)
def test_is_rtl(lang: str, expected: bool) -> None:
    assert is_rtl(lang) is expected


def test_bare_links_leave_a_link_run_unmarked_but_isolate_the_rest() -> None:
    prepared = isolate_line(f"اكتب إلى {EMAIL} قبل 18:30", bare_links=True)
    assert prepared == line(f"اكتب إلى {EMAIL} قبل {ltr('18:30')}")


def test_a_reply_and_its_card_are_prepared_only_in_a_right_to_left_language() -> None:
    card = Card(title="Group II", sections=("الساعة 18:30",), fields=(("البريد", EMAIL),))
    arabic = prepare_reply(Reply("في 18:30", card=card, lang="ar"))
    assert arabic.text == line(f"في {ltr('18:30')}")
    assert arabic.card is not None and arabic.card.title == line(ltr("Group II"))
    assert arabic.card.fields == ((line("البريد"), line(ltr(EMAIL))),)
    english = Reply("at 18:30", card=card, lang="en")
    assert prepare_reply(english) is english


def test_brackets_stay_outside_isolates_so_they_pair_and_mirror() -> None:
    assert isolate_line("الجمعة، 10 مايو 2024 (EDT)") == line(
        f"الجمعة، {ltr('10')} مايو {ltr('2024')} ({ltr('EDT')})"
    )
