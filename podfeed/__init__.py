"""podfeed: episode documents in, spec-exact podcast feeds and JSON chapters out.

The pipeline, one module a stage::

    documents (reader) → Episode (model) → feed + chapters (feed, chapters)
        → validate → output (build)
"""

from __future__ import annotations

from .build import BuildResult, build
from .chapters import render_chapters
from .diagnostics import Finding, Report, Severity
from .errors import (
    BuildError,
    DocumentError,
    LockError,
    PodfeedError,
    PodfeedErrorGroup,
    ShowError,
    SourceError,
    ValidationFailed,
)
from .feed import render_feed
from .model import (
    Chapter,
    Enclosure,
    Episode,
    Funding,
    Link,
    Location,
    Person,
    Soundbite,
    Transcript,
)
from .reader import load_episode, load_episodes
from .show import Show, load_show
from .validate import validate_chapters, validate_feed

__version__ = "0.1.0"

__all__ = [
    "BuildError",
    "BuildResult",
    "Chapter",
    "DocumentError",
    "Enclosure",
    "Episode",
    "Finding",
    "Funding",
    "Link",
    "Location",
    "LockError",
    "Person",
    "PodfeedError",
    "PodfeedErrorGroup",
    "Report",
    "Severity",
    "Show",
    "ShowError",
    "Soundbite",
    "SourceError",
    "Transcript",
    "ValidationFailed",
    "__version__",
    "build",
    "load_episode",
    "load_episodes",
    "load_show",
    "render_chapters",
    "render_feed",
    "validate_chapters",
    "validate_feed",
]
