"""Links in the show notes: every kind, in order, deduplicated, with text and section."""

from __future__ import annotations

import dataclasses

import pytest

from podfeed import Chapter, Link
from podfeed.notes import analyze_html, analyze_markdown

from ._util import BASE, yaml_doc
from .conftest import LoadDoc


def test_markdown_autolink_and_raw_html_links_in_order(load_doc: LoadDoc) -> None:
    body = (
        "We read [the tide tables](https://tides.example.org/) first.\n\n"
        "Then <https://ferries.example.com/timetable> and\n"
        '<a href="https://pier.example.net/">the pier website</a>.\n'
    )
    assert load_doc(yaml_doc(BASE, body)).links == (
        Link(text="the tide tables", url="https://tides.example.org/"),
        Link(
            text="https://ferries.example.com/timetable",
            url="https://ferries.example.com/timetable",
        ),
        Link(text="the pier website", url="https://pier.example.net/"),
    )


def test_links_are_deduplicated_by_url_first_wins(load_doc: LoadDoc) -> None:
    body = (
        "## Listen\n\n"
        "On [Radio A](https://a.example/) and [Radio B](https://b.example/).\n\n"
        "## Links\n\n"
        "- [A again](https://a.example/)\n"
        "- [Something new](https://c.example/)\n"
    )
    assert load_doc(yaml_doc(BASE, body)).links == (
        Link(text="Radio A", url="https://a.example/", section="Listen"),
        Link(text="Radio B", url="https://b.example/", section="Listen"),
        Link(text="Something new", url="https://c.example/", section="Links"),
    )


def test_section_is_the_nearest_heading_or_bold_lead_in(load_doc: LoadDoc) -> None:
    body = (
        "Before any heading: [first](https://one.example/).\n\n"
        "### Gear we used\n\n"
        "- [Recorder](https://gear.example/recorder)\n\n"
        "**Mentions during the episode:**\n\n"
        "- [A lighthouse](https://light.example/)\n"
        "- [A ferry](https://ferry.example/)\n\n"
        "**Sponsors**\n\n"
        "[Rope & Co](https://rope.example/)\n"
    )
    links = load_doc(yaml_doc(BASE, body)).links
    assert [(link.url, link.section) for link in links] == [
        ("https://one.example/", None),
        ("https://gear.example/recorder", "Gear we used"),
        ("https://light.example/", "Mentions during the episode"),
        ("https://ferry.example/", "Mentions during the episode"),
        ("https://rope.example/", "Sponsors"),
    ]


def test_bold_text_inside_a_sentence_is_not_a_section(load_doc: LoadDoc) -> None:
    body = "## Notes\n\nWe **really** liked [this](https://liked.example/).\n"
    links = load_doc(yaml_doc(BASE, body)).links
    assert links == (Link(text="this", url="https://liked.example/", section="Notes"),)


def test_bold_lead_in_with_links_inside_is_not_a_section(load_doc: LoadDoc) -> None:
    # A bold paragraph that holds more than text (here, links) is a listen-on line, not a heading.
    body = (
        "## Where to listen\n\n"
        "**Listen on [Radio A](https://a.example/) and [Radio B](https://b.example/).**\n\n"
        "More: [c](https://c.example/)\n"
    )
    links = load_doc(yaml_doc(BASE, body)).links
    assert [link.section for link in links] == ["Where to listen"] * 3


def test_link_text_drops_markup(load_doc: LoadDoc) -> None:
    body = "See [**bold** and _slanted_ words](https://words.example/).\n"
    assert load_doc(yaml_doc(BASE, body)).links == (
        Link(text="bold and slanted words", url="https://words.example/"),
    )


def test_links_in_html_bodies(load_doc: LoadDoc) -> None:
    body = (
        "<h2>Further reading</h2>\n"
        '<ul><li><a href="https://read.example/one">One</a></li>\n'
        '<li><a href="https://read.example/two"><em>Two</em></a></li></ul>\n'
    )
    assert load_doc(yaml_doc(BASE, body), name="ep.html").links == (
        Link(text="One", url="https://read.example/one", section="Further reading"),
        Link(text="Two", url="https://read.example/two", section="Further reading"),
    )


def test_reference_style_links(load_doc: LoadDoc) -> None:
    body = "Read [the guide][g] now.\n\n[g]: https://guide.example/\n"
    assert load_doc(yaml_doc(BASE, body)).links == (
        Link(text="the guide", url="https://guide.example/"),
    )


def test_no_links_gives_an_empty_tuple(load_doc: LoadDoc) -> None:
    assert load_doc(yaml_doc(BASE, "Plain words only.\n")).links == ()


def test_links_in_code_are_not_links(load_doc: LoadDoc) -> None:
    body = "Type `[x](https://code.example/)` to link.\n\n    [y](https://indented.example/)\n"
    assert load_doc(yaml_doc(BASE, body)).links == ()


def test_pure_extractors_return_links() -> None:
    md = analyze_markdown("## Refs\n\n[a](https://a.example/)\n")
    assert md.links == (Link(text="a", url="https://a.example/", section="Refs"),)
    html = analyze_html('<p><strong>Refs:</strong></p><p><a href="https://a.example/">a</a></p>')
    assert html.links == (Link(text="a", url="https://a.example/", section="Refs"),)


def test_setext_heading_and_trailing_colon_sections(load_doc: LoadDoc) -> None:
    body = (
        "Links we mentioned\n"
        "------------------\n\n"
        "- [One](https://one.example/)\n\n"
        "## Sponsors:\n\n"
        "- [Two](https://two.example/)\n"
    )
    assert [(link.text, link.section) for link in load_doc(yaml_doc(BASE, body)).links] == [
        ("One", "Links we mentioned"),
        ("Two", "Sponsors"),
    ]


def test_heading_markup_is_dropped_from_the_section(load_doc: LoadDoc) -> None:
    body = (
        "## Reading *list* for [today](https://today.example/)\n\n[Book](https://book.example/)\n"
    )
    links = load_doc(yaml_doc(BASE, body)).links
    assert links[-1] == Link("Book", "https://book.example/", "Reading list for today")


def test_links_with_the_same_url_but_different_text_keep_the_first(load_doc: LoadDoc) -> None:
    body = "[First name](https://same.example/) and [second name](https://same.example/)\n"
    assert load_doc(yaml_doc(BASE, body)).links == (Link("First name", "https://same.example/"),)


def test_urls_are_unescaped_and_link_titles_ignored(load_doc: LoadDoc) -> None:
    body = (
        '[amp](https://a.example/?x=1&y=2 "A title")\n\n'
        "<https://auto.example/p?q=1&r=2>\n\n"
        "<a HREF='https://b.example/?u=1&amp;v=2'>B</a>\n"
    )
    assert [link.url for link in load_doc(yaml_doc(BASE, body)).links] == [
        "https://a.example/?x=1&y=2",
        "https://auto.example/p?q=1&r=2",
        "https://b.example/?u=1&v=2",
    ]


def test_image_inside_a_link_gives_its_alt_text(load_doc: LoadDoc) -> None:
    body = "[![Support us](https://img.example/badge.svg)](https://support.example/)\n"
    assert load_doc(yaml_doc(BASE, body)).links == (Link("Support us", "https://support.example/"),)


def test_images_escaped_brackets_and_comments_are_not_links(load_doc: LoadDoc) -> None:
    body = (
        "![cover](https://img.example/cover.png)\n\n"
        "\\[not a link\\](https://escaped.example/)\n\n"
        "<!-- [hidden](https://hidden.example/) -->\n\n"
        "[shown](https://shown.example/)\n"
    )
    links = load_doc(yaml_doc(BASE, body)).links
    # Escaped brackets make no Markdown link; the bare URL left in the text is autolinked
    # (as on GitHub), with itself as its text. Images and commented-out links are not links.
    assert [(link.text, link.url) for link in links] == [
        ("https://escaped.example/", "https://escaped.example/"),
        ("shown", "https://shown.example/"),
    ]


def test_bare_urls_become_links_but_not_inside_code(load_doc: LoadDoc) -> None:
    body = "Read https://bare.example/page. Or `https://code.example/` in code.\n"
    episode = load_doc(yaml_doc(BASE, body))
    assert [link.url for link in episode.links] == ["https://bare.example/page"]
    assert '<a href="https://bare.example/page">' in episode.content_html


def test_extracted_links_and_chapters_are_ordinary_frozen_model_objects() -> None:
    # The extractor builds these without the dataclass __init__ (podfeed.model.fill_class);
    # they must be indistinguishable from constructed ones.
    notes = analyze_markdown(
        "[00:00](https://v.example/w) Intro\n\n[05:00](https://v.example/w?t=300) Tides\n"
    )
    link = notes.links[0]
    assert type(link) is Link
    assert link == Link("00:00", "https://v.example/w")
    assert hash(link) == hash(Link("00:00", "https://v.example/w"))
    assert repr(link) == repr(Link("00:00", "https://v.example/w"))
    chapter = notes.chapters[1]
    assert type(chapter) is Chapter
    assert chapter == Chapter(300.0, "Tides", line=3)
    assert (chapter.end, chapter.url, chapter.img, chapter.toc, chapter.line) == (
        None,
        None,
        None,
        None,
        3,
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        chapter.title = "changed"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        link.url = "changed"  # type: ignore[misc]
