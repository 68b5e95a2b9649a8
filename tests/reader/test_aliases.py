"""Every built-in alias of issue 2, the ``fields`` mapping, ``media_prefix`` and ``url``."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from podfeed import Enclosure, Person, Soundbite, Transcript

from ._util import BASE, yaml_doc
from .conftest import LoadDoc

TITLE = 'title: "An episode"\n'
MEDIA = "https://media.example.net/show/ep-07.mp3"


@pytest.mark.parametrize(
    "key", ["date", "publishedDate", "pubDate", "published", "publishDate", "Date"]
)
def test_date_aliases(load_doc: LoadDoc, key: str) -> None:
    episode = load_doc(yaml_doc(TITLE + f"{key}: 2023-11-02\n"))
    assert episode.date == datetime(2023, 11, 2, tzinfo=UTC)
    assert episode.lines["date"] == 3
    assert key not in episode.extra


@pytest.mark.parametrize("key", ["author", "authors", "host", "hosts"])
def test_author_aliases(load_doc: LoadDoc, key: str) -> None:
    episode = load_doc(yaml_doc(BASE + f"{key}: Marta Lindqvist\n"))
    assert episode.author == "Marta Lindqvist"
    assert episode.lines["author"] == 4
    assert key not in episode.extra


@pytest.mark.parametrize("key", ["link", "source", "permalink", "url"])
def test_link_aliases(load_doc: LoadDoc, key: str) -> None:
    episode = load_doc(yaml_doc(BASE + f"{key}: https://show.example.org/episodes/7/\n"))
    assert episode.link == "https://show.example.org/episodes/7/"
    assert episode.audio is None
    assert key not in episode.extra


@pytest.mark.parametrize(
    "key", ["audio", "enclosure", "file", "mp3", "url", "podcast_file", "podcast_link"]
)
def test_audio_url_aliases(load_doc: LoadDoc, key: str) -> None:
    episode = load_doc(yaml_doc(BASE + f"{key}: {MEDIA}\n"))
    assert episode.audio == Enclosure(url=MEDIA, length=None, type=None)
    assert key not in episode.extra


def test_audio_mapping_with_url_length_and_type(load_doc: LoadDoc) -> None:
    episode = load_doc(
        yaml_doc(BASE + f"audio:\n  url: {MEDIA}\n  length: 4812345\n  type: audio/mpeg\n")
    )
    assert episode.audio == Enclosure(url=MEDIA, length=4812345, type="audio/mpeg")


def test_audio_mapping_without_type_leaves_type_to_the_build(load_doc: LoadDoc) -> None:
    episode = load_doc(yaml_doc(BASE + f"audio:\n  url: {MEDIA}\n  length: '4812345'\n"))
    assert episode.audio == Enclosure(url=MEDIA, length=4812345, type=None)


def test_audio_type_is_taken_as_given(load_doc: LoadDoc) -> None:
    # Even a type that does not match the extension is the writer's decision at this stage.
    episode = load_doc(yaml_doc(BASE + f"audio:\n  url: {MEDIA}\n  type: audio/x-custom\n"))
    assert episode.audio is not None
    assert episode.audio.type == "audio/x-custom"


@pytest.mark.parametrize("key", ["length", "bytes", "podcast_bytes", "podcast_length"])
def test_audio_length_aliases(load_doc: LoadDoc, key: str) -> None:
    episode = load_doc(yaml_doc(BASE + f"audio: {MEDIA}\n{key}: 31337\n"))
    assert episode.audio == Enclosure(url=MEDIA, length=31337)
    assert key not in episode.extra


def test_audio_length_as_a_quoted_string(load_doc: LoadDoc) -> None:
    episode = load_doc(yaml_doc(BASE + f"audio: {MEDIA}\nlength: '31337'\n"))
    assert episode.audio is not None
    assert episode.audio.length == 31337


@pytest.mark.parametrize("key", ["duration", "podcast_duration", "itunes_duration"])
def test_duration_aliases(load_doc: LoadDoc, key: str) -> None:
    episode = load_doc(yaml_doc(BASE + f"{key}: '1:02:03'\n"))
    assert episode.duration == 3723
    assert episode.lines["duration"] == 4
    assert key not in episode.extra


@pytest.mark.parametrize("key", ["episode", "number", "podcast_episode_number"])
def test_number_aliases(load_doc: LoadDoc, key: str) -> None:
    episode = load_doc(yaml_doc(BASE + f"{key}: 42\n"))
    assert episode.number == 42
    assert key not in episode.extra


def test_number_as_a_quoted_string(load_doc: LoadDoc) -> None:
    assert load_doc(yaml_doc(BASE + "episode: '42'\n")).number == 42


def test_season(load_doc: LoadDoc) -> None:
    assert load_doc(yaml_doc(BASE + "season: 3\n")).season == 3


@pytest.mark.parametrize("key", ["episode_type", "episodeType", "podcast_episode_type"])
@pytest.mark.parametrize("value", ["full", "trailer", "bonus"])
def test_episode_type_aliases(load_doc: LoadDoc, key: str, value: str) -> None:
    episode = load_doc(yaml_doc(BASE + f"{key}: {value}\n"))
    assert episode.episode_type == value
    assert key not in episode.extra


@pytest.mark.parametrize("key", ["guid", "id"])
def test_guid_aliases(load_doc: LoadDoc, key: str) -> None:
    episode = load_doc(yaml_doc(BASE + f"{key}: urn:uuid:5b1b6f0e-0c39-4a4e-9b61-0f2f2f1b1a07\n"))
    assert episode.guid == "urn:uuid:5b1b6f0e-0c39-4a4e-9b61-0f2f2f1b1a07"
    assert key not in episode.extra


@pytest.mark.parametrize("key", ["image", "podcast_image", "episode_image"])
def test_image_aliases(load_doc: LoadDoc, key: str) -> None:
    episode = load_doc(yaml_doc(BASE + f"{key}: https://img.example.net/ep7.jpg\n"))
    assert episode.image == "https://img.example.net/ep7.jpg"
    assert key not in episode.extra


@pytest.mark.parametrize("key", ["keywords", "tags", "category", "categories"])
def test_keyword_aliases_with_a_list(load_doc: LoadDoc, key: str) -> None:
    episode = load_doc(yaml_doc(BASE + f"{key}: [harbours, ferries, tides]\n"))
    assert episode.keywords == ("harbours", "ferries", "tides")
    assert key not in episode.extra


@pytest.mark.parametrize("key", ["keywords", "tags", "category", "categories"])
def test_keyword_aliases_with_a_single_string(load_doc: LoadDoc, key: str) -> None:
    episode = load_doc(yaml_doc(BASE + f"{key}: engineering\n"))
    assert episode.keywords == ("engineering",)


@pytest.mark.parametrize("key", ["persons", "people", "guests", "speaker"])
def test_person_aliases_with_mappings(load_doc: LoadDoc, key: str) -> None:
    episode = load_doc(
        yaml_doc(
            BASE
            + f"{key}:\n"
            + "  - name: Marta Lindqvist\n"
            + "    role: host\n"
            + "    group: cast\n"
            + "    href: https://marta.example.org/\n"
            + "    img: https://marta.example.org/me.jpg\n"
            + "  - name: Jonas Perl\n"
            + "    role: guest\n"
        )
    )
    assert episode.persons == (
        Person(
            name="Marta Lindqvist",
            role="host",
            group="cast",
            href="https://marta.example.org/",
            img="https://marta.example.org/me.jpg",
        ),
        Person(name="Jonas Perl", role="guest"),
    )
    assert key not in episode.extra


@pytest.mark.parametrize("key", ["persons", "people", "guests", "speaker"])
def test_person_aliases_with_plain_names(load_doc: LoadDoc, key: str) -> None:
    episode = load_doc(yaml_doc(BASE + f"{key}: [Marta Lindqvist, Jonas Perl]\n"))
    assert tuple(p.name for p in episode.persons) == ("Marta Lindqvist", "Jonas Perl")


@pytest.mark.parametrize("key", ["transcript", "transcripts"])
def test_transcript_aliases_with_mapping(load_doc: LoadDoc, key: str) -> None:
    episode = load_doc(
        yaml_doc(
            BASE
            + f"{key}:\n"
            + "  - url: https://show.example.org/ep7.vtt\n"
            + "    type: text/vtt\n"
            + "    language: en\n"
            + "    rel: captions\n"
        )
    )
    assert episode.transcripts == (
        Transcript(
            url="https://show.example.org/ep7.vtt", type="text/vtt", language="en", rel="captions"
        ),
    )
    assert key not in episode.extra


@pytest.mark.parametrize("key", ["transcript", "transcripts"])
def test_transcript_aliases_with_a_url(load_doc: LoadDoc, key: str) -> None:
    episode = load_doc(yaml_doc(BASE + f"{key}: https://show.example.org/ep7.srt\n"))
    assert tuple(t.url for t in episode.transcripts) == ("https://show.example.org/ep7.srt",)


@pytest.mark.parametrize("key", ["chapters", "chapter"])
def test_chapter_aliases(load_doc: LoadDoc, key: str) -> None:
    episode = load_doc(
        yaml_doc(
            BASE
            + f"{key}:\n"
            + "  - start: 0\n    title: Hello\n"
            + "  - start: '02:30'\n    title: The harbour\n"
        )
    )
    assert [(c.start, c.title) for c in episode.chapters] == [(0, "Hello"), (150, "The harbour")]
    assert key not in episode.extra


def test_explicit_key(load_doc: LoadDoc) -> None:
    episode = load_doc(yaml_doc(BASE + "explicit: yes\n"))
    assert episode.explicit is True
    assert episode.lines["explicit"] == 4


# --- url: the page or the media file ------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://cdn.example.net/a.mp3",
        "https://cdn.example.net/a.m4a",
        "https://cdn.example.net/a.mp4",
        "https://cdn.example.net/a.m4v",
        "https://cdn.example.net/a.mov",
        "https://cdn.example.net/a.ogg",
        "https://cdn.example.net/a.oga",
        "https://cdn.example.net/a.opus",
        "https://cdn.example.net/a.aac",
        "https://cdn.example.net/a.wav",
        "https://cdn.example.net/a.flac",
        "https://cdn.example.net/a.pdf",
        "https://cdn.example.net/a.mp3?source=feed",
    ],
)
def test_url_naming_a_media_file_is_the_audio(load_doc: LoadDoc, url: str) -> None:
    episode = load_doc(yaml_doc(BASE + f"url: {url}\n"))
    assert episode.audio is not None
    assert episode.audio.url == url
    assert episode.link is None


@pytest.mark.parametrize(
    "url",
    [
        "https://show.example.org/ep/7",
        "https://show.example.org/ep/7.html",
        "https://show.example.org/mp3/",
        "https://show.example.org/ep?file=a.mp3x",
    ],
)
def test_url_naming_a_page_is_the_link(load_doc: LoadDoc, url: str) -> None:
    episode = load_doc(yaml_doc(BASE + f"url: {url}\n"))
    assert episode.link == url
    assert episode.audio is None


def test_url_as_media_alongside_a_link(load_doc: LoadDoc) -> None:
    episode = load_doc(
        yaml_doc(BASE + "link: https://show.example.org/7/\nurl: https://cdn.example.net/7.mp3\n")
    )
    assert episode.link == "https://show.example.org/7/"
    assert episode.audio is not None
    assert episode.audio.url == "https://cdn.example.net/7.mp3"


# --- precedence and the fields mapping ----------------------------------------------------------


def test_the_first_listed_alias_wins(load_doc: LoadDoc) -> None:
    episode = load_doc(yaml_doc(TITLE + "pubDate: 2020-01-01\ndate: 2024-05-01\n"))
    assert episode.date == datetime(2024, 5, 1, tzinfo=UTC)


def test_fields_mapping_names_the_keys(load_doc: LoadDoc) -> None:
    episode = load_doc(
        yaml_doc(
            BASE
            + "episode_guid: tag:show.example.org,2024:7\n"
            + f"audio: {MEDIA}\n"
            + "podcast_bytes: 777\n"
            + "podcast_chapters:\n"
            + "  - {start: 0, title: Open}\n"
            + "  - {start: 60, title: Close}\n"
        ),
        fields={
            "guid": "episode_guid",
            "audio.length": "podcast_bytes",
            "chapters": "podcast_chapters",
        },
    )
    assert episode.guid == "tag:show.example.org,2024:7"
    assert episode.audio == Enclosure(url=MEDIA, length=777)
    assert [(c.start, c.title) for c in episode.chapters] == [(0, "Open"), (60, "Close")]
    assert episode.lines["guid"] == 4
    assert "episode_guid" not in episode.extra
    assert "podcast_chapters" not in episode.extra


def test_fields_mapping_replaces_the_aliases_of_that_field(load_doc: LoadDoc) -> None:
    episode = load_doc(
        yaml_doc(BASE + "guid: from-the-alias\nepisode_guid: from-the-mapping\n"),
        fields={"guid": "episode_guid"},
    )
    assert episode.guid == "from-the-mapping"
    # The alias key is no longer used by any field, so it is kept verbatim.
    assert episode.extra == {"guid": "from-the-alias"}


def test_fields_mapping_with_dotted_nested_keys(load_doc: LoadDoc) -> None:
    episode = load_doc(
        yaml_doc(
            BASE
            + "podcast:\n"
            + "  file: https://cdn.example.net/nested.mp3\n"
            + "  bytes: 2048\n"
            + "  meta:\n"
            + "    minutes: '45:00'\n"
        ),
        fields={
            "audio.url": "podcast.file",
            "audio.length": "podcast.bytes",
            "duration": "podcast.meta.minutes",
        },
    )
    assert episode.audio == Enclosure(url="https://cdn.example.net/nested.mp3", length=2048)
    assert episode.duration == 45 * 60


def test_fields_mapping_to_an_absent_key_gives_nothing(load_doc: LoadDoc) -> None:
    episode = load_doc(yaml_doc(BASE + "guid: ignored-now\n"), fields={"guid": "not_there"})
    assert episode.guid is None


def test_fields_mapping_leaves_other_fields_on_their_aliases(load_doc: LoadDoc) -> None:
    episode = load_doc(
        yaml_doc(TITLE + "pubDate: 2024-02-03\nhost: Marta\n"), fields={"guid": "episode_guid"}
    )
    assert episode.date == datetime(2024, 2, 3, tzinfo=UTC)
    assert episode.author == "Marta"


# --- media_prefix -------------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["audio", "enclosure", "file", "mp3", "podcast_file"])
def test_media_prefix_completes_a_bare_file_name(load_doc: LoadDoc, key: str) -> None:
    episode = load_doc(
        yaml_doc(BASE + f"{key}: ep-07.mp3\n"), media_prefix="https://media.example.net/show/"
    )
    assert episode.audio is not None
    assert episode.audio.url == "https://media.example.net/show/ep-07.mp3"


def test_media_prefix_applies_to_a_mapping_url(load_doc: LoadDoc) -> None:
    episode = load_doc(
        yaml_doc(BASE + "audio:\n  url: ep-07.m4a\n  length: 10\n"),
        media_prefix="https://media.example.net/show/",
    )
    assert episode.audio == Enclosure(url="https://media.example.net/show/ep-07.m4a", length=10)


def test_media_prefix_leaves_full_urls_alone(load_doc: LoadDoc) -> None:
    episode = load_doc(yaml_doc(BASE + f"audio: {MEDIA}\n"), media_prefix="https://other.example/")
    assert episode.audio is not None
    assert episode.audio.url == MEDIA


def test_soundbites_location_and_license(load_doc: LoadDoc) -> None:
    episode = load_doc(
        yaml_doc(
            BASE
            + "soundbites:\n  - {start: '1:00', duration: 30, title: The foghorn}\n"
            + "location: Harbour of Ostend\n"
            + "license: CC-BY-4.0\n"
        )
    )
    assert episode.soundbites == (Soundbite(start=60, duration=30, title="The foghorn"),)
    assert episode.location is not None and episode.location.name == "Harbour of Ostend"
    assert episode.license == "CC-BY-4.0"
