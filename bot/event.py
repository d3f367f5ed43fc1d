"""The event file: a pydantic model of all the bot may state, and a loader naming line and field."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    RootModel,
    ValidationError,
    model_validator,
)

BUNDLED_EVENT = Path(__file__).parent / "data" / "events" / "global-roundtable-2024.yaml"
DEFAULT_LANG = "en"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _has_english(value: dict[str, str]) -> dict[str, str]:
    if DEFAULT_LANG not in value:
        raise ValueError("needs an 'en' text; other languages are optional translations")
    return value


class Text(RootModel[Annotated[dict[str, str], AfterValidator(_has_english)]]):
    """A text with translations keyed by language code; English is required and the fallback."""

    model_config = ConfigDict(frozen=True)

    def get(self, lang: str) -> str:
        return self.root.get(lang) or self.root[DEFAULT_LANG]

    def all(self) -> Iterator[str]:
        return iter(self.root.values())


class Terms(RootModel[dict[str, list[str]]]):
    """Words per language (aliases of a session, FAQ question forms)."""

    model_config = ConfigDict(frozen=True)

    def get(self, lang: str) -> list[str]:
        return self.root.get(lang, [])

    def every(self) -> Iterator[tuple[str, str]]:
        for lang, words in self.root.items():
            for word in words:
                yield lang, word


def _zone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValueError(f"unknown IANA time zone {name!r}") from error
    return name


def zone_named(name: str | None) -> ZoneInfo | None:
    """The IANA zone a platform or a user gave, or None when it is missing or unknown."""
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


class Venue(_Model):
    id: str
    name: Text
    address: str | None = None
    directions: Text | None = None


class Contact(_Model):
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    name: Text


class Session(_Model):
    id: str
    title: Text
    start: datetime
    end: datetime | None = None
    venue: str | None = None
    kind: Literal["reception", "meeting", "plenary", "panel", "matchmaking", "breakout"]
    description: Text | None = None
    audience: Text | None = None
    host: Text | None = None
    questions: dict[str, list[str]] = Field(default_factory=dict)
    group: str | None = None
    capabilities: list[str] = Field(default_factory=list)
    rsvp_deadline: str | None = None
    aliases: Terms = Field(default_factory=lambda: Terms({}))

    @property
    def duration(self) -> timedelta | None:
        return self.end - self.start if self.end else None


class Deadline(_Model):
    id: str
    title: Text
    due: date
    url: HttpUrl | None = None
    applies_to: Text
    action: Text
    aliases: Terms = Field(default_factory=lambda: Terms({}))


class SlotPlan(_Model):
    """Organiser setting, not from the source documents: how the pitch time is cut into slots."""

    organiser_setting: Literal[True]
    count: int = Field(ge=1, le=200)
    first_start: time
    every_minutes: int = Field(ge=1)


class MeetingWindow(_Model):
    start: datetime
    end: datetime


class MeetingPlan(_Model):
    """Organiser setting, not from the source documents: when and where matchmaking meetings take place
    (handlers/matchmaking/planner.py places them). ``tables`` is a count (tables 1…N) or a list of names."""

    organiser_setting: Literal[True]
    windows: list[MeetingWindow] = Field(min_length=1)
    minutes: int = Field(ge=5, le=240)
    tables: int | list[Annotated[str, Field(min_length=1, max_length=40)]]
    spare_tables: int = Field(default=0, ge=0)
    max_per_participant: int = Field(ge=1, le=50)
    interpretation: bool = False

    @property
    def table_names(self) -> list[str]:
        return [str(n) for n in range(1, self.tables + 1)] if isinstance(self.tables, int) else self.tables

    def problems(self) -> list[str]:
        """Cross-field problems, each "field: message" under ``matchmaking.meetings``."""
        found: list[str] = []
        names = self.table_names
        if not names:
            found.append("tables: at least one table")
        if len(set(names)) != len(names):
            found.append("tables: two tables have the same name")
        if self.spare_tables >= len(names) > 0:
            found.append("spare_tables: leaves no table for meetings")
        ordered = sorted(self.windows, key=lambda w: w.start)
        for index, window in enumerate(self.windows):
            if window.end - window.start < timedelta(minutes=self.minutes):
                found.append(f"windows.{index}.end: shorter than one meeting ({self.minutes} minutes)")
        for earlier, later in itertools.pairwise(ordered):
            if later.start < earlier.end:
                found.append("windows: two windows overlap")
        return found


class Matchmaking(_Model):
    session: str
    pitch_minutes: int = Field(ge=1)
    slides: int = Field(ge=1)
    expression_of_interest: str
    who_may_present: Text
    slots: SlotPlan
    meetings: MeetingPlan | None = None


class Capability(_Model):
    id: str
    name: Text
    covers: Text
    aliases: Terms = Field(default_factory=lambda: Terms({}))


class FaqEntry(_Model):
    id: str
    questions: Terms
    answer: Text


class ReminderRule(_Model):
    """Organiser setting: when to remind, and who (computed when the rule fires)."""

    deadline: str
    days_before: list[int]
    at: time
    audience: Literal["unregistered-delegations", "incomplete-registrations", "providers-without-pitch"]


class Series(_Model):
    """The forum this event is one edition of (issue 15). ``previous`` is the event id of the edition
    before, whose needs, offers and registrations live in the same database: returning members are asked
    about them, and summaries follow them across editions. ORGANISER SETTING, not a fact of the seeds."""

    organiser_setting: Literal[True]
    id: Annotated[str, Field(min_length=1, max_length=80)]
    edition: Text  # how this edition is named to people ("2024", "second edition")
    previous: Annotated[str, Field(min_length=1, max_length=80)] | None = None
    previous_edition: Text | None = None  # how the previous one is named ("2024"); else its id is shown


class CrossFieldError(ValueError):
    """References between fields that do not resolve, each "field.path: message", so the checker can
    point at each field's own line rather than at the top of the file."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


class Event(_Model):
    id: str
    names: dict[Literal["long", "short"], Text]
    convener: Text
    about: Text
    timezone: Annotated[str, AfterValidator(_zone)]
    format: Text
    main_venue: str
    contact: Contact
    venues: list[Venue]
    sessions: list[Session]
    deadlines: list[Deadline]
    matchmaking: Matchmaking
    capabilities_source: Text
    capabilities: list[Capability]
    policies: dict[str, Text] = Field(default_factory=dict)
    faq: list[FaqEntry] = Field(default_factory=list)
    reminders: list[ReminderRule] = Field(default_factory=list)
    organisers: list[str] = Field(default_factory=list)
    languages: list[str] = Field(default_factory=lambda: [DEFAULT_LANG])
    series: Series | None = None

    @model_validator(mode="after")
    def _references_resolve(self) -> Event:
        venues = {v.id for v in self.venues}
        sessions = {s.id for s in self.sessions}
        deadlines = {d.id for d in self.deadlines}
        capabilities = {c.id for c in self.capabilities}
        problems = [f"main_venue: unknown venue {self.main_venue!r}"] if self.main_venue not in venues else []
        for index, session in enumerate(self.sessions):
            if session.venue is not None and session.venue not in venues:
                problems.append(f"sessions.{index}.venue: unknown venue {session.venue!r}")
            problems.extend(
                f"sessions.{index}.capabilities: unknown capability {c!r}"
                for c in session.capabilities
                if c not in capabilities
            )
            if session.end is not None and session.end <= session.start:
                problems.append(f"sessions.{index}.end: ends before it starts")
        if self.matchmaking.session not in sessions:
            problems.append(f"matchmaking.session: unknown session {self.matchmaking.session!r}")
        if self.matchmaking.expression_of_interest not in deadlines:
            problems.append("matchmaking.expression_of_interest: unknown deadline")
        if self.matchmaking.meetings is not None:
            problems.extend(f"matchmaking.meetings.{p}" for p in self.matchmaking.meetings.problems())
        problems.extend(
            f"reminders.{i}.deadline: unknown deadline {r.deadline!r}"
            for i, r in enumerate(self.reminders)
            if r.deadline not in deadlines
        )
        if self.series is not None and self.series.previous == self.id:
            problems.append("series.previous: an edition cannot follow itself")
        if problems:
            raise CrossFieldError(problems)
        return self

    # Times in the file are event-local; these give aware datetimes.
    @cached_property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def local(self, moment: datetime) -> datetime:
        return moment.replace(tzinfo=self.zone) if moment.tzinfo is None else moment.astimezone(self.zone)

    def starts_at(self, session: Session) -> datetime:
        return self.local(session.start)

    def ends_at(self, session: Session) -> datetime | None:
        return self.local(session.end) if session.end else None

    def deadline_cutoff(self, deadline: Deadline) -> datetime:
        """'By 19 April' means until the end of that day in the event's time zone."""
        return datetime.combine(deadline.due + timedelta(days=1), time(0), tzinfo=self.zone)

    def session(self, session_id: str) -> Session:
        return next(s for s in self.sessions if s.id == session_id)

    def venue(self, venue_id: str | None) -> Venue | None:
        return next((v for v in self.venues if v.id == venue_id), None)

    def deadline(self, deadline_id: str) -> Deadline:
        return next(d for d in self.deadlines if d.id == deadline_id)

    def capability(self, capability_id: str) -> Capability:
        return next(c for c in self.capabilities if c.id == capability_id)

    def capability_name(self, capability_id: str, lang: str) -> str:
        """A capability's name in ``lang``; an id the file no longer lists (stored earlier) as it is."""
        found = next((c for c in self.capabilities if c.id == capability_id), None)
        return found.name.get(lang) if found is not None else capability_id

    def edition_name(self, edition: str, lang: str) -> str:
        """How an edition of this event's series is named to people: this one and the one before by the
        names the file gives them; an older one (or an unnamed one) by its event id."""
        series = self.series
        if series is None:
            return self.names["short"].get(lang) if edition == self.id else edition
        if edition == self.id:
            return series.edition.get(lang)
        if edition == series.previous and series.previous_edition is not None:
            return series.previous_edition.get(lang)
        return edition

    @property
    def editions(self) -> tuple[str, ...]:
        """This edition's event id and the one before it, newest first (what the database may hold)."""
        previous = self.series.previous if self.series else None
        return (self.id, previous) if previous else (self.id,)

    @property
    def breakout_sessions(self) -> list[Session]:
        return [s for s in self.sessions if s.kind == "breakout"]

    @property
    def first_start(self) -> datetime:
        return min(self.starts_at(s) for s in self.sessions)

    @property
    def last_end(self) -> datetime:
        return max(self.ends_at(s) or self.starts_at(s) for s in self.sessions)

    def pitch_slot_times(self) -> list[tuple[datetime, datetime]]:
        plan, length = self.matchmaking.slots, timedelta(minutes=self.matchmaking.pitch_minutes)
        day = self.session(self.matchmaking.session).start.date()
        first = datetime.combine(day, plan.first_start, tzinfo=self.zone)
        step = timedelta(minutes=plan.every_minutes)
        return [(first + i * step, first + i * step + length) for i in range(plan.count)]

    def meeting_slot_times(self) -> list[tuple[datetime, datetime]]:
        """The matchmaking meetings' time slots, back to back in each window (none without a plan)."""
        plan = self.matchmaking.meetings
        if plan is None:
            return []
        length, slots = timedelta(minutes=plan.minutes), []
        for window in sorted(plan.windows, key=lambda w: w.start):
            start, end = self.local(window.start), self.local(window.end)
            while start + length <= end:
                slots.append((start, start + length))
                start += length
        return slots


class EventFileError(Exception):
    """Every problem in an event file, each as 'line N: field.path: message'."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        super().__init__(f"{path}: " + "; ".join(problems))
        self.path = path
        self.problems = problems


def _line_of(node: yaml.Node | None, loc: tuple[int | str, ...]) -> int | None:
    """Walk the YAML node tree along a pydantic error location to the deepest node that exists."""
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        child: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode):
            child = next((v for k, v in node.value if k.value == str(part)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            child = node.value[part]
        if child is None:
            break
        node, line = child, child.start_mark.line + 1
    return line


def parse_event(text: str, path: Path) -> Event:
    try:
        tree = yaml.compose(text, Loader=yaml.SafeLoader)
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        data: Any = yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader, C-accelerated when built
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        raise EventFileError(path, [f"{where}not valid YAML ({getattr(error, 'problem', error)})"]) from None
    if not isinstance(data, dict):
        raise EventFileError(path, ["line 1: the file must be a mapping of fields"])
    try:
        return Event.model_validate(data)
    except ValidationError as error:
        problems: list[str] = []
        for item in error.errors():
            cross = item.get("ctx", {}).get("error")
            if isinstance(cross, CrossFieldError):
                problems.extend(_located(tree, problem) for problem in cross.problems)
                continue
            loc = tuple(p for p in item["loc"] if not (isinstance(p, str) and "[" in p))
            field_path = ".".join(str(p) for p in loc) or "(top level)"
            problems.append(f"line {_line_of(tree, loc)}: {field_path}: {item['msg']}")
        raise EventFileError(path, problems) from None


def _located(tree: yaml.Node | None, problem: str) -> str:
    """'sessions.3.end: ends before it starts' → 'line 120: sessions.3.end: ends before it starts'."""
    field_path, _, _ = problem.partition(": ")
    loc = tuple(int(p) if p.isdigit() else p for p in field_path.split("."))
    return f"line {_line_of(tree, loc)}: {problem}"


def load_event(path: Path | None = None) -> Event:
    path = path or BUNDLED_EVENT
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise EventFileError(path, [f"cannot read the file ({error.strerror})"]) from None
    return parse_event(text, path)
