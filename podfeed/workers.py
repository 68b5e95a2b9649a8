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
import fcntl
import os
import pickle
import signal
import struct
import sys
import threading
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypeVar

__all__ = ["available_cpus", "can_fork", "run_pulled", "run_shards", "split"]

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


def run_pulled(
    work: Callable[[int, Iterator[int]], Iterator[R]], count: int, processes: int
) -> list[R]:
    """What ``work`` yields for each of the chunks ``0 … count-1``, in chunk order.

    ``work(process, chunks)`` takes chunk numbers from ``chunks`` and yields one result per
    chunk, in the order it took them. With more than one process (and :func:`can_fork`), the
    chunks are handed out to this process and ``processes - 1`` forked workers as each asks for
    its next one: whoever is ahead takes more, so the processes finish together, whatever else
    slows one of them down. (``process`` tells them apart, e.g. for a scratch file each.) A
    worker sends each chunk's result as soon as it has it; this process reads them between its
    own chunks. A worker that raises makes this raise its error; one that dies, a RuntimeError.
    """
    if processes < 2 or count < 2 or not can_fork():
        return _in_order(_taken(work, 0, iter(range(count))), count)
    queue = _chunk_queue(count)
    if queue is None:
        return _in_order(_taken(work, 0, iter(range(count))), count)
    children: list[_Pulled] = []
    try:
        for process in range(1, processes):
            child = _fork_pulled(work, process, queue)
            if child is not None:
                children.append(child)
        done: list[tuple[int, R]] = []
        for result in _taken(work, 0, _chunks(queue)):
            done.append(result)
            for child in children:
                child.drain(block=False)
        for child in children:
            child.drain(block=True)
    except BaseException:
        for child in children:
            child.stop()
        raise
    finally:
        os.close(queue)
    for child in children:
        done += child.finish()  # type: ignore[arg-type]  # what work yielded
    return _in_order(done, count)


def _taken(
    work: Callable[[int, Iterator[int]], Iterator[R]], process: int, chunks: Iterator[int]
) -> Iterator[tuple[int, R]]:
    """``work``'s results paired with the chunk each is for (the n-th result: the n-th taken)."""
    taken: list[int] = []

    def take() -> Iterator[int]:
        for chunk in chunks:
            taken.append(chunk)
            yield chunk

    for number, result in enumerate(work(process, take())):
        yield taken[number], result


def _in_order(results: Iterable[tuple[int, R]], count: int) -> list[R]:
    by_chunk = dict(results)
    if sorted(by_chunk) != list(range(count)):
        raise RuntimeError("a worker process stopped before its chunks were done")
    return [by_chunk[chunk] for chunk in range(count)]


_CHUNK = struct.Struct("<H")  # a chunk number in the queue
_LENGTH = struct.Struct("<Q")  # the length of a worker's message


def _chunk_queue(count: int) -> int | None:
    """A pipe holding every chunk number, its write end closed: each read takes one number,
    and no two processes get the same; None when the numbers do not fit in one pipe."""
    data = b"".join(_CHUNK.pack(chunk) for chunk in range(count))
    if count > 0xFFFF or len(data) > 4096:  # a pipe holds at least 4 KiB without a reader
        return None
    read_end, write_end = os.pipe()
    try:
        os.write(write_end, data)
    finally:
        os.close(write_end)
    return read_end


def _chunks(queue: int) -> Iterator[int]:
    # Reads of a few bytes from a pipe are atomic: each number goes to one process only.
    while data := os.read(queue, _CHUNK.size):
        yield _CHUNK.unpack(data)[0]


class _Pulled:
    """A forked worker taking chunks: its messages so far, read as they arrive."""

    def __init__(self, pid: int, fd: int) -> None:
        self.pid, self.fd = pid, fd
        self.buffer = bytearray()
        self.results: list[tuple[int, object]] = []
        self.error: tuple[str, object] | None = None
        self.ended = False
        os.set_blocking(fd, False)

    def drain(self, *, block: bool) -> None:
        """Read what the worker has sent (all of it, up to its end, when ``block``)."""
        if self.ended:
            return
        if block:
            os.set_blocking(self.fd, True)
        while True:
            try:
                data = os.read(self.fd, 1 << 20)
            except BlockingIOError:
                break
            if not data:
                self.ended = True
                break
            self.buffer += data
        self._unpack()

    def _unpack(self) -> None:
        at = 0
        while len(self.buffer) - at >= _LENGTH.size:
            (length,) = _LENGTH.unpack_from(self.buffer, at)
            if len(self.buffer) - at - _LENGTH.size < length:
                break
            start = at + _LENGTH.size
            kind, value = pickle.loads(self.buffer[start : start + length])
            if kind == "ok":
                self.results.append(value)
            else:
                self.error = self.error or (kind, value)
            at = start + length
        del self.buffer[:at]

    def finish(self) -> list[tuple[int, object]]:
        os.close(self.fd)
        _, status = os.waitpid(self.pid, 0)
        if self.error is not None:
            value = self.error[1]
            if isinstance(value, BaseException):
                raise value
            raise RuntimeError(f"worker process {self.pid} failed:\n{value}")
        if self.buffer or status != 0:
            raise RuntimeError(
                f"worker process {self.pid} stopped without a result (status {status})"
            )
        return self.results

    def stop(self) -> None:
        _stop(self.pid, self.fd)


def _fork_pulled(
    work: Callable[[int, Iterator[int]], Iterator[R]], process: int, queue: int
) -> _Pulled | None:
    def worker(write_end: int) -> None:
        try:
            for result in _taken(work, process, _chunks(queue)):
                _send(write_end, ("ok", result), framed=True)
        except Exception as err:
            _send(write_end, ("error", _portable(err)), framed=True)

    # A bigger pipe (Linux): the worker rarely waits for this process to read its messages.
    child = _spawn(worker, pipe_size=1 << 20)
    return None if child is None else _Pulled(*child)


def _fork(work: Callable[[S], R], shard: S) -> tuple[int, int] | None:
    """A worker computing ``work(shard)``: (pid, read end of its pipe); None if fork failed."""

    def worker(write_end: int) -> None:
        try:
            message: tuple[str, object] = ("ok", work(shard))
        except Exception as err:
            message = ("error", _portable(err))
        _send(write_end, message, framed=False)

    return _spawn(worker)


def _spawn(worker: Callable[[int], None], pipe_size: int = 0) -> tuple[int, int] | None:
    """A forked process running ``worker(write end of a pipe)``: (pid, the pipe's read end);
    None if fork failed."""
    read_end, write_end = os.pipe()
    if pipe_size:
        with contextlib.suppress(AttributeError, OSError):
            fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, pipe_size)
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
        worker(write_end)
    except BaseException:
        status = 1
    finally:
        os._exit(status)


def _send(fd: int, message: tuple[str, object], *, framed: bool) -> None:
    """Pickle ``message`` into the pipe ``fd`` (``framed``: after its length, one of several)."""
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(_LENGTH.pack(len(data)) + data if framed else data)
    while view:
        view = view[os.write(fd, view) :]


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
