"""A returning delegation registers for the next edition from its last record (issue 15): Head of
Delegation, experts, breakout group and contact carried; the reception asked again; confirm or edit. The
first edition's record is left as it was. The second edition is TEST DATA ONLY."""

from __future__ import annotations

from sqlalchemy import select

from storage.models import Registration
from tests.dialogs.editions import Forum, forum
from tests.editions_data import FIRST_EDITION_ID, SECOND_EDITION_ID

__all__ = ["forum"]


async def _registered_in_2024(forum: Forum) -> None:
    first = await forum.first()
    aide = first.person("aide", platform="slack")
    await aide.says("register")
    await aide.says("Fiji")
    await aide.says("Jone Usamate")
    await aide.says("Minister for Communications")
    await aide.says("A Smith (CERT lead) and B Jones (legal adviser)")
    await aide.says("yes")
    await aide.says("all")
    await aide.says("1")
    await aide.says("hod@fiji.example")
    assert "the registration of Fiji is recorded" in await aide.says("confirm")


async def _records(forum: Forum) -> list[tuple[str, str, list[str], bool | None, str]]:
    async with forum.bots[-1].uow() as uow:
        rows = (await uow.session.scalars(select(Registration).order_by(Registration.id))).all()
        return [
            (r.event_id, r.hod_name, [e["name"] for e in r.experts], r.reception_hod, r.status) for r in rows
        ]


async def test_en_returning_delegation_confirms_last_record_with_a_new_reception_answer(forum: Forum) -> None:
    await _registered_in_2024(forum)
    second = await forum.second()
    aide = second.person("aide", platform="slack")
    started = await aide.says("register")
    assert "started from that record" in started and "Jone Usamate (Minister for Communications)" in started
    assert "A Smith, B Jones" in started and "hod@fiji.example" in started
    assert "Will Jone Usamate attend" in started  # the reception: the one question each edition asks anew
    await aide.says("no")
    summary = await aide.says("B Jones")
    assert "Jone Usamate" in summary and "Confirm" in summary  # breakout group and contact not asked again
    await aide.says("confirm")
    assert await _records(forum) == [
        (FIRST_EDITION_ID, "Jone Usamate", ["A Smith", "B Jones"], True, "confirmed"),
        (SECOND_EDITION_ID, "Jone Usamate", ["A Smith", "B Jones"], False, "confirmed"),
    ]


async def test_fr_returning_delegation_edits_the_head_of_delegation(forum: Forum) -> None:
    await _registered_in_2024(forum)
    second = await forum.second()
    aide = second.person("aide", platform="slack", locale="fr-FR")
    started = await aide.says("inscrire")
    assert "édition précédente" in started
    await aide.says("oui")
    await aide.says("aucun")
    await aide.says("modifier")
    await aide.says("nom")
    await aide.says("Sitiveni Rabuka")
    await aide.says("confirmer")
    [(_, first_hod, *_), (edition, hod, *_)] = await _records(forum)
    assert (first_hod, edition, hod) == ("Jone Usamate", SECOND_EDITION_ID, "Sitiveni Rabuka")


async def test_first_edition_records_stay_with_their_edition_when_nothing_carries(forum: Forum) -> None:
    await _registered_in_2024(forum)
    second = await forum.second()
    newcomer = second.person("newcomer", platform="slack")
    assert "started from that record" not in await newcomer.says("register")
    mine = await second.person("aide", platform="slack").says("my registration")
    assert "Jone Usamate" not in mine  # the 2024 record is not this edition's registration
