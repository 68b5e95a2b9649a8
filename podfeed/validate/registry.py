"""Check registration: ``@feed_check("RSS-003", …)`` and ``@chapters_check("CHAP-004", …)``.

A check declares the rule IDs it may report; the runner calls it only when one of them is
active, so ``--select``/``--ignore`` also save the work.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from .catalog import RULES
from .context import ChaptersContext, FeedContext

__all__ = ["CHAPTERS_CHECKS", "FEED_CHECKS", "Check", "chapters_check", "feed_check"]

C = TypeVar("C", FeedContext, ChaptersContext)


@dataclass(frozen=True, slots=True)
class Check(Generic[C]):
    func: Callable[[C], None]
    rule_ids: tuple[str, ...]

    @property
    def name(self) -> str:
        return f"{self.func.__module__}.{self.func.__qualname__}"


FEED_CHECKS: list[Check[FeedContext]] = []
CHAPTERS_CHECKS: list[Check[ChaptersContext]] = []


def _known(rule_ids: tuple[str, ...]) -> tuple[str, ...]:
    unknown = [rid for rid in rule_ids if rid not in RULES]
    if unknown or not rule_ids:
        raise ValueError(f"checks must name catalog rules; unknown: {unknown or 'none given'}")
    return rule_ids


def feed_check(
    *rule_ids: str,
) -> Callable[[Callable[[FeedContext], None]], Callable[[FeedContext], None]]:
    """Register a feed check that may report ``rule_ids``."""
    ids = _known(rule_ids)

    def register(func: Callable[[FeedContext], None]) -> Callable[[FeedContext], None]:
        FEED_CHECKS.append(Check(func, ids))
        return func

    return register


def chapters_check(
    *rule_ids: str,
) -> Callable[[Callable[[ChaptersContext], None]], Callable[[ChaptersContext], None]]:
    """Register a JSON chapters check that may report ``rule_ids``."""
    ids = _known(rule_ids)

    def register(func: Callable[[ChaptersContext], None]) -> Callable[[ChaptersContext], None]:
        CHAPTERS_CHECKS.append(Check(func, ids))
        return func

    return register
