"""Build a podcast feed from episodes made in code: no show folder, no episode documents.

For podcasters whose episodes live somewhere else (a CMS, a database, a spreadsheet): make a
Show and Episodes in Python, render the feed and the JSON chapters files with the pure
functions, validate them, and write them wherever you like.

Usage: python examples/build_from_code.py [OUT_DIR]   (default: ./public-from-code)
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

from podfeed import Chapter, Enclosure, Episode, Show, render_chapters, render_feed
from podfeed.feed import chapters_file, chapters_url, episode_guid
from podfeed.validate import validate_output

# In a real program these would come from your data source.
SHOW = Show(
    title="Night Shift Radio Repairs",
    description="One vintage radio on the bench per episode, from dead set to first music.",
    link="https://radio-bench.example.net/",
    language="en-GB",
    author="Ines Varga",
    image="https://radio-bench.example.net/art/cover-1400.jpg",
    categories=("Leisure/Hobbies", "Technology"),
    base_url="https://radio-bench.example.net/podcast/",
    explicit=False,
)

EPISODES = [
    Episode(
        title="The Radio That Hummed",
        date=datetime(2026, 4, 3, 20, 0, tzinfo=UTC),
        guid="radio-bench-0001",
        summary="A 1950s valve set with a hum that would not go away, and the capacitor behind it.",
        content_html="<p>A 1950s valve set with a hum that would not go away.</p>",
        audio=Enclosure(
            "https://media.radio-bench.example.net/0001-hum.mp3", 28_734_112, "audio/mpeg"
        ),
        duration=1796.0,
        chapters=(
            Chapter(0, "On the bench"),
            Chapter(312, "Tracing the hum"),
            Chapter(1104, "Re-capping the power supply"),
            Chapter(1650, "First music"),
        ),
    ),
    Episode(
        title="A Dial Cord in Twenty Steps",
        date=datetime(2026, 5, 1, 20, 0, tzinfo=UTC),
        guid="radio-bench-0002",
        summary="Restringing a tuning dial without losing your temper, or the drum spring.",
        audio=Enclosure(
            "https://media.radio-bench.example.net/0002-dial-cord.mp3", 21_004_288, "audio/mpeg"
        ),
        duration=1312.0,
    ),
]


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "public-from-code")
    files: dict[str, bytes] = {}
    urls: dict[str, str] = {}  # episode guid → its chapters file's URL, for the feed
    for episode in EPISODES:
        if episode.chapters:
            files[chapters_file(episode)] = render_chapters(episode, SHOW)
            urls[episode_guid(episode, SHOW)] = chapters_url(episode, SHOW)
    feed = render_feed(SHOW, EPISODES, chapters_urls=urls)

    by_url = {chapters_url(e, SHOW): files[chapters_file(e)] for e in EPISODES if e.chapters}
    problems = [f for report in validate_output(feed, by_url) for f in report.findings]
    for finding in problems:
        print(finding.format(), file=sys.stderr)
    if any(f.severity == "error" for f in problems):
        return 1

    files[SHOW.feed_file] = feed
    for name, data in files.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes(data)
        print(out / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
