"""RSS-* rules: the RSS 2.0 core (document, channel, items, enclosures, guids, dates)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

from ..languages import is_language_code
from .context import Element, FeedContext
from .formats import (
    check_rfc2822,
    is_absolute_url,
    is_contact,
    is_http_url,
    is_mime,
    is_plain_date,
)
from .ns import ATOM
from .registry import feed_check

# Elements RSS 2.0 defines, per parent; "single" ones may appear at most once.
_CHANNEL_SINGLE = (
    "title", "link", "description", "language", "copyright", "managingEditor", "webMaster",
    "pubDate", "lastBuildDate", "generator", "docs", "cloud", "ttl", "image", "rating",
    "textInput", "skipHours", "skipDays",
)  # fmt: skip
_ITEM_SINGLE = ("title", "link", "description", "author", "comments", "guid", "pubDate", "source")
_ITEM_SINGLE_SET = frozenset(_ITEM_SINGLE)
_ALLOWED: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "rss": frozenset({"channel"}),
        "channel": frozenset({*_CHANNEL_SINGLE, "category", "item"}),
        "item": frozenset({*_ITEM_SINGLE, "category", "enclosure"}),
        "image": frozenset({"url", "title", "link", "width", "height", "description"}),
        "textInput": frozenset({"title", "description", "name", "link"}),
        "skipHours": frozenset({"hour"}),
        "skipDays": frozenset({"day"}),
    }
)
# Allowed children that RSS defines children for in turn (where the RSS-029 walk goes on).
_DESCEND: Mapping[str, frozenset[str]] = MappingProxyType(
    {parent: allowed & (_ALLOWED.keys() - {"rss"}) for parent, allowed in _ALLOWED.items()}
)
_DATES = ("pubDate", "lastBuildDate")
_CONTACTS = ("managingEditor", "webMaster")
_IMAGE_LIMITS: Mapping[str, int] = MappingProxyType({"width": 144, "height": 400})
_HTML_TAG = re.compile(r"<\s*/?\s*[A-Za-z][A-Za-z0-9]*(\s[^<>]*)?/?\s*>")
_NOT_PERMALINK = ("tag:", "urn:uuid:")
_ITEM_URLS = ("link", "comments")
_INTEGER = re.compile(r"^\d+$")
_SHORT_NUMBER = re.compile(r"^\d{1,8}$")


@feed_check("RSS-001", "RSS-002")
def check_document(ctx: FeedContext) -> None:
    root = ctx.root
    if root is None:
        return
    if root.tag != "rss":
        ctx.report("RSS-001", root, f"the root element is <{root.tag}>, expected <rss>")
        return
    version = root.get("version")
    if version != "2.0":
        got = "no version attribute" if version is None else f'version="{version}"'
        ctx.report("RSS-001", root, f'<rss> has {got}, expected version="2.0"')
    channels = ctx.kids(root, "channel")
    if len(channels) != 1:
        target = channels[1] if channels else root
        ctx.report("RSS-002", target, f"<rss> holds {len(channels)} <channel> elements, expected 1")


@feed_check("RSS-003", "RSS-004", "RSS-005", "RSS-006", "RSS-024", "RSS-027")
def check_channel(ctx: FeedContext) -> None:
    channel = ctx.channel
    if channel is None:
        return
    title = ctx.kid(channel, "title")
    if not ctx.text(title):
        ctx.report(
            "RSS-003",
            title if title is not None else channel,
            "channel <title> is missing or empty",
        )
    link = ctx.kid(channel, "link")
    if link is None:
        ctx.report("RSS-004", channel, "channel has no <link> (the show's website)")
    elif not is_absolute_url(ctx.text(link)):
        ctx.report("RSS-004", link, f"channel <link> {ctx.text(link)!r} is not an absolute URL")
    if ctx.kid(channel, "description") is None:
        ctx.report("RSS-005", channel, "channel has no <description>")
    for name in _CHANNEL_SINGLE:
        for extra in ctx.kids(channel, name)[1:]:
            ctx.report("RSS-006", extra, f"channel <{name}> appears more than once")
    language = ctx.kid(channel, "language")
    if language is not None and not is_language_code(ctx.text(language)):
        ctx.report(
            "RSS-024",
            language,
            f"<language> {ctx.text(language)!r} is not an ISO 639 code (like en or en-us)",
        )
    ttl = ctx.kid(channel, "ttl")
    if ttl is not None and not (_INTEGER.match(ctx.text(ttl)) and int(ctx.text(ttl)) > 0):
        ctx.report("RSS-027", ttl, f"<ttl> {ctx.text(ttl)!r} is not a positive integer (minutes)")


@feed_check("RSS-025")
def check_self_link(ctx: FeedContext) -> None:
    # Under apple/podcasting2 PSP-001 (an error) reports the same fact.
    if ctx.channel is None or ctx.is_active("PSP-001"):
        return
    for link in ctx.kids(ctx.channel, f"{{{ATOM}}}link"):
        if link.get("rel") == "self":
            return
    ctx.report(
        "RSS-025",
        ctx.channel,
        'channel has no <atom:link rel="self" type="application/rss+xml" href="…">',
    )


@feed_check("RSS-026")
def check_image(ctx: FeedContext) -> None:
    if ctx.channel is None:
        return
    for image in ctx.kids(ctx.channel, "image"):
        missing = [n for n in ("url", "title", "link") if not ctx.text(ctx.kid(image, n))]
        if missing:
            ctx.report("RSS-026", image, f"<image> lacks {', '.join(f'<{n}>' for n in missing)}")
        for name, limit in _IMAGE_LIMITS.items():
            size = ctx.kid(image, name)
            if size is None:
                continue
            value = ctx.text(size)
            if not _INTEGER.match(value) or not 0 < int(value) <= limit:
                ctx.report(
                    "RSS-026", size, f"<image><{name}> {value!r} must be an integer 1-{limit}"
                )


@feed_check("RSS-028")
def check_contacts(ctx: FeedContext) -> None:
    if ctx.channel is None:
        return
    people = [el for name in _CONTACTS for el in ctx.kids(ctx.channel, name)]
    people += [el for _, kids in ctx.item_children() if "author" in kids for el in kids["author"]]
    for person in people:
        value = ctx.text(person)
        if not is_contact(value):
            ctx.report(
                "RSS-028",
                person,
                f"<{person.tag}> {value!r} is not an email address ('name@example.com (Name)')",
            )


@feed_check("RSS-015", "RSS-016", "RSS-017", "RSS-018")
def check_dates(ctx: FeedContext) -> None:
    if ctx.channel is None:
        return
    maps = [ctx.children(ctx.channel), *ctx.item_maps()]
    for kids in maps:
        for name in _DATES:
            for element in kids.get(name, ()):
                text = ctx.text(element)
                if is_plain_date(text):
                    continue  # what nearly every item has: nothing to report
                result = check_rfc2822(text)
                if result.rule is not None:
                    ctx.report(result.rule, element, f"<{name}> {result.problem}")


@feed_check("RSS-029")
def check_undefined_elements(ctx: FeedContext) -> None:
    root = ctx.root
    if root is None or root.tag != "rss":
        return
    # (tag, element) pairs: the tag is known from the parent's map, not read again.
    stack: list[tuple[str, Element]] = [("rss", root)]
    # Items of one feed mostly share their tag sequence: its undefined tags are found once.
    undefined: dict[tuple[str, tuple[str, ...]], list[str]] = {}
    while stack:
        name, parent = stack.pop()
        kids = ctx.children(parent)
        shape = (name, tuple(kids))
        bad = undefined.get(shape)
        if bad is None:
            # Namespaced tags are extensions, allowed anywhere.
            bad = undefined[shape] = [
                tag for tag in kids.keys() - _ALLOWED[name] if not tag.startswith("{")
            ]
        for tag in bad:
            for child in kids[tag]:
                ctx.report(
                    "RSS-029",
                    child,
                    f"<{tag}> is not an RSS 2.0 element of <{name}> and has no namespace",
                )
        descend = _DESCEND[name]
        if descend:  # items have no RSS children with children of their own
            for tag in kids.keys() & descend:
                stack.extend((tag, child) for child in kids[tag])


@feed_check(
    "RSS-007", "RSS-008", "RSS-009", "RSS-010", "RSS-011", "RSS-012", "RSS-013", "RSS-014",
    "RSS-030", "RSS-031",
)  # fmt: skip
def check_items(ctx: FeedContext) -> None:
    for _, kids in ctx.repeating_items():
        for name, elements in kids.items():
            if len(elements) > 1 and name in _ITEM_SINGLE_SET:
                for extra in elements[1:]:
                    ctx.report("RSS-008", extra, f"item <{name}> appears more than once")
        for extra in kids.get("enclosure", ())[1:]:
            ctx.report(
                "RSS-013",
                extra,
                "item has more than one <enclosure>; most apps read only the first",
            )
    text_of = ctx.text
    for item, kids in ctx.item_children():
        if "title" not in kids and "description" not in kids:
            ctx.report("RSS-007", item, "<item> has neither <title> nor <description>")
        for enclosure in kids.get("enclosure", ()):
            _check_enclosure(ctx, enclosure)
        for name in _ITEM_URLS:
            for element in kids.get(name, ()):
                if not is_absolute_url(text_of(element)):
                    ctx.report(
                        "RSS-030",
                        element,
                        f"item <{name}> {text_of(element)!r} is not an absolute URL",
                    )
    if ctx.channel is not None:
        titled = [ctx.children(ctx.channel), *ctx.item_maps()]
        for kids in titled:
            for title in kids.get("title", ()):
                text = ctx.text(title)
                if ("<" in text and _HTML_TAG.search(text)) or _has_child_element(title):
                    ctx.report(
                        "RSS-031", title, "<title> contains HTML markup; titles are plain text"
                    )


def _check_enclosure(ctx: FeedContext, enclosure: Element) -> None:
    get = enclosure.get
    url, length, mime = get("url"), get("length"), get("type")
    if url is None or length is None or mime is None:
        missing = [n for n, v in (("url", url), ("length", length), ("type", mime)) if v is None]
        ctx.report("RSS-009", enclosure, f"<enclosure> lacks {', '.join(missing)}")
    if url is not None and not is_http_url(url):
        ctx.report("RSS-010", enclosure, f"enclosure url {url!r} is not an absolute http(s) URL")
    if length is not None:
        if length.strip() in ("0", "-1"):
            ctx.report(
                "RSS-014",
                enclosure,
                f'enclosure length="{length}" is a placeholder; give the file size in bytes',
            )
        elif not _INTEGER.match(length):
            ctx.report(
                "RSS-011", enclosure, f"enclosure length {length!r} is not a whole number of bytes"
            )
    if mime is not None and not is_mime(mime):
        ctx.report(
            "RSS-012", enclosure, f"enclosure type {mime!r} is not a MIME type (type/subtype)"
        )


@feed_check("RSS-019", "RSS-020", "RSS-021", "RSS-022", "RSS-023")
def check_guids(ctx: FeedContext) -> None:
    # Under apple/podcasting2 a missing guid is ITUNES-022 (an error) instead of RSS-019.
    report_missing = not ctx.is_active("ITUNES-022")
    seen: dict[str, Element] = {}
    window = ctx.window  # a window leaves RSS-022 to the merge, which sees every item
    base = window.item_base if window is not None else 0
    for item_number, (item, kids) in enumerate(ctx.item_children(), base + 1):
        guids = kids.get("guid")
        guid = guids[0] if guids else None
        value = ctx.text(guid)
        if guid is None or not value:
            if report_missing:
                what = "no <guid>" if guid is None else "an empty <guid>"
                ctx.report("RSS-019", guid if guid is not None else item, f"item has {what}")
            continue
        permalink = guid.get("isPermaLink")
        if permalink is not None and permalink not in ("true", "false"):
            ctx.report(
                "RSS-020", guid, f'isPermaLink="{permalink}" must be exactly "true" or "false"'
            )
        if permalink != "false":
            if value.startswith(_NOT_PERMALINK) or not is_absolute_url(value):
                ctx.report(
                    "RSS-021",
                    guid,
                    f'guid {value!r} is not a URL, so it needs isPermaLink="false"',
                )
        elif _SHORT_NUMBER.match(value):
            ctx.report(
                "RSS-023", guid, f"guid {value!r} is a short number; it may clash with other feeds"
            )
        if window is not None:
            position = 1 if len(kids["guid"]) > 1 else 0
            window.guids.append((value, ctx.line_of(guid), item_number, "guid", position))
            continue
        first = seen.setdefault(value, guid)
        if first is not guid:
            ctx.report("RSS-022", guid, f"guid {value!r} is also used on line {first.sourceline}")


def _has_child_element(element: Element) -> bool:
    return bool(len(element)) and any(isinstance(child.tag, str) for child in element)
