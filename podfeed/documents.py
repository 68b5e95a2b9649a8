"""Episode document files → raw parts: front matter (as data), body text, and where each sits.

Front matter is YAML between ``---`` lines, TOML between ``+++`` lines, or a leading JSON
object. The split is done here, by line, so every key keeps its file line for error messages;
YAML goes through a python-frontmatter handler backed by yaml-rs (see ``YAMLHandler``), TOML
through tomllib, JSON through the json module.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import stat
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import frontmatter.default_handlers
import yaml_rs

from .errors import DocumentError

__all__ = ["RawDocument", "YAMLHandler", "read_ahead", "read_document", "split_document"]

_YAML_OPEN = re.compile(r"-{3,}[ \t]*\r?\n")
_TOML_OPEN = re.compile(r"\+{3,}[ \t]*\r?\n")
# A closing line, found with the newline before it: a literal first character lets the regex
# engine skip ahead fast (a leading ^ would be tried at every position of the file).
_YAML_CLOSE = re.compile(r"\n(?:-{3,}|\.{3})[ \t]*$", re.MULTILINE)
_TOML_CLOSE = re.compile(r"\n\+{3,}[ \t]*$", re.MULTILINE)
# The YAML fences as bytes, for _split_yaml_bytes.
_YAML_OPEN_BYTES = re.compile(_YAML_OPEN.pattern.encode())
_YAML_CLOSE_BYTES = re.compile(_YAML_CLOSE.pattern.encode(), re.MULTILINE)


class YAMLHandler(frontmatter.default_handlers.YAMLHandler):
    """python-frontmatter's YAML handler, loading with yaml-rs (compiled, YAML 1.2 core schema).

    YAML 1.2 keeps YAML 1.1's surprises out: ``10:05`` stays the text "10:05" (not 605), ``no``
    stays "no" (not False), and dates stay text that podfeed's own parser reads with a proper
    error (PyYAML crashes on ``2024-13-01``). It is also about eight times faster than PyYAML's
    C loader on typical front matter (benchmarks/load.py).
    """

    def load(self, fm: str, **kwargs: object) -> Any:
        return yaml_rs.loads(fm, parse_datetime=False)


@dataclass(frozen=True, slots=True)
class RawDocument:
    """A document split into its parts. Lines are 1-based lines of the file."""

    path: Path
    format: str  # "yaml", "toml", "json" or "" when there is no front matter
    front_matter: dict[str, Any]
    front_matter_text: str
    front_matter_line: int  # the file line of the first front-matter line
    body: str
    body_line: int  # the file line where the body starts

    def key_line(self, key: str) -> int | None:
        """The file line where a top-level (or dotted nested) front-matter key is written."""
        return key_line(self.format, self.front_matter_text, key, self.front_matter_line)

    def item_lines(self, key: str) -> list[int]:
        """The file lines where the items of a top-level list start (empty when unknown)."""
        return item_lines(self.format, self.front_matter_text, key, self.front_matter_line)


def read_document(path: Path, data: bytes | OSError | None = None) -> RawDocument:
    """Read and split one file; DocumentError (DOC-001/002/009) when that fails.

    ``data`` is the file's bytes when they were read already (by read_ahead), or the OSError
    reading them raised.
    """
    try:
        if data is None:
            data = _read_bytes(path)
        elif isinstance(data, OSError):
            raise data
    except OSError as err:
        raise DocumentError(
            f"cannot read the file: {err.strerror or err}", path=path, rule="DOC-001"
        ) from None
    if data.startswith(b"---"):
        doc = _split_yaml_bytes(path, data)
        if doc is not None:
            return doc
    return _decode_and_split(path, data)


def _decode_and_split(path: Path, data: bytes) -> RawDocument:
    """A file's bytes → text → split_document; DocumentError when they are not UTF-8."""
    # A byte-order mark is dropped here rather than by the utf-8-sig codec, whose error
    # offsets would not count it (the message names a byte of the file).
    bom = 3 if data.startswith(codecs.BOM_UTF8) else 0
    try:
        text = (data[bom:] if bom else data).decode("utf-8")
    except UnicodeDecodeError as err:
        at = bom + err.start
        line = data.count(b"\n", 0, at) + 1
        raise DocumentError(
            f"the file is not UTF-8 text (byte {at}: {data[at]:#04x}); save it as UTF-8",
            path=path,
            line=line,
            rule="DOC-001",
        ) from None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return split_document(path, text)


def _split_yaml_bytes(path: Path, data: bytes) -> RawDocument | None:
    """split_document's YAML case, split on the bytes; None where _decode_and_split is needed.

    Decoding only the front matter and the body spares decoding the whole file and then copying
    the body out of it (text with a character beyond Latin-1 takes two bytes a character).
    The split finds the same places: its patterns match ASCII only, and a UTF-8 character
    never holds an ASCII byte. Anything unusual (a byte-order mark, carriage returns, no
    closing line, bytes that are not UTF-8) takes the general path, which reports it.
    """
    start = _YAML_OPEN_BYTES.match(data)
    if start is None or data.startswith(b"---\n---") or b"\r" in data:
        return None
    end = _YAML_CLOSE_BYTES.search(data, start.end() - 1)
    if end is None:
        return None
    body_start = end.end() + 1 if data.startswith(b"\n", end.end()) else end.end()
    try:
        # (Between the two lies the closing line, ASCII as its pattern matched it.)
        fm_text = data[start.end() : end.start() + 1].decode("utf-8")
        body = data[body_start:].decode("utf-8")
    except UnicodeDecodeError:
        return None
    body_line = data.count(b"\n", 0, body_start) + 1
    front_matter = _load(path, "yaml", fm_text, 2)
    return RawDocument(path, "yaml", front_matter, fm_text, 2, body, body_line)


#: read_ahead reads this many files, or files until they hold this many bytes, at a time.
READ_AHEAD_FILES = 64
READ_AHEAD_BYTES = 1 << 22


def read_ahead(paths: Iterable[Path]) -> Iterator[tuple[Path, bytes | OSError]]:
    """Each path with its file's bytes (or the OSError reading them raised), in order.

    Files are read a few dozen at a time, before any of them is handed on: system calls in a
    row find the kernel's path lookup and file structures still in the CPU's caches, where
    parsing a document in between evicts them (a load takes about 5% less time a document).
    """
    batch: list[tuple[Path, bytes | OSError]] = []
    held = 0
    for path in paths:
        data: bytes | OSError
        try:
            data = _read_bytes(path)
            held += len(data)
        except OSError as err:
            data = err
        batch.append((path, data))
        if len(batch) >= READ_AHEAD_FILES or held >= READ_AHEAD_BYTES:
            yield from batch
            batch.clear()
            held = 0
    yield from batch


def _read_bytes(path: Path) -> bytes:
    """``path.read_bytes()`` in four system calls (open, fstat, read, close).

    Path.read_bytes goes through a buffered file object, which adds an isatty check, seeks,
    more fstat calls and a last read to see the end of the file: about 3 us a document.
    """
    fd = os.open(path, os.O_RDONLY)
    try:
        info = os.fstat(fd)
        data = os.read(fd, info.st_size + 1)
        # A regular file gives fewer bytes than asked only at its end; anything else (a pipe,
        # a file in /proc, a file still growing) is read until a read gives nothing.
        if stat.S_ISREG(info.st_mode) and len(data) <= info.st_size:
            return data
        chunks = [data]
        while chunks[-1]:
            chunks.append(os.read(fd, 1 << 16))
        return b"".join(chunks)
    finally:
        os.close(fd)


def split_document(path: Path, text: str) -> RawDocument:
    """Split text into front matter and body, keeping track of file lines."""
    if _YAML_OPEN.match(text) and not text.startswith("---\n---"):
        return _split_delimited(path, text, "yaml", _YAML_OPEN, _YAML_CLOSE)
    if _TOML_OPEN.match(text):
        return _split_delimited(path, text, "toml", _TOML_OPEN, _TOML_CLOSE)
    if text.startswith("{"):
        return _split_json(path, text)
    return RawDocument(path, "", {}, "", 1, text, 1)


def _split_delimited(
    path: Path, text: str, fmt: str, opener: re.Pattern[str], closer: re.Pattern[str]
) -> RawDocument:
    start = opener.match(text)
    assert start is not None
    # The opener ends with its newline: searching from there finds closing lines from the next
    # line on.
    end = closer.search(text, start.end() - 1)
    if end is None:
        raise DocumentError(
            f"the {fmt.upper()} front matter opened on line 1 is never closed "
            f"(expected a closing {text[:3]} line)",
            path=path,
            line=1,
            rule="DOC-002",
        )
    fm_text = text[start.end() : end.start() + 1]
    body_start = end.end() + 1 if text.startswith("\n", end.end()) else end.end()
    body_line = text.count("\n", 0, body_start) + 1
    data = _load(path, fmt, fm_text, 2)
    return RawDocument(path, fmt, data, fm_text, 2, text[body_start:], body_line)


def _split_json(path: Path, text: str) -> RawDocument:
    try:
        data, end = json.JSONDecoder().raw_decode(text)
    except json.JSONDecodeError as err:
        raise DocumentError(
            f"invalid JSON front matter: {err.msg} (column {err.colno})",
            path=path,
            line=err.lineno,
            rule="DOC-002",
        ) from None
    fm_text = text[:end]
    rest = text[end:]
    stripped = rest.lstrip(" \t")
    if stripped.startswith("\n"):
        stripped = stripped[1:]
    body_start = len(text) - len(stripped)
    body_line = text.count("\n", 0, body_start) + 1
    return RawDocument(
        path, "json", _require_mapping(path, data, 1), fm_text, 1, text[body_start:], body_line
    )


def _load(path: Path, fmt: str, fm_text: str, first_line: int) -> dict[str, Any]:
    try:
        data = _YAML_HANDLER.load(fm_text) if fmt == "yaml" else tomllib.loads(fm_text)
    except tomllib.TOMLDecodeError as err:
        toml_line = _ERROR_LINE.search(str(err))
        raise DocumentError(
            f"invalid TOML front matter: {_ERROR_AT.sub('', str(err)).strip(' .')}",
            path=path,
            line=first_line + int(toml_line.group(1)) - 1 if toml_line else first_line,
            rule="DOC-002",
        ) from None
    except yaml_rs.YAMLDecodeError as err:
        text = str(err).strip()
        where = _ERROR_LINE.search(text)
        problem = text.splitlines()[-1].strip() if text else "cannot parse"
        raise DocumentError(
            f"invalid YAML front matter: {problem}",
            path=path,
            line=first_line + int(where.group(1)) - 1 if where else first_line,
            rule="DOC-002",
        ) from None
    except BaseException as err:
        # A panic inside the compiled parser is a BaseException; anything else is passed on.
        if isinstance(err, KeyboardInterrupt | SystemExit | GeneratorExit | MemoryError):
            raise
        raise DocumentError(
            f"invalid {fmt.upper()} front matter: the parser could not read it ({err})",
            path=path,
            line=first_line,
            rule="DOC-002",
        ) from None
    if data is None:
        return {}
    return _require_mapping(path, data, first_line)


def _require_mapping(path: Path, data: object, line: int) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise DocumentError(
            f"the front matter must be a mapping of keys to values, got {type(data).__name__}",
            path=path,
            line=line,
            rule="DOC-009",
        )
    return {str(key): value for key, value in data.items()}


_YAML_HANDLER = YAMLHandler()


_ERROR_LINE = re.compile(r"line (\d+)")
_ERROR_AT = re.compile(r"\(at line \d+, column \d+\)")


def key_line(fmt: str, fm_text: str, key: str, first_line: int) -> int | None:
    """Find the file line of a front-matter key by scanning the text (cheap; errors only)."""
    if not fmt:
        return None
    *parents, leaf = key.split(".")
    patterns = {
        "yaml": r"^[ \t]*['\"]?{}['\"]?[ \t]*:",
        "toml": r"^[ \t]*(?:\[{}\]|['\"]?{}['\"]?[ \t]*=)",
        "json": r"\"{}\"[ \t]*:",
    }
    offset = 0
    for name in [*parents, leaf]:
        escaped = re.escape(name)
        pattern = patterns[fmt].replace("{}", escaped)
        match = re.compile(pattern, re.MULTILINE).search(fm_text, offset)
        if match is None:
            return None if offset == 0 else first_line + fm_text.count("\n", 0, offset)
        offset = match.start()
    return first_line + fm_text.count("\n", 0, offset)


_YAML_ITEM = re.compile(r"^([ \t]*)-[ \t]", re.MULTILINE)


def item_lines(fmt: str, fm_text: str, key: str, first_line: int) -> list[int]:
    """File lines of a list's items: YAML ``- `` entries, TOML ``[[key]]`` tables."""
    if fmt == "toml":
        header = re.compile(rf"^[ \t]*\[\[[ \t]*{re.escape(key)}[ \t]*\]\]", re.MULTILINE)
        return [first_line + fm_text.count("\n", 0, m.start()) for m in header.finditer(fm_text)]
    start = key_line(fmt, fm_text, key, first_line)
    if fmt != "yaml" or start is None:
        return []
    lines = fm_text.split("\n")[start - first_line + 1 :]
    found: list[int] = []
    indent: str | None = None
    for offset, line in enumerate(lines):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        item = _YAML_ITEM.match(line)
        if item is None:
            if indent is None or len(line) - len(line.lstrip()) <= len(indent):
                break  # the next key: the list is over
            continue
        if indent is None:
            indent = item.group(1)
        if item.group(1) == indent:
            found.append(start + 1 + offset)
    return found
