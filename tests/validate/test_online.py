"""Online checks (artwork, media size, linked files) against a real server on 127.0.0.1."""

from __future__ import annotations

import struct
import zlib

from podfeed.diagnostics import Report
from podfeed.validate import validate_feed
from podfeed.validate.images import image_info

from .conftest import Route, Server


def _png(width: int, height: int, colour: int = 2, dpi: int | None = 72) -> bytes:
    def chunk(name: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + name + body + struct.pack(">I", zlib.crc32(name + body))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, colour, 0, 0, 0)
    phys = b""
    if dpi is not None:
        per_metre = round(dpi / 0.0254)
        phys = chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1))
    channels = {2: 3, 6: 4, 0: 1}[colour]
    row = b"\x00" + b"\x80" * (width * channels)
    pixels = chunk(b"IDAT", zlib.compress(row * height))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + phys + pixels + chunk(b"IEND", b"")


def _jpeg(width: int, height: int, components: int = 3, dpi: int = 72) -> bytes:
    app0 = b"JFIF\x00\x01\x01\x01" + struct.pack(">HH", dpi, dpi) + b"\x00\x00"
    sof = struct.pack(">BHHB", 8, height, width, components) + b"\x01\x11\x00" * components
    return (
        b"\xff\xd8"
        + b"\xff\xe0" + struct.pack(">H", len(app0) + 2) + app0
        + b"\xff\xc0" + struct.pack(">H", len(sof) + 2) + sof
        + b"\xff\xd9"
    )  # fmt: skip


def _feed(server: Server, *, art: str, media_length: int = 1000) -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:podcast="https://podcastindex.org/namespace/1.0">
<channel>
<title>Fog Signals</title>
<link>https://fog.example.org/</link>
<description>Foghorns, bells and sirens.</description>
<itunes:image href="{server.url(art)}"/>
<item>
<title>The diaphone</title>
<guid isPermaLink="false">fog-1</guid>
<enclosure url="{server.url("/ep1.mp3")}" length="{media_length}" type="audio/mpeg"/>
<podcast:transcript url="{server.url("/ep1.vtt")}" type="text/vtt"/>
<podcast:chapters url="{server.url("/ep1.chapters.json")}" type="application/json+chapters"/>
</item>
</channel>
</rss>
""".encode()


def _serve_episode(
    server: Server, *, vtt: bytes = b"WEBVTT\n\n00:00.000 --> 00:02.000\nHello\n"
) -> None:
    server.routes["/ep1.mp3"] = Route(body=b"\xff\xfb" * 500)
    server.routes["/ep1.vtt"] = Route(body=vtt)
    server.routes["/ep1.chapters.json"] = Route(body=b'{"version": "1.2.0", "chapters": []}')


def _messages(report: Report, rule: str) -> list[str]:
    return [f.message for f in report if f.rule == rule]


def test_image_reader_reads_what_the_test_images_hold() -> None:
    png = image_info(_png(1400, 1400))
    assert png is not None and (png.kind, png.width, png.height, png.rgb, png.alpha) == (
        "png", 1400, 1400, True, False,
    )  # fmt: skip
    assert png.dpi is not None and round(png.dpi) == 72
    jpeg = image_info(_jpeg(3000, 3000, components=4))
    assert jpeg is not None and (jpeg.kind, jpeg.width, jpeg.rgb) == ("jpeg", 3000, False)
    assert image_info(b"GIF89a....") is None


def test_good_artwork_and_files_pass_online(http_server: Server) -> None:
    http_server.routes["/cover.png"] = Route(body=_png(3000, 3000))
    _serve_episode(http_server)
    report = validate_feed(
        _feed(http_server, art="/cover.png"), online=True, select=["ITUNES-006", "ITUNES-007", "XF"]
    )
    assert report.findings == ()
    assert ("HEAD", "/ep1.mp3") in http_server.requests


def test_small_transparent_artwork(http_server: Server) -> None:
    http_server.routes["/cover.png"] = Route(body=_png(600, 600, colour=6, dpi=144))
    _serve_episode(http_server)
    report = validate_feed(_feed(http_server, art="/cover.png"), online=True)
    assert any("600×600" in m for m in _messages(report, "ITUNES-006"))
    assert any("alpha" in m for m in _messages(report, "ITUNES-007"))
    assert any("144 dpi" in m for m in _messages(report, "ITUNES-007"))


def test_cmyk_jpeg_named_png_and_not_square(http_server: Server) -> None:
    http_server.routes["/cover.png"] = Route(body=_jpeg(2000, 1800, components=4))
    _serve_episode(http_server)
    messages = _messages(
        validate_feed(_feed(http_server, art="/cover.png"), online=True), "ITUNES-006"
    )
    assert any("JPEG file but its name says PNG" in m for m in messages)
    assert any("square" in m for m in messages)
    assert any("RGB" in m for m in messages)


def test_unreachable_artwork_and_linked_files(http_server: Server) -> None:
    report = validate_feed(_feed(http_server, art="/cover.jpg"), online=True)
    assert any("HTTP 404" in m for m in _messages(report, "ITUNES-006"))
    assert any("HTTP 404" in m for m in _messages(report, "XF-001"))
    assert any("HTTP 404" in m for m in _messages(report, "XF-007"))


def test_enclosure_length_and_transcript_content(http_server: Server) -> None:
    http_server.routes["/cover.jpg"] = Route(body=_jpeg(3000, 3000))
    _serve_episode(http_server, vtt=b"1\n00:00:00,000 --> 00:00:02,000\nHello\n")
    report = validate_feed(_feed(http_server, art="/cover.jpg", media_length=999), online=True)
    assert _messages(report, "XF-003") == ['length="999" but the server sends 1000 bytes']
    assert any("does not look like text/vtt" in m for m in _messages(report, "XF-007"))


def test_offline_by_default_makes_no_request(http_server: Server) -> None:
    http_server.routes["/cover.png"] = Route(body=_png(10, 10))
    report = validate_feed(_feed(http_server, art="/cover.png"))
    assert http_server.requests == []
    assert not {"ITUNES-006", "ITUNES-007", "XF-003", "XF-007"} & {f.rule for f in report}
