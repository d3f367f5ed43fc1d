"""Right-to-left replies that keep numbers, times, addresses, URLs and Latin names in order (Slack, Teams).

The problem: in an Arabic line the Unicode bidi algorithm reorders weak and neutral characters by their
neighbours, so "1:30–3:00 م" can show as "3:00–1:30", "318 East 48th Street, New York" loses its comma
order, and a line that starts with a time or a URL is laid out left-to-right. And the clients differ in how
they choose a paragraph's direction: Slack's desktop, web and mobile clients lay each message paragraph out
from its first strong character (left-aligned otherwise), while Teams shows the bot's text in an Adaptive
Card whose direction is the card's ``rtl`` property (schema 1.5) or the client's UI language.

What this module does, to each line of text in an RTL language (the choice, and why):

* every left-to-right run — Latin words, digits, times and ranges ("1:30–3:00"), e-mail addresses, URLs,
  with the spaces and punctuation *between* its letters and digits — is wrapped in LRI … PDI (U+2066,
  U+2069). An isolate keeps the run's inner order and is one neutral unit to the text around it, so it
  neither pulls Arabic punctuation into it nor is split by it. Explicit isolates rather than the older
  LRE/PDF embeddings, which leak direction into their neighbours (UAX #9 recommends isolates; Chromium —
  Slack's and Teams' desktop and web clients — and iOS/Android text views implement them, and they are
  default-ignorable, so a client that does not know them shows nothing);
* the line is wrapped in RLI … PDI, so its parts are laid out right-to-left even inside a paragraph a
  client has made left-to-right, and starts with RLM (U+200F), a strong right-to-left character *outside*
  the isolate, so a client that picks the direction from the first strong character (Slack; Teams with
  ``dir=auto``) makes the paragraph right-to-left and right-aligned. Lines are treated one by one because
  both clients start a new paragraph at each line break.

Sentence punctuation after a run ("… cyberoewgchair@gmail.com.") stays outside the isolate, so it lands on
the correct (left) side of the Arabic sentence. Links need care, because a client that detects URLs and
addresses in plain text could take an invisible mark next to one as part of it: ``link`` lets a renderer
turn each URL or e-mail address into its platform's explicit link syntax *inside* the isolate (Slack:
``<https://…>``), and ``bare_links`` leaves a run that is only a link without marks (Teams plain text). A
bare link is still safe: it starts with a Latin letter, so the bidi algorithm keeps it in one piece.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from bot.messages import Card, Reply

RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur"})
LRI, RLI, PDI, RLM = "\u2066", "\u2067", "\u2069", "\u200f"
ISOLATES = frozenset({LRI, RLI, "\u2068", PDI})

# A run starts and ends with a Latin letter or a digit; spaces and punctuation may join its parts.
_STRONG = r"[0-9A-Za-z\u00c0-\u024f]"
_JOINER = r"[ \u00a0\u2009\u202f:./@\-\u2013+'\u2019,&_#%?=~]"  # no brackets: they must pair outside
_LTR_RUN = re.compile(rf"{_STRONG}(?:{_JOINER}*{_STRONG})*")
_LINK = re.compile(r"https?://[^\s<>\u2066-\u2069]*[^\s<>\u2066-\u2069.,;:!?)]|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")

Link = Callable[[str], str]


def is_rtl(lang: str) -> bool:
    return lang.replace("_", "-").split("-", 1)[0].lower() in RTL_LANGUAGES


def isolate_line(line: str, link: Link | None = None, *, bare_links: bool = False) -> str:
    """One line laid out right-to-left with each left-to-right run isolated."""
    if not line.strip() or line.startswith(RLM + RLI):
        return line  # blank, or prepared already (a reply rendered twice must not nest marks)

    def run(match: re.Match[str]) -> str:
        text = match.group(0)
        if bare_links and _LINK.fullmatch(text):
            return text
        if link is not None:
            text = _LINK.sub(lambda found: link(found.group(0)), text)
        return f"{LRI}{text}{PDI}"

    return f"{RLM}{RLI}{_LTR_RUN.sub(run, line)}{PDI}"


def prepare(text: str, lang: str, link: Link | None = None, *, bare_links: bool = False) -> str:
    """``text`` ready to show in ``lang``: unchanged left-to-right, else isolated line by line."""
    if not is_rtl(lang):
        return text
    return "\n".join(isolate_line(line, link, bare_links=bare_links) for line in text.split("\n"))


def prepare_reply(reply: Reply, *, bare_links: bool = False) -> Reply:
    """A reply whose text and card texts (title, sections, fields) are prepared for ``reply.lang``."""
    if not is_rtl(reply.lang):
        return reply

    def ready(text: str) -> str:
        return prepare(text, reply.lang, bare_links=bare_links)

    card: Card | None = None
    if reply.card is not None:
        card = dataclasses.replace(
            reply.card,
            title=ready(reply.card.title),
            sections=tuple(map(ready, reply.card.sections)),
            fields=tuple((ready(label), ready(value)) for label, value in reply.card.fields),
        )
    return dataclasses.replace(reply, text=ready(reply.text), card=card)


def strip(text: str) -> str:
    """The text without the marks this module adds (for tests, logs and plain-text fallbacks)."""
    return "".join(ch for ch in text if ch not in ISOLATES and ch != RLM)
