"""podfeed's own feedgen extensions: ``itunes``, ``podcast`` (Podcasting 2.0) and ``psc``.

Registered with ``FeedGenerator.register_extension`` by :mod:`podfeed.feed` instead of
feedgen's bundled podcast extension, which writes Apple's retired ``yes``/``no`` explicit
values and knows no ``podcast:`` tag. Each extension declares its namespace with the
conventional prefix; :func:`podfeed.feed.render_feed` drops declarations nothing uses.
"""

from __future__ import annotations

import re

from feedgen.ext.base import BaseEntryExtension
from lxml import etree

from ..sanitize import xml_safe

__all__ = [
    "ATOM_NS",
    "CONTENT_NS",
    "HELD_DESCRIPTION",
    "ITUNES_NS",
    "NAMESPACES",
    "PODCAST_NS",
    "PSC_NS",
    "FramedEntryExtension",
    "ItemFrame",
    "Lines",
    "add",
    "item_line",
    "put",
    "serial_text",
    "serial_value",
]

ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST_NS = "https://podcastindex.org/namespace/1.0"
PSC_NS = "http://podlove.org/simple-chapters"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
ATOM_NS = "http://www.w3.org/2005/Atom"

#: Prefix → URI, in the order they are declared on ``<rss>``.
NAMESPACES = {
    "itunes": ITUNES_NS,
    "podcast": PODCAST_NS,
    "atom": ATOM_NS,
    "content": CONTENT_NS,
    "psc": PSC_NS,
}

Attr = str | int | float | bool | None


def _attr(value: str | int | float | bool) -> str:
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return seconds(value)
    return xml_safe(str(value))


def seconds(value: float) -> str:
    """A number of seconds as the podcast namespace writes it: ``73``, ``73.5``, ``0.125``."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return text or "0"


def add(
    parent: etree._Element,
    tag: str,
    text: str | int | None = None,
    /,
    **attrs: Attr,
) -> etree._Element:
    """Append ``<tag attrs>text</tag>`` to ``parent``; None attributes are left out.

    Text and values lose characters XML cannot hold; booleans are written ``true``/``false``
    and floats as :func:`seconds`.
    """
    values = {name: _attr(value) for name, value in attrs.items() if value is not None}
    element = etree.SubElement(parent, tag, values)
    if text is not None:
        element.text = xml_safe(str(text))
    return element


# How lxml writes element text and attribute values (UTF-8 output: other characters stay).
_TEXT_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"}
_TEXT_SPECIAL = re.compile("[&<>\r]")
_VALUE_ESCAPES = {**_TEXT_ESCAPES, '"': "&quot;", "\t": "&#9;", "\n": "&#10;"}
_VALUE_SPECIAL = re.compile('[&<>"\t\n\r]')


def serial_text(text: str) -> str:
    """``text`` (XML-legal) as lxml serialises an element's text."""
    if "&" in text or "<" in text or ">" in text or "\r" in text:
        return _TEXT_SPECIAL.sub(lambda m: _TEXT_ESCAPES[m.group()], text)
    return text


def serial_value(text: str) -> str:
    """``text`` (XML-legal) as lxml serialises an attribute value."""
    return _VALUE_SPECIAL.sub(lambda m: _VALUE_ESCAPES[m.group()], text)


def item_line(tag: str, text: str | None, attrs: dict[str, str] | None = None) -> str:
    """A childless element as one line of an item in the feed, as lxml pretty-prints it:
    ``tag`` is prefixed (``itunes:title``), ``text`` and ``attrs`` XML-legal; None text
    makes an empty element, "" an empty pair of tags."""
    values = (
        "".join([f' {name}="{serial_value(value)}"' for name, value in attrs.items()])
        if attrs
        else ""
    )
    if text is None:
        return f"      <{tag}{values}/>\n"
    return f"      <{tag}{values}>{serial_text(text)}</{tag}>\n"


_PREFIXES = {"{" + uri + "}": prefix + ":" for prefix, uri in NAMESPACES.items()}


class Lines:
    """Item lines (see :attr:`ItemFrame.lines`) built by :func:`put` as :func:`add` would
    build the elements."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def add(self, tag: str, text: str | int | None, attrs: dict[str, Attr]) -> None:
        end = tag.index("}") + 1
        values = {name: _attr(value) for name, value in attrs.items() if value is not None}
        text = None if text is None else xml_safe(str(text))
        self.parts.append(item_line(_PREFIXES[tag[:end]] + tag[end:], text, values))


def put(
    parent: etree._Element | Lines, tag: str, text: str | int | None = None, /, **attrs: Attr
) -> None:
    """:func:`add`, or its line when ``parent`` collects :class:`Lines`."""
    if isinstance(parent, Lines):
        parent.add(tag, text, attrs)
    else:
        add(parent, tag, text, **attrs)


class ItemFrame:
    """An ``<rss><channel>`` frame declaring every podfeed namespace, for one item at a time.

    :func:`podfeed.feed.render_feed` writes items one by one instead of holding the whole feed
    as a tree. An item in the frame finds its namespaces on ``<rss>``, so its elements are
    created without declarations of their own, and :meth:`dump` serialises it exactly as it
    reads inside the whole feed (same indentation, no ``xmlns`` on the item). Parts cheaper to
    write as text than as elements (the notes, the extensions' tags) are put into that text.
    """

    _PROBE = b"    <item/>\n"

    def __init__(self) -> None:
        self._root = etree.Element("rss", nsmap=NAMESPACES)
        self._channel = etree.SubElement(self._root, "channel")
        probe = etree.SubElement(self._channel, "item")
        data = self._serialise()
        self._channel.remove(probe)
        self._head = data.index(self._PROBE)
        self._tail = len(data) - self._head - len(self._PROBE)
        self._splices: list[tuple[etree._Element, bytes, bytes]] = []
        self._cdata: bytes | None = None
        self._description: bytes | None = None
        #: When a list, the item's extensions write their elements here as text (see
        #: :meth:`write_lines`) rather than into the tree; set per item by the renderer.
        self.lines: list[str] | None = None

    def splice(self, placeholder: etree._Element, empty: bytes, markup: bytes) -> None:
        """Have :meth:`dump` write ``markup`` (serialised XML, as lxml would write it) instead
        of the empty ``placeholder`` element, which serialises as ``empty``: for blocks
        cheaper to write as text than as a tree."""
        self._splices.append((placeholder, empty, markup))

    def splice_cdata(self, markup: bytes) -> None:
        """Have :meth:`dump` write ``markup`` (UTF-8, XML-legal, without ``]]>``) into the
        item's ``content:encoded``, which must hold an empty CDATA section."""
        self._cdata = markup

    def splice_description(self, text: bytes) -> None:
        """Have :meth:`dump` write ``text`` (UTF-8, XML-legal, escaped as lxml writes element
        text: see :func:`serial_text`) as the item's ``description``, which must hold
        :data:`HELD_DESCRIPTION`. A ~1 KB description costs lxml more to take in (encoded and
        checked again) and escape than it costs to write."""
        self._description = text

    def write_lines(self, text: str) -> None:
        """Have :meth:`dump` write ``text`` (item children as :func:`item_line` writes them)
        at the end of the item: for extensions, whose elements all come after feedgen's, when
        :attr:`lines` is a list. Cheaper than elements, which lxml builds and then writes."""
        assert self.lines is not None
        self.lines.append(text)

    def clear(self) -> None:
        """Drop what an item that failed left behind: pending splices and its elements."""
        self._splices, self._cdata, self._description, self.lines = [], None, None, None
        for item in list(self._channel):
            self._channel.remove(item)

    def adopt(self, item: etree._Element) -> None:
        """Move a new item (feedgen builds each in a document of its own) into the frame."""
        if item.getparent() is None:
            self._channel.append(item)

    def dump(self, item: etree._Element) -> bytes:
        """``item`` as it reads inside the feed: indented, ending in a newline; then drops it."""
        self.adopt(item)
        splices, self._splices = self._splices, []
        cdata, self._cdata = self._cdata, None
        description, self._description = self._description, None
        lines, self.lines = self.lines, None
        for placeholder, _, markup in splices:
            if len(item) == 0 or item[-1] is not placeholder:
                # Not where the text can be found safely: fall back to a parsed copy.
                placeholder.extend(etree.fromstring(_wrapped(placeholder, markup)))
        data = self._serialise()
        self._channel.remove(item)
        start, stop = self._head, len(data) - self._tail
        if splices:
            data = data[start:stop]
            for placeholder, empty, markup in splices:
                if len(placeholder) == 0:
                    # The last child is the last element before </item>: no notes can hold it.
                    at = data.rindex(empty)
                    data = data[:at] + markup + data[at + len(empty) :]
            start, stop = 0, len(data)
        # The notes and the lines go in with one join (the item is copied once).
        pieces: list[bytes] = []
        if description is not None:
            # The first match: the title and link before it have "<" escaped.
            at = data.index(_HELD_DESCRIPTION, start, stop) + len(_DESCRIPTION_START)
            pieces += (data[start:at], description)
            start = at + len(_HELD_TEXT)
        if cdata is not None:
            # The first match: text before it (title, link, description) has "<" escaped.
            at = data.index(_EMPTY_CONTENT, start, stop) + len(_CONTENT_START)
            pieces += (data[start:at], cdata)
            start = at
        if lines:
            if not data.endswith(_ITEM_END, start, stop):
                raise ValueError("an item without children cannot take lines")
            at = stop - len(_ITEM_END)
            pieces += (data[start:at], "".join(lines).encode())
            start = at
        if not pieces:
            return data[start:stop]
        pieces.append(data[start:stop])
        return b"".join(pieces)

    def _serialise(self) -> bytes:
        return etree.tostring(
            self._root, encoding="UTF-8", xml_declaration=False, pretty_print=True
        )


_ITEM_END = b"    </item>\n"
#: What an item's ``description`` holds until :meth:`ItemFrame.dump` writes the real text.
HELD_DESCRIPTION = "-"
_HELD_TEXT = HELD_DESCRIPTION.encode()
_DESCRIPTION_START = b"<description>"
_HELD_DESCRIPTION = _DESCRIPTION_START + _HELD_TEXT + b"</description>"
_CONTENT_START = b"<content:encoded><![CDATA["
_EMPTY_CONTENT = _CONTENT_START + b"]]></content:encoded>"


def _wrapped(placeholder: etree._Element, markup: bytes) -> bytes:
    """``markup``'s children inside a parent declaring the placeholder's namespaces."""
    declarations = b"".join(
        b' xmlns:%s="%s"' % (prefix.encode(), uri.encode())
        for prefix, uri in placeholder.nsmap.items()
        if prefix
    )
    start = markup.index(b">") + 1
    end = markup.rindex(b"</")
    return b"<wrapper%s>%s</wrapper>" % (declarations, markup[start:end])


class FramedEntryExtension(BaseEntryExtension):  # type: ignore[misc]
    """An item-level extension that writes inside an :class:`ItemFrame` when given one."""

    frame: ItemFrame | None = None

    def extend_rss(self, item: etree._Element) -> etree._Element:
        if self.frame is not None:
            self.frame.adopt(item)
        self.write(item)
        return item

    def write(self, item: etree._Element) -> None:
        """Add this extension's elements to ``item``."""
        raise NotImplementedError
