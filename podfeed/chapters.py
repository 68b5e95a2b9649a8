"""Episode → JSON chapters file bytes (stub; being written)."""

from __future__ import annotations

from .model import Episode
from .show import Show

__all__ = ["render_chapters"]


def render_chapters(episode: Episode, show: Show) -> bytes:
    raise NotImplementedError
