"""Value formats of the Podcasting 2.0 namespace (spec digest §1.6), precompiled once.

The P20 checks test attribute and node values with these; dates reuse the shared RSS/ISO
readers of ``formats``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime
from types import MappingProxyType

from .. import vocab
from ..languages import ISO_639_1
from .formats import check_rfc2822, parse_iso8601

__all__ = [
    "ASPECT_RATIO",
    "COUNT",
    "INTEGER",
    "LN_ADDRESS",
    "NODE_PUBKEY",
    "NUMBER",
    "OSM",
    "PLAIN_HTTP",
    "SECONDS",
    "SRCSET_CANDIDATE",
    "SRI",
    "UUID",
    "as_utc",
    "clock_seconds",
    "is_absolute",
    "is_geo_uri",
    "is_language_tag",
    "parse_iso",
    "parse_rrule",
    "parse_seconds",
    "rfc2822_problem",
]

UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_GEO = re.compile(
    r"geo:(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)(?:,-?\d+(?:\.\d+)?)?(?:;crs=[A-Za-z0-9-]+)?"
    r"(?:;u=\d+(?:\.\d+)?)?(?:;[A-Za-z0-9-]+=[^;]*)*",
    re.IGNORECASE,
)
OSM = re.compile(r"[NWR][0-9]+(?:#[0-9]+)?")
SECONDS = re.compile(r"\d+(?:\.\d+)?")
NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")
INTEGER = re.compile(r"[+-]?\d+")
COUNT = re.compile(r"\d+")
# An http: URL at the start of an attribute value or of a srcset candidate.
PLAIN_HTTP = re.compile(r"(?:^|[\s,\x00])http://", re.IGNORECASE)
_ABSOLUTE = re.compile(r"(?i:https?)://[^\s/?#]+\S*|(?!(?i:https?):)[A-Za-z][A-Za-z0-9+.-]*:\S+")
SRI = re.compile(r"(?:sha256|sha384|sha512)-[A-Za-z0-9+/]+={0,2}(?:\?\S*)?")
ASPECT_RATIO = re.compile(r"\s*\d+(?:\.\d+)?\s*(?:/\s*\d+(?:\.\d+)?\s*)?")
_LANGUAGE = re.compile(r"([A-Za-z]{2,3})(?:-[A-Za-z0-9]{1,8})*")
NODE_PUBKEY = re.compile(r"0[23][0-9a-fA-F]{64}")
LN_ADDRESS = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
SRCSET_CANDIDATE = re.compile(r"(\S+)\s+(\d+)w")
_WEEKDAY = r"(?:SU|MO|TU|WE|TH|FR|SA)"
#: RFC 5545 §3.3.10 rule parts and the shape of their values.
_RECUR_PARTS: Mapping[str, re.Pattern[str]] = MappingProxyType(
    {
        "FREQ": re.compile("|".join(sorted(vocab.RECUR_FREQUENCIES))),
        "UNTIL": re.compile(r"\d{8}(?:T\d{6}Z?)?"),
        "COUNT": re.compile(r"\d+"),
        "INTERVAL": re.compile(r"[1-9]\d*"),
        "BYSECOND": re.compile(r"\d{1,2}(?:,\d{1,2})*"),
        "BYMINUTE": re.compile(r"\d{1,2}(?:,\d{1,2})*"),
        "BYHOUR": re.compile(r"\d{1,2}(?:,\d{1,2})*"),
        "BYDAY": re.compile(rf"[+-]?(?:\d{{1,2}})?{_WEEKDAY}(?:,[+-]?(?:\d{{1,2}})?{_WEEKDAY})*"),
        "BYMONTHDAY": re.compile(r"[+-]?\d{1,2}(?:,[+-]?\d{1,2})*"),
        "BYYEARDAY": re.compile(r"[+-]?\d{1,3}(?:,[+-]?\d{1,3})*"),
        "BYWEEKNO": re.compile(r"[+-]?\d{1,2}(?:,[+-]?\d{1,2})*"),
        "BYMONTH": re.compile(r"\d{1,2}(?:,\d{1,2})*"),
        "BYSETPOS": re.compile(r"[+-]?\d{1,3}(?:,[+-]?\d{1,3})*"),
        "WKST": re.compile(_WEEKDAY),
    }
)


def is_absolute(url: str) -> bool:
    """An absolute URI; http(s) ones need ``//`` and a host (like formats.is_absolute_url)."""
    return _ABSOLUTE.fullmatch(url) is not None


def parse_seconds(text: str | None) -> float | None:
    """Non-negative decimal seconds (``73.5``), None when absent or not that shape."""
    return float(text) if text is not None and SECONDS.fullmatch(text) else None


def is_language_tag(tag: str) -> bool:
    """A BCP 47-shaped tag; a two-letter primary subtag must be a real ISO 639-1 code."""
    match = _LANGUAGE.fullmatch(tag)
    if match is None:
        return False
    primary = match.group(1).lower()
    return len(primary) == 3 or primary in ISO_639_1


def parse_iso(text: str) -> tuple[datetime, bool] | None:
    """(moment, has a time part) for an ISO 8601 date or date-time, else None.

    Offsets are accepted as ``-06:00`` (RFC 3339) and ``-0600`` (the live-item spec example).
    """
    moment = parse_iso8601(text)
    return None if moment is None else (moment, len(text.strip()) > 10)


def as_utc(moment: datetime) -> datetime:
    # A date-time without offset is compared as UTC: good enough to order start and end.
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def rfc2822_problem(text: str) -> str | None:
    # Only unreadable dates and wrong weekdays make it "not RFC 2822"; style is RSS-017's.
    checked = check_rfc2822(text)
    return checked.problem if checked.rule in ("RSS-015", "RSS-016") else None


def parse_rrule(text: str) -> tuple[dict[str, str], str | None]:
    """RFC 5545 RECUR rule parts by upper-cased name, or a reason it does not parse."""
    parts: dict[str, str] = {}
    for part in text.split(";"):
        name, sep, value = part.partition("=")
        name = name.strip().upper()
        if not sep or not name or not value:
            return parts, f"rule part {part!r} is not NAME=VALUE"
        if name in parts:
            return parts, f"rule part {name} appears twice"
        pattern = _RECUR_PARTS.get(name)
        if pattern is None and not name.startswith("X-"):
            return parts, f"unknown rule part {name}"
        if pattern is not None and not pattern.fullmatch(value.strip().upper()):
            return parts, f"{name}={value} is not a valid value"
        parts[name] = value.strip().upper()
    if "FREQ" not in parts:
        return parts, "FREQ is required"
    if "COUNT" in parts and "UNTIL" in parts:
        return parts, "COUNT and UNTIL must not both be given"
    return parts, None


def clock_seconds(text: str) -> float | None:
    """itunes:duration as seconds (SS, MM:SS or HH:MM:SS), None when not that shape."""
    pieces = text.split(":")
    if len(pieces) > 3 or not all(SECONDS.fullmatch(p) for p in pieces):
        return None
    total = 0.0
    for piece in pieces:
        total = total * 60 + float(piece)
    return total


def is_geo_uri(text: str) -> bool:
    """An RFC 5870 ``geo:`` URI with latitude in -90..90 and longitude in -180..180."""
    match = _GEO.fullmatch(text)
    return (
        match is not None
        and -90 <= float(match.group(1)) <= 90
        and -180 <= float(match.group(2)) <= 180
    )
