"""CPU per document of a build's per-episode output work, on a show folder's documents.

Usage: python benchmarks/render_items.py SHOW_DIR [--runs R]

Reads the show (``podcast.toml``) and its documents once, then times, episode by episode as a
build's shard does them: the item (``ItemRenderer.render``), the chapters file with its guid
and names (``episode_guid``, ``chapters_file``, ``chapters_url``, ``render_chapters``), and
the chapters file's validation (``validate_chapters``). Prints the median CPU time of R runs
(default 7) per episode, in µs: CPU rather than wall time, as the machine may be shared.

Where the instructions go (callgrind, 300 documents of make_corpus.py's 2,000-document show,
~6 KB of notes each, ~19 chapters): ~850k a document for the item, of which the notes' check
~270k (UTF-8 encoding 66k, the suspect-byte translate 55k, _UNSAFE_TAG_UTF8 129k), the derived
description (plain_text: two regex substitutions over 2,000 characters, then lines) ~170k,
psc:chapters ~68k, and feedgen, lxml and the frame's splices most of the rest; ~170k for the
chapters file (render_chapters ~105k, the guid and names ~48k); ~218k for its validation, of
which json decoding ~96k (plain files skip the per-chapter loops: checks_chapters). Tried and
dropped: C-level map/zip passes for psc:chapters (slower than list comprehensions, which
Python 3.11 specialises), str.replace chains or split loops in place of plain_text's regexes
(slower), one regex for the suspect bytes and the tags (no literal prefix: 5x slower).
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from podfeed.audio import complete_audio
from podfeed.chapters import render_chapters
from podfeed.feed import ItemRenderer, chapters_file, chapters_url, episode_guid
from podfeed.reader import load_episodes
from podfeed.show import load_show
from podfeed.validate import validate_chapters


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("show", type=Path, help="a show folder (podcast.toml and documents)")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    show = load_show(args.show)
    episodes = [
        complete_audio(e)
        for e in load_episodes(args.show, fields=show.fields, media_prefix=show.media_prefix)
    ]
    guids = [episode_guid(e, show) for e in episodes]
    urls = [chapters_url(e, show) if e.chapters else None for e in episodes]
    files = [render_chapters(e, show) if e.chapters else None for e in episodes]
    durations = [None if e.duration is None else float(round(e.duration)) for e in episodes]

    def items() -> None:
        renderer = ItemRenderer(show)
        for episode, url, guid in zip(episodes, urls, guids, strict=True):
            renderer.render(episode, url, guid)

    def chapters() -> None:
        for episode in episodes:
            episode_guid(episode, show)
            if episode.chapters:
                chapters_file(episode)
                chapters_url(episode, show)
                render_chapters(episode, show)

    def checks() -> None:
        for data, duration in zip(files, durations, strict=True):
            if data is not None:
                validate_chapters(data, duration=duration)

    work: dict[str, Callable[[], None]] = {
        "item": items,
        "chapters file": chapters,
        "chapters checks": checks,
    }
    print(f"{len(episodes)} episodes, median of {args.runs} runs, CPU µs per episode:")
    # Like a build's shards: many objects alive, no collection meanwhile.
    gc.disable()
    for name, run in work.items():
        run()  # warm-up: caches filled, code paths loaded
        times = []
        for _ in range(args.runs):
            start = time.process_time()
            run()
            times.append(time.process_time() - start)
        print(f"  {name:16s} {statistics.median(times) / len(episodes) * 1e6:7.1f}")


if __name__ == "__main__":
    main()
