"""Everyone who recorded an offer or a need at an edition, as the matching and the planner see them: each
with the entries the reader may read (handlers/matchmaking/confidentiality.py), working languages and
region."""

from __future__ import annotations

from handlers.matchmaking.confidentiality import Reader, may_read
from handlers.matchmaking.scoring import Entry, Participant
from storage.uow import UnitOfWork


async def participants(
    uow: UnitOfWork, event_id: str, reader: Reader, *, named: bool = True
) -> list[Participant]:
    """``named``: with the name others see (else the user key, for the planner, which needs none)."""
    interests = await uow.matchmaking.all_interests(event_id)
    keys = list(dict.fromkeys(i.user_key for i in interests))
    profiles = await uow.matchmaking.profiles(keys)
    names = await uow.matchmaking.names(keys) if named else {key: key for key in keys}
    entries: dict[str, list[Entry]] = {key: [] for key in keys}
    for interest in interests:
        if may_read(interest, reader):
            entries[interest.user_key].append(Entry(interest.kind, interest.capability, interest.text))
    return [
        Participant(
            key=key,
            name=names[key],
            entries=tuple(entries[key]),
            languages=tuple(profiles[key].languages) if key in profiles else (),
            region=profiles[key].region if key in profiles else "",
        )
        for key in keys
    ]
