"""ITUNES-* rules: Apple Podcasts' requirements (spec digest §3, §5.3).

Where an RSS rule already reports the same fact (a missing channel title, description or
guid), the Apple rule reports only what RSS does not, so a problem shows up once.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from types import MappingProxyType

from ..categories import APPLE_CATEGORIES, OBSOLETE_CATEGORIES
from ..diagnostics import Severity
from .context import Element, FeedContext
from .formats import file_extension, is_absolute_url, is_email, is_http_url
from .ns import ATOM, ITUNES
from .registry import feed_check

_I = f"{{{ITUNES}}}"
_MAX_DESCRIPTION_BYTES = 4000
_EXPLICIT = frozenset({"true", "false"})
_TYPES = frozenset({"episodic", "serial"})
_EPISODE_TYPES = frozenset({"full", "trailer", "bonus"})
_ARTWORK_EXTENSIONS = frozenset({"jpg", "jpeg", "png"})
_APPLE_MIME = frozenset(
    {"audio/x-m4a", "audio/mpeg", "video/quicktime", "video/mp4", "video/x-m4v", "application/pdf"}
)
_APPLE_EXTENSIONS = frozenset({"m4a", "mp3", "mov", "mp4", "m4v", "pdf", "epub"})
# Extension → MIME types that agree with it (ITUNES-027).
_MIME_BY_EXTENSION: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "mp3": frozenset({"audio/mpeg"}),
        "m4a": frozenset({"audio/x-m4a", "audio/mp4", "audio/m4a"}),
        "mp4": frozenset({"video/mp4", "audio/mp4"}),
        "m4v": frozenset({"video/x-m4v", "video/m4v", "video/mp4"}),
        "mov": frozenset({"video/quicktime"}),
        "pdf": frozenset({"application/pdf"}),
    }
)
_DESCRIPTION_TAGS = frozenset({"p", "ol", "ul", "li", "a", "b", "i", "strong", "em", "br"})
_TAG_NAME = re.compile(r"<\s*/?\s*([A-Za-z][A-Za-z0-9]*)[^<>]*>")
_DURATION = re.compile(r"^\d+(:[0-5][0-9](:[0-5][0-9])?)?$")
_SECONDS = re.compile(r"^\d+$")
_POSITIVE = re.compile(r"^0*[1-9]\d*$")
_NUMBERED_TITLE = re.compile(
    r"^\s*(episode|ep\.?|e|season|s)\s*\d+|^\s*#\s*\d+|^\s*s\d+\s*e\d+|^\s*\d+\s*[.:)\-–]\s",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]{4,}")
_YES_NO = frozenset({"yes", "no"})
# ITUNES-039 (warning) and ITUNES-040 (error): where each length limit applies.
_SOFT_255 = (
    "title",
    f"{_I}title",
    "copyright",
    "managingEditor",
    "webMaster",
    "author",
    "category",
)
_HARD_LIMITS: Mapping[str, int] = MappingProxyType(
    {f"{_I}summary": 4000, f"{_I}subtitle": 255, f"{_I}keywords": 255, f"{_I}author": 255}
)
_DEPRECATED = (f"{_I}summary", f"{_I}subtitle", f"{_I}keywords")
_STUFFING_TERMS = 5
_ALL_HARD_LIMITS: Mapping[str, int] = MappingProxyType({**_HARD_LIMITS, f"{_I}name": 255})
# Tag → (ITUNES-039 soft 255 limit?, ITUNES-040 hard limit, ITUNES-041 deprecated?, ITUNES-042?)
_TEXT_RULES: Mapping[str, tuple[bool, int | None, bool, bool]] = MappingProxyType(
    {
        tag: (
            tag in _SOFT_255,
            _ALL_HARD_LIMITS.get(tag),
            tag in _DEPRECATED,
            tag == f"{_I}keywords",
        )
        for tag in (*_SOFT_255, *_ALL_HARD_LIMITS, *_DEPRECATED)
    }
)
_TEXT_TAGS = frozenset(_TEXT_RULES)
_IMAGE = f"{_I}image"
_EXPLICIT_TAG = f"{_I}explicit"
_EPISODE_TYPE = f"{_I}episodeType"
_DURATION_TAG = f"{_I}duration"
_CATEGORY = f"{_I}category"
_NUMBERS = (("season", f"{_I}season"), ("episode", f"{_I}episode"))
_FLAGS = (("block", f"{_I}block"), ("complete", f"{_I}complete"))
_TITLES = ("title", f"{_I}title")


def _tag(element: Element) -> str:
    tag = str(element.tag)
    return "itunes:" + tag[len(_I) :] if tag.startswith(_I) else tag


@feed_check("ITUNES-001", "ITUNES-002", "ITUNES-003", "ITUNES-008", "ITUNES-017", "ITUNES-048")
def check_show(ctx: FeedContext) -> None:
    channel = ctx.channel
    if channel is None:
        return
    title = ctx.kid(channel, "title")
    if not ctx.text(title) and not ctx.is_active("RSS-003"):
        ctx.report("ITUNES-001", title if title is not None else channel, "the show has no title")
    description = ctx.kid(channel, "description")
    if description is None:
        if not ctx.is_active("RSS-005"):
            ctx.report("ITUNES-002", channel, "the show has no <description>")
    else:
        text = ctx.text(description)
        if not text:
            ctx.report("ITUNES-002", description, "the show's <description> is empty")
        size = _utf8_size(text)
        if size > _MAX_DESCRIPTION_BYTES:
            ctx.report(
                "ITUNES-003",
                description,
                f"the show's description is {size} bytes; Apple allows 4000",
            )
    if ctx.kid(channel, "language") is None:
        ctx.report("ITUNES-008", channel, "channel has no <language>; Apple requires it")
    if ctx.kid(channel, f"{_I}author") is None:
        ctx.report("ITUNES-017", channel, "channel has no <itunes:author> (recommended)")
    if not ctx.items:
        ctx.report(
            "ITUNES-048", channel, "the feed has no <item>; Apple needs one episode to list a show"
        )


@feed_check("ITUNES-004", "ITUNES-005", "ITUNES-035", "ITUNES-028")
def check_artwork(ctx: FeedContext) -> None:
    channel = ctx.channel
    if channel is None:
        return
    images = ctx.kids(channel, f"{_I}image")
    if not images:
        ctx.report("ITUNES-004", channel, "channel has no <itunes:image href=…> (show artwork)")
    parents = [("ITUNES-004", ctx.children(channel))]
    parents += [("ITUNES-035", kids) for kids in ctx.item_maps() if _IMAGE in kids]
    for rule, kids in parents:
        for image in kids.get(_IMAGE, ()):
            href = image.get("href")
            if href is None:
                ctx.report(
                    rule,
                    image,
                    "<itunes:image> has no href attribute (a URL inside the tag is ignored)",
                )
            elif not is_http_url(href):
                ctx.report(
                    rule, image, f"<itunes:image> href {href!r} is not an absolute http(s) URL"
                )
            elif file_extension(href) not in _ARTWORK_EXTENSIONS:
                ctx.report(
                    "ITUNES-005", image, f"artwork URL {href!r} does not end in .jpg, .jpeg or .png"
                )
            if ctx.text(image):
                ctx.report(rule, image, "<itunes:image> must be empty; put the URL in href")
            if href is not None and not href.isascii():
                ctx.report("ITUNES-028", image, f"artwork URL {href!r} has non-ASCII characters")
    for link in ctx.kids(channel, f"{{{ATOM}}}link"):
        href = link.get("href") or ""
        if link.get("rel") == "self" and not href.isascii():
            ctx.report("ITUNES-028", link, f"feed URL {href!r} has non-ASCII characters")


@feed_check("ITUNES-009", "ITUNES-010", "ITUNES-011", "ITUNES-012", "ITUNES-013")
def check_categories(ctx: FeedContext) -> None:
    channel = ctx.channel
    if channel is None:
        return
    top = ctx.kids(channel, f"{_I}category")
    if not top:
        ctx.report("ITUNES-009", channel, "channel has no <itunes:category>")
    for extra in top[1:]:
        ctx.report(
            "ITUNES-013", extra, "Apple uses only the first <itunes:category>; this one is ignored"
        )
    for category in top:
        name = category.get("text")
        if name is None:
            ctx.report("ITUNES-010", category, "<itunes:category> has no text attribute")
            continue
        if name in OBSOLETE_CATEGORIES:
            ctx.report("ITUNES-012", category, f"{name!r} is an obsolete Apple category")
        elif name not in APPLE_CATEGORIES:
            ctx.report(
                "ITUNES-010",
                category,
                f"{name!r} is not an Apple category (names are case-sensitive)",
            )
        subs = ctx.kids(category, f"{_I}category")
        for sub in subs:
            _check_subcategory(ctx, name, sub)


def _check_subcategory(ctx: FeedContext, parent: str, sub: Element) -> None:
    name = sub.get("text")
    if name is None:
        ctx.report("ITUNES-010", sub, "<itunes:category> has no text attribute")
        return
    if f"{parent}/{name}" in OBSOLETE_CATEGORIES:
        ctx.report("ITUNES-012", sub, f"{parent}/{name} is an obsolete Apple category")
    elif parent in APPLE_CATEGORIES and name not in APPLE_CATEGORIES[parent]:
        ctx.report("ITUNES-011", sub, f"{name!r} is not a subcategory of {parent!r}")
    for deeper in ctx.kids(sub, f"{_I}category"):
        ctx.report("ITUNES-011", deeper, "categories nest at most two levels deep")


@feed_check("ITUNES-014", "ITUNES-015", "ITUNES-016", "INFO-002")
def check_explicit(ctx: FeedContext) -> None:
    channel = ctx.channel
    if channel is None:
        return
    if ctx.kid(channel, f"{_I}explicit") is None:
        ctx.report("ITUNES-014", channel, "channel has no <itunes:explicit> (true or false)")
    noted = False
    for kids in (ctx.children(channel), *ctx.item_maps()):
        for explicit in kids.get(_EXPLICIT_TAG, ()):
            value = ctx.raw_text(explicit)
            if value.lower() not in _EXPLICIT:
                ctx.report(
                    "ITUNES-015",
                    explicit,
                    f"<itunes:explicit> is {value!r}; Apple accepts only true or false",
                )
                continue
            if value != value.lower():
                ctx.report(
                    "ITUNES-016",
                    explicit,
                    f"write <itunes:explicit> in lower case ({value.lower()!r})",
                )
            if not noted:
                noted = True
                ctx.report(
                    "INFO-002", explicit, "feedparser 6.0.x reads true/false here as unknown (None)"
                )


@feed_check("ITUNES-018", "ITUNES-019", "ITUNES-020", "ITUNES-021", "ITUNES-046")
def check_episodes(ctx: FeedContext) -> None:
    channel = ctx.channel
    if channel is None:
        return
    show_type = ctx.kid(channel, f"{_I}type")
    serial = False
    if show_type is not None:
        value = ctx.text(show_type)
        serial = value == "serial"
        if value not in _TYPES:
            ctx.report(
                "ITUNES-018", show_type, f"<itunes:type> {value!r} must be episodic or serial"
            )
    trailers: list[tuple[Element, tuple[str, str]]] = []
    full: dict[tuple[str, str], str] = {}
    text = ctx.text
    window = ctx.window  # a window leaves ITUNES-046 to the merge, which sees every item
    base = window.item_base if window is not None else 0
    for item_number, (item, kids) in enumerate(ctx.item_children(), base + 1):
        numbers = []
        for name, tag in _NUMBERS:
            found = kids.get(tag)
            element = found[0] if found else None
            number = text(element)
            numbers.append(number)
            if element is not None and not _POSITIVE.match(number):
                ctx.report(
                    "ITUNES-020",
                    element,
                    f"<itunes:{name}> {number!r} is not a whole number above 0",
                )
        if serial and not numbers[1]:
            ctx.report("ITUNES-019", item, "a serial show needs <itunes:episode> on every episode")
        kinds = kids.get(_EPISODE_TYPE)
        kind_el = kinds[0] if kinds else None
        kind = text(kind_el) if kind_el is not None else "full"
        if kind_el is not None and kind not in _EPISODE_TYPES:
            ctx.report(
                "ITUNES-021",
                kind_el,
                f"<itunes:episodeType> {kind!r} must be full, trailer or bonus",
            )
        if not numbers[1]:
            continue  # neither a numbered trailer nor a numbered full episode (ITUNES-046)
        key = (numbers[0], numbers[1])
        if window is not None:
            if kind in ("trailer", "full"):
                guids = kids.get("guid")
                guid = text(guids[0]) if guids else ""
                window.episodes.append((key, kind, guid, ctx.line_of(item), item_number))
            continue
        if kind == "trailer":
            trailers.append((item, key))
        elif kind == "full":
            guids = kids.get("guid")
            guid = text(guids[0]) if guids else ""
            if guid:
                full.setdefault(key, guid)
    for trailer, key in trailers:
        guid = ctx.text(ctx.kid(trailer, "guid"))
        if guid and full.get(key) == guid:
            ctx.report(
                "ITUNES-046",
                trailer,
                f"this trailer shares its guid {guid!r} with the full episode",
            )


@feed_check(
    "ITUNES-022", "ITUNES-023", "ITUNES-024", "ITUNES-025", "ITUNES-029", "ITUNES-030", "ITUNES-031"
)
def check_items(ctx: FeedContext) -> None:
    seen_urls: dict[str, Element] = {}
    text_of = ctx.text
    window = ctx.window  # a window leaves ITUNES-025 to the merge, which sees every item
    base = window.item_base if window is not None else 0
    for item_number, (item, kids) in enumerate(ctx.item_children(), base + 1):
        guid = kids.get("guid")
        if guid is None or not text_of(guid[0]):
            what = "no <guid>" if guid is None else "an empty <guid>"
            ctx.report(
                "ITUNES-022",
                guid[0] if guid else item,
                f"episode has {what}; Apple requires one that never changes",
            )
        title = kids.get("title")
        if not title or not text_of(title[0]):
            ctx.report("ITUNES-023", title[0] if title else item, "episode has no title")
        enclosures = kids.get("enclosure")
        if not enclosures:
            ctx.report("ITUNES-024", item, "episode has no <enclosure> (its media file)")
        else:
            url = enclosures[0].get("url")
            if url and window is not None:
                position = 1 if len(enclosures) > 1 else 0
                line = ctx.line_of(enclosures[0])
                window.enclosure_urls.append((url, line, item_number, "enclosure", position))
            elif url:
                first = seen_urls.setdefault(url, enclosures[0])
                if first is not enclosures[0]:
                    ctx.report(
                        "ITUNES-025",
                        enclosures[0],
                        f"enclosure URL also used on line {first.sourceline}; Apple skips repeats",
                    )
        if "pubDate" not in kids:
            ctx.report("ITUNES-029", item, "episode has no <pubDate> (recommended)")
        description = kids.get("description")
        if not description:
            ctx.report("ITUNES-030", item, "episode has no <description> (recommended)")
            continue
        text = text_of(description[0])
        size = _utf8_size(text)
        if size > _MAX_DESCRIPTION_BYTES:
            ctx.report(
                "ITUNES-030",
                description[0],
                f"episode description is {size} bytes; Apple allows 4000",
                severity=Severity.ERROR,
            )
        if "<" not in text:
            continue  # no markup at all: skip the regex over kilobytes of show notes
        bad = sorted({m.lower() for m in _TAG_NAME.findall(text)} - _DESCRIPTION_TAGS)
        if bad:
            ctx.report(
                "ITUNES-031",
                description[0],
                f"description uses HTML tags Apple does not render: {', '.join(bad)}",
            )


def _utf8_size(text: str, limit: int = _MAX_DESCRIPTION_BYTES) -> int:
    """The text's size in UTF-8, exact when it is over ``limit`` (else at most ``limit``)."""
    # str.isascii() is O(1) in CPython: most show notes need no encoding to be measured. A
    # character takes at most 4 bytes: a short text cannot be over the limit (its size is then
    # only bounded, which is all the callers compare), and need not be encoded either.
    if text.isascii():
        return len(text)
    if len(text) * 4 <= limit:
        return len(text) * 4
    return len(text.encode("utf-8"))


@feed_check("ITUNES-026", "ITUNES-027", "ITUNES-028")
def check_media(ctx: FeedContext) -> None:
    for kids in ctx.item_maps():
        for enclosure in kids.get("enclosure", ())[:1]:
            url = enclosure.get("url") or ""
            mime = (enclosure.get("type") or "").lower()
            extension = file_extension(url)
            if mime and mime not in _APPLE_MIME:
                ctx.report(
                    "ITUNES-026", enclosure, f"enclosure type {mime!r} is not one Apple lists"
                )
            if url and extension not in _APPLE_EXTENSIONS:
                ctx.report(
                    "ITUNES-026",
                    enclosure,
                    f"enclosure URL ends in {extension or 'no extension'!r}, not an Apple format",
                )
            agreeing = _MIME_BY_EXTENSION.get(extension)
            if mime and agreeing is not None and mime not in agreeing:
                ctx.report(
                    "ITUNES-027", enclosure, f"type {mime!r} does not match the .{extension} file"
                )
            if url and not url.isascii():
                ctx.report("ITUNES-028", enclosure, f"media URL {url!r} has non-ASCII characters")


@feed_check("ITUNES-032", "ITUNES-033", "ITUNES-034")
def check_durations(ctx: FeedContext) -> None:
    for item, kids in ctx.item_children():
        durations = kids.get(_DURATION_TAG)
        if durations is None:
            ctx.report("ITUNES-032", item, "episode has no <itunes:duration> (recommended)")
            continue
        duration = durations[0]
        value = ctx.text(duration)
        if not _DURATION.match(value):
            ctx.report(
                "ITUNES-033",
                duration,
                f"<itunes:duration> {value!r} is not seconds, M:SS or H:MM:SS",
            )
        elif not _SECONDS.match(value):
            ctx.report(
                "ITUNES-034",
                duration,
                f"<itunes:duration> {value!r}: Apple recommends plain seconds",
            )


@feed_check("ITUNES-036", "ITUNES-037", "ITUNES-038")
def check_flags(ctx: FeedContext) -> None:
    channel = ctx.channel
    if channel is None:
        return
    for kids in (ctx.children(channel), *ctx.item_maps()):
        for name, flag in _FLAGS:
            for element in kids.get(flag, ()):
                value = ctx.text(element)
                if value.lower() not in _YES_NO:
                    ctx.report(
                        "ITUNES-036",
                        element,
                        f"<itunes:{name}> {value!r} has no effect; only Yes does",
                    )
    # Repeated tags: on the channel, and on the items the index saw repeating a tag.
    for kids in (ctx.children(channel), *(kids for _, kids in ctx.repeating_items())):
        for tag, elements in kids.items():
            if len(elements) > 1 and tag.startswith(_I) and tag != _CATEGORY:
                for extra in elements[1:]:
                    ctx.report("ITUNES-038", extra, f"<{_tag(extra)}> appears more than once here")
    for owner in ctx.kids(channel, f"{_I}owner"):
        for elements in ctx.children(owner).values():
            for extra in elements[1:]:
                ctx.report("ITUNES-038", extra, f"<{_tag(extra)}> appears more than once here")
    for new_url in ctx.kids(channel, f"{_I}new-feed-url"):
        if not is_absolute_url(ctx.text(new_url)):
            ctx.report(
                "ITUNES-037",
                new_url,
                f"<itunes:new-feed-url> {ctx.text(new_url)!r} is not an absolute URL",
            )


@feed_check("ITUNES-039", "ITUNES-040", "ITUNES-041", "ITUNES-042")
def check_texts(ctx: FeedContext) -> None:
    channel = ctx.channel
    if channel is None:
        return
    maps = [ctx.children(channel), *ctx.item_maps()]
    maps += [ctx.children(owner) for owner in ctx.kids(channel, f"{_I}owner")]
    deprecated_seen: set[str] = set()
    text = ctx.text
    for kids in maps:
        # One set intersection (in C) finds the few tags these rules are about.
        for name in kids.keys() & _TEXT_TAGS:
            soft, limit, deprecated, keywords = _TEXT_RULES[name]
            for element in kids[name]:
                # Once per tag name: a long feed would otherwise repeat it on every item.
                if deprecated and name not in deprecated_seen:
                    deprecated_seen.add(name)
                    ctx.report(
                        "ITUNES-041",
                        element,
                        f"<{_tag(element)}> is no longer part of Apple's spec",
                    )
                value = text(element)
                length = len(value)
                if soft and length > 255:
                    ctx.report(
                        "ITUNES-039",
                        element,
                        f"<{_tag(element)}> is {length} characters; keep to 255",
                    )
                if limit is not None and length > limit:
                    ctx.report(
                        "ITUNES-040",
                        element,
                        f"<{_tag(element)}> is {length} characters; the limit is {limit}",
                    )
                if keywords and "," not in value and len(value.split()) > 1:
                    ctx.report("ITUNES-042", element, "separate <itunes:keywords> with commas")


@feed_check("ITUNES-043", "ITUNES-044")
def check_owner(ctx: FeedContext) -> None:
    channel = ctx.channel
    if channel is None:
        return
    owners = ctx.kids(channel, f"{_I}owner")
    if not owners:
        ctx.report("ITUNES-044", channel, "channel has no <itunes:owner><itunes:email>")
    for owner in owners:
        email = ctx.kid(owner, f"{_I}email")
        if email is None:
            ctx.report("ITUNES-043", owner, "<itunes:owner> has no <itunes:email>")
        elif not is_email(ctx.text(email)):
            ctx.report(
                "ITUNES-043", email, f"<itunes:email> {ctx.text(email)!r} is not an email address"
            )


@feed_check("ITUNES-045", "ITUNES-047")
def check_titles(ctx: FeedContext) -> None:
    channel = ctx.channel
    if channel is None:
        return
    show = ctx.text(ctx.kid(channel, "title"))
    if show:
        terms = [t for t in re.split(r"[,|]", show) if t.strip()]
        words = Counter(w.lower() for w in _WORD.findall(show))
        if len(terms) > _STUFFING_TERMS or any(n >= 3 for n in words.values()):
            ctx.report(
                "ITUNES-047",
                ctx.kid(channel, "title"),
                "the show title looks keyword-stuffed; Apple may remove such shows",
            )
    show_lower = show.lower() if show and len(show) > 3 else None
    for kids in ctx.item_maps():
        for name in _TITLES:
            for title in kids.get(name, ()):
                text = ctx.text(title)
                if _NUMBERED_TITLE.match(text):
                    ctx.report(
                        "ITUNES-045",
                        title,
                        f"{text!r}: numbers belong in itunes:episode/itunes:season",
                    )
                elif show_lower is not None and show_lower in text.lower():
                    ctx.report("ITUNES-045", title, f"{text!r} repeats the show title")
