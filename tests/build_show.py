"""Shows for the tests: a small show folder written into tmp_path (podcast.toml + documents)
for the build tests, and a Show made in code (:func:`code_show`) for the renderers'."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from podfeed.show import Show


def code_show(**changes: Any) -> Show:
    """A Show made in code, without a folder; ``changes`` replace its values."""
    values: dict[str, Any] = dict(
        title="Workbench Weekly",
        description="A show about fixing things.",
        link="https://bench.example.org/",
        language="en",
        author="Ada Bench",
        image="https://bench.example.org/cover.jpg",
        categories=("Technology",),
        base_url="https://bench.example.org/",
        explicit=False,
    )
    values.update(changes)
    return Show(**values)


SHOW_TOML = """\
title = "Kettle Logic"
description = "Two neighbours take apart one household appliance per episode."
link = "https://kettle.example.org/"
language = "en"
author = "Mira Okafor"
image = "https://kettle.example.org/art/cover-3000.jpg"
categories = ["Leisure/Home & Garden"]
base_url = "https://kettle.example.org/"
explicit = false
owner = { name = "Mira Okafor", email = "mira@kettle.example.org" }
"""

# name → (front matter lines, body)
DOCUMENTS: dict[str, tuple[str, str]] = {
    "001-toaster.md": (
        """\
title: "The Toaster That Only Browned One Side"
date: 2026-01-05
guid: "kettle-logic-001"
audio:
  url: "https://media.kettle.example.org/001-toaster.mp3"
  length: 31457280
  type: "audio/mpeg"
duration: "32:10"
""",
        """\
A broken element, a bent lever and a very patient multimeter.

00:00 Hello from the workbench
04:12 Opening the case without breaking clips
17:45 Measuring the element
29:30 What we would buy instead
""",
    ),
    "002-kettle.md": (
        """\
title: "Limescale, Thermostats and the Click"
date: 2026-02-02
guid: "kettle-logic-002"
audio:
  url: "https://media.kettle.example.org/002-kettle.m4a"
  length: 28311552
duration: "29:55"
""",
        "Why kettles switch themselves off, and why some stop doing it.\n",
    ),
    "003-draft.md": (
        """\
title: "Half-Finished: The Blender"
date: 2026-02-16
draft: true
guid: "kettle-logic-003"
audio:
  url: "https://media.kettle.example.org/003-blender.mp3"
  length: 1000
  type: "audio/mpeg"
""",
        "Notes still being written.\n",
    ),
    "004-scheduled.md": (
        """\
title: "The Washing Machine Pump"
date: 2026-03-02T09:00:00Z
guid: "kettle-logic-004"
audio:
  url: "https://media.kettle.example.org/004-pump.mp3"
  length: 40000000
  type: "audio/mpeg"
""",
        """\
00:00 Welcome
12:00 Finding the pump
""",
    ),
}

#: A moment after the first two episodes and before the scheduled one.
NOW = "2026-02-20T12:00:00+00:00"


def write_document(folder: Path, name: str, front_matter: str, body: str = "Notes.\n") -> Path:
    path = folder / name
    path.write_text(f"---\n{front_matter}---\n\n{body}", encoding="utf-8")
    return path


def make_show(folder: Path, documents: dict[str, tuple[str, str]] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "podcast.toml").write_text(SHOW_TOML, encoding="utf-8")
    for name, (front, body) in (documents if documents is not None else DOCUMENTS).items():
        write_document(folder, name, front, body)
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` (relative POSIX path → bytes)."""
    if not folder.exists():
        return {}
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
