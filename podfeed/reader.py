"""Episode documents → Episode objects.

``load_episode`` reads one file, ``load_episodes`` a folder. Front matter is split off and
parsed (``podfeed.documents``), each Episode field is taken from its first present alias
(``podfeed.fields``) and converted by a parser (``podfeed.values``), and the body's show notes
give the HTML, links and, unless front matter lists them, the chapters (``podfeed.notes``).
Anything wrong becomes a DocumentError naming the file, the line, the field and what was
expected.
"""

from __future__ import annotations

import functools
import gc
import operator
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .diagnostics import Finding
from .documents import RawDocument, key_line, read_ahead, read_document
from .errors import DocumentError, PodfeedError, PodfeedErrorGroup, ShowError
from .fields import ALIASES
from .media import MEDIA_EXTENSIONS
from .model import (
    AlternateEnclosure,
    Chapter,
    Chat,
    ContentLink,
    Enclosure,
    Episode,
    Funding,
    Image,
    Integrity,
    Link,
    Live,
    Location,
    Person,
    SocialInteract,
    Soundbite,
    Source,
    Transcript,
    Txt,
    Value,
    ValueRecipient,
    ValueTimeSplit,
    fill_class,
)
from .notes import analyze_html, analyze_markdown, markup_text, order_warnings
from .values import parse_bool, parse_date, parse_duration, parse_int

__all__ = [
    "DOCUMENT_SUFFIXES",
    "document_paths",
    "load_episode",
    "load_episodes",
    "read_episodes",
]

#: Files below a show folder that are episode documents.
DOCUMENT_SUFFIXES = (".md", ".markdown", ".html")
_HTML_SUFFIXES = (".html", ".htm")
_EPISODE_TYPES = ("full", "trailer", "bonus")
_LIVE_STATUSES = ("pending", "live", "ended")

T = TypeVar("T")


class _Invalid(Exception):
    """A value that does not fit its field; ``key`` is the dotted key inside the field."""

    def __init__(self, message: str, key: str | None = None, rule: str = "DOC-008") -> None:
        super().__init__(message)
        self.message = message
        self.key = key
        self.rule = rule


def load_episode(
    path: str | Path,
    *,
    fields: Mapping[str, str] | None = None,
    media_prefix: str | None = None,
    timezone: str | tzinfo | None = None,
    links: bool = True,
) -> Episode:
    """Read one episode document into an Episode.

    ``fields`` maps Episode fields to front-matter keys (dotted for nested keys) and replaces
    the built-in aliases for those fields; ``media_prefix`` turns a bare audio file name into a
    URL; ``timezone`` (an IANA name) is used for dates written without one (default UTC).
    ``links=False`` leaves ``Episode.links`` empty instead of reading the links out of the
    show notes, a fifth of the reading time; a feed build does not need them.
    """
    return _read(Path(path), dict(fields or {}), media_prefix, _zone(timezone), links)


def load_episodes(
    folder: str | Path,
    *,
    fields: Mapping[str, str] | None = None,
    media_prefix: str | None = None,
    timezone: str | tzinfo | None = None,
    links: bool = True,
) -> list[Episode]:
    """Read every ``*.md``, ``*.markdown`` and ``*.html`` below ``folder``, sorted by path.

    Hidden files and folders and files whose name starts with ``_`` (e.g. ``_index.md``) are
    skipped. All bad documents are reported together in one PodfeedErrorGroup. The keywords
    are :func:`load_episode`'s.
    """
    root = Path(folder)
    if not root.is_dir():
        raise DocumentError(
            "the show folder does not exist or is not a folder", path=root, rule="DOC-001"
        )
    zone = _zone(timezone)
    mapping = dict(fields or {})
    episodes: list[Episode] = []
    errors: list[PodfeedError] = []
    # Loading allocates hundreds of thousands of small acyclic objects that all stay alive; the
    # cyclic collector would scan them again and again (about a quarter of the load time).
    collecting = gc.isenabled()
    gc.disable()
    try:
        # read_episodes' loop, without a generator between it and the list
        for path, data in read_ahead(document_paths(root)):
            try:
                episodes.append(_read(path, mapping, media_prefix, zone, links, data))
            except PodfeedError as err:
                errors.append(err)
    finally:
        if collecting:
            gc.enable()
    if errors:
        count = f"{len(errors)} episode document{'s' if len(errors) > 1 else ''}"
        raise PodfeedErrorGroup(f"{count} could not be read", errors)
    return episodes


def read_episodes(
    paths: Iterable[str | Path],
    *,
    fields: Mapping[str, str] | None = None,
    media_prefix: str | None = None,
    timezone: str | tzinfo | None = None,
    links: bool = True,
) -> Iterator[tuple[Path, Episode | PodfeedError]]:
    """Each of ``paths`` with the Episode :func:`load_episode` reads from it, or the
    PodfeedError it raises, in order (an unknown ``timezone`` fails here, before any reading).
    The keywords are :func:`load_episode`'s.

    Files are read a few dozen at a time (``documents.read_ahead``): for many documents, that
    is cheaper than one :func:`load_episode` after another.
    """
    return _read_all(
        (Path(path) for path in paths), dict(fields or {}), media_prefix, _zone(timezone), links
    )


def _read_all(
    paths: Iterable[Path],
    fields: Mapping[str, str],
    media_prefix: str | None,
    zone: tzinfo,
    links: bool,
) -> Iterator[tuple[Path, Episode | PodfeedError]]:
    for path, data in read_ahead(paths):
        result: Episode | PodfeedError
        try:
            result = _read(path, fields, media_prefix, zone, links, data)
        except PodfeedError as err:
            result = err
        yield path, result


def document_paths(root: Path) -> list[Path]:
    """The episode documents below ``root`` that :func:`load_episodes` reads, sorted."""
    found = []
    for directory, subdirs, files in os.walk(root):
        subdirs[:] = [d for d in subdirs if not d.startswith((".", "_"))]
        folder = Path(directory)  # `folder / name` parses only the name: cheaper than Path(…)
        for name in files:
            if name.endswith(DOCUMENT_SUFFIXES) and not name.startswith((".", "_")):
                found.append(folder / name)
    # Comparing Paths is slow and sorting a folder takes n log n comparisons. On POSIX, Paths
    # are ordered by their parts, so sorting by the parts gives their order; elsewhere (parts
    # compared case-folded) the presorted list takes the final sort by Path order in one pass.
    found.sort(key=_PARTS)
    if os.name != "posix":
        found.sort()
    return found


_PARTS = operator.attrgetter("parts")


def _zone(timezone: str | tzinfo | None) -> tzinfo:
    if timezone is None:
        return UTC
    if isinstance(timezone, tzinfo):
        return timezone
    try:
        return ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ShowError(
            f"unknown time zone {timezone!r}: expected an IANA name such as Europe/Vienna",
            field="timezone",
            rule="SHOW-011",
        ) from None


# --- one document ---------------------------------------------------------------------------


class _Shape:
    """What a document with these front-matter keys can feed (read only, shared).

    ``present``: each field its keys can feed, best alias first (a document has a handful of
    keys, so walking them beats trying every alias of every field); ``simple``: the
    _SIMPLE_FIELDS among them, in their order.
    """

    __slots__ = ("present", "simple")

    def __init__(self, keys: tuple[str, ...]) -> None:
        found: dict[str, list[tuple[int, str]]] = {}
        for key in keys:
            for name, rank in _ALIAS_INDEX.get(key, ()):
                found.setdefault(name, []).append((rank, key))
        self.present: dict[str, tuple[str, ...]] = {
            name: tuple(key for _, key in sorted(ranked)) for name, ranked in found.items()
        }
        self.simple = tuple(item for item in _SIMPLE_FIELDS if item[0] in self.present)


# Bounded for shows whose documents all differ in their keys.
_shape = functools.lru_cache(maxsize=256)(_Shape)


class _Lookup:
    """Finds each field's value in the front matter and remembers which keys were used."""

    def __init__(self, doc: RawDocument, fields: Mapping[str, str]) -> None:
        self.doc = doc
        self.data = doc.front_matter
        self.fields = fields
        self.used: set[str] = set()
        self.keys: dict[str, str] = {}  # Episode field → the front-matter key it came from
        # The documents of a show mostly share their keys: what a set of keys can feed is
        # worked out once (_Shape) and looked up by the keys, in order, for the next document.
        shape = _shape(tuple(self.data))
        self.present = shape.present
        self.simple = shape.simple

    def get(self, name: str, accept: Callable[[str, object], bool] | None = None) -> Any:
        mapped = self.fields.get(name)
        if mapped:
            candidates: Sequence[str] = (mapped,)
        else:
            candidates = self.present.get(name, ())
            if not candidates:
                return None
            # Aliases are top-level keys (no dots): looked up directly, the common case.
            data = self.data
            for key in candidates:
                value = data.get(key)
                if value is None or (accept is not None and not accept(key, value)):
                    continue
                self.used.add(key)
                self.keys[name] = key
                return value
            return None
        for key in candidates:
            value = self._dotted(key)
            if value is None or (accept is not None and not accept(key, value)):
                continue
            self.used.add(key.split(".", 1)[0])
            self.keys[name] = key
            return value
        return None

    def _dotted(self, key: str) -> Any:
        if "." not in key:
            return self.data.get(key)
        value: Any = self.data
        for part in key.split("."):
            if not isinstance(value, Mapping):
                return None
            value = value.get(part)
        return value

    def fail(
        self, name: str, message: str, rule: str = "DOC-008", sub: str | None = None
    ) -> DocumentError:
        key = self.keys.get(name, name)
        dotted = f"{key}.{sub}" if sub else key
        line = self.doc.key_line(dotted) or self.doc.key_line(key)
        return DocumentError(
            f"{dotted}: {message}", path=self.doc.path, line=line, field=name, rule=rule
        )

    def convert(self, name: str, parse: Callable[[Any], T], value: Any, rule: str) -> T:
        try:
            return parse(value)
        except _Invalid as err:
            raise self.fail(name, err.message, err.rule, err.key) from None
        except (ValueError, TypeError) as err:
            raise self.fail(name, str(err), rule) from None


def _read(
    path: Path,
    fields: Mapping[str, str],
    media_prefix: str | None,
    zone: tzinfo,
    links: bool,
    data: bytes | OSError | None = None,
) -> Episode:
    doc = read_document(path, data)
    look = _Lookup(doc, fields)

    title = look.get("title")
    if title is None or (isinstance(title, str) and not title.strip()):
        raise DocumentError(
            "missing title: expected a `title` in the front matter",
            path=path,
            line=doc.key_line("title") or (1 if doc.format else None),
            field="title",
            rule="DOC-003",
        )
    if isinstance(title, dict | list):
        raise look.fail("title", "expected text", "DOC-008")
    raw_date = look.get("date")
    if raw_date is None:
        raise DocumentError(
            "missing date: expected a `date` (or publishedDate, pubDate, published, publishDate)",
            path=path,
            line=1 if doc.format else None,
            field="date",
            rule="DOC-003",
        )
    try:  # look.convert's handling, without a closure for the zone
        date = parse_date(raw_date, zone)
    except (ValueError, TypeError) as err:
        raise look.fail("date", str(err), "DOC-004") from None

    is_html = _is_html(path.name)
    notes = (analyze_html if is_html else analyze_markdown)(
        doc.body, first_line=doc.body_line, path=str(path), links=links
    )
    chapters = notes.chapters
    warnings = notes.warnings
    raw_chapters = look.get("chapters")
    if raw_chapters is not None:
        chapters = look.convert("chapters", _chapters, raw_chapters, "DOC-006")
        lines = doc.item_lines(look.keys["chapters"])
        if len(lines) == len(chapters):
            chapters = tuple(
                replace(chapter, line=line) for chapter, line in zip(chapters, lines, strict=True)
            )
        warnings = order_warnings(chapters, str(path))

    values: dict[str, Any] = {}
    present = look.present
    # Without a fields mapping, only the fields the document has keys for can be set.
    for name, parse, rule in look.simple if not fields else _SIMPLE_FIELDS:
        if name not in present and not fields.get(name):
            continue  # what look.get would find out, without the call: no key for this field
        raw = look.get(name)
        if raw is not None:
            parse = _BY_KEY.get((name, look.keys[name]), parse)
            values[name] = look.convert(name, parse, raw, rule)

    audio = _audio(look, media_prefix)
    link = look.get("link", accept=_names_page)
    if link is not None and not isinstance(link, str):
        raise look.fail("link", "expected the episode page's URL as text")

    summary = look.get("summary")
    extra = {key: value for key, value in doc.front_matter.items() if key not in look.used}
    return _new_episode(
        str(title).strip(),
        date,
        chapters,
        notes.links,
        link,
        markup_text(str(summary)) if summary is not None else None,
        notes.html,
        audio,
        path,
        extra,
        warnings,
        _KeyLines(doc, dict(look.keys)),
        values,
    )


def _is_html(name: str) -> bool:
    """``Path(name).suffix.lower() in _HTML_SUFFIXES``, without building the suffix."""
    folded = name.lower()
    return folded.endswith(_HTML_SUFFIXES) and folded.rfind(".") > 0


_EPISODE_FILL = fill_class(Episode)


def _new_episode(
    title: str,
    date: datetime,
    chapters: tuple[Chapter, ...],
    links: tuple[Link, ...],
    link: str | None,
    summary: str | None,
    content_html: str,
    audio: Enclosure | None,
    source_path: Path,
    extra: dict[str, Any],
    warnings: tuple[Finding, ...],
    lines: Mapping[str, int],
    values: dict[str, Any],
) -> Episode:
    """``Episode(title=title, date=date, …, **values)``, built as model.fill_class explains.

    ``values`` holds _SIMPLE_FIELDS only; the others keep the dataclass's defaults.
    """
    if date.tzinfo is None or date.utcoffset() is None:
        # The constructor refuses such a date: let it say so.
        return Episode(
            title=title, date=date, chapters=chapters, links=links, link=link, summary=summary,
            content_html=content_html, audio=audio, source_path=source_path, extra=extra,
            warnings=warnings, lines=lines, **values,
        )  # fmt: skip
    episode = _EPISODE_FILL()
    episode.title = title
    episode.date = date
    episode.chapters = chapters
    episode.links = links
    episode.link = link
    episode.summary = summary
    episode.content_html = content_html
    episode.audio = audio
    episode.source_path = source_path
    episode.extra = extra
    episode.warnings = warnings
    episode.lines = lines
    # The defaults of the _SIMPLE_FIELDS (tests.reader.test_fast_paths checks them against
    # the dataclass), then the values the document gave.
    episode.author = None
    episode.guid = None
    episode.duration = None
    episode.image = None
    episode.season = None
    episode.number = None
    episode.episode_type = None
    episode.explicit = None
    episode.keywords = ()
    episode.persons = ()
    episode.transcripts = ()
    episode.soundbites = ()
    episode.location = None
    episode.license = None
    episode.funding = ()
    episode.images = ()
    episode.alternate_enclosures = ()
    episode.values = ()
    episode.social_interacts = ()
    episode.txts = ()
    episode.chat = None
    episode.content_links = ()
    episode.live = None
    episode.draft = False
    for name, value in values.items():
        setattr(episode, name, value)
    episode.__class__ = Episode
    return episode  # type: ignore[no-any-return]


def _audio(look: _Lookup, media_prefix: str | None) -> Enclosure | None:
    raw = look.get("audio.url", accept=_names_media)
    length: Any = None
    mime: Any = None
    # (dict first: the common case, without the Mapping ABC's slower check)
    if isinstance(raw, (dict, Mapping)):
        url = raw.get("url") or raw.get("href") or raw.get("file")
        length = raw.get("length", raw.get("bytes", raw.get("size")))
        mime = raw.get("type", raw.get("mime_type"))
        if not isinstance(url, str) or not url.strip():
            raise look.fail("audio", "expected a `url` for the audio file", "DOC-008", sub="url")
    elif raw is None or isinstance(raw, str):
        url = raw
    else:
        raise look.fail("audio", "expected the audio file's URL, or a mapping with url/length/type")
    if length is None:
        length = look.get("audio.length")
    if mime is None:
        mime = look.get("audio.type")
    if url is None:
        return None
    url = url.strip()
    if media_prefix and "://" not in url:
        url = media_prefix.rstrip("/") + "/" + url.lstrip("/")
    size = None
    if length is not None:
        try:
            size = _count(length)
        except ValueError:
            look.keys.setdefault("audio.length", look.keys.get("audio.url", "audio"))
            raise look.fail(
                "audio.length",
                f"expected the audio file's size in bytes (a whole number), got {length!r}",
                "DOC-005",
                sub="length" if isinstance(raw, Mapping) else None,
            ) from None
    enclosure = _ENCLOSURE_FILL()  # Enclosure(url, size, type), as model.fill_class explains
    enclosure.url = url
    enclosure.length = size
    enclosure.type = str(mime).strip() if mime else None
    enclosure.__class__ = Enclosure
    return enclosure  # type: ignore[no-any-return]


_ENCLOSURE_FILL = fill_class(Enclosure)


def _is_media(url: str) -> bool:
    path = url.split("?", 1)[0].split("#", 1)[0]
    return path.rsplit(".", 1)[-1].lower() in MEDIA_EXTENSIONS if "." in path else False


def _names_media(key: str, value: object) -> bool:
    """`url` is the audio only when it names a media file; the other audio keys always are."""
    return key != "url" or not isinstance(value, str) or _is_media(value)


def _names_page(key: str, value: object) -> bool:
    return key != "url" or not (isinstance(value, str) and _is_media(value))


# --- field converters -----------------------------------------------------------------------


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool | dict | list):
        raise _Invalid(f"expected text, got {value!r}")
    return str(value)


def _optional_text(value: Any) -> str | None:
    return None if value is None else _text(value)


def _author(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(_name(v) for v in value)
    return _name(value)


def _name(value: Any) -> str:
    if not isinstance(value, str) and isinstance(value, Mapping) and "name" in value:
        return _text(value["name"])
    return _text(value)


def _keywords(value: Any) -> tuple[str, ...]:
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list | tuple):
        items = [items]
    return tuple(word for word in (_text(v) for v in items) if word)


def _episode_type(value: Any) -> str:
    word = _text(value).lower()
    if word not in _EPISODE_TYPES:
        raise _Invalid(f"expected one of {', '.join(_EPISODE_TYPES)}, got {value!r}")
    return word


def _count(value: Any) -> int:
    number = parse_int(value)
    if number < 0:
        raise ValueError(f"expected a whole number of 0 or more, got {value!r}")
    return number


def _items(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else [value]


def _record(value: Any, key: str, fields: Mapping[str, tuple[str, ...]]) -> dict[str, Any]:
    """Pick a record's fields from a mapping, each from its first present alias."""
    if not isinstance(value, Mapping):
        raise _Invalid(f"expected a mapping with {', '.join(fields)}", key)
    picked: dict[str, Any] = {}
    for name, aliases in fields.items():
        for alias in aliases:
            if value.get(alias) is not None:
                picked[name] = value[alias]
                break
    return picked


def _required(picked: Mapping[str, Any], name: str, key: str) -> Any:
    if name not in picked:
        raise _Invalid(f"missing `{name}`", key)
    return picked[name]


_CHAPTER_KEYS = {
    "start": ("start", "startTime", "start_time", "time"),
    "title": ("title", "name"),
    "end": ("end", "endTime", "end_time"),
    "url": ("url", "link", "href"),
    "img": ("img", "image"),
    "toc": ("toc",),
}


def _chapters(value: Any) -> tuple[Chapter, ...]:
    if isinstance(value, Mapping) and "chapters" in value:
        value = value["chapters"]  # a whole Podcasting 2.0 JSON chapters object
    if not isinstance(value, list):
        raise _Invalid("expected a list of chapters (each with start and title)")
    chapters = []
    for index, item in enumerate(value):
        key = str(index)
        if isinstance(item, str):
            # Reuse the line parser on one line (twice: a body needs two chapter lines).
            notes = analyze_markdown(item + "\n" + item, links=False)
            if not notes.chapters:
                raise _Invalid(f"expected 'H:MM:SS Title', got {item!r}", key, "DOC-006")
            chapters.append(notes.chapters[0])
            continue
        picked = _record(item, key, _CHAPTER_KEYS)
        start = _time(_required(picked, "start", key), key)
        end = picked.get("end")
        chapters.append(
            Chapter(
                start=start,
                title=_text(picked.get("title", "")),
                end=None if end is None else _time(end, key),
                url=_optional_text(picked.get("url")),
                img=_optional_text(picked.get("img")),
                toc=None if "toc" not in picked else _bool(picked["toc"], key),
            )
        )
    return tuple(chapters)


def _time(value: Any, key: str) -> float:
    try:
        return parse_duration(value)
    except ValueError as err:
        raise _Invalid(str(err), key, "DOC-006") from None


def _bool(value: Any, key: str) -> bool:
    try:
        return parse_bool(value)
    except ValueError as err:
        raise _Invalid(str(err), key, "DOC-007") from None


def _int(value: Any, key: str) -> int:
    try:
        return parse_int(value)
    except ValueError as err:
        raise _Invalid(str(err), key, "DOC-005") from None


def _float(value: Any, key: str) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    try:
        return float(str(value))
    except ValueError:
        raise _Invalid(f"expected a number, got {value!r}", key, "DOC-005") from None


def _persons(value: Any) -> tuple[Person, ...]:
    persons = []
    for index, item in enumerate(_items(value)):
        if isinstance(item, str):
            persons.append(Person(name=item.strip()))
            continue
        picked = _record(item, str(index), {
            "name": ("name",), "role": ("role",), "group": ("group",),
            "href": ("href", "url", "link"), "img": ("img", "image"),
        })  # fmt: skip
        persons.append(
            Person(
                name=_text(_required(picked, "name", str(index))),
                role=_optional_text(picked.get("role")),
                group=_optional_text(picked.get("group")),
                href=_optional_text(picked.get("href")),
                img=_optional_text(picked.get("img")),
            )
        )
    return tuple(persons)


def _guests(value: Any) -> tuple[Person, ...]:
    return tuple(
        p if p.role else Person(p.name, "guest", p.group, p.href, p.img) for p in _persons(value)
    )


def _transcripts(value: Any) -> tuple[Transcript, ...]:
    transcripts = []
    for index, item in enumerate(_items(value)):
        if isinstance(item, str):
            transcripts.append(Transcript(url=item.strip()))
            continue
        picked = _record(item, str(index), {
            "url": ("url", "href", "file"), "type": ("type", "mime_type"),
            "language": ("language", "lang"), "rel": ("rel",),
        })  # fmt: skip
        transcripts.append(
            Transcript(
                url=_text(_required(picked, "url", str(index))),
                type=_optional_text(picked.get("type")),
                language=_optional_text(picked.get("language")),
                rel=_optional_text(picked.get("rel")),
            )
        )
    return tuple(transcripts)


def _soundbites(value: Any) -> tuple[Soundbite, ...]:
    bites = []
    for index, item in enumerate(_items(value)):
        key = str(index)
        picked = _record(item, key, {
            "start": ("start", "startTime", "start_time"), "duration": ("duration",),
            "title": ("title",),
        })  # fmt: skip
        bites.append(
            Soundbite(
                start=_time(_required(picked, "start", key), key),
                duration=_time(_required(picked, "duration", key), key),
                title=_optional_text(picked.get("title")),
            )
        )
    return tuple(bites)


def _location(value: Any) -> Location:
    if isinstance(value, str):
        return Location(name=value.strip())
    picked = _record(value, "name", {
        "name": ("name",), "geo": ("geo",), "osm": ("osm",), "rel": ("rel",),
        "country": ("country",),
    })  # fmt: skip
    return Location(
        name=_text(_required(picked, "name", "name")),
        geo=_optional_text(picked.get("geo")),
        osm=_optional_text(picked.get("osm")),
        rel=_optional_text(picked.get("rel")),
        country=_optional_text(picked.get("country")),
    )


def _funding(value: Any) -> tuple[Funding, ...]:
    found = []
    for index, item in enumerate(_items(value)):
        if isinstance(item, str):
            found.append(Funding(url=item.strip()))
            continue
        picked = _record(item, str(index), {"url": ("url", "href"), "text": ("text", "title")})
        found.append(
            Funding(
                url=_text(_required(picked, "url", str(index))), text=_text(picked.get("text", ""))
            )
        )
    return tuple(found)


def _images(value: Any) -> tuple[Image, ...]:
    found = []
    for index, item in enumerate(_items(value)):
        key = str(index)
        if isinstance(item, str):
            found.append(Image(href=item.strip()))
            continue
        picked = _record(item, key, {
            "href": ("href", "url"), "alt": ("alt",),
            "aspect_ratio": ("aspect_ratio", "aspect-ratio"), "width": ("width",),
            "height": ("height",), "type": ("type",), "purpose": ("purpose",),
        })  # fmt: skip
        found.append(
            Image(
                href=_text(_required(picked, "href", key)),
                alt=_optional_text(picked.get("alt")),
                aspect_ratio=_optional_text(picked.get("aspect_ratio")),
                width=None if "width" not in picked else _int(picked["width"], key),
                height=None if "height" not in picked else _int(picked["height"], key),
                type=_optional_text(picked.get("type")),
                purpose=_optional_text(picked.get("purpose")),
            )
        )
    return tuple(found)


def _alternate_enclosures(value: Any) -> tuple[AlternateEnclosure, ...]:
    found = []
    for index, item in enumerate(_items(value)):
        key = str(index)
        picked = _record(item, key, {
            "type": ("type",), "sources": ("sources", "source", "url", "uri"),
            "length": ("length",), "bitrate": ("bitrate",), "height": ("height",),
            "lang": ("lang",), "title": ("title",),
            "rel": ("rel",), "codecs": ("codecs",), "default": ("default",),
            "integrity": ("integrity",),
        })  # fmt: skip
        sources = []
        for source in _items(_required(picked, "sources", key)):
            if isinstance(source, str):
                sources.append(Source(uri=source.strip()))
            else:
                src = _record(
                    source,
                    key,
                    {"uri": ("uri", "url"), "content_type": ("content_type", "contentType")},
                )
                sources.append(
                    Source(
                        uri=_text(_required(src, "uri", key)),
                        content_type=_optional_text(src.get("content_type")),
                    )
                )
        integrity = None
        if "integrity" in picked:
            raw = _record(picked["integrity"], key, {"type": ("type",), "value": ("value",)})
            integrity = Integrity(
                type=_text(_required(raw, "type", key)), value=_text(_required(raw, "value", key))
            )
        found.append(
            AlternateEnclosure(
                type=_text(_required(picked, "type", key)),
                sources=tuple(sources),
                length=None if "length" not in picked else _int(picked["length"], key),
                bitrate=None if "bitrate" not in picked else _float(picked["bitrate"], key),
                height=None if "height" not in picked else _int(picked["height"], key),
                lang=_optional_text(picked.get("lang")),
                title=_optional_text(picked.get("title")),
                rel=_optional_text(picked.get("rel")),
                codecs=_optional_text(picked.get("codecs")),
                default=None if "default" not in picked else _bool(picked["default"], key),
                integrity=integrity,
            )
        )
    return tuple(found)


_RECIPIENT_KEYS = {
    "type": ("type",), "address": ("address",), "split": ("split",), "name": ("name",),
    "custom_key": ("custom_key", "customKey"), "custom_value": ("custom_value", "customValue"),
    "fee": ("fee",),
}  # fmt: skip


def _recipients(value: Any, key: str) -> tuple[ValueRecipient, ...]:
    found = []
    for item in _items(value):
        picked = _record(item, key, _RECIPIENT_KEYS)
        found.append(
            ValueRecipient(
                type=_text(_required(picked, "type", key)),
                address=_text(_required(picked, "address", key)),
                split=_int(_required(picked, "split", key), key),
                name=_optional_text(picked.get("name")),
                custom_key=_optional_text(picked.get("custom_key")),
                custom_value=_optional_text(picked.get("custom_value")),
                fee=None if "fee" not in picked else _bool(picked["fee"], key),
            )
        )
    return tuple(found)


def _values(value: Any) -> tuple[Value, ...]:
    found = []
    for index, item in enumerate(_items(value)):
        key = str(index)
        picked = _record(item, key, {
            "type": ("type",), "method": ("method",), "suggested": ("suggested",),
            "recipients": ("recipients", "recipient"), "time_splits": ("time_splits", "timeSplits"),
        })  # fmt: skip
        splits = []
        for split in _items(picked.get("time_splits", [])):
            raw = _record(split, key, {
                "start": ("start", "startTime"), "duration": ("duration",),
                "recipients": ("recipients",), "remote_feed_guid": ("remote_feed_guid", "feedGuid"),
                "remote_item_guid": ("remote_item_guid", "itemGuid"),
                "remote_start": ("remote_start", "remoteStartTime"),
                "remote_percentage": ("remote_percentage", "remotePercentage"),
            })  # fmt: skip
            splits.append(
                ValueTimeSplit(
                    start=_time(_required(raw, "start", key), key),
                    duration=_time(_required(raw, "duration", key), key),
                    recipients=_recipients(raw.get("recipients", []), key),
                    remote_feed_guid=_optional_text(raw.get("remote_feed_guid")),
                    remote_item_guid=_optional_text(raw.get("remote_item_guid")),
                    remote_start=None
                    if "remote_start" not in raw
                    else _time(raw["remote_start"], key),
                    remote_percentage=None
                    if "remote_percentage" not in raw
                    else _float(raw["remote_percentage"], key),
                )
            )
        found.append(
            Value(
                type=_text(_required(picked, "type", key)),
                method=_text(_required(picked, "method", key)),
                recipients=_recipients(_required(picked, "recipients", key), key),
                suggested=_optional_text(picked.get("suggested")),
                time_splits=tuple(splits),
            )
        )
    return tuple(found)


def _social_interacts(value: Any) -> tuple[SocialInteract, ...]:
    found = []
    for index, item in enumerate(_items(value)):
        key = str(index)
        picked = _record(item, key, {
            "protocol": ("protocol",), "uri": ("uri", "url"),
            "account_id": ("account_id", "accountId"), "account_url": ("account_url", "accountUrl"),
            "priority": ("priority",),
        })  # fmt: skip
        found.append(
            SocialInteract(
                protocol=_text(_required(picked, "protocol", key)),
                uri=_optional_text(picked.get("uri")),
                account_id=_optional_text(picked.get("account_id")),
                account_url=_optional_text(picked.get("account_url")),
                priority=None if "priority" not in picked else _int(picked["priority"], key),
            )
        )
    return tuple(found)


def _txts(value: Any) -> tuple[Txt, ...]:
    found = []
    for index, item in enumerate(_items(value)):
        if isinstance(item, str):
            found.append(Txt(text=item.strip()))
            continue
        picked = _record(item, str(index), {"text": ("text", "value"), "purpose": ("purpose",)})
        found.append(
            Txt(
                text=_text(_required(picked, "text", str(index))),
                purpose=_optional_text(picked.get("purpose")),
            )
        )
    return tuple(found)


def _chat(value: Any) -> Chat:
    picked = _record(value, "server", {
        "server": ("server",), "protocol": ("protocol",),
        "account_id": ("account_id", "accountId"), "space": ("space",),
    })  # fmt: skip
    return Chat(
        server=_text(_required(picked, "server", "server")),
        protocol=_text(_required(picked, "protocol", "protocol")),
        account_id=_optional_text(picked.get("account_id")),
        space=_optional_text(picked.get("space")),
    )


def _content_links(value: Any) -> tuple[ContentLink, ...]:
    found = []
    for index, item in enumerate(_items(value)):
        if isinstance(item, str):
            found.append(ContentLink(href=item.strip()))
            continue
        picked = _record(item, str(index), {"href": ("href", "url"), "text": ("text", "title")})
        found.append(
            ContentLink(
                href=_text(_required(picked, "href", str(index))),
                text=_text(picked.get("text", "")),
            )
        )
    return tuple(found)


def _live(value: Any) -> Live:
    picked = _record(value, "status", {"status": ("status",), "start": ("start",), "end": ("end",)})
    status = _text(_required(picked, "status", "status")).lower()
    if status not in _LIVE_STATUSES:
        raise _Invalid(f"expected one of {', '.join(_LIVE_STATUSES)}, got {status!r}", "status")
    try:
        start = parse_date(_required(picked, "start", "start"))
        end = parse_date(picked["end"]) if "end" in picked else None
    except ValueError as err:
        raise _Invalid(str(err), "start", "DOC-004") from None
    return Live(status=status, start=start, end=end)


# name, parser, rule for a value that does not parse
_SIMPLE_FIELDS: tuple[tuple[str, Callable[[Any], Any], str], ...] = (
    ("author", _author, "DOC-008"),
    ("guid", _text, "DOC-008"),
    ("duration", parse_duration, "DOC-006"),
    ("image", _text, "DOC-008"),
    ("season", _count, "DOC-005"),
    ("number", _count, "DOC-005"),
    ("episode_type", _episode_type, "DOC-008"),
    ("explicit", parse_bool, "DOC-007"),
    ("keywords", _keywords, "DOC-008"),
    ("persons", _persons, "DOC-008"),
    ("transcripts", _transcripts, "DOC-008"),
    ("soundbites", _soundbites, "DOC-008"),
    ("location", _location, "DOC-008"),
    ("license", _text, "DOC-008"),
    ("funding", _funding, "DOC-008"),
    ("images", _images, "DOC-008"),
    ("alternate_enclosures", _alternate_enclosures, "DOC-008"),
    ("values", _values, "DOC-008"),
    ("social_interacts", _social_interacts, "DOC-008"),
    ("txts", _txts, "DOC-008"),
    ("chat", _chat, "DOC-008"),
    ("content_links", _content_links, "DOC-008"),
    ("live", _live, "DOC-008"),
    ("draft", parse_bool, "DOC-007"),
)


def _alias_index() -> dict[str, list[tuple[str, int]]]:
    index: dict[str, list[tuple[str, int]]] = {}
    for field_name, aliases in ALIASES.items():
        for rank, alias in enumerate(aliases):
            index.setdefault(alias, []).append((field_name, rank))
    return index


_ALIAS_INDEX = _alias_index()


# Keys whose meaning adds to the field's: `guests` are persons whose role defaults to guest.
_BY_KEY: dict[tuple[str, str], Callable[[Any], Any]] = {("persons", "guests"): _guests}


class _KeyLines(Mapping[str, int]):
    """Episode field → front-matter line, found only when someone asks (error paths)."""

    def __init__(self, doc: RawDocument, keys: dict[str, str]) -> None:
        # Keep only the front-matter text: the body is not needed and would be kept alive.
        self._format = doc.format
        self._text = doc.front_matter_text
        self._first_line = doc.front_matter_line
        self._keys = keys

    def __getitem__(self, name: str) -> int:
        key = self._keys[name]
        line = key_line(self._format, self._text, key, self._first_line)
        if line is None:
            raise KeyError(name)
        return line

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)
