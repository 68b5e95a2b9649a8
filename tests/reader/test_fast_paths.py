"""Differential tests: each fast path of the reader against the plain code it stands for."""

from __future__ import annotations

import dataclasses
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from podfeed import Episode, PodfeedError, documents, load_episode, media, notes, reader
from podfeed.fields import ALIASES
from podfeed.media import TIME_PARAMETERS, has_time, without_time
from podfeed.model import Chapter, Enclosure

from ._util import yaml_doc
from .conftest import WriteDoc
from .test_properties import FILE_SETTINGS, MARKDOWNISH

# --- chapters: the one-pass reader against "marks first, then chapters" --------------------


def _reference_chapters(source: str, first_line: int) -> list[Chapter]:
    """The chapter lines as the general pattern reads them, then linked as _finish did."""
    text = "\n" + source
    fences = [m.span() for m in notes._FENCE.finditer(source)]
    fences += [m.span() for m in notes._COMMENT.finditer(source)]
    marks = []
    for match in notes._CHAPTER_LINES.finditer(text):
        line = first_line - 1 + text.count("\n", 0, match.start() + 1)
        if any(a <= match.start() < b for a, b in fences):
            continue
        if match["qstamp"] is not None:
            mark = notes._mark(
                *notes._clock(match["qstamp"]), None, "([", match["qtarget"], match["qtitle"], line
            )
        else:
            mark = notes._mark_from(match, line)
        if mark is None:
            continue
        if not mark[1]:
            end = text.find("\n", match.end() + 1)
            title = notes._next_line(text[match.end() + 1 : end if end >= 0 else None].split("\n"))
            if not title:
                continue
            mark = (mark[0], title, *mark[2:])
        marks.append(mark)
    if len(marks) < notes.MIN_BODY_CHAPTERS:
        return []
    counts: dict[str, int] = {}
    for mark in marks:
        if mark[3]:
            counts[mark[3]] = counts.get(mark[3], 0) + 1
    chapters = []
    for start, title, line, stamp_url, url in marks:
        if url is None and stamp_url:
            jump = (
                stamp_url[0] == "#"
                or counts[stamp_url] > 1
                or has_time(stamp_url)
                or any(
                    other != stamp_url
                    and other.startswith(stamp_url)
                    and without_time(other)[0] == stamp_url
                    for other in counts
                )
            )
            if not jump:
                url = stamp_url
        chapters.append(Chapter(start=start, title=title, url=url, line=line))
    return chapters


STAMPS = st.from_regex(r"([0-9]{1,2}:)?[0-9]{1,2}:[0-9]{2}", fullmatch=True)
STAMP_URLS = st.sampled_from(
    ["https://v.example/w?v=1", "https://v.example/w?v=1&t=5s", "https://v.example/w?t=5",
     "https://v.example/w?v=1&start=9", "https://v.example/w?v=2", "#t=1:00", "", "a&amp;b"]
)  # fmt: skip
TITLES = st.sampled_from(
    ["Intro", "Plain words here", "Two  spaces", "Trailing ", "A, b", "**Bold** title",
     "[Linked](https://x.example/a)", "<b>x</b>", "ünïcode wörds", "x_y", "-", "**", "٣", "a\tb"]
)  # fmt: skip
LINKED_LINES = st.builds(
    lambda stamp, url, title, tail: f"([{stamp}]({url})) {title}{tail}",
    STAMPS,
    STAMP_URLS,
    TITLES,
    st.sampled_from(["", "", " ", "\t", ")", "  x"]),
)
CHAPTER_TEXTS = st.lists(
    LINKED_LINES
    | MARKDOWNISH
    | st.sampled_from(["", "```", "~~~", "<!--", "-->", "12:30 Plain stamp", "- 1:00 Item"]),
    max_size=12,
).map("\n".join)


@given(CHAPTER_TEXTS, st.integers(1, 50))
@example("([00:00](https://v.example/w?v=1)) A\n([01:00](https://v.example/w?v=1&t=60)) B", 1)
@example("([00:00](https://v.example/w?v=2)) A\n([01:00](https://v.example/w?v=2)) B\n", 3)
@example("([00:05](u)) A\n([0:05](u)) B\n([00:05](u)) C\n([1:00:05](u)) D", 1)
@example("([1:75:00](u)) Over\n([1:05:75](u)) Over\n([1:05:00](u)) In\n([0:30](u)) In", 1)
@example("x\n([00:00](u)) A\n\n([01:00](u)) B\ny\n\n\n([02:00](u)) C\n([03:00](u)) D", 1)
@example("\n([00:00](u)) A\n([01:00](u)) B", 2)
def test_one_pass_chapters_are_the_marks_linked_afterwards(source: str, first_line: int) -> None:
    if notes._MIDLINE_BLOCK.search(source):
        return  # HTML split into pieces: the same code (_marks_by_piece, _finish) in both
    chapters, _ = notes._chapters(source, first_line, None)
    expected = _reference_chapters(source, first_line)
    assert list(chapters) == expected
    assert [c.line for c in chapters] == [c.line for c in expected]
    assert all(type(c) is Chapter for c in chapters)


# _LINKED_STAMP as it was before its clock lost its groups (h, m, s read it twice).
_CLOCK = r"(?P<qstamp>\d{1,2}+:(?:\d{1,2}+:)?+\d{2})"
_GROUPED_LINKED = re.compile(
    notes._LINKED_STAMP.replace(
        _CLOCK, r"(?P<qstamp>(?:(?P<qh>\d{1,2}+):)?(?P<qm>\d{1,2}+):(?P<qs>\d{2}))", 1
    ),
    re.VERBOSE,
)
_LINKED = re.compile(notes._LINKED_STAMP, re.VERBOSE)


def test_the_clock_is_where_the_grouped_test_expects_it() -> None:
    assert _CLOCK in notes._LINKED_STAMP


@given(st.lists(st.sampled_from(["0", "5", "12", "123", ":", "]", "](u)) T", "x"]), max_size=8))
@example(["05:01", "](u)) T"])
@example(["1:05:40", "](u)) T"])
@example(["12:34:5", "](u)) T"])
@example(["1:2:34", "](u)) T"])
def test_clock_without_groups_is_the_grouped_clock(pieces: list[str]) -> None:
    line = "([" + "".join(pieces)
    fast, grouped = _LINKED.match(line), _GROUPED_LINKED.match(line)
    assert (fast is None) == (grouped is None)
    if fast is not None and grouped is not None:
        assert fast.span() == grouped.span() and fast["qstamp"] == grouped["qstamp"]
        assert notes._clock(fast["qstamp"]) == grouped.group("qh", "qm", "qs")


# The plain title as _LINKED_STAMP read it word by word (two spaces in a row: not plain).
_WORD_BY_WORD = re.compile(
    notes._LINKED_STAMP.replace(
        r"[A-Za-z0-9][A-Za-z0-9 ]*+(?<![ ])(?![^\n])",
        r"[A-Za-z0-9]++(?:[ ][A-Za-z0-9]++)*+(?![^\n])",
        1,
    ),
    re.VERBOSE,
)


def test_the_plain_title_is_where_the_word_by_word_test_expects_it() -> None:
    assert _WORD_BY_WORD.pattern != notes._LINKED_STAMP


@given(st.text(alphabet="aZ09 -,\t\n|é", max_size=10))
@example("Two  spaces")
@example("Trailing ")
@example("a b\nc")
def test_plain_title_is_the_word_by_word_plain_title(title: str) -> None:
    line = "([01:00](u)) " + title
    fast, slow = _LINKED.match(line), _WORD_BY_WORD.match(line)
    assert (fast is None) == (slow is None)
    if fast is not None and slow is not None:
        assert fast.span() == slow.span() and fast["qtitle"] == slow["qtitle"]
        fast_plain = fast["qplain"] is not None and "  " not in fast["qtitle"]
        assert fast_plain == (slow["qplain"] is not None)


@given(LINKED_LINES)
def test_plain_title_marker_is_set_only_where_the_title_needs_no_cleaning(line: str) -> None:
    match = notes._CHAPTER_LINES.match("\n" + line)
    if match is None or match["qplain"] is None or "  " in match["qtitle"]:
        return
    title = match["qtitle"]
    hours, minutes, seconds = notes._clock(match["qstamp"])
    mark = notes._mark(hours, minutes, seconds, None, "([", "u", title, 1)
    assert mark is not None or int(seconds) >= 60 or int(minutes) >= 60
    if mark is not None:
        assert mark[1] == title and mark[4] is None
    assert re.fullmatch(r"[A-Za-z0-9]+( [A-Za-z0-9]+)*", title)


# --- the reader: Episode without its __init__, the file read, the shape cache ---------------

SIMPLE_NAMES = [name for name, _, _ in reader._SIMPLE_FIELDS]


@given(st.sets(st.sampled_from(SIMPLE_NAMES)), st.booleans())
def test_new_episode_is_the_constructed_episode(names: set[str], with_optionals: bool) -> None:
    values = {name: f"value of {name}" for name in sorted(names)}
    given_fields: dict[str, Any] = {
        "title": "T",
        "date": datetime(2024, 5, 1, tzinfo=UTC),
        "chapters": (Chapter(1.0, "c", line=3),) if with_optionals else (),
        "links": (),
        "link": "https://x.example/" if with_optionals else None,
        "summary": None,
        "content_html": "<p>x</p>",
        "audio": None,
        "source_path": Path("a.md"),
        "extra": {"k": 1},
        "warnings": (),
        "lines": {"title": 2},
    }
    fast = reader._new_episode(*given_fields.values(), values)
    slow = Episode(**given_fields, **values)
    assert type(fast) is Episode
    for field in dataclasses.fields(Episode):
        assert getattr(fast, field.name) == getattr(slow, field.name), field.name
        assert type(getattr(fast, field.name)) is type(getattr(slow, field.name)), field.name
    assert fast == slow and hash(fast) == hash(slow) and repr(fast) == repr(slow)
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.title = "x"  # type: ignore[misc]


def test_new_episode_refuses_a_naive_date_as_the_constructor_does() -> None:
    naive = datetime(2024, 5, 1)
    args = ("T", naive, (), (), None, None, "", None, Path("a.md"), {}, (), {}, {})
    with pytest.raises(ValueError, match=r"Episode\.date must be timezone-aware"):
        reader._new_episode(*args)  # type: ignore[arg-type]


@given(st.text(alphabet=".hHtTmMlLx_-a", max_size=8))
@example(".html")
@example("a.HTM")
@example("..html")
@example("a.html.")
def test_is_html_is_the_path_suffix_test(name: str) -> None:
    assume(name not in ("", ".", ".."))
    assert reader._is_html(name) == (Path(name).suffix.lower() in (".html", ".htm"))


@pytest.mark.parametrize("size", [0, 1, 4095, 4096, 70_000])
def test_read_bytes_reads_what_path_read_bytes_reads(tmp_path: Path, size: int) -> None:
    path = tmp_path / "episode.md"
    path.write_bytes(bytes(range(256)) * (size // 256) + b"x" * (size % 256))
    assert documents._read_bytes(path) == path.read_bytes()


def test_read_bytes_reads_files_whose_size_says_nothing() -> None:
    path = Path("/proc/self/cmdline")  # st_size 0, content of its own
    if not path.exists():
        pytest.skip("no /proc")
    assert documents._read_bytes(path) == path.read_bytes()


def test_read_bytes_fails_as_path_read_bytes_fails(tmp_path: Path) -> None:
    for path in (tmp_path, tmp_path / "missing.md"):
        with pytest.raises(OSError) as expected:
            path.read_bytes()
        with pytest.raises(OSError) as got:
            documents._read_bytes(path)
        assert (type(got.value), got.value.errno, got.value.strerror) == (
            type(expected.value),
            expected.value.errno,
            expected.value.strerror,
        )


def test_shapes_are_per_key_order_and_bounded(write_doc: WriteDoc) -> None:
    first = write_doc(yaml_doc("title: A\ndate: 2024-05-01\nid: one\nguid: two"), "a.md")
    second = write_doc(yaml_doc("guid: three\nid: four\ndate: 2024-05-01\ntitle: B"), "b.md")
    assert load_episode(first).guid == "two"
    assert load_episode(second).guid == "three"
    assert load_episode(first, fields={"guid": "id"}).guid == "one"
    bound = reader._shape.cache_info().maxsize
    assert bound is not None
    for count in range(bound + 5):
        write = write_doc(yaml_doc(f"title: A\ndate: 2024-05-01\nkey{count}: x"), "c.md")
        assert load_episode(write).extra == {f"key{count}": "x"}
    assert reader._shape.cache_info().currsize <= bound


def test_space_set_is_what_isspace_and_backslash_s_take() -> None:
    space = re.compile("[" + notes._SPACE + "]")
    backslash_s = re.compile(r"\s")
    for code in range(0x110000):
        char = chr(code)
        expected = char.isspace()
        assert (space.match(char) is not None) == expected, hex(code)
        assert (backslash_s.match(char) is not None) == expected, hex(code)


def test_linked_stamp_target_is_read_as_one_run() -> None:
    # qtarget reads a first set, then a second: the same run as the second alone only while
    # every character of the first is in the second.
    first, second = re.findall(r"\[[^\]]*\]\*\+", notes._LINKED_STAMP.split("qtarget>", 1)[1])[:2]
    alone = re.compile(f"(?:{second})\\)")
    both = re.compile(f"(?:{first}{second})\\)")
    in_first, in_second = re.compile(first[:-2]).fullmatch, re.compile(second[:-2]).fullmatch
    assert [hex(c) for c in range(0x110000) if in_first(chr(c)) and not in_second(chr(c))] == []
    for target in ["https://v.example/w?v=1&t=5s", "a`b", "x y", "é(1", "", "~`~"]:
        assert bool(alone.match(target + ")")) == bool(both.match(target + ")")), target


NAMES = st.sampled_from(
    ["a.md", "A.md", "a b.md", "a-b.md", "a.markdown", "b.html", "z.md", "é.md", "_x.md",
     ".h.md", "a", "a b", "A", "sub", "Sub", "x.txt"]
)  # fmt: skip


@FILE_SETTINGS
@given(st.lists(st.lists(NAMES, min_size=1, max_size=3), min_size=1, max_size=12))
def test_document_paths_are_in_path_order(tmp_path_factory: Any, trees: list[list[str]]) -> None:
    root = tmp_path_factory.mktemp("show")
    for parts in trees:
        *folders, name = parts
        folder = root.joinpath(*folders)
        if any(p.is_file() for p in [folder, *folder.parents] if p != root and p.exists()):
            continue
        folder.mkdir(parents=True, exist_ok=True)
        if not (folder / name).is_dir():
            (folder / name).write_text("x")
    expected = sorted(
        path
        for path in root.rglob("*")
        if path.is_file()
        and path.suffix in reader.DOCUMENT_SUFFIXES
        and not any(part.startswith((".", "_")) for part in path.relative_to(root).parts)
    )
    assert reader.document_paths(root) == expected


# --- links: the lookahead in front of the structure pattern's branches ------------------------

_DISPATCH = r"(?=(?-i:[aAhH])|p>\s*<(?:strong|b)>)"
_WITHOUT_DISPATCH = re.compile(
    notes._STRUCTURE.pattern.replace(_DISPATCH, "", 1), notes._STRUCTURE.flags
)


def test_structure_dispatch_is_where_the_pattern_has_it() -> None:
    assert notes._STRUCTURE.pattern.startswith("<" + _DISPATCH)


def test_case_blind_a_and_h_are_these_four_characters() -> None:
    a_or_h = re.compile("[ah]", re.IGNORECASE)
    assert [c for c in map(chr, range(0x110000)) if a_or_h.match(c)] == ["A", "H", "a", "h"]


HTML_PIECES = st.sampled_from(
    ['<a href="https://x.example/">', "<A HREF='u'>", "</a>", "</A >", "<p>", "</p>", "<P>",
     "<strong>", "</strong>", "<STRONG>", "<b>", "</B>", "<h2>", "</h2>", "<H3 id=x>", "</h3>",
     "<img alt='i'>", "<em>", "text", " ", "\n", "&amp;", "<", ">", '"', "<p>\n <strong>",
     "<abbr>", "<hr>", "<pre>"]
)  # fmt: skip


@given(st.lists(HTML_PIECES | st.text(max_size=3), max_size=30).map("".join))
def test_structure_dispatch_finds_what_the_branches_find(rendered: str) -> None:
    assert notes._STRUCTURE.findall(rendered) == _WITHOUT_DISPATCH.findall(rendered)


BOLD_PIECES = st.sampled_from(
    ['<a href="https://x.example/">', '<a href="https://y.example/?a=1&amp;b=2">',
     '<a href="u>v">', '<a href="#top">', "<A HREF='u'>", '<a title="t" href="w">', "</a>",
     "</A>", "</a >", "<abbr>", "<img alt='i'>", "Listen", "&amp;", " ", "\n", ":", "<", ">"]
)  # fmt: skip


@given(st.lists(st.lists(BOLD_PIECES | st.text(max_size=2), max_size=12).map("".join), max_size=4))
@example(['On <a href="https://x.example/">X</a>, <a href="https://y.example/">Y</a>.', "Next:"])
@example(['<a href="u>v">t</a> <a href="w">x</a>'])
@example(['<a href="a">b</a><a title="t" href="c">d</a>', '<a href="e">f</A>'])
def test_bold_lines_links_are_what_the_general_pattern_finds(leads: list[str]) -> None:
    rendered = "".join(f"<p><strong>{lead}</strong></p>\n" for lead in leads)
    general = re.compile("(?!)")  # no renderer-shaped link: every bold line takes _LINK_ONLY
    found = notes._links(rendered)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(notes, "_SHAPED_LINK", general)
        assert found == notes._links(rendered)


def test_aliases_are_top_level_keys() -> None:
    # _Lookup.get looks aliases up as top-level keys; only a fields mapping may be dotted.
    assert not [alias for aliases in ALIASES.values() for alias in aliases if "." in alias]


def test_dotted_keys_in_front_matter_are_no_aliases(write_doc: WriteDoc) -> None:
    doc = write_doc(
        yaml_doc('title: A\ndate: 2024-05-01\n"audio.url": x.mp3\naudio:\n  url: y.mp3')
    )
    episode = load_episode(doc)
    assert episode.audio is not None and episode.audio.url == "y.mp3"
    assert episode.extra == {"audio.url": "x.mp3"}


# --- documents: YAML front matter split on the bytes ----------------------------------------

DOC_PIECES = st.sampled_from(
    [b"---\n", b"---", b"--- \n", b"...\n", b"----\n", b"\n", b"title: A\n", b"date: 2024-05-01\n",
     b"k: \xc3\xa9\xe2\x80\xa2\n", b"\xe2\x80\x94 body \xf0\x9f\x8e\x99\n", b"\r\n", b"\xff",
     b"\xc3", b"\xef\xbb\xbf", b"a: [\n", b": :\n", b"x", b" \t\n", b"+++\n", b"{"]
)  # fmt: skip


def _outcome(read: Any, path: Path, *args: Any) -> Any:
    try:
        return read(path, *args)
    except PodfeedError as err:
        return (type(err), str(err), err.line)


@FILE_SETTINGS
@given(st.lists(DOC_PIECES | st.binary(max_size=3), max_size=14).map(b"".join))
@example(b"---\ntitle: A\n---\n\xe2\x80\xa2 body\n")
@example(b"title: A\r\n---\r\nbody\r\nmore\rend")
@example(b"title: A\r\nk: v\n---\nbody\r\nmore\rend")
@example(b"---\ntitle: A\n---")
@example(b"---\ntitle: \xff\n---\nbody")
def test_yaml_split_on_bytes_is_the_split_of_the_text(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "episode.md"
    path.write_bytes(b"---\n" + data)
    assert _outcome(documents.read_document, path) == _outcome(
        documents._decode_and_split, path, b"---\n" + data
    )


# --- read_ahead: files read in batches, handed on as if each were read when its turn came ----


def _reads(path: Path) -> bytes | tuple[type, int | None, str | None]:
    try:
        return documents._read_bytes(path)
    except OSError as err:
        return (type(err), err.errno, err.strerror)


@pytest.mark.parametrize(("files", "size"), [(1, 1 << 22), (3, 1 << 22), (64, 10), (1000, 1)])
def test_read_ahead_hands_on_what_each_read_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: int, size: int
) -> None:
    monkeypatch.setattr(documents, "READ_AHEAD_FILES", files)
    monkeypatch.setattr(documents, "READ_AHEAD_BYTES", size)
    paths = []
    for index in range(7):
        path = tmp_path / f"{index}.md"
        if index == 2:
            path.mkdir()  # read() fails: a folder
        elif index != 4:  # 4: missing
            path.write_bytes(b"x" * index * 3)
        paths.append(path)
    got = list(documents.read_ahead(iter(paths)))
    assert [path for path, _ in got] == paths
    for path, data in got:
        expected = _reads(path)
        if isinstance(data, OSError):
            assert (type(data), data.errno, data.strerror) == expected
        else:
            assert data == expected


def test_a_file_read_ahead_gives_the_document_or_the_error_read_document_gives(
    write_doc: WriteDoc, tmp_path: Path
) -> None:
    good = write_doc(yaml_doc("title: A\ndate: 2024-05-01", "Body\n"))
    for path in (good, tmp_path / "missing.md", tmp_path):
        ((_, data),) = documents.read_ahead([path])
        assert _outcome(documents.read_document, path, data) == _outcome(
            documents.read_document, path
        )


def test_load_episodes_reports_unreadable_files_in_order(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(yaml_doc("title: A\ndate: 2024-05-01"))
    (tmp_path / "b.md").symlink_to(tmp_path / "nowhere")
    (tmp_path / "c.md").write_text(yaml_doc("date: 2024-05-01"))
    with pytest.raises(PodfeedError) as caught:
        reader.load_episodes(tmp_path)
    members = caught.value.exceptions  # type: ignore[attr-defined]
    assert [(Path(e.path).name, e.rule, e.message) for e in members] == [
        (path.name, err.rule, err.message)
        for path in (tmp_path / "b.md", tmp_path / "c.md")
        for err in [_error_of(path)]
    ]


def _error_of(path: Path) -> PodfeedError:
    try:
        load_episode(path)
    except PodfeedError as err:
        return err
    raise AssertionError(f"{path} loaded")


# --- the enclosure, built as model.fill_class explains --------------------------------------


@FILE_SETTINGS
@given(
    st.sampled_from(["https://c.example/a.mp3", " a.mp3 ", "x.m4a"]),
    st.none() | st.integers(0, 10**12),
    st.none() | st.sampled_from(["audio/mpeg", " audio/x-m4a ", "0"]),
)
def test_enclosure_is_the_constructed_enclosure(
    tmp_path_factory: Any, url: str, length: int | None, mime: str | None
) -> None:
    front = f'title: A\ndate: 2024-05-01\naudio:\n  url: "{url}"\n'
    if length is not None:
        front += f"  length: {length}\n"
    if mime is not None:
        front += f'  type: "{mime}"\n'
    path = tmp_path_factory.mktemp("doc") / "a.md"
    path.write_text(yaml_doc(front))
    audio = load_episode(path).audio
    expected = Enclosure(url.strip(), length, mime.strip() if mime else None)
    assert type(audio) is Enclosure
    assert audio == expected and hash(audio) == hash(expected) and repr(audio) == repr(expected)
    with pytest.raises(dataclasses.FrozenInstanceError):
        audio.url = "x"  # type: ignore[misc]


# --- media: the time-parameter pattern, written to start with a set of first letters ---------

_TIME_QUERY_PLAIN = re.compile(r"(?<=[?&])(?:t|start|time|time_continue|at)=[^&#]*&?")

URL_PIECES = st.sampled_from(
    ["https://v.example/w", "?", "&", "#", "=", "t", "start", "time", "time_continue", "at",
     "_continue", "a", "s", "x", "1", "5s", "v=1", "#t=5"]
)  # fmt: skip


@given(st.lists(URL_PIECES, max_size=12).map("".join))
@example("https://v.example/w?v=1&t=5s")
@example("https://v.example/w?t=1&t=2&time=3#t=4")
@example("https://v.example/w?at=1&start=2&time_continue=3&timex=4")
def test_time_query_is_the_plain_pattern(url: str) -> None:
    assert TIME_PARAMETERS == ("t", "start", "time", "time_continue", "at")
    assert media._TIME_QUERY.subn("", url) == _TIME_QUERY_PLAIN.subn("", url)
    spans = [m.span() for m in media._TIME_QUERY.finditer(url)]
    assert spans == [m.span() for m in _TIME_QUERY_PLAIN.finditer(url)]


# --- read_episodes: load_episode for each path, with the files read ahead --------------------


def test_read_episodes_gives_what_load_episode_gives(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(yaml_doc("title: A\ndate: 2024-05-01\nid: x", "Notes\n"))
    (tmp_path / "b.md").write_text(yaml_doc("date: 2024-05-01"))
    (tmp_path / "c.html").write_text(yaml_doc("title: C\ndate: 2024-05-02 10:00", "<p>x</p>"))
    paths = [
        tmp_path / "a.md",
        str(tmp_path / "b.md"),
        tmp_path / "missing.md",
        tmp_path / "c.html",
    ]
    options: dict[str, Any] = {"fields": {"guid": "id"}, "timezone": "Europe/Vienna"}
    got = list(reader.read_episodes(paths, **options))
    assert [path for path, _ in got] == [Path(path) for path in paths]
    for (_, result), given_path in zip(got, paths, strict=True):
        try:
            expected: Episode | PodfeedError = load_episode(given_path, **options)
        except PodfeedError as err:
            expected = err
        if isinstance(expected, PodfeedError):
            assert isinstance(result, PodfeedError)
            assert (type(result), str(result), result.line) == (
                type(expected),
                str(expected),
                expected.line,
            )
        else:
            assert isinstance(result, Episode)
            assert result == expected and result.lines == expected.lines
    first = got[0][1]
    assert isinstance(first, Episode) and first.guid == "x"


def test_read_episodes_refuses_an_unknown_zone_before_reading(tmp_path: Path) -> None:
    with pytest.raises(PodfeedError, match="unknown time zone"):
        reader.read_episodes([tmp_path / "missing.md"], timezone="Nowhere/Else")
