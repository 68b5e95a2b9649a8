"""The two ways a big feed is validated, for tests that compare them: the whole document in
one tree, and windows of items. (Tests that want every CDATA payload cut, however short,
use conftest's ``cut_every_payload`` fixture.)"""

from __future__ import annotations

from podfeed.diagnostics import Finding
from podfeed.validate import _feed_report, stream
from podfeed.validate.runner import sort_findings


def whole(data: bytes, active: frozenset[str]) -> tuple[Finding, ...]:
    return _feed_report("feed.xml", data, active).findings


def windowed(data: bytes, active: frozenset[str], **kwargs: int) -> tuple[Finding, ...] | None:
    found = stream.validate_windowed("feed.xml", data, active, **kwargs)
    return None if found is None else sort_findings(found)
