"""Windows that cut CDATA payloads out before the parse (``cdata``) report exactly what the
whole document reports: on simple sections (cut), unusual ones (left to libxml2), malformed
ones (the whole document decides), and texts that imitate a placeholder.

``MIN_PAYLOAD`` is lowered to 1 here, so that every simple section of these small feeds is cut.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import podfeed.validate
from podfeed.diagnostics import Finding
from podfeed.errors import SourceError
from podfeed.validate import cdata, stream
from podfeed.validate.catalog import select_rules
from podfeed.validate.cdata import MARK, cut_sections

from ._two_paths import assert_edited_feed_agrees, general_windows, scanned_windows
from ._two_paths import whole as _whole
from ._two_paths import windowed as _windowed

_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"
 xmlns:podcast="https://podcastindex.org/namespace/1.0"
 xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel>
    <title>CDATA Chronicle</title>
    <link>https://cdata.example.net/</link>
    <description>Show notes in CDATA sections.</description>
    <language>en</language>
    <itunes:image href="https://cdata.example.net/art.png"/>
    <itunes:category text="Technology"/>
    <podcast:guid>917393e3-1b1e-5cef-ace4-edaa54e1f810</podcast:guid>
    <podcast:person role="host">Carla Cdata</podcast:person>
"""
_TAIL = "  </channel>\n</rss>\n"


def _item(n: int, extra: str = "") -> str:
    notes = "\n".join(f"<p>Line {k} of the notes &amp; more.</p>" for k in range(n % 5))
    return f"""    <item>
      <title><![CDATA[Talk {n}]]></title>
      <guid isPermaLink="false">cdata-{n}</guid>
      <pubDate>Mon, 06 Jan 2025 10:00:00 GMT</pubDate>
      <description><![CDATA[<p>Notes for {n} — café.</p>
{notes}]]></description>
      <content:encoded><![CDATA[<p>Full notes for {n}: <b>bold</b> ]] &gt; ]</p>
{notes}]]></content:encoded>
      <enclosure url="https://cdn.cdata.example.net/{n}.mp3" length="{1000 + n}"
        type="audio/mpeg"/>
      <itunes:duration><![CDATA[{600 + n}]]></itunes:duration>
      <podcast:person role="guest"><![CDATA[Guest {n}]]></podcast:person>
      <podcast:chapters url="https://cdata.example.net/{n}.json"
        type="application/json+chapters"/>
{extra}    </item>
"""


def _feed(extras: dict[int, str] | None = None, items: int = 20) -> bytes:
    extras = extras or {}
    body = "".join(_item(n, extras.get(n, "")) for n in range(1, items + 1))
    return (_HEAD + body + _TAIL).encode()


pytestmark = pytest.mark.usefixtures("cut_every_payload")


def _agree(data: bytes, profile: str = "podcasting2", **kwargs: int) -> tuple[Finding, ...]:
    """The windowed findings, asserted equal to the whole document's (the windowed path ran)."""
    active = select_rules(profile)
    windowed = _windowed(data, active, **kwargs)
    assert windowed is not None, "the windowed path handed over to the whole document"
    assert windowed == _whole(data, active)
    return windowed


def _cuts(data: bytes) -> int:
    """How many payloads a single window of the whole item run would cut."""
    start = data.index(b"<item>")
    end = data.rindex(b"</item>") + len(b"</item>")
    cut = cut_sections(data, memoryview(data), start, end)
    return 0 if cut is None else len(cut.texts)


# -- the cut itself -------------------------------------------------------------------------


def test_simple_sections_are_cut_and_keep_their_newlines() -> None:
    data = b"<a><x y='>1'><![CDATA[one\ntwo\n]]></x><z><![CDATA[3]]></z></a>"
    cut = cut_sections(data, memoryview(data), 0, len(data))
    assert cut is not None
    doc = b"".join(cut.parts)
    assert doc == b"<a><x y='>1'><![CDATA[\x7f0\n\n]]></x><z><![CDATA[\x7f1]]></z></a>"
    assert cut.texts == {f"{MARK}0\n\n": "one\ntwo\n", f"{MARK}1": "3"}


@pytest.mark.parametrize(
    "data",
    [
        b"<a><x> <![CDATA[text]]></x></a>",  # text before the section
        b"<a><x><![CDATA[text]]> </x></a>",  # text after it
        b"<a><x><![CDATA[a]]><![CDATA[b]]></x></a>",  # two sections
        b"<a><x><y/><![CDATA[text]]></x></a>",  # after a child
        b"<a><x>a&gt;<![CDATA[text]]></x></a>",  # after a reference
        b"<a><x><![CDATA[line\r\nend]]></x></a>",  # CR: libxml2 normalises it
        b"<a><x><![CDATA[bad \x01]]></x></a>",  # a character XML forbids
        b"<a><x><![CDATA[bad \xef\xbf\xbe]]></x></a>",  # U+FFFE
        b"<a><x><![CDATA[bad \xff]]></x></a>",  # not UTF-8
        b"<a><x><![CDATA[del \x7f]]></x></a>",  # DEL, the placeholder mark
        b"<a><!-- <x><![CDATA[text]]></x> --></a>",  # in a comment
        b"<a><?pi <x><![CDATA[text]]></x> ?></a>",  # in a processing instruction
        b"<a><caf\xc3\xa9><![CDATA[text]]></caf\xc3\xa9></a>",  # a name this scan does not parse
        b"<a><![CDATA[<x>]]><![CDATA[text]]></x></a>",  # a "tag" inside the section before
        b"<a><x><![CDATA[]]></x></a>",  # empty
        b"<a><x><![CDATA[never closed</x></a>",
    ],
)
def test_unusual_sections_are_left_to_libxml2(data: bytes) -> None:
    cut = cut_sections(data, memoryview(data), 0, len(data))
    assert cut is not None and not cut.texts and b"".join(cut.parts) == data


@pytest.mark.parametrize(
    "kept", [b"<y>\x7f</y>", b"<y>&#127;</y>", b"<y>&#x7F;</y>", b"<y a='&#x007f;'/>"]
)
def test_marks_elsewhere_stop_the_cut(kept: bytes) -> None:
    data = b"<a><x><![CDATA[text]]></x>" + kept + b"</a>"
    assert cut_sections(data, memoryview(data), 0, len(data)) is None


def test_payloads_over_the_limit_are_left_to_libxml2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cdata, "MAX_PAYLOAD", 4)
    data = b"<a><x><![CDATA[1234]]></x><x><![CDATA[12345]]></x></a>"
    cut = cut_sections(data, memoryview(data), 0, len(data))
    assert cut is not None and list(cut.texts.values()) == ["1234"]


def test_every_read_of_element_text_goes_through_the_context() -> None:
    # A cut element's text is a placeholder: checks must read texts through FeedContext
    # (own_text, text, raw_text) or the crossfile reader, never ``.text`` or itertext().
    package = Path(podfeed.validate.__file__).parent
    allowed = {"context.py", "jsonlines.py"}  # the accessors; a JSON reader's own text
    offenders = []
    for path in sorted(package.glob("*.py")):
        if path.name in allowed:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in {
                "text",
                "tail",
                "itertext",
                "findtext",
                "xpath",
            }:
                receiver = ast.unparse(node.value)
                if node.attr == "text" and receiver in {"ctx", "w.ctx", "element"}:
                    continue  # ctx.text(…); the one raw read in XML-009 and _element_text
                if node.attr == "tail" and receiver == "job":
                    continue  # the feed's closing tags
                offenders.append(f"{path.name}:{node.lineno}: {receiver}.{node.attr}")
    assert offenders == []


# -- windows against the whole document -----------------------------------------------------


@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize("window_items", [1, 3, 7])
def test_cut_windows_report_what_the_whole_document_reports(
    workers: int, window_items: int
) -> None:
    extras = {
        2: "      <itunes:summary><![CDATA[ spaced summary ]]></itunes:summary>\n",
        4: '      <podcast:person role="guest"><![CDATA[ Spacey ]]></podcast:person>\n',
        6: "      <itunes:explicit><![CDATA[Yes]]></itunes:explicit>\n",
        9: "      <podcast:season><![CDATA[x2]]></podcast:season>\n",
        11: '      <content:encoded><![CDATA[<x xmlns:pod="https://podcastindex.org/namespace/1.0"/>'
        "]]></content:encoded>\n",
        13: "      <itunes:title><![CDATA[\u00a0Title\u00a0]]></itunes:title>\n",
        15: "      <podcast:medium><![CDATA[music]]></podcast:medium>\n",
    }
    data = _feed(extras)
    assert _cuts(data) > 100
    found = _agree(data, workers=workers, window_items=window_items)
    assert {"XML-009", "XML-008", "ITUNES-015", "P20-050"} <= {f.rule for f in found}


@pytest.mark.parametrize(
    "extra",
    [
        "      <itunes:summary> <![CDATA[around]]> </itunes:summary>\n",
        "      <itunes:summary>a<![CDATA[b]]>c</itunes:summary>\n",
        "      <itunes:summary><![CDATA[a]]><![CDATA[ b ]]></itunes:summary>\n",
        "      <itunes:summary><![CDATA[x ]]]]></itunes:summary>\n",
        "      <itunes:summary><![CDATA[]]></itunes:summary>\n",
        "      <!-- <itunes:summary><![CDATA[ commented ]]></itunes:summary> -->\n",
        # Texts equal to the window's first placeholder (the first item's title): the
        # rule's message quotes the text, so a wrong lookup would show.
        "      <podcast:season>\x7f0</podcast:season>\n",
        "      <podcast:season>&#127;0</podcast:season>\n",
        "      <podcast:season>&#x7f;0</podcast:season>\n",
        '      <podcast:txt purpose="x"><![CDATA[line\r\nline]]></podcast:txt>\n',
        "      <x:y xmlns:x='https://podcastindex.org/namespace/1.0'><![CDATA[ z ]]></x:y>\n",
        "      <link a='xmlns:p=\"'><![CDATA[x\"]]></link>\n",
    ],
    ids=[
        "blanks-around",
        "mixed",
        "two-sections",
        "brackets",
        "empty",
        "in-comment",
        "raw-mark",
        "mark-reference",
        "hex-mark-reference",
        "cr",
        "inline-namespace",
        "declaration-in-attribute",
    ],
)
def test_unusual_content_agrees(extra: str) -> None:
    for n in (1, 5, 12):
        _agree(_feed({n: extra}), workers=2, window_items=4)


@pytest.mark.parametrize(
    "payload",
    [b"ctrl \x01", b"fffe \xef\xbf\xbe", b"latin1 \xe9t\xe9", b"surrogate \xed\xa0\x80"],
    ids=["control", "fffe", "not-utf8", "surrogate"],
)
def test_malformed_payloads_go_to_the_whole_document(payload: bytes) -> None:
    data = _feed().replace(b"Guest 7]]>", b"Guest 7 " + payload + b"]]>")
    active = select_rules("podcasting2")
    assert _windowed(data, active, workers=2, window_items=4) is None
    try:
        whole = _whole(data, active)
    except SourceError:
        return  # unreadable: validate_feed raises it from the whole-document path
    assert any(f.rule.startswith("XML-0") for f in whole)


def test_lines_past_65535_with_cut_payloads() -> None:
    # Cut payloads keep their newlines: libxml2's numbering past line 65,535 (taken from the
    # neighbouring text nodes) is the same as in the whole document.
    long_notes = "\n" * 500
    extras = {
        n: f"      <itunes:summary><![CDATA[notes{long_notes}]]></itunes:summary>\n"
        + ("      <itunes:block><![CDATA[Yes]]></itunes:block>\n" if n % 3 else "")
        for n in range(1, 160)
    }
    body = "".join(_item(n, extras.get(n, "")) for n in range(1, 160))
    empty = "    <item></item>\n\n" * 2
    data = (_HEAD + body + empty + _item(160) + _TAIL).encode()
    assert data.count(b"\n") > 70_000
    found = _agree(data, workers=2, window_items=16)
    assert max(f.line or 0 for f in found) > 65_535
    for window_items in (159, 160, 161):
        _agree(data, workers=1, window_items=window_items)


def test_durations_read_through_cut_payloads(monkeypatch: pytest.MonkeyPatch) -> None:
    data = _feed()
    late = b'{"version": "1.2.0", "chapters": [{"startTime": 5000, "title": "Late"}]}'
    files = {f"https://cdata.example.net/{n}.json": late for n in range(1, 21)}
    whole = podfeed.validate.validate_output(data, files)
    assert all(any(f.rule == "CHAP-013" for f in r.findings) for r in whole[1:])
    monkeypatch.setattr(stream, "MIN_BYTES", 1000)
    monkeypatch.setattr(stream, "WINDOW_ITEMS", 4)
    assert podfeed.validate.validate_output(data, files) == whole


def test_the_windowed_path_cuts(monkeypatch: pytest.MonkeyPatch) -> None:
    cut_counts: list[int] = []
    real = stream.cut_window

    def spy(*args: object) -> cdata.Scanned | None:
        scanned = real(*args)  # type: ignore[arg-type]
        cut = scanned.cut if scanned is not None else None
        cut_counts.append(len(cut.texts) if cut is not None else -1)
        return scanned

    monkeypatch.setattr(stream, "cut_window", spy)
    _agree(_feed(), workers=1, window_items=5)
    assert cut_counts == [25, 25, 25, 25]  # title, description, notes, duration, person


@pytest.mark.parametrize("window_items", [1, 2, 5, 64])
def test_one_scan_finds_and_cuts_the_windows_find_items_finds(window_items: int) -> None:
    # cut_window (the fast path) against find_items, then cut_sections (the general path).
    data = _feed(extras={3: "      <!-- a comment -->\n", 4: "      <?pi x?>\n"}, items=12)
    found = scanned_windows(data, window_items)
    assert found is not None
    assert sum(items for _, _, items, _, _ in found) == 12
    assert all(texts for _, _, _, _, texts in found)  # payloads were cut
    assert found == general_windows(data, window_items)


def test_an_item_end_in_a_comment_is_text_to_the_scan() -> None:
    # find_items ends the item in the comment (its window is then malformed, and the whole
    # document decides); the scan reads past comments, as libxml2 does.
    data = _feed(extras={3: "      <!-- </item> -->\n"}, items=6)
    assert general_windows(data, 2) != scanned_windows(data, 2)
    assert scanned_windows(data, 2) is not None
    _agree(data, workers=1, window_items=2)


# -- random edits ---------------------------------------------------------------------------

_PAYLOAD = st.text(
    st.sampled_from(
        [*"ab ]>\n\t<&#;x7f0129", "\r", "\x7f", "\u00e9", "\u2014", "\u00a0", "\ufffd"]
    ),
    max_size=12,
)
_PLACES = ("</title>", "</guid>", "</pubDate>", "</itunes:duration>", "<item>")
_TAGS = ("itunes:summary", "itunes:explicit", "podcast:person", "title", "podcast:season")


def _places(data: str) -> Iterator[int]:
    for place in _PLACES:
        for match in re.finditer(re.escape(place), data):
            yield match.end()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.integers(0, 10_000), st.sampled_from(_TAGS), _PAYLOAD, st.booleans()),
        min_size=1,
        max_size=5,
    ),
    st.integers(1, 6),
)
def test_random_cdata_edits_agree(edits: list[tuple[int, str, str, bool]], size: int) -> None:
    # Elements whose content is a CDATA section (or a section with text around it) planted
    # after some tags: the windows either agree with the whole document, or hand over to it.
    data = _feed(items=12).decode()
    places = sorted(set(_places(data)))
    for where, tag, payload, blanks in sorted(edits, reverse=True):
        place = places[where % len(places)]
        around = " " if blanks else ""
        planted = f"<{tag}>{around}<![CDATA[{payload}]]>{around}</{tag}>"
        data = data[:place] + planted + data[place:]
    assert_edited_feed_agrees(data.encode(), size)
