"""Show notes sanitising, plain-text summaries and XML-safe text."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from podfeed.sanitize import (
    cdata_safe,
    clean_as_is,
    clean_as_is_utf8,
    plain_text,
    sanitize_notes,
    truncate,
    xml_safe,
)

BASE = "https://bench.example.org/episodes/7/"


@pytest.mark.parametrize(
    ("html", "gone"),
    [
        ("<p>a</p><script>alert('x')</script>", "alert"),
        ("<style>p { color: red }</style><p>a</p>", "color"),
        ('<iframe src="https://evil.example/">fallback</iframe><p>a</p>', "evil"),
        ('<p onclick="steal()">a</p>', "steal"),
        ('<a href="javascript:steal()">a</a>', "javascript"),
        ('<img src="x.png" onerror="steal()">', "onerror"),
        ("<p>a<!-- secret --></p>", "secret"),
        ('<object data="x.swf"></object><embed src="y.swf"><p>a</p>', "swf"),
        ('<p style="position:fixed">a</p>', "position"),
    ],
)
def test_dangerous_markup_is_removed(html: str, gone: str) -> None:
    assert gone not in sanitize_notes(html, BASE)


def test_allowed_tags_are_kept_and_others_unwrapped() -> None:
    html = (
        "<h2>Parts</h2><p><b>b</b> <i>i</i> <strong>s</strong> <em>e</em><br></p>"
        "<ol><li>one</li></ol><ul><li>two</li></ul><blockquote>q</blockquote>"
        "<pre><code>x = 1</code></pre><div><span>kept text</span></div><table><tr><td>cell</td>"
        "</tr></table>"
    )
    out = sanitize_notes(html, BASE)
    for tag in (
        "h2",
        "p",
        "b",
        "i",
        "strong",
        "em",
        "br",
        "ol",
        "ul",
        "li",
        "blockquote",
        "pre",
        "code",
    ):
        assert f"<{tag}>" in out
    for tag in ("div", "span", "table", "td"):
        assert f"<{tag}" not in out
    assert "kept text" in out and "cell" in out


def test_relative_urls_become_absolute() -> None:
    out = sanitize_notes('<a href="../parts/">p</a> <img src="img/a.png" alt="A">', BASE)
    assert 'href="https://bench.example.org/episodes/parts/"' in out
    assert 'src="https://bench.example.org/episodes/7/img/a.png"' in out
    assert 'alt="A"' in out


def test_already_clean_notes_are_returned_unchanged() -> None:
    html = '<p>See <a href="https://a.example/x?y=1&amp;z=2">this</a>.</p>\n<ul>\n<li>x</li>\n</ul>'
    assert sanitize_notes(html, BASE) == html


def test_mailto_kept_and_other_schemes_dropped() -> None:
    out = sanitize_notes('<a href="mailto:a@b.example">m</a><a href="ftp://f.example/">f</a>', BASE)
    assert 'href="mailto:a@b.example"' in out
    assert "ftp:" not in out


def test_control_characters_removed() -> None:
    assert sanitize_notes("<p>a\x00b\x1bc\x7fd\ud800e</p>", BASE) == "<p>abcde</p>"
    assert xml_safe("tab\tnl\ncr\r\x0cend\ufffe") == "tab\tnl\ncr\rend"


def test_cdata_end_is_escaped() -> None:
    assert cdata_safe("<p>x]]>y</p>") == "<p>x]]&gt;y</p>"
    notes = sanitize_notes('<a title="]]>" href="https://a.example/">a</a>', BASE)
    assert "]]>" not in cdata_safe(notes)


def test_plain_text() -> None:
    html = "<h1>Title</h1>\n<p>One &amp; two,   three.</p><ul><li>a</li><li>b<br>c</li></ul>"
    assert plain_text(html) == "Title\nOne & two, three.\na\nb\nc"


def test_plain_text_and_truncate_limits() -> None:
    long_html = "<p>" + "word " * 3000 + "</p>"
    text = plain_text(long_html, 1000)
    assert len(text.encode()) <= 1000 and text.endswith("word…")
    assert truncate("short", 100) == "short"
    assert truncate("ééééé ééééé", 14) == "ééééé…"  # cut at the space, "…" fits
    assert truncate("éééééééééé", 12) == "éééé…"  # no space: cut between characters


def test_plain_text_block_ends_in_any_case() -> None:
    # As with re.IGNORECASE: the Kelvin sign folds to "k", the dotless i to "i".
    html = "a</P>b<BR/>c</bloc\u212aquote>d</l\u0131>e</Div>f"
    assert plain_text(html) == "a\nb\nc\nd\ne\nf"


def test_xml_safe_long_text() -> None:
    text = "é" * 300 + "\x85\x7f\x00\ufffe" + "x" * 300 + "\ud800"
    assert xml_safe(text) == "é" * 300 + "x" * 300
    clean = "— " * 200 + "\t\n\r"
    assert xml_safe(clean) is clean


@pytest.mark.parametrize(
    "markup",
    [
        "",
        "plain text",
        "<p>Ünïcode — “quotes” 🎙️</p>",
        "<p>© and \xa0 (U+0080-U+00BF)</p>",
        "<p>\ufffe\uffff and \uf000</p>",
        "<p>\x00\x07\x1b\x7f\x85 controls</p>",
        "<p>\ud800 lone surrogate</p>",
        '<p><a href="rel/">relative</a></p>',
        '<p><a href="https://a.example/">absolute</a> a]]>b</p>',
        "<script>x()</script>",
    ],
)
def test_clean_as_is_utf8_is_clean_as_is_encoded_or_none(markup: str) -> None:
    data = clean_as_is_utf8(markup)
    clean = clean_as_is(markup)
    if data is not None:
        assert clean is not None and data == clean.encode()
    if markup.isascii() and markup.isprintable():
        assert data == (None if clean is None else clean.encode())


@pytest.mark.parametrize("reference", ["&#1;", "&#x7f;", "&#xfffe;", "&#x1b;"])
def test_character_references_to_characters_xml_cannot_hold_are_dropped(reference: str) -> None:
    # The sanitizer decodes references; what it decodes them to must not reach the feed.
    out = sanitize_notes(f"<p>before{reference}after <script>x</script></p>", BASE)
    assert "beforeafter" in out
    assert xml_safe(out) == out


def test_the_url_whitespace_class_is_str_isspace() -> None:
    from podfeed.sanitize import _SPACE

    space = re.compile(f"[{_SPACE}]")
    assert all((space.match(chr(c)) is not None) == chr(c).isspace() for c in range(0x110000))


_URL_PIECES = st.one_of(
    st.text(st.sampled_from('<>"/ahrefimgsrc=tp:\t\n\xa0\u2003\u3000é'), max_size=6),
    st.sampled_from(['<a href="https://', '<img src="http://', '">', '" alt="x"', " />", "<p>"]),
)


@settings(max_examples=500)
@given(st.lists(_URL_PIECES, max_size=12).map("".join))
def test_unsafe_tag_search_matches_the_backslash_s_pattern(markup: str) -> None:
    from podfeed.sanitize import _BARE, _UNSAFE_TAG

    reference = re.compile(
        r'<(?!p>|/p>|/a>|a href="https?://[^"<>\s]+">'
        rf"|/?(?:{_BARE})>|br ?/?>"
        r'|img src="https?://[^"<>\s]+"(?: (?:alt|title)="[^"<>]*")* ?/?>)'
    )
    found, expected = _UNSAFE_TAG.search(markup), reference.search(markup)
    assert (found and found.start()) == (expected and expected.start())


_TAG_PIECES = _URL_PIECES | st.sampled_from(
    ["<p>", "</p>", "</a>", "<br />", "<li>", "</h2>", "<b", "x", "\x00", "\x85", "\ufffe", "•"]
)


@settings(max_examples=1000)
@given(st.lists(_TAG_PIECES, max_size=14).map("".join))
def test_the_utf8_tag_pattern_is_the_str_pattern_on_clean_bytes(markup: str) -> None:
    from podfeed.sanitize import _NOT_SUSPECT, _UNSAFE_TAG, _UNSAFE_TAG_UTF8

    data = markup.encode()
    if data.translate(None, _NOT_SUSPECT):
        return  # clean_as_is_utf8 asks the pattern only about bytes without these
    safe = _UNSAFE_TAG_UTF8.search(data) is None
    if safe or markup.isascii():
        # Safe here is safe for the str pattern; on ASCII (URLs too) they agree exactly.
        assert safe == (_UNSAFE_TAG.search(markup) is None)
    data_or_none = clean_as_is_utf8(markup)
    clean = clean_as_is(markup)
    assert data_or_none == (None if clean is None else clean.encode())


@pytest.mark.parametrize(
    "url",
    [
        "https://a.example/x",
        "http://a.example/?q=1&amp;t=2#f",
        "https://a b",
        'https://a"b',
        "https://a<b",
        "https://a>b",
        "https://a\tb",
        "https://a\x1cb",
        "https://",
        "ftp://a",
    ],
)
def test_the_utf8_tag_pattern_judges_ascii_urls_as_the_str_pattern(url: str) -> None:
    from podfeed.sanitize import _UNSAFE_TAG, _UNSAFE_TAG_UTF8

    for markup in (f'<p><a href="{url}">x</a></p>', f'<img src="{url}" alt="y" />'):
        expected = _UNSAFE_TAG.search(markup) is None
        assert (_UNSAFE_TAG_UTF8.search(markup.encode()) is None) == expected


def test_the_utf8_tag_pattern_leaves_urls_past_ascii_to_the_str_pattern() -> None:
    from podfeed.sanitize import _UNSAFE_TAG_UTF8

    markup = '<p><a href="https://a.example/caf\u00e9">caf\u00e9 \u2014</a></p>'
    assert _UNSAFE_TAG_UTF8.search(markup.encode()) is not None
    assert clean_as_is_utf8(markup) == markup.encode()
    spaced = '<p><a href="https://a.example/\u2003x">x</a></p>'
    assert clean_as_is_utf8(spaced) is None


@settings(max_examples=500)
@given(
    st.lists(_URL_PIECES | st.sampled_from(["<p>", "</p>", "&amp;", "&#1;", " \n"]), max_size=30)
)
def test_plain_text_told_the_markup_is_xml_legal_gives_the_same(pieces: list[str]) -> None:
    markup = xml_safe("".join(pieces))
    for limit in (None, 3, 20):
        assert plain_text(markup, limit, xml_legal=True) == plain_text(markup, limit)


def _reference_truncate(text: str, limit_bytes: int) -> str:
    if len(text) * 4 <= limit_bytes:
        return text
    data = text.encode()
    if len(data) <= limit_bytes:
        return text
    cut = data[: limit_bytes - 3].decode("utf-8", "ignore")
    head, space, _ = cut.rpartition(" ")
    return (head if space else cut).rstrip() + "…"


@given(st.text(st.sampled_from("ab é✓🎙 \n"), max_size=40), st.integers(0, 50))
def test_truncate_encodes_only_what_it_keeps(text: str, limit: int) -> None:
    assert truncate(text, limit) == _reference_truncate(text, limit)


def _reference_plain_text(markup: str, limit_bytes: int | None = None) -> str:
    """plain_text before its fast path for already-collapsed lines: every line split and
    joined."""
    from podfeed.sanitize import _BLOCK_END, _TAG

    if limit_bytes is not None and len(markup) > 2 * limit_bytes:
        markup = markup[: 2 * limit_bytes]
        partial = markup.find("<", markup.rfind(">") + 1)
        if partial >= 0:
            markup = markup[:partial]
    text = _TAG.sub("", _BLOCK_END.sub("\n", markup))
    if "&" in text:
        text = html.unescape(text)
    lines: list[str] = []
    size = 0
    room = len(text) + 2 if limit_bytes is None else limit_bytes + 1
    for line in text.split("\n"):
        words = line.split()
        if words:
            lines.append(xml_safe(" ".join(words)))
            size += len(lines[-1]) + 1
            if size > room:
                break
    text = "\n".join(lines)
    return text if limit_bytes is None else truncate(text, limit_bytes)


# Words, every kind of whitespace, markup that becomes line breaks, entities, and characters
# str.isprintable() refuses that are not whitespace (a soft hyphen, a zero-width joiner).
_TEXT_PIECES = st.one_of(
    st.text(st.sampled_from("ab é—🎙"), min_size=1, max_size=5),
    st.sampled_from(
        [
            *(" ", "  ", "\n", "\n\n", " \n", "\n ", "\t", "\r", "\xa0", "\u2003", "\u3000"),
            *("\x85", "\x0b", "\x1c", "\u2028", "\xad", "\u200d", "\x01", "<p>", "</p>", "<br/>"),
            *("</li>", "<a href='x'>", "&amp;", "&#10;", "&#32;", "&nbsp;", "&#1;", "<", ">"),
        ]
    ),
)


@settings(max_examples=1500)
@given(st.lists(_TEXT_PIECES, max_size=40).map("".join), st.sampled_from([None, 0, 3, 10, 40]))
def test_plain_text_matches_splitting_every_line(markup: str, limit: int | None) -> None:
    expected = _reference_plain_text(markup, limit)
    assert plain_text(markup, limit) == expected
    if xml_safe(markup) == markup:
        assert plain_text(markup, limit, xml_legal=True) == expected


def test_plain_text_of_rendered_notes_takes_the_collapsed_lines() -> None:
    from podfeed.sanitize import _collapsed

    text = "One line.\nTwo — lines, é."
    assert _collapsed(text)
    for other in ("a  b", "a \n", "\n a", " a", "a ", "a\tb", "a\rb", "a\xa0b", "—\u2003b"):
        assert not _collapsed(other)


def test_the_wide_space_class_is_the_xml_legal_non_ascii_whitespace() -> None:
    from podfeed.sanitize import _WIDE_SPACE

    for code in range(0x110000):
        char = chr(code)
        wanted = char.isspace() and not char.isascii() and xml_safe(char) == char
        assert (_WIDE_SPACE.match(char) is not None) == wanted


_XML_TEXT = st.text(
    st.sampled_from("ab \t\n\r\x00\x01\x1f\x7f\x85\x9f\xa0é—\ud800\ufffe\uffff\uf000🎙"), max_size=8
)


@settings(max_examples=800)
@given(_XML_TEXT, st.sampled_from([0, 90, 99, 100, 255, 256, 600]), _XML_TEXT)
def test_xml_safe_matches_the_regular_expression(head: str, pad: int, tail: str) -> None:
    # Around the lengths where xml_safe changes method, ASCII or not.
    from podfeed.sanitize import _NOT_XML

    for filler in ("x", "é"):
        text = head + filler * pad + tail
        assert xml_safe(text) == _NOT_XML.sub("", text)
