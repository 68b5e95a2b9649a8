"""``podfeed validate`` (feeds and chapters files, told apart by content) and ``podfeed rules``.

Exit codes: 0 no errors (warnings and info allowed), 1 errors found, 2 an input could not be
read (missing file, HTTP error, not XML, …) — the worst one wins.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

import click

from ..diagnostics import Report, Severity, format_findings
from ..errors import SourceError
from ..validate import validate_source
from ..validate.catalog import PROFILES, profile_rules, select_rules
from ..validate.ruledoc import render_rules
from ..validate.source import DEFAULT_MAX_BYTES

__all__ = ["rules_command", "validate_command"]


def _split(values: Iterable[str]) -> list[str]:
    # Accept both "--select P20 --select XML" and "--select P20,XML" (as ruff does).
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _summary(reports: list[Report], unreadable: int) -> str:
    counts = {s: sum(1 for r in reports for f in r if f.severity is s) for s in Severity}
    text = ", ".join(f"{counts[s]} {s.value}{'s' if counts[s] != 1 else ''}" for s in Severity)
    files = len(reports) + unreadable
    tail = f" ({unreadable} unreadable)" if unreadable else ""
    return f"{text} in {files} file{'s' if files != 1 else ''}{tail}"


@click.command()
@click.argument("sources", nargs=-1, required=True, metavar="FILE_OR_URL...")
@click.option(
    "--profile",
    type=click.Choice(PROFILES),
    default="apple",
    show_default=True,
    help="rss = core only; apple = RSS + Apple + PSP-001; podcasting2 = everything.",
)
@click.option("--select", multiple=True, metavar="ID", help="Only these rules (IDs or prefixes).")
@click.option("--ignore", multiple=True, metavar="ID", help="Skip these rules (IDs or prefixes).")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text",
    show_default=True,
)  # fmt: skip
@click.option("--online", is_flag=True, help="Also fetch artwork, media and linked files.")
@click.option(
    "--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True,
    help="Refuse inputs larger than this.",
)  # fmt: skip
def validate_command(
    sources: tuple[str, ...],
    profile: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fmt: str,
    online: bool,
    max_bytes: int,
) -> None:
    """Validate podcast feeds and JSON chapters files against the spec rules."""
    selected, ignored = _split(select), _split(ignore)
    unknown = [p for p in selected + ignored if not select_rules("podcasting2", [p])]
    if unknown:
        raise click.BadParameter(
            f"no rule matches {', '.join(unknown)}", param_hint="--select/--ignore"
        )
    reports: list[Report] = []
    unreadable = 0
    for source in sources:
        try:
            reports.append(
                validate_source(
                    source,
                    profile=profile,
                    online=online,
                    select=selected or None,
                    ignore=ignored,
                    max_bytes=max_bytes,
                )
            )
        except SourceError as exc:
            unreadable += 1
            click.echo(exc.format(), err=True)
    findings = [f for report in reports for f in report]
    output = format_findings(findings, fmt)
    if output or fmt == "json":
        click.echo(output)
    if fmt == "text":
        click.echo(_summary(reports, unreadable), err=True)
    sys.exit(2 if unreadable else 1 if any(not r.ok for r in reports) else 0)


@click.command()
@click.option(
    "--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text",
    show_default=True,
)  # fmt: skip
@click.option(
    "--profile", type=click.Choice(PROFILES), default=None, help="Only this profile's rules."
)
def rules_command(fmt: str, profile: str | None) -> None:
    """List every validation rule (ID, severity, profile, summary, source)."""
    from ..validate.catalog import RULES

    chosen = (
        RULES.values()
        if profile is None
        else [RULES[r] for r in RULES if r in profile_rules(profile)]
    )
    click.echo(render_rules(fmt, chosen))
