"""Markdown for the export registry's "md" format: the Chair's summary as a readable report to publish
(headings per edition, capability × region tables, a cross-edition section), and any other kind as one
plain table. Made from the export rows alone, so it can show nothing the CSV and JSON do not."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from bot.event import Event
from bot.i18n import translate
from handlers.summaries.chair import (
    CARRIED,
    FOLLOWED,
    LISTED_OFFERS,
    MEETINGS,
    NEEDS,
    OFFERS,
    PUBLIC_NEEDS,
    REQUESTS,
    SERIES,
    SMALL_REGIONS,
    UNKNOWN_REGION,
)
from storage.meetings import FOLLOW_UPS
from storage.models.editions import ASKED, DROPPED, KEPT, UPDATED

Rows = list[dict[str, Any]]
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|#])")


def cell(value: Any) -> str:
    """One table cell: Markdown and HTML signs escaped, line breaks flattened, so a participant's text
    stays text in whatever renders the report."""
    text = "" if value is None else str(value)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def table(header: list[str], body: list[list[Any]]) -> list[str]:
    lines = ["| " + " | ".join(cell(h) for h in header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in body]
    return [*lines, ""]


def plain_report(kind: str, rows: Rows, columns: tuple[str, ...], lang: str, event: Event | None) -> str:
    """Any export kind as one Markdown table."""
    body = [[row.get(column, "") for column in columns] for row in rows]
    return "\n".join([f"# {cell(kind)}", "", *table(list(columns), body)])


class _Labels:
    def __init__(self, lang: str, event: Event | None) -> None:
        self.lang, self.event = lang, event

    def t(self, message_id: str, **params: object) -> str:
        return translate(self.lang, message_id, **params)

    def capability(self, capability_id: str) -> str:
        return self.event.capability_name(capability_id, self.lang) if self.event else capability_id

    def region(self, region: str) -> str:
        if region in (UNKNOWN_REGION, SMALL_REGIONS):
            return self.t(
                "summaries.md.unknown_region" if region == UNKNOWN_REGION else "summaries.md.small_regions"
            )
        return region

    def edition(self, edition: str) -> str:
        return self.event.edition_name(edition, self.lang) if self.event is not None else edition


def chair_report(kind: str, rows: Rows, columns: tuple[str, ...], lang: str, event: Event | None) -> str:
    labels = _Labels(lang, event)
    scopes: dict[str, Rows] = defaultdict(list)
    for row in rows:
        scopes[row["scope"]].append(row)
    title = labels.t("summaries.md.title")
    if event is not None:
        title = labels.t("summaries.md.title_of", event=event.names["long"].get(lang))
    lines = [f"# {cell(title)}", "", labels.t("summaries.md.confidentiality"), ""]
    if not rows:
        lines.append(labels.t("summaries.md.nothing"))
    for scope, scoped in scopes.items():
        heading = (
            labels.t("summaries.md.series")
            if scope == SERIES
            else labels.t("summaries.md.edition", edition=labels.edition(scope))
        )
        lines += [f"## {cell(heading)}", "", *_scope_body(labels, scoped)]
    return "\n".join(lines)


def _scope_body(labels: _Labels, rows: Rows) -> list[str]:
    def of(section: str) -> Rows:
        return [r for r in rows if r["section"] == section]

    lines: list[str] = []
    for section, heading in ((NEEDS, "summaries.md.needs"), (OFFERS, "summaries.md.offers")):
        lines += [f"### {labels.t(heading)}", "", *_grid(labels, of(section))]
    lines += [f"### {labels.t('summaries.md.public_needs')}", ""]
    lines += _listing(labels, of(PUBLIC_NEEDS), "summaries.md.column.need")
    lines += [f"### {labels.t('summaries.md.listed_offers')}", ""]
    lines += _listing(labels, of(LISTED_OFFERS), "summaries.md.column.offer")
    lines += [f"### {labels.t('summaries.md.meetings')}", "", *_meetings(labels, rows), ""]
    carried = [r for r in rows if r["section"] in CARRIED.values()]
    if carried:
        lines += [f"### {labels.t('summaries.md.carried')}", "", *_carried(labels, carried)]
    return lines


def _grid(labels: _Labels, rows: Rows) -> list[str]:
    """Counts by capability (lines) and region (columns), with totals."""
    if not rows:
        return [labels.t("summaries.md.nothing"), ""]
    regions = sorted({r["region"] for r in rows}, key=lambda r: (r in (SMALL_REGIONS, UNKNOWN_REGION), r))
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for row in rows:
        counts[row["capability"]][row["region"]] = row["count"]
    header = [
        labels.t("summaries.md.column.capability"),
        *map(labels.region, regions),
        labels.t("summaries.md.total"),
    ]
    body = [
        [labels.capability(c), *(by.get(r, 0) for r in regions), sum(by.values())]
        for c, by in sorted(counts.items())
    ]
    totals = [sum(counts[c].get(r, 0) for c in counts) for r in regions]
    body.append([labels.t("summaries.md.total"), *totals, sum(totals)])
    return table(header, body)


def _listing(labels: _Labels, rows: Rows, text_column: str) -> list[str]:
    if not rows:
        return [labels.t("summaries.md.nothing"), ""]
    header = [
        labels.t("summaries.md.column.capability"),
        labels.t("summaries.md.column.region"),
        labels.t("summaries.md.column.organisation"),
        labels.t(text_column),
    ]
    body = [
        [labels.capability(r["capability"]), labels.region(r["region"]), r["organisation"] or "—", r["text"]]
        for r in rows
    ]
    return table(header, body)


def _meetings(labels: _Labels, rows: Rows) -> list[str]:
    def count(section: str, state: str) -> int:
        return sum(r["count"] for r in rows if r["section"] == section and r["state"] == state)

    follow_ups = {state: count(FOLLOWED, state) for state in FOLLOW_UPS}
    return [
        "- "
        + labels.t(
            "summaries.md.requests",
            accepted=count(REQUESTS, "accepted"),
            pending=count(REQUESTS, "pending"),
            declined=count(REQUESTS, "declined"),
        ),
        "- " + labels.t("summaries.md.held", count=count(MEETINGS, "held")),
        "- " + labels.t("summaries.md.follow_ups", **follow_ups),
    ]


_DECISIONS = (KEPT, UPDATED, DROPPED, ASKED)


def _carried(labels: _Labels, rows: Rows) -> list[str]:
    """Needs and offers asked about at a new edition: how many were kept, updated, dropped or await."""
    header = [
        labels.t("summaries.md.column.capability"),
        labels.t("summaries.md.column.kind"),
        *(labels.t(f"summaries.md.decision.{d}") for d in _DECISIONS),
    ]
    cells: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for row in rows:
        cells[(row["capability"], row["section"])][row["state"]] = row["count"]
    kinds = {section: kind for kind, section in CARRIED.items()}
    body = [
        [labels.capability(c), labels.t(f"summaries.md.kind.{kinds[s]}"), *(by.get(d, 0) for d in _DECISIONS)]
        for (c, s), by in sorted(cells.items())
    ]
    return table(header, body)
