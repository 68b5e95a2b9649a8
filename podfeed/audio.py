"""An episode's enclosure made complete for publishing, or the reason it cannot be.

A feed item needs the audio file's URL, its length in bytes and its media type. The type may
be left out of a document when the file's extension tells it; the rest must be given (probing
the file over the network for its length is a later feature).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from .errors import DocumentError, PodfeedError, PodfeedErrorGroup
from .media import MEDIA_TYPES, media_type
from .model import Enclosure, Episode

__all__ = ["check_audio", "complete_audio"]


def check_audio(episodes: Sequence[Episode]) -> list[Episode]:
    """Every episode through :func:`complete_audio`; all the errors at once (a group)."""
    done: list[Episode] = []
    errors: list[PodfeedError] = []
    for episode in episodes:
        try:
            done.append(complete_audio(episode))
        except DocumentError as err:
            errors.append(err)
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise PodfeedErrorGroup(f"{len(errors)} problems: episodes without complete audio", errors)
    return done


def complete_audio(episode: Episode) -> Episode:
    """``episode`` with a complete enclosure, its type inferred from the file extension.

    Raises DocumentError for an episode without audio (BUILD-003), without a length in bytes
    (BUILD-004), or with a type that is neither given nor inferable (BUILD-005).
    """
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
            line=_line(episode, "audio.length", "audio.url"),
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
            line=_line(episode, "audio.type", "audio.url"),
            field="audio.type",
            rule="BUILD-005",
        )
    return dataclasses.replace(episode, audio=Enclosure(audio.url, audio.length, mime))


def _line(episode: Episode, *fields: str) -> int | None:
    for name in fields:
        line = episode.lines.get(name)
        if line is not None:
            return line
    return None
