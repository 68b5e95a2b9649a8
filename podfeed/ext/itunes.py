"""feedgen extension for Apple's ``itunes:`` tags, with Apple's current values.

``itunes:explicit`` is ``true``/``false``; categories are nested (``"Parent/Sub"`` in the
show becomes a parent ``itunes:category`` holding the sub-category); ``itunes:block`` and
``itunes:complete`` are written only as ``Yes``, the one value Apple acts on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from lxml import etree

from ..categories import split_category
from . import ITUNES_NS, add

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


class ItunesEntryExtension(BaseEntryExtension):  # type: ignore[misc]
    """Item-level ``itunes:`` tags for ``episode``."""

    def __init__(self) -> None:
        self.episode: Episode | None = None

    def extend_ns(self) -> dict[str, str]:
        return {"itunes": ITUNES_NS}

    def extend_rss(self, item: etree._Element) -> etree._Element:
        if self.episode is not None:
            write_item(item, self.episode)
        return item


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


def write_item(item: etree._Element, episode: Episode) -> None:
    add(item, _I + "title", episode.title)
    if episode.author:
        add(item, _I + "author", episode.author)
    if episode.duration is not None:
        add(item, _I + "duration", round(episode.duration))
    if episode.image:
        add(item, _I + "image", href=episode.image)
    if episode.explicit is not None:
        add(item, _I + "explicit", _explicit(episode.explicit))
    # Apple: "non-zero integer"; podcast:episode carries other numbers.
    if episode.number is not None and episode.number > 0:
        add(item, _I + "episode", episode.number)
    if episode.season is not None and episode.season > 0:
        add(item, _I + "season", episode.season)
    add(item, _I + "episodeType", episode.episode_type or "full")
