"""The windowed path (``stream``) reports exactly what the whole-document path reports.

Feeds here are cut into windows of a few items, so errors planted in different windows (and
rules comparing items across windows) are exercised; each comparison first asserts that the
windowed path really ran (it returns None when it hands over to the whole document).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest

from podfeed import validate as validate_module
from podfeed.diagnostics import Finding
from podfeed.validate import _feed_report, stream, validate_feed, validate_output
from podfeed.validate.catalog import select_rules
from podfeed.validate.runner import sort_findings
from podfeed.workers import run_shards

T = TypeVar("T")
R = TypeVar("R")

_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"
 xmlns:podcast="https://podcastindex.org/namespace/1.0" xmlns:atom="http://www.w3.org/2005/Atom"
 xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel>
    <title>Window Weekly</title>
    <link>https://window.example.net/</link>
    <description>Checks that windows agree with the whole.</description>
    <language>en</language>
    <atom:link href="https://window.example.net/feed.xml" rel="self" type="application/rss+xml"/>
    <itunes:image href="https://window.example.net/art.png"/>
    <itunes:category text="Technology"/>
    <itunes:owner><itunes:email>host@window.example.net</itunes:email></itunes:owner>
    <podcast:guid>917393e3-1b1e-5cef-ace4-edaa54e1f810</podcast:guid>
    <podcast:person role="host">Wendy Window</podcast:person>
"""
_TAIL = "  </channel>\n</rss>\n"


def _item(
    n: int,
    *,
    extra: str = "",
    guid: str | None = None,
    url: str | None = None,
    episode: str | None = None,
) -> str:
    notes = "\n".join(f"<p>Line {k} of the notes.</p>" for k in range(n % 4))
    return f"""    <item>
      <title>Talk {n}</title>
      <link>https://window.example.net/{n}</link>
      <guid isPermaLink="false">{guid or f"window-{n}"}</guid>
      <pubDate>Mon, 06 Jan 2025 10:00:00 GMT</pubDate>
      <description><![CDATA[<p>Notes for {n}.</p>
{notes}]]></description>
      <enclosure url="{url or f"https://cdn.window.example.net/{n}.mp3"}" length="{1000 + n}"
        type="audio/mpeg"/>
      <itunes:duration>{600 + n}</itunes:duration>
      <itunes:episode>{episode or n}</itunes:episode>
      <podcast:chapters url="https://window.example.net/{n}.json"
        type="application/json+chapters"/>
{extra}    </item>
"""


# Problems planted in some items (by number): several windows, and pairs across windows.
_PLANTED = {
    3: {"extra": "      <itunes:explicit>Yes</itunes:explicit>\n"},
    5: {"extra": "      <itunes:summary>Old style</itunes:summary>\n"},
    7: {"extra": '      <podcast:person role="guest"> Spacey </podcast:person>\n'},
    9: {"guid": "window-2"},  # RSS-022 with the first use in another window
    12: {"url": "https://cdn.window.example.net/4.mp3"},  # ITUNES-025
    10: {"extra": "      <itunes:explicit>false</itunes:explicit>\n"},  # INFO-002
    # ITUNES-046: a trailer with the guid and number of episode 1 (in another window).
    14: {
        "extra": "      <itunes:episodeType>trailer</itunes:episodeType>\n",
        "guid": "window-1",
        "episode": "1",
    },
    17: {"extra": "      <itunes:summary>Again</itunes:summary>\n      <pubDate>soon</pubDate>\n"},
    18: {"extra": '      <bogus>x</bogus>\n      <itunes:image href="ftp://x/a.gif"/>\n'},
    21: {"extra": '      <x:y xmlns:x="https://podcastindex.org/namespace/1.0">z</x:y>\n'},
    22: {"guid": "window-2"},
}


def _feed(items: int = 24, planted: dict[int, dict[str, str]] | None = None) -> bytes:
    planted = _PLANTED if planted is None else planted
    body = "".join(_item(n, **planted.get(n, {})) for n in range(1, items + 1))
    return (_HEAD + body + _TAIL).encode()


def _whole(data: bytes, active: frozenset[str], **kwargs: object) -> tuple[Finding, ...]:
    return _feed_report("feed.xml", data, active, **kwargs).findings  # type: ignore[arg-type]


def _windowed(data: bytes, active: frozenset[str], **kwargs: object) -> tuple[Finding, ...]:
    found = stream.validate_windowed("feed.xml", data, active, **kwargs)  # type: ignore[arg-type]
    assert found is not None, "the windowed path handed over to the whole document"
    return sort_findings(found)


@pytest.mark.parametrize("workers", [1, 2, 3])
@pytest.mark.parametrize("window_items", [1, 4, 7])
def test_windows_report_what_the_whole_document_reports(workers: int, window_items: int) -> None:
    data = _feed()
    active = select_rules("podcasting2")
    whole = _whole(data, active)
    rules = {f.rule for f in whole}
    # The planted problems are all there (else the comparison proves little).
    assert {"RSS-022", "ITUNES-025", "ITUNES-046", "ITUNES-041", "INFO-002", "XML-009"} <= rules
    assert {"RSS-029", "RSS-015", "ITUNES-035", "ITUNES-015", "XML-008", "P20-165"} <= rules
    windowed = _windowed(data, active, workers=workers, window_items=window_items)
    assert windowed == whole


def test_first_only_rules_pick_a_later_window_when_the_first_has_none() -> None:
    # INFO-002 and ITUNES-041 are reported once per feed: here only items 9 and 17 qualify.
    planted = {
        9: {"extra": "      <itunes:explicit>false</itunes:explicit>\n"},
        17: {"extra": "      <itunes:summary>Late</itunes:summary>\n"},
        18: {"extra": "      <itunes:explicit>true</itunes:explicit>\n"},
    }
    data = _feed(planted=planted)
    active = select_rules("podcasting2")
    whole = _whole(data, active)
    assert [f.element for f in whole if f.rule in ("INFO-002", "ITUNES-041")] == [
        "rss/channel/item[9]/itunes:explicit",
        "rss/channel/item[17]/itunes:summary",
    ]
    assert _windowed(data, active, workers=2, window_items=4) == whole


@pytest.mark.parametrize("profile", ["rss", "apple"])
def test_other_profiles_agree(profile: str) -> None:
    data = _feed()
    active = select_rules(profile)
    assert _windowed(data, active, workers=2, window_items=5) == _whole(data, active)


def test_lines_past_65535_match_libxml2s_numbering() -> None:
    # libxml2 numbers elements past line 65,535 from neighbouring text nodes; windows must
    # see the same neighbours on the same lines to agree.
    long_notes = "\n" * 400
    planted = {
        n: {"extra": f"      <content:encoded> notes{long_notes}</content:encoded>\n"}
        for n in range(1, 200)
    }
    data = _feed(items=200, planted=planted)
    assert data.count(b"\n") > 70_000
    active = select_rules("podcasting2")
    whole = _whole(data, active)
    assert max(f.line or 0 for f in whole) > 65_535
    assert _windowed(data, active, workers=2, window_items=16) == whole


def test_childless_items_past_65535_keep_their_lines() -> None:
    # A childless element past line 65,535 takes its line from the next text node: the blank
    # line after a window's last item must stay in that window.
    long_notes = "\n" * 700
    planted = {
        n: {"extra": f"      <content:encoded>notes{long_notes}</content:encoded>\n"}
        for n in range(1, 100)
    }
    body = "".join(_item(n, **planted.get(n, {})) for n in range(1, 100))
    empty = "    <item></item>\n\n" * 3
    data = (_HEAD + body + empty + _item(100) + _TAIL).encode()
    active = select_rules("podcasting2")
    whole = _whole(data, active)
    lines = [f.line or 0 for f in whole if f.rule == "RSS-007"]
    assert len(lines) == 3 and min(lines) > 65_535
    for window_items in (99, 100, 101, 102):  # the empty items end a window, or open one
        assert _windowed(data, active, workers=1, window_items=window_items) == whole


_SNIPPETS = (
    "<itunes:explicit>true</itunes:explicit>",
    "<itunes:summary>x</itunes:summary>",
    "<guid>window-5</guid>",
    '<enclosure url="https://cdn.window.example.net/7.mp3" length="1" type="audio/mpeg"/>',
    "<itunes:episodeType>trailer</itunes:episodeType>",
    "<itunes:episode>3</itunes:episode>",
    "<title> spaced </title>",
    "<podcast:person>Wendy Window</podcast:person>",
    '<podcast:socialInteract protocol="activitypub" uri="https://x"/>',
    '<p:x xmlns:p="https://podcastindex.org/namespace/1.0">t</p:x>',
    "<author>bad</author>",
    "<!-- c -->",
)


@pytest.mark.parametrize("seed", range(12))
def test_random_edits_agree(seed: int) -> None:
    # Seeded edits of a valid feed (elements added after item tags, texts replaced): whatever
    # they break, windows of 1-5 items in 1-3 workers report what the whole document reports.
    rng = random.Random(seed)
    data = _feed(items=30, planted={}).decode()
    places = [m.end() for m in re.finditer(r"<item>|</title>|</guid>", data)]
    for place in sorted(rng.sample(places, 6), reverse=True):
        data = data[:place] + rng.choice(_SNIPPETS) + data[place:]
    texts = list(re.finditer(r">([^<>]*)</", data))
    for match in sorted(rng.sample(texts, 3), key=lambda m: m.start(), reverse=True):
        value = rng.choice([" x", "x ", "window-4", "", "Talk 3", "&amp;"])
        data = data[: match.start(1)] + value + data[match.end(1) :]
    encoded = data.encode()
    active = select_rules(rng.choice(["podcasting2", "apple", "rss"]))
    windowed = _windowed(encoded, active, workers=rng.randint(1, 3), window_items=rng.randint(1, 5))
    assert windowed == _whole(encoded, active)


@pytest.mark.parametrize("window_items", [1, 4])
def test_an_item_end_in_cdata_is_text(window_items: int) -> None:
    # find_items steps over CDATA sections, as libxml2 does: the "</item>" there ends nothing.
    data = _feed().replace(b"<p>Notes for 6.</p>", b"<p>Notes for 6.</p></item>\n<item>")
    active = select_rules("podcasting2")
    assert _windowed(data, active, workers=1, window_items=window_items) == _whole(data, active)
    # A relative later share (past line 65,535) counts nothing before it: the windows agree.
    long = _long_feed().replace(b"<p>Notes for 6.</p>", b"<p>Notes for 6.</p></item>")
    assert _windowed(long, active, workers=2, window_items=16) == _whole(long, active)


@pytest.mark.parametrize(
    "data",
    [
        _feed().replace(b"<title>Talk 20</title>", b"<title>Talk 20</titel>"),  # malformed
        _feed().replace(b"</item>\n    <item>", b"</item>\n  text\n    <item>", 1),
        # In CDATA, before the second share: its first item number (every "</item>" counted)
        # disagrees with the items the first share found (stepping over CDATA).
        _feed().replace(b"<p>Notes for 6.</p>", b"<p>Notes for 6.</p></item>"),
        _feed().replace(b"  </channel>", b"    <ttl>60</ttl>\n  </channel>"),
        _feed(planted={6: {"extra": "      <podcast:block>yes</podcast:block>\n"}}),
        _feed().replace(b"    <item>", b"    <item/><item>", 1),
        _feed().replace(b"  <channel>", b"  <channel>" + b"\n" * 70_000, 1),
    ],
    ids=["malformed", "text", "end-in-cdata", "after-items", "block", "empty-item", "long-head"],
)
def test_unusual_feeds_go_to_the_whole_document(data: bytes) -> None:
    active = select_rules("podcasting2")
    assert stream.validate_windowed("feed.xml", data, active, workers=2, window_items=4) is None


def test_validate_feed_takes_the_windowed_path_for_big_inputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _feed()
    path = tmp_path / "feed.xml"
    path.write_bytes(data)
    whole = validate_feed(path)  # under MIN_BYTES: the whole document
    calls: list[str] = []
    real = stream.validate_windowed

    def spy(name: str, *args: object, **kwargs: object) -> list[Finding] | None:
        calls.append(name)
        return real(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(stream, "validate_windowed", spy)
    monkeypatch.setattr(stream, "MIN_BYTES", 1000)
    monkeypatch.setattr(stream, "WINDOW_ITEMS", 5)
    assert validate_feed(path, workers=2) == whole
    active = select_rules("podcasting2")
    assert validate_feed(data, workers=1) == _feed_report("<bytes>", data, active)
    assert calls == [str(path), "<bytes>"]


def test_malformed_big_feed_reports_the_whole_documents_finding(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(stream, "MIN_BYTES", 1000)
    data = _feed().replace(b"<title>Talk 20</title>", b"<title>Talk 20</titel>")
    report = validate_feed(data, workers=2)
    assert [f.rule for f in report.findings if f.rule.startswith("XML-00")] == ["XML-001"]
    assert report == _feed_report("<bytes>", data, select_rules("podcasting2"))


@pytest.mark.parametrize("big", [False, True])
def test_chapters_urls_drive_the_cross_file_rules(
    big: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if big:
        monkeypatch.setattr(stream, "MIN_BYTES", 1000)
        monkeypatch.setattr(stream, "WINDOW_ITEMS", 3)
    data = _feed(planted={})
    written = {f"https://window.example.net/{n}.json" for n in range(1, 25) if n != 11}
    report = validate_feed(data, chapters_urls=written, workers=2)
    missing = [f for f in report.findings if f.rule == "XF-001"]
    assert [f.element for f in missing] == ["rss/channel/item[11]/podcast:chapters"]
    assert not [f for f in validate_feed(data).findings if f.rule.startswith("XF-")]
    # validate_output's mapping of files gives the same XF findings.
    files = dict.fromkeys(written, b"{}")
    xf = [f for f in validate_output(data, files)[0].findings if f.rule.startswith("XF-")]
    assert [(f.rule, f.line, f.element) for f in xf] == [
        (f.rule, f.line, f.element) for f in missing
    ]


def test_validate_output_of_a_big_feed_matches_the_whole_document(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = _feed()
    late = b'{"version": "1.2.0", "chapters": [{"startTime": 5000, "title": "Late"}]}'
    files = {f"https://window.example.net/{n}.json": late for n in range(2, 25)}
    whole = validate_output(data, files)
    # The durations come from the feed: every chapters file runs past its episode's end.
    assert all(any(f.rule == "CHAP-013" for f in r.findings) for r in whole[1:])
    used: list[bool] = []
    real = stream.validate_windowed_output

    def spy(*args: object, **kwargs: object) -> object:
        done = real(*args, **kwargs)  # type: ignore[arg-type]
        used.append(done is not None)
        return done

    monkeypatch.setattr(stream, "validate_windowed_output", spy)
    monkeypatch.setattr(stream, "MIN_BYTES", 1000)
    monkeypatch.setattr(stream, "WINDOW_ITEMS", 4)
    assert validate_output(data, files) == whole
    assert used == [True]


def test_validate_output_checks_chapters_files_in_parallel_in_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = _feed(planted={})
    files = {
        f"https://window.example.net/{n}.json": b'{"version": "1.2.0", "chapters": [%d]}' % n
        for n in range(1, 25)
    }
    serial = validate_output(data, files)
    assert [r.source for r in serial[1:]] == list(files)
    assert all(r.findings for r in serial[1:])
    share_counts: list[int] = []
    real = run_shards

    def spy(func: Callable[[T], R], shares: list[T], *, redo_failed: bool = False) -> list[R]:
        share_counts.append(len(shares))
        return real(func, shares, redo_failed=redo_failed)

    monkeypatch.setattr(validate_module, "_PARALLEL_CHAPTERS", 5)
    monkeypatch.setattr(validate_module, "run_shards", spy)
    monkeypatch.setattr(validate_module, "available_cpus", lambda: 3)
    assert validate_output(data, files) == serial
    assert share_counts == [3]


def _long_feed() -> bytes:
    """~150,000 lines: a second (and third) share starts past line 65,535, so it is parsed
    on stream.LINE_BASE with item 0 and placed by the merge. Problems in every share."""
    notes = "\n" * 1000
    planted: dict[int, dict[str, str]] = {
        n: {"extra": f"      <content:encoded>notes{notes}</content:encoded>\n"}
        for n in range(1, 151)
    }
    planted[30]["guid"] = "window-2"  # RSS-022 against share 1
    planted[95] = {"guid": "window-2", "url": "https://cdn.window.example.net/4.mp3"}
    planted[120] = {
        "extra": "      <itunes:explicit>false</itunes:explicit>\n"  # INFO-002 (first only)
        "      <itunes:summary> old </itunes:summary>\n"
        '      <x:y xmlns:x="https://podcastindex.org/namespace/1.0">z</x:y>\n'
        '      <itunes:image href="ftp://x/a.gif"/><itunes:image href="ftp://x/b.gif"/>\n',
        "episode": "1",
    }
    planted[121] = {"extra": "      <itunes:episodeType>trailer</itunes:episodeType>\n"}
    planted[140] = {
        "extra": "      <itunes:episodeType>trailer</itunes:episodeType>\n",
        "guid": "window-1",
        "episode": "1",
    }
    data = _feed(items=150, planted=planted)
    # Childless elements with no text after them: libxml2's fallback line, 65,535.
    return data.replace(b'b.gif"/>\n    </item>', b'b.gif"/></item>')


@pytest.mark.parametrize("workers", [2, 3])
def test_later_shares_past_65535_are_placed_by_the_merge(workers: int) -> None:
    data = _long_feed()
    assert data.count(b"\n") > 140_000
    active = select_rules("podcasting2")
    whole = _whole(data, active)
    rules = {f.rule for f in whole}
    assert {"RSS-022", "ITUNES-025", "ITUNES-046", "INFO-002", "XML-009", "XML-008"} <= rules
    assert 65_535 in {f.line for f in whole}  # the fallback is kept, not moved
    assert _windowed(data, active, workers=workers, window_items=16) == whole


def test_relative_shares_run_in_the_windowed_path(monkeypatch: pytest.MonkeyPatch) -> None:
    # Shares run one after the other here (the same results as forked), to see them start.
    starts: list[tuple[int, int, bool]] = []
    real = stream._share_start

    def spy(*args: object) -> tuple[int, int, bool]:
        started = real(*args)  # type: ignore[arg-type]
        starts.append(started)
        return started

    monkeypatch.setattr(stream, "_share_start", spy)
    monkeypatch.setattr(stream, "run_shards", lambda work, shares, **_: [work(s) for s in shares])
    data = _long_feed()
    active = select_rules("podcasting2")
    assert _windowed(data, active, workers=3, window_items=16) == _whole(data, active)
    # The second share starts before line 65,536 (counted exactly), the third after it.
    assert [relative for _, _, relative in starts] == [False, False, True]
    # validate_output: the chapters files' durations come from placed windows too.
    late = b'{"version": "1.2.0", "chapters": [{"startTime": 5000, "title": "Late"}]}'
    files = {f"https://window.example.net/{n}.json": late for n in range(1, 151)}
    monkeypatch.setattr(stream, "MIN_BYTES", 1000)
    monkeypatch.setattr(stream, "PARALLEL_MIN_BYTES", 1000)
    monkeypatch.setattr(stream, "available_cpus", lambda: 2)
    starts.clear()
    assert validate_output(data, files) == validate_output_whole(data, files, monkeypatch)
    assert [relative for _, _, relative in starts] == [False, True]


def validate_output_whole(
    data: bytes, files: dict[str, bytes], monkeypatch: pytest.MonkeyPatch
) -> list[object]:
    with monkeypatch.context() as patched:
        patched.setattr(stream, "MIN_BYTES", len(data) + 1)
        return list(validate_output(data, files))
