"""Media files: which extensions name one, and the enclosure MIME type each gets.

One table for the reader (is this URL the audio or the episode page?), the build (infer a
missing ``type``) and the feed.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import PurePosixPath
from types import MappingProxyType
from urllib.parse import urlsplit

__all__ = ["MEDIA_EXTENSIONS", "MEDIA_TYPES", "media_type"]

#: Media file extension → enclosure MIME type (Apple's types first, in Apple's spelling; §3.7).
MEDIA_TYPES: Mapping[str, str] = MappingProxyType(
    {
        ".mp3": "audio/mpeg",
        ".m4a": "audio/x-m4a",
        ".mp4": "video/mp4",
        ".m4v": "video/x-m4v",
        ".mov": "video/quicktime",
        ".pdf": "application/pdf",
        ".epub": "application/epub+zip",
        ".aac": "audio/aac",
        ".ogg": "audio/ogg",
        ".oga": "audio/ogg",
        ".opus": "audio/opus",
        ".flac": "audio/flac",
        ".wav": "audio/wav",
        ".webm": "video/webm",
        ".mka": "audio/x-matroska",
        ".mkv": "video/x-matroska",
    }
)

#: Extensions (without the dot) that make a URL a media file rather than a web page.
MEDIA_EXTENSIONS = frozenset(suffix[1:] for suffix in MEDIA_TYPES)


def media_type(url: str) -> str | None:
    """The enclosure MIME type for ``url``'s file extension, or None when unknown."""
    return MEDIA_TYPES.get(PurePosixPath(urlsplit(url).path).suffix.lower())
