"""podfeed.workers: shards in forked processes, in order; failures raised or redone."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator

import pytest

from podfeed.errors import DocumentError
from podfeed.workers import can_fork, run_pulled, run_shards, split

LINUX = pytest.mark.skipif(not can_fork(), reason="worker processes are forked on Linux only")
_PARENT = os.getpid()


def test_split_keeps_order_and_balances() -> None:
    assert split(list(range(7)), 3) == [[0, 1, 2], [3, 4], [5, 6]]
    assert split(list(range(2)), 5) == [[0], [1]]
    assert split([], 3) == [[]]


def _pid(shard: list[int]) -> tuple[int, list[int]]:
    return os.getpid(), shard


@LINUX
def test_shards_after_the_first_run_in_other_processes_in_order() -> None:
    results = run_shards(_pid, split(list(range(9)), 3))
    assert [shard for _, shard in results] == [[0, 1, 2], [3, 4, 5], [6, 7, 8]]
    pids = [pid for pid, _ in results]
    assert pids[0] == os.getpid()
    assert len(set(pids)) == 3


def test_a_threaded_process_does_not_fork() -> None:
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        assert not can_fork()
        results = run_shards(_pid, split(list(range(4)), 2))
    finally:
        release.set()
        thread.join()
    assert {pid for pid, _ in results} == {os.getpid()}


def _fail_in_workers(shard: list[int]) -> int:
    if shard[0] == 2:
        raise DocumentError("cannot read", path="b.md", line=4, field="date", rule="DOC-004")
    if shard[0] == 4:
        raise ValueError("a bug in the last shard")
    return sum(shard)


@LINUX
def test_errors_in_workers_are_raised_in_the_caller() -> None:
    with pytest.raises(DocumentError) as info:
        run_shards(_fail_in_workers, split(list(range(6)), 3))
    assert str(info.value) == "b.md:4: DOC-004 cannot read"
    assert (info.value.field, info.value.exit_code) == ("date", 2)
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # every worker was reaped


def _exit_in_worker(shard: list[int]) -> int:
    if os.getpid() != _PARENT:
        os._exit(3)
    return -sum(shard)


@LINUX
def test_a_worker_that_dies_is_an_error_or_its_shard_is_redone() -> None:
    with pytest.raises(RuntimeError, match="stopped without a result"):
        run_shards(_exit_in_worker, split(list(range(4)), 2))
    assert run_shards(_exit_in_worker, [[1], [2], [3]], redo_failed=True) == [-1, -2, -3]


def _fail_in_child(shard: list[int]) -> int:
    if os.getpid() != _PARENT:
        raise RuntimeError("child failure")
    return -shard[0]


@LINUX
def test_redo_failed_redoes_a_failed_shard_here() -> None:
    assert run_shards(_fail_in_child, [[0], [1], [2]], redo_failed=True) == [0, -1, -2]


def _fail_here(shard: list[int]) -> int:
    if os.getpid() == _PARENT:
        raise RuntimeError("parent failure")
    return shard[0]


@LINUX
def test_a_failing_first_shard_leaves_no_worker_behind() -> None:
    with pytest.raises(RuntimeError, match="parent failure"):
        run_shards(_fail_here, [[0], [1], [2]])
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # every worker was reaped


# --- run_pulled: chunks handed out to whichever process asks first ---------------------------


def _pause(first: bool) -> None:
    # The caller dwells on its first chunk, so that every worker has started and taken some
    # before the chunks run out, however slowly the machine forks.
    time.sleep(0.3 if first and os.getpid() == _PARENT else 0.01)


def _pulling(process: int, chunks: Iterator[int]) -> Iterator[tuple[int, int, int]]:
    for number, chunk in enumerate(chunks):
        _pause(number == 0)
        yield chunk, process, os.getpid()


@LINUX
def test_pulled_chunks_come_back_in_order_from_every_process() -> None:
    results = run_pulled(_pulling, 24, 3)
    assert [chunk for chunk, _, _ in results] == list(range(24))
    by_process = {process: pid for _, process, pid in results}
    assert set(by_process) == {0, 1, 2}  # each process took chunks, under its own number
    assert by_process[0] == os.getpid() and len(set(by_process.values())) == 3
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # every worker was reaped


def test_pulled_chunks_in_one_process() -> None:
    assert run_pulled(_pulling, 5, 1) == [(n, 0, os.getpid()) for n in range(5)]
    assert run_pulled(_pulling, 1, 4) == [(0, 0, os.getpid())]
    assert run_pulled(_pulling, 0, 2) == []


def _big(process: int, chunks: Iterator[int]) -> Iterator[bytes]:
    for chunk in chunks:
        yield bytes([chunk]) * 3_000_000  # more than a pipe holds: the worker must wait


@LINUX
def test_pulled_results_larger_than_a_pipe() -> None:
    assert run_pulled(_big, 6, 2) == [bytes([n]) * 3_000_000 for n in range(6)]


def _fail_on_chunk_3(process: int, chunks: Iterator[int]) -> Iterator[int]:
    for chunk in chunks:
        time.sleep(0.01)
        if chunk == 3:
            raise DocumentError("cannot read", path="c.md", line=2, field="title", rule="DOC-004")
        yield chunk


@LINUX
def test_a_pulled_chunk_that_fails_raises_its_error_in_the_caller() -> None:
    with pytest.raises(DocumentError) as info:
        run_pulled(_fail_on_chunk_3, 12, 2)
    assert str(info.value) == "c.md:2: DOC-004 cannot read"
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def _die_in_worker(process: int, chunks: Iterator[int]) -> Iterator[int]:
    for number, chunk in enumerate(chunks):
        _pause(number == 0)
        if os.getpid() != _PARENT:
            os._exit(3)  # a chunk taken, and lost
        yield chunk


@LINUX
def test_a_pulled_worker_that_dies_is_an_error() -> None:
    with pytest.raises(RuntimeError, match="stopped without a result"):
        run_pulled(_die_in_worker, 12, 2)
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)
