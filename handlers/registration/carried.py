"""A returning delegation registers for a new edition from its record of the previous one (issue 15): Head
of Delegation, experts, breakout group (when this edition has it) and contact are carried; the reception
RSVP belongs to each edition and is asked again; the summary then shows everything to confirm or edit."""

from __future__ import annotations

from bot.context import Context
from handlers.registration.fields import breakout_groups
from handlers.registration.records import record_draft
from handlers.registration.state import RegistrationState
from storage.models import Delegation
from storage.registration import CONFIRMED
from storage.uow import UnitOfWork

FIRST_STEP = "reception_hod"


async def from_previous_edition(
    uow: UnitOfWork, ctx: Context, delegation: Delegation
) -> RegistrationState | None:
    """The draft to start from, or None when the delegation did not register for the previous edition."""
    previous = ctx.event.series.previous if ctx.event.series else None
    record = await uow.registrations.of_edition(delegation.id, previous) if previous else None
    if record is None or record.status != CONFIRMED:
        return None
    draft = record_draft(record, delegation)
    del draft["reception_hod"], draft["reception_experts"]  # asked anew: each edition has its reception
    if draft.get("breakout_group") not in breakout_groups(ctx.event):
        draft.pop("breakout_group", None)
    return RegistrationState(mode="new", draft=draft, delegation_id=delegation.id, carried=True)


def carried_lead(ctx: Context, state: RegistrationState) -> str:
    draft = state.draft
    experts = ", ".join(e["name"] for e in draft.get("experts", [])) or ctx.t("registration.none")
    return ctx.t(
        "registration.carried",
        hod=draft["hod_name"],
        designation=draft.get("hod_designation") or ctx.t("registration.none"),
        experts=experts,
        email=draft["email"],
    )
