"""The same pipeline on Apache Spark, for archives larger than one machine, with the same output.

    from provenance.spark import dedupe_spark, session
    records = dedupe_spark(session("local[2]"), ["pages/"])  # a DataFrame, docs/schema.md

Needs the ``spark`` extra (``pip install 'news-provenance[spark]'``) and Java 17 or later;
``import provenance`` never imports it. Every stage runs the local engine's own
functions (`spark_tasks`), so a Spark run and a local run give byte-identical records:

1. analyse: each file (or each range partition of a DataFrame of documents) is read,
   segmented, described and signed in `mapInArrow`, as the local engine does it, and each
   story gets an id that sorts like its (path, offset) and its LSH buckets;
2. candidates: `groupBy(tag, key)` over the buckets; all pairs of a bucket of up to
   `max_bucket` stories, a chain in id order in a larger one, as `candidates.band_codes`;
   a pair only title buckets propose is kept when its titles are alike (`verify.titles_alike`);
3. verify: each pair joined to both stories' features and checked by `compare`;
4. components: union-find on the driver, or large-star/small-star in Spark
   (`spark_components`), each labelled by its smallest story id;
5. group: each component's stories, with their edges, gathered in one partition and sorted
   by id, go through `pipeline.group` and `build_records`; a story with no match is a
   record of its own;
6. the records, sorted by their canonical copy's position, as the local run orders them.

See docs/spark.md for what each stage shuffles and the plan for a cluster.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeAlias

import attrs

from . import spark_tasks as tasks
from .candidates import TITLE_TAG, WINDOW_TAG
from .model import Skipped, path_key
from .records import Report, Stats, StoryRecord
from .settings import Settings
from .sources import expand
from .spark_components import DRIVER_EDGES, component_labels

if TYPE_CHECKING:
    from pyspark import Broadcast
    from pyspark.sql import DataFrame, SparkSession

Source: TypeAlias = "Iterable[str | os.PathLike[str]] | DataFrame"

# The pairs one bucket (its ids sorted) proposes: all of them, or a chain when it is large.
_PAIRS = """
CASE WHEN size(ids) <= {max_bucket}
  THEN flatten(transform(sequence(0, size(ids) - 2), i ->
       transform(sequence(i + 1, size(ids) - 1), j -> named_struct('a', ids[i], 'b', ids[j]))))
  ELSE transform(sequence(0, size(ids) - 2), i -> named_struct('a', ids[i], 'b', ids[i + 1]))
END
"""
_RECORD_NUMBER = r"#L?([0-9]+)$"  # model.path_key: FILE#L12, FILE#4096


@attrs.frozen
class SparkRun:
    """A Spark run: the records (a cached DataFrame, in output order), the inputs skipped and
    why, the counts, the time each stage took and how many stories, candidate pairs and
    verified pairs it had. `records.unpersist()` frees the cache."""

    records: DataFrame
    skipped: tuple[Skipped, ...]
    stats: Stats
    seconds: dict[str, float] = attrs.field(factory=dict, eq=False)  # wall time per stage
    counts: dict[str, int] = attrs.field(factory=dict, eq=False)  # stories, pairs, edges


@attrs.define
class _Stages:
    """Wall seconds of each stage (Spark is lazy: a stage's time is that of its actions), and
    a Spark job group per stage, so that its jobs are named in the Spark UI."""

    spark: SparkSession
    laps: dict[str, float] = attrs.field(factory=dict)
    current: str | None = None
    began: float = 0.0
    outer: str | None = None  # the caller's job group, restored at the end

    def next(self, stage: str | None) -> None:
        """End the current stage and begin `stage` (None: the run is over)."""
        context = self.spark.sparkContext
        if self.current is None and stage is not None and not self.laps:
            self.outer = context.getLocalProperty("spark.jobGroup.id")
        now = time.perf_counter()
        if self.current is not None:
            self.laps[self.current] = round(now - self.began, 3)
        self.current, self.began = stage, now
        group = f"provenance: {stage}" if stage else self.outer
        context.setLocalProperty("spark.jobGroup.id", group)  # type: ignore[arg-type]
        context.setLocalProperty("spark.job.description", group)  # type: ignore[arg-type]


def session(master: str = "local[*]", **conf: str) -> SparkSession:
    """A SparkSession for provenance: Python workers run this interpreter, Arrow is on, the
    console progress bar and the web UI are off. `conf` adds Spark settings
    (``**{"spark.driver.memory": "8g"}``)."""
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.master(master).appName("provenance")
    defaults = {
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.sql.execution.arrow.pyspark.enabled": "true",
    }
    for key, value in (defaults | conf).items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def dedupe_spark(
    spark: SparkSession,
    source: Source,
    settings: Settings | None = None,
    *,
    partitions: int | None = None,
    driver_edges: int = DRIVER_EDGES,
) -> DataFrame:
    """One record per story, as a DataFrame with the schema of docs/schema.md, in the order of
    a local run: the same records, story ids and evidence as `provenance.dedupe`.

    `source` is paths (files or folders, as for `dedupe`; read by the executors, so on a
    cluster they must be on storage every node sees) or a DataFrame of documents, one per
    row: `path` and `text`, and optionally `kind` (default ``jsonl``: a row is read like
    a JSON Lines record; ``html`` is extracted), `title`, `url`, `date`, `retrieved`.
    `partitions` splits the reading (default: eight per core). Connected components are
    found on the driver up to `driver_edges` verified pairs, in Spark beyond.
    """
    return run_spark(
        spark, source, settings, partitions=partitions, driver_edges=driver_edges
    ).records


def run_spark(
    spark: SparkSession,
    source: Source,
    settings: Settings | None = None,
    *,
    partitions: int | None = None,
    driver_edges: int = DRIVER_EDGES,
) -> SparkRun:
    """`dedupe_spark`, with the inputs skipped, the counts and the time of each stage."""
    clock = _Stages(spark)
    try:
        return _run(spark, source, settings or Settings(), clock, partitions, driver_edges)
    finally:
        clock.next(None)


def _run(
    spark: SparkSession,
    source: Source,
    settings: Settings,
    clock: _Stages,
    partitions: int | None,
    driver_edges: int,
) -> SparkRun:
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    clock.next("analyse")
    frozen = spark.sparkContext.broadcast(settings)
    parts = partitions or 8 * spark.sparkContext.defaultParallelism
    analysed, missing = _analysed(spark, source, frozen, parts)
    analysed = analysed.persist(StorageLevel.MEMORY_AND_DISK)
    story = F.col("story").isNotNull()
    totals = analysed.agg(
        F.count(F.when(story, 1)), F.max("windows"), F.sum("documents")
    ).collect()[0]
    stories, windows, documents = totals[0], totals[1] or 0, totals[2] or 0
    reasons = analysed.where(F.col("reason").isNotNull()).select("path", "reason", "category", "id")
    skipped = _skipped(missing, reasons.collect())

    clock.next("candidates and verify")
    found = analysed.where(story)
    pairs = _candidates(found, frozen, windowed=windows > 0).persist(StorageLevel.DISK_ONLY)
    candidates = pairs.count()  # pairs materialised: the bucket shuffle can be cleaned up
    edges = _verified(pairs, found, frozen).persist(StorageLevel.MEMORY_AND_DISK)
    count = edges.count()
    pairs.unpersist()
    clock.next("components")
    labels = component_labels(spark, edges, count, driver_edges=driver_edges)
    clock.next("group and records")
    unsorted = _records(found, edges, labels, frozen).persist(StorageLevel.MEMORY_AND_DISK)
    sizes = unsorted.agg(F.count("story_id"), F.sum(F.size("occurrences"))).collect()[0]
    unique, occurrences = sizes[0], sizes[1] or 0
    clock.next("sort")
    records = unsorted.orderBy(*tasks.SORT_KEYS).drop(*tasks.SORT_KEYS)
    records = records.persist(StorageLevel.MEMORY_AND_DISK)
    records.count()  # sorted from the cache (the sort samples its input first)
    clock.next(None)
    for cached in (unsorted, edges, analysed):
        cached.unpersist()
    stats = Stats(
        files=documents,
        skipped=len(skipped),
        stories_found=stories,
        unique_stories=unique,
        duplicate_occurrences=occurrences - unique,
    )
    counts = {"stories": stories, "candidate pairs": candidates, "verified pairs": count}
    return SparkRun(records, skipped, stats, dict(clock.laps), counts)


def _analysed(
    spark: SparkSession, source: Source, frozen: Broadcast[Settings], parts: int
) -> tuple[DataFrame, list[Skipped]]:
    """Every story with its id and buckets, and every input skipped, as analysed rows."""
    from pyspark.sql import DataFrame

    if isinstance(source, DataFrame):
        return _documents(source, frozen, parts), []
    settings = frozen.value
    files, missing = expand(source, include=settings.include, exclude=settings.exclude)
    listed = spark.sparkContext.parallelize(list(enumerate(files)), max(1, min(parts, len(files))))
    frame = spark.createDataFrame(listed, "index long, path string")
    analysed = frame.mapInArrow(lambda b: tasks.analyse_files(b, frozen.value), tasks.ANALYSED_DDL)
    return analysed, missing


def _documents(documents: DataFrame, frozen: Broadcast[Settings], parts: int) -> DataFrame:
    """A DataFrame of documents, range-partitioned and sorted by position, then analysed."""
    from pyspark.sql import functions as F

    missing = [c for c in ("path", "text") if c not in documents.columns]
    if missing:
        raise ValueError(f"a DataFrame of documents needs the columns {missing}")
    columns = [
        F.col(c).cast("string") if c in documents.columns else F.lit(None).cast("string").alias(c)
        for c in tasks.INPUT_COLUMNS
    ]
    number = F.regexp_extract("path", _RECORD_NUMBER, 1)
    keyed = documents.select(*columns).select(
        "*",
        F.regexp_replace("path", _RECORD_NUMBER, "").alias("_file"),
        F.when(number == "", F.lit(-1)).otherwise(number.try_cast("long")).alias("_record"),
    )
    order = ["_file", "_record", "path"]
    ranged = keyed.repartitionByRange(parts, *order).sortWithinPartitions(*order)
    ranged = ranged.withColumn("_part", F.spark_partition_id().cast("long"))
    return ranged.mapInArrow(lambda b: tasks.analyse_records(b, frozen.value), tasks.ANALYSED_DDL)


def _skipped(missing: list[Skipped], rows: list[Any]) -> tuple[Skipped, ...]:
    """Skipped inputs in the local engine's order: by path, then by how they failed."""
    keyed = [(path_key(s.path), tasks.MISSING, i, s) for i, s in enumerate(missing)]
    for row in rows:
        skip = Skipped(row["path"], row["reason"])
        keyed.append((path_key(skip.path), row["category"], row["id"], skip))
    return tuple(s for *_, s in sorted(keyed, key=lambda x: x[:3]))


def _candidates(found: DataFrame, frozen: Broadcast[Settings], *, windowed: bool) -> DataFrame:
    """Pairs (a < b) of stories that share an LSH bucket, as `pipeline.candidate_pairs`:
    those that only title buckets propose when their titles are alike."""
    from pyspark.sql import functions as F

    rows = found.select("id", F.explode(F.arrays_zip("tags", "keys")).alias("b")).select(
        "id", F.col("b.tags").alias("tag"), F.col("b.keys").alias("key")
    )
    if not windowed:  # the local engine bands the window family only when there are windows
        rows = rows.where((F.col("tag") < WINDOW_TAG) | (F.col("tag") >= TITLE_TAG))
    # A story is in a bucket once (band rows are unique per story), so a bucket's list is
    # its set; buckets of the same stories in many bands make their pairs once.
    buckets = (
        rows.groupBy("tag", "key")
        .agg(F.collect_list("id").alias("ids"))
        .where(F.size("ids") >= 2)
        .select(F.array_sort("ids").alias("ids"), (F.col("tag") >= TITLE_TAG).alias("titled"))
        .distinct()
    )
    made = F.explode(F.expr(_PAIRS.format(max_bucket=frozen.value.max_bucket)))
    pairs = (
        buckets.select(made.alias("pair"), "titled")
        .groupBy(F.col("pair.a").alias("a"), F.col("pair.b").alias("b"))
        .agg(F.min("titled").alias("titled"))  # proposed by title buckets alone
    )
    titled = _with_features(pairs.where("titled"), found)
    alike = titled.mapInArrow(lambda b: tasks.alike_pairs(b, frozen.value), "a long, b long")
    return pairs.where("NOT titled").select("a", "b").unionByName(alike)


def _verified(pairs: DataFrame, found: DataFrame, frozen: Broadcast[Settings]) -> DataFrame:
    """The candidate pairs that pass the match rule, each checked with both stories' features."""
    joined = _with_features(pairs, found)
    return joined.mapInArrow(lambda b: tasks.verify_pairs(b, frozen.value), "a long, b long")


def _with_features(pairs: DataFrame, found: DataFrame) -> DataFrame:
    """Pairs (a, b) as (a, b, fa, fb), with both stories' pickled features."""
    left = found.select(found["id"].alias("a"), found["features"].alias("fa"))
    right = found.select(found["id"].alias("b"), found["features"].alias("fb"))
    return pairs.join(left, "a").join(right, "b").select("a", "b", "fa", "fb")


def _records(
    found: DataFrame, edges: DataFrame, labels: DataFrame, frozen: Broadcast[Settings]
) -> DataFrame:
    """Each component grouped as the local engine groups it, each lone story a record of its
    own (unsorted; each with its canonical copy's position)."""
    from pyspark.sql import functions as F

    links = edges.groupBy("a").agg(F.collect_list("b").alias("links"))
    members = (
        found.join(labels.select(F.col("node").alias("id"), "component"), "id")
        .join(links.withColumnRenamed("a", "id"), "id", "left")
        .select("component", "id", "story", "features", "links")
    )
    grouped = (
        members.repartition("component")
        .sortWithinPartitions("component", "id")
        .mapInArrow(lambda b: tasks.group_components(b, frozen.value), tasks.RECORD_KEYED_DDL)
    )
    lone = found.join(labels.select(F.col("node").alias("id")), "id", "left_anti").select(
        "id", "story", "features"
    )
    singles = lone.mapInArrow(tasks.single_records, tasks.RECORD_KEYED_DDL)
    return grouped.unionByName(singles)


def collect_report(
    spark: SparkSession, source: Source, settings: Settings | None = None, **options: Any
) -> Report:
    """The run as a local `Report`, the records collected to the driver in order (for the
    `dedupe` command and for runs whose records fit in memory)."""
    run = run_spark(spark, source, settings, **options)
    try:
        return Report(stories=records_of(run.records), skipped=run.skipped, stats=run.stats)
    finally:
        run.records.unpersist()


def records_of(records: DataFrame) -> Iterator[StoryRecord]:
    """The records of a DataFrame in its order, one partition at a time on the driver."""
    for row in records.toLocalIterator():
        yield tasks.record_of(row.asDict(recursive=True))


def jsonl_text(records: DataFrame) -> DataFrame:
    """One `value` per record: its JSON Lines line as a local run writes it (without the
    newline). ``jsonl_text(records).write.text(folder)`` writes part files whose
    concatenation, in name order, is the local run's ``--jsonl`` file, byte for byte."""
    return records.mapInArrow(tasks.json_lines, "value string")
