"""Build N synthetic episode documents into a feed + chapters files; compare with Hugo.

Usage: python benchmarks/build.py [N] [--runs R] [--workdir DIR]

Writes N documents (default 10,000) with ../shared/bench/make_corpus.py into DIR/show/docs/,
next to a podcast.toml of its own, and times ``podfeed.build`` on them (feed, chapters files,
validation and the lock included), each run in a fresh child process. Peak memory is that of the
whole process tree (podfeed's worker processes included), sampled from /proc; the largest single
process (getrusage) is printed too. When ``hugo`` is on PATH, ../shared/bench/hugo-peer/run.sh
builds the same documents in the same run, alternating with podfeed, and the ratios are
printed. Each tool gets one warm-up run, then the median of R runs (default 3) is reported.
Targets: podfeed <= 0.5x Hugo's wall time and <= 0.1x its peak memory.

The built feed stays in DIR/public/feed.xml (printed last) for benchmarks/validate.py.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCH = HERE.parent.parent / "shared" / "bench"
MAKE_CORPUS = BENCH / "make_corpus.py"
HUGO_PEER = BENCH / "hugo-peer" / "run.sh"

SHOW_TOML = """\
title = "The Example Engineering Show"
description = "Engineering culture, incidents and the people who keep production running."
link = "https://show.example.com/"
language = "en"
author = "Alex Host"
image = "https://show.example.com/artwork/cover-3000.jpg"
categories = ["Technology", "Business/Management"]
base_url = "https://show.example.com/"
explicit = false
owner = { name = "Alex Host", email = "alex@show.example.com" }
"""

# Runs one command as a child and reports its wall time and peak memory two ways: the largest
# single process (getrusage), and the whole process tree (podfeed's forked workers included)
# sampled every 10 ms from /proc: the sum of resident sizes, which counts pages the workers
# share with the parent once per process, so it overstates rather than understates.
MEASURE = """
import json, os, resource, subprocess, sys, threading, time

def tree(pid):
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo += [int(c) for c in f.read().split()]
        except OSError:
            pass
    return pids

def rss_kib(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0

start = time.perf_counter()
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
peak_tree = 0
done = threading.Event()

def sample():
    global peak_tree
    while not done.is_set():
        peak_tree = max(peak_tree, sum(rss_kib(p) for p in tree(child.pid)))
        done.wait(0.01)

sampler = threading.Thread(target=sample)
if os.path.isdir("/proc/self/task"):
    sampler.start()
out, err = child.communicate()
wall = time.perf_counter() - start
done.set()
if sampler.is_alive():
    sampler.join()
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"wall": wall, "peak_kib": peak, "tree_kib": max(peak_tree, peak),
                  "rc": child.returncode, "out": out.decode()[-2000:],
                  "err": err.decode()[-2000:]}))
"""

BUILD = """
import json, sys
from podfeed import build
result = build(sys.argv[1], sys.argv[2])
print(json.dumps({"episodes": result.episodes, "chapters": result.chapters_files,
                  "warnings": len(result.warnings), "feed": str(result.feed_path)}))
"""


def measure(command: list[str]) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, *command], check=True, capture_output=True, text=True
    )
    result: dict[str, object] = json.loads(done.stdout)
    if result["rc"] != 0:
        sys.exit(f"{command[0]} failed ({result['rc']}):\n{result['err']}{result['out']}")
    return result


# Each run writes into a fresh output folder, for both tools: every file is written (a rebuild
# into an existing folder skips unchanged files and would flatter podfeed). The old folders are
# removed only after all runs: on a journal-less ext4 such as this machine's, a new file's inode
# search steps over every inode deleted in the last seconds (minutes while their inode table is
# unwritten), so deleting 10,000 files right before a run would make that run's own 10,000
# files cost ~0.5 ms each instead of ~30 µs: a cost of the benchmark's cleanup, not the build.
# Run benchmarks at least five minutes after anything deleted many files (this benchmark's own
# cleanup included): the kernel skips an inode deleted in the last 5 s, or the last 5 min while
# its inode-table block is dirty, and creating files dirties those blocks again. Measured here a
# minute after deleting ~60,000 files: 0.35-0.85 ms a file. The probe below prints what a new
# file costs at the start, so that a run in such a window shows it.


# Before each run, os.sync() writes out what is still dirty (the corpus, the other tool's last
# output): podfeed flushes its output to disk before publishing it (syncfs, the whole
# filesystem), and would otherwise also pay for writing back files that are not its own.


def file_cost(folder: Path, count: int = 500) -> float:
    """Microseconds to create and write one small file in ``folder`` right now."""
    folder.mkdir(parents=True)
    data = b"x" * 3000
    start = time.perf_counter()
    for n in range(count):
        fd = os.open(folder / f"{n}.json", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        os.write(fd, data)
        os.close(fd)
    return (time.perf_counter() - start) / count * 1e6


def podfeed_run(show: Path, out: Path) -> dict[str, object]:
    os.sync()
    return measure([sys.executable, "-c", BUILD, str(show), str(out)])


def hugo_run(docs: Path, out: Path) -> dict[str, object]:
    os.sync()
    return measure(["bash", str(HUGO_PEER), str(docs), str(out)])


def median(runs: list[dict[str, object]], key: str) -> float:
    return statistics.median(float(str(r[key])) for r in runs)


def walls(runs: list[dict[str, object]]) -> str:
    return ", ".join(f"{float(str(r['wall'])):.2f} s" for r in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--workdir", type=Path, default=Path(tempfile.gettempdir()) / "podfeed-bench-build"
    )
    args = parser.parse_args()

    work: Path = args.workdir
    # An earlier benchmark's folder is moved aside now and deleted at the end (see above).
    trash = work.with_name(f"{work.name}.old-{os.getpid()}")
    if work.exists():
        work.rename(trash)
    show, docs, out = work / "show", work / "show" / "docs", work / "public"
    docs.mkdir(parents=True)
    (show / "podcast.toml").write_text(SHOW_TOML, encoding="utf-8")
    subprocess.run([sys.executable, str(MAKE_CORPUS), str(args.n), str(docs)], check=True)
    size = sum(p.stat().st_size for p in docs.iterdir())
    print(f"{args.n} documents, {size / 1e6:.0f} MB, in {docs}")

    # Byte-compile podfeed as `pip install` does: an editable install under
    # PYTHONDONTWRITEBYTECODE would otherwise recompile every module in every run.
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(HERE.parent / "podfeed")], check=True
    )
    cost = file_cost(work / "probe")
    print(f"a new file costs {cost:.0f} µs now (~30 µs on this machine, unless files were deleted")
    print("  in the last minutes: see the comments above file_cost)")
    hugo = shutil.which("hugo") is not None
    mine: list[dict[str, object]] = []
    theirs: list[dict[str, object]] = []
    runs = work / "runs"
    podfeed_run(show, runs / "podfeed-warm-up")  # page cache, and the first lock write
    if hugo:
        hugo_run(docs, runs / "hugo-warm-up")
    for run in range(args.runs):
        mine.append(podfeed_run(show, runs / f"podfeed-{run}"))
        if hugo:
            theirs.append(hugo_run(docs, runs / f"hugo-{run}"))
    (runs / f"podfeed-{args.runs - 1}").rename(out)
    shutil.rmtree(runs)
    shutil.rmtree(work / "probe")
    shutil.rmtree(trash, ignore_errors=True)

    info = json.loads(str(mine[-1]["out"]).strip().splitlines()[-1])
    wall, peak = median(mine, "wall"), median(mine, "tree_kib") / 1024
    largest = median(mine, "peak_kib") / 1024
    print(
        f"podfeed: {wall:.2f} s wall, {peak:.0f} MB peak for the process tree "
        f"({largest:.0f} MB the largest process)  (median of {args.runs}; "
        f"{info['episodes']} episodes, {info['chapters']} chapters files, "
        f"{info['warnings']} warnings; validation included)"
    )
    print(f"         runs: {walls(mine)}")
    if hugo:
        h_wall, h_peak = median(theirs, "wall"), median(theirs, "tree_kib") / 1024
        print(f"hugo:    {h_wall:.2f} s wall, {h_peak:.0f} MB peak  (median of {args.runs})")
        print(f"         runs: {walls(theirs)}")
        print(
            f"ratio:   {wall / h_wall:.2f}x wall time (target <= 0.5), "
            f"{peak / h_peak:.3f}x peak memory (target <= 0.1)"
        )
    else:
        print("hugo:    not on PATH (apt-get install -y hugo), no comparison")
    print(f"feed:    {out / 'feed.xml'}")


if __name__ == "__main__":
    main()
