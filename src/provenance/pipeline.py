"""The whole run, stage by stage: paths -> documents -> stories -> records.

Each stage is a plain function over the data model, so a caller can stop
after any of them or put in their own. `dedupe` chains them.
"""

from __future__ import annotations

import collections
import contextlib
import datetime as dt
import functools
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

import attrs
import numpy as np
from tqdm import tqdm

from .candidates import (
    TITLE_TAG,
    WINDOW_TAG,
    Codes,
    Rows,
    band_rows,
    body_codes,
    bucket_codes,
    decode,
    merged,
    title_codes,
)
from .cluster import Group, Part, cluster, connected, split
from .export import jsonl_lines
from .model import Document, Skipped, Story, path_key
from .readers import Raw, document_of, read, records
from .records import Report, Stats, StoryRecord, build_record
from .segment import segment
from .settings import Settings
from .signatures import Signed, sign, sign_sequences
from .sources import expand
from .spill import FEATURES, STORIES, Column, Located, Spill, Titles, read_band, read_titles
from .text import Features, found_in, many_features, sorted_unique
from .verify import Match, compare, titles_alike_at

T = TypeVar("T")


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
    return many_features([(s.title, s.body) for s in stories], settings.shingle_size)


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
    """LSH band collisions and title look-alikes: pairs to verify, never yet matches.

    A pair that only the title bands propose is kept when its titles are alike
    (`verify.titles_alike`): only the title paths of the match rule could link it.
    """
    n = len(described)
    body = body_codes(
        signed,
        threshold=settings.lsh_threshold,
        num_perm=settings.num_perm,
        max_bucket=settings.max_bucket,
    )
    titles = [f.title for f in described]
    by_title = title_codes(titles, max_bucket=settings.max_bucket, seed=settings.seed)
    alike = _alike_codes(by_title[~found_in(by_title, body)], n, titles, settings)
    return decode(merged([body, alike]), n)


def _alike_codes(codes: Codes, n: int, titles: Sequence[str], settings: Settings) -> Codes:
    """The pairs of `codes` (`i * n + j`) whose titles are alike (`verify.titles_alike`)."""
    alike: Codes = codes[titles_alike_at(titles, codes // n, codes % n, settings)]
    return alike


def verified(
    pairs: Iterable[tuple[int, int]],
    described: Sequence[Features] | Mapping[int, Features],
    settings: Settings,
) -> list[tuple[int, int]]:
    """The candidate pairs that pass the match rule."""
    return list(verified_matches(pairs, described, settings))


def verified_matches(
    pairs: Iterable[tuple[int, int]],
    described: Sequence[Features] | Mapping[int, Features],
    settings: Settings,
) -> dict[tuple[int, int], Match]:
    """The candidate pairs that pass the match rule, each with its match: grouping
    asks again for most of them."""
    found = {}
    for a, b in pairs:
        match = compare(described[a], described[b], settings)
        if match.evidence is not None:
            found[a, b] = match
    return found


def group(
    stories: Sequence[Story],
    described: Sequence[Features],
    edges: Sequence[tuple[int, int]],
    settings: Settings,
    *,
    matches: Mapping[tuple[int, int], Match] | None = None,
    progress: bool = False,
) -> list[Group]:
    """Stories from verified pairs, each around the copy most others match (`matches`: the
    verified pairs' matches, not computed again; `progress`: a bar over the connected
    components on stderr when it is a terminal)."""
    rank, compared = _judges(stories, described, settings, matches or {})
    return cluster(
        len(stories),
        edges,
        rank=rank,
        compare=compared,
        settings=settings,
        progress=(lambda parts: _bar(parts, progress, "grouping", "part")) if progress else None,
    )


Rank = tuple[int, int, dt.date, str, int]


def _judges(
    stories: Sequence[Story] | Mapping[int, Story],
    described: Sequence[Features] | Mapping[int, Features],
    settings: Settings,
    matches: Mapping[tuple[int, int], Match],
) -> tuple[Callable[[int], Rank], Callable[[int, int], Match]]:
    """What `cluster` asks of two stories: which is the more complete copy (the lower rank),
    each story's rank made once (the stories may be on disk), and how they match, a
    verified pair's match reused (the match rule is symmetric)."""

    @functools.cache
    def rank(i: int) -> Rank:
        story = stories[i]
        return (
            -described[i].words,
            -len(story.body),
            story.date or dt.date.max,
            story.path,
            story.start,
        )

    def compared(a: int, b: int) -> Match:
        match = matches.get((a, b) if a < b else (b, a))
        return match if match is not None else compare(described[a], described[b], settings)

    return rank, compared


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


def _tasks(
    paths: Iterable[str | os.PathLike[str]], settings: Settings
) -> tuple[Iterator[list[Raw]], list[Skipped], list[Skipped]]:
    """The raw-record tasks of every input, the paths that are missing, and (filled as the
    tasks are taken) the files or records that cannot be framed."""
    files, missing = expand(paths, include=settings.include, exclude=settings.exclude)
    unframed: list[Skipped] = []
    return _chunks(files, settings, unframed), missing, unframed


class _Pool(ProcessPoolExecutor):
    def __init__(self, workers: int) -> None:
        super().__init__(max_workers=workers)
        self.workers = workers


@contextlib.contextmanager
def _pool(workers: int | None) -> Iterator[_Pool | None]:
    """Worker processes for a run (None: all cores), or None to work in this process."""
    count = max(1, workers or os.cpu_count() or 1)
    if count == 1:
        yield None
        return
    with _Pool(count) as pool:
        yield pool


def _mapped(
    pool: _Pool | None, work: Callable[..., T], tasks: Iterable[tuple[Any, ...]]
) -> Iterator[T]:
    """`work(*task)` for every task, on the pool's processes, results in task order.

    Tasks are handed out a few ahead of the workers: reading stays ahead, never far.
    """
    if pool is None:
        yield from (work(*task) for task in tasks)
        return
    ahead = _AHEAD * pool.workers
    pending: collections.deque[Future[T]] = collections.deque()
    for task in tasks:
        pending.append(pool.submit(work, *task))
        if len(pending) >= ahead:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


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
    tasks, missing, unframed = _tasks(paths, settings)
    with _pool(workers) as pool:
        parts = list(_mapped(pool, _analyse_chunk, ((task, settings) for task in tasks)))
    return Analysis(
        stories=[s for p in parts for s in p.stories],
        described=[f for p in parts for f in p.described],
        signed=_join([p.signed for p in parts], settings.num_perm),
        skipped=_in_order([*missing, *unframed, *(s for p in parts for s in p.skipped)]),
        files=sum(p.files for p in parts),
    )


def _in_order(skipped: Iterable[Skipped]) -> list[Skipped]:
    return sorted(skipped, key=lambda s: path_key(s.path))


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


@attrs.frozen
class _Scanned:
    """What a worker hands back for one task when the run keeps stories on disk: stories
    and features pickled, and the LSH buckets they fall in (signatures are not needed
    past banding, and windows would weigh more than the text)."""

    stories: list[bytes]
    described: list[bytes]
    titles: bytes
    buckets: Rows
    windows: int
    skipped: list[Skipped]
    files: int


def _scan_chunk(raws: Sequence[Raw], settings: Settings) -> _Scanned:
    analysis = _analyse_chunk(raws, settings)
    ids = np.arange(len(analysis.stories), dtype=np.int64)
    titles = [f.title for f in analysis.described]
    return _Scanned(
        STORIES.dumps(analysis.stories),
        FEATURES.dumps(analysis.described),
        Titles.dumps(titles),
        band_rows(ids, analysis.signed, titles, settings, ordered=False),
        int(analysis.signed.windows.shape[0]),
        analysis.skipped,
        analysis.files,
    )


# Candidate pairs decoded at a time: blocks small enough that the last ones keep every worker
# busy (three blocks of 1 << 16 on two workers left one idle for a third of the stage).
_VERIFY_BLOCK = 1 << 14
_BANDS_PER_TASK = 4  # bands of one family whose pairs a worker joins: 20 tasks for 77 bands
_RECORDS_BLOCK = 2048  # groups per task when records are written by the workers


@attrs.frozen
class Run:
    """A finished run whose stories stay on disk: its groups are made, its records are
    built one at a time as they are read (`records`), so that a million stories need
    memory for their groups, not for their texts. Open one with `open_run`."""

    stories: Column[Story] = attrs.field(repr=False)
    described: Column[Features] = attrs.field(repr=False)
    groups: list[Group] = attrs.field(repr=False)
    skipped: list[Skipped]
    stats: Stats
    progress: bool = False
    pool: _Pool | None = attrs.field(default=None, repr=False)

    def records(self) -> Iterator[StoryRecord]:
        """One record per story, ordered by where its canonical copy sits in the run."""
        groups = _bar(self.groups, self.progress, "records", "story")
        for found in groups:  # by canonical story: stories are numbered in run order
            yield build_record(self.stories, self.described, found)

    def lines(self) -> Iterator[str]:
        """The records as JSON Lines (`export.jsonl_lines` of `records`), built and encoded
        on the run's worker processes, a block of groups per task."""
        if self.pool is None:
            yield from jsonl_lines(self.records())
            return
        step = _RECORDS_BLOCK
        blocks = (self.groups[lo : lo + step] for lo in range(0, len(self.groups), step))
        tasks = (self._block_task(block) for block in blocks)
        bar = tqdm(
            total=len(self.groups), desc="records", unit=" story", disable=_off(self.progress)
        )
        with bar:
            for text, count in _mapped(self.pool, _record_lines, tasks):
                yield text
                bar.update(count)

    def _block_task(self, groups: list[Group]) -> tuple[Any, ...]:
        members = sorted_unique(np.array([m for g in groups for m, _ in g.members], np.int64))
        canonical = sorted_unique(np.array([g.canonical for g in groups], np.int64))
        return (self.stories.locate(members), self.described.locate(canonical), groups)

    def bodies(self) -> dict[tuple[str, int], str]:
        """Every story's body by its (path, start), for the HTML report."""
        return {(s.path, s.start): s.body for s in self.stories}


@contextlib.contextmanager
def open_run(
    paths: Iterable[str | os.PathLike[str]],
    settings: Settings | None = None,
    *,
    workers: int | None = 1,
    directory: str | os.PathLike[str] | None = None,
    progress: bool = False,
) -> Iterator[Run]:
    """Run every stage on `paths`, keeping stories and their features in a temporary
    folder (in `directory`, default: the system's), removed when the block ends.

    The same records as `dedupe`, which is built on it; a caller that writes them
    out one by one (as the `dedupe` command does) never holds them all. `progress`
    shows a bar per stage on stderr when it is a terminal.
    """
    settings = settings or Settings()
    with Spill(directory) as spill, _pool(workers) as pool:
        tasks, missing, unframed = _tasks(paths, settings)
        first = windows = files = 0
        skipped: list[Skipped] = []
        with tqdm(desc="reading", unit=" docs", disable=_off(progress)) as bar:
            for part in _mapped(pool, _scan_chunk, ((task, settings) for task in tasks)):
                spill.stories.extend(part.stories)
                spill.described.extend(part.described)
                spill.titles.extend(part.titles)
                spill.buckets.add(part.buckets, first)
                first += len(part.stories)
                windows += part.windows
                files += part.files
                skipped += part.skipped
                bar.update(part.files)
        matches = _verified_buckets(spill, windows > 0, settings, pool, progress)
        groups = _grouped(spill, matches, settings, pool, progress)
        skipped = _in_order([*missing, *unframed, *skipped])
        occurrences = sum(len(g.members) for g in groups)
        stats = Stats(
            files=files,
            skipped=len(skipped),
            stories_found=first,
            unique_stories=len(groups),
            duplicate_occurrences=occurrences - len(groups),
        )
        yield Run(spill.stories, spill.described, groups, skipped, stats, progress, pool)


def _record_lines(stories: Located, described: Located, groups: list[Group]) -> tuple[str, int]:
    """The JSON Lines of a block of groups, and how many (a worker's task): their stories
    and canonical features are read from the spill."""
    story_of, features_of = stories.read(STORIES), described.read(FEATURES)
    records = (build_record(story_of, features_of, g) for g in groups)
    return "".join(jsonl_lines(records)), len(groups)


def _off(progress: bool) -> bool | None:
    """tqdm's `disable`: None shows the bar only when stderr is a terminal."""
    return None if progress else True


def _bar(
    items: Iterable[T], progress: bool, desc: str, unit: str, total: int | None = None
) -> Iterable[T]:
    if not progress:
        return items
    return tqdm(items, desc=desc, unit=f" {unit}", total=total, disable=_off(progress))


def _verified_buckets(
    spill: Spill,
    windows: bool,
    settings: Settings,
    pool: _Pool | None = None,
    progress: bool = False,
) -> dict[tuple[int, int], Match]:
    """`candidate_pairs` then `verified_matches`: a few bands of one family, then a block
    of pairs, per task.

    The workers read the band files, the titles and the features they need from the
    spill themselves: what goes to them is file names, offsets and pairs. Copies
    collide in most bands, so a task hands back the pairs of its bands once; a task of
    title bands, only those whose titles are alike (a pair body bands propose too is
    in their tasks' pairs, so the union is `candidate_pairs`').
    """
    n = len(spill.stories)
    # as `candidate_pairs`: the window bands only when some story has windows
    tags = [t for t in spill.buckets.tags if windows or not WINDOW_TAG <= t < TITLE_TAG]
    spill.buckets.flush()  # the workers read the band files
    # title bands first: their tasks check titles too, and last they left a worker idle
    families = ([t for t in tags if t >= TITLE_TAG], [t for t in tags if t < TITLE_TAG])
    step = _BANDS_PER_TASK
    groups = [family[lo : lo + step] for family in families for lo in range(0, len(family), step)]
    tasks = (
        (
            [spill.buckets.path(t) for t in group],
            n,
            settings,
            spill.titles.path if group[0] >= TITLE_TAG else None,
        )
        for group in groups
    )
    codes = merged(
        list(_bar(_mapped(pool, _band_codes, tasks), progress, "candidates", "task", len(groups)))
    )
    blocks = (
        (spill.described.locate(sorted_unique(np.r_[b // n, b % n])), b, n, settings)
        for b in np.split(codes, range(_VERIFY_BLOCK, codes.size, _VERIFY_BLOCK))
    )
    matches: dict[tuple[int, int], Match] = {}
    with tqdm(total=codes.size, desc="verifying", unit=" pairs", disable=_off(progress)) as bar:
        for block_matches, size in _mapped(pool, _verify_block, blocks):
            matches.update(block_matches)
            bar.update(size)
    return matches


def _band_codes(paths: list[str], n: int, settings: Settings, titles: str | None) -> Codes:
    """The candidate pairs of some bands of one family, each once (a worker's task); of
    title bands (`titles`: the spill's titles file), those whose titles are alike."""
    found = merged(
        [bucket_codes(*read_band(p), base=n, max_bucket=settings.max_bucket) for p in paths]
    )
    return found if titles is None else _alike_codes(found, n, read_titles(titles), settings)


def _verify_block(
    described: Located, codes: Codes, n: int, settings: Settings
) -> tuple[dict[tuple[int, int], Match], int]:
    """The pairs of one block that pass the match rule with their matches, and the block's
    size (a worker's task): the features of its stories are read from the spill."""
    return verified_matches(decode(codes, n), described.read(FEATURES), settings), len(codes)


_GROUP_BLOCK = 4096  # members of the components split in one task


def _grouped(
    spill: Spill,
    matches: dict[tuple[int, int], Match],
    settings: Settings,
    pool: _Pool | None = None,
    progress: bool = False,
) -> list[Group]:
    """`group`, its components split on the workers, a block of components per task: the
    workers read the members' stories and features from the spill themselves."""
    parts = connected(len(spill.stories), list(matches))
    groups = [Group.alone(c[0]) for c, _ in parts if len(c) == 1]
    shared = [part for part in parts if len(part[0]) > 1]
    tasks = (_group_task(spill, block, matches, settings) for block in _blocks(shared))
    with tqdm(total=len(shared), desc="grouping", unit=" part", disable=_off(progress)) as bar:
        for found, count in _mapped(pool, _group_block, tasks):
            groups += found
            bar.update(count)
    return sorted(groups, key=lambda g: g.canonical)


def _blocks(parts: list[Part]) -> Iterator[list[Part]]:
    """Consecutive components, `_GROUP_BLOCK` members or a little more to a block."""
    block: list[Part] = []
    members = 0
    for part in parts:
        block.append(part)
        members += len(part[0])
        if members >= _GROUP_BLOCK:
            yield block
            block, members = [], 0
    if block:
        yield block


def _group_task(
    spill: Spill, block: list[Part], matches: dict[tuple[int, int], Match], settings: Settings
) -> tuple[Any, ...]:
    members = np.array([m for component, _ in block for m in component], dtype=np.int64)
    own = {edge: matches[edge] for _, edges in block for edge in edges}
    return (spill.stories.locate(members), spill.described.locate(members), block, own, settings)


def _group_block(
    stories: Located,
    described: Located,
    parts: list[Part],
    matches: dict[tuple[int, int], Match],
    settings: Settings,
) -> tuple[list[Group], int]:
    """The stories of a block of components, and how many components (a worker's task)."""
    rank, compared = _judges(stories.read(STORIES), described.read(FEATURES), settings, matches)
    return split(parts, rank=rank, compare=compared, settings=settings), len(parts)


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
    guard, as with any use of multiprocessing there. For collections too large to hold
    every record at once, `open_run` gives the same records one at a time.
    """
    with open_run(paths, settings, workers=workers) as run:
        return Report(stories=list(run.records()), skipped=run.skipped, stats=run.stats)


def dedupe_with_bodies(
    paths: Iterable[str | os.PathLike[str]],
    settings: Settings | None = None,
    *,
    workers: int | None = 1,
) -> tuple[Report, dict[tuple[str, int], str]]:
    """`dedupe`, and every story's body by its (path, start): the records keep only the
    canonical text, and the HTML report shows how each copy's own text differs from it."""
    with open_run(paths, settings, workers=workers) as run:
        report = Report(stories=list(run.records()), skipped=run.skipped, stats=run.stats)
        return report, run.bodies()
