"""Questions about the programme, venues, deadlines and registration: the router's fallback.

``answer`` is a pure function of (question, event, time): it detects the language, reads what the question
names (faq_index), picks one intent by the rules below and renders it from the Event (faq_render). When
nothing fits it says so, lists what it can help with and gives the organisers' contact — it never guesses.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time

from rapidfuzz import fuzz, process

from bot.context import Context
from bot.event import Event, Session
from bot.i18n.detect import detect_language
from bot.messages import MAX_MESSAGE_CHARS, InboundMessage, Reply
from handlers.faq import schedule
from handlers.faq.index import Analysis, EventIndex, index_for
from handlers.faq.render import Say
from handlers.faq.text import DayRef, parse_day, parse_time, tokens

# The language of a question shows in its first words; a paste need not be read whole to tell it.
DETECT_CHARS = 500
# Organiser-written FAQ entries answer when the question is this close to one of their forms (0-100).
FAQ_ENTRY_CUTOFF = 86


@dataclass(frozen=True, slots=True)
class Answer:
    text: str
    intent: str
    confidence: float
    lang: str


@dataclass(frozen=True, slots=True)
class Question:
    """Everything the rules look at: what was named, cued, and which day or time."""

    seen: Analysis
    sessions: list[Session]
    day: DayRef | None
    time_asked: time | None

    def cued(self, *intents: str) -> bool:
        return any(i in self.seen.intents for i in intents)


def answer(
    question: str, event: Event, now: datetime, lang: str | None = None, *, default_lang: str = "en"
) -> Answer:
    """A pure function of the question, the event and the time: no database, no platform.

    ``lang`` forces the reply language; otherwise it is detected from the question, else ``default_lang``.
    """
    question = question or ""
    index = index_for(event)
    detected = detect_language(question[:DETECT_CHARS], tuple(event.languages), index.lang_words)
    lang = lang or detected or default_lang
    say = Say(event, lang, event.local(now))
    if len(question) > MAX_MESSAGE_CHARS:
        return Answer(
            say.t("faq.too_long", limit=MAX_MESSAGE_CHARS) + "\n" + say.contact, "too_long", 1.0, lang
        )
    if not any(ch.isalnum() for ch in question):
        return Answer(_short_help(say), "help", 1.0, lang)
    words = tokens(question)
    entry = _faq_entry(index, words, lang) if words else None
    if entry is not None:
        return Answer(entry, "faq", 0.9, lang)
    seen = index.analyse(words, detected or lang)
    asked = Question(seen, _sessions(event, seen), _day(question, say), parse_time(question))
    intent, text = _decide(asked, say)
    if text is None:
        return Answer(_unsure(say), "unsure", 0.2, lang)
    return Answer(text, intent, _confidence(seen), lang)


async def handle(msg: InboundMessage, ctx: Context) -> Reply:
    """A forced language (--lang, a stored choice) wins; else the question's, else the platform's."""
    forced = ctx.lang if ctx.lang_forced else None
    result = answer(msg.text, ctx.event, ctx.now(), forced, default_lang=ctx.lang)
    return Reply(result.text, lang=result.lang)


# A side question inside a flow is answered only when the FAQ is at least this sure (else the flow asks).
SIDE_ANSWER_CONFIDENCE = 0.5


async def answer_if_sure(msg: InboundMessage, ctx: Context) -> Reply | None:
    """The FAQ's reply to a question asked inside a flow, or None when the FAQ is not sure of it."""
    forced = ctx.lang if ctx.lang_forced else None
    result = answer(msg.text, ctx.event, ctx.now(), forced, default_lang=ctx.lang)
    if result.intent in {"unsure", "help", "too_long"} or result.confidence < SIDE_ANSWER_CONFIDENCE:
        return None
    return Reply(result.text, lang=result.lang)


def _confidence(seen: Analysis) -> float:
    return round(max(0.3, 0.95 - 0.1 * seen.corrections - 0.15 * seen.unknown), 2)


def _short_help(say: Say) -> str:
    return say.t("faq.help", event=say.event_name) + "\n" + say.contact


def _unsure(say: Say) -> str:
    return say.t("faq.unsure") + "\n" + say.contact


def _faq_entry(index: EventIndex, words: list[str], lang: str) -> str | None:
    if not index.faq_forms:
        return None
    best = process.extractOne(
        " ".join(words), list(index.faq_forms), scorer=fuzz.token_sort_ratio, score_cutoff=FAQ_ENTRY_CUTOFF
    )
    if best is None:
        return None
    entry = next(e for e in index.event.faq if e.id == index.faq_forms[best[0]])
    return entry.answer.get(lang)


def _day(question: str, say: Say) -> DayRef | None:
    years = sorted({d.year for d in (s.start for s in say.event.sessions)})
    return parse_day(question, say.now.date(), years)


def _sessions(event: Event, seen: Analysis) -> list[Session]:
    """Sessions named outright, else every session of a named kind ('plenary' → both plenaries).

    A named capability narrows a kind to the groups covering it ('which group covers talent')."""
    named = [event.session(i) for i in seen.keys("session")]
    if named:
        return named
    kinds = set(seen.keys("kind"))
    of_kind = [s for s in event.sessions if s.kind in kinds]
    capabilities = set(seen.keys("capability"))
    covering = [s for s in of_kind if capabilities & set(s.capabilities)]
    return covering or of_kind


def _decide(q: Question, say: Say) -> tuple[str, str | None]:
    """The first rule that applies. The order encodes which cue wins when a question has several."""
    for rule in _RULES:
        decided = rule(q, say)
        if decided is not None:
            return decided
    return "unsure", None


Rule = Callable[[Question, Say], "tuple[str, str | None] | None"]


def _clock_rules(q: Question, say: Say) -> tuple[str, str | None] | None:
    if q.time_asked is not None and not (q.sessions and q.cued("when", "where", "duration")):
        days = _days_for(q, say)
        return "at_time", say.at_time(q.time_asked, days) if days else None
    if q.cued("next") and not q.cued("deadlines"):
        after = say.event.starts_at(q.sessions[-1]) if q.sessions else say.now
        return "next", say.next_up(after)
    if q.cued("now") and q.day is None and not q.sessions and not q.cued("register", "deadlines"):
        return "now", say.happening_now()
    return None


def _days_for(q: Question, say: Say) -> list[date]:
    days = schedule.event_days(say.event)
    if q.day is None:
        today = say.now.date()
        return [today] if today in days else days
    if q.day.exact is not None:
        return [q.day.exact]
    return [d for d in days if d.weekday() == q.day.weekday] or []


def _topic_rules(q: Question, say: Say) -> tuple[str, str | None] | None:
    if q.cued("contact"):
        return "contact", say.contact
    if q.cued("capabilities") and not (q.sessions and q.cued("when", "where")):
        return "capabilities", say.capabilities()
    named_capabilities = q.seen.keys("capability")
    if (
        named_capabilities
        and not q.cued("when", "duration")
        and (not q.sessions or all(s.kind == "breakout" for s in q.sessions))
        and not q.seen.keys("session")
        and (q.seen.intents or not q.seen.corrections)  # a lone typo-corrected word is a guess
    ):
        return "capability_group", say.capability_groups(named_capabilities)
    if q.cued("questions") and (not q.sessions or any(s.questions for s in q.sessions)):
        return "panel_questions", say.session_questions(q.sessions)
    return None


def _session_rules(q: Question, say: Say) -> tuple[str, str | None] | None:
    if not q.sessions:
        return None
    s = q.sessions
    if (
        q.cued("pitch")
        and not q.cued("when", "where")
        and any(x.id == say.event.matchmaking.session for x in s)
    ):
        return "pitch", say.pitch()
    ordered_intents: list[tuple[str, Callable[[list[Session]], str]]] = [
        ("when", say.session_when),
        ("where", say.session_where),
        ("duration", say.session_duration),
        ("convener", say.session_host),
        ("who", say.session_who),
        ("invited", say.session_who),
        ("what", say.session_what),
    ]
    for intent, render in ordered_intents:
        if q.cued(intent):
            return intent, render(s)
    if q.cued("register", "deadlines") and q.seen.keys("deadline"):
        return None  # "register for the reception": the deadline rules answer
    if q.seen.unknown:  # "is there food at the reception": say what we know, and that it may not answer
        partial = say.t("faq.session.partial", contact=say.event.contact.email)
        return "session", partial + "\n" + say.session_what(s)
    return "session", say.session_what(s)


def _deadline_rules(q: Question, say: Say) -> tuple[str, str | None] | None:
    named = [say.event.deadline(d) for d in q.seen.keys("deadline")]
    if q.cued("pitch") and not q.cued("register", "deadlines"):
        return "pitch", say.pitch()
    if named:
        intent = "deadline" if q.cued("deadlines") or not q.cued("register") else "register"
        return intent, say.deadlines(named)
    if q.cued("register"):
        return "register", say.deadlines(list(say.event.deadlines[:1]))
    if q.cued("deadlines"):
        return "deadlines", say.deadlines(list(say.event.deadlines))
    return None


def _event_rules(q: Question, say: Say) -> tuple[str, str | None] | None:
    simple: list[tuple[str, Callable[[], str | None]]] = [
        ("ministers", lambda: say.policy("ministers_priority")),
        ("format", say.event_format),
        ("convener", say.convener),
        ("invited", lambda: say.policy("invited")),
    ]
    for intent, render in simple:
        if q.cued(intent):
            return intent, render()
    if q.day is not None:
        if q.day.exact is not None:
            return "day", say.on_day(q.day.exact)
        return "day", say.on_weekday(q.day.weekday or 0)
    if q.cued("programme") or (q.cued("when", "duration") and not q.seen.keys("venue")):
        return "programme", say.programme()
    if q.seen.unknown:  # what follows answers from one generic word: with words we do not know, do not guess
        return None
    if q.seen.keys("venue"):
        return "where", say.venue(q.seen.keys("venue"))
    if q.cued("where"):
        return "where", say.event_where()
    if q.cued("who"):
        return "invited", say.policy("invited")
    if q.cued("what") or q.seen.has("event"):
        return "about", say.about()
    return None


def _social_rules(q: Question, say: Say) -> tuple[str, str | None] | None:
    if q.cued("thanks"):
        return "thanks", say.t("faq.thanks", event=say.event_name)
    if q.cued("greeting", "help"):
        return "help", _short_help(say)
    return None


_RULES: tuple[Rule, ...] = (
    _clock_rules,
    _topic_rules,
    _session_rules,
    _deadline_rules,
    _event_rules,
    _social_rules,
)
