"""Per-tag checks of the Podcasting 2.0 namespace: one handler per formalized ``podcast:`` tag.

``checks_podcast`` walks the feed and calls ``HANDLERS[localname](walk, element, parent_key)``
for each element; a handler checks that tag's values (P20-010 … P20-160) and notes what the
channel-wide rules need in the ``Walk``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType

from .. import vocab
from ..diagnostics import Severity
from . import podcast_formats as fmt
from .context import Element, FeedContext
from .formats import is_email, is_mime
from .ns import ITUNES, PODCAST_URIS

__all__ = [
    "CHANNEL",
    "GUIDANCE",
    "HANDLERS",
    "ITEM",
    "Handler",
    "Walk",
    "attr",
    "is_podcast",
    "local_name",
    "text",
]

_GUID_NAMESPACE = "ead4c236-bf58-58c6-a2c6-a6b28d128cb6"
_BOOLEANS = frozenset({"true", "false"})
_YES_NO = frozenset({"yes", "no"})
GUIDANCE = 128
_SHORT_GUIDANCE = 32
_TXT_LIMIT = 4000
_SOUNDBITE_SECONDS = (15.0, 120.0)
_ITUNES_DURATION = f"{{{ITUNES}}}duration"
_ITUNES_SEASON = f"{{{ITUNES}}}season"

CHANNEL, ITEM = "channel", "item"  # "item" also stands for podcast:liveItem

# -- what the walk gathers ------------------------------------------------------------------------


@dataclass
class Walk:
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


def local_name(el: Element) -> str:
    return str(el.tag).rpartition("}")[2]


def is_podcast(el: Element) -> bool:
    tag = el.tag
    return isinstance(tag, str) and tag[1:].partition("}")[0] in PODCAST_URIS


def podcast_children(el: Element) -> Iterator[tuple[str, Element]]:
    for child in el:
        if is_podcast(child):
            yield local_name(child), child


def attr(el: Element, name: str) -> str | None:
    """The attribute's value, stripped; None when absent or blank (blank is P20-004's)."""
    value = el.get(name)
    if value is None:
        return None
    return value.strip() or None


def text(ctx: FeedContext, el: Element) -> str:
    """The element's own text (before any child), stripped."""
    return (ctx.own_text(el) or "").strip()


def _episode_seconds(ctx: FeedContext, item: Element | None) -> float | None:
    # ctx.kid: the item's children are indexed once and shared with the other checks.
    duration = ctx.kid(item, _ITUNES_DURATION) if item is not None else None
    value = ctx.own_text(duration) if duration is not None else None
    if value is None:
        return None
    return fmt.clock_seconds(value.strip())


def _role_groups() -> Mapping[str, tuple[str, ...]]:
    homes: dict[str, list[str]] = {}
    for group, roles in vocab.PERSON_TAXONOMY.items():
        for role in roles:
            homes.setdefault(role, []).append(group)
    return MappingProxyType({role: tuple(sorted(g)) for role, g in homes.items()})


_ROLE_GROUPS = _role_groups()


# -- per-tag handlers: (walk, element, parent key) ----------------------------------------------

Handler = Callable[[Walk, Element, str], None]


def _locked(w: Walk, el: Element, parent: str) -> None:
    value = text(w.ctx, el)
    if value.lower() not in _YES_NO:
        w.report("P20-010", el, f"podcast:locked must be `yes` or `no`, got {value!r}")
    owner = attr(el, "owner")
    if owner is not None and not is_email(owner):
        w.report("P20-011", el, f"podcast:locked owner should be an email address, got {owner!r}")


def _transcript(w: Walk, el: Element, parent: str) -> None:
    kind = attr(el, "type")
    base = kind.partition(";")[0].strip().lower() if kind is not None else None
    if base is not None:
        if base in vocab.LEGACY_SRT_TYPES:
            w.report("P20-016", el, f"legacy SRT MIME type {kind!r}: use application/x-subrip")
        elif base not in vocab.TRANSCRIPT_TYPES:
            known = ", ".join(sorted(vocab.TRANSCRIPT_TYPES))
            w.report("P20-016", el, f"transcript type {kind!r} is not one of {known}")
    rel = attr(el, "rel")
    if rel is not None:
        if rel != "captions":
            w.report("P20-017", el, f"transcript rel must be `captions` when given, got {rel!r}")
        elif base is not None and base not in vocab.TIMED_TRANSCRIPT_TYPES:
            w.report("P20-019", el, f'rel="captions" on {kind!r}, a format without time codes')
    language = attr(el, "language")
    if language is not None and not fmt.is_language_tag(language):
        w.report("P20-018", el, f"transcript language {language!r} is not a BCP 47 tag")


def _funding(w: Walk, el: Element, parent: str) -> None:
    if not text(w.ctx, el):
        w.report("P20-021", el, "podcast:funding has no label (node value) to show with the link")


def _chapters(w: Walk, el: Element, parent: str) -> None:
    kind = attr(el, "type")
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


def _soundbite(w: Walk, el: Element, parent: str) -> None:
    values: dict[str, float] = {}
    for name in ("startTime", "duration"):
        raw = attr(el, name)
        seconds = fmt.parse_seconds(raw)
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


def _person(w: Walk, el: Element, parent: str) -> None:
    if not text(w.ctx, el):
        w.report("P20-035", el, "podcast:person has no name (node value)")
    _person_taxonomy(w, el)
    for name in ("img", "href"):
        value = attr(el, name)
        if value is not None and not fmt.is_absolute(value):
            w.report("P20-037", el, f"person {name} must be an absolute URL, got {value!r}")
    if parent == CHANNEL:
        w.channel_persons.append(el)
    elif parent == ITEM:
        owner = el.getparent()
        if owner is not None:
            w.item_persons.setdefault(owner, []).append(el)


def _person_taxonomy(w: Walk, el: Element) -> None:
    group_given, role_given = attr(el, "group"), attr(el, "role")
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


def _location(w: Walk, el: Element, parent: str) -> None:
    if not text(w.ctx, el):
        w.report("P20-040", el, "podcast:location has no place name (node value)")
    rel = attr(el, "rel")
    if rel is not None and rel not in vocab.LOCATION_RELS:
        w.report("P20-041", el, f"location rel must be `subject` or `creator`, got {rel!r}")
    geo = attr(el, "geo")
    if geo is not None and not fmt.is_geo_uri(geo):
        w.report(
            "P20-042",
            el,
            f"location geo {geo!r} is not an RFC 5870 geo URI such as "
            "geo:30.2711,-97.7437 with latitude -90..90 and longitude -180..180",
        )
    osm = attr(el, "osm")
    if osm is not None and not fmt.OSM.fullmatch(osm):
        w.report("P20-043", el, f"location osm {osm!r} is not N/W/R and an id, e.g. R113314")
    country = attr(el, "country")
    if country is not None:
        _country(w, el, country)
    if geo is None and osm is None and country is None:
        w.report("P20-045", el, "location has none of geo, osm, country (all recommended)")


def _country(w: Walk, el: Element, country: str) -> None:
    code = country.upper()
    if code == "UK":
        w.report("P20-044", el, "the ISO 3166-1 code of the United Kingdom is GB, not UK")
    elif code not in vocab.COUNTRY_CODES:
        w.report("P20-044", el, f"location country {country!r} is not an ISO 3166-1 alpha-2 code")
    elif code != country:
        w.report("P20-044", el, f"write the country code in upper case: {code}", Severity.WARNING)


def _season(w: Walk, el: Element, parent: str) -> None:
    value = text(w.ctx, el)
    if not fmt.INTEGER.fullmatch(value):
        w.report("P20-050", el, f"podcast:season must be an integer, got {value!r}")
        return
    owner = el.getparent()
    itunes = w.ctx.kid(owner, _ITUNES_SEASON) if owner is not None else None
    other = text(w.ctx, itunes) if itunes is not None else ""
    if fmt.INTEGER.fullmatch(other) and int(other) != int(value):
        w.report("P20-051", el, f"podcast:season {value} differs from itunes:season {other}")


def _episode(w: Walk, el: Element, parent: str) -> None:
    value = text(w.ctx, el)
    if not fmt.NUMBER.fullmatch(value):
        w.report("P20-052", el, f"podcast:episode must be a number (e.g. 315.5), got {value!r}")
    display = el.get("display")
    if display is not None and len(display) > _SHORT_GUIDANCE:
        w.report("P20-053", el, f"episode display is {len(display)} characters (keep ≤ 32)")


def _trailer(w: Walk, el: Element, parent: str) -> None:
    if not text(w.ctx, el):
        w.report("P20-055", el, "podcast:trailer has no title (node value)")
    pubdate = attr(el, "pubdate")
    problem = fmt.rfc2822_problem(pubdate) if pubdate is not None else None
    if problem:
        w.report("P20-056", el, f"trailer pubdate {pubdate!r} {problem}")
    length, kind = attr(el, "length"), attr(el, "type")
    absent = [name for name, value in (("length", length), ("type", kind)) if value is None]
    if absent:
        w.report("P20-057", el, f"trailer has no {' or '.join(absent)} (recommended)")
    if length is not None and not fmt.COUNT.fullmatch(length):
        w.report("P20-057", el, f"trailer length must be a number of bytes, got {length!r}")
    if kind is not None and not is_mime(kind):
        w.report("P20-057", el, f"trailer type must be a MIME type, got {kind!r}")
    season = attr(el, "season")
    if season is not None and not fmt.INTEGER.fullmatch(season):
        w.report("P20-058", el, f"trailer season must be an integer, got {season!r}")


def _license(w: Walk, el: Element, parent: str) -> None:
    value = text(w.ctx, el)
    if not value:
        w.report("P20-060", el, "podcast:license has no license identifier (node value)")
    elif value.lower() not in vocab.KNOWN_LICENSES and attr(el, "url") is None:
        w.report(
            "P20-061",
            el,
            f"license {value!r} is not in the license list: give its url",
        )


def _alternate_enclosure(w: Walk, el: Element, parent: str) -> None:
    kind = attr(el, "type")
    if kind is not None and not is_mime(kind):
        w.report("P20-065", el, f"alternateEnclosure type must be a MIME type, got {kind!r}")
    sources, integrities = 0, []
    for local, child in podcast_children(el):
        if local == "source":
            sources += 1
        elif local == "integrity":
            integrities.append(child)
    if not sources:
        w.report("P20-066", el, "alternateEnclosure has no podcast:source")
    for extra in integrities[1:]:
        w.report("P20-067", extra, "alternateEnclosure has more than one podcast:integrity")
    length = attr(el, "length")
    if length is None:
        w.report("P20-068", el, "alternateEnclosure has no length in bytes (recommended)")
    elif not fmt.COUNT.fullmatch(length):
        w.report("P20-068", el, f"alternateEnclosure length must be bytes, got {length!r}")
    _alternate_formats(w, el)


#: alternateEnclosure attribute → (is the value fine, what was expected).
_ALTERNATE_FORMATS: Mapping[str, tuple[Callable[[str], bool], str]] = MappingProxyType(
    {
        "bitrate": (lambda v: fmt.SECONDS.fullmatch(v) is not None, "a number of bits per second"),
        "height": (lambda v: fmt.COUNT.fullmatch(v) is not None, "an integer number of pixels"),
        "default": (lambda v: v.lower() in _BOOLEANS, "true or false"),
        "lang": (fmt.is_language_tag, "a BCP 47 language tag"),
    }
)


def _alternate_formats(w: Walk, el: Element) -> None:
    for name, (valid, expected) in _ALTERNATE_FORMATS.items():
        value = attr(el, name)
        if value is not None and not valid(value):
            w.report("P20-069", el, f"alternateEnclosure {name} must be {expected}, got {value!r}")
    for name in ("title", "rel"):
        value = el.get(name)
        if value is not None and len(value) > _SHORT_GUIDANCE:
            w.report("P20-070", el, f"alternateEnclosure {name} is {len(value)} chars (keep ≤ 32)")


def _source(w: Walk, el: Element, parent: str) -> None:
    uri = attr(el, "uri")
    if uri is not None and not fmt.is_absolute(uri):
        w.report("P20-071", el, f"source uri must be an absolute URI, got {uri!r}")
    content_type = attr(el, "contentType")
    if content_type is not None and not is_mime(content_type):
        w.report("P20-071", el, f"source contentType must be a MIME type, got {content_type!r}")


def _integrity(w: Walk, el: Element, parent: str) -> None:
    kind, value = attr(el, "type"), attr(el, "value")
    if kind is not None and kind not in vocab.INTEGRITY_TYPES:
        w.report("P20-072", el, f"integrity type must be `sri` or `pgp-signature`, got {kind!r}")
    elif (
        kind == "sri"
        and value is not None
        and not all(fmt.SRI.fullmatch(token) for token in value.split())
    ):
        w.report("P20-072", el, f"integrity value {value!r} is not SRI (e.g. sha384-…base64…)")


def _guid(w: Walk, el: Element, parent: str) -> None:
    value = text(w.ctx, el)
    if not fmt.UUID.fullmatch(value):
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
    if parent == CHANNEL:
        w.guid = el


def _value(w: Walk, el: Element, parent: str) -> None:
    kind, method = attr(el, "type"), attr(el, "method")
    if kind is not None and kind.lower() not in vocab.VALUE_TYPES:
        w.report("P20-083", el, f"value type {kind!r} is not a known slug (lightning)")
    if method is not None and method.lower() not in vocab.VALUE_METHODS:
        known = ", ".join(sorted(vocab.VALUE_METHODS))
        w.report("P20-083", el, f"value method {method!r} is not one of {known}")
    suggested = attr(el, "suggested")
    if suggested is not None and fmt.parse_seconds(suggested) is None:
        w.report("P20-082", el, f"value suggested must be a decimal ≥ 0, got {suggested!r}")
    recipients = [child for local, child in podcast_children(el) if local == "valueRecipient"]
    if not recipients:
        w.report("P20-081", el, "podcast:value has no podcast:valueRecipient")
    else:
        _split_sum(w, el, recipients)


def _split_sum(w: Walk, owner: Element, recipients: list[Element]) -> None:
    total = 0
    for recipient in recipients:
        if (recipient.get("fee") or "").strip().lower() == "true":
            continue  # fees come off the top; shares are split among the rest
        split = attr(recipient, "split")
        if split is None or not fmt.COUNT.fullmatch(split):
            return  # a bad split is P20-084's; the sum means nothing then
        total += int(split)
    if total <= 0:
        w.report("P20-087", owner, "the non-fee recipients' splits add up to 0: nobody gets paid")


def _value_recipient(w: Walk, el: Element, parent: str) -> None:
    kind, address = attr(el, "type"), attr(el, "address")
    if kind is not None and kind.lower() not in vocab.VALUE_RECIPIENT_TYPES:
        w.report("P20-083", el, f"valueRecipient type {kind!r} is not node, lnaddress or wallet")
    split = attr(el, "split")
    if split is not None and not fmt.COUNT.fullmatch(split):
        w.report("P20-084", el, f"valueRecipient split must be whole shares, got {split!r}")
    fee = attr(el, "fee")
    if fee is not None and fee.lower() not in _BOOLEANS:
        w.report("P20-085", el, f"valueRecipient fee must be true or false, got {fee!r}")
    if attr(el, "name") is None:
        w.report("P20-086", el, "valueRecipient has no name (recommended)")
    if (el.get("customKey") is None) != (el.get("customValue") is None):
        w.report("P20-086", el, "valueRecipient customKey and customValue go together")
    if address is not None and kind is not None:
        shape = _ADDRESS_SHAPES.get(kind.lower())
        if shape is not None and not shape[0].fullmatch(address):
            w.report("P20-088", el, f"{kind} address {address!r} is not {shape[1]}")


_ADDRESS_SHAPES: Mapping[str, tuple[re.Pattern[str], str]] = MappingProxyType(
    {
        "node": (fmt.NODE_PUBKEY, "a 66-hex-digit compressed public key"),
        "lnaddress": (fmt.LN_ADDRESS, "a Lightning address such as user@example.com"),
    }
)


def _value_time_split(w: Walk, el: Element, parent: str) -> None:
    for name in ("startTime", "duration"):
        raw = attr(el, name)
        if raw is not None and fmt.parse_seconds(raw) is None:
            w.report("P20-090", el, f"valueTimeSplit {name} must be seconds ≥ 0, got {raw!r}")
    remote, recipients = [], []
    for local, child in podcast_children(el):
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
    percentage = attr(el, "remotePercentage")
    if percentage is not None and not (
        fmt.NUMBER.fullmatch(percentage) and 0 <= float(percentage) <= 100
    ):
        w.report("P20-092", el, f"remotePercentage {percentage!r} is not within 0–100 (clamped)")
    remote_start = attr(el, "remoteStartTime")
    if remote_start is not None and fmt.parse_seconds(remote_start) is None:
        w.report("P20-092", el, f"remoteStartTime must be seconds ≥ 0, got {remote_start!r}")


def _medium(w: Walk, el: Element, parent: str) -> None:
    value = text(w.ctx, el)
    if value not in vocab.MEDIUMS:
        w.report("P20-095", el, f"podcast:medium {value!r} is not a defined medium")
    if parent == CHANNEL:
        w.medium = el


def _live_item(w: Walk, el: Element, parent: str) -> None:
    status = attr(el, "status")
    if status is not None and status not in vocab.LIVE_STATUSES:
        w.report("P20-100", el, f"liveItem status must be pending, live or ended, got {status!r}")
    start_text = attr(el, "start")
    start = fmt.parse_iso(start_text) if start_text is not None else None
    if start_text is not None and start is None:
        w.report("P20-100", el, f"liveItem start {start_text!r} is not an ISO 8601 date-time")
    end_text = attr(el, "end")
    end = fmt.parse_iso(end_text) if end_text is not None else None
    if end_text is None:
        w.report("P20-101", el, "liveItem has no end (recommended)")
    elif end is None:
        w.report("P20-101", el, f"liveItem end {end_text!r} is not an ISO 8601 date-time")
    elif start is not None and fmt.as_utc(end[0]) < fmt.as_utc(start[0]):
        w.report("P20-101", el, "liveItem ends before it starts")
    tags = {child.tag for child in el if isinstance(child.tag, str)}
    locals_ = {local_name(child) for child in el if is_podcast(child)}
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


def _content_link(w: Walk, el: Element, parent: str) -> None:
    href = attr(el, "href")
    if href is not None and not fmt.is_absolute(href):
        w.report("P20-105", el, f"contentLink href must be an absolute URI, got {href!r}")
    if not text(w.ctx, el):
        w.report("P20-106", el, "contentLink has no description (node value)")


def _social_interact(w: Walk, el: Element, parent: str) -> None:
    protocol = attr(el, "protocol")
    if protocol is not None and protocol not in vocab.SOCIAL_PROTOCOLS:
        w.report("P20-110", el, f"socialInteract protocol {protocol!r} is not a known protocol")
    if protocol == "disabled":
        # "disabled" stands alone: the spec's required uri does not apply.
        if [name for name in el.attrib if name != "protocol"] or text(w.ctx, el):
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
    if attr(el, "accountId") is None:
        w.report("P20-112", el, "socialInteract has no accountId (recommended)")
    priority = attr(el, "priority")
    if priority is not None and not fmt.INTEGER.fullmatch(priority):
        w.report("P20-112", el, f"socialInteract priority must be an integer, got {priority!r}")
    account_url = attr(el, "accountUrl")
    if account_url is not None and not fmt.is_absolute(account_url):
        w.report("P20-112", el, f"socialInteract accountUrl must be a URL, got {account_url!r}")
    owner = el.getparent()
    if owner is not None:
        w.social.setdefault(owner, []).append(el)


def _block(w: Walk, el: Element, parent: str) -> None:
    value = text(w.ctx, el)
    if value.lower() not in _YES_NO:
        w.report("P20-115", el, f"podcast:block must be `yes` or `no`, got {value!r}")
    service = attr(el, "id")
    if service is not None and service.lower() not in vocab.SERVICE_SLUGS:
        w.report("P20-116", el, f"block id {service!r} is not in serviceslugs.txt")
    key = (service or "").lower()
    if parent != CHANNEL and w.ctx.window is not None:
        w.ctx.window.unsure = True  # blocks of items in other windows are not in w.blocks
    if key in w.blocks:
        target = f"id {service!r}" if service else "no id"
        w.report("P20-117", el, f"a second podcast:block with {target}: which wins is ambiguous")
    else:
        w.blocks[key] = el


def _txt(w: Walk, el: Element, parent: str) -> None:
    value = text(w.ctx, el)
    if not value:
        w.report("P20-120", el, "podcast:txt is empty")
    elif len(value) > _TXT_LIMIT:
        w.report("P20-120", el, f"podcast:txt is {len(value)} characters (at most 4000)")
    purpose = attr(el, "purpose")
    if purpose is None:
        return
    if len(purpose) > GUIDANCE:
        w.report("P20-121", el, f"txt purpose is {len(purpose)} characters (keep ≤ 128)")
    if purpose.lower() == "ai-content" and value.lower() not in _BOOLEANS:
        w.report("P20-121", el, f'purpose="ai-content" takes true or false, got {value!r}')


def _remote_item(w: Walk, el: Element, parent: str) -> None:
    guid = attr(el, "feedGuid")
    if guid is not None and not fmt.UUID.fullmatch(guid):
        w.report("P20-125", el, f"remoteItem feedGuid must be a UUID, got {guid!r}")
    medium = attr(el, "medium")
    if medium is not None and medium not in vocab.MEDIUMS:
        w.report("P20-126", el, f"remoteItem medium {medium!r} is not a defined medium")
    feed_url = attr(el, "feedUrl")
    if feed_url is not None and not fmt.is_absolute(feed_url):
        w.report("P20-126", el, f"remoteItem feedUrl must be an absolute URL, got {feed_url!r}")
    if parent == CHANNEL:
        w.channel_remote_items += 1


def _podroll(w: Walk, el: Element, parent: str) -> None:
    remote = [child for local, child in podcast_children(el) if local == "remoteItem"]
    if not remote:
        w.report("P20-130", el, "podcast:podroll has no podcast:remoteItem")
    for item in remote:
        absent = [name for name in ("feedUrl", "title") if attr(item, name) is None]
        if absent:
            w.report("P20-131", item, f"podroll entry has no {' or '.join(absent)} (recommended)")


def _update_frequency(w: Walk, el: Element, parent: str) -> None:
    complete = attr(el, "complete")
    if complete is not None and complete.lower() not in _BOOLEANS:
        w.report("P20-135", el, f"updateFrequency complete must be true or false, got {complete!r}")
    dtstart_text = attr(el, "dtstart")
    dtstart = fmt.parse_iso(dtstart_text) if dtstart_text is not None else None
    if dtstart_text is not None and dtstart is None:
        w.report("P20-135", el, f"updateFrequency dtstart {dtstart_text!r} is not ISO 8601")
    rrule = attr(el, "rrule")
    if rrule is None:
        w.report("P20-138", el, "updateFrequency has no rrule (recommended)")
    else:
        parts, problem = fmt.parse_rrule(rrule)
        if problem:
            w.report("P20-135", el, f"updateFrequency rrule {rrule!r} is not RFC 5545: {problem}")
        else:
            _rrule_dtstart(w, el, parts, dtstart_text, dtstart)
    if not text(w.ctx, el):
        w.report("P20-138", el, "updateFrequency has no human-readable text (node value)")


def _rrule_dtstart(
    w: Walk,
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


def _podping(w: Walk, el: Element, parent: str) -> None:
    value = el.get("usesPodping")
    if value is None:
        w.report("P20-140", el, 'podcast:podping has no usesPodping="true|false"')
    elif value.strip().lower() not in _BOOLEANS:
        w.report("P20-140", el, f"usesPodping must be true or false, got {value!r}")


def _chat(w: Walk, el: Element, parent: str) -> None:
    protocol = attr(el, "protocol")
    if protocol is not None and protocol not in vocab.CHAT_PROTOCOLS:
        known = ", ".join(sorted(vocab.CHAT_PROTOCOLS))
        w.report("P20-145", el, f"chat protocol {protocol!r} is not one of {known}")
    if attr(el, "accountId") is None:
        w.report("P20-146", el, "chat has no accountId (recommended)")


def _publisher(w: Walk, el: Element, parent: str) -> None:
    remote = [child for local, child in podcast_children(el) if local == "remoteItem"]
    if len(remote) != 1:
        w.report("P20-150", el, f"podcast:publisher needs one remoteItem, has {len(remote)}")
        return
    item = remote[0]
    if attr(item, "medium") != "publisher":
        w.report("P20-150", item, 'the publisher remoteItem must have medium="publisher"')
    if attr(item, "feedUrl") is None:
        w.report("P20-151", item, "the publisher remoteItem has no feedUrl (highly recommended)")


def _image(w: Walk, el: Element, parent: str) -> None:
    href = attr(el, "href")
    if href is not None and not fmt.is_absolute(href):
        w.report("P20-155", el, f"image href must be an absolute URL, got {href!r}")
    for name in ("width", "height"):
        value = el.get(name)
        if value is not None and not (fmt.COUNT.fullmatch(value.strip()) and int(value) > 0):
            w.report("P20-156", el, f"image {name} must be a positive integer, got {value!r}")
    ratio = el.get("aspect-ratio")
    if ratio is not None and not fmt.ASPECT_RATIO.fullmatch(ratio):
        w.report("P20-156", el, f"image aspect-ratio must look like 16/9, got {ratio!r}")
    kind = el.get("type")
    if kind is not None and not is_mime(kind.strip()):
        w.report("P20-156", el, f"image type must be a MIME type, got {kind!r}")
    absent = [name for name in ("alt", "aspect-ratio", "width") if el.get(name) is None]
    if absent:
        w.report("P20-157", el, f"image has no {', '.join(absent)} (recommended)")


def _images(w: Walk, el: Element, parent: str) -> None:
    w.report("P20-007", el, "podcast:images is deprecated: use podcast:image")
    srcset = attr(el, "srcset")
    if srcset is None:
        return
    for candidate in srcset.split(","):
        match = fmt.SRCSET_CANDIDATE.fullmatch(candidate.strip())
        if match is None or not fmt.is_absolute(match.group(1)):
            w.report(
                "P20-160",
                el,
                f"srcset candidate {candidate.strip()!r} is not an absolute URL "
                "and a width such as 1500w",
            )
            return


HANDLERS: Mapping[str, Handler] = MappingProxyType(
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
