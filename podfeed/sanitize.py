"""Show notes made safe for podcast apps, and text made safe for XML.

Podcast apps render a small subset of HTML (Apple: ``p ol ul li a``; podfeed also keeps
``b i strong em br h1``–``h6 blockquote code pre img``). :func:`sanitize_notes` reduces the
Episode's full HTML to that subset with nh3 (ammonia): other tags are unwrapped (their text
stays), ``script``/``style``/``iframe``/… are dropped with their content, event handlers and
other attributes are removed, only http(s)/mailto URLs survive, and relative URLs are made
absolute against a base (the episode's link, else the show's ``base_url``).

Notes that are already in that shape — what the Markdown renderer produces for ordinary show
notes — are recognised by one regular-expression pass and returned unchanged, because a full
HTML5 parse costs ~0.1 ms per KB and a 10,000-episode feed would spend seconds on it.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

import nh3

__all__ = [
    "ALLOWED_ATTRIBUTES",
    "ALLOWED_TAGS",
    "cdata_safe",
    "clean_as_is",
    "clean_as_is_utf8",
    "plain_text",
    "sanitize_notes",
    "truncate",
    "xml_safe",
]

#: Tags podcast apps display (Apple's list plus common inline formatting).
ALLOWED_TAGS = frozenset(
    {"p", "ol", "ul", "li", "a", "b", "i", "strong", "em", "br", "blockquote", "code", "pre", "img"}
    | {f"h{n}" for n in range(1, 7)}
)
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
}
#: Dropped together with everything inside them.
_DROP_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "noscript", "template"}
_URL_SCHEMES = {"http", "https", "mailto"}

# One token of notes already in the target shape: a bare allowed tag, a link with one absolute
# http(s) href, or an image with an absolute src and plain alt/title. Anything else (another
# tag or attribute, a relative URL, a comment, a stray "<") sends the notes through nh3.
_BARE = "|".join(sorted(ALLOWED_TAGS - {"a", "img", "br"}))
# A "<" that does not begin such a token; one search (no list of matches) answers the question.
# The commonest tokens come first: each "<" tries the alternatives in order. URLs hold no
# whitespace: _SPACE lists what \s matches in str patterns (the characters str.isspace()
# accepts) as plain ranges, which the engine checks by table, ~20% faster over a page of notes.
_SPACE = "\t-\r\x1c- \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_URL_CHAR = f'[^"<>{_SPACE}]'
_UNSAFE_TAG = re.compile(
    rf'<(?!p>|/p>|/a>|a href="https?://{_URL_CHAR}+">'
    rf"|/?(?:{_BARE})>|br ?/?>"
    rf'|img src="https?://{_URL_CHAR}+"(?: (?:alt|title)="[^"<>]*")* ?/?>)'
)
# _UNSAFE_TAG for UTF-8 bytes that hold no byte _NOT_SUSPECT lets through (no C0 control but
# TAB/LF/CR, no DEL, no 0xC2 or 0xEF lead byte), as clean_as_is_utf8 checks them. On such bytes
# the ASCII characters _URL_CHAR accepts are exactly [!#-;=?-~]; a URL with other characters is
# called unsafe here, and the caller asks _UNSAFE_TAG (on the str) instead. Other parts match
# the same text: a run of bytes without '"', '<' or '>' decodes to one of characters without
# them. The engine reads bytes one at a time, and notes with one character past U+00FF are two
# bytes a character to it as a str: ~20% fewer instructions over a page of notes.
_URL_BYTE = rb"[!#-;=?-~]"
_UNSAFE_TAG_UTF8 = re.compile(
    rb'<(?!p>|/p>|/a>|a href="https?://' + _URL_BYTE + rb'+">'
    rb"|/?(?:" + _BARE.encode() + rb")>|br ?/?>"
    rb'|img src="https?://' + _URL_BYTE + rb'+"(?: (?:alt|title)="[^"<>]*")* ?/?>)'
)

# XML 1.0 forbids C0 controls other than TAB/LF/CR, lone surrogates and U+FFFE/U+FFFF;
# DEL and the C1 controls are legal but "discouraged", and no podcast text needs them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Long text is checked on its UTF-8 bytes, which is several times faster than the regular
# expression: suspect bytes are C0 controls and DEL themselves, 0xC2 (starts U+0080-U+00BF,
# the C1 controls among them) and 0xEF (starts U+F000-U+FFFF, U+FFFE/U+FFFF among them); text
# with any takes the exact regex path. Deleting all other bytes (a table lookup a byte) leaves
# an empty result, with no copy of the text, when there are none.
_NOT_SUSPECT = bytes(
    b
    for b in range(256)
    if not ((b < 0x20 and b not in (0x09, 0x0A, 0x0D)) or b in (0x7F, 0xC2, 0xEF))
)
_LONG_TEXT = 256
# The ASCII characters xml_safe removes. From this length on, ASCII text is checked by deleting
# them from its bytes (a table lookup a byte) rather than by str.isprintable() (a Unicode
# database lookup a character, ~4x slower on a chapters file's titles).
_ASCII_NOT_XML = bytes(
    b for b in range(0x80) if (b < 0x20 and b not in (0x09, 0x0A, 0x0D)) or b == 0x7F
)
_LONG_ASCII = 100
_TAG = re.compile(r"<[^>]*>")
# The whitespace str.split() splits on beyond ASCII's that XML-legal text can hold (\x85 is a
# C1 control).
_WIDE_SPACE = re.compile("[\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")


def _any_case(word: str) -> str:
    """``word`` as a case-insensitive pattern without re.IGNORECASE, which makes a search
    several times slower. The extra letters are the ones IGNORECASE also folds to i/k/s."""
    extra = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}
    return "".join(f"[{c}{c.upper()}{extra.get(c, '')}]" if c.isalpha() else c for c in word)


_BLOCK_END = re.compile(
    "</(?:{})>|<{} ?/?>".format(
        "|".join(_any_case(tag) for tag in ("p", "li", "h[1-6]", "blockquote", "pre", "div", "tr")),
        _any_case("br"),
    )
)


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold (or discourages)."""
    if text.isascii():
        # The common case, checked in C without a regular expression.
        if len(text) < _LONG_ASCII:
            if text.isprintable():
                return text
        elif len(text.encode().translate(None, _ASCII_NOT_XML)) == len(text):
            return text
    elif len(text) >= _LONG_TEXT:
        try:
            if not text.encode().translate(None, _NOT_SUSPECT):
                return text
        except UnicodeEncodeError:
            pass  # a lone surrogate: the regular expression removes it
    return _NOT_XML.sub("", text)


def cdata_safe(markup: str) -> str:
    """HTML that can sit in one CDATA section: ``]]>`` becomes ``]]&gt;``.

    In HTML text and attribute values ``&gt;`` means ``>``, so apps show the same thing;
    comments and raw-text elements, where it would not, are removed by the sanitizer.
    """
    return markup.replace("]]>", "]]&gt;")


@lru_cache(maxsize=64)
def _cleaner(base: str) -> nh3.Cleaner:
    # One configured cleaner per base URL; a feed mostly has one base per episode page,
    # and the cache keeps the common case (the show's base_url) built once.
    return nh3.Cleaner(
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(_DROP_WITH_CONTENT),
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=set(_URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
        url_relative=("rewrite_with_base", base),
    )


def sanitize_notes(markup: str, base_url: str) -> str:
    """Show-notes HTML reduced to what podcast apps display; relative URLs resolved on ``base_url``.

    Characters XML cannot hold are removed, before and after the sanitizer (which decodes
    character references such as ``&#1;`` into them). The result is safe to put in a CDATA
    section after :func:`cdata_safe`.
    """
    clean = clean_as_is(markup)
    if clean is not None:
        return clean
    return xml_safe(str(_cleaner(base_url).clean(xml_safe(markup))))


def clean_as_is(markup: str) -> str | None:
    """``markup`` without XML-illegal characters when it is already in the shape
    :func:`sanitize_notes` produces (nothing for the sanitizer to do), else None."""
    markup = xml_safe(markup)
    if "<" not in markup or _already_safe(markup):
        return markup
    return None


def clean_as_is_utf8(markup: str) -> bytes | None:
    """``clean_as_is(markup).encode()`` when that is ``markup``'s own UTF-8 and its bytes show
    no character :func:`xml_safe` might remove, else None (the caller takes the str path)."""
    try:
        data = markup.encode()
    except UnicodeEncodeError:
        return None  # a lone surrogate
    if data.translate(None, _NOT_SUSPECT):
        return None
    if b"<" not in data or _UNSAFE_TAG_UTF8.search(data) is None or _already_safe(markup):
        return data
    return None


def _already_safe(markup: str) -> bool:
    return _UNSAFE_TAG.search(markup) is None


def plain_text(markup: str, limit_bytes: int | None = None, *, xml_legal: bool = False) -> str:
    """The text of an HTML fragment: tags dropped, entities decoded, whitespace collapsed.

    Block ends (paragraphs, list items, headings, ``<br>``) become line breaks. With
    ``limit_bytes`` the result is :func:`truncate`-d to that size, and only the start of a
    very long fragment is read. ``xml_legal`` says the caller knows ``markup`` holds no
    character :func:`xml_safe` removes (then only decoded entities are checked).
    """
    if limit_bytes is not None and len(markup) > 2 * limit_bytes:
        markup = markup[: 2 * limit_bytes]
        # Drop a tag cut in half: the first "<" after the last ">".
        partial = markup.find("<", markup.rfind(">") + 1)
        if partial >= 0:
            markup = markup[:partial]
    text = _TAG.sub("", _BLOCK_END.sub("\n", markup))
    if "&" in text:
        text = html.unescape(text)
    # With a limit, lines stop once there are more characters (so more bytes) than truncate()
    # keeps.
    room = len(text) + 2 if limit_bytes is None else limit_bytes + 1
    # One check for the whole text; removing characters (rare) is done line by line, after
    # collapsing whitespace, as removal cannot join lines.
    # (Tags dropped and whitespace collapsed add no character to xml_legal markup.)
    legal = (xml_legal and "&" not in text) or len(xml_safe(text)) == len(text)
    lines = text.split("\n")
    # Usually each line is already " ".join(line.split()): then the non-empty lines are kept
    # as they are, up to the first that ends past room (the first line break at or after it).
    joined = "\n".join(filter(None, lines))
    if legal and _collapsed(joined):
        cut = joined.find("\n", room)
        text = joined if cut < 0 else joined[:cut]
    else:
        text = _collapsed_lines(lines, room, legal)
    return text if limit_bytes is None else truncate(text, limit_bytes)


def _collapsed(text: str) -> bool:
    """Whether each line of ``text`` (XML-legal, no empty line) is " ".join(line.split()): the
    only whitespace is single spaces between words and single line breaks. XML-legal text
    holds no whitespace but these, tabs, carriage returns and the non-ASCII spaces (the other
    C0 and C1 controls are not XML-legal)."""
    return (
        "\t" not in text
        and "\r" not in text
        and (text.isascii() or _WIDE_SPACE.search(text) is None)
        # A space next to a space or line break, or at either end, is one too many.
        and "  " not in text.replace("\n", " ")
        and not text.startswith(" ")
        and not text.endswith(" ")
    )


def _collapsed_lines(lines: list[str], room: int, legal: bool) -> str:
    """The non-empty lines with their whitespace collapsed (characters XML cannot hold removed
    unless ``legal``), up to the first whose end is past ``room``."""
    # str.split() collapses whitespace in C, far faster than a regular expression here.
    kept_lines: list[str] = []
    size = 0
    for line in lines:
        words = line.split()
        if words:
            kept = " ".join(words) if legal else xml_safe(" ".join(words))
            kept_lines.append(kept)
            size += len(kept) + 1
            if size > room:
                break
    return "\n".join(kept_lines)


def truncate(text: str, limit_bytes: int) -> str:
    """``text`` cut at a word boundary to at most ``limit_bytes`` UTF-8 bytes, ending in "…"."""
    if len(text) * 4 <= limit_bytes:  # cheap test first: at most 4 bytes a character
        return text
    if len(text) > limit_bytes >= 3:
        # Longer than the limit in characters, so in bytes: only the kept bytes are encoded.
        data = text[:limit_bytes].encode()
    else:
        data = text.encode()
        if len(data) <= limit_bytes:
            return text
    cut = data[: limit_bytes - 3].decode("utf-8", "ignore")
    head, space, _ = cut.rpartition(" ")
    return (head if space else cut).rstrip() + "…"
