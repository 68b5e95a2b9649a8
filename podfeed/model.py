"""The data model: what an episode document means, independent of how it was written.

Frozen dataclasses, built by the reader (``podfeed.reader``) or directly in Python by library
users with their own data source. Times are seconds (float), dates timezone-aware datetimes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from .diagnostics import Finding

__all__ = [
    "AlternateEnclosure",
    "Chapter",
    "Chat",
    "ContentLink",
    "Enclosure",
    "Episode",
    "Funding",
    "Image",
    "Integrity",
    "Link",
    "Live",
    "Location",
    "Person",
    "SocialInteract",
    "Soundbite",
    "Source",
    "Transcript",
    "Txt",
    "Value",
    "ValueRecipient",
    "ValueTimeSplit",
]


@dataclass(frozen=True, slots=True)
class Enclosure:
    """The episode's media file: ``url``, ``length`` in bytes, MIME ``type``."""

    url: str
    length: int | None = None
    type: str | None = None


@dataclass(frozen=True, slots=True)
class Chapter:
    """A chapter mark: ``start`` (and optional ``end``) in seconds from the start of the audio."""

    start: float
    title: str
    end: float | None = None
    url: str | None = None
    img: str | None = None
    toc: bool | None = None
    #: 1-based line in the source document where the chapter was found (not part of equality).
    line: int | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Link:
    """A link in the show notes: its ``text``, ``url`` and the ``section`` it sits under."""

    text: str
    url: str
    section: str | None = None


@dataclass(frozen=True, slots=True)
class Person:
    """Someone on or behind the episode (Podcasting 2.0 ``podcast:person``)."""

    name: str
    role: str | None = None
    group: str | None = None
    href: str | None = None
    img: str | None = None


@dataclass(frozen=True, slots=True)
class Transcript:
    """A transcript file; ``type`` is a MIME type, inferred from the extension when not given."""

    url: str
    type: str | None = None
    language: str | None = None
    rel: str | None = None


@dataclass(frozen=True, slots=True)
class Soundbite:
    """A shareable clip: ``start`` and ``duration`` in seconds, optional ``title``."""

    start: float
    duration: float
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Location:
    """A place the episode is about (``rel="subject"``) or was made in (``rel="creator"``)."""

    name: str
    geo: str | None = None
    osm: str | None = None
    rel: str | None = None
    country: str | None = None


@dataclass(frozen=True, slots=True)
class Funding:
    """A link listeners can follow to support the show, with its label."""

    url: str
    text: str = ""


@dataclass(frozen=True, slots=True)
class Image:
    """A ``podcast:image``: artwork in another size or purpose than the main cover."""

    href: str
    alt: str | None = None
    aspect_ratio: str | None = None
    width: int | None = None
    height: int | None = None
    type: str | None = None
    purpose: str | None = None


@dataclass(frozen=True, slots=True)
class Source:
    """One place an alternate enclosure can be fetched from (any URI scheme)."""

    uri: str
    content_type: str | None = None


@dataclass(frozen=True, slots=True)
class Integrity:
    """A checksum (``sri``) or signature (``pgp-signature``) of an alternate enclosure."""

    type: str
    value: str


@dataclass(frozen=True, slots=True)
class AlternateEnclosure:
    """Another rendition of the episode's media (``podcast:alternateEnclosure``)."""

    type: str
    sources: tuple[Source, ...]
    length: int | None = None
    bitrate: float | None = None
    height: int | None = None
    lang: str | None = None
    title: str | None = None
    rel: str | None = None
    codecs: str | None = None
    default: bool | None = None
    integrity: Integrity | None = None


@dataclass(frozen=True, slots=True)
class ValueRecipient:
    """One recipient of a value split; ``split`` is a number of shares, not a percentage."""

    type: str
    address: str
    split: int
    name: str | None = None
    custom_key: str | None = None
    custom_value: str | None = None
    fee: bool | None = None


@dataclass(frozen=True, slots=True)
class ValueTimeSplit:
    """A stretch of the episode whose value goes to other recipients or to a remote item."""

    start: float
    duration: float
    recipients: tuple[ValueRecipient, ...] = ()
    remote_feed_guid: str | None = None
    remote_item_guid: str | None = None
    remote_start: float | None = None
    remote_percentage: float | None = None


@dataclass(frozen=True, slots=True)
class Value:
    """A ``podcast:value`` block: how listeners can stream payments, and to whom."""

    type: str
    method: str
    recipients: tuple[ValueRecipient, ...]
    suggested: str | None = None
    time_splits: tuple[ValueTimeSplit, ...] = ()


@dataclass(frozen=True, slots=True)
class SocialInteract:
    """Where the comments thread for an episode lives."""

    protocol: str
    uri: str | None = None
    account_id: str | None = None
    account_url: str | None = None
    priority: int | None = None


@dataclass(frozen=True, slots=True)
class Txt:
    """Free text for machines, e.g. an ownership token (``purpose="verify"``)."""

    text: str
    purpose: str | None = None


@dataclass(frozen=True, slots=True)
class Chat:
    """A chat room for the show or episode."""

    server: str
    protocol: str
    account_id: str | None = None
    space: str | None = None


@dataclass(frozen=True, slots=True)
class ContentLink:
    """A link to the same content elsewhere (a video platform, a live stream page)."""

    href: str
    text: str = ""


@dataclass(frozen=True, slots=True)
class Live:
    """Makes an episode a ``podcast:liveItem``: ``status`` pending/live/ended, planned times."""

    status: str
    start: datetime
    end: datetime | None = None


@dataclass(frozen=True, slots=True)
class Episode:
    """One episode, as read from its document (or built in code).

    ``title`` and ``date`` are required; everything else is optional. ``extra`` keeps the
    front-matter keys no field used, verbatim. ``warnings`` are what the reader noticed but
    did not reject (e.g. chapters out of order); ``lines`` maps field names to the front-matter
    line they came from, for error messages in later stages.
    """

    title: str
    date: datetime
    author: str | None = None
    chapters: tuple[Chapter, ...] = ()
    links: tuple[Link, ...] = ()
    guid: str | None = None
    link: str | None = None
    summary: str | None = None
    content_html: str = ""
    audio: Enclosure | None = None
    duration: float | None = None
    image: str | None = None
    season: int | None = None
    number: int | None = None
    episode_type: str | None = None
    explicit: bool | None = None
    keywords: tuple[str, ...] = ()
    persons: tuple[Person, ...] = ()
    transcripts: tuple[Transcript, ...] = ()
    soundbites: tuple[Soundbite, ...] = ()
    location: Location | None = None
    license: str | None = None
    funding: tuple[Funding, ...] = ()
    images: tuple[Image, ...] = ()
    alternate_enclosures: tuple[AlternateEnclosure, ...] = ()
    values: tuple[Value, ...] = ()
    social_interacts: tuple[SocialInteract, ...] = ()
    txts: tuple[Txt, ...] = ()
    chat: Chat | None = None
    content_links: tuple[ContentLink, ...] = ()
    live: Live | None = None
    draft: bool = False
    source_path: Path | None = None
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False)
    warnings: tuple[Finding, ...] = field(default=(), compare=False, repr=False)
    lines: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.date.tzinfo is None or self.date.utcoffset() is None:
            raise ValueError("Episode.date must be timezone-aware")


def fill_class(cls: type) -> Any:
    """A plain class with the same slots as the frozen dataclass ``cls`` (for the reader).

    A frozen dataclass's __init__ stores each field with object.__setattr__, which is most of
    the cost of building a Chapter or Link (a document has dozens) or an Episode (36 fields).
    An instance of this twin is filled with plain attribute stores and then made a ``cls``
    instance by assigning ``__class__`` (allowed between classes with the same slot layout):
    the same object, built in about a third of the time. Whoever fills one sets every field.
    """
    return type(f"_{cls.__name__}Fill", (), {"__slots__": cls.__dict__["__slots__"]})
