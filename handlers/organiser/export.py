"""Organiser exports: one registry of kinds, two formats, the same from chat and from the terminal.

The registry
    ``EXPORTERS: dict[str, Exporter]`` maps a kind ("registrations", "audit", …) to an ``Exporter``: an
    async function of an open ``UnitOfWork`` returning ``Rows`` (a list of dicts, one per line, every dict
    with the same keys in column order). Values may be str, int, float, bool, None, datetime (written as
    ISO 8601), a list of str (joined with "; " in CSV) or any JSON-able list/dict (JSON text in CSV).

To add a kind (pitches, interests, meetings, …)
    write ``async def <kind>_rows(uow: UnitOfWork) -> Rows`` in your feature's module and add one line to
    ``EXPORTERS`` at the bottom of this file. ``roundtable-bot export <kind>`` and the chat command
    ``export <kind>`` (organisers only, audited) then offer it; nothing else changes.

Formats: ``csv`` (UTF-8 with a BOM so spreadsheet programs read accents; cells that a spreadsheet would
run as a formula are prefixed with '), ``json`` (a list of objects) and ``md`` (Markdown: a kind listed in
``REPORTS`` is written as a readable report in the reader's language, any other as one table).
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from bot.context import Context
from bot.event import Event
from bot.messages import Attachment, InboundMessage, Reply
from bot.text import normalise_command
from handlers.matchmaking.exports import (
    INTEREST_COLUMNS,
    MEETING_COLUMNS,
    PITCH_COLUMNS,
    interest_rows,
    meeting_rows,
    pitch_rows,
)
from handlers.matchmaking.meeting_exports import FUNNEL_COLUMNS, PLAN_COLUMNS, funnel_rows, plan_rows
from handlers.registration.fields import show_code
from handlers.shared.roles import require_organiser
from handlers.summaries.chair import CHAIR_COLUMNS, chair_rows
from handlers.summaries.report import chair_report, plain_report
from storage.uow import UnitOfWork

Rows = list[dict[str, Any]]
Exporter = Callable[[UnitOfWork], Awaitable[Rows]]
# A Markdown report of a kind: (kind, rows, columns, lang, event) → text.
Report = Callable[[str, Rows, tuple[str, ...], str, Event | None], str]

WORDS = ("export", "exporter", "exportar", "выгрузка", "экспорт", "تصدير", "导出")
FORMATS = {"csv": "text/csv", "json": "application/json", "md": "text/markdown"}
_FORMAT_ALIASES = {"markdown": "md"}
BOM = "\ufeff".encode()
# A spreadsheet evaluates a cell whose first visible character is one of these, even after spaces, line
# feeds, zero-width characters or a BOM; such cells get a leading quote.
_FORMULA_START = frozenset("=+-@")
_INVISIBLE = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})  # controls, format (zero-width, BOM), separators


# --- rendering


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "; ".join(value)
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def _cell(value: Any) -> str:
    """A CSV cell; text a spreadsheet would evaluate ("=HYPERLINK(…)") is made inert with a quote."""
    text = _text(value)
    first_visible = next((ch for ch in text if unicodedata.category(ch) not in _INVISIBLE), "")
    return "'" + text if first_visible in _FORMULA_START or text.startswith(("\t", "\r")) else text


def to_csv(rows: Rows, columns: tuple[str, ...]) -> bytes:
    """Always with its header row, also when there is nothing to list yet."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    writer.writerows({key: _cell(value) for key, value in row.items()} for row in rows)
    return buffer.getvalue().encode("utf-8-sig")


def to_json(rows: Rows) -> bytes:
    return json.dumps(rows, ensure_ascii=False, indent=2, default=_json_default).encode("utf-8")


def _json_default(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else str(value)


def render(
    rows: Rows,
    fmt: str,
    columns: tuple[str, ...],
    kind: str = "",
    lang: str = "en",
    event: Event | None = None,
) -> bytes:
    if fmt == "md":
        return REPORTS.get(kind, plain_report)(kind, rows, columns, lang, event).encode("utf-8")
    return to_json(rows) if fmt == "json" else to_csv(rows, columns)


async def export(
    uow: UnitOfWork,
    kind: str,
    fmt: str,
    actor: str,
    now: datetime,
    *,
    lang: str = "en",
    event: Event | None = None,
) -> tuple[bytes, int]:
    """The file and its row count; records an audit row in ``uow`` (the caller commits). ``lang`` and
    ``event`` word the Markdown reports (headings, capability names)."""
    rows = await EXPORTERS[kind](uow)
    uow.audit.record(now, actor, "export", kind, after={"format": fmt, "rows": len(rows)})
    return render(rows, fmt, COLUMNS[kind], kind, lang, event), len(rows)


# --- the chat command


def parse_request(text: str) -> tuple[str, str]:
    """`export registrations json` → ("registrations", "json"); the format defaults to csv."""
    words = normalise_command(text).split()
    if words and words[0] in WORDS:
        words = words[1:]
    words = [_FORMAT_ALIASES.get(w, w) for w in words]
    fmt = next((w for w in words if w in FORMATS), "csv")
    kind = next((w for w in words if w not in FORMATS), "")
    if kind not in EXPORTERS and kind + "s" in EXPORTERS:
        kind += "s"  # `export registration`
    return kind, fmt


async def handle(msg: InboundMessage, ctx: Context) -> Reply:
    """`export KIND [csv|json]`: organisers get the file in chat; anyone else a polite refusal. Both are
    audited."""
    kind, fmt = parse_request(msg.text)
    known = ", ".join(sorted(EXPORTERS))
    await require_organiser(ctx, "export.refused", kind[:80])
    async with ctx.uow() as uow:
        if kind not in EXPORTERS:
            return Reply(ctx.t("export.usage", kinds=known), lang=ctx.lang, private=True)
        content, count = await export(uow, kind, fmt, ctx.user.key, ctx.now(), lang=ctx.lang, event=ctx.event)
        await uow.commit()
    stamp = ctx.event.local(ctx.now())  # event-local time in the file name, as organisers read it
    attachment = Attachment(f"{kind}-{stamp:%Y%m%d-%H%M}.{fmt}", content, FORMATS[fmt])
    text = ctx.t("export.ready", kind=kind, count=count, format=fmt.upper())
    return Reply(text, attachments=(attachment,), private=True, lang=ctx.lang)


# --- the kinds this module knows


async def registration_rows(uow: UnitOfWork) -> Rows:
    """Every delegation's registration (withdrawn ones too), by delegation name."""
    counts = await uow.registrations.member_counts()
    rows: Rows = []
    for record, delegation in await uow.registrations.all_with_delegation():
        rows.append(
            {
                "delegation": delegation.name,
                "status": record.status,
                "late": record.late,
                "hod_name": record.hod_name,
                "hod_designation": record.hod_designation,
                "minister": record.hod_is_minister,
                "experts": [
                    f"{e['name']} ({e['designation']})" if e.get("designation") else e["name"]
                    for e in record.experts
                ],
                "reception_hod": _attendance(record.reception_hod),
                "reception_experts": list(record.reception_experts),
                "breakout_group": record.breakout_group,
                "contact_email": record.contact_email,
                "members": counts.get(delegation.id, 0),
                "join_code": show_code(delegation.join_code),
                "registered_by": record.registered_by,
                "confirmed_at": record.confirmed_at,
                "updated_at": record.updated_at,
                "withdrawn_at": record.withdrawn_at,
            }
        )
    return rows


def _attendance(value: bool | None) -> str:
    return "undecided" if value is None else "yes" if value else "no"


async def join_request_rows(uow: UnitOfWork) -> Rows:
    """People who named an existing delegation without its code: organisers decide."""
    return [
        {
            "id": request.id,
            "delegation": delegation.name,
            "claimed_name": request.claimed_name,
            "user": request.user_key,
            "display_name": request.display_name,
            "status": request.status,
            "created_at": request.created_at,
            "decided_by": request.decided_by,
            "decided_at": request.decided_at,
        }
        for request, delegation in await uow.registrations.join_requests()
    ]


async def audit_rows(uow: UnitOfWork) -> Rows:
    """The whole audit log, oldest first: who did what, when, before and after."""
    return [
        {
            "id": entry.id,
            "at": entry.at,
            "actor": entry.actor,
            "action": entry.action,
            "subject": entry.subject,
            "before": entry.before,
            "after": entry.after,
            "note": entry.note,
        }
        for entry in await uow.audit.all()
    ]


EXPORTERS: dict[str, Exporter] = {
    "registrations": registration_rows,
    "join-requests": join_request_rows,
    "audit": audit_rows,
    "pitches": pitch_rows,
    "interests": interest_rows,
    "meetings": meeting_rows,
    "meeting-plan": plan_rows,
    "meeting-funnel": funnel_rows,
    "chair-summary": chair_rows,
}
REPORTS: dict[str, Report] = {"chair-summary": chair_report}

# The header of each kind, written also when an export has no rows yet (tests check the rows agree).
COLUMNS: dict[str, tuple[str, ...]] = {
    "registrations": (
        "delegation",
        "status",
        "late",
        "hod_name",
        "hod_designation",
        "minister",
        "experts",
        "reception_hod",
        "reception_experts",
        "breakout_group",
        "contact_email",
        "members",
        "join_code",
        "registered_by",
        "confirmed_at",
        "updated_at",
        "withdrawn_at",
    ),
    "join-requests": (
        "id",
        "delegation",
        "claimed_name",
        "user",
        "display_name",
        "status",
        "created_at",
        "decided_by",
        "decided_at",
    ),
    "audit": ("id", "at", "actor", "action", "subject", "before", "after", "note"),
    "pitches": PITCH_COLUMNS,
    "interests": INTEREST_COLUMNS,
    "meetings": MEETING_COLUMNS,
    "meeting-plan": PLAN_COLUMNS,
    "meeting-funnel": FUNNEL_COLUMNS,
    "chair-summary": CHAIR_COLUMNS,
}
