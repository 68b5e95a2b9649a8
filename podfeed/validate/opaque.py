"""Extension blocks no check reads, cut out of a window before the parse (like CDATA payloads).

Podlove Simple Chapters (``<psc:chapters>`` with one empty ``<psc:chapter …/>`` per chapter)
are ~20 elements an item in a build's feed, and three quarters of libxml2's work on a window.
No rule reads them: the only checks that walk every element look at element text (XML-009),
which such a block has none of, or at other namespaces. So a window replaces each block that
provably parses to just that by an empty element with the same newlines,
``<psc:chapters\\n…\\n/>``: the item keeps its child (its tag map is unchanged), every line
after the block keeps its number, and libxml2 reads a few bytes instead of ~1.5 KB.

A block is cut only when it is exactly ``<P:chapters [version]>`` (one or more
``<P:chapter [start] [title] [href] [image]/>``) ``</P:chapters>`` — attributes in that order,
double-quoted, whitespace between tags only — where P is the one prefix the channel binds to the
Podlove URI (and no item in the window declares a namespace: see ``stream``); with no ``<`` or
``&`` in attribute values, none of the bytes ``cdata`` calls suspect, valid UTF-8; and with
whitespace on both sides. The whitespace matters past line 65,535: libxml2 then numbers a
childless element from its next (or previous) sibling, and a text node there, unchanged, keeps
the numbering away from the block's children. Anything else is parsed as written.

Such a block produces no finding either way, so the findings are those of the whole document;
``tests/validate/test_opaque.py`` compares them. A rule that someday reads ``psc:`` elements must
take the namespace out of :data:`OPAQUE`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType

from lxml import etree

from .cdata import SUSPECT
from .layout import Buffer
from .ns import PODLOVE

__all__ = ["OPAQUE", "Block", "Opaque", "opaque_for"]


@dataclass(frozen=True, slots=True)
class Block:
    """The shape of a cuttable block: a container holding one or more empty children."""

    container: str  # local names
    container_attrs: tuple[str, ...]  # allowed attributes, each at most once, in this order
    child: str
    child_attrs: tuple[str, ...]


#: Namespace URI → the block no check reads in it.
OPAQUE: Mapping[str, Block] = MappingProxyType(
    {PODLOVE: Block("chapters", ("version",), "chapter", ("start", "title", "href", "image"))}
)

#: Longer blocks are parsed as written (far below libxml2's limits on text and attributes).
MAX_BLOCK = 1 << 20
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
_BLANK = (b" ", b"\t", b"\n")
_SKELETONS_KEPT = 256  # distinct block shapes remembered (a feed has a few dozen)
# Bytes an attribute value must not hold to be cut: markup ("<", "&": references), what
# ``cdata`` calls suspect, and tabs and newlines (legal, but rare: not worth counting). The
# table maps each to 0x00 and every other byte to itself.
_FLAGGED = bytes(0 if b in SUSPECT or b in b"\t\n<&" else b for b in range(256))


@dataclass(slots=True)
class Opaque:
    """How to cut one prefix's blocks: the opening to look for, and the shape to accept."""

    opening: bytes  # b"<psc:chapters"
    closing: bytes  # b"</psc:chapters>"
    skeleton: re.Pattern[bytes]  # a block with every attribute value emptied
    #: skeleton length → [(skeleton, its newlines or -1 when not accepted)]
    known: dict[int, list[tuple[bytes, int]]] = field(default_factory=dict)
    empties: dict[int, bytes] = field(default_factory=dict)  # newlines → replacement

    def cut(self, buf: Buffer, opening: int, end: int) -> tuple[int, bytes] | None:
        """``(stop, replacement)`` for a block starting at ``buf[opening]``, or None."""
        close = buf.find(self.closing, opening, min(end, opening + MAX_BLOCK))
        if close < 0:
            return None
        stop = close + len(self.closing)
        if stop >= end or buf[opening - 1 : opening] not in _BLANK:
            return None
        if buf[stop : stop + 1] not in _BLANK:
            return None
        block = bytes(buf[opening:stop])
        newlines = self._newlines(block)
        if newlines is None:
            return None
        empty = self.empties.get(newlines)
        if empty is None:
            empty = self.empties[newlines] = self.opening + b"\n" * newlines + b"/>"
        return stop, empty

    def _newlines(self, block: bytes) -> int | None:
        """The block's newlines if it has the accepted shape and content, else None."""
        pieces = block.split(b'"')  # outside quotes, inside, outside…
        if not len(pieces) % 2:
            return None  # an odd number of quotes
        values = b"".join(pieces[1::2])
        # One table lookup a byte: a flagged byte makes the copy differ (0x00 maps to itself).
        if values.translate(_FLAGGED) != values or b"\0" in values:
            return None
        if not values.isascii():
            try:
                values.decode("utf-8")  # the skeleton is ASCII (its pattern says so)
            except UnicodeDecodeError:
                return None
        return self._shape(b'""'.join(pieces[::2]))

    def _shape(self, skeleton: bytes) -> int | None:
        """The newlines of an accepted skeleton, else None (remembered by length, then
        compared whole: cheaper than hashing a kilobyte)."""
        same_length = self.known.setdefault(len(skeleton), [])
        for known, newlines in same_length:
            if known == skeleton:
                return newlines if newlines >= 0 else None
        if len(self.known) > _SKELETONS_KEPT or len(same_length) > _SKELETONS_KEPT:
            self.known.clear()
            same_length = self.known.setdefault(len(skeleton), [])
        accepted = self.skeleton.fullmatch(skeleton) is not None
        newlines = skeleton.count(b"\n") if accepted else -1
        same_length.append((skeleton, newlines))
        return newlines if accepted else None


def opaque_for(head: bytes) -> Opaque | None:
    """The cut for a feed whose items follow ``head`` (everything before the first item), or
    None when its channel binds no single plain prefix to a namespace in :data:`OPAQUE`."""
    try:
        root = etree.fromstring(head + b"</channel></rss>", _parser())
    except (etree.LxmlError, ValueError):
        return None
    channel = root.find("channel")
    if root.tag != "rss" or channel is None:
        return None
    bound = [(p, uri) for p, uri in channel.nsmap.items() if uri in OPAQUE]
    if len(bound) != 1:
        return None
    prefix, uri = bound[0]
    if prefix is None or not _NAME.fullmatch(prefix):
        return None
    return _compiled(prefix, uri)


def _parser() -> etree.XMLParser:
    from .source import parser  # source imports context, which must not import this

    return parser()


@lru_cache(maxsize=8)
def _compiled(prefix: str, uri: str) -> Opaque:
    block = OPAQUE[uri]
    name = re.escape(prefix.encode("ascii"))
    container = name + b":" + block.container.encode("ascii")
    child = name + b":" + block.child.encode("ascii")
    return Opaque(
        b"<" + prefix.encode("ascii") + b":" + block.container.encode("ascii"),
        b"</" + prefix.encode("ascii") + b":" + block.container.encode("ascii") + b">",
        re.compile(
            b"<%s%s[ \\t\\n]*>(?:[ \\t\\n]*<%s%s[ \\t\\n]*/>)+[ \\t\\n]*</%s>"
            % (
                container,
                _attributes(block.container_attrs),
                child,
                _attributes(block.child_attrs),
                container,
            )
        ),
    )


def _attributes(names: tuple[str, ...]) -> bytes:
    # Each optional, in order: no attribute can appear twice. Values are empty in a skeleton.
    return b"".join(b'(?:[ \\t\\n]+%s="")?' % re.escape(n.encode("ascii")) for n in names)
