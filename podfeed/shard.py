"""The per-document half of a build, over the chunks of the show's documents a process takes.

For each document: read it into an Episode, decide whether it is published (drafts and
scheduled episodes are not, unless the build includes them), complete its audio, derive its
guid, render its JSON chapters file and validate it, render its ``<item>`` into the process's
items file, and stage the chapters file (each step for a batch of documents at a time).
Documents share nothing, so :mod:`podfeed.build` hands chunks of them to several processes
(:func:`podfeed.workers.run_pulled`); what comes back per chunk (a ShardResult) is small: per
document, the few fields podfeed.lock and the feed's order need, where its item sits in the
items file, and what went wrong. Nothing is raised for a bad document: its error travels back
with the others.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path
from typing import BinaryIO, NamedTuple

from .audio import complete_audio
from .chapters import clean_chapters, render_chapters
from .diagnostics import Finding
from .errors import PodfeedError
from .feed import ItemRenderer, chapters_names, episode_guid
from .model import Chapter, Enclosure, Episode
from .output import stage_file
from .reader import read_episodes
from .show import Show
from .validate import validate_chapters

__all__ = ["DocumentResult", "EpisodeRecord", "ShardJob", "ShardResult", "slim"]


class DocumentResult(NamedTuple):
    """What became of one document. (A named tuple, like :class:`EpisodeRecord`: one is made
    in a worker for every document and unpickled by the build, and a frozen dataclass sets
    each field with object.__setattr__ both times, which cost more than the tuple's whole
    life.)"""

    path: Path
    #: What the build needs of the episode (None when it could not be read).
    episode: EpisodeRecord | None = None
    #: Why it is left out of a normal build: "draft", "scheduled", or None (published).
    status: str | None = None
    #: Why it could not be read, or (for an episode in the build) why its audio is incomplete.
    error: PodfeedError | None = None
    audio_error: PodfeedError | None = None
    guid: str | None = None
    #: Where its ``<item>`` is in the shard's items file: (offset, length).
    item: tuple[int, int] | None = None
    uses_content: bool = False
    uses_psc: bool = False
    #: Its chapters file (relative path and absolute URL), and whether it was staged.
    chapters: str | None = None
    chapters_url: str | None = None
    chapters_staged: bool = False
    #: The document's own warnings, and the validator's findings on its chapters file.
    warnings: tuple[Finding, ...] = ()
    chapters_findings: tuple[Finding, ...] = ()
    #: The whole episode, for a ``podcast:liveItem`` (written with the channel).
    live: Episode | None = None


#: A shard takes its documents this many at a time, and each step (reading, preparing, rendering
#: items, staging files) for all of them before the next: a step's code and data, and the
#: kernel's file structures, stay in the CPU's caches from one document to the next. Taking
#: each document through all the steps in turn cost ~20% more CPU time in a 10,000-document
#: build (a batch of 25 to 100 documents made no difference).
DOCUMENTS_PER_BATCH = 64

# An item to render: ItemRenderer.render's arguments.
_Item = tuple[Episode, str | None, str, tuple[Chapter, ...] | None]


@dataclass(frozen=True, slots=True)
class ShardResult:
    items_file: Path
    documents: list[DocumentResult]


@dataclass(frozen=True, slots=True)
class ShardJob:
    """Everything a shard needs: the build's settings, and where to stage files."""

    show: Show
    fields: Mapping[str, str]
    media_prefix: str | None
    timezone: tzinfo | str | None
    moment: datetime
    include_drafts: bool
    out: Path
    staging: Path
    scratch: Path
    mode: int
    compare: bool  # Staging.compare

    def run(
        self, chunks: Sequence[Sequence[Path]], process: int, taken: Iterator[int]
    ) -> Iterator[ShardResult]:
        """The documents of each chunk this process takes (``taken``: numbers into ``chunks``),
        a ShardResult per chunk; the items go to ``scratch/items-<process>``."""
        items_file = self.scratch / f"items-{process}"
        renderer = ItemRenderer(self.show)
        staged: set[str] = set()
        # Like load_episodes: many small objects that all stay alive until the shard ends.
        collecting = gc.isenabled()
        gc.disable()
        items: BinaryIO | None = None  # made with the first chunk: a process may get none
        try:
            for chunk in taken:
                if items is None:
                    # A large buffer: ~100 writes of a megabyte, not one per ~10 kB item.
                    items = items_file.open("wb", buffering=1 << 20)
                paths = chunks[chunk]
                results: list[DocumentResult] = []
                for first in range(0, len(paths), DOCUMENTS_PER_BATCH):
                    batch = paths[first : first + DOCUMENTS_PER_BATCH]
                    results += self._batch(batch, renderer, items, staged)
                yield ShardResult(items_file, results)
        finally:
            if items is not None:
                items.close()
            if collecting:
                gc.enable()

    def _batch(
        self, paths: Sequence[Path], renderer: ItemRenderer, items: BinaryIO, staged: set[str]
    ) -> list[DocumentResult]:
        """A few dozen documents, one step at a time for all of them (see DOCUMENTS_PER_BATCH):
        read, then prepared, then their items rendered, then their chapters files staged."""
        # The feed does not list the show notes' links: not reading them saves a fifth.
        read = list(
            read_episodes(
                paths,
                fields=self.fields,
                media_prefix=self.media_prefix,
                timezone=self.timezone,
                links=False,
            )
        )
        prepared = [self._prepare(path, episode, staged) for path, episode in read]
        results: list[DocumentResult] = []
        offset = items.tell()  # once: a buffered file's tell() is a system call each time
        for result, item, _ in prepared:
            if item is not None:
                rendered = renderer.render(*item)
                size = len(rendered.data)
                result = result._replace(
                    item=(offset, size), uses_content=rendered.content, uses_psc=rendered.psc
                )
                items.write(rendered.data)
                offset += size
            results.append(result)
        for number, (_, _, chapters_file) in enumerate(prepared):
            if chapters_file is not None and self._stage(*chapters_file):
                results[number] = results[number]._replace(chapters_staged=True)
        return results

    def _prepare(
        self, path: Path, episode: Episode | PodfeedError, staged: set[str]
    ) -> tuple[DocumentResult, _Item | None, tuple[str, bytes] | None]:
        """A document's result without its item and file, the item to render (None for none),
        and the chapters file to stage (its name and bytes; None for none)."""
        if isinstance(episode, PodfeedError):
            return DocumentResult(path, error=episode), None, None
        status = _status(episode, self.moment)
        if status is not None and not self.include_drafts:
            return DocumentResult(path, slim(episode, path), status), None, None
        try:
            episode = complete_audio(episode)
        except PodfeedError as err:
            return DocumentResult(path, slim(episode, path), status, audio_error=err), None, None
        guid = episode_guid(episode, self.show)
        name = url = None
        chapters_file = None
        findings: tuple[Finding, ...] = ()
        chapters: tuple[Chapter, ...] | None = None
        if episode.chapters:
            name, url = chapters_names(episode, self.show)
            chapters = clean_chapters(episode, self.show)  # for the file and the item
            data = render_chapters(episode, self.show, chapters)
            findings = self._check_chapters(name, data, episode)
            # A name staged twice is two documents colliding: the build reports BUILD-006.
            if name not in staged:
                staged.add(name)
                chapters_file = (name, data)
        result = DocumentResult(
            path,
            slim(episode, path),
            status,
            guid=guid,
            chapters=name,
            chapters_url=url,
            warnings=episode.warnings,
            chapters_findings=findings,
            live=episode if episode.live is not None else None,
        )
        item = (episode, url, guid, chapters) if episode.live is None else None
        return result, item, chapters_file

    def _stage(self, name: str, data: bytes) -> bool:
        """Stage one chapters file; False when unchanged or staged by another shard."""
        try:
            return stage_file(self.staging, self.out, name, data, self.mode, compare=self.compare)
        except FileExistsError:  # staged by another shard
            return False

    def _check_chapters(self, name: str, data: bytes, episode: Episode) -> tuple[Finding, ...]:
        # The episode's duration as the feed writes it (whole seconds) bounds the chapters.
        duration = float(round(episode.duration)) if episode.duration is not None else None
        report = validate_chapters(data, duration=duration)
        if not report.findings:
            return ()
        where = str(self.out / name)
        return tuple(f.at(where) for f in report.findings)


def _status(episode: Episode, moment: datetime) -> str | None:
    if episode.draft:
        return "draft"
    return "scheduled" if episode.date > moment else None


class EpisodeRecord(NamedTuple):
    """What the rest of the build needs of an episode (:class:`podfeed.lock.Publishable`):
    small to send back from a worker, unlike a whole Episode with its notes."""

    title: str
    date: datetime
    audio: Enclosure | None
    source_path: Path | None
    lines: Mapping[str, int]


def slim(episode: Episode, path: Path | None = None) -> EpisodeRecord:
    """The parts of an episode podfeed.lock and the feed's order need. ``path``: the document's
    path as the caller holds it; when it is the episode's ``source_path``, that one object goes
    into the record too, so a worker pickles it once instead of twice."""
    source = episode.source_path
    if path is not None and path is not source and path == source:
        source = path
    return EpisodeRecord(episode.title, episode.date, episode.audio, source, episode.lines)
