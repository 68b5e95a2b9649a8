"""Every duration and chapter-start form, in YAML, TOML and JSON, and what is not a duration."""

from __future__ import annotations

import pytest

from podfeed import DocumentError

from ._util import BASE, yaml_doc
from .conftest import LoadDoc

FORMS = [
    # (YAML text, seconds)
    ("3723", 3723),
    ("0", 0),
    ("61.5", 61.5),
    ("'90'", 90),
    ("'61.25'", 61.25),
    ("'5:07'", 307),  # M:SS
    ("'05:07'", 307),  # MM:SS
    ("'75:00'", 4500),  # minutes may exceed 59 when nothing larger precedes them
    ("'1:02:03'", 3723),  # H:MM:SS
    ("'01:02:03'", 3723),  # HH:MM:SS
    ("'01:02:03.250'", 3723.25),  # HH:MM:SS.mmm
    ("'00:00:07.5'", 7.5),
    ("'12:34:56'", 45296),
    # unquoted YAML: read as strings (YAML 1.2), not as sexagesimal YAML 1.1 integers
    ("10:05", 605),
    ("08:30", 510),
    ("1:02:03", 3723),
    ("01:02:03.5", 3723.5),
]


@pytest.mark.parametrize(("written", "seconds"), FORMS)
def test_yaml_duration_forms(load_doc: LoadDoc, written: str, seconds: float) -> None:
    assert load_doc(yaml_doc(BASE + f"duration: {written}\n")).duration == seconds


@pytest.mark.parametrize(
    ("written", "seconds"),
    [("3723", 3723), ("61.5", 61.5), ('"10:05"', 605), ('"1:02:03.250"', 3723.25)],
)
def test_toml_duration_forms(load_doc: LoadDoc, written: str, seconds: float) -> None:
    text = f'+++\ntitle = "t"\ndate = 2024-05-01\nduration = {written}\n+++\n'
    assert load_doc(text).duration == seconds


@pytest.mark.parametrize(
    ("written", "seconds"),
    # 605 here is an integer from a source that already turned 10:05 into seconds
    [("605", 605), ("61.5", 61.5), ('"10:05"', 605), ('"01:00:00"', 3600)],
)
def test_json_duration_forms(load_doc: LoadDoc, written: str, seconds: float) -> None:
    text = f'{{"title": "t", "date": "2024-05-01", "duration": {written}}}\n'
    assert load_doc(text).duration == seconds


def test_duration_is_none_when_absent(load_doc: LoadDoc) -> None:
    assert load_doc(yaml_doc(BASE)).duration is None


@pytest.mark.parametrize(
    "written",
    [
        "'1:75'",  # seconds ≥ 60 after minutes
        "'1:60:00'",  # minutes ≥ 60 after hours
        "'1:00:60'",
        "'about an hour'",
        "'12:3'",
        "'1::05'",
        "'1:02:03:04'",
        "'-'",
        "true",
    ],
)
def test_not_a_duration(load_doc: LoadDoc, written: str) -> None:
    with pytest.raises(DocumentError) as caught:
        load_doc(yaml_doc(BASE + f"duration: {written}\n"))
    err = caught.value
    assert err.rule == "DOC-006"
    assert err.line == 4
    assert err.field == "duration"
    assert "duration" in str(err)


@pytest.mark.parametrize("written", ["[1, 2]", "{minutes: 3}"])
def test_duration_of_the_wrong_shape(load_doc: LoadDoc, written: str) -> None:
    with pytest.raises(DocumentError) as caught:
        load_doc(yaml_doc(BASE + f"duration: {written}\n"))
    assert caught.value.rule in {"DOC-006", "DOC-008"}
    assert (caught.value.line, caught.value.field) == (4, "duration")


@pytest.mark.parametrize("key", ["podcast_duration", "itunes_duration"])
def test_not_a_duration_names_the_alias_and_its_line(load_doc: LoadDoc, key: str) -> None:
    with pytest.raises(DocumentError) as caught:
        load_doc(yaml_doc(BASE + f"summary: hi\n{key}: 'soon'\n"))
    assert (caught.value.rule, caught.value.line, caught.value.field) == ("DOC-006", 5, "duration")
    assert key in str(caught.value)


# --- chapter starts take the same forms ---------------------------------------------------------


@pytest.mark.parametrize(("written", "seconds"), FORMS)
def test_front_matter_chapter_start_forms(load_doc: LoadDoc, written: str, seconds: float) -> None:
    episode = load_doc(
        yaml_doc(
            BASE
            + "chapters:\n"
            + f"  - start: {written}\n    title: Chosen\n"
            + "  - start: 99999\n    title: Late\n"
        )
    )
    assert [c.start for c in episode.chapters] == [seconds, 99999]


@pytest.mark.parametrize("written", ["'1:75'", "'later'", "'1:60:00'"])
def test_front_matter_chapter_start_that_is_not_a_timestamp(
    load_doc: LoadDoc, written: str
) -> None:
    with pytest.raises(DocumentError) as caught:
        load_doc(
            yaml_doc(
                BASE
                + "chapters:\n"
                + "  - start: 0\n    title: Fine\n"
                + f"  - start: {written}\n    title: Broken\n"
            )
        )
    err = caught.value
    assert err.rule == "DOC-006"
    assert err.field == "chapters"
    # The chapters key sits on line 4 and the broken start on line 7: either is a fair pointer.
    assert err.line in (4, 7)


@pytest.mark.parametrize(
    "text",
    [
        yaml_doc(BASE + "duration: .inf\n"),
        yaml_doc(BASE + "duration: .nan\n"),
        '+++\ntitle = "t"\ndate = 2024-05-01\nduration = inf\n+++\n',
        '{"title": "t", "date": "2024-05-01", "duration": Infinity}\n',
    ],
    ids=["yaml-inf", "yaml-nan", "toml-inf", "json-infinity"],
)
def test_infinite_or_nan_duration_is_not_a_duration(load_doc: LoadDoc, text: str) -> None:
    with pytest.raises(DocumentError) as caught:
        load_doc(text)
    assert (caught.value.rule, caught.value.field) == ("DOC-006", "duration")


def test_infinite_chapter_start_is_not_a_timestamp(load_doc: LoadDoc) -> None:
    with pytest.raises(DocumentError) as caught:
        load_doc(
            yaml_doc(BASE + "chapters:\n  - {start: 0, title: a}\n  - {start: .inf, title: b}\n")
        )
    assert (caught.value.rule, caught.value.field) == ("DOC-006", "chapters")
