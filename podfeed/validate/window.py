"""Windowed validation: what one window of items leaves for the merge, and the merge itself.

A window is a small document: the feed's head (everything before the first ``<item``), a run
of consecutive items, and the feed's tail (``</channel></rss>``). Every check runs on it
unchanged, with three differences the merge undoes:

* lines: newlines between the head and the items give every item its line in the feed, so
  libxml2 numbers it exactly as in the whole document (its numbers past line 65,535 depend on
  the neighbouring text nodes, so they could not be computed afterwards);
* head findings repeat in every window: window 0's are kept, and later windows add only those
  that window 0 did not have (conditions such as "some element exists" can differ);
* rules that compare items across the feed (duplicate guids and enclosure URLs, trailers that
  share a full episode's guid) do not report in a window: they record one small summary per
  item (:class:`Window`) and are decided here, in document order. Rules that report only the
  feed's first occurrence of something keep the earliest candidate.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..diagnostics import Finding
from .catalog import RULES
from .layout import Buffer, Declaration
from .ns import readable_tag

__all__ = ["FALLBACK_LINE", "Summary", "Window", "WindowResult", "child_path", "merge", "placed"]

#: (value, line, item number in the feed, tag, position among same-tag siblings or 0)
Summary = tuple[str, int | None, int, str, int]
#: ITUNES-046: ((season, episode), kind, guid, line of the item, item number)
Episode = tuple[tuple[str, str], str, str, int | None, int]

#: What libxml2 reports for an element past line 65,535 whose neighbours give no line.
FALLBACK_LINE = 65_535
_ITEM_PATH = "rss/channel/item["

# Rules reported once per feed, on the first occurrence (the candidates' keys are messages).
_FIRST_ONLY = frozenset({"INFO-002", "ITUNES-041"})
_XML_005_FIRST = "itunes: elements are used but <rss> does not declare"
_OWNER_PATH = "rss/channel/itunes:owner"


@dataclass
class Window:
    """Per-window state the checks fill in (``FeedContext.window``)."""

    item_base: int  # items in the earlier windows: item paths are numbered feed-wide
    #: Where the blank lines that put the items on their lines are in the window's bytes.
    blank: tuple[int, int] = (0, 0)
    #: The items as written in the feed (the parsed bytes may lack CDATA payloads): the
    #: bytes, the span, and the line the span starts on.
    source: tuple[Buffer, int, int, int] | None = None
    #: Lines past 65,535 are this much further down in the feed than where the window was
    #: parsed (``stream``); the context moves the lines it reports.
    line_shift: int = 0
    #: The namespace declarations in the items' bytes (``source``), when scanned before the
    #: parse; None: XML-005…008 scan them.
    declarations: list[Declaration] | None = None
    guids: list[Summary] = field(default_factory=list)  # RSS-022
    enclosure_urls: list[Summary] = field(default_factory=list)  # ITUNES-025
    episodes: list[Episode] = field(default_factory=list)  # ITUNES-046
    #: Set when the window meets something the merge cannot decide: the caller then falls
    #: back to the whole-document path.
    unsure: bool = False


@dataclass(frozen=True, slots=True)
class WindowResult:
    """What a worker sends back for one window (picklable)."""

    findings: tuple[Finding, ...]
    guids: tuple[Summary, ...]
    enclosure_urls: tuple[Summary, ...]
    episodes: tuple[Episode, ...]
    #: For ``validate_output``: (chapters URL, episode seconds) of the window's items.
    durations: tuple[tuple[str, float], ...] = ()
    #: A worker's findings as plain tuples, until ``placed`` makes them Findings.
    rows: tuple[tuple[Any, ...], ...] = ()

    def __reduce__(self) -> tuple[Any, ...]:
        # A worker pickles its windows' results: findings as plain tuples pickle ~5x faster
        # than Finding objects (a frozen slots dataclass goes field by field through Python),
        # which saved ~30 ms of wall time per 5,000 findings.
        rows = self.rows + tuple(map(_row, self.findings))
        return _unpickle, (rows, self.guids, self.enclosure_urls, self.episodes, self.durations)


def _unpickle(
    rows: tuple[tuple[Any, ...], ...],
    guids: tuple[Summary, ...],
    enclosure_urls: tuple[Summary, ...],
    episodes: tuple[Episode, ...],
    durations: tuple[tuple[str, float], ...],
) -> WindowResult:
    # The Findings are made by ``placed``, once, with their lines and items where they belong.
    return WindowResult((), guids, enclosure_urls, episodes, durations, rows)


def _row(finding: Finding) -> tuple[Any, ...]:
    """A Finding as a plain tuple, its element path split when it is an item's (``item[N]…``)
    into the rest of the path and N, so that ``placed`` renumbers it without parsing it. (A
    worker splits its own: the merge waits for ``placed``, not for the workers.)"""
    element, item = finding.element, None
    if element is not None and element.startswith(_ITEM_PATH):
        close = element.index("]", len(_ITEM_PATH))
        element, item = element[close:], int(element[len(_ITEM_PATH) : close])
    f = finding
    return (f.rule, f.severity, f.message, f.path, f.line, f.column, element, item)


def placed(result: WindowResult, lines: int, items: int) -> WindowResult:
    """``result`` in the feed's terms, for a window of a share that started ``lines`` lines
    higher up and ``items`` items lower than it is in the feed (see ``stream``: a later share
    past line 65,535 starts on line 65,536, with item 0). Lines up to 65,535 (the head's, and
    libxml2's fallback) stay as they are; so do messages (a window that wrote a line into one
    hands over to the whole document: ``stream``)."""
    if not lines and not items and not result.rows:
        return result
    rows = result.rows or tuple(map(_row, result.findings))
    low, path = FALLBACK_LINE, _ITEM_PATH
    findings = tuple(
        Finding(
            rule,
            severity,
            message,
            where,
            line + lines if line is not None and line > low else line,
            column,
            element if item is None else f"{path}{item + items}{element}",
        )
        for rule, severity, message, where, line, column, element, item in rows
    )
    # The summaries' lines are moved inline too (a call per summary is most of their cost).
    return WindowResult(
        findings,
        tuple(
            (v, n + lines if n is not None and n > low else n, i + items, t, p)
            for v, n, i, t, p in result.guids
        ),
        tuple(
            (v, n + lines if n is not None and n > low else n, i + items, t, p)
            for v, n, i, t, p in result.enclosure_urls
        ),
        tuple(
            (k, kind, g, n + lines if n is not None and n > low else n, i + items)
            for k, kind, g, n, i in result.episodes
        ),
        result.durations,
    )


def child_path(item: int, tag: str, position: int) -> str:
    """``element_path`` of an item's child, as the whole-document context writes it."""
    name = readable_tag(tag)
    return f"rss/channel/item[{item}]/{name}" + (f"[{position}]" if position else "")


def merge(
    name: str, head_lines: int, results: Sequence[WindowResult], active: frozenset[str]
) -> list[Finding]:
    """The findings of the whole feed from its windows' results, in document terms."""
    findings: list[Finding] = []
    head_seen: set[Finding] = set()
    internal: set[str] = set()
    guids: list[Summary] = []
    urls: list[Summary] = []
    episodes: list[Episode] = []
    for number, result in enumerate(results):
        first_window = number == 0
        for finding in result.findings:
            line = finding.line
            if finding.rule == "INTERNAL-001":
                if finding.message not in internal:
                    internal.add(finding.message)
                    findings.append(finding)
            elif line is None or line < head_lines:
                if first_window or finding not in head_seen:
                    head_seen.add(finding)
                    findings.append(finding)
            else:
                findings.append(finding)
        guids += result.guids
        urls += result.enclosure_urls
        episodes += result.episodes
    findings = _first_only(findings, head_lines)
    if "RSS-022" in active:
        findings += _repeats(name, "RSS-022", guids, "guid {value!r} is also used on line {line}")
    if "ITUNES-025" in active:
        findings += _repeats(
            name,
            "ITUNES-025",
            urls,
            "enclosure URL also used on line {line}; Apple skips repeats",
        )
    if "ITUNES-046" in active:
        findings += _shared_trailer_guids(name, episodes)
    return findings


def _first_only(findings: list[Finding], head_lines: int) -> list[Finding]:
    """Keep only the feed's first candidate of each once-per-feed finding."""
    best: dict[tuple[str, str], tuple[tuple[int, int], Finding]] = {}
    rest: list[Finding] = []
    for finding in findings:
        once = finding.rule in _FIRST_ONLY or (
            finding.rule == "XML-005" and finding.message.startswith(_XML_005_FIRST)
        )
        if not once:
            rest.append(finding)
            continue
        # ITUNES-041 looks at the channel, then the items, then itunes:owner.
        element = finding.element or ""
        rank = (
            2 if element.startswith(_OWNER_PATH) else 1 if (finding.line or 0) >= head_lines else 0
        )
        order = (rank, finding.line or 0)
        key = (finding.rule, finding.message)
        known = best.get(key)
        if known is None or order < known[0]:
            best[key] = (order, finding)
    return rest + [finding for _, finding in best.values()]


def _repeats(name: str, rule_id: str, summaries: Iterable[Summary], text: str) -> list[Finding]:
    """Each summary whose value an earlier one already had, in document order."""
    rule = RULES[rule_id]
    first: dict[str, int | None] = {}
    found: list[Finding] = []
    for value, line, item, tag, position in summaries:
        if value not in first:
            first[value] = line
            continue
        message = text.format(value=value, line=first[value])
        path = child_path(item, tag, position)
        found.append(Finding(rule.id, rule.severity, message, name, line, None, path))
    return found


def _shared_trailer_guids(name: str, episodes: Sequence[Episode]) -> list[Finding]:
    rule = RULES["ITUNES-046"]
    full: dict[tuple[str, str], str] = {}
    for key, kind, guid, _, _ in episodes:
        if kind == "full" and guid:
            full.setdefault(key, guid)
    return [
        Finding(
            rule.id,
            rule.severity,
            f"this trailer shares its guid {guid!r} with the full episode",
            name,
            line,
            None,
            f"rss/channel/item[{item}]",
        )
        for key, kind, guid, line, item in episodes
        if kind == "trailer" and guid and full.get(key) == guid
    ]
