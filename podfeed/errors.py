"""Every error podfeed raises, in one tree::

    PodfeedError                    exit 2: bad input or usage
    ├── DocumentError               an episode document (file, line, field, what was expected)
    ├── ShowError                   podcast.toml (file, line, key, what was expected)
    ├── LockError                   a rebuild would change what podfeed.lock pinned
    ├── SourceError                 a feed or chapters file to validate could not be read
    ├── BuildError                  the build could not finish (e.g. an unwritable output folder)
    │   └── ValidationFailed        exit 1: the built output broke validation rules; nothing written
    └── PodfeedErrorGroup           several of the above at once (also an ExceptionGroup)

Each error knows where the problem is (``path``, ``line``, ``field``) and carries a stable
``rule`` ID, so the CLI can print ``path:line: RULE-ID message`` and exit with ``exit_code``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

__all__ = [
    "BuildError",
    "DocumentError",
    "LockError",
    "PodfeedError",
    "PodfeedErrorGroup",
    "ShowError",
    "SourceError",
    "ValidationFailed",
]


class PodfeedError(Exception):
    """Root of podfeed's errors; ``str(err)`` is the full ``path:line: RULE-ID message`` line."""

    exit_code: ClassVar[int] = 2
    default_rule: ClassVar[str] = "PODFEED"

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        field: str | None = None,
        rule: str | None = None,
    ) -> None:
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.field = field
        self.rule = rule or self.default_rule
        super().__init__(self.format())

    def location(self) -> str:
        """``path:line`` (or just ``path``, or ``-`` when nothing is known)."""
        if self.path is None:
            return "-"
        return f"{self.path}:{self.line}" if self.line is not None else self.path

    def format(self) -> str:
        return f"{self.location()}: {self.rule} {self.message}"

    def __reduce__(self) -> tuple[Any, ...]:
        # Rebuilt from its fields (a build's worker processes send errors back pickled); the
        # default would pass the formatted line back in as the message.
        kwargs = {"path": self.path, "line": self.line, "field": self.field, "rule": self.rule}
        return (_rebuild, (type(self), self.message, kwargs))


def _rebuild(cls: type[PodfeedError], message: str, kwargs: dict[str, Any]) -> PodfeedError:
    return cls(message, **kwargs)


class DocumentError(PodfeedError):
    """An episode document could not be read into an Episode."""

    default_rule = "DOC-000"


class ShowError(PodfeedError):
    """``podcast.toml`` is missing, malformed or holds a bad value."""

    default_rule = "SHOW-000"


class LockError(PodfeedError):
    """A rebuild would change a guid, enclosure URL or first pubDate pinned in podfeed.lock."""

    default_rule = "LOCK-000"


class SourceError(PodfeedError):
    """A feed or chapters file given to the validator could not be read or fetched."""

    default_rule = "SOURCE-000"


class BuildError(PodfeedError):
    """The build could not finish."""

    default_rule = "BUILD-000"


class ValidationFailed(BuildError):
    """The files a build produced broke validation rules; nothing was moved into place."""

    exit_code = 1
    default_rule = "BUILD-001"


class PodfeedErrorGroup(ExceptionGroup[PodfeedError], PodfeedError):  # type: ignore[override]
    """Several errors reported together, e.g. every bad document in a show folder."""

    def __new__(cls, message: str, errors: Sequence[PodfeedError]) -> PodfeedErrorGroup:
        self = super().__new__(cls, message, list(errors))
        return self

    def __init__(self, message: str, errors: Sequence[PodfeedError]) -> None:
        # ExceptionGroup keeps the children and the message; the location fields stay empty.
        self.path = None
        self.line = None
        self.field = None
        self.rule = "PODFEED"

    @property
    def exit_code(self) -> int:  # type: ignore[override]
        return max(e.exit_code if isinstance(e, PodfeedError) else 2 for e in self.exceptions)

    def __str__(self) -> str:
        return "\n".join(
            e.format() if isinstance(e, PodfeedError) else str(e) for e in self.exceptions
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.message, list(self.exceptions)))

    def derive(self, excs: Sequence[PodfeedError]) -> PodfeedErrorGroup:  # type: ignore[override]
        return PodfeedErrorGroup(self.message, excs)
