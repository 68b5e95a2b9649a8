"""Running one function over several shards of work at once, in forked worker processes.

A build's per-document work and the validation of a big feed share nothing between shards,
so they can use every core. Workers are forked, not spawned: they start in milliseconds and
share the caller's memory (the build's inputs, a mapped feed, the imported code) copy-on-write,
so nothing big is pickled on the way in; only the (small) results come back through a pipe.
The calling process works on the first shard itself meanwhile.

Forking is used only where it is safe and pays: on Linux, from a process with no other
threads (forking a threaded process can copy a held lock), and with more than one shard.
Everywhere else the shards run one after another in the calling process, with the same
results. A worker that fails either has its error raised again in the caller (a PodfeedError
as itself), or, with ``redo_failed``, its shard redone in the caller, so that the result
never depends on a worker (the validator's choice).
"""

from __future__ import annotations

import contextlib
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


def run_shards(
    work: Callable[[S], R], shards: Sequence[S], *, redo_failed: bool = False
) -> list[R]:
    """``[work(shards[0]), work(shards[1]), …]``, the shards after the first in forked workers
    when :func:`can_fork`; in order, whatever finished first.

    A worker that raises (or dies) makes this raise its error (or a RuntimeError), unless
    ``redo_failed``: then its shard is worked on again here.
    """
    if len(shards) < 2 or not can_fork():
        return [work(shard) for shard in shards]
    children: list[tuple[int, int] | None] = []
    try:
        for shard in shards[1:]:
            children.append(_fork(work, shard))
        results = [work(shards[0])]
    except BaseException:
        for child in children:  # no orphans: nobody will read their results
            if child is not None:
                _stop(*child)
        raise
    failure: BaseException | None = None
    for shard, child in zip(shards[1:], children, strict=True):
        try:
            if child is None:  # fork itself failed: no worker to wait for
                raise RuntimeError("could not start a worker process")
            results.append(_collect(*child))  # type: ignore[arg-type]  # what work returned
        except BaseException as err:
            if redo_failed and isinstance(err, Exception):
                results.append(work(shard))
            else:  # keep reaping the other workers, then raise the first failure
                failure = failure or err
    if failure is not None:
        raise failure
    return results


def _fork(work: Callable[[S], R], shard: S) -> tuple[int, int] | None:
    """A worker computing ``work(shard)``: (pid, read end of its pipe); None if fork failed."""
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return None
    if pid:
        os.close(write_end)
        return pid, read_end
    # The worker: never returns into the caller's code, and leaves through os._exit so that
    # nothing of the parent (atexit handlers, buffered output, pytest) runs twice.
    status = 0
    try:
        os.close(read_end)
        try:
            message: tuple[str, object] = ("ok", work(shard))
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
    try:
        kind, value = pickle.loads(b"".join(chunks))
    except Exception:  # nothing, or a result cut short: the worker died
        raise RuntimeError(
            f"worker process {pid} stopped without a result (status {status})"
        ) from None
    if kind == "error":
        if isinstance(value, BaseException):
            raise value
        raise RuntimeError(f"worker process {pid} failed:\n{value}")
    return value


def _stop(pid: int, fd: int) -> None:
    """Stop a worker whose result is no longer wanted."""
    os.close(fd)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
