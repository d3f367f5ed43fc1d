"""Router.match_command: the longest registered phrase the text starts with (whole words), found by lookup."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.context import Context
from bot.messages import InboundMessage, Reply
from bot.router import Handler, Router
from bot.text import normalise_command


def _handler(name: str) -> Handler:
    async def handle(msg: InboundMessage, ctx: Context) -> Reply:
        return Reply(name)

    handle.__name__ = name
    return handle


def _router(phrases: list[str]) -> tuple[Router, dict[str, Handler]]:
    async def fallback(msg: InboundMessage, ctx: Context) -> Reply:
        return Reply("faq")

    router = Router(fallback)
    registered: dict[str, Handler] = {}
    for number, phrase in enumerate(phrases):
        handler = _handler(f"h{number}")
        router.command([phrase], handler)
        registered[normalise_command(phrase)] = handler
    return router, registered


def _linear(registered: dict[str, Handler], text: str) -> tuple[Handler, str] | None:
    """The definition: scan every phrase, keep the longest equal to the text or followed by a space."""
    normalised = normalise_command(text)
    best: tuple[Handler, str] | None = None
    best_len = -1
    for phrase, handler in registered.items():
        if len(phrase) > best_len and (normalised == phrase or normalised.startswith(phrase + " ")):
            best, best_len = (handler, normalised[len(phrase) :].strip()), len(phrase)
    return best


def test_the_longest_whole_word_phrase_wins_and_the_rest_follows() -> None:
    router, registered = _router(["pitch", "my pitch", "my", "export registrations"])
    assert router.match_command("My  Pitch 4") == (registered["my pitch"], "4")
    assert router.match_command("my pitches") == (registered["my"], "pitches")
    assert router.match_command("/pitch") == (registered["pitch"], "")
    exporting = router.match_command("<@U1> export registrations csv")
    assert exporting == (registered["export registrations"], "csv")
    assert router.match_command("pitching is fun") is None
    assert router.match_command("") is None


def test_a_long_message_is_matched_by_its_opening_words_only() -> None:
    router, registered = _router(["help", "help me out"])
    long_text = "help me out " + "word " * 2000
    assert router.match_command(long_text) == (registered["help me out"], ("word " * 2000).strip())
    assert router.match_command("word " * 2000) is None


# Few letters, so that phrases often share words; accents, capitals, slashes and spaces exercise the
# normalisation, which phrases and text go through alike.
_PIECES = st.text(alphabet="abÉé /\t", max_size=12)


@settings(max_examples=300, deadline=None)
@given(phrases=st.lists(_PIECES, max_size=8), text=_PIECES, tail=_PIECES)
def test_lookup_agrees_with_scanning_every_phrase(phrases: list[str], text: str, tail: str) -> None:
    router, registered = _router(phrases)
    for typed in (text, text + " " + tail, *(f"{phrase} {tail}" for phrase in phrases)):
        assert router.match_command(typed) == _linear(registered, typed), typed
