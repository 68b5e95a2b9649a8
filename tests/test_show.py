"""podcast.toml → Show: every key, defaults, podcast:guid vectors, and every ShowError."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from podfeed.categories import APPLE_CATEGORIES, is_apple_category, is_obsolete_category
from podfeed.errors import PodfeedErrorGroup, ShowError
from podfeed.model import Chat, Funding, Location, Person, SocialInteract, Txt
from podfeed.show import (
    SHOW_KEYS,
    SHOW_RULES,
    Block,
    License,
    Owner,
    RemoteItem,
    Show,
    Trailer,
    UpdateFrequency,
    load_show,
    podcast_guid,
)

DATA = Path(__file__).parent / "data" / "show"
MINIMAL = (DATA / "minimal" / "podcast.toml").read_text(encoding="utf-8")


def write(folder: Path, text: str) -> Path:
    (folder / "podcast.toml").write_text(text, encoding="utf-8")
    return folder


def error_for(folder: Path, text: str) -> ShowError:
    with pytest.raises(ShowError) as info:
        load_show(write(folder, text))
    assert not isinstance(info.value, PodfeedErrorGroup)
    return info.value


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


# --- podcast:guid ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("podnews.net/rss", "9b024349-ccf0-5f69-a609-6b82873eab3c"),
        ("https://podnews.net/rss", "9b024349-ccf0-5f69-a609-6b82873eab3c"),
        ("http://podnews.net/rss/", "9b024349-ccf0-5f69-a609-6b82873eab3c"),
        ("mp3s.nashownotes.com/pc20rss.xml", "917393e3-1b1e-5cef-ace4-edaa54e1f810"),
        ("https://mp3s.nashownotes.com/pc20rss.xml//", "917393e3-1b1e-5cef-ace4-edaa54e1f810"),
        ("  https://example.org/feed.xml ", "bab2ba12-9757-5da6-a770-0e70e6bcf214"),
    ],
)
def test_podcast_guid_matches_spec_vectors(url: str, expected: str) -> None:
    assert podcast_guid(url) == expected


def test_podcast_guid_keeps_case_and_query() -> None:
    # The spec strips only the scheme and trailing slashes: nothing else is normalised.
    assert podcast_guid("https://Podnews.net/rss") != podcast_guid("https://podnews.net/rss")
    assert podcast_guid("https://podnews.net/rss?x=1") != podcast_guid("https://podnews.net/rss")


# --- Reading ---------------------------------------------------------------------------------


def test_minimal_show_gets_defaults() -> None:
    show = load_show(DATA / "minimal")
    assert show.title == "Kettle Logic"
    assert show.language == "en-GB"
    assert show.categories == ("Technology",)
    assert show.explicit is False
    assert show.base_url == "https://kettle.example.org/podcast/"
    assert show.feed_file == "feed.xml"
    assert show.feed_url == "https://kettle.example.org/podcast/feed.xml"
    assert show.guid is None
    assert show.channel_guid == podcast_guid("https://kettle.example.org/podcast/feed.xml")
    assert show.type == "episodic"
    assert show.locked is False
    assert show.owner is None and show.funding == () and show.max_items is None
    assert show.folder == DATA / "minimal"


def test_full_show_reads_every_key() -> None:
    show = load_show(DATA / "full")
    assert show.owner == Owner(email="ilse@nightshift.example.net", name="Ilse Varga")
    assert show.type == "serial"
    assert show.categories == ("Leisure/Hobbies", "Leisure/Crafts", "Technology")
    assert show.feed_url == "https://feeds.nightshift.example.net/radio.xml"
    assert show.feed_file == "radio.xml"
    assert show.timezone == "Europe/Vienna"
    assert dict(show.fields) == {"guid": "episode_guid", "audio.length": "podcast_bytes"}
    assert show.media_prefix == "https://media.nightshift.example.net/"
    assert show.guid == "917393e3-1b1e-5cef-ace4-edaa54e1f810"
    assert show.channel_guid == show.guid
    assert show.locked is True and show.podping is True and show.complete is False
    assert show.medium == "podcast"
    assert show.new_feed_url == "https://feeds.nightshift.example.net/radio-new.xml"
    assert show.max_items == 50
    assert show.update_frequency == UpdateFrequency(
        "Every other Friday", "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR", "2026-01-02", False
    )
    assert show.location == Location("Graz", "geo:47.0707,15.4395", "R34861", "creator", "AT")
    assert show.license == License("night-shift-license", "https://nightshift.example.net/license")
    assert show.chat == Chat("irc.nightshift.example.net", "irc", "@ilse", "#radio")
    assert show.publisher == RemoteItem(
        "003af0a0-6a45-55cf-b765-68e3d349551a",
        "https://pub.example.net/feed.xml",
        medium="publisher",
    )
    assert show.txt == (Txt("plain note"), Txt("verify-me-123", "verify"))
    assert show.block == (Block(True, "spotify"), Block(False, "apple"))
    assert show.funding == (Funding("https://nightshift.example.net/support", "Buy us solder"),)
    assert show.persons == (
        Person("Ilse Varga", role="host", href="https://nightshift.example.net/ilse"),
        Person("Tomasz Berg", "guest", "cast", img="https://nightshift.example.net/tomasz.jpg"),
    )
    (value,) = show.value
    assert (value.type, value.method, value.suggested) == ("lightning", "keysend", "0.00000005")
    assert [r.split for r in value.recipients] == [95, 5]
    assert value.recipients[1].fee is True
    assert show.podroll == (
        RemoteItem(
            "9b024349-ccf0-5f69-a609-6b82873eab3c", "https://podnews.net/rss", title="Podnews"
        ),
    )
    assert show.remote_items[0].medium == "music"
    assert show.social_interact == (
        SocialInteract(
            "activitypub", "https://social.example.net/@ilse/1", "@ilse@social.example.net", None, 1
        ),
    )
    (trailer,) = show.trailers
    # A date-time without an offset is in the show's time zone.
    assert trailer == Trailer(
        "Season one is coming",
        "https://media.nightshift.example.net/trailer.mp3",
        datetime(2026, 2, 1, 18, 0, tzinfo=ZoneInfo("Europe/Vienna")),
        1234567,
        "audio/mpeg",
        1,
    )
    assert show.images[0].aspect_ratio == "4/1" and show.images[0].width == 3000


def test_sample_show_loads() -> None:
    show = load_show(Path(__file__).parent.parent / "episodes")
    assert show.title == "The Mending Hour"
    assert show.categories == ("Leisure/Crafts", "Education/How To")


def test_show_can_be_built_in_python() -> None:
    show = Show(
        title="Code Show",
        description="Built in Python.",
        link="https://code.example.org/",
        language="en",
        author="A. Coder",
        image="https://code.example.org/a.jpg",
        categories=("Technology",),
        base_url="https://code.example.org/pod",
        explicit=False,
    )
    assert show.feed_url == "https://code.example.org/pod/feed.xml"
    assert show.channel_guid == podcast_guid("code.example.org/pod/feed.xml")
    assert show.folder is None


def test_every_show_field_is_a_key() -> None:
    assert set(SHOW_KEYS) | {"folder"} == set(Show.__dataclass_fields__)


def test_bom_and_crlf_are_fine(tmp_path: Path) -> None:
    raw = ("\ufeff" + MINIMAL).replace("\n", "\r\n").encode("utf-8")
    (tmp_path / "podcast.toml").write_bytes(raw)
    assert load_show(tmp_path).title == "Kettle Logic"


# --- Errors ----------------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ShowError) as info:
        load_show(tmp_path)
    assert info.value.rule == "SHOW-001"
    assert info.value.path == str(tmp_path / "podcast.toml")
    assert "podcast.toml" in str(info.value)


def test_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "podcast.toml").write_bytes(MINIMAL.encode() + b'\ncopyright = "\xff"\n')
    with pytest.raises(ShowError) as info:
        load_show(tmp_path)
    assert info.value.rule == "SHOW-001"
    assert info.value.line == MINIMAL.count("\n") + 2


def test_invalid_toml_reports_line(tmp_path: Path) -> None:
    text = MINIMAL + "owner = {name = 'x'\n"
    err = error_for(tmp_path, text)
    assert err.rule == "SHOW-002"
    assert err.line == len(text.splitlines())
    assert "(at line" not in err.message and "not valid TOML" in err.message
    assert str(err).startswith(f"{tmp_path / 'podcast.toml'}:{err.line}: SHOW-002")


def test_unknown_key_with_suggestion(tmp_path: Path) -> None:
    text = MINIMAL + 'copyrite = "me"\n'
    err = error_for(tmp_path, text)
    assert (err.rule, err.field, err.line) == ("SHOW-003", "copyrite", line_of(text, "copyrite"))
    assert "did you mean 'copyright'" in err.message


def test_unknown_key_inside_a_table(tmp_path: Path) -> None:
    text = MINIMAL + '\n[owner]\nemail = "a@b.org"\nphone = "123"\n'
    err = error_for(tmp_path, text)
    assert (err.rule, err.field, err.line) == ("SHOW-003", "owner.phone", line_of(text, "phone"))


def test_missing_required_key(tmp_path: Path) -> None:
    text = MINIMAL.replace('author = "Maren Oduya"\n', "")
    err = error_for(tmp_path, text)
    assert (err.rule, err.field, err.line) == ("SHOW-004", "author", None)
    assert "missing required key" in err.message


def test_missing_required_key_in_a_table_points_at_the_table(tmp_path: Path) -> None:
    text = MINIMAL + '\n[[funding]]\ntext = "Tip jar"\n'
    err = error_for(tmp_path, text)
    assert (err.rule, err.field) == ("SHOW-004", "funding[0].url")
    assert err.line == line_of(text, "[[funding]]")


def test_several_problems_are_reported_together(tmp_path: Path) -> None:
    text = MINIMAL.replace('language = "en-GB"', 'language = "english"') + 'colour = "red"\n'
    with pytest.raises(PodfeedErrorGroup) as info:
        load_show(write(tmp_path, text))
    rules = sorted(e.rule for e in info.value.exceptions)
    assert rules == ["SHOW-003", "SHOW-007"]


@pytest.mark.parametrize(
    ("replace", "by", "rule", "field", "words"),
    [
        ("explicit = false", 'explicit = "maybe"', "SHOW-005", "explicit", "true or false"),
        ('title = "Kettle Logic"', "title = 42", "SHOW-005", "title", "expected a string"),
        ('title = "Kettle Logic"', 'title = "   "', "SHOW-005", "title", "non-empty"),
        ('categories = ["Technology"]', "categories = []", "SHOW-005", "categories", "array"),
        (
            'categories = ["Technology"]',
            'categories = ["technology"]',
            "SHOW-006",
            "categories[0]",
            "did you mean 'Technology'",
        ),
        (
            'categories = ["Technology"]',
            'categories = ["Technology", "Health & Fitness/Yoga"]',
            "SHOW-006",
            "categories[1]",
            "not an Apple category",
        ),
        (
            'categories = ["Technology"]',
            'categories = ["Technology/Podcasting"]',
            "SHOW-006",
            "categories[0]",
            "obsolete",
        ),
        (
            'categories = ["Technology"]',
            'categories = ["Arts/Documentary"]',
            "SHOW-006",
            "categories[0]",
            "Parent/Sub",
        ),
        ('language = "en-GB"', 'language = "xx"', "SHOW-007", "language", "ISO 639-1"),
        ('language = "en-GB"', 'language = "en_GB"', "SHOW-007", "language", "language code"),
        (
            'link = "https://kettle.example.org/"',
            'link = "kettle.example.org"',
            "SHOW-008",
            "link",
            "absolute URL",
        ),
        (
            'image = "https://kettle.example.org/cover.png"',
            'image = "/cover.png"',
            "SHOW-008",
            "image",
            "absolute URL",
        ),
        (
            'base_url = "https://kettle.example.org/podcast"',
            'base_url = "http://kettle.example.org/podcast"',
            "SHOW-008",
            "base_url",
            "https",
        ),
    ],
)
def test_bad_required_values(
    tmp_path: Path, replace: str, by: str, rule: str, field: str, words: str
) -> None:
    text = MINIMAL.replace(replace, by)
    assert text != MINIMAL
    err = error_for(tmp_path, text)
    assert (err.rule, err.field) == (rule, field)
    assert err.line == line_of(text, by.split(" =")[0] + " =")
    assert words in err.message
    assert err.path is not None and err.path.endswith("podcast.toml")


@pytest.mark.parametrize(
    ("extra", "rule", "field", "words"),
    [
        ('type = "weekly"', "SHOW-009", "type", "episodic, serial"),
        ('medium = "radio"', "SHOW-009", "medium", "expected one of"),
        ('guid = "not-a-uuid"', "SHOW-010", "guid", "not a UUID"),
        ('guid = "ead4c236-bf58-58c6-a2c6-a6b28d128cb6"', "SHOW-010", "guid", "namespace"),
        ('timezone = "Mars/Olympus"', "SHOW-011", "timezone", "IANA"),
        (
            'owner = { name = "M", email = "maren-at-example" }',
            "SHOW-012",
            "owner.email",
            "not an email",
        ),
        ("owner = { name = 'M' }", "SHOW-004", "owner.email", "missing required key"),
        ("max_items = 0", "SHOW-014", "max_items", "≥ 1"),
        ("max_items = 2.5", "SHOW-005", "max_items", "an integer"),
        ('feed_url = "feed.xml"', "SHOW-008", "feed_url", "absolute URL"),
        ('media_prefix = "ftp://media.example.org/"', "SHOW-008", "media_prefix", "absolute"),
        (
            'location = { name = "Nowhere", geo = "51.4,-2.5" }',
            "SHOW-016",
            "location.geo",
            "geo URI",
        ),
        (
            'location = { name = "London", country = "UK" }',
            "SHOW-016",
            "location.country",
            "ISO 3166",
        ),
        ('location = { name = "Bath", osm = "X12" }', "SHOW-016", "location.osm", "OSM"),
        ('location = { name = "Bath", rel = "home" }', "SHOW-009", "location.rel", "subject"),
        (
            'chat = { server = "irc.example.org", protocol = "slack" }',
            "SHOW-009",
            "chat.protocol",
            "irc",
        ),
        ("block = { myspace = true }", "SHOW-009", "block.myspace", "service slug"),
        (
            'update_frequency = { text = "Weekly", dtstart = "next monday" }',
            "SHOW-013",
            "update_frequency.dtstart",
            "ISO 8601",
        ),
        ("fields = { guid = 3 }", "SHOW-005", "fields.guid", "a string"),
        ('description = "' + "x" * 4001 + '"', "SHOW-015", "description", "4000"),
        (
            'persons = [{ name = "Ann", href = "http://ann.example.org/" }]',
            "SHOW-008",
            "persons[0].href",
            "https",
        ),
    ],
)
def test_bad_optional_values(tmp_path: Path, extra: str, rule: str, field: str, words: str) -> None:
    key = extra.split(" =")[0]
    # A key already in the minimal file is replaced, so TOML sees it only once.
    kept = [line for line in MINIMAL.splitlines() if not line.startswith(key + " =")]
    text = "\n".join([*kept, extra]) + "\n"
    err = error_for(tmp_path, text)
    assert (err.rule, err.field) == (rule, field)
    assert err.line == line_of(text, key + " =")
    assert words in err.message


def test_bad_trailer_date_points_at_its_line(tmp_path: Path) -> None:
    text = MINIMAL + (
        '\n[[trailers]]\ntitle = "Soon"\nurl = "https://kettle.example.org/t.mp3"\n'
        'pubdate = "the first of May"\n'
    )
    err = error_for(tmp_path, text)
    assert (err.rule, err.field) == ("SHOW-013", "trailers[0].pubdate")
    assert err.line == line_of(text, "pubdate")


def test_second_array_table_line(tmp_path: Path) -> None:
    text = MINIMAL + (
        '\n[[persons]]\nname = "Ann"\nimg = "https://ann.example.org/a.jpg"\n'
        '\n[[persons]]\nname = "Bob"\nimg = "bob.jpg"\n'
    )
    err = error_for(tmp_path, text)
    assert (err.rule, err.field) == ("SHOW-008", "persons[1].img")
    assert err.line == line_of(text, 'img = "bob.jpg"')


def test_every_rule_is_documented() -> None:
    import podfeed.show as module

    assert module.__doc__ is not None
    for rule in SHOW_RULES:
        assert rule in module.__doc__


# --- Categories ------------------------------------------------------------------------------


def test_apple_category_table() -> None:
    assert len(APPLE_CATEGORIES) == 19
    assert sum(len(subs) for subs in APPLE_CATEGORIES.values()) == 91
    assert is_apple_category("Religion & Spirituality/Religion")
    assert is_apple_category("Education/How To")
    assert not is_apple_category("Education/How-To")
    assert not is_apple_category("Kids & family")
    assert is_obsolete_category("Health/Mental Health") and not is_obsolete_category("Arts/Food")


def test_trailer_date_only_is_midnight_utc(tmp_path: Path) -> None:
    text = MINIMAL + (
        '\n[[trailers]]\ntitle = "Soon"\nurl = "https://kettle.example.org/t.mp3"\n'
        "pubdate = 2026-05-01\n"
    )
    (trailer,) = load_show(write(tmp_path, text)).trailers
    assert trailer.pubdate == datetime(2026, 5, 1, tzinfo=UTC)
