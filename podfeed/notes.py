"""Show notes → HTML, the links they hold, and the chapter list written in them.

Markdown is rendered by pulldown-cmark (through pyromark, a compiled CommonMark renderer);
HTML bodies are kept as they are. Links and their sections are read from the HTML, so
reference links, autolinks and raw ``<a href>`` all count. Chapters are read from the source
lines, because a chapter list is a line-by-line convention and the lines are what a warning
should point at.

Decisions a podcaster may want to know (the README repeats them):

* A chapter line *starts* with a timestamp, after optional list bullets, heading marks,
  brackets, parentheses, emphasis or a link around the timestamp; a timestamp inside running
  prose is not a chapter.
* A body needs at least two chapter lines to hold a chapter list; a lone timestamp is taken as
  a mention ("at 12:30 we talk about…"), not a one-chapter list.
* A link on the timestamp itself is the chapter's URL only when it is not a jump back into the
  episode's own video (a ``t=``/``start=`` time parameter, or the same address as the other
  chapters' timestamp links).
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

import pyromark

from .diagnostics import Finding, Severity
from .model import Chapter, Link
from .values import clock_seconds, format_timestamp

__all__ = ["MIN_BODY_CHAPTERS", "Notes", "analyze_html", "analyze_markdown", "plain_text"]

#: A body needs this many chapter lines before they count as a chapter list.
MIN_BODY_CHAPTERS = 2

_MARKDOWN = pyromark.Markdown(
    options=pyromark.Options.ENABLE_TABLES
    | pyromark.Options.ENABLE_STRIKETHROUGH
    | pyromark.Options.ENABLE_FOOTNOTES
)


@dataclass(frozen=True, slots=True)
class Notes:
    """What the show notes hold: rendered ``html``, ``chapters``, ``links`` and ``warnings``."""

    html: str
    chapters: tuple[Chapter, ...]
    links: tuple[Link, ...]
    warnings: tuple[Finding, ...] = ()


def analyze_markdown(text: str, *, first_line: int = 1, path: str | None = None) -> Notes:
    """Render Markdown show notes and extract their links and chapters."""
    rendered = _MARKDOWN.html(text)
    return _analyze(text, rendered, first_line, path)


def analyze_html(text: str, *, first_line: int = 1, path: str | None = None) -> Notes:
    """Extract links and chapters from HTML show notes (the HTML is kept as it is)."""
    return _analyze(text, text, first_line, path)


def _analyze(source: str, rendered: str, first_line: int, path: str | None) -> Notes:
    chapters, warnings = _chapters(source, first_line, path)
    return Notes(rendered, chapters, _links(rendered), warnings)


# --- chapters -------------------------------------------------------------------------------

_HAS_CLOCK = re.compile(r"\d:\d\d")
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^[ \t]{0,3}\1[ \t]*$|\Z)", re.M | re.S)
# HTML block boundaries split one source line into several "lines" of text.
_HTML_BREAK = re.compile(
    r"<(?:br|hr)\b[^>]*>|</?(?:p|li|ul|ol|h[1-6]|div|dd|dt|td|th|tr|blockquote|section)\b[^>]*>",
    re.IGNORECASE,
)
_CHAPTER = re.compile(
    r"""
    [ \t]*(?:>[ \t]*)*                                  # blockquote marks
    (?:(?:[-*+•·▪‣◦]|\d{1,3}[.)])[ \t]+)?                # a list bullet
    (?:\#{1,6}[ \t]+)?                                  # a heading mark
    (?P<pre>(?:[(\[*_~`]|<(?!/)[^>\n]*>)*)              # ( [ ** _ or an opening inline tag
    [ \t]*
    (?P<ts>(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?)
    (?P<post>(?:[)\]*_~`]|\]\([^)\s]*\)|</[^>\n]*>)*)    # ) ] ** ](url) </a> </strong>
    (?:[ \t]*[-–—:|][ \t]*|[ \t]+|$)                    # the separator
    (?P<title>.*)
    $""",
    re.VERBOSE,
)
_HREF = re.compile(r"""href\s*=\s*(["'])(.*?)\1""", re.IGNORECASE | re.DOTALL)
_MD_TARGET = re.compile(r"\]\(([^)\s]*)\)")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\(([^)\s]*)(?:\s+\"[^\"]*\")?\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]*)>")
_TAG = re.compile(r"<[^>]*>")
_EMPHASIS = re.compile(r"(?<![\w*])[*_]{1,3}|[*_]{1,3}(?![\w*])|~~|`")
_SPACES = re.compile(r"\s+")
_TIME_PARAM = re.compile(r"(?<=[?&])(?:t|start|time_continue|time)=[^&#]*&?")
_TIME_FRAGMENT = re.compile(r"#t=[^&]*$")


@dataclass(slots=True)
class _Mark:
    start: float
    title: str
    line: int
    stamp_url: str | None
    title_url: str | None


def _chapters(
    source: str, first_line: int, path: str | None
) -> tuple[tuple[Chapter, ...], tuple[Finding, ...]]:
    fences = [m.span() for m in _FENCE.finditer(source)] if "``" in source or "~~" in source else []
    lines = source.split("\n")
    marks: list[_Mark] = []
    offset = 0
    for number, text in enumerate(lines):
        start_offset = offset
        offset += len(text) + 1
        # Cheap C-level tests first: most lines hold no clock time at all.
        if ":" not in text or not _HAS_CLOCK.search(text):
            continue
        if fences and any(a <= start_offset < b for a, b in fences):
            continue
        pieces = _HTML_BREAK.split(text) if "<" in text else (text,)
        for index, piece in enumerate(pieces):
            match = _CHAPTER.match(piece)
            if match is None:
                continue
            mark = _mark(match, first_line + number)
            if mark is None:
                continue
            if not mark.title:
                following = [p for p in pieces[index + 1 :] if _inline_text(p)]
                mark.title = _inline_text(following[0]) if following else _next_line(lines, number)
            if mark.title:
                marks.append(mark)
    if len(marks) < MIN_BODY_CHAPTERS:
        return (), ()
    return _finish(marks, path)


def _mark(match: re.Match[str], line: int) -> _Mark | None:
    stamp = _STAMP.fullmatch(match["ts"])
    assert stamp is not None
    try:
        start = clock_seconds(stamp)
    except ValueError:
        return None  # "12:75" is no time in a recording
    pre, post, raw_title = match["pre"], match["post"], match["title"]
    stamp_url = None
    if "<" in pre:
        href = _HREF.search(pre)
        if href:
            stamp_url = html.unescape(href.group(2))
    elif "](" in post and "[" in pre:
        target = _MD_TARGET.search(post)
        if target:
            stamp_url = target.group(1)
    title_url = None
    if "](" in raw_title:
        link = _MD_LINK.search(raw_title)
        if link:
            title_url = link.group(2)
    elif "<" in raw_title:
        href = _HREF.search(raw_title)
        if href:
            title_url = html.unescape(href.group(2))
    return _Mark(start, _inline_text(raw_title), line, stamp_url, title_url)


_STAMP = re.compile(r"(?:(\d{1,2}):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?")


def _next_line(lines: Sequence[str], number: int) -> str:
    """The title for a timestamp alone on its line: the next non-empty line, if not a chapter."""
    for raw in lines[number + 1 : number + 3]:
        if _CHAPTER.match(raw):
            return ""
        text = _inline_text(raw)
        if text:
            return text
    return ""


def _link_text(match: re.Match[str]) -> str:
    return match.group(1)


def _inline_text(fragment: str) -> str:
    """Markdown/HTML inline markup → plain text: link text kept, markup dropped."""
    text = _MD_LINK.sub(_link_text, fragment) if "](" in fragment else fragment
    if "<" in text:
        text = _AUTOLINK.sub(r"\1", text)
        text = _TAG.sub("", text)
    if "*" in text or "_" in text or "`" in text or "~" in text:
        text = _EMPHASIS.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    text = _SPACES.sub(" ", text).strip()
    # A bullet list of chapters often leaves a lone bullet or dash at the start of a title.
    return text.lstrip("-–—•·:| ").strip()


def _finish(
    marks: Sequence[_Mark], path: str | None
) -> tuple[tuple[Chapter, ...], tuple[Finding, ...]]:
    stamp_bases = [_without_time(m.stamp_url) for m in marks if m.stamp_url]
    shared = {base for base in stamp_bases if stamp_bases.count(base) > 1}
    chapters = []
    warnings = []
    previous: _Mark | None = None
    for mark in marks:
        url = mark.title_url
        if url is None and mark.stamp_url and not _is_time_jump(mark.stamp_url, shared):
            url = mark.stamp_url
        chapters.append(Chapter(start=mark.start, title=mark.title, url=url, line=mark.line))
        if previous is not None and mark.start < previous.start:
            warnings.append(
                Finding(
                    "DOC-101",
                    Severity.WARNING,
                    f"chapter {format_timestamp(mark.start)} {mark.title!r} starts before the "
                    f"chapter above it ({format_timestamp(previous.start)} on line "
                    f"{previous.line}); chapters are kept in document order",
                    path=path,
                    line=mark.line,
                )
            )
        previous = mark
    return tuple(chapters), tuple(warnings)


def _without_time(url: str) -> str:
    """The URL with its time parameters (``t=``, ``start=``, ``#t=``) taken out."""
    if "=" not in url:
        return url
    return _TIME_FRAGMENT.sub("", _TIME_PARAM.sub("", url)).rstrip("?&")


def _is_time_jump(url: str, shared: set[str]) -> bool:
    """A link that only jumps to a time in the episode's own recording."""
    if url.startswith("#") or _TIME_PARAM.search(url) or _TIME_FRAGMENT.search(url):
        return True
    return _without_time(url) in shared


# --- links ----------------------------------------------------------------------------------

_STRUCTURE = re.compile(
    r"<(?:(?P<tag>h[1-6])\b[^>]*>(?P<heading>.*?)</(?P=tag)\s*>"
    r"|p>\s*<(?P<bold>strong|b)>(?P<lead>(?:(?!</?p\b).)*?)</(?P=bold)>\s*</p>"
    r"|a\b(?P<attrs>[^>]*)>(?P<text>.*?)</a\s*>)",
    re.IGNORECASE | re.DOTALL,
)
_LINK_ONLY = re.compile(r"<a\b(?P<attrs>[^>]*)>(?P<text>.*?)</a\s*>", re.IGNORECASE | re.DOTALL)
_IMG_ALT = re.compile(r"""<img\b[^>]*\balt\s*=\s*(["'])(.*?)\1""", re.IGNORECASE | re.DOTALL)


def _links(rendered: str) -> tuple[Link, ...]:
    if "<a" not in rendered and "<A" not in rendered:
        return ()
    links: dict[str, Link] = {}
    section: str | None = None
    for match in _STRUCTURE.finditer(rendered):
        if match["attrs"] is not None:
            _add_link(links, match["attrs"], match["text"], section)
            continue
        inner = match["heading"] if match["heading"] is not None else match["lead"]
        inner_links = list(_LINK_ONLY.finditer(inner))
        text = plain_text(inner).rstrip(": ").strip()
        if inner_links and plain_text(_LINK_ONLY.sub("", inner)).strip(" :") == "":
            # A bold line that is only a link (a sponsor's name) is a link, not a section.
            for link in inner_links:
                _add_link(links, link["attrs"], link["text"], section)
            continue
        for link in inner_links:
            _add_link(links, link["attrs"], link["text"], section)
        section = text or section
    return tuple(links.values())


def _add_link(links: dict[str, Link], attrs: str, inner: str, section: str | None) -> None:
    if attrs.startswith(' href="') and attrs.find('"', 7) > 0:
        url = attrs[7 : attrs.index('"', 7)]  # the renderer's own shape: the fast path
    else:
        href = _HREF.search(attrs)
        if href is None:
            return
        url = href.group(2)
    if "&" in url:
        url = html.unescape(url)
    url = url.strip()
    if not url or url.startswith("#") or url in links:
        return
    text = plain_text(inner)
    if not text:
        alt = _IMG_ALT.search(inner)
        text = html.unescape(alt.group(2)).strip() if alt else ""
    links[url] = Link(text=text, url=url, section=section)


def plain_text(fragment: str) -> str:
    """HTML → text with tags dropped, entities decoded and white space folded."""
    text = _TAG.sub("", fragment) if "<" in fragment else fragment
    if "&" in text:
        text = html.unescape(text)
    return " ".join(text.split())
