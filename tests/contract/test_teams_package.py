"""The Teams app package: manifest v1.17 with the bot id filled in, generated icons, the CLI command."""

from __future__ import annotations

import json
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from adapters.teams.icons import color_icon, outline_icon
from adapters.teams.package import PackageError, build_manifest, write_package
from service.cli import app as cli

APP_ID = "00000000-1111-2222-3333-444444444444"


def decode_png(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and the RGBA rows of a PNG written without filters (what icons.py writes)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, idat, header = 8, b"", b""
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind, body = data[position + 4 : position + 8], data[position + 8 : position + 8 + length]
        assert struct.unpack(">I", data[position + 8 + length : position + 12 + length])[0] == zlib.crc32(
            kind + body
        )
        header, idat = (body, idat) if kind == b"IHDR" else (header, idat + body if kind == b"IDAT" else idat)
        position += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", header[:10])
    assert (depth, colour) == (8, 6)  # 8-bit RGBA
    raw = zlib.decompress(idat)
    stride = 1 + 4 * width
    rows = [raw[y * stride : (y + 1) * stride] for y in range(height)]
    assert all(row[0] == 0 for row in rows)
    return width, height, [row[1:] for row in rows]


def test_color_icon_is_192_square_and_opaque() -> None:
    width, height, rows = decode_png(color_icon())
    assert (width, height) == (192, 192)
    assert all(row[3::4] == b"\xff" * 192 for row in rows)
    assert rows[0][:3] == bytes((0, 158, 219))  # the corner is background blue


def test_outline_icon_is_32_square_white_on_transparent() -> None:
    width, height, rows = decode_png(outline_icon())
    assert (width, height) == (32, 32)
    pixels = [row[i : i + 4] for row in rows for i in range(0, len(row), 4)]
    assert all(p[:3] == b"\xff\xff\xff" for p in pixels)
    alphas = {p[3] for p in pixels}
    assert 0 in alphas and 255 in alphas


def test_manifest_has_the_bot_id_scopes_and_commands() -> None:
    manifest = build_manifest(APP_ID.upper(), website_url="https://roundtable.example.org")
    assert manifest["manifestVersion"] == "1.17" and "/v1.17/" in manifest["$schema"]
    assert manifest["id"] == APP_ID
    [bot] = manifest["bots"]
    assert bot["botId"] == APP_ID and bot["scopes"] == ["personal", "team", "groupChat"]
    commands = bot["commandLists"][0]["commands"]
    assert 1 <= len(commands) <= 10
    assert all(len(c["title"]) <= 32 and len(c["description"]) <= 128 for c in commands)
    assert manifest["developer"]["privacyUrl"] == "https://roundtable.example.org/privacy"
    assert len(manifest["name"]["short"]) <= 30 and len(manifest["description"]["short"]) <= 80
    assert "{{" not in json.dumps(manifest)


@pytest.mark.parametrize(
    ("app_id", "url", "problem"),
    [("not-a-guid", "https://x.org", "--app-id"), (APP_ID, "http://x.org", "--website-url")],
)
def test_manifest_refuses_what_teams_would_refuse(app_id: str, url: str, problem: str) -> None:
    with pytest.raises(PackageError, match=problem):
        build_manifest(app_id, website_url=url)


def test_package_zip_holds_three_files_at_its_root(tmp_path: Path) -> None:
    path = write_package(APP_ID, tmp_path / "out" / "teams.zip", website_url="https://x.org")
    with zipfile.ZipFile(path) as archive:
        assert sorted(archive.namelist()) == ["color.png", "manifest.json", "outline.png"]
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["icons"] == {"color": "color.png", "outline": "outline.png"}


def test_cli_writes_the_package(tmp_path: Path) -> None:
    out = tmp_path / "teams.zip"
    result = CliRunner().invoke(cli, ["teams-package", "--app-id", APP_ID, "--out", str(out)])
    assert result.exit_code == 0 and result.output.strip() == str(out) and zipfile.is_zipfile(out)
    refused = CliRunner().invoke(cli, ["teams-package", "--app-id", "oops", "--out", str(out)])
    assert refused.exit_code == 2 and "GUID" in refused.output and "Traceback" not in refused.output
