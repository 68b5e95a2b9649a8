"""Episode → JSON chapters file bytes (Podcasting 2.0 JSON Chapters 1.2.0), with no files.

The file holds ``version``, ``title`` (the episode), ``podcastName`` (the show) and
``chapters`` in ascending ``startTime`` (a stable sort, so equal starts keep their order),
each with ``startTime``, ``title`` and, when set, ``img``, ``url``, ``toc``, ``endTime``.
Keys are written in that fixed order with a two-space indent, so the same input gives the
same bytes. Relative ``img``/``url`` values are made absolute against the episode's link
(or the show's ``base_url``); a chapter link that only jumps back into the episode's own
video at that moment is not a chapter ``url`` (:func:`is_time_jump`).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from functools import lru_cache
from operator import attrgetter
from urllib.parse import urljoin

from .media import without_time
from .model import Chapter, Episode
from .sanitize import xml_safe
from .show import Show

__all__ = [
    "CHAPTERS_VERSION",
    "clean_chapters",
    "is_time_jump",
    "render_chapters",
]

CHAPTERS_VERSION = "1.2.0"


def is_time_jump(url: str, others: Iterable[str]) -> bool:
    """Whether a chapter's ``url`` only points back into the episode's own media at a time.

    True when ``url`` carries a time parameter (``t=``, ``start=``, ``time_continue=``,
    ``at=`` or a ``#t=`` fragment) and is either just a fragment (``#t=12:34``) or, without
    that parameter, the same address as one of ``others`` — the episode's other chapter
    links, its web page and its content links — without theirs.
    """
    return _Jumps([url, *others]).is_jump(url)


class _Jumps:
    """:func:`is_time_jump` for many URLs of one episode, each URL stripped only once."""

    def __init__(self, urls: Iterable[str]) -> None:
        self.stripped: dict[str, tuple[str, bool]] = {}
        self.bare_count: Counter[str] = Counter()
        self.url_count: Counter[str] = Counter()
        for url in urls:
            if url not in self.stripped:
                self.stripped[url] = without_time(url)
            self.bare_count[self.stripped[url][0]] += 1
            self.url_count[url] += 1

    def is_jump(self, url: str) -> bool:
        bare, timed = self.stripped.get(url) or without_time(url)
        if not timed:
            return False
        if url.startswith("#") or not bare:
            return True
        # Another address (not this very string) that differs only in its time parameter.
        return self.bare_count[bare] - self.url_count[url] > 0


_START = attrgetter("start")


def clean_chapters(episode: Episode, show: Show) -> tuple[Chapter, ...]:
    """The episode's chapters as feeds and files carry them: ascending ``start`` (stable),
    time-jump ``url``s dropped, relative ``url``/``img`` made absolute. (A build computes
    them once per episode and hands them to :func:`render_chapters` and the item renderer.)"""
    base = episode.link or show.base_url
    ordered = sorted(episode.chapters, key=_START)
    linked = [c for c in ordered if c.url or c.img]
    if not linked:
        return tuple(ordered)
    links = [c.url for c in linked if c.url]
    pages = (episode.link, *(c.href for c in episode.content_links))
    jumps = _Jumps([*links, *(u for u in pages if u)])
    out = []
    for c in ordered:
        url = None if not c.url or jumps.is_jump(c.url) else urljoin(base, c.url)
        img = urljoin(base, c.img) if c.img else None
        if url != c.url or img != c.img:
            c = Chapter(c.start, c.title, c.end, url, img, c.toc, c.line)
        out.append(c)
    return tuple(out)


def render_chapters(
    episode: Episode, show: Show, chapters: tuple[Chapter, ...] | None = None
) -> bytes:
    """The JSON chapters file for ``episode`` as UTF-8 bytes (see the module docstring);
    ``chapters``: :func:`clean_chapters` of the episode, when the caller has them already."""
    # Written piece by piece with the C string encoder: json.dumps(indent=2) falls back to the
    # pure-Python encoder, which spent ~90 µs on a file of 20 chapters. The layout is exactly
    # json.dumps(document, ensure_ascii=False, indent=2) + "\n".
    if chapters is None:
        chapters = clean_chapters(episode, show)
    names = [c.title for c in chapters]
    joined = "".join(names)
    if len(xml_safe(joined)) != len(joined):
        titles = [_safe_string(name) for name in names]
    elif _json_plain(joined):
        # The usual titles: nothing for the encoder to escape (it reads each character twice).
        titles = [f'"{name}"' for name in names]
    else:
        titles = [_string(name) for name in names]
    number = _json_number
    parts = [
        '{\n  "version": "',
        CHAPTERS_VERSION,
        '",\n  "title": ',
        _safe_string(episode.title),
        ',\n  "podcastName": ',
        _safe_string(show.title),
        ',\n  "chapters": [',
    ]
    if [c for c in chapters if c.img or c.url or c.toc is not None or c.end is not None]:
        objects = [
            f'      "startTime": {number(c.start)},\n      "title": {title}{_optional(c)}'
            for c, title in zip(chapters, titles, strict=True)
        ]
    else:  # the commonest file: start and title only, one f-string per chapter
        objects = [
            f'      "startTime": {number(c.start)},\n      "title": {title}'
            for c, title in zip(chapters, titles, strict=True)
        ]
    if objects:
        parts += ("\n    {\n", "\n    },\n    {\n".join(objects), "\n    }\n  ]\n}\n")
    else:
        parts.append("]\n}\n")
    return "".join(parts).encode("utf-8")


def _optional(c: Chapter) -> str:
    """The chapter's optional keys, each after a comma, in the file's key order."""
    text = ""
    if c.img:
        text += ',\n      "img": ' + _string(c.img)
    if c.url:
        text += ',\n      "url": ' + _string(c.url)
    if c.toc is not None:
        toc = "true" if c.toc is True else "false" if c.toc is False else json.dumps(c.toc)
        text += ',\n      "toc": ' + toc
    if c.end is not None:
        text += ',\n      "endTime": ' + _json_number(c.end)
    return text


# json's own string encoder (C), as json.dumps(ensure_ascii=False) uses it.
_string: Callable[[str], str] = json.encoder.encode_basestring


def _json_plain(text: str) -> bool:
    """Whether _string(text) is text in quotes, for XML-legal ``text`` (which holds no control
    character but tab, line feed and carriage return): json escapes only those, '"' and
    backslash (ensure_ascii=False writes every other character as it is)."""
    return not ('"' in text or "\\" in text or "\n" in text or "\t" in text or "\r" in text)


def _safe_string(text: str) -> str:
    return _string(xml_safe(text))


# Cached: a show's chapters mostly start on whole seconds within a few hours, so the same
# values recur across episodes. typed: 1 and 1.0 (or a Decimal) get entries of their own.
@lru_cache(maxsize=16384, typed=True)
def _json_number(seconds: float) -> str:
    """:func:`_number` as json.dumps writes it."""
    number = _number(seconds)
    return int.__repr__(number) if isinstance(number, int) else float.__repr__(number)


def _number(seconds: float) -> int | float:
    """Whole seconds as integers, others rounded to milliseconds: stable, short output."""
    rounded = round(seconds, 3)
    return int(rounded) if rounded == int(rounded) else rounded
