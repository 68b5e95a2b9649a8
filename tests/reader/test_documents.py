"""Realistic full documents (YAML, TOML, JSON, HTML) under tests/data/documents, values asserted."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from podfeed import Chapter, Enclosure, Link, Person, Transcript, load_episode

from ._util import DATA

SHOW = DATA / "show" / "2024"
PREFIX = "https://media.harbournotes.example.org/"


def test_yaml_document_with_youtube_style_chapters() -> None:
    path = SHOW / "03-lighthouse-keepers.md"
    ep = load_episode(path)
    assert ep.title == "Lighthouse Keepers and the Last Manual Lamp"
    assert ep.link == "https://harbournotes.example.org/episodes/lighthouse-keepers/"
    assert ep.date == datetime(2024, 3, 18, tzinfo=UTC)
    assert ep.keywords == ("maritime history",)
    assert ep.author == "Ines Okafor"
    assert (ep.season, ep.number) == (2, 3)
    assert ep.duration == 3852
    assert ep.explicit is False
    assert ep.persons == (
        Person(name="Aurelio Banks", role="guest", href="https://keepers.example.net/aurelio"),
    )
    assert ep.transcripts == (
        Transcript(
            url="https://harbournotes.example.org/transcripts/s2e3.vtt",
            type="text/vtt",
            language="en",
        ),
    )
    assert ep.audio == Enclosure(
        url="https://media.harbournotes.example.org/s2e3-lighthouse-keepers.mp3",
        length=61834512,
        type="audio/mpeg",
    )
    assert ep.extra == {"feedName": "Harbour Notes"}
    assert ep.source_path == path
    assert ep.lines["title"] == 2 and ep.lines["duration"] == 10
    # the audio block is keyed like the `fields` mapping ("audio.url") or as the field ("audio")
    assert 20 in (ep.lines.get("audio"), ep.lines.get("audio.url"))
    assert ep.chapters == (
        Chapter(start=0, title="Cold open: the foghorn"),
        Chapter(start=135, title="Eleven winters on the rock"),
        Chapter(start=1180, title="Winding the clockwork"),
        Chapter(
            start=2465, title="The logbook entries", url="https://archive.example.org/logbooks"
        ),
        Chapter(start=3750, title="Leaving the light"),
    )
    assert [c.line for c in ep.chapters] == [40, 42, 44, 46, 48]
    assert not ep.warnings
    mentions = [link for link in ep.links if link.section == "Mentions during the episode"]
    assert mentions == [
        Link(
            "The lighthouse logbook archive",
            "https://archive.example.org/logbooks",
            mentions[0].section,
        ),
        Link("How a Fresnel lens works", "https://optics.example.edu/fresnel", mentions[0].section),
        Link("Keepers' association", "https://keepers.example.net/", mentions[0].section),
    ]
    urls = [link.url for link in ep.links]
    assert urls[:3] == [
        "https://tube.example.com/watch?v=hn-203",
        "https://pods.example.com/harbour-notes/203",
        "https://shelf.example.net/hn/203",
    ]
    assert len(urls) == len(set(urls))
    assert "https://tube.example.com/watch?v=hn-203&t=1180s" in urls
    # the logbook link appears twice in the notes; the first occurrence (under Mentions) wins
    assert urls.count("https://archive.example.org/logbooks") == 1


def test_toml_document_with_list_chapters_and_media_prefix() -> None:
    path = SHOW / "05-tide-tables.md"
    ep = load_episode(path, media_prefix=PREFIX)
    assert ep.title == "Reading a Tide Table Without Losing Your Boots"
    assert ep.date == datetime(2024, 5, 6, 5, 30, tzinfo=UTC)
    assert ep.date.utcoffset() == timedelta(hours=1)
    assert ep.guid == "harbour-notes-s2e5"
    assert ep.keywords == ("tides", "navigation", "safety")
    assert ep.duration == 48 * 60 + 3
    assert ep.audio == Enclosure(url=PREFIX + "s2e5-tide-tables.m4a", length=40211877)
    assert ep.extra == {"studio": "Pier 4"}
    assert [(c.start, c.title, c.line) for c in ep.chapters] == [
        (0, "Why the table is in local time", 22),
        (372, "The rule of twelfths", 23),
        (1307, "Walking out at low water", 24),
        (2370, "Getting back before the flood", 25),
    ]
    assert ep.links == (
        Link(
            "Rule of twelfths explained",
            "https://navigation.example.org/twelfths",
            "Further reading",
        ),
        Link("Local tide predictions", "https://tides.example.gov/predictions", "Further reading"),
    )
    assert "<h2>Chapters</h2>" in ep.content_html


def test_json_document_with_a_chapters_object() -> None:
    ep = load_episode(SHOW / "06-ferry-mail.md")
    assert ep.title == "Ferry Mail and the Postbox on Pier 2"
    assert ep.date == datetime(2024, 6, 3, 8, tzinfo=UTC)
    assert ep.author == "Ines Okafor"
    assert ep.link is None
    assert ep.audio == Enclosure(
        url="https://media.harbournotes.example.org/s2e6-ferry-mail.mp3", length=22118903
    )
    assert ep.duration == 1840
    assert ep.episode_type == "bonus"
    assert ep.summary == "A short bonus about letters that cross the water twice a day."
    assert ep.chapters == (
        Chapter(start=0, title="The postbox"),
        Chapter(
            start=610,
            title="Sorting on deck",
            img="https://harbournotes.example.org/img/sorting.jpg",
        ),
        Chapter(start=1320, title="Return to sender", url="https://post.example.org/returns"),
    )
    assert ep.lines["date"] == 3 and ep.lines["chapters"] == 10
    assert dict(ep.extra) == {}


def test_html_document() -> None:
    ep = load_episode(SHOW / "08-foghorns.html", media_prefix=PREFIX, timezone="Europe/Vienna")
    assert ep.title == "Foghorns, Diaphones and the Sound of Bad Weather"
    vienna_summer = timezone(timedelta(hours=2))
    assert ep.date == datetime(2024, 8, 12, 19, 0, tzinfo=vienna_summer)
    assert ep.number == 8
    assert ep.duration == 39 * 60 + 58.5
    assert ep.audio == Enclosure(url=PREFIX + "s2e8-foghorns.mp3", length=38400111)
    assert ep.episode_type == "full"
    assert ep.keywords == ("foghorns",)
    assert [(c.start, c.title, c.line) for c in ep.chapters] == [
        (0, "A calm day for a loud machine", 16),
        (500, "Compressed air and a piston", 17),
        (1665, "Why ships stopped listening", 18),
    ]
    assert ep.links == (
        Link(
            "the acoustics", "https://acoustics.example.edu/diaphone", "Where the sound comes from"
        ),
        Link("the Foghorn Society", "https://foghorn-society.example.org/", "Chapters"),
    )
    assert '<a href="https://acoustics.example.edu/diaphone">the acoustics</a>' in ep.content_html


def test_draft_document() -> None:
    ep = load_episode(SHOW / "09-drafts-notes.markdown")
    assert ep.draft is True
    assert ep.chapters == ()
    assert ep.audio is None
