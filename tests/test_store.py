"""The SQLite store: incremental builds equal batch runs, stable ids, queries, exports."""

from __future__ import annotations

import csv
import json
import random
import shutil
import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import provenance
from benchmarks.synthetic import Source, generate, write
from provenance import Settings, Store, StoreError
from provenance.candidates import TITLE_TAG, WINDOW_TAG, band_rows, lsh_params
from provenance.cli import command
from provenance.export import jsonl_lines
from provenance.incremental import Old, bucket_pairs, name_groups
from provenance.model import path_key
from provenance.pipeline import analyse, candidate_pairs, verified
from provenance.store import SCHEMA_VERSION
from provenance.text import normalize
from provenance.verify import titles_alike

from .conftest import SEEDS, TITLE_ONLY, make_body, make_title, write_page, write_title_only_pairs


def without_ids(lines: Iterable[str]) -> list[str]:
    """JSON Lines records with `story_id` taken out: what must equal a batch run's."""
    out = []
    for line in lines:
        record = json.loads(line)
        del record["story_id"]
        out.append(json.dumps(record, ensure_ascii=False))
    return out


def batch_lines(paths: Sequence[str | Path], config: Settings | None = None) -> list[str]:
    return list(jsonl_lines(provenance.dedupe(paths, config).stories))


def store_lines(store: Store) -> list[str]:
    return [line for record in store.records() for line in jsonl_lines((record,))]


def build(
    db: Path, groups: Sequence[Sequence[str]], config: Settings | None = None, batch: int = 3
) -> list[str]:
    with Store.open(db, config) as store:
        for group in groups:
            store.ingest(group, batch=batch)
        return store_lines(store)


def text_files(root: Path) -> list[str]:
    return sorted(str(p) for p in root.rglob("*.txt"))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Generated pages: copies, excerpts, reworded titles, listings, widgets, digests."""
    sources = [
        Source(f"gen:{k:03d}", make_title(k), make_body(k).split("\n\n"), "gen") for k in range(40)
    ]
    root = tmp_path_factory.mktemp("corpus")
    write(generate(sources, stories=40, noise="high", seed=7), root)
    (root / "truth.jsonl").unlink()  # the labels, not a page
    return root


def copy_of(root: Path, tmp_path: Path) -> Path:
    target = tmp_path / "pages"
    shutil.copytree(root, target)
    return target


# -- equal to a batch run ---------------------------------------------------------------------


def test_one_ingest_of_the_seeds_equals_the_batch_run(tmp_path: Path) -> None:
    files = text_files(SEEDS)
    batch = batch_lines(files)
    stored = build(tmp_path / "s.sqlite", [files])
    assert without_ids(stored) == without_ids(batch)
    with Store.open(tmp_path / "s.sqlite") as store:
        for line in batch:  # every batch id finds its story: as its id or as an alias
            record = json.loads(line)
            found = store.story(record["story_id"])
            assert found is not None
            assert found.to_dict() | {"story_id": record["story_id"]} == record


@pytest.mark.parametrize("order", [[0, 1, 2, 3, 4], [4, 3, 2, 1, 0], [2, 0, 4, 1, 3]])
def test_seeds_added_one_file_a_day_equal_the_batch_run(tmp_path: Path, order: list[int]) -> None:
    files = text_files(SEEDS)
    stored = build(tmp_path / "s.sqlite", [[files[k]] for k in order])
    assert without_ids(stored) == without_ids(batch_lines(files))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_generated_corpus_in_batches_equals_the_batch_run(
    corpus: Path, tmp_path: Path, seed: int
) -> None:
    files = text_files(corpus)
    rng = random.Random(seed)
    rng.shuffle(files)
    days = rng.randint(3, 6)
    stored = build(tmp_path / "s.sqlite", [files[d::days] for d in range(days)], batch=seed)
    assert without_ids(stored) == without_ids(batch_lines(files))


def test_giant_buckets_chained_as_in_a_batch_run(corpus: Path, tmp_path: Path) -> None:
    """With max_bucket=2 almost every shared bucket is a chain in run order, and stories
    added later fall between earlier ones: the chain links must still be the batch's."""
    chained = Settings(max_bucket=2)
    files = text_files(corpus)
    days = [files[d::4] for d in (3, 0, 2, 1)]
    stored = build(tmp_path / "s.sqlite", days, chained)
    assert without_ids(stored) == without_ids(batch_lines(files, chained))
    with sqlite3.connect(tmp_path / "s.sqlite") as db:
        large = db.execute(
            "SELECT count(*) FROM (SELECT 1 FROM bands GROUP BY tag, key HAVING count(*) > 2)"
        ).fetchone()[0]
    assert large > 50  # the chains were really exercised


@settings(
    max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_split_and_order_equals_the_batch_run(
    corpus: Path, tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    files = text_files(corpus)[:30]
    order = data.draw(st.permutations(files))
    cuts = sorted(data.draw(st.sets(st.integers(1, len(files) - 1), max_size=4)))
    groups = [order[a:b] for a, b in zip([0, *cuts], [*cuts, len(files)], strict=True)]
    chained = data.draw(st.sampled_from([Settings(), Settings(max_bucket=3)]))
    db = tmp_path_factory.mktemp("split") / "s.sqlite"
    stored = build(db, groups, chained, batch=data.draw(st.integers(1, 8)))
    assert without_ids(stored) == without_ids(batch_lines(files, chained))


def test_edges_are_the_batch_runs_verified_candidates(corpus: Path, tmp_path: Path) -> None:
    files = text_files(corpus)
    config = Settings(max_bucket=3)
    with Store.open(tmp_path / "s.sqlite", config) as store:
        for part in (files[1::2], files[::2]):
            store.ingest(part, batch=5)
        position = {
            (path, start): i
            for i, path, start in store.db.execute("SELECT id, path, char_start FROM stories")
        }
        edges = set(store.db.execute("SELECT a, b FROM edges").fetchall())
    run = analyse(files, config)
    found = verified(candidate_pairs(run.described, run.signed, config), run.described, config)
    ids = [position[(s.path, s.start)] for s in run.stories]
    assert edges == {(min(ids[a], ids[b]), max(ids[a], ids[b])) for a, b in found}


@pytest.mark.parametrize("title_only", [True, False], ids=["title-only", "body-too"])
def test_title_bands_count_for_pairs_whose_titles_are_alike(
    tmp_path: Path, title_only: bool
) -> None:
    """As in a batch run, a pair is proposed by title bands only when its titles are alike:
    under TITLE_ONLY, a.txt and b.txt are then no edge; under the defaults their bodies'
    bands alone count for them."""
    config = Settings(**TITLE_ONLY) if title_only else Settings()
    files = sorted(str(p) for p in write_title_only_pairs(tmp_path / "pages").glob("*.txt"))
    expected = batch_lines(files, config)
    assert [line.count('"evidence"') for line in expected] == ([1, 1, 2] if title_only else [2, 2])
    with Store.open(tmp_path / "s.sqlite", config) as store:
        for part in (files[1::2], files[::2]):  # b and d first, then their copies
            store.ingest(part, batch=1)
        assert without_ids(store_lines(store)) == without_ids(expected)
        edges = store.db.execute("SELECT a, b, proposals FROM edges").fetchall()
        assert len(edges) == (1 if title_only else 2)
        assert edges == [(a, b, proposals(store.db, config)[a, b]) for a, b, _ in edges]
        store.drop([files[2]])
        assert len(store.db.execute("SELECT * FROM edges").fetchall()) == len(edges) - 1
        rest = batch_lines(files[:2] + files[3:], config)
        assert without_ids(store_lines(store)) == without_ids(rest)


def proposals(db: sqlite3.Connection, config: Settings) -> Counter[tuple[int, int]]:
    """For every pair, how many stored buckets propose it, counted from scratch (a title
    bucket only for a pair whose titles are alike)."""
    position, title = {}, {}
    for i, path, start, heading in db.execute("SELECT id, path, char_start, title FROM stories"):
        position[i], title[i] = (*path_key(path), start), normalize(heading or "")
    windows = int(db.execute("SELECT value FROM meta WHERE key = 'windows'").fetchone()[0])
    found: Counter[tuple[int, int]] = Counter()
    buckets = db.execute(
        "SELECT tag, group_concat(story) FROM bands GROUP BY tag, key HAVING count(*) > 1"
    )
    for tag, members in buckets:
        if WINDOW_TAG <= tag < TITLE_TAG and not windows:
            continue
        ids = [int(m) for m in members.split(",")]
        pairs = bucket_pairs(ids, position.__getitem__, config.max_bucket)
        if tag >= TITLE_TAG:
            pairs = {(a, b) for a, b in pairs if titles_alike(title[a], title[b], config)}
        found.update(pairs)
    return found


@pytest.mark.parametrize("max_bucket", [3, 64])
def test_every_edge_counts_the_buckets_that_propose_it(
    corpus: Path, tmp_path: Path, max_bucket: int
) -> None:
    root = copy_of(corpus, tmp_path)
    files = text_files(root)
    config = Settings(max_bucket=max_bucket)
    with Store.open(tmp_path / "s.sqlite", config) as store:
        for part in (files[2::3], files[::3], files[1::3]):
            store.ingest(part, batch=4)
        store.drop(files[::5])
        edges = store.db.execute("SELECT a, b, proposals FROM edges").fetchall()
        counted = proposals(store.db, config)
    assert edges
    assert all(counted[(a, b)] == n for a, b, n in edges)


def test_window_family_turning_on_and_off(tmp_path: Path) -> None:
    """Batch runs band bodies with windows only when some story has windows: stories
    too short for windows, then a long one, then the long one dropped again."""
    rng = random.Random(5)
    root = tmp_path / "pages"
    for f in range(30):
        stories = []
        for _ in range(rng.randint(1, 3)):
            k = rng.randint(0, 12)
            words = make_body(k, paragraphs=1).split()[:50]  # under one window of shingles
            if rng.random() < 0.3:
                words[rng.randrange(len(words))] = "changed"
            stories.append((make_title(k), " ".join(words) + "."))
        write_page(root / f"p{f:02d}.txt", stories)
    long = write_page(root / "zz.txt", [(make_title(3), make_body(3, paragraphs=6))])
    short, every = text_files(root)[:-1], text_files(root)
    config = Settings(max_bucket=3)
    with_windows = analyse(every, config)
    without = analyse(short, config)
    assert with_windows.signed.windows.shape[0] > 0
    assert without.signed.windows.shape[0] == 0
    with Store.open(tmp_path / "s.sqlite", config) as store:
        store.ingest(short)
        assert without_ids(store_lines(store)) == without_ids(batch_lines(short, config))
        store.ingest([str(long)])
        assert without_ids(store_lines(store)) == without_ids(batch_lines(every, config))
        store.drop([str(long)])
        assert without_ids(store_lines(store)) == without_ids(batch_lines(short, config))


# -- changes: the same files, changed files, removed files ------------------------------------


def snapshot(db: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(db) as conn:
        return {
            table: conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
            for table in ("files", "stories", "bands", "edges", "clusters", "members", "aliases")
        }


def test_ingesting_the_same_files_again_changes_nothing(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite"
    files = text_files(corpus)
    with Store.open(db) as store:
        store.ingest(files)
    before = snapshot(db)
    with Store.open(db) as store:
        again = store.ingest([corpus])
    assert again.unchanged == len(files)
    assert (again.added, again.replaced, again.stories_added) == (0, 0, 0)
    assert snapshot(db) == before


def test_a_changed_file_replaces_its_own_stories(corpus: Path, tmp_path: Path) -> None:
    root = copy_of(corpus, tmp_path)
    files = text_files(root)
    db = tmp_path / "s.sqlite"
    build(db, [files])
    rng = random.Random(3)
    for path in rng.sample(files, 6):
        paragraphs = Path(path).read_text(encoding="utf-8").split("\n\n")
        rng.shuffle(paragraphs)
        Path(path).write_text("\n\n".join(paragraphs[1:]), encoding="utf-8")
    with Store.open(db) as store:
        report = store.ingest([root])
        assert (report.replaced, report.added, report.unchanged) == (6, 0, len(files) - 6)
        assert without_ids(store_lines(store)) == without_ids(batch_lines(files))


def test_dropped_and_pruned_files_leave_the_batch_run_of_the_rest(
    corpus: Path, tmp_path: Path
) -> None:
    root = copy_of(corpus, tmp_path)
    files = text_files(root)
    db = tmp_path / "s.sqlite"
    build(db, [files])
    with Store.open(db) as store:
        assert store.drop(files[:5]).removed == 5
        gone = files[5:9]
        for path in gone:
            Path(path).unlink()
        assert store.prune().removed == 4
        rest = files[9:]
        assert [f.path for f in store.files()] == rest
        assert without_ids(store_lines(store)) == without_ids(batch_lines(rest))
        assert store.drop([str(root)]).removed == len(rest)  # a folder drops what is under it
        assert store.stats().stories == 0
        assert list(store.records()) == []


# -- story ids ---------------------------------------------------------------------------------


def test_a_story_keeps_its_id_when_a_better_copy_joins(tmp_path: Path) -> None:
    title, body = make_title(1), make_body(1)
    short = "\n\n".join(body.split("\n\n")[:3])  # an excerpt: the full copy becomes canonical
    first = write_page(tmp_path / "a.txt", [(title, short)])
    second = write_page(tmp_path / "b.txt", [(title, body)])
    with Store.open(tmp_path / "s.sqlite") as store:
        store.ingest([first])
        [alone] = store.records()
        store.ingest([second])
        [joined] = store.records()
    assert joined.story_id == alone.story_id
    assert joined.files == (str(first), str(second))
    [batch] = provenance.dedupe([first, second]).stories
    assert batch.canonical.path == str(second)
    assert batch.story_id != alone.story_id
    with Store.open(tmp_path / "s.sqlite") as store:
        assert store.resolve(batch.story_id) == alone.story_id  # the batch id is an alias


def test_merged_stories_keep_the_older_id_and_alias_the_other(tmp_path: Path) -> None:
    title, body = make_title(2), make_body(2)
    paragraphs = body.split("\n\n")
    # two parts that share a paragraph, too little to match; the whole story joins them
    head = write_page(tmp_path / "b.txt", [(title, "\n\n".join(paragraphs[:3]))])
    tail = write_page(tmp_path / "a.txt", [(make_title(99), "\n\n".join(paragraphs[2:]))])
    whole = write_page(tmp_path / "c.txt", [(title, body)])
    with Store.open(tmp_path / "s.sqlite") as store:
        store.ingest([head])
        [older] = store.records()
        store.ingest([tail])
        assert len(list(store.records())) == 2
        younger = next(r for r in store.records() if r.story_id != older.story_id)
        store.ingest([whole])  # carries both parts: one story now
        [merged] = store.records()
        assert merged.story_id == older.story_id
        assert store.resolve(younger.story_id) == older.story_id
        assert store.story(younger.story_id) == merged
        events = store.db.execute("SELECT cluster, event, other FROM history").fetchall()
    assert (younger.story_id, "merged", older.story_id) in events


def test_the_same_history_gives_the_same_bytes_and_ids(corpus: Path, tmp_path: Path) -> None:
    files = text_files(corpus)
    days = [files[d::3] for d in (2, 0, 1)]
    one = build(tmp_path / "one.sqlite", days, batch=4)
    two = build(tmp_path / "two.sqlite", days, batch=4)
    assert one == two
    ids = [json.loads(line)["story_id"] for line in one]
    assert len(ids) == len(set(ids))


def test_name_groups_inherits_merges_splits_and_retires() -> None:
    old = [
        Old("a", founder=1, canonical=1, created=1, updated=1, members=frozenset({1, 2})),
        Old("b", founder=3, canonical=3, created=1, updated=1, members=frozenset({3})),
        Old("c", founder=4, canonical=4, created=1, updated=1, members=frozenset({4, 5})),
        Old("d", founder=6, canonical=6, created=1, updated=1, members=frozenset({6})),
    ]
    groups = [frozenset({1, 2, 3, 9}), frozenset({4}), frozenset({5, 8})]  # 6 was removed
    named, dead = name_groups(
        old, groups, natural=lambda i: f"story{i}", taken=lambda s: s == "story5", run=2
    )
    assert [n.id for n in named] == ["a", "c", named[2].id]
    assert named[0].merged == ("b",)
    assert named[2].id not in {"a", "b", "c", "d", "story5"}  # story5 is taken
    assert named[2].founder == 5
    assert named[2].split_from == ("c",)
    assert dead == ["d"]


# -- queries and exports -----------------------------------------------------------------------


def test_queries_find_files_stories_and_titles(tmp_path: Path) -> None:
    files = text_files(SEEDS)
    with Store.open(tmp_path / "s.sqlite") as store:
        store.ingest(files)
        batch = provenance.dedupe(files)
        tajik = next(r for r in batch.stories if "Tajikistan" in r.title)
        found = store.story(tajik.story_id)
        assert found is not None
        assert found.files == tajik.files
        assert [(o.path, o.start, o.end) for o in found.occurrences] == [
            (o.path, o.start, o.end) for o in tajik.occurrences
        ]
        carried = store.stories_of(files[0])
        expected = [r for r in batch.stories if files[0] in r.files]
        assert {r.title for r in carried} == {r.title for r in expected}
        starts = [next(o.start for o in r.occurrences if o.path == files[0]) for r in carried]
        assert starts == sorted(starts)
        hits = store.search("meat export deal tajikistan", limit=3)
        assert hits[0].story_id == found.story_id
        assert hits[0].score > 80
        assert len(hits) == 3
        assert hits[0].score >= hits[1].score >= hits[2].score
        assert store.story("0123456789abcdef") is None
        assert store.stories_of("no/such/file.txt") == []
        listed = store.files()
        assert [f.path for f in listed] == files
        assert listed[0].size == Path(files[0]).stat().st_size
        assert len(listed[0].sha256) == 64
        assert store.stats().stories == batch.stats.stories_found


def test_csv_and_jsonl_exports_match_a_batch_run(tmp_path: Path) -> None:
    files = text_files(SEEDS)
    with Store.open(tmp_path / "s.sqlite") as store:
        store.ingest(files[::-1], batch=1)
        store.write_jsonl(tmp_path / "store.jsonl")
        store.write_csv(tmp_path / "store.csv")
    report = provenance.dedupe(files)
    provenance.write_jsonl(report.stories, tmp_path / "batch.jsonl")
    provenance.write_csv(report.stories, tmp_path / "batch.csv")
    jsonl = [(tmp_path / f"{n}.jsonl").read_text(encoding="utf-8") for n in ("store", "batch")]
    assert without_ids(jsonl[0].splitlines()) == without_ids(jsonl[1].splitlines())

    def rows(name: str) -> list[dict[str, str]]:
        with open(tmp_path / name, encoding="utf-8", newline="") as handle:
            return [{k: v for k, v in r.items() if k != "story_id"} for r in csv.DictReader(handle)]

    assert rows("store.csv") == rows("batch.csv")


def test_band_rows_are_the_batch_banding(tmp_path: Path) -> None:
    config = Settings()
    run = analyse(text_files(SEEDS), config)
    ids = np.arange(len(run.stories), dtype=np.int64)
    rows = band_rows(ids, run.signed, [f.title for f in run.described], config)
    bands = lsh_params(config.lsh_threshold, config.num_perm)[0]
    assert (rows[:, 0] < bands).sum() == len(run.stories) * bands  # every body is banded
    assert len(np.unique(rows, axis=0)) == len(rows)


# -- the file itself ---------------------------------------------------------------------------


def test_the_file_is_wal_with_a_schema_version(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.sqlite") as store:
        store.ingest([SEEDS])
    with sqlite3.connect(tmp_path / "s.sqlite") as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        (blob,) = db.execute("SELECT signature FROM signatures LIMIT 1").fetchone()
    assert len(blob) == 4 * Settings().num_perm  # plain uint32 values, no pickle


def test_settings_must_match_the_store(tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite"
    Store.open(db, Settings(threshold=0.6)).close()
    with Store.open(db) as store:
        assert store.settings.threshold == 0.6
    with pytest.raises(StoreError, match=r"threshold=0\.6"):
        Store.open(db, Settings())
    Store.open(db, Settings(threshold=0.6, include=("*.txt",))).close()  # picks files only
    assert Store.stored_settings(db) == Settings(threshold=0.6)
    assert Store.stored_settings(tmp_path / "none.sqlite") is None


def test_what_is_not_a_store_is_refused(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("not a database at all, just words\n" * 100, encoding="utf-8")
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE t (x)")
    for path in (text, other):
        with pytest.raises(StoreError):
            Store.open(path)
    with pytest.raises(StoreError, match="no store"):
        Store.open(tmp_path / "missing.sqlite", create=False)


def test_a_store_built_by_another_version_refuses_to_change(tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite"
    with Store.open(db) as store:
        store.ingest([SEEDS])
        store.db.execute("UPDATE meta SET value = '0.0.1' WHERE key = 'version'")
    with Store.open(db) as store:
        assert len(list(store.records())) == 15  # reading still works
        with pytest.raises(StoreError, match=r"0\.0\.1"):
            store.ingest([SEEDS])


# -- the command -------------------------------------------------------------------------------


def dedupe_cli(*args: str) -> Result:
    return CliRunner().invoke(command, list(args))


def test_the_command_builds_exports_and_queries_a_store(tmp_path: Path) -> None:
    db, files = str(tmp_path / "s.sqlite"), text_files(SEEDS)
    first = dedupe_cli(*files[:3], "--db", db, "-q", "--batch", "1")
    assert first.exit_code == 0, first.output
    built = dedupe_cli(*files, "--db", db, "--jsonl", str(tmp_path / "a.jsonl"))
    assert built.exit_code == 0, built.output
    assert "15 stories in" in built.stderr
    assert "2 added" in built.stderr
    assert "3 unchanged" in built.stderr
    assert len(built.stdout.splitlines()) == 16  # the table of the whole store
    again = dedupe_cli("--db", db, "--jsonl", str(tmp_path / "b.jsonl"), "-q")  # no PATHS
    assert again.exit_code == 0
    assert again.output == ""
    exported = (tmp_path / "b.jsonl").read_text(encoding="utf-8")
    assert exported == (tmp_path / "a.jsonl").read_text(encoding="utf-8")
    assert without_ids(exported.splitlines()) == without_ids(batch_lines(files))
    batch = provenance.dedupe(files)
    tajik = next(r for r in batch.stories if len(r.files) == 3)
    found = dedupe_cli("--db", db, "--files-of", tajik.story_id, "-q")
    assert found.exit_code == 0
    assert [line.split()[0] for line in found.stdout.splitlines()[1:]] == list(tajik.files)
    carried = dedupe_cli("--db", db, "--stories-of", files[0], "--json", "-q")
    assert {r["title"] for r in json.loads(carried.stdout)} == {
        r.title for r in batch.stories if files[0] in r.files
    }
    hits = json.loads(dedupe_cli("--db", db, "--search", "Tajikistan meat", "--json").stdout)
    assert hits[0]["title"] == tajik.title
    assert len(hits) == 10
    missing = dedupe_cli("--db", db, "--files-of", "0123456789abcdef")
    assert missing.exit_code == 1
    assert "no story 0123456789abcdef" in missing.stderr


def test_the_command_drops_and_prunes(tmp_path: Path) -> None:
    root = tmp_path / "pages"
    shutil.copytree(SEEDS, root)
    files, db = text_files(root), str(tmp_path / "s.sqlite")
    assert dedupe_cli(str(root), "--db", db, "-q").exit_code == 0
    Path(files[0]).unlink()
    done = dedupe_cli("--db", db, "--prune", "--drop", files[1], "--jsonl", str(tmp_path / "o"))
    assert done.exit_code == 0, done.output
    assert "2 removed" in done.stderr
    lines = (tmp_path / "o").read_text(encoding="utf-8").splitlines()
    assert without_ids(lines) == without_ids(batch_lines(files[2:]))


@pytest.mark.parametrize(
    "args",
    [
        ["--prune"],
        ["--files-of", "x"],
        ["--db", "{tmp}/absent.sqlite"],
        ["--db", "{tmp}/s.sqlite", "--threshold", "0.9"],
        [str(SEEDS), "--db", "{tmp}/s.sqlite", "--html", "{tmp}/r.html"],
        ["--db", "{tmp}/notes.txt"],
    ],
)
def test_the_command_refuses_what_a_store_cannot_do(tmp_path: Path, args: list[str]) -> None:
    Store.open(tmp_path / "s.sqlite").close()
    (tmp_path / "notes.txt").write_text("plain words, not a database\n" * 50, encoding="utf-8")
    result = dedupe_cli(*(a.format(tmp=tmp_path) for a in args))
    assert result.exit_code == 2, result.output
    assert "Usage" in result.stderr
    assert result.stdout == ""
