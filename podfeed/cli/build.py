"""``build-feed`` / ``podfeed build`` (stub; being written)."""

from __future__ import annotations

import click

__all__ = ["build_feed_command"]


@click.command()
def build_feed_command() -> None:
    """Build the feed (not written yet)."""
    raise click.ClickException("not implemented yet")
