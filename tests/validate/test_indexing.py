"""The validator's fast paths (items indexed once, repeated-tag rules only on repeating items,
sibling lookups from child maps, the strict-date shortcut, the paused GC) report exactly what
the general paths report: same rules, lines and element paths."""

from __future__ import annotations

import gc
from datetime import UTC, datetime
from pathlib import Path

from lxml import etree

from podfeed.diagnostics import Finding
from podfeed.validate import validate_feed
from podfeed.validate.catalog import select_rules
from podfeed.validate.context import FeedContext
from podfeed.validate.formats import check_rfc2822

_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"
 xmlns:podcast="https://podcastindex.org/namespace/1.0" xmlns:atom="http://www.w3.org/2005/Atom"
 xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
<title>Indexing Hour</title>
<link>https://index.example.net/</link>
<description>Checks that fast paths agree.</description>
<language>en</language>
<atom:link href="https://index.example.net/feed.xml" rel="self" type="application/rss+xml"/>
<itunes:image href="https://index.example.net/art.png"/>
<itunes:category text="Technology"/>
<itunes:explicit>false</itunes:explicit>
"""
_ITEM = """<item>
<title>Conversation about lists {n}</title>
<guid isPermaLink="false">idx-{n}</guid>
<pubDate>Mon, 01 Jan 2024 10:00:00 GMT</pubDate>
<enclosure url="https://cdn.index.example.net/{n}.mp3" length="1234" type="audio/mpeg"/>
<itunes:duration>600</itunes:duration>
</item>
"""
# Item 37 of 50 repeats <title>, <itunes:duration> and <podcast:chapters>.
_REPEATING = """<item>
<title>Conversation about lists 37</title>
<title>A second title</title>
<guid isPermaLink="false">idx-37</guid>
<pubDate>Mon, 01 Jan 2024 10:00:00 GMT</pubDate>
<enclosure url="https://cdn.index.example.net/37.mp3" length="1234" type="audio/mpeg"/>
<itunes:duration>600</itunes:duration>
<itunes:duration>601</itunes:duration>
<podcast:chapters url="https://index.example.net/37.json" type="application/json+chapters"/>
<podcast:chapters url="https://index.example.net/37b.json" type="application/json+chapters"/>
</item>
"""
# A live item is not indexed up front: its repeated tag goes through lxml's sibling walk.
_LIVE = """<podcast:liveItem status="live" start="2024-01-01T10:00:00Z" end="2024-01-01T11:00:00Z">
<title>Live</title>
<guid isPermaLink="false">idx-live</guid>
<enclosure url="https://cdn.index.example.net/live.mp3" length="1" type="audio/mpeg"/>
<podcast:contentLink href="https://live.index.example.net/">Watch live</podcast:contentLink>
<podcast:chapters url="https://index.example.net/l1.json" type="application/json+chapters"/>
<podcast:chapters url="https://index.example.net/l2.json" type="application/json+chapters"/>
</podcast:liveItem>
"""


def _feed(tmp_path: Path) -> Path:
    items = [_REPEATING if n == 37 else _ITEM.format(n=n) for n in range(1, 51)]
    text = _HEAD + _LIVE + "".join(items) + "</channel>\n</rss>\n"
    path = tmp_path / "feed.xml"
    path.write_text(text, encoding="utf-8")
    return path


def _line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def _of(findings: tuple[Finding, ...], rule: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule]


def test_repeated_tags_are_reported_on_the_repeating_item_only(tmp_path: Path) -> None:
    path = _feed(tmp_path)
    report = validate_feed(path)
    rss_008 = _of(report.findings, "RSS-008")
    assert [(f.line, f.element) for f in rss_008] == [
        (_line_of(path, "A second title"), "rss/channel/item[37]/title[2]")
    ]
    itunes_038 = _of(report.findings, "ITUNES-038")
    assert [(f.line, f.element) for f in itunes_038] == [
        (_line_of(path, "<itunes:duration>601"), "rss/channel/item[37]/itunes:duration[2]")
    ]


def test_single_podcast_tags_repeated_in_indexed_and_unindexed_parents(tmp_path: Path) -> None:
    path = _feed(tmp_path)
    report = validate_feed(path)
    lines = sorted(f.line for f in _of(report.findings, "P20-003") if f.line is not None)
    assert lines == [_line_of(path, "l2.json"), _line_of(path, "37b.json")]


def test_replaced_items_are_indexed_again(tmp_path: Path) -> None:
    root = etree.fromstring(_feed(tmp_path).read_bytes())
    ctx = FeedContext(path="feed.xml", active=select_rules("podcasting2"), root=root)
    assert len(ctx.item_maps()) == 50
    ctx.items = ctx.items[36:37]  # only the repeating item
    maps = ctx.item_maps()
    assert len(maps) == 1
    assert len(maps[0]["title"]) == 2
    assert [item for item, _ in ctx.repeating_items()] == ctx.items


def test_garbage_collector_state_is_restored(tmp_path: Path) -> None:
    path = _feed(tmp_path)
    assert gc.isenabled()
    validate_feed(path)
    assert gc.isenabled()
    gc.disable()
    try:
        validate_feed(path)
        assert not gc.isenabled()  # a caller's choice is left as it was
    finally:
        gc.enable()


def test_strict_dates_still_meet_the_year_and_weekday_rules() -> None:
    # The fast path must not accept what the full reader rejects.
    now = datetime(2020, 6, 1, tzinfo=UTC)
    assert check_rfc2822("Sun, 01 Jan 2040 10:00:00 GMT", now=now).rule == "RSS-018"
    assert (
        check_rfc2822("Sun, 01 Jan 2040 10:00:00 GMT", now=datetime(2035, 1, 1, tzinfo=UTC)).rule
        is None
    )
    assert check_rfc2822("Tue, 01 Jan 2024 10:00:00 GMT").rule == "RSS-016"
    assert check_rfc2822("Sun, 01 Jan 1899 10:00:00 GMT").rule == "RSS-018"
    checked = check_rfc2822("Mon, 01 Jan 2024 10:00:00 +0000")
    assert checked.rule is None
    assert checked.value == datetime(2024, 1, 1, 10, tzinfo=UTC)
