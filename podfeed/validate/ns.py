"""Namespace URIs the validator knows, and the prefixes readers conventionally expect."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

__all__ = [
    "ATOM",
    "CONTENT",
    "CONVENTIONAL_PREFIX",
    "ITUNES",
    "PODCAST",
    "PODCAST_LEGACY",
    "PODCAST_URIS",
    "PODLOVE",
    "readable_tag",
]

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST = "https://podcastindex.org/namespace/1.0"
# Clients "must also recognize" the pre-2020 GitHub URI as identical (PN-1.0).
PODCAST_LEGACY = "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md"
PODCAST_URIS: frozenset[str] = frozenset({PODCAST, PODCAST_LEGACY})
ATOM = "http://www.w3.org/2005/Atom"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
#: Podlove Simple Chapters (``psc:``), which the build writes and no rule reads (``opaque``).
PODLOVE = "http://podlove.org/simple-chapters"

#: URI → the prefix podcast apps and the specs use for it.
CONVENTIONAL_PREFIX: Mapping[str, str] = MappingProxyType(
    {
        ITUNES: "itunes",
        PODCAST: "podcast",
        PODCAST_LEGACY: "podcast",
        ATOM: "atom",
        CONTENT: "content",
    }
)


def readable_tag(tag: str) -> str:
    """``{uri}local`` → ``prefix:local`` with the conventional prefix (or the URI in braces)."""
    if not tag.startswith("{"):
        return tag
    uri, _, local = tag[1:].partition("}")
    prefix = CONVENTIONAL_PREFIX.get(uri)
    return f"{prefix}:{local}" if prefix else tag
