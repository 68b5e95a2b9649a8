"""The rule reference, rendered from the catalog: ``podfeed rules`` and ``docs/rules.md``."""

from __future__ import annotations

import json
from collections.abc import Iterable

from .catalog import PROFILES, RULES, Rule, rule_links

__all__ = ["render_rules"]

_FAMILIES = (
    ("XML", "XML and encoding"),
    ("RSS", "RSS 2.0 core"),
    ("ITUNES", "Apple Podcasts (iTunes namespace)"),
    ("PSP", "PSP-1 extras"),
    ("P20", "Podcasting 2.0 (podcast namespace)"),
    ("CHAP", "JSON chapters"),
    ("XF", "Cross-file consistency (build-feed)"),
    ("INFO", "Client limits (info)"),
    ("INTERNAL", "Validator health"),
)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _markdown(rules: list[Rule]) -> str:
    lines = [
        "# podfeed validation rules",
        "",
        "Generated from `podfeed/validate/catalog.py` by `podfeed rules --format markdown`;",
        "do not edit by hand. Profiles nest: "
        + " ⊂ ".join(f"`{p}`" for p in PROFILES)
        + "; `--select`/`--ignore` take IDs or prefixes (`P20`, `ITUNES-03`).",
        "",
    ]
    for prefix, title in _FAMILIES:
        family = [r for r in rules if r.prefix == prefix]
        if not family:
            continue
        lines += [
            f"## {title}",
            "",
            "| ID | Severity | Profile | Rule | Source | Note |",
            "|---|---|---|---|---|---|",
        ]
        for rule in family:
            links = " ".join(f"[↗]({url})" for url in rule_links(rule))
            source = _cell(rule.source) + (f" {links}" if links else "")
            lines.append(
                f"| {rule.id} | {rule.severity} | {rule.profile} | {_cell(rule.summary)} "
                f"| {source} | {_cell(rule.note)} |"
            )
        lines.append("")
    return "\n".join(lines)


def render_rules(fmt: str = "text", rules: Iterable[Rule] | None = None) -> str:
    """All rules (or the given ones) as ``text`` lines, a ``markdown`` page, or ``json``."""
    chosen = list(RULES.values() if rules is None else rules)
    if fmt == "markdown":
        return _markdown(chosen)
    if fmt == "json":
        return json.dumps(
            [
                {
                    "id": r.id,
                    "severity": str(r.severity),
                    "profile": r.profile,
                    "summary": r.summary,
                    "source": r.source,
                    "links": list(rule_links(r)),
                    "note": r.note,
                }
                for r in chosen
            ],
            indent=2,
            ensure_ascii=False,
        )
    return "\n".join(f"{r.id:<12} {r.severity:<7} {r.profile:<11} {r.summary}" for r in chosen)
