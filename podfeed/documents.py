"""Episode document files → raw parts: front matter (as data), body text, and where each sits.

Front matter is YAML between ``---`` lines, TOML between ``+++`` lines, or a leading JSON
object. The split is done here, by line, so every key keeps its file line for error messages;
YAML goes through python-frontmatter's handler with a loader that keeps YAML 1.1's surprises out
(see ``FrontMatterLoader``), TOML through tomllib, JSON through the json module.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import frontmatter.default_handlers
import yaml

from .errors import DocumentError

__all__ = ["FrontMatterLoader", "RawDocument", "read_document", "split_document"]

_YAML_OPEN = re.compile(r"-{3,}[ \t]*\r?\n")
_TOML_OPEN = re.compile(r"\+{3,}[ \t]*\r?\n")
_YAML_CLOSE = re.compile(r"^(?:-{3,}|\.{3})[ \t]*$", re.MULTILINE)
_TOML_CLOSE = re.compile(r"^\+{3,}[ \t]*$", re.MULTILINE)
_YAML_HANDLER = frontmatter.default_handlers.YAMLHandler()


class FrontMatterLoader(yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader):  # type: ignore[misc]
    """PyYAML's fast safe loader with YAML 1.2-like scalars.

    YAML 1.1 turns ``10:05`` into 605, ``no`` into False and ``2024-13-01`` into a crash deep
    inside PyYAML. Here only ``true``/``false`` are booleans, sexagesimal numbers and
    timestamps stay strings, and podfeed's own parsers read them with proper errors.
    """


FrontMatterLoader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")
        and not (tag.endswith((":int", ":float")) and ":" in regexp.pattern.replace("(?:", ""))
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
FrontMatterLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
FrontMatterLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9_]*)$"), list("-+0123456789")
)
FrontMatterLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]+(?:[eE][-+]?[0-9]+)?$"),
    list("-+0123456789."),
)


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


def read_document(path: Path) -> RawDocument:
    """Read and split one file; DocumentError (DOC-001/002/009) when that fails."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise DocumentError(
            f"cannot read the file: {err.strerror or err}", path=path, rule="DOC-001"
        ) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise DocumentError(
            f"the file is not UTF-8 text (byte {err.start}: {data[err.start]:#04x}); "
            "save it as UTF-8",
            path=path,
            line=line,
            rule="DOC-001",
        ) from None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return split_document(path, text)


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
    end = closer.search(text, start.end())
    if end is None:
        raise DocumentError(
            f"the {fmt.upper()} front matter opened on line 1 is never closed "
            f"(expected a closing {text[:3]} line)",
            path=path,
            line=1,
            rule="DOC-002",
        )
    fm_text = text[start.end() : end.start()]
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
        if fmt == "yaml":
            data = _YAML_HANDLER.load(fm_text, Loader=FrontMatterLoader)
        else:
            data = tomllib.loads(fm_text)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = first_line + mark.line if mark is not None else first_line
        raise DocumentError(
            f"invalid YAML front matter: {err.problem or err.context}",
            path=path,
            line=line,
            rule="DOC-002",
        ) from None
    except yaml.YAMLError as err:
        raise DocumentError(
            f"invalid YAML front matter: {err}", path=path, line=first_line, rule="DOC-002"
        ) from None
    except tomllib.TOMLDecodeError as err:
        toml_line = _toml_error_line(str(err))
        raise DocumentError(
            f"invalid TOML front matter: {_toml_error_text(str(err))}",
            path=path,
            line=first_line + toml_line - 1 if toml_line else first_line,
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


_TOML_LINE = re.compile(r"line (\d+)")


def _toml_error_line(message: str) -> int | None:
    match = _TOML_LINE.search(message)
    return int(match.group(1)) if match else None


def _toml_error_text(message: str) -> str:
    return _TOML_LINE.sub("", message).replace("(at , column", "(column").strip(" .")


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
