"""Organiser exports of matchmaking meetings ("meeting-plan", "meeting-funnel" in the EXPORTERS registry
of handlers/organiser/export.py): the plan (provisional and published) and what became of each meeting."""

from __future__ import annotations

from collections import Counter
from typing import Any

from storage.meetings import FOLLOW_UPS, HAPPENED, PUBLISHED
from storage.uow import UnitOfWork

Rows = list[dict[str, Any]]

PLAN_COLUMNS = (
    "event", "id", "stage", "starts_at", "ends_at", "table", "requester", "requester_user", "provider",
    "provider_user", "weight", "why",
)  # fmt: skip
FUNNEL_COLUMNS = ("event", "stage", "answer", "count")
FUNNEL_STAGES = ("planned", *HAPPENED, *FOLLOW_UPS)


async def plan_rows(uow: UnitOfWork) -> Rows:
    meetings = await uow.meetings.all_meetings(uow.edition)
    names = await uow.matchmaking.names(
        sorted({k for m in meetings for k in (m.requester_key, m.provider_key)})
    )
    return [
        {
            "event": m.event_id,
            "id": m.id,
            "stage": m.stage,
            "starts_at": m.starts_at,
            "ends_at": m.ends_at,
            "table": m.table_name,
            "requester": names[m.requester_key],
            "requester_user": m.requester_key,
            "provider": names[m.provider_key],
            "provider_user": m.provider_key,
            "weight": m.weight,
            "why": m.why,
        }
        for m in meetings
    ]


async def funnel_rows(uow: UnitOfWork) -> Rows:
    """Published meetings, then how many answers said met / missed (no-show) / rescheduled, then how many
    meetings reached each follow-up state (a meeting counts once, at the furthest state either side gave)."""
    meetings = [m for m in await uow.meetings.all_meetings(uow.edition) if m.stage == PUBLISHED]
    outcomes = await uow.meetings.outcomes(uow.edition)
    counts: Counter[tuple[str, str, str]] = Counter((m.event_id, "planned", "meetings") for m in meetings)
    counts.update((o.event_id, "happened", o.happened) for o in outcomes if o.happened)
    furthest: dict[tuple[str, str, str], str] = {}
    for o in outcomes:
        if o.follow_up:
            pair = (o.event_id, o.requester_key, o.provider_key)
            known = furthest.get(pair)
            if known is None or (
                FOLLOW_UPS.index(o.follow_up) > FOLLOW_UPS.index(known) and o.follow_up != "none"
            ):
                furthest[pair] = o.follow_up
    counts.update((event, "follow_up", state) for (event, _, _), state in furthest.items())
    return [
        {"event": event, "stage": stage, "answer": answer, "count": count}
        for (event, stage, answer), count in sorted(counts.items())
    ]
