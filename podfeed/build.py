"""Show folder → validated feed and chapters files in the output folder, atomically.

The steps, each of which can stop the build before anything is written::

    load_show → load_episodes → leave out drafts and scheduled episodes → check the audio
    → guids + podfeed.lock → render feed and chapters → validate → publish → write the lock

Errors are PodfeedErrors (several at once: a PodfeedErrorGroup); a validation failure is
ValidationFailed (exit 1) and leaves the output folder as it was.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType
from zoneinfo import ZoneInfo

from . import feed, validate
from .audio import check_audio
from .diagnostics import Finding, Severity
from .errors import BuildError, PodfeedError, PodfeedErrorGroup, ValidationFailed
from .lock import ACCEPTABLE, LOCK_FILE, check_lock, read_lock, updated_lock, write_lock
from .output import Staging, same_file
from .reader import document_paths
from .shard import DocumentResult, EpisodeRecord, ShardJob, ShardResult
from .show import Show, load_show, podcast_guid
from .validate.runner import gc_paused
from .workers import available_cpus, run_pulled, split

__all__ = ["BUILD_RULES", "BuildResult", "build", "check_audio"]

#: Rule IDs of the build's own checks (the validator's and the lock's have their own tables).
BUILD_RULES: Mapping[str, str] = MappingProxyType(
    {
        "BUILD-001": "the built output broke validation rules; nothing was written",
        "BUILD-002": "the output folder could not be written",
        "BUILD-003": "an episode has no audio file",
        "BUILD-004": "an episode's audio has no length in bytes",
        "BUILD-005": "an episode's audio type cannot be inferred from its file extension",
        "BUILD-006": "two episodes would write the same chapters file",
        "BUILD-007": "podfeed.lock could not be written after publishing",
    }
)


#: A worker process pays off from about this many documents.
DOCUMENTS_PER_WORKER = 250
#: Documents are handed to the processes in chunks of about this many (~50 ms of work each):
#: whichever process is ahead takes the next, so they finish within a chunk of each other.
DOCUMENTS_PER_CHUNK = 100


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a build wrote and noticed."""

    out_dir: Path
    feed_path: Path
    #: Every file written, chapters files first and the feed last.
    paths: tuple[Path, ...]
    episodes: int
    chapters_files: int
    #: Episodes left out: marked draft, or dated after ``now`` (0 with ``include_drafts``).
    drafts: int
    scheduled: int
    warnings: tuple[Finding, ...]
    lock_path: Path
    lock_changed: bool


def build(
    folder: str | Path,
    out_dir: str | Path,
    *,
    include_drafts: bool = False,
    now: datetime | None = None,
    accept_changes: bool = False,
    workers: int | None = None,
) -> BuildResult:
    """Build the show in ``folder`` into ``out_dir``.

    ``now`` (default: the clock) decides which episodes are scheduled for later; a naive value
    is read in the show's time zone. ``include_drafts`` keeps drafts and scheduled episodes (a
    preview build; they are checked against the lock but not recorded in it); one whose audio
    is not complete yet is left out with a warning instead of failing the preview.
    ``accept_changes`` lets the build change what ``podfeed.lock`` pinned, and rewrites it.
    ``workers`` is how many processes share the documents (default: one per CPU, for shows
    large enough to gain from it); the output is the same whatever their number.
    """
    # A build allocates ~10^6 objects that live until it ends (documents' results, findings,
    # lock entries) and makes no reference cycles worth collecting: without the pause, the
    # collector walked them again and again (~0.3 s of a 10,000-episode build's main process).
    with gc_paused():
        return _build(Path(folder), Path(out_dir), include_drafts, now, accept_changes, workers)


def _build(
    folder: Path,
    out: Path,
    include_drafts: bool,
    now: datetime | None,
    accept_changes: bool,
    workers: int | None,
) -> BuildResult:
    show = load_show(folder)
    paths = document_paths(folder)
    lock_path = folder / LOCK_FILE
    lock = read_lock(lock_path)
    show = _pin_channel_guid(show, lock.podcast_guid)
    moment = _moment(now, show)

    with Staging(out) as staging:
        staging.make_folder(feed.CHAPTERS_DIR)  # the shards stage chapters files into it
        job = ShardJob(
            show=show,
            fields=show.fields,
            media_prefix=show.media_prefix,
            timezone=show.timezone,
            moment=moment,
            include_drafts=include_drafts,
            out=out,
            staging=staging.folder,
            scratch=staging.scratch,
            mode=staging.mode,
            compare=staging.compare,
        )
        processes = _worker_count(workers, len(paths))
        chunks = split(paths, _chunk_count(len(paths), processes))
        shards = run_pulled(functools.partial(job.run, chunks), len(chunks), processes)
        documents = [d for shard in shards for d in shard.documents]

        unreadable = [d.error for d in documents if d.error is not None]
        if unreadable:
            count = f"{len(unreadable)} episode document{'s' if len(unreadable) > 1 else ''}"
            raise PodfeedErrorGroup(f"{count} could not be read", unreadable)
        chosen = [d for d in documents if include_drafts or d.status is None]
        # A preview (include_drafts) shows drafts and scheduled episodes whose audio is ready;
        # one still without it is left out with a warning rather than failing the preview.
        unfinished = [d for d in chosen if d.status is not None and d.audio_error is not None]
        if unfinished:
            chosen = [d for d in chosen if d.status is None or d.audio_error is None]
        _raise_all(
            [d.audio_error for d in chosen if d.audio_error is not None],
            "episodes without complete audio",
        )
        guids = [(_episode(d), _guid(d)) for d in chosen]
        lock_errors = [
            err
            for err in check_lock(lock, show, guids, folder=folder)
            if not (accept_changes and err.rule in ACCEPTABLE)
        ]
        _raise_all(lock_errors, "the build would change what podfeed.lock pinned")
        chapters = _adopt_chapters(staging, chosen, out)
        feed_path = _write_feed(staging, show, shards, chosen, chapters)
        # Everything is staged: its flush to disk (10,000 small chapters files are the slow
        # part of it) runs while the feed is validated.
        staging.start_flush()
        warnings = [_left_out(d) for d in unfinished]
        warnings += [w for d in chosen for w in d.warnings]
        # Validate before publishing: a build that fails leaves out_dir as it was.
        report = validate.validate_feed(
            feed_path, chapters_urls=set(chapters.values()), max_bytes=feed_path.stat().st_size
        )
        where = str(out / show.feed_file)  # the published feed, not the staged one
        findings = [f.at(where) for f in report.findings]
        findings += [f for d in chosen if d.chapters in chapters for f in d.chapters_findings]
        _raise_invalid(findings, warnings)
        staging.adopt(show.feed_file, not same_file(out / show.feed_file, feed_path))
        paths_written = staging.commit()

    # A preview build (include_drafts) does not pin what it previewed.
    record = [pair for pair, d in zip(guids, chosen, strict=True) if d.status is None]
    try:
        changed = write_lock(lock_path, updated_lock(lock, show, record, folder=folder))
    except OSError as err:
        raise BuildError(
            f"the output was published, but podfeed.lock could not be written "
            f"({err.strerror or err}); the next build will write it",
            path=lock_path,
            rule="BUILD-007",
        ) from None
    return BuildResult(
        out_dir=out,
        feed_path=out / show.feed_file,
        paths=tuple(paths_written),
        episodes=len(chosen),
        chapters_files=len(chapters),
        drafts=0 if include_drafts else sum(1 for d in documents if d.status == "draft"),
        scheduled=0 if include_drafts else sum(1 for d in documents if d.status == "scheduled"),
        warnings=tuple(warnings),
        lock_path=lock_path,
        lock_changed=changed,
    )


def _worker_count(requested: int | None, documents: int) -> int:
    if requested is not None:
        if requested < 1:
            raise ValueError(f"workers must be 1 or more, got {requested}")
        return requested
    return max(1, min(available_cpus(), documents // DOCUMENTS_PER_WORKER))


def _chunk_count(documents: int, processes: int) -> int:
    if processes < 2:
        return 1
    return max(processes, -(-documents // DOCUMENTS_PER_CHUNK))


def _episode(document: DocumentResult) -> EpisodeRecord:
    assert document.episode is not None  # every readable document has one
    return document.episode


def _guid(document: DocumentResult) -> str:
    assert document.guid is not None  # every episode in the build has one
    return document.guid


def _pin_channel_guid(show: Show, locked: str | None) -> Show:
    """The show with its podcast:guid fixed: podcast.toml's, else the lock's, else computed.

    Once published, the computed guid is pinned by the lock, so that moving the feed URL does
    not make a new show; a different ``guid`` in podcast.toml is caught by the lock check.
    """
    if show.guid is not None:
        return show
    return dataclasses.replace(show, guid=locked or podcast_guid(show.feed_url))


def _moment(now: datetime | None, show: Show) -> datetime:
    if now is None:
        return datetime.now(UTC)
    if now.tzinfo is None:
        return now.replace(tzinfo=ZoneInfo(show.timezone) if show.timezone else UTC)
    return now


def _left_out(document: DocumentResult) -> Finding:
    """The warning for a draft or scheduled episode a preview leaves out for its audio."""
    err = document.audio_error
    assert err is not None
    return Finding(
        err.rule,
        Severity.WARNING,
        f"{document.status} episode left out of the preview: {err.message}",
        err.path,
        err.line,
    )


def _raise_all(errors: Sequence[PodfeedError], summary: str) -> None:
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise PodfeedErrorGroup(f"{len(errors)} problems: {summary}", errors)


# --- the output ---------------------------------------------------------------------------------


def _adopt_chapters(
    staging: Staging, chosen: Sequence[DocumentResult], out: Path
) -> dict[str, str]:
    """The chapters files the shards staged (relative path → URL), in document order.

    Two documents with the same file name in different folders would write the same file:
    BUILD-006 for each later one.
    """
    owners: dict[str, DocumentResult] = {}
    errors: list[PodfeedError] = []
    for document in chosen:
        name = document.chapters
        if name is None:
            continue
        first = owners.setdefault(name, document)
        if first is not document:
            errors.append(
                BuildError(
                    f"{out / name} would be written for both {first.path} and "
                    f"{document.path}: rename one of the documents",
                    path=document.path,
                    rule="BUILD-006",
                )
            )
    _raise_all(errors, "chapters files would collide")
    urls = {}
    for name, document in owners.items():
        staging.adopt(name, document.chapters_staged)
        assert document.chapters_url is not None
        urls[name] = document.chapters_url
    return urls


def _write_feed(
    staging: Staging,
    show: Show,
    shards: Sequence[ShardResult],
    chosen: Sequence[DocumentResult],
    chapters: Mapping[str, str],
) -> Path:
    """The feed, staged: the channel around the items the shards rendered, newest first."""
    ordered = sorted(chosen, key=lambda d: _episode(d).date, reverse=True)
    items = [d for d in ordered if d.live is None]
    live = [d.live for d in ordered if d.live is not None]
    if show.max_items is not None:
        items = items[: show.max_items]
    uses = {
        "content": any(d.uses_content for d in items),
        "psc": any(d.uses_psc for d in items),
    }
    urls = {_guid(d): d.chapters_url for d in chosen if d.chapters_url and d.chapters in chapters}
    newest = _episode(items[0]).date if items else None
    head, tail = feed.feed_frame(show, newest, live, uses, urls)
    where = {d.path: shard.items_file for shard in shards for d in shard.documents}
    path = staging.folder / staging.prepare(show.feed_file)
    sources: dict[Path, int] = {}
    try:
        with path.open("xb", buffering=1 << 20) as out:
            out.write(head)
            for document in items:
                assert document.item is not None
                offset, length = document.item
                source = where[document.path]
                fd = sources.get(source)
                if fd is None:
                    fd = sources[source] = os.open(source, os.O_RDONLY)
                out.write(os.pread(fd, length, offset))
            out.write(tail)
    except OSError as err:
        raise BuildError(
            f"cannot write the feed into the staging folder: {err.strerror or err}; "
            "the previous output was left as it was",
            path=staging.out,
            rule="BUILD-002",
        ) from None
    finally:
        for fd in sources.values():
            os.close(fd)
    # The shards' items files are spent: removed now, their pages are dropped instead of
    # being written to disk by the flush before publishing (~0.15 s of a 10,000-item build).
    for items_file in {shard.items_file for shard in shards}:
        with contextlib.suppress(OSError):
            items_file.unlink()
    return path


def _raise_invalid(findings: Sequence[Finding], warnings: list[Finding]) -> None:
    """Errors → ValidationFailed naming the file in ``out_dir``; the rest joins the warnings."""
    errors: list[PodfeedError] = []
    for finding in findings:
        if finding.severity is Severity.ERROR:
            errors.append(
                ValidationFailed(
                    finding.message,
                    path=finding.path,
                    line=finding.line,
                    field=finding.element,
                    rule=finding.rule,
                )
            )
        else:
            warnings.append(finding)
    _raise_all(errors, "the built output failed validation; nothing was written")
