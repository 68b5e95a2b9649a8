"""The two ways a big feed is validated, for tests that compare them: the whole document in
one tree, and windows of items; and the two ways windows are found and cut (``find_items``
then ``cut_sections``, or ``cut_window``'s one scan). (Tests that want every CDATA payload cut,
however short, use conftest's ``cut_every_payload`` fixture.)"""

from __future__ import annotations

from podfeed.diagnostics import Finding
from podfeed.errors import SourceError
from podfeed.validate import _feed_report, cdata, layout, stream
from podfeed.validate.catalog import select_rules
from podfeed.validate.opaque import opaque_for
from podfeed.validate.runner import sort_findings


def whole(data: bytes, active: frozenset[str]) -> tuple[Finding, ...]:
    return _feed_report("feed.xml", data, active).findings


def windowed(data: bytes, active: frozenset[str], **kwargs: int) -> tuple[Finding, ...] | None:
    found = stream.validate_windowed("feed.xml", data, active, **kwargs)
    return None if found is None else sort_findings(found)


#: A window as both scans give it: (start, stop, items, the cut's parts joined, its texts).
ScannedWindow = tuple[int, int, int, bytes | None, dict[str, str] | None]


def _cut_bytes(cut: cdata.Cut | None) -> tuple[bytes | None, dict[str, str] | None]:
    return (b"".join(cut.parts), cut.texts) if cut is not None else (None, None)


def general_windows(data: bytes, window_items: int) -> list[ScannedWindow] | None:
    """A feed's windows as ``find_items`` finds them, each cut by ``cut_sections`` (the
    general path, which ``stream`` uses when windows are not cut)."""
    frame = layout.find_frame(data)
    assert frame is not None
    opaque = opaque_for(data[: frame.head_end])
    starts = layout.find_items(data, frame.head_end, frame.tail_start)
    if starts is None:
        return None
    found = []
    for first in range(0, len(starts), window_items):
        last = min(first + window_items, len(starts))
        stop = starts[last] if last < len(starts) else frame.tail_start
        cut = cdata.cut_sections(data, memoryview(data), starts[first], stop, opaque)
        found.append((starts[first], stop, last - first, *_cut_bytes(cut)))
    return found


def scanned_windows(data: bytes, window_items: int) -> list[ScannedWindow] | None:
    """The same windows as ``cut_window`` finds and cuts them in one scan (the fast path)."""
    frame = layout.find_frame(data)
    assert frame is not None
    opaque = opaque_for(data[: frame.head_end])
    pos = layout.first_item_at(data, frame.head_end, frame.tail_start)
    found = []
    while pos is not None and pos < frame.tail_start:
        end = frame.tail_start
        scanned = cdata.cut_window(data, memoryview(data), pos, end, window_items, end, opaque)
        if scanned is None:
            return None
        found.append((pos, scanned.stop, scanned.items, *_cut_bytes(scanned.cut)))
        pos = scanned.stop
    return found if pos is not None else None


def assert_edited_feed_agrees(data: bytes, window_items: int) -> None:
    """For a feed with planted edits: the one scan finds and cuts the same windows as
    find_items and cut_sections, and the windowed path reports what the whole document does
    (or declines, as it must when the whole document cannot be parsed)."""
    assert scanned_windows(data, window_items) == general_windows(data, window_items)
    active = select_rules("podcasting2")
    found = windowed(data, active, workers=1, window_items=window_items)
    try:
        expected = whole(data, active)
    except SourceError:
        assert found is None
        return
    assert found is None or found == expected
