"""A persistent provenance store in one SQLite file: add files day after day, ask it anything.

Everything a batch run needs is kept (files, stories with their text and offsets, MinHash
signatures as plain uint32 arrays, LSH bucket keys, verified edges, clusters, aliases and
their history), so new files are matched against all stored stories without re-reading
the old files, and the clusters stay those of a batch run over the union (see
`incremental`). Files are committed in chunks, each chunk in one transaction, so a crash
keeps or loses whole files, never part of one; WAL mode lets readers query meanwhile.
"""

from __future__ import annotations

import collections
import contextlib
import hashlib
import importlib.metadata
import itertools
import json
import multiprocessing
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

import attrs
import numpy as np
from rapidfuzz import fuzz, process

from .errors import ProvenanceError
from .export import CSV_COLUMNS, atomic_write, csv_rows, jsonl_lines
from .incremental import Added, Updater
from .model import Skipped, Story, path_key
from .pipeline import describe, find_stories, read_documents, sign_stories
from .records import Occurrence, StoryRecord
from .settings import Settings
from .signatures import Signed
from .sources import expand, reason
from .text import Features, normalize

SCHEMA_VERSION = 2
BATCH = 256  # files per transaction: a crash loses at most this much work
_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE runs (
    id INTEGER PRIMARY KEY, started TEXT NOT NULL, finished TEXT,
    added INTEGER, replaced INTEGER, unchanged INTEGER, removed INTEGER, skipped INTEGER);
CREATE TABLE files (
    id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, sha256 TEXT NOT NULL,
    size INTEGER NOT NULL, ingested TEXT NOT NULL, run INTEGER NOT NULL,
    stories INTEGER NOT NULL);
CREATE TABLE skipped (file INTEGER NOT NULL, path TEXT NOT NULL, reason TEXT NOT NULL);
CREATE INDEX skipped_file ON skipped (file);
CREATE TABLE stories (
    id INTEGER PRIMARY KEY, file INTEGER NOT NULL, pbase TEXT NOT NULL, prec INTEGER NOT NULL,
    path TEXT NOT NULL, idx INTEGER NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL,
    char_start INTEGER NOT NULL, char_end INTEGER NOT NULL,
    line_start INTEGER NOT NULL, line_end INTEGER NOT NULL, date TEXT, byline TEXT,
    source TEXT, encoding TEXT NOT NULL, kind TEXT NOT NULL, url TEXT, retrieved TEXT);
CREATE INDEX stories_file ON stories (file);
CREATE INDEX stories_position ON stories (pbase, prec, char_start);
CREATE TABLE signatures (story INTEGER PRIMARY KEY, signature BLOB NOT NULL);
CREATE TABLE features (
    story INTEGER PRIMARY KEY, shingles BLOB NOT NULL, digest TEXT NOT NULL,
    words INTEGER NOT NULL, figures TEXT NOT NULL);
CREATE TABLE bands (
    seg INTEGER NOT NULL, tag INTEGER NOT NULL, key INTEGER NOT NULL, story INTEGER NOT NULL,
    PRIMARY KEY (seg, tag, key, story)) WITHOUT ROWID;
CREATE TABLE segments (
    seg INTEGER PRIMARY KEY, level INTEGER NOT NULL, first INTEGER NOT NULL,
    last INTEGER NOT NULL, rows INTEGER NOT NULL, bloom BLOB NOT NULL);
CREATE TABLE edges (
    a INTEGER NOT NULL, b INTEGER NOT NULL, proposals INTEGER NOT NULL,
    PRIMARY KEY (a, b)) WITHOUT ROWID;
CREATE INDEX edges_b ON edges (b, a);
CREATE TABLE clusters (
    id TEXT PRIMARY KEY, canonical INTEGER NOT NULL, founder INTEGER NOT NULL,
    batch_id TEXT NOT NULL, title TEXT NOT NULL, search TEXT NOT NULL, date TEXT,
    created INTEGER NOT NULL, updated INTEGER NOT NULL);
CREATE INDEX clusters_canonical ON clusters (canonical);
CREATE TABLE members (
    story INTEGER NOT NULL, cluster TEXT NOT NULL, similarity REAL NOT NULL,
    title_similarity REAL, evidence TEXT NOT NULL, PRIMARY KEY (story, cluster)) WITHOUT ROWID;
CREATE INDEX members_cluster ON members (cluster);
CREATE TABLE aliases (
    alias TEXT PRIMARY KEY, cluster TEXT NOT NULL, reason TEXT NOT NULL, run INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX aliases_cluster ON aliases (cluster);
CREATE TABLE history (
    id INTEGER PRIMARY KEY, run INTEGER NOT NULL, cluster TEXT NOT NULL, event TEXT NOT NULL,
    other TEXT);
"""
_SELECTION = ("include", "exclude")  # settings that choose files, free to change between runs
_MEMBER_COLUMNS = (
    "c.id, c.title, c.date, m.similarity, m.title_similarity, m.evidence, s.id = c.canonical, "
    "s.pbase, s.prec, s.path, s.char_start, s.char_end, s.line_start, s.line_end, s.title, "
    "s.date, s.encoding, s.kind, s.url, s.retrieved, CASE WHEN s.id = c.canonical THEN s.body END"
)


class StoreError(ProvenanceError):
    """A store cannot be opened or used as asked: not a store, another version or settings."""


@attrs.frozen
class StoredFile:
    """One file in a store: its path as given, content hash, size and when it was read."""

    path: str
    sha256: str
    size: int
    ingested: str
    stories: int


@attrs.frozen
class Ingested:
    """What one ingest (or drop, or prune) did, counted in files, and the inputs skipped."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    removed: int = 0
    stories_added: int = 0
    stories_removed: int = 0
    skipped: tuple[Skipped, ...] = ()

    def __add__(self, other: Ingested) -> Ingested:
        return Ingested(
            added=self.added + other.added,
            replaced=self.replaced + other.replaced,
            unchanged=self.unchanged + other.unchanged,
            removed=self.removed + other.removed,
            stories_added=self.stories_added + other.stories_added,
            stories_removed=self.stories_removed + other.stories_removed,
            skipped=self.skipped + other.skipped,
        )


@attrs.frozen
class Hit:
    """A story found by its title: its id, title and rapidfuzz score (0-100)."""

    story_id: str
    title: str
    score: float


@attrs.frozen
class StoreStats:
    """Counts of what a store holds."""

    files: int
    stories: int
    clusters: int
    aliases: int
    runs: int


@attrs.frozen
class Scanned:
    """One file as a worker saw it: its hash, and whether it was read, unchanged or unreadable."""

    path: str
    sha256: str
    size: int
    status: str  # "read", "unchanged" or "unreadable"
    stories: int = 0
    skipped: tuple[Skipped, ...] = ()


@attrs.frozen
class ScannedBatch:
    """Files read, segmented, described and signed: one transaction's worth."""

    files: list[Scanned]
    stories: list[Story]
    described: list[Features]
    signed: Signed = attrs.field(repr=False)


def scan(paths: Sequence[str], known: dict[str, str], settings: Settings) -> ScannedBatch:
    """Hash each file; read, segment, describe and sign those whose hash `known` lacks."""
    files: list[Scanned] = []
    stories: list[Story] = []
    for path in paths:
        try:
            with open(path, "rb") as handle:
                digest = hashlib.file_digest(handle, "sha256").hexdigest()
            size = os.path.getsize(path)
        except OSError as error:
            files.append(Scanned(path, "", 0, "unreadable", 0, (Skipped(path, reason(error)),)))
            continue
        if known.get(path) == digest:
            files.append(Scanned(path, digest, size, "unchanged"))
            continue
        documents, skipped = read_documents([path], settings)
        found = find_stories(documents, settings)
        stories.extend(found)
        files.append(Scanned(path, digest, size, "read", len(found), tuple(skipped)))
    described = describe(stories, settings)
    signed = sign_stories(described, settings)
    described = [attrs.evolve(f, sequence=None) for f in described]
    return ScannedBatch(files, stories, described, signed)


def _settings_blob(settings: Settings) -> str:
    shaping = {k: v for k, v in attrs.asdict(settings).items() if k not in _SELECTION}
    return json.dumps(shaping, sort_keys=True)


def _version() -> str:
    try:
        return importlib.metadata.version("news-provenance")
    except importlib.metadata.PackageNotFoundError:  # a source tree that is not installed
        return "0.0.0"


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


class Store:
    """A provenance store: `Store.open(path)`, then `ingest`, queries and exports.

    One process writes at a time (a second writer waits); any number may read, also
    while a writer ingests. Close it, or use it as a context manager.
    """

    def __init__(self, path: str, db: sqlite3.Connection, settings: Settings) -> None:
        self.path = path
        self.db = db
        self.settings = settings
        self._updater: Updater | None = None

    @classmethod
    def open(
        cls, path: str | os.PathLike[str], settings: Settings | None = None, *, create: bool = True
    ) -> Store:
        """Open the store at `path`, creating it (with `settings`) if `create` and absent.

        `settings` default to those the store was built with; given ones must agree with
        them in everything but `include` and `exclude`.

        Raises:
            StoreError: no store there (and not `create`), not a store, another schema
                version, or settings that disagree with the store's.
        """
        name = os.fspath(path)
        if not create and not os.path.exists(name):
            raise StoreError(f"no store at {name}")
        try:
            db = sqlite3.connect(name, isolation_level=None, timeout=60.0)
            stored = _prepare(db, name, create=create)
        except sqlite3.DatabaseError as error:  # not a database, cannot open, cannot create
            raise StoreError(f"cannot open {name}: {error}") from error
        if stored is None:
            settings = settings or Settings()
            with _Transaction(db):
                db.executemany(
                    "INSERT OR REPLACE INTO meta VALUES (?, ?)",
                    [
                        ("settings", _settings_blob(settings)),
                        ("fingerprint", settings.fingerprint()),
                        ("version", _version()),
                    ],
                )
        elif settings is None:
            settings = stored
        elif _settings_blob(settings) != _settings_blob(stored):
            db.close()
            mine, theirs = attrs.asdict(settings), attrs.asdict(stored)
            diff = ", ".join(
                f"{k}={theirs[k]!r} (not {mine[k]!r})"
                for k in sorted(mine)
                if k not in _SELECTION and mine[k] != theirs[k]
            )
            raise StoreError(f"{name} was built with other settings: {diff}")
        return cls(name, db, settings)

    @staticmethod
    def stored_settings(path: str | os.PathLike[str]) -> Settings | None:
        """The settings the store at `path` was built with; None if there is no store yet
        (no file, or an empty one: a run killed before it made the store).

        Raises:
            StoreError: the file is not a store, or not one this version reads.
        """
        if not os.path.exists(path):
            return None
        try:
            db = sqlite3.connect(f"file:{os.fspath(path)}?mode=ro", uri=True)
            try:
                tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
                if tables == 0:
                    return None
                return _stored(db, os.fspath(path))
            finally:
                db.close()
        except sqlite3.DatabaseError as error:
            raise StoreError(f"cannot open {os.fspath(path)}: {error}") from error

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------------

    @property
    def updater(self) -> Updater:
        if self._updater is None:
            self._updater = Updater(self.db, self.settings)
        return self._updater

    def ingest(
        self,
        paths: Iterable[str | os.PathLike[str]],
        *,
        workers: int | None = 1,
        batch: int = BATCH,
    ) -> Ingested:
        """Add new files, replace changed ones, and pass over those stored with the same hash.

        Files are taken in (path, offset) order, `batch` to a transaction; `workers`
        processes read and sign them (None: all cores). Paths are kept as given, so give
        them the same way each time (a file under another spelling is another file).
        """
        files, missing = expand(paths, include=self.settings.include, exclude=self.settings.exclude)
        files = sorted(files, key=path_key)
        run = self._begin_run()
        total = Ingested(skipped=tuple(missing))
        for scanned in self._scanned(files, workers or os.cpu_count() or 1, max(1, batch)):
            total += self._commit(scanned, run)
            self._compact()
        self._end_run(run, total)
        return total

    def drop(self, paths: Iterable[str | os.PathLike[str]], *, batch: int = BATCH) -> Ingested:
        """Remove stored files (a folder removes every stored file under it) and their stories."""
        wanted = [os.fspath(p) for p in paths]
        stored = [r[0] for r in self.db.execute("SELECT path FROM files ORDER BY path")]
        folders = tuple(w.rstrip("/" + os.sep) + os.sep for w in wanted)
        doomed = sorted((p for p in stored if p in wanted or p.startswith(folders)), key=path_key)
        return self._remove(doomed, batch)

    def prune(self, *, batch: int = BATCH) -> Ingested:
        """Remove the stored files that no longer exist, and their stories."""
        stored = [r[0] for r in self.db.execute("SELECT path FROM files")]
        return self._remove(
            sorted((p for p in stored if not os.path.exists(p)), key=path_key), batch
        )

    def _remove(self, doomed: Sequence[str], batch: int) -> Ingested:
        run = self._begin_run()
        total = Ingested()
        for lo in range(0, len(doomed), batch):
            chunk = doomed[lo : lo + batch]
            with self._writing():
                removed = self._forget_files(chunk)
                outcome = self.updater.apply(_nothing(self.settings), removed, run)
            total += Ingested(removed=len(chunk), stories_removed=outcome.stories_removed)
        self._end_run(run, total)
        return total

    def _compact(self) -> None:
        """Merge full levels of the bucket index, one merge to a transaction."""
        while True:
            with self._writing():
                if not self.updater.index.merge():
                    return

    def _forget_files(self, paths: Sequence[str]) -> list[int]:
        removed: list[int] = []
        for path in paths:
            row = self.db.execute("SELECT id FROM files WHERE path = ?", (path,)).fetchone()
            if row is None:
                continue
            removed += [r[0] for r in self.db.execute("SELECT id FROM stories WHERE file = ?", row)]
            self.db.execute("DELETE FROM skipped WHERE file = ?", row)
            self.db.execute("DELETE FROM files WHERE id = ?", row)
        return removed

    def _scanned(self, files: Sequence[str], workers: int, batch: int) -> Iterator[ScannedBatch]:
        chunks = [files[lo : lo + batch] for lo in range(0, len(files), batch)]
        if workers == 1 or len(chunks) <= 1:
            for chunk in chunks:
                yield scan(chunk, self._known(chunk), self.settings)
            return
        methods = multiprocessing.get_all_start_methods()  # never fork a live SQLite handle
        context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            waiting: collections.deque[Future[ScannedBatch]] = collections.deque()
            queue = iter(chunks)
            for chunk in itertools.islice(queue, 2 * workers):
                waiting.append(pool.submit(scan, chunk, self._known(chunk), self.settings))
            while waiting:
                done = waiting.popleft().result()
                for chunk in itertools.islice(queue, 1):
                    waiting.append(pool.submit(scan, chunk, self._known(chunk), self.settings))
                yield done

    def _known(self, paths: Sequence[str]) -> dict[str, str]:
        marks = ", ".join("?" * len(paths))
        found = self.db.execute(f"SELECT path, sha256 FROM files WHERE path IN ({marks})", paths)
        return dict(found.fetchall())

    def _commit(self, scanned: ScannedBatch, run: int) -> Ingested:
        """One transaction: the batch's files, their stories, and what they change."""
        skipped: list[Skipped] = []
        counts: collections.Counter[str] = collections.Counter()
        file_of: list[int] = []
        with self._writing():
            removed: list[int] = []
            for f in scanned.files:
                skipped.extend(f.skipped)
                if f.status != "read":
                    counts[f.status] += 1
                    continue
                row = self.db.execute("SELECT id FROM files WHERE path = ?", (f.path,)).fetchone()
                if row is None:
                    file_id = self.db.execute(
                        "INSERT INTO files (path, sha256, size, ingested, run, stories) "
                        "VALUES (?, ?, ?, ?, ?, ?)",
                        (f.path, f.sha256, f.size, _now(), run, f.stories),
                    ).lastrowid
                    counts["added"] += 1
                else:
                    file_id = row[0]
                    removed += [
                        r[0] for r in self.db.execute("SELECT id FROM stories WHERE file = ?", row)
                    ]
                    self.db.execute("DELETE FROM skipped WHERE file = ?", row)
                    self.db.execute(
                        "UPDATE files SET sha256 = ?, size = ?, ingested = ?, run = ?, stories = ? "
                        "WHERE id = ?",
                        (f.sha256, f.size, _now(), run, f.stories, file_id),
                    )
                    counts["replaced"] += 1
                assert file_id is not None
                self.db.executemany(
                    "INSERT INTO skipped VALUES (?, ?, ?)",
                    ((file_id, s.path, s.reason) for s in f.skipped),
                )
                file_of += [file_id] * f.stories
            ids = self.updater.reserve(len(scanned.stories))
            added = Added(ids, file_of, scanned.stories, scanned.described, scanned.signed)
            outcome = self.updater.apply(added, removed, run)
        return Ingested(
            added=counts["added"],
            replaced=counts["replaced"],
            unchanged=counts["unchanged"],
            stories_added=outcome.stories_added,
            stories_removed=outcome.stories_removed,
            skipped=tuple(skipped),
        )

    def _writing(self) -> _Transaction:
        """A write transaction; cached stories are forgotten if it rolls back (their ids
        will be given again).

        Raises:
            StoreError: the store was written by another version of provenance, whose
                matching may differ: its edges and clusters would not be this version's.
        """
        row = self.db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
        if row is not None and row[0] != _version():
            raise StoreError(
                f"{self.path} was built by provenance {row[0]}, this is {_version()}: "
                "build a new store from the files (queries and exports still work)"
            )
        return _Transaction(self.db, self._updater.forget if self._updater else None)

    def _begin_run(self) -> int:
        with _Transaction(self.db):
            cursor = self.db.execute("INSERT INTO runs (started) VALUES (?)", (_now(),))
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def _end_run(self, run: int, total: Ingested) -> None:
        with _Transaction(self.db):
            self.db.execute(
                "UPDATE runs SET finished = ?, added = ?, replaced = ?, unchanged = ?, "
                "removed = ?, skipped = ? WHERE id = ?",
                (
                    _now(),
                    total.added,
                    total.replaced,
                    total.unchanged,
                    total.removed,
                    len(total.skipped),
                    run,
                ),
            )

    # -- reading ---------------------------------------------------------------------------

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[Store]:
        """Queries made inside see one state of the store, whatever a writer commits meanwhile.

        Each query on its own always sees a whole state (files are committed whole); a
        snapshot makes several agree with each other.
        """
        self.db.execute("BEGIN")
        try:
            yield self
        finally:
            self.db.execute("COMMIT")

    def records(self) -> Iterator[StoryRecord]:
        """Every story, as a batch run orders them (by where the canonical copy sits)."""
        rows = self.db.execute(  # the position index gives the order: nothing is sorted
            f"SELECT {_MEMBER_COLUMNS} FROM stories cs "
            "CROSS JOIN clusters c ON c.canonical = cs.id CROSS JOIN members m ON m.cluster = c.id "
            "CROSS JOIN stories s ON s.id = m.story "
            "ORDER BY cs.pbase, cs.prec, cs.char_start"
        )
        for _, group in itertools.groupby(rows, key=lambda r: r[0]):
            yield _record(list(group))

    def resolve(self, story_id: str) -> str | None:
        """The current id of the story known as `story_id` (itself, or what it merged into)."""
        row = self.db.execute("SELECT id FROM clusters WHERE id = ?", (story_id,)).fetchone()
        if row is None:
            row = self.db.execute(
                "SELECT cluster FROM aliases WHERE alias = ?", (story_id,)
            ).fetchone()
        return None if row is None else str(row[0])

    def story(self, story_id: str) -> StoryRecord | None:
        """The provenance record of one story, by its id or any alias; None if unknown."""
        current = self.resolve(story_id)
        if current is None:
            return None
        rows = self.db.execute(
            f"SELECT {_MEMBER_COLUMNS} FROM clusters c JOIN members m ON m.cluster = c.id "
            "JOIN stories s ON s.id = m.story WHERE c.id = ?",
            (current,),
        ).fetchall()
        return _record(rows)

    def stories_of(self, path: str) -> list[StoryRecord]:
        """The stories a file (or a record, ``FILE#L3``) carried, in the order it carried them."""
        found = self.db.execute(
            "SELECT s.id FROM files f JOIN stories s ON s.file = f.id WHERE f.path = ?", (path,)
        ).fetchall()
        if not found:
            base, record = path_key(path)
            found = self.db.execute(
                "SELECT id FROM stories WHERE pbase = ? AND prec = ?", (base, record)
            ).fetchall()
        ids = [r[0] for r in found]
        order: dict[str, tuple[str, int, int]] = {}
        for sid in ids:
            for (cluster,) in self.db.execute(
                "SELECT cluster FROM members WHERE story = ?", (sid,)
            ).fetchall():
                position = self.db.execute(
                    "SELECT pbase, prec, char_start FROM stories WHERE id = ?", (sid,)
                ).fetchone()
                order.setdefault(cluster, tuple(position))
        records = [self.story(cid) for cid in sorted(order, key=lambda c: (order[c], c))]
        return [r for r in records if r is not None]

    def search(self, title: str, *, limit: int = 10) -> list[Hit]:
        """The stories whose titles look most like `title`, best first.

        The score is rapidfuzz's token-set ratio (100 when a title holds every word
        asked for, in any order); ties go to the closer whole title (WRatio), then the id.
        """
        rows = self.db.execute("SELECT id, title, search FROM clusters").fetchall()
        if not rows or limit < 1:
            return []
        query, titles = [normalize(title)], [r[2] for r in rows]
        words = process.cdist(query, titles, scorer=fuzz.token_set_ratio, workers=1)[0]
        whole = process.cdist(query, titles, scorer=fuzz.WRatio, workers=1)[0]
        best = sorted(range(len(rows)), key=lambda i: (-words[i], -whole[i], rows[i][0]))
        return [Hit(rows[i][0], rows[i][1], round(float(words[i]), 2)) for i in best[:limit]]

    def files(self) -> list[StoredFile]:
        """Every stored file, in path order."""
        rows = self.db.execute("SELECT path, sha256, size, ingested, stories FROM files")
        return sorted((StoredFile(*r) for r in rows), key=lambda f: path_key(f.path))

    def stats(self) -> StoreStats:
        """How many files, stories, clusters, aliases and runs the store holds."""
        count = [
            self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("files", "stories", "clusters", "aliases", "runs")
        ]
        return StoreStats(*count)

    def write_jsonl(self, path: str | os.PathLike[str]) -> None:
        """Write every story as JSON Lines, as a batch run would, atomically."""
        with atomic_write(path) as handle:
            for record in self.records():
                handle.writelines(jsonl_lines((record,)))

    def write_csv(self, path: str | os.PathLike[str]) -> None:
        """Write one row per occurrence as CSV, as a batch run would, atomically."""
        import csv

        with atomic_write(path, newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS, lineterminator="\n")
            writer.writeheader()
            for record in self.records():
                writer.writerows(csv_rows((record,)))


class _Transaction:
    """One write transaction: committed on success, rolled back (and `undo` called) if not."""

    def __init__(self, db: sqlite3.Connection, undo: Callable[[], None] | None = None) -> None:
        self.db = db
        self.undo = undo

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> None:
        if kind is None:
            self.db.execute("COMMIT")
            return
        self.db.execute("ROLLBACK")
        if self.undo is not None:
            self.undo()


def _prepare(db: sqlite3.Connection, name: str, *, create: bool) -> Settings | None:
    """Set the connection up; create the schema in a new file. The stored settings, if any."""
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")  # WAL: a crash loses no commit, never corrupts
    db.execute("PRAGMA cache_size = -262144")  # 256 MiB of pages
    db.execute("PRAGMA journal_size_limit = 67108864")  # the WAL shrinks back after a merge
    if db.execute("PRAGMA user_version").fetchone()[0] == 0:
        with _Transaction(db):  # checked again inside: another process may be creating it
            if db.execute("PRAGMA user_version").fetchone()[0] == 0:
                if db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                    raise StoreError(f"{name} is an SQLite database but not a provenance store")
                if not create:
                    raise StoreError(f"no store at {name} yet")
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        db.execute(statement)
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    return _stored(db, name)


def _stored(db: sqlite3.Connection, name: str) -> Settings | None:
    """The settings of the store open on `db`, once its format is checked."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version == 0:
        raise StoreError(f"{name} is an SQLite database but not a provenance store")
    if version != SCHEMA_VERSION:
        raise StoreError(
            f"{name} is a store of format {version}; this version reads {SCHEMA_VERSION}"
        )
    row = db.execute("SELECT value FROM meta WHERE key = 'settings'").fetchone()
    return Settings(**json.loads(row[0])) if row else None


def _nothing(settings: Settings) -> Added:
    empty = np.empty((0, settings.num_perm), dtype=np.uint32)
    return Added(
        np.empty(0, dtype=np.int64), [], [], [], Signed(empty, empty, np.empty(0, dtype=np.int64))
    )


def _record(rows: Sequence[Sequence[Any]]) -> StoryRecord:
    """A `StoryRecord` from the member rows of one cluster (`_MEMBER_COLUMNS`)."""
    ordered = sorted(rows, key=lambda r: (not r[6], r[7], r[8], r[10]))
    head = ordered[0]
    occurrences = [
        Occurrence(
            path=r[9],
            start=r[10],
            end=r[11],
            line_start=r[12],
            line_end=r[13],
            title=r[14],
            date=r[15],
            similarity=r[3],
            title_similarity=r[4],
            evidence=r[5],
            encoding=r[16],
            input_kind=r[17],
            url=r[18],
            retrieved=r[19],
        )
        for r in ordered
    ]
    return StoryRecord(
        story_id=head[0], title=head[1], date=head[2], text=head[20], occurrences=occurrences
    )
