"""build-feed through click's CliRunner: summary, formats, exit codes 0/1/2, options."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from build_show import DOCUMENTS, NOW, make_show, snapshot, write_document
from click.testing import CliRunner

from podfeed.cli import build as cli_build
from podfeed.cli import cli
from podfeed.cli.build import MAX_TEXT_WARNINGS, build_feed_command


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def show(tmp_path: Path) -> Path:
    return make_show(tmp_path / "show")


def run(runner: CliRunner, *args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(build_feed_command, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def test_builds_and_prints_a_summary(runner: CliRunner, show: Path, tmp_path: Path) -> None:
    out = tmp_path / "public"
    code, stdout, _ = run(runner, show, "-o", out, "--now", NOW)
    assert code == 0
    assert f"Built 2 episodes into {out} (left out: 1 draft, 1 scheduled for later)" in stdout
    assert f"feed:      {out / 'feed.xml'}" in stdout
    assert f"chapters:  1 file in {out / 'chapters'}" in stdout
    assert f"lock:      {show / 'podfeed.lock'} (updated)" in stdout
    assert len(stdout.splitlines()) <= 24  # one screen
    assert (out / "feed.xml").is_file()


def test_defaults_are_episodes_and_public(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_show(tmp_path / "episodes")
    monkeypatch.chdir(tmp_path)
    code, stdout, _ = run(runner, "--now", NOW)
    assert code == 0, stdout
    assert (tmp_path / "public" / "feed.xml").is_file()


def test_podfeed_build_is_the_same_command(runner: CliRunner, show: Path, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["build", str(show), "-o", str(tmp_path / "p"), "--now", NOW])
    assert result.exit_code == 0
    assert (tmp_path / "p" / "feed.xml").is_file()


def test_include_drafts(runner: CliRunner, show: Path, tmp_path: Path) -> None:
    code, stdout, _ = run(runner, show, "-o", tmp_path / "p", "--now", NOW, "--include-drafts")
    assert code == 0
    assert "Built 4 episodes" in stdout and "left out" not in stdout


def test_now_without_offset_and_date_only(runner: CliRunner, show: Path, tmp_path: Path) -> None:
    code, stdout, _ = run(runner, show, "-o", tmp_path / "p", "--now", "2026-03-02T09:00:00")
    assert code == 0 and "Built 3 episodes" in stdout
    code, stdout, _ = run(runner, show, "-o", tmp_path / "q", "--now", "2026-01-10")
    assert code == 0 and "Built 1 episode " in stdout


def test_bad_now_is_a_usage_error(runner: CliRunner, show: Path, tmp_path: Path) -> None:
    code, _, stderr = run(runner, show, "-o", tmp_path / "p", "--now", "next tuesday")
    assert code == 2
    assert "--now" in stderr and "next tuesday" in stderr


def test_unknown_option_is_a_usage_error(runner: CliRunner, show: Path) -> None:
    code, _, stderr = run(runner, show, "--frobnicate")
    assert code == 2
    assert "No such option" in stderr


def _break_audio(show: Path) -> Path:
    front, body = DOCUMENTS["002-kettle.md"]
    return write_document(show, "002-kettle.md", front.replace("  length: 28311552\n", ""), body)


def test_bad_input_exits_2_with_path_line_rule(
    runner: CliRunner, show: Path, tmp_path: Path
) -> None:
    doc = _break_audio(show)
    out = tmp_path / "public"
    code, stdout, stderr = run(runner, show, "-o", out, "--now", NOW)
    assert code == 2
    assert f"{doc}:5: ERROR BUILD-004 audio:" in stderr
    assert "length in bytes" in stderr
    assert f"{out} was left as it was" in stderr
    assert "Traceback" not in stdout + stderr
    assert not out.exists()


def test_json_format(runner: CliRunner, show: Path, tmp_path: Path) -> None:
    doc = _break_audio(show)
    code, stdout, _ = run(runner, show, "-o", tmp_path / "p", "--now", NOW, "--format", "json")
    assert code == 2
    report = json.loads(stdout)
    assert report["ok"] is False
    (finding,) = report["findings"]
    assert finding["rule"] == "BUILD-004"
    assert finding["path"] == str(doc)
    assert finding["line"] == 5
    assert finding["severity"] == "error"


def test_json_format_on_success(runner: CliRunner, show: Path, tmp_path: Path) -> None:
    out = tmp_path / "p"
    code, stdout, _ = run(runner, show, "-o", out, "--now", NOW, "--format", "json")
    assert code == 0
    report = json.loads(stdout)
    assert report["ok"] is True
    assert (report["episodes"], report["drafts"], report["scheduled"]) == (2, 1, 1)
    assert report["feed"] == str(out / "feed.xml")
    assert report["paths"][-1] == str(out / "feed.xml")


def test_github_format(runner: CliRunner, show: Path, tmp_path: Path) -> None:
    doc = _break_audio(show)
    code, stdout, _ = run(runner, show, "-o", tmp_path / "p", "--now", NOW, "--format", "github")
    assert code == 2
    line = next(x for x in stdout.splitlines() if x.startswith("::error "))
    assert line.startswith(f"::error file={doc},line=5,title=BUILD-004::BUILD-004 audio:")


def test_lock_change_exits_2_and_accept_changes_rewrites(
    runner: CliRunner, show: Path, tmp_path: Path
) -> None:
    out = tmp_path / "public"
    assert run(runner, show, "-o", out, "--now", NOW)[0] == 0
    front, body = DOCUMENTS["001-toaster.md"]
    doc = write_document(show, "001-toaster.md", front.replace("kettle-logic-001", "t-1"), body)
    code, _, stderr = run(runner, show, "-o", out, "--now", NOW)
    assert code == 2
    assert f"{doc}:4: ERROR LOCK-002" in stderr and "--accept-changes" in stderr
    code, stdout, _ = run(runner, show, "-o", out, "--now", NOW, "--accept-changes")
    assert code == 0 and "(updated)" in stdout
    assert '"guid": "t-1"' in (show / "podfeed.lock").read_text(encoding="utf-8")


def test_validation_failure_exits_1_and_writes_nothing(
    runner: CliRunner, show: Path, tmp_path: Path
) -> None:
    out = tmp_path / "public"
    assert run(runner, show, "-o", out, "--now", NOW)[0] == 0
    before = snapshot(out)
    front, body = DOCUMENTS["004-scheduled.md"]
    write_document(
        show,
        "004-scheduled.md",
        front.replace("https://media.kettle.example.org/004-pump.mp3", "media/004-pump.mp3"),
        body,
    )
    code, _, stderr = run(runner, show, "-o", out, "--now", "2026-03-03")
    assert code == 1
    assert f"{out / 'feed.xml'}:" in stderr and "ERROR" in stderr
    assert snapshot(out) == before


def test_missing_show_folder_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    code, stdout, stderr = run(runner, tmp_path / "nowhere", "-o", tmp_path / "p")
    assert code == 2
    assert "podcast.toml" in stderr or "nowhere" in stderr
    assert "Traceback" not in stdout + stderr


def test_unwritable_output_exits_2(runner: CliRunner, show: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("x", encoding="utf-8")
    code, stdout, stderr = run(runner, show, "-o", blocker / "public", "--now", NOW)
    assert code == 2
    assert "Traceback" not in stdout + stderr
    assert "BUILD-002" in stderr


def test_unexpected_exception_is_one_line_exit_2(
    runner: CliRunner, show: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("injected")

    monkeypatch.delenv("PODFEED_DEBUG", raising=False)
    monkeypatch.setattr(cli_build, "build", broken)
    code, stdout, stderr = run(runner, show, "-o", tmp_path / "p")
    assert code == 2
    assert "Traceback" not in stdout + stderr
    (line,) = [x for x in stderr.splitlines() if "INTERNAL" in x]
    assert "unexpected KeyError" in line and "PODFEED_DEBUG=1" in line
    assert not (tmp_path / "p").exists()


def test_many_warnings_are_capped_in_text_mode(
    runner: CliRunner, show: Path, tmp_path: Path
) -> None:
    # Out-of-order chapter starts are a reader warning; 30 documents give 30 of them.
    for i in range(30):
        write_document(
            show,
            f"1{i:02d}-extra.md",
            f'title: "Extra {i}"\ndate: 2026-01-{i % 28 + 1:02d}\nguid: "extra-{i}"\n'
            f'audio:\n  url: "https://media.kettle.example.org/x{i}.mp3"\n  length: 10\n',
            "10:00 Second\n\n05:00 First\n\n12:00 Third\n",
        )
    code, stdout, stderr = run(runner, show, "-o", tmp_path / "p", "--now", NOW)
    assert code == 0
    warnings = [line for line in stderr.splitlines() if " WARNING " in line]
    assert len(warnings) == MAX_TEXT_WARNINGS
    # "  messages:  30 warnings, 2 notes"
    counts = next(x for x in stdout.splitlines() if "messages:" in x).split(":", 1)[1]
    total = sum(int(part.split()[0]) for part in counts.split(","))
    assert total > MAX_TEXT_WARNINGS
    assert f"... and {total - MAX_TEXT_WARNINGS} more messages" in stderr
    code, stdout, _ = run(runner, show, "-o", tmp_path / "q", "--now", NOW, "--format", "json")
    assert len(json.loads(stdout)["findings"]) == total


def test_workers_option_reaches_the_build(
    runner: CliRunner, show: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[object] = []
    real = cli_build.build

    def spy(*args: object, **kwargs: object) -> object:
        seen.append(kwargs.get("workers"))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(cli_build, "build", spy)
    code, _, _ = run(runner, show, "-o", tmp_path / "a", "--now", NOW, "--workers", "3")
    assert code == 0
    code, _, _ = run(runner, show, "-o", tmp_path / "b", "--now", NOW)
    assert code == 0
    assert seen == [3, None]
    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")
    code, _, stderr = run(runner, show, "-o", tmp_path / "c", "--workers", "0")
    assert code == 2
    assert "--workers" in stderr
