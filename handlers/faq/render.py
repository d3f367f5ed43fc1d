"""Answers rendered from the Event in the asker's language. Every fact comes from the event file; every
sentence around it from the faq.po catalogues; every date and time from Babel (handlers.shared.timefmt)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time

from bot.event import Deadline, Event, Session, Venue
from bot.i18n import translate
from handlers.faq import schedule
from handlers.shared import timefmt

_SENTENCE_GAPS = {"zh": ""}


@dataclass(frozen=True, slots=True)
class Say:
    """Renders for one asker: the event, their language and the current time (event-local)."""

    event: Event
    lang: str
    now: datetime

    def t(self, message_id: str, **params: object) -> str:
        return translate(self.lang, message_id, **params)

    @property
    def contact(self) -> str:
        return self.t(
            "faq.contact", name=self.event.contact.name.get(self.lang), email=self.event.contact.email
        )

    @property
    def gap(self) -> str:
        """Between two sentences: a space, none in Chinese (its full stop carries the gap)."""
        return _SENTENCE_GAPS.get(self.lang, " ")

    @property
    def event_name(self) -> str:
        return self.event.names["short"].get(self.lang)

    # --- building blocks -------------------------------------------------------------------------
    def when(self, session: Session) -> str:
        start, end = self.event.starts_at(session), self.event.ends_at(session)
        return timefmt.time_range(start, end, self.lang)

    def venue_text(self, venue: Venue) -> str:
        text = venue.name.get(self.lang)
        if venue.address:
            text += f", {venue.address}"
        if venue.directions:
            text += f" ({venue.directions.get(self.lang)})"
        return text

    def session_line(self, session: Session) -> str:
        venue = self.event.venue(session.venue)
        line = self.t("faq.session.when", title=session.title.get(self.lang), when=self.when(session))
        return line + (self.t("faq.session.at", venue=venue.name.get(self.lang)) if venue else "")

    def lines(self, items: Iterable[str]) -> str:
        listed = list(items)
        return listed[0] if len(listed) == 1 else "\n".join(f"• {item}" for item in listed)

    def day_block(self, day: date, sessions: list[Session]) -> str:
        first = self.event.starts_at(sessions[0])
        heading = f"{timefmt.day(day, self.lang)} ({timefmt.zone_name(first, self.lang)})"
        rows = [
            f"• {timefmt.hours(self.event.starts_at(s), self.event.ends_at(s), self.lang)} — "
            f"{s.title.get(self.lang)}"
            for s in sessions
        ]
        return "\n".join([heading, *rows])

    # --- sessions --------------------------------------------------------------------------------
    def session_when(self, sessions: list[Session]) -> str:
        return self.lines(self.session_line(s) for s in sessions)

    def session_where(self, sessions: list[Session]) -> str:
        def one(session: Session) -> str:
            venue = self.event.venue(session.venue)
            title = session.title.get(self.lang)
            if venue is None:
                return self.t("faq.session.where_unknown", title=title, contact=self.event.contact.email)
            return self.t("faq.session.where", title=title, venue=self.venue_text(venue))

        return self.lines(one(s) for s in sessions)

    def session_duration(self, sessions: list[Session]) -> str:
        def one(session: Session) -> str:
            title, when = session.title.get(self.lang), self.when(session)
            if session.duration is None:
                return self.t("faq.session.no_end", title=title, when=when, contact=self.event.contact.email)
            length = timefmt.duration(session.duration, self.lang)
            return self.t("faq.session.duration", title=title, duration=length, when=when)

        return self.lines(one(s) for s in sessions)

    def session_who(self, sessions: list[Session]) -> str:
        def one(session: Session) -> str:
            title = session.title.get(self.lang)
            parts = []
            if session.audience:
                parts.append(
                    self.t("faq.session.audience", title=title, audience=session.audience.get(self.lang))
                )
            if session.host:
                parts.append(self.t("faq.session.host", title=title, host=session.host.get(self.lang)))
            if not parts:
                return self.t("faq.session.who_unknown", title=title, contact=self.event.contact.email)
            return self.gap.join(parts)

        return self.lines(one(s) for s in sessions)

    def session_room(self, sessions: list[Session]) -> str:
        """The programme names venues, never rooms: say so, with the venue and who can tell."""
        if not sessions:
            return self.t("faq.room.unknown", contact=self.event.contact.email)

        def one(session: Session) -> str:
            venue = self.event.venue(session.venue)
            title = session.title.get(self.lang)
            if venue is None:
                return self.t("faq.session.where_unknown", title=title, contact=self.event.contact.email)
            return self.t(
                "faq.room.none", title=title, venue=self.venue_text(venue), contact=self.event.contact.email
            )

        return self.lines(one(s) for s in sessions)

    def dress_code(self, sessions: list[Session]) -> str:
        """What the event file's ``dress_code`` policy says, else that the documents do not say."""
        stated = self.policy("dress_code")
        if stated:
            return stated
        what = timefmt.join([s.title.get(self.lang) for s in sessions], self.lang) or self.event_name
        return self.t("faq.dress.unknown", what=what, contact=self.event.contact.email)

    def session_host(self, sessions: list[Session]) -> str:
        hosted = [s for s in sessions if s.host]
        if not hosted:
            return self.convener()
        return self.lines(
            self.t("faq.session.host", title=s.title.get(self.lang), host=s.host.get(self.lang))
            for s in hosted
            if s.host
        )

    def session_what(self, sessions: list[Session]) -> str:
        blocks = []
        for session in sessions:
            parts = [self.session_line(session)]
            if session.description:
                parts.append(session.description.get(self.lang))
            if session.capabilities:
                names = timefmt.join(
                    [self.event.capability(c).name.get(self.lang) for c in session.capabilities], self.lang
                )
                parts.append(self.t("faq.session.capabilities", capabilities=names))
            if session.questions:
                parts.append(self.t("faq.session.has_questions"))
            if len(parts) == 1:
                parts.append(self.t("faq.session.no_description", contact=self.event.contact.email))
            blocks.append("\n".join(parts))
        return "\n\n".join(blocks)

    def session_questions(self, sessions: list[Session]) -> str | None:
        with_questions = [s for s in sessions if s.questions] or [
            s for s in self.event.sessions if s.questions
        ]
        if not with_questions:
            return None
        blocks = []
        for session in with_questions:
            asked = session.questions.get(self.lang) or session.questions.get("en", [])
            numbered = [f"{i}. {q}" for i, q in enumerate(asked, 1)]
            blocks.append("\n".join([self.t("faq.questions", title=session.title.get(self.lang)), *numbered]))
        return "\n\n".join(blocks)

    # --- the programme and the clock -------------------------------------------------------------
    def programme(self) -> str:
        days = schedule.event_days(self.event)
        blocks = [self.day_block(d, schedule.on_day(self.event, d)) for d in days]
        return "\n\n".join([self.t("faq.programme", event=self.event_name), *blocks])

    def ends(self, day: date, *, whole_event: bool) -> str:
        """What ends ``day`` (or, ``whole_event``, the event): its last session to finish, and when."""
        sessions = schedule.on_day(self.event, day)
        if not sessions:
            return self.on_day(day)
        last = max(sessions, key=lambda s: self.event.ends_at(s) or self.event.starts_at(s))
        message = "faq.event_ends" if whole_event else "faq.day_ends"
        return self.t(message, event=self.event_name, title=last.title.get(self.lang), when=self.when(last))

    def on_day(self, day: date) -> str:
        sessions = schedule.on_day(self.event, day)
        if not sessions:
            return self.t("faq.day.none", day=timefmt.day(day, self.lang), days=self.event_days())
        return self.day_block(day, sessions)

    def on_weekday(self, weekday: int) -> str:
        days = [d for d in schedule.event_days(self.event) if d.weekday() == weekday]
        if not days:
            name = timefmt.weekday_name(weekday, self.lang)  # Babel's, not the asker's inflected word
            return self.t("faq.day.none", day=name, days=self.event_days())
        return "\n\n".join(self.on_day(d) for d in days)

    def event_days(self) -> str:
        return "; ".join(timefmt.day(d, self.lang) for d in schedule.event_days(self.event))

    def now_text(self) -> str:
        return f"{timefmt.clock(self.now, self.lang)} {timefmt.zone_name(self.now, self.lang)}"

    def happening_now(self) -> str:
        if not schedule.has_started(self.event, self.now):
            first = schedule.ordered(self.event)[0]
            return self.t("faq.now.not_started", event=self.event_name, first=self.session_line(first))
        if schedule.is_over(self.event, self.now):
            return self.over()
        current = schedule.happening_at(self.event, self.now)
        if current:
            return (
                self.t("faq.now.on", now=self.now_text()) + "\n" + self.lines(map(self.session_line, current))
            )
        return self.t("faq.now.nothing", now=self.now_text()) + self.gap + self.next_up(self.now)

    def missed(self) -> str:
        """For a late arrival: what already happened today, then what is on now (or next)."""
        if not schedule.has_started(self.event, self.now) or schedule.is_over(self.event, self.now):
            return self.happening_now()
        current = schedule.happening_at(self.event, self.now)
        earlier = [
            s
            for s in schedule.on_day(self.event, self.now.date())
            if self.event.starts_at(s) <= self.now and s not in current
        ]
        if not earlier:
            return self.happening_now()
        done = self.t("faq.missed.earlier", now=self.now_text()) + "\n"
        done += "\n".join(f"• {self.session_line(s)}" for s in earlier)
        if current:
            return (
                done
                + "\n"
                + self.t("faq.now.on", now=self.now_text())
                + "\n"
                + self.lines(map(self.session_line, current))
            )
        return done + "\n" + self.next_up(self.now)

    def where_on(self, days: list[date]) -> str:
        """The venues of a day's sessions ('where do we go on Thursday evening?'), with their addresses."""
        venues = [s.venue for d in days for s in schedule.on_day(self.event, d) if s.venue]
        return self.venue(list(dict.fromkeys(venues))) or self.event_where()

    def distance(self) -> str:
        """The documents give addresses and cross streets, not distances: say what they give."""
        return self.event_where() + "\n" + self.t("faq.distance.unknown", contact=self.event.contact.email)

    def next_up(self, after: datetime) -> str:
        upcoming = schedule.next_up(self.event, after)
        if not upcoming:
            return self.over()
        return self.t("faq.next") + "\n" + self.lines(map(self.session_line, upcoming))

    def over(self) -> str:
        ended = timefmt.long_date(self.event.last_end, self.lang)
        return self.t("faq.now.over", event=self.event_name, date=ended, contact=self.event.contact.email)

    def at_time(self, moment: time, days: list[date]) -> str:
        lines: list[str] = []
        asked = ""
        for day in days:
            when = datetime.combine(day, moment, tzinfo=self.event.zone)
            asked = asked or f"{timefmt.clock(when, self.lang)} {timefmt.zone_name(when, self.lang)}"
            lines.extend(self.session_line(s) for s in schedule.happening_at(self.event, when))
        if lines:
            return self.t("faq.at.on", time=asked) + "\n" + self.lines(lines)
        after = datetime.combine(days[0], moment, tzinfo=self.event.zone)
        return self.t("faq.at.none", time=asked) + self.gap + self.next_up(after)

    # --- the event as a whole --------------------------------------------------------------------
    def deadline(self, deadline: Deadline) -> str:
        passed = self.now >= self.event.deadline_cutoff(deadline)
        text = self.t(
            "faq.deadline",
            title=deadline.title.get(self.lang),
            due=timefmt.long_date(deadline.due, self.lang),
            applies_to=deadline.applies_to.get(self.lang),
            action=deadline.action.get(self.lang),
        )
        if deadline.url:
            text += self.gap + self.t("faq.deadline.url", url=str(deadline.url))
        return text + (
            self.gap + self.t("faq.deadline.passed", contact=self.event.contact.email) if passed else ""
        )

    def deadlines(self, chosen: list[Deadline]) -> str:
        return self.lines(self.deadline(d) for d in chosen)

    def pitch(self) -> str:
        setup = self.event.matchmaking
        session = self.event.session(setup.session)
        text = self.t(
            "faq.pitch",
            minutes=setup.pitch_minutes,
            slides=setup.slides,
            who=setup.who_may_present.get(self.lang),
            session=self.session_line(session),
        )
        deadline = self.event.deadline(setup.expression_of_interest)
        open_here = self.now < self.event.deadline_cutoff(deadline)
        here = self.t("faq.pitch.here" if open_here else "faq.pitch.here_closed")
        return text + "\n" + self.deadline(deadline) + "\n" + here

    def register(self, chosen: list[Deadline]) -> str:
        """The deadline(s), and that the bot takes the registration right here."""
        return self.deadlines(chosen) + "\n" + self.t("faq.register.here")

    def capabilities(self) -> str:
        rows = []
        for capability in self.event.capabilities:
            groups = [
                s.title.get(self.lang)
                for s in self.event.breakout_sessions
                if capability.id in s.capabilities
            ]
            row = f"• {capability.name.get(self.lang)}: {capability.covers.get(self.lang)}"
            rows.append(row + (f" — {'; '.join(groups)}" if groups else ""))
        source = self.event.capabilities_source.get(self.lang)
        heading = self.t("faq.capabilities", count=len(self.event.capabilities), source=source)
        return "\n".join([heading, *rows])

    def capability_groups(self, capability_ids: list[str]) -> str:
        rows = []
        for capability in map(self.event.capability, capability_ids):
            groups = [s for s in self.event.breakout_sessions if capability.id in s.capabilities]
            name, covers = capability.name.get(self.lang), capability.covers.get(self.lang)
            if not groups:
                rows.append(self.t("faq.capability.none", capability=name, covers=covers))
            for group in groups:
                rows.append(
                    self.t(
                        "faq.capability.group", capability=name, covers=covers, group=self.session_line(group)
                    )
                )
        return self.lines(rows)

    def venue(self, venue_ids: list[str]) -> str:
        rows = []
        for venue in filter(None, map(self.event.venue, venue_ids)):
            there = [s.title.get(self.lang) for s in schedule.ordered(self.event) if s.venue == venue.id]
            rows.append(
                self.t("faq.venue", venue=self.venue_text(venue), sessions=timefmt.join(there, self.lang))
            )
        return self.lines(rows)

    def event_where(self) -> str:
        main = self.event.venue(self.event.main_venue)
        text = self.t("faq.event.where", event=self.event_name, venue=self.venue_text(main) if main else "")
        elsewhere = [s for s in schedule.ordered(self.event) if s.venue and s.venue != self.event.main_venue]
        return "\n".join([text, *(self.session_where([s]) for s in elsewhere)])

    def policy(self, key: str) -> str | None:
        text = self.event.policies.get(key)
        return text.get(self.lang) if text else None

    def convener(self) -> str:
        return self.t("faq.convener", event=self.event_name, convener=self.event.convener.get(self.lang))

    def event_format(self) -> str:
        return self.t("faq.format", event=self.event_name, format=self.event.format.get(self.lang))

    def about(self) -> str:
        name = self.event.names["long"].get(self.lang)
        return f"{name}: {self.event.about.get(self.lang)}\n{self.event_days()}"
