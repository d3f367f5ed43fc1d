"""Tables (SQLAlchemy 2 ``Mapped[]``). Correctness lives in constraints, not in handler code."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    CheckConstraint,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out, on SQLite (which keeps no offset) as on PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: pass an aware one (ctx.clock() is aware)")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime, dict[str, Any]: JSON}


class Delegation(Base):
    """A State or organisation, shared by its members across platforms."""

    __tablename__ = "delegation"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), unique=True)
    join_code: Mapped[str] = mapped_column(String(16), unique=True)
    created_at: Mapped[datetime]


LAST_SEEN_RESOLUTION = timedelta(minutes=5)


class Member(Base):
    """One platform identity (``slack:U123``) and its preferences."""

    __tablename__ = "member"
    __table_args__ = (UniqueConstraint("platform", "user_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    user_id: Mapped[str] = mapped_column(String(200))
    display_name: Mapped[str] = mapped_column(String(200), default="")
    delegation_id: Mapped[int | None] = mapped_column(ForeignKey("delegation.id", ondelete="SET NULL"))
    language: Mapped[str | None] = mapped_column(String(8))
    tz: Mapped[str | None] = mapped_column(String(64))
    reminders_enabled: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]

    @property
    def key(self) -> str:
        return f"{self.platform}:{self.user_id}"

    def needs_touch(self, display_name: str, now: datetime) -> bool:
        """Whether last_seen_at or the display name is stale enough to be worth a write."""
        renamed = bool(display_name) and display_name != self.display_name
        return renamed or now - self.last_seen_at >= LAST_SEEN_RESOLUTION


class DialogState(Base):
    """The open multi-step conversation of one user: which flow, which step, answers so far."""

    __tablename__ = "dialog_state"
    user_key: Mapped[str] = mapped_column(String(220), primary_key=True)
    flow: Mapped[str] = mapped_column(String(40))
    step: Mapped[str] = mapped_column(String(40))
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    updated_at: Mapped[datetime]


class ProcessedEvent(Base):
    """An inbound platform event id already handled: a retry with the same id has no second effect."""

    __tablename__ = "processed_event"
    platform: Mapped[str] = mapped_column(String(16), primary_key=True)
    event_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    received_at: Mapped[datetime]


class ConversationReference(Base):
    """Where to reach a user proactively (Slack DM channel, Teams ConversationReference JSON)."""

    __tablename__ = "conversation_reference"
    user_key: Mapped[str] = mapped_column(String(220), primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    conversation_id: Mapped[str] = mapped_column(String(400))
    service_url: Mapped[str | None] = mapped_column(String(400))
    tenant_id: Mapped[str | None] = mapped_column(String(100))
    reference: Mapped[dict[str, Any]] = mapped_column(default=dict)
    updated_at: Mapped[datetime]
    unreachable_at: Mapped[datetime | None]


class AuditEntry(Base):
    """Who did what, when, with the values before and after."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_at", "at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(220))
    action: Mapped[str] = mapped_column(String(80))
    subject: Mapped[str] = mapped_column(String(400), default="")
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    note: Mapped[str] = mapped_column(Text, default="")


# --- Delegation registration (handlers/registration*.py, storage/registration.py, migration 0002) ---


class Registration(Base):
    """A delegation's confirmed answer to the Chair's invitation; one row per delegation, shared by its
    members on every platform. Drafts never reach this table: they live in the dialog row until confirmed."""

    __tablename__ = "registration"
    id: Mapped[int] = mapped_column(primary_key=True)
    delegation_id: Mapped[int] = mapped_column(ForeignKey("delegation.id", ondelete="CASCADE"), unique=True)
    status: Mapped[str] = mapped_column(String(16))  # "confirmed" or "withdrawn"
    hod_name: Mapped[str] = mapped_column(String(200))
    hod_designation: Mapped[str] = mapped_column(String(200), default="")  # "" = not known yet
    hod_is_minister: Mapped[bool] = mapped_column(default=False)
    experts: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)  # [{name, designation}]
    reception_hod: Mapped[bool | None]  # None = not decided yet
    reception_experts: Mapped[list[str]] = mapped_column(JSON, default=list)  # expert names attending
    breakout_group: Mapped[str] = mapped_column(String(8))
    contact_email: Mapped[str] = mapped_column(String(320))
    late: Mapped[bool] = mapped_column(default=False)
    registered_by: Mapped[str] = mapped_column(String(220))
    confirmed_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    withdrawn_at: Mapped[datetime | None]


class JoinRequest(Base):
    """Someone named an existing delegation without its join code: organisers decide, nobody takes over."""

    __tablename__ = "join_request"
    __table_args__ = (UniqueConstraint("delegation_id", "user_key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    delegation_id: Mapped[int] = mapped_column(ForeignKey("delegation.id", ondelete="CASCADE"))
    user_key: Mapped[str] = mapped_column(String(220))
    display_name: Mapped[str] = mapped_column(String(200), default="")
    claimed_name: Mapped[str] = mapped_column(String(200))
    lang: Mapped[str] = mapped_column(String(8), default="en")  # to answer the requester in their language
    status: Mapped[str] = mapped_column(String(16), default="pending")  # pending, approved, rejected
    created_at: Mapped[datetime]
    decided_at: Mapped[datetime | None]
    decided_by: Mapped[str] = mapped_column(String(220), default="")


# --- Reminders and broadcasts (service/scheduler.py, service/sender.py, storage/outbox.py, migr. 0004) ---


class Campaign(Base):
    """One reminder firing or one broadcast. ``rule_key`` is unique, so a reminder rule fires once even
    when several instances compute it at the same moment."""

    __tablename__ = "campaign"
    __table_args__ = (Index("ix_campaign_due", "status", "send_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    rule_key: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(16))  # "reminder", "cue" or "broadcast"
    audience: Mapped[str] = mapped_column(String(60))
    status: Mapped[str] = mapped_column(String(16))  # "scheduled", "expanded" or "cancelled"
    text: Mapped[str] = mapped_column(Text, default="")  # a broadcast's words, as the organiser wrote them
    params: Mapped[dict[str, Any]] = mapped_column(default=dict)  # a reminder's deadline, offset, session
    created_by: Mapped[str] = mapped_column(String(220))
    created_at: Mapped[datetime]
    send_at: Mapped[datetime]
    expanded_at: Mapped[datetime | None]


class OutboxItem(Base):
    """One message to one recipient. Leased while being sent (``claimed_by``/``claimed_until``) so a
    killed sender's rows go back to the pool when the lease runs out."""

    __tablename__ = "outbox"
    __table_args__ = (
        UniqueConstraint("campaign_id", "recipient_key"),
        Index("ix_outbox_due", "platform", "status", "next_attempt_at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"))
    recipient_key: Mapped[str] = mapped_column(String(220))
    platform: Mapped[str] = mapped_column(String(16))
    params: Mapped[dict[str, Any]] = mapped_column(default=dict)  # what this recipient still has to do
    status: Mapped[str] = mapped_column(String(16))  # pending, sending, sent, failed, unreachable, skipped
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime]
    claimed_by: Mapped[str | None] = mapped_column(String(80))
    claimed_until: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]
    last_error: Mapped[str] = mapped_column(String(400), default="")


class DeliveryAttempt(Base):
    """Every send attempt and what the platform said."""

    __tablename__ = "delivery_attempt"
    __table_args__ = (Index("ix_delivery_attempt_outbox_id", "outbox_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    outbox_id: Mapped[int] = mapped_column(ForeignKey("outbox.id", ondelete="CASCADE"))
    at: Mapped[datetime]
    worker: Mapped[str] = mapped_column(String(80))
    status: Mapped[str] = mapped_column(String(16))
    retry_after: Mapped[float | None]
    detail: Mapped[str] = mapped_column(String(400), default="")


class ReminderPreference(Base):
    """A user's quiet hours (event-day cues and reminders wait until they end)."""

    __tablename__ = "reminder_preference"
    user_key: Mapped[str] = mapped_column(String(220), primary_key=True)
    quiet_start: Mapped[str | None] = mapped_column(String(5))  # "22:00"
    quiet_end: Mapped[str | None] = mapped_column(String(5))  # "07:00"
    updated_at: Mapped[datetime]


# --- Pitch slots and matchmaking (handlers/pitches*.py, handlers/matchmaking*.py, storage/pitches.py,
# storage/matchmaking.py, migration 0003) ---

BOOKING_ACTIVE = "status IN ('confirmed', 'waitlisted')"


class PitchSignup(Base):
    """Per event: whether organisers forced sign-up open or closed ("auto" follows the deadline). Every
    booking change first bumps ``version``: that write serialises booking changes of one event."""

    __tablename__ = "pitch_signup"
    event_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    state: Mapped[str] = mapped_column(String(8), default="auto")  # "auto", "open" or "closed"
    version: Mapped[int] = mapped_column(default=0)
    updated_at: Mapped[datetime]


class PitchSlot(Base):
    """One pitch slot, seeded from the event file (organiser setting) on first use."""

    __tablename__ = "pitch_slot"
    __table_args__ = (UniqueConstraint("event_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[str] = mapped_column(String(80))
    number: Mapped[int]
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]


class PitchProvider(Base):
    """The organisation that presents: a delegation, or a name one member gave (remembered for them)."""

    __tablename__ = "pitch_provider"
    __table_args__ = (
        CheckConstraint("(delegation_id IS NULL) <> (owner_key IS NULL)", name="one_owner"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    delegation_id: Mapped[int | None] = mapped_column(
        ForeignKey("delegation.id", ondelete="CASCADE"), unique=True
    )
    owner_key: Mapped[str | None] = mapped_column(String(220), unique=True)
    created_at: Mapped[datetime]


class PitchBooking(Base):
    """A provider's claim: confirmed in a slot, waitlisted at a position, or cancelled (kept for history).
    The partial unique indexes make a double booking impossible whatever the handlers do."""

    __tablename__ = "pitch_booking"
    __table_args__ = (
        Index(
            "uq_pitch_booking_confirmed_slot",
            "slot_id",
            unique=True,
            sqlite_where=text("status = 'confirmed'"),
            postgresql_where=text("status = 'confirmed'"),
        ),
        Index(
            "uq_pitch_booking_active_provider",
            "event_id",
            "provider_id",
            unique=True,
            sqlite_where=text(BOOKING_ACTIVE),
            postgresql_where=text(BOOKING_ACTIVE),
        ),
        Index(
            "uq_pitch_booking_waitlist_position",
            "event_id",
            "position",
            unique=True,
            sqlite_where=text("status = 'waitlisted'"),
            postgresql_where=text("status = 'waitlisted'"),
        ),
        CheckConstraint(
            "(status = 'confirmed' AND slot_id IS NOT NULL AND position IS NULL)"
            " OR (status = 'waitlisted' AND slot_id IS NULL AND position IS NOT NULL)"
            " OR status = 'cancelled'",
            name="status_fields",
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[str] = mapped_column(String(80))
    provider_id: Mapped[int] = mapped_column(ForeignKey("pitch_provider.id", ondelete="CASCADE"))
    slot_id: Mapped[int | None] = mapped_column(ForeignKey("pitch_slot.id"))
    status: Mapped[str] = mapped_column(String(12))  # "confirmed", "waitlisted" or "cancelled"
    position: Mapped[int | None]
    title: Mapped[str] = mapped_column(String(200), default="")
    slides_url: Mapped[str | None] = mapped_column(String(500))
    booked_by: Mapped[str] = mapped_column(String(220))
    lang: Mapped[str] = mapped_column(String(8), default="en")
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class MatchProfile(Base):
    """What a matchmaking participant works in: region and working languages (ISO codes)."""

    __tablename__ = "match_profile"
    user_key: Mapped[str] = mapped_column(String(220), primary_key=True)
    region: Mapped[str] = mapped_column(String(100), default="")
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    lang: Mapped[str] = mapped_column(String(8), default="en")  # the language they last spoke to the bot
    updated_at: Mapped[datetime]


class Interest(Base):
    """An offer or a need of one participant under one foundational capability (a new one replaces it)."""

    __tablename__ = "interest"
    __table_args__ = (UniqueConstraint("event_id", "user_key", "kind", "capability"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[str] = mapped_column(String(80))
    user_key: Mapped[str] = mapped_column(String(220))
    kind: Mapped[str] = mapped_column(String(8))  # "offer" or "need"
    capability: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(String(500))
    updated_at: Mapped[datetime]


class MeetRequest(Base):
    """One participant asks to meet another; at most one pending request per ordered pair."""

    __tablename__ = "meet_request"
    __table_args__ = (
        Index(
            "uq_meet_request_pending_pair",
            "event_id",
            "from_key",
            "to_key",
            unique=True,
            sqlite_where=text("status = 'pending'"),
            postgresql_where=text("status = 'pending'"),
        ),
        CheckConstraint("from_key <> to_key", name="not_self"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[str] = mapped_column(String(80))
    from_key: Mapped[str] = mapped_column(String(220))
    to_key: Mapped[str] = mapped_column(String(220))
    status: Mapped[str] = mapped_column(String(10), default="pending")  # pending, accepted, declined
    created_at: Mapped[datetime]
    decided_at: Mapped[datetime | None]


# --- Personal agenda and change notices (handlers/agenda*.py, storage/agenda.py, migration 0005) ---


class SessionFollow(Base):
    """A session a user added to their agenda (`follow …`): it shows in their agenda and .ics, and they
    get a "starting now" cue and any change notice for it."""

    __tablename__ = "session_follow"
    event_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    session_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    user_key: Mapped[str] = mapped_column(String(220), primary_key=True)
    created_at: Mapped[datetime]


class EventSnapshot(Base):
    """The programme as last applied (times, venues, titles per session): a reloaded event file is compared
    with this, so every server instance and the CLI agree on what changed, and each change is told once."""

    __tablename__ = "event_snapshot"
    event_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    revision: Mapped[int] = mapped_column(default=1)
    sessions: Mapped[dict[str, Any]] = mapped_column(default=dict)
    updated_at: Mapped[datetime]
