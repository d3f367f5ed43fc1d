"""Charts: each SVG is converted once per data and language, and every spec is valid Vega-Lite (the
renderer skips Altair's own validation, so this test is where the specs are checked)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from altair.vegalite.v6.schema.core import TopLevelSpec

from adapters.web import charts

REGIONS = [("Africa", 3), ("Europe", 5)]


@pytest.fixture
def conversions(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """The specs handed to vl-convert, validated against the Vega-Lite schema; every cache starts empty."""
    charts.forget_rendered()
    seen: list[dict[str, Any]] = []

    def convert(spec: dict[str, Any], **options: str) -> str:
        TopLevelSpec.validate(spec)
        seen.append(spec)
        return "<svg ></svg>"

    monkeypatch.setattr(charts.vl_convert, "vegalite_to_svg", convert)
    return seen


def test_the_same_numbers_in_the_same_language_are_converted_once(conversions: list[dict[str, Any]]) -> None:
    first = charts.bars(REGIONS, "Delegations by region", "Region", "Delegations")
    again = charts.bars(list(REGIONS), "Delegations by region", "Region", "Delegations")
    assert again == first and len(conversions) == 1
    assert 'aria-label="Delegations by region"' in first


def test_other_numbers_or_another_language_are_converted_again(conversions: list[dict[str, Any]]) -> None:
    charts.bars(REGIONS, "Delegations by region", "Region", "Delegations")
    charts.bars([("Africa", 4), ("Europe", 5)], "Delegations by region", "Region", "Delegations")
    charts.bars(REGIONS, "Délégations par région", "Région", "Délégations")
    assert len(conversions) == 3


CHARTS: list[Callable[[], str]] = [
    lambda: charts.bars(REGIONS, "t", "label", "value"),
    lambda: charts.cumulative([("2024-04-01", 2), ("2024-04-03", 5)], "2024-04-05", "t", "day", "n", "fr"),
    lambda: charts.cumulative([], None, "t", "day", "n", "ar"),
    lambda: charts.grouped([("AI", "need", 2), ("AI", "offer", 1)], "t", "label", "value"),
    lambda: charts.heatmap([("AI", "need", 2), ("AI", "offer", 1)], "t", "label", "kind"),
]


@pytest.mark.parametrize("draw", CHARTS)
def test_every_chart_is_valid_vega_lite(conversions: list[dict[str, Any]], draw: Callable[[], str]) -> None:
    draw()
    assert len(conversions) == 1


@pytest.mark.parametrize(("lang", "month"), [("fr", "avr."), ("ru", "апр"), ("ar", "أبريل"), ("en", "Apr")])
def test_date_axes_name_months_in_the_organisers_language(lang: str, month: str) -> None:
    charts.forget_rendered()
    rows = [("2024-04-01", 2), ("2024-04-20", 5)]
    assert month in charts.cumulative(rows, None, "t", "day", "n", lang)
