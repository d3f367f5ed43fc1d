"""The image copies every package the project installs (the Docker engine is not on this machine, so the
image itself is not built here: this catches a package added to pyproject.toml and forgotten in it)."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_every_installed_package_is_copied_into_the_image() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    packages = {p.rstrip("*") for p in pyproject["tool"]["setuptools"]["packages"]["find"]["include"]}
    copied = {
        line.split()[1]
        for line in (ROOT / "Dockerfile").read_text(encoding="utf-8").splitlines()
        if line.startswith("COPY ") and len(line.split()) == 3 and "--from" not in line
    }
    assert packages <= copied, f"not copied into the image: {sorted(packages - copied)}"
