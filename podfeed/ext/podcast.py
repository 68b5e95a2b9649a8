"""feedgen extension for the Podcasting 2.0 namespace (``podcast:``), channel and item.

Writes every formalized tag the Show or the Episode sets (spec §1.3), with the namespace's
own spellings: ``true``/``false`` booleans except ``podcast:locked``/``podcast:block``
(``yes``/``no``), seconds as decimals, dates in ``podcast:liveItem`` as ISO 8601 and in
``podcast:trailer`` as RFC 2822.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from email.utils import format_datetime
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from feedgen.ext.base import BaseExtension
from lxml import etree

from ..sanitize import xml_safe
from . import PODCAST_NS, FramedEntryExtension, Lines, add, put, seconds, serial_value

if TYPE_CHECKING:
    from ..model import (
        Chat,
        Episode,
        Funding,
        Image,
        Location,
        Person,
        SocialInteract,
        Txt,
        Value,
        ValueRecipient,
    )
    from ..show import RemoteItem, Show

__all__ = [
    "CHAPTERS_TYPE",
    "TRANSCRIPT_TYPES",
    "PodcastEntryExtension",
    "PodcastExtension",
    "item_lines",
    "transcript_type",
    "writes_lines",
]

_P = "{" + PODCAST_NS + "}"

#: The MIME type a chapters file is linked and served with.
CHAPTERS_TYPE = "application/json+chapters"

#: Transcript file extension → the MIME type the namespace lists for it.
TRANSCRIPT_TYPES = {
    ".vtt": "text/vtt",
    ".srt": "application/x-subrip",
    ".json": "application/json",
    ".html": "text/html",
    ".htm": "text/html",
    ".txt": "text/plain",
}


def transcript_type(url: str) -> str | None:
    """The transcript MIME type for ``url``'s file extension, or None when unknown."""
    path = urlsplit(url).path.lower()
    dot = path.rfind(".")
    return TRANSCRIPT_TYPES.get(path[dot:]) if dot >= 0 else None


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


class PodcastExtension(BaseExtension):  # type: ignore[misc]
    """Channel-level ``podcast:`` tags for ``show``; ``live_items`` are finished elements."""

    def __init__(self) -> None:
        self.show: Show | None = None
        self.live_items: Sequence[etree._Element] = ()

    def extend_ns(self) -> dict[str, str]:
        return {"podcast": PODCAST_NS}

    def extend_rss(self, rss: etree._Element) -> etree._Element:
        channel = rss[0]
        if self.show is not None:
            write_channel(channel, self.show)
        for live in self.live_items:
            channel.append(live)
        return rss


class PodcastEntryExtension(FramedEntryExtension):
    """Item-level ``podcast:`` tags for ``episode``; ``chapters_url`` links its JSON file."""

    def __init__(self) -> None:
        self.episode: Episode | None = None
        self.chapters_url: str | None = None

    def extend_ns(self) -> dict[str, str]:
        return {"podcast": PODCAST_NS}

    def write(self, item: etree._Element) -> None:
        if self.episode is None:
            return
        if self.frame is not None and self.frame.lines is not None:
            self.frame.write_lines(item_lines(self.episode, self.chapters_url))
        else:
            write_item(item, self.episode, self.chapters_url)


# Shared by channel and item --------------------------------------------------------------------


def _funding(parent: etree._Element | Lines, funding: Iterable[Funding]) -> None:
    for fund in funding:
        put(parent, _P + "funding", fund.text, url=fund.url)


def _persons(parent: etree._Element | Lines, persons: Iterable[Person]) -> None:
    for person in persons:
        put(
            parent,
            _P + "person",
            person.name,
            role=person.role,
            group=person.group,
            img=person.img,
            href=person.href,
        )


def _location(parent: etree._Element | Lines, location: Location | None) -> None:
    if location is not None:
        put(
            parent,
            _P + "location",
            location.name,
            rel=location.rel,
            geo=location.geo,
            osm=location.osm,
            country=location.country,
        )


def _recipients(parent: etree._Element, recipients: Iterable[ValueRecipient]) -> None:
    for r in recipients:
        add(
            parent,
            _P + "valueRecipient",
            name=r.name,
            type=r.type,
            address=r.address,
            split=r.split,
            customKey=r.custom_key,
            customValue=r.custom_value,
            fee=r.fee,
        )


def _values(parent: etree._Element, values: Iterable[Value]) -> None:
    for value in values:
        element = add(
            parent, _P + "value", type=value.type, method=value.method, suggested=value.suggested
        )
        _recipients(element, value.recipients)
        for split in value.time_splits:
            timed = add(
                element,
                _P + "valueTimeSplit",
                startTime=split.start,
                duration=split.duration,
                remoteStartTime=split.remote_start,
                remotePercentage=split.remote_percentage,
            )
            if split.remote_feed_guid:
                add(
                    timed,
                    _P + "remoteItem",
                    feedGuid=split.remote_feed_guid,
                    itemGuid=split.remote_item_guid,
                )
            _recipients(timed, split.recipients)


def _social(parent: etree._Element | Lines, interacts: Iterable[SocialInteract]) -> None:
    for s in interacts:
        put(
            parent,
            _P + "socialInteract",
            protocol=s.protocol,
            uri=s.uri,
            accountId=s.account_id,
            accountUrl=s.account_url,
            priority=s.priority,
        )


def _txts(parent: etree._Element | Lines, txts: Iterable[Txt]) -> None:
    for txt in txts:
        put(parent, _P + "txt", txt.text, purpose=txt.purpose)


def _images(parent: etree._Element | Lines, images: Iterable[Image]) -> None:
    for image in images:
        put(
            parent,
            _P + "image",
            href=image.href,
            alt=image.alt,
            **{"aspect-ratio": image.aspect_ratio},
            width=image.width,
            height=image.height,
            type=image.type,
            purpose=image.purpose,
        )


def _chat(parent: etree._Element | Lines, chat: Chat | None) -> None:
    if chat is not None:
        put(
            parent,
            _P + "chat",
            server=chat.server,
            protocol=chat.protocol,
            accountId=chat.account_id,
            space=chat.space,
        )


def _remote(parent: etree._Element, item: RemoteItem) -> None:
    add(
        parent,
        _P + "remoteItem",
        feedGuid=item.feed_guid,
        feedUrl=item.feed_url,
        itemGuid=item.item_guid,
        medium=item.medium,
        title=item.title,
    )


# Channel --------------------------------------------------------------------------------------


def write_channel(channel: etree._Element, show: Show) -> None:
    add(channel, _P + "guid", show.channel_guid)
    owner = show.owner.email if show.owner is not None and show.locked else None
    add(channel, _P + "locked", _yes_no(show.locked), owner=owner)
    _funding(channel, show.funding)
    _persons(channel, show.persons)
    _location(channel, show.location)
    for trailer in show.trailers:
        add(
            channel,
            _P + "trailer",
            trailer.title,
            url=trailer.url,
            pubdate=format_datetime(trailer.pubdate),
            length=trailer.length,
            type=trailer.type,
            season=trailer.season,
        )
    if show.license is not None:
        add(channel, _P + "license", show.license.identifier, url=show.license.url)
    if show.medium:
        add(channel, _P + "medium", show.medium)
    _values(channel, show.value)
    for block in show.block:
        add(channel, _P + "block", _yes_no(block.blocked), id=block.id)
    _txts(channel, show.txt)
    for remote in show.remote_items:
        _remote(channel, remote)
    if show.podroll:
        podroll = add(channel, _P + "podroll")
        for remote in show.podroll:
            _remote(podroll, remote)
    if show.update_frequency is not None:
        freq = show.update_frequency
        add(
            channel,
            _P + "updateFrequency",
            freq.text,
            complete=freq.complete,
            dtstart=freq.dtstart,
            rrule=freq.rrule,
        )
    if show.podping is not None:
        add(channel, _P + "podping", usesPodping=show.podping)
    _chat(channel, show.chat)
    if show.publisher is not None:
        _remote(add(channel, _P + "publisher"), show.publisher)
    _social(channel, show.social_interact)
    _images(channel, show.images)


# Item -----------------------------------------------------------------------------------------


def writes_lines(episode: Episode) -> bool:
    """Whether :func:`write_item` can write ``episode``'s tags as item lines: all but
    ``podcast:value`` and ``podcast:alternateEnclosure``, which hold elements of their own."""
    return not episode.values and not episode.alternate_enclosures


def item_lines(episode: Episode, chapters_url: str | None) -> str:
    """What :func:`write_item` adds, as the item's lines in the feed (see ItemFrame.lines)."""
    if not _has_item_tags(episode):
        # The usual item: at most the chapters link, one line made directly.
        return _chapters_line(chapters_url) if chapters_url else ""
    lines = Lines()
    write_item(lines, episode, chapters_url)
    return "".join(lines.parts)


def _has_item_tags(e: Episode) -> bool:
    """Whether :func:`write_item` writes any tag for ``e`` besides ``podcast:chapters``."""
    return bool(
        e.transcripts
        or e.soundbites
        or e.persons
        or e.location is not None
        or e.season is not None
        or e.number is not None
        or e.license
        or e.alternate_enclosures
        or e.values
        or e.social_interacts
        or e.txts
        or e.images
        or e.funding
        or e.chat is not None
        or e.content_links
    )


# The line's end after the url, as item_line() writes it: the type needs no escaping.
_CHAPTERS_TYPE_END = f'" type="{serial_value(CHAPTERS_TYPE)}"/>\n'


def _chapters_line(url: str) -> str:
    """The ``podcast:chapters`` line as :class:`Lines` writes it (see :func:`item_line`)."""
    return '      <podcast:chapters url="' + serial_value(xml_safe(url)) + _CHAPTERS_TYPE_END


def write_item(item: etree._Element | Lines, episode: Episode, chapters_url: str | None) -> None:
    for transcript in episode.transcripts:
        put(
            item,
            _P + "transcript",
            url=transcript.url,
            type=transcript.type or transcript_type(transcript.url) or "text/plain",
            language=transcript.language,
            rel=transcript.rel,
        )
    if chapters_url:
        put(item, _P + "chapters", url=chapters_url, type=CHAPTERS_TYPE)
    for bite in episode.soundbites:
        put(
            item,
            _P + "soundbite",
            bite.title or "",
            startTime=seconds(bite.start),
            duration=seconds(bite.duration),
        )
    _persons(item, episode.persons)
    _location(item, episode.location)
    if episode.season is not None:
        put(item, _P + "season", episode.season)
    if episode.number is not None:
        put(item, _P + "episode", episode.number)
    if episode.license:
        put(item, _P + "license", episode.license)
    for alt in episode.alternate_enclosures:
        assert isinstance(item, etree._Element), "written as lines (see writes_lines)"
        element = add(
            item,
            _P + "alternateEnclosure",
            type=alt.type,
            length=alt.length,
            bitrate=alt.bitrate,
            height=alt.height,
            lang=alt.lang,
            title=alt.title,
            rel=alt.rel,
            codecs=alt.codecs,
            default=alt.default,
        )
        for source in alt.sources:
            add(element, _P + "source", uri=source.uri, contentType=source.content_type)
        if alt.integrity is not None:
            add(element, _P + "integrity", type=alt.integrity.type, value=alt.integrity.value)
    if episode.values:
        assert isinstance(item, etree._Element), "written as lines (see writes_lines)"
        _values(item, episode.values)
    _social(item, episode.social_interacts)
    _txts(item, episode.txts)
    _images(item, episode.images)
    _funding(item, episode.funding)
    _chat(item, episode.chat)
    for link in episode.content_links:
        put(item, _P + "contentLink", link.text, href=link.href)
