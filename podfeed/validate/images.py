"""Just enough of PNG and JPEG to check podcast artwork: kind, size, colour, alpha, dpi.

Reads the first bytes of a file (headers and the chunks/segments before the image data), so an
online check needs only a small ranged download and no image library.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

__all__ = ["ImageInfo", "image_info"]

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# PNG colour types: 0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA.
_PNG_RGB = frozenset({2, 3, 6})
_PNG_ALPHA = frozenset({4, 6})
# JPEG start-of-frame markers (not DHT C4, JPG C8, DAC CC), which carry the size.
_JPEG_SOF = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
_INCH_PER_METRE = 0.0254


@dataclass(frozen=True, slots=True)
class ImageInfo:
    kind: str  # "png" or "jpeg"
    width: int
    height: int
    rgb: bool
    alpha: bool
    dpi: float | None


def image_info(data: bytes) -> ImageInfo | None:
    """Describe a PNG or JPEG from its first bytes; None when it is neither (or cut too short)."""
    try:
        if data.startswith(_PNG_SIGNATURE):
            return _png(data)
        if data.startswith(b"\xff\xd8"):
            return _jpeg(data)
    except (struct.error, IndexError):
        return None
    return None


def _png(data: bytes) -> ImageInfo | None:
    width, height, _depth, colour = struct.unpack(">IIBB", data[16:26])
    alpha = colour in _PNG_ALPHA
    dpi: float | None = None
    pos = 8
    while pos + 8 <= len(data):
        length, name = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if name == b"pHYs" and len(body) == 9 and body[8] == 1:  # unit 1 = metre
            dpi = struct.unpack(">I", body[:4])[0] * _INCH_PER_METRE
        elif name == b"tRNS":
            alpha = True
        elif name == b"IDAT":
            break
        pos += 12 + length
    return ImageInfo("png", width, height, colour in _PNG_RGB, alpha, dpi)


def _jpeg(data: bytes) -> ImageInfo | None:
    pos = 2
    dpi: float | None = None
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:  # markers without a length
            pos += 2
            continue
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        segment = data[pos + 4 : pos + 2 + length]
        if marker == 0xE0 and segment[:5] == b"JFIF\x00" and len(segment) >= 12:
            units, x_density = segment[7], struct.unpack(">H", segment[8:10])[0]
            dpi = {1: float(x_density), 2: x_density * 2.54}.get(units)
        elif marker in _JPEG_SOF:
            height, width = struct.unpack(">HH", segment[1:5])
            components = segment[5]
            return ImageInfo("jpeg", width, height, components == 3, False, dpi)
        pos += 2 + length
    return None
