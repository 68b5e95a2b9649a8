"""Load a folder of episode documents and print documents per second and peak memory.

Usage: python benchmarks/load.py [DIR] [--runs N]

Without DIR, writes 10,000 documents with ../shared/bench/make_corpus.py into a temporary
folder first. Each run loads the whole folder in a fresh child process (so peak memory is
that run's alone); the median of the runs is printed. Target: >= 4,000 documents/s in one
process on the 2-core reference machine.

Where the time goes (10,000-document corpus; CPU time per document, medians of 7 runs, each
stage timed alone, measured before the second perf-reader branch, when the machine was quiet
enough to time stages; instructions from callgrind on 400 of the documents (every 25th), read a
second time, each stage counted alone, after the third perf-reader branch; before it in
parentheses):

    chapters from the source lines (notes._chapters)    46 us   369k instructions (391k)
    links and their sections (notes._links)              34 us   395k (411k)
    Markdown -> HTML (pyromark, incl. UTF-8 both ways)   25 us   261k (+56k to encode the body)
    bare URLs -> links (notes._autolink)                 17 us   155k
    read + split the file, YAML (yaml-rs)                22 us   133k (68k of it yaml-rs)
    fields -> Episode (reader._read without the above)   15 us   122k
    listing and sorting the paths                         4 us

A whole load takes about 1.50M instructions a document (1.54M before the third perf-reader
branch, 1.62M before the second, 2.06M before the first); 1.11M with links=False (1.13M).
Before the second branch, 235 us of CPU time: alone, the stages added up to about 165 us; the
rest is what they cost each other in caches and memory (a document leaves ~25 KB behind, most
of it its HTML, two bytes a character when the notes hold a bullet or a dash; that is ~6.6 page
faults a document). The files are read 64 at a time (documents.read_ahead): reading a file
right after parsing another took ~20 us, right after another read ~14 us.

What is left is spread thin. In the chapters, the regex takes ~170k (it enters the matcher at
each of ~90 newlines, ~400 instructions each where a line is no chapter line: the lookahead in
front of the general branch costs about half of that, and the engine skips an alternative
cheaply only when it starts with a literal or a set), taking the groups and span of the ~19
matches ~68k, building the Chapters ~37k. In the links, the regex takes ~185k (~230
instructions at each of ~170 "<" only to enter the matcher), each of the ~30 links ~5k of
Python (decoding, the duplicate check, the Link). Each Chapter or Link costs ~1.5k to build
even as model.fill_class builds it, a third of that the __class__ switch. yaml-rs takes ~68k
for a dozen lines of front matter, pyromark ~200k plus ~56k to encode the body to UTF-8 (the
body holds non-ASCII characters, so CPython has no UTF-8 copy of it at hand).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
MAKE_CORPUS = HERE.parent.parent / "shared" / "bench" / "make_corpus.py"

CHILD = """
import json, resource, sys, time
from podfeed import load_episodes
start = time.perf_counter()
episodes = load_episodes(sys.argv[1])
elapsed = time.perf_counter() - start
peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
chapters = sum(len(e.chapters) for e in episodes)
links = sum(len(e.links) for e in episodes)
print(json.dumps({"n": len(episodes), "seconds": elapsed, "peak_kib": peak_kib,
                  "chapters": chapters, "links": links}))
"""


def run_once(folder: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(folder)], check=True, capture_output=True, text=True
    )
    result: dict[str, float] = json.loads(out.stdout)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("-n", type=int, default=10_000, help="documents to generate without DIR")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.folder
        if folder is None:
            folder = Path(tmp) / "corpus"
            subprocess.run([sys.executable, str(MAKE_CORPUS), str(args.n), str(folder)], check=True)
        run_once(folder)  # warm the page cache
        runs = [run_once(folder) for _ in range(args.runs)]
    rates = [r["n"] / r["seconds"] for r in runs]
    seconds = statistics.median(r["seconds"] for r in runs)
    peak = statistics.median(r["peak_kib"] for r in runs) / 1024
    first = runs[0]
    counts = ", ".join(f"{key} {first[key]:,.0f}" for key in ("n", "chapters", "links"))
    print(f"documents (n), chapters, links: {counts}")
    print(f"load time: median {seconds:.2f} s over {len(runs)} runs")
    rate, low, high = statistics.median(rates), min(rates), max(rates)
    print(f"documents/s: median {rate:,.0f} (min {low:,.0f}, max {high:,.0f})")
    print(f"peak memory: median {peak:.0f} MiB")
    print("target: >= 4,000 documents/s")


if __name__ == "__main__":
    main()
