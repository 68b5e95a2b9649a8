"""Value formats shared by the checks: dates, URLs, MIME types, emails, durations, numbers.

Precompiled once; every function is a pure test on a string so checks stay one-liners.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from types import MappingProxyType
from urllib.parse import urlsplit

__all__ = [
    "DateCheck",
    "check_rfc2822",
    "file_extension",
    "is_absolute_url",
    "is_email",
    "is_http_url",
    "is_mime",
    "is_plain_date",
    "parse_iso8601",
]

_MONTHS: Mapping[str, int] = MappingProxyType(
    {
        m: i
        for i, m in enumerate(
            ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
        )
    }
)
_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# The fast path's regex takes only these exact spellings.
_FAST_MONTHS = {m.title(): i for m, i in _MONTHS.items()}
_FAST_DAYS = {d.title(): i for i, d in enumerate(_DAYS)}
_YEAR_AT_IMPORT = datetime.now(UTC).year
_ZONES: Mapping[str, int] = MappingProxyType(
    {
        "UT": 0,
        "GMT": 0,
        "Z": 0,
        "EST": -5,
        "EDT": -4,
        "CST": -6,
        "CDT": -5,
        "MST": -7,
        "MDT": -6,
        "PST": -8,
        "PDT": -7,
    }
)
# What RSS 2.0 readers accept at all (RFC 822 with 2- or 4-digit year, any case, ±HH:MM too).
_LOOSE_DATE = re.compile(
    r"^\s*(?:(?P<dow>[A-Za-z]{3})[a-z]*,?\s+)?(?P<day>\d{1,2})\s+(?P<mon>[A-Za-z]{3})[a-z]*\.?\s+"
    r"(?P<year>\d{2,4})\s+(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?\s*"
    r"(?P<zone>[+-]\d{2}:?\d{2}|[A-Za-z]{1,3})?\s*$"
)
# The strict form W3C wants (and Apple's examples use).
_STRICT_DATE = re.compile(
    r"^((Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?\d\d? (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
    r"\d{4} \d\d:\d\d(:\d\d)? ([+-]\d{2}[0-5]\d|UT|GMT|EST|EDT|CST|CDT|MST|MDT|PST|PDT|Z)$"
)
_MIME = re.compile(
    r"^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}"
    r"(\s*;\s*[A-Za-z0-9_.-]+=\S+)*$"
)
_EMAIL = re.compile(r"^[^@\s()<>]+@[^@\s()<>]+\.[A-Za-z0-9-]{2,}$")
_CONTACT = re.compile(r"^(?P<addr>[^@\s()<>]+@[^@\s()<>]+)(\s+\((?P<name>[^()]*)\))?$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_ISO8601 = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2})(?:[T ](?P<time>\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)"
    r"(?P<zone>Z|[+-]\d{2}:?\d{2})?)?$"
)
_FAR_FUTURE = timedelta(days=3660)
_FAST_DATE = re.compile(
    r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d\d) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
    r"(\d{4}) ([01]\d|2[0-3]):([0-5]\d):([0-5]\d) (?:GMT|UT|Z|\+0000)"
)
# http(s)://host[:port][/path…] with no whitespace and a plausible host: accepted at once.
_PLAIN_HTTP_URL = re.compile(r"https?://[A-Za-z0-9.-]+(:\d{1,5})?([/?#]\S*)?", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DateCheck:
    """The outcome of reading an RSS date: the value when readable, and what is wrong."""

    value: datetime | None
    rule: str | None = None  # RSS-015 (unreadable), RSS-016 (weekday), RSS-017, RSS-018
    problem: str = ""


@lru_cache(maxsize=4096)
def is_plain_date(text: str) -> bool:
    """Whether ``check_rfc2822(text)`` finds nothing wrong by its fast path, without reading
    the clock: a pure function of the text, remembered (a feed repeats its dates: the build's
    10,000 items have 840)."""
    fast = _FAST_DATE.fullmatch(text)
    if fast is None:
        return False
    dow, day_text, mon, year_text = fast.groups()[:4]
    year = int(year_text)
    if not 1900 <= year <= _YEAR_AT_IMPORT + 9:
        return False
    try:
        return date(year, _FAST_MONTHS[mon], int(day_text)).weekday() == _FAST_DAYS[dow]
    except ValueError:
        return False


def check_rfc2822(text: str, *, now: datetime | None = None) -> DateCheck:
    """Read an RFC 822/2822 date as RSS/Apple want it; the first problem found wins."""
    fast = _FAST_DATE.fullmatch(text)
    if fast is not None:
        # The strict GMT/+0000 form with a weekday: what nearly every feed writes. (The regex
        # already bounds the hour, minutes and seconds.)
        dow, day_text, mon, year_text, hour, minute, second = fast.groups()
        day, month, year = int(day_text), _FAST_MONTHS[mon], int(year_text)
        if year >= 1900 and (
            (now is None and year <= _YEAR_AT_IMPORT + 9)  # years only grow: no clock read
            or year <= (now or datetime.now(UTC)).year + 9
        ):
            try:
                weekday = date(year, month, day).weekday()
            except ValueError:
                weekday = -1
            if weekday == _FAST_DAYS[dow]:
                return DateCheck(
                    datetime(year, month, day, int(hour), int(minute), int(second), tzinfo=UTC)
                )
    match = _LOOSE_DATE.match(text)
    if match is None:
        return DateCheck(None, "RSS-015", f"{text!r} is not an RFC 2822 date")
    year_text = match["year"]
    if len(year_text) != 4:
        return DateCheck(None, "RSS-015", f"{text!r}: the year must have four digits")
    month_number = _MONTHS.get(match["mon"].lower())
    if month_number is None:
        return DateCheck(None, "RSS-015", f"{text!r}: {match['mon']!r} is not an English month")
    offset = _zone_offset(match["zone"])
    if offset is None:
        return DateCheck(None, "RSS-015", f"{text!r}: unknown time zone {match['zone']!r}")
    try:
        value = (
            datetime(
                int(year_text),
                month_number,
                int(match["day"]),
                int(match["h"]),
                int(match["m"]),
                int(match["s"] or 0),
                tzinfo=UTC,
            )
            - offset
        )
    except ValueError as exc:
        return DateCheck(None, "RSS-015", f"{text!r}: {exc}")
    dow = match["dow"]
    if dow is not None:
        if dow.lower() not in _DAYS:
            return DateCheck(value, "RSS-015", f"{text!r}: {dow!r} is not an English weekday")
        local_day = (value + offset).weekday()
        if _DAYS.index(dow.lower()) != local_day:
            return DateCheck(
                value,
                "RSS-016",
                f"{text!r}: {dow} does not match the date (it is a {_DAYS[local_day].title()})",
            )
    now = now or datetime.now(UTC)
    if value.year < 1900 or value > now + _FAR_FUTURE:
        return DateCheck(value, "RSS-018", f"{text!r} is implausible (before 1900 or years ahead)")
    if not _STRICT_DATE.match(text):
        return DateCheck(
            value,
            "RSS-017",
            f"{text!r}: use the strict form 'Ddd, DD Mon YYYY HH:MM:SS +HHMM' (or GMT)",
        )
    return DateCheck(value)


def _zone_offset(zone: str | None) -> timedelta | None:
    if zone is None:
        return None  # RFC 2822 requires a zone
    if zone[0] in "+-":
        digits = zone[1:].replace(":", "")
        minutes = int(digits[:2]) * 60 + int(digits[2:])
        return timedelta(minutes=minutes if zone[0] == "+" else -minutes)
    hours = _ZONES.get(zone.upper())
    return None if hours is None else timedelta(hours=hours)


def parse_iso8601(text: str) -> datetime | None:
    """An ISO 8601 date or date-time (RFC 3339, or ``±HHMM`` offsets as in the spec's example)."""
    match = _ISO8601.match(text.strip())
    if match is None:
        return None
    value = text.strip().replace(" ", "T")
    zone = match["zone"]
    if zone and zone != "Z" and ":" not in zone:
        value = value[: -len(zone)] + zone[:3] + ":" + zone[3:]
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed


def is_absolute_url(text: str) -> bool:
    """An absolute URI with a scheme; http(s) ones also need a host. No spaces."""
    if _PLAIN_HTTP_URL.fullmatch(text):
        return True  # the common case, without urlsplit
    if not text or any(c.isspace() for c in text) or not _SCHEME.match(text):
        return False
    try:
        parts = urlsplit(text)
    except ValueError:
        return False
    if parts.scheme.lower() in ("http", "https"):
        return bool(parts.hostname)
    return True


def is_http_url(text: str) -> bool:
    """An absolute ``http:`` or ``https:`` URL with a host."""
    return is_absolute_url(text) and text[:5].lower() in ("http:", "https")


def is_mime(text: str) -> bool:
    return _MIME.match(text) is not None


def is_email(text: str) -> bool:
    return _EMAIL.match(text) is not None


def is_contact(text: str) -> bool:
    """RSS 2.0 person: ``addr`` or ``addr (Name)``."""
    match = _CONTACT.match(text)
    return match is not None and is_email(match["addr"])


def file_extension(url: str) -> str:
    """Lower-case extension of the URL's path (``"mp3"``), ``""`` when there is none."""
    # String operations instead of urlsplit: this runs for every enclosure of a big feed.
    path = url.partition("#")[0].partition("?")[0]
    if "://" in path:
        path = path.partition("://")[2].partition("/")[2]
    name = path.rpartition("/")[2]
    return name.rpartition(".")[2].lower() if "." in name else ""
