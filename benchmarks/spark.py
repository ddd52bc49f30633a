"""Scale of the Spark engine: wall time and peak memory of the driver, the JVM and the Python
workers, on generated corpora, beside the local engine on the same files.

    python -m benchmarks.spark                          # 100k generated stories on local[2]
    python -m benchmarks.spark --size 1000000 --shuffle 64 --driver-memory 12g
    python -m benchmarks.spark --size 20000 --no-local  # Spark only

The corpus is `benchmarks.speed.scale_corpus` (real Reuters bodies, one story per file, a
third of them lightly edited copies of earlier ones), so the figures sit beside
docs/speed.md. Each engine runs in a subprocess of its own while this process samples the
resident memory of its process tree every half second: the driver (the Python process that
calls Spark), the JVM (in `local[N]` mode the driver and the executor are one JVM), and the
Python workers the JVM forks (summed). Spark writes its records with
`jsonl_text(...).write.text`; the concatenated part files are compared with the local run's
`--jsonl` file byte for byte. Results are printed as a Markdown table and, with `--json`,
written as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .datasets import DATA, REPO
from .speed import scale_corpus

_SAMPLE = 0.5  # seconds between memory samples


def distinct_corpus(source: Path, out: Path, size: int, *, seed: int = 0) -> Path:
    """`size` one-story files like `scale_corpus`'s, a third of them edited copies of an
    earlier one, but every other story made of words drawn from the Reuters vocabulary at
    random, so that stories share no sentence.

    `scale_corpus` makes its stories beyond Reuters' own from sentences of a fixed pool, so
    stories share sentences more and more often as the corpus grows, and candidate pairs
    grow with the square of its size (3.6 times from 100k to 200k stories). This corpus
    keeps them proportional, which measures the engine rather than the pool.
    """
    rng = random.Random(seed)
    texts = (path.read_text("utf-8", "replace") for path in sorted(source.rglob("*.txt")))
    words = sorted({word for text in texts for word in text.split()})
    earlier: list[tuple[str, list[str]]] = []
    for n in range(size):
        if earlier and rng.random() < 1 / 3:
            title, body = rng.choice(earlier)
            body = list(body)
            for _ in range(3):
                body[rng.randrange(len(body))] = rng.choice(words)
        else:
            body = [rng.choice(words) for _ in range(rng.randint(60, 240))]
            title = f"{' '.join(body[:8]).upper()} {n}"
            body = ["Serial", f"{n}.", *body]
            earlier = [*earlier[-999:], (title, body)]
        folder = out / f"{n // 1000:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{n:07d}.txt").write_text(f"{title}\n\n{' '.join(body)}\n", encoding="utf-8")
    return out


def run_spark(
    folder: Path, out: Path, master: str, shuffle: int, driver_memory: str
) -> dict[str, object]:
    """Run the Spark engine over `folder` in this process; JSON Lines parts go to `out`."""
    from provenance.spark import jsonl_text, run_spark, session

    conf = {
        "spark.sql.shuffle.partitions": str(shuffle),
        "spark.driver.memory": driver_memory,
        "spark.ui.enabled": "true",  # its REST API gives the bytes each stage read and shuffled
    }
    began = time.perf_counter()
    spark = session(master, **conf)
    started = time.perf_counter() - began
    run = run_spark(spark, [str(folder)])
    written = time.perf_counter()
    spark.sparkContext.setJobGroup("provenance: write JSON Lines", "write JSON Lines")
    jsonl_text(run.records).write.text(str(out))
    seconds = dict(run.seconds, **{"write JSON Lines": round(time.perf_counter() - written, 3)})
    return {
        "session": round(started, 3),
        "stages": seconds,
        "megabytes": stage_megabytes(spark),
        "counts": run.counts,
        "unique": run.stats.unique_stories,
    }


def stage_megabytes(spark: Any) -> dict[str, dict[str, float]]:
    """MB read from input, written to shuffle and spilled to disk by the jobs of each stage of
    the pipeline (its Spark job group), from the Spark UI's REST API; each Spark stage is
    counted once, in the first group that ran it."""
    base = f"{spark.sparkContext.uiWebUrl}/api/v1/applications/{spark.sparkContext.applicationId}"

    def get(path: str) -> Any:
        with urllib.request.urlopen(base + path, timeout=30) as response:
            return json.load(response)

    stages = {s["stageId"]: s for s in get("/stages?status=complete")}
    totals: dict[str, dict[str, float]] = {}
    seen: set[int] = set()
    for job in sorted(get("/jobs"), key=lambda j: j["jobId"]):
        group = str(job.get("jobGroup", "")).removeprefix("provenance: ") or "other"
        sums = totals.setdefault(group, {"input": 0.0, "shuffle write": 0.0, "spill": 0.0})
        for stage_id in job["stageIds"]:
            stage = stages.get(stage_id)
            if stage is None or stage_id in seen:
                continue
            seen.add(stage_id)
            sums["input"] += stage["inputBytes"] / 2**20
            sums["shuffle write"] += stage["shuffleWriteBytes"] / 2**20
            sums["spill"] += stage["diskBytesSpilled"] / 2**20
    return {g: {k: round(v, 1) for k, v in sums.items()} for g, sums in totals.items()}


def run_local(folder: Path, out: Path) -> dict[str, object]:
    """The `dedupe` command over `folder`, all cores, records to `out`."""
    command = [sys.executable, "-m", "provenance", str(folder), "-q", "--jsonl", str(out)]
    subprocess.run(command, check=False)
    return {}


def measure(argv: list[str]) -> dict[str, object]:
    """Run `python -m benchmarks.spark --child ...argv` and sample its process tree's memory."""
    import psutil

    began = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.spark", "--child", *argv],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    peaks = {"driver": 0, "jvm": 0, "workers": 0, "total": 0}
    root = psutil.Process(child.pid)
    while child.poll() is None:
        try:
            now = _tree_rss(root)
        except psutil.Error:
            now = {}
        for key, value in now.items():
            peaks[key] = max(peaks[key], value)
        time.sleep(_SAMPLE)
    seconds = time.perf_counter() - began
    stdout = child.stdout.read() if child.stdout else ""
    result: dict[str, object] = json.loads(stdout.strip().splitlines()[-1]) if stdout else {}
    result.update(
        seconds=round(seconds, 1),
        returncode=child.returncode,
        **{f"peak_{k}_mb": round(v / 2**20) for k, v in peaks.items()},
    )
    return result


def _tree_rss(root: object) -> dict[str, int]:
    """Resident memory now: the driver process, the JVMs, and the Python processes the JVMs
    started (Spark's Python daemon and workers)."""
    import psutil

    assert isinstance(root, psutil.Process)
    now = {"driver": root.memory_info().rss, "jvm": 0, "workers": 0}
    for proc in root.children(recursive=True):
        try:
            name, rss = proc.name(), proc.memory_info().rss
            ancestors = {p.name() for p in proc.parents()}
        except psutil.Error:
            continue
        if name == "java":
            now["jvm"] += rss
        elif "java" in ancestors:
            now["workers"] += rss
        else:
            now["driver"] += rss  # the local engine's worker processes count as its driver
    now["total"] = sum(now.values())
    return now


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--size", type=int, action="append", default=[])
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--shuffle", type=int, default=16, help="spark.sql.shuffle.partitions")
    parser.add_argument("--driver-memory", default="6g")
    parser.add_argument("--no-local", action="store_true", help="skip the local engine")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    parser.add_argument("--keep", type=Path, help="make the corpora here and keep them")
    parser.add_argument(
        "--corpus",
        choices=("speed", "distinct"),
        default="speed",
        help="speed: benchmarks.speed.scale_corpus; distinct: stories that share no sentences",
    )
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        engine, folder, out, *rest = args.child
        if engine == "spark":
            result = run_spark(Path(folder), Path(out), rest[0], int(rest[1]), rest[2])
        else:
            result = run_local(Path(folder), Path(out))
        print(json.dumps(result))
        return 0

    rows = []
    with tempfile.TemporaryDirectory(prefix="provenance-spark-") as tmp:
        scratch = args.keep or Path(tmp)
        from .reuters import extract

        try:
            reuters = extract(args.data, scratch / "reuters")
        except FileNotFoundError as error:
            print(f"skipped: {error}", file=sys.stderr)
            return 0
        for size in args.size or [100_000]:
            folder = scratch / f"{'g' if args.corpus == 'speed' else 'd'}{size}"
            if not (folder / ".done").exists():
                make = scale_corpus if args.corpus == "speed" else distinct_corpus
                make(reuters, folder, size)
                (folder / ".done").touch()
            spark_out = scratch / f"spark-{size}"
            shutil.rmtree(spark_out, ignore_errors=True)
            spark_args = [str(folder), str(spark_out), args.master, str(args.shuffle)]
            spark = measure(["spark", *spark_args, args.driver_memory])
            row: dict[str, object] = {"size": size, "master": args.master, "spark": spark}
            row["corpus"] = args.corpus
            if not args.no_local:
                local_out = scratch / f"local-{size}.jsonl"
                row["local"] = measure(["local", str(folder), str(local_out)])
                parts = sorted(spark_out.glob("part-*"))
                same = b"".join(p.read_bytes() for p in parts) == local_out.read_bytes()
                row["identical"] = same and spark["returncode"] == 0
            rows.append(row)
            print(json.dumps(row), file=sys.stderr)
    print(table(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


def table(rows: Sequence[dict[str, object]]) -> str:
    """The results as a Markdown table: one line per engine and size."""
    lines = [
        "| stories | engine | seconds | driver MB | JVM MB | Python workers MB | same records |",
        "|---:|---|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        for engine in ("spark", "local"):
            got = row.get(engine)
            if not isinstance(got, dict):
                continue
            name = f"spark {row['master']}" if engine == "spark" else "local `dedupe`"
            same = "" if "identical" not in row else "yes" if row["identical"] else "NO"
            lines.append(
                f"| {row['size']:,} | {name} | {got['seconds']} | {got['peak_driver_mb']} "
                f"| {got['peak_jvm_mb']} | {got['peak_workers_mb']} | {same} |"
            )
    for row in rows:
        spark = row.get("spark")
        if isinstance(spark, dict) and isinstance(spark.get("stages"), dict):
            stages = ", ".join(f"{k} {v:.1f} s" for k, v in spark["stages"].items())
            lines.append(f"\n{row['size']:,} stories on Spark, by stage: {stages}.")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    raise SystemExit(main())
