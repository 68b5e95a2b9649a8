"""render_feed and render_chapters on N episodes; prints wall time, CPU time and peak memory.

Usage: python benchmarks/render_feed.py [N] [--corpus DIR] [--runs R]

Without --corpus, N episodes (default 10000) are built in code: ~3.7 KB of show notes, 15
chapters (half of them linking back into the episode's video at their time, the worst case for
the time-jump check) and an enclosure each. With --corpus, the documents of
``../shared/bench/make_corpus.py N DIR`` are read once with podfeed.load_episodes, under the show
of benchmarks/build.py. Each renderer runs R times (default 5); the median wall and CPU times
are printed, then the peak memory of one more run: the growth of the process's resident set
over what it held before (VmHWM, reset through /proc/self/clear_refs), or, where that is not
available, the peak of Python's own allocations (tracemalloc; lxml's are not counted).
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from podfeed.chapters import render_chapters
from podfeed.feed import render_feed
from podfeed.model import Chapter, Enclosure, Episode
from podfeed.reader import load_episodes
from podfeed.show import Show, load_show

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build import SHOW_TOML  # the build benchmark's show, for the same feed


def episodes(n: int) -> list[Episode]:
    notes = "".join(
        f'<p>Paragraph {j} with <a href="https://example.org/{j}">a link</a> and '
        "<strong>bold</strong> text that goes on for a while to look like real notes.</p>\n"
        for j in range(25)
    )
    out = []
    for i in range(n):
        video = f"https://www.youtube.com/watch?v=v{i:07d}"
        chapters = tuple(
            Chapter(float(s * 60), f"Chapter {s}", url=f"{video}&t={s * 60}s" if s % 2 else None)
            for s in range(15)
        )
        out.append(
            Episode(
                title=f"Episode {i}",
                date=datetime(2015, 1, 1, tzinfo=UTC) + timedelta(hours=i),
                link=f"https://show.example.com/p/episode-{i}",
                content_html=notes,
                audio=Enclosure(
                    f"https://cdn.example.com/audio/{i}.mp3", 57_600_000 + i, "audio/mpeg"
                ),
                duration=3600.0,
                chapters=chapters,
                number=i + 1,
            )
        )
    return out


def code_show() -> Show:
    return Show(
        title="Bench Show",
        description="Synthetic.",
        link="https://show.example.com/",
        language="en",
        author="Alex Host",
        image="https://show.example.com/cover.jpg",
        categories=("Technology",),
        base_url="https://show.example.com/",
        explicit=False,
    )


def corpus(folder: Path) -> tuple[Show, list[Episode]]:
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "podcast.toml").write_text(SHOW_TOML, encoding="utf-8")
        show = load_show(tmp)
    found = load_episodes(folder, fields=show.fields, media_prefix=show.media_prefix)
    return show, found


def timed(work: Callable[[], int], runs: int) -> tuple[float, float, int]:
    """Median wall and CPU seconds of ``runs`` calls, and the size of what the last made."""
    walls, cpus, size = [], [], 0
    for _ in range(runs):
        gc.collect()
        wall, cpu = time.perf_counter(), time.process_time()
        size = work()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus), size


def _status(key: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) * 1024
    raise KeyError(key)


def peak(work: Callable[[], int]) -> tuple[float, str]:
    """Peak memory (MB) added by one call of ``work``, and how it was measured."""
    gc.collect()
    try:
        Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the current VmRSS
        before = _status("VmRSS")
    except OSError:
        tracemalloc.start()
        work()
        top = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return top / 1e6, "tracemalloc peak"
    work()
    return (_status("VmHWM") - before) / 1e6, "RSS growth"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=10_000)
    parser.add_argument("--corpus", type=Path, help="a make_corpus.py folder to read instead")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if args.corpus is not None:
        show, eps = corpus(args.corpus)
        eps = eps[: args.n]
    else:
        show, eps = code_show(), episodes(args.n)
    with_chapters = [e for e in eps if e.chapters]

    def feed() -> int:
        return len(render_feed(show, eps))

    def chapters() -> int:
        return sum(len(render_chapters(e, show)) for e in with_chapters)

    for name, work in (("render_feed", feed), ("render_chapters", chapters)):
        wall, cpu, size = timed(work, args.runs)
        grown, how = peak(work)
        print(
            f"{name:15s} {len(eps)} episodes: {wall:.2f} s wall, {cpu:.2f} s CPU "
            f"(median of {args.runs}), {grown:.0f} MB peak ({how}), output {size / 1e6:.1f} MB"
        )


if __name__ == "__main__":
    main()
