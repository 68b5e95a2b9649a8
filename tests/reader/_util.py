"""Small helpers shared by the reader test modules."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "documents"


def yaml_doc(front: str, body: str = "") -> str:
    """A YAML-front-matter document; ``front`` holds the lines between the ``---`` fences."""
    return f"---\n{front.strip(chr(10))}\n---\n{body}"


#: Front matter that satisfies the required fields, for tests about other fields.
BASE = 'title: "An episode"\ndate: 2024-05-01\n'
