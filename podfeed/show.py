"""The show: ``podcast.toml`` → :class:`Show`, and the channel's ``podcast:guid``.

A show folder holds ``podcast.toml`` (every key snake_case) next to its episode documents.
``load_show(folder)`` reads and checks it; ``Show(...)`` can also be built in Python, where
only the required fields must be given. Every problem is a :class:`~podfeed.errors.ShowError`
naming ``podcast.toml``, the line, the key and what was expected; several problems are
reported together in one :class:`~podfeed.errors.PodfeedErrorGroup`.

Rule IDs (also in :data:`SHOW_RULES`):

========  ================================================================================
SHOW-001  ``podcast.toml`` is missing, unreadable or not UTF-8
SHOW-002  ``podcast.toml`` is not valid TOML
SHOW-003  unknown key (at the top level or inside a table)
SHOW-004  a required key is missing
SHOW-005  a value has the wrong type, or is empty
SHOW-006  a category is not in Apple's list (exact case; sub-category as ``"Parent/Sub"``)
SHOW-007  a language code is not ISO 639-1 (with optional ``-subtags``)
SHOW-008  a URL is not absolute http(s), or not https where Podcasting 2.0 requires it
SHOW-009  a value is not one of the allowed ones (type, medium, protocols, service slugs…)
SHOW-010  ``guid`` (or a feed guid) is not a UUID, or is the podcast namespace UUID itself
SHOW-011  ``timezone`` is not an IANA time zone name
SHOW-012  an email address is malformed
SHOW-013  a date or time cannot be read
SHOW-014  a number is out of range (negative, zero where a positive number is needed)
SHOW-015  ``description`` is longer than Apple's 4000 bytes
SHOW-016  a location is malformed (geo URI, OSM id, ISO 3166 country code)
========  ================================================================================
"""

from __future__ import annotations

import re
import tomllib
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, date, datetime, time, tzinfo
from decimal import Decimal
from difflib import get_close_matches
from email.utils import parsedate_to_datetime
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from . import vocab
from .categories import APPLE_CATEGORIES, is_apple_category, is_obsolete_category
from .errors import PodfeedError, PodfeedErrorGroup, ShowError
from .languages import is_language_code
from .model import (
    Chat,
    Funding,
    Image,
    Location,
    Person,
    SocialInteract,
    Txt,
    Value,
    ValueRecipient,
    ValueTimeSplit,
)

__all__ = [
    "PODCAST_GUID_NAMESPACE",
    "SHOW_FILE",
    "SHOW_RULES",
    "Block",
    "License",
    "Owner",
    "RemoteItem",
    "Show",
    "Trailer",
    "UpdateFrequency",
    "load_show",
    "podcast_guid",
]

#: The settings file in a show folder.
SHOW_FILE = "podcast.toml"

#: The "podcast" namespace UUID that ``podcast:guid`` values are derived in (spec §1.7).
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")

SHOW_RULES: Mapping[str, str] = MappingProxyType(
    {
        "SHOW-001": "podcast.toml is missing, unreadable or not UTF-8",
        "SHOW-002": "podcast.toml is not valid TOML",
        "SHOW-003": "unknown key",
        "SHOW-004": "missing required key",
        "SHOW-005": "wrong type or empty value",
        "SHOW-006": "category not in Apple's list",
        "SHOW-007": "bad language code",
        "SHOW-008": "not an absolute http(s) URL, or not https where Podcasting 2.0 requires it",
        "SHOW-009": "value not among the allowed ones",
        "SHOW-010": "not a UUID, or the podcast namespace UUID itself",
        "SHOW-011": "unknown time zone",
        "SHOW-012": "malformed email address",
        "SHOW-013": "unreadable date or time",
        "SHOW-014": "number out of range",
        "SHOW-015": "description longer than 4000 bytes",
        "SHOW-016": "malformed location (geo URI, OSM id, country code)",
    }
)


@lru_cache(maxsize=256)
def podcast_guid(feed_url: str) -> str:
    """The spec's ``podcast:guid`` for a feed URL (Podcasting 2.0 ``podcast:guid``, spec §1.7).

    UUIDv5 in the namespace ``ead4c236-bf58-58c6-a2c6-a6b28d128cb6`` of the URL with
    surrounding whitespace, the ``scheme://`` prefix and all trailing slashes removed —
    nothing else is normalised. ``podnews.net/rss`` → ``9b024349-ccf0-5f69-a609-6b82873eab3c``.
    """
    seed = _SCHEME.sub("", feed_url.strip(), count=1).rstrip("/")
    return str(uuid.uuid5(PODCAST_GUID_NAMESPACE, seed))


_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


# --- Show-only parts -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Owner:
    """``itunes:owner``: who directories contact about the feed (never shown to listeners)."""

    email: str
    name: str | None = None


@dataclass(frozen=True, slots=True)
class License:
    """``podcast:license``: a license-list identifier, or a custom one with its ``url``."""

    identifier: str
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Trailer:
    """``podcast:trailer``: a trailer for the show (or a season), with its media file."""

    title: str
    url: str
    pubdate: datetime
    length: int | None = None
    type: str | None = None
    season: int | None = None


@dataclass(frozen=True, slots=True)
class RemoteItem:
    """``podcast:remoteItem``: another feed (or an item in it), by its ``podcast:guid``."""

    feed_guid: str
    feed_url: str | None = None
    item_guid: str | None = None
    medium: str | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class UpdateFrequency:
    """``podcast:updateFrequency``: the schedule in words, and as an RFC 5545 ``rrule``."""

    text: str
    rrule: str | None = None
    dtstart: str | None = None
    complete: bool | None = None


@dataclass(frozen=True, slots=True)
class Block:
    """``podcast:block``: keep the show off one platform (``id``, a service slug) or all."""

    blocked: bool = True
    id: str | None = None


@dataclass(frozen=True, slots=True)
class Show:
    """A podcast's channel-level settings: what ``podcast.toml`` holds.

    Required: ``title``, ``description``, ``link`` (the website), ``language``, ``author``,
    ``image`` (artwork URL), ``categories`` (Apple's, ``"Parent/Sub"`` for a sub-category),
    ``base_url`` (where built files are published) and ``explicit``. ``feed_url`` defaults to
    ``base_url`` + ``feed_file``. ``guid`` is the pinned ``podcast:guid``; when None,
    :attr:`channel_guid` computes it from ``feed_url``. ``fields``, ``media_prefix`` and
    ``timezone`` are for the episode reader. ``folder`` is where ``load_show`` found the show.
    """

    title: str
    description: str
    link: str
    language: str
    author: str
    image: str
    categories: tuple[str, ...]
    base_url: str
    explicit: bool
    owner: Owner | None = None
    type: str = "episodic"
    copyright: str | None = None
    feed_url: str = ""
    feed_file: str = "feed.xml"
    timezone: str | None = None
    fields: Mapping[str, str] = field(default_factory=dict, compare=False)
    media_prefix: str | None = None
    guid: str | None = None
    locked: bool = False
    funding: tuple[Funding, ...] = ()
    persons: tuple[Person, ...] = ()
    location: Location | None = None
    license: License | None = None
    medium: str | None = None
    value: tuple[Value, ...] = ()
    podroll: tuple[RemoteItem, ...] = ()
    remote_items: tuple[RemoteItem, ...] = ()
    update_frequency: UpdateFrequency | None = None
    podping: bool | None = None
    chat: Chat | None = None
    publisher: RemoteItem | None = None
    social_interact: tuple[SocialInteract, ...] = ()
    txt: tuple[Txt, ...] = ()
    block: tuple[Block, ...] = ()
    trailers: tuple[Trailer, ...] = ()
    images: tuple[Image, ...] = ()
    complete: bool = False
    new_feed_url: str | None = None
    max_items: int | None = None
    folder: Path | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        # A base URL without its trailing slash would make urljoin drop its last segment.
        if not self.base_url.endswith("/"):
            object.__setattr__(self, "base_url", self.base_url + "/")
        if not self.feed_url:
            object.__setattr__(self, "feed_url", urljoin(self.base_url, self.feed_file))

    @property
    def channel_guid(self) -> str:
        """The ``podcast:guid`` to write: ``guid`` if pinned, else computed from ``feed_url``."""
        return self.guid or podcast_guid(self.feed_url)


# --- Reading podcast.toml ----------------------------------------------------------------------

Key = tuple[str | int, ...]
Convert = Callable[[Any, Key], Any]


class _Bad(Exception):
    """One bad value: the rule, what was expected, and the key path it sits at."""

    def __init__(self, rule: str, message: str, key: Key) -> None:
        super().__init__(message)
        self.rule = rule
        self.message = message
        self.key = key


def _dotted(key: Key) -> str:
    out = ""
    for part in key:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def _type_name(value: Any) -> str:
    names = {bool: "a boolean", int: "an integer", float: "a number", str: "a string"}
    names |= {list: "an array", dict: "a table", datetime: "a date-time", date: "a date"}
    return names.get(type(value), type(value).__name__)


def _wrong(value: Any, key: Key, expected: str) -> _Bad:
    return _Bad("SHOW-005", f"expected {expected}, got {_type_name(value)}", key)


# Scalars ---------------------------------------------------------------------------------------


def _text(value: Any, key: Key) -> str:
    if not isinstance(value, str):
        raise _wrong(value, key, "a string")
    # Apple: "Don't add leading or trailing spaces to your values."
    text = value.strip()
    if not text:
        raise _Bad("SHOW-005", "expected a non-empty string", key)
    return text


def _url(value: Any, key: Key, *, https: bool = False) -> str:
    text = _text(value, key)
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in text:
        raise _Bad("SHOW-008", f"{text!r} is not an absolute URL: expected https://…", key)
    if https and parts.scheme != "https":
        # Podcasting 2.0: "it must be given as https: and not http:".
        raise _Bad("SHOW-008", f"{text!r} must use https: (Podcasting 2.0 tags require it)", key)
    return text


def _https(value: Any, key: Key) -> str:
    return _url(value, key, https=True)


def _bool(value: Any, key: Key) -> bool:
    if isinstance(value, bool):
        return value
    words = {"true": True, "yes": True, "explicit": True, "false": False, "no": False}
    words["clean"] = False
    if isinstance(value, str) and value.strip().lower() in words:
        return words[value.strip().lower()]
    raise _wrong(value, key, "true or false")


def _int(value: Any, key: Key, minimum: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _wrong(value, key, "an integer")
    if value < minimum:
        raise _Bad("SHOW-014", f"{value} is out of range: expected an integer ≥ {minimum}", key)
    return value


def _positive(value: Any, key: Key) -> int:
    return _int(value, key, minimum=1)


def _count(value: Any, key: Key) -> int:
    return _int(value, key, minimum=0)


def _seconds(value: Any, key: Key) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _wrong(value, key, "a number of seconds")
    if value < 0:
        raise _Bad("SHOW-014", f"{value} is out of range: expected seconds ≥ 0", key)
    return float(value)


def _number(value: Any, key: Key) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _wrong(value, key, "a number")
    return float(value)


def _decimal_text(value: Any, key: Key) -> str:
    """A non-negative decimal written as text (``podcast:value@suggested``)."""
    if isinstance(value, int | float) and not isinstance(value, bool) and value >= 0:
        # Decimal(repr()) keeps 5e-08 as 0.00000005 instead of rounding it to 0.
        return format(Decimal(repr(value)), "f")
    if isinstance(value, str) and re.fullmatch(r"\d+(\.\d+)?", value.strip()):
        return value.strip()
    raise _Bad("SHOW-014", "expected a non-negative decimal number", key)


_EMAIL = re.compile(r"[^@\s<>()\",;]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")


def _email(value: Any, key: Key) -> str:
    text = _text(value, key)
    if not _EMAIL.fullmatch(text):
        raise _Bad("SHOW-012", f"{text!r} is not an email address: expected name@example.org", key)
    return text


_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def _uuid(value: Any, key: Key) -> str:
    text = _text(value, key)
    if not _UUID.fullmatch(text):
        raise _Bad("SHOW-010", f"{text!r} is not a UUID: expected 8-4-4-4-12 hex digits", key)
    if uuid.UUID(text) == PODCAST_GUID_NAMESPACE:
        raise _Bad("SHOW-010", "is the podcast namespace UUID itself, not a feed's guid", key)
    return text.lower()


def _language(value: Any, key: Key) -> str:
    text = _text(value, key)
    if not is_language_code(text):
        raise _Bad(
            "SHOW-007",
            f"{text!r} is not a language code: expected ISO 639-1, e.g. 'en', 'de-AT'",
            key,
        )
    return text


def _timezone(value: Any, key: Key) -> str:
    text = _text(value, key)
    try:
        ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        expected = "expected an IANA name like Europe/Vienna"
        raise _Bad("SHOW-011", f"{text!r} is not a time zone: {expected}", key) from None
    return text


def _when(value: Any, key: Key) -> datetime:
    """A TOML date or date-time, or a string in ISO 8601 or RFC 2822; naive = fixed later."""
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime.combine(value, time())
    if isinstance(value, str):
        text = value.strip()
        try:
            return datetime.fromisoformat(text)
        except ValueError:
            pass
        try:
            return parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            pass
    raise _Bad("SHOW-013", f"{value!r} is not a date: expected e.g. 2026-01-12T09:00:00Z", key)


def _iso_text(value: Any, key: Key) -> str:
    """An ISO 8601 date or date-time kept as written (``updateFrequency@dtstart``)."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    text = _text(value, key)
    try:
        datetime.fromisoformat(text)
    except ValueError:
        raise _Bad("SHOW-013", f"{text!r} is not an ISO 8601 date or date-time", key) from None
    return text


def _choice(*options: str) -> Convert:
    def convert(value: Any, key: Key) -> str:
        text = _text(value, key)
        if text not in options:
            expected = ", ".join(options)
            raise _Bad("SHOW-009", f"{text!r} is not allowed: expected one of {expected}", key)
        return text

    return convert


_GEO = re.compile(r"geo:(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)(?:,-?\d+(?:\.\d+)?)?(?:;[^;\s]+)*")
_OSM = re.compile(r"[NWR]\d+(?:#\d+)?")


def _geo(value: Any, key: Key) -> str:
    text = _text(value, key)
    match = _GEO.fullmatch(text)
    if not match or abs(float(match.group(1))) > 90 or abs(float(match.group(2))) > 180:
        raise _Bad("SHOW-016", f"{text!r} is not a geo URI: expected geo:LAT,LON", key)
    return text


def _osm(value: Any, key: Key) -> str:
    text = _text(value, key)
    if not _OSM.fullmatch(text):
        raise _Bad("SHOW-016", f"{text!r} is not an OSM id: expected e.g. R113314 or W5013364", key)
    return text


def _country(value: Any, key: Key) -> str:
    text = _text(value, key)
    if not re.fullmatch(r"[A-Z]{2}", text) or text == "UK":
        raise _Bad(
            "SHOW-016", f"{text!r} is not an ISO 3166-1 alpha-2 code: expected e.g. US, GB", key
        )
    return text


def _categories(value: Any, key: Key) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value:
        raise _wrong(value, key, "a non-empty array of Apple category names")
    out = []
    for index, item in enumerate(value):
        name = _text(item, (*key, index))
        if not is_apple_category(name):
            raise _Bad("SHOW-006", _category_problem(name), (*key, index))
        out.append(name)
    return tuple(out)


def _category_problem(name: str) -> str:
    if is_obsolete_category(name):
        return f"{name!r} is an obsolete Apple category: expected one of Apple's current ones"
    subs = (f"{p}/{s}" for p, names in APPLE_CATEGORIES.items() for s in names)
    known = [*APPLE_CATEGORIES, *subs]
    close = get_close_matches(name, known, n=1, cutoff=0.6)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return (
        f"{name!r} is not an Apple category{hint}: expected Apple's exact spelling, "
        "a sub-category written 'Parent/Sub'"
    )


def _string_table(value: Any, key: Key) -> Mapping[str, str]:
    if not isinstance(value, dict):
        raise _wrong(value, key, "a table of strings")
    for name, item in value.items():
        _text(item, (*key, name))
    return MappingProxyType(dict(value))


# Records ---------------------------------------------------------------------------------------

#: How one table key maps to a constructor argument: (argument name, converter, required).
Spec = Mapping[str, tuple[str, Convert, bool]]


def _record(cls: Callable[..., Any], spec: Spec) -> Convert:
    def convert(value: Any, key: Key) -> Any:
        if not isinstance(value, dict):
            raise _wrong(value, key, f"a table with keys {', '.join(spec)}")
        for name in value:
            if name not in spec:
                raise _Bad(
                    "SHOW-003", f"unknown key: expected one of {', '.join(spec)}", (*key, name)
                )
        kwargs: dict[str, Any] = {}
        for name, (argument, conv, required) in spec.items():
            if name in value:
                kwargs[argument] = conv(value[name], (*key, name))
            elif required:
                raise _Bad("SHOW-004", f"missing required key {name!r}", (*key, name))
        return cls(**kwargs)

    return convert


def _many(convert: Convert, *, scalar: Convert | None = None) -> Convert:
    """A table or an array of tables (or, with ``scalar``, bare values too) → a tuple."""

    def many(value: Any, key: Key) -> tuple[Any, ...]:
        items = value if isinstance(value, list) else [value]
        out = []
        for index, item in enumerate(items):
            where = (*key, index) if isinstance(value, list) else key
            use = scalar if scalar is not None and not isinstance(item, dict) else convert
            out.append(use(item, where))
        return tuple(out)

    return many


def _opt(name: str, convert: Convert) -> tuple[str, Convert, bool]:
    return (name, convert, False)


def _req(name: str, convert: Convert) -> tuple[str, Convert, bool]:
    return (name, convert, True)


_OWNER = _record(Owner, {"email": _req("email", _email), "name": _opt("name", _text)})
_FUNDING = _record(Funding, {"url": _req("url", _https), "text": _opt("text", _text)})
_PERSON = _record(
    Person,
    {
        "name": _req("name", _text),
        "role": _opt("role", _text),
        "group": _opt("group", _text),
        "href": _opt("href", _https),
        "img": _opt("img", _https),
    },
)
_LOCATION = _record(
    Location,
    {
        "name": _req("name", _text),
        "geo": _opt("geo", _geo),
        "osm": _opt("osm", _osm),
        "rel": _opt("rel", _choice("subject", "creator")),
        "country": _opt("country", _country),
    },
)
_LICENSE_TABLE = _record(
    License, {"identifier": _req("identifier", _text), "url": _opt("url", _https)}
)


def _license(value: Any, key: Key) -> License:
    if isinstance(value, str):
        return License(_text(value, key))
    return _LICENSE_TABLE(value, key)  # type: ignore[no-any-return]


_RECIPIENT_SPEC: Spec = {
    "name": _opt("name", _text),
    "type": _req("type", _text),
    "address": _req("address", _text),
    "split": _req("split", _count),
    "custom_key": _opt("custom_key", _text),
    "custom_value": _opt("custom_value", _text),
    "fee": _opt("fee", _bool),
}
_RECIPIENTS = _many(_record(ValueRecipient, _RECIPIENT_SPEC))
_TIME_SPLIT = _record(
    ValueTimeSplit,
    {
        "start": _req("start", _seconds),
        "duration": _req("duration", _seconds),
        "recipients": _opt("recipients", _RECIPIENTS),
        "remote_feed_guid": _opt("remote_feed_guid", _uuid),
        "remote_item_guid": _opt("remote_item_guid", _text),
        "remote_start": _opt("remote_start", _seconds),
        "remote_percentage": _opt("remote_percentage", _number),
    },
)
_VALUE = _record(
    Value,
    {
        "type": _req("type", _text),
        "method": _req("method", _text),
        "suggested": _opt("suggested", _decimal_text),
        "recipients": _req("recipients", _RECIPIENTS),
        "time_splits": _opt("time_splits", _many(_TIME_SPLIT)),
    },
)

# The Podcasting 2.0 vocabularies are shared with the validator (podfeed/vocab.py); sorted, so
# that "expected one of …" messages list them in a stable order.
MEDIUMS = tuple(sorted(vocab.MEDIUMS))
CHAT_PROTOCOLS = tuple(sorted(vocab.CHAT_PROTOCOLS))
SOCIAL_PROTOCOLS = tuple(sorted(vocab.SOCIAL_PROTOCOLS))
SERVICE_SLUGS = vocab.SERVICE_SLUGS
_REMOTE_ITEM_SPEC: Spec = {
    "feed_guid": _req("feed_guid", _uuid),
    "feed_url": _opt("feed_url", _https),
    "item_guid": _opt("item_guid", _text),
    "medium": _opt("medium", _choice(*MEDIUMS)),
    "title": _opt("title", _text),
}
_REMOTE_ITEM = _record(RemoteItem, _REMOTE_ITEM_SPEC)
_PUBLISHER = _record(
    lambda **kw: RemoteItem(medium="publisher", **kw),
    {k: v for k, v in _REMOTE_ITEM_SPEC.items() if k != "medium"},
)
_UPDATE_FREQUENCY_TABLE = _record(
    UpdateFrequency,
    {
        "text": _req("text", _text),
        "rrule": _opt("rrule", _text),
        "dtstart": _opt("dtstart", _iso_text),
        "complete": _opt("complete", _bool),
    },
)


def _update_frequency(value: Any, key: Key) -> UpdateFrequency:
    if isinstance(value, str):
        return UpdateFrequency(_text(value, key))
    return _UPDATE_FREQUENCY_TABLE(value, key)  # type: ignore[no-any-return]


_CHAT = _record(
    Chat,
    {
        "server": _req("server", _text),
        "protocol": _req("protocol", _choice(*CHAT_PROTOCOLS)),
        "account_id": _opt("account_id", _text),
        "space": _opt("space", _text),
    },
)
_SOCIAL = _record(
    SocialInteract,
    {
        "protocol": _req("protocol", _choice(*SOCIAL_PROTOCOLS)),
        "uri": _opt("uri", _https),
        "account_id": _opt("account_id", _text),
        "account_url": _opt("account_url", _https),
        "priority": _opt("priority", _count),
    },
)
_TXT = _record(Txt, {"text": _req("text", _text), "purpose": _opt("purpose", _text)})
_TRAILER = _record(
    Trailer,
    {
        "title": _req("title", _text),
        "url": _req("url", _https),
        "pubdate": _req("pubdate", _when),
        "length": _opt("length", _count),
        "type": _opt("type", _text),
        "season": _opt("season", _positive),
    },
)
_IMAGE = _record(
    Image,
    {
        "href": _req("href", _https),
        "alt": _opt("alt", _text),
        "aspect_ratio": _opt("aspect_ratio", _text),
        "width": _opt("width", _positive),
        "height": _opt("height", _positive),
        "type": _opt("type", _text),
        "purpose": _opt("purpose", _text),
    },
)


def _block(value: Any, key: Key) -> tuple[Block, ...]:
    """``block = true`` (everywhere) or ``block = { spotify = true, apple = false }``."""
    if isinstance(value, dict):
        out = []
        for slug, flag in value.items():
            if slug not in SERVICE_SLUGS:
                raise _Bad(
                    "SHOW-009",
                    f"{slug!r} is not a service slug of the podcast namespace "
                    "(serviceslugs.txt), e.g. spotify, apple, google",
                    (*key, slug),
                )
            out.append(Block(_bool(flag, (*key, slug)), slug))
        return tuple(out)
    return (Block(_bool(value, key)),)


def _description(value: Any, key: Key) -> str:
    text = _text(value, key)
    if len(text.encode()) > 4000:
        raise _Bad("SHOW-015", f"is {len(text.encode())} bytes: Apple allows at most 4000", key)
    return text


#: Every key of podcast.toml: its converter and whether it is required.
SHOW_KEYS: Mapping[str, tuple[Convert, bool]] = MappingProxyType(
    {
        "title": (_text, True),
        "description": (_description, True),
        "link": (_url, True),
        "language": (_language, True),
        "author": (_text, True),
        "image": (_url, True),
        "categories": (_categories, True),
        "base_url": (_https, True),
        "explicit": (_bool, True),
        "owner": (_OWNER, False),
        "type": (_choice("episodic", "serial"), False),
        "copyright": (_text, False),
        "feed_url": (_url, False),
        "feed_file": (_text, False),
        "timezone": (_timezone, False),
        "fields": (_string_table, False),
        "media_prefix": (_url, False),
        "guid": (_uuid, False),
        "locked": (_bool, False),
        "funding": (_many(_FUNDING), False),
        "persons": (_many(_PERSON), False),
        "location": (_LOCATION, False),
        "license": (_license, False),
        "medium": (_choice(*MEDIUMS), False),
        "value": (_many(_VALUE), False),
        "podroll": (_many(_REMOTE_ITEM), False),
        "remote_items": (_many(_REMOTE_ITEM), False),
        "update_frequency": (_update_frequency, False),
        "podping": (_bool, False),
        "chat": (_CHAT, False),
        "publisher": (_PUBLISHER, False),
        "social_interact": (_many(_SOCIAL), False),
        "txt": (_many(_TXT, scalar=lambda v, k: Txt(_text(v, k))), False),
        "block": (_block, False),
        "trailers": (_many(_TRAILER), False),
        "images": (_many(_IMAGE), False),
        "complete": (_bool, False),
        "new_feed_url": (_url, False),
        "max_items": (_positive, False),
    }
)

assert set(SHOW_KEYS) == {f.name for f in fields(Show)} - {"folder"}


# Lines -----------------------------------------------------------------------------------------

_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)|\s*\(at end of document\)")


def _key_pattern(name: str) -> str:
    return rf"(?:{re.escape(name)}|\"{re.escape(name)}\"|'{re.escape(name)}')"


def key_line(text: str, key: Key) -> int | None:
    """The 1-based line of ``key`` (a path like ``("persons", 1, "href")``) in TOML ``text``.

    Found by scanning the text: the top-level key's assignment or table header (the n-th
    ``[[key]]`` for an index), then each sub-key after it. None when the key is not written
    (e.g. a missing required key).
    """
    lines = text.splitlines()
    if not key or not isinstance(key[0], str):
        return None
    top = _key_pattern(key[0])
    index = key[1] if len(key) > 1 and isinstance(key[1], int) else None
    array_header = re.compile(rf"\s*\[\[\s*{top}\s*\]\]")
    starts = [n for n, line in enumerate(lines) if array_header.match(line)]
    if index is not None and index < len(starts):
        start = starts[index]
    else:
        header = re.compile(rf"\s*\[\s*{top}\s*[\].]")
        assign = re.compile(rf"\s*{top}\s*[=.]")
        found = [n for n, line in enumerate(lines) if header.match(line) or assign.match(line)]
        if not found and not starts:
            return None
        start = (found or starts)[0]
    for part in key[1:]:
        if isinstance(part, int):
            continue
        sub = re.compile(rf"(?:^|[\s{{,.]){_key_pattern(part)}\s*=")
        for n in range(start, len(lines)):
            if n > start and lines[n].lstrip().startswith("["):
                break
            if sub.search(lines[n]):
                start = n
                break
    return start + 1


# Loading ---------------------------------------------------------------------------------------


def load_show(folder: str | Path) -> Show:
    """Read ``<folder>/podcast.toml`` into a :class:`Show`, checking every key.

    Raises ShowError (one problem) or PodfeedErrorGroup of ShowErrors (several), each naming
    ``podcast.toml``, the line, the key and what was expected.
    """
    folder = Path(folder)
    path = folder / SHOW_FILE
    text = _read_text(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        message = str(err)
        match = _TOML_POSITION.search(message)
        line = int(match.group(1)) if match and match.group(1) else None
        reason = _TOML_POSITION.sub("", message)
        raise ShowError(
            f"is not valid TOML: {reason}", path=path, line=line, rule="SHOW-002"
        ) from None

    errors: list[PodfeedError] = []
    kwargs: dict[str, Any] = {}

    def report(bad: _Bad) -> None:
        errors.append(
            ShowError(
                f"{_dotted(bad.key)}: {bad.message}",
                path=path,
                line=key_line(text, bad.key),
                field=_dotted(bad.key),
                rule=bad.rule,
            )
        )

    for name, value in data.items():
        if name not in SHOW_KEYS:
            close = get_close_matches(name, SHOW_KEYS, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            report(_Bad("SHOW-003", f"unknown key{hint}: see the podcast.toml reference", (name,)))
            continue
        try:
            kwargs[name] = SHOW_KEYS[name][0](value, (name,))
        except _Bad as bad:
            report(bad)
    for name, (_, required) in SHOW_KEYS.items():
        if required and name not in data:
            report(_Bad("SHOW-004", "missing required key", (name,)))
    if errors:
        if len(errors) == 1:
            raise errors[0]
        raise PodfeedErrorGroup(f"{path}: {len(errors)} problems", errors)

    zone = ZoneInfo(kwargs["timezone"]) if "timezone" in kwargs else UTC
    if "trailers" in kwargs:
        kwargs["trailers"] = tuple(
            replace(t, pubdate=_aware(t.pubdate, zone)) for t in kwargs["trailers"]
        )
    return Show(**kwargs, folder=folder)


def _aware(when: datetime, zone: tzinfo) -> datetime:
    return when if when.tzinfo is not None else when.replace(tzinfo=zone)


def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ShowError(
            f"not found: expected the show's settings file {SHOW_FILE} in {path.parent}",
            path=path,
            rule="SHOW-001",
        ) from None
    except OSError as err:
        raise ShowError(f"cannot be read: {err.strerror}", path=path, rule="SHOW-001") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise ShowError(
            f"is not UTF-8 (byte {err.start}): save it as UTF-8",
            path=path,
            line=line,
            rule="SHOW-001",
        ) from None
