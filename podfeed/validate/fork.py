"""Run shares of work in forked child processes, this process doing the first share itself.

Fork, not spawn: a child starts in a few milliseconds and shares the parent's memory (the feed's
bytes or mapping, the imported checks) copy-on-write, so nothing big is pickled on the way in;
only the (small) results come back through a pipe. Forking a process that runs other threads
can deadlock the child, so then (and where fork does not exist) everything runs here, serially.
A child that fails in any way has its share redone here: the result never depends on it.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

__all__ = ["can_fork", "cpu_count", "run_shares"]

T = TypeVar("T")
R = TypeVar("R")


def can_fork() -> bool:
    return hasattr(os, "fork") and threading.active_count() == 1


def cpu_count() -> int:
    """CPUs this process may run on (the affinity mask, where the OS has one)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def run_shares(func: Callable[[T], R], shares: Sequence[T]) -> list[R]:
    """``[func(share) for share in shares]``, the shares after the first in child processes."""
    if len(shares) < 2 or not can_fork():
        return [func(share) for share in shares]
    children: list[tuple[int, int] | None] = []
    try:
        for share in shares[1:]:
            children.append(_start(func, share))
        results = [func(shares[0])]
    except BaseException:
        for child in children:  # no orphans: the caller will not read their results
            if child is not None:
                _stop(child)
        raise
    for share, child in zip(shares[1:], children, strict=True):
        got: tuple[R] | None = _collect(child) if child is not None else None
        results.append(got[0] if got is not None else func(share))
    return results


def _start(func: Callable[[T], R], share: T) -> tuple[int, int] | None:
    """Fork a child computing ``func(share)``: (pid, read end of its pipe), None if no fork."""
    read, write = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read)
        os.close(write)
        return None
    if pid == 0:  # the child: never return into the caller's code
        status = 1
        try:
            os.close(read)
            data = pickle.dumps((func(share),), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write, "wb") as out:
                out.write(data)
            status = 0
        finally:
            os._exit(status)
    os.close(write)
    return pid, read


def _stop(child: tuple[int, int]) -> None:
    pid, read = child
    os.close(read)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)


def _collect(child: tuple[int, int]) -> tuple[R] | None:
    pid, read = child
    chunks = []
    with os.fdopen(read, "rb") as pipe:
        while chunk := pipe.read(1 << 20):
            chunks.append(chunk)
    _, status = os.waitpid(pid, 0)
    if status != 0 or not chunks:
        return None
    try:
        result: tuple[R] = pickle.loads(b"".join(chunks))
    except Exception:  # a child that died mid-write: redo its share
        return None
    return result
