"""Runs the registered checks; a crashing check becomes a finding, not a traceback."""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar

from ..diagnostics import Finding
from .context import ChaptersContext, FeedContext
from .registry import CHAPTERS_CHECKS, FEED_CHECKS, Check

__all__ = ["gc_paused", "run_chapters_checks", "run_feed_checks", "sort_findings"]

C = TypeVar("C", FeedContext, ChaptersContext)


def _run(ctx: C, checks: Sequence[Check[C]]) -> None:
    for check in checks:
        if not ctx.is_active(*check.rule_ids):
            continue
        try:
            check.func(ctx)
        except Exception as exc:  # any bug in a check must not abort validation
            ctx.internal(
                f"{check.name} ({', '.join(check.rule_ids)}) failed: {type(exc).__name__}: {exc}"
            )


def run_feed_checks(ctx: FeedContext) -> None:
    _run(ctx, FEED_CHECKS)


def run_chapters_checks(ctx: ChaptersContext) -> None:
    _run(ctx, CHAPTERS_CHECKS)


def sort_findings(findings: Sequence[Finding]) -> tuple[Finding, ...]:
    """Document order (line, then column), then rule ID; findings without a line come first."""
    return tuple(
        sorted(findings, key=lambda f: (f.line or 0, f.column or 0, f.rule, f.element or ""))
    )


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a feed is indexed and checked.

    The context keeps ~10^5 lxml element proxies alive (every item's children); each young
    collection would walk them again, which cost up to 40% of the check time on a
    10,000-item feed. Validation makes no reference cycles worth collecting meanwhile, and
    the collector resumes (if it was on) as soon as the block ends, even on error.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
