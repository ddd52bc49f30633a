"""A run over a corpus of bad inputs: each reported once, with its reason; every good input read.

The corpus is `tests/badinput.py`. The command runs as a real subprocess
(``python -m provenance``); the same corpus goes through the Python API too.
Peak memory is measured on the 100 MiB line and on the 1 GiB gzip bomb alone.

Set PROVENANCE_SKIP_BIG=1 to leave the big cases out (select them with ``-k big``);
they are streamed to disk and take well under a second to write.
"""

from __future__ import annotations

import ctypes
import json
import os
import pwd
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import provenance
from provenance.model import path_key

from .badinput import Corpus, can_open, make_bad_corpus, world_readable

BIG = os.environ.get("PROVENANCE_SKIP_BIG") != "1"
big = pytest.mark.skipif(not BIG, reason="PROVENANCE_SKIP_BIG=1: the 100 MiB and 1 GiB cases")
PEAK_BOUND = 400 * 2**20  # bytes: generous, the cap is 64 MiB and the bomb 1 GiB
SKIPPED = re.compile(r"^dedupe: skipped (.+?): (.+)$")
SUMMARY = re.compile(
    r"^\d+ stories \(\d+ found in \d+ documents, \d+ duplicates\), (\d+) skipped, "
)

# Exit 0 when this process is denied reading a chmod 000 file (and can import provenance).
PROBE = """\
import sys
import provenance
try:
    open(sys.argv[1], "rb")
except PermissionError:
    sys.exit(0)
sys.exit(1)
"""
# Runs a command as its only child and prints the child's exit code and peak RSS.
MEASURE = """\
import resource, subprocess, sys
run = subprocess.run(sys.argv[1:], capture_output=True, text=True)
sys.stderr.write(run.stderr)
print(run.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""
CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, PR_CAPBSET_DROP = 1, 2, 24


def _drop_file_capabilities() -> None:  # pragma: no cover - runs in the child, before exec
    """Root without the capabilities that let it read any file: chmod 000 bites again.

    Dropped from the bounding set, they are not in the permitted set of the program
    exec'd next (root's inheritable set is empty).
    """
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            errno = ctypes.get_errno()
            raise OSError(errno, os.strerror(errno))


def _denied(probe_file: Path, **how: Any) -> bool:
    try:
        run = subprocess.run(
            [sys.executable, "-c", PROBE, str(probe_file)],
            capture_output=True,
            cwd=probe_file.parent,
            check=False,
            timeout=60,
            **how,
        )
    except (OSError, subprocess.SubprocessError):  # user="nobody" cannot run the interpreter
        return False
    return run.returncode == 0


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A folder for the corpus and the outputs; as root, one "nobody" can enter."""
    if os.geteuid() != 0:
        yield tmp_path_factory.mktemp("bad")
        return
    top = world_readable(Path(tempfile.mkdtemp(prefix="provenance-bad-")))
    try:
        yield top
    finally:
        shutil.rmtree(top, ignore_errors=True)


@pytest.fixture(scope="module")
def unprivileged(workdir: Path) -> dict[str, Any] | None:
    """`subprocess.run` arguments under which a chmod 000 file is unreadable, or None.

    Not root: none needed. Root ignores file modes, so: run as "nobody" (the
    interpreter and the project must be readable by it), else as root without
    CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH (Linux), else None.
    """
    probe = workdir / "probe.txt"
    probe.write_text("A file nobody may read.\n", encoding="utf-8")
    probe.chmod(0)
    try:
        if os.geteuid() != 0:
            return {} if not can_open(str(probe)) else None
        ways: list[dict[str, Any]] = []
        try:
            nobody = pwd.getpwnam("nobody")
            ways.append({"user": nobody.pw_uid, "group": nobody.pw_gid, "extra_groups": []})
        except KeyError:
            pass
        if sys.platform.startswith("linux"):
            ways.append({"preexec_fn": _drop_file_capabilities})
        return next((how for how in ways if _denied(probe, **how)), None)
    finally:
        probe.unlink()


@pytest.fixture(scope="module")
def corpus(workdir: Path) -> Iterator[Corpus]:
    corpus = make_bad_corpus(workdir / "corpus", big=BIG)
    world_readable(corpus.root)
    for path in corpus.root.iterdir():  # whatever the umask: readable by "nobody"
        if path.is_file() and not path.is_symlink() and str(path) != corpus.unreadable:
            path.chmod(0o644)
    yield corpus
    for path in corpus.big.values():  # 100 MiB each: not left for pytest's last three runs
        path.unlink()


def outputs(workdir: Path, name: str, how: dict[str, Any] | None) -> Path:
    """A folder for one run's outputs, writable by the user the run is made as."""
    folder = workdir / name
    folder.mkdir()
    if how and "user" in how:
        os.chown(folder, how["user"], how["group"])
    return folder


def run_dedupe(
    *args: str, how: dict[str, Any] | None, cwd: Path
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "provenance", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        check=False,
        timeout=300,
        **(how or {}),
    )


def expected(corpus: Corpus, *, unreadable_bites: bool) -> tuple[dict[str, str], set[str]]:
    """The bad and the good paths of a run that can (or cannot) be denied the unreadable file."""
    bad, good = dict(corpus.bad), set(corpus.good)
    if not unreadable_bites and corpus.unreadable:
        del bad[corpus.unreadable]  # read anyway (root): it holds a good page
        good.add(corpus.unreadable)
    return bad, good


def assert_reported_once(reported: list[tuple[str, str]], bad: dict[str, str]) -> None:
    """Every bad input exactly once, with its reason; nothing else; in path order."""
    paths = [path for path, _ in reported]
    assert sorted(paths) == sorted(bad), (
        f"missing: {sorted(set(bad) - set(paths))}, unexpected: {sorted(set(paths) - set(bad))}"
    )
    assert len(paths) == len(set(paths)), "an input reported twice"
    for path, reason in reported:
        assert bad[path] in reason, (path, reason)
    assert paths == sorted(paths, key=path_key)


def occurrence_paths(records: list[dict[str, Any]]) -> list[str]:
    return [o["path"] for record in records for o in record["occurrences"]]


def test_the_command_reports_every_bad_input_once(
    corpus: Corpus, workdir: Path, unprivileged: dict[str, Any] | None
) -> None:
    out = outputs(workdir, "cli", unprivileged)
    stories, errors = out / "stories.jsonl", out / "errors.jsonl"
    ran = run_dedupe(
        str(corpus.root),
        "--jsonl",
        str(stories),
        "--errors",
        str(errors),
        how=unprivileged,
        cwd=out,
    )
    assert ran.returncode == 1, ran.stderr
    bad, good = expected(corpus, unreadable_bites=unprivileged is not None)

    lines = ran.stderr.splitlines()
    reported = [(m[1], m[2]) for line in lines if (m := SKIPPED.match(line))]
    assert_reported_once(reported, bad)
    others = [line for line in lines if not SKIPPED.match(line)]
    assert len(others) == 1, others  # the summary, and no warning, traceback or log line
    summary = SUMMARY.match(others[0])
    assert summary is not None, others[0]
    assert int(summary[1]) == len(bad)

    written = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert [sorted(e) for e in written] == [["path", "reason"]] * len(written)
    assert [(e["path"], e["reason"]) for e in written] == reported

    records = [json.loads(line) for line in stories.read_text(encoding="utf-8").splitlines()]
    paths = occurrence_paths(records)
    assert set(paths) == good
    for record in records:
        for occurrence in record["occurrences"]:
            wanted = corpus.encodings.get(occurrence["path"], "utf-8")
            assert occurrence["encoding"] == wanted, occurrence["path"]


def test_the_api_reports_the_same(corpus: Corpus) -> None:
    report = provenance.dedupe([corpus.root])
    bad, good = expected(corpus, unreadable_bites=not can_open(str(corpus.unreadable)))
    assert all(isinstance(s, provenance.Skipped) for s in report.skipped)
    assert_reported_once([(s.path, s.reason) for s in report.skipped], bad)
    assert report.stats.skipped == len(bad)
    paths = {o.path for record in report.stories for o in record.occurrences}
    assert paths == good
    encodings = {o.path: o.encoding for record in report.stories for o in record.occurrences}
    assert {p: e for p, e in encodings.items() if e != "utf-8"} == corpus.encodings
    assert {o.input_kind for record in report.stories for o in record.occurrences} == {
        "text",
        "html",
        "jsonl",
        "warc",
    }


def test_an_unreadable_file_is_reported_once(
    corpus: Corpus, workdir: Path, unprivileged: dict[str, Any] | None
) -> None:
    if unprivileged is None:
        pytest.skip(
            "cannot make a chmod 000 file unreadable here: running as root, and neither the "
            'user "nobody" (cannot run this interpreter or import provenance) nor root without '
            "CAP_DAC_OVERRIDE (prctl) is available"
        )
    assert corpus.unreadable is not None
    good = corpus.root / "page_one.txt"
    out = outputs(workdir, "unreadable", unprivileged)
    errors = out / "errors.jsonl"
    ran = run_dedupe(
        corpus.unreadable, str(good), "--errors", str(errors), "-q", how=unprivileged, cwd=out
    )
    assert ran.returncode == 1, ran.stderr
    assert ran.stderr.splitlines() == [f"dedupe: skipped {corpus.unreadable}: Permission denied"]
    assert [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()] == [
        {"path": corpus.unreadable, "reason": "Permission denied"}
    ]


def peak_rss(*args: str, cwd: Path) -> tuple[int, int, str]:
    """Exit code, peak resident memory in bytes and stderr of one `dedupe` run."""
    command = [sys.executable, "-m", "provenance", *args, "-q"]
    ran = subprocess.run(
        [sys.executable, "-c", MEASURE, *command],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=True,
        timeout=300,
    )
    code, peak = ran.stdout.split()
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
    return int(code), int(peak) * scale, ran.stderr


@pytest.fixture(scope="module")
def baseline(corpus: Corpus, workdir: Path) -> int:
    """Peak RSS of a run on one small page: the interpreter and the libraries."""
    return peak_rss(str(corpus.root / "page_one.txt"), cwd=workdir)[1]


@big
@pytest.mark.parametrize(
    ("case", "where", "reason"),
    [
        ("line", "", "too large"),
        ("jsonl_line", "#L1", "line longer than max_bytes"),
        ("bomb", "", "decompresses to more than"),
    ],
    ids=["100MiB-line-txt", "100MiB-line-jsonl", "1GiB-gzip-bomb"],
)
def test_big_inputs_stay_within_bounded_memory(
    corpus: Corpus, workdir: Path, baseline: int, case: str, where: str, reason: str
) -> None:
    path = str(corpus.big[case])
    code, peak, stderr = peak_rss(path, cwd=workdir)
    print(
        f"\npeak RSS {case}: {peak / 2**20:.0f} MiB "
        f"(a small page: {baseline / 2**20:.0f} MiB; bound {PEAK_BOUND / 2**20:.0f} MiB)"
    )
    assert code == 1
    assert stderr.startswith(f"dedupe: skipped {path}{where}: ")
    assert reason in stderr
    assert peak < PEAK_BOUND
