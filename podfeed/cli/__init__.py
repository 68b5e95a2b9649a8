"""Command line: ``podfeed`` (subcommands) and ``build-feed``.

Each subcommand lives in its own module; errors become ``path:line: RULE-ID message`` lines and
an exit code, never a traceback.
"""

from __future__ import annotations

import click

from .build import build_feed_command
from .validate import rules_command, validate_command

__all__ = ["build_feed_main", "cli", "main"]


@click.group()
@click.version_option(package_name="podfeed-builder")
def cli() -> None:
    """Build and validate podcast feeds."""


cli.add_command(build_feed_command, name="build")
cli.add_command(validate_command, name="validate")
cli.add_command(rules_command, name="rules")


def main() -> None:
    cli()


def build_feed_main() -> None:
    build_feed_command()
