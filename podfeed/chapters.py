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
from collections.abc import Iterable
from dataclasses import replace
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from .model import Chapter, Episode
from .sanitize import xml_safe
from .show import Show

__all__ = [
    "CHAPTERS_VERSION",
    "TIME_PARAMETERS",
    "clean_chapters",
    "is_time_jump",
    "render_chapters",
]

CHAPTERS_VERSION = "1.2.0"

#: Query parameters that only say where in a video or audio to start playing.
TIME_PARAMETERS = frozenset({"t", "start", "time_continue", "at"})


def _without_time(url: str) -> tuple[str, bool]:
    """``url`` with its time parameters removed, and whether it had any."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    kept = [(k, v) for k, v in query if k not in TIME_PARAMETERS]
    fragment = parts.fragment
    timed = len(kept) != len(query) or fragment.startswith("t=")
    if fragment.startswith("t="):
        fragment = ""
    return urlunsplit(parts._replace(query=urlencode(kept), fragment=fragment)), timed


def is_time_jump(url: str, others: Iterable[str]) -> bool:
    """Whether a chapter's ``url`` only points back into the episode's own media at a time.

    True when ``url`` carries a time parameter (``t=``, ``start=``, ``time_continue=``,
    ``at=`` or a ``#t=`` fragment) and is either just a fragment (``#t=12:34``) or, without
    that parameter, the same address as one of ``others`` — the episode's other chapter
    links, its web page and its content links — without theirs.
    """
    bare, timed = _without_time(url)
    if not timed:
        return False
    if url.startswith("#") or not bare:
        return True
    return any(_without_time(other)[0] == bare for other in others if other != url)


def clean_chapters(episode: Episode, show: Show) -> tuple[Chapter, ...]:
    """The episode's chapters as feeds and files carry them: ascending ``start`` (stable),
    time-jump ``url``s dropped, relative ``url``/``img`` made absolute."""
    base = episode.link or show.base_url
    ordered = sorted(episode.chapters, key=lambda c: c.start)
    others = [c.url for c in ordered if c.url]
    others += [u for u in (episode.link, *(c.href for c in episode.content_links)) if u]
    out = []
    for chapter in ordered:
        url = chapter.url
        url = None if not url or is_time_jump(url, others) else urljoin(base, url)
        img = urljoin(base, chapter.img) if chapter.img else None
        if url != chapter.url or img != chapter.img:
            chapter = replace(chapter, url=url, img=img)
        out.append(chapter)
    return tuple(out)


def render_chapters(episode: Episode, show: Show) -> bytes:
    """The JSON chapters file for ``episode`` as UTF-8 bytes (see the module docstring)."""
    document: dict[str, Any] = {
        "version": CHAPTERS_VERSION,
        "title": xml_safe(episode.title),
        "podcastName": xml_safe(show.title),
        "chapters": [_chapter(c) for c in clean_chapters(episode, show)],
    }
    text = json.dumps(document, ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")


def _chapter(chapter: Chapter) -> dict[str, Any]:
    out: dict[str, Any] = {"startTime": _number(chapter.start), "title": xml_safe(chapter.title)}
    if chapter.img:
        out["img"] = chapter.img
    if chapter.url:
        out["url"] = chapter.url
    if chapter.toc is not None:
        out["toc"] = chapter.toc
    if chapter.end is not None:
        out["endTime"] = _number(chapter.end)
    return out


def _number(seconds: float) -> int | float:
    """Whole seconds as integers, others rounded to milliseconds: stable, short output."""
    rounded = round(seconds, 3)
    return int(rounded) if rounded == int(rounded) else rounded
