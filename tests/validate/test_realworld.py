"""Feeds shaped like what hosting services publish (fixtures written for this project)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import feedparser
import podcastparser

from podfeed.diagnostics import Report, Severity
from podfeed.validate import validate_chapters, validate_feed

FIXTURES = Path(__file__).parent / "fixtures"
HOSTED = FIXTURES / "hosted-legacy.xml"


def _where(report: Report, rule: str) -> list[int | None]:
    return [f.line for f in report if f.rule == rule]


def test_hosted_feed_reports_each_real_world_mistake_where_it_is() -> None:
    report = validate_feed(HOSTED, profile="apple")
    assert _where(report, "ITUNES-015") == [11, 25]  # explicit yes / no
    assert _where(report, "RSS-028") == [9]  # managingEditor without an email address
    assert _where(report, "ITUNES-022") == [19]  # empty guid
    assert _where(report, "RSS-014") == [23]  # length="0"
    assert _where(report, "RSS-030") == [31]  # relative item link
    assert _where(report, "RSS-010") == [34]  # relative enclosure URL
    assert _where(report, "ITUNES-035") == [35]  # relative episode artwork
    assert not report.ok


def test_hosted_feed_full_rule_set_is_exactly_the_planted_mistakes() -> None:
    report = validate_feed(HOSTED, profile="apple")
    counts = Counter(f.rule for f in report if f.severity is not Severity.INFO)
    assert counts == Counter(
        {
            "ITUNES-015": 2,
            "RSS-028": 1,
            "ITUNES-022": 1,
            "RSS-014": 1,
            "RSS-030": 1,
            "RSS-010": 1,
            "ITUNES-035": 1,
            "XML-006": 1,  # the legacy podcast namespace URI (a warning)
        }
    )


def test_legacy_namespace_is_a_warning_and_its_elements_still_count() -> None:
    report = validate_feed(HOSTED, profile="podcasting2")
    legacy = [f for f in report if f.rule == "XML-006"]
    assert [(f.line, f.severity) for f in legacy] == [(2, Severity.WARNING)]
    # podcast:guid / podcast:locked / podcast:transcript are found under the legacy URI too.
    assert not {"PSP-003", "PSP-004", "PSP-006"} & {f.rule for f in report}
    # The canonical-URI note about gPodder does not apply to the legacy URI.
    assert "INFO-001" not in {f.rule for f in report}


def test_empty_guid_is_rss_019_under_the_rss_profile() -> None:
    report = validate_feed(HOSTED, profile="rss")
    assert _where(report, "RSS-019") == [19]
    assert "ITUNES-022" not in {f.rule for f in report}


def test_descending_chapters_are_reported_at_the_out_of_order_chapter() -> None:
    report = validate_chapters(FIXTURES / "descending.chapters.json")
    assert _where(report, "CHAP-005") == [7]
    assert not report.ok


def test_client_limit_notes_match_what_the_real_parsers_do() -> None:
    # INFO-002: feedparser does not read true/false explicit values.
    canonical = (Path(__file__).parent.parent / "data" / "valid" / "minimal.xml").read_bytes()
    parsed = feedparser.parse(canonical)
    assert parsed.feed.get("itunes_explicit") is None
    assert "INFO-002" in {f.rule for f in validate_feed(canonical)}
    # INFO-001: podcastparser maps podcast:chapters only under the legacy namespace URI.
    legacy = canonical.replace(
        b"https://podcastindex.org/namespace/1.0",
        b"https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md",
    )
    from io import BytesIO

    url = "https://lantern.example.org/feed.xml"
    with_canonical = podcastparser.parse(url, BytesIO(canonical))["episodes"][0]
    with_legacy = podcastparser.parse(url, BytesIO(legacy))["episodes"][0]
    assert "chapters_json_url" not in with_canonical
    assert with_legacy["chapters_json_url"].endswith("skerry-rock.chapters.json")
    assert "INFO-001" in {f.rule for f in validate_feed(canonical)}
    assert "INFO-001" not in {f.rule for f in validate_feed(legacy)}
