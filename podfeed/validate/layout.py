"""Where a big feed's items are: byte-level scans for ``<item`` and ``</item>``.

The windowed path needs a feed shaped the usual way: channel elements first, then items
separated by whitespace only, then ``</channel></rss>``. Anything else (text or comments
between items, channel elements after them, UTF-16…) gives no layout, and the caller uses the
whole-document path. The scans are byte-level and may be fooled (``</item>`` in a comment, or
a CDATA opening inside one); such a cut makes a window malformed or miscounted, which the
window's own parse catches, so the fallback still happens.

:func:`find_items` steps over CDATA sections (show notes: most of a feed's bytes) with
single-byte searches for their end, instead of reading every byte for ``</item>``; so a
``</item>`` inside one is text, as it is to libxml2. (Windows that cut CDATA payloads are found
by the scan that cuts them instead: ``cdata.cut_window``. :func:`count_before` still counts
every ``</item>``: ``stream`` checks that a share's first item number agrees with the shares
before.)

:func:`find_frame` (head and tail) and :func:`cut_points` are cheap and run once; each worker
then scans only its own share of the items (:func:`find_items` or ``cdata.cut_window``), so no
process reads the whole feed before the work is split.
"""

from __future__ import annotations

import mmap
import re
from dataclasses import dataclass
from typing import TypeAlias

__all__ = [
    "ITEMS",
    "Buffer",
    "Declaration",
    "Frame",
    "Span",
    "count_before",
    "cut_points",
    "declarations",
    "find_frame",
    "find_items",
    "first_item_at",
    "lines_before",
]

Buffer: TypeAlias = bytes | mmap.mmap

_ITEM = re.compile(rb"<item[\s>]")
_DECLARATION = re.compile(rb"""xmlns:([A-Za-z_][\w.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_TAIL = re.compile(rb"\s*</channel\s*>\s*</rss\s*>\s*")
_MAX_HEAD = 1 << 20
_MAX_TAIL = 4096
#: How an item's start tag begins (its first six bytes).
ITEMS = (b"<item>", b"<item ", b"<item\n", b"<item\t", b"<item\r")
_END = b"</item>"
# Searching with a compiled literal pattern is ~20% faster than bytes.find for this tag
# (measured over the build's 94 MB feed): count_before reads every byte.
_END_SEARCH = re.compile(re.escape(_END))
# What find_items looks for: an item's end, or a CDATA section to step over.
_END_OR_CDATA = re.compile(rb"<(?:/item>|!\[CDATA\[)")
_CDATA_OPEN = len(b"<![CDATA[")
_CHUNK = 1 << 22  # bytes counted (or released) at a time
_LINE_CHUNK = 1 << 20  # lines_before stops within this many bytes of enough lines
_BIG_LINES = 65_535  # libxml2 stores smaller line numbers in the element itself
# The extra cost of a later share, per byte before it, relative to validating a byte. Negative:
# a later share past line 65,535 counts only that far (``stream.LINE_BASE``), while the first
# share's process also places and merges every result. With two CPUs the first share gets
# ~49% of the bytes: measured with callgrind on the build's 10,000-item feed, the worker then
# runs about as many instructions as the parent's own share (at -0.1, ~4.6% more; at 0.15,
# the old value, the parent's wall time was ~115 ms longer).
_LATER_COST = -0.05
_MIN_WEIGHT = 0.25


@dataclass(frozen=True, slots=True)
class Frame:
    head_end: int  # the first item's "<item"
    head_lines: int  # the line that "<item" is on: lines from here on are items'
    tail_start: int  # just after the last "</item>"


@dataclass(frozen=True, slots=True)
class Span:
    """A window: the items in ``buf[start:end]``, after ``item_base`` items of its share."""

    start: int
    end: int
    item_base: int
    items: int


@dataclass(frozen=True, slots=True)
class Declaration:
    """A namespace declaration (``xmlns:prefix="uri"``) found in the bytes, and its line."""

    prefix: str
    uri: str
    line: int


def declarations(raw: Buffer, start: int, end: int, line: int) -> list[Declaration]:
    """Namespace declarations in ``raw[start:end]``, which starts on ``line``: a regex over the
    bytes (it also finds them in CDATA sections and comments, as the XML-00x rules want)."""
    found = []
    counted = start  # lines are counted on from the previous declaration, not from the start
    for match in _DECLARATION.finditer(raw, start, end):
        uri = (match.group(2) if match.group(2) is not None else match.group(3)) or b""
        line += _newlines(raw, counted, match.start())
        counted = match.start()
        found.append(
            Declaration(
                match.group(1).decode("ascii", "replace"), uri.decode("utf-8", "replace"), line
            )
        )
    return found


def _newlines(raw: Buffer, start: int, end: int) -> int:
    if isinstance(raw, bytes):
        return raw.count(b"\n", start, end)
    return raw[start:end].count(b"\n")  # a mapped file: no count() with bounds


def find_frame(buf: Buffer) -> Frame | None:
    """Head and tail of a feed in the usual shape, or None."""
    first_match = _ITEM.search(buf, 0, min(len(buf), _MAX_HEAD))
    if first_match is None:
        return None
    first = first_match.start()
    line_start = buf.rfind(b"\n", 0, first) + 1
    if buf[line_start:first].strip():
        return None  # something shares the first item's line: head and item lines would mix
    tail_start = buf.rfind(_END, max(0, len(buf) - _MAX_TAIL)) + len(_END)
    if tail_start < len(_END) or tail_start <= first or not _TAIL.fullmatch(buf[tail_start:]):
        return None
    head_lines = buf[:first].count(b"\n") + 1
    if head_lines >= _BIG_LINES:
        return None  # past it, libxml2 numbers head elements from the items that follow them
    return Frame(first, head_lines, tail_start)


def cut_points(buf: Buffer, frame: Frame, shares: int) -> list[int]:
    """Offsets that split the items into ``shares`` runs of about equal cost (each just after
    an ``</item>``), from ``frame.head_end`` to ``frame.tail_start``."""
    points = [frame.head_end]
    size = frame.tail_start - frame.head_end
    for fraction in _share_ends(shares)[:-1]:
        found = buf.find(_END, frame.head_end + int(size * fraction), frame.tail_start)
        cut = found + len(_END)
        if found >= 0 and points[-1] < cut < frame.tail_start:
            points.append(cut)
    points.append(frame.tail_start)
    return points


def _share_ends(shares: int) -> list[float]:
    """Where each share ends, as a fraction of the items' bytes.

    A later share's cost per byte differs from the first's: it counts lines before it (up to
    line 65,536), and the first share's process merges them all. Share i's weight is 1 minus
    ``_LATER_COST`` times the weights before it (a negative cost: a little more each).
    """
    weights: list[float] = []
    for _ in range(shares):
        weights.append(max(_MIN_WEIGHT, 1 - _LATER_COST * sum(weights)))
    total = sum(weights)
    ends, done = [], 0.0
    for weight in weights:
        done += weight
        ends.append(done / total)
    return ends


def first_item_at(buf: Buffer, start: int, end: int) -> int | None:
    """Where the first item in ``buf[start:end]`` starts, if only whitespace is before it."""
    opening = buf.find(b"<", start, end)
    if opening < 0 or buf[start:opening].strip() or buf[opening : opening + 6] not in ITEMS:
        return None
    return opening


def find_items(buf: Buffer, start: int, end: int) -> list[int] | None:
    """Where each item starts ("<item") in ``buf[start:end]``, which must hold whole items
    separated by whitespace only; None otherwise. An item ends at its first ``</item>``
    outside CDATA sections."""
    find, search = buf.find, _END_OR_CDATA.search
    starts: list[int] = []
    pos = released = start
    while pos < end:
        if pos - released > _CHUNK and isinstance(buf, mmap.mmap):
            release(buf, released, pos)  # the windows read these pages again, one at a time
            released = pos
        opening = find(b"<", pos, end)
        if opening < 0 or buf[pos:opening].strip() or buf[opening : opening + 6] not in ITEMS:
            return None
        found = search(buf, opening, end)
        while found is not None and found.end() - found.start() == _CDATA_OPEN:
            # The first "]]>" ends the section; single-byte searches for "]" (rare in show
            # notes) run several times faster than reading every byte for "</item>".
            close = find(b"]", found.end(), end)
            while close >= 0 and buf[close : close + 3] != b"]]>":
                close = find(b"]", close + 1, end)
            if close < 0:
                return None
            found = search(buf, close + 3, end)
        if found is None:
            return None
        starts.append(opening)
        pos = found.end()
    return starts or None


def count_before(buf: Buffer, start: int, end: int) -> tuple[int, int]:
    """Newlines and "</item>" tags in ``buf[start:end]``, read in chunks (a mapping's pages
    are released as they go)."""
    newlines = items = 0
    for at in range(start, end, _CHUNK):
        # The overlap finds a tag cut by the chunk's end; it cannot be counted twice, since a
        # match is counted in the chunk it starts in.
        chunk = buf[at : min(at + _CHUNK + len(_END) - 1, end)]
        newlines += chunk.count(b"\n", 0, _CHUNK)
        items += sum(1 for _ in _END_SEARCH.finditer(chunk))
        if isinstance(buf, mmap.mmap):
            release(buf, at, at + _CHUNK)
    return newlines, items


def lines_before(buf: Buffer, start: int, end: int, enough: int) -> int | None:
    """The newlines in ``buf[start:end]`` if there are fewer than ``enough``; None once that
    many are counted (the rest is not read)."""
    newlines = 0
    for at in range(start, end, _LINE_CHUNK):
        newlines += buf[at : min(at + _LINE_CHUNK, end)].count(b"\n")
        if isinstance(buf, mmap.mmap):
            release(buf, at, at + _LINE_CHUNK)
        if newlines >= enough:
            return None
    return newlines


def release(buf: mmap.mmap, start: int, end: int) -> None:
    """Drop the pages of ``buf[start:end]`` from this process (the file stays cached): reading a
    90 MB feed through a mapping would otherwise count every page in the resident size."""
    start -= start % mmap.PAGESIZE
    end = min(end - end % mmap.PAGESIZE, len(buf) - len(buf) % mmap.PAGESIZE)
    if end > start:
        buf.madvise(mmap.MADV_DONTNEED, start, end - start)
