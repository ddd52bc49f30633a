"""What the Spark engine runs on its executors: the local engine's own functions over Arrow.

Each function here takes and returns Arrow record batches or tables, so that
`mapInArrow` and `applyInArrow` can call it, and nothing here imports pyspark:
the functions are plain Python, testable without Spark. Stories and their
`Features` travel between stages pickled, whole, so that a field added to either
class travels too and every stage works on the very objects the local engine
would build.

A story's id is a 64-bit integer that sorts like its position (path, offset) in
a local run: the index of its partition's first file in the sorted file list (or,
for a DataFrame of documents, the index of its range partition) in the high bits,
its ordinal in the partition's reading order in the low bits. Ids are never dense
and never come from an order-dependent source; only their order is used, and the
order is the local engine's.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import attrs
import numpy as np
import pyarrow as pa

from .candidates import band_rows
from .cluster import Group
from .export import jsonl_lines
from .extract import parse_date
from .model import Skipped, Story, path_key
from .pipeline import _CHUNK, Analysis, _analyse_chunk, _chunks, group
from .readers import Raw
from .records import Occurrence, StoryRecord, build_records
from .settings import Settings
from .text import Features
from .verify import compare, titles_alike

FILE_BITS = 32  # a partition of files: its stories' ordinal below 2**32, first file above
PART_BITS = 40  # a range partition's stories (DataFrame input): ordinal below 2**40

# Skipped inputs are ordered as the local engine lists them: by path, then missing paths,
# then files that could not be framed, then records that could not be read.
MISSING, UNFRAMED, UNREAD = 0, 1, 2

ANALYSED = pa.schema(
    [
        ("id", pa.int64()),
        ("story", pa.binary()),  # pickled `Story`
        ("features", pa.binary()),  # pickled `Features`, sequence dropped
        ("tags", pa.list_(pa.int32())),  # the story's LSH buckets: (tag, key) pairs
        ("keys", pa.list_(pa.int64())),
        ("windows", pa.int32()),  # window signatures of its body
        ("path", pa.string()),  # a skipped input, and why
        ("reason", pa.string()),
        ("category", pa.int8()),
        ("documents", pa.int64()),  # documents read (one row per file or chunk)
    ]
)
ANALYSED_DDL = (
    "id long, story binary, features binary, tags array<int>, keys array<long>, windows int, "
    "path string, reason string, category tinyint, documents long"
)
INPUT_COLUMNS = ("path", "text", "kind", "title", "url", "date", "retrieved")

_ARROW = {"str": pa.string(), "int": pa.int64(), "float": pa.float64()}
_DDL = {"str": "string", "int": "long", "float": "double"}


def _occurrence_types() -> list[tuple[str, str]]:
    """(field, base type) of every `Occurrence` field, read from its annotations."""
    out = []
    for field in attrs.fields(Occurrence):
        base = str(field.type).replace(" | None", "").strip()
        if base not in _ARROW:
            raise TypeError(f"Occurrence.{field.name}: no column type for {field.type!r}")
        out.append((field.name, base))
    return out


SORT_KEYS = ("_file", "_record", "_start")  # the canonical copy's position: the output order
RECORD = pa.schema(
    [
        ("story_id", pa.string()),
        ("title", pa.string()),
        ("date", pa.string()),
        ("text", pa.string()),
        ("files", pa.list_(pa.string())),
        ("occurrences", pa.list_(pa.struct([(n, _ARROW[t]) for n, t in _occurrence_types()]))),
        ("_file", pa.string()),
        ("_record", pa.int64()),
        ("_start", pa.int64()),
    ]
)
OCCURRENCE_DDL = ", ".join(f"{n}: {_DDL[t]}" for n, t in _occurrence_types())
RECORD_DDL = (
    "story_id string, title string, date string, text string, files array<string>, "
    f"occurrences array<struct<{OCCURRENCE_DDL}>>"
)
RECORD_KEYED_DDL = f"{RECORD_DDL}, _file string, _record long, _start long"


def _dumps(value: Story | Features) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def _loads(blobs: Iterable[bytes]) -> list[Any]:
    """Stories or features, unpickled."""
    return [pickle.loads(b) for b in blobs]


def _story_batch(first: int, analysis: Analysis, settings: Settings) -> pa.RecordBatch:
    """One row per story of a chunk, ids `first`, `first + 1`, ... in position order."""
    n = len(analysis.stories)
    ids = first + np.arange(n, dtype=np.int64)
    titles = [f.title for f in analysis.described]
    rows = band_rows(ids, analysis.signed, titles, settings)
    rows = rows[np.argsort(rows[:, 2], kind="stable")] if rows.size else rows.reshape(0, 3)
    offsets = np.searchsorted(rows[:, 2], np.r_[ids, first + n]).astype(np.int32)
    windows = np.bincount(analysis.signed.owners, minlength=n).astype(np.int32)
    return pa.RecordBatch.from_arrays(
        [
            pa.array(ids),
            pa.array([_dumps(s) for s in analysis.stories], pa.binary()),
            pa.array([_dumps(f) for f in analysis.described], pa.binary()),
            pa.ListArray.from_arrays(pa.array(offsets), pa.array(rows[:, 0].astype(np.int32))),
            pa.ListArray.from_arrays(pa.array(offsets), pa.array(rows[:, 1])),
            pa.array(windows),
            *(pa.nulls(n, ANALYSED.field(i).type) for i in range(6, len(ANALYSED))),
        ],
        schema=ANALYSED,
    )


def _other_rows(skipped: Sequence[tuple[Skipped, int, int]], documents: int = 0) -> pa.RecordBatch:
    """Rows for skipped inputs `(skipped, category, order)`, and a count of documents read."""
    rows: list[dict[str, Any]] = [
        {"id": order, "path": s.path, "reason": s.reason, "category": category}
        for s, category, order in skipped
    ]
    if documents:
        rows.append({"documents": documents})
    return pa.RecordBatch.from_pylist(rows, schema=ANALYSED)


@attrs.define
class _Numbering:
    """Ids for the stories of one file or partition, in order, and an order for its skips."""

    base: int
    stories: int = 0
    skipped: int = 0

    def analysed(self, raws: Sequence[Raw], settings: Settings) -> Iterator[pa.RecordBatch]:
        """What the local engine's `analyse` makes of these raw records, as analysed rows."""
        analysis = _analyse_chunk(raws, settings)
        if analysis.stories:
            yield _story_batch(self.base + self.stories, analysis, settings)
            self.stories += len(analysis.stories)
        if analysis.skipped or analysis.files:
            yield _other_rows(self.skips(analysis.skipped, UNREAD), analysis.files)

    def skips(self, skipped: Sequence[Skipped], category: int) -> list[tuple[Skipped, int, int]]:
        first = self.base + self.skipped
        self.skipped += len(skipped)
        return [(s, category, first + i) for i, s in enumerate(skipped)]


def analyse_files(
    batches: Iterable[pa.RecordBatch], settings: Settings
) -> Iterator[pa.RecordBatch]:
    """Read, segment, describe and sign the files of one partition, and band their stories.

    A partition holds a run of consecutive files of the sorted list, (index, path); they
    are framed into raw records and processed in the local engine's chunks, so a large
    JSON Lines or WARC file streams through in bounded memory. Ids start from the first
    file's index, so they sort across partitions as the files do.
    """
    listed = [(i, p) for b in batches for i, p in zip(*b.to_pydict().values(), strict=True)]
    if not listed:
        return
    numbering = _Numbering(listed[0][0] << FILE_BITS)
    unframed: list[Skipped] = []
    for chunk in _chunks([p for _, p in listed], settings, unframed):
        yield from numbering.analysed(chunk, settings)
    if unframed:
        yield _other_rows(numbering.skips(unframed, UNFRAMED))


def raw_of(row: dict[str, Any]) -> Raw:
    """A DataFrame row (path, text, and optionally kind, title, url, date, retrieved) as the
    raw record a reader would frame; read like a JSON Lines record unless `kind` names
    another kind (``html`` is extracted)."""
    title, url, retrieved = row.get("title"), row.get("url"), row.get("retrieved")
    meta = {
        "title": title.strip() or None if isinstance(title, str) else None,
        "url": url or None,
        "date": parse_date(row.get("date")),
    } | ({"retrieved": retrieved} if retrieved else {})
    return Raw(row["path"], row.get("kind") or "jsonl", row.get("text") or "", meta)


def analyse_records(
    batches: Iterable[pa.RecordBatch], settings: Settings
) -> Iterator[pa.RecordBatch]:
    """Analyse one range partition of DataFrame rows, sorted by position, in chunks.

    Rows carry `_part`, the partition's index, which gives the ids' high bits.
    """
    numbering: _Numbering | None = None
    chunk: list[Raw] = []
    for batch in batches:
        for row in batch.to_pylist():
            numbering = numbering or _Numbering(row["_part"] << PART_BITS)
            chunk.append(raw_of(row))
            if len(chunk) >= _CHUNK:
                yield from numbering.analysed(chunk, settings)
                chunk = []
    if chunk and numbering is not None:
        yield from numbering.analysed(chunk, settings)


def _unpickled(ids: list[int], blobs: list[bytes], cache: dict[int, Features]) -> list[Features]:
    """The features of each id, unpickled once per batch however many pairs it is in."""
    for i, blob in zip(ids, blobs, strict=True):
        if i not in cache:
            cache[i] = pickle.loads(blob)
    return [cache[i] for i in ids]


def verify_pairs(batches: Iterable[pa.RecordBatch], settings: Settings) -> Iterator[pa.RecordBatch]:
    """The candidate pairs (a, b, fa, fb) that pass the match rule, as (a, b)."""
    return _kept(batches, lambda x, y: compare(x, y, settings).evidence is not None)


def alike_pairs(batches: Iterable[pa.RecordBatch], settings: Settings) -> Iterator[pa.RecordBatch]:
    """The pairs (a, b, fa, fb) whose titles are alike (`verify.titles_alike`), as (a, b)."""
    return _kept(batches, lambda x, y: titles_alike(x.title, y.title, settings))


def _kept(
    batches: Iterable[pa.RecordBatch], keep: Callable[[Features, Features], bool]
) -> Iterator[pa.RecordBatch]:
    """The pairs (a, b, fa, fb) for which `keep` holds of their features, as (a, b)."""
    for batch in batches:
        cache: dict[int, Features] = {}
        a, b = batch.column("a").to_pylist(), batch.column("b").to_pylist()
        fa = _unpickled(a, batch.column("fa").to_pylist(), cache)
        fb = _unpickled(b, batch.column("fb").to_pylist(), cache)
        kept = [keep(x, y) for x, y in zip(fa, fb, strict=True)]
        pairs = pa.RecordBatch.from_arrays([batch.column("a"), batch.column("b")], names=["a", "b"])
        yield pairs.filter(pa.array(kept, pa.bool_()))


def record_rows(records: Sequence[StoryRecord]) -> pa.Table:
    """Records as rows of the output schema, with their canonical copy's position."""
    rows = []
    for record in records:
        file, number = path_key(record.canonical.path)
        rows.append(
            record.to_dict() | {"_file": file, "_record": number, "_start": record.canonical.start}
        )
    return pa.Table.from_pylist(rows, schema=RECORD)


def record_of(row: dict[str, Any]) -> StoryRecord:
    """A row of the output schema (a dict, as from `Row.asDict(recursive=True)`) as a record."""
    return StoryRecord(
        story_id=row["story_id"],
        title=row["title"],
        date=row["date"],
        text=row["text"],
        occurrences=[Occurrence(**o) for o in row["occurrences"]],
    )


def group_components(
    batches: Iterable[pa.RecordBatch], settings: Settings
) -> Iterator[pa.RecordBatch]:
    """The records of the connected components of one partition, whose rows (component, id,
    story, features, links: the ids b > id it has a verified edge to) come sorted by
    component and id. Each component is grouped by the local engine's `group` and
    `build_records`."""
    rows: list[dict[str, Any]] = []
    for batch in batches:
        records: list[StoryRecord] = []
        for row in batch.to_pylist():
            if rows and row["component"] != rows[0]["component"]:
                records += _component_records(rows, settings)
                rows = []
            rows.append(row)
        if records:
            yield from record_rows(records).to_batches()
    if rows:
        yield from record_rows(_component_records(rows, settings)).to_batches()


def _component_records(rows: Sequence[dict[str, Any]], settings: Settings) -> list[StoryRecord]:
    """The records of one component from its rows, sorted by id (the local run's order)."""
    stories: list[Story] = _loads(r["story"] for r in rows)
    described: list[Features] = _loads(r["features"] for r in rows)
    index = {r["id"]: i for i, r in enumerate(rows)}
    edges = [(i, index[b]) for i, r in enumerate(rows) for b in r["links"] or ()]
    return build_records(stories, described, group(stories, described, edges, settings))


def single_records(batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """The record of each story that matched no other: its own canonical copy."""
    for batch in batches:
        stories: list[Story] = _loads(batch.column("story").to_pylist())
        described: list[Features] = _loads(batch.column("features").to_pylist())
        groups = [Group.alone(i) for i in range(len(stories))]
        yield from record_rows(build_records(stories, described, groups)).to_batches()


def json_lines(batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """Each record row as its JSON Lines line (without the newline), as the local export."""
    for batch in batches:
        lines = [next(jsonl_lines([record_of(r)]))[:-1] for r in batch.to_pylist()]
        yield pa.RecordBatch.from_arrays([pa.array(lines, pa.string())], names=["value"])
