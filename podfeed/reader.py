"""Episode documents → Episode objects (stub; being written)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from .model import Episode

__all__ = ["load_episode", "load_episodes"]


def load_episode(
    path: str | Path,
    *,
    fields: Mapping[str, str] | None = None,
    media_prefix: str | None = None,
    timezone: str | None = None,
) -> Episode:
    raise NotImplementedError


def load_episodes(
    folder: str | Path,
    *,
    fields: Mapping[str, str] | None = None,
    media_prefix: str | None = None,
    timezone: str | None = None,
) -> list[Episode]:
    raise NotImplementedError
