"""``podfeed validate`` and ``podfeed rules`` (stub; being written)."""

from __future__ import annotations

import click

__all__ = ["rules_command", "validate_command"]


@click.command()
def validate_command() -> None:
    """Validate feeds (not written yet)."""
    raise click.ClickException("not implemented yet")


@click.command()
def rules_command() -> None:
    """List the rules (not written yet)."""
    raise click.ClickException("not implemented yet")
