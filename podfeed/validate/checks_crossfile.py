"""XF-* rules for build-feed: the feed and the chapters files it links agree.

XF-005/006 (guids stable across rebuilds) are enforced by the build through podfeed.lock;
XF-003/007 need the files and run online (``checks_online``) — see the catalog notes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from .context import FeedContext
from .ns import ITUNES, PODCAST_URIS
from .registry import feed_check

__all__ = ["CHAPTERS_TYPE", "chapter_duration_pairs", "chapter_durations", "parse_duration"]

CHAPTERS_TYPE = "application/json+chapters"
_DURATION = re.compile(r"^\s*(?:(\d+):)?(?:(\d+):)?(\d+(?:\.\d+)?)\s*$")


@feed_check("XF-001", "XF-002")
def check_chapters_links(ctx: FeedContext) -> None:
    files = ctx.chapters_files
    if files is None:
        return  # only build-feed hands the chapters files over
    for item in (*ctx.items, *ctx.live_items):
        for link in ctx.podcast(item, "chapters"):
            url = link.get("url") or ""
            if url not in files:
                ctx.report(
                    "XF-001",
                    link,
                    f"podcast:chapters url {url!r} is not a chapters file this build wrote",
                )
            if link.get("type") != CHAPTERS_TYPE:
                ctx.report(
                    "XF-002",
                    link,
                    f'chapters type="{link.get("type")}"; the file is served as {CHAPTERS_TYPE}',
                )


def parse_duration(text: str) -> float | None:
    """Seconds from ``itunes:duration`` (``SS``, ``M:SS``, ``H:MM:SS``); None when unreadable."""
    match = _DURATION.match(text)
    if match is None:
        return None
    parts = [float(p) for p in match.groups() if p is not None]
    seconds = 0.0
    for part in parts:
        seconds = seconds * 60 + part
    return seconds


def chapter_durations(root: Any) -> dict[str, float]:
    """Chapters URL → its episode's ``itunes:duration`` in seconds, from a parsed feed."""
    return dict(chapter_duration_pairs(root))


def chapter_duration_pairs(
    root: Any, from_line: int = 0, own_text: Callable[[Any], str | None] | None = None
) -> Iterator[tuple[str, float]]:
    """``(chapters URL, seconds)`` in document order (a later item wins a repeated URL), for
    the items and live items starting on ``from_line`` or later. ``own_text``: how a window's
    context reads an element's text (``FeedContext.own_text``)."""
    read = own_text if own_text is not None else _element_text
    for item in root.iter("item", *(f"{{{uri}}}liveItem" for uri in PODCAST_URIS)):
        if from_line and (item.sourceline or 0) < from_line:
            continue
        duration_el = item.find(f"{{{ITUNES}}}duration")
        seconds = parse_duration(read(duration_el) or "") if duration_el is not None else None
        if seconds is None:
            continue
        for uri in PODCAST_URIS:
            for link in item.findall(f"{{{uri}}}chapters"):
                url = link.get("url")
                if url:
                    yield url, seconds


def _element_text(element: Any) -> str | None:
    text: str | None = element.text
    return text
