"""``build-feed`` / ``podfeed build``: build a show folder into the output folder.

Messages are ``path:line: SEVERITY RULE-ID message`` lines (``--format text``), one JSON object
(``json``) or GitHub Actions annotations (``github``); the summary follows. Exit codes: 0 built,
1 the output failed validation (nothing written), 2 bad input or usage. An unexpected exception
is a bug in podfeed: it is reported in one line as rule ``INTERNAL`` with exit code 2 (the build
did not happen, as with bad input); set ``PODFEED_DEBUG=1`` to get the traceback instead.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from ..build import BuildResult, build
from ..diagnostics import Finding, Severity, format_findings
from ..errors import PodfeedError
from ..values import parse_date

__all__ = ["build_feed_command", "error_findings"]

FORMATS = ("text", "json", "github")
#: Warnings printed in text mode before the rest is summed up, to keep the summary on screen.
MAX_TEXT_WARNINGS = 20


def error_findings(error: PodfeedError) -> list[Finding]:
    """A PodfeedError (or a group of them, nested) as error Findings, in order."""
    return [
        Finding(
            rule=err.rule,
            severity=Severity.ERROR,
            message=err.message,
            path=err.path,
            line=err.line,
            element=err.field,
        )
        for err in _leaves(error)
    ]


def _leaves(error: BaseException) -> Iterator[PodfeedError]:
    if isinstance(error, BaseExceptionGroup):
        for child in error.exceptions:
            yield from _leaves(child)
    elif isinstance(error, PodfeedError):
        yield error


def _parse_now(ctx: click.Context, param: click.Parameter, value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        # fromisoformat keeps a time without offset naive: build() reads it in the show's zone.
        return datetime.fromisoformat(value)
    except ValueError:
        pass
    try:
        return parse_date(value)
    except (ValueError, TypeError):
        raise click.BadParameter(
            f"{value!r}: expected a date or date-time, e.g. 2026-05-01 or 2026-05-01T09:00:00+02:00"
        ) from None


@click.command(
    name="build-feed",
    epilog="Exit codes: 0 built; 1 the output failed validation (nothing written); "
    "2 bad input or usage.",
)
@click.argument("show_dir", default="episodes", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "-o",
    "--out",
    "out_dir",
    default="public",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Output folder for the feed and chapters files.",
)
@click.option(
    "--include-drafts",
    is_flag=True,
    help="Also build drafts and episodes dated after --now (a preview; not recorded in the lock).",
)
@click.option(
    "--now",
    metavar="TIME",
    callback=_parse_now,
    help="Treat this date-time as now for scheduled episodes (default: the clock).",
)
@click.option(
    "--accept-changes",
    is_flag=True,
    help="Allow changes to guids, enclosure URLs or pubDates pinned in podfeed.lock; rewrites it.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Processes sharing the documents (default: one per CPU for large shows).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="How to print messages.",
)
@click.pass_context
def build_feed_command(
    ctx: click.Context,
    show_dir: Path,
    out_dir: Path,
    include_drafts: bool,
    now: datetime | None,
    accept_changes: bool,
    workers: int | None,
    fmt: str,
) -> None:
    """Build SHOW_DIR (default: episodes) into a podcast feed and JSON chapters files."""
    try:
        result = build(
            show_dir,
            out_dir,
            include_drafts=include_drafts,
            now=now,
            accept_changes=accept_changes,
            workers=workers,
        )
    except PodfeedError as err:
        _failed(error_findings(err), out_dir, fmt)
        ctx.exit(err.exit_code)
    except Exception as err:
        if os.environ.get("PODFEED_DEBUG"):
            raise
        bug = Finding(
            rule="INTERNAL",
            severity=Severity.ERROR,
            message=f"unexpected {type(err).__name__}: {err} (a bug in podfeed; "
            "rerun with PODFEED_DEBUG=1 for the traceback and please report it)",
            path=str(show_dir),
        )
        _failed([bug], out_dir, fmt)
        ctx.exit(2)
    _succeeded(result, fmt)


def _failed(findings: Sequence[Finding], out_dir: Path, fmt: str) -> None:
    note = f"build failed: {_count(len(findings), 'error')}; {out_dir} was left as it was"
    if fmt == "json":
        click.echo(json.dumps({"ok": False, "findings": _json(findings), "message": note}))
        return
    click.echo(format_findings(findings, fmt), err=fmt == "text")
    click.echo(note, err=True)


def _succeeded(result: BuildResult, fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps({"ok": True, "findings": _json(result.warnings), **_summary(result)}))
        return
    shown = result.warnings if fmt == "github" else result.warnings[:MAX_TEXT_WARNINGS]
    if shown:
        click.echo(format_findings(shown, fmt), err=fmt == "text")
    if len(shown) < len(result.warnings):
        hidden = len(result.warnings) - len(shown)
        click.echo(f"... and {_count(hidden, 'more message')} (--format json lists all)", err=True)
    left_out = []
    if result.drafts:
        left_out.append(_count(result.drafts, "draft"))
    if result.scheduled:
        left_out.append(f"{result.scheduled} scheduled for later")
    lines = [
        f"Built {_count(result.episodes, 'episode')} into {result.out_dir}"
        + (f" (left out: {', '.join(left_out)})" if left_out else ""),
        f"  feed:      {result.feed_path}",
        f"  chapters:  {_count(result.chapters_files, 'file')}"
        + (f" in {result.out_dir / 'chapters'}" if result.chapters_files else ""),
        f"  messages:  {_severities(result.warnings)}",
        f"  lock:      {result.lock_path} ({'updated' if result.lock_changed else 'unchanged'})",
    ]
    click.echo("\n".join(lines))


def _severities(findings: Sequence[Finding]) -> str:
    warnings = sum(1 for f in findings if f.severity is Severity.WARNING)
    infos = len(findings) - warnings
    return f"{_count(warnings, 'warning')}, {_count(infos, 'note')}"


def _summary(result: BuildResult) -> dict[str, Any]:
    return {
        "out_dir": str(result.out_dir),
        "feed": str(result.feed_path),
        "paths": [str(p) for p in result.paths],
        "episodes": result.episodes,
        "chapters_files": result.chapters_files,
        "drafts": result.drafts,
        "scheduled": result.scheduled,
        "warnings": len(result.warnings),
        "lock": str(result.lock_path),
        "lock_changed": result.lock_changed,
    }


def _json(findings: Sequence[Finding]) -> Any:
    return json.loads(format_findings(findings, "json")) if findings else []


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
