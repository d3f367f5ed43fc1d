"""One-off notices to one person (a waitlist promotion, a meet request, a join decision) that are never
lost: sent at once, and when the platform cannot take it now, kept in the outbox for the sender to retry.

The change that caused the notice is committed before it is sent; a notice the platform refuses for
good (the user blocked the bot) is recorded as unreachable rather than retried, and so is the recipient
(notifiers only report what happened; recording it is the caller's job, here and in service/sender.py).
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import asdict
from datetime import datetime, timedelta
from typing import Any

from bot.context import Context, DeliveryResult, DeliveryStatus
from bot.messages import Notice, reply_to_data
from handlers.shared import outbox_signal
from handlers.shared.kinds import CampaignKind
from storage.outbox import PENDING, UNREACHABLE, NewRecipient
from storage.uow import UnitOfWork

log = logging.getLogger(__name__)
DIRECT = "direct"  # the audience of a notice: its one recipient, named in its outbox row


# Someone whose dialog moved on this recently is mid-flow: the notice waits in the outbox, whose sender
# delivers it when the flow ends (service/sender.py, SenderConfig.flow_grace: the same 30 minutes).
FLOW_GRACE = timedelta(minutes=30)


async def deliver(ctx: Context, notice: Notice) -> None:
    """Send ``notice`` now; when that fails, or its recipient is in the middle of a flow, hand it to the
    outbox (which retries, waits for the flow to end, and records it)."""
    now = ctx.now()
    async with ctx.uow() as uow:
        in_flow = await uow.dialogs.busy([notice.recipient.key], now - FLOW_GRACE)
    if in_flow:
        result = DeliveryResult(DeliveryStatus.RETRY, detail="recipient is in the middle of a flow")
    else:
        result = await ctx.notifier.send(notice)
    if result.delivered:
        return
    unreachable = result.status is DeliveryStatus.UNREACHABLE
    async with ctx.uow() as uow:
        if unreachable:
            await uow.conversations.mark_unreachable(notice.recipient.key, now)
        await keep(
            uow,
            notice,
            now,
            ctx.user.key,
            retry_at=now + timedelta(seconds=result.retry_after or 0),
            unreachable=unreachable,
        )
        await uow.commit()
    outbox_signal.queued()
    log.warning(
        "notice not delivered now; kept in the outbox",
        extra={"status": result.status.value, "reason": notice.reason, "detail": result.detail},
    )


async def keep(
    uow: UnitOfWork,
    notice: Notice,
    now: datetime,
    created_by: str,
    *,
    retry_at: datetime | None = None,
    unreachable: bool = False,
) -> None:
    """One notice as an outbox row in the caller's transaction: the sender sends it (again) from
    ``retry_at`` until the platform takes it or says the person cannot be reached. A notice with a
    conversation (an answer in a channel thread) goes back there; otherwise to the person's own chat."""
    params: dict[str, Any] = {"reply": reply_to_data(notice.reply), "reason": notice.reason}
    if notice.conversation is not None:
        params["conversation"] = asdict(notice.conversation)
    campaign_id = await uow.outbox.create_campaign(
        f"{CampaignKind.NOTICE}:{notice.reason or 'direct'}:{uuid.uuid4().hex}",
        CampaignKind.NOTICE,
        DIRECT,
        now,
        now,
        created_by,
        params=params,
        expanded=True,
    )
    if campaign_id is not None:
        recipient = NewRecipient(
            notice.recipient.key,
            notice.recipient.platform,
            retry_at or now,
            {},
            status=UNREACHABLE if unreachable else PENDING,
        )
        await uow.outbox.add_recipients(campaign_id, [recipient])
