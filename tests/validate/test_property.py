"""validate_feed never crashes: any bytes give a Report, or SourceError for unreadable input.

Decision (documented in podfeed/validate/source.py): input that is not XML at all — empty,
not starting with '<', an HTML page, truncated, bytes invalid for the encoding — raises
SourceError (exit 2); merely malformed XML is a finding (XML-001/002/010). Nothing else escapes;
a crashing check would show up as an INTERNAL-001 finding, which these tests also forbid.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from podfeed.diagnostics import Report
from podfeed.errors import SourceError
from podfeed.validate import validate_chapters, validate_feed

FEED = (Path(__file__).parent.parent / "data" / "valid" / "minimal.xml").read_bytes()


def _no_crash(data: bytes) -> None:
    try:
        report = validate_feed(data)
    except SourceError:
        return
    assert isinstance(report, Report)
    assert "INTERNAL-001" not in {f.rule for f in report}, [f.message for f in report]


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_arbitrary_bytes(data: bytes) -> None:
    _no_crash(data)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(FEED)), st.integers(0, len(FEED)), st.binary(max_size=40))
def test_spliced_feeds(start: int, end: int, junk: bytes) -> None:
    # Mutations of a real feed reach far deeper into the checks than random bytes do.
    start, end = sorted((start, end))
    _no_crash(FEED[:start] + junk + FEED[end:])


_TAGS = st.sampled_from(
    ["title", "link", "item", "guid", "enclosure", "pubDate", "itunes:explicit", "itunes:category",
     "itunes:image", "itunes:duration", "podcast:chapters", "atom:link", "description", "channel"]
)  # fmt: skip


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_TAGS, st.text(max_size=30), st.text(max_size=30)), max_size=12))
def test_well_formed_feeds_of_random_elements(parts: list[tuple[str, str, str]]) -> None:
    from xml.sax.saxutils import escape, quoteattr

    body = "".join(
        f"<{t} url={quoteattr(a)} text={quoteattr(a)}>{escape(v)}</{t}>" for t, a, v in parts
    )
    feed = FEED.replace(b"<item>", b"<item>" + body.encode("utf-8", "replace"), 1)
    _no_crash(feed)


_CHAPTER_KEYS = ["version", "chapters", "startTime", "endTime", "title", "toc", "location", "geo",
                 "img", "waypoints"]  # fmt: skip


@settings(max_examples=200)
@given(st.recursive(
    st.none() | st.booleans() | st.floats(allow_nan=False) | st.integers() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(_CHAPTER_KEYS),
        inner, max_size=5),
    max_leaves=20,
))  # fmt: skip
def test_chapters_of_any_json_shape(value: object) -> None:
    import json

    report = validate_chapters(json.dumps(value).encode())
    assert "INTERNAL-001" not in {f.rule for f in report}, [f.message for f in report]
