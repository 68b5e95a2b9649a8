"""check_chapters and check_timeline report exactly what their earlier, simpler versions did.

The checks run on every chapters file a build writes, so they were rewritten for speed (one
pass, numbers converted inline). The earlier versions are kept here, verbatim, as the
reference: for any decoded JSON, and any episode duration, both give the same findings, the
same crash (a number too large for a float) included.
"""

from __future__ import annotations

import json
from itertools import pairwise
from typing import Any, cast

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from podfeed.diagnostics import Finding
from podfeed.validate import _selected
from podfeed.validate.checks_chapters import (
    _CHAPTER_KEYS,
    _CHAPTER_TYPES,
    _check_location,
    check_chapters,
    check_timeline,
)
from podfeed.validate.context import ChaptersContext, JsonPath
from podfeed.validate.runner import sort_findings

_URL_KEYS = frozenset({"img", "url"})


def _number(value: Any) -> float | None:
    kind = type(value)
    if kind is float:
        return value  # type: ignore[no-any-return]
    if kind is int:
        return float(value)
    if kind is bool or not isinstance(value, int | float):
        return None
    return float(value)


def reference_chapters(ctx: ChaptersContext) -> None:
    for index, chapter in enumerate(ctx.chapters):
        where: JsonPath = ("chapters", index)
        if not isinstance(chapter, dict):
            ctx.report("CHAP-004", where, f"chapter {index} is not an object")
            continue
        start = _number(chapter.get("startTime"))
        if start is None or start < 0:
            got = chapter.get("startTime", "nothing")
            ctx.report(
                "CHAP-004",
                (*where, "startTime"),
                f"startTime is {got!r}; expected seconds as a number ≥ 0",
            )
        if "endTime" in chapter:
            end = _number(chapter["endTime"])
            if end is None or (start is not None and end < start):
                ctx.report(
                    "CHAP-006",
                    (*where, "endTime"),
                    f"endTime {chapter['endTime']!r} must be a number ≥ startTime",
                )
        for key, value in chapter.items():
            typed = _CHAPTER_TYPES.get(key)
            if typed is None:
                if key not in _CHAPTER_KEYS:
                    ctx.report("CHAP-012", (*where, key), f'unknown chapter key "{key}"')
                continue
            if not isinstance(value, typed[0]):
                ctx.report("CHAP-007", (*where, key), f'"{key}" must be {typed[1]}')
            elif key in _URL_KEYS and not cast(str, value).startswith("https://"):
                ctx.report(
                    "CHAP-010", (*where, key), f'"{key}" {value!r} is not an absolute https URL'
                )
            elif key == "location":
                _check_location(ctx, (*where, "location"), cast(dict[str, Any], value))
        if chapter.get("toc") is not False and not chapter.get("title"):
            ctx.report("CHAP-014", where, "a visible chapter without a title")


def reference_timeline(ctx: ChaptersContext) -> None:
    timed = [
        (index, chapter, start)
        for index, chapter in enumerate(ctx.chapters)
        if isinstance(chapter, dict) and (start := _number(chapter.get("startTime"))) is not None
    ]
    for (_, before, start_before), (index, _, start) in pairwise(timed):
        where: JsonPath = ("chapters", index, "startTime")
        if start < start_before:
            ctx.report(
                "CHAP-005",
                where,
                f"startTime {start:g} is before the previous {start_before:g}; sort ascending",
            )
        elif start == start_before:
            ctx.report("CHAP-015", where, f"two chapters start at {start:g}")
        end_before = _number(before.get("endTime"))
        if end_before is not None and end_before > start >= start_before:
            ctx.report(
                "CHAP-017",
                where,
                f"the previous chapter ends at {end_before:g}, after this one starts",
            )
    if ctx.duration is not None:
        for index, chapter, start in timed:
            end = _number(chapter.get("endTime"))
            if start > ctx.duration or (end is not None and end > ctx.duration):
                ctx.report(
                    "CHAP-013",
                    ("chapters", index),
                    f"chapter runs past the episode's end ({ctx.duration:g} s)",
                )
    visible = [(s, i) for i, c, s in timed if c.get("toc") is not False]
    if visible:
        start, index = min(visible)
        if start > 0:
            ctx.report(
                "CHAP-018",
                ("chapters", index, "startTime"),
                f"the first chapter starts at {start:g}, not 0",
            )
    data = ctx.data if isinstance(ctx.data, dict) else {}
    if data.get("waypoints") is True:
        located = sum(
            1 for c in ctx.chapters if isinstance(c, dict) and isinstance(c.get("location"), dict)
        )
        if located < 2:
            ctx.report(
                "CHAP-019",
                ("waypoints",),
                f"waypoints is true but {located} chapter(s) have a location",
            )


ACTIVE = _selected("podcasting2", None, None)


def _findings(check: Any, data: Any, duration: float | None) -> tuple[tuple[Finding, ...], str]:
    """What ``check`` reports on ``data`` (sorted, as a report holds them), and its crash."""
    ctx = ChaptersContext(path="c.json", active=ACTIVE, duration=duration)
    ctx.data = data
    try:
        ctx.text = json.dumps(data, indent=2)
    except ValueError:
        ctx.text = ""
    crash = ""
    try:
        check(ctx)
    except Exception as exc:  # the runner turns it into INTERNAL-001: compare the message
        crash = f"{type(exc).__name__}: {exc}"
    return sort_findings(ctx.findings), crash


_NUMBERS = st.one_of(
    st.integers(-5, 4000),
    st.floats(-10, 4000),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(),
    st.sampled_from([10**400, -(10**400), 2**53 + 1, 0, -0.0, 1.5e308, True, False]),
)
_VALUES = st.one_of(
    _NUMBERS,
    st.none(),
    st.text(max_size=8),
    st.sampled_from(["https://x.example/a", "http://x.example/", "", "geo:1,2", "W12"]),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(
        st.sampled_from(["name", "geo", "osm"]),
        st.one_of(st.text(max_size=6), st.sampled_from(["geo:10,20", "geo:95,1", "R1#2"])),
    ),
)
_KEYS = st.sampled_from(
    ["startTime", "endTime", "title", "img", "url", "toc", "location", "other"]
) | st.text(max_size=4)
_CHAPTER = st.one_of(
    st.fixed_dictionaries(
        {"startTime": _NUMBERS},
        optional={
            "endTime": _NUMBERS,
            "title": st.one_of(st.text(max_size=5), _VALUES),
            "toc": st.one_of(st.booleans(), _VALUES),
        },
    ),
    st.dictionaries(_KEYS, _VALUES, max_size=5),
    _VALUES,
)
_FILE = st.one_of(
    st.fixed_dictionaries(
        {"chapters": st.lists(_CHAPTER, max_size=8)},
        optional={"waypoints": st.one_of(st.booleans(), _VALUES), "version": st.just("1.2.0")},
    ),
    _VALUES,
)
_DURATION = st.one_of(st.none(), st.floats(0, 5000), st.sampled_from([0.0, 60.0, 3600.0]))


@settings(max_examples=1500, suppress_health_check=[HealthCheck.too_slow])
@given(_FILE, _DURATION)
def test_check_chapters_matches_reference(data: Any, duration: float | None) -> None:
    assert _findings(check_chapters, data, duration) == _findings(
        reference_chapters, data, duration
    )


@settings(max_examples=1500, suppress_health_check=[HealthCheck.too_slow])
@given(_FILE, _DURATION)
def test_check_timeline_matches_reference(data: Any, duration: float | None) -> None:
    assert _findings(check_timeline, data, duration) == _findings(
        reference_timeline, data, duration
    )


def _chapters(*pairs: tuple[Any, Any]) -> dict[str, Any]:
    return {"chapters": [{"startTime": s, "endTime": e, "title": "t"} for s, e in pairs]}


def test_a_huge_end_stops_the_timeline_where_it_always_did() -> None:
    huge = 10**400
    # Second chapter's end: the pairs before it are reported, then the check stops.
    data = _chapters((5, 1), (3, huge), (2, 3))
    got = _findings(check_timeline, data, 10.0)
    assert got == _findings(reference_timeline, data, 10.0)
    assert [f.rule for f in got[0]] == ["CHAP-005", "CHAP-005"]
    assert got[1].startswith("OverflowError")
    # The last chapter's end is read only for the duration rule.
    last = _chapters((0, 1), (3, huge))
    assert _findings(check_timeline, last, None) == _findings(reference_timeline, last, None)
    assert _findings(check_timeline, last, None)[1] == ""
    assert _findings(check_timeline, last, 1.0) == _findings(reference_timeline, last, 1.0)


def test_the_earliest_visible_chapter_is_the_first_of_equal_starts() -> None:
    data = {
        "chapters": [
            {"startTime": 9, "title": "a", "toc": False},
            {"startTime": 4, "title": "b"},
            {"startTime": 4.0, "title": "c"},
        ]
    }
    got = _findings(check_timeline, data, None)
    assert got == _findings(reference_timeline, data, None)
    assert [(f.rule, f.element) for f in got[0] if f.rule == "CHAP-018"] == [
        ("CHAP-018", "$.chapters[1].startTime")
    ]
