"""What a worker sends back for its windows survives pickling unchanged (``WindowResult``
pickles its findings as plain tuples)."""

from __future__ import annotations

import pickle

from podfeed.diagnostics import Finding, Severity
from podfeed.validate.window import WindowResult


def test_window_results_round_trip_through_pickle() -> None:
    result = WindowResult(
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
    back = pickle.loads(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == result
    assert all(type(f) is Finding and type(f.severity) is Severity for f in back.findings)
