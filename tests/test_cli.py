"""The `dedupe` command: exit codes, outputs, atomic writes, the module entry point."""

from __future__ import annotations

import csv
import fcntl
import json
import os
import pty
import struct
import subprocess
import sys
import termios
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import provenance
from provenance import cli
from provenance.cli import command
from provenance.export import CSV_COLUMNS
from provenance.pipeline import Run

from .conftest import SEEDS, make_body, make_title, write_page


def invoke(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(command, list(args), input=stdin)


def read_jsonl(path: Path) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "pages"
    write_page(root / "a.txt", [(make_title(1), make_body(1)), (make_title(2), make_body(2))])
    write_page(root / "b.txt", [(make_title(3), make_body(3)), (make_title(2), make_body(2))])
    return root


def test_exit_zero_on_seeds() -> None:
    result = invoke(str(SEEDS))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].split() == ["story", "files", "title", "where"]
    assert len(result.stdout.splitlines()) == 16
    assert "15 stories" in result.stderr
    assert "0 skipped" in result.stderr


def test_exit_one_when_some_inputs_are_skipped(corpus: Path, tmp_path: Path) -> None:
    empty = corpus / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02\x03" * 100)
    missing = tmp_path / "missing.txt"
    out = tmp_path / "out.jsonl"
    result = invoke(str(corpus), str(binary), str(missing), "--jsonl", str(out))
    assert result.exit_code == 1, result.output
    records = read_jsonl(out)
    assert sorted(r["title"] for r in records) == sorted(make_title(k) for k in (1, 2, 3))
    for bad, reason in ((empty, "empty"), (binary, "binary"), (missing, "no such file")):
        lines = [line for line in result.stderr.splitlines() if str(bad) in line]
        assert len(lines) == 1, result.stderr
        assert reason in lines[0].lower()
        assert str(bad) not in result.stdout
    assert "3 skipped" in result.stderr


def test_exit_one_even_when_quiet(tmp_path: Path) -> None:
    result = invoke(str(tmp_path / "missing.txt"), "--quiet")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "missing.txt" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        [],
        [str(SEEDS), "--threshold", "5"],
        [str(SEEDS), "--threshold", "x"],
        [str(SEEDS), "--num-perm", "4"],
        [str(SEEDS), "--shingle-size", "0"],
        [str(SEEDS), "--title-threshold", "150"],
        [str(SEEDS), "--no-such-option"],
    ],
)
def test_exit_two_on_usage_errors(args: list[str]) -> None:
    result = invoke(*args)
    assert result.exit_code == 2, result.output
    assert "Usage" in result.stderr
    assert result.stdout == ""


def test_options_reach_the_settings(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = invoke(str(corpus), "--min-words", "100000", "--jsonl", str(out), "-q")
    assert result.exit_code == 0
    # with no segment long enough to be a story, each page is one story
    assert len(read_jsonl(out)) == 2


def test_csv_has_one_row_per_occurrence(corpus: Path, tmp_path: Path) -> None:
    out_csv, out_jsonl = tmp_path / "occ.csv", tmp_path / "out.jsonl"
    result = invoke(str(corpus), "--csv", str(out_csv), "--jsonl", str(out_jsonl), "-q")
    assert result.exit_code == 0
    records = read_jsonl(out_jsonl)
    with out_csv.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames or ()) == CSV_COLUMNS
        rows = list(reader)
    occurrences = [(r, o) for r in records for o in r["occurrences"]]
    assert len(rows) == len(occurrences) == 4
    for row, (record, occurrence) in zip(rows, occurrences, strict=True):
        assert row["story_id"] == record["story_id"]
        assert row["story_title"] == record["title"]
        assert row["path"] == occurrence["path"]
        assert int(row["start"]) == occurrence["start"]
        assert int(row["end"]) == occurrence["end"]
        assert int(row["line_start"]) == occurrence["line_start"]
        assert int(row["files"]) == len(record["files"])
        assert row["evidence"] == occurrence["evidence"]


def test_csv_of_seeds(tmp_path: Path) -> None:
    out = tmp_path / "seeds.csv"
    assert invoke(str(SEEDS), "--csv", str(out), "-q").exit_code == 0
    with out.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 17
    assert sum(int(r["files"]) == 3 for r in rows) == 3


def test_json_prints_the_records(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = invoke(str(corpus), "--json", "--jsonl", str(out))
    assert result.exit_code == 0
    assert json.loads(result.stdout) == read_jsonl(out)
    assert "stories" in result.stderr  # the summary goes to stderr, not into the JSON


def test_quiet_prints_nothing(corpus: Path) -> None:
    result = invoke(str(corpus), "--quiet")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == ""


def test_paths_from_stdin(corpus: Path, tmp_path: Path) -> None:
    out_stdin, out_args = tmp_path / "stdin.jsonl", tmp_path / "args.jsonl"
    listing = "".join(f"{p}\n" for p in sorted(corpus.glob("*.txt")))
    assert invoke("-", "--jsonl", str(out_stdin), "-q", stdin=listing).exit_code == 0
    assert invoke(str(corpus), "--jsonl", str(out_args), "-q").exit_code == 0
    assert out_stdin.read_bytes() == out_args.read_bytes()


written = Run.lines  # the records' lines as the command writes them


@pytest.mark.parametrize("error", [RuntimeError, KeyboardInterrupt])
def test_a_failed_write_leaves_no_file(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: type[BaseException]
) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()

    def broken(run: Run) -> Iterator[str]:
        yield next(written(run))
        raise error("interrupted while writing")

    monkeypatch.setattr(Run, "lines", broken)
    target = out_dir / "stories.jsonl"
    result = invoke(str(corpus), "--jsonl", str(target), "-q")
    assert result.exit_code != 0
    assert not target.exists()
    assert list(out_dir.iterdir()) == []


def test_a_failed_write_keeps_the_old_file(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "stories.jsonl"
    target.write_text("old content\n", encoding="utf-8")

    def broken(run: Run) -> Iterator[str]:
        yield next(written(run))
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Run, "lines", broken)
    result = invoke(str(corpus), "--jsonl", str(target), "-q")
    assert result.exit_code == 3
    assert "No space left on device" in result.stderr
    assert target.read_text(encoding="utf-8") == "old content\n"
    assert sorted(p.name for p in out_dir.iterdir()) == ["stories.jsonl"]


def test_a_successful_write_replaces_the_old_file(corpus: Path, tmp_path: Path) -> None:
    target = tmp_path / "stories.jsonl"
    target.write_text("old content\n", encoding="utf-8")
    assert invoke(str(corpus), "--jsonl", str(target), "-q").exit_code == 0
    assert len(read_jsonl(target)) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pages", "stories.jsonl"]


def test_write_jsonl_and_csv_api(corpus: Path, tmp_path: Path) -> None:
    report = provenance.dedupe([corpus])
    provenance.write_jsonl(report.stories, tmp_path / "a.jsonl")
    provenance.write_csv(report.stories, tmp_path / "a.csv")
    assert read_jsonl(tmp_path / "a.jsonl") == [r.to_dict() for r in report.stories]
    with (tmp_path / "a.csv").open(newline="", encoding="utf-8") as handle:
        assert len(list(csv.DictReader(handle))) == sum(len(r.occurrences) for r in report.stories)


def test_an_output_folder_that_does_not_exist_is_a_usage_error(
    corpus: Path, tmp_path: Path
) -> None:
    target = tmp_path / "no" / "such" / "folder" / "out.jsonl"
    result = invoke(str(corpus), "--jsonl", str(target), "-q")
    assert result.exit_code == 2, result.exception
    assert "out.jsonl" in result.stderr or "folder" in result.stderr
    assert not target.exists()


def test_ctrl_c_exits_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "open_run", interrupted)
    monkeypatch.setattr(sys, "argv", ["dedupe", str(SEEDS)])
    with pytest.raises(SystemExit) as caught:
        cli.main()
    assert caught.value.code == 130
    assert "interrupted" in capsys.readouterr().err


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert provenance.__version__ in result.stdout
    assert result.stdout.startswith("dedupe")


def test_help_lists_options_and_defaults() -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    for option in ("--jsonl", "--csv", "--json", "--threshold", "--num-perm", "--quiet"):
        assert option in result.stdout
    assert "[default: 0.5]" in " ".join(result.stdout.split())
    assert "Examples:" in result.stdout


def test_python_dash_m(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    helped = subprocess.run(
        [sys.executable, "-m", "provenance", "--help"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert helped.returncode == 0, helped.stderr
    assert "Usage:" in helped.stdout
    assert "Examples:" in helped.stdout
    assert "dedupe seeds/ --jsonl stories.jsonl" in helped.stdout
    out = tmp_path / "seeds.jsonl"
    ran = subprocess.run(
        [
            sys.executable,
            "-m",
            "provenance",
            str(SEEDS),
            str(tmp_path / "gone.txt"),
            "--jsonl",
            str(out),
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert ran.returncode == 1
    assert "gone.txt" in ran.stderr
    assert len(read_jsonl(out)) == 15


def test_outputs_get_the_usual_file_mode(corpus: Path, tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        assert invoke(str(corpus), "--jsonl", str(tmp_path / "a.jsonl"), "-q").exit_code == 0
    finally:
        os.umask(old)
    assert (tmp_path / "a.jsonl").stat().st_mode & 0o777 == 0o644


def test_min_words_zero_runs() -> None:
    result = invoke(str(SEEDS), "--min-words", "0", "--json")
    assert result.exit_code == 0, result.exception
    assert len(json.loads(result.stdout)) >= 15


def _stderr_on_a_terminal(*args: str) -> str:
    """What `dedupe ARGS` writes to stderr when stderr is a terminal (a pseudo-terminal)."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    process = subprocess.run(
        [sys.executable, "-m", "provenance", *args],
        stdout=subprocess.DEVNULL,
        stderr=follower,
        check=False,
        timeout=120,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 1 << 16)
        except OSError:  # the terminal is closed once everything is read
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert process.returncode == 0
    return b"".join(chunks).decode("utf-8", "replace")


def test_progress_bars_on_a_terminal_and_not_with_quiet(corpus: Path, tmp_path: Path) -> None:
    shown = _stderr_on_a_terminal(str(corpus), "--jsonl", str(tmp_path / "a.jsonl"))
    for stage in ("reading", "candidates", "verifying", "grouping", "records"):
        assert stage in shown
    quiet = _stderr_on_a_terminal(str(corpus), "--jsonl", str(tmp_path / "b.jsonl"), "-q")
    assert quiet == ""
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()


def test_no_progress_bars_when_stderr_is_not_a_terminal(corpus: Path, tmp_path: Path) -> None:
    result = invoke(str(corpus), "--jsonl", str(tmp_path / "a.jsonl"))
    assert result.exit_code == 0
    assert "verifying" not in result.stderr
    assert "stories (" in result.stderr  # the summary line stays
