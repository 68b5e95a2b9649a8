"""load_episodes: which files, in which order, and the options passed through."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from podfeed import PodfeedError, load_episodes

from ._util import DATA, yaml_doc


def _write(root: Path, name: str, text: str) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _doc(title: str, extra: str = "") -> str:
    return yaml_doc(f'title: "{title}"\ndate: 2024-05-01\n{extra}')


def test_every_document_below_the_folder_sorted_by_path(tmp_path: Path) -> None:
    paths = [
        _write(tmp_path, "b.md", _doc("b")),
        _write(tmp_path, "a.markdown", _doc("a")),
        _write(tmp_path, "c/deeper/z.html", _doc("z")),
        _write(tmp_path, "c/a.md", _doc("ca")),
        _write(tmp_path, "ab.html", _doc("ab")),
    ]
    _write(tmp_path, "notes.txt", "not a document")
    _write(tmp_path, "c/data.json", '{"title": "no", "date": "2024-05-01"}')
    _write(tmp_path, "c/deeper/cover.yaml", "title: no\n")
    episodes = load_episodes(tmp_path)
    assert [e.source_path for e in episodes] == sorted(paths)
    assert [e.title for e in episodes] == ["a", "ab", "b", "ca", "z"]


def test_an_empty_folder_gives_no_episodes(tmp_path: Path) -> None:
    assert load_episodes(tmp_path) == []


def test_options_apply_to_every_document(tmp_path: Path) -> None:
    _write(tmp_path, "one.md", _doc("one", "episode_guid: g1\naudio: one.mp3\n"))
    _write(tmp_path, "two/two.md", _doc("two", "episode_guid: g2\nfile: two.mp3\n"))
    episodes = load_episodes(
        str(tmp_path),
        fields={"guid": "episode_guid"},
        media_prefix="https://cdn.example.net/",
        timezone="Asia/Tokyo",
    )
    assert [e.guid for e in episodes] == ["g1", "g2"]
    assert [e.audio.url if e.audio else None for e in episodes] == [
        "https://cdn.example.net/one.mp3",
        "https://cdn.example.net/two.mp3",
    ]
    assert all(e.date == datetime(2024, 4, 30, 15, tzinfo=UTC) for e in episodes)


def test_the_fixture_show_folder() -> None:
    episodes = load_episodes(DATA / "show", media_prefix="https://media.harbournotes.example.org/")
    assert [e.source_path.name if e.source_path else None for e in episodes] == [
        "03-lighthouse-keepers.md",
        "05-tide-tables.md",
        "06-ferry-mail.md",
        "08-foghorns.html",
        "09-drafts-notes.markdown",
    ]
    assert [e.draft for e in episodes] == [False, False, False, False, True]
    assert all(e.date.utcoffset() is not None for e in episodes)


def test_a_missing_folder_is_a_podfeed_error(tmp_path: Path) -> None:
    with pytest.raises(PodfeedError) as caught:
        load_episodes(tmp_path / "absent")
    assert str(tmp_path / "absent") in str(caught.value)


def test_the_bundled_sample_show_loads() -> None:
    folder = Path(__file__).resolve().parents[2] / "episodes"
    documents = sorted(p for p in folder.rglob("*") if p.suffix in (".md", ".markdown", ".html"))
    episodes = load_episodes(folder)
    assert [e.source_path for e in episodes] == documents
    assert any(e.draft for e in episodes)
    assert any(len(e.chapters) >= 2 for e in episodes)
