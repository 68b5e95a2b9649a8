"""Golden test: the bundled sample show builds to exactly the committed feed and chapters files.

After an intended change to the output, rewrite the expected files and review the diff:

    PODFEED_UPDATE_GOLDEN=1 pytest tests/test_golden.py && git diff tests/data/golden/
"""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

from build_show import snapshot

from podfeed import build

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "episodes"
GOLDEN = Path(__file__).resolve().parent / "data" / "golden" / "sample"
#: Late enough for every dated sample episode; fixed, so the golden files do not age.
NOW = datetime(2027, 1, 1, tzinfo=UTC)


def built_files(tmp_path: Path) -> dict[str, bytes]:
    show = tmp_path / "episodes"
    # A copy, so the build's podfeed.lock does not touch the repository's sample show.
    shutil.copytree(SAMPLE, show)
    out = tmp_path / "public"
    build(show, out, now=NOW)
    return {name: data for name, data in snapshot(out).items() if not name.startswith(".")}


def test_sample_show_matches_golden_files(tmp_path: Path) -> None:
    files = built_files(tmp_path)
    if os.environ.get("PODFEED_UPDATE_GOLDEN") == "1":
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for name, data in files.items():
            (GOLDEN / name).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / name).write_bytes(data)
    expected = snapshot(GOLDEN)
    assert sorted(files) == sorted(expected)
    for name, data in files.items():
        assert data.decode("utf-8") == expected[name].decode("utf-8"), name
