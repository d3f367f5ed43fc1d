"""Every catalogue (bot/i18n/locales/<lang>/LC_MESSAGES/<domain>.po) against its English original: each
message translated, the same {placeholders}, and every `command` a translation shows one the bot reads."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from bot.i18n import LOCALES, available_languages, translate
from bot.text import normalise_command
from handlers.shared.dialog import CANCEL_WORDS
from service.routes import build_router

UN_LANGUAGES = ("ar", "en", "es", "fr", "ru", "zh")
# Where the router knows hardly any native command words, translations show the English ones.
ENGLISH_COMMAND_LANGUAGES = ("ar", "ru", "zh")
DOMAINS = sorted(path.stem for path in (LOCALES / "en" / "LC_MESSAGES").glob("*.po"))
PLACEHOLDER = re.compile(r"\{\w*\}")
COMMAND = re.compile(r"`([^`\n]+)`")


def _path(lang: str, domain: str) -> Path:
    return LOCALES / lang / "LC_MESSAGES" / f"{domain}.po"


@cache
def _messages(lang: str, domain: str) -> dict[str, str]:
    with _path(lang, domain).open("rb") as handle:
        return {str(m.id): str(m.string) for m in read_po(handle, locale=lang) if m.id}


TRANSLATIONS = [(lang, domain) for domain in DOMAINS for lang in UN_LANGUAGES if _path(lang, domain).exists()]
WITH_ENGLISH_COMMANDS = [(lang, domain) for lang, domain in TRANSLATIONS if lang in ENGLISH_COMMAND_LANGUAGES]


def test_every_domain_exists_in_the_six_un_languages() -> None:
    expected = [f"{lang}/{domain}.po" for domain in DOMAINS for lang in UN_LANGUAGES]
    assert [name for name in expected if not (LOCALES / name.replace("/", "/LC_MESSAGES/")).exists()] == []
    assert set(UN_LANGUAGES) <= set(available_languages())


@pytest.mark.parametrize(("lang", "domain"), TRANSLATIONS)
def test_every_english_message_is_translated_and_nothing_else(lang: str, domain: str) -> None:
    english, translated = _messages("en", domain), _messages(lang, domain)
    assert [mid for mid in english if not translated.get(mid, "").strip()] == []
    assert [mid for mid in translated if mid not in english] == []  # a stale id would never be shown


@pytest.mark.parametrize(("lang", "domain"), TRANSLATIONS)
def test_translations_keep_the_english_placeholders(lang: str, domain: str) -> None:
    english, translated = _messages("en", domain), _messages(lang, domain)
    different = {
        mid: sorted(set(PLACEHOLDER.findall(text)) ^ set(PLACEHOLDER.findall(english[mid])))
        for mid, text in translated.items()
        if mid in english and set(PLACEHOLDER.findall(text)) != set(PLACEHOLDER.findall(english[mid]))
    }
    assert different == {}


@pytest.mark.parametrize(("lang", "domain"), WITH_ENGLISH_COMMANDS)
def test_commands_shown_in_a_translation_are_understood(lang: str, domain: str) -> None:
    """A `command` in a translation starts with a word the router knows, is a word that leaves any flow
    (`إلغاء`, `отмена`, `取消`), or is shown as it is in the English text (`skip`, `17:00`, `json`)."""
    router = build_router()
    english = _messages("en", domain)
    unknown = [
        (mid, shown)
        for mid, text in _messages(lang, domain).items()
        for shown in COMMAND.findall(text)
        if router.match_command(shown) is None
        and normalise_command(shown) not in CANCEL_WORDS
        and shown not in english.get(mid, "")
    ]
    assert unknown == []


@pytest.mark.parametrize("lang", UN_LANGUAGES)
def test_the_merged_catalogue_formats_every_message(lang: str) -> None:
    """Through bot.i18n as the handlers use it: each message formats with the English parameters (a stray
    brace would raise there, in front of a user) and leaves no brace behind."""
    for domain in DOMAINS:
        for mid, text in _messages("en", domain).items():
            params = {name.strip("{}"): "X" for name in PLACEHOLDER.findall(text)}
            shown = translate(lang, mid, **params)
            assert shown.strip() and "{" not in shown and "}" not in shown, (lang, mid)


@pytest.mark.parametrize("lang", UN_LANGUAGES)
def test_help_shows_only_commands_the_router_knows(lang: str) -> None:
    help_text = translate(lang, "help.text", event="E", contact="c@example.org")
    shown = COMMAND.findall(help_text)
    router = build_router()
    assert len(shown) >= 15
    assert [command for command in shown if router.match_command(command) is None] == []
