"""CHAP-* rules: JSON chapters files (PN-CHAP, version 1.2)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from itertools import islice, pairwise
from operator import itemgetter, lt
from types import MappingProxyType
from typing import Any, cast

from .context import ChaptersContext, JsonPath
from .registry import chapters_check

_VERSION = "1.2.0"
_ROOT_STRINGS = ("author", "title", "podcastName", "description", "fileName")
_ROOT_KEYS = frozenset({"version", "chapters", "waypoints", *_ROOT_STRINGS})
# Chapter field → the JSON type it must have (CHAP-007).
_CHAPTER_TYPES: Mapping[str, tuple[type, str]] = MappingProxyType(
    {
        "title": (str, "a string"),
        "img": (str, "a string"),
        "url": (str, "a string"),
        "toc": (bool, "true or false"),
        "location": (dict, "an object"),
    }
)
_CHAPTER_KEYS = frozenset({"startTime", "endTime", *_CHAPTER_TYPES})
_URL_KEYS = frozenset({"img", "url"})
# Each chapter key → what check_chapters does with it; the rules are compared by identity.
_TIME: tuple[type, str] = (float, "a number")
_URL: tuple[type, str] = (str, "a string")
_LOCATION: tuple[type, str] = (dict, "an object")
_START_AND_TITLE = frozenset({"startTime", "title"})
_KEY_RULES: dict[str, tuple[type, str]] = {
    "startTime": _TIME,
    "endTime": _TIME,
    "title": _CHAPTER_TYPES["title"],
    "img": _URL,
    "url": _URL,
    "toc": _CHAPTER_TYPES["toc"],
    "location": _LOCATION,
}
_GEO = re.compile(
    r"^geo:(-?\d+(\.\d+)?),(-?\d+(\.\d+)?)(,-?\d+(\.\d+)?)?(;crs=[A-Za-z0-9-]+)?"
    r"(;u=\d+(\.\d+)?)?(;[A-Za-z0-9-]+=[^;]*)*$"
)
_OSM = re.compile(r"^[NWR][0-9]+(#[0-9]+)?$")
_GET_START = itemgetter("startTime")
_GET_TITLE = itemgetter("title")
_DICT = frozenset({dict})
_STR = frozenset({str})
_TWO = frozenset({2})
_NUMBER_TYPES = frozenset({int, float})
# Integers up to this are floats exactly: the checks' float() changes neither their order nor
# a comparison with the duration, and cannot overflow.
_EXACT_INT = 2**53


def _plain_starts(chapters: Sequence[Any], *, titles: bool = True) -> list[Any] | None:
    """The startTime values when every chapter is the commonest one a build writes, an object
    of exactly two keys, a startTime number (int or float, no bool) and a title (with
    ``titles``: a non-empty string); else None. Tested with C-level passes (map, set, all)
    rather than a Python loop a chapter: the checks need nothing else of such chapters."""
    if not chapters or set(map(type, chapters)) != _DICT or set(map(len, chapters)) != _TWO:
        return None
    try:
        # Two keys each, both found: the keys are exactly startTime and title.
        starts = list(map(_GET_START, chapters))
        found = list(map(_GET_TITLE, chapters))
    except KeyError:
        return None
    if titles and (set(map(type, found)) != _STR or not all(found)):
        return None
    if not set(map(type, starts)) <= _NUMBER_TYPES:
        return None
    return starts


def _number(value: Any) -> float | None:
    # bool is an int in Python but not a number in JSON.
    kind = type(value)
    if kind is float:
        return value  # type: ignore[no-any-return]
    if kind is int:
        return float(value)
    if kind is bool or not isinstance(value, int | float):
        return None
    return float(value)


@chapters_check("CHAP-001", "CHAP-002", "CHAP-003", "CHAP-009", "CHAP-011", "CHAP-012", "CHAP-016")
def check_root(ctx: ChaptersContext) -> None:
    data = ctx.data
    if not isinstance(data, dict):
        ctx.report(
            "CHAP-001", (), f"the top level is a JSON {type(data).__name__}, expected an object"
        )
        return
    version = data.get("version")
    if not isinstance(version, str):
        what = "missing" if "version" not in data else f"a {type(version).__name__}"
        ctx.report("CHAP-002", ("version",), f'"version" is {what}; expected a string like "1.2.0"')
    elif version != _VERSION:
        ctx.report(
            "CHAP-011", ("version",), f'"version" is {version!r}; the current format is "1.2.0"'
        )
    chapters = data.get("chapters")
    if not isinstance(chapters, list):
        what = "missing" if "chapters" not in data else f"a {type(chapters).__name__}"
        ctx.report("CHAP-003", ("chapters",), f'"chapters" is {what}; expected an array')
    elif not chapters:
        ctx.report("CHAP-016", ("chapters",), '"chapters" is empty')
    for key in _ROOT_STRINGS:
        if key in data and not isinstance(data[key], str):
            ctx.report("CHAP-009", (key,), f'"{key}" must be a string')
    if "waypoints" in data and not isinstance(data["waypoints"], bool):
        ctx.report("CHAP-009", ("waypoints",), '"waypoints" must be true or false')
    for key in data:
        if key not in _ROOT_KEYS:
            ctx.report("CHAP-012", (key,), f'unknown key "{key}" (not in the chapters format)')


@chapters_check("CHAP-004", "CHAP-006", "CHAP-007", "CHAP-008", "CHAP-010", "CHAP-012", "CHAP-014")
def check_chapters(ctx: ChaptersContext) -> None:
    # The commonest file: what the loop below would find (nothing) when every start is a
    # number from 0 to _EXACT_INT, found without it.
    starts = _plain_starts(ctx.chapters)
    ctx.plain = (starts,)  # for check_timeline, which the runner calls next on this context
    if starts is not None and min(starts) >= 0 and max(starts) <= _EXACT_INT:
        return
    _check_each_chapter(ctx)


def _check_each_chapter(ctx: ChaptersContext) -> None:
    """check_chapters chapter by chapter (any file)."""
    # A build checks ~20 chapters per file for thousands of files: the loop inlines _number
    # for the JSON numbers every file has and looks each key up once.
    raw: Any
    for index, chapter in enumerate(ctx.chapters):
        if not isinstance(chapter, dict):
            ctx.report("CHAP-004", ("chapters", index), f"chapter {index} is not an object")
            continue
        raw = chapter.get("startTime")
        kind = type(raw)
        start = raw if kind is float else float(raw) if kind is int else _number(raw)
        if start is None or start < 0:
            got = chapter.get("startTime", "nothing")
            ctx.report(
                "CHAP-004",
                ("chapters", index, "startTime"),
                f"startTime is {got!r}; expected seconds as a number ≥ 0",
            )
        if "endTime" in chapter:
            raw = chapter["endTime"]
            kind = type(raw)
            end = raw if kind is float else float(raw) if kind is int else _number(raw)
            if end is None or (start is not None and end < start):
                ctx.report(
                    "CHAP-006",
                    ("chapters", index, "endTime"),
                    f"endTime {chapter['endTime']!r} must be a number ≥ startTime",
                )
        if len(chapter) == 2 and chapter.keys() == _START_AND_TITLE:
            # The commonest chapter: what the key loop below would find of a title, directly.
            title = chapter["title"]
            if type(title) is not str and not isinstance(title, str):
                ctx.report("CHAP-007", ("chapters", index, "title"), '"title" must be a string')
            if not title:
                ctx.report("CHAP-014", ("chapters", index), "a visible chapter without a title")
            continue
        # One pass over the chapter's own keys (a handful) rather than over every known key.
        for key, value in chapter.items():
            rule = _KEY_RULES.get(key)
            if rule is None:
                ctx.report("CHAP-012", ("chapters", index, key), f'unknown chapter key "{key}"')
            elif rule is _TIME:
                continue
            elif type(value) is not rule[0] and not isinstance(value, rule[0]):
                ctx.report("CHAP-007", ("chapters", index, key), f'"{key}" must be {rule[1]}')
            elif rule is _URL and not cast(str, value).startswith("https://"):
                ctx.report(
                    "CHAP-010",
                    ("chapters", index, key),
                    f'"{key}" {value!r} is not an absolute https URL',
                )
            elif rule is _LOCATION:
                _check_location(ctx, ("chapters", index, "location"), cast(dict[str, Any], value))
        if chapter.get("toc") is not False and not chapter.get("title"):
            ctx.report("CHAP-014", ("chapters", index), "a visible chapter without a title")


def _check_location(ctx: ChaptersContext, where: JsonPath, location: dict[str, Any]) -> None:
    if not isinstance(location.get("name"), str):
        ctx.report("CHAP-008", where, 'location needs a "name" string')
    geo = location.get("geo")
    if not isinstance(geo, str) or not _valid_geo(geo):
        ctx.report(
            "CHAP-008", (*where, "geo"), f"location geo {geo!r} is not a geo: URI (RFC 5870)"
        )
    osm = location.get("osm")
    if "osm" in location and not (isinstance(osm, str) and _OSM.match(osm)):
        ctx.report(
            "CHAP-008", (*where, "osm"), f"location osm {osm!r} is not like R113314 or W5013364"
        )


def _valid_geo(geo: str) -> bool:
    match = _GEO.match(geo)
    return match is not None and abs(float(match[1])) <= 90 and abs(float(match[3])) <= 180


@chapters_check("CHAP-005", "CHAP-013", "CHAP-015", "CHAP-017", "CHAP-018", "CHAP-019")
def check_timeline(ctx: ChaptersContext) -> None:
    # The commonest file: plain chapters, the first at 0, each start after the one before (no
    # CHAP-005/015/018; without endTime no CHAP-017), the last within the duration (no
    # CHAP-013), and no start past _EXACT_INT: nothing for the pass below to find.
    starts = ctx.plain[0] if ctx.plain is not None else None
    if starts is None:
        starts = _plain_starts(ctx.chapters, titles=False)
    duration = ctx.duration
    if (
        starts is not None
        and starts[0] == 0
        and starts[-1] <= _EXACT_INT
        and (duration is None or starts[-1] <= duration)
        and all(map(lt, starts, islice(starts, 1, None)))
    ):
        _check_waypoints(ctx)
        return
    _check_timeline_pass(ctx)


def _check_timeline_pass(ctx: ChaptersContext) -> None:
    """check_timeline in one pass over the chapters (any file)."""
    # One pass over the chapters, with _number inlined for ints and floats (see
    # check_chapters). Findings are held back until the pass ends: the report sorts them, so
    # only a conversion that raises (an int too large for a float) could tell the pass from
    # the rules taken one by one, and then those run instead, to stop at the same point.
    found: list[tuple[str, JsonPath, str]] = []
    duration = ctx.duration
    before: dict[str, Any] | None = None
    raw: Any
    start_before = first = 0.0
    end_before: float | None = None
    first_index = -1
    try:
        for index, chapter in enumerate(ctx.chapters):
            if not isinstance(chapter, dict):
                continue
            raw = chapter.get("startTime")
            kind = type(raw)
            start = raw if kind is float else float(raw) if kind is int else _number(raw)
            if start is None:
                continue
            raw = chapter.get("endTime")
            kind = type(raw)
            if kind is float:
                end = raw
            elif kind is int:
                end = float(raw)
            else:
                end = None if raw is None else _number(raw)  # None: no endTime, the usual
            if before is not None:
                if start < start_before:
                    found.append(
                        (
                            "CHAP-005",
                            ("chapters", index, "startTime"),
                            f"startTime {start:g} is before the previous {start_before:g}; "
                            "sort ascending",
                        )
                    )
                elif start == start_before:
                    found.append(
                        (
                            "CHAP-015",
                            ("chapters", index, "startTime"),
                            f"two chapters start at {start:g}",
                        )
                    )
                if end_before is not None and end_before > start >= start_before:
                    found.append(
                        (
                            "CHAP-017",
                            ("chapters", index, "startTime"),
                            f"the previous chapter ends at {end_before:g}, after this one starts",
                        )
                    )
            if duration is not None and (start > duration or (end is not None and end > duration)):
                found.append(
                    (
                        "CHAP-013",
                        ("chapters", index),
                        f"chapter runs past the episode's end ({duration:g} s)",
                    )
                )
            # min() of (start, index) over the visible chapters: a later index wins no tie.
            if chapter.get("toc") is not False and (first_index < 0 or start < first):
                first, first_index = start, index
            before, start_before, end_before = chapter, start, end
    except OverflowError:
        _timeline_rule_by_rule(ctx)
        return
    for rule, where, message in found:
        ctx.report(rule, where, message)
    if first_index >= 0 and first > 0:
        ctx.report(
            "CHAP-018",
            ("chapters", first_index, "startTime"),
            f"the first chapter starts at {first:g}, not 0",
        )
    _check_waypoints(ctx)


def _timeline_rule_by_rule(ctx: ChaptersContext) -> None:
    """check_timeline one rule after the other, converting values in the order it always has."""
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
    _check_waypoints(ctx)


def _check_waypoints(ctx: ChaptersContext) -> None:
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
