"""feedgen extension for Podlove Simple Chapters (``psc:chapters``) inside items.

For apps that read only PSC (gPodder, AntennaPod, feedparser). ``start`` is written as
``HH:MM:SS.mmm``, the one form feedparser parses; silent chapters (``toc = false``) are left
out, as PSC has no way to hide a chapter.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from lxml import etree

from ..sanitize import xml_safe
from . import PSC_NS, add

if TYPE_CHECKING:
    from ..model import Chapter

__all__ = ["PscEntryExtension", "PscExtension", "psc_time"]

_P = "{" + PSC_NS + "}"
_CHAPTER = _P + "chapter"


class PscExtension(BaseExtension):  # type: ignore[misc]
    """Declares the ``psc`` prefix on ``<rss>``; the chapters live in items."""

    def extend_ns(self) -> dict[str, str]:
        return {"psc": PSC_NS}


class PscEntryExtension(BaseEntryExtension):  # type: ignore[misc]
    """``psc:chapters`` for ``chapters`` (already in ascending start order)."""

    def __init__(self) -> None:
        self.chapters: tuple[Chapter, ...] = ()

    def extend_ns(self) -> dict[str, str]:
        return {"psc": PSC_NS}

    def extend_rss(self, item: etree._Element) -> etree._Element:
        shown = [c for c in self.chapters if c.toc is not False]
        if shown:
            chapters = add(item, _P + "chapters", version="1.2")
            # Written directly (not through add()): a feed has ~15 of these per episode.
            for chapter in shown:
                attrs = {"start": psc_time(chapter.start), "title": xml_safe(chapter.title)}
                if chapter.url:
                    attrs["href"] = xml_safe(chapter.url)
                if chapter.img:
                    attrs["image"] = xml_safe(chapter.img)
                etree.SubElement(chapters, _CHAPTER, attrs)
        return item


def psc_time(seconds: float) -> str:
    """Seconds → ``HH:MM:SS.mmm`` (normal play time, as PSC and feedparser expect)."""
    millis = round(seconds * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"
