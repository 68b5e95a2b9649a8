"""``podfeed validate`` and ``podfeed rules`` through click's CliRunner, on real files."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from podfeed.cli import cli

DATA = Path(__file__).parent.parent / "data"
VALID = DATA / "valid" / "minimal.xml"
CHAPTERS = DATA / "valid" / "minimal.chapters.json"
DOCS = Path(__file__).parent.parent.parent / "docs" / "rules.md"


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_clean_feed_and_chapters_exit_0() -> None:
    code, out, err = _run("validate", "--profile", "podcasting2", str(VALID), str(CHAPTERS))
    assert code == 0
    assert "ERROR" not in out and "WARNING" not in out
    assert "0 errors, 0 warnings" in err
    assert "in 2 files" in err


def test_errors_exit_1_with_path_line_col_lines(tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_bytes(b'<rss version="2.0">\n<channel>\n<title>Tea & cake</title></channel></rss>')
    code, out, _ = _run("validate", str(feed))
    assert code == 1
    assert f"{feed}:3:13: ERROR XML-001 " in out


def test_unreadable_input_exits_2_even_with_other_errors(tmp_path: Path) -> None:
    broken = tmp_path / "broken.xml"
    broken.write_bytes(b"<rss><channel><title>a & b</title></channel></rss>")
    code, out, err = _run("validate", str(broken), str(tmp_path / "missing.xml"))
    assert code == 2
    assert "XML-001" in out
    assert f"{tmp_path / 'missing.xml'}: SOURCE-000 no such file" in err


def test_chapters_files_are_told_apart_by_content(tmp_path: Path) -> None:
    # A .xml name on JSON content: the content decides.
    chapters = tmp_path / "chapters.xml"
    chapters.write_text(
        '{"version": "1.2.0", "chapters": [{"startTime": "0:00"}]}', encoding="utf-8"
    )
    code, out, _ = _run("validate", str(chapters))
    assert code == 1
    assert "CHAP-004" in out


def _rules(out: str) -> set[str]:
    # "path:line: SEVERITY RULE-ID message": the rule is the third field.
    return {line.split()[2] for line in out.splitlines() if line.strip()}


def test_profile_select_and_ignore() -> None:
    feed = str(DATA / "invalid" / "ITUNES-016.xml")
    code, out, _ = _run("validate", "--profile", "rss", feed)
    assert "ITUNES-016" not in _rules(out) and code == 0
    code, out, _ = _run("validate", "--profile", "apple", feed)
    assert "ITUNES-016" in _rules(out)
    code, out, _ = _run("validate", "--profile", "apple", "--ignore", "ITUNES-01", feed)
    assert not {r for r in _rules(out) if r.startswith("ITUNES-01")}
    code, out, _ = _run("validate", "--select", "ITUNES-016,XML", feed)
    assert "ITUNES-016" in _rules(out)
    assert all(r == "ITUNES-016" or r.startswith("XML-") for r in _rules(out))


def test_unknown_rule_id_is_a_usage_error() -> None:
    code, _, err = _run("validate", "--select", "NOPE-999", str(VALID))
    assert code == 2
    assert "no rule matches NOPE-999" in err


def test_json_format_is_one_array_of_findings() -> None:
    code, out, _ = _run("validate", "--format", "json", str(DATA / "invalid" / "RSS-014.xml"))
    findings = json.loads(out)
    assert code == 0  # RSS-014 is a warning
    assert {"rule": "RSS-014", "severity": "warning"}.items() <= next(
        f for f in findings if f["rule"] == "RSS-014"
    ).items()


def test_github_format_annotations() -> None:
    code, out, _ = _run("validate", "--format", "github", str(DATA / "invalid" / "RSS-003.xml"))
    assert code == 1
    assert any(
        line.startswith("::error file=") and "title=RSS-003" in line for line in out.splitlines()
    )


def test_rules_lists_every_rule() -> None:
    code, out, _ = _run("rules")
    assert code == 0
    from podfeed.validate.catalog import RULES

    assert [line.split()[0] for line in out.splitlines()] == list(RULES)
    code, out, _ = _run("rules", "--format", "json", "--profile", "rss")
    assert {r["profile"] for r in json.loads(out)} == {"rss"}


def test_committed_rules_page_is_up_to_date() -> None:
    code, out, _ = _run("rules", "--format", "markdown")
    assert code == 0
    assert DOCS.read_text(encoding="utf-8") == out, (
        "run: podfeed rules --format markdown > docs/rules.md"
    )
