"""Checks that need the network (``online=True`` only): artwork, linked files, media sizes.

Each linked resource is fetched once with a size cap (a few KB for headers, a HEAD request for
media); a resource that cannot be reached is itself a finding.
"""

from __future__ import annotations

from ..errors import SourceError
from .context import Element, FeedContext
from .formats import file_extension, is_http_url
from .images import image_info
from .ns import ITUNES
from .registry import feed_check

_HEADER_BYTES = 256 * 1024  # enough for PNG chunks / JPEG segments before the pixels
_TEXT_PEEK = 4096
_ARTWORK_MIN, _ARTWORK_MAX, _ARTWORK_BEST = 1400, 3000, 3000
_KIND_BY_EXTENSION = {"jpg": "jpeg", "jpeg": "jpeg", "png": "png"}


def _get(
    ctx: FeedContext, rule: str, element: Element, url: str, size: int, method: str = "GET"
) -> tuple[int, dict[str, str], bytes] | None:
    assert ctx.fetch is not None
    try:
        status, headers, body = ctx.fetch(url, size, method)
    except SourceError as exc:
        ctx.report(rule, element, f"{url} cannot be fetched: {exc.message}")
        return None
    if status >= 400:
        ctx.report(rule, element, f"{url} answers HTTP {status}")
        return None
    return status, {k.lower(): v for k, v in headers.items()}, body


@feed_check("ITUNES-006", "ITUNES-007")
def check_artwork_files(ctx: FeedContext) -> None:
    if ctx.fetch is None or ctx.channel is None:
        return
    for image in ctx.kids(ctx.channel, f"{{{ITUNES}}}image"):
        href = image.get("href") or ""
        if not is_http_url(href):
            continue  # ITUNES-004 reports it
        got = _get(ctx, "ITUNES-006", image, href, _HEADER_BYTES)
        if got is None:
            continue
        info = image_info(got[2])
        if info is None:
            ctx.report("ITUNES-006", image, f"{href} is not a JPEG or PNG image")
            continue
        expected = _KIND_BY_EXTENSION.get(file_extension(href))
        if expected is not None and expected != info.kind:
            ctx.report(
                "ITUNES-006",
                image,
                f"{href} is a {info.kind.upper()} file but its name says {expected.upper()}",
            )
        if info.width != info.height:
            ctx.report(
                "ITUNES-006", image, f"artwork is {info.width}×{info.height}; it must be square"
            )
        side = max(info.width, info.height)
        if not _ARTWORK_MIN <= side <= _ARTWORK_MAX:
            ctx.report(
                "ITUNES-006",
                image,
                f"artwork is {info.width}×{info.height}; Apple wants 1400 to 3000 px",
            )
        if not info.rgb:
            ctx.report(
                "ITUNES-006", image, "artwork is not in an RGB colour space (greyscale or CMYK)"
            )
        if info.alpha:
            ctx.report("ITUNES-007", image, "artwork has an alpha channel (transparency)")
        if info.dpi is not None and round(info.dpi) != 72:
            ctx.report("ITUNES-007", image, f"artwork is {info.dpi:.0f} dpi; Apple asks for 72")
        if _ARTWORK_MIN <= side < _ARTWORK_BEST:
            ctx.report("ITUNES-007", image, f"artwork is {side} px; Apple prefers 3000×3000")


@feed_check("XF-003")
def check_enclosure_sizes(ctx: FeedContext) -> None:
    if ctx.fetch is None:
        return
    for item in ctx.items:
        enclosure = ctx.kid(item, "enclosure")
        url = enclosure.get("url") if enclosure is not None else None
        if enclosure is None or url is None or not is_http_url(url):
            continue
        got = _get(ctx, "XF-003", enclosure, url, 0, "HEAD")
        if got is None:
            continue
        served = got[1].get("content-length")
        declared = enclosure.get("length")
        if served and served.isdigit() and declared != served:
            ctx.report(
                "XF-003", enclosure, f'length="{declared}" but the server sends {served} bytes'
            )


# Transcript type → what its first bytes must look like (XF-007).
def _looks_like(mime: str, text: str) -> bool:
    head = text.lstrip("\ufeff \t\r\n")
    if mime == "text/vtt":
        return head.startswith("WEBVTT")
    if mime in ("application/x-subrip", "application/srt", "text/srt"):
        return head[:1].isdigit()
    if mime == "application/json":
        return head.startswith("{") and '"segments"' in text
    return True


@feed_check("XF-007", "XF-001")
def check_linked_files(ctx: FeedContext) -> None:
    if ctx.fetch is None or ctx.chapters_files is not None:
        return  # offline, or a build (whose files are checked from memory)
    for item in (*ctx.items, *ctx.live_items):
        for transcript in ctx.podcast(item, "transcript"):
            url = transcript.get("url") or ""
            if not is_http_url(url):
                continue
            got = _get(ctx, "XF-007", transcript, url, _TEXT_PEEK)
            if got is not None and not _looks_like(
                transcript.get("type") or "", got[2].decode("utf-8", "replace")
            ):
                ctx.report(
                    "XF-007", transcript, f"{url} does not look like {transcript.get('type')}"
                )
        for chapters in ctx.podcast(item, "chapters"):
            url = chapters.get("url") or ""
            if is_http_url(url):
                _get(ctx, "XF-001", chapters, url, _TEXT_PEEK)
