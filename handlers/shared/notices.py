"""One-off notices to one person (a waitlist promotion, a meet request, a join decision) that are never
lost: sent at once, and when the platform cannot take it now, kept in the outbox for the sender to retry.

The change that caused the notice is committed before it is sent; a notice the platform refuses for
good (the user blocked the bot) is recorded as unreachable rather than retried, and so is the recipient
(notifiers only report what happened; recording it is the caller's job, here and in service/sender.py).
"""

from __future__ import annotations

import logging
import uuid
from datetime import timedelta

from bot.context import Context, DeliveryStatus
from bot.messages import Notice, reply_to_data
from handlers.shared.kinds import CampaignKind
from storage.outbox import PENDING, UNREACHABLE, NewRecipient

log = logging.getLogger(__name__)
DIRECT = "direct"  # the audience of a notice: its one recipient, named in its outbox row


async def deliver(ctx: Context, notice: Notice) -> None:
    """Send ``notice`` now; when that fails, hand it to the outbox (which retries and records it)."""
    result = await ctx.notifier.send(notice)
    if result.delivered:
        return
    now = ctx.now()
    retry_at = now + timedelta(seconds=result.retry_after or 0)
    unreachable = result.status is DeliveryStatus.UNREACHABLE
    async with ctx.uow() as uow:
        if unreachable:
            await uow.conversations.mark_unreachable(notice.recipient.key, now)
        campaign_id = await uow.outbox.create_campaign(
            f"{CampaignKind.NOTICE}:{notice.reason or 'direct'}:{uuid.uuid4().hex}",
            CampaignKind.NOTICE,
            DIRECT,
            now,
            now,
            ctx.user.key,
            params={"reply": reply_to_data(notice.reply), "reason": notice.reason},
            expanded=True,
        )
        if campaign_id is not None:
            recipient = NewRecipient(
                notice.recipient.key,
                notice.recipient.platform,
                retry_at,
                {},
                status=UNREACHABLE if unreachable else PENDING,
            )
            await uow.outbox.add_recipients(campaign_id, [recipient])
        await uow.commit()
    log.warning(
        "notice not delivered now; kept in the outbox",
        extra={"status": result.status.value, "reason": notice.reason, "detail": result.detail},
    )
