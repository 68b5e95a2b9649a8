"""podfeed's own feedgen extensions: ``itunes``, ``podcast`` (Podcasting 2.0) and ``psc``.

Registered with ``FeedGenerator.register_extension`` by :mod:`podfeed.feed` instead of
feedgen's bundled podcast extension, which writes Apple's retired ``yes``/``no`` explicit
values and knows no ``podcast:`` tag. Each extension declares its namespace with the
conventional prefix; :func:`podfeed.feed.render_feed` drops declarations nothing uses.
"""

from __future__ import annotations

from lxml import etree

from ..sanitize import xml_safe

__all__ = ["ATOM_NS", "CONTENT_NS", "ITUNES_NS", "NAMESPACES", "PODCAST_NS", "PSC_NS", "add"]

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
