"""The whole run, stage by stage: paths -> documents -> stories -> records.

Each stage is a plain function over the data model, so a caller can stop
after any of them or put in their own. `dedupe` chains them.
"""

from __future__ import annotations

import collections
import datetime as dt
import os
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor

import attrs
import numpy as np

from .candidates import body_codes, decode, title_codes
from .cluster import Group, cluster
from .model import Document, Skipped, Story, path_key
from .readers import Raw, document_of, read, records
from .records import Report, Stats, build_records
from .segment import segment
from .settings import Settings
from .signatures import Signed, sign, sign_sequences
from .sources import expand
from .text import Features, features
from .verify import compare


def read_documents(
    paths: Iterable[str | os.PathLike[str]], settings: Settings
) -> tuple[list[Document], list[Skipped]]:
    """Every readable input as a `Document`, and every other one with its reason."""
    files, missing = expand(paths, include=settings.include, exclude=settings.exclude)
    documents, skipped = _read_files(files, settings)
    return documents, sorted([*missing, *skipped], key=lambda s: path_key(s.path))


def _read_files(files: Sequence[str], settings: Settings) -> tuple[list[Document], list[Skipped]]:
    return _split(result for path in files for result in read(path, settings))


def _split(results: Iterable[Document | Skipped]) -> tuple[list[Document], list[Skipped]]:
    documents: list[Document] = []
    skipped: list[Skipped] = []
    for result in results:
        if isinstance(result, Document):
            documents.append(result)
        else:
            skipped.append(result)
    return documents, skipped


def find_stories(documents: Sequence[Document], settings: Settings) -> list[Story]:
    """The stories of every document, in (path, offset) order."""
    stories = []
    for document in documents:
        found = segment(document.text, document.path, min_words=settings.min_words)
        stories.extend(_with_metadata(found, document))
    return sorted(stories, key=lambda s: s.position)


def _with_metadata(stories: list[Story], document: Document) -> list[Story]:
    """Stories that carry their document's kind, URL and encoding; the page's own title
    and date complete its first story when the text shows none."""
    if document.kind == "text" and document.encoding == "utf-8":
        return stories
    return [
        attrs.evolve(
            story,
            title=story.title or (document.title or "" if story.index == 0 else ""),
            date=story.date or (document.date if story.index == 0 else None),
            encoding=document.encoding,
            kind=document.kind,
            url=document.url,
            retrieved=document.retrieved,
        )
        for story in stories
    ]


def describe(stories: Sequence[Story], settings: Settings) -> list[Features]:
    """Shingles, exact digest and normalised title of every story."""
    return [features(s.title, s.body, settings.shingle_size) for s in stories]


def sign_stories(described: Sequence[Features], settings: Settings) -> Signed:
    """One MinHash signature per story (a row of the matrix), and one per window of a long body.

    Stories described without their shingle sequence get no windows.
    """
    if all(f.sequence is not None for f in described):
        sequences = [f.sequence for f in described if f.sequence is not None]
        return sign_sequences(sequences, num_perm=settings.num_perm, seed=settings.seed)
    matrix = sign([f.shingles for f in described], num_perm=settings.num_perm, seed=settings.seed)
    return Signed(matrix, matrix[:0], np.empty(0, dtype=np.int64))


def candidate_pairs(
    described: Sequence[Features], signed: Signed, settings: Settings
) -> list[tuple[int, int]]:
    """LSH band collisions and title look-alikes: pairs to verify, never yet matches."""
    body = body_codes(
        signed,
        threshold=settings.lsh_threshold,
        num_perm=settings.num_perm,
        max_bucket=settings.max_bucket,
    )
    titles = title_codes(
        [f.title for f in described], max_bucket=settings.max_bucket, seed=settings.seed
    )
    return decode(np.union1d(body, titles), len(described))


def verified(
    pairs: Iterable[tuple[int, int]], described: Sequence[Features], settings: Settings
) -> list[tuple[int, int]]:
    """The candidate pairs that pass the match rule."""
    return [(a, b) for a, b in pairs if compare(described[a], described[b], settings).evidence]


def group(
    stories: Sequence[Story],
    described: Sequence[Features],
    edges: Sequence[tuple[int, int]],
    settings: Settings,
) -> list[Group]:
    """Stories from verified pairs, each around the copy most others match."""

    def rank(i: int) -> tuple[int, int, dt.date, str, int]:
        story = stories[i]
        return (
            -described[i].words,
            -len(story.body),
            story.date or dt.date.max,
            story.path,
            story.start,
        )

    return cluster(
        len(stories),
        edges,
        rank=rank,
        compare=lambda a, b: compare(described[a], described[b], settings),
        settings=settings,
    )


@attrs.frozen
class Analysis:
    """Every file read, split, described and signed: what the matching stages need."""

    stories: list[Story]
    described: list[Features]
    signed: Signed = attrs.field(repr=False)
    skipped: list[Skipped]
    files: int


NO_STORY = "no story in it (only navigation or other boilerplate lines)"
_CHUNK = 128  # records per task: big enough to amortise a task, small enough to balance
_CHUNK_BYTES = 16 * 2**20  # and no more raw bytes than this per task
_AHEAD = 2  # tasks in flight per worker: reading stays ahead of the workers, never far


def _analyse_chunk(raws: Sequence[Raw], settings: Settings) -> Analysis:
    documents, skipped = _split(document_of(raw) for raw in raws)
    stories = find_stories(documents, settings)
    carried = {story.path for story in stories}
    skipped += [Skipped(d.path, NO_STORY) for d in documents if d.path not in carried]
    described = describe(stories, settings)
    signed = sign_stories(described, settings)
    described = [attrs.evolve(f, sequence=None) for f in described]  # signed: no longer needed
    return Analysis(stories, described, signed, skipped, len(documents))


def _chunks(
    files: Iterable[str], settings: Settings, skipped: list[Skipped]
) -> Iterator[list[Raw]]:
    """The raw records of every file in order, in tasks of `_CHUNK` records; files or
    records that cannot be framed go to `skipped`."""
    chunk: list[Raw] = []
    size = 0
    for path in files:
        for item in records(path, settings):
            if isinstance(item, Skipped):
                skipped.append(item)
                continue
            chunk.append(item)
            size += len(item.data)
            if len(chunk) >= _CHUNK or size >= _CHUNK_BYTES:
                yield chunk
                chunk, size = [], 0
    if chunk:
        yield chunk


def analyse(
    paths: Iterable[str | os.PathLike[str]], settings: Settings, *, workers: int | None = None
) -> Analysis:
    """Read, segment, describe and sign every input, on `workers` processes (None: all cores).

    This process frames the files into raw records (reading is I/O) and hands them out
    in tasks of consecutive records, a few tasks ahead of the workers, which decode,
    extract, segment and sign them. Results are joined in reading order, so the result
    is the same whatever the number of workers, and a single large JSON Lines or WARC
    file is spread over every worker like a folder of small files.
    """
    files, missing = expand(paths, include=settings.include, exclude=settings.exclude)
    unframed: list[Skipped] = []
    tasks = _chunks(files, settings, unframed)
    workers = max(1, workers or os.cpu_count() or 1)
    parts: list[Analysis] = []
    if workers == 1:
        parts = [_analyse_chunk(task, settings) for task in tasks]
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            pending: collections.deque[Future[Analysis]] = collections.deque()
            for task in tasks:
                pending.append(pool.submit(_analyse_chunk, task, settings))
                if len(pending) >= _AHEAD * workers:
                    parts.append(pending.popleft().result())
            parts.extend(future.result() for future in pending)
    return Analysis(
        stories=[s for p in parts for s in p.stories],
        described=[f for p in parts for f in p.described],
        signed=_join([p.signed for p in parts], settings.num_perm),
        skipped=sorted(
            [*missing, *unframed, *(s for p in parts for s in p.skipped)],
            key=lambda s: path_key(s.path),
        ),
        files=sum(p.files for p in parts),
    )


def _join(parts: Sequence[Signed], num_perm: int) -> Signed:
    """One `Signed` from those of consecutive chunks (window owners shifted to match)."""
    if not parts:
        empty = np.empty((0, num_perm), dtype=np.uint32)
        return Signed(empty, empty, np.empty(0, dtype=np.int64))
    offsets = np.cumsum([0] + [p.matrix.shape[0] for p in parts[:-1]])
    return Signed(
        np.vstack([p.matrix for p in parts]),
        np.vstack([p.windows for p in parts]),
        np.concatenate([p.owners + offset for p, offset in zip(parts, offsets, strict=True)]),
    )


def dedupe(
    paths: Iterable[str | os.PathLike[str]],
    settings: Settings | None = None,
    *,
    workers: int | None = 1,
) -> Report:
    """Read `paths` (files, folders, "-" for a list on stdin) and return one record per story.

    `workers` processes read, segment and sign the inputs (None: all cores; the `dedupe`
    command uses all). The result does not depend on it. A script that asks for more
    than one worker on Windows or macOS needs the usual `if __name__ == "__main__":`
    guard, as with any use of multiprocessing there.
    """
    return dedupe_with_bodies(paths, settings, workers=workers)[0]


def dedupe_with_bodies(
    paths: Iterable[str | os.PathLike[str]],
    settings: Settings | None = None,
    *,
    workers: int | None = 1,
) -> tuple[Report, dict[tuple[str, int], str]]:
    """`dedupe`, and every story's body by its (path, start): the records keep only the
    canonical text, and the HTML report shows how each copy's own text differs from it."""
    settings = settings or Settings()
    run = analyse(paths, settings, workers=workers)
    stories, described, skipped = run.stories, run.described, run.skipped
    edges = verified(candidate_pairs(described, run.signed, settings), described, settings)
    records = build_records(stories, described, group(stories, described, edges, settings))
    stats = Stats(
        files=run.files,
        skipped=len(skipped),
        stories_found=len(stories),
        unique_stories=len(records),
        duplicate_occurrences=sum(len(r.occurrences) for r in records) - len(records),
    )
    bodies = {(s.path, s.start): s.body for s in stories}
    return Report(stories=records, skipped=skipped, stats=stats), bodies
