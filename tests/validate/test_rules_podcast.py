"""P20-* rules: the branches of the Podcasting 2.0 checks, on real feed files.

Each test writes a small feed into tmp_path and runs the public ``validate_feed`` on it.
"""

# ruff: noqa: E501 - feed snippets stay one XML element per line, as a feed would have them.
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from podfeed.diagnostics import Finding, Severity
from podfeed.validate import validate_feed
from podfeed.validate.catalog import RULES

CANONICAL = "https://podcastindex.org/namespace/1.0"
LEGACY = "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md"
ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"

_BASE = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="{itunes}" xmlns:{prefix}="{ns}">
  <channel>
    <title>Tidepool Notes</title>
    <link>https://tidepool.example.org/</link>
    <description>Short walks along the shore.</description>
    <{prefix}:guid>c8e9a5a8-4a0f-5a3b-9d2e-2f0c7e4b1a66</{prefix}:guid>
{channel}
    <item>
      <title>Anemones at dawn</title>
      <guid isPermaLink="false">tidepool-1</guid>
      <enclosure url="https://cdn.tidepool.example.org/1.mp3" length="1000" type="audio/mpeg"/>
      <itunes:duration>600</itunes:duration>
{item}
    </item>
  </channel>
</rss>
"""


def feed(
    tmp_path: Path,
    channel: str = "",
    item: str = "",
    *,
    ns: str = CANONICAL,
    prefix: str = "podcast",
    select: tuple[str, ...] = ("P20",),
    ignore: tuple[str, ...] = (),
) -> list[Finding]:
    """Validate a feed with these channel and item snippets (``podcast:`` → ``prefix:``)."""
    text = _BASE.format(
        itunes=ITUNES,
        ns=ns,
        prefix=prefix,
        channel=channel.replace("podcast:", f"{prefix}:"),
        item=item.replace("podcast:", f"{prefix}:"),
    )
    path = tmp_path / "feed.xml"
    path.write_text(text, encoding="utf-8")
    return list(validate_feed(path, select=list(select) or None, ignore=list(ignore)))


def rules(findings: list[Finding]) -> set[str]:
    return {f.rule for f in findings}


def only(findings: list[Finding], rule: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule]


# -- a feed using every formalized tag correctly --------------------------------------------------

_ALL_TAGS_CHANNEL = """
    <podcast:locked owner="owner@tidepool.example.org">no</podcast:locked>
    <podcast:medium>podcast</podcast:medium>
    <podcast:funding url="https://tidepool.example.org/support">Support the walks</podcast:funding>
    <podcast:person href="https://tidepool.example.org/ines" img="https://tidepool.example.org/ines.jpg">Ines Calder</podcast:person>
    <podcast:person group="Writing" role="Translater">Jun Park</podcast:person>
    <podcast:location rel="creator" geo="geo:-33.8908,151.2743" osm="W5013364" country="AU">Bondi</podcast:location>
    <podcast:trailer url="https://cdn.tidepool.example.org/trailer.mp3" pubdate="Tue, 06 Jan 2026 07:00:00 +1100" length="5000" type="audio/mpeg" season="1">Come along</podcast:trailer>
    <podcast:license>CC-BY-NC-ND-4.0</podcast:license>
    <podcast:value type="lightning" method="keysend" suggested="0.00000005000">
      <podcast:valueRecipient name="Ines" type="node" address="02d5c1bf8b940dc9cadca86d1b0a3c37fbe39cee4c7e839e33bef9174531d27f52" split="99"/>
      <podcast:valueRecipient name="Index" type="node" address="03ae9f91a0cb8ff43840e3c322c4c61f019d8c1c3cea15a25cfc425ac605e61a4a" split="1" fee="true"/>
      <podcast:valueTimeSplit startTime="30" duration="180.5" remoteStartTime="12" remotePercentage="90">
        <podcast:remoteItem feedGuid="917393e3-1b1e-5cef-ace4-edaa54e1f810" itemGuid="pc20-1"/>
      </podcast:valueTimeSplit>
      <podcast:valueTimeSplit startTime="300" duration="60">
        <podcast:valueRecipient name="Guest" type="lnaddress" address="guest@example.com" split="1"/>
      </podcast:valueTimeSplit>
    </podcast:value>
    <podcast:socialInteract protocol="activitypub" uri="https://mastodon.example/@tide/1" accountId="@tide" accountUrl="https://mastodon.example/@tide" priority="1"/>
    <podcast:socialInteract protocol="nostr" uri="nostr:note1abc" accountId="npub1xyz" priority="2"/>
    <podcast:block>no</podcast:block>
    <podcast:block id="spotify">yes</podcast:block>
    <podcast:txt purpose="applepodcastsverify">a1b2c3</podcast:txt>
    <podcast:txt purpose="ai-content">false</podcast:txt>
    <podcast:podroll>
      <podcast:remoteItem feedGuid="9b024349-ccf0-5f69-a609-6b82873eab3c" feedUrl="https://podnews.net/rss" title="Podnews"/>
    </podcast:podroll>
    <podcast:updateFrequency rrule="FREQ=MONTHLY;BYDAY=1SA;UNTIL=20261231" dtstart="2026-01-03" complete="false">First Saturday</podcast:updateFrequency>
    <podcast:podping usesPodping="true"/>
    <podcast:chat server="irc.libera.chat" protocol="irc" accountId="tidebot" space="#tidepool"/>
    <podcast:publisher>
      <podcast:remoteItem medium="publisher" feedGuid="003af0a0-6a45-55cf-b765-68e3d349551a" feedUrl="https://shorelines.example.org/publisher.xml"/>
    </podcast:publisher>
    <podcast:image href="https://tidepool.example.org/cover.png" alt="Rock pool" aspect-ratio="1/1" width="1400" height="1400" purpose="artwork social"/>
    <podcast:liveItem status="live" start="2026-02-01T06:00:00.000+1100" end="2026-02-01T07:00:00+11:00">
      <title>Live from the rocks</title>
      <guid isPermaLink="false">tidepool-live-1</guid>
      <enclosure url="https://live.tidepool.example.org/stream.aac" length="1" type="audio/aac"/>
      <podcast:alternateEnclosure type="application/x-mpegURL" length="0">
        <podcast:source uri="https://live.tidepool.example.org/stream.m3u8"/>
      </podcast:alternateEnclosure>
      <podcast:contentLink href="https://video.example.org/tidepool">Watch the stream</podcast:contentLink>
      <podcast:person role="host">Ines Calder</podcast:person>
    </podcast:liveItem>"""

_ALL_TAGS_ITEM = """
      <itunes:season>2</itunes:season>
      <podcast:season name="Southern shores">2</podcast:season>
      <podcast:episode display="Ep. 1">1.5</podcast:episode>
      <podcast:transcript url="https://tidepool.example.org/1.vtt" type="text/vtt" rel="captions"/>
      <podcast:transcript url="https://tidepool.example.org/1.html" type="text/html" language="en-AU"/>
      <podcast:chapters url="https://tidepool.example.org/1.chapters.json" type="application/json+chapters"/>
      <podcast:soundbite startTime="120.25" duration="42.5">The octopus</podcast:soundbite>
      <podcast:soundbite startTime="300" duration="30"/>
      <podcast:person role="Host">Ines Calder</podcast:person>
      <podcast:person group="cast" role="guest">Rafa Oyelaran</podcast:person>
      <podcast:location rel="creator" osm="R7444#188">Paris</podcast:location>
      <podcast:location rel="subject" country="NZ">Kaikōura</podcast:location>
      <podcast:license url="https://tidepool.example.org/license.html">TIDEPOOL-1.0</podcast:license>
      <podcast:alternateEnclosure type="audio/ogg" length="900" bitrate="128000" height="0" lang="mi" title="Ogg" rel="default" default="true" codecs="opus">
        <podcast:source uri="https://cdn.tidepool.example.org/1.ogg"/>
        <podcast:source uri="ipfs://QmdwGqd3d2gFPGeJNLLCshdiPert45fMu84552Y4XHTy4y" contentType="application/x-bittorrent"/>
        <podcast:integrity type="sri" value="sha384-ExVqijgYHm15PqQqdXfW95x+Rs6C+d6E/ICxyQOeFevnxNLR/wtJNrNYTjIysUBo"/>
      </podcast:alternateEnclosure>
      <podcast:socialInteract protocol="disabled"/>
      <podcast:txt>episode note</podcast:txt>
      <podcast:funding url="https://tidepool.example.org/ep1">Tip this episode</podcast:funding>
      <podcast:image href="https://tidepool.example.org/1.jpg" alt="" aspect-ratio="16/9" width="1920" type="image/jpeg"/>
      <podcast:chat server="matrix.example.org" protocol="matrix" accountId="@tide:example.org"/>
      <podcast:contentLink href="https://tidepool.example.org/1">Read the notes</podcast:contentLink>
      <podcast:value type="lightning" method="lnaddress">
        <podcast:valueRecipient name="Ines" type="lnaddress" address="ines@getalby.example" split="1" customKey="7629169" customValue="tide"/>
      </podcast:value>"""


def test_every_formalized_tag_used_correctly_yields_no_p20_finding(tmp_path: Path) -> None:
    findings = feed(tmp_path, _ALL_TAGS_CHANNEL, _ALL_TAGS_ITEM)
    assert findings == []


def test_the_full_profile_also_reports_no_p20_finding_for_it(tmp_path: Path) -> None:
    findings = feed(tmp_path, _ALL_TAGS_CHANNEL, _ALL_TAGS_ITEM, select=())
    assert [f for f in findings if f.rule.startswith("P20-")] == []


def test_deprecated_images_is_only_a_warning_when_well_formed(tmp_path: Path) -> None:
    srcset = "https://tidepool.example.org/a.jpg 1500w, https://tidepool.example.org/b.jpg 600w"
    findings = feed(tmp_path, f'<podcast:images srcset="{srcset}"/>')
    assert [(f.rule, f.severity) for f in findings] == [("P20-007", Severity.WARNING)]


def test_legacy_namespace_uri_is_checked_like_the_canonical_one(tmp_path: Path) -> None:
    assert feed(tmp_path, _ALL_TAGS_CHANNEL, _ALL_TAGS_ITEM, ns=LEGACY) == []
    bad = feed(tmp_path, "<podcast:locked>maybe</podcast:locked>", ns=LEGACY)
    assert rules(bad) == {"P20-010"}


def test_elements_are_found_by_namespace_uri_not_by_prefix(tmp_path: Path) -> None:
    assert feed(tmp_path, _ALL_TAGS_CHANNEL, _ALL_TAGS_ITEM, prefix="pi") == []
    bad = feed(tmp_path, "<podcast:medium>radio</podcast:medium>", prefix="pi")
    assert rules(bad) == {"P20-095"}


def test_a_podcast_prefix_bound_to_another_uri_is_not_checked(tmp_path: Path) -> None:
    findings = feed(tmp_path, "<podcast:locked>maybe</podcast:locked>", ns="urn:x-other")
    assert "P20-010" not in rules(findings)


# -- generic rules ---------------------------------------------------------------------------------


def test_unknown_and_proposal_tags_are_warned_about(tmp_path: Path) -> None:
    findings = feed(
        tmp_path,
        '<podcast:social platform="x"/>',
        "<podcast:episodeType>full</podcast:episodeType>",
    )
    found = only(findings, "P20-001")
    assert [f.severity for f in found] == [Severity.WARNING, Severity.WARNING]
    assert "podcast:social" in found[0].message


def test_item_tags_are_allowed_in_live_items_but_not_in_the_channel(tmp_path: Path) -> None:
    live = """<podcast:liveItem status="ended" start="2026-01-01T10:00:00Z" end="2026-01-01T11:00:00Z">
      <title>t</title><guid>g</guid><enclosure url="https://x.example/a.mp3" length="1" type="audio/mpeg"/>
      <podcast:alternateEnclosure type="audio/mpeg" length="1"><podcast:source uri="https://x.example/a"/></podcast:alternateEnclosure>
      <podcast:contentLink href="https://x.example/live">Live</podcast:contentLink>
      <podcast:transcript url="https://x.example/t.vtt" type="text/vtt"/>
    </podcast:liveItem>"""
    assert feed(tmp_path, live) == []
    findings = feed(tmp_path, '<podcast:transcript url="https://x.example/t.vtt" type="text/vtt"/>')
    assert rules(findings) == {"P20-002"}


def test_single_tags_are_reported_from_their_second_occurrence(tmp_path: Path) -> None:
    findings = feed(
        tmp_path,
        item="<podcast:season>1</podcast:season>\n<podcast:season>1</podcast:season>",
    )
    (found,) = only(findings, "P20-003")
    assert found.line == 15


def test_missing_required_attribute_is_the_tag_rule_empty_one_is_p20_004(tmp_path: Path) -> None:
    missing = feed(tmp_path, item='<podcast:transcript url="https://x.example/t.vtt"/>')
    assert rules(missing) == {"P20-015"}
    empty = feed(tmp_path, item='<podcast:transcript url="https://x.example/t.vtt" type=" "/>')
    assert rules(empty) == {"P20-004"}


def test_wrong_case_attribute_name_is_named_in_the_message(tmp_path: Path) -> None:
    findings = feed(
        tmp_path,
        '<podcast:trailer url="https://x.example/t.mp3" pubDate="Tue, 06 Jan 2026 07:00:00 GMT" '
        'length="1" type="audio/mpeg">Trailer</podcast:trailer>',
    )
    (found,) = only(findings, "P20-055")
    assert "pubDate" in found.message and "case-sensitive" in found.message


@pytest.mark.parametrize(
    ("attribute", "reported"),
    [
        ('url="http://x.example/fund"', True),
        ('url="HTTP://x.example/fund"', True),
        ('url="https://x.example/fund?next=http://y.example/"', False),
        ('url="https://x.example/fund"', False),
    ],
)
def test_http_urls_in_podcast_attributes(tmp_path: Path, attribute: str, reported: bool) -> None:
    findings = feed(tmp_path, f"<podcast:funding {attribute}>Support</podcast:funding>")
    assert ("P20-005" in rules(findings)) is reported


def test_other_uri_schemes_are_not_an_https_problem(tmp_path: Path) -> None:
    item = """<podcast:alternateEnclosure type="audio/mpeg" length="5">
        <podcast:source uri="ipfs://QmdwGqd3d2gFPGeJNLLCshdiPert45fMu84552Y4XHTy4y"/>
        <podcast:source uri="http://plain.example/a.mp3"/>
      </podcast:alternateEnclosure>"""
    findings = feed(tmp_path, item=item)
    assert [f.line for f in only(findings, "P20-005")] == [16]


def test_128_character_guidance(tmp_path: Path) -> None:
    long_name = "x" * 129
    findings = feed(
        tmp_path,
        f"<podcast:person>{long_name}</podcast:person><podcast:person>{'y' * 128}</podcast:person>",
    )
    (found,) = only(findings, "P20-006")
    assert found.severity is Severity.WARNING and "129" in found.message


# -- person taxonomy -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "attributes",
    [
        "",
        'role="HOST"',
        'group="CAST" role="Co-Host"',
        'group="writing" role="researcher"',
        'group="Video Post-Production" role="Editor"',
        'group="Writing" role="Editor"',
        'group="misc." role="Intern"',
        'group="Writing" role="translator"',
    ],
)
def test_person_taxonomy_matches_case_insensitively(tmp_path: Path, attributes: str) -> None:
    assert feed(tmp_path, f"<podcast:person {attributes}>Kim Ode</podcast:person>") == []


@pytest.mark.parametrize(
    ("attributes", "severity", "words"),
    [
        ('group="cast" role="producer"', Severity.WARNING, "not in group"),
        ('group="band" role="host"', Severity.WARNING, "not a Podcast Taxonomy group"),
        ('role="dj"', Severity.WARNING, "not a Podcast Taxonomy role"),
        ('role="Producer"', Severity.INFO, "defaults to 'cast'"),
        ('group="visuals"', Severity.INFO, "defaults to 'host'"),
    ],
)
def test_person_taxonomy_mismatches(
    tmp_path: Path, attributes: str, severity: Severity, words: str
) -> None:
    findings = feed(tmp_path, f"<podcast:person {attributes}>Kim Ode</podcast:person>")
    (found,) = only(findings, "P20-036")
    assert found.severity is severity
    assert words in found.message


def test_item_persons_that_drop_every_channel_host_are_warned_about(tmp_path: Path) -> None:
    channel = '<podcast:person>Ines Calder</podcast:person><podcast:person role="producer" group="creative direction">Jo</podcast:person>'
    kept = feed(
        tmp_path,
        channel,
        '<podcast:person>ines calder</podcast:person><podcast:person role="guest">Rafa</podcast:person>',
    )
    assert kept == []
    dropped = feed(tmp_path, channel, '<podcast:person role="guest">Rafa</podcast:person>')
    (found,) = only(dropped, "P20-165")
    assert found.line == 14
    assert feed(tmp_path, channel) == []  # no item persons: the channel's apply


# -- location --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("country", "severity"),
    [
        ("GB", None),
        ("gb", Severity.WARNING),
        ("UK", Severity.ERROR),
        ("uk", Severity.ERROR),
        ("ZZ", Severity.ERROR),
        ("GBR", Severity.ERROR),
    ],
)
def test_location_country(tmp_path: Path, country: str, severity: Severity | None) -> None:
    findings = feed(tmp_path, f'<podcast:location country="{country}">London</podcast:location>')
    assert [f.severity for f in only(findings, "P20-044")] == ([severity] if severity else [])
    if country.upper() == "UK":
        assert "GB" in only(findings, "P20-044")[0].message


@pytest.mark.parametrize(
    ("geo", "valid"),
    [
        ("geo:30.2711286,-97.7436995", True),
        ("geo:37.78,-122.39,250", True),
        ("geo:37.78,-122.39;u=350", True),
        ("geo:-90,180", True),
        ("geo:91,0", False),
        ("geo:0,-180.5", False),
        ("30.27,-97.74", False),
        ("geo:abc,def", False),
    ],
)
def test_location_geo_uri(tmp_path: Path, geo: str, valid: bool) -> None:
    findings = feed(tmp_path, f'<podcast:location geo="{geo}">Somewhere</podcast:location>')
    assert ("P20-042" not in rules(findings)) is valid


@pytest.mark.parametrize(
    ("osm", "valid"),
    [
        ("R113314", True),
        ("R7444#188", True),
        ("W5", True),
        ("X1", False),
        ("113314", False),
        ("r113314", False),
    ],
)
def test_location_osm(tmp_path: Path, osm: str, valid: bool) -> None:
    findings = feed(tmp_path, f'<podcast:location osm="{osm}">Somewhere</podcast:location>')
    assert ("P20-043" not in rules(findings)) is valid


# -- value -----------------------------------------------------------------------------------------

_REMOTE = '<podcast:remoteItem feedGuid="917393e3-1b1e-5cef-ace4-edaa54e1f810"/>'
_RECIPIENT = '<podcast:valueRecipient name="A" type="lnaddress" address="a@example.com" split="1"/>'


@pytest.mark.parametrize(
    ("children", "valid"),
    [
        (_REMOTE, True),
        (_RECIPIENT, True),
        (_RECIPIENT * 2, True),
        (_REMOTE + _RECIPIENT, False),
        (_REMOTE * 2, False),
        ("", False),
    ],
)
def test_value_time_split_holds_one_remote_item_xor_recipients(
    tmp_path: Path, children: str, valid: bool
) -> None:
    channel = f"""<podcast:value type="lightning" method="keysend">{_RECIPIENT}
      <podcast:valueTimeSplit startTime="0" duration="30">{children}</podcast:valueTimeSplit>
    </podcast:value>"""
    findings = feed(tmp_path, channel)
    assert ("P20-091" not in rules(findings)) is valid
    assert rules(findings) <= {"P20-091"}


def test_value_splits_of_only_fee_recipients_add_up_to_nothing(tmp_path: Path) -> None:
    fee = '<podcast:valueRecipient name="A" type="lnaddress" address="a@example.com" split="5" fee="true"/>'
    findings = feed(
        tmp_path, f'<podcast:value type="lightning" method="keysend">{fee}</podcast:value>'
    )
    assert rules(findings) == {"P20-087"}


@pytest.mark.parametrize(
    ("kind", "address", "valid"),
    [
        ("node", "02d5c1bf8b940dc9cadca86d1b0a3c37fbe39cee4c7e839e33bef9174531d27f52", True),
        ("node", "04d5c1bf8b940dc9cadca86d1b0a3c37fbe39cee4c7e839e33bef9174531d27f52", False),
        ("node", "02d5c1bf", False),
        ("lnaddress", "me@getalby.com", True),
        ("lnaddress", "getalby.com", False),
    ],
)
def test_value_recipient_address_shapes(
    tmp_path: Path, kind: str, address: str, valid: bool
) -> None:
    recipient = f'<podcast:valueRecipient name="A" type="{kind}" address="{address}" split="1"/>'
    findings = feed(
        tmp_path, f'<podcast:value type="lightning" method="keysend">{recipient}</podcast:value>'
    )
    assert ("P20-088" not in rules(findings)) is valid


# -- updateFrequency -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("attributes", "expected"),
    [
        ('rrule="FREQ=WEEKLY;COUNT=10" dtstart="2026-01-05T09:00:00Z"', set()),
        ('rrule="FREQ=WEEKLY;COUNT=10"', {"P20-136"}),
        ('rrule="FREQ=DAILY;UNTIL=20261231" dtstart="2026-01-01"', set()),
        ('rrule="FREQ=DAILY;UNTIL=20261231T235959Z" dtstart="2026-01-01T00:00:00Z"', set()),
        ('rrule="FREQ=DAILY;UNTIL=20261231T235959Z" dtstart="2026-01-01"', {"P20-137"}),
        ('rrule="FREQ=DAILY;UNTIL=20261231" dtstart="2026-01-01T08:00:00-0500"', {"P20-137"}),
        ('rrule="FREQ=DAILY;UNTIL=20261231"', set()),
        ('rrule="FREQ=FORTNIGHTLY"', {"P20-135"}),
        ('rrule="INTERVAL=2"', {"P20-135"}),
        ('rrule="FREQ=DAILY;COUNT=3;UNTIL=20261231" dtstart="2026-01-01"', {"P20-135"}),
        ('rrule="FREQ=WEEKLY;BYDAY=MO,WE,-1FR;INTERVAL=2"', set()),
        ('rrule="FREQ=WEEKLY;BYDAY=MONDAY"', {"P20-135"}),
        ('rrule="FREQ=WEEKLY" complete="yes"', {"P20-135"}),
        ('rrule="FREQ=WEEKLY" dtstart="next monday"', {"P20-135"}),
        ("", {"P20-138"}),
    ],
)
def test_update_frequency(tmp_path: Path, attributes: str, expected: set[str]) -> None:
    findings = feed(
        tmp_path, f"<podcast:updateFrequency {attributes}>Weekly</podcast:updateFrequency>"
    )
    assert rules(findings) == expected


# -- guid ------------------------------------------------------------------------------------------


def _with_guid(guid: str) -> str:
    return _BASE.replace("c8e9a5a8-4a0f-5a3b-9d2e-2f0c7e4b1a66", guid)


@pytest.mark.parametrize(
    ("guid", "expected"),
    [
        ("917393e3-1b1e-5cef-ace4-edaa54e1f810", set()),
        ("917393E3-1B1E-5CEF-ACE4-EDAA54E1F810", set()),
        ("917393e3-1b1e-4cef-ace4-edaa54e1f810", {"P20-076"}),  # version 4
        ("917393e3-1b1e-5cef-7ce4-edaa54e1f810", {"P20-076"}),  # not the RFC 4122 variant
        ("ead4c236-bf58-58c6-a2c6-a6b28d128cb6", {"P20-077"}),  # the namespace itself
        ("917393e31b1e5ceface4edaa54e1f810", {"P20-075"}),
        ("https://tidepool.example.org/feed.xml", {"P20-075"}),
    ],
)
def test_podcast_guid(tmp_path: Path, guid: str, expected: set[str]) -> None:
    path = tmp_path / "feed.xml"
    text = _with_guid(guid).format(
        itunes=ITUNES, ns=CANONICAL, prefix="podcast", channel="", item=""
    )
    path.write_text(text, encoding="utf-8")
    assert rules(list(validate_feed(path, select=["P20"]))) == expected


def test_missing_podcast_guid_is_psp_003_unless_that_rule_is_off(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    text = _BASE.replace("<{prefix}:guid>c8e9a5a8-4a0f-5a3b-9d2e-2f0c7e4b1a66</{prefix}:guid>", "")
    path.write_text(
        text.format(
            itunes=ITUNES,
            ns=CANONICAL,
            prefix="podcast",
            channel="<podcast:locked>no</podcast:locked>",
            item="",
        ),
        encoding="utf-8",
    )
    default = rules(list(validate_feed(path)))
    assert "PSP-003" in default and "P20-078" not in default
    assert "P20-078" in rules(list(validate_feed(path, ignore=["PSP-003"])))


# -- liveItem (ISO 8601 with both offset spellings) ------------------------------------------------

_LIVE_BODY = """<title>t</title><guid>g</guid><enclosure url="https://x.example/a.mp3" length="1" type="audio/mpeg"/>
      <podcast:alternateEnclosure type="audio/mpeg" length="1"><podcast:source uri="https://x.example/a"/></podcast:alternateEnclosure>
      <podcast:contentLink href="https://x.example/live">Live</podcast:contentLink>"""


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2021-09-26T07:30:00.000-0600", "2021-09-26T09:00:00.000-0600", set()),
        ("2021-09-26T07:30:00.000-06:00", "2021-09-26T09:00:00-06:00", set()),
        ("2021-09-26T07:30:00Z", "2021-09-26T08:00:00+01:00", {"P20-101"}),  # 07:00Z ends first
        ("2021-09-26 7:30", "2021-09-26T09:00:00Z", {"P20-100"}),
        ("2021-02-30T07:30:00Z", "2021-03-01T09:00:00Z", {"P20-100"}),
        ("2021-09-26T07:30:00Z", "soon", {"P20-101"}),
    ],
)
def test_live_item_dates(tmp_path: Path, start: str, end: str, expected: set[str]) -> None:
    live = f'<podcast:liveItem status="pending" start="{start}" end="{end}">{_LIVE_BODY}</podcast:liveItem>'
    assert rules(feed(tmp_path, live)) == expected


def test_live_item_requires_a_content_link_and_recommends_fallbacks(tmp_path: Path) -> None:
    live = '<podcast:liveItem status="streaming" start="2026-01-01T10:00:00Z"><title>t</title></podcast:liveItem>'
    findings = feed(tmp_path, live)
    assert rules(findings) == {"P20-100", "P20-101", "P20-102", "P20-103"}
    (fallbacks,) = only(findings, "P20-103")
    assert "enclosure" in fallbacks.message and "guid" in fallbacks.message


# -- socialInteract, trailer, soundbite, chapters --------------------------------------------------


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ('<podcast:socialInteract protocol="disabled"/>', {}),
        (
            '<podcast:socialInteract protocol="disabled" uri="https://x.example/1"/>',
            {"P20-111": Severity.WARNING},
        ),
        (
            '<podcast:socialInteract protocol="disabled">off</podcast:socialInteract>',
            {"P20-111": Severity.WARNING},
        ),
        (
            '<podcast:socialInteract protocol="activitypub" accountId="@a"/>',
            {"P20-111": Severity.ERROR},
        ),
        (
            '<podcast:socialInteract protocol="myspace" uri="https://x.example/1" accountId="a"/>',
            {"P20-110": Severity.ERROR},
        ),
    ],
)
def test_social_interact_disabled_stands_alone(
    tmp_path: Path, tag: str, expected: dict[str, Severity]
) -> None:
    findings = feed(tmp_path, item=tag)
    assert {f.rule: f.severity for f in findings} == expected


def test_several_social_interacts_need_priorities(tmp_path: Path) -> None:
    tags = (
        '<podcast:socialInteract protocol="activitypub" uri="https://a.example/1" accountId="@a" priority="1"/>'
        '<podcast:socialInteract protocol="atproto" uri="at://did:plc:x/post/1" accountId="a"/>'
    )
    findings = feed(tmp_path, item=tags)
    assert [f.rule for f in findings] == ["P20-112"]
    assert "priority" in findings[0].message


@pytest.mark.parametrize(
    ("pubdate", "valid"),
    [
        ("Tue, 06 Jan 2026 07:00:00 GMT", True),
        ("6 Jan 2026 07:00 +0000", True),
        ("Mon, 06 Jan 2026 07:00:00 GMT", False),  # 6 Jan 2026 is a Tuesday
        ("2026-01-06T07:00:00Z", False),
        ("Tue, 31 Feb 2026 07:00:00 GMT", False),
    ],
)
def test_trailer_pubdate_is_rfc_2822(tmp_path: Path, pubdate: str, valid: bool) -> None:
    tag = f'<podcast:trailer url="https://x.example/t.mp3" pubdate="{pubdate}" length="1" type="audio/mpeg">T</podcast:trailer>'
    assert ("P20-056" not in rules(feed(tmp_path, tag))) is valid


@pytest.mark.parametrize(
    ("start", "duration", "expected"),
    [
        ("73.0", "60.0", set()),
        ("0", "15", set()),
        ("73.0", "10", {"P20-031"}),
        ("73.0", "121", {"P20-031"}),
        ("580", "30", {"P20-032"}),  # the episode lasts 600 s (itunes:duration)
        ("1:13", "60", {"P20-030"}),
        ("-5", "60", {"P20-030"}),
    ],
)
def test_soundbite_times(tmp_path: Path, start: str, duration: str, expected: set[str]) -> None:
    tag = f'<podcast:soundbite startTime="{start}" duration="{duration}"/>'
    assert rules(feed(tmp_path, item=tag)) == expected


def test_json_chapters_type_is_tolerated_at_info_level(tmp_path: Path) -> None:
    tag = '<podcast:chapters url="https://x.example/c.json" type="application/json"/>'
    (found,) = feed(tmp_path, item=tag)
    assert (found.rule, found.severity) == ("P20-026", Severity.INFO)


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("text/vtt", set()),
        ("application/x-subrip", set()),
        ("application/srt", {"P20-016"}),
        ("text/srt", {"P20-016"}),
        ("text/plain", {"P20-019"}),
        ("text/html", {"P20-019"}),
    ],
)
def test_transcript_types_and_captions(tmp_path: Path, kind: str, expected: set[str]) -> None:
    tag = f'<podcast:transcript url="https://x.example/t" type="{kind}" rel="captions"/>'
    assert rules(feed(tmp_path, item=tag)) == expected


@pytest.mark.parametrize(
    ("medium", "expected"),
    [
        ("podcast", set()),
        ("musicL", {"P20-096"}),
        ("publisher", {"P20-097"}),
        ("Podcast", {"P20-095"}),
    ],
)
def test_medium(tmp_path: Path, medium: str, expected: set[str]) -> None:
    assert rules(feed(tmp_path, f"<podcast:medium>{medium}</podcast:medium>")) == expected


def test_list_medium_with_remote_items_and_no_items(tmp_path: Path) -> None:
    path = tmp_path / "list.xml"
    path.write_text(
        f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:podcast="{CANONICAL}"><channel><title>Mix</title>
<link>https://mix.example/</link><description>d</description>
<podcast:guid>bab2ba12-9757-5da6-a770-0e70e6bcf214</podcast:guid>
<podcast:medium>mixed</podcast:medium>
<podcast:remoteItem feedGuid="917393e3-1b1e-5cef-ace4-edaa54e1f810" itemGuid="x"/>
</channel></rss>""",
        encoding="utf-8",
    )
    assert list(validate_feed(path, select=["P20"])) == []


# -- never a crash ---------------------------------------------------------------------------------

_TAGS = [
    "locked",
    "transcript",
    "funding",
    "chapters",
    "soundbite",
    "person",
    "location",
    "season",
    "episode",
    "trailer",
    "license",
    "alternateEnclosure",
    "source",
    "integrity",
    "guid",
    "value",
    "valueRecipient",
    "valueTimeSplit",
    "medium",
    "images",
    "liveItem",
    "contentLink",
    "socialInteract",
    "block",
    "txt",
    "remoteItem",
    "podroll",
    "updateFrequency",
    "podping",
    "chat",
    "publisher",
    "image",
]
_ATTRIBUTES = [
    "url",
    "type",
    "rel",
    "language",
    "startTime",
    "duration",
    "role",
    "group",
    "img",
    "href",
    "geo",
    "osm",
    "country",
    "name",
    "display",
    "pubdate",
    "length",
    "season",
    "uri",
    "value",
    "method",
    "suggested",
    "address",
    "split",
    "fee",
    "customKey",
    "remotePercentage",
    "remoteStartTime",
    "status",
    "start",
    "end",
    "protocol",
    "accountUrl",
    "priority",
    "id",
    "purpose",
    "feedGuid",
    "feedUrl",
    "medium",
    "complete",
    "dtstart",
    "rrule",
    "usesPodping",
    "server",
    "width",
    "height",
    "aspect-ratio",
    "srcset",
    "bitrate",
    "default",
    "lang",
    "title",
    "contentType",
]
_ODD = st.one_of(
    st.sampled_from(
        [
            "",
            " ",
            "-1",
            "1e9",
            "NaN",
            "∞",
            "0x1F",
            "99999999999999999999",
            "geo:",
            "R",
            "FREQ=",
            ";;",
            "T",
            "2026-13-45T99:99:99+9999",
            "http://",
        ]
    ),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=12),
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    tag=st.sampled_from(_TAGS),
    inner=st.sampled_from([*_TAGS, ""]),
    attributes=st.dictionaries(st.sampled_from(_ATTRIBUTES), _ODD, max_size=5),
    text=_ODD,
)
def test_odd_values_are_reported_never_raised(
    tmp_path: Path, tag: str, inner: str, attributes: dict[str, str], text: str
) -> None:
    from xml.sax.saxutils import escape, quoteattr

    attrs = " ".join(f"{name}={quoteattr(value)}" for name, value in attributes.items())
    child = f"<podcast:{inner} {attrs}>{escape(text)}</podcast:{inner}>" if inner else ""
    snippet = f"<podcast:{tag} {attrs}>{escape(text)}{child}</podcast:{tag}>"
    for placement in ("channel", "item"):
        findings = feed(tmp_path, **{placement: snippet}, select=("P20", "INTERNAL"))
        assert not [f for f in findings if f.rule == "INTERNAL-001"], findings


def test_every_p20_rule_has_an_invalid_file() -> None:
    # test_invalid.py checks each file; this makes sure none of the P20 rules is left out.
    folder = Path(__file__).parent.parent / "data" / "invalid"
    covered = {path.name.split(".")[0].split("--")[0] for path in folder.glob("P20-*.xml")}
    assert sorted(rule for rule in RULES if rule.startswith("P20-") and rule not in covered) == []


@pytest.mark.parametrize(
    ("license_tag", "expected"),
    [
        ("<podcast:license>cc-by-4.0</podcast:license>", set()),
        ("<podcast:license>POD-V4V-1.0</podcast:license>", set()),
        ("<podcast:license>arr</podcast:license>", set()),
        ("<podcast:license>MIT</podcast:license>", {"P20-061"}),
        ('<podcast:license url="https://x.example/mit">MIT</podcast:license>', set()),
        ("<podcast:license/>", {"P20-060"}),
    ],
)
def test_license_list_is_matched_case_insensitively(
    tmp_path: Path, license_tag: str, expected: set[str]
) -> None:
    assert rules(feed(tmp_path, license_tag)) == expected


@pytest.mark.parametrize(
    ("blocks", "duplicates"),
    [
        ('<podcast:block>no</podcast:block><podcast:block id="apple">yes</podcast:block>', 0),
        ("<podcast:block>no</podcast:block><podcast:block>yes</podcast:block>", 1),
        (
            '<podcast:block id="Apple">no</podcast:block><podcast:block id="apple">yes</podcast:block>',
            1,
        ),
    ],
)
def test_one_block_per_service(tmp_path: Path, blocks: str, duplicates: int) -> None:
    assert len(only(feed(tmp_path, blocks), "P20-117")) == duplicates


@pytest.mark.parametrize(
    ("value", "expected"), [("true", set()), ("false", set()), ("partly", {"P20-121"})]
)
def test_ai_content_txt_is_a_boolean(tmp_path: Path, value: str, expected: set[str]) -> None:
    assert (
        rules(feed(tmp_path, f'<podcast:txt purpose="ai-content">{value}</podcast:txt>'))
        == expected
    )
