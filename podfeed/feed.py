"""Show + Episodes → RSS 2.0 feed bytes (stub; being written)."""

from __future__ import annotations

from collections.abc import Sequence

from .model import Episode
from .show import Show

__all__ = ["render_feed"]


def render_feed(show: Show, episodes: Sequence[Episode]) -> bytes:
    raise NotImplementedError
