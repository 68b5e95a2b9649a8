"""What a worker sends back for its windows survives pickling unchanged (``WindowResult``
pickles its findings as plain tuples, which ``placed`` makes Findings again), and ``placed``
moves a later share's lines and items."""

from __future__ import annotations

import pickle

from podfeed.diagnostics import Finding, Severity
from podfeed.validate.window import WindowResult, placed


def _result() -> WindowResult:
    return WindowResult(
        (
            Finding("RSS-007", Severity.ERROR, "no title", "feed.xml", 70_000, None, "rss/item[3]"),
            Finding("XML-003", Severity.WARNING, "encoded as latin-1", "feed.xml", 1, 4),
            Finding("INTERNAL-001", Severity.INFO, "a check failed"),
        ),
        (("guid-1", 12, 3, "guid", 0),),
        (("https://example.org/1.mp3", None, 3, "enclosure", 2),),
        ((("1", "2"), "trailer", "guid-1", 11, 3),),
        (("https://example.org/1.json", 61.5),),
    )


def test_window_results_round_trip_through_pickle() -> None:
    result = _result()
    back = placed(pickle.loads(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)), 0, 0)
    assert back == result
    assert all(type(f) is Finding and type(f.severity) is Severity for f in back.findings)
    assert placed(result, 0, 0) is result


def test_placed_moves_lines_past_65535_and_renumbers_items() -> None:
    result = _result()
    item = Finding(
        "PSP-006", Severity.WARNING, "x", "feed.xml", 65_535, None, "rss/channel/item[2]/a"
    )
    moved = placed(WindowResult((*result.findings, item), *[(), (), ()]), 100, 40)
    assert [(f.line, f.element) for f in moved.findings] == [
        (70_100, "rss/item[3]"),  # not an item path of a channel: as it was
        (1, None),  # the head's line
        (None, None),
        (65_535, "rss/channel/item[42]/a"),  # libxml2's fallback line stays
    ]
    again = placed(pickle.loads(pickle.dumps(result)), 100, 40)
    assert again.guids == (("guid-1", 12, 43, "guid", 0),)
    assert again.enclosure_urls == (("https://example.org/1.mp3", None, 43, "enclosure", 2),)
    assert again.episodes == ((("1", "2"), "trailer", "guid-1", 11, 43),)
    assert again.findings[0].line == 70_100


def test_item_paths_cross_the_pipe_split_and_come_back_whole() -> None:
    # A worker sends an item's element path as its number and the rest; placed joins them.
    findings = tuple(
        Finding("PSP-006", Severity.WARNING, "x", "feed.xml", 70_000 + n, None, element)
        for n, element in enumerate(
            ["rss/channel/item[7]", "rss/channel/item[12]/itunes:title[2]", "rss/channel/title"]
        )
    )
    result = WindowResult(findings, (), (), ())
    back = pickle.loads(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    assert placed(back, 0, 0) == result
    assert [f.element for f in placed(back, 0, 993).findings] == [
        "rss/channel/item[1000]",
        "rss/channel/item[1005]/itunes:title[2]",
        "rss/channel/title",
    ]
    # Findings made in this process (a share run here) are placed the same way.
    assert placed(result, 0, 993) == placed(back, 0, 993)
