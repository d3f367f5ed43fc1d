"""A database holding two editions: the bundled 2024 one and a fictional second (tests/editions_data.py).

TEST DATA ONLY. Nothing here is a fact about any real event, State or organisation: the second edition,
its dates, the delegations ("Republic of Testland", "Examplestan", "Nowhereland"), the provider
("Cyber Aid Org") and every need, offer, meeting and follow-up below are invented for the tests of the
summaries (issue 15). The bundled 2024 event file is only the template the edition is made from.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from service.bootstrap import Bot
from storage.models import (
    CarryOver,
    Delegation,
    Interest,
    MatchProfile,
    MeetingOutcome,
    MeetRequest,
    Member,
    Registration,
)
from tests.editions_data import FIRST_EDITION_ID, SECOND_EDITION_ID, second_edition

PREVIOUS, CURRENT = FIRST_EDITION_ID, SECOND_EDITION_ID
__all__ = ["CURRENT", "PREVIOUS", "second_edition"]


def _at(day: str) -> datetime:
    return datetime.fromisoformat(day).replace(hour=14, tzinfo=UTC)


# Needs whose text must never reach the Chair's published summary (visibility narrower than everyone).
SECRET_TEXTS = (
    "Draft a national cyber strategy",  # public in 2024, narrowed to providers when kept
    "Train 20 incident responders",  # organisers only, dropped at the second edition
    "Examplestan classified need",  # organisers only, kept
    "Nowhereland private need",  # providers only
    "Join a regional CERT network",  # providers only, new at the second edition
)
PUBLIC_TEXTS = (
    "SOC tooling for our CERT",  # public, updated at the second edition into the next one
    "SOC tooling and a SIEM for our CERT",
    "Examplestan open need",  # public, asked about, not answered yet
)
HIDDEN_OWNERS = ("Nowhereland", "console:nw-head")  # whose only need is restricted


@dataclass
class Seeded:
    testland: int
    examplestan: int


async def seed_two_editions(bot: Bot) -> Seeded:
    """Both editions in one database, written directly with the models."""
    async with bot.uow() as uow:
        session = uow.session
        testland = Delegation(
            name="Republic of Testland",
            name_key="republic of testland",
            join_code="TEST-LAND",
            created_at=_at("2024-03-01"),
        )
        examplestan = Delegation(
            name="Examplestan", name_key="examplestan", join_code="EXAM-PLES", created_at=_at("2024-03-02")
        )
        nowhereland = Delegation(
            name="Nowhereland", name_key="nowhereland", join_code="NOWH-EREL", created_at=_at("2024-03-03")
        )
        session.add_all([testland, examplestan, nowhereland])
        await session.flush()
        members = {
            "tl-head": testland.id,
            "tl-expert": testland.id,
            "ex-head": examplestan.id,
            "nw-head": nowhereland.id,
            "provider": None,
        }
        for user_id, delegation_id in members.items():
            seen = _at("2024-03-05")
            session.add(
                Member(
                    platform="console",
                    user_id=user_id,
                    display_name=user_id,
                    delegation_id=delegation_id,
                    created_at=seen,
                    last_seen_at=seen,
                )
            )
        for user_key, region, organisation in (
            ("console:tl-head", "Pacific", ""),
            ("console:tl-expert", "Pacific", ""),
            ("console:provider", "Europe", "Cyber Aid Org"),
            ("console:ex-head", "", ""),
            ("console:nw-head", "Africa", ""),
        ):
            session.add(
                MatchProfile(
                    user_key=user_key,
                    region=region,
                    languages=[],
                    lang="en",
                    organisation=organisation,
                    contact_email="",
                    asked=[],
                    updated_at=_at("2024-04-01"),
                )
            )
        for edition, day in ((PREVIOUS, "2024-04-01"), (CURRENT, "2025-04-01")):
            session.add(
                Registration(
                    delegation_id=testland.id,
                    event_id=edition,
                    status="confirmed",
                    hod_name="Head of Testland",
                    breakout_group="I",
                    contact_email="head@testland.example",
                    registered_by="console:tl-head",
                    reception_hod=None,
                    confirmed_at=_at(day),
                    updated_at=_at(day),
                    withdrawn_at=None,
                )
            )

        def interest(
            edition: str,
            user_id: str,
            kind: str,
            capability: str,
            text: str,
            visibility: str,
            day: str,
            carried_from: int | None = None,
        ) -> Interest:
            row = Interest(
                event_id=edition,
                user_key=f"console:{user_id}",
                kind=kind,
                capability=capability,
                text=text,
                visibility=visibility,
                updated_at=_at(day),
                carried_from=carried_from,
            )
            session.add(row)
            return row

        strategy = interest(
            PREVIOUS, "tl-head", "need", "policies-regulations", SECRET_TEXTS[0], "everyone", "2024-04-02"
        )
        tooling = interest(
            PREVIOUS, "tl-expert", "need", "technology", PUBLIC_TEXTS[0], "everyone", "2024-04-02"
        )
        training = interest(
            PREVIOUS, "tl-head", "need", "people-skills", SECRET_TEXTS[1], "organisers", "2024-04-02"
        )
        classified = interest(
            PREVIOUS, "ex-head", "need", "processes-structures", SECRET_TEXTS[2], "organisers", "2024-04-03"
        )
        open_need = interest(
            PREVIOUS, "ex-head", "need", "partnerships-networks", PUBLIC_TEXTS[2], "everyone", "2024-04-03"
        )
        interest(PREVIOUS, "provider", "offer", "technology", "SOC set-up support", "providers", "2024-04-03")
        await session.flush()

        interest(
            CURRENT,
            "tl-head",
            "need",
            "policies-regulations",
            SECRET_TEXTS[0],
            "providers",
            "2025-04-02",
            strategy.id,
        )
        interest(
            CURRENT, "tl-expert", "need", "technology", PUBLIC_TEXTS[1], "everyone", "2025-04-02", tooling.id
        )
        interest(
            CURRENT,
            "ex-head",
            "need",
            "processes-structures",
            SECRET_TEXTS[2],
            "organisers",
            "2025-04-03",
            classified.id,
        )
        interest(
            CURRENT, "tl-head", "need", "partnerships-networks", SECRET_TEXTS[4], "providers", "2025-04-03"
        )
        interest(CURRENT, "nw-head", "need", "technology", SECRET_TEXTS[3], "providers", "2025-04-03")
        interest(
            CURRENT,
            "provider",
            "offer",
            "technology",
            "SOC set-up support, second round",
            "providers",
            "2025-04-03",
        )
        for previous, decision, new_text in (
            (strategy, "kept", ""),
            (tooling, "updated", PUBLIC_TEXTS[1]),
            (training, "dropped", ""),
            (classified, "kept", ""),
            (open_need, "asked", ""),
        ):
            decided = None if decision == "asked" else _at("2025-03-20")
            session.add(
                CarryOver(
                    event_id=CURRENT,
                    from_event_id=PREVIOUS,
                    previous_id=previous.id,
                    user_key=previous.user_key,
                    kind=previous.kind,
                    capability=previous.capability,
                    text=previous.text,
                    visibility=previous.visibility,
                    decision=decision,
                    new_text=new_text,
                    asked_at=_at("2025-03-15"),
                    decided_at=decided,
                )
            )

        session.add(
            MeetRequest(
                event_id=PREVIOUS,
                from_key="console:tl-head",
                to_key="console:provider",
                status="accepted",
                created_at=_at("2024-05-01"),
                decided_at=_at("2024-05-02"),
            )
        )
        session.add(
            MeetRequest(
                event_id=CURRENT,
                from_key="console:tl-expert",
                to_key="console:provider",
                status="pending",
                created_at=_at("2025-04-05"),
                decided_at=None,
            )
        )
        session.add(
            MeetingOutcome(
                event_id=PREVIOUS,
                requester_key="console:tl-head",
                provider_key="console:provider",
                user_key="console:tl-head",
                happened="met",
                follow_up="project",
                answered_at=_at("2024-05-10"),
                follow_up_at=_at("2024-08-01"),
            )
        )
        session.add(
            MeetingOutcome(
                event_id=PREVIOUS,
                requester_key="console:tl-head",
                provider_key="console:provider",
                user_key="console:provider",
                happened="met",
                follow_up="agreed",
                answered_at=_at("2024-05-10"),
                follow_up_at=_at("2024-06-01"),
            )
        )
        await uow.commit()
        return Seeded(testland.id, examplestan.id)
