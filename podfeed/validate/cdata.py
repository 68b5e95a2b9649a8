"""A window's CDATA payloads, cut out before the parse and handed back as element text.

libxml2 reads a CDATA section one character at a time (~7 ns a byte), and show notes in
CDATA are most of a big feed's bytes. So a window replaces the payload of each *simple*
section by a short placeholder: :data:`MARK`, the section's number, and the payload's newlines
(so that libxml2 numbers every later line as in the whole document, and the text node it makes
ends on the same line). The element's text is then the placeholder, which
``FeedContext.own_text`` (the one way checks read element text) maps back to the payload.

A section is simple when it is the whole content of an element (``<name attrs><![CDATA[`` …
``]]></``), so the element's text is exactly the payload; and when the payload is valid UTF-8
with no CR (libxml2 would normalise line ends) and none of the bytes XML forbids (or that might
start U+FFFE/U+FFFF). Everything else is left for libxml2, which reports it as before.
Comments and processing instructions are skipped whole: a ``<![CDATA[`` inside them is text.

The windows of a big feed are found by the same scan (:func:`cut_window`): it reads the markup
between payloads anyway, so it also finds where each item ends (its first ``</item>`` outside
CDATA sections, comments and processing instructions), and no other pass reads every byte of
the items for ``</item>``. :func:`cut_sections` cuts a window already found.

The placeholders must be the only texts that start with MARK: a MARK in the bytes kept, or a
character reference that makes one, and the window is parsed uncut (:func:`no_marks`; the
feed's head is checked once).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from .layout import ITEMS, Buffer

if TYPE_CHECKING:
    from .opaque import Opaque

__all__ = ["DROP", "MARK", "SUSPECT", "Cut", "Scanned", "cut_sections", "cut_window", "no_marks"]

#: Starts every placeholder. DEL is a legal XML character that feeds practically never use.
MARK = "\x7f"
_MARK = MARK.encode()
#: Shorter payloads are left in place: cutting one costs a few microseconds, about what
#: libxml2 spends on 400 bytes of CDATA.
MIN_PAYLOAD = 512
#: Longer ones too: libxml2 refuses text over 10 MB (huge_tree=False), and must still say so.
MAX_PAYLOAD = 1 << 22

_OPEN = b"<![CDATA["
_ITEM_END = len(b"</item>")  # no other markup the scan looks for has this length
_ENDS = {len(b"<!--"): b"-->", len(b"<?"): b"?>"}  # by the length of the opening
# A start tag (ASCII names only: anything fancier is left to libxml2).
_START_TAG = re.compile(
    rb"<[A-Za-z_][\w.:-]*(?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:\"[^\"<]*\"|'[^'<]*'))*\s*>"
)
# translate() deletes these bytes from a payload and keeps the rest: newlines, and what makes
# a payload unusual (control characters, CR, DEL, and 0xEF, the first byte of U+FFFE/U+FFFF).
SUSPECT = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0D, 0x20), 0x7F, 0xEF])
DROP = bytes(b for b in range(256) if b != 0x0A and b not in SUSPECT)
# Character references that would make a MARK (hex or decimal, any leading zeros).
_MARK_REF = re.compile(rb"&#(?:[xX]0*7[fF]|0*127);")


@dataclass(frozen=True, slots=True)
class Cut:
    """A window's items with their simple CDATA payloads replaced by placeholders."""

    parts: list[bytes | memoryview]  # to be joined, in order
    texts: dict[str, str] = field(default_factory=dict)  # placeholder → payload


def cut_sections(
    buf: Buffer, view: memoryview, start: int, end: int, opaque: Opaque | None = None
) -> Cut | None:
    """``buf[start:end]`` as parts to join (the bytes kept are slices of ``view``, a view of
    ``buf``: not copied twice), with each simple CDATA payload cut out (and each block
    ``opaque`` accepts replaced, see ``opaque``); None when the bytes kept could make a text
    that looks like a placeholder (see :func:`no_marks`)."""
    scanned = _scan(buf, view, start, end, end, opaque, 0)
    return scanned.cut if scanned is not None else None  # (only a scan for items fails)


@dataclass(frozen=True, slots=True)
class Scanned:
    """What :func:`cut_window` found: the window's items, where it stops, and its cut."""

    items: int
    stop: int  # the next item's "<" (or where the window was told to stop at the end)
    cut: Cut | None  # None: the bytes kept could make a placeholder (parse them uncut)


def cut_window(
    buf: Buffer,
    view: memoryview,
    start: int,
    end: int,
    items: int,
    beyond: int,
    opaque: Opaque | None = None,
) -> Scanned | None:
    """The next window of up to ``items`` items from ``buf[start]`` (an item's start), found
    by the same scan that cuts it (``cut_sections``): an item ends at its first ``</item>``
    outside CDATA sections, comments and processing instructions (and blocks cut), and
    whitespace only may separate items. A window that reaches ``end`` stops at ``beyond``
    (whitespace up to the next share's first item). None: the items are not in that shape."""
    return _scan(buf, view, start, end, beyond, opaque, items)


def _scan(
    buf: Buffer,
    view: memoryview,
    start: int,
    end: int,
    beyond: int,
    opaque: Opaque | None,
    items: int,
) -> Scanned | None:
    """``cut_sections`` (``items`` 0) or ``cut_window``: one pass over the markup."""
    least, most = max(MIN_PAYLOAD, 1), MAX_PAYLOAD
    parts: list[bytes | memoryview] = []
    kept: list[tuple[int, int]] = []
    texts: dict[str, str] = {}
    done = pos = start  # copied up to ``done``; scanning from ``pos``
    search = _markup(opaque.opening if opaque is not None else b"", bool(items)).search
    find, rfind = buf.find, buf.rfind
    block = len(opaque.opening) if opaque is not None else -1
    found_items, stop = 0, beyond
    while (found := search(buf, pos, end)) is not None:
        # No comment, PI, CDATA section or block starts in buf[pos:found.start()], so a "<"
        # there starts a tag (or is an error libxml2 reports).
        after_markup, opening, first = pos, found.start(), found.end()
        if first - opening == _ITEM_END:  # "</item>" (only looked for with ``items``)
            found_items += 1
            following = find(b"<", first, end)
            if following < 0:  # the end: whitespace only may follow
                if buf[first:end].strip():
                    return None
                break
            if buf[first:following].strip() or buf[following : following + 6] not in ITEMS:
                return None
            pos = following
            if found_items == items:
                stop = following
                break
            continue
        if first - opening == block:  # an opaque block's opening (longer than the others)
            pos = first
            cut = opaque.cut(buf, opening, end)  # type: ignore[union-attr]  # block >= 0
            if cut is not None:
                kept.append((done, opening))
                parts.append(view[done:opening])
                parts.append(cut[1])
                done = pos = cut[0]
            continue
        if first - opening != len(_OPEN):  # a comment or processing instruction
            ending = _ENDS[first - opening]
            close = find(ending, first, end)
            if close < 0:
                if items:
                    return None
                break  # malformed: libxml2 says so
            pos = close + len(ending)
            continue
        # The first "]]>" ends the section; single-byte searches for "]" (rare in show notes)
        # run several times faster than a search for the three bytes.
        close = find(b"]", first, end)
        while close >= 0 and buf[close : close + 3] != b"]]>":
            close = find(b"]", close + 1, end)
        if close < 0 or close + 3 > end:
            if items:
                return None
            break
        pos = close + 3
        if not least <= close - first <= most or buf[pos : pos + 2] != b"</":
            continue
        tag = rfind(b"<", after_markup, opening)
        if tag < 0 or _START_TAG.fullmatch(buf, tag, opening) is None:
            continue
        payload = buf[first:close]
        newlines = payload.translate(None, DROP)
        if newlines.count(b"\n") != len(newlines):
            continue
        try:
            text = payload.decode("utf-8")
        except UnicodeDecodeError:
            continue
        placeholder = f"{MARK}{len(texts)}{newlines.decode('ascii')}"
        texts[placeholder] = text
        kept.append((done, first))
        parts.append(view[done:first])
        parts.append(placeholder.encode("ascii"))
        done = close
    else:
        if items:  # an item that does not end
            return None
    kept.append((done, stop))
    parts.append(view[done:stop])
    if texts and not all(no_marks(buf, *span) for span in kept):
        return Scanned(found_items, stop, None)
    return Scanned(found_items, stop, Cut(parts, texts))


@lru_cache(maxsize=8)
def _markup(block: bytes, items: bool) -> re.Pattern[bytes]:
    """CDATA openings, what may hide one that is not (comments and processing instructions),
    the opening of an opaque ``block`` (when given) followed by what ends its name, and (with
    ``items``) the end of an item."""
    alternatives = [rb"!\[CDATA\[", rb"!--", rb"\?"]
    if items:
        alternatives.append(rb"/item>")
    if block:
        alternatives.append(re.escape(block[1:]) + rb"(?=[ \t\n>])")
    return re.compile(b"<(?:" + b"|".join(alternatives) + b")")


def no_marks(data: Buffer, start: int = 0, end: int | None = None) -> bool:
    """Whether ``data[start:end]`` holds no MARK, nor a character reference that makes one
    (single-byte searches again: "#" is rare outside URLs)."""
    end = len(data) if end is None else end
    find = data.find
    if find(_MARK, start, end) >= 0:
        return False
    at = find(b"#", start + 1, end)
    while at >= 0:
        if data[at - 1] == 0x26 and _MARK_REF.match(data, at - 1, end):  # "&#"
            return False
        at = find(b"#", at + 1, end)
    return True
