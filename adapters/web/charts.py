"""Charts as Vega-Lite specs built with Altair, rendered to SVG on the server by vl-convert: pages need no
script and fetch nothing. Every chart is shown beside a table of the same numbers (templates/_chart.html).

Colours are dark enough on white for WCAG AA (≥ 4.5:1 for the text, ≥ 3:1 for the marks).

Building and converting a chart costs tens to hundreds of milliseconds, so each SVG is kept, keyed by the
hash of everything it draws — its rows and its (translated, hence per-language) titles: a page whose numbers
did not change since it was last shown converts nothing."""

from __future__ import annotations

import html
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import altair as alt
import vl_convert

if TYPE_CHECKING:
    from vl_convert import TimeFormatLocaleName

INK = "#1a1a1a"
MARK = "#1f5f99"  # 6.9:1 on white
ACCENT = "#a33b00"  # 6.0:1 on white
WIDTH = 360
HEIGHT = 200
# Rendered SVGs kept: the overview's four and the matchmaking page's two, in each language, and room for
# the numbers changing during registration. Each is a few tens of kB.
CACHED_CHARTS = 128

# d3 time-format locales vl-convert bundles, for month names on date axes in the organiser's language.
TIME_LOCALES: dict[str, TimeFormatLocaleName] = {
    "en": "en-GB",
    "fr": "fr-FR",
    "es": "es-ES",
    "ru": "ru-RU",
    "zh": "zh-CN",
    "ar": "ar-EG",
}

Rows = tuple[tuple[Any, ...], ...]


def _rows(rows: Sequence[Sequence[Any]]) -> Rows:
    """Hashable rows: the data part of a chart's cache key."""
    return tuple(tuple(row) for row in rows)


def _svg(chart: alt.TopLevelMixin, title: str, lang: str = "en") -> str:
    # Marks, axes and legends carry no ARIA roles of their own (aria: false): the whole chart is one image.
    spec = chart.properties(description=title).configure(
        font="sans-serif",
        axis={"labelColor": INK, "titleColor": INK, "aria": False},
        legend={"labelColor": INK, "aria": False},
        mark={"aria": False},
    )
    # The spec is built by this module (tests validate it): validating it again per render costs more
    # than the conversion.
    locale = TIME_LOCALES.get(lang, TIME_LOCALES["en"])
    svg: str = vl_convert.vegalite_to_svg(spec.to_dict(validate=False), time_format_locale=locale)
    # One image named by its title for assistive technology; its numbers are in the table beside it.
    return svg.replace("<svg ", f'<svg role="img" aria-label="{html.escape(title)}" ', 1)


def _data(rows: Sequence[dict[str, Any]]) -> alt.Data:
    return alt.Data(values=list(rows))  # type: ignore[no-untyped-call]  # altair's schema classes


def bars(rows: Sequence[tuple[str, int]], title: str, label: str, value: str) -> str:
    """Horizontal bars, one per label (regions, breakout groups, message states)."""
    return _bars(_rows(rows), title, label, value)


@lru_cache(maxsize=CACHED_CHARTS)
def _bars(rows: Rows, title: str, label: str, value: str) -> str:
    data = _data([{"label": name, "value": count} for name, count in rows])
    chart = (
        alt.Chart(data, width=WIDTH, height=max(40, 28 * len(rows)))
        .mark_bar(color=MARK)
        .encode(
            y=alt.Y("label:N", title=label, sort=None),
            x=alt.X("value:Q", title=value, axis=alt.Axis(tickMinStep=1)),
        )
    )
    return _svg(chart, title)


def cumulative(
    rows: Sequence[tuple[str, int]], deadline: str | None, title: str, day: str, value: str, lang: str
) -> str:
    """Registrations over time as a step line, with the deadline as a rule; months named in ``lang``."""
    return _cumulative(_rows(rows), deadline, title, day, value, lang)


@lru_cache(maxsize=CACHED_CHARTS)
def _cumulative(rows: Rows, deadline: str | None, title: str, day: str, value: str, lang: str) -> str:
    data = _data([{"day": d, "value": n} for d, n in rows])
    line = (
        alt.Chart(data, width=WIDTH, height=HEIGHT)
        .mark_line(point=True, color=MARK, interpolate="step-after")
        .encode(x=alt.X("day:T", title=day), y=alt.Y("value:Q", title=value, axis=alt.Axis(tickMinStep=1)))
    )
    if deadline is None:
        return _svg(line, title, lang)
    rule = alt.Chart(_data([{"day": deadline}])).mark_rule(color=ACCENT, strokeDash=[4, 3]).encode(x="day:T")
    return _svg(alt.layer(line, rule), title, lang)


def grouped(rows: Sequence[tuple[str, str, int]], title: str, label: str, value: str) -> str:
    """Two bars per label (needs and offers per capability)."""
    return _grouped(_rows(rows), title, label, value)


@lru_cache(maxsize=CACHED_CHARTS)
def _grouped(rows: Rows, title: str, label: str, value: str) -> str:
    data = _data([{"label": name, "series": series, "value": count} for name, series, count in rows])
    chart = (
        alt.Chart(data, width=WIDTH, height=HEIGHT)
        .mark_bar()
        .encode(
            y=alt.Y("label:N", title=label),
            yOffset="series:N",
            x=alt.X("value:Q", title=value, axis=alt.Axis(tickMinStep=1)),
            color=alt.Color("series:N", title=None, scale=alt.Scale(range=[MARK, ACCENT])),
        )
    )
    return _svg(chart, title)


def heatmap(rows: Sequence[tuple[str, str, int]], title: str, label: str, series: str) -> str:
    """Capability × need/offer, darker for more; each cell also carries its number."""
    return _heatmap(_rows(rows), title, label, series)


@lru_cache(maxsize=CACHED_CHARTS)
def _heatmap(rows: Rows, title: str, label: str, series: str) -> str:
    data = _data([{"label": name, "series": kind, "value": count} for name, kind, count in rows])
    base = alt.Chart(data, width=WIDTH // 2, height=HEIGHT).encode(
        y=alt.Y("label:N", title=label), x=alt.X("series:N", title=series)
    )
    cells = base.mark_rect().encode(
        color=alt.Color("value:Q", title=None, scale=alt.Scale(scheme="blues"), legend=None)
    )
    numbers = base.mark_text(color=INK, fontWeight="bold").encode(text="value:Q")
    return _svg(alt.layer(cells, numbers), title)


def forget_rendered() -> None:
    """Empties the SVG caches (tests, and the bench's cold requests)."""
    for cached in (_bars, _cumulative, _grouped, _heatmap):
        cached.cache_clear()
