"""feedgen extension for Podlove Simple Chapters (``psc:chapters``) inside items.

For apps that read only PSC (gPodder, AntennaPod, feedparser). ``start`` is written as
``HH:MM:SS.mmm``, the one form feedparser parses; silent chapters (``toc = false``) are left
out, as PSC has no way to hide a chapter.

A feed has ~20 of these per episode, and building them as elements costs more than the rest
of the item. So the block is written as markup: inside an :class:`~podfeed.ext.ItemFrame` it is
spliced into the serialised item as text (exactly as lxml would have serialised it), and
elsewhere parsed by libxml2 in one call (~4x faster than element by element).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from feedgen.ext.base import BaseExtension
from lxml import etree

from ..model import Chapter
from ..sanitize import xml_safe
from . import PSC_NS, FramedEntryExtension, serial_value

__all__ = [
    "PscEntryExtension",
    "PscExtension",
    "psc_chapters",
    "psc_markup",
    "psc_time",
    "shown",
]

_OPEN = f'<psc:chapters xmlns:psc="{PSC_NS}" version="1.2">'
_CLOSE = "</psc:chapters>"
# Characters an attribute value cannot hold as they are: the parser would read them as markup
# or, for whitespace, normalise them to spaces.
_ATTR_SPECIAL = re.compile('[&<"\t\n\r]')
_ATTR_ESCAPES = {
    "&": "&amp;",
    "<": "&lt;",
    '"': "&quot;",
    "\t": "&#9;",
    "\n": "&#10;",
    "\r": "&#13;",
}
# No DTD, no entities, no network: the input is podfeed's own markup.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


class PscExtension(BaseExtension):  # type: ignore[misc]
    """Declares the ``psc`` prefix on ``<rss>``; the chapters live in items."""

    def extend_ns(self) -> dict[str, str]:
        return {"psc": PSC_NS}


class PscEntryExtension(FramedEntryExtension):
    """``psc:chapters`` for ``chapters`` (already in ascending start order)."""

    def __init__(self) -> None:
        self.chapters: tuple[Chapter, ...] = ()
        #: Whether the last item written holds a ``psc:chapters``.
        self.wrote = False

    def extend_ns(self) -> dict[str, str]:
        return {"psc": PSC_NS}

    def write(self, item: etree._Element) -> None:
        self.wrote = False
        if self.frame is None:
            element = psc_chapters(self.chapters)
            if element is not None:
                item.append(element)
                self.wrote = True
            return
        text = _psc_text(self.chapters)
        if text is None:
            return
        self.wrote = True
        if self.frame.lines is not None:
            self.frame.write_lines(f"      {text}\n")
        else:
            placeholder = etree.SubElement(item, _TAG, version="1.2")
            self.frame.splice(placeholder, _EMPTY, text.encode())


def shown(chapters: Sequence[Chapter]) -> list[Chapter]:
    """The chapters PSC carries: all but the silent ones."""
    return [c for c in chapters if c.toc is not False]


def psc_chapters(chapters: Sequence[Chapter]) -> etree._Element | None:
    """The ``psc:chapters`` element for ``chapters``, or None when none is shown."""
    visible = shown(chapters)
    if not visible:
        return None
    texts = [c.title for c in visible]
    texts += [c.url for c in visible if c.url]
    texts += [c.img for c in visible if c.img]
    joined = "".join(texts)
    # One check for all values, usually clean (str.find per character beats a regex here).
    plain = len(xml_safe(joined)) == len(joined) and not any(c in joined for c in _ATTR_ESCAPES)
    value = _plain if plain else _escaped
    parts = [_OPEN]
    for c in visible:
        href = f' href="{value(c.url)}"' if c.url else ""
        image = f' image="{value(c.img)}"' if c.img else ""
        parts.append(
            f'<psc:chapter start="{psc_time(c.start)}" title="{value(c.title)}"{href}{image}/>'
        )
    parts.append(_CLOSE)
    element: etree._Element = etree.fromstring("".join(parts).encode(), _PARSER)
    return element


_TAG = f"{{{PSC_NS}}}chapters"
_EMPTY = b'<psc:chapters version="1.2"/>'
# What serial_value() escapes, as lxml does in an attribute value.
_SERIAL_SPECIAL = re.compile('[&<>"\t\n\r]')


def psc_markup(chapters: Sequence[Chapter]) -> bytes | None:
    """The children of ``psc:chapters`` as an item in the feed holds them: pretty-printed at
    an item child's depth, from the first child's start tag to the parent's closing tag."""
    text = _psc_text(chapters)
    return None if text is None else text.encode()


def _psc_text(chapters: Sequence[Chapter]) -> str | None:
    """:func:`psc_markup`, as text."""
    visible = [c for c in chapters if c.toc is not False]
    if not visible:
        return None
    if not [c for c in visible if c.url or c.img]:
        # The usual case: titles alone, one f-string per chapter.
        titles = "".join([c.title for c in visible])
        if len(xml_safe(titles)) == len(titles) and not _serial_special(titles):
            times = _TIMES
            body = "".join(
                [
                    f'        <psc:chapter start="{times[c.start]}" title="{c.title}"/>\n'
                    for c in visible
                ]
            )
            return f'<psc:chapters version="1.2">\n{body}      </psc:chapters>'
    joined = "".join([c.title + (c.url or "") + (c.img or "") for c in visible])
    if len(xml_safe(joined)) == len(joined) and not _serial_special(joined):
        clean = visible  # the usual case: values go in as they are, with no call per value
    else:
        clean = [_serial_chapter(c) for c in visible]
    times = _TIMES
    lines = [
        f'        <psc:chapter start="{times[c.start]}" title="{c.title}"'
        + (f' href="{c.url}"' if c.url else "")
        + (f' image="{c.img}"' if c.img else "")
        + "/>\n"
        for c in clean
    ]
    return f'<psc:chapters version="1.2">\n{"".join(lines)}      </psc:chapters>'


def _serial_chapter(c: Chapter) -> Chapter:
    """``c`` with its values escaped as lxml serialises attribute values."""
    return replace(
        c,
        title=_serial(c.title),
        url=_serial(c.url) if c.url else c.url,
        img=_serial(c.img) if c.img else c.img,
    )


def _serial_special(text: str) -> bool:
    """Whether ``_SERIAL_SPECIAL`` matches in ``text``: seven str searches (memchr) take a
    tenth of the regular expression's time on the ~600 characters of an item's chapters."""
    return (
        "&" in text
        or "<" in text
        or ">" in text
        or '"' in text
        or "\t" in text
        or "\n" in text
        or "\r" in text
    )


def _serial(text: str) -> str:
    return serial_value(xml_safe(text))


def _plain(text: str) -> str:
    return text


def _escaped(text: str) -> str:
    return _ATTR_SPECIAL.sub(lambda m: _ATTR_ESCAPES[m.group()], xml_safe(text))


def psc_time(seconds: float) -> str:
    """Seconds → ``HH:MM:SS.mmm`` (normal play time, as PSC and feedparser expect)."""
    return _TIMES[seconds]


def _psc_time(seconds: float) -> str:
    millis = round(seconds * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


class _Times(dict[float, str]):
    """psc_time's cache: a show's chapters mostly start on whole seconds within a few hours, so
    the same starts recur across episodes. A dict read in place (``_TIMES[start]``) costs a
    third of an lru_cache call, ~20 a chapter. The text depends on the value alone (1, 1.0 and
    True give the same), so equal keys may share an entry."""

    _LIMIT = 16384

    def __missing__(self, seconds: float) -> str:
        text = _psc_time(seconds)
        if len(self) >= self._LIMIT:
            self.clear()  # bounded, like the lru_cache it replaces
        self[seconds] = text
        return text


_TIMES = _Times()
