"""The Chair's summary ("chair-summary" in the export registry of handlers/organiser/export.py): needs and
offers by capability and region, meet requests, meetings held, follow-ups and carried-over needs, for
each edition of the series and across the series.

Meant to be published. A need whose State did not make it public ("everyone") is only counted: its text
and its owner appear nowhere in these rows, hence nowhere in the CSV, JSON or Markdown made from them.
A need's visibility is the one of the newest row it was carried into: a State that narrows a need
narrows it for the earlier editions' rows too. Rows that would count zero are left out: an empty database
exports the header alone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from handlers.summaries.history import meeting_fates, newest_visibility
from storage.matchmaking import ACCEPTED, DECLINED, NEED, OFFER, PENDING
from storage.models import CarryOver, Interest, MeetingOutcome, MeetRequest
from storage.models.matchmaking import EVERYONE
from storage.uow import UnitOfWork

Rows = list[dict[str, Any]]

CHAIR_COLUMNS = ("scope", "section", "capability", "region", "state", "count", "organisation", "text")
SERIES = "series"  # the scope of rows about every edition together
UNKNOWN_REGION = "unknown"
# A capability × region cell counting fewer restricted needs than this could name its State (one Pacific
# State needing incident response): such cells are merged into one "smaller regions" row per capability.
MIN_CELL = 3
SMALL_REGIONS = "smaller regions"
# Section names, in the order the rows list them.
NEEDS, OFFERS, PUBLIC_NEEDS, LISTED_OFFERS = "needs", "offers", "public-needs", "listed-offers"
REQUESTS, MEETINGS, FOLLOWED = "meet-requests", "meetings", "follow-ups"
CARRIED = {NEED: "carried-needs", OFFER: "carried-offers"}
HELD = "held"


@dataclass(frozen=True, slots=True)
class SeriesData:
    editions: list[str]
    interests: list[Interest]
    requests: list[MeetRequest]
    outcomes: list[MeetingOutcome]
    carry_overs: list[CarryOver]
    regions: dict[str, str]
    organisations: dict[str, str]


async def chair_rows(uow: UnitOfWork) -> Rows:
    data = await _read(uow)
    visibility = newest_visibility(data.interests)
    rows: Rows = []
    for edition in data.editions:
        interests = [i for i in data.interests if i.event_id == edition]
        rows += _interest_rows(edition, interests, data, visibility)
        rows += _meeting_rows(
            edition, [r for r in data.requests if r.event_id == edition], data.outcomes, edition
        )
        rows += _carried_rows(edition, [c for c in data.carry_overs if c.event_id == edition])
    if len(data.editions) == 1:
        return rows  # no series yet: "across the editions" would repeat this edition
    # Across the series each need counts once, as last stated: a row carried into a later one is left out.
    carried = {i.carried_from for i in data.interests if i.carried_from is not None}
    latest = [i for i in data.interests if i.id not in carried]
    rows += _interest_rows(SERIES, latest, data, visibility)
    rows += _meeting_rows(SERIES, data.requests, data.outcomes, None)
    rows += _carried_rows(SERIES, data.carry_overs)
    return rows


async def _read(uow: UnitOfWork) -> SeriesData:
    editions = await uow.summaries.editions(uow.edition)
    interests = await uow.summaries.interests(editions)
    keys = sorted({i.user_key for i in interests})
    profiles = await uow.matchmaking.profiles(keys)
    return SeriesData(
        editions=editions,
        interests=interests,
        requests=await uow.summaries.requests(editions),
        outcomes=await uow.summaries.outcomes(editions),
        carry_overs=await uow.summaries.carry_overs(editions),
        regions={k: (p.region.strip() or UNKNOWN_REGION) for k, p in profiles.items()},
        organisations=await uow.matchmaking.organisations(keys),
    )


def _row(scope: str, section: str, count: int, **values: str) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(CHAIR_COLUMNS, "")
    row.update(scope=scope, section=section, count=count, **values)
    return row


def _interest_rows(
    scope: str, interests: list[Interest], data: SeriesData, visibility: dict[int, str]
) -> Rows:
    def region(interest: Interest) -> str:
        return data.regions.get(interest.user_key, UNKNOWN_REGION)

    restricted = {
        (i.capability, region(i)) for i in interests if i.kind == NEED and visibility[i.id] != EVERYONE
    }
    rows: Rows = []
    for kind, section in ((NEED, NEEDS), (OFFER, OFFERS)):
        cells = Counter((i.capability, region(i)) for i in interests if i.kind == kind)
        small: Counter[str] = Counter()
        for (capability, area), n in sorted(cells.items()):
            if kind == NEED and n < MIN_CELL and (capability, area) in restricted:
                small[capability] += n
            else:
                rows.append(_row(scope, section, n, capability=capability, region=area))
        rows += [
            _row(scope, section, n, capability=c, region=SMALL_REGIONS) for c, n in sorted(small.items())
        ]
    # Listed one by one: needs made public, and offers (offers are public).
    for interest in sorted(interests, key=lambda i: (i.kind, i.capability, region(i), i.id)):
        if interest.kind == NEED and visibility[interest.id] != EVERYONE:
            continue
        section = PUBLIC_NEEDS if interest.kind == NEED else LISTED_OFFERS
        organisation = data.organisations.get(interest.user_key, "")
        rows.append(
            _row(
                scope,
                section,
                1,
                capability=interest.capability,
                region=region(interest),
                organisation=organisation,
                text=interest.text,
            )
        )
    return rows


def _meeting_rows(
    scope: str, requests: list[MeetRequest], outcomes: Iterable[MeetingOutcome], edition: str | None
) -> Rows:
    statuses = Counter(r.status for r in requests)
    rows = [_row(scope, REQUESTS, statuses[s], state=s) for s in (ACCEPTED, PENDING, DECLINED) if statuses[s]]
    fates = [
        fate
        for (of_edition, _, _), fate in meeting_fates(outcomes).items()
        if (edition is None or of_edition == edition) and fate.held
    ]
    if fates:
        rows.append(_row(scope, MEETINGS, len(fates), state=HELD))
    follow_ups = Counter(f.follow_up for f in fates if f.follow_up)
    rows += [_row(scope, FOLLOWED, n, state=state) for state, n in sorted(follow_ups.items())]
    return rows


def _carried_rows(scope: str, carry_overs: list[CarryOver]) -> Rows:
    cells = Counter((c.kind, c.capability, c.decision) for c in carry_overs)
    return [
        _row(scope, CARRIED[kind], n, capability=capability, state=decision)
        for (kind, capability, decision), n in sorted(cells.items())
        if kind in CARRIED
    ]
