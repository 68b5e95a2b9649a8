"""ITUNES-003/030 measure descriptions in UTF-8 bytes without encoding the short ones: the
shortcut must decide "over 4000 bytes" exactly as encoding would, and report the exact size."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from podfeed.validate.checks_itunes import _utf8_size

_CHARS = st.sampled_from(["a", "\u00e9", "\u2014", "\U0001f600", " "])


@given(st.integers(0, 4200), _CHARS, st.lists(_CHARS, max_size=5))
def test_the_size_is_exact_over_the_limit(length: int, fill: str, extra: list[str]) -> None:
    text = fill * length + "".join(extra)
    size = len(text.encode("utf-8"))
    measured = _utf8_size(text)
    assert (measured > 4000) is (size > 4000)
    if size > 4000:
        assert measured == size
