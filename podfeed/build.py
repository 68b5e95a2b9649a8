"""Show folder → validated files in the output folder, atomically (stub; being written)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

__all__ = ["BuildResult", "build"]


@dataclass(frozen=True, slots=True)
class BuildResult:
    out_dir: Path


def build(
    folder: str | Path,
    out_dir: str | Path,
    *,
    include_drafts: bool = False,
    now: datetime | None = None,
    accept_changes: bool = False,
) -> BuildResult:
    raise NotImplementedError
