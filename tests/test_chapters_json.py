"""render_chapters: JSON Chapters 1.2.0 files, and the time-jump rule for chapter URLs."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime

import pytest
from build_show import code_show
from hypothesis import given, settings
from hypothesis import strategies as st

from podfeed.chapters import is_time_jump, render_chapters
from podfeed.model import Chapter, ContentLink, Episode

SHOW = code_show()


def episode(*chapters: Chapter, **changes: object) -> Episode:
    return Episode(
        title="Kettles, descaled",
        date=datetime(2026, 2, 1, tzinfo=UTC),
        link="https://bench.example.org/episodes/kettles/",
        chapters=chapters,
        **changes,  # type: ignore[arg-type]
    )


def test_document_shape_and_key_order() -> None:
    data = render_chapters(
        episode(
            Chapter(0, "Intro"),
            Chapter(
                61.5,
                "Limescale",
                end=300.25,
                img="art/scale.jpg",
                toc=True,
                url="https://chem.example.org/limescale",
            ),
        ),
        SHOW,
    )
    document = json.loads(data)
    assert list(document) == ["version", "title", "podcastName", "chapters"]
    assert document["version"] == "1.2.0"
    assert document["title"] == "Kettles, descaled"
    assert document["podcastName"] == "Workbench Weekly"
    assert document["chapters"] == [
        {"startTime": 0, "title": "Intro"},
        {
            "startTime": 61.5,
            "title": "Limescale",
            "img": "https://bench.example.org/episodes/kettles/art/scale.jpg",
            "url": "https://chem.example.org/limescale",
            "toc": True,
            "endTime": 300.25,
        },
    ]
    assert list(document["chapters"][1]) == ["startTime", "title", "img", "url", "toc", "endTime"]
    assert data.endswith(b"}\n") and b'\n  "chapters": [' in data


def test_chapters_sorted_by_start_stably() -> None:
    data = render_chapters(
        episode(Chapter(120, "C"), Chapter(0, "A"), Chapter(60, "B1"), Chapter(60, "B2")), SHOW
    )
    titles = [(c["startTime"], c["title"]) for c in json.loads(data)["chapters"]]
    assert titles == [(0, "A"), (60, "B1"), (60, "B2"), (120, "C")]


def test_bytes_are_deterministic_and_utf8() -> None:
    ep = episode(Chapter(0, "Café ☕"), Chapter(1.0004, "Thousandths"))
    assert render_chapters(ep, SHOW) == render_chapters(ep, SHOW)
    data = render_chapters(ep, SHOW)
    assert "Café ☕".encode() in data
    assert json.loads(data)["chapters"][1]["startTime"] == 1.0


def test_silent_chapter_keeps_toc_false() -> None:
    (chapter,) = json.loads(render_chapters(episode(Chapter(5, "Ad", toc=False)), SHOW))["chapters"]
    assert chapter == {"startTime": 5, "title": "Ad", "toc": False}


def test_time_jumps_into_the_episode_video_are_not_chapter_urls() -> None:
    video = "https://www.youtube.com/watch?v=kettle01"
    data = render_chapters(
        episode(
            Chapter(0, "Intro", url=f"{video}&t=0s"),
            Chapter(95, "Scale", url=f"{video}&t=95s"),
            Chapter(200, "Source", url="https://chem.example.org/acids?t=strong"),
            Chapter(300, "Anchor", url="#t=5:00"),
        ),
        SHOW,
    )
    urls = [c.get("url") for c in json.loads(data)["chapters"]]
    # The last-but-one link has a t= too, but nothing else points at that page.
    assert urls == [None, None, "https://chem.example.org/acids?t=strong", None]


def test_single_time_link_to_the_episode_page_is_a_jump() -> None:
    page = "https://video.example.org/v/kettles"
    ep = episode(
        Chapter(0, "Intro", url=f"{page}?start=0"),
        content_links=(ContentLink(page, "Watch"),),
    )
    assert "url" not in json.loads(render_chapters(ep, SHOW))["chapters"][0]


@pytest.mark.parametrize(
    ("url", "others", "expected"),
    [
        ("https://y.example/watch?v=a&t=90", ["https://y.example/watch?v=a&t=10"], True),
        ("https://y.example/watch?t=90&v=a", ["https://y.example/watch?v=a"], True),
        ("https://y.example/watch?v=a&start=90", ["https://y.example/watch?v=a&start=1"], True),
        ("https://y.example/watch?v=a&time_continue=9", ["https://y.example/watch?v=a"], True),
        ("https://v.example/clip#t=90", ["https://v.example/clip#t=10"], True),
        ("#t=1:30", [], True),
        ("?t=90", [], True),
        ("https://y.example/watch?v=a&t=90", ["https://y.example/watch?v=b&t=10"], False),
        ("https://y.example/watch?v=a&t=90", [], False),
        ("https://y.example/watch?v=a&t=90", ["https://y.example/watch?v=a&t=90"], False),
        ("https://blog.example/post", ["https://blog.example/post"], False),
        ("https://at.example/?format=1", ["https://at.example/"], False),
    ],
)
def test_is_time_jump(url: str, others: list[str], expected: bool) -> None:
    assert is_time_jump(url, others) is expected


def test_layout_is_json_dumps_with_a_two_space_indent() -> None:
    chapters = (
        Chapter(0, 'Intro "quoted" \\ back\tslash'),
        Chapter(
            12.3456, "Café ☕ \u2028 line", end=20, toc=True, url="https://a.example/x?y=1&z=2"
        ),
        Chapter(30, "Ad\x07", toc=False, img="https://a.example/ad.png", end=31.5),
    )
    ep = episode(*chapters)
    expected = {
        "version": "1.2.0",
        "title": "Kettles, descaled",
        "podcastName": "Workbench Weekly",
        "chapters": [
            {"startTime": 0, "title": 'Intro "quoted" \\ back\tslash'},
            {
                "startTime": 12.346,
                "title": "Café ☕ \u2028 line",
                "url": "https://a.example/x?y=1&z=2",
                "toc": True,
                "endTime": 20,
            },
            {
                "startTime": 30,
                "title": "Ad",
                "img": "https://a.example/ad.png",
                "toc": False,
                "endTime": 31.5,
            },
        ],
    }
    text = json.dumps(expected, ensure_ascii=False, indent=2) + "\n"
    assert render_chapters(ep, SHOW) == text.encode("utf-8")


def test_no_chapters_is_an_empty_list() -> None:
    data = render_chapters(episode(), SHOW)
    assert data.endswith(b'"chapters": []\n}\n')
    assert json.loads(data)["chapters"] == []


_TEXT = st.text(st.sampled_from('ab é✓"\\\n\t\r\x01\x7f\u2028🎙'), max_size=6)
_CHAPTERS = st.lists(
    st.builds(
        Chapter,
        st.floats(0, 10**5, allow_nan=False) | st.integers(0, 10**4).map(float),
        _TEXT,
        end=st.none() | st.floats(0, 10**5),
        url=st.none() | _TEXT.map(lambda t: "https://x.example/" + t),
        img=st.none() | st.just("i.png"),
        toc=st.sampled_from([None, True, False]),
    ),
    max_size=5,
)


@settings(max_examples=300)
@given(_CHAPTERS, _TEXT)
def test_chapters_file_is_json_dumps_of_the_document(chapters: list[Chapter], title: str) -> None:
    from podfeed.chapters import _number, clean_chapters
    from podfeed.sanitize import xml_safe

    ep = dataclasses.replace(episode(*chapters), title=title)
    document = {
        "version": "1.2.0",
        "title": xml_safe(ep.title),
        "podcastName": SHOW.title,
        "chapters": [
            {
                "startTime": _number(c.start),
                "title": xml_safe(c.title),
                **({"img": c.img} if c.img else {}),
                **({"url": c.url} if c.url else {}),
                **({"toc": c.toc} if c.toc is not None else {}),
                **({"endTime": _number(c.end)} if c.end is not None else {}),
            }
            for c in clean_chapters(ep, SHOW)
        ],
    }
    expected = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    assert render_chapters(ep, SHOW) == expected.encode()
    # A build cleans the chapters once and hands them over: the same file.
    assert render_chapters(ep, SHOW, clean_chapters(ep, SHOW)) == expected.encode()
