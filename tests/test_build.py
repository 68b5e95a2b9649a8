"""build(): drafts and scheduling, audio checks, the lock, validation and atomic output."""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path

import feedparser
import pytest
from build_show import DOCUMENTS, NOW, make_show, snapshot, write_document

import podfeed.notes
import podfeed.output
import podfeed.validate
from podfeed import build, load_episode
from podfeed.errors import (
    BuildError,
    DocumentError,
    LockError,
    PodfeedError,
    PodfeedErrorGroup,
    ValidationFailed,
)
from podfeed.feed import episode_slug
from podfeed.lock import read_lock

NOW_DT = datetime.fromisoformat(NOW)


@pytest.fixture
def show(tmp_path: Path) -> Path:
    return make_show(tmp_path / "show")


def titles(feed_path: Path) -> list[str]:
    parsed = feedparser.parse(feed_path.read_bytes())
    return [entry.title for entry in parsed.entries]


def leaves(err: PodfeedError) -> list[PodfeedError]:
    if isinstance(err, PodfeedErrorGroup):
        return [leaf for child in err.exceptions for leaf in leaves(child)]
    return [err]


def test_build_leaves_out_drafts_and_scheduled(show: Path, tmp_path: Path) -> None:
    out = tmp_path / "public"
    result = build(show, out, now=NOW_DT)
    assert (result.episodes, result.drafts, result.scheduled) == (2, 1, 1)
    assert result.feed_path == out / "feed.xml"
    assert titles(result.feed_path) == [
        "Limescale, Thermostats and the Click",
        "The Toaster That Only Browned One Side",
    ]
    assert result.chapters_files == 1
    assert result.paths == (
        out / "chapters" / f"{_slug(show, '001-toaster.md')}.json",
        out / "feed.xml",
    )


def _slug(show: Path, name: str) -> str:
    return episode_slug(load_episode(show / name))


def test_chapters_file_and_its_url_in_the_feed(show: Path, tmp_path: Path) -> None:
    out = tmp_path / "public"
    build(show, out, now=NOW_DT)
    slug = _slug(show, "001-toaster.md")
    chapters = json.loads((out / "chapters" / f"{slug}.json").read_bytes())
    assert [c["startTime"] for c in chapters["chapters"]] == [0, 252, 1065, 1770]
    feed = (out / "feed.xml").read_text(encoding="utf-8")
    assert f'url="https://kettle.example.org/chapters/{slug}.json"' in feed
    assert 'type="application/json+chapters"' in feed


def test_type_is_inferred_from_the_extension(show: Path, tmp_path: Path) -> None:
    out = tmp_path / "public"
    build(show, out, now=NOW_DT)
    parsed = feedparser.parse((out / "feed.xml").read_bytes())
    kettle = next(e for e in parsed.entries if e.id == "kettle-logic-002")
    assert kettle.enclosures[0].type == "audio/x-m4a"
    assert kettle.enclosures[0].length == "28311552"


def test_now_moves_the_schedule(show: Path, tmp_path: Path) -> None:
    result = build(show, tmp_path / "public", now=datetime(2026, 3, 2, 9, 0, 0))
    assert (result.episodes, result.drafts, result.scheduled) == (3, 1, 0)
    result = build(show, tmp_path / "early", now=datetime(2026, 1, 1))
    assert (result.episodes, result.scheduled) == (0, 3)


def test_include_drafts_builds_everything_but_locks_only_the_published(
    show: Path, tmp_path: Path
) -> None:
    result = build(show, tmp_path / "public", now=NOW_DT, include_drafts=True)
    assert (result.episodes, result.drafts, result.scheduled) == (4, 0, 0)
    assert len(titles(result.feed_path)) == 4
    locked = {e.guid for e in read_lock(show / "podfeed.lock").episodes}
    assert locked == {"kettle-logic-001", "kettle-logic-002"}


def test_lock_is_written_and_pins_the_channel_guid(show: Path, tmp_path: Path) -> None:
    result = build(show, tmp_path / "public", now=NOW_DT)
    assert result.lock_changed
    lock = read_lock(show / "podfeed.lock")
    feed = result.feed_path.read_text(encoding="utf-8")
    assert lock.podcast_guid is not None and lock.podcast_guid in feed
    assert {(e.document, e.guid) for e in lock.episodes} == {
        ("001-toaster.md", "kettle-logic-001"),
        ("002-kettle.md", "kettle-logic-002"),
    }
    again = build(show, tmp_path / "public", now=NOW_DT)
    assert not again.lock_changed


def test_same_input_gives_byte_identical_output(show: Path, tmp_path: Path) -> None:
    build(show, tmp_path / "a", now=NOW_DT)
    build(show, tmp_path / "b", now=NOW_DT)
    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")


def test_changed_guid_fails_naming_the_document_then_accept_rewrites(
    show: Path, tmp_path: Path
) -> None:
    out = tmp_path / "public"
    build(show, out, now=NOW_DT)
    before = snapshot(out)
    lock_before = (show / "podfeed.lock").read_bytes()
    front, body = DOCUMENTS["001-toaster.md"]
    write_document(show, "001-toaster.md", front.replace("kettle-logic-001", "toaster"), body)

    with pytest.raises(LockError) as info:
        build(show, out, now=NOW_DT)
    assert info.value.rule == "LOCK-002"
    assert info.value.path == str(show / "001-toaster.md")
    assert info.value.line == 4  # the guid line of the front matter
    assert snapshot(out) == before
    assert (show / "podfeed.lock").read_bytes() == lock_before

    result = build(show, out, now=NOW_DT, accept_changes=True)
    assert result.lock_changed
    assert {e.guid for e in read_lock(show / "podfeed.lock").episodes} == {
        "toaster",
        "kettle-logic-002",
    }
    build(show, out, now=NOW_DT)  # the new lock accepts the new guid


def test_renamed_document_with_derived_guid_names_both_documents(tmp_path: Path) -> None:
    docs = {
        name: (front.replace('guid: "kettle-logic-002"\n', ""), body)
        for name, (front, body) in DOCUMENTS.items()
    }
    show = make_show(tmp_path / "show", docs)
    build(show, tmp_path / "public", now=NOW_DT)
    (show / "002-kettle.md").rename(show / "002-the-kettle.md")
    with pytest.raises(LockError) as info:
        build(show, tmp_path / "public", now=NOW_DT)
    assert info.value.rule == "LOCK-002"
    assert "002-kettle.md" in info.value.message
    assert "002-the-kettle.md" in info.value.message


def test_duplicate_guid_fails_even_with_accept_changes(show: Path, tmp_path: Path) -> None:
    front, _ = DOCUMENTS["002-kettle.md"]
    write_document(show, "002-kettle.md", front.replace("kettle-logic-002", "kettle-logic-001"))
    for accept in (False, True):
        with pytest.raises(LockError) as info:
            build(show, tmp_path / "public", now=NOW_DT, accept_changes=accept)
        assert info.value.rule == "LOCK-005"
        assert "001-toaster.md" in info.value.message
        assert "002-kettle.md" in info.value.message
    assert not (tmp_path / "public").exists()
    assert not (show / "podfeed.lock").exists()


def test_changed_enclosure_and_date_fail(show: Path, tmp_path: Path) -> None:
    build(show, tmp_path / "public", now=NOW_DT)
    front, body = DOCUMENTS["001-toaster.md"]
    front = front.replace("001-toaster.mp3", "001-toaster-remaster.mp3")
    front = front.replace("date: 2026-01-05", "date: 2026-01-06")
    write_document(show, "001-toaster.md", front, body)
    with pytest.raises(PodfeedErrorGroup) as info:
        build(show, tmp_path / "public", now=NOW_DT)
    assert sorted(e.rule for e in leaves(info.value)) == ["LOCK-003", "LOCK-004"]


def test_missing_audio_length_names_file_line_and_field(show: Path, tmp_path: Path) -> None:
    front, body = DOCUMENTS["002-kettle.md"]
    write_document(show, "002-kettle.md", front.replace("  length: 28311552\n", ""), body)
    with pytest.raises(DocumentError) as info:
        build(show, tmp_path / "public", now=NOW_DT)
    err = info.value
    assert err.path == str(show / "002-kettle.md")
    assert err.line == 5  # the `audio:` line
    assert err.field == "audio.length"
    assert "length in bytes" in err.message
    assert err.exit_code == 2


def test_every_episode_without_audio_is_reported(show: Path, tmp_path: Path) -> None:
    write_document(show, "005-no-audio.md", 'title: "No audio yet"\ndate: 2026-01-20\n')
    write_document(
        show,
        "006-odd.md",
        'title: "Odd file"\ndate: 2026-01-21\naudio:\n  url: "https://x.example/a.xyz"\n'
        "  length: 12\n",
    )
    with pytest.raises(PodfeedErrorGroup) as info:
        build(show, tmp_path / "public", now=NOW_DT)
    found = {(Path(e.path or "").name, e.rule) for e in leaves(info.value)}
    assert found == {("005-no-audio.md", "BUILD-003"), ("006-odd.md", "BUILD-005")}


def test_validation_failure_writes_nothing(show: Path, tmp_path: Path) -> None:
    out = tmp_path / "public"
    build(show, out, now=NOW_DT)
    before = snapshot(out)
    lock_before = (show / "podfeed.lock").read_bytes()
    # A relative enclosure URL is something the reader accepts and the validator rejects.
    front, body = DOCUMENTS["004-scheduled.md"]
    write_document(
        show,
        "004-scheduled.md",
        front.replace("https://media.kettle.example.org/004-pump.mp3", "media/004-pump.mp3"),
        body,
    )
    with pytest.raises(ValidationFailed) as info:
        build(show, out, now=datetime(2026, 3, 3))
    assert info.value.exit_code == 1
    assert snapshot(out) == before
    assert (show / "podfeed.lock").read_bytes() == lock_before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_exception_while_moving_files_leaves_old_output(
    show: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "public"
    build(show, out, now=NOW_DT)
    (out / "index.html").write_text("<p>my own page</p>", encoding="utf-8")
    before = snapshot(out)
    real_replace = os.replace

    def failing_replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        if str(dst).endswith("feed.xml"):
            raise OSError(5, "Input/output error")
        real_replace(src, dst)

    # A disk error on the last file (the feed), after the chapters files were swapped in.
    monkeypatch.setattr(podfeed.output.os, "replace", failing_replace)
    with pytest.raises(PodfeedError) as info:
        build(show, out, now=datetime(2026, 3, 3))
    monkeypatch.undo()
    assert info.value.rule == "BUILD-002"
    assert snapshot(out) == before


def test_bad_show_is_a_podfeed_error(tmp_path: Path) -> None:
    show = make_show(tmp_path / "show")
    (show / "podcast.toml").write_text('title = "Only a title"\n', encoding="utf-8")
    with pytest.raises(PodfeedError) as info:
        build(show, tmp_path / "public", now=NOW_DT)
    assert info.value.exit_code == 2
    assert not (tmp_path / "public").exists()


def test_user_files_in_out_dir_survive_and_stale_chapters_go(show: Path, tmp_path: Path) -> None:
    out = tmp_path / "public"
    build(show, out, now=datetime(2026, 3, 3))
    slug = _slug(show, "004-scheduled.md")
    assert (out / "chapters" / f"{slug}.json").exists()
    (out / "CNAME").write_text("kettle.example.org\n", encoding="utf-8")
    front, _ = DOCUMENTS["004-scheduled.md"]
    write_document(show, "004-scheduled.md", front, "No chapters any more.\n")
    build(show, out, now=datetime(2026, 3, 3))
    assert not (out / "chapters" / f"{slug}.json").exists()
    assert (out / "CNAME").read_text(encoding="utf-8") == "kettle.example.org\n"


def test_two_documents_with_one_chapters_file_name_fail(show: Path, tmp_path: Path) -> None:
    front, body = DOCUMENTS["001-toaster.md"]
    for folder, guid in (("2025", "kettle-2025"), ("2026", "kettle-2026")):
        (show / folder).mkdir()
        write_document(show, f"{folder}/special.md", front.replace("kettle-logic-001", guid), body)
    with pytest.raises(BuildError) as info:
        build(show, tmp_path / "public", now=NOW_DT)
    assert info.value.rule == "BUILD-006"
    assert "2025/special.md" in info.value.message and "2026/special.md" in info.value.message
    assert not (tmp_path / "public").exists()


def test_unreadable_lock_fails_before_publishing(show: Path, tmp_path: Path) -> None:
    (show / "podfeed.lock").mkdir()  # a folder where the lock file should be
    with pytest.raises(LockError) as info:
        build(show, tmp_path / "public", now=NOW_DT)
    assert info.value.rule == "LOCK-007"
    assert info.value.path == str(show / "podfeed.lock")
    assert not (tmp_path / "public").exists()


@pytest.mark.parametrize("collecting", [True, False])
def test_the_garbage_collector_is_paused_during_a_build_and_left_as_it_was(
    show: Path, tmp_path: Path, collecting: bool
) -> None:
    import gc

    seen: list[bool] = []
    original = podfeed.output.Staging.commit

    def commit(self: podfeed.output.Staging) -> list[Path]:
        seen.append(gc.isenabled())
        return original(self)

    was = gc.isenabled()
    (gc.enable if collecting else gc.disable)()
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(podfeed.output.Staging, "commit", commit)
            build(show, tmp_path / "public", now=NOW_DT)
        assert gc.isenabled() is collecting
    finally:
        (gc.enable if was else gc.disable)()
    assert seen == [False]


def test_a_preview_leaves_out_a_draft_without_audio_with_a_warning(
    show: Path, tmp_path: Path
) -> None:
    write_document(show, "009-unrecorded.md", 'title: "Not Recorded Yet"\ndate: 2026-02-10\n'
                   "draft: true\n")  # fmt: skip
    result = build(show, tmp_path / "public", now=NOW_DT, include_drafts=True)
    assert "Not Recorded Yet" not in titles(result.feed_path)
    assert len(titles(result.feed_path)) == 4
    [warning] = [w for w in result.warnings if w.rule == "BUILD-003"]
    assert warning.severity.value == "warning"
    assert warning.path == str(show / "009-unrecorded.md")
    assert warning.message.startswith("draft episode left out of the preview: ")
    # A normal build leaves every draft out anyway, with nothing to say about its audio.
    normal = build(show, tmp_path / "normal", now=NOW_DT)
    assert not [w for w in normal.warnings if w.rule == "BUILD-003"]


def test_a_published_episode_without_audio_still_fails_a_preview(
    show: Path, tmp_path: Path
) -> None:
    write_document(show, "009-forgotten.md", 'title: "Forgotten Audio"\ndate: 2026-02-10\n')
    with pytest.raises(DocumentError) as info:
        build(show, tmp_path / "public", now=NOW_DT, include_drafts=True)
    assert info.value.rule == "BUILD-003"
    assert not (tmp_path / "public").exists()


@pytest.mark.parametrize("workers", [1, 2])
def test_the_shards_items_files_are_gone_before_the_flush(
    show: Path, tmp_path: Path, workers: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What is still in the staging folder when it is flushed to disk is written out: the
    # items files, once assembled into the feed, must not be.
    flushed: list[list[str]] = []
    sync, start = podfeed.output._sync, podfeed.output._start_syncfs

    def seen(root: Path) -> None:
        flushed.append(sorted(p.name for p in root.parent.iterdir()))

    def start_syncfs(root: Path) -> object:
        seen(root)
        return start(root)

    def final_sync(root: Path, names: list[str]) -> None:
        seen(root)
        sync(root, names)

    monkeypatch.setattr(podfeed.output, "_start_syncfs", start_syncfs)
    monkeypatch.setattr(podfeed.output, "_sync", final_sync)
    build(show, tmp_path / "public", now=NOW_DT, workers=workers)
    assert len(flushed) == 2  # the early flush, then commit's
    assert not [name for names in flushed for name in names if name.startswith("items")]
    assert titles(tmp_path / "public" / "feed.xml")


def test_a_build_does_not_read_the_show_notes_links(
    show: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The feed does not list them; reading them would cost a fifth of the reading time.
    def no_links(rendered: str) -> tuple[object, ...]:
        raise AssertionError("links read during a build")

    monkeypatch.setattr(podfeed.notes, "_links", no_links)
    result = build(show, tmp_path / "public", now=NOW_DT, workers=1)
    assert result.episodes and titles(result.feed_path)


def test_the_chapters_files_start_to_flush_before_the_feed_is_validated(
    show: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[tuple[str, list[str]]] = []
    start, validate = podfeed.output._start_syncfs, podfeed.validate.validate_feed

    def start_syncfs(root: Path) -> object:
        events.append(("flush", sorted(p.name for p in (root / "chapters").iterdir())))
        return start(root)

    def validate_feed(*args: object, **kwargs: object) -> object:
        events.append(("validate", []))
        return validate(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(podfeed.output, "_start_syncfs", start_syncfs)
    monkeypatch.setattr(podfeed.validate, "validate_feed", validate_feed)
    result = build(show, tmp_path / "public", now=NOW_DT)
    chapters = sorted(p.name for p in (tmp_path / "public" / "chapters").iterdir())
    assert result.chapters_files and events == [("flush", chapters), ("validate", [])]
