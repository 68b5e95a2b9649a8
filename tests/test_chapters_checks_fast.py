"""The chapters checks' shortcut for plain files finds exactly what their full passes find.

check_chapters and check_timeline first ask whether every chapter is a plain
``{"startTime": number, "title": "…"}`` object in order (``_plain_starts``), and then return
without a pass a chapter. Here both entry points are compared with the full passes
(``_check_each_chapter``, ``_check_timeline_pass``) on files built to sit on either side of
that shortcut's conditions: every finding, and a crash, must be the same.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from build_show import code_show
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from podfeed.chapters import render_chapters
from podfeed.diagnostics import Finding
from podfeed.model import Chapter, Episode
from podfeed.validate import _selected, validate_chapters
from podfeed.validate.checks_chapters import (
    _check_each_chapter,
    _check_timeline_pass,
    _plain_starts,
    check_chapters,
    check_timeline,
)
from podfeed.validate.context import ChaptersContext
from podfeed.validate.runner import sort_findings

ACTIVE = _selected("podcasting2", None, None)


def _findings(check: Any, data: Any, duration: float | None) -> tuple[tuple[Finding, ...], str]:
    """What ``check`` (or each of a tuple of checks, in turn) reports on ``data``, and its
    crash."""
    ctx = ChaptersContext(path="c.json", active=ACTIVE, duration=duration)
    ctx.data = data
    try:
        ctx.text = json.dumps(data, indent=2)
    except ValueError:
        ctx.text = ""
    crash = ""
    try:
        for each in check if isinstance(check, tuple) else (check,):
            each(ctx)
    except Exception as exc:  # the runner turns it into INTERNAL-001: compare the message
        crash = f"{type(exc).__name__}: {exc}"
    return sort_findings(ctx.findings), crash


# Starts near the shortcut's edges: 0, negatives, equal and decreasing values, ints and
# floats that compare equal, the exact-float limit and past it, bools, a huge int.
_START = st.one_of(
    st.integers(0, 600),
    st.sampled_from([0, 0.0, -0.0, -1, 1, 1.0, 2**53, 2**53 + 1, float(2**53), 1e300]),
    st.sampled_from([float("inf"), 10**400, True, False, None, "5", [1]]),
    st.floats(-5, 600),
)
_TITLE = st.one_of(st.text(min_size=1, max_size=4), st.sampled_from(["", None, 5, ["t"], {"a": 1}]))


@st.composite
def _chapter(draw: st.DrawFn) -> Any:
    chapter: dict[str, Any] = {"startTime": draw(_START), "title": draw(_TITLE)}
    change = draw(st.integers(0, 9))
    if change == 0:
        del chapter[draw(st.sampled_from(["startTime", "title"]))]
    elif change == 1:
        key = draw(st.sampled_from(["endTime", "toc", "img", "url", "other"]))
        chapter[key] = draw(st.one_of(_START, st.booleans(), st.just("https://x.example/")))
    elif change == 2:
        # Two keys, but not the usual two.
        chapter = {"startTime": chapter["startTime"], draw(st.sampled_from(["toc", "x"])): "t"}
    elif change == 3:
        return draw(st.sampled_from([None, "c", 3, [1, 2], ["startTime", "title"]]))
    return chapter


@st.composite
def _plain_file(draw: st.DrawFn) -> Any:
    """Mostly plain, ascending chapters from 0, with an odd chapter now and then."""
    count = draw(st.integers(0, 8))
    starts = sorted(draw(st.lists(st.integers(1, 5000), min_size=count, max_size=count)))
    chapters: list[Any] = [
        {"startTime": s, "title": "t"} for s in [0, *starts[: max(count - 1, 0)]]
    ]
    if chapters and draw(st.booleans()):
        chapters[draw(st.integers(0, len(chapters) - 1))] = draw(_chapter())
    if draw(st.booleans()):
        chapters = [
            {**c, "startTime": float(c["startTime"])}
            if isinstance(c, dict) and type(c.get("startTime")) is int and c["startTime"] < 2**60
            else c
            for c in chapters
        ]
    data: dict[str, Any] = {"version": "1.2.0", "chapters": chapters}
    if draw(st.booleans()):
        data["waypoints"] = draw(st.sampled_from([True, False, 1]))
    return data


_FILE = st.one_of(
    _plain_file(),
    st.fixed_dictionaries({"chapters": st.lists(_chapter(), max_size=6)}),
    st.sampled_from([None, [], {}, {"chapters": None}, {"chapters": "x"}]),
)
_DURATION = st.one_of(
    st.none(),
    st.floats(0, 6000),
    st.sampled_from([0.0, 5000.0, float(2**53), float("nan"), float("inf")]),
)


@settings(max_examples=2000, suppress_health_check=[HealthCheck.too_slow])
@given(_FILE, _DURATION)
def test_check_chapters_shortcut_agrees_with_the_full_pass(
    data: Any, duration: float | None
) -> None:
    assert _findings(check_chapters, data, duration) == _findings(
        _check_each_chapter, data, duration
    )


@settings(max_examples=2000, suppress_health_check=[HealthCheck.too_slow])
@given(_FILE, _DURATION)
def test_check_timeline_shortcut_agrees_with_the_full_pass(
    data: Any, duration: float | None
) -> None:
    assert _findings(check_timeline, data, duration) == _findings(
        _check_timeline_pass, data, duration
    )


@settings(max_examples=2000, suppress_health_check=[HealthCheck.too_slow])
@given(_FILE, _DURATION)
def test_both_checks_in_the_runners_order_agree_with_the_full_passes(
    data: Any, duration: float | None
) -> None:
    # check_timeline takes check_chapters' answer about the same context.
    assert _findings((check_chapters, check_timeline), data, duration) == _findings(
        (_check_each_chapter, _check_timeline_pass), data, duration
    )


def test_the_timeline_takes_no_answer_about_another_context() -> None:
    plain = {"chapters": [{"startTime": 0, "title": "a"}, {"startTime": 5, "title": "b"}]}
    assert _findings(check_chapters, plain, None) == ((), "")
    # The same list, now out of order, in a new context: the earlier answer must not apply.
    plain["chapters"].reverse()
    found, crash = _findings(check_timeline, plain, None)
    assert [f.rule for f in found] == ["CHAP-005"] and crash == ""


def test_a_built_chapters_file_takes_the_shortcut() -> None:
    """The shortcut must apply to the files a build writes, or it saves nothing."""
    show = code_show()
    episode = Episode(
        title="Kettles",
        date=datetime(2026, 2, 1, tzinfo=UTC),
        chapters=(Chapter(0, "Intro"), Chapter(61.5, "Scale"), Chapter(300, "Done")),
    )
    data = render_chapters(episode, show)
    chapters = json.loads(data)["chapters"]
    assert _plain_starts(chapters) == [0, 61.5, 300]
    assert _plain_starts(chapters, titles=False) == [0, 61.5, 300]
    assert validate_chapters(data, duration=300.0).findings == ()
    # Past the duration: the shortcut declines, and the full pass reports it.
    assert [f.rule for f in validate_chapters(data, duration=299.0).findings] == ["CHAP-013"]


def test_the_shortcut_declines_what_it_cannot_vouch_for() -> None:
    plain = [{"startTime": 0, "title": "a"}, {"startTime": 5.5, "title": "b"}]
    assert _plain_starts(plain) == [0, 5.5]
    assert _plain_starts([]) is None
    assert _plain_starts([*plain, "c"]) is None
    assert _plain_starts([{"startTime": 0, "title": "a", "toc": True}]) is None
    assert _plain_starts([{"startTime": 0, "toc": False}]) is None
    assert _plain_starts([{"startTime": True, "title": "a"}]) is None
    assert _plain_starts([{"startTime": 0, "title": ""}]) is None
    assert _plain_starts([{"startTime": 0, "title": ""}], titles=False) == [0]
    assert _plain_starts([{"startTime": 0, "title": 5}]) is None
