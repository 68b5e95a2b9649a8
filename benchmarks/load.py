"""Load a folder of episode documents and print documents per second and peak memory.

Usage: python benchmarks/load.py [DIR] [--runs N]

Without DIR, writes 10,000 documents with ../shared/bench/make_corpus.py into a temporary
folder first. Each run loads the whole folder in a fresh child process (so peak memory is
that run's alone); the median of the runs is printed. Target: >= 4,000 documents/s in one
process on the 2-core reference machine.

Where the time goes (10,000-document corpus; CPU time per document, medians of 7 runs, each
stage timed alone; instructions from callgrind on 400 of the documents, read a second time,
each stage counted alone: the instructions were measured again after the second perf-reader
branch, the times are from before it, when the machine was quiet enough to time stages):

    chapters from the source lines (notes._chapters)    46 us   391k instructions (440k before)
    links and their sections (notes._links)              34 us   410k
    Markdown -> HTML (pyromark, incl. UTF-8 both ways)   25 us   261k (+56k to encode the body)
    bare URLs -> links (notes._autolink)                 17 us   155k
    read + split the file, YAML (yaml-rs)                22 us   145k
    fields -> Episode (reader._read without the above)   15 us   124k
    listing and sorting the paths                         4 us

A whole load takes about 1.57M instructions a document (1.62M before the second perf-reader
branch, 2.06M before the first); before this branch, 235 us of CPU time: alone, the stages
added up to about 165 us; the rest is what they cost each other in caches and memory (a
document leaves ~25 KB behind, most of it its HTML, two bytes a character when the notes hold
a bullet or a dash; that is ~6.6 page faults a document). The files are read 64 at a time
(documents.read_ahead): reading a file right after parsing another took ~20 us, right after
another read ~14 us. About half of the notes' share is the regex engine, a third of it
entering the matcher at each "<" or newline; no single stage is a third of the whole.
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
