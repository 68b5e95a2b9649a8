"""Bad input: every DOC rule names the file, the line, the field and what was expected."""

from __future__ import annotations

from pathlib import Path

import pytest

from podfeed import DocumentError, PodfeedError, PodfeedErrorGroup, load_episode, load_episodes

from ._util import BASE, yaml_doc
from .conftest import WriteDoc


def _error(path: Path, **kwargs: object) -> DocumentError:
    with pytest.raises(DocumentError) as caught:
        load_episode(path, **kwargs)  # type: ignore[arg-type]
    return caught.value


def _check(err: DocumentError, path: Path, rule: str, line: int | None, field: str | None) -> None:
    assert err.rule == rule
    assert err.path == str(path)
    assert err.line == line
    assert err.field == field
    location = f"{path}:{line}" if line is not None else str(path)
    assert str(err).startswith(f"{location}: {rule} ")
    assert err.message and err.message in str(err)
    if rule != "DOC-002":  # syntax errors carry the parser's own reason instead
        # the message says what was expected, not only what went wrong
        assert "expected" in err.message.lower()


# --- DOC-001 unreadable file or not UTF-8 -------------------------------------------------------


def test_not_utf8(write_doc: WriteDoc) -> None:
    path = write_doc(data=b'---\ntitle: "Caf\xe9 talk"\ndate: 2024-05-01\n---\n')
    err = _error(path)
    assert err.rule == "DOC-001"
    assert err.path == str(path)
    assert "UTF-8" in err.message


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["plain", "bom"])
def test_not_utf8_names_the_byte_and_line(write_doc: WriteDoc, bom: bytes) -> None:
    # The byte offset counts from the start of the file, a byte-order mark included.
    path = write_doc(data=bom + b"---\ntitle: t\n---\nok\n\xff\n")
    err = _error(path)
    assert err.line == 5
    assert f"byte {len(bom) + 20}: 0xff" in err.message


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.md"
    err = _error(path)
    assert err.rule == "DOC-001"
    assert err.path == str(path)


def test_a_folder_is_not_a_document(tmp_path: Path) -> None:
    path = tmp_path / "looks-like.md"
    path.mkdir()
    err = _error(path)
    assert err.rule == "DOC-001"
    assert err.path == str(path)


# --- DOC-002 invalid front matter, with the line of the syntax error ---------------------------


@pytest.mark.parametrize(
    ("front", "line"),
    [
        ("title: ok\ndate: 2024-05-01\n  bad: indent\n", 4),
        ("title: ok\ndate: 2024-05-01\nkey: value: other\n", 4),
        ("title: ok\ndate: 2024-05-01\ntags: [a, b\nauthor: x\n", 5),
    ],
)
def test_invalid_yaml(write_doc: WriteDoc, front: str, line: int) -> None:
    path = write_doc(yaml_doc(front))
    err = _error(path)
    _check(err, path, "DOC-002", line, None)
    assert "YAML" in err.message


def test_invalid_toml(write_doc: WriteDoc) -> None:
    path = write_doc('+++\ntitle = "t"\ndate = 2024-05-01\nbroken = = 3\n+++\n')
    err = _error(path)
    _check(err, path, "DOC-002", 4, None)
    assert "TOML" in err.message


def test_invalid_json(write_doc: WriteDoc) -> None:
    path = write_doc('{\n  "title": "t",\n  "date": "2024-05-01",\n  "x": ,\n  "y": 1\n}\n')
    err = _error(path)
    _check(err, path, "DOC-002", 4, None)
    assert "JSON" in err.message


def test_invalid_yaml_after_bom_and_crlf_keeps_the_line(write_doc: WriteDoc) -> None:
    text = yaml_doc("title: ok\ndate: 2024-05-01\nkey: value: other\n").replace("\n", "\r\n")
    path = write_doc(data=b"\xef\xbb\xbf" + text.encode())
    _check(_error(path), path, "DOC-002", 4, None)


# --- DOC-003 missing required field -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "field", "line"),
    [
        (yaml_doc("date: 2024-05-01\n"), "title", None),
        (yaml_doc('title: "t"\n'), "date", None),
        (yaml_doc('title: ""\ndate: 2024-05-01\n'), "title", 2),
        (yaml_doc("title:\ndate: 2024-05-01\n"), "title", 2),
        ("+++\ndate = 2024-05-01\n+++\n", "title", None),
        ('{"title": "t"}\n', "date", None),
        ("No front matter at all, just notes.\n", "title", None),
    ],
)
def test_missing_required_field(
    write_doc: WriteDoc, text: str, field: str, line: int | None
) -> None:
    path = write_doc(text)
    err = _error(path)
    assert err.rule == "DOC-003"
    assert err.field == field
    assert err.path == str(path)
    if line is not None:
        assert err.line == line
    assert field in err.message
    assert "expected" in err.message.lower()


# --- DOC-004 a date that parses to nothing (more in test_dates) --------------------------------


def test_bad_date(write_doc: WriteDoc) -> None:
    path = write_doc(yaml_doc('title: "t"\ndate: 2024-13-01\n'))
    err = _error(path)
    _check(err, path, "DOC-004", 3, "date")


# --- DOC-005 not a number -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("extra_front", "field", "line"),
    [
        ("audio: https://c.example/a.mp3\nlength: big\n", "audio.length", 5),
        ("audio:\n  url: https://c.example/a.mp3\n  length: 12 MB\n", "audio.length", 6),
        ("audio: https://c.example/a.mp3\nbytes: '12.5.3'\n", "audio.length", 5),
        ("season: one\n", "season", 4),
        ("episode: seven\n", "number", 4),
        ("number: 3.5\n", "number", 4),
    ],
)
def test_not_a_number(write_doc: WriteDoc, extra_front: str, field: str, line: int) -> None:
    path = write_doc(yaml_doc(BASE + extra_front))
    err = _error(path)
    _check(err, path, "DOC-005", line, field)
    assert "number" in err.message or "integer" in err.message


# --- DOC-006 not a duration/timestamp (more in test_durations) ----------------------------------


def test_bad_duration(write_doc: WriteDoc) -> None:
    path = write_doc(yaml_doc(BASE + "duration: forever\n"))
    _check(_error(path), path, "DOC-006", 4, "duration")


# --- DOC-007 not a boolean ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("extra_front", "field"),
    [
        ("explicit: maybe\n", "explicit"),
        ("draft: perhaps\n", "draft"),
        ("explicit: 2\n", "explicit"),
    ],
)
def test_not_a_boolean(write_doc: WriteDoc, extra_front: str, field: str) -> None:
    path = write_doc(yaml_doc(BASE + extra_front))
    err = _error(path)
    _check(err, path, "DOC-007", 4, field)


# --- DOC-008 wrong shape ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("extra_front", "field"),
    [
        ("chapters: just some words\n", "chapters"),
        ("chapters: 12\n", "chapters"),
        ("chapters:\n  - {title: No start}\n", "chapters"),
        ("audio:\n  length: 12\n  type: audio/mpeg\n", "audio"),
        ("audio: [https://c.example/a.mp3]\n", "audio"),
    ],
)
def test_wrong_shape(write_doc: WriteDoc, extra_front: str, field: str) -> None:
    path = write_doc(yaml_doc(BASE + extra_front))
    err = _error(path)
    assert err.rule == "DOC-008"
    assert err.path == str(path)
    assert err.field is not None and err.field.split(".")[0] == field
    assert err.line is not None and err.line >= 4
    assert err.message.startswith(field)


# --- DOC-009 front matter is not a mapping ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "---\n- one\n- two\n---\nBody\n",
        "---\njust a sentence\n---\nBody\n",
        "---\n42\n---\n",
    ],
)
def test_front_matter_not_a_mapping(write_doc: WriteDoc, text: str) -> None:
    path = write_doc(text)
    err = _error(path)
    assert err.rule == "DOC-009"
    assert err.path == str(path)
    assert err.line == 2 or err.line == 1
    assert "mapping" in err.message


# --- never a bare exception ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "extra_front",
    [
        "author: [1, 2, {x: y}]\n",
        "guid: {nested: true}\n",
        "image: [a, b]\n",
        "keywords: {a: 1}\n",
        "persons: 7\n",
        "persons: [{role: host}]\n",
        "transcripts: [{type: text/vtt}]\n",
        "audio: {url: [1]}\n",
        "link: 12\n",
        "episode_type: sideways\n",
        "chapters: [[1, 2]]\n",
        "chapters: {version: 1.2.0, chapters: nope}\n",
        "duration: .nan\n",
        "duration: -5\n",
        "season: -1\n",
        "location: 3\n",
        "soundbites: [{start: x}]\n",
    ],
)
def test_odd_values_give_podfeed_errors_or_episodes(write_doc: WriteDoc, extra_front: str) -> None:
    path = write_doc(yaml_doc(BASE + extra_front))
    try:
        load_episode(path)
    except PodfeedError as err:
        assert err.path == str(path)
        assert err.rule.startswith("DOC-")


@pytest.mark.parametrize("title", ["[1, 2]", "{a: b}"])
def test_title_of_the_wrong_shape(write_doc: WriteDoc, title: str) -> None:
    path = write_doc(yaml_doc(f"title: {title}\ndate: 2024-05-01\n"))
    err = _error(path)
    assert err.rule in {"DOC-008", "DOC-003"}
    assert (err.line, err.field) == (2, "title")


# --- load_episodes reports every bad document at once ------------------------------------------


def _folder(root: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode())


def _members(group: PodfeedErrorGroup) -> list[PodfeedError]:
    """The group's errors, each checked to be a (flat, not nested) PodfeedError."""
    members = [e for e in group.exceptions if isinstance(e, PodfeedError)]
    assert len(members) == len(group.exceptions)
    assert not any(isinstance(e, PodfeedErrorGroup) for e in members)
    return members


def test_load_episodes_reports_all_bad_documents(tmp_path: Path) -> None:
    _folder(
        tmp_path,
        {
            "a-good.md": yaml_doc(BASE),
            "b-no-title.md": yaml_doc("date: 2024-05-01\n"),
            "c-bad-date.md": yaml_doc('title: "t"\ndate: 2024-13-01\n'),
            "sub/d-latin1.md": b"---\ntitle: Caf\xe9\ndate: 2024-05-01\n---\n",
            "sub/e-good.html": yaml_doc(BASE, "<p>fine</p>\n"),
            "f-bad-yaml.markdown": yaml_doc("title: ok\nkey: value: other\n"),
        },
    )
    with pytest.raises(PodfeedErrorGroup) as caught:
        load_episodes(tmp_path)
    group = caught.value
    assert isinstance(group, PodfeedError)
    found = sorted((Path(e.path or "").name, e.rule) for e in _members(group))
    assert found == [
        ("b-no-title.md", "DOC-003"),
        ("c-bad-date.md", "DOC-004"),
        ("d-latin1.md", "DOC-001"),
        ("f-bad-yaml.markdown", "DOC-002"),
    ]
    text = str(group)
    for name in ("b-no-title.md", "c-bad-date.md", "d-latin1.md", "f-bad-yaml.markdown"):
        assert name in text
    assert f"{tmp_path / 'c-bad-date.md'}:3: DOC-004" in text


def test_load_episodes_with_one_bad_document_still_raises_the_group(tmp_path: Path) -> None:
    _folder(tmp_path, {"good.md": yaml_doc(BASE), "bad.md": yaml_doc("date: 2024-05-01\n")})
    with pytest.raises(PodfeedErrorGroup) as caught:
        load_episodes(tmp_path)
    assert [(Path(e.path or "").name, e.rule) for e in _members(caught.value)] == [
        ("bad.md", "DOC-003")
    ]


@pytest.mark.parametrize(
    "extra_front",
    [
        "audio: https://c.example/a.mp3\nlength: -5\n",
        "audio: https://c.example/a.mp3\nlength: 1.5\n",
    ],
)
def test_audio_length_must_be_a_whole_number_of_bytes(
    write_doc: WriteDoc, extra_front: str
) -> None:
    path = write_doc(yaml_doc(BASE + extra_front))
    _check(_error(path), path, "DOC-005", 5, "audio.length")


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('+++\ntitle = "t"\ndate = 2024-05-01\n[audio]\nurl = "a.mp3"\nlength = "x"\n+++\n', 6),
        (
            '{\n  "title": "t",\n  "date": "2024-05-01",\n  "audio": {\n'
            '    "url": "a.mp3",\n    "length": "x"\n  }\n}\n',
            6,
        ),
        (yaml_doc(BASE + "audio:\n  url: a.mp3\n\n  length: x\n"), 7),
    ],
    ids=["toml", "json", "yaml"],
)
def test_nested_key_errors_point_at_the_nested_line(
    write_doc: WriteDoc, text: str, line: int
) -> None:
    path = write_doc(text)
    _check(_error(path), path, "DOC-005", line, "audio.length")


@pytest.mark.parametrize(
    "data",
    [b"", b"\xef\xbb\xbf", b"\n\n", b"   \r\n"],
    ids=["empty", "bom-only", "newlines", "spaces"],
)
def test_an_empty_document_lacks_a_title(write_doc: WriteDoc, data: bytes) -> None:
    path = write_doc(data=data)
    err = _error(path)
    assert (err.rule, err.field, err.path) == ("DOC-003", "title", str(path))


def test_utf16_is_not_utf8(write_doc: WriteDoc) -> None:
    text = '---\ntitle: "t"\ndate: 2024-05-01\n---\n'
    path = write_doc(data=text.encode("utf-16"))
    err = _error(path)
    assert (err.rule, err.path) == ("DOC-001", str(path))
