"""Podcasting 2.0 (``podcast:``) checks: the P20-* rules of spec digest §5.5.

One pass over every podcast-namespace element (either namespace URI, never by prefix): a table
(``_TAGS``) gives each tag's allowed parents, whether it is single, its required attributes and
its length limits; a handler per tag checks its values. Channel-wide rules (guid, medium, block
ids, person replacement, socialInteract priorities) run once after the pass on what it gathered.

Decisions where rules overlap (one finding per problem):
* a required attribute that is absent is reported by the tag's own rule (P20-015 for transcript
  ``url``…); present but blank, by the umbrella rule P20-004;
* a second ``podcast:integrity`` is P20-067 (not P20-003); ``txt@purpose`` length is P20-121
  (not P20-006);
* ``application/json`` chapters are tolerated: P20-026 at info level.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import MappingProxyType
from typing import cast

from ..diagnostics import Severity
from ..languages import ISO_639_1
from . import podcast_vocab as vocab
from .catalog import RULES
from .context import Element, FeedContext
from .formats import check_rfc2822, is_email, is_mime, parse_iso8601
from .ns import ITUNES, PODCAST, PODCAST_LEGACY, PODCAST_URIS
from .registry import feed_check

__all__ = ["check_podcast"]

# -- value formats (spec digest §1.6) ------------------------------------------------------------

_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_GUID_NAMESPACE = "ead4c236-bf58-58c6-a2c6-a6b28d128cb6"
_GEO = re.compile(
    r"geo:(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)(?:,-?\d+(?:\.\d+)?)?(?:;crs=[A-Za-z0-9-]+)?"
    r"(?:;u=\d+(?:\.\d+)?)?(?:;[A-Za-z0-9-]+=[^;]*)*",
    re.IGNORECASE,
)
_OSM = re.compile(r"[NWR][0-9]+(?:#[0-9]+)?")
_SECONDS = re.compile(r"\d+(?:\.\d+)?")
_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")
_INTEGER = re.compile(r"[+-]?\d+")
_COUNT = re.compile(r"\d+")
# An http: URL at the start of an attribute value or of a srcset candidate.
_PLAIN_HTTP = re.compile(r"(?:^|[\s,\x00])http://", re.IGNORECASE)
# Absolute URI; http(s) ones need "//" and a host (like formats.is_absolute_url, but one regex).
_ABSOLUTE = re.compile(r"(?i:https?)://[^\s/?#]+\S*|(?!(?i:https?):)[A-Za-z][A-Za-z0-9+.-]*:\S+")
_SRI = re.compile(r"(?:sha256|sha384|sha512)-[A-Za-z0-9+/]+={0,2}(?:\?\S*)?")
_ASPECT_RATIO = re.compile(r"\s*\d+(?:\.\d+)?\s*(?:/\s*\d+(?:\.\d+)?\s*)?")
_LANGUAGE = re.compile(r"([A-Za-z]{2,3})(?:-[A-Za-z0-9]{1,8})*")
_NODE_PUBKEY = re.compile(r"0[23][0-9a-fA-F]{64}")
_LN_ADDRESS = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
_SRCSET_CANDIDATE = re.compile(r"(\S+)\s+(\d+)w")
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
_BOOLEANS = frozenset({"true", "false"})
_YES_NO = frozenset({"yes", "no"})
_GUIDANCE = 128
_SHORT_GUIDANCE = 32
_TXT_LIMIT = 4000
_SOUNDBITE_SECONDS = (15.0, 120.0)

_PODCAST_TAGS = (f"{{{PODCAST}}}*", f"{{{PODCAST_LEGACY}}}*")
_ITUNES_DURATION = f"{{{ITUNES}}}duration"
_ITUNES_SEASON = f"{{{ITUNES}}}season"

# -- the tag table (spec digest §1.3) --------------------------------------------------------------

_CHANNEL, _ITEM = "channel", "item"  # "item" also stands for podcast:liveItem


@dataclass(frozen=True, slots=True)
class _Tag:
    parents: frozenset[str]
    single: bool = False
    #: attribute → the rule reporting it absent.
    required: tuple[tuple[str, str], ...] = ()
    #: node value under the 128-character guidance (P20-006)?
    long_text: bool = False
    #: attributes under the 128-character guidance (P20-006).
    long_attrs: tuple[str, ...] = ()


def _tag(
    *parents: str,
    single: bool = False,
    required: tuple[str, ...] = (),
    rule: str = "P20-004",
    long_text: bool = False,
    long_attrs: tuple[str, ...] = (),
) -> _Tag:
    return _Tag(
        frozenset(parents), single, tuple((name, rule) for name in required), long_text, long_attrs
    )


_TAGS: Mapping[str, _Tag] = MappingProxyType(
    {
        "locked": _tag(_CHANNEL, single=True),
        "transcript": _tag(_ITEM, required=("url", "type"), rule="P20-015"),
        "funding": _tag(_CHANNEL, _ITEM, required=("url",), rule="P20-020", long_text=True),
        "chapters": _tag(_ITEM, single=True, required=("url", "type"), rule="P20-025"),
        "soundbite": _tag(
            _ITEM, required=("startTime", "duration"), rule="P20-030", long_text=True
        ),
        "person": _tag(_CHANNEL, _ITEM, long_text=True),
        "location": _tag(_CHANNEL, _ITEM, long_text=True),
        "season": _tag(_ITEM, single=True, long_attrs=("name",)),
        "episode": _tag(_ITEM, single=True),
        "trailer": _tag(_CHANNEL, required=("url", "pubdate"), rule="P20-055", long_text=True),
        "license": _tag(_CHANNEL, _ITEM, single=True, long_text=True),
        "alternateEnclosure": _tag(_ITEM, required=("type",), rule="P20-065"),
        "source": _tag("alternateEnclosure", required=("uri",), rule="P20-071"),
        # Its count is P20-067's business (alternateEnclosure), not the generic P20-003.
        "integrity": _tag("alternateEnclosure", required=("type", "value"), rule="P20-072"),
        "guid": _tag(_CHANNEL, single=True),
        "value": _tag(_CHANNEL, _ITEM, required=("type", "method"), rule="P20-080"),
        "valueRecipient": _tag(
            "value", "valueTimeSplit", required=("type", "address", "split"), rule="P20-084"
        ),
        "valueTimeSplit": _tag("value", required=("startTime", "duration"), rule="P20-090"),
        "medium": _tag(_CHANNEL, single=True),
        "images": _tag(_CHANNEL, _ITEM, single=True, required=("srcset",), rule="P20-160"),
        "liveItem": _tag(_CHANNEL, required=("status", "start"), rule="P20-100"),
        "contentLink": _tag(_ITEM, required=("href",), rule="P20-105"),
        "socialInteract": _tag(_CHANNEL, _ITEM, required=("protocol",), rule="P20-110"),
        "block": _tag(_CHANNEL),
        "txt": _tag(_CHANNEL, _ITEM),
        "remoteItem": _tag(
            _CHANNEL,
            "podroll",
            "valueTimeSplit",
            "publisher",
            required=("feedGuid",),
            rule="P20-125",
        ),
        "podroll": _tag(_CHANNEL, single=True),
        "updateFrequency": _tag(_CHANNEL, single=True, long_text=True),
        "podping": _tag(_CHANNEL, single=True),
        "chat": _tag(_CHANNEL, _ITEM, single=True, required=("server", "protocol"), rule="P20-145"),
        "publisher": _tag(_CHANNEL, single=True),
        "image": _tag(_CHANNEL, _ITEM, required=("href",), rule="P20-155", long_attrs=("purpose",)),
    }
)

# -- the walk ------------------------------------------------------------------------------------


@dataclass
class _Walk:
    """What one pass gathers for the channel-wide rules."""

    ctx: FeedContext
    channel_persons: list[Element] = field(default_factory=list)
    item_persons: dict[Element, list[Element]] = field(default_factory=dict)
    social: dict[Element, list[Element]] = field(default_factory=dict)
    blocks: dict[str, Element] = field(default_factory=dict)
    channel_remote_items: int = 0
    guid: Element | None = None
    medium: Element | None = None

    def report(
        self, rule: str, el: Element, message: str, severity: Severity | None = None
    ) -> None:
        self.ctx.report(rule, el, message, severity=severity)


def _local(el: Element) -> str:
    return str(el.tag).rpartition("}")[2]


def _is_podcast(el: Element) -> bool:
    tag = el.tag
    return isinstance(tag, str) and tag[1:].partition("}")[0] in PODCAST_URIS


def _parent_key(parent: Element | None) -> str:
    if parent is None:
        return ""
    tag = parent.tag
    if not isinstance(tag, str):
        return ""
    if tag in (_CHANNEL, _ITEM):
        return tag
    if _is_podcast(parent):
        local = _local(parent)
        return _ITEM if local == "liveItem" else local
    return tag


def _podcast_children(el: Element) -> Iterator[tuple[str, Element]]:
    for child in el:
        if _is_podcast(child):
            yield _local(child), child


def _is_absolute(url: str) -> bool:
    return _ABSOLUTE.fullmatch(url) is not None


def _attr(el: Element, name: str) -> str | None:
    """The attribute's value, stripped; None when absent or blank (blank is P20-004's)."""
    value = el.get(name)
    if value is None:
        return None
    return value.strip() or None


def _text(el: Element) -> str:
    return (el.text or "").strip()


def _seconds(text: str | None) -> float | None:
    return float(text) if text is not None and _SECONDS.fullmatch(text) else None


def _is_language(tag: str) -> bool:
    # BCP 47 shape; a two-letter primary subtag must be a real ISO 639-1 code.
    match = _LANGUAGE.fullmatch(tag)
    if match is None:
        return False
    primary = match.group(1).lower()
    return len(primary) == 3 or primary in ISO_639_1


def _parse_iso(text: str) -> tuple[datetime, bool] | None:
    """(moment, has a time part) for an ISO 8601 date or date-time, else None.

    Offsets are accepted as ``-06:00`` (RFC 3339) and ``-0600`` (the live-item spec example).
    """
    moment = parse_iso8601(text)
    return None if moment is None else (moment, len(text.strip()) > 10)


def _utc(moment: datetime) -> datetime:
    # A date-time without offset is compared as UTC: good enough to order start and end.
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def _rfc2822_problem(text: str) -> str | None:
    # Only unreadable dates and wrong weekdays make it "not RFC 2822"; style is RSS-017's.
    checked = check_rfc2822(text)
    return checked.problem if checked.rule in ("RSS-015", "RSS-016") else None


def _parse_rrule(text: str) -> tuple[dict[str, str], str | None]:
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


def _clock_seconds(text: str) -> float | None:
    """itunes:duration as seconds (SS, MM:SS or HH:MM:SS), None when not that shape."""
    pieces = text.split(":")
    if len(pieces) > 3 or not all(_SECONDS.fullmatch(p) for p in pieces):
        return None
    total = 0.0
    for piece in pieces:
        total = total * 60 + float(piece)
    return total


def _episode_seconds(ctx: FeedContext, item: Element | None) -> float | None:
    # ctx.kid: the item's children are indexed once and shared with the other checks.
    duration = ctx.kid(item, _ITUNES_DURATION) if item is not None else None
    if duration is None or duration.text is None:
        return None
    return _clock_seconds(duration.text.strip())


def _role_groups() -> Mapping[str, tuple[str, ...]]:
    homes: dict[str, list[str]] = {}
    for group, roles in vocab.PERSON_TAXONOMY.items():
        for role in roles:
            homes.setdefault(role, []).append(group)
    return MappingProxyType({role: tuple(sorted(g)) for role, g in homes.items()})


_ROLE_GROUPS = _role_groups()


def _missing(name: str, attr: str, el: Element) -> str:
    message = f"{name} has no `{attr}` attribute (required)"
    # Attribute names are case-sensitive: pubDate is not pubdate, feedguid is not feedGuid.
    near = [a for a in el.attrib if isinstance(a, str) and a.lower() == attr.lower()]
    if near:
        message += f"; found `{near[0]}`, but attribute names are case-sensitive"
    return message


# -- per-tag handlers: (walk, element, parent key) ----------------------------------------------

Handler = Callable[[_Walk, Element, str], None]


def _locked(w: _Walk, el: Element, parent: str) -> None:
    value = _text(el)
    if value.lower() not in _YES_NO:
        w.report("P20-010", el, f"podcast:locked must be `yes` or `no`, got {value!r}")
    owner = _attr(el, "owner")
    if owner is not None and not is_email(owner):
        w.report("P20-011", el, f"podcast:locked owner should be an email address, got {owner!r}")


def _transcript(w: _Walk, el: Element, parent: str) -> None:
    kind = _attr(el, "type")
    base = kind.partition(";")[0].strip().lower() if kind is not None else None
    if base is not None:
        if base in vocab.LEGACY_SRT_TYPES:
            w.report("P20-016", el, f"legacy SRT MIME type {kind!r}: use application/x-subrip")
        elif base not in vocab.TRANSCRIPT_TYPES:
            known = ", ".join(sorted(vocab.TRANSCRIPT_TYPES))
            w.report("P20-016", el, f"transcript type {kind!r} is not one of {known}")
    rel = _attr(el, "rel")
    if rel is not None:
        if rel != "captions":
            w.report("P20-017", el, f"transcript rel must be `captions` when given, got {rel!r}")
        elif base is not None and base not in vocab.TIMED_TRANSCRIPT_TYPES:
            w.report("P20-019", el, f'rel="captions" on {kind!r}, a format without time codes')
    language = _attr(el, "language")
    if language is not None and not _is_language(language):
        w.report("P20-018", el, f"transcript language {language!r} is not a BCP 47 tag")


def _funding(w: _Walk, el: Element, parent: str) -> None:
    if not _text(el):
        w.report("P20-021", el, "podcast:funding has no label (node value) to show with the link")


def _chapters(w: _Walk, el: Element, parent: str) -> None:
    kind = _attr(el, "type")
    if kind is None or kind == "application/json+chapters":
        return
    if kind == "application/json":
        w.report(
            "P20-026",
            el,
            "chapters type application/json is tolerated; the spec asks for "
            "application/json+chapters",
            Severity.INFO,
        )
    else:
        w.report("P20-026", el, f"chapters type should be application/json+chapters, got {kind!r}")


def _soundbite(w: _Walk, el: Element, parent: str) -> None:
    values: dict[str, float] = {}
    for name in ("startTime", "duration"):
        raw = _attr(el, name)
        seconds = _seconds(raw)
        if seconds is not None:
            values[name] = seconds
        elif raw is not None:
            w.report(
                "P20-030",
                el,
                f"soundbite {name} must be non-negative seconds (e.g. 73.5), got {raw!r}",
            )
    duration = values.get("duration")
    low, high = _SOUNDBITE_SECONDS
    if duration is not None and not low <= duration <= high:
        w.report("P20-031", el, f"soundbite duration {duration:g} s is outside 15–120 s")
    start = values.get("startTime")
    if start is not None and duration is not None:
        total = _episode_seconds(w.ctx, el.getparent())
        if total is not None and start + duration > total:
            w.report(
                "P20-032",
                el,
                f"soundbite ends at {start + duration:g} s, after the episode ({total:g} s)",
            )


def _person(w: _Walk, el: Element, parent: str) -> None:
    if not _text(el):
        w.report("P20-035", el, "podcast:person has no name (node value)")
    _person_taxonomy(w, el)
    for name in ("img", "href"):
        value = _attr(el, name)
        if value is not None and not _is_absolute(value):
            w.report("P20-037", el, f"person {name} must be an absolute URL, got {value!r}")
    if parent == _CHANNEL:
        w.channel_persons.append(el)
    elif parent == _ITEM:
        owner = el.getparent()
        if owner is not None:
            w.item_persons.setdefault(owner, []).append(el)


def _person_taxonomy(w: _Walk, el: Element) -> None:
    group_given, role_given = _attr(el, "group"), _attr(el, "role")
    group = (group_given or vocab.PERSON_DEFAULT_GROUP).lower()
    role = (role_given or vocab.PERSON_DEFAULT_ROLE).lower()
    roles = vocab.PERSON_TAXONOMY.get(group)
    if roles is None:
        w.report("P20-036", el, f"person group {group_given!r} is not a Podcast Taxonomy group")
        return
    if role in roles:
        return
    homes = _ROLE_GROUPS.get(role)
    if homes is None:
        w.report("P20-036", el, f"person role {role_given!r} is not a Podcast Taxonomy role")
    elif group_given is None:
        # Apps commonly infer the group from the role: only tell.
        w.report(
            "P20-036",
            el,
            f"role {role_given!r} belongs to group {' or '.join(homes)!r}, but the "
            f"group defaults to 'cast': add group=\"{homes[0]}\"",
            Severity.INFO,
        )
    elif role_given is None:
        w.report(
            "P20-036",
            el,
            f"the role defaults to 'host', which is not in group {group_given!r}: add a role",
            Severity.INFO,
        )
    else:
        w.report(
            "P20-036",
            el,
            f"person role {role_given!r} is not in group {group_given!r} (it is in "
            f"{' and '.join(homes)!r})",
        )


def _location(w: _Walk, el: Element, parent: str) -> None:
    if not _text(el):
        w.report("P20-040", el, "podcast:location has no place name (node value)")
    rel = _attr(el, "rel")
    if rel is not None and rel not in vocab.LOCATION_RELS:
        w.report("P20-041", el, f"location rel must be `subject` or `creator`, got {rel!r}")
    geo = _attr(el, "geo")
    if geo is not None and not _geo_ok(geo):
        w.report(
            "P20-042",
            el,
            f"location geo {geo!r} is not an RFC 5870 geo URI such as "
            "geo:30.2711,-97.7437 with latitude -90..90 and longitude -180..180",
        )
    osm = _attr(el, "osm")
    if osm is not None and not _OSM.fullmatch(osm):
        w.report("P20-043", el, f"location osm {osm!r} is not N/W/R and an id, e.g. R113314")
    country = _attr(el, "country")
    if country is not None:
        _country(w, el, country)
    if geo is None and osm is None and country is None:
        w.report("P20-045", el, "location has none of geo, osm, country (all recommended)")


def _geo_ok(text: str) -> bool:
    match = _GEO.fullmatch(text)
    return (
        match is not None
        and -90 <= float(match.group(1)) <= 90
        and -180 <= float(match.group(2)) <= 180
    )


def _country(w: _Walk, el: Element, country: str) -> None:
    code = country.upper()
    if code == "UK":
        w.report("P20-044", el, "the ISO 3166-1 code of the United Kingdom is GB, not UK")
    elif code not in vocab.COUNTRY_CODES:
        w.report("P20-044", el, f"location country {country!r} is not an ISO 3166-1 alpha-2 code")
    elif code != country:
        w.report("P20-044", el, f"write the country code in upper case: {code}", Severity.WARNING)


def _season(w: _Walk, el: Element, parent: str) -> None:
    value = _text(el)
    if not _INTEGER.fullmatch(value):
        w.report("P20-050", el, f"podcast:season must be an integer, got {value!r}")
        return
    owner = el.getparent()
    itunes = w.ctx.kid(owner, _ITUNES_SEASON) if owner is not None else None
    other = (itunes.text or "").strip() if itunes is not None else ""
    if _INTEGER.fullmatch(other) and int(other) != int(value):
        w.report("P20-051", el, f"podcast:season {value} differs from itunes:season {other}")


def _episode(w: _Walk, el: Element, parent: str) -> None:
    value = _text(el)
    if not _NUMBER.fullmatch(value):
        w.report("P20-052", el, f"podcast:episode must be a number (e.g. 315.5), got {value!r}")
    display = el.get("display")
    if display is not None and len(display) > _SHORT_GUIDANCE:
        w.report("P20-053", el, f"episode display is {len(display)} characters (keep ≤ 32)")


def _trailer(w: _Walk, el: Element, parent: str) -> None:
    if not _text(el):
        w.report("P20-055", el, "podcast:trailer has no title (node value)")
    pubdate = _attr(el, "pubdate")
    problem = _rfc2822_problem(pubdate) if pubdate is not None else None
    if problem:
        w.report("P20-056", el, f"trailer pubdate {pubdate!r} {problem}")
    length, kind = _attr(el, "length"), _attr(el, "type")
    absent = [name for name, value in (("length", length), ("type", kind)) if value is None]
    if absent:
        w.report("P20-057", el, f"trailer has no {' or '.join(absent)} (recommended)")
    if length is not None and not _COUNT.fullmatch(length):
        w.report("P20-057", el, f"trailer length must be a number of bytes, got {length!r}")
    if kind is not None and not is_mime(kind):
        w.report("P20-057", el, f"trailer type must be a MIME type, got {kind!r}")
    season = _attr(el, "season")
    if season is not None and not _INTEGER.fullmatch(season):
        w.report("P20-058", el, f"trailer season must be an integer, got {season!r}")


def _license(w: _Walk, el: Element, parent: str) -> None:
    value = _text(el)
    if not value:
        w.report("P20-060", el, "podcast:license has no license identifier (node value)")
    elif value.lower() not in vocab.KNOWN_LICENSES and _attr(el, "url") is None:
        w.report(
            "P20-061",
            el,
            f"license {value!r} is not in the license list: give its url",
        )


def _alternate_enclosure(w: _Walk, el: Element, parent: str) -> None:
    kind = _attr(el, "type")
    if kind is not None and not is_mime(kind):
        w.report("P20-065", el, f"alternateEnclosure type must be a MIME type, got {kind!r}")
    sources, integrities = 0, []
    for local, child in _podcast_children(el):
        if local == "source":
            sources += 1
        elif local == "integrity":
            integrities.append(child)
    if not sources:
        w.report("P20-066", el, "alternateEnclosure has no podcast:source")
    for extra in integrities[1:]:
        w.report("P20-067", extra, "alternateEnclosure has more than one podcast:integrity")
    length = _attr(el, "length")
    if length is None:
        w.report("P20-068", el, "alternateEnclosure has no length in bytes (recommended)")
    elif not _COUNT.fullmatch(length):
        w.report("P20-068", el, f"alternateEnclosure length must be bytes, got {length!r}")
    _alternate_formats(w, el)


#: alternateEnclosure attribute → (is the value fine, what was expected).
_ALTERNATE_FORMATS: Mapping[str, tuple[Callable[[str], bool], str]] = MappingProxyType(
    {
        "bitrate": (lambda v: _SECONDS.fullmatch(v) is not None, "a number of bits per second"),
        "height": (lambda v: _COUNT.fullmatch(v) is not None, "an integer number of pixels"),
        "default": (lambda v: v.lower() in _BOOLEANS, "true or false"),
        "lang": (_is_language, "a BCP 47 language tag"),
    }
)


def _alternate_formats(w: _Walk, el: Element) -> None:
    for name, (valid, expected) in _ALTERNATE_FORMATS.items():
        value = _attr(el, name)
        if value is not None and not valid(value):
            w.report("P20-069", el, f"alternateEnclosure {name} must be {expected}, got {value!r}")
    for name in ("title", "rel"):
        value = el.get(name)
        if value is not None and len(value) > _SHORT_GUIDANCE:
            w.report("P20-070", el, f"alternateEnclosure {name} is {len(value)} chars (keep ≤ 32)")


def _source(w: _Walk, el: Element, parent: str) -> None:
    uri = _attr(el, "uri")
    if uri is not None and not _is_absolute(uri):
        w.report("P20-071", el, f"source uri must be an absolute URI, got {uri!r}")
    content_type = _attr(el, "contentType")
    if content_type is not None and not is_mime(content_type):
        w.report("P20-071", el, f"source contentType must be a MIME type, got {content_type!r}")


def _integrity(w: _Walk, el: Element, parent: str) -> None:
    kind, value = _attr(el, "type"), _attr(el, "value")
    if kind is not None and kind not in vocab.INTEGRITY_TYPES:
        w.report("P20-072", el, f"integrity type must be `sri` or `pgp-signature`, got {kind!r}")
    elif (
        kind == "sri"
        and value is not None
        and not all(_SRI.fullmatch(token) for token in value.split())
    ):
        w.report("P20-072", el, f"integrity value {value!r} is not SRI (e.g. sha384-…base64…)")


def _guid(w: _Walk, el: Element, parent: str) -> None:
    value = _text(el)
    if not _UUID.fullmatch(value):
        w.report("P20-075", el, f"podcast:guid must be a UUID, got {value!r}")
    elif value.lower() == _GUID_NAMESPACE:
        w.report(
            "P20-077",
            el,
            "podcast:guid is the namespace UUID itself: use uuid5(namespace, "
            "feed URL without scheme)",
        )
    elif value[14] != "5" or value[19].lower() not in "89ab":
        w.report("P20-076", el, f"podcast:guid {value} is not a version 5 UUID")
    if parent == _CHANNEL:
        w.guid = el


def _value(w: _Walk, el: Element, parent: str) -> None:
    kind, method = _attr(el, "type"), _attr(el, "method")
    if kind is not None and kind.lower() not in vocab.VALUE_TYPES:
        w.report("P20-083", el, f"value type {kind!r} is not a known slug (lightning)")
    if method is not None and method.lower() not in vocab.VALUE_METHODS:
        known = ", ".join(sorted(vocab.VALUE_METHODS))
        w.report("P20-083", el, f"value method {method!r} is not one of {known}")
    suggested = _attr(el, "suggested")
    if suggested is not None and _seconds(suggested) is None:
        w.report("P20-082", el, f"value suggested must be a decimal ≥ 0, got {suggested!r}")
    recipients = [child for local, child in _podcast_children(el) if local == "valueRecipient"]
    if not recipients:
        w.report("P20-081", el, "podcast:value has no podcast:valueRecipient")
    else:
        _split_sum(w, el, recipients)


def _split_sum(w: _Walk, owner: Element, recipients: list[Element]) -> None:
    total = 0
    for recipient in recipients:
        if (recipient.get("fee") or "").strip().lower() == "true":
            continue  # fees come off the top; shares are split among the rest
        split = _attr(recipient, "split")
        if split is None or not _COUNT.fullmatch(split):
            return  # a bad split is P20-084's; the sum means nothing then
        total += int(split)
    if total <= 0:
        w.report("P20-087", owner, "the non-fee recipients' splits add up to 0: nobody gets paid")


def _value_recipient(w: _Walk, el: Element, parent: str) -> None:
    kind, address = _attr(el, "type"), _attr(el, "address")
    if kind is not None and kind.lower() not in vocab.VALUE_RECIPIENT_TYPES:
        w.report("P20-083", el, f"valueRecipient type {kind!r} is not node, lnaddress or wallet")
    split = _attr(el, "split")
    if split is not None and not _COUNT.fullmatch(split):
        w.report("P20-084", el, f"valueRecipient split must be whole shares, got {split!r}")
    fee = _attr(el, "fee")
    if fee is not None and fee.lower() not in _BOOLEANS:
        w.report("P20-085", el, f"valueRecipient fee must be true or false, got {fee!r}")
    if _attr(el, "name") is None:
        w.report("P20-086", el, "valueRecipient has no name (recommended)")
    if (el.get("customKey") is None) != (el.get("customValue") is None):
        w.report("P20-086", el, "valueRecipient customKey and customValue go together")
    if address is not None and kind is not None:
        shape = _ADDRESS_SHAPES.get(kind.lower())
        if shape is not None and not shape[0].fullmatch(address):
            w.report("P20-088", el, f"{kind} address {address!r} is not {shape[1]}")


_ADDRESS_SHAPES: Mapping[str, tuple[re.Pattern[str], str]] = MappingProxyType(
    {
        "node": (_NODE_PUBKEY, "a 66-hex-digit compressed public key"),
        "lnaddress": (_LN_ADDRESS, "a Lightning address such as user@example.com"),
    }
)


def _value_time_split(w: _Walk, el: Element, parent: str) -> None:
    for name in ("startTime", "duration"):
        raw = _attr(el, name)
        if raw is not None and _seconds(raw) is None:
            w.report("P20-090", el, f"valueTimeSplit {name} must be seconds ≥ 0, got {raw!r}")
    remote, recipients = [], []
    for local, child in _podcast_children(el):
        if local == "remoteItem":
            remote.append(child)
        elif local == "valueRecipient":
            recipients.append(child)
    if remote and recipients:
        w.report("P20-091", el, "valueTimeSplit has a remoteItem and valueRecipients: pick one")
    elif len(remote) > 1:
        w.report("P20-091", el, "valueTimeSplit has more than one remoteItem")
    elif not remote and not recipients:
        w.report("P20-091", el, "valueTimeSplit has neither a remoteItem nor valueRecipients")
    elif recipients:
        _split_sum(w, el, recipients)
    percentage = _attr(el, "remotePercentage")
    if percentage is not None and not (
        _NUMBER.fullmatch(percentage) and 0 <= float(percentage) <= 100
    ):
        w.report("P20-092", el, f"remotePercentage {percentage!r} is not within 0–100 (clamped)")
    remote_start = _attr(el, "remoteStartTime")
    if remote_start is not None and _seconds(remote_start) is None:
        w.report("P20-092", el, f"remoteStartTime must be seconds ≥ 0, got {remote_start!r}")


def _medium(w: _Walk, el: Element, parent: str) -> None:
    value = _text(el)
    if value not in vocab.MEDIUMS:
        w.report("P20-095", el, f"podcast:medium {value!r} is not a defined medium")
    if parent == _CHANNEL:
        w.medium = el


def _live_item(w: _Walk, el: Element, parent: str) -> None:
    status = _attr(el, "status")
    if status is not None and status not in vocab.LIVE_STATUSES:
        w.report("P20-100", el, f"liveItem status must be pending, live or ended, got {status!r}")
    start_text = _attr(el, "start")
    start = _parse_iso(start_text) if start_text is not None else None
    if start_text is not None and start is None:
        w.report("P20-100", el, f"liveItem start {start_text!r} is not an ISO 8601 date-time")
    end_text = _attr(el, "end")
    end = _parse_iso(end_text) if end_text is not None else None
    if end_text is None:
        w.report("P20-101", el, "liveItem has no end (recommended)")
    elif end is None:
        w.report("P20-101", el, f"liveItem end {end_text!r} is not an ISO 8601 date-time")
    elif start is not None and _utc(end[0]) < _utc(start[0]):
        w.report("P20-101", el, "liveItem ends before it starts")
    tags = {child.tag for child in el if isinstance(child.tag, str)}
    locals_ = {_local(child) for child in el if _is_podcast(child)}
    if "contentLink" not in locals_:
        w.report("P20-102", el, "liveItem has no podcast:contentLink (required)")
    absent = [
        name
        for name, present in (
            ("enclosure", "enclosure" in tags),
            ("podcast:alternateEnclosure", "alternateEnclosure" in locals_),
            ("title", "title" in tags),
            ("guid", "guid" in tags),
        )
        if not present
    ]
    if absent:
        w.report("P20-103", el, f"liveItem has no {', '.join(absent)} (recommended)")


def _content_link(w: _Walk, el: Element, parent: str) -> None:
    href = _attr(el, "href")
    if href is not None and not _is_absolute(href):
        w.report("P20-105", el, f"contentLink href must be an absolute URI, got {href!r}")
    if not _text(el):
        w.report("P20-106", el, "contentLink has no description (node value)")


def _social_interact(w: _Walk, el: Element, parent: str) -> None:
    protocol = _attr(el, "protocol")
    if protocol is not None and protocol not in vocab.SOCIAL_PROTOCOLS:
        w.report("P20-110", el, f"socialInteract protocol {protocol!r} is not a known protocol")
    if protocol == "disabled":
        # "disabled" stands alone: the spec's required uri does not apply.
        if [name for name in el.attrib if name != "protocol"] or _text(el):
            w.report(
                "P20-111",
                el,
                'protocol="disabled" takes no other attribute or node value',
                Severity.WARNING,
            )
        return
    uri = el.get("uri")
    if uri is None:
        w.report("P20-111", el, "socialInteract has no `uri` attribute (required)")
    elif not uri.strip():
        w.report("P20-004", el, "socialInteract `uri` is empty")
    if _attr(el, "accountId") is None:
        w.report("P20-112", el, "socialInteract has no accountId (recommended)")
    priority = _attr(el, "priority")
    if priority is not None and not _INTEGER.fullmatch(priority):
        w.report("P20-112", el, f"socialInteract priority must be an integer, got {priority!r}")
    account_url = _attr(el, "accountUrl")
    if account_url is not None and not _is_absolute(account_url):
        w.report("P20-112", el, f"socialInteract accountUrl must be a URL, got {account_url!r}")
    owner = el.getparent()
    if owner is not None:
        w.social.setdefault(owner, []).append(el)


def _block(w: _Walk, el: Element, parent: str) -> None:
    value = _text(el)
    if value.lower() not in _YES_NO:
        w.report("P20-115", el, f"podcast:block must be `yes` or `no`, got {value!r}")
    service = _attr(el, "id")
    if service is not None and service.lower() not in vocab.SERVICE_SLUGS:
        w.report("P20-116", el, f"block id {service!r} is not in serviceslugs.txt")
    key = (service or "").lower()
    if key in w.blocks:
        target = f"id {service!r}" if service else "no id"
        w.report("P20-117", el, f"a second podcast:block with {target}: which wins is ambiguous")
    else:
        w.blocks[key] = el


def _txt(w: _Walk, el: Element, parent: str) -> None:
    value = _text(el)
    if not value:
        w.report("P20-120", el, "podcast:txt is empty")
    elif len(value) > _TXT_LIMIT:
        w.report("P20-120", el, f"podcast:txt is {len(value)} characters (at most 4000)")
    purpose = _attr(el, "purpose")
    if purpose is None:
        return
    if len(purpose) > _GUIDANCE:
        w.report("P20-121", el, f"txt purpose is {len(purpose)} characters (keep ≤ 128)")
    if purpose.lower() == "ai-content" and value.lower() not in _BOOLEANS:
        w.report("P20-121", el, f'purpose="ai-content" takes true or false, got {value!r}')


def _remote_item(w: _Walk, el: Element, parent: str) -> None:
    guid = _attr(el, "feedGuid")
    if guid is not None and not _UUID.fullmatch(guid):
        w.report("P20-125", el, f"remoteItem feedGuid must be a UUID, got {guid!r}")
    medium = _attr(el, "medium")
    if medium is not None and medium not in vocab.MEDIUMS:
        w.report("P20-126", el, f"remoteItem medium {medium!r} is not a defined medium")
    feed_url = _attr(el, "feedUrl")
    if feed_url is not None and not _is_absolute(feed_url):
        w.report("P20-126", el, f"remoteItem feedUrl must be an absolute URL, got {feed_url!r}")
    if parent == _CHANNEL:
        w.channel_remote_items += 1


def _podroll(w: _Walk, el: Element, parent: str) -> None:
    remote = [child for local, child in _podcast_children(el) if local == "remoteItem"]
    if not remote:
        w.report("P20-130", el, "podcast:podroll has no podcast:remoteItem")
    for item in remote:
        absent = [name for name in ("feedUrl", "title") if _attr(item, name) is None]
        if absent:
            w.report("P20-131", item, f"podroll entry has no {' or '.join(absent)} (recommended)")


def _update_frequency(w: _Walk, el: Element, parent: str) -> None:
    complete = _attr(el, "complete")
    if complete is not None and complete.lower() not in _BOOLEANS:
        w.report("P20-135", el, f"updateFrequency complete must be true or false, got {complete!r}")
    dtstart_text = _attr(el, "dtstart")
    dtstart = _parse_iso(dtstart_text) if dtstart_text is not None else None
    if dtstart_text is not None and dtstart is None:
        w.report("P20-135", el, f"updateFrequency dtstart {dtstart_text!r} is not ISO 8601")
    rrule = _attr(el, "rrule")
    if rrule is None:
        w.report("P20-138", el, "updateFrequency has no rrule (recommended)")
    else:
        parts, problem = _parse_rrule(rrule)
        if problem:
            w.report("P20-135", el, f"updateFrequency rrule {rrule!r} is not RFC 5545: {problem}")
        else:
            _rrule_dtstart(w, el, parts, dtstart_text, dtstart)
    if not _text(el):
        w.report("P20-138", el, "updateFrequency has no human-readable text (node value)")


def _rrule_dtstart(
    w: _Walk,
    el: Element,
    parts: Mapping[str, str],
    dtstart_text: str | None,
    dtstart: tuple[datetime, bool] | None,
) -> None:
    if "COUNT" in parts and dtstart_text is None:
        w.report("P20-136", el, "rrule has COUNT, so dtstart is required (where to count from)")
    until = parts.get("UNTIL")
    if until is not None and dtstart is not None and ("T" in until) != dtstart[1]:
        forms = ("date-time", "date") if "T" in until else ("date", "date-time")
        w.report(
            "P20-137",
            el,
            f"rrule UNTIL is a {forms[0]} but dtstart is a {forms[1]}: use one form",
        )


def _podping(w: _Walk, el: Element, parent: str) -> None:
    value = el.get("usesPodping")
    if value is None:
        w.report("P20-140", el, 'podcast:podping has no usesPodping="true|false"')
    elif value.strip().lower() not in _BOOLEANS:
        w.report("P20-140", el, f"usesPodping must be true or false, got {value!r}")


def _chat(w: _Walk, el: Element, parent: str) -> None:
    protocol = _attr(el, "protocol")
    if protocol is not None and protocol not in vocab.CHAT_PROTOCOLS:
        known = ", ".join(sorted(vocab.CHAT_PROTOCOLS))
        w.report("P20-145", el, f"chat protocol {protocol!r} is not one of {known}")
    if _attr(el, "accountId") is None:
        w.report("P20-146", el, "chat has no accountId (recommended)")


def _publisher(w: _Walk, el: Element, parent: str) -> None:
    remote = [child for local, child in _podcast_children(el) if local == "remoteItem"]
    if len(remote) != 1:
        w.report("P20-150", el, f"podcast:publisher needs one remoteItem, has {len(remote)}")
        return
    item = remote[0]
    if _attr(item, "medium") != "publisher":
        w.report("P20-150", item, 'the publisher remoteItem must have medium="publisher"')
    if _attr(item, "feedUrl") is None:
        w.report("P20-151", item, "the publisher remoteItem has no feedUrl (highly recommended)")


def _image(w: _Walk, el: Element, parent: str) -> None:
    href = _attr(el, "href")
    if href is not None and not _is_absolute(href):
        w.report("P20-155", el, f"image href must be an absolute URL, got {href!r}")
    for name in ("width", "height"):
        value = el.get(name)
        if value is not None and not (_COUNT.fullmatch(value.strip()) and int(value) > 0):
            w.report("P20-156", el, f"image {name} must be a positive integer, got {value!r}")
    ratio = el.get("aspect-ratio")
    if ratio is not None and not _ASPECT_RATIO.fullmatch(ratio):
        w.report("P20-156", el, f"image aspect-ratio must look like 16/9, got {ratio!r}")
    kind = el.get("type")
    if kind is not None and not is_mime(kind.strip()):
        w.report("P20-156", el, f"image type must be a MIME type, got {kind!r}")
    absent = [name for name in ("alt", "aspect-ratio", "width") if el.get(name) is None]
    if absent:
        w.report("P20-157", el, f"image has no {', '.join(absent)} (recommended)")


def _images(w: _Walk, el: Element, parent: str) -> None:
    w.report("P20-007", el, "podcast:images is deprecated: use podcast:image")
    srcset = _attr(el, "srcset")
    if srcset is None:
        return
    for candidate in srcset.split(","):
        match = _SRCSET_CANDIDATE.fullmatch(candidate.strip())
        if match is None or not _is_absolute(match.group(1)):
            w.report(
                "P20-160",
                el,
                f"srcset candidate {candidate.strip()!r} is not an absolute URL "
                "and a width such as 1500w",
            )
            return


_HANDLERS: Mapping[str, Handler] = MappingProxyType(
    {
        "locked": _locked,
        "transcript": _transcript,
        "funding": _funding,
        "chapters": _chapters,
        "soundbite": _soundbite,
        "person": _person,
        "location": _location,
        "season": _season,
        "episode": _episode,
        "trailer": _trailer,
        "license": _license,
        "alternateEnclosure": _alternate_enclosure,
        "source": _source,
        "integrity": _integrity,
        "guid": _guid,
        "value": _value,
        "valueRecipient": _value_recipient,
        "valueTimeSplit": _value_time_split,
        "medium": _medium,
        "images": _images,
        "liveItem": _live_item,
        "contentLink": _content_link,
        "socialInteract": _social_interact,
        "block": _block,
        "txt": _txt,
        "remoteItem": _remote_item,
        "podroll": _podroll,
        "updateFrequency": _update_frequency,
        "podping": _podping,
        "chat": _chat,
        "publisher": _publisher,
        "image": _image,
    }
)

# -- the check ---------------------------------------------------------------------------------

_RULE_IDS = tuple(rule for rule in RULES if rule.startswith("P20-"))


@feed_check(*_RULE_IDS)
def check_podcast(ctx: FeedContext) -> None:
    """Every P20-* rule, in one pass over the feed's podcast-namespace elements."""
    root = ctx.root
    if root is None or ctx.podcast_ns is None:
        return
    walk = _Walk(ctx)
    seen = False
    last_parent: Element | None = None
    parent = ""
    # Hot loop (≥ 20,000 items/s for the whole validator): the tag filter runs in C, and the
    # parent's key is computed once per parent, not per child.
    for el in root.iter(*_PODCAST_TAGS):
        seen = True
        local = el.tag.rpartition("}")[2]
        tag = _TAGS.get(local)
        if tag is None:
            walk.report("P20-001", el, f"podcast:{local} is not a formalized Podcasting 2.0 tag")
            continue
        owner = el.getparent()
        if owner is not last_parent:
            last_parent, parent = owner, _parent_key(owner)
        _generic(walk, el, local, tag, parent)
        try:
            _HANDLERS[local](walk, el, parent)
        except Exception as exc:  # one odd element must not hide the rest of the feed
            ctx.internal(
                f"P20 check of podcast:{local} (line {el.sourceline}) failed: "
                f"{type(exc).__name__}: {exc}"
            )
    if seen:
        _channel_wide(walk)


def _generic(w: _Walk, el: Element, local: str, tag: _Tag, parent: str) -> None:
    """The table-driven rules: P20-002 … P20-006."""
    if parent not in tag.parents:
        where = "podcast:liveItem or item" if _ITEM in tag.parents else ""
        allowed = ", ".join(sorted(p for p in tag.parents if p != _ITEM))
        allowed = ", ".join(filter(None, (allowed, where)))
        w.report("P20-002", el, f"podcast:{local} is not allowed here (parents: {allowed})")
    if tag.single and next(el.itersiblings(el.tag, preceding=True), None) is not None:
        w.report("P20-003", el, f"podcast:{local} may appear only once here")
    for attr, rule in tag.required:
        value = el.get(attr)
        if value is None:
            w.report(rule, el, _missing(f"podcast:{local}", attr, el))
        elif not value.strip():
            w.report("P20-004", el, f"podcast:{local} `{attr}` is empty")
    values = cast("list[str]", el.values())  # lxml gives str under Python 3
    if values and _PLAIN_HTTP.search("\x00".join(values)):
        for key, written in cast("list[tuple[str, str]]", el.items()):
            if _PLAIN_HTTP.search(written):
                w.report(
                    "P20-005",
                    el,
                    f"podcast:{local} `{key}` uses http: — the namespace requires https:",
                )
    if tag.long_text:
        length = len(_text(el))
        if length > _GUIDANCE:
            w.report("P20-006", el, f"podcast:{local} text is {length} characters (keep ≤ 128)")
    for attr in tag.long_attrs:
        value = el.get(attr)
        if value is not None and len(value) > _GUIDANCE:
            w.report(
                "P20-006", el, f"podcast:{local} `{attr}` is {len(value)} characters (keep ≤ 128)"
            )


def _channel_wide(w: _Walk) -> None:
    ctx = w.ctx
    channel = ctx.channel
    if channel is None:
        return
    # PSP-003 says the same; it is reported instead while active (catalog note).
    if w.guid is None and not ctx.is_active("PSP-003"):
        w.report("P20-078", channel, "the channel has no podcast:guid (its lasting identity)")
    if w.medium is not None:
        _medium_content(w, w.medium)
    for tags in w.social.values():
        if len(tags) > 1:
            for el in tags:
                if _attr(el, "priority") is None:
                    w.report("P20-112", el, "several socialInteract tags: give each a priority")
    _replaced_hosts(w)


def _medium_content(w: _Walk, el: Element) -> None:
    medium = _text(el)
    ctx = w.ctx
    if medium in vocab.LIST_MEDIUMS:
        if ctx.items or ctx.live_items:
            w.report("P20-096", el, f"a {medium} feed lists remoteItems, not items")
        if not w.channel_remote_items:
            w.report("P20-096", el, f"a {medium} feed should hold podcast:remoteItem entries")
    if medium == "publisher":
        absent = []
        if w.guid is None:
            absent.append("podcast:guid")
        if not w.channel_remote_items:
            absent.append("a podcast:remoteItem")
        if absent:
            w.report("P20-097", el, f"a publisher feed needs {' and '.join(absent)}")


def _replaced_hosts(w: _Walk) -> None:
    hosts = {
        _text(el).casefold()
        for el in w.channel_persons
        if (_attr(el, "role") or vocab.PERSON_DEFAULT_ROLE).lower() == vocab.PERSON_DEFAULT_ROLE
        and _text(el)
    }
    if not hosts:
        return
    for persons in w.item_persons.values():
        if not any(_text(el).casefold() in hosts for el in persons):
            w.report(
                "P20-165",
                persons[0],
                "item persons replace the channel's, and none of the "
                "channel's hosts is restated here",
            )
