"""XML-* rules: encoding, declaration, namespaces, whitespace.

XML-001 (malformed), XML-002 (undeclared prefix, duplicate attribute) and XML-010 (invalid
characters) come from the parser itself (``source.parse_xml``). Namespace declarations are read
from the raw bytes with one regex pass, which also gives their lines.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..diagnostics import Severity
from .context import FeedContext
from .ns import CONTENT, CONVENTIONAL_PREFIX, ITUNES, PODCAST, PODCAST_LEGACY
from .registry import feed_check

_DECLARATION = re.compile(rb"""xmlns:([A-Za-z_][\w.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
# Substrings that betray a mistyped podcast-namespace URI (bound under whatever prefix).
_PODCAST_LOOKALIKE = ("podcastindex.org/namespace", "podcast-namespace")
_UTF8_NAMES = frozenset({"utf-8", "utf8"})


@dataclass(frozen=True, slots=True)
class _Declaration:
    prefix: str
    uri: str
    line: int


def _declarations(raw: bytes, skip: tuple[int, int] = (0, 0)) -> Iterator[_Declaration]:
    """Namespace declarations in ``raw`` outside ``raw[skip[0]:skip[1]]`` (a window's blank
    lines: a declaration cannot start there, and scanning them would double the work)."""
    line, counted = 1, 0  # lines are counted on from the previous declaration, not from 0
    matches = (
        itertools.chain(_DECLARATION.finditer(raw, 0, skip[0]), _DECLARATION.finditer(raw, skip[1]))
        if skip[1]
        else _DECLARATION.finditer(raw)
    )
    for match in matches:
        uri = (match.group(2) if match.group(2) is not None else match.group(3)) or b""
        line += raw.count(b"\n", counted, match.start())
        counted = match.start()
        yield _Declaration(
            match.group(1).decode("ascii", "replace"), uri.decode("utf-8", "replace"), line
        )


@feed_check("XML-003", "XML-004")
def check_encoding(ctx: FeedContext) -> None:
    encoding = ctx.declared_encoding
    if encoding is not None and encoding.lower() not in _UTF8_NAMES:
        ctx.report(
            "XML-003",
            None,
            f"the feed is encoded as {encoding}; Apple and PSP-1 require UTF-8",
            line=1,
        )
    if not ctx.has_declaration:
        ctx.report(
            "XML-004",
            None,
            'no XML declaration; start with <?xml version="1.0" encoding="UTF-8"?>',
            line=1,
        )


@feed_check("XML-005", "XML-006", "XML-007", "XML-008", "INFO-001")
def check_namespaces(ctx: FeedContext) -> None:
    if ctx.root is None:
        return
    skip = ctx.window.blank if ctx.window is not None else (0, 0)
    declared = list(_declarations(ctx.raw, skip))
    root_uris = set(ctx.root.nsmap.values())
    for decl in declared:
        _check_declaration(ctx, decl)
    # Apple reads itunes: tags only with the exact declaration on <rss>.
    first_itunes = next(ctx.root.iter(f"{{{ITUNES}}}*"), None)
    if first_itunes is not None and ITUNES not in root_uris:
        ctx.report(
            "XML-005",
            first_itunes,
            f"itunes: elements are used but <rss> does not declare {ITUNES}",
        )
    if CONTENT not in root_uris:
        ctx.report(
            "XML-007",
            ctx.root,
            f'<rss> does not declare xmlns:content="{CONTENT}" (Apple asks for it)',
        )


def _check_declaration(ctx: FeedContext, decl: _Declaration) -> None:
    prefix, uri, line = decl.prefix, decl.uri, decl.line
    if uri != ITUNES and (prefix == "itunes" or uri.lower() == ITUNES.lower()):
        ctx.report(
            "XML-005",
            None,
            f"xmlns:{prefix}={uri!r} must be exactly {ITUNES!r} (case-sensitive, http)",
            line=line,
        )
        return
    if uri == PODCAST_LEGACY:
        ctx.report(
            "XML-006",
            None,
            f"xmlns:{prefix} is the legacy podcast namespace URI (still accepted); use {PODCAST}",
            severity=Severity.WARNING,
            line=line,
        )
    elif uri != PODCAST and (prefix == "podcast" or any(s in uri for s in _PODCAST_LOOKALIKE)):
        ctx.report(
            "XML-006",
            None,
            f"xmlns:{prefix}={uri!r} is not the podcast namespace; use {PODCAST!r}",
            line=line,
        )
        return
    elif uri == PODCAST:
        ctx.report(
            "INFO-001",
            None,
            "podcastparser (gPodder) recognises podcast: tags only under the legacy namespace URI",
            line=line,
        )
    conventional = CONVENTIONAL_PREFIX.get(uri)
    if conventional is not None and prefix != conventional:
        ctx.report(
            "XML-008",
            None,
            f"{uri} is bound to prefix {prefix!r}; many readers only look for {conventional!r}",
            line=line,
        )


@feed_check("XML-009")
def check_whitespace(ctx: FeedContext) -> None:
    if ctx.root is None:
        return
    # One linear pass. (An XPath query was slower, and a regex over the raw bytes risks
    # catastrophic backtracking on hostile input.)
    for element in ctx.root.iter():
        text = element.text
        # Only text-only elements: in elements with children, whitespace is indentation.
        if not text or not (text[0].isspace() or text[-1].isspace()):
            continue
        if isinstance(element.tag, str) and not len(element):
            ctx.report(
                "XML-009", element, "value has leading or trailing whitespace; Apple asks for none"
            )
