"""`roundtable-bot export --help` names the kinds an organiser can type, and they are the ones that exist."""

from __future__ import annotations

from typer.testing import CliRunner

from handlers.organiser.export import EXPORTERS
from service.cli import EXPORT_KINDS, PROGRAMME_KINDS, app


def test_export_kinds_are_exactly_the_registered_exporters_and_ics() -> None:
    assert sorted(EXPORT_KINDS) == sorted([*EXPORTERS, *PROGRAMME_KINDS])


def test_export_help_lists_every_kind() -> None:
    result = CliRunner().invoke(app, ["export", "--help"], terminal_width=200)
    assert result.exit_code == 0
    for kind in EXPORT_KINDS:
        assert kind in result.output
    assert "EXPORTERS" not in result.output
