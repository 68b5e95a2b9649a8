"""Media files: which extensions name one, the enclosure MIME type each gets, and links that
only jump to a time in a recording.

One place for the reader (is this URL the audio or the episode page? is a chapter's link a
time jump?), the build (infer a missing ``type``) and the renderers.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import PurePosixPath
from types import MappingProxyType
from urllib.parse import urlsplit

__all__ = [
    "MEDIA_EXTENSIONS",
    "MEDIA_TYPES",
    "TIME_PARAMETERS",
    "has_time",
    "media_type",
    "without_time",
]

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


#: Query parameters that only say where in a recording to start playing.
TIME_PARAMETERS = ("t", "start", "time", "time_continue", "at")
# A time parameter in a query, with the "&" after it: (?<=[?&])(?:t|start|…)=[^&#]*&?, written
# to start with the set of the names' first letters, which lets the regex engine skip the
# other characters of a URL instead of trying the lookbehind at each.
_TIME_QUERY = re.compile(
    "[" + "".join(sorted({name[0] for name in TIME_PARAMETERS})) + "]"
    + r"(?<=[?&].)(?:"
    + "|".join(rf"(?<={re.escape(name[0])}){re.escape(name[1:])}" for name in TIME_PARAMETERS)
    + r")=[^&#]*&?"
)  # fmt: skip
# Whether a URL holds a time parameter (query or "#t=" fragment): without_time(url)[1], found
# without building the bare URL. The search runs from each "=" (a literal the regex engine
# finds fast) and looks back for the parameter name.
_HAS_TIME = re.compile(
    "=(?:" + "|".join(rf"(?<=[?&]{re.escape(name)}=)" for name in TIME_PARAMETERS) + "|(?<=#t=))"
)


def without_time(url: str) -> tuple[str, bool]:
    """``url`` with its time parameters (query or ``#t=`` fragment) removed, and whether it
    had any."""
    if "t=" not in url and "time" not in url:
        return url, False  # the common case, without a regex
    bare, in_query = _TIME_QUERY.subn("", url)
    fragment = bare.find("#t=")
    if fragment >= 0:
        bare = bare[:fragment]
    if in_query:
        bare = bare.replace("&#", "#").replace("?#", "#").rstrip("?&")
    return bare, bool(in_query) or fragment >= 0


def has_time(url: str) -> bool:
    """Whether ``url`` has a time parameter (``without_time(url)[1]``, cheaper)."""
    return _HAS_TIME.search(url) is not None
