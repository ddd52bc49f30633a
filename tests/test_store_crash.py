"""The store survives SIGKILL at any point of an ingest, and readers query while it is written."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

import provenance
from provenance import Store
from provenance.export import jsonl_lines
from provenance.model import path_key
from provenance.pipeline import analyse

from .conftest import make_body, make_title, write_page
from .test_store import without_ids

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Pages of one to three stories drawn from a pool, so that many are copies."""
    root = tmp_path_factory.mktemp("pages")
    rng = random.Random(11)
    for f in range(60):
        chosen = rng.sample(range(40), rng.randint(1, 3))
        write_page(
            root / f"{f % 7}" / f"p{f:03d}.txt", [(make_title(k), make_body(k)) for k in chosen]
        )
    return root


def dedupe(root: Path, db: Path, *extra: str) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "provenance", str(root), "--db", str(db), "-q", "-w", "1"]
    return subprocess.Popen([*command, "--batch", "2", *extra], cwd=Path(__file__).parent.parent)


def export(db: Path) -> list[str]:
    with Store.open(db, create=False) as store:
        return [line for r in store.records() for line in jsonl_lines((r,))]


def check(db: Path, expected: Counter[str]) -> None:
    """A killed ingest leaves a sound file holding whole files, equal to a batch run of them."""
    if not db.exists():
        return  # killed before the store was created
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        if conn.execute("PRAGMA user_version").fetchone()[0] == 0:
            return  # killed while creating the schema: nothing committed
        files = conn.execute("SELECT id, path, stories FROM files").fetchall()
        held = Counter(dict(conn.execute("SELECT file, count(*) FROM stories GROUP BY file")))
        orphans = conn.execute(
            "SELECT count(*) FROM stories WHERE file NOT IN (SELECT id FROM files)"
        ).fetchone()[0]
        unclustered = conn.execute(
            "SELECT count(*) FROM stories WHERE id NOT IN (SELECT story FROM members)"
        ).fetchone()[0]
    assert orphans == 0
    assert unclustered == 0
    for file_id, path, count in files:
        assert held[file_id] == count == expected[path], path  # all of a file's stories, or none
    stored = sorted((path for _, path, _ in files), key=path_key)
    batch = list(jsonl_lines(provenance.dedupe(stored).stories)) if stored else []
    assert without_ids(export(db)) == without_ids(batch)


def test_sigkill_at_random_points_loses_no_file_in_part(pages: Path, tmp_path: Path) -> None:
    expected = Counter(path_key(s.path)[0] for s in analyse([pages], provenance.Settings()).stories)
    clean = tmp_path / "clean.sqlite"
    began = time.perf_counter()
    assert dedupe(pages, clean).wait() == 0
    duration = time.perf_counter() - began
    reference = export(clean)
    db = tmp_path / "killed.sqlite"
    rng = random.Random(2026)
    kills = 0
    for _ in range(16):  # kills pile up on one store; a run that ends first starts it afresh
        process = dedupe(pages, db)
        time.sleep(rng.uniform(0.2, duration))
        killed = process.poll() is None
        if killed:
            process.send_signal(signal.SIGKILL)
        process.wait()
        check(db, expected)
        if not killed:
            for name in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
                name.unlink(missing_ok=True)
        kills += killed
        if kills == 4:
            break
    assert kills == 4
    assert dedupe(pages, db).wait() == 0  # the rerun completes the work
    check(db, expected)
    assert export(db) == reference  # and ends as a clean run did, ids included


def test_a_reader_queries_while_a_writer_ingests(pages: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite"
    writer = dedupe(pages, db, "--batch", "3")
    reads, files_seen = 0, []
    try:
        while writer.poll() is None:
            try:
                store = Store.open(db, create=False)
            except provenance.StoreError:
                time.sleep(0.05)  # not created yet
                continue
            with store, store.snapshot():
                records = list(store.records())
                stats = store.stats()
                if records:
                    assert store.story(records[-1].story_id) is not None
                    assert store.stories_of(records[0].canonical.path)
                assert sum(len(r.occurrences) for r in records) >= stats.stories or not records
                files_seen.append(stats.files)
                reads += 1
    finally:
        if writer.poll() is None:
            os.kill(writer.pid, signal.SIGKILL)
    assert writer.wait() == 0
    assert reads >= 3
    assert len(set(files_seen)) >= 2
    assert files_seen == sorted(files_seen)
    assert without_ids(export(db)) == without_ids(
        list(jsonl_lines(provenance.dedupe([pages]).stories))
    )
