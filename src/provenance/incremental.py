"""Change a store by some stories added and some removed, so that it stays equal to a batch run.

A batch run's candidate pairs are the pairs of stories that share an LSH bucket in one of
three families of bands (`band_rows`): all pairs of a bucket of up to `max_bucket`
stories, and in a larger one each story with the next in (path, offset) order. The window
family counts only when some story has windows. Only the buckets a change touches can
change their pairs, so only those are looked at: the pairs they gain are verified, and a
pair they lose stays an edge only if some other bucket still proposes it. The stories whose
edges changed are then grouped again with their whole connected components, by the same
`pipeline.group` as a batch run, which works component by component. So the edges and the
clusters of a store are those a batch run over the same stories would find.

A cluster keeps its id across changes (`name_groups`): a new group takes the id of the old
cluster whose founder (first story stored) it holds; the ids of other old clusters it
absorbed become aliases; a group that holds no founder gets a new id from its own founder.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import sqlite3
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from .candidates import (
    TITLE_TAG,
    WINDOW_TAG,
    Rows,
    band_rows,
    unique_rows,
    within_buckets,
)
from .cluster import connected
from .model import Story
from .pipeline import group
from .records import StoryRecord, build_records, story_id
from .settings import Settings
from .signatures import Signed, sign_sequences
from .text import Features, features, normalize
from .verify import compare, titles_alike

Pair = tuple[int, int]
STORY_COLUMNS = (
    "id, path, idx, title, body, char_start, char_end, line_start, line_end, date, byline, "
    "source, encoding, kind, url, retrieved"
)
_STORY_FIELDS = (  # the `Story` field of each column after the id
    "path", "index", "title", "body", "start", "end", "line_start", "line_end", "date",
    "byline", "source", "encoding", "kind", "url", "retrieved",
)  # fmt: skip
_CACHE = 50_000  # stories (with their features) kept in memory between changes
_WHERE = 2_000_000  # positions of stored stories kept in memory (for chains in run order)


def _tuples(rows: Rows) -> Iterator[tuple[int, ...]]:
    """The rows as tuples of ints, made column by column (a list per row weighs on the GC)."""
    return zip(*(column.tolist() for column in rows.T), strict=True)


def bucket_pairs(
    members: Sequence[int], position: Callable[[int], tuple[str, int, int]], max_bucket: int
) -> set[Pair]:
    """The pairs one bucket proposes: all of them, or a chain in run order when it is large."""
    if len(members) <= max_bucket:
        return {(min(a, b), max(a, b)) for a, b in itertools.combinations(members, 2)}
    ordered = sorted(members, key=position)
    return {(min(a, b), max(a, b)) for a, b in itertools.pairwise(ordered)}


def _new_pairs(
    stories: npt.NDArray[np.int64],
    fresh: npt.NDArray[np.bool_],
    bucket: npt.NDArray[np.int64],
    keep: npt.NDArray[np.bool_],
) -> Counter[Pair]:
    """The pairs within buckets (rows sorted by bucket, then story) that have a new story,
    each with the number of buckets it is in."""
    stories, fresh, bucket = stories[keep], fresh[keep], bucket[keep]
    if stories.size < 2:
        return Counter()
    size, position = within_buckets(np.r_[True, bucket[1:] != bucket[:-1]])
    pairs: list[npt.NDArray[np.int64]] = []
    for offset in range(1, int(size.max())):
        at = np.flatnonzero(position + offset < size)
        at = at[fresh[at] | fresh[at + offset]]
        pairs.append(np.column_stack([stories[at], stories[at + offset]]))
    if not pairs:
        return Counter()
    found, counts = np.unique(np.concatenate(pairs), axis=0, return_counts=True)
    return Counter(dict(zip(map(tuple, found.tolist()), counts.tolist(), strict=True)))


FANOUT = 8  # segments of one level merged into one of the next
_BLOOM_BITS = 12  # filter bits per row: a lookup reads about 1% of the segments that lack it


def _mix(x: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def _fingerprints(buckets: Rows) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint64]]:
    """A hash of each bucket (tag, key), and the five bits it sets in its filter word."""
    x = _mix(buckets[:, 1].astype(np.uint64) ^ (buckets[:, 0].astype(np.uint64) << np.uint64(48)))
    y = _mix(x ^ np.uint64(0xD1B54A32D192ED03))
    mask = np.zeros_like(x)
    for i in range(5):
        mask |= np.uint64(1) << ((y >> np.uint64(6 * i)) & np.uint64(63))
    return x, mask


@attrs.define
class Bloom:
    """A blocked Bloom filter: each bucket sets five bits of one 64-bit word (one memory access)."""

    words: npt.NDArray[np.uint64]

    @classmethod
    def sized(cls, rows: int) -> Bloom:
        return cls(np.zeros(max(1, -(-rows * _BLOOM_BITS // 64)), dtype=np.uint64))

    def add(self, buckets: Rows) -> None:
        x, mask = _fingerprints(buckets)
        np.bitwise_or.at(self.words, x % np.uint64(self.words.size), mask)

    def may_hold(
        self, x: npt.NDArray[np.uint64], mask: npt.NDArray[np.uint64]
    ) -> npt.NDArray[np.bool_]:
        held: npt.NDArray[np.bool_] = (self.words[x % np.uint64(self.words.size)] & mask) == mask
        return held


class BucketIndex:
    """Which stored stories fall in each LSH bucket, kept in segments of consecutive stories.

    A B-tree keyed by bucket would take a random page write per row, and a story has
    some two hundred rows; so each change appends its rows as a segment of their own
    (sequential writes), and `FANOUT` segments of a level are merged into one of the
    next. A Bloom filter per segment lets a lookup read only the segments that may
    hold the bucket.
    """

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self._blooms: dict[int, Bloom] | None = None
        db.execute("CREATE TEMP TABLE IF NOT EXISTS probe(seg, tag, key)")

    def forget(self) -> None:
        self._blooms = None

    def _filters(self) -> dict[int, Bloom]:
        if self._blooms is None:
            self._blooms = {
                seg: Bloom(np.frombuffer(blob, dtype=np.uint64).copy())
                for seg, blob in self.db.execute("SELECT seg, bloom FROM segments ORDER BY seg")
            }
        return self._blooms

    def members(self, buckets: Rows) -> Rows:
        """Every stored (tag, key, story) row of these buckets."""
        if buckets.size == 0:
            return np.empty((0, 3), dtype=np.int64)
        x, mask = _fingerprints(buckets)
        probes = [
            np.column_stack([np.full(int(hit.sum()), seg, dtype=np.int64), buckets[hit]])
            for seg, bloom in self._filters().items()
            for hit in [bloom.may_hold(x, mask)]
            if hit.any()
        ]
        if not probes:
            return np.empty((0, 3), dtype=np.int64)
        self.db.execute("DELETE FROM temp.probe")
        self.db.executemany(
            "INSERT INTO temp.probe VALUES (?, ?, ?)", _tuples(np.concatenate(probes))
        )
        found = self.db.execute(
            "SELECT p.tag, p.key, b.story FROM temp.probe p "
            "CROSS JOIN bands b ON b.seg = p.seg AND b.tag = p.tag AND b.key = p.key"
        ).fetchall()
        return unique_rows(np.asarray(found, dtype=np.int64).reshape(-1, 3))

    def add(self, rows: Rows) -> None:
        """Store the rows of new stories, all after every stored one, as a new segment."""
        if rows.size == 0:
            return
        seg = self.db.execute("SELECT coalesce(max(seg), 0) + 1 FROM segments").fetchone()[0]
        self.db.executemany(
            "INSERT INTO bands VALUES (?, ?, ?, ?)",
            _tuples(np.column_stack([np.full(len(rows), seg, dtype=np.int64), rows])),
        )
        bloom = Bloom.sized(len(rows))
        bloom.add(rows[:, :2])
        first, last = int(rows[:, 2].min()), int(rows[:, 2].max())
        self.db.execute(
            "INSERT INTO segments VALUES (?, 0, ?, ?, ?, ?)",
            (seg, first, last, len(rows), bloom.words.tobytes()),
        )
        self._filters()[seg] = bloom

    def remove(self, rows: Rows) -> None:
        """Delete the rows of removed stories (each story's rows are in one segment)."""
        if rows.size == 0:
            return
        spans = np.asarray(
            self.db.execute("SELECT first, seg FROM segments ORDER BY first").fetchall(),
            dtype=np.int64,
        ).reshape(-1, 2)
        seg = spans[np.searchsorted(spans[:, 0], rows[:, 2], side="right") - 1, 1]
        self.db.executemany(
            "DELETE FROM bands WHERE seg = ? AND tag = ? AND key = ? AND story = ?",
            _tuples(np.column_stack([seg, rows])),
        )

    def shared_window_buckets(self) -> Rows:
        """Every window bucket with two or more stories (a full scan: rarely needed)."""
        rows = self.db.execute(
            "SELECT tag, key FROM bands WHERE tag >= ? AND tag < ? GROUP BY tag, key "
            "HAVING count(*) > 1",
            (WINDOW_TAG, TITLE_TAG),
        ).fetchall()
        return np.asarray(rows, dtype=np.int64).reshape(-1, 2)

    def merge(self) -> bool:
        """Merge the oldest `FANOUT` segments of the lowest full level; False if none is full.

        Levels only fall from older to newer segments, so those segments are neighbours,
        and the merged one covers one range of stories.
        """
        levels = self.db.execute(
            "SELECT level FROM segments GROUP BY level HAVING count(*) >= ? ORDER BY level",
            (FANOUT,),
        ).fetchone()
        if levels is None:
            return False
        filters = self._filters()  # loaded before the segments change
        level = levels[0]
        chosen = self.db.execute(
            "SELECT seg, first, last FROM segments WHERE level = ? ORDER BY first LIMIT ?",
            (level, FANOUT),
        ).fetchall()
        segs = [c[0] for c in chosen]
        marks = ", ".join("?" * len(segs))
        new = self.db.execute("SELECT max(seg) + 1 FROM segments").fetchone()[0]
        self.db.execute(
            f"INSERT INTO bands SELECT ?, tag, key, story FROM bands WHERE seg IN ({marks}) "
            "ORDER BY tag, key, story",
            (new, *segs),
        )
        self.db.execute(f"DELETE FROM bands WHERE seg IN ({marks})", segs)
        count = self.db.execute("SELECT sum(rows) FROM segments WHERE seg IN (" + marks + ")", segs)
        bloom = Bloom.sized(int(count.fetchone()[0]))
        cursor = self.db.execute("SELECT tag, key FROM bands WHERE seg = ?", (new,))
        rows = 0
        while block := cursor.fetchmany(1 << 20):
            bloom.add(np.asarray(block, dtype=np.int64))
            rows += len(block)
        self.db.execute(f"DELETE FROM segments WHERE seg IN ({marks})", segs)
        self.db.execute(
            "INSERT INTO segments VALUES (?, ?, ?, ?, ?, ?)",
            (new, level + 1, chosen[0][1], chosen[-1][2], rows, bloom.words.tobytes()),
        )
        for seg in segs:
            del filters[seg]
        filters[new] = bloom
        return True


@attrs.frozen
class Added:
    """Stories to add: their row ids (new, increasing), files, and what analysis found."""

    ids: npt.NDArray[np.int64]
    files: Sequence[int]
    stories: Sequence[Story]
    described: Sequence[Features]
    signed: Signed


@attrs.frozen
class Old:
    """A cluster as stored before a change."""

    id: str
    founder: int
    canonical: int
    created: int
    updated: int
    members: frozenset[int]


@attrs.frozen
class Named:
    """A group after a change, with the id it goes by."""

    id: str
    founder: int
    created: int
    members: frozenset[int]
    merged: tuple[str, ...] = ()  # old ids it absorbed: now its aliases
    split_from: tuple[str, ...] = ()  # old clusters some of its members came from (new id)
    inherited: Old | None = None


def name_groups(
    old: Sequence[Old],
    groups: Sequence[frozenset[int]],
    *,
    natural: Callable[[int], str],
    taken: Callable[[str], bool],
    run: int,
) -> tuple[list[Named], list[str]]:
    """Ids for the new groups of a region, and the old ids that died with all their stories.

    A story that is in one group only is exclusive to it (a composite copy may be in
    several). An old cluster passes its id to the group that holds its founder
    exclusively, else to the group that holds most of its stories; a group that gets
    several ids keeps the one with the oldest founder (the lowest row id, as stories
    are numbered in the order they are stored) and the others become its aliases. A group
    that gets none is named by `natural` of its founder, its first exclusive story,
    made unique if `taken` says so.
    """
    count = Counter(m for g in groups for m in g)
    exclusive = [frozenset(m for m in g if count[m] == 1) for g in groups]
    owner = {m: i for i, ex in enumerate(exclusive) for m in ex}
    holding: dict[int, list[int]] = defaultdict(list)
    for i, g in enumerate(groups):
        for m in g:
            holding[m].append(i)
    claims: dict[int, list[Old]] = defaultdict(list)
    dead: list[str] = []
    split_from: dict[int, list[str]] = defaultdict(list)
    for o in sorted(old, key=lambda o: o.founder):
        overlap = Counter(i for m in o.members for i in holding.get(m, ()))
        if not overlap:
            dead.append(o.id)
            continue
        heir = owner.get(o.founder)
        if heir is None:
            heir = min(overlap, key=lambda i: (-overlap[i], min(exclusive[i])))
        claims[heir].append(o)
        for i in overlap:
            if i != heir:
                split_from[i].append(o.id)
    named: dict[int, Named] = {}
    for i, claimants in claims.items():
        keep = next((o for o in claimants if o.founder in exclusive[i]), claimants[0])
        founder = keep.founder if keep.founder in exclusive[i] else min(exclusive[i])
        merged = tuple(o.id for o in claimants if o is not keep)
        named[i] = Named(keep.id, founder, keep.created, groups[i], merged, (), keep)
    used = {n.id for n in named.values()} | {m for n in named.values() for m in n.merged}
    for i in sorted(set(range(len(groups))) - set(named), key=lambda i: min(exclusive[i])):
        founder = min(exclusive[i])
        name = unique_id(natural(founder), lambda s: s in used or taken(s))
        used.add(name)
        named[i] = Named(name, founder, run, groups[i], (), tuple(split_from[i]))
    return [named[i] for i in range(len(groups))], dead


def unique_id(name: str, taken: Callable[[str], bool]) -> str:
    """`name`, or the first of its numbered variants that is free."""
    candidate, n = name, 0
    while taken(candidate):
        n += 1
        candidate = hashlib.blake2b(f"{name}:{n}".encode(), digest_size=8).hexdigest()
    return candidate


@attrs.frozen
class Outcome:
    """What one change did."""

    stories_added: int
    stories_removed: int
    edges_added: int
    edges_removed: int
    clusters: int  # clusters written (new or rewritten)


class Updater:
    """Applies changes to one open store, inside the caller's transaction.

    Stories and their features are cached by row id between changes; a change that
    rolls back must `forget` them, since its row ids will be given again.
    """

    def __init__(self, db: sqlite3.Connection, settings: Settings) -> None:
        self.db = db
        self.settings = settings
        self._cache: OrderedDict[int, tuple[Story, Features]] = OrderedDict()
        self._where: dict[int, tuple[str, int, int]] = {}  # positions of stored stories
        self.index = BucketIndex(db)
        db.execute("CREATE TEMP TABLE IF NOT EXISTS ids(id INTEGER PRIMARY KEY)")
        db.execute("CREATE TEMP TABLE IF NOT EXISTS pairs(a, b)")

    def forget(self) -> None:
        self._cache.clear()
        self._where.clear()
        self.index.forget()

    def reserve(self, count: int) -> npt.NDArray[np.int64]:
        """Row ids for `count` new stories: after every id ever given, even to removed ones."""
        first = int(self._meta("next_story", "1"))
        self._set_meta("next_story", str(first + count))
        return np.arange(first, first + count, dtype=np.int64)

    def apply(self, added: Added, removed: Sequence[int], run: int) -> Outcome:
        """Add `added`, remove the stories `removed`, and bring edges and clusters up to date."""
        gone = set(removed)
        new_rows = band_rows(
            added.ids, added.signed, [f.title for f in added.described], self.settings
        )
        old_rows, old_windows = self._stored_rows(sorted(gone))
        windows_before = int(self._meta("windows", "0"))
        windows_after = windows_before - old_windows + int(added.signed.windows.shape[0])
        flip = (windows_before > 0) != (windows_after > 0)
        touched = [new_rows[:, :2], old_rows[:, :2]]
        if flip:
            touched.append(self.index.shared_window_buckets())
        before = self.index.members(unique_rows(np.concatenate(touched)))
        for i, story, described in zip(
            added.ids.tolist(), added.stories, added.described, strict=True
        ):
            self._remember(i, story, described)
        active = (windows_before > 0, windows_after > 0)
        titled, titled_new = before[:, 0] >= TITLE_TAG, new_rows[:, 0] >= TITLE_TAG
        change = self._pair_changes(before[~titled], new_rows[~titled_new], gone, *active)
        change.update(
            self._alike(self._pair_changes(before[titled], new_rows[titled_new], gone, *active))
        )
        dirty: set[int] = set(added.ids.tolist())
        cut = self._edges_of(gone)
        dirty.update(x for pair in cut for x in pair)
        self._delete_stories(gone, old_rows)
        self._insert_stories(added, new_rows)
        self._set_meta("windows", str(windows_after))
        edges, dropped = self._update_edges(change)
        dirty.update(x for pair in (*edges, *dropped) for x in pair)
        dirty -= gone
        clusters = self._recluster(dirty, gone, run)
        for i in gone:
            self._cache.pop(i, None)
            self._where.pop(i, None)
        self._trim()
        return Outcome(len(added.ids), len(gone), len(edges), len(cut) + len(dropped), clusters)

    # -- the stories and their buckets --------------------------------------------------

    def _meta(self, key: str, default: str) -> str:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else default

    def _set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def _fill(self, table: str, rows: Iterable[Sequence[int]]) -> None:
        self.db.execute(f"DELETE FROM temp.{table}")
        marks = "?" if table == "ids" else "?, ?"
        self.db.executemany(f"INSERT OR IGNORE INTO temp.{table} VALUES ({marks})", rows)

    def _stored_rows(self, ids: Sequence[int]) -> tuple[Rows, int]:
        """The bucket rows of stored stories, and how many windows they have.

        Story signatures are read as stored; window signatures are made again from the
        body (they are needed only when a story is removed, and would triple the store).
        """
        if not ids:
            return np.empty((0, 3), dtype=np.int64), 0
        self._load(set(ids))
        self._fill("ids", ((i,) for i in ids))
        found = self.db.execute(
            "SELECT g.story, g.signature FROM temp.ids t CROSS JOIN signatures g ON g.story = t.id "
            "ORDER BY g.story"
        ).fetchall()
        size, perm, seed = self.settings.shingle_size, self.settings.num_perm, self.settings.seed
        stories = [self._cache[i][0] for i, _ in found]
        sequences = [features(s.title, s.body, size).sequence for s in stories]
        windowed = sign_sequences([q for q in sequences if q is not None], num_perm=perm, seed=seed)
        matrix = np.frombuffer(b"".join(blob for _, blob in found), dtype=np.uint32)
        signed = Signed(matrix.reshape(-1, perm), windowed.windows, windowed.owners)
        ids_found = np.asarray([i for i, _ in found], dtype=np.int64)
        titles = [self._cache[i][1].title for i, _ in found]
        return band_rows(ids_found, signed, titles, self.settings), int(windowed.owners.size)

    def _pair_changes(
        self, before: Rows, new: Rows, gone: set[int], active_before: bool, active_after: bool
    ) -> Counter[Pair]:
        """For each pair the touched buckets propose differently: how many more of them
        propose it now (fewer if negative). Pairs of removed stories are left out.

        A bucket that stays small only loses the pairs of removed stories and gains those
        of its new ones, which are made with array arithmetic; a large bucket (a chain in
        run order), or a window bucket whose family turns on or off, is compared pair by
        pair.
        """
        most = self.settings.max_bucket
        rows = np.concatenate([before, new])
        if rows.size == 0:
            return Counter()
        fresh = np.r_[np.zeros(len(before), dtype=bool), np.ones(len(new), dtype=bool)]
        order = np.lexsort((rows[:, 2], rows[:, 1], rows[:, 0]))
        rows, fresh = rows[order], fresh[order]
        dead = ~fresh & np.isin(rows[:, 2], np.fromiter(gone, dtype=np.int64, count=len(gone)))
        first = np.r_[True, (rows[1:, 0] != rows[:-1, 0]) | (rows[1:, 1] != rows[:-1, 1])]
        bucket = np.cumsum(first) - 1
        was = np.bincount(bucket, weights=~fresh)
        now = np.bincount(bucket, weights=~dead)
        window = (rows[first, 0] >= WINDOW_TAG) & (rows[first, 0] < TITLE_TAG)
        on_before, on_after = active_before | ~window, active_after | ~window
        large = (on_before != on_after) | (was > most) | (now > most)
        has_new = np.bincount(bucket, weights=fresh) > 0
        small = ~large & on_after & (now >= 2) & has_new
        change = _new_pairs(rows[:, 2], fresh, bucket, small[bucket] & ~dead)
        chosen = np.flatnonzero(large & (on_before | on_after) & ((was >= 2) | (now >= 2)))
        if chosen.size:
            starts = np.flatnonzero(first)
            ends = np.r_[starts[1:], len(rows)]
            spans = [(int(starts[k]), int(ends[k]), k) for k in chosen.tolist()]
            self._locate({int(m) for lo, hi, _ in spans for m in rows[lo:hi, 2]})
            for lo, hi, k in spans:
                old = rows[lo:hi, 2][~fresh[lo:hi]].tolist()
                after = rows[lo:hi, 2][~dead[lo:hi]].tolist()
                had = bucket_pairs(old, self._position, most) if on_before[k] else set()
                has = bucket_pairs(after, self._position, most) if on_after[k] else set()
                change.update(has - had)
                change.subtract(p for p in had - has if p[0] not in gone and p[1] not in gone)
        return change

    def _alike(self, change: Counter[Pair]) -> Counter[Pair]:
        """The changes of title bands' pairs whose titles are alike: the others are no
        candidates (`pipeline.candidate_pairs`), so their buckets never count."""
        self._load({x for pair in change for x in pair})
        title = {i: self._cache[i][1].title for pair in change for i in pair}
        return Counter(
            {
                (a, b): n
                for (a, b), n in change.items()
                if titles_alike(title[a], title[b], self.settings)
            }
        )

    def _position(self, i: int) -> tuple[str, int, int]:
        where = self._where.get(i)
        return where if where is not None else self._cache[i][0].position

    def _locate(self, ids: set[int]) -> None:
        """Bring the positions of stored stories into `_where` (a chain is in run order)."""
        if len(self._where) > _WHERE:
            self._where.clear()
        missing = sorted(ids - self._where.keys() - self._cache.keys())
        if not missing:
            return
        self._fill("ids", ((i,) for i in missing))
        found = self.db.execute(
            "SELECT s.id, s.pbase, s.prec, s.char_start FROM temp.ids t "
            "CROSS JOIN stories s ON s.id = t.id"
        )
        self._where.update((i, (base, record, start)) for i, base, record, start in found)

    def _delete_stories(self, gone: set[int], rows: Rows) -> None:
        """Delete the stories `gone`, whose bucket rows are `rows`, with all they own."""
        if not gone:
            return
        self.index.remove(rows)
        self._fill("ids", ((i,) for i in gone))
        for statement in (
            "DELETE FROM edges WHERE a IN temp.ids OR b IN temp.ids",
            "DELETE FROM signatures WHERE story IN temp.ids",
            "DELETE FROM features WHERE story IN temp.ids",
            "DELETE FROM stories WHERE id IN temp.ids",
        ):
            self.db.execute(statement)

    def _insert_stories(self, added: Added, rows: Rows) -> None:
        self.db.executemany(
            f"INSERT INTO stories (file, pbase, prec, {STORY_COLUMNS}) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (file, *story.position[:2], *story_row(i, story))
                for i, file, story in zip(
                    added.ids.tolist(), added.files, added.stories, strict=True
                )
            ),
        )
        self.db.executemany(
            "INSERT INTO signatures VALUES (?, ?)",
            zip(added.ids.tolist(), map(np.ndarray.tobytes, added.signed.matrix), strict=True),
        )
        self.db.executemany(
            "INSERT INTO features VALUES (?, ?, ?, ?, ?)",
            (
                (i, f.shingles.tobytes(), f.digest, f.words, json.dumps(f.figures))
                for i, f in zip(added.ids.tolist(), added.described, strict=True)
            ),
        )
        self.index.add(rows)

    # -- edges ---------------------------------------------------------------------------

    def _edges_of(self, ids: set[int]) -> list[Pair]:
        if not ids:
            return []
        self._fill("ids", ((i,) for i in ids))
        return self.db.execute(
            "SELECT e.a, e.b FROM temp.ids t CROSS JOIN edges e ON e.a = t.id UNION "
            "SELECT e.a, e.b FROM temp.ids t CROSS JOIN edges e ON e.b = t.id"
        ).fetchall()

    def _update_edges(self, change: Counter[Pair]) -> tuple[list[Pair], list[Pair]]:
        """Apply the change in proposing buckets to the edges: the new edges, the dropped ones.

        Each edge counts the buckets that propose it, and goes when none does. A proposed
        pair that is not an edge is verified (as `pipeline.verified` does); if it matches,
        no other bucket proposed it before (it would have been verified then, with the
        same result), so its count is what it gained.
        """
        touched = sorted(p for p, n in change.items() if n)
        self.db.execute("DELETE FROM temp.pairs")
        self.db.executemany("INSERT INTO temp.pairs VALUES (?, ?)", touched)
        counts = {
            (a, b): n
            for a, b, n in self.db.execute(
                "SELECT e.a, e.b, e.proposals FROM temp.pairs p "
                "CROSS JOIN edges e ON e.a = p.a AND e.b = p.b"
            )
        }
        fresh = [p for p in touched if p not in counts and change[p] > 0]
        self._load({x for p in fresh for x in p})
        edges = [
            p
            for p in fresh
            if compare(self._cache[p[0]][1], self._cache[p[1]][1], self.settings).evidence
        ]
        self.db.executemany("INSERT INTO edges VALUES (?, ?, ?)", ((*p, change[p]) for p in edges))
        kept = [(n + change[p], *p) for p, n in counts.items() if n + change[p] > 0]
        dropped = [p for p, n in counts.items() if n + change[p] <= 0]
        self.db.executemany("UPDATE edges SET proposals = ? WHERE a = ? AND b = ?", kept)
        self.db.executemany("DELETE FROM edges WHERE a = ? AND b = ?", dropped)
        return edges, dropped

    # -- clusters ------------------------------------------------------------------------

    def _components(self, dirty: set[int]) -> tuple[list[list[int]], dict[int, list[Pair]]]:
        """The connected components holding `dirty`, and each one's edges."""
        seen, frontier, edges = set(dirty), set(dirty), set()
        while frontier:
            found = self._edges_of(frontier)
            edges.update(found)
            frontier = {x for pair in found for x in pair} - seen
            seen |= frontier
        nodes = sorted(seen)
        local = {n: k for k, n in enumerate(nodes)}
        joined = connected(len(nodes), [(local[a], local[b]) for a, b in edges])
        parts = [[nodes[k] for k in part] for part, _ in joined]
        return parts, {
            nodes[part[0]]: [(nodes[a], nodes[b]) for a, b in own] for part, own in joined
        }

    def _recluster(self, dirty: set[int], gone: set[int], run: int) -> int:
        parts, part_edges = self._components(dirty)
        region = {x for part in parts for x in part}
        old = self._old_clusters(region | gone)
        self._load(region)
        groups: list[frozenset[int]] = []
        records: list[tuple[StoryRecord, dict[tuple[str, int], int]]] = []
        for part in parts:
            ordered = sorted(part, key=self._position)
            local = {n: k for k, n in enumerate(ordered)}
            stories = [self._cache[n][0] for n in ordered]
            described = [self._cache[n][1] for n in ordered]
            edges = [(local[a], local[b]) for a, b in part_edges[part[0]]]
            where = {(s.path, s.start): n for s, n in zip(stories, ordered, strict=True)}
            for found in group(stories, described, edges, self.settings):
                groups.append(frozenset(ordered[m] for m, _ in found.members))
                records.append((build_records(stories, described, [found])[0], where))
        old_ids = [o.id for o in old]
        self.db.executemany("DELETE FROM members WHERE cluster = ?", ((i,) for i in old_ids))
        self.db.executemany("DELETE FROM clusters WHERE id = ?", ((i,) for i in old_ids))
        named, dead = name_groups(
            old,
            groups,
            natural=lambda i: story_id(*self._cache[i]),
            taken=self._taken,
            run=run,
        )
        self._write(named, records, dead, run)
        return len(named)

    def _old_clusters(self, stories: set[int]) -> list[Old]:
        if not stories:
            return []
        self._fill("ids", ((i,) for i in stories))
        ids = [
            r[0]
            for r in self.db.execute(
                "SELECT DISTINCT m.cluster FROM temp.ids t CROSS JOIN members m ON m.story = t.id"
            )
        ]
        old = []
        for cid in sorted(ids):
            founder, canonical, created, updated = self.db.execute(
                "SELECT founder, canonical, created, updated FROM clusters WHERE id = ?", (cid,)
            ).fetchone()
            members = frozenset(
                r[0] for r in self.db.execute("SELECT story FROM members WHERE cluster = ?", (cid,))
            )
            old.append(Old(cid, founder, canonical, created, updated, members))
        return old

    def _taken(self, name: str) -> bool:
        return bool(
            self.db.execute(
                "SELECT 1 FROM clusters WHERE id = ? "
                "UNION ALL SELECT 1 FROM aliases WHERE alias = ?",
                (name, name),
            ).fetchone()
        )

    def _write(
        self,
        named: Sequence[Named],
        records: Sequence[tuple[StoryRecord, dict[tuple[str, int], int]]],
        dead: Sequence[str],
        run: int,
    ) -> None:
        db = self.db
        for name in dead:
            db.execute("DELETE FROM aliases WHERE cluster = ?", (name,))
            db.execute(
                "INSERT INTO history (run, cluster, event) VALUES (?, ?, 'removed')", (run, name)
            )
        for n, (record, where) in zip(named, records, strict=True):
            canonical = where[(record.canonical.path, record.canonical.start)]
            db.execute(
                "INSERT INTO clusters VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    n.id,
                    canonical,
                    n.founder,
                    record.story_id,
                    record.title,
                    normalize(record.title),
                    record.date,
                    n.created,
                    run if _changed(n, canonical) or n.inherited is None else n.inherited.updated,
                ),
            )
            db.executemany(
                "INSERT INTO members VALUES (?, ?, ?, ?, ?)",
                (
                    (where[(o.path, o.start)], n.id, o.similarity, o.title_similarity, o.evidence)
                    for o in record.occurrences
                ),
            )
            for merged in n.merged:
                db.execute("UPDATE aliases SET cluster = ? WHERE cluster = ?", (n.id, merged))
                db.execute(
                    "INSERT OR REPLACE INTO aliases VALUES (?, ?, 'merged', ?)", (merged, n.id, run)
                )
                db.execute(
                    "INSERT INTO history (run, cluster, event, other) VALUES (?, ?, 'merged', ?)",
                    (run, merged, n.id),
                )
            if record.story_id != n.id:
                db.execute(
                    "INSERT OR REPLACE INTO aliases VALUES (?, ?, 'canonical', ?)",
                    (record.story_id, n.id, run),
                )
            event = _event(n, canonical)
            if event:
                db.executemany(
                    "INSERT INTO history (run, cluster, event, other) VALUES (?, ?, ?, ?)",
                    ((run, n.id, event, other) for other in (n.split_from or (None,))),
                )

    # -- loading stored stories ----------------------------------------------------------

    def _remember(self, i: int, story: Story, described: Features) -> None:
        self._cache[i] = (story, described)
        self._cache.move_to_end(i)

    def _trim(self) -> None:
        """Forget the least recently used stories beyond `_CACHE` (never during a change)."""
        while len(self._cache) > _CACHE:
            self._cache.popitem(last=False)

    def _load(self, ids: set[int]) -> None:
        """Bring the stored stories `ids` (and their features) into the cache."""
        for i in ids & self._cache.keys():
            self._cache.move_to_end(i)
        missing = sorted(ids - self._cache.keys())
        if not missing:
            return
        self._fill("ids", ((i,) for i in missing))
        rows = self.db.execute(
            f"SELECT {', '.join('s.' + c for c in STORY_COLUMNS.split(', '))}, "
            "f.shingles, f.digest, f.words, f.figures "
            "FROM temp.ids t CROSS JOIN stories s ON s.id = t.id JOIN features f ON f.story = s.id"
        ).fetchall()
        for row in rows:
            story = story_from_row(row[:-4])
            shingles, digest, words, figures = row[-4:]
            described = Features(
                np.frombuffer(shingles, dtype=np.uint64),
                digest,
                normalize(story.title),
                words,
                tuple(json.loads(figures)),
            )
            self._remember(row[0], story, described)


def _changed(n: Named, canonical: int) -> bool:
    old = n.inherited
    return old is None or old.members != n.members or old.canonical != canonical


def _event(n: Named, canonical: int) -> str | None:
    if n.inherited is None:
        return "split" if n.split_from else "created"
    return "changed" if _changed(n, canonical) else None


def story_row(i: int, story: Story) -> tuple[Any, ...]:
    """The values of `STORY_COLUMNS` for one story."""
    values = [getattr(story, field) for field in _STORY_FIELDS]
    values[_STORY_FIELDS.index("date")] = story.date.isoformat() if story.date else None
    return (i, *values)


def story_from_row(row: Sequence[Any]) -> Story:
    """The `Story` of a row of `STORY_COLUMNS`."""
    values = dict(zip(_STORY_FIELDS, row[1:], strict=True))
    values["date"] = dt.date.fromisoformat(values["date"]) if values["date"] else None
    return Story(**values)
