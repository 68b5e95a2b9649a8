"""The fast path for big feeds: validate in windows of items, in parallel where it pays.

Parsing a 90 MB feed into one lxml tree costs ~300 MB and more than the time budget; a window
of 128 items parses in a few milliseconds and is freed right after its checks. The
windows are split into one contiguous share per CPU (``podfeed.workers``) and their results
merged in document order (``window.merge``), so the findings do not depend on the workers.
``None`` from :func:`validate_windowed` means "use the whole-document path": the feed is
malformed, not in the usual shape (``layout``), or a window met a case the merge cannot decide.

Before the parse, a window's simple CDATA payloads are cut out and handed to the checks as
element text (``cdata``): libxml2 reads CDATA one character at a time, and show notes are most
of a feed's bytes. Podlove chapters blocks, which no rule reads, are cut too (``opaque``): their
empty elements were three quarters of libxml2's work on the rest. The scan that cuts a window
also finds its items (``cdata.cut_window``), so the items' bytes are read once before the parse
(and once more for XML-005…008's namespace declarations).

Lines: a window is parsed behind blank lines that put its items on their lines in the feed,
but never further down than LINE_BASE (65,536): past line 65,535 libxml2 takes every element's
line from a neighbouring text node, so the window's lines there just move by a constant, which
the context adds when it reports (``FeedContext.report``). A later share that starts past that
line does not count the lines and items before it: it starts on LINE_BASE with item 0, and the
merge places its results (``window.placed``) once the earlier shares' counts are known.

On the build's 10,000-item feed (94 MB), 2 CPUs: ~0.95 s of CPU in all (it was ~1.2 s before
the chapters cut and the placing), about half in each process (medians, loaded VM; see
``benchmarks/validate.py``).
"""

from __future__ import annotations

import gc
import itertools
import mmap
from collections.abc import Collection, Iterator
from dataclasses import dataclass

from lxml import etree

from ..diagnostics import Finding
from ..errors import SourceError
from ..workers import available_cpus, run_shards
from .cdata import Cut, cut_sections, cut_window, no_marks
from .checks_crossfile import chapter_duration_pairs
from .context import FeedContext
from .layout import (
    Buffer,
    Span,
    count_before,
    cut_points,
    declarations,
    find_frame,
    find_items,
    first_item_at,
    lines_before,
    release,
)
from .opaque import Opaque, opaque_for
from .runner import gc_paused, run_feed_checks
from .source import parser, sniff
from .window import Window, WindowResult, merge, placed

__all__ = [
    "LINE_BASE",
    "MIN_BYTES",
    "PARALLEL_MIN_BYTES",
    "WINDOW_ITEMS",
    "validate_windowed",
    "validate_windowed_output",
]

#: Feeds smaller than this take the whole-document path (it is fast enough there).
MIN_BYTES = 4_000_000
#: Below this, forking workers costs more than it saves.
PARALLEL_MIN_BYTES = 12_000_000
#: Items per window: small enough for the parse to stay in the CPU caches, large enough that
#: re-parsing and re-checking the channel per window stays small. Each window costs ~1.7 M
#: instructions besides its items (the head parsed and checked again, ~65,000 blank lines past
#: line 65,535): on the build's feed 128 items ran 2.5% fewer instructions than 64, and ~6%
#: less CPU in one process (~3-4% with two; 96 was in between). Nov 2026, loaded 2-core VM.
WINDOW_ITEMS = 128
_MAX_WORKERS = 8
#: A window whose items start on this line or later is parsed as if they started on it (see
#: ``window.placed``): libxml2 gives every element there the line of a neighbouring text node,
#: so all its lines just move; its blank prefix stays short, and a later share need not count
#: the lines before it.
LINE_BASE = 65_536
_CLOSE = b"</channel></rss>"  # ends every window but the last (which has the feed's own end)
_UTF8 = frozenset({"utf-8", "utf8"})


@dataclass(frozen=True, slots=True)
class _Job:
    """Everything a window needs besides its span (inherited by forked workers)."""

    name: str
    buf: Buffer
    head: bytes
    head_lines: int
    tail_start: int
    tail: bytes
    active: frozenset[str]
    chapters_urls: Collection[str] | None
    encoding: str | None
    has_declaration: bool
    window_items: int
    durations: bool
    cut_cdata: bool  # whether windows may cut CDATA payloads (``cdata``)
    opaque: Opaque | None  # the extension blocks windows may cut too (``opaque``)

    @property
    def head_end(self) -> int:
        return len(self.head)


@dataclass(frozen=True, slots=True)
class _Share:
    """What a share sends back: its windows' results (their lines where they are in the share),
    and the share's items and newlines (to the next share's first item)."""

    windows: list[WindowResult]
    items: int
    newlines: int
    relative: bool  # started on LINE_BASE, item 0: placed by the merge
    #: The number its first item was given (``count_before``; 0 when relative): the merge
    #: checks it against the items the shares before found (``find_items`` steps over CDATA).
    item_base: int


class _Unsure(Exception):
    """A window the merge cannot vouch for: fall back to the whole document."""


def validate_windowed(
    name: str,
    buf: Buffer,
    active: frozenset[str],
    *,
    chapters_urls: Collection[str] | None = None,
    workers: int | None = None,
    window_items: int | None = None,
) -> list[Finding] | None:
    """The feed's findings (unsorted), or None when the whole-document path must decide."""
    done = _validate(name, buf, active, chapters_urls, workers, window_items, durations=False)
    return done[0] if done is not None else None


def validate_windowed_output(
    name: str,
    buf: Buffer,
    active: frozenset[str],
    chapters_urls: Collection[str],
    *,
    workers: int | None = None,
) -> tuple[list[Finding], dict[str, float]] | None:
    """``validate_windowed`` for ``validate_output``: also each chapters URL's episode duration
    (as ``checks_crossfile.chapter_durations`` reads them from a whole tree)."""
    return _validate(name, buf, active, chapters_urls, workers, None, durations=True)


def _validate(
    name: str,
    buf: Buffer,
    active: frozenset[str],
    chapters_urls: Collection[str] | None,
    workers: int | None,
    window_items: int | None,
    *,
    durations: bool,
) -> tuple[list[Finding], dict[str, float]] | None:
    frame = find_frame(buf)
    if frame is None:
        return None
    head = buf[: frame.head_end]
    try:
        encoding = sniff(name, head)
    except SourceError:
        return None  # the whole-document path raises it, with the whole input in view
    if encoding is not None and encoding.lower() not in _UTF8:
        return None  # the byte-level item scan assumes UTF-8
    cut_cdata = no_marks(head)
    job = _Job(
        name,
        buf,
        head,
        frame.head_lines,
        frame.tail_start,
        buf[frame.tail_start :],
        active,
        chapters_urls,
        encoding,
        head.lstrip(b"\xef\xbb\xbf").startswith(b"<?xml"),
        window_items or WINDOW_ITEMS,
        durations,
        cut_cdata,
        opaque_for(head) if cut_cdata else None,
    )
    points = cut_points(buf, frame, _workers(workers, len(buf)))
    shares = list(itertools.pairwise(points))
    # Paused also while the workers' results are unpickled and merged (~10^5 small objects).
    with gc_paused():
        results = run_shards(lambda share: _check_share(job, *share), shares, redo_failed=True)
        flat: list[WindowResult] = []
        lines = items = 0  # in the shares before
        for share in results:
            if share is None or (not share.relative and share.item_base != items):
                return None
            # A relative share started on LINE_BASE with item 0 (see _share_start).
            moved = job.head_lines + lines - LINE_BASE if share.relative else 0
            renumbered = items if share.relative else 0
            flat += (placed(result, moved, renumbered) for result in share.windows)
            lines += share.newlines
            items += share.items
        seconds = dict(pair for result in flat for pair in result.durations)
        return merge(name, frame.head_lines, flat, active), seconds


def _workers(asked: int | None, size: int) -> int:
    if asked is None:
        asked = available_cpus() if size >= PARALLEL_MIN_BYTES else 1
    return max(1, min(asked, _MAX_WORKERS))


def _check_share(job: _Job, start: int, end: int) -> _Share | None:
    """The windows of the items in ``buf[start:end]`` (None: use the whole document)."""
    was_enabled = gc.isenabled()
    gc.disable()  # see runner.gc_paused: the windows make no cycles worth collecting
    try:
        first_item = first_item_at(job.buf, start, end)
        if first_item is None:
            return None
        # Where this share's items start (line, item number) is counted here, so that no
        # process scans the whole feed before the work is split.
        line, item_base, relative = _share_start(job, start, first_item)
        first_line = line
        # A window keeps the blank text after its last item: libxml2 numbers a childless
        # element past line 65,535 from the text node that follows it. So the share's last
        # window runs to the next share's first item (that share checks the gap).
        beyond = end if end == job.tail_start else job.buf.find(b"<", end)
        results = []
        items = 0
        blank = b""  # shared by the windows: they need ever more blank lines
        with memoryview(job.buf) as view:  # windows are copied out of the input only once
            for begin, stop, count, cut in _windows(job, view, first_item, end, beyond):
                tail = job.tail if stop == job.tail_start else _CLOSE
                span = Span(begin, stop, item_base + items, count)
                items += count
                # Past LINE_BASE every line libxml2 gives is a text node's (or its fallback):
                # the window is parsed there, and its lines moved back by the merge.
                base = min(line, LINE_BASE)
                if len(blank) < base - job.head_lines:
                    blank = b"\n" * (2 * (base - job.head_lines))
                lines = memoryview(blank)[: base - job.head_lines]
                result, newlines = _check_window(
                    job, span, view, lines, tail, base, line - base, cut
                )
                results.append(result)
                line += newlines
                if isinstance(job.buf, mmap.mmap):
                    release(job.buf, span.start, span.end)
        return _Share(results, items, line - first_line, relative, item_base)
    except _Unsure:
        return None
    finally:
        if was_enabled:
            gc.enable()


def _windows(
    job: _Job, view: memoryview, first_item: int, end: int, beyond: int
) -> Iterator[tuple[int, int, int, Cut | None]]:
    """``(start, stop, items, cut)`` of each window of the items from ``first_item`` to
    ``end``; a window that reaches ``end`` stops at ``beyond``. Raises _Unsure when the items
    are not in the usual shape.

    Windows that cut CDATA payloads are found by the scan that cuts them (``cut_window``: it
    reads the markup between payloads, which ``find_items`` would read again); the others by
    ``find_items``. Both end an item at its first ``</item>`` outside CDATA sections.
    """
    if not job.cut_cdata:
        starts = find_items(job.buf, first_item, end)
        if starts is None:
            raise _Unsure
        for first in range(0, len(starts), job.window_items):
            last = min(first + job.window_items, len(starts))
            yield starts[first], starts[last] if last < len(starts) else beyond, last - first, None
        return
    pos = first_item
    while pos < end:
        scanned = cut_window(job.buf, view, pos, end, job.window_items, beyond, job.opaque)
        if scanned is None:
            raise _Unsure
        yield pos, scanned.stop, scanned.items, scanned.cut
        pos = end if scanned.stop == beyond else scanned.stop


def _share_start(job: _Job, start: int, first_item: int) -> tuple[int, int, bool]:
    """The line and item number a share starts on, and whether they are relative: a later
    share that starts past LINE_BASE counts only that far, starts on LINE_BASE with item 0,
    and is placed by the merge (which knows how many lines and items the earlier shares had)."""
    if start == job.head_end:
        return job.head_lines, 0, False
    enough = LINE_BASE - job.head_lines
    if lines_before(job.buf, job.head_end, first_item, enough) is None:
        return LINE_BASE, 0, True
    newlines, item_base = count_before(job.buf, job.head_end, first_item)
    return job.head_lines + newlines, item_base, False


def _check_window(
    job: _Job,
    span: Span,
    view: memoryview,
    blank: memoryview,
    tail: bytes,
    line: int,
    line_shift: int,
    cut: Cut | None,
) -> tuple[WindowResult, int]:
    """One window's result, and the number of newlines in its items (on ``line`` on).
    ``view`` is a view of ``job.buf``: the items are copied out of it only once. ``line_shift``:
    how much further down its items are in the share (see LINE_BASE). ``cut``: the window's
    bytes with payloads and blocks cut (``_windows``), or None to parse them as written."""
    # The blank lines put the items on their lines in the feed (see window.py).
    where = (len(job.head), len(job.head) + len(blank))
    declared = None
    if job.opaque is not None:
        # Blocks are cut only where their prefix means what it means on the channel: in a
        # window whose items declare no namespace (the scan is XML-005…008's, done here).
        declared = declarations(job.buf, span.start, span.end, line)
        if declared:  # rare: cut the payloads again, leaving the blocks as written
            cut = cut_sections(job.buf, view, span.start, span.end)
    parts = cut.parts if cut is not None else [view[span.start : span.end]]
    doc = b"".join((job.head, blank, *parts, tail))
    try:
        root = etree.fromstring(doc, parser())
    except (etree.LxmlError, ValueError):
        raise _Unsure from None  # the whole-document path reports it, with its position
    window = Window(
        item_base=span.item_base,
        blank=where,
        source=(job.buf, span.start, span.end, line),
        declarations=declared,
        line_shift=line_shift,
    )
    ctx = FeedContext(
        path=job.name,
        active=job.active,
        root=root,
        raw=doc,
        chapters_files=job.chapters_urls,
        declared_encoding=job.encoding,
        has_declaration=job.has_declaration,
        window=window,
        cdata=cut.texts if cut is not None else {},
    )
    if root.tag != "rss" or ctx.channel is None or len(ctx.items) != span.items:
        raise _Unsure  # a cut in the wrong place, or items outside the one channel
    run_feed_checks(ctx)
    if window.unsure or (line >= LINE_BASE and any(f.rule == "INTERNAL-001" for f in ctx.findings)):
        raise _Unsure  # (a crash message names the element's line as parsed)
    durations: tuple[tuple[str, float], ...] = ()
    if job.durations:  # the head's live items count once, in the feed's first window
        from_line = job.head_lines if span.start != job.head_end else 0
        durations = tuple(chapter_duration_pairs(root, from_line, ctx.own_text))
    result = WindowResult(
        tuple(ctx.findings),
        tuple(window.guids),
        tuple(window.enclosure_urls),
        tuple(window.episodes),
        durations,
    )
    return result, doc.count(b"\n", where[1], len(doc) - len(tail))
