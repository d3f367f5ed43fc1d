"""The Teams app icons, drawn in code (no downloaded artwork): a round table with eight seats.

Teams wants a 192×192 full-colour icon and a 32×32 outline icon that is white on transparent. Shapes are
signed-distance functions, so one evaluation per pixel gives smooth (anti-aliased) edges, and the PNG is
written with the standard library (zlib + struct).
"""

from __future__ import annotations

import math
import struct
import zlib

UN_BLUE = (0, 158, 219)
WHITE = (255, 255, 255)
SEATS = 8

RGBA = tuple[int, int, int, int]


def png(width: int, height: int, pixels: list[list[RGBA]]) -> bytes:
    """An 8-bit RGBA PNG (colour type 6), one filter byte (0 = none) per row."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + bytes(channel for pixel in row for channel in pixel) for row in pixels)
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def _table_distance(x: float, y: float, size: int) -> float:
    """Signed distance in pixels to the symbol (negative inside): a ring and the seats around it."""
    centre = size / 2
    dx, dy = x - centre, y - centre
    ring = abs(math.hypot(dx, dy) - 0.25 * size) - 0.06 * size
    seat_orbit, seat_radius = 0.40 * size, 0.065 * size
    seats = min(
        math.hypot(dx - seat_orbit * math.cos(a), dy - seat_orbit * math.sin(a)) - seat_radius
        for a in (2 * math.pi * i / SEATS for i in range(SEATS))
    )
    return min(ring, seats)


def _coverage(x: int, y: int, size: int) -> float:
    return min(1.0, max(0.0, 0.5 - _table_distance(x + 0.5, y + 0.5, size)))


def _blend(background: tuple[int, int, int], alpha: float) -> RGBA:
    r, g, b = (round(bg + (fg - bg) * alpha) for bg, fg in zip(background, WHITE, strict=True))
    return (r, g, b, 255)


def color_icon(size: int = 192) -> bytes:
    """White symbol on the UN blue square."""
    rows = [[_blend(UN_BLUE, _coverage(x, y, size)) for x in range(size)] for y in range(size)]
    return png(size, size, rows)


def outline_icon(size: int = 32) -> bytes:
    """White symbol on a transparent background (Teams' rule for outline icons)."""
    rows = [[(*WHITE, round(255 * _coverage(x, y, size))) for x in range(size)] for y in range(size)]
    return png(size, size, rows)
