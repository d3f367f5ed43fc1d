"""Questions about the programme, venues, deadlines and registration: the router's fallback.

``answer`` is a pure function of (question, event, time): it detects the language, reads what the question
names (faq_index), picks one intent by the rules below and renders it from the Event (faq_render). When
nothing fits it says so, lists what it can help with and gives the organisers' contact — it never guesses.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import lru_cache, partial

from bot.context import Context
from bot.event import Event, Session
from bot.messages import MAX_MESSAGE_CHARS, InboundMessage, Reply
from handlers.faq import schedule
from handlers.faq.index import Analysis, index_for
from handlers.faq.per_event import PerEvent
from handlers.faq.render import Say
from handlers.faq.text import DayRef, day_from

# Questions end with one of these in the six languages ("?", the full-width "？", the Arabic "؟").
QUESTION_MARKS = ("?", "\uff1f", "\u061f")
# Cue words that make a sentence a question even without its question mark ("where is the reception").
QUESTION_CUES = frozenset(
    {"when", "where", "distance", "room", "end", "duration", "who", "what", "now", "next", "missed"}
    | {"dress", "invited", "contact", "deadlines", "format", "programme", "questions", "capabilities"}
    | {"register", "pitch"}
)
# Answers that are not facts: inside a flow these never stand in for the step's question.
NOT_FACTS = frozenset({"unsure", "help", "thanks", "goodbye", "stop", "too_long"})
SURE_CONFIDENCE = 0.6
REMEMBERED_CHARS = 200  # longer questions are worked out each time: they are rarely asked twice
REMEMBERED_ANSWERS = 1024  # per event, least recently asked forgotten first


@dataclass(frozen=True, slots=True)
class Answer:
    text: str
    intent: str
    confidence: float
    lang: str
    question: bool = False  # it reads as a question: a question mark, or a question's cue words

    @property
    def sure(self) -> bool:
        """A fact the engine is confident of, answering something that reads as a question."""
        return self.question and self.intent not in NOT_FACTS and self.confidence >= SURE_CONFIDENCE


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
    """A pure function of the question, the event and the minute: no database, no platform.

    ``lang`` forces the reply language; otherwise it is detected from the question, else ``default_lang``.
    The clock is read to the minute, as the programme is written (a session is on from its start minute),
    so the whole room asking "what's next?" in one minute is answered once and the rest remembered.
    """
    question = question or ""
    minute = event.local(now).replace(second=0, microsecond=0)
    if len(question) > REMEMBERED_CHARS:
        return _worked_out(event, question, minute, minute.fold, lang, default_lang)
    # The fold is part of the key: an hour repeated when clocks go back is another moment, in another zone.
    return _remembered_for(event)(question, minute, minute.fold, lang, default_lang)


def _worked_out(
    event: Event, question: str, now: datetime, _fold: int, lang: str | None, default_lang: str
) -> Answer:
    index = index_for(event)
    detected = index.language(question)
    lang = lang or detected or default_lang
    say = Say(event, lang, now)
    if len(question) > MAX_MESSAGE_CHARS:
        return Answer(
            say.t("faq.too_long", limit=MAX_MESSAGE_CHARS) + "\n" + say.contact, "too_long", 1.0, lang
        )
    if not any(ch.isalnum() for ch in question):
        return Answer(_short_help(say), "help", 1.0, lang)
    reading = index.read(question, detected or lang)
    entry = reading.faq_entry.answer.get(lang) if reading.faq_entry is not None else None
    if entry is not None:
        return Answer(entry, "faq", 0.9, lang, question=True)
    seen = reading.seen
    asked = Question(seen, _sessions(event, seen), day_from(reading.day, say.now.date()), reading.time_asked)
    intent, text = _decide(asked, say)
    if text is None:
        return Answer(_unsure(say), "unsure", 0.2, lang)
    question_like = question.rstrip().endswith(QUESTION_MARKS) or bool(seen.intents & QUESTION_CUES)
    return Answer(text, intent, _confidence(seen), lang, question=question_like)


_Remembered = Callable[[str, datetime, int, "str | None", str], Answer]
# Per event object (a reloaded event answers afresh); short questions only, as those are the repeated ones.
_remembered_for: PerEvent[_Remembered] = PerEvent(
    lambda event: lru_cache(maxsize=REMEMBERED_ANSWERS)(partial(_worked_out, event))
)


def _answer_to(msg: InboundMessage, ctx: Context) -> Answer:
    """A forced language (--lang, a stored choice) wins; else the question's, else the platform's."""
    forced = ctx.lang if ctx.lang_forced else None
    return answer(msg.text, ctx.event, ctx.now(), forced, default_lang=ctx.lang)


async def handle(msg: InboundMessage, ctx: Context) -> Reply:
    result = _answer_to(msg, ctx)
    return Reply(result.text, lang=result.lang)


async def answer_if_sure(msg: InboundMessage, ctx: Context) -> Reply | None:
    """The FAQ's reply when it is sure of a fact asked as a question, else None (the router's check for a
    side question inside a flow: "France" or "Minister for Foreign Affairs" are answers, not questions)."""
    if msg.action is not None or not msg.text.strip():
        return None
    result = _answer_to(msg, ctx)
    return Reply(result.text, lang=result.lang) if result.sure else None


def _confidence(seen: Analysis) -> float:
    return round(max(0.3, 0.95 - 0.1 * seen.corrections - 0.15 * seen.unknown), 2)


def _short_help(say: Say) -> str:
    return say.t("faq.help", event=say.event_name) + "\n" + say.contact


def _unsure(say: Say) -> str:
    return say.t("faq.unsure") + "\n" + say.contact


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
    if q.cued("missed") and not q.cued("register", "deadlines") and not q.seen.keys("deadline"):
        return "missed", say.missed()
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
    if q.cued("distance") and not q.cued("when", "duration"):
        return "where", say.distance()
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
        ("dress", say.dress_code),
        ("room", say.session_room),
        ("end", say.session_duration),  # with no end time it says so, instead of repeating the start
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
            return ("who" if intent == "invited" else intent), render(s)
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
        if q.cued("deadlines") or not q.cued("register"):
            return "deadline", say.deadlines(named)
        return "register", say.register(named)
    if q.cued("register"):
        return "register", say.register(list(say.event.deadlines[:1]))
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
    if q.cued("dress"):
        return "dress", say.dress_code([])
    if q.cued("room") and not q.seen.unknown:  # "does the meeting room have tea?" is not about rooms
        return "room", say.session_room([])
    if q.cued("end") and not q.seen.keys("venue"):  # "when does the day end?", "… the roundtable end?"
        whole_event = q.day is None and q.seen.has("event")
        days = schedule.event_days(say.event) if whole_event else _days_for(q, say)
        return ("end", say.ends(days[-1], whole_event=whole_event or len(days) > 1)) if days else None
    if q.day is not None and q.cued("where"):
        return "where", say.where_on(_days_for(q, say))
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
    if q.cued("goodbye"):
        return "goodbye", say.t("faq.goodbye", event=say.event_name)
    if q.cued("stop"):  # inside a form these words leave it before the FAQ sees them
        return "stop", say.t("faq.nothing_to_stop")
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
