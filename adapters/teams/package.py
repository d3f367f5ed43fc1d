"""`roundtable-bot teams-package`: the zip to upload to Teams (manifest.json + the two generated icons)."""

from __future__ import annotations

import json
import uuid
import zipfile
from pathlib import Path
from typing import Any

from adapters.teams.icons import color_icon, outline_icon

TEMPLATE = Path(__file__).parent / "manifest" / "manifest.json"
DEFAULT_URL = "https://example.org/roundtable-bot"  # replace with the organisers' pages (see README)


class PackageError(ValueError):
    """A value that Teams would refuse; the message says which."""


def _fill(value: Any, values: dict[str, str]) -> Any:
    if isinstance(value, str):
        for name, replacement in values.items():
            value = value.replace("{{" + name + "}}", replacement)
        return value
    if isinstance(value, list):
        return [_fill(item, values) for item in value]
    if isinstance(value, dict):
        return {key: _fill(item, values) for key, item in value.items()}
    return value


def build_manifest(
    app_id: str, *, website_url: str = DEFAULT_URL, privacy_url: str = "", terms_url: str = ""
) -> dict[str, Any]:
    """The manifest with the bot's Microsoft App ID (a GUID) and the developer pages filled in."""
    try:
        bot_id = str(uuid.UUID(app_id.strip()))
    except ValueError:
        raise PackageError(f"--app-id: not a Microsoft App ID (a GUID): {app_id!r}") from None
    urls = {
        "WEBSITE_URL": website_url,
        "PRIVACY_URL": privacy_url or f"{website_url.rstrip('/')}/privacy",
        "TERMS_URL": terms_url or f"{website_url.rstrip('/')}/terms",
    }
    for name, url in urls.items():
        if not url.startswith("https://"):
            option = "--" + name.lower().replace("_", "-")
            raise PackageError(f"{option}: Teams needs an https:// address, got {url!r}")
    template = json.loads(TEMPLATE.read_text(encoding="utf-8"))
    manifest: dict[str, Any] = _fill(template, {"BOT_ID": bot_id, **urls})
    return manifest


def write_package(app_id: str, out: Path, **urls: str) -> Path:
    """Write the upload zip (files at the root of the archive, as Teams requires) and return its path."""
    manifest = build_manifest(app_id, **urls)
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False))
        archive.writestr("color.png", color_icon())
        archive.writestr("outline.png", outline_icon())
    return out
