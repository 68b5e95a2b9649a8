"""The spec validator: RSS 2.0 + Apple iTunes + Podcasting 2.0 feeds and JSON chapters files.

Public entry points (all return :class:`podfeed.diagnostics.Report`)::

    validate_feed(source, *, profile="podcasting2", online=False, select=None, ignore=None,
                  max_bytes=50_000_000, chapters_urls=None, workers=None)
    validate_chapters(source, *, duration=None)
    validate_output(feed, chapters, *, profile="podcasting2")   # for build-feed

``source`` is a path, the bytes themselves, or an http(s) URL. Input that cannot be read at all
raises :class:`podfeed.errors.SourceError`; everything else — malformed XML included — comes
back as findings with stable rule IDs (see ``podfeed rules`` and ``docs/rules.md``).
``chapters_urls`` (the chapters files a build wrote, by absolute URL) enables XF-001/002.

Design. A small feed is parsed whole into one lxml tree (``FeedContext``) and every registered
check (``checks_*``) runs on it. A big one (``stream.MIN_BYTES``; a path is memory-mapped, not
read) takes the windowed path when it has the usual shape (``layout``): the items are cut into
windows of ``stream.WINDOW_ITEMS``, each parsed with the feed's head and tail as a small
document (CDATA payloads and Podlove chapters blocks cut out first: ``cdata``, ``opaque``) and
checked by the same checks, then freed. Rules that compare items (duplicate guids
and enclosure URLs, trailer guids) and once-per-feed findings are decided when the windows'
results are merged (``window``), in document order, so the findings are the ones the whole
document gives. Feeds of ``stream.PARALLEL_MIN_BYTES`` and more are split into one share of
windows per CPU, validated in forked workers (``podfeed.workers``; ``workers=1`` or a process
running other threads validates serially). Malformed or unusual feeds fall back to the whole
document.
"""

from __future__ import annotations

import json
import mmap
import os
import re
from collections.abc import Collection, Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..diagnostics import Finding, Report
from ..errors import SourceError
from ..workers import available_cpus, run_shards
from . import (  # noqa: F401 - importing registers the checks
    checks_chapters,
    checks_crossfile,
    checks_itunes,
    checks_online,
    checks_podcast,
    checks_psp,
    checks_rss,
    checks_xml,
    stream,
)
from .catalog import PROFILES, RULES, Rule, select_rules
from .context import ChaptersContext, FeedContext, OnlineFetch
from .runner import gc_paused, run_chapters_checks, run_feed_checks, sort_findings
from .source import DEFAULT_MAX_BYTES, fetch, is_json, load, parse_xml

__all__ = [
    "PROFILES",
    "RULES",
    "Rule",
    "is_json",
    "validate_chapters",
    "validate_feed",
    "validate_output",
    "validate_source",
]


#: validate_output checks this many chapters files or more in parallel (see ``podfeed.workers``).
_PARALLEL_CHAPTERS = 2_000


def _online_fetch(url: str, max_bytes: int, method: str) -> tuple[int, Mapping[str, str], bytes]:
    return fetch(url, max_bytes, method=method)


def validate_feed(
    source: str | Path | bytes,
    *,
    profile: str = "podcasting2",
    online: bool = False,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    chapters_urls: Collection[str] | None = None,
    workers: int | None = None,
) -> Report:
    """Validate one feed against ``profile`` (``rss`` ⊂ ``apple`` ⊂ ``podcasting2``).

    ``chapters_urls``: the chapters files a build wrote, by absolute URL (enables XF-001/002).
    ``workers``: processes for a big feed; None decides from its size and the CPUs, 1 = none.
    """
    if not online:
        report = _windowed_report(
            source, profile, select, ignore, max_bytes, chapters_urls, workers
        )
        if report is not None:
            return report
    loaded = load(source, max_bytes=max_bytes)
    return _feed_report(
        loaded.name,
        loaded.data,
        select_rules(profile, select, ignore),
        fetcher=_online_fetch if online else None,
        chapters_files=chapters_urls,
    )


def _windowed_report(
    source: str | Path | bytes,
    profile: str,
    select: Iterable[str] | None,
    ignore: Iterable[str] | None,
    max_bytes: int,
    chapters_urls: Collection[str] | None,
    workers: int | None,
) -> Report | None:
    """The report from the windowed path (``stream``), or None where it does not apply.

    Every input it declines (small, too big, unreadable, a URL, malformed…) goes through
    ``load`` and the whole-document path, which raise or report exactly as before.
    """
    if isinstance(source, bytes):
        if not stream.MIN_BYTES <= len(source) <= max_bytes:
            return None
        return _windowed("<bytes>", source, profile, select, ignore, chapters_urls, workers)
    if isinstance(source, str) and source.startswith(("http://", "https://")):
        return None
    path = Path(source)
    try:
        with path.open("rb") as file:
            size = os.fstat(file.fileno()).st_size
            if not stream.MIN_BYTES <= size <= max_bytes:
                return None
            mapped = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return None
    with mapped:
        return _windowed(str(path), mapped, profile, select, ignore, chapters_urls, workers)


def _windowed(
    name: str,
    buf: bytes | mmap.mmap,
    profile: str,
    select: Iterable[str] | None,
    ignore: Iterable[str] | None,
    chapters_urls: Collection[str] | None,
    workers: int | None,
) -> Report | None:
    active = select_rules(profile, select, ignore)
    findings = stream.validate_windowed(
        name, buf, active, chapters_urls=chapters_urls, workers=workers
    )
    return Report(name, sort_findings(findings)) if findings is not None else None


def _feed_report(
    name: str,
    data: bytes,
    active: frozenset[str],
    *,
    fetcher: OnlineFetch | None = None,
    chapters_files: Collection[str] | None = None,
) -> Report:
    return _check_feed(name, data, active, fetcher=fetcher, chapters_files=chapters_files)[0]


def _check_feed(
    name: str,
    data: bytes,
    active: frozenset[str],
    *,
    fetcher: OnlineFetch | None = None,
    chapters_files: Collection[str] | None = None,
) -> tuple[Report, Any]:
    """The feed's Report, and its parsed root element (None when it did not parse)."""
    parsed = parse_xml(name, data)
    with gc_paused():
        ctx = FeedContext(
            path=name,
            active=active,
            root=parsed.root,
            raw=data,
            chapters_files=chapters_files,
            fetch=fetcher,
            declared_encoding=parsed.encoding,
            has_declaration=parsed.has_declaration,
        )
        # Without a tree only the byte-level XML checks can still run.
        if parsed.error is not None and parsed.error.rule in active:
            ctx.findings.append(parsed.error)
        run_feed_checks(ctx)
        return Report(name, sort_findings(ctx.findings)), parsed.root


def validate_chapters(
    source: str | Path | bytes,
    *,
    duration: float | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Report:
    """Validate one JSON chapters file; ``duration`` (seconds) enables CHAP-013."""
    loaded = load(source, max_bytes=max_bytes)
    active = _selected("podcasting2", _key(select), _key(ignore))
    return _chapters_report(loaded.name, loaded.data, active, duration=duration)


@lru_cache(maxsize=64)
def _selected(
    profile: str, select: tuple[str, ...] | None, ignore: tuple[str, ...] | None
) -> frozenset[str]:
    # A build checks thousands of chapters files with the same selection: pick the rules once.
    return select_rules(profile, select, ignore)


def _key(ids: Iterable[str] | None) -> tuple[str, ...] | None:
    return None if ids is None else tuple(ids)


def _chapters_report(
    name: str, data: bytes, active: frozenset[str], *, duration: float | None = None
) -> Report:
    ctx = ChaptersContext(path=name, active=active, duration=duration)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        ctx.report("CHAP-001", (), f"not UTF-8: byte 0x{data[exc.start]:02X} at offset {exc.start}")
        return Report(name, sort_findings(ctx.findings))
    if not text or text.isspace():  # `not text.strip()`, without copying the text
        raise SourceError("is empty", path=name)
    try:
        ctx.data = _decode(text)
    except _BadConstant as exc:
        where = _CONSTANT.search(text)
        offset = where.start(1) if where else 0
        line = text.count("\n", 0, offset) + 1
        column = offset - text.rfind("\n", 0, offset)
        if "CHAP-001" in active:
            rule = RULES["CHAP-001"]
            message = f"not JSON: {exc} is not a JSON number"
            ctx.findings.append(Finding(rule.id, rule.severity, message, name, line, column))
        return Report(name, sort_findings(ctx.findings))
    except json.JSONDecodeError as exc:
        if "CHAP-001" in active:
            rule = RULES["CHAP-001"]
            ctx.findings.append(
                Finding(rule.id, rule.severity, f"not JSON: {exc.msg}", name, exc.lineno, exc.colno)
            )
        return Report(name, sort_findings(ctx.findings))
    ctx.text = text  # lines are mapped only if a finding needs one (a clean file never does)
    run_chapters_checks(ctx)
    return Report(name, sort_findings(ctx.findings))


def validate_source(
    source: str | Path | bytes,
    *,
    profile: str = "podcasting2",
    online: bool = False,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Report:
    """Validate a feed or a JSON chapters file, telling them apart by content (``{`` vs ``<``)."""
    if not online:
        report = _windowed_report(source, profile, select, ignore, max_bytes, None, None)
        if report is not None:
            return report
    loaded = load(source, max_bytes=max_bytes)
    active = select_rules(profile, select, ignore)
    if is_json(loaded.data):
        return _chapters_report(loaded.name, loaded.data, active)
    return _feed_report(loaded.name, loaded.data, active, fetcher=_online_fetch if online else None)


class _BadConstant(ValueError):
    pass


def _refuse_constant(name: str) -> float:
    # Python's json reads NaN/Infinity; RFC 8259 JSON (and other players) does not.
    raise _BadConstant(name)


# json.loads with an option makes a new decoder each call; a build checks thousands of files.
_DECODER = json.JSONDecoder(parse_constant=_refuse_constant)


def _decode(text: str) -> Any:
    """``json.loads(text, parse_constant=_refuse_constant)``, with one decoder for all."""
    if text.startswith("\ufeff"):
        return json.loads(text, parse_constant=_refuse_constant)  # its own error for a BOM
    return _DECODER.decode(text)


_CONSTANT = re.compile(r"[:\[,]\s*(-?Infinity|NaN)")


def validate_output(
    feed: bytes,
    chapters: Mapping[str, bytes],
    *,
    profile: str = "podcasting2",
    feed_name: str = "feed.xml",
) -> list[Report]:
    """What build-feed runs before publishing: the feed (with the XF cross-file rules, given
    the chapters files keyed by the absolute URL the feed links), then each chapters file with
    its episode's duration from the feed."""
    active = select_rules(profile)
    windowed = (
        stream.validate_windowed_output(feed_name, feed, active, chapters)
        if len(feed) >= stream.MIN_BYTES
        else None
    )
    if windowed is not None:
        report = Report(feed_name, sort_findings(windowed[0]))
        durations = windowed[1]
    else:
        report, root = _check_feed(feed_name, feed, active, chapters_files=chapters)
        durations = checks_crossfile.chapter_durations(root) if root is not None else {}
    files = list(chapters.items())
    shares = [files]
    if len(files) >= _PARALLEL_CHAPTERS:  # ~0.2 ms each: 10,000 files are worth the CPUs
        count = min(available_cpus(), len(files))
        shares = [
            files[len(files) * n // count : len(files) * (n + 1) // count] for n in range(count)
        ]

    def check(share: list[tuple[str, bytes]]) -> list[Report]:
        return [
            _chapters_report(url, data, active, duration=durations.get(url)) for url, data in share
        ]

    return [report, *(r for done in run_shards(check, shares, redo_failed=True) for r in done)]
