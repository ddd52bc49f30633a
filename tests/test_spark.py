"""The Spark engine gives the local engine's records byte for byte, whatever the partitioning or
the order of the input; skipped when PySpark or Java is absent."""

from __future__ import annotations

import itertools
import json
import os
import random
import shutil
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

pytest.importorskip("pyspark")
pytest.importorskip("pyarrow")

from pyspark.sql import SparkSession
from pyspark.sql.types import ArrayType, StructType
from rapidfuzz import fuzz

import provenance
from benchmarks import datasets
from provenance import Settings
from provenance.cli import main
from provenance.export import jsonl_lines
from provenance.records import Occurrence, Report
from provenance.spark import SparkRun, jsonl_text, records_of, run_spark, session
from provenance.spark_components import labels_of, star_labels
from provenance.spark_tasks import RECORD_DDL, record_of, record_rows
from provenance.text import normalize

from .conftest import (
    TITLE_ONLY,
    VOCABULARY,
    make_body,
    make_title,
    write_page,
    write_title_only_pairs,
)

HAS_JAVA = bool(shutil.which("java") or os.environ.get("JAVA_HOME"))
needs_java = pytest.mark.skipif(not HAS_JAVA, reason="Spark needs Java (17 or later)")


@pytest.fixture(scope="module")
def spark() -> Iterator[SparkSession]:
    if not HAS_JAVA:
        pytest.skip("Spark needs Java (17 or later)")
    spark = session("local[2]", **{"spark.sql.shuffle.partitions": "4"})
    yield spark
    spark.stop()


def _paragraphs(seed: int, count: int) -> list[str]:
    return make_body(seed, count).split("\n\n")


def _title_at(base: str, low: float, high: float) -> str:
    """A one-word variant of `base` whose title similarity to it is in [low, high)."""
    words = base.split()
    for i in range(len(words)):
        for word in VOCABULARY:
            variant = " ".join([*words[:i], word, *words[i + 1 :]])
            if low <= fuzz.token_sort_ratio(normalize(base), normalize(variant)) < high:
                return variant[0].upper() + variant[1:]
    raise AssertionError(f"no variant of {base!r} in [{low}, {high})")


def build_corpus(folder: Path) -> list[str]:
    """Pages that hit every case of the local engine; returns every input path, a missing one
    included."""
    wire, other, third = ((make_title(n), make_body(n)) for n in (1, 2, 3))  # copied exactly
    write_page(folder / "a" / "001.txt", [wire, other])
    write_page(folder / "a" / "002.txt", [other, wire, third])
    # the same story twice in one file
    write_page(folder / "b" / "003.txt", [wire, (make_title(4), make_body(4)), wire])
    # an excerpt (two middle paragraphs) of a long story, under another headline
    long = _paragraphs(5, 12)
    write_page(folder / "b" / "004.txt", [(make_title(5), "\n\n".join(long))])
    write_page(folder / "c" / "005.txt", [(make_title(6), "\n\n".join(long[5:7]))])
    # a chain: A ~ B ~ C, A and C apart (overlapping windows of paragraphs, unrelated titles)
    chain = _paragraphs(7, 6)
    for name, (lo, hi), seed in (("006", (0, 4), 7), ("007", (1, 5), 8), ("008", (2, 6), 9)):
        write_page(folder / "c" / f"{name}.txt", [(make_title(seed), "\n\n".join(chain[lo:hi]))])
    # a composite copy: two stories the segmenter cannot split, and each story alone
    x, y = _paragraphs(10, 4), _paragraphs(11, 4)
    write_page(folder / "d" / "009.txt", [(make_title(10), "\n\n".join(x + y))])
    write_page(folder / "d" / "010.txt", [(make_title(10), "\n\n".join(x))])
    write_page(folder / "d" / "011.txt", [(make_title(11), "\n\n".join(y))])
    # half the text shared: a title just above the cut-off joins, one just below does not
    shared = _paragraphs(12, 6)
    title = make_title(12)
    above, below = _title_at(title, 90, 92), _title_at(title, 86, 90)
    write_page(folder / "e" / "012.txt", [(title, "\n\n".join(shared[:4]))])
    write_page(folder / "e" / "013.txt", [(above, "\n\n".join(shared[2:]))])
    write_page(folder / "e" / "014.txt", [(below, "\n\n".join(shared[:2] + _paragraphs(16, 2)))])
    # many exact copies: a giant bucket once `max_bucket` is small
    for n in range(6):
        write_page(folder / "f" / f"copy-{n}.txt", [(make_title(13), make_body(13))])
    # JSON Lines (a copy, a new story, a bad line) and an HTML page
    records = [
        {"title": wire[0], "text": f"{wire[0]}\n\n{wire[1]}", "url": "https://example.org/w"},
        {"title": make_title(14), "text": make_body(14), "date": "2025-12-09"},
    ]
    lines = [json.dumps(r) for r in records] + ["{not json"]
    (folder / "g").mkdir()
    (folder / "g" / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    paragraphs = "".join(f"<p>{p}</p>" for p in _paragraphs(15, 5))
    (folder / "g" / "page.html").write_text(
        f"<html><head><title>{make_title(15)}</title></head><body><article>"
        f"<h1>{make_title(15)}</h1>{paragraphs}</article></body></html>",
        encoding="utf-8",
    )
    (folder / "g" / "empty.txt").write_text("", encoding="utf-8")
    paths = sorted(str(p) for p in folder.rglob("*") if p.is_file())
    return [*paths, str(folder / "missing.txt")]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    return build_corpus(tmp_path_factory.mktemp("spark-corpus"))


def _jsonl(report: Report | SparkRun) -> str:
    stories = report.stories if isinstance(report, Report) else list(records_of(report.records))
    return "".join(jsonl_lines(stories))


def _same(run: SparkRun, local: Report) -> None:
    assert _jsonl(run) == _jsonl(local)
    assert run.skipped == local.skipped
    assert run.stats == local.stats


def test_the_corpus_hits_every_case(corpus: list[str]) -> None:
    report = provenance.dedupe(corpus)
    files_of = {r.story_id: {Path(p).name for p in r.files} for r in report.stories}
    wire = [r for r in report.stories if {"001.txt", "002.txt", "003.txt"} <= files_of[r.story_id]]
    assert len(wire) == 1
    assert len(wire[0].occurrences) > len(wire[0].files), "the same story twice in one file"
    evidence = {o.evidence for r in report.stories for o in r.occurrences}
    assert {"exact", "containment", "title", "minhash"} <= evidence
    assert any({"012.txt", "013.txt"} <= f for f in files_of.values()), "title above joins"
    assert not any({"012.txt", "014.txt"} <= f for f in files_of.values()), "below does not"
    composite = [f for f in files_of.values() if "009.txt" in f]
    assert len(composite) == 2, "a composite copy joins both stories it carries"
    assert any({"004.txt", "005.txt"} <= f for f in files_of.values()), "the excerpt"
    assert {s.reason for s in report.skipped} >= {"no such file or directory", "empty file"}
    assert any("invalid JSON" in s.reason for s in report.skipped)


@needs_java
@pytest.mark.parametrize(
    ("partitions", "shuffle", "seed"), [(1, 1, 0), (3, 4, 1), (16, 7, 2)], ids=str
)
def test_same_records_as_local(
    spark: SparkSession, corpus: list[str], partitions: int, shuffle: int, seed: int
) -> None:
    local = provenance.dedupe(corpus)
    shuffled = random.Random(seed).sample(corpus, len(corpus))
    spark.conf.set("spark.sql.shuffle.partitions", str(shuffle))
    try:
        run = run_spark(spark, shuffled, partitions=partitions)
    finally:
        spark.conf.set("spark.sql.shuffle.partitions", "4")
    _same(run, local)


@needs_java
def test_giant_buckets_and_components_in_spark(spark: SparkSession, corpus: list[str]) -> None:
    """Buckets over `max_bucket` are chained in story order, and the large-star/small-star
    components (forced by `driver_edges=0`) agree with the driver's union-find."""
    settings = Settings(max_bucket=2)
    local = provenance.dedupe(corpus, settings)
    copies = [r for r in local.stories if any("copy-" in p for p in r.files)]
    assert [len(r.files) for r in copies] == [6]  # a chain still joins a bucket's six copies
    run = run_spark(spark, corpus, settings, partitions=5, driver_edges=0)
    _same(run, local)


@needs_java
def test_pairs_only_title_buckets_propose_as_local(spark: SparkSession, tmp_path: Path) -> None:
    """A pair that only title buckets propose is a candidate when its titles are alike."""
    settings = Settings(**TITLE_ONLY)
    files = sorted(str(p) for p in write_title_only_pairs(tmp_path).glob("*.txt"))
    local = provenance.dedupe(files, settings)
    assert [len(r.files) for r in local.stories] == [1, 1, 2]
    _same(run_spark(spark, files, settings, partitions=2), local)


@needs_java
def test_json_lines_parts_are_the_local_file(
    spark: SparkSession, corpus: list[str], tmp_path: Path
) -> None:
    run = run_spark(spark, corpus, partitions=4)
    jsonl_text(run.records).write.text(str(tmp_path / "out"))
    parts = sorted((tmp_path / "out").glob("part-*"))
    written = b"".join(p.read_bytes() for p in parts)
    local = tmp_path / "local.jsonl"
    provenance.write_jsonl(provenance.dedupe(corpus).stories, local)
    assert written == local.read_bytes()
    assert run.records.schema == StructType.fromDDL(RECORD_DDL)
    occurrences = run.records.schema["occurrences"].dataType
    assert isinstance(occurrences, ArrayType)
    assert isinstance(occurrences.elementType, StructType)
    assert occurrences.elementType.names == [f.name for f in attrs.fields(Occurrence)]


@needs_java
@pytest.mark.parametrize("partitions", [1, 4])
def test_a_dataframe_of_documents_reads_like_json_lines(
    spark: SparkSession, tmp_path: Path, partitions: int
) -> None:
    rows = [
        {
            "title": make_title(n % 7),
            "text": make_body(n % 7) if n % 5 else make_body(n % 7)[:400],
            "url": f"https://example.org/{n}",
            "date": f"2025-12-{n % 28 + 1:02d}",
        }
        for n in range(24)
    ]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    local = provenance.dedupe([str(feed)])
    documents = [r | {"path": f"{feed}#L{n}"} for n, r in enumerate(rows, 1)]
    random.Random(partitions).shuffle(documents)
    frame = spark.createDataFrame(
        documents, "path string, title string, text string, url string, date string"
    ).repartition(3)
    run = run_spark(spark, frame, partitions=partitions)
    assert local.stats.duplicate_occurrences > 0
    _same(run, local)


@needs_java
def test_same_records_as_local_on_aeb(
    spark: SparkSession, tmp_path_factory: pytest.TempPathFactory
) -> None:
    if not (datasets.DATA / datasets.AEB_TARBALL).exists():
        pytest.skip(f"{datasets.DATA / datasets.AEB_TARBALL} is absent")
    aeb = datasets.aeb(Path(tmp_path_factory.mktemp("aeb")))
    local = provenance.dedupe(aeb.paths, workers=None)
    run = run_spark(spark, aeb.paths)
    _same(run, local)


@needs_java
def test_cli_engine_spark(corpus: list[str], tmp_path: Path, spark: SparkSession) -> None:
    ours, theirs = tmp_path / "spark.jsonl", tmp_path / "local.jsonl"
    for engine, out in (("spark", ours), ("local", theirs)):
        with pytest.raises(SystemExit) as done:
            main([*corpus, "--engine", engine, "--master", "local[2]", "-q", "--jsonl", str(out)])
        assert done.value.code == 1  # the missing path and the bad inputs are reported
    assert ours.read_bytes() == theirs.read_bytes()


@needs_java
def test_star_components_match_union_find(spark: SparkSession) -> None:
    rng = random.Random(3)
    ids = rng.sample(range(1, 2**62), 60)
    path = list(itertools.pairwise(ids[:30]))  # a long chain, ids in no order
    loose = [(rng.choice(ids[30:]), rng.choice(ids[30:])) for _ in range(20)]
    edges = [(a, b) for a, b in path + loose if a != b]
    frame = spark.createDataFrame(edges, "a long, b long")
    got = {r["node"]: r["component"] for r in star_labels(frame).collect()}
    import numpy as np

    nodes, labels = labels_of(np.array([a for a, _ in edges]), np.array([b for _, b in edges]))
    assert got == dict(zip(nodes.tolist(), labels.tolist(), strict=True))
    assert got[ids[29]] == min(ids[:30])


def test_labels_are_the_smallest_member() -> None:
    import numpy as np

    a, b = np.array([9, 4, 7, 100], dtype=np.int64), np.array([4, 2, 8, 50], dtype=np.int64)
    nodes, labels = labels_of(a, b)
    assert dict(zip(nodes.tolist(), labels.tolist(), strict=True)) == {
        2: 2, 4: 2, 9: 2, 7: 7, 8: 7, 50: 50, 100: 50,
    }  # fmt: skip


def test_records_survive_the_row_schema(seeds_dir: Path) -> None:
    records = provenance.dedupe([seeds_dir]).stories
    table = record_rows(records)
    back = [record_of(row) for row in table.to_pylist()]
    assert back == list(records)
    assert "".join(jsonl_lines(back)) == "".join(jsonl_lines(records))
