"""Every file in tests/data/invalid/ breaks one rule: the validator must report that rule at the
line the file names (format in tests/data/invalid/README.md)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from podfeed.diagnostics import Report
from podfeed.validate import validate_chapters, validate_feed, validate_output
from podfeed.validate.catalog import RULES

INVALID = Path(__file__).parent.parent / "data" / "invalid"
_XML_EXPECT = re.compile(
    rb"<!--\s*expect:\s*(?P<rule>[A-Z0-9]+-\d{3})\s+line\s+(?P<line>\d+)\s*-->"
)
_JSON_EXPECT = re.compile(r"^(?P<rule>[A-Z0-9]+-\d{3})\s+line\s+(?P<line>\d+)\s*$")
_DURATION = re.compile(r"^duration\s+(?P<seconds>\d+(\.\d+)?)\s*$", re.MULTILINE)

# Rules that need the network, local media or earlier builds: tested in dedicated tests
# (test_online.py) or enforced elsewhere (podfeed.lock) — see the catalog notes.
NOT_IN_FOLDER = frozenset(
    {"ITUNES-006", "ITUNES-007", "XF-003", "XF-004", "XF-005", "XF-006", "XF-007"}
)
# The families this folder must cover completely (P20-* files are added by their own test).
FAMILIES = ("XML", "RSS", "ITUNES", "PSP", "CHAP", "XF")


@dataclass(frozen=True)
class Expectation:
    path: Path
    rule: str
    line: int
    duration: float | None = None


def _expectation(path: Path) -> Expectation:
    if path.suffix == ".json":
        lines = path.with_suffix(".expect").read_text(encoding="utf-8")
        match = _JSON_EXPECT.match(lines.splitlines()[0])
        assert match, f"{path.name}: the .expect file must start with 'RULE-ID line N'"
        seconds = _DURATION.search(lines)
        duration = float(seconds["seconds"]) if seconds else None
        return Expectation(path, match["rule"], int(match["line"]), duration)
    found = _XML_EXPECT.search(path.read_bytes()[:400])
    assert found, f"{path.name}: no '<!-- expect: RULE-ID line N -->' comment near the top"
    return Expectation(path, found["rule"].decode(), int(found["line"]))


def _files() -> list[Path]:
    return sorted(p for p in INVALID.iterdir() if p.suffix in (".xml", ".json"))


def _validate(expect: Expectation) -> list[Report]:
    if expect.rule.startswith("XF-"):
        # Cross-file rules: as build-feed runs them, here with no chapters file written.
        return validate_output(expect.path.read_bytes(), {}, feed_name=str(expect.path))
    if expect.path.suffix == ".json":
        return [validate_chapters(expect.path, duration=expect.duration, select=[expect.rule])]
    return [validate_feed(expect.path, select=[expect.rule])]


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.name)
def test_invalid_file_reports_its_rule_at_its_line(path: Path) -> None:
    expect = _expectation(path)
    assert path.name.split(".")[0].split("--")[0] == expect.rule, "file name and expect disagree"
    assert expect.rule in RULES
    findings = [f for report in _validate(expect) for f in report if f.rule == expect.rule]
    lines = [f.line for f in findings]
    assert expect.line in lines, f"{expect.rule} expected at line {expect.line}, got {lines}"
    found = next(f for f in findings if f.line == expect.line)
    assert found.severity is RULES[expect.rule].severity or expect.rule in _OVERRIDDEN
    assert found.message


# Rules whose fixtures exercise a severity the check sets itself (documented in the catalog).
_OVERRIDDEN = frozenset({"ITUNES-030"})


def test_every_rule_of_the_core_families_has_an_invalid_file() -> None:
    covered = {_expectation(p).rule for p in _files()}
    wanted = {
        rule for rule in RULES if rule.split("-")[0] in FAMILIES and rule not in NOT_IN_FOLDER
    }
    assert sorted(wanted - covered) == []
