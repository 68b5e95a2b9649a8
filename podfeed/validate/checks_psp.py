"""PSP-* rules: the Podcast Standards Project's PSP-1 extras on top of Apple's rules."""

from __future__ import annotations

import re

from .context import FeedContext
from .formats import file_extension, is_absolute_url
from .ns import ATOM, PODCAST, PODCAST_LEGACY, PODCAST_URIS
from .registry import feed_check

_SELF_TYPE = "application/rss+xml"
_PSP_MIME = frozenset({"audio/mpeg", "audio/m4a", "video/m4v", "video/mp4"})
_PSP_EXTENSIONS = frozenset({"mp3", "m4a", "m4v", "mp4"})
_TRANSCRIPT = f"{{{PODCAST}}}transcript"
_LEGACY_TRANSCRIPT = f"{{{PODCAST_LEGACY}}}transcript"
_COPYRIGHT_NOISE = re.compile(r"copyright|©|\(c\)|\b(1[89]|2\d)\d\d\b", re.IGNORECASE)


@feed_check("PSP-001", "PSP-002")
def check_feed_identity(ctx: FeedContext) -> None:
    if ctx.root is None or ctx.channel is None:
        return
    links = [link for link in ctx.kids(ctx.channel, f"{{{ATOM}}}link") if link.get("rel") == "self"]
    if not links:
        ctx.report(
            "PSP-001",
            ctx.channel,
            f'channel has no <atom:link rel="self" type="{_SELF_TYPE}" href="…">',
        )
    for link in links:
        href = link.get("href") or ""
        if not is_absolute_url(href):
            ctx.report("PSP-001", link, f"atom:link rel=self href {href!r} is not an absolute URL")
        if link.get("type") != _SELF_TYPE:
            ctx.report("PSP-001", link, f'atom:link rel=self needs type="{_SELF_TYPE}"')
    declared = set(ctx.root.nsmap.values())
    missing = [
        name
        for name, present in (
            ("podcast", bool(declared & PODCAST_URIS)),
            ("atom", ATOM in declared),
        )
        if not present
    ]
    if missing:
        ctx.report(
            "PSP-002", ctx.root, f"<rss> does not declare the {' and '.join(missing)} namespace"
        )


@feed_check("PSP-003", "PSP-004", "PSP-007")
def check_show(ctx: FeedContext) -> None:
    channel = ctx.channel
    if channel is None:
        return
    if not ctx.podcast(channel, "guid"):
        ctx.report("PSP-003", channel, "channel has no <podcast:guid> (recommended)")
    if not ctx.podcast(channel, "locked"):
        ctx.report("PSP-004", channel, "channel has no <podcast:locked> (recommended)")
    for copyright_ in ctx.kids(channel, "copyright"):
        if _COPYRIGHT_NOISE.search(ctx.text(copyright_)):
            ctx.report(
                "PSP-007", copyright_, "PSP-1: leave 'Copyright', © and the year out of <copyright>"
            )


@feed_check("PSP-005", "PSP-006", "PSP-008")
def check_items(ctx: FeedContext) -> None:
    for item, kids in ctx.item_children():
        if "link" not in kids:
            ctx.report("PSP-005", item, "episode has no <link> (recommended)")
        if _TRANSCRIPT not in kids and _LEGACY_TRANSCRIPT not in kids:
            ctx.report("PSP-006", item, "episode has no <podcast:transcript> (recommended)")
        enclosures = kids.get("enclosure")
        if enclosures is None:
            continue
        enclosure = enclosures[0]
        mime = (enclosure.get("type") or "").lower()
        extension = file_extension(enclosure.get("url") or "")
        if mime not in _PSP_MIME or extension not in _PSP_EXTENSIONS:
            ctx.report(
                "PSP-008",
                enclosure,
                f"PSP-1 lists mp3/m4a/m4v/mp4 media; got {mime or '?'} .{extension or '?'}",
            )
