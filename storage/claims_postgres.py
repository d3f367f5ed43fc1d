"""A batch of claims on PostgreSQL as one statement, its own transaction: one round trip.

The batch claims each message's event id, remembers where each newly claimed message was written from,
looks for its sender's earlier unanswered claims (another instance's) and reads its sender's member row.
As five statements in a transaction (BEGIN and COMMIT too) it took seven round trips, each a wait for
the busy event loop to come round and work for the server; here the server does it in one statement,
and every part reads the same snapshot: a member row read with an earlier claim seen answered already
holds what answering that claim wrote (its writes commit before its answered mark).

Where a person wrote from is written only when it changed (or was marked unreachable): an unchanged row
is not even locked, which ``ON CONFLICT DO UPDATE … WHERE`` would do, writing a row lock to the WAL.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import ARRAY, JSON, Boolean, String, Table, Text, bindparam, column, text

from storage.claims import CLAIM_COLUMNS, PROCESSED
from storage.models import ConversationReference, UTCDateTime
from storage.repositories import MemberSeen, Repository, SeenIn, member_seen

_SEEN_COLUMNS = SeenIn.__slots__  # bound by name: their order is the statement's business
_CONVERSATION = cast(Table, ConversationReference.__table__)


def _array_of(column_type: Any) -> ARRAY[Any]:
    """An array parameter of a column's values. Strings are sent without the column's length: a cast to
    VARCHAR(200) would cut a longer value silently, where writing it into the column refuses it."""
    return ARRAY(String() if isinstance(column_type, String) else column_type)


# The status of a claim ('claimed', storage/models CLAIMED) is written into the SQL, not bound: a plan made
# for any status would scan every answered row (storage/claims.py BEHIND).
CLAIM_AND_READ = (
    text(
        """
WITH arrived AS (
    SELECT * FROM unnest(
        :platform, :event_id, :received_at, :status, :claimed_by, :claimed_until, :message,
        :user_id, :seen_user_key, :seen_platform, :seen_conversation_id, :seen_service_url, :seen_tenant_id,
        :seen_reference, :seen_updated_at
    ) WITH ORDINALITY AS arrived(
        platform, event_id, received_at, status, claimed_by, claimed_until, message,
        user_id, user_key, seen_platform, conversation_id, service_url, tenant_id, reference, updated_at,
        position
    )
),
claimed AS (
    INSERT INTO processed_event (platform, event_id, received_at, status, claimed_by, claimed_until, message)
    SELECT platform, event_id, received_at, status, claimed_by, claimed_until, CAST(message AS JSON)
    FROM arrived ORDER BY position
    ON CONFLICT (platform, event_id) DO NOTHING
    RETURNING platform, event_id
),
remembered AS (
    INSERT INTO conversation_reference (
        user_key, platform, conversation_id, service_url, tenant_id, reference, updated_at, unreachable_at
    )
    SELECT DISTINCT ON (a.user_key)
        a.user_key, a.seen_platform, a.conversation_id, a.service_url, a.tenant_id, CAST(a.reference AS JSON),
        a.updated_at, NULL
    FROM arrived a JOIN claimed c ON c.platform = a.platform AND c.event_id = a.event_id
    WHERE a.user_key IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM conversation_reference known
        WHERE known.user_key = a.user_key AND known.unreachable_at IS NULL
            AND known.platform = a.seen_platform AND known.conversation_id = a.conversation_id
            AND known.service_url IS NOT DISTINCT FROM a.service_url
            AND known.tenant_id IS NOT DISTINCT FROM a.tenant_id
            AND CAST(known.reference AS TEXT) = a.reference
    )
    ORDER BY a.user_key, a.position DESC
    ON CONFLICT (user_key) DO UPDATE SET
        platform = excluded.platform, conversation_id = excluded.conversation_id,
        service_url = excluded.service_url, tenant_id = excluded.tenant_id, reference = excluded.reference,
        updated_at = excluded.updated_at, unreachable_at = NULL
)
SELECT c.platform, c.event_id,
    EXISTS (
        SELECT 1 FROM processed_event earlier
        WHERE earlier.status = 'claimed' AND earlier.platform = a.platform
            AND earlier.received_at < a.received_at
            AND (earlier.message #>> '{user,user_id}') = a.user_id
    ) AS behind,
    m.user_id AS member_user_id, m.language, m.last_language, m.tz, m.display_name, m.last_seen_at,
    d.flow, d.data
FROM claimed c
JOIN arrived a ON a.platform = c.platform AND a.event_id = c.event_id
LEFT JOIN member m ON m.platform = a.platform AND m.user_id = a.user_id
LEFT JOIN dialog_state d ON d.user_key = m.platform || ':' || m.user_id
"""
    )
    .bindparams(
        *(bindparam(name, type_=_array_of(PROCESSED.c[name].type)) for name in CLAIM_COLUMNS[:-1]),
        bindparam("message", type_=ARRAY(Text)),
        bindparam("user_id", type_=ARRAY(String)),
        *(
            bindparam(f"seen_{name}", type_=_array_of(_CONVERSATION.c[name].type))
            for name in _SEEN_COLUMNS
            if name != "reference"
        ),
        bindparam("seen_reference", type_=ARRAY(Text)),
    )
    .columns(
        column("platform", String),
        column("event_id", String),
        column("behind", Boolean),
        column("member_user_id", String),
        column("language", String),
        column("last_language", String),
        column("tz", String),
        column("display_name", String),
        column("last_seen_at", UTCDateTime()),
        column("flow", String),
        column("data", JSON),
    )
)


@dataclass(frozen=True, slots=True)
class ClaimRead:
    """What a new claim's statement read: an earlier claim of its sender still unanswered, and the
    sender's member row (None: first contact)."""

    behind: bool
    member: MemberSeen | None


class ClaimBatchRepository(Repository):
    async def claim_and_read(
        self, rows: Sequence[dict[str, Any]], senders: Sequence[str], seen: Sequence[SeenIn | None]
    ) -> dict[tuple[str, str], ClaimRead]:
        """Claims ``rows`` (CLAIM_COLUMNS each, distinct event ids; ``senders``: each one's user id,
        ``seen``: where it was written from) in one statement, which must be its transaction; returns
        what was read for those claimed now, by (platform, event id)."""
        json = self._json()
        values: dict[str, Any] = {name: [row[name] for row in rows] for name in CLAIM_COLUMNS}
        values["message"] = [json(message) for message in values["message"]]
        values["user_id"] = list(senders)
        for name in _SEEN_COLUMNS:
            values[f"seen_{name}"] = [getattr(one, name) if one else None for one in seen]
        values["seen_reference"] = [json(one.reference) if one else None for one in seen]
        claimed = await self.session.execute(CLAIM_AND_READ, values)
        found = {}
        for row in claimed:
            columns = row._asdict()
            key = columns["platform"], columns["event_id"]
            found[key] = _read(columns)
        return found

    def _json(self) -> Any:
        """Serialises as the engine writes a JSON column (its ``json_serializer``), so that a reference
        compares equal to the one it wrote before."""
        dialect = self.session.get_bind().dialect
        processor = JSON().dialect_impl(dialect).bind_processor(dialect)
        assert processor is not None
        return processor


def _read(values: dict[str, Any]) -> ClaimRead:
    member_user_id = values.pop("member_user_id")
    if member_user_id is None:
        return ClaimRead(values["behind"], None)
    behind = values.pop("behind")
    del values["event_id"]  # the platform stays: the member's, as joined
    return ClaimRead(behind, member_seen({**values, "user_id": member_user_id}))
