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
from itertools import pairwise

import pyromark

from .diagnostics import Finding, Severity
from .media import has_time, without_time
from .model import Chapter, Link, fill_class
from .values import format_timestamp

__all__ = [
    "MIN_BODY_CHAPTERS",
    "Notes",
    "analyze_html",
    "analyze_markdown",
    "markup_text",
    "order_warnings",
    "plain_text",
]

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


def analyze_markdown(
    text: str, *, first_line: int = 1, path: str | None = None, links: bool = True
) -> Notes:
    """Render Markdown show notes and extract their chapters and (unless not ``links``) links."""
    rendered = _MARKDOWN.html(text)
    if "http" in rendered:
        rendered = _autolink(rendered)
    return _analyze(text, rendered, first_line, path, links)


# GitHub-style autolinks: a bare http(s) URL in the text becomes a link, as it does on GitHub
# (CommonMark itself links only <https://…>). Trailing punctuation stays outside the link.
# Not after a quote, "=" or "/" (an attribute value) nor after a letter or digit (part of a
# longer word): the rendered hrefs, most of the matches, are skipped inside the regex engine.
# (The checks follow the literal "http" so that the engine can still search for it quickly.)
_URL_START = re.compile(r"http(?<![\"'=/]http)(?<![^\W_]http)s?://")
_URL_REST = re.compile(r"[^\s<>\"]*[^\s<>\".,;:!?)\]'*_~]")


def _autolink(rendered: str) -> str:
    pieces = []
    done = 0
    for start in _URL_START.finditer(rendered):
        at = start.start()
        if at < done:
            continue
        tag = rendered.rfind("<", 0, at)
        if tag >= 0 and rendered.startswith(("<a ", "<a>"), tag):
            continue  # the text of a link (what _inside would find, without its searches)
        if tag >= 0 and (rendered.rfind(">", tag, at) < 0 or _inside(rendered, tag, at)):
            continue  # inside a tag, or inside a link or code already
        rest = _URL_REST.match(rendered, start.end())
        if rest is None:
            continue
        url = rendered[at : rest.end()]
        pieces.append(rendered[done:at])
        pieces.append(f'<a href="{url}">{url}</a>')
        done = rest.end()
    if not pieces:
        return rendered
    pieces.append(rendered[done:])
    return "".join(pieces)


def _inside(rendered: str, tag: int, at: int) -> bool:
    """Whether position ``at`` sits inside an open <a>, <code> or <pre> element."""
    for opener, closer in (("<a", "</a>"), ("<code", "</code>"), ("<pre", "</pre>")):
        opened = rendered.rfind(opener, 0, at)
        if (
            opened >= 0
            and rendered.rfind(closer, opened, at) < 0
            and (opener != "<a" or rendered[opened + 2 : opened + 3] in (" ", ">"))
        ):
            return True
    return False


def analyze_html(
    text: str, *, first_line: int = 1, path: str | None = None, links: bool = True
) -> Notes:
    """Extract chapters and (unless not ``links``) links from HTML show notes (the HTML is
    kept as it is)."""
    return _analyze(text, text, first_line, path, links)


def _analyze(source: str, rendered: str, first_line: int, path: str | None, links: bool) -> Notes:
    chapters, warnings = _chapters(source, first_line, path)
    return Notes(rendered, chapters, _links(rendered) if links else (), warnings)


# --- building many small frozen objects (as model.fill_class explains) ------------------

_CHAPTER_FILL = fill_class(Chapter)
_LINK_FILL = fill_class(Link)


def _new_link(text: str, url: str, section: str | None) -> Link:
    """``Link(text, url, section)``, built as model.fill_class explains."""
    link = _LINK_FILL()
    link.text = text
    link.url = url
    link.section = section
    link.__class__ = Link
    return link  # type: ignore[no-any-return]


# --- chapters -------------------------------------------------------------------------------

_HAS_CLOCK = re.compile(r"\d:\d\d")
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^[ \t]{0,3}\1[ \t]*$|\Z)", re.M | re.S)
# HTML block boundaries split one source line into several "lines" of text.
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_HTML_BREAK = re.compile(
    r"<(?:br|hr)\b[^>]*>|</?(?:p|li|ul|ol|h[1-6]|div|dd|dt|td|th|tr|blockquote|section)\b[^>]*>",
    re.IGNORECASE,
)
# \s as a set of characters (str.isspace; a test checks that they agree): the regex engine tests
# a set with a bitmap, \s with a call per character, and timestamp links are long.
_SPACE = r"\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_LINE_START = (
    r"""
    (?:[ \t]*(?=[-*+•·▪‣◦]|\d{1,3}[.)])|[ ]{0,3})        # indentation (4+ spaces: code, not a list)
    (?:>[ \t]*)*                                        # blockquote marks
    (?:(?:[-*+•·▪‣◦]|\d{1,3}[.)])[ \t]+)?               # a list bullet
    (?:\#{1,6}[ \t]+)?                                 # a heading mark
    (?P<pre>[(\[*_~`]*(?:<[^/>\n][^>\n]*>[(\[*_~`]*)*)  # ( [ ** _ and opening inline tags
    (?:(?<=[(\[*_~`>])[ \t]+)?                          # "( 00:00": only after an opener
    (?:(?P<h>\d{1,2}):)?(?P<m>\d{1,2}):(?P<s>\d{2})(?:[.,](?P<f>\d{1,3}))?
    (?P<post>[)\]*_~`]*(?:\]\((?P<target>[^)"""
    + _SPACE
    + r"""]*)\)[)\]*_~`]*)?(?:</[^>\n]*>[)\]*_~`]*)*)
    (?:[ \t]*[-–—:|][ \t]*|[ \t]+|(?=\n)|$)            # the separator
    (?P<title>[^\n]*)
"""
)
# One line (or a piece of a line split at HTML block tags).
_CHAPTER = re.compile(_LINE_START + "$", re.VERBOSE)
# The most common chapter line, "([12:34](https://…)) Title" (a timestamp linked to the video,
# in parentheses), read by a pattern without choices. It is tried first; on every line it
# matches, _LINE_START finds the same groups: pre "([", the same clock (_clock splits it as
# h/m/s split it), no fraction (next is "]"), post "])" then a failing separator at "(" makes
# it back off to the target link, and the separator is the one space because the title starts
# with none of " \t-–—:|". The clock is read without groups and without trying it twice: an
# hours part is taken only when a second ":" follows, and then it must be taken (read as
# minutes and seconds, the clock would need "]" where that ":" is). A title of letters,
# digits and spaces, starting and ending with neither, sets `qplain`: without two spaces in a
# row (the caller checks: cheaper than reading word by word), it needs none of _mark's
# cleaning. The link target is read as printable ASCII but ")" and "`" first, then as any
# characters but ")" and white space: the same run (the first set is part of the second),
# found faster. ("`" is left out of the first set only to split it into three runs of
# characters: the regex compiler tests three or more runs with a bitmap, up to two with a
# range test each, and URLs are mostly letters, in the second range.)
_LINKED_STAMP = (
    r"""
    \(\[(?P<qstamp>\d{1,2}+:(?:\d{1,2}+:)?+\d{2})\]\((?P<qtarget>[!-(*-_a-~]*+[^)"""
    + _SPACE
    + r"""]*+)\)\)
    [ ](?P<qtitle>[A-Za-z0-9][A-Za-z0-9 ]*+(?<![ ])(?![^\n])(?P<qplain>)|[^ \t\n\-–—:|][^\n]*)
"""
)
# Every chapter line of a text in one pass: the leading \n lets the regex engine jump from
# line start to line start instead of trying every character.
# The lookaheads reject most lines at their first character (prose starts with a letter), and
# most of the rest because they hold no clock (every timestamp holds ":dd"), before the full
# pattern is tried.
_LINE_FIRST = r"[ \t>*+•·▪‣◦\-\d#(\[_~`<]"
_CHAPTER_LINES = re.compile(
    r"\n(?:" + _LINKED_STAMP + "|(?=" + _LINE_FIRST + r")(?=[^\n]*:\d\d)(" + _LINE_START + "))",
    re.VERBOSE,
)
# Whether a text's first line may be a chapter line (a line starting with none of these is
# not): only then does the text need a newline in front for _CHAPTER_LINES to see it.
_MAY_BE_CHAPTER = re.compile(_LINE_FIRST).match
# An HTML block tag in the middle of a line: such lines may hold several chapters.
_MIDLINE_BLOCK = re.compile(r"[^\s]<(?:p|li|br|div|dd|dt|td|h[1-6])\b", re.IGNORECASE)
_HREF = re.compile(r"""href\s*=\s*(["'])(.*?)\1""", re.IGNORECASE | re.DOTALL)
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\(([^)\s]*)(?:\s+\"[^\"]*\")?\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]*)>")
_TAG = re.compile(r"<[^>]*>")
_EMPHASIS = re.compile(r"(?<![\w*])[*_]{1,3}|[*_]{1,3}(?![\w*])|~~|`")
_SPACES = re.compile(r"\s+")
_MARKUP_CHARS = re.compile(r"[\[<*_`~&\t\\]")


# A chapter line as read: start, title, line, the timestamp's link, the title's link. A plain
# tuple: it is built once per chapter line and read once, by _finish.
_Mark = tuple[float, str, int, str | None, str | None]


def _chapters(
    source: str, first_line: int, path: str | None
) -> tuple[tuple[Chapter, ...], tuple[Finding, ...]]:
    if ":" not in source:
        return (), ()
    # Code blocks and HTML comments hide what they hold. (A one-character test first: it is
    # much cheaper than looking for two characters in a row, and most bodies have neither.)
    fenced = ("`" in source and "``" in source) or ("~" in source and "~~" in source)
    fences = [m.span() for m in _FENCE.finditer(source)] if fenced else []
    tags = "<" in source
    if tags and "<!--" in source:
        fences += [m.span() for m in _COMMENT.finditer(source)]
    if tags and _MIDLINE_BLOCK.search(source):
        marks = _marks_by_piece(source, first_line, fences)
        if len(marks) < MIN_BODY_CHAPTERS:
            return (), ()
        return _finish(marks, path)
    return _chapters_by_line(source, first_line, fences, path)


def _chapters_by_line(
    source: str, first_line: int, fences: list[tuple[int, int]], path: str | None
) -> tuple[tuple[Chapter, ...], tuple[Finding, ...]]:
    """The fast path: one regex pass over the text, each chapter built as its line is read.

    It does what _finish does with the marks _marks_by_piece reads, without the marks.
    """
    # `text` is the source, with a newline in front when its first line may be a chapter line
    # (most bodies start with an empty line: copying them would cost more than the rest).
    shift = 1 if _MAY_BE_CHAPTER(source) else 0
    text = "\n" + source if shift else source
    chapters: list[Chapter] = []
    stamp_urls: list[str] = []
    pending: list[tuple[int, str]] = []
    ordered = True
    previous = -1.0
    line = first_line - shift
    end = 0  # where the last match ended (0: no match yet)
    for match in _CHAPTER_LINES.finditer(text):
        at, stop = match.span()
        # A match runs from a newline to the end of its line, so a gap of no character or one
        # between two matches holds one newline or two: the common case, without the count.
        gap = at - end
        line += gap + 1 if gap < 2 and end else text.count("\n", end, at + 1)
        end = stop
        if fences and any(a <= at + 1 - shift < b for a, b in fences):
            continue
        # Groups 1-4 are _LINKED_STAMP's (numbers: cheaper than names, once per chapter line).
        stamp, stamp_url, title, plain = match.group(1, 2, 3, 4)
        if plain is not None and "  " not in title:
            # A linked timestamp and a title of plain words, the most common chapter line:
            # what _mark(*_clock(stamp), None, "([", stamp_url, title, line) returns, without
            # the call, the title's markup checks and (mostly) the clock's parsing.
            start = _STARTS.get(stamp)
            if start is None:
                start = _seconds(*_clock(stamp), None)
                if start is None:
                    continue
                if len(_STARTS) < _MAX_STARTS:
                    _STARTS[stamp] = start
            url = None
        else:
            if stamp is None:
                mark = _mark_from(match, line)
            else:
                mark = _mark(*_clock(stamp), None, "([", stamp_url, title, line)
            if mark is None:
                continue
            start, title, _, stamp_url, url = mark
            if not title:
                after = text.find("\n", stop + 1)
                title = _next_line(text[stop + 1 : after if after >= 0 else None].split("\n"))
                if not title:
                    continue
        if stamp_url:
            stamp_urls.append(stamp_url)
            if url is None and "&t=" not in stamp_url and "?t=" not in stamp_url:  # _may_link
                pending.append((len(chapters), stamp_url))
        # _new_chapter(start, title, url, line), inline: most chapters are built here
        chapter = _CHAPTER_FILL()
        chapter.start = start
        chapter.title = title
        chapter.end = None
        chapter.url = url
        chapter.img = None
        chapter.toc = None
        chapter.line = line
        chapter.__class__ = Chapter
        chapters.append(chapter)
        if start < previous:
            ordered = False
        previous = start
    if len(chapters) < MIN_BODY_CHAPTERS:
        return (), ()
    if pending:
        _link_stamps(chapters, pending, stamp_urls)
    return tuple(chapters), () if ordered else order_warnings(chapters, path)


def _marks_by_piece(source: str, first_line: int, fences: list[tuple[int, int]]) -> list[_Mark]:
    """HTML with block tags mid-line: split each line at them, so one line may hold several."""
    lines = source.split("\n")
    marks: list[_Mark] = []
    offset = 0
    for number, text in enumerate(lines):
        start_offset = offset
        offset += len(text) + 1
        if ":" not in text or not _HAS_CLOCK.search(text):
            continue
        if fences and any(a <= start_offset < b for a, b in fences):
            continue
        pieces = _HTML_BREAK.split(text) if "<" in text else [text]
        for index, piece in enumerate(pieces):
            match = _CHAPTER.match(piece)
            if match is None:
                continue
            mark = _mark_from(match, first_line + number)
            if mark is None:
                continue
            if not mark[1]:
                title = _next_line(pieces[index + 1 :] + lines[number + 1 : number + 3])
                if not title:
                    continue
                mark = (mark[0], title, *mark[2:])
            marks.append(mark)
    return marks


def _mark_from(match: re.Match[str], line: int) -> _Mark | None:
    hours, minutes, seconds, fraction, pre, target, title = match.group(
        "h", "m", "s", "f", "pre", "target", "title"
    )
    return _mark(hours, minutes, seconds, fraction, pre, target, title, line)


def _mark(
    hours: str | None,
    minutes: str,
    seconds: str,
    fraction: str | None,
    pre: str,
    target: str | None,
    raw_title: str,
    line: int,
) -> _Mark | None:
    start = _seconds(hours, minutes, seconds, fraction)
    if start is None:
        return None
    stamp_url = None
    if target and "[" in pre:
        stamp_url = target
    elif "<" in pre:
        href = _HREF.search(pre)
        if href:
            stamp_url = html.unescape(href.group(2))
    title_url = None
    if "](" in raw_title:
        link = _MD_LINK.search(raw_title)
        if link:
            title_url = link.group(2)
    elif "<" in raw_title:
        href = _HREF.search(raw_title)
        if href:
            title_url = html.unescape(href.group(2))
    if "  " not in raw_title and (
        raw_title.replace(" ", "").isalnum() or not _MARKUP_CHARS.search(raw_title)
    ):  # no markup: _inline_text's fast path, without the call (words only: not even a regex)
        title = raw_title.strip().lstrip("-–—•·:| ").strip()
    else:
        title = _inline_text(raw_title)
    return start, title, line, stamp_url, title_url


def _clock(stamp: str) -> tuple[str | None, str, str]:
    """A linked timestamp's hours (None without), minutes and seconds: what groups h, m, s read."""
    parts = stamp.split(":")
    if len(parts) == 3:
        return parts[0], parts[1], parts[2]
    return None, parts[0], parts[1]


def _seconds(hours: str | None, minutes: str, seconds: str, fraction: str | None) -> float | None:
    """A timestamp's seconds from its parts; None when it is no time ("12:75")."""
    m, sec = int(minutes), int(seconds)
    if sec >= 60 or (hours is not None and m >= 60):
        return None  # "12:75" is no time in a recording
    start = float(int(hours) * 3600 + m * 60 + sec if hours else m * 60 + sec)
    if fraction:
        start += int(fraction) / 10 ** len(fraction)
    return start


# The seconds of the linked timestamps seen so far ("01:03" → 63.0): shows reuse the same few
# thousand, and a lookup is cheaper than taking the clock apart. Bounded: new ones are no
# longer kept once it is full.
_STARTS: dict[str, float] = {}
_MAX_STARTS = 20_000


def _next_line(candidates: Sequence[str]) -> str:
    """The title for a timestamp alone on its line: the next non-empty text, if not a chapter."""
    for raw in candidates:
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
    if "  " not in fragment and not _MARKUP_CHARS.search(fragment):
        return fragment.strip().lstrip("-–—•·:| ").strip()
    text = fragment
    if (
        "\\" in text
    ):  # a backslash escape keeps its character literal: hide it from the markup rules
        text = _ESCAPED.sub(_shield, text)
    if "[^" in text:
        text = _FOOTNOTE_MARK.sub("", text)
    if "](" in text:
        text = _MD_LINK.sub(_link_text, text)
    if "<" in text:
        text = _AUTOLINK.sub(r"\1", text)
        text = _TAG.sub("", text)
    if "*" in text or "_" in text or "`" in text or "~" in text:
        text = _EMPHASIS.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    text = _SPACES.sub(" ", text).strip()
    if max(text, default="\0") >= _SHIELD_FIRST:
        text = text.translate(_UNSHIELD)
    # A bullet list of chapters often leaves a lone bullet or dash at the start of a title.
    return text.lstrip("-–—•·:| ").strip()


# Escaped ASCII punctuation is parked in the Private Use Area while markup is stripped.
_SHIELD_FIRST = "\ue000"
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
_UNSHIELD = {0xE000 + code: chr(code) for code in range(0x21, 0x7F)}
_FOOTNOTE_MARK = re.compile(r"\[\^[^\]\s]*\]")


def _shield(match: re.Match[str]) -> str:
    return chr(0xE000 + ord(match.group(1)))


def _finish(
    marks: Sequence[_Mark], path: str | None
) -> tuple[tuple[Chapter, ...], tuple[Finding, ...]]:
    chapters: list[Chapter] = []
    stamp_urls: list[str] = []
    pending: list[tuple[int, str]] = []
    for start, title, line, stamp_url, url in marks:
        if stamp_url:
            stamp_urls.append(stamp_url)
            if url is None and _may_link(stamp_url):
                pending.append((len(chapters), stamp_url))
        chapters.append(_new_chapter(start, title, url, line))
    if pending:
        _link_stamps(chapters, pending, stamp_urls)
    ordered = all(a[0] <= b[0] for a, b in pairwise(marks))
    return tuple(chapters), () if ordered else order_warnings(chapters, path)


def _may_link(stamp_url: str) -> bool:
    """Whether a timestamp's link may be its chapter's URL (see _link_stamps).

    "&t=" and "?t=" are time parameters (media.has_time); most timestamp links carry one, and a
    substring test is much cheaper than the call and its regex.
    """
    return "&t=" not in stamp_url and "?t=" not in stamp_url


def _link_stamps(
    chapters: list[Chapter], pending: Sequence[tuple[int, str]], stamp_urls: Sequence[str]
) -> None:
    """Give the chapters at the ``pending`` places the link on their timestamp as their URL,
    unless that link only jumps into the episode's recording (``stamp_urls``: every chapter
    line's timestamp link, in order)."""
    jumps: dict[str, bool] = {}
    for index, stamp_url in pending:
        jump = jumps.get(stamp_url)
        if jump is None:
            jump = jumps[stamp_url] = _is_time_jump(stamp_url, stamp_urls)
        if not jump:
            chapter = chapters[index]
            chapters[index] = _new_chapter(chapter.start, chapter.title, stamp_url, chapter.line)


def _new_chapter(start: float, title: str, url: str | None, line: int | None) -> Chapter:
    """``Chapter(start, title, None, url, None, None, line)``, as model.fill_class explains."""
    chapter = _CHAPTER_FILL()
    chapter.start = start
    chapter.title = title
    chapter.end = None
    chapter.url = url
    chapter.img = None
    chapter.toc = None
    chapter.line = line
    chapter.__class__ = Chapter
    return chapter  # type: ignore[no-any-return]


def order_warnings(chapters: Sequence[Chapter], path: str | None) -> tuple[Finding, ...]:
    """DOC-101 for every chapter that starts before the one above it (kept in that order)."""
    warnings = []
    for previous, chapter in pairwise(chapters):
        if chapter.start < previous.start:
            where = f" on line {previous.line}" if previous.line is not None else ""
            warnings.append(
                Finding(
                    "DOC-101",
                    Severity.WARNING,
                    f"chapter {format_timestamp(chapter.start)} {chapter.title!r} starts before "
                    f"the chapter above it ({format_timestamp(previous.start)}{where}); "
                    "chapters are kept in document order",
                    path=path,
                    line=chapter.line,
                )
            )
    return tuple(warnings)


def _is_time_jump(url: str, stamp_urls: Sequence[str]) -> bool:
    """A link that only jumps to a time in the episode's own recording.

    It carries a time parameter, another chapter's timestamp links to the same address, or to
    the same address plus a time parameter (the video's start, linked at 00:00, next to
    ``…&t=104s``).
    """
    if url[0] == "#" or stamp_urls.count(url) > 1:  # every chapter links the same recording
        return True
    if has_time(url):
        return True
    for other in stamp_urls:  # (a loop, not any() over a generator: cheaper to set up)
        if other != url and other.startswith(url) and without_time(other)[0] == url:
            return True
    return False


# --- links ----------------------------------------------------------------------------------

_STRUCTURE = re.compile(
    # Most tags start none of the branches below: the lookahead turns them away at once, where
    # the case-blind branches would each be tried. (Case-blind, "a" and "h" are [aA] and [hH]:
    # a test checks every character.)
    r"<(?=(?-i:[aAhH])|p>\s*<(?:strong|b)>)"
    # The renderer's own link shape first: the common case, read without a second regex.
    r"(?:a href=\"(?P<url>[^\"]*)\">(?P<plain>[^<]*)</a>"
    r"|(?P<tag>h[1-6])\b[^>]*>(?P<heading>.*?)</(?P=tag)\s*>"
    # A bold paragraph: the text up to the first "<" that is no paragraph tag, then from "<" to
    # "<", as long as the bold element is not closed; this is the shortest match, as
    # (?:(?!</?p\b).)*? would find, in one regex step per tag instead of one per character.
    r"|p>\s*<(?P<bold>strong|b)>(?P<lead>[^<]*(?:<(?!/?p\b)[^<]*)*?)</(?P=bold)>\s*</p>"
    r"|a\b(?P<attrs>[^>]*)>(?P<text>.*?)</a\s*>)",
    re.IGNORECASE | re.DOTALL,
)
_LINK_ONLY = re.compile(r"<a\b(?P<attrs>[^>]*)>(?P<text>.*?)</a\s*>", re.IGNORECASE | re.DOTALL)
# The renderer's own link shape, as _LINK_ONLY reads it when the URL holds no ">" (its attrs
# stop at the first ">") and the text no "<": the URL and the text, without match objects.
_SHAPED_LINK = re.compile(r'<a href="([^">]*)">([^<]*)</a>')
_IMG_ALT = re.compile(r"""<img\b[^>]*\balt\s*=\s*(["'])(.*?)\1""", re.IGNORECASE | re.DOTALL)


def _links(rendered: str) -> tuple[Link, ...]:
    if "<a" not in rendered and "<A" not in rendered:
        return ()
    links: dict[str, Link] = {}
    section: str | None = None
    # findall gives plain tuples (no match objects); a group that did not take part is "". That
    # is enough to tell the branches apart: `tag` and `bold` are never empty when they match,
    # and an empty `url` or `attrs` names no link in either link branch.
    for url, plain, tag, heading, bold, lead, attrs, text in _STRUCTURE.findall(rendered):
        if url:
            if "&" in url:
                # Rendered URLs escape only "&" (as &amp;); anything else takes the general
                # decoder.
                plain_url = url.replace("&amp;", "&")
                url = plain_url if ";" not in plain_url else html.unescape(url)
            if url and url[0] != "#" and url not in links:
                if "&" in plain or "\n" in plain or "  " in plain:
                    plain = plain_text(plain)
                # _new_link(plain.strip(), url.strip(), section), inline: most links come here
                found = _LINK_FILL()
                found.text = plain.strip()
                found.url = url.strip()
                found.section = section
                found.__class__ = Link
                links[url] = found
            continue
        if not tag and not bold:
            if attrs:
                _add_link(links, attrs, text, section)
            continue
        inner = heading if tag else lead
        if "<a" not in inner and "<A" not in inner:
            inner_links = []  # what _LINK_ONLY finds in it, without the search
        else:
            shaped = _SHAPED_LINK.findall(inner)
            if shaped and not tag and len(shaped) == inner.count("<a") and "<A" not in inner:
                # Every "<a" opens one of the renderer's links: _LINK_ONLY would find these,
                # one by one (a bold line with links in it, as below).
                for url, text in shaped:
                    _add_url(links, url, text, section)
                continue
            inner_links = list(_LINK_ONLY.finditer(inner))
        if inner_links and not tag:
            # A bold line with links in it (a sponsor, a listen-on line) is not a section title.
            for link in inner_links:
                _add_link(links, link["attrs"], link["text"], section)
            continue
        for link in inner_links:
            _add_link(links, link["attrs"], link["text"], section)
        section = plain_text(inner).rstrip(": ").strip() or section
    return tuple(links.values())


def _add_link(links: dict[str, Link], attrs: str, inner: str, section: str | None) -> None:
    if attrs.startswith(' href="') and attrs.find('"', 7) > 0:
        url = attrs[7 : attrs.index('"', 7)]  # the renderer's own shape: the fast path
    else:
        href = _HREF.search(attrs)
        if href is None:
            return
        url = href.group(2)
    _add_url(links, url, inner, section)


def _add_url(links: dict[str, Link], url: str, inner: str, section: str | None) -> None:
    """_add_link, once the URL is read out of the attributes."""
    if "&" in url:
        url = html.unescape(url)
    url = url.strip()
    if not url or url.startswith("#") or url in links:
        return
    text = plain_text(inner)
    if not text:
        alt = _IMG_ALT.search(inner)
        text = html.unescape(alt.group(2)).strip() if alt else ""
    links[url] = _new_link(text, url, section)


def markup_text(fragment: str) -> str:
    """Markdown or HTML inline markup → plain text (for summaries written with markup)."""
    return _inline_text(fragment)


def plain_text(fragment: str) -> str:
    """HTML → text with tags dropped, entities decoded and white space folded."""
    text = _TAG.sub("", fragment) if "<" in fragment else fragment
    if "&" in text:
        text = html.unescape(text)
    return " ".join(text.split())
