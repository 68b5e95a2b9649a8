"""Show + Episodes → RSS 2.0 feed bytes (Apple iTunes + Podcasting 2.0 + PSC), with no files.

:func:`render_feed` is pure: the same Show and Episodes give byte-identical output (no clock:
``lastBuildDate`` is the newest episode's date). Items are written newest first; episodes
with ``live`` set become ``podcast:liveItem`` elements instead. Built with feedgen and
podfeed's own extensions (:mod:`podfeed.ext`); namespaces are declared on ``<rss>`` with
their conventional prefixes, and only those the feed uses.

:func:`episode_guid` is the one place that decides an item's ``<guid>``, and
:func:`episode_slug` names an episode's chapters file.
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from operator import attrgetter
from pathlib import Path, PosixPath, PurePath
from urllib.parse import quote, urljoin, urlsplit

from feedgen.entry import FeedEntry
from feedgen.feed import FeedGenerator
from lxml import etree

from .chapters import clean_chapters
from .errors import DocumentError
from .ext import HELD_DESCRIPTION, PODCAST_NS, ItemFrame, serial_text
from .ext.itunes import ItunesEntryExtension, ItunesExtension
from .ext.podcast import PodcastEntryExtension, PodcastExtension, writes_lines
from .ext.psc import PscEntryExtension, PscExtension
from .ext.rss import RssEntryExtension
from .media import MEDIA_TYPES, media_type
from .model import Chapter, Episode
from .sanitize import (
    cdata_safe,
    clean_as_is,
    clean_as_is_utf8,
    plain_text,
    sanitize_notes,
    truncate,
    xml_safe,
)
from .show import PODCAST_GUID_NAMESPACE, Show

__all__ = [
    "CHAPTERS_DIR",
    "MEDIA_TYPES",
    "ItemRenderer",
    "RenderedItem",
    "chapters_file",
    "chapters_names",
    "chapters_url",
    "episode_guid",
    "episode_slug",
    "feed_frame",
    "feed_order",
    "media_type",
    "render_feed",
]

#: Folder (under the output folder and ``base_url``) that holds the JSON chapters files.
CHAPTERS_DIR = "chapters"

#: Apple's limit for an item ``<description>`` (a front-matter summary is cut to it).
DESCRIPTION_BYTES = 4000
#: A description derived from the show notes is their opening, at most this long: the full
#: notes are in ``content:encoded``, and repeating them would double the feed's size.
DERIVED_SUMMARY_BYTES = 1000

_XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'
_GENERATOR = "podfeed"


def episode_slug(episode: Episode) -> str:
    """The episode's short name: its document's file stem, or a slug of the title.

    Only names files (``chapters/<slug>.json``); identity is :func:`episode_guid`'s job.
    """
    source = episode.source_path
    if source is not None:
        if type(source) is PosixPath:
            return _stem(str(source))
        return (source if isinstance(source, PurePath) else PurePath(source)).stem
    return _slugify(episode.title)


def _stem(text: str) -> str:
    """PurePosixPath(text).stem for a path's own (normalised) string, without pathlib, which
    costs more than the rest of an item's chapters link."""
    name = text[text.rfind("/") + 1 :]
    if name == ".":
        return ""  # Path(".") has no name
    dot = name.rfind(".")
    return name[:dot] if 0 < dot < len(name) - 1 else name


def _slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:80].rstrip("-") or "episode"


def episode_guid(episode: Episode, show: Show) -> str:
    """The item ``<guid>`` for ``episode``: stable across rebuilds, never from the title.

    1. The document's own ``guid`` (front matter ``guid``/``id``, or ``Episode.guid``).
    2. Else a UUIDv5 whose namespace is the show's ``podcast:guid`` and whose name is the
       document's path relative to the show folder, ``/``-separated, without its extension
       (``2024/intro.md`` → ``"2024/intro"``; a file directly in the folder → its stem).
       Renaming or moving the file changes it; editing its title or date does not.
    3. Else, for episodes built in code with no file, a UUIDv5 of the enclosure URL.

    Raises DocumentError (FEED-001) when there is nothing stable to derive a guid from.
    """
    return _episode_guid(episode, show, _guid_namespace(show))


def _episode_guid(episode: Episode, show: Show, namespace: uuid.UUID) -> str:
    if episode.guid:
        return episode.guid
    source = episode.source_path
    if source is not None:
        path = source if type(source) is PosixPath else Path(source)
        return _uuid5(namespace, _document_name(path, show.folder))
    if episode.audio is not None:
        return _uuid5(namespace, episode.audio.url)
    raise DocumentError(
        f"episode {episode.title!r} has no guid, no source file and no audio URL: "
        "expected a guid to identify it",
        field="guid",
        rule="FEED-001",
    )


def _guid_namespace(show: Show) -> uuid.UUID:
    return _namespace(show.channel_guid)


@lru_cache(maxsize=16)
def _namespace(channel_guid: str) -> uuid.UUID:
    try:
        return uuid.UUID(channel_guid)
    except ValueError:
        # A hand-made Show may pin a guid that is not a UUID; derive a stable one from it.
        return uuid.uuid5(PODCAST_GUID_NAMESPACE, channel_guid)


def _uuid5(namespace: uuid.UUID, name: str) -> str:
    """``str(uuid.uuid5(namespace, name))``, without building a UUID object (uuid.UUID's
    constructor took most of an item's guid time): SHA-1 of the namespace and the name, its
    first 16 bytes with the version (5) and the RFC 4122 variant set, in hex. The bits are set
    on the bytes: cheaper than through an int and its 32-digit format."""
    digest = hashlib.sha1(namespace.bytes + name.encode("utf-8"), usedforsecurity=False)
    data = bytearray(digest.digest()[:16])
    data[6] = data[6] & 0x0F | 0x50
    data[8] = data[8] & 0x3F | 0x80
    text = data.hex()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def _document_name(source: Path, folder: Path | None) -> str:
    if type(source) is PosixPath:
        text = str(source)
        cut = text.rfind("/") + 1
        stem = _stem(text)
        if folder is not None:
            # Paths with the same text before their name have the same parent.
            directory = _folder_prefix(text[:cut], folder)
            if directory is not None:
                return directory + stem
        return stem
    if folder is not None:
        directory = _relative_folder(source.parent, folder)
        if directory is not None:
            return directory + source.stem
    return source.stem


@lru_cache(maxsize=256)
def _folder_prefix(head: str, folder: Path) -> str | None:
    """_relative_folder(source.parent, folder), found by the text before the source's name
    (``head``, "/"-ended or empty): the Path of the parent is made only once per folder."""
    return _relative_folder(Path(head or "."), folder)


@lru_cache(maxsize=256)
def _relative_folder(parent: Path, folder: Path) -> str | None:
    """``parent`` relative to ``folder`` as a ``/``-ended prefix ("" for the folder itself),
    or None outside it. Cached: a show's documents share a few folders, and pathlib's
    relative_to() costs more than the rest of an item's guid."""
    for path, root in ((parent, folder), (parent.absolute(), folder.absolute())):
        try:
            relative = path.relative_to(root)
        except ValueError:
            continue
        return relative.as_posix() + "/" if relative.parts else ""
    return None


def chapters_file(episode: Episode) -> str:
    """Where the episode's chapters file goes, relative to the output folder."""
    return f"{CHAPTERS_DIR}/{episode_slug(episode)}.json"


def chapters_url(episode: Episode, show: Show) -> str:
    """The default absolute URL of the episode's chapters file (under ``base_url``)."""
    return _slug_url(episode_slug(episode), show.base_url)


def chapters_names(episode: Episode, show: Show) -> tuple[str, str]:
    """:func:`chapters_file` and :func:`chapters_url` of ``episode``, its slug made once."""
    slug = episode_slug(episode)
    return f"{CHAPTERS_DIR}/{slug}.json", _slug_url(slug, show.base_url)


def _slug_url(slug: str, base_url: str) -> str:
    name = quote(slug + ".json")
    if "/" in name or name in (".", ".."):  # not one plain segment: let urljoin resolve it
        return urljoin(base_url, quote(f"{CHAPTERS_DIR}/{slug}.json"))
    # urljoin(base, "chapters/" + name) == urljoin(base, "chapters/") + name for a name
    # without "/" that is not a dot segment; the folder's URL is joined once per base.
    return _chapters_folder_url(base_url) + name


@lru_cache(maxsize=16)
def _chapters_folder_url(base_url: str) -> str:
    return urljoin(base_url, CHAPTERS_DIR + "/")


def render_feed(
    show: Show,
    episodes: Sequence[Episode],
    *,
    chapters_urls: Mapping[str, str] | None = None,
) -> bytes:
    """The RSS 2.0 feed for ``show`` and ``episodes``, as UTF-8 bytes.

    ``chapters_urls`` maps an episode's guid (as :func:`episode_guid` gives it) to the URL of
    its chapters file; an episode with chapters that is not in it links
    :func:`chapters_url`. ``show.max_items`` keeps only that many newest items.
    """
    ordered = feed_order(episodes)
    items = [e for e in ordered if e.live is None]
    live = [e for e in ordered if e.live is not None]
    if show.max_items is not None:
        items = items[: show.max_items]
    renderer = ItemRenderer(show, chapters_urls)
    rendered = [renderer.render(episode) for episode in items]
    uses = {
        "content": any(item.content for item in rendered),
        "psc": any(item.psc for item in rendered),
    }
    head, tail = feed_frame(show, items[0].date if items else None, live, uses, chapters_urls)
    out = io.BytesIO()
    out.write(head)
    for item in rendered:
        out.write(item.data)
    out.write(tail)
    # getvalue() hands over BytesIO's own buffer: no second copy of the feed.
    return out.getvalue()


_DATE = attrgetter("date")


def feed_order(episodes: Sequence[Episode]) -> list[Episode]:
    """Episodes in the order the feed lists them: newest first, equal dates as given."""
    return sorted(episodes, key=_DATE, reverse=True)


@dataclass(frozen=True, slots=True)
class RenderedItem:
    """One ``<item>`` as it reads inside the feed (indented, ending in a newline)."""

    data: bytes
    #: Whether it holds ``content:encoded`` / ``psc:chapters``: the channel declares only the
    #: namespaces some item uses.
    content: bool
    psc: bool


class ItemRenderer:
    """Renders items one at a time, for :func:`render_feed` or a build's worker processes.

    Only one item is ever a tree, so memory stays near the size of the output: each item's
    elements are serialised in an :class:`~podfeed.ext.ItemFrame` and dropped.
    """

    def __init__(self, show: Show, chapters_urls: Mapping[str, str] | None = None) -> None:
        self.show = show
        self.urls = chapters_urls or {}
        self.namespace = _guid_namespace(show)
        self.frame = ItemFrame()
        self.template = _entry(self.frame)

    def render(
        self,
        episode: Episode,
        chapters_url: str | None = None,
        guid: str | None = None,
        chapters: tuple[Chapter, ...] | None = None,
    ) -> RenderedItem:
        """``episode`` as an ``<item>``; ``chapters_url`` overrides the one ``chapters_urls``
        or :func:`chapters_url` gives, and ``guid`` is :func:`episode_guid`, ``chapters``
        :func:`~podfeed.chapters.clean_chapters` of the episode, if known."""
        fe = _copy_entry(self.template)
        try:
            content = _fill(
                fe,
                episode,
                self.show,
                self.urls,
                self.namespace,
                chapters_url,
                guid,
                self.frame,
                chapters,
            )
            data = self.frame.dump(fe.rss_entry())
        except BaseException:
            self.frame.clear()  # no splice or element of this item may reach the next one
            raise
        return RenderedItem(data, content, fe.psc.wrote)


def feed_frame(
    show: Show,
    newest: datetime | None,
    live: Sequence[Episode],
    uses: Mapping[str, bool],
    chapters_urls: Mapping[str, str] | None = None,
) -> tuple[bytes, bytes]:
    """The feed around its items: from the XML declaration to where the first ``<item>`` goes,
    and from after the last one to the end.

    ``newest`` is the newest item's date (``lastBuildDate``; None without items), ``live``
    the ``podcast:liveItem`` episodes, and ``uses`` which item namespaces (``content``,
    ``psc``) some item uses.
    """
    fg = FeedGenerator()
    fg.register_extension("itunes", ItunesExtension, ItunesEntryExtension)
    fg.register_extension("podcast", PodcastExtension, PodcastEntryExtension)
    fg.register_extension("psc", PscExtension, PscEntryExtension)
    fg.title(xml_safe(show.title))
    # feedgen writes the last link as the channel <link>: the self link must come first.
    fg.link(href=show.feed_url, rel="self", type="application/rss+xml")
    fg.link(href=show.link, rel="alternate")
    fg.description(xml_safe(show.description))
    fg.language(show.language)
    if show.copyright:
        fg.copyright(xml_safe(show.copyright))
    # No <docs>, a fixed <generator> and the newest episode's date: byte-stable output.
    fg.docs("")
    fg.generator(_GENERATOR)
    if newest is not None:
        fg.lastBuildDate(newest)
    fg.itunes.show = show
    fg.podcast.show = show
    namespace = _guid_namespace(show)
    urls = chapters_urls or {}
    fg.podcast.live_items = [_live_item(e, show, urls, namespace) for e in live]
    # _create_rss is feedgen's tree builder behind rss_str(); using it lets podfeed drop
    # unused namespace declarations and the clock-based lastBuildDate before serialising.
    root, _ = fg._create_rss()
    if newest is None:
        channel = root[0]
        channel.remove(channel.find("lastBuildDate"))
    etree.cleanup_namespaces(root, keep_ns_prefixes=[p for p, on in uses.items() if on])
    data: bytes = etree.tostring(root, encoding="UTF-8", xml_declaration=False, pretty_print=True)
    cut = data.rindex(b"  </channel>")
    return _XML_DECLARATION + data[:cut], data[cut:]


def _entry(frame: ItemFrame | None = None) -> FeedEntry:
    """A feedgen entry with podfeed's item extensions, writing inside ``frame`` if given."""
    fe = FeedEntry()
    # First: its pubDate goes where feedgen's own would, before the other extensions' tags.
    fe.register_extension("rss2", RssEntryExtension)
    fe.register_extension("itunes", ItunesEntryExtension)
    fe.register_extension("podcast", PodcastEntryExtension)
    fe.register_extension("psc", PscEntryExtension)
    if frame is not None:
        fe.rss2.frame = fe.itunes.frame = fe.podcast.frame = fe.psc.frame = frame
    return fe


def _copy_entry(template: FeedEntry) -> FeedEntry:
    """A fresh entry sharing ``template``'s extensions (which :func:`_fill` sets in full for
    each item): FeedEntry() and register_extension() cost more than filling the entry. feedgen's
    setters replace the template's values (None, or an empty guid) instead of changing them."""
    fe: FeedEntry = FeedEntry.__new__(FeedEntry)
    fe.__dict__.update(template.__dict__)
    return fe


def _fill(
    fe: FeedEntry,
    episode: Episode,
    show: Show,
    urls: Mapping[str, str],
    namespace: uuid.UUID,
    chapters_link: str | None = None,
    guid: str | None = None,
    frame: ItemFrame | None = None,
    chapters: tuple[Chapter, ...] | None = None,
) -> bool:
    """Set one feedgen entry (and its extensions) from ``episode``; with ``frame``, checked
    notes skip lxml and are spliced into the serialised item. Returns whether the item has a
    ``content:encoded``."""
    if guid is None:
        guid = _episode_guid(episode, show, namespace)
    fe.title(xml_safe(episode.title))
    # The page link and the enclosure go to feedgen in one link() call (enclosure() is link()
    # with rel="enclosure"): feedgen checks and re-reads its whole link list at every call.
    links = [{"href": episode.link}] if episode.link else []
    fe.guid(xml_safe(guid), permalink=guid == episode.link and _is_web_url(guid))
    date = episode.date
    if not isinstance(date, datetime) or date.tzinfo is None:
        fe.pubDate(date)  # feedgen refuses it, as it always has
    fe.rss2.date = date
    # With a frame, checked notes skip lxml, which would encode and re-check ~6 KB again; the
    # check also tells plain_text() that the notes hold only characters XML can.
    data = _notes_utf8(episode.content_html) if frame is not None else None
    if episode.summary:
        summary = truncate(xml_safe(episode.summary), DESCRIPTION_BYTES)
    else:
        summary = plain_text(
            episode.content_html, DERIVED_SUMMARY_BYTES, xml_legal=data is not None
        )
    if summary and frame is not None:
        fe.description(HELD_DESCRIPTION)
        frame.splice_description(serial_text(summary).encode())
    elif summary:
        fe.description(summary)
    else:
        data = None  # without a description, feedgen writes the content there
    content = False
    if data and frame is not None:
        fe.content("", type="CDATA")
        frame.splice_cdata(data)
        content = True
    if data is None:
        notes, checked = _checked_notes(episode, show)
        if notes and checked and summary and frame is not None:
            fe.content("", type="CDATA")
            frame.splice_cdata(notes.encode())
        elif notes:
            fe.content(notes, type="CDATA")
        # Without a description, feedgen writes the content there instead.
        content = bool(notes and summary)
    if episode.audio is not None:
        audio = episode.audio
        kind = audio.type or media_type(audio.url) or "application/octet-stream"
        # 0 is RSS's "unknown"; the builder refuses to publish an episode without a length.
        links.append(
            {
                "href": xml_safe(audio.url),
                "rel": "enclosure",
                "type": kind,
                "length": str(audio.length or 0),
            }
        )
    keywords = [xml_safe(keyword) for keyword in episode.keywords]
    if _untouched(fe):
        _set_links_and_categories(fe, links, keywords)
    else:
        if links:
            fe.link(links)
        for keyword in keywords:
            fe.category(term=keyword)
    fe.itunes.episode = episode
    fe.podcast.episode = episode
    if frame is not None:
        # The extensions' elements as lines of text (all come after feedgen's own).
        frame.lines = [] if writes_lines(episode) else None
    if episode.chapters:
        fe.podcast.chapters_url = chapters_link or urls.get(guid) or chapters_url(episode, show)
        fe.psc.chapters = chapters if chapters is not None else clean_chapters(episode, show)
    else:
        fe.podcast.chapters_url, fe.psc.chapters = None, ()
    return content


# Where feedgen (1.0.0) keeps what link() and category() set: name-mangled attributes, None on
# a new entry. Those calls check their arguments (ensure_format) and rebuild the lists at every
# call, which cost ~50k instructions an item, more than the elements they lead to; for values
# podfeed makes itself (known keys, rel "alternate" or "enclosure"), _set_links_and_categories
# writes the same state directly. An entry whose state is not untouched, or a feedgen without
# these attributes, gets the calls (tests/test_feed.py compares the two states).
_ATOM_LINK = "_FeedEntry__atom_link"
_RSS_LINK = "_FeedEntry__rss_link"
_RSS_ENCLOSURE = "_FeedEntry__rss_enclosure"
_ATOM_CATEGORY = "_FeedEntry__atom_category"
_RSS_CATEGORY = "_FeedEntry__rss_category"
_LINK_STATE = (_ATOM_LINK, _RSS_LINK, _RSS_ENCLOSURE, _ATOM_CATEGORY, _RSS_CATEGORY)


def _untouched(fe: FeedEntry) -> bool:
    """Whether ``fe`` holds feedgen's state for links and categories, none of it set yet."""
    state = fe.__dict__
    return all(state.get(name, False) is None for name in _LINK_STATE)


def _set_links_and_categories(
    fe: FeedEntry, links: list[dict[str, str]], keywords: list[str]
) -> None:
    """What ``fe.link(links)`` and ``fe.category(term=k)`` for each keyword leave on an
    :func:`_untouched` entry. ``links``: the page link (``href`` only, so "alternate") and/or
    the enclosure (``href``, ``rel`` "enclosure", ``type``, ``length``), in that order."""
    state = fe.__dict__
    if links:
        for link in links:
            if "rel" not in link:
                link["rel"] = "alternate"  # ensure_format's default, added to the caller's dict
                state[_RSS_LINK] = link["href"]
            else:
                state[_RSS_ENCLOSURE] = {
                    "url": link["href"],
                    "type": link.get("type"),
                    "length": link.get("length") or "0",
                }
        state[_ATOM_LINK] = list(links)
    if keywords:
        state[_ATOM_CATEGORY] = [{"term": keyword} for keyword in keywords]
        state[_RSS_CATEGORY] = [{"value": keyword} for keyword in keywords]


def _notes(episode: Episode, show: Show) -> str:
    """The show notes as ``content:encoded`` carries them ("" for none)."""
    return _checked_notes(episode, show)[0]


def _notes_utf8(markup: str) -> bytes | None:
    """:func:`_notes` as UTF-8 when :func:`clean_as_is_utf8` passes the markup, with the strip
    and the CDATA end done on the bytes; None when that might differ (take the str path)."""
    if not markup:
        return b""
    data = clean_as_is_utf8(markup)
    if data is None:
        return None
    data = data.strip()
    if data and (data[0] >= 0x80 or data[-1] >= 0x80):
        return None  # maybe non-ASCII whitespace, which str.strip() removes and bytes keep
    return data.replace(b"]]>", b"]]&gt;")


def _checked_notes(episode: Episode, show: Show) -> tuple[str, bool]:
    """:func:`_notes`, and whether they are known to hold only XML-legal characters (nh3's
    output is not checked here: lxml checks it)."""
    markup = episode.content_html
    if not markup:
        return "", True
    notes = clean_as_is(markup)
    checked = notes is not None
    if notes is None:  # not in the renderer's own shape: nh3, against the page's address
        base = episode.link if episode.link and _is_web_url(episode.link) else show.base_url
        notes = sanitize_notes(markup, base)
    # Stripped: Apple asks for values without leading or trailing whitespace.
    return cdata_safe(notes.strip()), checked


def _live_item(
    episode: Episode, show: Show, urls: Mapping[str, str], namespace: uuid.UUID
) -> etree._Element:
    """A ``podcast:liveItem``: an item's children, with status/start/end attributes."""
    assert episode.live is not None
    fe = _entry()
    _fill(fe, episode, show, urls, namespace)
    element: etree._Element = fe.rss_entry()
    element.tag = f"{{{PODCAST_NS}}}liveItem"
    element.set("status", episode.live.status)
    element.set("start", episode.live.start.isoformat())
    if episode.live.end is not None:
        element.set("end", episode.live.end.isoformat())
    return element


def _is_web_url(text: str) -> bool:
    if not text.startswith(("https://", "http://")):
        return False
    parts = urlsplit(text)
    return parts.scheme in ("http", "https") and bool(parts.netloc)
