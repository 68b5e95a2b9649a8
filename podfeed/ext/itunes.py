"""feedgen extension for Apple's ``itunes:`` tags, with Apple's current values.

``itunes:explicit`` is ``true``/``false``; categories are nested (``"Parent/Sub"`` in the
show becomes a parent ``itunes:category`` holding the sub-category); ``itunes:block`` and
``itunes:complete`` are written only as ``Yes``, the one value Apple acts on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from feedgen.ext.base import BaseExtension
from lxml import etree

from ..categories import split_category
from ..sanitize import xml_safe
from . import ITUNES_NS, FramedEntryExtension, add, item_line

if TYPE_CHECKING:
    from ..model import Episode
    from ..show import Show

__all__ = ["ItunesEntryExtension", "ItunesExtension"]

_I = "{" + ITUNES_NS + "}"


class ItunesExtension(BaseExtension):  # type: ignore[misc]
    """Channel-level ``itunes:`` tags for ``show`` (set before the feed is rendered)."""

    def __init__(self) -> None:
        self.show: Show | None = None

    def extend_ns(self) -> dict[str, str]:
        return {"itunes": ITUNES_NS}

    def extend_rss(self, rss: etree._Element) -> etree._Element:
        if self.show is not None:
            write_channel(rss[0], self.show)
        return rss


class ItunesEntryExtension(FramedEntryExtension):
    """Item-level ``itunes:`` tags for ``episode``."""

    def __init__(self) -> None:
        self.episode: Episode | None = None

    def extend_ns(self) -> dict[str, str]:
        return {"itunes": ITUNES_NS}

    def write(self, item: etree._Element) -> None:
        if self.episode is None:
            return
        if self.frame is not None and self.frame.lines is not None:
            self.frame.write_lines(item_lines(self.episode))
        else:
            write_item(item, self.episode)


def _explicit(value: bool) -> str:
    return "true" if value else "false"


def write_channel(channel: etree._Element, show: Show) -> None:
    add(channel, _I + "author", show.author)
    add(channel, _I + "image", href=show.image)
    parents: dict[str, list[str]] = {}
    for name in show.categories:
        parent, sub = split_category(name)
        subs = parents.setdefault(parent, [])
        if sub is not None and sub not in subs:
            subs.append(sub)
    for parent, subs in parents.items():
        element = add(channel, _I + "category", text=parent)
        for sub in subs:
            add(element, _I + "category", text=sub)
    add(channel, _I + "explicit", _explicit(show.explicit))
    add(channel, _I + "type", show.type)
    if show.owner is not None:
        owner = add(channel, _I + "owner")
        if show.owner.name:
            add(owner, _I + "name", show.owner.name)
        add(owner, _I + "email", show.owner.email)
    if show.new_feed_url:
        add(channel, _I + "new-feed-url", show.new_feed_url)
    if any(b.blocked and b.id in (None, "apple") for b in show.block):
        add(channel, _I + "block", "Yes")
    if show.complete:
        add(channel, _I + "complete", "Yes")


# Prebuilt names: every item writes several of these (SubElement parses a "{ns}tag" string).
_TITLE, _AUTHOR, _DURATION, _IMAGE, _EXPLICIT, _EPISODE, _SEASON, _TYPE = (
    etree.QName(ITUNES_NS, name)
    for name in (
        "title",
        "author",
        "duration",
        "image",
        "explicit",
        "episode",
        "season",
        "episodeType",
    )
)


def _text(item: etree._Element, tag: etree.QName, text: str) -> None:
    etree.SubElement(item, tag).text = text


def write_item(item: etree._Element, episode: Episode) -> None:
    _text(item, _TITLE, xml_safe(episode.title))
    if episode.author:
        _text(item, _AUTHOR, xml_safe(episode.author))
    if episode.duration is not None:
        _text(item, _DURATION, str(round(episode.duration)))
    if episode.image:
        etree.SubElement(item, _IMAGE, href=xml_safe(episode.image))
    if episode.explicit is not None:
        _text(item, _EXPLICIT, _explicit(episode.explicit))
    # Apple: "non-zero integer"; podcast:episode carries other numbers.
    if episode.number is not None and episode.number > 0:
        _text(item, _EPISODE, str(episode.number))
    if episode.season is not None and episode.season > 0:
        _text(item, _SEASON, str(episode.season))
    _text(item, _TYPE, xml_safe(episode.episode_type or "full"))


def item_lines(episode: Episode) -> str:
    """What :func:`write_item` adds, as the item's lines in the feed (see ItemFrame.lines)."""
    lines = [item_line("itunes:title", xml_safe(episode.title))]
    if episode.author:
        lines.append(item_line("itunes:author", xml_safe(episode.author)))
    if episode.duration is not None:
        lines.append(item_line("itunes:duration", str(round(episode.duration))))
    if episode.image:
        lines.append(item_line("itunes:image", None, {"href": xml_safe(episode.image)}))
    if episode.explicit is not None:
        lines.append(item_line("itunes:explicit", _explicit(episode.explicit)))
    if episode.number is not None and episode.number > 0:
        lines.append(item_line("itunes:episode", str(episode.number)))
    if episode.season is not None and episode.season > 0:
        lines.append(item_line("itunes:season", str(episode.season)))
    lines.append(item_line("itunes:episodeType", xml_safe(episode.episode_type or "full")))
    return "".join(lines)
