"""render_feed (and render_chapters) on N episodes built in code; prints wall and CPU time.

Usage: python benchmarks/render_feed.py [N]   (default 10000)

Each episode has ~3.7 KB of show notes, 15 chapters and an enclosure, like the documents of
../shared/bench/make_corpus.py. Half of the chapters link back into the episode's video at
their time (worst case for the time-jump check; the reader drops most such links earlier).
"""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime, timedelta

from podfeed.chapters import render_chapters
from podfeed.feed import render_feed
from podfeed.model import Chapter, Enclosure, Episode
from podfeed.show import Show


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


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    show = Show(
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
    eps = episodes(n)
    wall, cpu = time.perf_counter(), time.process_time()
    feed = render_feed(show, eps)
    print(f"render_feed     {n} episodes: {time.perf_counter() - wall:.2f} s wall, "
          f"{time.process_time() - cpu:.2f} s CPU, {len(feed) / 1e6:.1f} MB")
    wall, cpu = time.perf_counter(), time.process_time()
    size = sum(len(render_chapters(e, show)) for e in eps)
    print(f"render_chapters {n} episodes: {time.perf_counter() - wall:.2f} s wall, "
          f"{time.process_time() - cpu:.2f} s CPU, {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
