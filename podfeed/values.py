"""Parsers for the scalar values episode documents hold: dates, durations, booleans, numbers.

Each parser takes whatever YAML, TOML or JSON produced and returns the typed value, or raises
``ValueError`` with what was expected; the reader turns that into a DocumentError with the
file, line and field.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from email.utils import parsedate_to_datetime

__all__ = [
    "EPOCH_MILLISECONDS_FROM",
    "TIMESTAMP",
    "format_timestamp",
    "parse_bool",
    "parse_date",
    "parse_duration",
    "parse_int",
]

#: Integers at or above this are epoch milliseconds (10**11 seconds is the year 5138).
EPOCH_MILLISECONDS_FROM = 10**11

#: The clock forms shows write times in: ``M:SS``, ``MM:SS``, ``H:MM:SS``, ``HH:MM:SS.mmm``.
TIMESTAMP = re.compile(r"(?:(\d{1,2}):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?")
_TIMESTAMP_FULL = re.compile(r"\s*" + TIMESTAMP.pattern + r"\s*")
_SECONDS = re.compile(r"\s*\d+(?:\.\d+)?\s*")

_FOREVER = 10.0**9  # seconds; anything longer (or infinite) is a typo, not a recording

_TRUE = frozenset({"true", "yes", "explicit", "y", "on", "1"})
_FALSE = frozenset({"false", "no", "clean", "n", "off", "0"})

# YAML 1.1 timestamps allow a space before the offset and an hour-only offset: "-5".
_YAML_TIMESTAMP = re.compile(
    r"(?P<date>\d{4}-\d{1,2}-\d{1,2})"
    r"(?:[Tt ]+(?P<time>\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)"
    r"\s*(?P<tz>Z|z|[+-]\d{1,2}(?::?\d{2})?)?)?"
)


def parse_bool(value: object) -> bool:
    """``true/false/yes/no/clean/explicit`` (and on/off, 1/0) in any case, or a real boolean."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
    raise ValueError(f"expected true/false (or yes/no, explicit/clean), got {value!r}")


def parse_int(value: object) -> int:
    """A whole number, given as a number or as digits in a string."""
    if isinstance(value, bool):
        raise ValueError(f"expected a whole number, got {value!r}")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        text = value.strip().replace("_", "")
        if text.isdigit():
            return int(text)
    raise ValueError(f"expected a whole number, got {value!r}")


def parse_duration(value: object) -> float:
    """Seconds from a number or a clock string: ``SS``, ``M:SS``, ``MM:SS``, ``H:MM:SS(.mmm)``."""
    if isinstance(value, bool):
        raise ValueError(f"expected a duration (seconds or H:MM:SS), got {value!r}")
    if isinstance(value, int | float):
        if not 0 <= value < _FOREVER:  # also refuses NaN and infinity
            raise ValueError(f"expected a duration of zero or more seconds, got {value!r}")
        return float(value)
    if isinstance(value, str):
        if _SECONDS.fullmatch(value):
            return parse_duration(float(value))
        match = _TIMESTAMP_FULL.fullmatch(value)
        if match:
            return _clock_seconds(match)
    if isinstance(value, time):
        return value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6
    raise ValueError(f"expected a duration (seconds, M:SS or H:MM:SS), got {value!r}")


def _clock_seconds(match: re.Match[str]) -> float:
    hours, minutes, seconds, fraction = match.groups()
    m, s = int(minutes), int(seconds)
    if s >= 60 or (hours is not None and m >= 60):
        raise ValueError(f"expected minutes and seconds below 60 in {match.group(0).strip()!r}")
    total = (int(hours) * 3600 if hours else 0) + m * 60 + s
    if fraction:
        total += int(fraction) / 10 ** len(fraction)
    return float(total)


def format_timestamp(seconds: float) -> str:
    """``H:MM:SS`` (or ``M:SS``) for a number of seconds, the way show notes write it."""
    whole = int(seconds)
    h, rest = divmod(whole, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def parse_date(value: object, tz: tzinfo | None = None) -> datetime:
    """A timezone-aware datetime from any date form documents use.

    Date-only and naive values take ``tz`` (UTC when None). Accepts datetime/date objects
    (TOML), ISO 8601 and YAML timestamp strings, RFC 822/2822 strings, and integers as epoch
    seconds or, from ``EPOCH_MILLISECONDS_FROM`` on, epoch milliseconds.
    """
    zone = tz or UTC
    if isinstance(value, bool):
        raise ValueError(f"expected a date, got {value!r}")
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=zone)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=zone)
    if isinstance(value, int | float):
        seconds = value / 1000 if abs(value) >= EPOCH_MILLISECONDS_FROM else value
        try:
            return datetime.fromtimestamp(seconds, UTC)
        except (OverflowError, OSError, ValueError) as err:
            raise ValueError(f"expected a date, got the number {value!r}") from err
    if isinstance(value, str):
        text = value.strip()
        if len(text) == 8 and text.isdigit() and text[:2] in ("19", "20"):
            text = f"{text[:4]}-{text[4:6]}-{text[6:]}"  # ISO 8601 basic form: 20260302
        elif text.isdigit():
            return parse_date(int(text), tz)
        return _parse_date_text(text, zone)
    raise ValueError(
        f"expected a date (e.g. 2026-03-01 or 2026-03-01T09:30:00+01:00), got {value!r}"
    )


def _parse_date_text(text: str, zone: tzinfo) -> datetime:
    match = _YAML_TIMESTAMP.fullmatch(text)
    if match:
        year, month, day = (int(part) for part in match["date"].split("-"))
        clock = match["time"]
        try:
            if clock is None:
                return datetime(year, month, day, tzinfo=zone)
            parsed = datetime.fromisoformat(f"{year:04d}-{month:02d}-{day:02d}T{_pad_clock(clock)}")
        except ValueError as err:
            raise ValueError(
                f"expected a real calendar date and time, got {text!r}: {err}"
            ) from err
        offset = match["tz"]
        if offset is None:
            return parsed.replace(tzinfo=zone)
        return parsed.replace(tzinfo=_offset_zone(offset))
    rfc822: datetime | None
    try:
        rfc822 = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        rfc822 = None
    if rfc822 is not None:
        return rfc822 if rfc822.tzinfo is not None else rfc822.replace(tzinfo=zone)
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(
            f"expected a date such as 2026-03-01, 2026-03-01T09:30:00+01:00 or "
            f"'Sun, 01 Mar 2026 09:30:00 +0100', got {text!r}"
        ) from None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=zone)


def _pad_clock(clock: str) -> str:
    head, _, rest = clock.partition(":")
    return head.zfill(2) + ":" + rest


def _offset_zone(offset: str) -> tzinfo:
    if offset in ("Z", "z"):
        return UTC
    sign = -1 if offset[0] == "-" else 1
    digits = offset[1:].replace(":", "")
    hours = int(digits[:-2] if len(digits) > 2 else digits)
    minutes = int(digits[-2:]) if len(digits) > 2 else 0
    if hours > 23 or minutes > 59:
        raise ValueError(f"expected a UTC offset such as +01:00, got {offset!r}")
    return timezone(sign * timedelta(hours=hours, minutes=minutes))
