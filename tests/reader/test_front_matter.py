"""Front matter in every form (YAML, TOML, JSON), front matter only, BOM/CRLF, YAML 1.2 scalars."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from podfeed import DocumentError, Episode, load_episode

from ._util import BASE, yaml_doc
from .conftest import LoadDoc, WriteDoc

MAY_FIRST = datetime(2024, 5, 1, tzinfo=UTC)

YAML_TEXT = """---
title: "Tides and Timetables"
date: 2024-05-01
author: Ines Okafor
recorded_in: Harbour studio
---

Notes about *ferries*.
"""

TOML_TEXT = """+++
title = "Tides and Timetables"
date = 2024-05-01
author = "Ines Okafor"
recorded_in = "Harbour studio"
+++

Notes about *ferries*.
"""

JSON_TEXT = """{
  "title": "Tides and Timetables",
  "date": "2024-05-01",
  "author": "Ines Okafor",
  "recorded_in": "Harbour studio"
}

Notes about *ferries*.
"""

FORMS = {"yaml": YAML_TEXT, "toml": TOML_TEXT, "json": JSON_TEXT}


def _check_tides(episode: Episode) -> None:
    assert episode.title == "Tides and Timetables"
    assert episode.date == MAY_FIRST
    assert episode.author == "Ines Okafor"
    assert episode.extra == {"recorded_in": "Harbour studio"}
    assert "<em>ferries</em>" in episode.content_html


@pytest.mark.parametrize("form", sorted(FORMS))
def test_each_front_matter_form_is_read(load_doc: LoadDoc, form: str) -> None:
    _check_tides(load_doc(FORMS[form]))


@pytest.mark.parametrize("form", sorted(FORMS))
def test_bom_and_crlf_are_accepted(write_doc: WriteDoc, form: str) -> None:
    data = b"\xef\xbb\xbf" + FORMS[form].replace("\n", "\r\n").encode("utf-8")
    episode = load_episode(write_doc(name=f"crlf-{form}.md", data=data))
    _check_tides(episode)
    assert "\r" not in episode.title


@pytest.mark.parametrize("form", sorted(FORMS))
def test_bom_alone_is_accepted(write_doc: WriteDoc, form: str) -> None:
    data = b"\xef\xbb\xbf" + FORMS[form].encode("utf-8")
    _check_tides(load_episode(write_doc(name=f"bom-{form}.md", data=data)))


@pytest.mark.parametrize("form", sorted(FORMS))
def test_lines_point_at_the_front_matter_keys(load_doc: LoadDoc, form: str) -> None:
    episode = load_doc(FORMS[form])
    # Line 1 is the opening fence (or the JSON brace): title is on line 2, date 3, author 4.
    assert episode.lines["title"] == 2
    assert episode.lines["date"] == 3
    assert episode.lines["author"] == 4


@pytest.mark.parametrize(
    "text",
    [
        yaml_doc(BASE),
        '+++\ntitle = "An episode"\ndate = 2024-05-01\n+++\n',
        '{"title": "An episode", "date": "2024-05-01"}',
        '{"title": "An episode", "date": "2024-05-01"}\n',
    ],
    ids=["yaml", "toml", "json", "json-newline"],
)
def test_a_document_may_have_only_front_matter(load_doc: LoadDoc, text: str) -> None:
    episode = load_doc(text)
    assert episode.title == "An episode"
    assert episode.date == MAY_FIRST
    assert episode.content_html.strip() == ""
    assert episode.chapters == ()
    assert episode.links == ()


def test_a_document_with_only_a_body_lacks_a_title(write_doc: WriteDoc) -> None:
    path = write_doc("Just some show notes, and [a link](https://example.org/).\n")
    with pytest.raises(DocumentError) as caught:
        load_episode(path)
    assert caught.value.rule == "DOC-003"
    assert caught.value.field == "title"
    assert caught.value.path == str(path)
    assert "title" in str(caught.value)


def test_source_path_is_the_path_read(write_doc: WriteDoc) -> None:
    path = write_doc(yaml_doc(BASE), name="season-2/ep.markdown")
    assert load_episode(path).source_path == path
    assert load_episode(str(path)).source_path == path


def test_extra_keeps_unused_keys_verbatim(load_doc: LoadDoc) -> None:
    episode = load_doc(
        yaml_doc(
            BASE
            + "feedName: Harbour Notes\n"
            + "sponsors:\n  - name: Rope & Co\n    url: https://rope.example.com/\n"
            + "rating: 4.5\n"
            + "flags: [a, b]\n"
        )
    )
    assert episode.extra == {
        "feedName": "Harbour Notes",
        "sponsors": [{"name": "Rope & Co", "url": "https://rope.example.com/"}],
        "rating": 4.5,
        "flags": ["a", "b"],
    }


def test_extra_is_empty_when_every_key_is_used(load_doc: LoadDoc) -> None:
    assert dict(load_doc(yaml_doc(BASE)).extra) == {}


def test_toml_nested_tables_and_native_values(load_doc: LoadDoc) -> None:
    episode = load_doc(
        "+++\n"
        'title = "Knots"\n'
        "date = 2024-05-01T07:30:00Z\n"
        "season = 2\n"
        "episode = 5\n"
        "explicit = false\n"
        "draft = true\n"
        "[audio]\n"
        'url = "https://cdn.example.com/knots.mp3"\n'
        "length = 1234567\n"
        'type = "audio/mpeg"\n'
        "[studio]\n"
        'name = "Pier 4"\n'
        "+++\n"
        "Body.\n"
    )
    assert episode.date == datetime(2024, 5, 1, 7, 30, tzinfo=UTC)
    assert (episode.season, episode.number) == (2, 5)
    assert episode.explicit is False
    assert episode.draft is True
    assert episode.audio is not None
    assert (episode.audio.url, episode.audio.length, episode.audio.type) == (
        "https://cdn.example.com/knots.mp3",
        1234567,
        "audio/mpeg",
    )
    assert episode.extra == {"studio": {"name": "Pier 4"}}


def test_json_front_matter_with_nested_values(load_doc: LoadDoc) -> None:
    episode = load_doc(
        '{"title": "Knots", "date": "2024-05-01", "explicit": true,\n'
        ' "audio": {"url": "https://cdn.example.com/knots.m4a", "length": 99},\n'
        ' "tags": ["rope", "sailing"]}\n'
        "\n"
        "## Notes\n"
    )
    assert episode.explicit is True
    assert episode.audio is not None
    assert episode.audio.url == "https://cdn.example.com/knots.m4a"
    assert episode.audio.length == 99
    assert episode.audio.type is None
    assert episode.keywords == ("rope", "sailing")
    assert "<h2>Notes</h2>" in episode.content_html


def test_json_braces_inside_strings_do_not_end_the_front_matter(load_doc: LoadDoc) -> None:
    episode = load_doc('{"title": "Sets like {a, b} and }{", "date": "2024-05-01"}\n\nBody text.\n')
    assert episode.title == "Sets like {a, b} and }{"
    assert "Body text." in episode.content_html


# --- YAML read with YAML 1.2-like scalars -----------------------------------------------------


def test_unquoted_clock_value_stays_a_string_in_extra(load_doc: LoadDoc) -> None:
    episode = load_doc(yaml_doc(BASE + "call_time: 10:05\nother: 08:30\n"))
    assert episode.extra == {"call_time": "10:05", "other": "08:30"}


@pytest.mark.parametrize("word", ["no", "off", "yes", "on", "No", "OFF"])
def test_yaml_11_booleans_stay_strings_outside_boolean_fields(load_doc: LoadDoc, word: str) -> None:
    episode = load_doc(yaml_doc(f"title: {word}\ndate: 2024-05-01\nmood: {word}\n"))
    assert episode.title == word
    assert episode.extra == {"mood": word}


def test_unquoted_date_in_extra_is_kept_as_written(load_doc: LoadDoc) -> None:
    episode = load_doc(yaml_doc(BASE + "recorded: 2024-04-20\n"))
    assert episode.extra == {"recorded": "2024-04-20"}


def test_yaml_native_true_and_false_still_work_in_boolean_fields(load_doc: LoadDoc) -> None:
    assert load_doc(yaml_doc(BASE + "explicit: true\n")).explicit is True
    assert load_doc(yaml_doc(BASE + "explicit: false\n")).explicit is False
    assert load_doc(yaml_doc(BASE + "draft: true\n")).draft is True


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("true", True),
        ("false", False),
        ("yes", True),
        ("no", False),
        ("YES", True),
        ("No", False),
        ("explicit", True),
        ("clean", False),
        ("Explicit", True),
        ("CLEAN", False),
        ("TRUE", True),
        ('"false"', False),
    ],
)
def test_boolean_words_in_any_case(load_doc: LoadDoc, written: str, expected: bool) -> None:
    assert load_doc(yaml_doc(BASE + f"explicit: {written}\n")).explicit is expected


@pytest.mark.parametrize(("written", "expected"), [("yes", True), ("No", False), ("TRUE", True)])
def test_draft_accepts_boolean_words(load_doc: LoadDoc, written: str, expected: bool) -> None:
    assert load_doc(yaml_doc(BASE + f"draft: {written}\n")).draft is expected


def test_draft_defaults_to_false_and_explicit_to_none(load_doc: LoadDoc) -> None:
    episode = load_doc(yaml_doc(BASE))
    assert episode.draft is False
    assert episode.explicit is None


@pytest.mark.parametrize(
    ("form", "text"),
    [
        ("toml", '+++\ntitle = "t"\ndate = 2024-05-01\nexplicit = true\n+++\n'),
        ("json", '{"title": "t", "date": "2024-05-01", "explicit": true}\n'),
    ],
)
def test_native_booleans_of_toml_and_json(load_doc: LoadDoc, form: str, text: str) -> None:
    assert load_doc(text, name=f"{form}.md").explicit is True


# --- summary and content ----------------------------------------------------------------------


@pytest.mark.parametrize("key", ["description", "summary", "excerpt"])
def test_summary_is_the_description_with_html_stripped(load_doc: LoadDoc, key: str) -> None:
    episode = load_doc(
        yaml_doc(BASE + f'{key}: "We talk about <b>knots</b> and <em>rope</em> &amp; more."\n')
    )
    assert episode.summary == "We talk about knots and rope & more."


def test_summary_strips_markdown_markup(load_doc: LoadDoc) -> None:
    # Descriptions written in Markdown (common in Jekyll/Hugo excerpts) are markup too.
    episode = load_doc(
        yaml_doc(BASE + 'description: "About **knots**, see [here](https://x.example/)."\n')
    )
    assert episode.summary == "About knots, see here."


def test_summary_is_none_without_a_description(load_doc: LoadDoc) -> None:
    assert load_doc(yaml_doc(BASE, "Body text that is not a summary.\n")).summary is None


def test_content_html_renders_markdown_and_keeps_raw_html(load_doc: LoadDoc) -> None:
    body = (
        "Intro with **bold** text.\n\n"
        "| Part | Who |\n|---|---|\n| one | Ines |\n\n"
        '<div class="sponsor">Made with <span>care</span></div>\n\n'
        "After the block.\n"
    )
    html = load_doc(yaml_doc(BASE, body)).content_html
    assert "<strong>bold</strong>" in html
    assert "<table>" in html and "<td>Ines</td>" in html
    assert '<div class="sponsor">Made with <span>care</span></div>' in html
    assert "After the block." in html


def test_html_body_is_kept_as_html(load_doc: LoadDoc) -> None:
    episode = load_doc(
        yaml_doc(BASE, '<p>Read the <a href="https://notes.example.org/">notes</a>.</p>\n'),
        name="episode.html",
    )
    assert '<a href="https://notes.example.org/">notes</a>' in episode.content_html
    # Markdown escaping would turn the tags into text; an HTML body must not be escaped.
    assert "&lt;p&gt;" not in episode.content_html


def test_html_body_is_not_read_as_markdown(load_doc: LoadDoc) -> None:
    episode = load_doc(yaml_doc(BASE, "<p>Stars: *not emphasis*</p>\n"), name="episode.html")
    assert "<em>" not in episode.content_html
    assert "*not emphasis*" in episode.content_html


@pytest.mark.parametrize("name", ["ep.md", "ep.markdown", "ep.html"])
def test_each_document_suffix_is_read(load_doc: LoadDoc, name: str) -> None:
    assert load_doc(yaml_doc(BASE, "Text.\n"), name=name).title == "An episode"


def test_closing_fence_at_end_of_file_without_newline(load_doc: LoadDoc) -> None:
    episode = load_doc('---\ntitle: "Last line"\ndate: 2024-05-01\n---')
    assert episode.title == "Last line"
    assert episode.content_html.strip() == ""


def test_toml_closing_fence_at_end_of_file_without_newline(load_doc: LoadDoc) -> None:
    assert load_doc('+++\ntitle = "Last"\ndate = 2024-05-01\n+++').title == "Last"


def test_empty_yaml_front_matter_means_no_fields(write_doc: WriteDoc) -> None:
    path = write_doc("---\n---\nOnly a body.\n")
    with pytest.raises(DocumentError) as caught:
        load_episode(path)
    # an empty block is an empty mapping (so the title is missing), not a non-mapping
    assert caught.value.rule == "DOC-003"
    assert caught.value.field == "title"


@pytest.mark.parametrize(
    "text",
    [
        '---\ntitle: "t"\ndate: 2024-05-01\nthe fence never closes\n',
        '+++\ntitle = "t"\ndate = 2024-05-01\n',
        '{\n"title": "t",\n"date": "2024-05-01"\n\nthe brace never closes\n',
    ],
    ids=["yaml", "toml", "json"],
)
def test_unterminated_front_matter_is_invalid(write_doc: WriteDoc, text: str) -> None:
    path = write_doc(text)
    with pytest.raises(DocumentError) as caught:
        load_episode(path)
    assert caught.value.rule == "DOC-002"
    assert caught.value.path == str(path)
    assert caught.value.line is not None


def test_a_thematic_break_later_in_the_body_is_not_front_matter(load_doc: LoadDoc) -> None:
    episode = load_doc(yaml_doc(BASE, "Part one.\n\n---\n\nPart two.\n"))
    assert "<hr" in episode.content_html
    assert "Part two." in episode.content_html


# README ("Booleans") also documents on/off and 1/0; unquoted 1/0 arrive as integers.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (yaml_doc(BASE + "explicit: on\n"), True),
        (yaml_doc(BASE + "explicit: OFF\n"), False),
        (yaml_doc(BASE + "explicit: '1'\n"), True),
        (yaml_doc(BASE + "explicit: 1\n"), True),
        (yaml_doc(BASE + "explicit: 0\n"), False),
        ('{"title": "t", "date": "2024-05-01", "explicit": 1}\n', True),
        ('+++\ntitle = "t"\ndate = 2024-05-01\nexplicit = 0\n+++\n', False),
    ],
    ids=["on", "OFF", "quoted-1", "yaml-1", "yaml-0", "json-1", "toml-0"],
)
def test_readme_boolean_extras(load_doc: LoadDoc, text: str, expected: bool) -> None:
    assert load_doc(text).explicit is expected
