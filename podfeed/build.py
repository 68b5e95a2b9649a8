"""Show folder → validated feed and chapters files in the output folder, atomically.

The steps, each of which can stop the build before anything is written::

    load_show → load_episodes → leave out drafts and scheduled episodes → check the audio
    → guids + podfeed.lock → render feed and chapters → validate → publish → write the lock

Errors are PodfeedErrors (several at once: a PodfeedErrorGroup); a validation failure is
ValidationFailed (exit 1) and leaves the output folder as it was.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType
from zoneinfo import ZoneInfo

from . import feed, validate
from .chapters import render_chapters
from .diagnostics import Finding, Report, Severity
from .errors import BuildError, DocumentError, PodfeedError, PodfeedErrorGroup, ValidationFailed
from .lock import ACCEPTABLE, LOCK_FILE, check_lock, read_lock, updated_lock, write_lock
from .media import MEDIA_TYPES, media_type
from .model import Enclosure, Episode
from .output import Staging
from .reader import load_episodes
from .show import Show, load_show, podcast_guid

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
) -> BuildResult:
    """Build the show in ``folder`` into ``out_dir``.

    ``now`` (default: the clock) decides which episodes are scheduled for later; a naive value
    is read in the show's time zone. ``include_drafts`` keeps drafts and scheduled episodes (a
    preview build; they are checked against the lock but not recorded in it).
    ``accept_changes`` lets the build change what ``podfeed.lock`` pinned, and rewrites it.
    """
    folder = Path(folder)
    out = Path(out_dir)
    show = load_show(folder)
    episodes = load_episodes(
        folder, fields=show.fields, media_prefix=show.media_prefix, timezone=show.timezone
    )
    moment = _moment(now, show)
    published = [e for e in episodes if _is_out(e, moment) is None]
    drafts = sum(1 for e in episodes if _is_out(e, moment) == "draft")
    scheduled = sum(1 for e in episodes if _is_out(e, moment) == "scheduled")
    chosen = episodes if include_drafts else published
    chosen = check_audio(chosen)

    lock_path = folder / LOCK_FILE
    lock = read_lock(lock_path)
    show = _pin_channel_guid(show, lock.podcast_guid)
    guids = [(episode, feed.episode_guid(episode, show)) for episode in chosen]
    lock_errors = [
        err
        for err in check_lock(lock, show, guids, folder=folder)
        if not (accept_changes and err.rule in ACCEPTABLE)
    ]
    _raise_all(lock_errors, "the build would change what podfeed.lock pinned")

    output = _render(show, guids, out)
    files = output.files
    chapters = {url: files[name] for url, name in output.chapters_urls.items()}
    warnings = [w for e in chosen for w in e.warnings]
    # A preview build (include_drafts) does not pin what it previewed. The lock needs a few
    # fields of each episode; letting go of the rest (the notes) halves the peak memory of
    # the validation that follows.
    record = [(_slim(e), guid) for e, guid in guids if _is_out(e, moment) is None]
    counted = len(chosen)
    del episodes, published, chosen, guids
    # Validate first, then write: writer threads running during the validation contend with it
    # for the interpreter lock (measured with 10,000 chapters files: 6.9 s to validate while
    # writing, against 2.4 s plus 4.2 s of writes afterwards), and nothing is staged for a build
    # that fails.
    reports = validate.validate_output(files[show.feed_file], chapters)
    _raise_invalid(reports, show, out, output, warnings)
    with Staging(out) as staging:
        for name, data in files.items():
            staging.add(name, data)
        paths = staging.commit()

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
        paths=tuple(paths),
        episodes=counted,
        chapters_files=len(chapters),
        drafts=0 if include_drafts else drafts,
        scheduled=0 if include_drafts else scheduled,
        warnings=tuple(warnings),
        lock_path=lock_path,
        lock_changed=changed,
    )


def _pin_channel_guid(show: Show, locked: str | None) -> Show:
    """The show with its podcast:guid fixed: podcast.toml's, else the lock's, else computed.

    Once published, the computed guid is pinned by the lock, so that moving the feed URL does
    not make a new show; a different ``guid`` in podcast.toml is caught by the lock check.
    """
    if show.guid is not None:
        return show
    return dataclasses.replace(show, guid=locked or podcast_guid(show.feed_url))


def _is_out(episode: Episode, moment: datetime) -> str | None:
    """Why an episode is left out of a normal build: "draft", "scheduled", or None."""
    if episode.draft:
        return "draft"
    return "scheduled" if episode.date > moment else None


def _moment(now: datetime | None, show: Show) -> datetime:
    if now is None:
        return datetime.now(UTC)
    if now.tzinfo is None:
        return now.replace(tzinfo=ZoneInfo(show.timezone) if show.timezone else UTC)
    return now


def _raise_all(errors: Sequence[PodfeedError], summary: str) -> None:
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise PodfeedErrorGroup(f"{len(errors)} problems: {summary}", errors)


# --- audio ------------------------------------------------------------------------------------


def check_audio(episodes: Sequence[Episode]) -> list[Episode]:
    """Every episode with a complete enclosure, its type inferred from the file extension.

    Raises DocumentErrors (all at once) for an episode without audio, without a length in
    bytes, or with a type that is neither given nor inferable. Probing the file over the
    network for its length is a later feature.
    """
    done: list[Episode] = []
    errors: list[PodfeedError] = []
    for episode in episodes:
        try:
            done.append(_complete_audio(episode))
        except DocumentError as err:
            errors.append(err)
    _raise_all(errors, "episodes without complete audio")
    return done


def _audio_line(episode: Episode, *fields: str) -> int | None:
    for name in fields:
        line = episode.lines.get(name)
        if line is not None:
            return line
    return None


def _complete_audio(episode: Episode) -> Episode:
    audio = episode.audio
    if audio is None:
        raise DocumentError(
            "no audio: expected an `audio` with the file's url, length in bytes and type",
            path=episode.source_path,
            line=1 if episode.source_path is not None else None,
            field="audio",
            rule="BUILD-003",
        )
    if audio.length is None:
        raise DocumentError(
            f"audio: {audio.url} has no length: expected its length in bytes "
            "(`audio: {url, length, type}` or a `length` key)",
            path=episode.source_path,
            line=_audio_line(episode, "audio.length", "audio.url"),
            field="audio.length",
            rule="BUILD-004",
        )
    if audio.type:
        return episode
    mime = media_type(audio.url)
    if mime is None:
        known = ", ".join(MEDIA_TYPES)
        raise DocumentError(
            f"audio: cannot tell the type of {audio.url} from its extension: expected a "
            f"`type` (e.g. audio/mpeg) or a file ending in one of {known}",
            path=episode.source_path,
            line=_audio_line(episode, "audio.type", "audio.url"),
            field="audio.type",
            rule="BUILD-005",
        )
    return dataclasses.replace(episode, audio=Enclosure(audio.url, audio.length, mime))


def _slim(episode: Episode) -> Episode:
    """The parts of an episode podfeed.lock records, without its notes, chapters and links."""
    return Episode(
        title=episode.title,
        date=episode.date,
        audio=episode.audio,
        guid=episode.guid,
        source_path=episode.source_path,
        lines=episode.lines,
    )


# --- rendering and validation -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Output:
    files: dict[str, bytes]  # relative path → content: the chapters files first, the feed last
    chapters_urls: dict[str, str]  # absolute URL → relative path, as the feed links them


def _render(show: Show, guids: Sequence[tuple[Episode, str]], out: Path) -> _Output:
    files: dict[str, bytes] = {}
    by_guid: dict[str, str] = {}
    by_url: dict[str, str] = {}
    owners: dict[str, Episode] = {}
    errors: list[PodfeedError] = []
    for episode, guid in guids:
        if not episode.chapters:
            continue
        name = feed.chapters_file(episode)
        first = owners.setdefault(name, episode)
        if first is not episode:
            errors.append(
                BuildError(
                    f"{out / name} would be written for both {first.source_path} and "
                    f"{episode.source_path}: rename one of the documents",
                    path=episode.source_path,
                    rule="BUILD-006",
                )
            )
            continue
        url = feed.chapters_url(episode, show)
        files[name] = render_chapters(episode, show)
        by_guid[guid] = url
        by_url[url] = name
    _raise_all(errors, "chapters files would collide")
    episodes = [episode for episode, _ in guids]
    files[show.feed_file] = feed.render_feed(show, episodes, chapters_urls=by_guid)
    return _Output(files, by_url)


def _raise_invalid(
    reports: Sequence[Report], show: Show, out: Path, output: _Output, warnings: list[Finding]
) -> None:
    """Errors → ValidationFailed naming the file in ``out_dir``; the rest joins the warnings."""
    where = _report_paths(show, out, output)
    errors: list[PodfeedError] = []
    for index, report in enumerate(reports):
        # validate_output reports the feed first, then each chapters file by its URL.
        path = where(report.source) or (str(out / show.feed_file) if index == 0 else None)
        for finding in report.findings:
            located = dataclasses.replace(finding, path=path or finding.path)
            if finding.severity is Severity.ERROR:
                errors.append(
                    ValidationFailed(
                        finding.message,
                        path=located.path,
                        line=finding.line,
                        field=finding.element,
                        rule=finding.rule,
                    )
                )
            else:
                warnings.append(located)
    _raise_all(errors, "the built output failed validation; nothing was written")


def _report_paths(show: Show, out: Path, output: _Output) -> Callable[[str], str | None]:
    """A report's source (the feed, or a chapters URL) → the path it will have under out_dir."""

    def where(source: str) -> str | None:
        name = output.chapters_urls.get(source)
        if name is not None:
            return str(out / name)
        if source in {show.feed_url, show.feed_file}:
            return str(out / show.feed_file)
        return None

    return where
