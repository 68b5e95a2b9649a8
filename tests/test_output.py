"""Atomic publishing: all files or none, the user's files kept, stale podfeed files removed."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from podfeed.errors import BuildError
from podfeed.output import MANIFEST, publish


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_first_publish_creates_folder_and_files(tmp_path: Path) -> None:
    out = tmp_path / "public"
    paths = publish({"chapters/a.json": b"{}", "feed.xml": b"<rss/>"}, out)
    assert paths == [out / "chapters/a.json", out / "feed.xml"]
    assert snapshot(out) == {
        MANIFEST: b"chapters/a.json\nfeed.xml\n",
        "chapters/a.json": b"{}",
        "feed.xml": b"<rss/>",
    }
    # No staging folder is left next to the output.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public"]


def test_files_are_readable_by_a_web_server(tmp_path: Path) -> None:
    out = tmp_path / "public"
    old = os.umask(0o022)
    try:
        publish({"feed.xml": b"<rss/>"}, out)
    finally:
        os.umask(old)
    assert stat.S_IMODE((out / "feed.xml").stat().st_mode) == 0o644


def test_user_files_are_kept_and_stale_podfeed_files_removed(tmp_path: Path) -> None:
    out = tmp_path / "public"
    publish({"chapters/a.json": b"A", "chapters/b.json": b"B", "feed.xml": b"1"}, out)
    (out / "CNAME").write_bytes(b"podcast.example.com\n")
    (out / "chapters" / "mine.json").write_bytes(b"user")
    publish({"chapters/a.json": b"A2", "feed.xml": b"2"}, out)
    assert snapshot(out) == {
        MANIFEST: b"chapters/a.json\nfeed.xml\n",
        "CNAME": b"podcast.example.com\n",
        "chapters/a.json": b"A2",
        "chapters/mine.json": b"user",
        "feed.xml": b"2",
    }


def test_empty_chapters_folder_is_removed(tmp_path: Path) -> None:
    out = tmp_path / "public"
    publish({"chapters/a.json": b"A", "feed.xml": b"1"}, out)
    publish({"feed.xml": b"2"}, out)
    assert not (out / "chapters").exists()


def test_failure_during_the_swap_restores_the_old_files(tmp_path: Path) -> None:
    out = tmp_path / "public"
    publish({"chapters/a.json": b"old a", "feed.xml": b"old feed"}, out)
    (out / "index.html").write_bytes(b"mine")
    before = snapshot(out)

    def explode(name: str) -> None:
        # The chapters files are already in place when the feed's turn comes.
        if name == "feed.xml":
            assert (out / "chapters/new.json").read_bytes() == b"new"
            raise OSError(28, "No space left on device")

    with pytest.raises(BuildError) as info:
        publish(
            {"chapters/a.json": b"new a", "chapters/new.json": b"new", "feed.xml": b"new feed"},
            out,
            before_replace=explode,
        )
    assert "No space left on device" in info.value.message
    assert info.value.rule == "BUILD-002"
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public"]


def test_an_exception_in_a_fresh_folder_leaves_nothing(tmp_path: Path) -> None:
    out = tmp_path / "public"

    def explode(name: str) -> None:
        if name == "feed.xml":
            raise RuntimeError("injected")

    with pytest.raises(RuntimeError, match="injected"):
        publish({"chapters/a.json": b"A", "feed.xml": b"F"}, out, before_replace=explode)
    assert snapshot(out) == {}
    assert not (out / "chapters").exists()


def test_unwritable_parent_is_a_build_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_bytes(b"not a folder")
    with pytest.raises(BuildError) as info:
        publish({"feed.xml": b"F"}, blocker / "public")
    assert info.value.path == str(blocker / "public")


@pytest.mark.parametrize("name", ["/etc/passwd", "../escape.xml", MANIFEST])
def test_paths_outside_the_folder_are_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(ValueError):
        publish({name: b"x"}, tmp_path / "public")


@pytest.mark.parametrize(
    ("name", "written_as"),
    [
        ("chapters/a.json", "chapters/a.json"),
        ("chapters//a.json", "chapters/a.json"),
        ("./chapters/./a.json", "chapters/a.json"),
        ("chapters/a.json/", "chapters/a.json"),
        ("a/../../b.json", None),
        ("chapters/..", None),
        ("//feed.xml", None),
        ("./" + MANIFEST, None),
        (".", None),
    ],
)
def test_output_names_are_normalised_or_refused(
    tmp_path: Path, name: str, written_as: str | None
) -> None:
    out = tmp_path / "public"
    if written_as is None:
        with pytest.raises(ValueError):
            publish({name: b"x"}, out)
    else:
        assert publish({name: b"x"}, out) == [out / written_as]
        assert snapshot(out)[written_as] == b"x"


def test_unchanged_files_are_left_alone(tmp_path: Path) -> None:
    out = tmp_path / "public"
    publish({"chapters/a.json": b"A", "feed.xml": b"1"}, out)
    inode = (out / "chapters/a.json").stat().st_ino
    seen: list[str] = []
    publish({"chapters/a.json": b"A", "feed.xml": b"2"}, out, before_replace=seen.append)
    assert seen == ["feed.xml"]
    assert (out / "chapters/a.json").stat().st_ino == inode
    assert (out / "feed.xml").read_bytes() == b"2"


def test_nothing_changed_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "public"
    publish({"chapters/a.json": b"A", "feed.xml": b"1"}, out)
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*")}
    seen: list[str] = []
    publish({"chapters/a.json": b"A", "feed.xml": b"1"}, out, before_replace=seen.append)
    assert seen == []
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*")} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public"]


def test_many_files_first_build_and_rebuild(tmp_path: Path) -> None:
    out = tmp_path / "public"
    files = {f"chapters/e{i:03d}.json": f'{{"n": {i}}}'.encode() for i in range(200)}
    publish({**files, "feed.xml": b"1"}, out)
    assert snapshot(out) == {**files, "feed.xml": b"1", MANIFEST: snapshot(out)[MANIFEST]}
    assert len(snapshot(out)[MANIFEST].splitlines()) == 201
    changed = {name: data + b" " for name, data in list(files.items())[::2]}
    publish({**files, **changed, "feed.xml": b"2"}, out)
    assert {n: snapshot(out)[n] for n in changed} == changed
    assert (out / "feed.xml").read_bytes() == b"2"


def test_staging_folders_of_builds_that_died_are_removed_by_the_next(tmp_path: Path) -> None:
    import socket
    import subprocess
    import sys

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    host = socket.gethostname()
    owners = {
        ".public.tmp-dead": f"{host}\n{dead.stdout.strip()}\n",  # its build is gone
        ".public.tmp-alive": f"{host}\n{os.getpid()}\n",  # a build still running here
        ".public.tmp-elsewhere": f"another-host.example\n{dead.stdout.strip()}\n",
        ".other.tmp-dead": f"{host}\n{dead.stdout.strip()}\n",  # next to another output
    }
    for name, owner in owners.items():
        (tmp_path / name / "new").mkdir(parents=True)
        (tmp_path / name / "owner").write_text(owner, encoding="utf-8")
    (tmp_path / ".public.tmp-unclaimed" / "new").mkdir(parents=True)  # being made right now
    publish({"feed.xml": b"F"}, tmp_path / "public")
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == [
        ".other.tmp-dead",
        ".public.tmp-alive",
        ".public.tmp-elsewhere",
        ".public.tmp-unclaimed",
        "public",
    ]


def test_an_early_flush_is_reaped_by_commit_and_the_files_published(tmp_path: Path) -> None:
    import subprocess

    import podfeed.output

    started: list[subprocess.Popen[bytes] | None] = []
    original = podfeed.output._start_syncfs

    def start(root: Path) -> subprocess.Popen[bytes] | None:
        started.append(original(root))
        return started[-1]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(podfeed.output, "_start_syncfs", start)
        with podfeed.output.Staging(tmp_path / "out") as staging:
            staging.add("chapters/a.json", b"{}")
            staging.start_flush()
            staging.start_flush()  # one flush at a time
            staging.add("feed.xml", b"<rss/>")
            staging.commit()
    assert len(started) == 1
    process = started[0]
    if process is not None:  # Linux with a `sync` program
        assert process.returncode == 0  # waited for: no zombie left behind
    assert (tmp_path / "out" / "feed.xml").read_bytes() == b"<rss/>"


@pytest.mark.parametrize("program", [None, "false"])
def test_a_flush_that_cannot_start_or_fails_changes_nothing(
    tmp_path: Path, program: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    import podfeed.output

    found = shutil.which(program) if program else None
    monkeypatch.setattr(podfeed.output.shutil, "which", lambda name: found)
    synced: list[list[str]] = []
    monkeypatch.setattr(podfeed.output, "_sync", lambda root, names: synced.append(names))
    with podfeed.output.Staging(tmp_path / "out") as staging:
        staging.add("feed.xml", b"<rss/>")
        staging.start_flush()
        staging.commit()
    assert synced == [["feed.xml", MANIFEST]]  # commit still flushes what it publishes
    assert (tmp_path / "out" / "feed.xml").read_bytes() == b"<rss/>"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="syncfs(2) is Linux's")
def test_staged_files_are_flushed_with_one_syncfs_on_linux(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The C library is reached without looking it up by name; if syncfs could not be called,
    # _sync would fall back to one fsync a file.
    import podfeed.output

    assert podfeed.output._syncfs(tmp_path)
    (tmp_path / "a.json").write_bytes(b"{}")
    monkeypatch.setattr(podfeed.output.os, "fsync", lambda fd: pytest.fail("fsync a file"))
    podfeed.output._sync(tmp_path, ["a.json"])


def test_a_first_publish_compares_nothing_and_a_rebuild_compares_every_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import podfeed.output

    compared: list[str] = []
    same = podfeed.output._same

    def counting(path: str, data: bytes) -> bool:
        compared.append(Path(path).name)
        return same(path, data)

    monkeypatch.setattr(podfeed.output, "_same", counting)
    files = {"chapters/a.json": b"{}", "feed.xml": b"<rss/>"}
    publish(files, tmp_path / "out")
    assert compared == []  # no output folder yet: nothing to compare with
    assert snapshot(tmp_path / "out") == {**files, MANIFEST: b"chapters/a.json\nfeed.xml\n"}
    publish(files, tmp_path / "out")
    assert sorted(compared) == [MANIFEST, "a.json", "feed.xml"]
