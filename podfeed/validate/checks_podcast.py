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

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import cast

from .. import vocab
from . import podcast_formats as fmt
from .catalog import RULES
from .context import Element, FeedContext
from .ns import PODCAST, PODCAST_LEGACY
from .podcast_tags import (
    CHANNEL,
    GUIDANCE,
    HANDLERS,
    ITEM,
    Walk,
    is_podcast,
    local_name,
    text,
)
from .podcast_tags import attr as attr_of
from .registry import feed_check

__all__ = ["check_podcast"]

_PODCAST_TAGS = (f"{{{PODCAST}}}*", f"{{{PODCAST_LEGACY}}}*")

# -- the tag table (spec digest §1.3) --------------------------------------------------------------


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
        "locked": _tag(CHANNEL, single=True),
        "transcript": _tag(ITEM, required=("url", "type"), rule="P20-015"),
        "funding": _tag(CHANNEL, ITEM, required=("url",), rule="P20-020", long_text=True),
        "chapters": _tag(ITEM, single=True, required=("url", "type"), rule="P20-025"),
        "soundbite": _tag(ITEM, required=("startTime", "duration"), rule="P20-030", long_text=True),
        "person": _tag(CHANNEL, ITEM, long_text=True),
        "location": _tag(CHANNEL, ITEM, long_text=True),
        "season": _tag(ITEM, single=True, long_attrs=("name",)),
        "episode": _tag(ITEM, single=True),
        "trailer": _tag(CHANNEL, required=("url", "pubdate"), rule="P20-055", long_text=True),
        "license": _tag(CHANNEL, ITEM, single=True, long_text=True),
        "alternateEnclosure": _tag(ITEM, required=("type",), rule="P20-065"),
        "source": _tag("alternateEnclosure", required=("uri",), rule="P20-071"),
        # Its count is P20-067's business (alternateEnclosure), not the generic P20-003.
        "integrity": _tag("alternateEnclosure", required=("type", "value"), rule="P20-072"),
        "guid": _tag(CHANNEL, single=True),
        "value": _tag(CHANNEL, ITEM, required=("type", "method"), rule="P20-080"),
        "valueRecipient": _tag(
            "value", "valueTimeSplit", required=("type", "address", "split"), rule="P20-084"
        ),
        "valueTimeSplit": _tag("value", required=("startTime", "duration"), rule="P20-090"),
        "medium": _tag(CHANNEL, single=True),
        "images": _tag(CHANNEL, ITEM, single=True, required=("srcset",), rule="P20-160"),
        "liveItem": _tag(CHANNEL, required=("status", "start"), rule="P20-100"),
        "contentLink": _tag(ITEM, required=("href",), rule="P20-105"),
        "socialInteract": _tag(CHANNEL, ITEM, required=("protocol",), rule="P20-110"),
        "block": _tag(CHANNEL),
        "txt": _tag(CHANNEL, ITEM),
        "remoteItem": _tag(
            CHANNEL,
            "podroll",
            "valueTimeSplit",
            "publisher",
            required=("feedGuid",),
            rule="P20-125",
        ),
        "podroll": _tag(CHANNEL, single=True),
        "updateFrequency": _tag(CHANNEL, single=True, long_text=True),
        "podping": _tag(CHANNEL, single=True),
        "chat": _tag(CHANNEL, ITEM, single=True, required=("server", "protocol"), rule="P20-145"),
        "publisher": _tag(CHANNEL, single=True),
        "image": _tag(CHANNEL, ITEM, required=("href",), rule="P20-155", long_attrs=("purpose",)),
    }
)


def _parent_key(parent: Element | None) -> str:
    if parent is None:
        return ""
    tag = parent.tag
    if not isinstance(tag, str):
        return ""
    if tag in (CHANNEL, ITEM):
        return tag
    if is_podcast(parent):
        local = local_name(parent)
        return ITEM if local == "liveItem" else local
    return tag


def _missing(name: str, attr: str, el: Element) -> str:
    message = f"{name} has no `{attr}` attribute (required)"
    # Attribute names are case-sensitive: pubDate is not pubdate, feedguid is not feedGuid.
    near = [a for a in el.attrib if isinstance(a, str) and a.lower() == attr.lower()]
    if near:
        message += f"; found `{near[0]}`, but attribute names are case-sensitive"
    return message


# -- the check ---------------------------------------------------------------------------------

_RULE_IDS = tuple(rule for rule in RULES if rule.startswith("P20-"))


@feed_check(*_RULE_IDS)
def check_podcast(ctx: FeedContext) -> None:
    """Every P20-* rule, in one pass over the feed's podcast-namespace elements."""
    root = ctx.root
    if root is None or ctx.podcast_ns is None:
        return
    walk = Walk(ctx)
    seen = False
    last_parent: Element | None = None
    parent = ""
    # Hot loop (≥ 20,000 items/s for the whole validator): the tag filter runs in C, and the
    # parent's key is computed once per parent, not per child.
    siblings: Mapping[str, list[Element]] | None = None
    for el in root.iter(*_PODCAST_TAGS):
        seen = True
        clark = el.tag
        local = clark.rpartition("}")[2]
        tag = _TAGS.get(local)
        if tag is None:
            walk.report("P20-001", el, f"podcast:{local} is not a formalized Podcasting 2.0 tag")
            continue
        owner = el.getparent()
        if owner is not last_parent:
            last_parent, parent = owner, _parent_key(owner)
            siblings = ctx.indexed_children(owner) if owner is not None else None
        if tag.single:
            _single(walk, el, clark, local, siblings)
        _generic(walk, el, local, tag, parent)
        try:
            HANDLERS[local](walk, el, parent)
        except Exception as exc:  # one odd element must not hide the rest of the feed
            ctx.internal(
                f"P20 check of podcast:{local} (line {el.sourceline}) failed: "
                f"{type(exc).__name__}: {exc}"
            )
    if seen:
        _channel_wide(walk)


def _single(
    w: Walk,
    el: Element,
    clark: str,
    local: str,
    siblings: Mapping[str, list[Element]] | None,
) -> None:
    """P20-003: a second (third…) sibling with the same tag."""
    if siblings is not None:  # the parent's child map is built: no walk over the siblings
        same = siblings.get(clark)
        repeated = same is not None and same[0] is not el
    else:
        repeated = next(el.itersiblings(clark, preceding=True), None) is not None
    if repeated:
        w.report("P20-003", el, f"podcast:{local} may appear only once here")


def _generic(w: Walk, el: Element, local: str, tag: _Tag, parent: str) -> None:
    """The table-driven rules: P20-002, P20-004 … P20-006 (P20-003 is ``_single``'s)."""
    if parent not in tag.parents:
        where = "podcast:liveItem or item" if ITEM in tag.parents else ""
        allowed = ", ".join(sorted(p for p in tag.parents if p != ITEM))
        allowed = ", ".join(filter(None, (allowed, where)))
        w.report("P20-002", el, f"podcast:{local} is not allowed here (parents: {allowed})")
    for attr, rule in tag.required:
        value = el.get(attr)
        if value is None:
            w.report(rule, el, _missing(f"podcast:{local}", attr, el))
        elif not value.strip():
            w.report("P20-004", el, f"podcast:{local} `{attr}` is empty")
    values = cast("list[str]", el.values())  # lxml gives str under Python 3
    joined = "\x00".join(values)
    # The substring test is a cheap necessary condition for the regex (which is case-blind).
    if "http://" in joined.lower() and fmt.PLAIN_HTTP.search(joined):
        for key, written in cast("list[tuple[str, str]]", el.items()):
            if fmt.PLAIN_HTTP.search(written):
                w.report(
                    "P20-005",
                    el,
                    f"podcast:{local} `{key}` uses http: — the namespace requires https:",
                )
    if tag.long_text:
        length = len(text(w.ctx, el))
        if length > GUIDANCE:
            w.report("P20-006", el, f"podcast:{local} text is {length} characters (keep ≤ 128)")
    for attr in tag.long_attrs:
        value = el.get(attr)
        if value is not None and len(value) > GUIDANCE:
            w.report(
                "P20-006", el, f"podcast:{local} `{attr}` is {len(value)} characters (keep ≤ 128)"
            )


def _channel_wide(w: Walk) -> None:
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
                if attr_of(el, "priority") is None:
                    w.report("P20-112", el, "several socialInteract tags: give each a priority")
    _replaced_hosts(w)


def _medium_content(w: Walk, el: Element) -> None:
    medium = text(w.ctx, el)
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


def _replaced_hosts(w: Walk) -> None:
    hosts = {
        text(w.ctx, el).casefold()
        for el in w.channel_persons
        if (attr_of(el, "role") or vocab.PERSON_DEFAULT_ROLE).lower() == vocab.PERSON_DEFAULT_ROLE
        and text(w.ctx, el)
    }
    if not hosts:
        return
    for persons in w.item_persons.values():
        if not any(text(w.ctx, el).casefold() in hosts for el in persons):
            w.report(
                "P20-165",
                persons[0],
                "item persons replace the channel's, and none of the "
                "channel's hosts is restated here",
            )
