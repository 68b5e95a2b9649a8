"""Differential tests: each fast path of the reader against the plain code it stands for."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from podfeed import notes
from podfeed.media import has_time, without_time
from podfeed.model import Chapter

from .test_properties import MARKDOWNISH

# --- chapters: the one-pass reader against "marks first, then chapters" --------------------


def _reference_chapters(source: str, first_line: int) -> list[Chapter]:
    """The chapter lines as the general pattern reads them, then linked as _finish did."""
    text = "\n" + source
    marks = []
    for match in notes._CHAPTER_LINES.finditer(text):
        line = first_line - 1 + text.count("\n", 0, match.start() + 1)
        if match["qm"] is not None:
            mark = notes._mark(
                match["qh"], match["qm"], match["qs"], None, "([", match["qtarget"],
                match["qtitle"], line,
            )  # fmt: skip
        else:
            mark = notes._mark_from(match, line)
        if mark is None:
            continue
        if not mark[1]:
            end = text.find("\n", match.end() + 1)
            title = notes._next_line(text[match.end() + 1 : end if end >= 0 else None].split("\n"))
            if not title:
                continue
            mark = (mark[0], title, *mark[2:])
        marks.append(mark)
    if len(marks) < notes.MIN_BODY_CHAPTERS:
        return []
    counts: dict[str, int] = {}
    for mark in marks:
        if mark[3]:
            counts[mark[3]] = counts.get(mark[3], 0) + 1
    chapters = []
    for start, title, line, stamp_url, url in marks:
        if url is None and stamp_url:
            jump = (
                stamp_url[0] == "#"
                or counts[stamp_url] > 1
                or has_time(stamp_url)
                or any(
                    other != stamp_url
                    and other.startswith(stamp_url)
                    and without_time(other)[0] == stamp_url
                    for other in counts
                )
            )
            if not jump:
                url = stamp_url
        chapters.append(Chapter(start=start, title=title, url=url, line=line))
    return chapters


STAMPS = st.from_regex(r"([0-9]{1,2}:)?[0-9]{1,2}:[0-9]{2}", fullmatch=True)
STAMP_URLS = st.sampled_from(
    ["https://v.example/w?v=1", "https://v.example/w?v=1&t=5s", "https://v.example/w?t=5",
     "https://v.example/w?v=1&start=9", "https://v.example/w?v=2", "#t=1:00", "", "a&amp;b"]
)  # fmt: skip
TITLES = st.sampled_from(
    ["Intro", "Plain words here", "Two  spaces", "Trailing ", "A, b", "**Bold** title",
     "[Linked](https://x.example/a)", "<b>x</b>", "ünïcode wörds", "x_y", "-", "**", "٣", "a\tb"]
)  # fmt: skip
LINKED_LINES = st.builds(
    lambda stamp, url, title, tail: f"([{stamp}]({url})) {title}{tail}",
    STAMPS,
    STAMP_URLS,
    TITLES,
    st.sampled_from(["", "", " ", "\t", ")", "  x"]),
)
CHAPTER_TEXTS = st.lists(
    LINKED_LINES | MARKDOWNISH | st.sampled_from(["", "```", "~~~", "12:30 Plain stamp"]),
    max_size=12,
).map("\n".join)


@given(CHAPTER_TEXTS, st.integers(1, 50))
@example("([00:00](https://v.example/w?v=1)) A\n([01:00](https://v.example/w?v=1&t=60)) B", 1)
@example("([00:00](https://v.example/w?v=2)) A\n([01:00](https://v.example/w?v=2)) B\n", 3)
@example("([1:75:00](u)) Over\n([1:05:75](u)) Over\n([1:05:00](u)) In\n([0:30](u)) In", 1)
def test_one_pass_chapters_are_the_marks_linked_afterwards(source: str, first_line: int) -> None:
    if "`" in source or "~" in source or "<" in source:
        return  # code blocks and HTML: the fences and pieces are the same code in both
    chapters, _ = notes._chapters(source, first_line, None)
    expected = _reference_chapters(source, first_line)
    assert list(chapters) == expected
    assert [c.line for c in chapters] == [c.line for c in expected]
    assert all(type(c) is Chapter for c in chapters)


@given(LINKED_LINES)
def test_plain_title_marker_is_set_only_where_the_title_needs_no_cleaning(line: str) -> None:
    match = notes._CHAPTER_LINES.match("\n" + line)
    if match is None or match["qplain"] is None:
        return
    title = match["qtitle"]
    mark = notes._mark(match["qh"], match["qm"], match["qs"], None, "([", "u", title, 1)
    assert mark is not None or int(match["qs"]) >= 60 or int(match["qm"]) >= 60
    if mark is not None:
        assert mark[1] == title and mark[4] is None
    assert re.fullmatch(r"[A-Za-z0-9]+( [A-Za-z0-9]+)*", title)
