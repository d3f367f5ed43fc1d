"""What the organiser console's overview shows, computed from the database in one unit of work.

Shared by the web pages and the read-only JSON API (adapters/web/), and by the tests that check the page's
numbers against the tables: the page renders these values, it computes nothing itself.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

from bot.event import Event
from handlers.shared.kinds import CampaignKind
from storage.console import ConsoleRepository, RegistrationGroup
from storage.models import Campaign
from storage.outbox import CANCELLED, SCHEDULED
from storage.registration import CONFIRMED
from storage.uow import UnitOfWork

REGISTRATION_DEADLINE = "registration"
NO_REGION = ""


@dataclass(frozen=True, slots=True)
class Progress:
    """A broadcast's delivery report: outbox rows by state, and the share already settled."""

    campaign_id: int
    audience: str
    status: str
    text: str
    send_at: datetime
    sent: int = 0
    pending: int = 0
    retrying: int = 0
    unreachable: int = 0
    failed: int = 0
    skipped: int = 0

    @property
    def total(self) -> int:
        return self.sent + self.pending + self.retrying + self.unreachable + self.failed + self.skipped

    @property
    def percent(self) -> int:
        """Rows settled (sent, unreachable, failed, skipped) out of all; 0 before the fan-out."""
        settled = self.total - self.pending - self.retrying
        return settled * 100 // self.total if self.total else 0

    @property
    def in_flight(self) -> bool:
        return self.status == SCHEDULED or (self.status != CANCELLED and (self.pending + self.retrying) > 0)

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.campaign_id,
            "audience": self.audience,
            "status": self.status,
            "send_at": self.send_at.isoformat(),
            "sent": self.sent,
            "pending": self.pending,
            "retrying": self.retrying,
            "unreachable": self.unreachable,
            "failed": self.failed,
            "skipped": self.skipped,
            "total": self.total,
            "percent": self.percent,
        }


@dataclass(frozen=True, slots=True)
class Overview:
    delegations: int
    registered: int
    late: int
    withdrawn: int
    deadline: date | None
    registrations_by_day: list[tuple[date, int]]  # cumulative confirmed registrations per local day
    regions: dict[str, int]
    reception_hods: int
    reception_experts: int
    breakout: dict[str, int]
    slots_total: int
    slots_filled: int
    waitlist: int
    capabilities: list[tuple[str, int, int]]  # (capability id, needs, offers)
    broadcasts: list[Progress] = field(default_factory=list)

    @property
    def reception_total(self) -> int:
        return self.reception_hods + self.reception_experts


async def campaign_progress(uow: UnitOfWork, campaigns: list[Campaign]) -> list[Progress]:
    counts = await ConsoleRepository(uow.session).outbox_counts([c.id for c in campaigns])
    out = []
    for campaign in campaigns:
        found = counts[campaign.id]
        out.append(
            Progress(
                campaign.id,
                campaign.audience,
                campaign.status,
                campaign.text,
                campaign.send_at,
                sent=found["sent"],
                pending=found["pending"] + found["sending"],
                retrying=found["retrying"],
                unreachable=found["unreachable"],
                failed=found["failed"],
                skipped=found["skipped"],
            )
        )
    return out


async def broadcasts(uow: UnitOfWork, limit: int = 50) -> list[Progress]:
    campaigns = await ConsoleRepository(uow.session).campaigns(CampaignKind.BROADCAST, limit)
    return await campaign_progress(uow, campaigns)


def _cumulative(moments: list[datetime], event: Event) -> list[tuple[date, int]]:
    per_day = Counter(event.local(moment).date() for moment in moments)
    total, out = 0, []
    for day in sorted(per_day):
        total += per_day[day]
        out.append((day, total))
    return out


def _deadline(event: Event) -> date | None:
    return next((d.due for d in event.deadlines if d.id == REGISTRATION_DEADLINE), None)


def _by_group(groups: list[RegistrationGroup]) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for group in groups:
        counts[group.breakout_group] += group.count
    return dict(sorted(counts.items()))


def _regions(by_region: dict[str, int], confirmed: int) -> dict[str, int]:
    """Confirmed delegations by region; those whose members gave none under NO_REGION."""
    unknown = confirmed - sum(by_region.values())
    return dict(sorted({**by_region, **({NO_REGION: unknown} if unknown else {})}.items()))


async def overview(uow: UnitOfWork, event: Event) -> Overview:
    """Every figure counted by the database, one query per family (no row per delegation or slot)."""
    console = ConsoleRepository(uow.session)
    totals = await console.totals(event.id)
    groups = await console.registration_groups(uow.edition)
    confirmed = [g for g in groups if g.status == CONFIRMED]
    registered = sum(g.count for g in confirmed)
    interests = await console.interests(event.id)
    by_capability = {c.id: [0, 0] for c in event.capabilities}
    for capability, kind, count in interests:
        by_capability.setdefault(capability, [0, 0])[0 if kind == "need" else 1] += count
    return Overview(
        delegations=totals.delegations,
        registered=registered,
        late=sum(g.count for g in confirmed if g.late),
        withdrawn=sum(g.count for g in groups if g.status != CONFIRMED),
        deadline=_deadline(event),
        registrations_by_day=_cumulative(await console.confirmation_moments(uow.edition), event),
        regions=_regions(await console.confirmed_by_region(uow.edition), registered),
        reception_hods=sum(g.reception_hods for g in confirmed),
        reception_experts=sum(g.reception_experts for g in confirmed),
        breakout=_by_group(confirmed),
        slots_total=totals.pitch_slots or event.matchmaking.slots.count,
        slots_filled=totals.pitch_slots_filled,
        waitlist=totals.waitlist,
        capabilities=[(c, needs, offers) for c, (needs, offers) in by_capability.items()],
        broadcasts=[p for p in await broadcasts(uow, 20) if p.in_flight],
    )
