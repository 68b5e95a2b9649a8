"""What every check gets: the parsed feed (or chapters file) and a way to report findings.

A check never builds a Finding itself: it calls ``report`` with a rule ID, and the context fills
in severity (from the catalog), line and a readable element path, and drops the finding when
the rule is not active (profile, ``select``, ``ignore``).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeAlias

from lxml import etree

from ..diagnostics import Finding, Severity
from .catalog import RULES
from .cdata import MARK
from .ns import PODCAST, PODCAST_LEGACY, PODCAST_URIS, readable_tag
from .window import FALLBACK_LINE, Window

__all__ = [
    "ChaptersContext",
    "Element",
    "FeedContext",
    "JsonPath",
    "OnlineFetch",
    "source_line",
]

Element: TypeAlias = etree._Element
JsonPath: TypeAlias = tuple[str | int, ...]
#: ``fetch(url, max_bytes, method) -> (status, headers, first bytes)``; raises SourceError when
#: the URL cannot be reached at all.
OnlineFetch: TypeAlias = Callable[[str, int, str], tuple[int, Mapping[str, str], bytes]]


@dataclass
class _Sink:
    """Shared by the contexts: collects findings for the active rules."""

    path: str
    active: frozenset[str]
    findings: list[Finding] = field(default_factory=list)

    def is_active(self, *rule_ids: str) -> bool:
        return any(rid in self.active for rid in rule_ids)

    def internal(self, message: str) -> None:
        """A check crashed: always recorded (whatever the selection), so it cannot go unseen."""
        rule = RULES["INTERNAL-001"]
        self.findings.append(Finding(rule.id, rule.severity, message, self.path))

    def _add(
        self,
        rule_id: str,
        message: str,
        line: int | None,
        column: int | None,
        element: str | None,
        severity: Severity | None,
    ) -> None:
        if rule_id not in self.active:
            return
        rule = RULES[rule_id]  # a KeyError here is a typo in a check: the runner reports it
        self.findings.append(
            Finding(rule_id, severity or rule.severity, message, self.path, line, column, element)
        )


@dataclass
class FeedContext(_Sink):
    """A parsed feed: ``root`` (``<rss>``), ``channel``, ``items`` and ``live_items``."""

    root: Element | None = None
    raw: bytes = b""
    channel: Element | None = None
    items: list[Element] = field(default_factory=list)
    live_items: list[Element] = field(default_factory=list)
    podcast_ns: str | None = None
    #: Encoding named by the XML declaration or a byte order mark; None = UTF-8 by default.
    declared_encoding: str | None = None
    has_declaration: bool = True
    #: For a build: the absolute URLs of the chapters files it wrote (the XF-001/002 rules).
    chapters_files: Collection[str] | None = None
    #: Set with ``online=True``: a bounded HTTP GET (see ``source.fetch_head``).
    fetch: OnlineFetch | None = None
    #: Set when this context holds one window of a big feed's items (see ``window.py``).
    window: Window | None = None
    #: A window's CDATA payloads cut out before the parse, by placeholder (``cdata.py``).
    cdata: Mapping[str, str] = field(default_factory=dict, repr=False)
    #: Child maps of ``items``, in the same order (see ``children``): hot loops zip the two.
    item_kids: list[dict[str, list[Element]]] = field(default_factory=list, repr=False)
    #: Positions in ``items`` of the items where some child tag appears more than once: the
    #: rules about repeated elements look only at these.
    items_with_repeats: list[int] = field(default_factory=list, repr=False)
    _children: dict[Element, dict[str, list[Element]]] = field(default_factory=dict, repr=False)
    _index: dict[Element, int] = field(default_factory=dict, repr=False)
    _paths: dict[Element, str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if self.root is None:
            return
        channels = self.kids(self.root, "channel")
        self.channel = channels[0] if channels else None
        if self.channel is not None:
            self.items = self.kids(self.channel, "item")
            self.item_kids, self.items_with_repeats = _index_items(self.items, self._children)
            self.live_items = self.podcast(self.channel, "liveItem")
        self.podcast_ns = _podcast_uri(self.root)

    # -- finding things -------------------------------------------------------------------

    def children(self, parent: Element) -> Mapping[str, list[Element]]:
        """Child elements by Clark tag (``{uri}local`` or ``local``), computed once per parent."""
        cached = self._children.get(parent)
        if cached is None:
            cached = {}
            for child in parent:
                tag = child.tag
                if isinstance(tag, str):  # skip comments and processing instructions
                    cached.setdefault(tag, []).append(child)
            self._children[parent] = cached
        return cached

    def item_children(self) -> Iterator[tuple[Element, Mapping[str, list[Element]]]]:
        """``(item, its child map)`` for every item: what per-item loops should iterate."""
        self._reindex()
        return zip(self.items, self.item_kids, strict=True)

    def item_maps(self) -> list[dict[str, list[Element]]]:
        """The child maps of ``items``, in order (for loops that need no item element)."""
        self._reindex()
        return self.item_kids

    def repeating_items(self) -> Iterator[tuple[Element, Mapping[str, list[Element]]]]:
        """``(item, its child map)`` for the items where some child tag is repeated."""
        self._reindex()
        return ((self.items[i], self.item_kids[i]) for i in self.items_with_repeats)

    def _reindex(self) -> None:
        if len(self.item_kids) != len(self.items):  # items replaced after construction
            self.item_kids, self.items_with_repeats = _index_items(self.items, self._children)

    def indexed_children(self, parent: Element) -> Mapping[str, list[Element]] | None:
        """``parent``'s child map if it was built already (channel, items…), else None."""
        return self._children.get(parent)

    def kids(self, parent: Element, tag: str) -> list[Element]:
        """Children with this Clark tag (``"title"``, ``"{http://…}image"``)."""
        return self.children(parent).get(tag, [])

    def kid(self, parent: Element, tag: str) -> Element | None:
        found = self.children(parent).get(tag)
        return found[0] if found else None

    def podcast(self, parent: Element, localname: str) -> list[Element]:
        """``podcast:`` children by namespace URI (canonical or legacy), never by prefix."""
        kids = self.children(parent)
        found = kids.get(f"{{{PODCAST}}}{localname}", [])
        legacy = kids.get(f"{{{PODCAST_LEGACY}}}{localname}")
        return found + legacy if legacy else found

    def iter_podcast(self) -> Iterator[Element]:
        """Every element of the podcast namespace (either URI), in document order."""
        if self.root is None or self.podcast_ns is None:
            return iter(())
        return (
            el
            for el in self.root.iter(f"{{{PODCAST}}}*", f"{{{PODCAST_LEGACY}}}*")
            if _uri(el) in PODCAST_URIS
        )

    # -- reading text: every read of an element's text goes through these (a window may have
    # cut a CDATA payload out of the parsed bytes; see ``cdata``) --------------------------

    def own_text(self, element: Element) -> str | None:
        """``element.text`` (its text before any child), as written in the feed."""
        text = element.text
        if text and self.cdata and text[0] == MARK:
            return self.cdata.get(text, text)
        return text

    def text(self, element: Element | None) -> str:
        """The element's text content, stripped; ``""`` when missing."""
        if element is None:
            return ""
        if not len(element):  # the common case: text only (CDATA is merged into .text)
            text = element.text
            if not text:
                return ""
            if self.cdata and text[0] == MARK:
                text = self.cdata.get(text, text)
            return text.strip()
        return self._all_text(element).strip()

    def raw_text(self, element: Element | None) -> str:
        """The element's text content as written (not stripped)."""
        if element is None:
            return ""
        if not len(element):
            return self.own_text(element) or ""
        return self._all_text(element)

    def _all_text(self, element: Element) -> str:
        cdata = self.cdata
        if not cdata:
            return "".join(str(t) for t in element.itertext())
        # A placeholder is the whole text of its (childless) element: never part of a tail.
        texts = map(str, element.itertext())
        return "".join(cdata.get(t, t) if t[:1] == MARK else t for t in texts)

    # -- reporting ------------------------------------------------------------------------

    def report(
        self,
        rule_id: str,
        element: Element | None,
        message: str,
        *,
        severity: Severity | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        """Record a finding of ``rule_id`` at ``element`` (if that rule is active)."""
        if rule_id not in self.active:
            return
        where = self.element_path(element) if element is not None else None
        if line is None and element is not None:
            line = source_line(element)
        self._add(rule_id, message, self._moved(line), column, where, severity)

    def line_of(self, element: Element) -> int | None:
        """The line ``element`` starts on in the feed (a window may be parsed lower down)."""
        return self._moved(source_line(element))

    def _moved(self, line: int | None) -> int | None:
        # A window parsed past line 65,535 lower down than in the feed (see ``stream``): its
        # lines there are all text nodes' lines, which move with it; libxml2's fallback
        # (65,535) and the head's lines do not.
        window = self.window
        if window is None or not window.line_shift or line is None or line <= FALLBACK_LINE:
            return line
        return line + window.line_shift

    def element_path(self, element: Element) -> str:
        """A readable path such as ``rss/channel/item[3]/podcast:transcript``."""
        tag = element.tag
        name = readable_tag(tag) if isinstance(tag, str) else "#node"
        parent = element.getparent()
        if parent is None:
            return name
        if tag == "item" and self.items:
            if not self._index:
                first = 1 + (self.window.item_base if self.window is not None else 0)
                self._index = {item: i for i, item in enumerate(self.items, first)}
            index = self._index.get(element)
            name += f"[{index}]" if index else ""
        else:
            indexed = self._children.get(parent)
            if indexed is not None and isinstance(tag, str):
                same = indexed.get(tag, [])  # no rescan of a big item's children
            else:
                same = [c for c in parent if c.tag == tag]
            if len(same) > 1:
                name += f"[{same.index(element) + 1}]"
        # Parents' paths are kept: 10,000 findings on items share "rss/channel". (The dict holds
        # the proxy, so the key stays the same element.) Depth is bounded by the parser's limit.
        prefix = self._paths.get(parent)
        if prefix is None:
            prefix = self._paths[parent] = self.element_path(parent)
        return f"{prefix}/{name}"


def _index_items(
    items: list[Element], cache: dict[Element, dict[str, list[Element]]]
) -> tuple[list[dict[str, list[Element]]], list[int]]:
    """Every item's child map, in one tight pass (the same maps ``children`` would build), and
    the positions of the items that repeat a child tag.

    This is the validator's hottest loop on big feeds: no method calls per child, one dict
    lookup per tag.
    """
    maps: list[dict[str, list[Element]]] = []
    repeats: list[int] = []
    append = maps.append
    for position, item in enumerate(items):
        kids: dict[str, list[Element]] = {}
        repeated = False
        for child in item:
            tag = child.tag
            if isinstance(tag, str):  # skip comments and processing instructions
                found = kids.get(tag)
                if found is None:
                    kids[tag] = [child]
                else:
                    found.append(child)
                    repeated = True
        cache[item] = kids
        append(kids)
        if repeated:
            repeats.append(position)
    return maps, repeats


def source_line(element: Element) -> int | None:
    """The line an element starts on (lxml's stubs type ``sourceline`` loosely)."""
    line = element.sourceline
    return line if isinstance(line, int) else None


def _uri(element: Element) -> str:
    tag = element.tag
    return tag[1:].partition("}")[0] if isinstance(tag, str) and tag.startswith("{") else ""


def _podcast_uri(root: Element) -> str | None:
    # The declaration on <rss> wins; otherwise the URI of the first podcast element (declared
    # inline). root.iter() with tag filters runs in C, so this stays cheap on big feeds.
    declared = set(root.nsmap.values())
    for uri in (PODCAST, PODCAST_LEGACY):
        if uri in declared:
            return uri
    first = next(root.iter(f"{{{PODCAST}}}*", f"{{{PODCAST_LEGACY}}}*"), None)
    return _uri(first) if first is not None else None


@dataclass
class ChaptersContext(_Sink):
    """A decoded JSON chapters file, with the line each value starts on."""

    data: Any = None
    #: The file's text; the line of each value is mapped from it on the first finding.
    text: str = ""
    #: Episode duration in seconds when known (from the feed or the caller).
    duration: float | None = None
    _lines: Mapping[JsonPath, int] | None = None
    #: The chapters' startTime values when they are the commonest kind a build writes (see
    #: ``checks_chapters._plain_starts``), found by the first check that asks: (starts,), where
    #: starts is None for any other kind; None until asked.
    plain: tuple[list[Any] | None] | None = None

    @property
    def lines(self) -> Mapping[JsonPath, int]:
        """Path → line of every value (mapped once, when first asked for)."""
        if self._lines is None:
            from .jsonlines import line_map  # jsonlines uses this module's JsonPath

            try:
                self._lines = line_map(self.text) if self.text else {}
            except ValueError:
                self._lines = {}  # findings lose their line, never the check
        return self._lines

    def report(
        self,
        rule_id: str,
        where: JsonPath,
        message: str,
        *,
        severity: Severity | None = None,
    ) -> None:
        """Record a finding of ``rule_id`` at the JSON value ``where`` (if the rule is active)."""
        if rule_id not in self.active:
            return
        self._add(rule_id, message, self.line_of(where), None, _json_path(where), severity)

    def line_of(self, where: JsonPath) -> int | None:
        # A missing key reports at its nearest existing parent.
        for end in range(len(where), -1, -1):
            line = self.lines.get(where[:end])
            if line is not None:
                return line
        return None

    @property
    def chapters(self) -> Sequence[Any]:
        chapters = self.data.get("chapters") if isinstance(self.data, dict) else None
        return chapters if isinstance(chapters, list) else ()


def _json_path(where: JsonPath) -> str:
    text = "$"
    for part in where:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text
