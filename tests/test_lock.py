"""podfeed.lock: reading, writing, and every change it catches (pure functions, real files)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from podfeed.errors import LockError
from podfeed.lock import (
    ACCEPTABLE,
    LOCK_RULES,
    Lock,
    LockedEpisode,
    check_lock,
    format_lock,
    read_lock,
    updated_lock,
    write_lock,
)
from podfeed.model import Enclosure, Episode


@dataclass(frozen=True)
class FakeShow:
    guid: str | None


SHOW = FakeShow("917393e3-1b1e-5cef-ace4-edaa54e1f810")
JAN = datetime(2026, 1, 12, tzinfo=UTC)
FEB = datetime(2026, 2, 9, tzinfo=UTC)


def episode(folder: Path, name: str, audio: str, date: datetime = JAN) -> Episode:
    path = folder / name
    return Episode(
        title=name, date=date, audio=Enclosure(audio, 1000, "audio/mpeg"), source_path=path
    )


@pytest.fixture
def show_dir(tmp_path: Path) -> Path:
    return tmp_path


def first_lock(folder: Path) -> tuple[Lock, list[tuple[Episode, str]]]:
    pairs = [
        (episode(folder, "one.md", "https://cdn.example/one.mp3"), "guid-one"),
        (episode(folder, "sub/two.md", "https://cdn.example/two.mp3", FEB), "guid-two"),
    ]
    return updated_lock(Lock(), SHOW, pairs, folder=folder), pairs


def test_rules_are_a_table_with_stable_ids() -> None:
    assert list(LOCK_RULES) == [f"LOCK-00{i}" for i in range(1, 8)]
    assert "LOCK-005" not in ACCEPTABLE


def test_missing_lock_is_empty(tmp_path: Path) -> None:
    assert read_lock(tmp_path / "podfeed.lock") == Lock()


def test_round_trip_is_sorted_json_with_relative_paths(show_dir: Path) -> None:
    lock, _ = first_lock(show_dir)
    path = show_dir / "podfeed.lock"
    assert write_lock(path, lock) is True
    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    assert data["podcast_guid"] == SHOW.guid
    assert [e["document"] for e in data["episodes"]] == ["one.md", "sub/two.md"]
    # One line per episode: a diff shows exactly which episode changed.
    assert sum('"guid": "guid-' in line for line in text.splitlines()) == 2
    assert data["episodes"][1] == {
        "document": "sub/two.md",
        "guid": "guid-two",
        "enclosure": "https://cdn.example/two.mp3",
        "first_published": "2026-02-09T00:00:00+00:00",
    }
    assert read_lock(path) == lock
    # Writing the same lock again leaves the file alone.
    assert write_lock(path, lock) is False


def test_strings_with_quotes_and_control_characters_survive(tmp_path: Path) -> None:
    odd = 'a "quoted"\\ guid\twith\x7fcontrol'
    lock = Lock(
        podcast_guid=None,
        episodes=(LockedEpisode(odd, "ä b.md", "https://x.example/a.mp3", JAN),),
    )
    path = tmp_path / "podfeed.lock"
    write_lock(path, lock)
    assert read_lock(path) == lock


def test_unchanged_build_passes(show_dir: Path) -> None:
    lock, pairs = first_lock(show_dir)
    assert check_lock(lock, SHOW, pairs, folder=show_dir) == []


def test_new_episode_passes_and_is_added(show_dir: Path) -> None:
    lock, pairs = first_lock(show_dir)
    new = (episode(show_dir, "three.md", "https://cdn.example/three.mp3"), "guid-three")
    assert check_lock(lock, SHOW, [*pairs, new], folder=show_dir) == []
    after = updated_lock(lock, SHOW, [*pairs, new], folder=show_dir)
    # Sorted by document path: one.md, sub/two.md, three.md.
    assert [e.guid for e in after.episodes] == ["guid-one", "guid-two", "guid-three"]


def test_changed_guid_for_a_document(show_dir: Path) -> None:
    lock, pairs = first_lock(show_dir)
    changed = [(pairs[0][0], "guid-one-renamed"), pairs[1]]
    (err,) = check_lock(lock, SHOW, changed, folder=show_dir)
    assert err.rule == "LOCK-002"
    assert err.path == str(show_dir / "one.md")
    assert "'guid-one'" in err.message and "'guid-one-renamed'" in err.message
    assert "--accept-changes" in err.message


def test_renamed_document_with_derived_guid_names_both_documents(show_dir: Path) -> None:
    lock, pairs = first_lock(show_dir)
    moved = episode(show_dir, "renamed.md", "https://cdn.example/one.mp3")
    (err,) = check_lock(lock, SHOW, [(moved, "renamed"), pairs[1]], folder=show_dir)
    assert err.rule == "LOCK-002"
    assert "renamed.md" in err.message and "one.md" in err.message
    assert 'guid: "guid-one"' in err.message


def test_renamed_document_with_kept_guid_passes(show_dir: Path) -> None:
    lock, pairs = first_lock(show_dir)
    moved = episode(show_dir, "renamed.md", "https://cdn.example/one.mp3")
    assert check_lock(lock, SHOW, [(moved, "guid-one"), pairs[1]], folder=show_dir) == []
    after = updated_lock(lock, SHOW, [(moved, "guid-one"), pairs[1]], folder=show_dir)
    assert {e.document for e in after.episodes} == {"renamed.md", "sub/two.md"}


def test_changed_enclosure_and_pub_date(show_dir: Path) -> None:
    lock, pairs = first_lock(show_dir)
    moved = episode(show_dir, "one.md", "https://other.example/one.mp3", JAN + timedelta(hours=1))
    errors = check_lock(lock, SHOW, [(moved, "guid-one"), pairs[1]], folder=show_dir)
    assert [e.rule for e in errors] == ["LOCK-003", "LOCK-004"]
    assert "https://cdn.example/one.mp3" in errors[0].message
    assert "https://other.example/one.mp3" in errors[0].message
    assert "2026-01-12T01:00:00+00:00" in errors[1].message


def test_same_instant_in_another_zone_is_no_change(show_dir: Path) -> None:
    lock, pairs = first_lock(show_dir)
    vienna = JAN.astimezone(timezone(timedelta(hours=1)))
    same = episode(show_dir, "one.md", "https://cdn.example/one.mp3", vienna)
    assert check_lock(lock, SHOW, [(same, "guid-one"), pairs[1]], folder=show_dir) == []


def test_duplicate_guid_names_both_documents_and_cannot_be_accepted(show_dir: Path) -> None:
    a = episode(show_dir, "a.md", "https://cdn.example/a.mp3")
    b = episode(show_dir, "b.md", "https://cdn.example/b.mp3")
    (err,) = check_lock(Lock(), SHOW, [(a, "same"), (b, "same")], folder=show_dir)
    assert isinstance(err, LockError)
    assert err.rule == "LOCK-005" and err.rule not in ACCEPTABLE
    assert "a.md" in err.message and "b.md" in err.message
    assert "--accept-changes" not in err.message


def test_guid_taken_over_by_another_document(show_dir: Path) -> None:
    lock, pairs = first_lock(show_dir)
    one = pairs[0][0]
    two = pairs[1][0]
    errors = check_lock(lock, SHOW, [(one, "guid-new"), (two, "guid-one")], folder=show_dir)
    rules = sorted(e.rule for e in errors)
    assert "LOCK-006" in rules and "LOCK-002" in rules
    taken = next(e for e in errors if e.rule == "LOCK-006")
    assert "one.md" in taken.message and "sub/two.md" in taken.message


def test_channel_guid_change(show_dir: Path) -> None:
    lock, pairs = first_lock(show_dir)
    (err,) = check_lock(lock, FakeShow("00000000-0000-5000-8000-000000000000"), pairs)
    assert err.rule == "LOCK-001"
    assert f'guid = "{SHOW.guid}"' in err.message


def test_accepted_changes_rewrite_the_lock(show_dir: Path) -> None:
    lock, pairs = first_lock(show_dir)
    moved = episode(show_dir, "one.md", "https://other.example/one.mp3")
    after = updated_lock(lock, SHOW, [(moved, "guid-one"), pairs[1]], folder=show_dir)
    assert after.by_guid()["guid-one"].enclosure == "https://other.example/one.mp3"
    assert check_lock(after, SHOW, [(moved, "guid-one"), pairs[1]], folder=show_dir) == []


def test_accepted_rename_drops_the_old_entry(show_dir: Path) -> None:
    lock, pairs = first_lock(show_dir)
    moved = episode(show_dir, "renamed.md", "https://cdn.example/one.mp3")
    after = updated_lock(lock, SHOW, [(moved, "renamed"), pairs[1]], folder=show_dir)
    assert sorted(after.by_guid()) == ["guid-two", "renamed"]
    assert check_lock(after, SHOW, [(moved, "renamed"), pairs[1]], folder=show_dir) == []


def test_removed_episode_stays_in_the_lock(show_dir: Path) -> None:
    lock, pairs = first_lock(show_dir)
    after = updated_lock(lock, SHOW, pairs[1:], folder=show_dir)
    assert sorted(after.by_guid()) == ["guid-one", "guid-two"]


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ('{"episodes": [', "not valid JSON"),
        ("[]", "expected a JSON object"),
        ('{"podcast_guid": 3}', "podcast_guid"),
        ('{"episodes": [{"guid": "g"}]}', "document"),
        (
            '{"episodes": [{"guid": "g", "document": "a.md", "enclosure": "u",'
            ' "first_published": "yesterday"}]}',
            "first_published",
        ),
    ],
)
def test_bad_lock_file(tmp_path: Path, text: str, detail: str) -> None:
    path = tmp_path / "podfeed.lock"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LockError) as info:
        read_lock(path)
    assert info.value.rule == "LOCK-007"
    assert info.value.path == str(path)
    assert detail in info.value.message


def test_format_is_stable(show_dir: Path) -> None:
    lock, _ = first_lock(show_dir)
    reordered = Lock(lock.podcast_guid, tuple(reversed(lock.episodes)))
    assert format_lock(reordered) == format_lock(lock)


@settings(max_examples=200)
@given(
    st.lists(
        st.tuples(st.text(min_size=1), st.text(min_size=1), st.text(min_size=1)),
        max_size=5,
    ),
    st.datetimes(timezones=st.timezones()),
)
def test_each_episode_line_is_json_dumps_of_its_entry(
    rows: list[tuple[str, str, str]], published: datetime
) -> None:
    lock = Lock(
        podcast_guid="g",
        episodes=tuple(LockedEpisode(g, d, e, published) for g, d, e in rows),
    )
    text = format_lock(lock)
    expected = [
        json.dumps(
            {
                "document": e.document,
                "guid": e.guid,
                "enclosure": e.enclosure,
                "first_published": e.first_published.isoformat(),
            },
            ensure_ascii=False,
        )
        for e in sorted(lock.episodes, key=lambda e: (e.document, e.guid))
    ]
    lines = [line.strip().rstrip(",") for line in text.split("\n") if line.startswith("    {")]
    assert lines == expected
    assert json.loads(text)["episodes"] == [json.loads(line) for line in expected]
