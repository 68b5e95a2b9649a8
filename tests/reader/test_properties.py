"""Property tests: the chapter extractor and the reader on arbitrary input."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from podfeed import Episode, PodfeedError, load_episode
from podfeed import notes as notes_module
from podfeed.notes import analyze_html, analyze_markdown

from ._util import yaml_doc

FILE_SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Text that is likely to contain timestamps and the markup around them, not just noise.
PIECES = st.sampled_from(
    [
        "00:00", "1:02:03", "12:34", "9:59", "01:02:03.250", "75:00", "1:75", "99:99:99",
        " ", "\n", "\n\n", "\t", "- ", "* ", "1. ", "#### ", "**", "*", "_", "[", "]", "(", ")",
        "](https://v.example/w?t=5)", "](#t=1:00)", " - ", " – ", " — ", ": ", "<p>", "</p>",
        "<a href=\"https://x.example/\">", "</a>", "```", "> ", "Title", "at ", "we talk",
        "<", ">", "&amp;", "\\", "|", "---", "\r\n", "\u00a0", "١٢:٣٠",
    ]
)  # fmt: skip
MARKDOWNISH = st.one_of(st.text(), st.lists(PIECES | st.text(max_size=5)).map("".join))

#: Every ``d+:dd`` or ``d+:dd:dd`` (with an optional fraction) that starts anywhere in the text.
_CLOCK = re.compile(r"(?=(\d+):(\d\d)(?::(\d\d))?(?:[.,](\d+))?)")


def _clock_values(text: str) -> set[float]:
    """All values a timestamp written somewhere in ``text`` could stand for."""
    values: set[float] = set()
    for match in _CLOCK.finditer(text):
        first, second, third, fraction = match.groups()
        frac = float(f"0.{fraction}") if fraction else 0.0
        two = int(first) * 60 + int(second)
        values.update({two, two + frac})
        if third is not None:
            three = int(first) * 3600 + int(second) * 60 + int(third)
            values.update({three, three + frac})
    return values


def _from_text(start: float, text: str) -> bool:
    return any(math.isclose(start, value, abs_tol=1e-6) for value in _clock_values(text))


@given(MARKDOWNISH)
def test_markdown_extractor_never_raises_and_chapters_come_from_the_text(text: str) -> None:
    notes = analyze_markdown(text)
    assert isinstance(notes.html, str)
    for chapter in notes.chapters:
        assert _from_text(chapter.start, text), (chapter, text)
        assert chapter.line is not None and 1 <= chapter.line <= text.count("\n") + 2
        # a chapter has a one-line title (the text after the timestamp, or the next line)
        assert chapter.title.strip() and "\n" not in chapter.title, (chapter, text)


@given(MARKDOWNISH)
def test_html_extractor_never_raises_and_chapters_come_from_the_text(text: str) -> None:
    notes = analyze_html(text)
    for chapter in notes.chapters:
        assert _from_text(chapter.start, text), (chapter, text)


@given(MARKDOWNISH, st.integers(min_value=1, max_value=10_000))
def test_first_line_shifts_every_chapter_line(text: str, first_line: int) -> None:
    base = analyze_markdown(text)
    shifted = analyze_markdown(text, first_line=first_line)
    assert [c.line for c in shifted.chapters] == [
        (c.line or 0) + first_line - 1 for c in base.chapters
    ]


# --- generated chapter lists come back exactly --------------------------------------------------

TITLES = st.from_regex(r"[A-Z][a-z]{2,9}( [a-z]{2,9}){0,3}", fullmatch=True)
PREFIXES = st.sampled_from(["", "- ", "* ", "1. ", "#### ", "## "])
WRAPS = st.sampled_from(
    ["{}", "**{}**", "[{}]", "({})", "*{}*", "[{}](#t={})", "([{}](https://v.example/w?t={}))"]
)
SEPARATORS = st.sampled_from([" ", " - ", " – ", " — ", ": ", "\t", "-", "—"])
JOINERS = st.sampled_from(["\n", "\n\n"])


def _clock(seconds: int, style: int) -> str:
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    if h or style == 0:
        return f"{h:02d}:{m:02d}:{s:02d}" if style in (0, 1) else f"{h}:{m:02d}:{s:02d}"
    return f"{m:02d}:{s:02d}" if style == 1 else f"{m}:{s:02d}"


@given(
    starts=st.lists(st.integers(0, 5 * 3600), min_size=2, max_size=12, unique=True).map(sorted),
    titles=st.lists(TITLES, min_size=12, max_size=12),
    style=st.integers(0, 2),
    prefix=PREFIXES,
    wrap=WRAPS,
    separator=SEPARATORS,
    joiner=JOINERS,
)
def test_generated_chapter_lists_round_trip(
    starts: list[int],
    titles: list[str],
    style: int,
    prefix: str,
    wrap: str,
    separator: str,
    joiner: str,
) -> None:
    # "[00:05]: Title" would be a CommonMark link reference definition, not a paragraph
    assume(not (wrap == "[{}]" and separator.startswith(":")))
    lines = []
    for start, title in zip(starts, titles, strict=False):
        clock = _clock(start, style)
        lines.append(prefix + wrap.format(clock, start) + separator + title)
    text = "Show notes.\n\n" + joiner.join(lines) + "\n"
    notes = analyze_markdown(text)
    expected = list(zip(starts, titles[: len(starts)], strict=True))
    assert [(c.start, c.title) for c in notes.chapters] == expected, text
    assert not [w for w in notes.warnings if w.rule == "DOC-101"]


# --- the fast pattern for linked timestamps agrees with the general one -----------------------

LINE_PIECES = st.sampled_from(
    ["([", "(", "[", "]", ")", "](", "))", "1", "12", "123", ":", "05", "59", ".", ",", " ", "\t",
     "-", "–", "—", "|", "https://v.example/w?t=5", "x", "Title", "**", "<b>", "</b>", "\\"]
)  # fmt: skip


@given(
    st.tuples(
        st.sampled_from(["([", "([", "(", "[", "(( ", "([*"]),
        st.from_regex(r"([0-9]{1,2}:)?[0-9]{1,2}:[0-9]{2}", fullmatch=True)
        | st.from_regex(r"([0-9]{1,3}:)?[0-9]{1,3}:[0-9]{1,3}([.,][0-9])?", fullmatch=True),
        st.sampled_from(["](", "](", "] (", "]"]),
        st.sampled_from(["https://v.example/w?t=5", "https://v.example/w?t=5", "", "a b", "x)y"]),
        st.sampled_from(["))", "))", ")", ")))", ")*)"]),
        st.sampled_from([" ", " ", "  ", " - ", "\t", "", " |"]),
        st.sampled_from(["Title", "Title two", "-x", "|y", "", "– z", ":w"]),
        st.lists(LINE_PIECES, max_size=3).map("".join),
    ).map("".join)
)
def test_linked_stamp_fast_path_reads_what_the_general_pattern_reads(line: str) -> None:
    # podfeed.notes tries _LINKED_STAMP before the general chapter-line pattern; wherever it
    # matches, its groups must be the general pattern's.
    fast = notes_module._CHAPTER_LINES.match("\n" + line)
    if fast is None or fast["qstamp"] is None:
        return  # the general pattern reads this line (no assume(): most lines are near misses)
    general = notes_module._CHAPTER.match(line)
    assert general is not None
    assert general.group("h", "m", "s", "f", "pre", "target", "title") == (
        *notes_module._clock(fast["qstamp"]), None, "([", fast["qtarget"], fast["qtitle"]
    )  # fmt: skip
    assert fast.end() == len(line) + 1


# --- loading never raises anything but PodfeedError ---------------------------------------------

ALIAS_KEYS = [
    "title", "date", "publishedDate", "pubDate", "published", "publishDate", "Date", "author",
    "authors", "host", "hosts", "link", "source", "permalink", "url", "audio", "enclosure", "file",
    "mp3", "podcast_file", "podcast_link", "length", "bytes", "podcast_bytes", "podcast_length",
    "duration", "podcast_duration", "itunes_duration", "episode", "number",
    "podcast_episode_number", "season", "episode_type", "episodeType", "podcast_episode_type",
    "guid", "id", "image", "podcast_image", "episode_image", "explicit", "keywords", "tags",
    "category", "categories", "persons", "people", "guests", "speaker", "transcript",
    "transcripts", "chapters", "chapter", "description", "summary", "excerpt", "draft",
    "soundbites", "location", "license", "funding", "value", "live", "chat", "txt",
    "alternateEnclosure", "socialInteract", "contentLink", "images",
]  # fmt: skip
TRICKY = st.sampled_from(
    [
        "10:05", "1:75", "2024-13-01", "2024-05-01", "2024-05-01T10:00:00+02:00", "yes", "clean",
        "ep.mp3", "https://a.example/b.mp3", "https://a.example/page", "Wed, 01 May 2024 10:00 GMT",
        "1:02:03.5", "", " ", "00:00 Intro", "-1", "1e400", "NaN", "version", "startTime",
    ]
)  # fmt: skip
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
    TRICKY,
)
NESTED_KEYS = ["url", "start", "startTime", "title", "length", "type", "name", "version", "end"]
KEYS = st.one_of(
    st.sampled_from(ALIAS_KEYS), st.sampled_from(NESTED_KEYS), st.text(min_size=1, max_size=8)
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=12,
)
FRONT = st.dictionaries(KEYS, VALUES, max_size=10)


def _load_or_podfeed_error(path: Path) -> Episode | None:
    try:
        return load_episode(path)
    except PodfeedError as err:
        assert err.path == str(path)
        return None


@FILE_SETTINGS
@given(data=st.binary(max_size=400))
def test_arbitrary_bytes(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "episode.md"
    path.write_bytes(data)
    _load_or_podfeed_error(path)


@FILE_SETTINGS
@given(
    prefix=st.sampled_from([b"---\n", b"+++\n", b"{", b"\xef\xbb\xbf---\r\n"]),
    data=st.binary(max_size=300),
)
def test_arbitrary_bytes_after_a_front_matter_fence(
    tmp_path: Path, prefix: bytes, data: bytes
) -> None:
    path = tmp_path / "episode.md"
    path.write_bytes(prefix + data)
    _load_or_podfeed_error(path)


@FILE_SETTINGS
@given(front=FRONT, body=MARKDOWNISH, with_required=st.booleans())
def test_arbitrary_yaml_front_matter(
    tmp_path: Path, front: dict[str, Any], body: str, with_required: bool
) -> None:
    if with_required:
        front = {"title": "A title", "date": "2024-05-01", **front}
    path = tmp_path / "episode.md"
    path.write_text(yaml_doc(yaml.safe_dump(front, allow_unicode=True), body), encoding="utf-8")
    _load_or_podfeed_error(path)


@FILE_SETTINGS
@given(front=FRONT, body=MARKDOWNISH, suffix=st.sampled_from(["md", "html"]))
def test_arbitrary_json_front_matter(
    tmp_path: Path, front: dict[str, Any], body: str, suffix: str
) -> None:
    front = {"title": "A title", "date": "2024-05-01", **front}
    path = tmp_path / f"episode.{suffix}"
    path.write_text(json.dumps(front) + "\n" + body, encoding="utf-8")
    _load_or_podfeed_error(path)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return "{" + ", ".join(f"{json.dumps(k)} = {_toml_value(v)}" for k, v in value.items()) + "}"


def _no_none(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, list):
        return all(_no_none(v) for v in value)
    if isinstance(value, dict):
        return all(_no_none(v) for v in value.values())
    return True


@FILE_SETTINGS
@given(front=FRONT, body=MARKDOWNISH)
def test_arbitrary_toml_front_matter(tmp_path: Path, front: dict[str, Any], body: str) -> None:
    assume(_no_none(front))  # TOML has no null
    lines = ['title = "A title"', "date = 2024-05-01"]
    lines += [
        f"{json.dumps(k)} = {_toml_value(v)}"
        for k, v in front.items()
        if k not in ("title", "date")
    ]
    path = tmp_path / "episode.md"
    path.write_text("+++\n" + "\n".join(lines) + "\n+++\n" + body, encoding="utf-8")
    _load_or_podfeed_error(path)


HTML_WRAPS = st.sampled_from(
    ["{}", "({})", "[{}]", "<strong>{}</strong>", "<em>{}</em>", '<a href="#t={1}">{0}</a>']
)
HTML_BLOCKS = st.sampled_from(["<p>{}</p>", "<li>{}</li>", "<h4>{}</h4>", "{}<br>"])


@given(
    starts=st.lists(st.integers(0, 5 * 3600), min_size=2, max_size=12, unique=True).map(sorted),
    titles=st.lists(TITLES, min_size=12, max_size=12),
    style=st.integers(0, 2),
    wrap=HTML_WRAPS,
    block=HTML_BLOCKS,
    separator=SEPARATORS,
)
def test_generated_html_chapter_lists_round_trip(
    starts: list[int],
    titles: list[str],
    style: int,
    wrap: str,
    block: str,
    separator: str,
) -> None:
    lines = [
        block.format(wrap.format(_clock(start, style), start) + separator + title)
        for start, title in zip(starts, titles, strict=False)
    ]
    text = "<p>Show notes.</p>\n" + "\n".join(lines) + "\n"
    notes = analyze_html(text)
    expected = list(zip(starts, titles[: len(starts)], strict=True))
    assert [(c.start, c.title) for c in notes.chapters] == expected, text
    assert [c.line for c in notes.chapters] == list(range(2, 2 + len(starts)))
