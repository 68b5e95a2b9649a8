"""Builds split across worker processes: same output as one process, errors from every worker."""

from __future__ import annotations

import pickle
from datetime import datetime
from pathlib import Path

import pytest
from build_show import NOW, make_show, snapshot, write_document

from podfeed import build
from podfeed.errors import (
    BuildError,
    DocumentError,
    PodfeedError,
    PodfeedErrorGroup,
    ValidationFailed,
)
from podfeed.workers import can_fork

NOW_DT = datetime.fromisoformat(NOW)
LINUX = pytest.mark.skipif(not can_fork(), reason="worker processes are forked on Linux only")


def episode(number: int, *, draft: bool = False, chapters: bool = True) -> tuple[str, str]:
    front = (
        f'title: "Appliance number {number}"\n'
        f"date: 2025-{1 + number % 12:02d}-{1 + number % 27:02d}T0{number % 10}:00:00Z\n"
        + ("draft: true\n" if draft else "")
        + "audio:\n"
        f'  url: "https://media.kettle.example.org/{number:03d}.mp3"\n'
        f"  length: {1_000_000 + number}\n"
        f'duration: "{20 + number % 30}:00"\n'
    )
    body = f"What we found inside appliance {number}.\n\n"
    if chapters:
        body += "00:00 Opening\n05:30 The part that failed\n12:00 What it would cost\n"
    return front, body


def big_show(folder: Path, count: int = 14) -> Path:
    documents = {
        f"{n:03d}-appliance.md": episode(n, draft=n % 7 == 3, chapters=n % 4 != 1)
        for n in range(1, count + 1)
    }
    return make_show(folder, documents)


def relocated(findings: tuple[object, ...], out: Path) -> list[str]:
    return [str(f).replace(str(out), "OUT") for f in findings]


@LINUX
def test_workers_give_the_same_output_as_one_process(tmp_path: Path) -> None:
    show_one = big_show(tmp_path / "one")
    show_many = big_show(tmp_path / "many")
    one = build(show_one, tmp_path / "out-one", now=NOW_DT, workers=1)
    many = build(show_many, tmp_path / "out-many", now=NOW_DT, workers=3)
    assert snapshot(tmp_path / "out-one") == snapshot(tmp_path / "out-many")
    assert (show_one / "podfeed.lock").read_bytes() == (show_many / "podfeed.lock").read_bytes()
    assert (one.episodes, one.drafts, one.chapters_files) == (12, 2, 8)
    assert (many.episodes, many.drafts, many.chapters_files) == (12, 2, 8)
    assert [p.relative_to(tmp_path / "out-many") for p in many.paths] == [
        p.relative_to(tmp_path / "out-one") for p in one.paths
    ]
    assert relocated(many.warnings, tmp_path / "out-many") == relocated(
        one.warnings, tmp_path / "out-one"
    )


@LINUX
def test_preview_with_drafts_is_the_same_with_workers(tmp_path: Path) -> None:
    show = big_show(tmp_path / "show")
    build(show, tmp_path / "one", now=NOW_DT, include_drafts=True, workers=1)
    build(show, tmp_path / "many", now=NOW_DT, include_drafts=True, workers=4)
    assert snapshot(tmp_path / "one") == snapshot(tmp_path / "many")
    assert b"Appliance number 10" in (tmp_path / "many" / "feed.xml").read_bytes()  # a draft


@LINUX
def test_bad_documents_in_every_worker_are_all_reported(tmp_path: Path) -> None:
    show = big_show(tmp_path / "show")
    write_document(show, "001-appliance.md", 'title: "First"\ndate: 2025-13-40\n')
    write_document(show, "014-appliance.md", 'date: "2025-01-01"\n')
    with pytest.raises(PodfeedErrorGroup) as info:
        build(show, tmp_path / "public", now=NOW_DT, workers=3)
    found = sorted((Path(e.path or "").name, e.rule) for e in info.value.exceptions)
    assert found == [("001-appliance.md", "DOC-004"), ("014-appliance.md", "DOC-003")]
    assert all(isinstance(e, DocumentError) and e.line for e in info.value.exceptions)
    assert not (tmp_path / "public").exists()


@LINUX
def test_chapters_name_collision_across_workers_writes_nothing(tmp_path: Path) -> None:
    show = big_show(tmp_path / "show")
    out = tmp_path / "public"
    build(show, out, now=NOW_DT, workers=2)
    before = snapshot(out)
    front, body = episode(40)
    (show / "a").mkdir()
    (show / "z").mkdir()
    write_document(show, "a/special.md", front, body)  # first shard
    write_document(show, "z/special.md", front.replace("40", "41"), body)  # last shard
    with pytest.raises(BuildError) as info:
        build(show, out, now=NOW_DT, workers=3)
    assert info.value.rule == "BUILD-006"
    assert "a/special.md" in info.value.message and "z/special.md" in info.value.message
    assert snapshot(out) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@LINUX
def test_invalid_output_from_a_worker_fails_the_build(tmp_path: Path) -> None:
    show = big_show(tmp_path / "show")
    front, body = episode(13)
    write_document(show, "013-appliance.md", front.replace("https://media.", "media."), body)
    with pytest.raises((ValidationFailed, PodfeedErrorGroup)) as info:
        build(show, tmp_path / "public", now=NOW_DT, workers=3)
    assert info.value.exit_code == 1
    assert "media.kettle.example.org/013.mp3" in str(info.value)
    assert not (tmp_path / "public").exists()


@pytest.mark.parametrize(
    "err",
    [
        DocumentError("bad date", path="x.md", line=3, field="date", rule="DOC-004"),
        ValidationFailed("relative URL", path="out/feed.xml", line=9, rule="RSS-020"),
        PodfeedErrorGroup("two", [DocumentError("a"), BuildError("b", rule="BUILD-006")]),
    ],
)
def test_errors_survive_pickling(err: PodfeedError) -> None:
    copy = pickle.loads(pickle.dumps(err))
    assert type(copy) is type(err)
    assert str(copy) == str(err)
    assert (copy.path, copy.line, copy.field, copy.rule, copy.exit_code) == (
        err.path,
        err.line,
        err.field,
        err.rule,
        err.exit_code,
    )


def test_workers_must_be_positive(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="workers"):
        build(big_show(tmp_path / "show"), tmp_path / "public", now=NOW_DT, workers=0)


def test_batches_give_the_same_output_as_one_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 14 documents (drafts and chapter-less ones among them) in batches of 3: items, chapters
    # files and findings are put back with their documents across batch ends.
    whole = build(big_show(tmp_path / "whole"), tmp_path / "out-whole", now=NOW_DT, workers=1)
    monkeypatch.setattr("podfeed.shard.DOCUMENTS_PER_BATCH", 3)
    batched = build(big_show(tmp_path / "batched"), tmp_path / "out-batched", now=NOW_DT, workers=1)
    assert snapshot(tmp_path / "out-batched") == snapshot(tmp_path / "out-whole")
    assert (batched.episodes, batched.drafts, batched.chapters_files) == (12, 2, 8)
    assert relocated(batched.warnings, tmp_path / "out-batched") == relocated(
        whole.warnings, tmp_path / "out-whole"
    )
