"""The spec validator (stub; being written)."""

from __future__ import annotations

from pathlib import Path

from ..diagnostics import Report

__all__ = ["validate_chapters", "validate_feed"]


def validate_feed(
    source: str | Path | bytes, *, profile: str = "podcasting2", online: bool = False
) -> Report:
    raise NotImplementedError


def validate_chapters(source: str | Path | bytes) -> Report:
    raise NotImplementedError
