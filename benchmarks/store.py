"""Scale of the SQLite store: ingest N generated stories, then time one story's provenance.

    python -m benchmarks.store --size 100000                 # the figures of docs/store.md
    python -m benchmarks.store --size 1000000 --batch 1024   # the 1M run
    python -m benchmarks.store --quick                       # a smoke run (CI)

The stories are benchmarks.speed's scale corpus: one story per file, real Reuters bodies,
then bodies written by a Markov chain of their words, a third of them lightly edited copies
of earlier ones. The ingest runs in a process of its own (`Store.ingest`, `--workers` reading
processes), so that its time and peak memory are its own; then the store's size on disk
(the file, its WAL, and each table) is read, and `--lookups` random stories are looked up:
`Store.story` (one story's provenance: every file and offset), `Store.stories_of` (the
stories of one file), each timed alone, median and 99th percentile.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from .datasets import DATA, REPO
from .rss import watch
from .speed import scale_corpus


def ingest(corpus: Path, db: Path, workers: int, batch: int) -> dict[str, float]:
    """Seconds of ingesting `corpus` into a new store in a fresh process, and peak memory:
    of that process, and of it with its reading processes (sampled every 0.2 s)."""
    code = (
        "import json, sys, time\n"
        "from provenance.store import Store\n"
        "if __name__ == '__main__':\n"
        "    began = time.perf_counter()\n"
        "    with Store.open(sys.argv[1]) as store:\n"
        "        workers, batch = int(sys.argv[3]), int(sys.argv[4])\n"
        "        done = store.ingest([sys.argv[2]], workers=workers, batch=batch)\n"
        "    print(json.dumps({'seconds': time.perf_counter() - began,\n"
        "                      'stories': done.stories_added}))\n"
    )
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as script:
        script.write(code)
    try:
        command = [sys.executable, script.name, str(db), str(corpus), str(workers), str(batch)]
        with subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=REPO) as process:
            own, tree = watch(process)
            out = process.stdout.read() if process.stdout else ""
    finally:
        os.unlink(script.name)
    if process.returncode:
        raise RuntimeError(f"the ingest failed with exit code {process.returncode}")
    result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return {**result, "peak rss MB": own / 1e6, "peak rss with workers MB": tree / 1e6}


def sizes(db: Path) -> dict[str, float]:
    """MB on disk: the file, its WAL, and each table with its indexes (when dbstat exists)."""
    out = {"file": db.stat().st_size / 1e6}
    wal = Path(f"{db}-wal")
    out["wal"] = wal.stat().st_size / 1e6 if wal.exists() else 0.0
    with sqlite3.connect(db) as conn:
        page = conn.execute("PRAGMA page_size").fetchone()[0]
        out["free pages"] = conn.execute("PRAGMA freelist_count").fetchone()[0] * page / 1e6
        try:
            rows = conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name").fetchall()
        except sqlite3.OperationalError:  # SQLite built without dbstat
            return out
        tables = dict(conn.execute("SELECT name, tbl_name FROM sqlite_master").fetchall())
    for name, size in rows:
        table = tables.get(name, name)
        out[f"table {table}"] = out.get(f"table {table}", 0.0) + size / 1e6
    return out


def latencies(db: Path, lookups: int, seed: int = 0) -> dict[str, float]:
    """Milliseconds per `Store.story` and per `Store.stories_of`, median and 99th percentile."""
    from provenance.store import Store

    with Store.open(db, create=False) as store:
        ids = [r[0] for r in store.db.execute("SELECT id FROM clusters ORDER BY id")]
        files = [r[0] for r in store.db.execute("SELECT path FROM files ORDER BY path")]
        rng = random.Random(seed)
        out: dict[str, float] = {}
        for name, query, keys in (
            ("story", store.story, rng.choices(ids, k=lookups)),
            ("stories_of", store.stories_of, rng.choices(files, k=lookups)),
        ):
            times = []
            for key in keys:
                began = time.perf_counter()
                found = query(key)
                times.append((time.perf_counter() - began) * 1000)
                assert found, key
            times.sort()
            out[f"{name} median ms"] = statistics.median(times)
            out[f"{name} p99 ms"] = times[min(len(times) - 1, int(0.99 * len(times)))]
            out[f"{name} max ms"] = times[-1]
        began = time.perf_counter()
        exported = sum(1 for _ in store.records())
        out["export records s"] = time.perf_counter() - began
        assert exported == len(ids)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--size", type=int, default=100_000, help="stories to ingest")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--batch", type=int, default=256, help="files per transaction")
    parser.add_argument("--lookups", type=int, default=2000)
    parser.add_argument("--work", type=Path, help="keep the corpus and the store here")
    parser.add_argument("--quick", action="store_true", help="a small run, for CI")
    args = parser.parse_args(argv)
    size, lookups = (300, 100) if args.quick else (args.size, args.lookups)
    with tempfile.TemporaryDirectory(prefix="provenance-store-") as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        from .reuters import extract

        try:
            reuters = extract(args.data, work / "reuters")
        except FileNotFoundError as error:
            print(f"skipped: {error}", file=sys.stderr)
            return 0
        corpus = work / f"g{size}"
        if not corpus.exists():
            scale_corpus(reuters, corpus, size)
        db = work / f"g{size}.sqlite"
        for stale in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
            stale.unlink(missing_ok=True)
        result = {"stories": float(size), **ingest(corpus, db, args.workers, args.batch)}
        result["stories/s"] = result["stories"] / result["seconds"]
        result.update(sizes(db))
        result.update(latencies(db, lookups))
    width = max(len(k) for k in result)
    for key, value in result.items():
        print(f"{key:<{width}}  {value:,.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
