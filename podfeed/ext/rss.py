"""feedgen entry extension for the RSS 2.0 item elements podfeed writes itself: ``pubDate``.

feedgen formats ``pubDate`` with ``strftime`` between two ``locale.setlocale`` calls (so that
day and month names are English whatever the locale), which cost more than the rest of the
date. :func:`rfc2822` writes the same text from the date's fields. Registered before the other
item extensions, the element lands where feedgen puts its own: right after ``enclosure``.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from feedgen.util import formatRFC2822
from lxml import etree

from . import FramedEntryExtension

__all__ = ["RssEntryExtension", "rfc2822"]

_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MINUTE = timedelta(minutes=1)


def rfc2822(date: datetime) -> str:
    """``date`` as feedgen writes ``pubDate``: ``Thu, 01 Jan 2015 00:00:00 +0000``."""
    offset = date.utcoffset()
    # strftime pads years below 1000 differently across platforms, and writes offsets with
    # seconds or without any: those go to feedgen's own formatting.
    if offset is None or offset % _MINUTE or not 1000 <= date.year <= 9999:
        return str(formatRFC2822(date))
    minutes = offset // _MINUTE
    sign = "-" if minutes < 0 else "+"
    hours, minutes = divmod(abs(minutes), 60)
    return (
        f"{_DAYS[date.weekday()]}, {date.day:02d} {_MONTHS[date.month - 1]} {date.year} "
        f"{date.hour:02d}:{date.minute:02d}:{date.second:02d} {sign}{hours:02d}{minutes:02d}"
    )


class RssEntryExtension(FramedEntryExtension):
    """The item's ``pubDate``, from ``date`` (an aware datetime)."""

    def __init__(self) -> None:
        self.date: datetime | None = None

    def extend_ns(self) -> dict[str, str]:
        return {}

    def write(self, item: etree._Element) -> None:
        if self.date is not None:
            etree.SubElement(item, "pubDate").text = rfc2822(self.date)
