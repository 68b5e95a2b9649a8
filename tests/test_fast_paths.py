"""The renderer's fast paths give exactly what the library calls they stand in for.

Each helper here replaced a general call on the per-episode path of a build (uuid.uuid5,
pathlib, json.dumps, feedgen's date formatting, …); these tests compare the two on many
inputs.
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path, PurePath, PurePosixPath

from hypothesis import given, settings
from hypothesis import strategies as st

from podfeed.chapters import _json_number, _number
from podfeed.ext.rss import (  # feedgen's (feedgen.util needs lxml.etree loaded)
    formatRFC2822,
    rfc2822,
)
from podfeed.feed import _document_name, _stem, _uuid5

_SEGMENT = st.text(
    st.characters(blacklist_characters="/\0", blacklist_categories=("Cs",)), min_size=1, max_size=8
) | st.sampled_from(["a.md", ".md", "a.", "..", ".", "a.b.c", "x.tar.gz", ".hidden"])
_PATHS = st.lists(_SEGMENT, min_size=1, max_size=4).map("/".join)


@given(st.uuids(), st.text())
def test_uuid5_matches_the_uuid_module(namespace: uuid.UUID, name: str) -> None:
    assert _uuid5(namespace, name) == str(uuid.uuid5(namespace, name))


@given(_PATHS, st.booleans())
def test_stem_matches_pathlib(text: str, absolute: bool) -> None:
    path = Path(("/" if absolute else "") + text)
    assert _stem(str(path)) == path.stem == PurePosixPath(str(path)).stem


def _reference_name(source: Path, folder: Path | None) -> str:
    """The document name as _document_name gave it before its string fast path."""
    if folder is not None:
        for path, root in ((source.parent, folder), (source.parent.absolute(), folder.absolute())):
            try:
                relative = path.relative_to(root)
            except ValueError:
                continue
            return (relative.as_posix() + "/" if relative.parts else "") + source.stem
    return source.stem


_FOLDERS = st.sampled_from(["show", "/srv/show", "show/docs", ".", "/", "other"])


@settings(max_examples=400)
@given(_PATHS, _FOLDERS, st.sampled_from(["", "/", "show/", "/srv/show/", "./"]))
def test_document_name_matches_pathlib(text: str, folder: str, prefix: str) -> None:
    source = Path(prefix + text)
    for where in (Path(folder), None):
        assert _document_name(source, where) == _reference_name(source, where)
        # A PurePath (not a PosixPath) takes pathlib's own way.
        pure = PurePath(str(source))
        assert _document_name(pure, where) == _reference_name(Path(pure), where)  # type: ignore[arg-type]


_SECONDS = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e6, max_value=1e7),
    st.integers(-(10**6), 10**7).map(float),
    st.integers(0, 10**7).map(lambda n: n / 1000),
    st.integers(-(10**20), 10**20),
    st.sampled_from([0.0, -0.0, 1e16, 1e300, 0.0005, 0.0015, 2.675, 1 / 3]),
)


@given(st.lists(_SECONDS, max_size=6))
def test_json_number_matches_json_dumps(values: list[float]) -> None:
    # The cached texts: several values (equal ones of other types too) in a row.
    for value in values:
        assert _json_number(value) == json.dumps(_number(value))


_OFFSETS = st.one_of(
    st.integers(-24 * 60 + 1, 24 * 60 - 1).map(lambda m: timedelta(minutes=m)),
    st.integers(-86399, 86399).map(lambda s: timedelta(seconds=s)),
    st.sampled_from([timedelta(0), timedelta(hours=-5), timedelta(microseconds=1)]),
)


@given(st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)), _OFFSETS)
def test_rfc2822_matches_feedgen(moment: datetime, offset: timedelta) -> None:
    aware = moment.replace(tzinfo=timezone(offset))
    assert rfc2822(aware) == formatRFC2822(aware)


@given(st.datetimes(timezones=st.timezones()))
def test_rfc2822_matches_feedgen_in_named_zones(moment: datetime) -> None:
    assert rfc2822(moment) == formatRFC2822(moment)
