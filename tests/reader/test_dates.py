"""Every date form: ISO 8601, YAML timestamps, RFC 822/2822, TOML native, epoch s/ms, time zones."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from podfeed import DocumentError

from ._util import yaml_doc
from .conftest import LoadDoc

TITLE = 'title: "Dated"\n'
MINUS_5 = timezone(timedelta(hours=-5))


def _yaml(date_line: str) -> str:
    return yaml_doc(TITLE + date_line + "\n")


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        # ISO 8601 strings, quoted so YAML hands them over untouched
        ('"2024-05-01"', datetime(2024, 5, 1, tzinfo=UTC)),
        ('"2024-05-01T10:20:30Z"', datetime(2024, 5, 1, 10, 20, 30, tzinfo=UTC)),
        ('"2024-05-01T10:20:30+02:00"', datetime(2024, 5, 1, 8, 20, 30, tzinfo=UTC)),
        ('"2024-05-01 10:20:30+02:00"', datetime(2024, 5, 1, 8, 20, 30, tzinfo=UTC)),
        ('"2024-05-01T10:20:30-0430"', datetime(2024, 5, 1, 14, 50, 30, tzinfo=UTC)),
        ('"2024-05-01T10:20:30"', datetime(2024, 5, 1, 10, 20, 30, tzinfo=UTC)),
        ('"2024-05-01 10:20"', datetime(2024, 5, 1, 10, 20, tzinfo=UTC)),
        ('"2024-05-01T10:20:30.250Z"', datetime(2024, 5, 1, 10, 20, 30, 250000, tzinfo=UTC)),
        ('"2024-05-01t10:20:30z"', datetime(2024, 5, 1, 10, 20, 30, tzinfo=UTC)),
        ('"2024-05-01T10:20Z"', datetime(2024, 5, 1, 10, 20, tzinfo=UTC)),
        # ISO 8601 basic format: a string of eight digits is a calendar date, not epoch seconds
        ('"20240501"', datetime(2024, 5, 1, tzinfo=UTC)),
        ('"20240501T102030Z"', datetime(2024, 5, 1, 10, 20, 30, tzinfo=UTC)),
        # unquoted: YAML would make dates/timestamps of these; podfeed parses them itself
        ("2024-05-01", datetime(2024, 5, 1, tzinfo=UTC)),
        ("2024-05-01T10:20:30Z", datetime(2024, 5, 1, 10, 20, 30, tzinfo=UTC)),
        ("2024-05-01 10:20:30 +02:00", datetime(2024, 5, 1, 8, 20, 30, tzinfo=UTC)),
        # YAML-style timestamps (the YAML spec's own examples)
        ("2001-12-14 21:59:43.10 -5", datetime(2001, 12, 15, 2, 59, 43, 100000, tzinfo=UTC)),
        ("2001-12-14t21:59:43.10-05:00", datetime(2001, 12, 15, 2, 59, 43, 100000, tzinfo=UTC)),
        ("2001-12-14 21:59:43.10", datetime(2001, 12, 14, 21, 59, 43, 100000, tzinfo=UTC)),
        ("2001-12-15 2:59:43.10", datetime(2001, 12, 15, 2, 59, 43, 100000, tzinfo=UTC)),
        # RFC 822 / 2822
        ('"Wed, 01 May 2024 10:20:30 +0000"', datetime(2024, 5, 1, 10, 20, 30, tzinfo=UTC)),
        ('"Wed, 01 May 2024 10:20:30 GMT"', datetime(2024, 5, 1, 10, 20, 30, tzinfo=UTC)),
        ('"Wed, 1 May 2024 10:20:30 -0400"', datetime(2024, 5, 1, 14, 20, 30, tzinfo=UTC)),
        ('"01 May 2024 10:20:30 +0200"', datetime(2024, 5, 1, 8, 20, 30, tzinfo=UTC)),
        ('"Wed, 01 May 2024 10:20:30 EST"', datetime(2024, 5, 1, 15, 20, 30, tzinfo=UTC)),
        ('"Wed, 01 May 2024 10:20 +0000"', datetime(2024, 5, 1, 10, 20, tzinfo=UTC)),
        # epoch seconds and milliseconds
        ("1714558830", datetime(2024, 5, 1, 10, 20, 30, tzinfo=UTC)),
        ("1714558830000", datetime(2024, 5, 1, 10, 20, 30, tzinfo=UTC)),
        ("1714558830250", datetime(2024, 5, 1, 10, 20, 30, 250000, tzinfo=UTC)),
        ("0", datetime(1970, 1, 1, tzinfo=UTC)),
    ],
)
def test_yaml_date_forms(load_doc: LoadDoc, written: str, expected: datetime) -> None:
    episode = load_doc(_yaml(f"date: {written}"))
    assert episode.date == expected
    assert episode.date.utcoffset() is not None


def test_offset_is_kept_not_only_the_instant(load_doc: LoadDoc) -> None:
    episode = load_doc(_yaml("date: 2001-12-14 21:59:43.10 -5"))
    assert episode.date.utcoffset() == timedelta(hours=-5)
    assert episode.date == datetime(2001, 12, 14, 21, 59, 43, 100000, tzinfo=MINUS_5)


@pytest.mark.parametrize(
    ("seconds_or_ms", "expected"),
    [
        # just below 10^11: still seconds (a date in the year 5138)
        (99_999_999_999, datetime(5138, 11, 16, 9, 46, 39, tzinfo=UTC)),
        # 10^11 and above: milliseconds
        (100_000_000_000, datetime(1973, 3, 3, 9, 46, 40, tzinfo=UTC)),
    ],
)
def test_epoch_seconds_and_milliseconds_split_at_10_to_the_11(
    load_doc: LoadDoc, seconds_or_ms: int, expected: datetime
) -> None:
    assert load_doc(_yaml(f"date: {seconds_or_ms}")).date == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2024-05-01", datetime(2024, 5, 1, tzinfo=UTC)),
        ("2024-05-01T06:00:00Z", datetime(2024, 5, 1, 6, tzinfo=UTC)),
        ("2024-05-01T06:00:00+02:00", datetime(2024, 5, 1, 4, tzinfo=UTC)),
        ("2024-05-01 06:00:00+02:00", datetime(2024, 5, 1, 4, tzinfo=UTC)),
        ("2024-05-01T06:00:00", datetime(2024, 5, 1, 6, tzinfo=UTC)),
        ("2024-05-01T06:00:00.5Z", datetime(2024, 5, 1, 6, 0, 0, 500000, tzinfo=UTC)),
        ('"2024-05-01T06:00:00Z"', datetime(2024, 5, 1, 6, tzinfo=UTC)),
        ('"Wed, 01 May 2024 06:00:00 +0000"', datetime(2024, 5, 1, 6, tzinfo=UTC)),
        ("1714543200", datetime(2024, 5, 1, 6, tzinfo=UTC)),
    ],
)
def test_toml_date_forms(load_doc: LoadDoc, written: str, expected: datetime) -> None:
    episode = load_doc(f'+++\ntitle = "Dated"\ndate = {written}\n+++\n')
    assert episode.date == expected
    assert episode.date.utcoffset() is not None


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ('"2024-05-01"', datetime(2024, 5, 1, tzinfo=UTC)),
        ('"2024-05-01T06:00:00+02:00"', datetime(2024, 5, 1, 4, tzinfo=UTC)),
        ('"Wed, 01 May 2024 06:00:00 GMT"', datetime(2024, 5, 1, 6, tzinfo=UTC)),
        ("1714543200", datetime(2024, 5, 1, 6, tzinfo=UTC)),
        ("1714543200000", datetime(2024, 5, 1, 6, tzinfo=UTC)),
    ],
)
def test_json_date_forms(load_doc: LoadDoc, written: str, expected: datetime) -> None:
    assert load_doc(f'{{"title": "Dated", "date": {written}}}\n').date == expected


# --- time zone for dates written without one ---------------------------------------------------


@pytest.mark.parametrize(
    ("written", "expected_utc"),
    [
        # Vienna is UTC+2 in May (summer time) and UTC+1 in January.
        ("2024-05-01", datetime(2024, 4, 30, 22, tzinfo=UTC)),
        ("2024-01-15", datetime(2024, 1, 14, 23, tzinfo=UTC)),
        ('"2024-05-01T09:30:00"', datetime(2024, 5, 1, 7, 30, tzinfo=UTC)),
        ('"2024-01-15 09:30"', datetime(2024, 1, 15, 8, 30, tzinfo=UTC)),
        ("2024-05-01T09:30:00", datetime(2024, 5, 1, 7, 30, tzinfo=UTC)),
    ],
)
def test_timezone_applies_to_dates_without_one(
    load_doc: LoadDoc, written: str, expected_utc: datetime
) -> None:
    episode = load_doc(_yaml(f"date: {written}"), timezone="Europe/Vienna")
    assert episode.date == expected_utc
    assert episode.date.utcoffset() is not None


def test_timezone_keeps_local_midnight_for_a_date_only_value(load_doc: LoadDoc) -> None:
    episode = load_doc(_yaml("date: 2024-05-01"), timezone="Europe/Vienna")
    local = episode.date.astimezone(ZoneInfo("Europe/Vienna"))
    assert (local.year, local.month, local.day, local.hour, local.minute) == (2024, 5, 1, 0, 0)


@pytest.mark.parametrize(
    "written",
    [
        '"2024-05-01T09:30:00Z"',
        '"2024-05-01T09:30:00+00:00"',
        '"Wed, 01 May 2024 09:30:00 +0000"',
        "1714555800",
    ],
)
def test_timezone_does_not_change_dates_that_carry_one(load_doc: LoadDoc, written: str) -> None:
    episode = load_doc(_yaml(f"date: {written}"), timezone="Europe/Vienna")
    assert episode.date == datetime(2024, 5, 1, 9, 30, tzinfo=UTC)


def test_toml_local_datetime_uses_the_timezone(load_doc: LoadDoc) -> None:
    episode = load_doc(
        '+++\ntitle = "t"\ndate = 2024-01-15T09:30:00\n+++\n', timezone="America/New_York"
    )
    assert episode.date == datetime(2024, 1, 15, 14, 30, tzinfo=UTC)


# --- dates that parse to nothing ----------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "2024-13-01",
        "2024-02-30",
        '"2024-05-01T25:00:00"',
        '"next Tuesday"',
        '"Wed, 32 May 2024 10:00:00 +0000"',
        '"05/01/2024 maybe"',
    ],
)
def test_unparseable_dates_are_document_errors_with_the_line(
    load_doc: LoadDoc, written: str
) -> None:
    with pytest.raises(DocumentError) as caught:
        load_doc(yaml_doc(f"{TITLE}# a comment line\ndate: {written}\n"))
    err = caught.value
    assert err.rule == "DOC-004"
    assert err.line == 4
    assert err.field == "date"
    assert ":4: DOC-004 " in str(err)
    assert "date" in err.message


def test_unparseable_toml_date_names_its_line(load_doc: LoadDoc) -> None:
    with pytest.raises(DocumentError) as caught:
        load_doc('+++\ntitle = "t"\n\ndate = "sometime soon"\n+++\n')
    assert (caught.value.rule, caught.value.line, caught.value.field) == ("DOC-004", 4, "date")


def test_unparseable_json_date_names_its_line(load_doc: LoadDoc) -> None:
    with pytest.raises(DocumentError) as caught:
        load_doc('{\n  "title": "t",\n  "date": "2024-13-01"\n}\n')
    assert (caught.value.rule, caught.value.line, caught.value.field) == ("DOC-004", 3, "date")


def test_date_alias_error_names_the_alias_line(load_doc: LoadDoc) -> None:
    with pytest.raises(DocumentError) as caught:
        load_doc(yaml_doc(f"{TITLE}author: A\npubDate: 2024-13-01\n"))
    assert (caught.value.rule, caught.value.line) == ("DOC-004", 4)
    assert "pubDate" in str(caught.value)


def test_toml_time_without_a_date_is_not_a_date(load_doc: LoadDoc) -> None:
    with pytest.raises(DocumentError) as caught:
        load_doc('+++\ntitle = "t"\ndate = 07:30:00\n+++\n')
    assert (caught.value.rule, caught.value.line, caught.value.field) == ("DOC-004", 3, "date")


@pytest.mark.parametrize("written", ["true", "[2024, 5, 1]", "{year: 2024}"])
def test_date_of_the_wrong_type(load_doc: LoadDoc, written: str) -> None:
    with pytest.raises(DocumentError) as caught:
        load_doc(_yaml(f"date: {written}"))
    assert caught.value.rule in {"DOC-004", "DOC-008"}
    assert (caught.value.line, caught.value.field) == (3, "date")
