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
    "Chapter",
    "Enclosure",
    "Episode",
    "Funding",
    "Link",
    "Location",
    "Person",
    "Soundbite",
    "Transcript",
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
    draft: bool = False
    source_path: Path | None = None
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False)
    warnings: tuple[Finding, ...] = field(default=(), compare=False, repr=False)
    lines: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.date.tzinfo is None or self.date.utcoffset() is None:
            raise ValueError("Episode.date must be timezone-aware")
