"""Finding: the small helpers the build uses on thousands of findings."""

from __future__ import annotations

import dataclasses

from podfeed.diagnostics import Finding, Severity


def _every_field_set() -> Finding:
    # A value for every field, so that a field added later and not copied by Finding.at fails
    # the comparison below instead of passing with its default on both sides.
    values: dict[str, object] = {}
    for number, field in enumerate(dataclasses.fields(Finding)):
        values[field.name] = Severity.WARNING if field.name == "severity" else f"v{number}"
    values["line"], values["column"] = 12, 7
    return Finding(**values)  # type: ignore[arg-type]


def test_at_is_replace_with_the_path() -> None:
    finding = _every_field_set()
    moved = finding.at("/out/feed.xml")
    assert moved == dataclasses.replace(finding, path="/out/feed.xml")
    assert moved.path == "/out/feed.xml" and finding.path != moved.path


def test_at_none_clears_the_path() -> None:
    assert _every_field_set().at(None).path is None
