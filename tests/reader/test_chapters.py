"""Chapters: front-matter lists, Podcasting 2.0 objects, strings, and every body timestamp form."""

from __future__ import annotations

import json

import pytest

from podfeed import Chapter, Severity, load_episode
from podfeed.notes import analyze_html, analyze_markdown

from ._util import BASE, yaml_doc
from .conftest import LoadDoc, WriteDoc


def _pairs(chapters: tuple[Chapter, ...]) -> list[tuple[float, str]]:
    return [(c.start, c.title) for c in chapters]


# --- (1) front matter ---------------------------------------------------------------------------


def test_front_matter_items_with_every_optional_key(load_doc: LoadDoc) -> None:
    episode = load_doc(
        yaml_doc(
            BASE
            + "chapters:\n"
            + "  - start: 0\n"
            + "    end: 95.5\n"
            + "    title: Cold open\n"
            + "    img: https://img.example.net/c1.jpg\n"
            + "    toc: false\n"
            + "  - startTime: 95.5\n"
            + "    endTime: '00:10:00'\n"
            + "    title: The lighthouse keeper\n"
            + "    url: https://lights.example.org/keeper\n"
            + "    toc: true\n"
        )
    )
    assert episode.chapters == (
        Chapter(
            start=0, title="Cold open", end=95.5, img="https://img.example.net/c1.jpg", toc=False
        ),
        Chapter(
            start=95.5,
            title="The lighthouse keeper",
            end=600,
            url="https://lights.example.org/keeper",
            toc=True,
        ),
    )


def test_front_matter_chapters_win_over_body_chapters(load_doc: LoadDoc) -> None:
    episode = load_doc(
        yaml_doc(
            BASE + "chapters:\n  - {start: 0, title: From front matter}\n",
            "- 00:00 From the body\n- 05:00 Also body\n",
        )
    )
    assert _pairs(episode.chapters) == [(0, "From front matter")]


def test_podcasting_20_chapters_object(load_doc: LoadDoc) -> None:
    obj = {
        "version": "1.2.0",
        "chapters": [
            {"startTime": 0, "title": "Welcome"},
            {"startTime": 62.5, "endTime": 300, "title": "Buoys", "img": "https://i.example/b.png"},
            {"startTime": 300, "title": "Silent marker", "toc": False},
        ],
    }
    text = '{"title": "t", "date": "2024-05-01", "chapters": ' + json.dumps(obj) + "}\n"
    episode = load_doc(text)
    assert episode.chapters == (
        Chapter(start=0, title="Welcome"),
        Chapter(start=62.5, title="Buoys", end=300, img="https://i.example/b.png"),
        Chapter(start=300, title="Silent marker", toc=False),
    )


def test_podcasting_20_chapters_object_in_yaml(load_doc: LoadDoc) -> None:
    episode = load_doc(
        yaml_doc(
            BASE
            + "chapters:\n"
            + "  version: 1.2.0\n"
            + "  chapters:\n"
            + "    - {startTime: 0, title: One}\n"
            + "    - {startTime: 30, title: Two}\n"
        )
    )
    assert _pairs(episode.chapters) == [(0, "One"), (30, "Two")]


def test_front_matter_list_of_strings(load_doc: LoadDoc) -> None:
    episode = load_doc(
        yaml_doc(
            BASE
            + "chapters:\n"
            + "  - 00:00:00 Harbour sounds\n"
            + "  - '00:12:30 The ferry timetable'\n"
            + "  - 1:01:35 - Listener mail\n"
        )
    )
    assert _pairs(episode.chapters) == [
        (0, "Harbour sounds"),
        (750, "The ferry timetable"),
        (3695, "Listener mail"),
    ]


def test_toml_array_of_tables(load_doc: LoadDoc) -> None:
    episode = load_doc(
        "+++\n"
        'title = "t"\n'
        "date = 2024-05-01\n"
        "[[chapters]]\n"
        "start = 0\n"
        'title = "Start"\n'
        "[[chapters]]\n"
        'start = "02:00"\n'
        'title = "Next"\n'
        "+++\n"
    )
    assert _pairs(episode.chapters) == [(0, "Start"), (120, "Next")]


def test_front_matter_chapters_out_of_order_warn(load_doc: LoadDoc) -> None:
    episode = load_doc(
        yaml_doc(
            BASE + "chapters:\n  - {start: 300, title: Later}\n  - {start: 0, title: Earlier}\n"
        )
    )
    assert _pairs(episode.chapters) == [(300, "Later"), (0, "Earlier")]
    assert any(w.rule == "DOC-101" for w in episode.warnings)


# --- (2) the body: every timestamp form ---------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # the forms named in issue 2, each with a second line so it counts as a chapter list
        (
            [
                "([00:00](https://www.youtube.com/watch?v=abc)) Hello",
                "([01:44](https://www.youtube.com/watch?v=abc&t=104s)) The scale of it",
            ],
            [(0, "Hello"), (104, "The scale of it")],
        ),
        (
            ["* **[00:00](#t=00:00)** Opening", "* **[12:34](#t=12:34)** Topic"],
            [(0, "Opening"), (754, "Topic")],
        ),
        (["00:00 - Intro", "02:39 - Topic"], [(0, "Intro"), (159, "Topic")]),
        (["0:00 Intro", "1:01:35 Topic"], [(0, "Intro"), (3695, "Topic")]),
        (["#### 00:00 Part one", "", "#### 10:00 Part two"], [(0, "Part one"), (600, "Part two")]),
        # list items: bullets and numbers
        (["- 00:00 Start", "- 05:30 Middle"], [(0, "Start"), (330, "Middle")]),
        (["+ 00:00 Start", "+ 05:30 Middle"], [(0, "Start"), (330, "Middle")]),
        (["1. 00:00 Start", "2. 05:30 Middle"], [(0, "Start"), (330, "Middle")]),
        # separators: space, -, –, —, :, TAB
        (["00:00 – Start", "05:30 – Middle"], [(0, "Start"), (330, "Middle")]),
        (["00:00 — Start", "05:30 — Middle"], [(0, "Start"), (330, "Middle")]),
        (["00:00: Start", "05:30: Middle"], [(0, "Start"), (330, "Middle")]),
        (["00:00\tStart", "05:30\tMiddle"], [(0, "Start"), (330, "Middle")]),
        (["00:00-Start", "05:30-Middle"], [(0, "Start"), (330, "Middle")]),
        # wrapped in emphasis, brackets, parentheses or a link
        (["*00:00* Start", "*05:30* Middle"], [(0, "Start"), (330, "Middle")]),
        (["_00:00_ Start", "_05:30_ Middle"], [(0, "Start"), (330, "Middle")]),
        (["**00:00** Start", "**05:30** Middle"], [(0, "Start"), (330, "Middle")]),
        (["__00:00__ Start", "__05:30__ Middle"], [(0, "Start"), (330, "Middle")]),
        (["[00:00] Start", "[05:30] Middle"], [(0, "Start"), (330, "Middle")]),
        (["(00:00) Start", "(05:30) Middle"], [(0, "Start"), (330, "Middle")]),
        (
            ["[00:00](https://v.example/x?t=0) Start", "[05:30](https://v.example/x?t=330) Middle"],
            [(0, "Start"), (330, "Middle")],
        ),
        (["**[00:00]** Start", "**[05:30]** Middle"], [(0, "Start"), (330, "Middle")]),
        # every clock width, and milliseconds
        (["0:00 A", "9:59 B"], [(0, "A"), (599, "B")]),
        (["00:00:00 A", "01:02:03 B"], [(0, "A"), (3723, "B")]),
        (["00:00:00.000 A", "00:01:02.500 B"], [(0, "A"), (62.5, "B")]),
        (["0:00:00 A", "2:00:00 B"], [(0, "A"), (7200, "B")]),
        # paragraphs (blank lines between)
        (
            ["00:00 Start", "", "05:30 Middle", "", "11:00 End"],
            [(0, "Start"), (330, "Middle"), (660, "End")],
        ),
    ],
)
def test_body_timestamp_forms(
    load_doc: LoadDoc, lines: list[str], expected: list[tuple[float, str]]
) -> None:
    body = "Some notes first.\n\n" + "\n".join(lines) + "\n"
    assert _pairs(load_doc(yaml_doc(BASE, body)).chapters) == expected


def test_timestamp_alone_on_its_line_takes_the_next_line_as_title(load_doc: LoadDoc) -> None:
    body = "00:00\nWelcome aboard\n\n12:30\nThe ferry timetable\n"
    assert _pairs(load_doc(yaml_doc(BASE, body)).chapters) == [
        (0, "Welcome aboard"),
        (750, "The ferry timetable"),
    ]


def test_titles_keep_link_text_and_drop_markup(load_doc: LoadDoc) -> None:
    body = (
        "- 00:00 **Welcome** and _hello_\n"
        "- 04:10 Talking about [tide tables](https://tides.example.org/) and `ropes`\n"
    )
    episode = load_doc(yaml_doc(BASE, body))
    assert _pairs(episode.chapters) == [
        (0, "Welcome and hello"),
        (250, "Talking about tide tables and ropes"),
    ]
    assert episode.chapters[1].url == "https://tides.example.org/"
    assert episode.chapters[0].url is None


def test_html_body_chapters(load_doc: LoadDoc) -> None:
    body = (
        "<p>Our notes.</p>\n"
        "<p>(00:00:00) Opening</p>\n"
        "<p>(00:12:01) Topic</p>\n"
        "<ul><li>00:30:00 – Wrap-up</li></ul>\n"
    )
    episode = load_doc(yaml_doc(BASE, body), name="ep.html")
    assert _pairs(episode.chapters) == [(0, "Opening"), (721, "Topic"), (1800, "Wrap-up")]


def test_raw_html_block_in_markdown(load_doc: LoadDoc) -> None:
    body = "Intro paragraph.\n\n<p>(00:00:00) Opening</p>\n<p>(00:12:01) Topic</p>\n"
    episode = load_doc(yaml_doc(BASE, body))
    assert _pairs(episode.chapters) == [(0, "Opening"), (721, "Topic")]


def test_html_body_with_strong_and_links(load_doc: LoadDoc) -> None:
    body = (
        '<p><strong><a href="https://v.example/w?t=0">00:00</a></strong> Hello</p>\n'
        '<p><strong><a href="https://v.example/w?t=90">01:30</a></strong> '
        '<a href="https://docs.example.org/">Docs</a> talk</p>\n'
    )
    episode = load_doc(yaml_doc(BASE, body), name="ep.html")
    assert _pairs(episode.chapters) == [(0, "Hello"), (90, "Docs talk")]
    assert episode.chapters[1].url == "https://docs.example.org/"


# --- what is not a chapter list -----------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "At 12:30 we talk about ferries, and at 15:00 about tides.\n",
        "We met at 10:30 for coffee.\n\nThen left at 11:45 for the pier.\n",
        "- We talk about 12:30 trains\n- and the 15:00 boat\n",
        "Score was 3:1 and then 2:0.\n\nThe ratio 16:9 is wide.\n",
        "Call us on 12:30-13:30 weekdays, see John 3:16.\n",
    ],
)
def test_timestamps_inside_prose_are_not_chapters(load_doc: LoadDoc, body: str) -> None:
    assert load_doc(yaml_doc(BASE, body)).chapters == ()


def test_a_single_timestamp_line_is_a_mention_not_a_chapter_list(load_doc: LoadDoc) -> None:
    body = "Notes.\n\n12:30 The ferry timetable\n\nMore notes.\n"
    assert load_doc(yaml_doc(BASE, body)).chapters == ()


def test_two_timestamp_lines_make_a_chapter_list(load_doc: LoadDoc) -> None:
    body = "Notes.\n\n12:30 The ferry timetable\n\nMore notes.\n\n20:00 Goodbye\n"
    assert _pairs(load_doc(yaml_doc(BASE, body)).chapters) == [
        (750, "The ferry timetable"),
        (1200, "Goodbye"),
    ]


def test_timestamps_in_code_blocks_are_not_chapters(load_doc: LoadDoc) -> None:
    body = "```\n00:00 not a chapter\n05:00 neither\n```\n"
    assert load_doc(yaml_doc(BASE, body)).chapters == ()


# --- order, lines, links on timestamps ----------------------------------------------------------


def test_out_of_order_starts_keep_document_order_and_warn(load_doc: LoadDoc) -> None:
    body = "- 00:00 One\n- 10:00 Two\n- 05:00 Three\n"
    episode = load_doc(yaml_doc(BASE, body))
    assert _pairs(episode.chapters) == [(0, "One"), (600, "Two"), (300, "Three")]
    warnings = [w for w in episode.warnings if w.rule == "DOC-101"]
    assert len(warnings) == 1
    assert warnings[0].severity == Severity.WARNING
    # front matter is lines 1-4, the body starts at line 5; "05:00 Three" is line 7
    assert warnings[0].line == 7


def test_ordered_chapters_give_no_warning(load_doc: LoadDoc) -> None:
    episode = load_doc(yaml_doc(BASE, "- 00:00 One\n- 10:00 Two\n"))
    assert not [w for w in episode.warnings if w.rule == "DOC-101"]


def test_chapter_line_is_the_line_in_the_file(load_doc: LoadDoc) -> None:
    text = yaml_doc(
        BASE + "author: Someone\n", "Intro.\n\nMore intro.\n\n- 00:00 One\n- 10:00 Two\n"
    )
    # lines: 1 ---, 2 title, 3 date, 4 author, 5 ---, 6 Intro, 7 blank, 8 More, 9 blank, 10, 11
    episode = load_doc(text)
    assert [c.line for c in episode.chapters] == [10, 11]


def test_chapter_line_with_crlf_and_bom(write_doc: WriteDoc) -> None:
    text = yaml_doc(BASE, "\n- 00:00 One\n- 10:00 Two\n").replace("\n", "\r\n")
    path = write_doc(data=b"\xef\xbb\xbf" + text.encode())
    assert [c.line for c in load_episode(path).chapters] == [6, 7]


def test_time_jump_links_on_timestamps_are_not_chapter_urls(load_doc: LoadDoc) -> None:
    body = (
        "([00:00](https://www.youtube.com/watch?v=abc)) Intro\n\n"
        "([01:44](https://www.youtube.com/watch?v=abc&t=104s)) Scale\n\n"
        "([03:31](https://youtu.be/abc?start=211)) Stack\n\n"
        "[05:00](#t=05:00) Anchor\n"
    )
    episode = load_doc(yaml_doc(BASE, body))
    assert _pairs(episode.chapters) == [
        (0, "Intro"),
        (104, "Scale"),
        (211, "Stack"),
        (300, "Anchor"),
    ]
    assert [c.url for c in episode.chapters] == [None, None, None, None]


def test_link_on_a_timestamp_that_is_not_a_time_jump_is_kept(load_doc: LoadDoc) -> None:
    body = (
        "- [00:00](https://notes.example.org/intro) Intro\n"
        "- [05:00](https://notes.example.org/gear) Gear\n"
    )
    episode = load_doc(yaml_doc(BASE, body))
    assert [c.url for c in episode.chapters] == [
        "https://notes.example.org/intro",
        "https://notes.example.org/gear",
    ]


def test_links_on_chapter_timestamps_are_still_links(load_doc: LoadDoc) -> None:
    body = (
        "([00:00](https://www.youtube.com/watch?v=abc)) Intro\n\n"
        "([01:44](https://www.youtube.com/watch?v=abc&t=104s)) Scale\n"
    )
    urls = [link.url for link in load_doc(yaml_doc(BASE, body)).links]
    assert urls == [
        "https://www.youtube.com/watch?v=abc",
        "https://www.youtube.com/watch?v=abc&t=104s",
    ]


# --- the pure extractors ------------------------------------------------------------------------


def test_analyze_markdown_offsets_lines_by_first_line() -> None:
    notes = analyze_markdown("- 00:00 One\n- 10:00 Two\n", first_line=20)
    assert _pairs(notes.chapters) == [(0, "One"), (600, "Two")]
    assert [c.line for c in notes.chapters] == [20, 21]
    assert "<li>" in notes.html


def test_analyze_markdown_defaults_to_line_one() -> None:
    notes = analyze_markdown("00:00 One\n\n10:00 Two\n")
    assert [c.line for c in notes.chapters] == [1, 3]


def test_analyze_html_finds_chapters_and_keeps_html() -> None:
    html = "<p>(00:00) One</p>\n<p>(10:00) Two</p>\n"
    notes = analyze_html(html, first_line=3)
    assert _pairs(notes.chapters) == [(0, "One"), (600, "Two")]
    assert [c.line for c in notes.chapters] == [3, 4]
    assert "<p>(00:00) One</p>" in notes.html


def test_analyze_markdown_reports_out_of_order() -> None:
    notes = analyze_markdown("00:10 B\n\n00:05 A\n")
    assert [w.rule for w in notes.warnings] == ["DOC-101"]
    assert notes.warnings[0].line == 3


def test_front_matter_chapter_lines_are_the_item_lines(load_doc: LoadDoc) -> None:
    episode = load_doc(
        yaml_doc(BASE + "chapters:\n  - start: 10\n    title: B\n  - start: 0\n    title: A\n")
    )
    # lines: 1 ---, 2 title, 3 date, 4 chapters:, 5 first item, 7 second item
    assert [c.line for c in episode.chapters] == [5, 7]
    warnings = [w for w in episode.warnings if w.rule == "DOC-101"]
    assert [w.line for w in warnings] == [7]
    assert warnings[0].severity == Severity.WARNING


def test_timestamps_on_consecutive_lines_of_one_paragraph(load_doc: LoadDoc) -> None:
    # soft and hard line breaks: each timestamp still begins a line
    body = "Chapters:\n00:00 Intro\n05:00 Topic  \n10:00 Outro\n"
    episode = load_doc(yaml_doc(BASE, body))
    assert _pairs(episode.chapters) == [(0, "Intro"), (300, "Topic"), (600, "Outro")]
    assert [c.line for c in episode.chapters] == [6, 7, 8]


def test_html_paragraph_with_line_breaks(load_doc: LoadDoc) -> None:
    body = "<p>00:00 Intro<br />\n05:00 Topic<br />\n10:00 Outro</p>\n"
    episode = load_doc(yaml_doc(BASE, body), name="ep.html")
    assert _pairs(episode.chapters) == [(0, "Intro"), (300, "Topic"), (600, "Outro")]


def test_list_item_with_timestamp_alone_takes_the_continuation_line(load_doc: LoadDoc) -> None:
    body = "- 00:00\n  Intro\n- 05:00\n  Topic\n"
    assert _pairs(load_doc(yaml_doc(BASE, body)).chapters) == [(0, "Intro"), (300, "Topic")]


def test_chapters_past_ten_hours(load_doc: LoadDoc) -> None:
    body = "- 00:00:00 Start\n- 10:00:01 Very late\n"
    assert _pairs(load_doc(yaml_doc(BASE, body)).chapters) == [(0, "Start"), (36001, "Very late")]


def test_body_timestamps_with_invalid_minutes_are_not_chapters(load_doc: LoadDoc) -> None:
    body = "- 00:00 Start\n- 1:75:00 Impossible\n- 2:00:00 Later\n"
    assert _pairs(load_doc(yaml_doc(BASE, body)).chapters) == [(0, "Start"), (7200, "Later")]


@pytest.mark.parametrize(
    "jump",
    [
        "https://youtu.be/abc?t=1m44s",
        "https://www.youtube.com/watch?v=abc&start=104",
        "https://video.example.org/ep7#t=104",
        "https://video.example.org/ep7?t=104",
    ],
)
def test_time_jump_forms(load_doc: LoadDoc, jump: str) -> None:
    body = f"- [00:00](https://other.example/intro) Intro\n- [01:44]({jump}) Scale\n"
    episode = load_doc(yaml_doc(BASE, body))
    assert [c.url for c in episode.chapters] == ["https://other.example/intro", None]


def test_same_page_link_on_every_timestamp_is_not_a_chapter_url(load_doc: LoadDoc) -> None:
    body = (
        "- [00:00](https://video.example.org/ep7) Intro\n"
        "- [05:00](https://video.example.org/ep7) Middle\n"
        "- [10:00](https://video.example.org/ep7) End\n"
    )
    episode = load_doc(yaml_doc(BASE, body))
    assert [c.url for c in episode.chapters] == [None, None, None]


def test_link_in_the_title_wins_over_a_time_jump_on_the_timestamp(load_doc: LoadDoc) -> None:
    body = (
        "([00:00](https://v.example/w?v=1)) Hello\n\n"
        "([02:00](https://v.example/w?v=1&t=120)) About [the archive](https://archive.example/)\n"
    )
    episode = load_doc(yaml_doc(BASE, body))
    assert [c.url for c in episode.chapters] == [None, "https://archive.example/"]


def test_html_list_items_with_linked_timestamps(load_doc: LoadDoc) -> None:
    body = (
        "<ul>\n"
        '<li><a href="https://v.example/w?t=0">00:00</a> – Hello</li>\n'
        '<li><a href="https://v.example/w?t=95">01:35</a> – Harbour <em>walk</em></li>\n'
        "</ul>\n"
    )
    episode = load_doc(yaml_doc(BASE, body), name="ep.html")
    assert _pairs(episode.chapters) == [(0, "Hello"), (95, "Harbour walk")]
    assert [c.url for c in episode.chapters] == [None, None]
    assert [c.line for c in episode.chapters] == [6, 7]


@pytest.mark.parametrize(
    "body",
    [
        "    00:00 indented code\n    01:00 more code\n",
        "~~~\n00:00 A\n01:00 B\n~~~\n",
        "<!--\n00:00 commented out\n01:00 also commented out\n-->\n",
    ],
    ids=["indented-code", "tilde-fence", "html-comment"],
)
def test_timestamps_in_code_or_comments_are_not_chapters(load_doc: LoadDoc, body: str) -> None:
    assert load_doc(yaml_doc(BASE, "Notes.\n\n" + body)).chapters == ()


def test_html_comment_in_an_html_body_hides_chapters(load_doc: LoadDoc) -> None:
    body = "<p>Notes.</p>\n<!-- <p>00:00 Old</p>\n<p>01:00 Older</p> -->\n"
    assert load_doc(yaml_doc(BASE, body), name="ep.html").chapters == ()


def test_titles_resolve_backslash_escapes(load_doc: LoadDoc) -> None:
    body = "00:00 Intro\n01:00 _Two_ \\*stars\\*\n"
    assert _pairs(load_doc(yaml_doc(BASE, body)).chapters) == [(0, "Intro"), (60, "Two *stars*")]


def test_titles_drop_footnote_marks(load_doc: LoadDoc) -> None:
    body = "00:00 Intro[^1]\n01:00 Two\n\n[^1]: A note.\n"
    assert _pairs(load_doc(yaml_doc(BASE, body)).chapters) == [(0, "Intro"), (60, "Two")]
