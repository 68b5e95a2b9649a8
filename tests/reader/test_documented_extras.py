"""Behaviour the README's episode-format reference documents beyond the issue's minimum."""

from __future__ import annotations

import pytest

from podfeed import Enclosure, Person

from ._util import BASE, yaml_doc
from .conftest import LoadDoc

MEDIA = "https://media.example.net/x.mp3"


@pytest.mark.parametrize(
    "lines",
    [
        ["00:00 | Start", "05:30 | Middle"],
        ["> 00:00 Start", "> 05:30 Middle"],
        ["> - 00:00 Start", "> - 05:30 Middle"],
    ],
    ids=["pipe", "quote", "quoted-list"],
)
def test_pipe_separator_and_quote_marks(load_doc: LoadDoc, lines: list[str]) -> None:
    episode = load_doc(yaml_doc(BASE, "\n".join(lines) + "\n"))
    assert [(c.start, c.title) for c in episode.chapters] == [(0, "Start"), (330, "Middle")]


@pytest.mark.parametrize("key", ["start_time", "time"])
def test_more_chapter_start_keys(load_doc: LoadDoc, key: str) -> None:
    episode = load_doc(
        yaml_doc(BASE + f"chapters:\n  - {{{key}: 0, title: A}}\n  - {{{key}: '1:00', title: B}}\n")
    )
    assert [(c.start, c.title) for c in episode.chapters] == [(0, "A"), (60, "B")]


def test_size_inside_the_audio_mapping(load_doc: LoadDoc) -> None:
    episode = load_doc(yaml_doc(BASE + f"audio:\n  url: {MEDIA}\n  size: 512\n"))
    assert episode.audio == Enclosure(url=MEDIA, length=512)


@pytest.mark.parametrize("key", ["audio_type", "mime_type", "podcast_type"])
def test_audio_type_keys(load_doc: LoadDoc, key: str) -> None:
    episode = load_doc(yaml_doc(BASE + f"audio: {MEDIA}\n{key}: audio/mpeg\n"))
    assert episode.audio == Enclosure(url=MEDIA, type="audio/mpeg")


def test_keywords_as_comma_separated_text(load_doc: LoadDoc) -> None:
    episode = load_doc(yaml_doc(BASE + "keywords: tides, ferries ,  knots\n"))
    assert episode.keywords == ("tides", "ferries", "knots")


def test_guests_default_to_the_guest_role(load_doc: LoadDoc) -> None:
    episode = load_doc(yaml_doc(BASE + "guests: [Jonas Perl, {name: Ada, role: host}]\n"))
    assert episode.persons == (Person(name="Jonas Perl", role="guest"), Person("Ada", "host"))


def test_author_list_is_joined(load_doc: LoadDoc) -> None:
    episode = load_doc(yaml_doc(BASE + "authors: [Ines Okafor, {name: Jonas Perl}]\n"))
    assert episode.author == "Ines Okafor, Jonas Perl"


def test_podcast_season_key(load_doc: LoadDoc) -> None:
    assert load_doc(yaml_doc(BASE + "podcast_season: 4\n")).season == 4


def test_time_continue_is_a_time_jump(load_doc: LoadDoc) -> None:
    body = (
        "- [00:00](https://other.example/a) A\n"
        "- [01:00](https://www.youtube.com/watch?v=x&time_continue=60) B\n"
    )
    episode = load_doc(yaml_doc(BASE, body))
    assert [c.url for c in episode.chapters] == ["https://other.example/a", None]


def test_in_page_links_are_left_out(load_doc: LoadDoc) -> None:
    body = "[Top](#top) and [Out](https://out.example/) and [Note](#fn-1)\n"
    assert [link.url for link in load_doc(yaml_doc(BASE, body)).links] == ["https://out.example/"]
