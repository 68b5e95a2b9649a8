"""Where a big feed's items are: one scan for ``</item>`` that also checks the feed's shape.

The windowed path needs a feed shaped the usual way: channel elements first, then items
separated by whitespace only, then ``</channel></rss>``. Anything else (text or comments
between items, channel elements after them, UTF-16…) gives no layout, and the caller uses the
whole-document path. The scan is byte-level and may be fooled (``</item>`` in a CDATA
section); such a cut makes a window malformed or miscounted, which the window's own parse
catches, so the fallback still happens.
"""

from __future__ import annotations

import mmap
import re
from dataclasses import dataclass
from typing import TypeAlias

__all__ = ["Buffer", "Layout", "Span", "find_layout"]

Buffer: TypeAlias = bytes | mmap.mmap

_ITEM = re.compile(rb"<item[\s>]")
_TAIL = re.compile(rb"\s*</channel\s*>\s*</rss\s*>\s*")
_MAX_TAIL = 4096
_GAP_END = (b"<item>", b"<item ", b"<item\n", b"<item\t", b"<item\r")
_RELEASE_EVERY = 16 << 20  # bytes scanned between giving a file mapping's pages back


@dataclass(frozen=True, slots=True)
class Span:
    """A run of consecutive items: ``buf[start:end]``; ``item_base`` items come before it."""

    start: int
    end: int
    item_base: int
    items: int


@dataclass(frozen=True, slots=True)
class Layout:
    head_end: int  # the first item's "<item"
    head_lines: int  # the line that "<item" is on: window lines from here on are items'
    tail_start: int  # just after the last "</item>"
    spans: tuple[Span, ...]


def find_layout(buf: Buffer, window_items: int) -> Layout | None:
    """The feed's items cut into windows of ``window_items``, or None if not the usual shape."""
    first_match = _ITEM.search(buf, 0, min(len(buf), 1 << 20))
    if first_match is None:
        return None
    first = first_match.start()
    line_start = buf.rfind(b"\n", 0, first) + 1
    if buf[line_start:first].strip():
        return None  # something else shares the first item's line: lines could not be told apart
    head_lines = buf[:first].count(b"\n") + 1
    ends = _item_ends(buf, first)
    if ends is None:
        return None
    tail_start = ends[-1]
    if len(buf) - tail_start > _MAX_TAIL or not _TAIL.fullmatch(buf[tail_start:]):
        return None
    spans = []
    start = first
    for base in range(0, len(ends), window_items):
        last = min(base + window_items, len(ends))
        spans.append(Span(start, ends[last - 1], base, last - base))
        start = ends[last - 1]
    return Layout(first, head_lines, tail_start, tuple(spans))


def _item_ends(buf: Buffer, pos: int) -> list[int] | None:
    """Offsets just after each "</item>", if only whitespace separates the items."""
    find = buf.find
    ends: list[int] = []
    released = 0
    while True:
        close = find(b"</item>", pos)
        if close < 0:
            return None
        end = close + 7
        ends.append(end)
        after = find(b"<", end)
        if after < 0 or buf[end:after].strip():
            return None
        if buf[after : after + 6] in _GAP_END:
            pos = after
        elif buf[after : after + 9] == b"</channel":
            return ends
        else:
            return None
        if isinstance(buf, mmap.mmap) and end - released > _RELEASE_EVERY:
            released = release(buf, released, end)


def release(buf: mmap.mmap, start: int, end: int) -> int:
    """Drop the pages of ``buf[start:end]`` from this process (the file stays cached): reading a
    90 MB feed through a mapping would otherwise count every page in the resident size."""
    start -= start % mmap.PAGESIZE
    end -= end % mmap.PAGESIZE
    if end > start:
        buf.madvise(mmap.MADV_DONTNEED, start, end - start)
    return end
