"""Running one function over several shards of work at once, in forked worker processes.

A build spends most of its time on per-document work that shares nothing (read, render,
write a chapters file), so it can use every core. Workers are forked: they start at once,
inherit the build's inputs without pickling them, and send back only their (small) results.
The calling process works on the first shard itself meanwhile.

Forking is used only where it is safe and pays: on Linux, from a process with no other
threads (forking a threaded process can copy a held lock), and with more than one shard.
Everywhere else the shards run one after another in the calling process, with the same
results. An exception in a worker is raised again in the caller (a PodfeedError as itself).
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Sequence
from typing import TypeVar

__all__ = ["available_cpus", "can_fork", "run_shards", "split"]

S = TypeVar("S")
R = TypeVar("R")


def available_cpus() -> int:
    """The CPUs this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def can_fork() -> bool:
    """Whether worker processes may be forked from this process right now."""
    return sys.platform.startswith("linux") and threading.active_count() == 1


def split(items: Sequence[S], parts: int) -> list[Sequence[S]]:
    """``items`` cut into ``parts`` contiguous slices of nearly equal length (none empty)."""
    parts = max(1, min(parts, len(items)))
    size, extra = divmod(len(items), parts)
    slices = []
    start = 0
    for index in range(parts):
        end = start + size + (1 if index < extra else 0)
        slices.append(items[start:end])
        start = end
    return slices


def run_shards(work: Callable[[int, S], R], shards: Sequence[S]) -> list[R]:
    """``[work(0, shards[0]), work(1, shards[1]), …]``, the shards after the first in forked
    workers when :func:`can_fork`; in order, whatever finished first."""
    if len(shards) < 2 or not can_fork():
        return [work(index, shard) for index, shard in enumerate(shards)]
    children = [_fork(work, index, shard) for index, shard in enumerate(shards) if index]
    try:
        first = work(0, shards[0])
    except BaseException:
        for pid, fd in children:
            _reap(pid, fd)
        raise
    results: list[R] = [first]
    failure: BaseException | None = None
    for pid, fd in children:
        try:
            results.append(_collect(pid, fd))  # type: ignore[arg-type]  # what work returned
        except BaseException as err:  # keep reaping the other workers, then raise the first
            failure = failure or err
    if failure is not None:
        raise failure
    return results


def _fork(work: Callable[[int, S], R], index: int, shard: S) -> tuple[int, int]:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid:
        os.close(write_end)
        return pid, read_end
    # The worker: never returns into the caller's code, and leaves through os._exit so that
    # nothing of the parent (atexit handlers, buffered output, pytest) runs twice.
    status = 0
    try:
        os.close(read_end)
        try:
            message: tuple[str, object] = ("ok", work(index, shard))
        except Exception as err:
            message = ("error", _portable(err))
        data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        view = memoryview(data)
        while view:
            view = view[os.write(write_end, view) :]
    except BaseException:
        status = 1
    finally:
        os._exit(status)


def _portable(err: Exception) -> object:
    """The exception itself when it survives pickling, else its traceback as text."""
    try:
        pickle.loads(pickle.dumps(err))
    except Exception:
        return "".join(traceback.format_exception(err))
    return err


def _collect(pid: int, fd: int) -> object:
    chunks = []
    try:
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
    finally:
        os.close(fd)
        _, status = os.waitpid(pid, 0)
    if not chunks:
        raise RuntimeError(f"worker process {pid} stopped without a result (status {status})")
    kind, value = pickle.loads(b"".join(chunks))
    if kind == "error":
        if isinstance(value, BaseException):
            raise value
        raise RuntimeError(f"worker process {pid} failed:\n{value}")
    return value


def _reap(pid: int, fd: int) -> None:
    """Stop a worker whose result is no longer wanted."""
    try:
        os.close(fd)
        os.kill(pid, signal.SIGKILL)
    finally:
        os.waitpid(pid, 0)
