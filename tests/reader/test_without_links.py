"""``links=False``: the same Episode, without reading the show notes' links."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

import podfeed.notes
from podfeed import load_episode, load_episodes
from podfeed.notes import analyze_html, analyze_markdown

SAMPLE = Path(__file__).resolve().parents[2] / "episodes"


def test_every_sample_episode_is_the_same_but_for_its_links() -> None:
    full = load_episodes(SAMPLE)
    lean = load_episodes(SAMPLE, links=False)
    assert any(episode.links for episode in full)  # the test would prove nothing otherwise
    assert [dataclasses.replace(episode, links=()) for episode in full] == lean


def test_the_links_are_not_looked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    path = next(p for p in sorted(SAMPLE.glob("*.md")) if load_episode(p).links)

    def no_links(rendered: str) -> tuple[object, ...]:
        raise AssertionError("links read although not wanted")

    monkeypatch.setattr(podfeed.notes, "_links", no_links)
    assert load_episode(path, links=False).links == ()
    with pytest.raises(AssertionError):
        load_episode(path)


@pytest.mark.parametrize("analyze", [analyze_markdown, analyze_html])
def test_notes_without_links_keep_html_and_chapters(analyze: object) -> None:
    text = (
        "<p>Intro with <a href='https://a.example/'>a link</a>.</p>\n"
        "<p>00:00 Start</p>\n<p>12:30 <a href='https://b.example/'>Next</a></p>\n"
    )
    assert callable(analyze)
    full, lean = analyze(text, first_line=4), analyze(text, first_line=4, links=False)
    assert full.links and not lean.links
    assert (lean.html, lean.chapters, lean.warnings) == (full.html, full.chapters, full.warnings)
