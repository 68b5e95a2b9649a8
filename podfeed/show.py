"""podcast.toml → Show (stub; being written)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["Show", "load_show"]


@dataclass(frozen=True, slots=True)
class Show:
    title: str


def load_show(folder: str | Path) -> Show:
    raise NotImplementedError
