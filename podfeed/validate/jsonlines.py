"""Line numbers for the values of a JSON document, so chapters findings can point at a line.

``json.loads`` keeps no positions, so after it succeeded (the document is valid) a small scanner
walks the same text once and records the line each value starts on, keyed by its path
(``("chapters", 3, "startTime")``).
"""

from __future__ import annotations

import json
import re
from json.decoder import scanstring  # type: ignore[attr-defined]  # C speedup, untyped

from .context import JsonPath

__all__ = ["line_map"]

_SPACE = re.compile(r"[ \t\n\r]*")
_SCALAR = re.compile(r"-?\d+(\.\d+)?([eE][-+]?\d+)?|true|false|null")


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.lines: dict[JsonPath, int] = {}
        self._newlines = [m.start() for m in re.finditer("\n", text)]

    def line(self, pos: int) -> int:
        # Binary search over newline offsets: lines are 1-based.
        lo, hi = 0, len(self._newlines)
        while lo < hi:
            mid = (lo + hi) // 2
            if self._newlines[mid] < pos:
                lo = mid + 1
            else:
                hi = mid
        return lo + 1

    def skip(self) -> None:
        match = _SPACE.match(self.text, self.pos)
        self.pos = match.end() if match else self.pos

    def value(self, path: JsonPath) -> None:
        self.skip()
        self.lines[path] = self.line(self.pos)
        char = self.text[self.pos]
        if char == "{":
            self.pos += 1
            self.skip()
            if self.text[self.pos] == "}":
                self.pos += 1
                return
            while True:
                self.skip()
                key, self.pos = scanstring(self.text, self.pos + 1)
                self.skip()
                self.pos += 1  # ':'
                self.value((*path, key))
                self.skip()
                self.pos += 1  # ',' or '}'
                if self.text[self.pos - 1] == "}":
                    return
        elif char == "[":
            self.pos += 1
            self.skip()
            if self.text[self.pos] == "]":
                self.pos += 1
                return
            index = 0
            while True:
                self.value((*path, index))
                index += 1
                self.skip()
                self.pos += 1
                if self.text[self.pos - 1] == "]":
                    return
        elif char == '"':
            _, self.pos = scanstring(self.text, self.pos + 1)
        else:
            match = _SCALAR.match(self.text, self.pos)
            if match is None:
                raise ValueError(f"unexpected {char!r} at offset {self.pos}")
            self.pos = match.end()


def line_map(text: str) -> dict[JsonPath, int]:
    """Path → line for every value of ``text``, which must be valid JSON (``json.loads`` first)."""
    json.loads(text)  # refuse anything the scanner was not written for
    scanner = _Scanner(text.lstrip("\ufeff"))
    scanner.value(())
    return scanner.lines
