"""Windows that cut Podlove chapters blocks out before the parse (``opaque``) report exactly
what the whole document reports: for blocks of the accepted shape (cut), for every variation
that is parsed as written, and past line 65,535 where libxml2 numbers childless elements from
their neighbours.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from podfeed.diagnostics import Finding
from podfeed.validate import cdata, opaque, stream
from podfeed.validate.catalog import select_rules
from podfeed.validate.opaque import opaque_for

from ._two_paths import assert_edited_feed_agrees
from ._two_paths import whole as _whole
from ._two_paths import windowed as _windowed

_PSC = "http://podlove.org/simple-chapters"
_HEAD = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"
 xmlns:podcast="https://podcastindex.org/namespace/1.0" xmlns:psc="{_PSC}"
 xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel>
    <title>Chapter Chronicle</title>
    <link>https://psc.example.net/</link>
    <description>Podlove chapters in every item.</description>
    <language>en</language>
    <itunes:image href="https://psc.example.net/art.png"/>
    <itunes:category text="Technology"/>
    <podcast:guid>917393e3-1b1e-5cef-ace4-edaa54e1f810</podcast:guid>
"""
_TAIL = "  </channel>\n</rss>\n"


def _chapters(n: int) -> str:
    lines = "".join(
        f'        <psc:chapter start="00:0{k}:00.000" title="Part {k} of {n} — é"/>\n'
        for k in range(1 + n % 4)
    )
    return f'      <psc:chapters version="1.2">\n{lines}      </psc:chapters>\n'


def _item(n: int, extra: str = "", chapters: str | None = None) -> str:
    return f"""    <item>
      <title>Talk {n}</title>
      <guid isPermaLink="false">psc-{n}</guid>
      <pubDate>Mon, 06 Jan 2025 10:00:00 GMT</pubDate>
      <description><![CDATA[<p>Notes for {n}.</p>]]></description>
      <enclosure url="https://cdn.psc.example.net/{n}.mp3" length="{1000 + n}" type="audio/mpeg"/>
      <itunes:duration>{600 + n}</itunes:duration>
      <podcast:chapters url="https://psc.example.net/{n}.json" type="application/json"/>
{_chapters(n) if chapters is None else chapters}{extra}    </item>
"""


def _feed(
    changed: dict[int, str] | None = None, items: int = 20, head: str = _HEAD, extra: str = ""
) -> bytes:
    changed = changed or {}
    body = "".join(_item(n, extra, changed.get(n)) for n in range(1, items + 1))
    return (head + body + _TAIL).encode()


pytestmark = pytest.mark.usefixtures("cut_every_payload")


def _agree(data: bytes, **kwargs: int) -> tuple[Finding, ...]:
    active = select_rules("podcasting2")
    windowed = _windowed(data, active, **kwargs)
    assert windowed is not None, "the windowed path handed over to the whole document"
    assert windowed == _whole(data, active)
    return windowed


def _cut_blocks(data: bytes, monkeypatch: pytest.MonkeyPatch, **kwargs: int) -> int:
    """How many blocks the windows cut while agreeing with the whole document."""
    replaced: list[int] = []
    real_scan, real_cut = stream.cut_window, stream.cut_sections

    def blocks(cut: cdata.Cut | None) -> int:
        parts = cut.parts if cut is not None else []
        return sum(1 for p in parts if bytes(p).startswith(b"<psc:chapters\n"))

    def scan_spy(*args: object) -> cdata.Scanned | None:
        scanned = real_scan(*args)  # type: ignore[arg-type]
        replaced.append(blocks(scanned.cut) if scanned is not None else 0)
        return scanned

    def cut_spy(*args: object) -> cdata.Cut | None:
        # A window whose items declare a namespace is cut again, keeping its blocks: this
        # cut replaces the window's scan.
        cut = real_cut(*args)  # type: ignore[arg-type]
        replaced[-1] = blocks(cut)
        return cut

    monkeypatch.setattr(stream, "cut_window", scan_spy)
    monkeypatch.setattr(stream, "cut_sections", cut_spy)
    _agree(data, **kwargs)
    return sum(replaced)


# -- the cut itself -------------------------------------------------------------------------


def _cut(block: bytes, before: bytes = b"\n  ", after: bytes = b"\n") -> bytes | None:
    found = opaque_for(_HEAD.encode())
    assert found is not None
    data = b"<item>" + before + block + after + b"</item>"
    done = found.cut(data, len(b"<item>" + before), len(data))
    return None if done is None else done[1]


def test_an_accepted_block_becomes_an_empty_element_with_its_newlines() -> None:
    block = (
        b'<psc:chapters version="1.2">\n  <psc:chapter start="0" title="A > B"/>\n</psc:chapters>'
    )
    assert _cut(block) == b"<psc:chapters\n\n/>"
    assert _cut(block.replace(b"A > B", "Caf\u00e9 \U0001f600".encode())) is not None


@pytest.mark.parametrize(
    "block",
    [
        b"<psc:chapters></psc:chapters>",  # no chapter: its blank text is XML-009's business
        b"<psc:chapters> </psc:chapters>",
        b'<psc:chapters><psc:chapter title="a" start="0"/></psc:chapters>',  # order
        b'<psc:chapters><psc:chapter start="0" start="1"/></psc:chapters>',  # duplicate
        b"<psc:chapters><psc:chapter start='0'/></psc:chapters>",  # single quotes
        b'<psc:chapters><psc:chapter start = "0"/></psc:chapters>',
        b'<psc:chapters><psc:chapter start="0">x</psc:chapter></psc:chapters>',  # text
        b'<psc:chapters><psc:chapter start="0"></psc:chapter></psc:chapters>',
        b"<psc:chapters><psc:chapter/><!-- c --></psc:chapters>",
        b"<psc:chapters><psc:chapter/><?pi x?></psc:chapters>",
        b"<psc:chapters><psc:chapter/><![CDATA[x]]></psc:chapters>",
        b"<psc:chapters><psc:chapter/>x</psc:chapters>",
        b"<psc:chapters><psc:chapters><psc:chapter/></psc:chapters></psc:chapters>",
        b'<psc:chapters><psc:chapter xmlns:psc="urn:x"/></psc:chapters>',
        b'<psc:chapters><psc:chapter other="1"/></psc:chapters>',
        b"<psc:chapters><itunes:title/></psc:chapters>",
        b'<psc:chapters><psc:chapter title="a &amp; b"/></psc:chapters>',
        b'<psc:chapters><psc:chapter title="a < b"/></psc:chapters>',
        b'<psc:chapters><psc:chapter title="a\tb"/></psc:chapters>',
        b'<psc:chapters><psc:chapter title="a\nb"/></psc:chapters>',
        b'<psc:chapters><psc:chapter title="a\rb"/></psc:chapters>',
        b'<psc:chapters><psc:chapter title="a\x01b"/></psc:chapters>',
        b'<psc:chapters><psc:chapter title="a\x7fb"/></psc:chapters>',
        b'<psc:chapters><psc:chapter title="a\xef\xbf\xbeb"/></psc:chapters>',  # U+FFFE
        b'<psc:chapters><psc:chapter title="a\xe9b"/></psc:chapters>',  # not UTF-8
        b'<psc:chapters><psc:chapter title="a\xed\xa0\x80b"/></psc:chapters>',  # surrogate
        b'<psc:chapters><psc:chapter title="a"b"/></psc:chapters>',
        b"<psc:chapters\n><psc:chapter/>\r\n</psc:chapters>",
        b"<psc:chapters><psc:chapter/></psc:chapters >",
        b"<psc:chapters><psc:chapter/>",  # never closed
    ],
)
def test_other_blocks_are_parsed_as_written(block: bytes) -> None:
    assert _cut(block) is None


@pytest.mark.parametrize(("before", "after"), [(b"", b"\n"), (b"\n", b""), (b"x\n", b"x")])
def test_a_block_needs_blank_text_on_both_sides(before: bytes, after: bytes) -> None:
    block = b"<psc:chapters><psc:chapter/></psc:chapters>"
    assert _cut(block, b"\n  ", b"\n") is not None
    data = b"<item><x/>" + before + block + after + b"<y/></item>"
    found = opaque_for(_HEAD.encode())
    assert found is not None
    assert found.cut(data, data.index(b"<psc:"), len(data)) is None


@pytest.mark.parametrize(
    ("head", "cuts"),
    [
        (_HEAD, True),
        (_HEAD.replace("xmlns:psc=", "xmlns:ch="), True),  # any one prefix
        (_HEAD.replace('xmlns:psc="', 'xmlns:ch="' + _PSC + '" xmlns:psc="'), False),  # two
        (_HEAD.replace(_PSC, "https://podcastindex.org/namespace/1.0"), False),
        (_HEAD.replace(" xmlns:psc=", " xmlns=").replace("<channel>", "<channel>"), False),
        (_HEAD.replace("<channel>", f'<channel xmlns:psc="{_PSC}x">'), False),  # rebound
        (_HEAD.replace("</title>", "</titel>"), False),  # the head does not parse
    ],
)
def test_the_prefix_comes_from_the_channel(head: str, cuts: bool) -> None:
    assert (opaque_for(head.encode()) is not None) is cuts


# -- windows against the whole document -----------------------------------------------------


@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize("window_items", [1, 3, 7])
def test_cut_blocks_report_what_the_whole_document_reports(
    workers: int, window_items: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    changed = {
        2: '      <psc:chapters>\n        <psc:chapter start="0"> text </psc:chapter>\n'
        "      </psc:chapters>\n",
        4: '      <psc:chapters>\n        <psc:chapter title=" x "/>\n      </psc:chapters>\n',
        6: '      <psc:chapters xmlns:psc="https://podcastindex.org/namespace/1.0">\n'
        '        <psc:chapter start="0"/>\n      </psc:chapters>\n',
        8: "      <psc:chapters>  </psc:chapters>\n",
        11: '      <psc:chapters>\n        <psc:chapter start="0"/><!-- c -->\n'
        "      </psc:chapters>\n",
    }
    data = _feed(changed)
    found = _agree(data, workers=workers, window_items=window_items)
    assert {"XML-009", "P20-001", "P20-026"} <= {f.rule for f in found}
    # All but the changed blocks (4 is cut: its value's blanks are nobody's business), and
    # the window of item 6 (it declares a namespace) keeps its blocks.
    cut = _cut_blocks(data, monkeypatch, workers=1, window_items=window_items)
    assert 20 - 4 - window_items <= cut <= 20 - 4


def test_an_item_declaring_a_namespace_keeps_its_windows_blocks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # psc: here means the podcast namespace in item 5: its blocks are P20-001 findings.
    parts = _feed().split(b"<item>")
    declared = b'<item xmlns:psc="https://podcastindex.org/namespace/1.0">'
    data = b"<item>".join(parts[:5]) + declared + b"<item>".join(parts[5:])
    found = _agree(data, workers=2, window_items=4)
    assert {f.element or "" for f in found if f.rule == "P20-001"} > set()
    assert all(
        (f.element or "").startswith("rss/channel/item[5]/") for f in found if f.rule == "P20-001"
    )
    assert _cut_blocks(data, monkeypatch, workers=1, window_items=4) == 20 - 4


@pytest.mark.parametrize("blank", [True, False])
def test_lines_past_65535_with_cut_blocks(blank: bool) -> None:
    # Childless elements next to a block past line 65,535 take their lines from neighbours:
    # with blank text around the block (cut), or none (parsed as written), the same lines.
    notes = "\n" * 500
    sep = "\n      " if blank else ""
    chapters = (
        f'      <podcast:chapters url="https://psc.example.net/x.json" type="x/y"/>{sep}'
        '<psc:chapters>\n        <psc:chapter start="0"/>\n      </psc:chapters>'
        f'{sep}<podcast:chapters url="https://psc.example.net/y.json" type="application/json"/>\n'
    )
    extra = f"      <itunes:summary>notes{notes}</itunes:summary>\n"
    data = _feed({n: chapters for n in range(1, 160)}, items=160, extra=extra)
    assert data.count(b"\n") > 70_000
    found = _agree(data, workers=2, window_items=16)
    assert max(f.line or 0 for f in found if f.rule == "P20-026") > 65_535
    for window_items in (159, 160):
        _agree(data, workers=1, window_items=window_items)


def test_blocks_in_cdata_and_comments_are_text(monkeypatch: pytest.MonkeyPatch) -> None:
    block = '<psc:chapters>\n<psc:chapter start="0"/>\n</psc:chapters>'
    extra = (
        f"      <content:encoded><![CDATA[ {block} ]]></content:encoded>\n      <!-- {block} -->\n"
    )
    data = _feed(extra=extra, items=6)
    assert _cut_blocks(data, monkeypatch, workers=1, window_items=2) == 6


# -- random edits ---------------------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        "<psc:chapters>",
        "</psc:chapters>",
        '<psc:chapters version="1.2">',
        "<psc:chapter/>",
        '<psc:chapter start="1" title="t"/>',
        '<psc:chapter title="t" start="1"/>',
        '<psc:chapter start="1">x</psc:chapter>',
        "<itunes:title> t </itunes:title>",
        "<!-- c -->",
        "<![CDATA[ x ]]>",
        " ",
        "\n",
        "&amp;",
        "\t",
    ]
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(st.integers(0, 10_000), st.lists(_PIECES, max_size=6)), max_size=4),
    st.integers(1, 6),
)
def test_random_block_edits_agree(edits: list[tuple[int, list[str]]], size: int) -> None:
    # Pieces of blocks (and what may hide them) planted between an item's children: the
    # windows either agree with the whole document, or hand over to it.
    data = _feed(items=10).decode()
    places = sorted(
        {m.end() for m in re.finditer(r"</psc:chapters>\n|\n      <psc:chapter ", data)}
    )
    for where, pieces in sorted(edits, reverse=True):
        place = places[where % len(places)]
        data = data[:place] + "".join(pieces) + data[place:]
    assert_edited_feed_agrees(data.encode(), size)


def test_blocks_longer_than_the_limit_are_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(opaque, "MAX_BLOCK", 160)
    data = _feed(items=8)
    assert _cut_blocks(data, monkeypatch, workers=1, window_items=3) == 2  # 4 and 8: one chapter


def test_no_check_reads_an_opaque_namespace() -> None:
    # The cut relies on it: a rule about psc: elements must first take the namespace out of
    # opaque.OPAQUE (else windows would not see what it checks).
    package = Path(opaque.__file__).parent
    rule_modules = [*package.glob("checks_*.py"), *package.glob("podcast_*.py")]
    readers = [
        path.name
        for path in sorted(rule_modules)
        if any(
            word in path.read_text(encoding="utf-8") for word in ("PODLOVE", *opaque.OPAQUE, "psc:")
        )
    ]
    assert readers == []
