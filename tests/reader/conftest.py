"""Shared helpers for the reader tests: write a document into tmp_path and read it back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from podfeed import Episode, load_episode

WriteDoc = Callable[..., Path]
LoadDoc = Callable[..., Episode]


@pytest.fixture
def write_doc(tmp_path: Path) -> WriteDoc:
    """Write ``text`` (or raw ``data`` bytes) to ``tmp_path/name`` and return the path."""

    def write(
        text: str | None = None, name: str = "episode.md", *, data: bytes | None = None
    ) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if data is None:
            assert text is not None
            data = text.encode("utf-8")
        path.write_bytes(data)
        return path

    return write


@pytest.fixture
def load_doc(write_doc: WriteDoc) -> LoadDoc:
    """Write a document and read it with ``load_episode`` (keyword arguments pass through)."""

    def load(text: str, name: str = "episode.md", **kwargs: Any) -> Episode:
        return load_episode(write_doc(text, name), **kwargs)

    return load


# `pytest --hypothesis-profile=reader-thorough tests/reader` runs the property tests longer.
settings.register_profile("reader-thorough", max_examples=3000, deadline=None)
