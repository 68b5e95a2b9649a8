"""render_feed: the RSS it writes, read back by feedparser, podcastparser and lxml."""

from __future__ import annotations

import html
import io
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import feedparser
import podcastparser
import pytest
from build_show import code_show
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from podfeed.chapters import clean_chapters
from podfeed.errors import DocumentError
from podfeed.ext import ATOM_NS, CONTENT_NS, ITUNES_NS, PODCAST_NS, PSC_NS, ItemFrame
from podfeed.ext.psc import PscEntryExtension
from podfeed.feed import (
    ItemRenderer,
    _entry,
    _fill,
    episode_guid,
    episode_slug,
    media_type,
    render_feed,
)
from podfeed.model import (
    AlternateEnclosure,
    Chapter,
    Chat,
    ContentLink,
    Enclosure,
    Episode,
    Funding,
    Image,
    Integrity,
    Live,
    Location,
    Person,
    SocialInteract,
    Soundbite,
    Source,
    Transcript,
    Txt,
    Value,
    ValueRecipient,
    ValueTimeSplit,
)
from podfeed.show import Show, load_show

DATA = Path(__file__).parent / "data" / "show"
NS = {
    "itunes": ITUNES_NS,
    "podcast": PODCAST_NS,
    "psc": PSC_NS,
    "content": CONTENT_NS,
    "atom": ATOM_NS,
}


def make_show(**changes: Any) -> Show:
    return code_show(
        **{"categories": ("Leisure/Crafts", "Leisure/Hobbies", "Technology")} | changes
    )


def make_episode(n: int, **changes: Any) -> Episode:
    values: dict[str, Any] = dict(
        title=f"Episode {n}: a repair",
        date=datetime(2026, 1, 1, 9, 30, tzinfo=UTC) + timedelta(days=7 * n),
        guid=f"bench-{n:04d}",
        link=f"https://bench.example.org/episodes/{n}/",
        summary=f"Summary of episode {n}.",
        content_html=f"<p>Notes for <strong>episode {n}</strong>.</p>",
        audio=Enclosure(f"https://media.example.org/{n}.mp3", 1_000_000 + n, "audio/mpeg"),
        duration=1800.4 + n,
    )
    values.update(changes)
    return Episode(**values)


CHAPTERS = (
    Chapter(0, "Cold open"),
    Chapter(65.5, "The kettle"),
    Chapter(3725.25, "Past the hour", url="https://kettles.example.org/"),
)


def parse(data: bytes) -> etree._Element:
    return etree.fromstring(data)


def items(root: etree._Element) -> list[etree._Element]:
    return list(root.iter("item"))


# --- Interop ---------------------------------------------------------------------------------


def test_feedparser_reads_every_episode() -> None:
    episodes = [make_episode(n, chapters=CHAPTERS if n == 2 else ()) for n in range(1, 4)]
    data = render_feed(make_show(), episodes)
    parsed = feedparser.parse(data)
    assert not parsed.bozo
    assert parsed.feed.title == "Workbench Weekly"
    assert parsed.feed.link == "https://bench.example.org/"
    assert parsed.feed.language == "en"
    assert parsed.feed.image.href == "https://bench.example.org/cover.jpg"
    by_id = {entry.id: entry for entry in parsed.entries}
    assert list(by_id) == ["bench-0003", "bench-0002", "bench-0001"]
    for episode in episodes:
        entry = by_id[episode.guid or ""]
        assert entry.title == episode.title
        assert entry.guidislink is False
        assert entry.link == episode.link
        assert episode.audio is not None
        (enclosure,) = entry.enclosures
        assert enclosure.href == episode.audio.url
        assert int(enclosure.length) == episode.audio.length
        assert enclosure.type == "audio/mpeg"
        assert entry.itunes_duration == str(round(episode.duration or 0))
        assert datetime(*entry.published_parsed[:6], tzinfo=UTC) == episode.date
        assert entry.summary == episode.summary
    chapters = by_id["bench-0002"].psc_chapters.chapters
    assert [c.title for c in chapters] == ["Cold open", "The kettle", "Past the hour"]
    assert [c.start_parsed.total_seconds() for c in chapters] == [0, 65.5, 3725.25]
    assert chapters[2].href == "https://kettles.example.org/"


def test_podcastparser_reads_every_episode() -> None:
    episodes = [make_episode(n, chapters=CHAPTERS) for n in range(1, 4)]
    data = render_feed(make_show(), episodes)
    parsed = podcastparser.parse("https://bench.example.org/feed.xml", io.BytesIO(data))
    assert parsed["title"] == "Workbench Weekly"
    assert parsed["itunes_categories"] == [["Leisure", "Crafts", "Hobbies"], ["Technology"]]
    assert parsed["explicit"] is False
    got = {e["guid"]: e for e in parsed["episodes"]}
    assert set(got) == {e.guid for e in episodes}
    for episode in episodes:
        entry = got[episode.guid]
        assert entry["title"] == episode.title
        assert entry["published"] == int(episode.date.timestamp())
        assert entry["total_time"] == round(episode.duration or 0)
        assert episode.audio is not None
        assert entry["enclosures"] == [
            {"url": episode.audio.url, "file_size": episode.audio.length, "mime_type": "audio/mpeg"}
        ]
        assert [(c["start"], c["title"]) for c in entry["chapters"]] == [
            (0, "Cold open"),
            (65, "The kettle"),
            (3725, "Past the hour"),
        ]


def test_sample_show_round_trips_through_both_parsers() -> None:
    from podfeed.reader import load_episodes

    folder = Path(__file__).parent.parent / "episodes"
    show = load_show(folder)
    episodes = [e for e in load_episodes(folder) if not e.draft]
    data = render_feed(show, episodes)
    guids = {episode_guid(e, show) for e in episodes}
    assert {e.id for e in feedparser.parse(data).entries} == guids
    parsed = podcastparser.parse(show.feed_url, io.BytesIO(data))
    assert {e["guid"] for e in parsed["episodes"]} == guids
    with_chapters = {episode_guid(e, show): len(e.chapters) for e in episodes}
    for entry in parsed["episodes"]:
        assert len(entry.get("chapters", [])) == with_chapters[entry["guid"]]


# --- Determinism and order -------------------------------------------------------------------


def test_output_is_byte_identical_for_the_same_input() -> None:
    episodes = [make_episode(n, chapters=CHAPTERS) for n in range(5)]
    assert render_feed(make_show(), episodes) == render_feed(make_show(), list(episodes))


def test_last_build_date_is_the_newest_episode_and_no_clock_tags() -> None:
    episodes = [make_episode(1), make_episode(7), make_episode(3)]
    root = parse(render_feed(make_show(), episodes))
    channel = root.find("channel")
    assert channel is not None
    assert channel.findtext("lastBuildDate") == "Thu, 19 Feb 2026 09:30:00 +0000"
    assert channel.find("docs") is None
    assert channel.findtext("generator") == "podfeed"
    assert [i.findtext("guid") for i in items(root)] == ["bench-0007", "bench-0003", "bench-0001"]


def test_empty_feed_has_no_last_build_date() -> None:
    root = parse(render_feed(make_show(), []))
    assert root.find("channel/lastBuildDate") is None
    assert root.find("channel/title") is not None


def test_xml_declaration_and_rss_root() -> None:
    data = render_feed(make_show(), [make_episode(1)])
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<rss ')
    assert parse(data).get("version") == "2.0"


def test_max_items_keeps_the_newest() -> None:
    episodes = [make_episode(n) for n in range(6)]
    root = parse(render_feed(make_show(max_items=2), episodes))
    assert [i.findtext("guid") for i in items(root)] == ["bench-0005", "bench-0004"]


# --- Namespaces ------------------------------------------------------------------------------


def test_namespaces_have_conventional_prefixes_and_appear_only_when_used() -> None:
    bare = make_episode(1, content_html="", chapters=())
    root = parse(render_feed(make_show(), [bare]))
    assert root.nsmap == {"itunes": ITUNES_NS, "podcast": PODCAST_NS, "atom": ATOM_NS}
    full = make_episode(2, chapters=CHAPTERS)
    root = parse(render_feed(make_show(), [full]))
    assert root.nsmap == NS
    # Declared once, on <rss>.
    assert all(element.nsmap == root.nsmap for element in root.iter("item"))


# --- Channel ---------------------------------------------------------------------------------


def test_channel_apple_tags() -> None:
    show = make_show(copyright="Ada Bench")
    channel = parse(render_feed(show, [make_episode(1)])).find("channel")
    assert channel is not None
    self_link = channel.find("atom:link", NS)
    assert self_link is not None
    assert (self_link.get("href"), self_link.get("rel"), self_link.get("type")) == (
        "https://bench.example.org/feed.xml",
        "self",
        "application/rss+xml",
    )
    assert channel.findtext("link") == "https://bench.example.org/"
    assert channel.findtext("copyright") == "Ada Bench"
    assert channel.findtext("itunes:explicit", namespaces=NS) == "false"
    assert channel.findtext("itunes:type", namespaces=NS) == "episodic"
    assert channel.findtext("itunes:author", namespaces=NS) == "Ada Bench"
    image = channel.find("itunes:image", NS)
    assert image is not None and image.get("href") == "https://bench.example.org/cover.jpg"
    categories = [
        (c.get("text"), [s.get("text") for s in c.findall("itunes:category", NS)])
        for c in channel.findall("itunes:category", NS)
    ]
    assert categories == [("Leisure", ["Crafts", "Hobbies"]), ("Technology", [])]
    assert channel.findtext("podcast:guid", namespaces=NS) == show.channel_guid
    assert channel.findtext("podcast:locked", namespaces=NS) == "no"
    assert channel.find("itunes:owner", NS) is None


def test_channel_tags_from_the_full_show() -> None:
    show = load_show(DATA / "full")
    channel = parse(render_feed(show, [make_episode(1)])).find("channel")
    assert channel is not None

    def one(path: str) -> etree._Element:
        element = channel.find(path, NS)
        assert element is not None, path
        return element

    assert channel.findtext("language") == "de-AT"
    assert one("atom:link").get("href") == "https://feeds.nightshift.example.net/radio.xml"
    assert channel.findtext("itunes:explicit", namespaces=NS) == "true"
    assert channel.findtext("itunes:type", namespaces=NS) == "serial"
    assert channel.findtext("itunes:owner/itunes:email", namespaces=NS) == (
        "ilse@nightshift.example.net"
    )
    assert channel.findtext("itunes:owner/itunes:name", namespaces=NS) == "Ilse Varga"
    assert channel.findtext("itunes:new-feed-url", namespaces=NS) == (
        "https://feeds.nightshift.example.net/radio-new.xml"
    )
    assert channel.find("itunes:block", NS) is None  # only Spotify is blocked
    assert channel.find("itunes:complete", NS) is None
    assert channel.findtext("podcast:guid", namespaces=NS) == "917393e3-1b1e-5cef-ace4-edaa54e1f810"
    locked = one("podcast:locked")
    assert (locked.text, locked.get("owner")) == ("yes", "ilse@nightshift.example.net")
    assert one("podcast:funding").get("url") == "https://nightshift.example.net/support"
    assert [p.text for p in channel.findall("podcast:person", NS)] == ["Ilse Varga", "Tomasz Berg"]
    location = one("podcast:location")
    assert (location.text, location.get("geo"), location.get("osm"), location.get("country")) == (
        "Graz",
        "geo:47.0707,15.4395",
        "R34861",
        "AT",
    )
    trailer = one("podcast:trailer")
    assert trailer.get("pubdate") == "Sun, 01 Feb 2026 18:00:00 +0100"
    assert (trailer.get("length"), trailer.get("season")) == ("1234567", "1")
    license_ = one("podcast:license")
    assert license_.get("url") == "https://nightshift.example.net/license"
    assert channel.findtext("podcast:medium", namespaces=NS) == "podcast"
    value = one("podcast:value")
    assert (value.get("type"), value.get("suggested")) == ("lightning", "0.00000005")
    recipients = value.findall("podcast:valueRecipient", NS)
    assert [(r.get("split"), r.get("fee")) for r in recipients] == [("95", None), ("5", "true")]
    blocks = [(b.get("id"), b.text) for b in channel.findall("podcast:block", NS)]
    assert blocks == [("spotify", "yes"), ("apple", "no")]
    txts = [(t.get("purpose"), t.text) for t in channel.findall("podcast:txt", NS)]
    assert txts == [(None, "plain note"), ("verify", "verify-me-123")]
    remote = one("podcast:remoteItem")
    assert (remote.get("medium"), remote.get("itemGuid")) == ("music", "pc20-episode-1")
    podroll = one("podcast:podroll").findall("podcast:remoteItem", NS)
    assert [r.get("feedUrl") for r in podroll] == ["https://podnews.net/rss"]
    frequency = one("podcast:updateFrequency")
    assert (frequency.text, frequency.get("dtstart"), frequency.get("complete")) == (
        "Every other Friday",
        "2026-01-02",
        "false",
    )
    assert one("podcast:podping").get("usesPodping") == "true"
    chat = one("podcast:chat")
    assert (chat.get("protocol"), chat.get("accountId"), chat.get("space")) == (
        "irc",
        "@ilse",
        "#radio",
    )
    publisher = one("podcast:publisher/podcast:remoteItem")
    assert publisher.get("medium") == "publisher"
    assert one("podcast:socialInteract").get("priority") == "1"
    image = one("podcast:image")
    assert (image.get("aspect-ratio"), image.get("width"), image.get("purpose")) == (
        "4/1",
        "3000",
        "banner",
    )


def test_itunes_block_and_complete_are_yes() -> None:
    from podfeed.show import Block

    channel = parse(render_feed(make_show(block=(Block(),), complete=True), [])).find("channel")
    assert channel is not None
    assert channel.findtext("itunes:block", namespaces=NS) == "Yes"
    assert channel.findtext("itunes:complete", namespaces=NS) == "Yes"
    assert channel.findtext("podcast:block", namespaces=NS) == "yes"


# --- Items -----------------------------------------------------------------------------------


def only_item(episode: Episode, show: Show | None = None) -> etree._Element:
    (item,) = items(parse(render_feed(show or make_show(), [episode])))
    return item


def test_item_itunes_tags() -> None:
    episode = make_episode(
        3,
        number=12,
        season=2,
        episode_type="bonus",
        explicit=True,
        author="Guest Host",
        image="https://bench.example.org/ep3.jpg",
    )
    item = only_item(episode)
    assert item.findtext("itunes:title", namespaces=NS) == episode.title
    assert item.findtext("itunes:duration", namespaces=NS) == "1803"
    assert item.findtext("itunes:episode", namespaces=NS) == "12"
    assert item.findtext("itunes:season", namespaces=NS) == "2"
    assert item.findtext("itunes:episodeType", namespaces=NS) == "bonus"
    assert item.findtext("itunes:explicit", namespaces=NS) == "true"
    assert item.findtext("itunes:author", namespaces=NS) == "Guest Host"
    image = item.find("itunes:image", NS)
    assert image is not None and image.get("href") == "https://bench.example.org/ep3.jpg"
    assert item.findtext("podcast:episode", namespaces=NS) == "12"
    assert item.findtext("podcast:season", namespaces=NS) == "2"
    assert item.find("author") is None  # RSS <author> must be an email; itunes:author is used


def test_item_defaults() -> None:
    item = only_item(make_episode(1, episode_type=None, explicit=None, number=0))
    assert item.findtext("itunes:episodeType", namespaces=NS) == "full"
    assert item.find("itunes:explicit", NS) is None
    assert item.find("itunes:episode", NS) is None  # Apple wants a non-zero number
    assert item.findtext("podcast:episode", namespaces=NS) == "0"


def test_pubdate_is_rfc2822_with_the_episode_offset() -> None:
    from datetime import timezone

    when = datetime(2026, 3, 5, 18, 0, tzinfo=timezone(timedelta(hours=1)))
    assert only_item(make_episode(1, date=when)).findtext("pubDate") == (
        "Thu, 05 Mar 2026 18:00:00 +0100"
    )


def test_guid_is_permalink_only_when_it_is_the_episode_url() -> None:
    url = "https://bench.example.org/episodes/9/"
    guid = only_item(make_episode(9, guid=url, link=url)).find("guid")
    assert guid is not None and (guid.text, guid.get("isPermaLink")) == (url, "true")
    guid = only_item(make_episode(9)).find("guid")
    assert guid is not None and guid.get("isPermaLink") == "false"


def test_enclosure_type_from_the_extension_and_unknown_length() -> None:
    audio = Enclosure("https://media.example.org/show/ep.m4a")
    enclosure = only_item(make_episode(1, audio=audio)).find("enclosure")
    assert enclosure is not None
    assert (enclosure.get("type"), enclosure.get("length")) == ("audio/x-m4a", "0")
    assert media_type("https://x.example.org/a.MP3?x=1") == "audio/mpeg"
    assert media_type("https://x.example.org/a") is None


def test_description_derived_from_the_notes_when_no_summary() -> None:
    notes = "<p>First &amp; foremost.</p>\n<ul><li>one</li><li>two</li></ul>"
    item = only_item(make_episode(1, summary=None, content_html=notes))
    assert item.findtext("description") == "First & foremost.\none\ntwo"


def test_long_summary_is_cut_to_4000_bytes() -> None:
    item = only_item(make_episode(1, summary="ünïcödé " * 1000))
    description = item.findtext("description") or ""
    assert len(description.encode()) <= 4000 and description.endswith("…")


def test_notes_are_sanitized_and_links_made_absolute() -> None:
    notes = (
        '<p onclick="steal()">Hi <a href="../parts/">parts</a></p>'
        '<script>alert(1)</script><iframe src="https://evil.example/">frame</iframe>'
        '<style>p{}</style><div class="x"><img src="pic.png" onerror="x()"></div>'
    )
    item = only_item(make_episode(4, content_html=notes))
    content = item.findtext("content:encoded", namespaces=NS) or ""
    assert "script" not in content and "alert" not in content and "iframe" not in content
    assert "onclick" not in content and "onerror" not in content and "style" not in content
    assert 'href="https://bench.example.org/episodes/parts/"' in content
    assert 'src="https://bench.example.org/episodes/4/pic.png"' in content
    # Without an episode link, relative links resolve against the show's base_url.
    item = only_item(make_episode(4, link=None, content_html='<a href="notes/4">n</a>'))
    assert 'href="https://bench.example.org/notes/4"' in (
        item.findtext("content:encoded", namespaces=NS) or ""
    )


def test_cdata_end_and_control_characters_in_notes() -> None:
    notes = "<p>Arrays: a[b[0]]>c and \x00bell\x07 \x1b[0m</p>"
    title = "Escape\x0b sequences ]]> & <friends>"
    data = render_feed(make_show(), [make_episode(1, title=title, content_html=notes)])
    assert b"<![CDATA[" in data
    root = parse(data)  # well-formed despite "]]>" and control characters
    (item,) = items(root)
    assert item.findtext("title") == "Escape sequences ]]> & <friends>"
    content = item.findtext("content:encoded", namespaces=NS) or ""
    assert "a[b[0]]&gt;c" in content
    assert "\x00" not in content and "\x07" not in content and "\x1b" not in content
    entry = feedparser.parse(data).entries[0]
    # HTML: "&gt;" is ">" to the app that renders it.
    assert "a[b[0]]&gt;c" in entry.content[0].value
    assert entry.title == "Escape sequences ]]> & <friends>"


def test_every_podcast_item_tag() -> None:
    episode = make_episode(
        5,
        chapters=CHAPTERS,
        transcripts=(
            Transcript("https://bench.example.org/t/5.vtt", language="en"),
            Transcript("https://bench.example.org/t/5.srt"),
            Transcript("https://bench.example.org/t/5.json", rel="captions"),
            Transcript("https://bench.example.org/t/5.html"),
            Transcript("https://bench.example.org/t/5.txt"),
            Transcript("https://bench.example.org/t/5", type="text/vtt"),
        ),
        persons=(
            Person("Ada Bench", "host"),
            Person(
                "Grace Guest",
                "guest",
                "cast",
                "https://g.example.org/",
                "https://g.example.org/g.jpg",
            ),
        ),
        soundbites=(Soundbite(73.0, 60.5, "The best bit"), Soundbite(1200, 30)),
        location=Location("Leeds", "geo:53.8,-1.55", rel="subject", country="GB"),
        license="CC-BY-4.0",
        alternate_enclosures=(
            AlternateEnclosure(
                "audio/opus",
                (
                    Source("https://media.example.org/5.opus"),
                    Source("ipfs://QmX5", content_type="audio/opus"),
                ),
                length=400000,
                bitrate=128000.5,
                title="Opus",
                default=False,
                integrity=Integrity("sri", "sha384-abc"),
            ),
        ),
        values=(
            Value(
                "lightning",
                "keysend",
                (ValueRecipient("node", "02abc", 100, name="Ada"),),
                time_splits=(
                    ValueTimeSplit(
                        60,
                        120,
                        remote_feed_guid="917393e3-1b1e-5cef-ace4-edaa54e1f810",
                        remote_percentage=50.0,
                    ),
                ),
            ),
        ),
        social_interacts=(SocialInteract("activitypub", "https://social.example.org/@b/5", "@b"),),
        txts=(Txt("ai: false", "ai-content"),),
        images=(
            Image(
                "https://bench.example.org/5-wide.jpg", alt="Wide", aspect_ratio="16/9", width=1920
            ),
        ),
        funding=(Funding("https://bench.example.org/tip", "Tip jar"),),
        chat=Chat("matrix.example.org", "matrix", "@ada", "#bench"),
        content_links=(ContentLink("https://video.example.org/5", "Watch it"),),
    )
    item = only_item(episode)

    def all_(tag: str) -> list[etree._Element]:
        return item.findall(f"podcast:{tag}", NS)

    assert [(t.get("type"), t.get("language"), t.get("rel")) for t in all_("transcript")] == [
        ("text/vtt", "en", None),
        ("application/x-subrip", None, None),
        ("application/json", None, "captions"),
        ("text/html", None, None),
        ("text/plain", None, None),
        ("text/vtt", None, None),
    ]
    (chapters,) = all_("chapters")
    assert chapters.get("url") == "https://bench.example.org/chapters/episode-5-a-repair.json"
    assert chapters.get("type") == "application/json+chapters"
    assert [(s.get("startTime"), s.get("duration"), s.text) for s in all_("soundbite")] == [
        ("73", "60.5", "The best bit"),
        ("1200", "30", None),
    ]
    assert [(p.text, p.get("role"), p.get("href")) for p in all_("person")] == [
        ("Ada Bench", "host", None),
        ("Grace Guest", "guest", "https://g.example.org/"),
    ]
    (location,) = all_("location")
    assert (location.text, location.get("rel"), location.get("country")) == (
        "Leeds",
        "subject",
        "GB",
    )
    assert item.findtext("podcast:license", namespaces=NS) == "CC-BY-4.0"
    (alt,) = all_("alternateEnclosure")
    assert (alt.get("type"), alt.get("length"), alt.get("bitrate"), alt.get("default")) == (
        "audio/opus",
        "400000",
        "128000.5",
        "false",
    )
    assert [s.get("uri") for s in alt.findall("podcast:source", NS)] == [
        "https://media.example.org/5.opus",
        "ipfs://QmX5",
    ]
    integrity = alt.find("podcast:integrity", NS)
    assert integrity is not None and integrity.get("value") == "sha384-abc"
    (value,) = all_("value")
    assert value.find("podcast:valueRecipient", NS) is not None
    split = value.find("podcast:valueTimeSplit", NS)
    assert split is not None
    assert (split.get("startTime"), split.get("duration"), split.get("remotePercentage")) == (
        "60",
        "120",
        "50",
    )
    remote = split.find("podcast:remoteItem", NS)
    assert remote is not None and remote.get("feedGuid", "").startswith("917393e3")
    assert all_("socialInteract")[0].get("accountId") == "@b"
    assert (all_("txt")[0].get("purpose"), all_("txt")[0].text) == ("ai-content", "ai: false")
    assert all_("image")[0].get("aspect-ratio") == "16/9"
    assert (all_("funding")[0].get("url"), all_("funding")[0].text) == (
        "https://bench.example.org/tip",
        "Tip jar",
    )
    assert all_("chat")[0].get("space") == "#bench"
    assert (all_("contentLink")[0].get("href"), all_("contentLink")[0].text) == (
        "https://video.example.org/5",
        "Watch it",
    )


def test_chapters_urls_mapping_is_used() -> None:
    episode = make_episode(2, chapters=CHAPTERS)
    url = "https://cdn.example.org/ch/2.json"
    item = only_item_with(episode, {"bench-0002": url})
    chapters = item.find("podcast:chapters", NS)
    assert chapters is not None and chapters.get("url") == url


def only_item_with(episode: Episode, urls: dict[str, str]) -> etree._Element:
    (item,) = items(parse(render_feed(make_show(), [episode], chapters_urls=urls)))
    return item


def test_psc_leaves_out_silent_chapters_and_time_jumps() -> None:
    chapters = (
        Chapter(0, "Intro", url="https://video.example.org/watch?v=abc&t=0"),
        Chapter(30, "Sponsor", toc=False),
        Chapter(90, "Main", url="https://video.example.org/watch?v=abc&t=90"),
    )
    item = only_item(make_episode(1, chapters=chapters))
    psc = item.findall("psc:chapters/psc:chapter", NS)
    assert [(c.get("start"), c.get("title"), c.get("href")) for c in psc] == [
        ("00:00:00.000", "Intro", None),
        ("00:01:30.000", "Main", None),
    ]


def test_live_item() -> None:
    start = datetime(2026, 6, 1, 19, 0, tzinfo=UTC)
    live = make_episode(
        9,
        live=Live("pending", start, start + timedelta(hours=1)),
        content_links=(ContentLink("https://live.example.org/bench", "Watch live"),),
    )
    root = parse(render_feed(make_show(), [make_episode(1), live]))
    assert [i.findtext("guid") for i in items(root)] == ["bench-0001"]
    (element,) = root.findall("channel/podcast:liveItem", NS)
    assert element.get("status") == "pending"
    assert element.get("start") == "2026-06-01T19:00:00+00:00"
    assert element.get("end") == "2026-06-01T20:00:00+00:00"
    assert element.findtext("title") == live.title
    assert element.findtext("guid") == "bench-0009"
    link = element.find("podcast:contentLink", NS)
    assert link is not None and link.get("href") == "https://live.example.org/bench"
    assert element.find("enclosure") is not None


# --- guid and slug ---------------------------------------------------------------------------


def test_episode_guid_from_front_matter_wins() -> None:
    assert episode_guid(make_episode(1, guid="my-own-guid"), make_show()) == "my-own-guid"


def test_episode_guid_derived_from_the_path_not_the_title(tmp_path: Path) -> None:
    show = make_show(folder=tmp_path)
    path = tmp_path / "2026" / "kettle.md"
    first = make_episode(1, guid=None, source_path=path)
    renamed = make_episode(1, guid=None, source_path=path, title="A new title", summary=None)
    expected = str(uuid.uuid5(uuid.UUID(show.channel_guid), "2026/kettle"))
    assert episode_guid(first, show) == expected == episode_guid(renamed, show)
    moved = make_episode(1, guid=None, source_path=tmp_path / "kettle.md")
    assert episode_guid(moved, show) == str(uuid.uuid5(uuid.UUID(show.channel_guid), "kettle"))
    # A document outside the show folder is named by its file stem alone.
    outside = make_show(folder=tmp_path / "elsewhere")
    assert episode_guid(first, outside) == str(uuid.uuid5(uuid.UUID(show.channel_guid), "kettle"))


def test_episode_guid_for_code_built_episodes() -> None:
    show = make_show()
    episode = make_episode(1, guid=None)
    assert episode.audio is not None
    assert episode_guid(episode, show) == str(
        uuid.uuid5(uuid.UUID(show.channel_guid), episode.audio.url)
    )
    with pytest.raises(DocumentError) as info:
        episode_guid(make_episode(1, guid=None, audio=None), show)
    assert info.value.rule == "FEED-001" and info.value.field == "guid"


def test_episode_slug() -> None:
    assert episode_slug(make_episode(1, source_path=Path("shows/2026-01-12-first.md"))) == (
        "2026-01-12-first"
    )
    assert episode_slug(make_episode(1, title="Ça va? Kettles & Kilns!")) == "ca-va-kettles-kilns"
    assert episode_slug(make_episode(1, title="???")) == "episode"


# --- Streaming writer ------------------------------------------------------------------------


def test_notes_the_sanitizer_empties_leave_no_content_namespace() -> None:
    # The writer first guesses "content" is used (the episode has notes), then sees that the
    # sanitizer left nothing and writes the feed again without the declaration.
    episode = make_episode(1, content_html="<script>alert(1)</script>")
    data = render_feed(make_show(), [episode])
    root = parse(data)
    assert "content" not in root.nsmap
    (item,) = items(root)
    assert item.find("content:encoded", NS) is None
    assert item.findtext("description") == "Summary of episode 1."
    assert b"xmlns:content" not in data


def test_psc_titles_and_links_with_markup_characters_round_trip() -> None:
    title = 'Q&A: "live" <now>\nnext\tline\r\x07end'
    url = 'https://links.example.org/a?b=1&c="2"'
    chapters = (
        Chapter(0, title, url=url, img="https://img.example.org/x<y>.png"),
        Chapter(60, "Plain"),
    )
    data = render_feed(make_show(), [make_episode(1, chapters=chapters)])
    (item,) = items(parse(data))
    first, second = item.findall("psc:chapters/psc:chapter", NS)
    assert first.get("title") == 'Q&A: "live" <now>\nnext\tline\rend'
    assert first.get("href") == url
    assert first.get("image") == "https://img.example.org/x<y>.png"
    assert (second.get("start"), second.get("title")) == ("00:01:00.000", "Plain")
    chapters_read = feedparser.parse(data).entries[0].psc_chapters.chapters
    assert chapters_read[0].title == 'Q&A: "live" <now>\nnext\tline\rend'


def test_item_frame_writes_items_as_the_whole_tree_would() -> None:
    from podfeed.ext import NAMESPACES, ItemFrame

    def item(n: int) -> etree._Element:
        element = etree.Element("item")  # feedgen builds each item in a document of its own
        etree.SubElement(element, "title").text = f"Item {n} & <more>"
        etree.SubElement(element, f"{{{CONTENT_NS}}}encoded").text = etree.CDATA("<p>x\ny</p>")
        chapters = etree.SubElement(element, f"{{{PSC_NS}}}chapters", version="1.2")
        etree.SubElement(chapters, f"{{{PSC_NS}}}chapter", start="00:00:00.000", title="é")
        etree.SubElement(element, f"{{{ITUNES_NS}}}duration").text = str(n)
        return element

    root = etree.Element("rss", nsmap=NAMESPACES)
    channel = etree.SubElement(root, "channel")
    etree.SubElement(channel, "title").text = "Show"
    for n in range(3):
        channel.append(item(n))
    whole = etree.tostring(root, encoding="UTF-8", pretty_print=True)
    frame = ItemFrame()
    pieces = b"".join(frame.dump(item(n)) for n in range(3))
    assert pieces.startswith(b"    <item>\n") and pieces.endswith(b"    </item>\n")
    assert b"xmlns" not in pieces
    assert whole.index(pieces) == whole.index(b"    <item>")
    assert whole.endswith(pieces + b"  </channel>\n</rss>\n")


def test_chapters_url_quotes_the_slug_and_joins_base_url() -> None:
    from podfeed.feed import chapters_url

    episode = make_episode(1, source_path=Path("shows/my ep ü.md"), chapters=CHAPTERS)
    assert chapters_url(episode, make_show(base_url="https://x.example.org/pod/")) == (
        "https://x.example.org/pod/chapters/my%20ep%20%C3%BC.json"
    )
    # Show gives base_url its trailing slash; a query on it is not kept.
    show = make_show(base_url="https://x.example.org/pod?x=1")
    assert chapters_url(episode, show) == urljoin(show.base_url, "chapters/my%20ep%20%C3%BC.json")


@pytest.mark.parametrize(
    "source", ["shows/my ep ü.md", "a/..md", "x/.hidden", "dir/..", "a/b/c.tar.gz", "a%2F.md", None]
)
def test_chapters_names_are_chapters_file_and_chapters_url(source: str | None) -> None:
    from podfeed.feed import chapters_file, chapters_names, chapters_url

    episode = make_episode(1, source_path=source and Path(source), chapters=CHAPTERS)
    for base in ("https://x.example.org/pod/", "https://x.example.org/pod?x=1"):
        show = make_show(base_url=base)
        names = chapters_names(episode, show)
        assert names == (chapters_file(episode), chapters_url(episode, show))


TRICKY_CHAPTERS = (
    Chapter(0, 'Intro & "hello" <there> > tab\there'),
    Chapter(61.5, "Ünïcode ✓ and a control\x01character", url="https://x.example/?a=1&b=2"),
    Chapter(3600.25, "line\nbreak and\rreturn", img="https://x.example/i.png?w=1&h=2"),
    Chapter(4000, "silent", toc=False),
)


@pytest.mark.parametrize(
    ("chapters", "shown", "escaped"),
    [
        (TRICKY_CHAPTERS, 3, [b"&amp;b=2", b"&#10;", b"&quot;hello&quot; &lt;there&gt; &gt;"]),
        ((Chapter(0, "Plain"), Chapter(90, "Also plain")), 2, []),
    ],
)
def test_psc_chapters_spliced_as_text_read_as_lxml_writes_them(
    chapters: tuple[Chapter, ...], shown: int, escaped: list[bytes]
) -> None:
    # The frame writes psc:chapters as text; the tree path (a live item) parses the same markup.
    dumped = _psc_items(chapters, title="An episode")
    assert dumped[1] == dumped[0]
    assert dumped[1].count(b"<psc:chapter ") == shown
    assert all(text in dumped[1] for text in escaped)


_PSC_TEXT = st.text(st.sampled_from("ab é✓&<>\"'\t\n\r\x01\x7f\ufffe"), max_size=6)
_PSC_CHAPTER = st.builds(
    Chapter,
    st.floats(0, 10**5, allow_nan=False),
    _PSC_TEXT,
    url=st.none() | _PSC_TEXT.map(lambda t: "https://x.example/" + t),
    img=st.none() | _PSC_TEXT.map(lambda t: "https://x.example/i" + t),
    toc=st.sampled_from([None, True, False]),
)


@settings(max_examples=300)
@given(st.lists(_PSC_CHAPTER, max_size=5).map(tuple))
def test_psc_text_matches_lxml_for_any_chapters(chapters: tuple[Chapter, ...]) -> None:
    dumped = _psc_items(chapters)
    assert dumped[1] == dumped[0]


def _psc_items(chapters: tuple[Chapter, ...], title: str | None = None) -> list[bytes]:
    """An item with ``chapters`` as psc:chapters, written as elements, then as text."""
    frame = ItemFrame()
    dumped = []
    for framed in (False, True):
        item = etree.Element("item")
        frame.adopt(item)
        if title is not None:
            etree.SubElement(item, "title").text = title
        psc = PscEntryExtension()
        psc.chapters = chapters
        psc.frame = frame if framed else None
        psc.write(item)
        dumped.append(frame.dump(item))
    return dumped


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"content_html": "<p>Ünïcode ✓ — “quotes” and emoji 🎙️</p>\n"},
        {"content_html": "<p>Arrays: a[b[0]]>c]]> and \x00bell\x07 \x1b[0m\x85</p>"},
        {"content_html": "<p>a</p><!-- nh3 --><script>x()</script>", "summary": "S"},
        {"content_html": '<p><a href="rel/">relative, so nh3</a> ]]></p>'},
        {"content_html": "<p>no summary: the notes go in description</p>", "summary": None},
        {"content_html": '<p><img src="https://i.example/a.png" alt="" /></p>', "summary": None},
        {"title": "<content:encoded><![CDATA[]]></content:encoded>", "summary": "]]>"},
        {"content_html": "  \n<p>\ud800lone surrogate</p>\n\n", "chapters": CHAPTERS},
        {"content_html": "\xa0<p>no-break spaces at both ends</p>\xa0"},
        {"content_html": "\u3000<p>ideographic space and \u2003</p>\u2003\n"},
        {"content_html": "<p>© 2026 ]]> \ufeff\uffff</p>\u2028"},
        {"content_html": "\x1c<p>file separator\x1f</p>\x0b", "summary": "S"},
        {"content_html": "<p>🎙️ ends in an emoji</p> 🎙️"},
        {"content_html": "   \n\t "},
        {"summary": "a & b < c > d\r\ne \"q\" 'a' é —", "content_html": "<p>x</p>"},
        {"summary": "-", "title": "<description>-</description>", "link": "https://l.example/-"},
        {"content_html": "<p>Q&amp;A: 1 &lt; 2 &gt; 0\r</p>", "summary": None},
    ],
)
def test_notes_spliced_by_the_frame_match_lxml(changes: dict[str, Any]) -> None:
    # ItemRenderer has the frame write checked notes as bytes; without the frame, lxml does.
    show = make_show()
    episode = make_episode(1, **changes)
    dumped = _dumped_without_and_with_frame(show, episode)
    assert dumped[1] == dumped[0]
    assert ItemRenderer(show).render(episode).data == dumped[0]
    declarations = b" ".join(b'xmlns:%s="%s"' % (p.encode(), u.encode()) for p, u in NS.items())
    item = etree.fromstring(b"<rss %s>%s</rss>" % (declarations, dumped[0]))[0]
    if episode.summary and (episode.content_html or "").strip():
        assert item.findtext("content:encoded", namespaces=NS)


@settings(max_examples=200)
@given(st.text(st.sampled_from("ab -é—&<>\"'\t\n\r\x01\x85\ufffe"), max_size=12), st.booleans())
def test_descriptions_spliced_by_the_frame_match_lxml(text: str, derived: bool) -> None:
    # The frame writes the description as escaped text; without the frame, lxml writes it.
    show = make_show()
    changes = {"summary": None, "content_html": f"<p>{html.escape(text)}</p>"}
    episode = make_episode(1, **(changes if derived else {"summary": text}))
    dumped = _dumped_without_and_with_frame(show, episode)
    assert dumped[1] == dumped[0]


def test_psc_serial_special_matches_the_regular_expression() -> None:
    from podfeed.ext.psc import _SERIAL_SPECIAL, _serial_special

    for text in ["", "plain", "ünï ✓", *(f"a{c}b" for c in '&<>"\t\n\r'), "\x0b\x0c'"]:
        assert _serial_special(text) == (_SERIAL_SPECIAL.search(text) is not None)


def test_an_item_that_fails_leaves_nothing_for_the_next(monkeypatch: pytest.MonkeyPatch) -> None:
    from podfeed.ext.itunes import ItunesEntryExtension

    show = make_show()
    renderer = ItemRenderer(show)
    good = make_episode(2, chapters=CHAPTERS)
    expected = renderer.render(good).data
    # Chapters the caller cleaned already (as a build does) make the same item.
    assert renderer.render(good, chapters=clean_chapters(good, show)).data == expected

    def fail(self: ItunesEntryExtension, item: etree._Element) -> None:
        raise RuntimeError("boom")

    with monkeypatch.context() as patch:
        patch.setattr(ItunesEntryExtension, "write", fail)
        with pytest.raises(RuntimeError):
            renderer.render(make_episode(1, chapters=CHAPTERS))
    assert renderer.render(good).data == expected


# Item text in which every character lxml escapes (or XML cannot hold) turns up.
_ODD = st.text(st.sampled_from("aé✓ &<>\"'\t\n\r\x01\x7f\ufffe"), max_size=5)
_MAYBE = st.none() | _ODD
_NUMBER = st.none() | st.integers(-2, 12)
_EXTRAS = st.fixed_dictionaries(
    {},
    optional={
        "title": _ODD,
        "author": _MAYBE,
        "image": _MAYBE,
        "explicit": st.none() | st.booleans(),
        "season": _NUMBER,
        "number": _NUMBER,
        "episode_type": _MAYBE,
        "license": _MAYBE,
        "duration": st.none() | st.floats(0, 10**5),
        "persons": st.lists(st.builds(Person, _ODD, role=_MAYBE, href=_MAYBE), max_size=2),
        "transcripts": st.lists(
            st.builds(Transcript, st.sampled_from(["https://t.example/a.vtt", "x"]), rel=_MAYBE),
            max_size=2,
        ),
        "soundbites": st.lists(
            st.builds(Soundbite, st.floats(0, 999), st.floats(0, 99), title=_MAYBE), max_size=2
        ),
        "location": st.none() | st.builds(Location, _ODD, geo=_MAYBE),
        "funding": st.lists(st.builds(Funding, _ODD, text=_ODD), max_size=2),
        "images": st.lists(st.builds(Image, _ODD, aspect_ratio=_MAYBE, width=_NUMBER), max_size=2),
        "social_interacts": st.lists(
            st.builds(SocialInteract, _ODD, uri=_MAYBE, priority=_NUMBER), max_size=1
        ),
        "txts": st.lists(st.builds(Txt, _ODD, purpose=_MAYBE), max_size=2),
        "chat": st.none() | st.builds(Chat, _ODD, _ODD, space=_MAYBE),
        "content_links": st.lists(st.builds(ContentLink, _ODD, text=_ODD), max_size=2),
        "chapters": st.sampled_from([(), CHAPTERS]),
        # An item with a podcast:value keeps elements (and splices psc:chapters): both ways.
        "values": st.lists(
            st.builds(
                Value,
                st.just("lightning"),
                st.just("keysend"),
                st.tuples(st.builds(ValueRecipient, _ODD, _ODD, st.integers(0, 100))),
            ),
            max_size=1,
        ),
        "content_html": st.sampled_from(["", "<p>notes</p>", "<p>a ]]> b</p>\n", "<b>x</b>"]),
        "summary": st.none() | st.just("S"),
    },
)


@settings(max_examples=300, deadline=None)
@given(_EXTRAS)
def test_extension_lines_match_the_elements_lxml_writes(extras: dict[str, Any]) -> None:
    # In ItemRenderer the frame has the extensions write text lines; without it, elements.
    show = make_show()
    episode = make_episode(1, **extras)
    frame = ItemFrame()
    namespace = uuid.UUID(show.channel_guid)
    dumped: list[bytes | str] = []
    for framed in (False, True):
        fe = _entry(frame)
        try:
            _fill(fe, episode, show, {}, namespace, frame=frame if framed else None)
            dumped.append(frame.dump(fe.rss_entry()))
        except ValueError as exc:  # no title, description or content: feedgen refuses
            frame.clear()
            dumped.append(str(exc))
    assert dumped[1] == dumped[0]
    if isinstance(dumped[0], bytes):
        assert ItemRenderer(show).render(episode).data == dumped[0]


@settings(max_examples=300, deadline=None)
@given(_EXTRAS, st.none() | _ODD.map(lambda t: "https://c.example/" + t))
def test_podcast_item_lines_match_the_general_lines(
    extras: dict[str, Any], chapters_url: str | None
) -> None:
    # item_lines writes the usual item (at most the chapters link) without Lines.
    from podfeed.ext.podcast import Lines, item_lines, write_item, writes_lines

    episode = make_episode(1, **extras)
    if not writes_lines(episode):
        return
    lines = Lines()
    write_item(lines, episode, chapters_url)
    assert item_lines(episode, chapters_url) == "".join(lines.parts)


def test_the_usual_item_shortcut_knows_every_field_write_item_reads() -> None:
    # item_lines skips write_item when _has_item_tags says there is nothing but the chapters
    # link: a field write_item starts reading must be tested there too, or its tag is lost.
    import ast
    import inspect

    import podfeed.ext.podcast as podcast

    def fields(function: Any, name: str) -> set[str]:
        tree = ast.parse(inspect.getsource(function))
        return {
            node.attr
            for node in ast.walk(tree)
            if isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == name
        }

    written = fields(podcast.write_item, "episode")
    assert written  # the test would prove nothing otherwise
    assert written <= fields(podcast._has_item_tags, "e")


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"keywords": ("repair", "kettles & <tea>", "x\x01y")},
        {"keywords": ("one",), "link": None},
        {"audio": None, "link": None},
        {"audio": Enclosure("https://m.example.org/a.m4a", None, None)},
        {"audio": Enclosure("https://m.example.org/a.bin", 0, None), "link": "urn:x"},
    ],
)
def test_links_and_categories_set_directly_are_what_feedgen_sets(
    changes: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    import podfeed.feed as feed

    show = make_show()
    episode = make_episode(1, **changes)
    namespace = uuid.UUID(show.channel_guid)
    assert feed._untouched(_entry())  # so the direct path is the one taken
    states = []
    for direct in (True, False):
        if not direct:
            monkeypatch.setattr(feed, "_untouched", lambda fe: False)
        fe = _entry()
        _fill(fe, episode, show, {}, namespace)
        # All of feedgen's state but the clock (atom_updated) and the extension objects.
        skip = {"_FeedEntry__atom_updated", "_FeedEntry__extensions"}
        state = vars(fe).items()
        states.append({k: v for k, v in state if k.startswith("_FeedEntry__") and k not in skip})
    assert states[0] == states[1]
    assert all(name in states[0] for name in feed._LINK_STATE)


def test_psc_time_cache_gives_the_computed_text_and_stays_bounded() -> None:
    from podfeed.ext import psc

    values = [0, 0.0, 1, 1.0, True, 59.9995, 3600.25, 86399.999, 10**6, 2**53]
    for value in values:
        assert psc.psc_time(value) == psc._psc_time(value)
    assert psc.psc_time(1.0) == psc.psc_time(1) == psc.psc_time(True) == "00:00:01.000"
    with pytest.raises(ValueError):
        psc.psc_time(float("nan"))
    times = psc._Times()
    times._LIMIT = 3
    for value in range(10):
        assert times[value] == psc._psc_time(value)
        assert len(times) <= 3


def _dumped_without_and_with_frame(show: Show, episode: Episode) -> list[bytes]:
    """The episode's item serialised by lxml alone, then with the frame splicing checked notes."""
    frame = ItemFrame()
    namespace = uuid.UUID(show.channel_guid)
    dumped = []
    for framed in (False, True):
        fe = _entry(frame)
        _fill(fe, episode, show, {}, namespace, frame=frame if framed else None)
        dumped.append(frame.dump(fe.rss_entry()))
    return dumped
