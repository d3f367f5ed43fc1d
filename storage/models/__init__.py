"""Tables (SQLAlchemy 2 ``Mapped[]``), one module per aggregate. Correctness lives in constraints, not in
handler code. Everything is importable from ``storage.models``; Alembic reads ``Base.metadata``."""

from storage.models.agenda import EventSnapshot, SessionFollow
from storage.models.base import NAMING, Base, UTCDateTime
from storage.models.console import ConsoleLink, ConsoleSession, ConsoleSetting
from storage.models.core import (
    ANSWERED,
    CLAIMED,
    LAST_SEEN_RESOLUTION,
    AuditEntry,
    ConversationReference,
    Delegation,
    DialogState,
    Member,
    ProcessedEvent,
)
from storage.models.editions import CarryOver
from storage.models.files import Download
from storage.models.matchmaking import Interest, MatchProfile, MeetRequest
from storage.models.meetings import MeetingOutcome, MeetingPreference, PlannedMeeting
from storage.models.outreach import Campaign, DeliveryAttempt, OutboxItem, ReminderPreference
from storage.models.pitches import BOOKING_ACTIVE, PitchBooking, PitchProvider, PitchSignup, PitchSlot
from storage.models.registration import JoinRequest, Registration

__all__ = [
    "ANSWERED",
    "BOOKING_ACTIVE",
    "CLAIMED",
    "LAST_SEEN_RESOLUTION",
    "NAMING",
    "AuditEntry",
    "Base",
    "Campaign",
    "CarryOver",
    "ConsoleLink",
    "ConsoleSession",
    "ConsoleSetting",
    "ConversationReference",
    "Delegation",
    "DeliveryAttempt",
    "DialogState",
    "Download",
    "EventSnapshot",
    "Interest",
    "JoinRequest",
    "MatchProfile",
    "MeetRequest",
    "MeetingOutcome",
    "MeetingPreference",
    "Member",
    "OutboxItem",
    "PitchBooking",
    "PitchProvider",
    "PitchSignup",
    "PitchSlot",
    "PlannedMeeting",
    "ProcessedEvent",
    "Registration",
    "ReminderPreference",
    "SessionFollow",
    "UTCDateTime",
]
