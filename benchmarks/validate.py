"""Validate a large feed and print items per second (target: >= 20,000 items/s).

Usage: python benchmarks/validate.py [FEED] [--profile P] [--runs R] [--items N] [--workers W]

FEED is the feed to validate, e.g. the one benchmarks/build.py leaves in DIR/public/feed.xml.
Without it, a feed of N items (default 10,000) is synthesised in memory: every item carries
the usual RSS, iTunes and podcast: elements, so each check family has work to do. The figure is
the median of R runs (default 5) after one warm-up run, for the whole of validate_feed (parsing
included), under the podcasting2 profile by default. The size limit is raised to the feed's
size (the build's 10,000-episode feed is ~93 MB, over the 50 MB default for foreign feeds).
Peak memory is the process's maximum resident set size (libxml2's tree included), before and
after validating.

Where the time goes on the build's feed (2-core machine, Nov 2026, medians). The reference
path, one whole-feed lxml tree, spends 0.4-0.7 s in the parse alone (mostly the CDATA show notes
and 200,000 psc:chapter elements). Big feeds are instead validated in windows of 128 items, split
between the CPUs (see podfeed.validate.stream). One scan per window (cdata.cut_window) finds its
items and cuts out its CDATA payloads (half of its cost decoding them and checking their bytes,
which the checks would otherwise do through lxml) and its Podlove chapters blocks (opaque: no
rule reads them; their 200,000 empty elements were three quarters of libxml2's work; ~7 us a
block, most of it splitting the block at its quotes). It replaced a separate pass of every byte
for </item> (find_items, now only for windows that are not cut). What is left, in callgrind
instructions of the whole feed (both processes): the checks and the context (~45%: indexing the
items' children, XML-009, P20's walk and each family's item loop), the scan (~25%: bytes.translate
and the chapters blocks are the largest parts), libxml2's parse (~11%; each window past line
65,535 also parses its ~65,000 blank lines, ~0.5 M instructions), the namespace-declaration regex
(XML-005...008, the one pass left over every byte: ~7%; bytes.find is slower for that needle),
freeing trees. Windows past line 65,535 are parsed on line 65,536 (their lines then move by a
constant), so the second CPU's share counts only ~65,000 lines before it, not the ~450,000 there
are, and its findings reach the first as plain tuples made into Findings once, where the merge
places them. What is serial once both shares are done: unpickling the worker's results (~3 ms
CPU), placing them (~8 ms, most of it making its ~5,000 Findings; the worker sends item paths
split, so they are renumbered without parsing), merging and sorting (~5 ms): ~4% of the wall
time. Callgrind (instructions of one validation,
both processes, imports excluded): ~10.0 G before the chapters cut and the line base, 7.34 G
after, 6.87 G with the one scan, 6.70 G with windows of 128 items (each process ~3.35 G).
"CPU (all)" adds the workers' CPU time: other programs on the machine inflate it less than the
wall time (but they do: the scan's decoding and copying wait on memory, shared with them).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time
import uuid
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

from podfeed.validate import validate_feed

_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" \
xmlns:podcast="https://podcastindex.org/namespace/1.0" xmlns:atom="http://www.w3.org/2005/Atom" \
xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel>
    <title>Benchmark Broadcasts</title>
    <link>https://bench.example.org/</link>
    <description>A synthetic show for timing the validator.</description>
    <language>en</language>
    <atom:link href="https://bench.example.org/feed.xml" rel="self" type="application/rss+xml"/>
    <itunes:author>Bench Team</itunes:author>
    <itunes:owner><itunes:email>team@bench.example.org</itunes:email></itunes:owner>
    <itunes:image href="https://bench.example.org/cover.jpg"/>
    <itunes:category text="Technology"/>
    <itunes:explicit>false</itunes:explicit>
    <podcast:guid>{guid}</podcast:guid>
    <podcast:locked>no</podcast:locked>
"""
_ITEM = """    <item>
      <title>Measurement number {n}</title>
      <link>https://bench.example.org/episodes/{n}</link>
      <guid isPermaLink="false">bench-{n}</guid>
      <pubDate>{date}</pubDate>
      <description><![CDATA[<p>Episode {n} of the benchmark, with <a href="https://bench.example.org/{n}">notes</a>.</p>]]></description>
      <enclosure url="https://media.bench.example.org/{n}.mp3" length="{length}" type="audio/mpeg"/>
      <itunes:duration>{duration}</itunes:duration>
      <itunes:episode>{n}</itunes:episode>
      <itunes:explicit>false</itunes:explicit>
      <podcast:transcript url="https://bench.example.org/episodes/{n}.vtt" type="text/vtt"/>
      <podcast:chapters url="https://bench.example.org/episodes/{n}.chapters.json"
        type="application/json+chapters"/>
      <podcast:person role="host">Bench Host</podcast:person>
    </item>
"""
_TAIL = "  </channel>\n</rss>\n"


def synthesize(items: int) -> bytes:
    start = datetime(2001, 1, 1, 9, 0, tzinfo=UTC)
    parts = [_HEAD.format(guid=uuid.uuid5(uuid.NAMESPACE_URL, "bench"))]
    for n in range(1, items + 1):
        date = format_datetime(start + timedelta(days=n), usegmt=True)
        parts.append(_ITEM.format(n=n, date=date, length=1_000_000 + n, duration=1200 + n % 900))
    parts.append(_TAIL)
    return "".join(parts).encode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("feed", nargs="?", type=Path)
    parser.add_argument("--profile", default="podcasting2")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=0, help="0 = validate_feed's choice")
    args = parser.parse_args()
    # A FEED is validated from its path (as the build does: the file is mapped, never loaded
    # whole); the synthetic feed is passed as bytes.
    feed: Path | bytes = args.feed if args.feed else synthesize(args.items)
    source = str(args.feed) if args.feed else f"synthetic feed ({args.items} items)"
    items, size = _count_items(feed)
    limit = max(size, 1)
    rss_before = _peak_rss_mb()
    kwargs = {"workers": args.workers} if args.workers else {}
    report = validate_feed(feed, profile=args.profile, max_bytes=limit, **kwargs)  # warm-up
    walls, cpus, totals = [], [], []
    for _ in range(args.runs):
        began, began_cpu, began_all = time.perf_counter(), time.process_time(), _all_cpu()
        validate_feed(feed, profile=args.profile, max_bytes=limit, **kwargs)
        walls.append(time.perf_counter() - began)
        cpus.append(time.process_time() - began_cpu)
        totals.append(_all_cpu() - began_all)
    wall, cpu, total = statistics.median(walls), statistics.median(cpus), statistics.median(totals)
    errors, warnings = len(report.errors), len(report.warnings)
    print(f"feed:       {source}, {size / 1e6:.1f} MB, {items} items")
    print(f"profile:    {args.profile}")
    print(f"findings:   {errors} errors, {warnings} warnings, {len(report)} in all")
    print(
        f"wall time:  {wall * 1000:.0f} ms (median of {args.runs}; min {min(walls) * 1000:.0f} ms)"
    )
    print(f"CPU time:   {cpu * 1000:.0f} ms here, {total * 1000:.0f} ms with the forked workers")
    print(f"throughput: {items / wall:,.0f} items/s wall, {items / total:,.0f} items/s CPU (all)")
    print(f"peak RSS:   {_peak_rss_mb():.0f} MB (input loaded: {rss_before:.0f} MB)")
    print("target:     >= 20,000 items/s")


def _count_items(feed: Path | bytes) -> tuple[int, int]:
    """Items and bytes, read in chunks: the file is not held in memory while validating."""
    if isinstance(feed, bytes):
        return feed.count(b"<item>") + feed.count(b"<item "), len(feed)
    items = size = 0
    carry = b""
    with feed.open("rb") as file:
        while chunk := file.read(1 << 22):
            size += len(chunk)
            data = carry + chunk
            items += data.count(b"<item>") + data.count(b"<item ")
            carry = data[-5:]  # a tag cut by the chunk's end is counted with the next chunk
    return items, size


def _all_cpu() -> float:
    """CPU seconds of this process and its finished children (the validator's workers): unlike
    wall time, this does not grow when other programs compete for the cores."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _peak_rss_mb() -> float:
    # ru_maxrss is in KiB on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    main()
