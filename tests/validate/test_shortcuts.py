"""Shortcuts in the checks decide exactly as the long way: ITUNES-003/030 measure short
descriptions without encoding them (over 4000 bytes exactly as encoding says, with the exact
size), RSS-015..018 skip the full reading of a plain, remembered date, and chapters files are
read by one shared JSON decoder, as json.loads reads them."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from podfeed.validate.checks_itunes import _utf8_size
from podfeed.validate.formats import check_rfc2822, is_plain_date

_CHARS = st.sampled_from(["a", "\u00e9", "\u2014", "\U0001f600", " "])


@given(st.integers(0, 4200), _CHARS, st.lists(_CHARS, max_size=5))
def test_the_size_is_exact_over_the_limit(length: int, fill: str, extra: list[str]) -> None:
    text = fill * length + "".join(extra)
    size = len(text.encode("utf-8"))
    measured = _utf8_size(text)
    assert (measured > 4000) is (size > 4000)
    if size > 4000:
        assert measured == size


_DATES = st.builds(
    "{}, {:02d} {} {} {:02d}:{:02d}:{:02d} {}".format,
    st.sampled_from(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "mon"]),
    st.integers(0, 32),
    st.sampled_from(["Jan", "Feb", "Dec", "jan"]),
    st.integers(1890, 2200),
    st.integers(0, 24),
    st.integers(0, 60),
    st.integers(0, 60),
    st.sampled_from(["GMT", "+0000", "UT", "Z", "EST", "+0100"]),
)


@given(_DATES)
def test_plain_dates_are_ones_check_rfc2822_accepts(text: str) -> None:
    # RSS-015..018 skip check_rfc2822 for a plain date: it must find nothing there.
    if is_plain_date(text):
        assert check_rfc2822(text).rule is None


def test_the_builds_dates_are_plain() -> None:
    assert is_plain_date("Sat, 28 Dec 2024 00:00:00 +0000")
    assert not is_plain_date("Sun, 28 Dec 2024 00:00:00 +0000")  # the wrong weekday
    assert not is_plain_date("Sat, 28 Dec 2024 00:00:00 +0100")


# --- chapters JSON: one shared decoder instead of json.loads with an option ------------------


def _outcome(read: Callable[[str], object], text: str) -> object:
    """What reading ``text`` gives: the value, or which error with what message."""
    from podfeed.validate import _BadConstant

    try:
        return ("value", read(text))
    except _BadConstant as err:
        return ("constant", str(err))
    except (json.JSONDecodeError, RecursionError) as err:
        return ("error", type(err).__name__, str(err))


def _json_loads(text: str) -> object:
    from podfeed.validate import _refuse_constant

    return json.loads(text, parse_constant=_refuse_constant)


@pytest.mark.parametrize(
    "text",
    [
        '{"version": "1.2.0", "chapters": [{"startTime": 0, "title": "a"}]}',
        "\ufeff{}",  # a second byte-order mark: json.loads's own message
        '{"a": NaN}',
        '{"a": -Infinity}',
        '{"a": 1,}',
        "[1, 2",
        "  {}  ",
        '"text"',
    ],
)
def test_the_shared_chapters_decoder_is_json_loads(text: str) -> None:
    from podfeed.validate import _decode

    assert _outcome(_decode, text) == _outcome(_json_loads, text)


@given(st.text(max_size=40))
def test_the_shared_chapters_decoder_on_any_text(text: str) -> None:
    from podfeed.validate import _decode

    assert _outcome(_decode, text) == _outcome(_json_loads, text)
