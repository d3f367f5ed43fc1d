"""A CLI runner that ignores the developer's ROUNDTABLE_* settings (now, language, event file)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    for name in ("ROUNDTABLE_NOW", "ROUNDTABLE_LANG", "ROUNDTABLE_EVENT"):
        monkeypatch.delenv(name, raising=False)
    return CliRunner()
