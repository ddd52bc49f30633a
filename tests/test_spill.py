"""A run that keeps its stories on disk gives the records of the in-memory stages."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import attrs
import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import provenance
from benchmarks.synthetic import Source, generate, write
from provenance import OutputError, Settings, build_records, pipeline
from provenance.cli import command
from provenance.export import jsonl_lines
from provenance.pipeline import (
    analyse,
    candidate_pairs,
    group,
    open_run,
    verified,
)
from provenance.spill import (
    FEATURES,
    PICKLED,
    STORIES,
    Buckets,
    Column,
    Spill,
    Titles,
    read_titles,
)
from provenance.text import features, normalize

from .conftest import SEEDS, TITLE_ONLY, make_body, make_title, write_page, write_title_only_pairs


def in_memory(paths: list[Path], config: Settings, workers: int = 1) -> list[str]:
    """The records of the stage functions, every story held in memory: the reference."""
    run = analyse(paths, config, workers=workers)
    pairs = candidate_pairs(run.described, run.signed, config)
    edges = verified(pairs, run.described, config)
    groups = group(run.stories, run.described, edges, config)
    return list(jsonl_lines(build_records(run.stories, run.described, groups)))


def spilled(paths: list[Path], config: Settings, workers: int = 1) -> list[str]:
    with open_run(paths, config, workers=workers) as run:
        return [line for record in run.records() for line in jsonl_lines((record,))]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Copies, excerpts, reworded titles, widgets, and long bodies with windows."""
    sources = [
        Source(f"gen:{k:03d}", make_title(k), make_body(k, paragraphs=4 + k % 9).split("\n\n"), "g")
        for k in range(40)
    ]
    root = tmp_path_factory.mktemp("corpus")
    write(generate(sources, stories=40, noise="high", seed=3), root)
    (root / "truth.jsonl").unlink()
    for n in range(150):  # more files than one task takes, so that tasks are joined
        write_page(root / "more" / f"p{n:03d}.txt", [(make_title(n % 30), make_body(n % 30))])
    return root


@pytest.mark.parametrize("max_bucket", [2, 64])
@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize("blocks", ["whole", "small"])
def test_records_equal_the_in_memory_stages(
    corpus: Path, max_bucket: int, workers: int, blocks: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if blocks == "small":  # many tasks of bands, of pairs to verify and of components to split
        monkeypatch.setattr(pipeline, "_BANDS_PER_TASK", 1)
        monkeypatch.setattr(pipeline, "_VERIFY_BLOCK", 16)
        monkeypatch.setattr(pipeline, "_GROUP_BLOCK", 5)
    config = Settings(max_bucket=max_bucket)
    expected = in_memory([corpus], config)
    assert len(expected) >= 40
    assert analyse([corpus], config).signed.windows.size  # long bodies: windows banded too
    assert spilled([corpus], config, workers) == expected


@pytest.mark.parametrize("workers", [1, 2])
def test_pairs_only_title_bands_propose_are_kept_as_in_memory(tmp_path: Path, workers: int) -> None:
    config = Settings(**TITLE_ONLY)
    root = write_title_only_pairs(tmp_path)
    expected = in_memory([root], config)
    assert [line.count('"evidence"') for line in expected] == [1, 1, 2]
    assert spilled([root], config, workers) == expected


def test_title_only_pairs_with_titles_not_alike_are_never_verified(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The title bands' tasks check titles (reading only the titles file): the verification
    blocks, which read whole features, never get a.txt and b.txt, whose titles share only
    "what it is and what it is not:"."""
    verified_codes: list[int] = []
    verify_block = pipeline._verify_block

    def recorded(*args: object) -> object:
        verified_codes.extend(args[1].tolist())  # type: ignore[attr-defined]
        return verify_block(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "_verify_block", recorded)
    root = write_title_only_pairs(tmp_path)
    with open_run([root], Settings(**TITLE_ONLY)) as run:
        n = len(run.stories)
        names = [Path(s.path).name for s in run.stories]
        pairs = {(names[c // n], names[c % n]) for c in verified_codes}
    assert ("c.txt", "d.txt") in pairs
    assert ("a.txt", "b.txt") not in pairs


def test_seeds_equal_the_in_memory_stages() -> None:
    assert spilled([SEEDS], Settings()) == in_memory([SEEDS], Settings())


def test_stories_are_numbered_in_run_order(corpus: Path) -> None:
    """Records come out in group order; that is the canonical copies' order in the run
    only because the stories are numbered in (path, offset) order."""
    with open_run([corpus], Settings(), workers=2) as run:
        positions = [story.position for story in run.stories]
    assert positions == sorted(positions)
    assert len(set(positions)) == len(positions)


def test_stats_count_what_the_records_hold(corpus: Path) -> None:
    with open_run([corpus], Settings()) as run:
        records = list(run.records())
        stats = run.stats
    assert stats.unique_stories == len(records)
    assert stats.duplicate_occurrences == sum(len(r.occurrences) for r in records) - len(records)
    assert stats.stories_found == len({(o.path, o.start) for r in records for o in r.occurrences})


def test_the_temporary_folder_goes_when_the_run_ends_or_fails(tmp_path: Path) -> None:
    write_page(tmp_path / "in" / "a.txt", [(make_title(1), make_body(1))])
    folder = tmp_path / "spill"
    folder.mkdir()
    with open_run([tmp_path / "in"], directory=folder) as run:
        assert list(folder.iterdir())  # stories on disk while the run is open
        assert len(run.stories) == 1
    assert list(folder.iterdir()) == []
    with pytest.raises(KeyboardInterrupt), open_run([tmp_path / "in"], directory=folder):
        raise KeyboardInterrupt
    assert list(folder.iterdir()) == []


def test_stories_read_back_from_disk_are_the_stories_written(tmp_path: Path) -> None:
    with Spill(tmp_path) as spill:
        stories = [provenance.Story(f"f{i}", 0, "t", "x" * 1000, 0, 9, 1, 2) for i in range(50)]
        spill.stories.extend(STORIES.dumps(stories))
        assert len(spill.stories) == 50
        assert spill.stories[7] == stories[7]
        assert spill.stories[-1] == stories[-1]
        assert list(spill.stories) == stories
        assert spill.stories[10:13] == stories[10:13]


@settings(max_examples=50, deadline=None)
@given(
    st.lists(st.one_of(st.text(), st.binary(max_size=300), st.integers(), st.none()), max_size=80),
    st.integers(min_value=1, max_value=8),
)
def test_a_column_reads_back_what_was_written(values: list[object], cached: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        column: Column[object] = Column(Path(folder) / "c", cached=cached)
        half = len(values) // 2
        column.extend(PICKLED.dumps(values[:half]))
        column.extend(PICKLED.dumps(values[half:]))
        assert len(column) == len(values)
        assert list(column) == values
        for i in [*range(len(values)), *range(len(values) - 1, -1, -1)]:
            assert column[i] == values[i]
        assert len(column._cache) <= cached
        with pytest.raises(IndexError):
            column[len(values)]
        column.close()


def test_buckets_keep_each_band_apart_and_number_stories_from_the_offset(tmp_path: Path) -> None:
    buckets = Buckets(tmp_path)
    buckets.add(np.array([[3, 10, 0], [0, 5, 1], [3, 11, 1]], dtype=np.int64), first=100)
    buckets.add(np.array([[3, 10, 0]], dtype=np.int64), first=200)
    assert buckets.tags == [0, 3]
    keys, owners = buckets.members(3)
    assert keys.tolist() == [10, 11, 10]
    assert owners.tolist() == [100, 101, 200]
    assert [k.tolist() for k in buckets.members(0)] == [[5], [101]]
    buckets.close()


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(max_size=30), max_size=20), st.integers(min_value=0, max_value=20))
def test_titles_read_back_in_story_order(raw: list[str], cut: int) -> None:
    titles = [normalize(t) for t in raw]  # as the workers write them: no line breaks left
    with tempfile.TemporaryDirectory() as folder, Spill(folder) as spill:
        spill.titles.extend(Titles.dumps(titles[:cut]))
        spill.titles.extend(Titles.dumps(titles[cut:]))
        assert read_titles(spill.titles.path) == titles


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=40), st.text(max_size=400))
def test_features_read_back_are_the_features_written(title: str, body: str) -> None:
    written = attrs.evolve(features(title, body, 5), sequence=None)
    with tempfile.TemporaryDirectory() as folder:
        column = Column(Path(folder) / "f", FEATURES)
        column.extend(FEATURES.dumps([written]))
        read = column[0]
        (again,) = column.locate(np.array([0])).read(FEATURES).values()
        column.close()
    for value in (read, again):
        assert value == written  # every field but the shingles, which compare by value:
        assert value.shingles.dtype == np.uint64
        assert value.shingles.tolist() == written.shingles.tolist()


@pytest.mark.parametrize("workers", [1, 2])
def test_lines_made_by_the_workers_are_the_records_lines(
    corpus: Path, workers: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "_RECORDS_BLOCK", 7)  # many blocks of groups, many tasks
    with open_run([corpus], Settings(), workers=workers) as run:
        made = list(run.lines())
        expected = list(jsonl_lines(run.records()))
    assert "".join(made) == "".join(expected)
    assert len(expected) >= 40


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_disk_is_a_clear_error() -> None:
    column: Column[object] = Column(Path("/dev/full"))
    with pytest.raises(OutputError, match=r"No space left on device.*TMPDIR"):
        column.extend(PICKLED.dumps(["x" * 100_000]))
    column.close()


def test_a_temporary_folder_that_cannot_be_made_ends_the_command_with_its_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_page(tmp_path / "in" / "a.txt", [(make_title(1), make_body(1))])
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("", encoding="utf-8")
    monkeypatch.setattr(tempfile, "tempdir", str(not_a_folder))
    result = CliRunner().invoke(command, [str(tmp_path / "in"), "-q", "--workers", "1"])
    assert result.exit_code == 3
    assert "cannot keep the run's stories" in result.stderr
