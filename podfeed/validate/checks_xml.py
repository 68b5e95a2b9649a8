"""XML-* rules: encoding, declaration, namespaces, whitespace.

XML-001 (malformed), XML-002 (undeclared prefix, duplicate attribute) and XML-010 (invalid
characters) come from the parser itself (``source.parse_xml``). Namespace declarations are read
from the raw bytes with one regex pass, which also gives their lines.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from ..diagnostics import Severity
from .cdata import MARK
from .context import FeedContext
from .layout import Declaration, declarations
from .ns import CONTENT, CONVENTIONAL_PREFIX, ITUNES, PODCAST, PODCAST_LEGACY
from .registry import feed_check

# Substrings that betray a mistyped podcast-namespace URI (bound under whatever prefix).
_PODCAST_LOOKALIKE = ("podcastindex.org/namespace", "podcast-namespace")
_UTF8_NAMES = frozenset({"utf-8", "utf8"})


def _all_declarations(ctx: FeedContext) -> Iterable[Declaration]:
    window = ctx.window
    if window is None or window.source is None:
        return declarations(ctx.raw, 0, len(ctx.raw), 1)
    # A window: the head as parsed, then the items as written in the feed (not the parsed
    # bytes: their blank lines hold no declaration, and CDATA payloads may have been cut).
    # The window may have scanned its items already (``stream``: before cutting blocks).
    items = window.declarations
    if items is None:
        buf, start, end, line = window.source
        items = declarations(buf, start, end, line)
    return itertools.chain(declarations(ctx.raw, 0, window.blank[0], 1), items)


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
    declared = list(_all_declarations(ctx))
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


def _check_declaration(ctx: FeedContext, decl: Declaration) -> None:
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
    cdata = ctx.cdata
    for element in ctx.root.iter():
        text = element.text
        if text and cdata and text[0] == MARK:  # ctx.own_text, inlined for this hot loop
            text = cdata.get(text, text)
        # Only text-only elements: in elements with children, whitespace is indentation.
        if not text or not (text[0].isspace() or text[-1].isspace()):
            continue
        # len() first: it is cheaper than .tag, which builds a string (indented parents fail it).
        if not len(element) and isinstance(element.tag, str):
            ctx.report(
                "XML-009", element, "value has leading or trailing whitespace; Apple asks for none"
            )
