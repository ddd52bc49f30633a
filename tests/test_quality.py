"""A fast slice of the quality benchmark: regressions in detection quality fail here.

The full benchmark is `python -m benchmarks.quality`; these run its code on the
seeds and on a slice of the real AEB data (skipped when ../shared/data is absent).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import datasets
from benchmarks.quality import evaluate


def _default(results):  # type: ignore[no-untyped-def]
    return next(r for r in results if r.system == "provenance")


def test_seeds_every_story_right() -> None:
    result = _default(evaluate(datasets.seeds(), sweep=()))
    assert result.scores.ari == 1.0
    assert result.scores.false_merges == 0
    assert result.scores.missed_copies == 0
    assert result.segmentation == 1.0


@pytest.fixture(scope="module")
def aeb_slice(tmp_path_factory: pytest.TempPathFactory) -> datasets.Labelled:
    if not (datasets.DATA / datasets.AEB_TARBALL).exists():
        pytest.skip(f"{datasets.DATA / datasets.AEB_TARBALL} is absent")
    return datasets.aeb(Path(tmp_path_factory.mktemp("aeb")), pages=30)


def test_aeb_slice_beats_the_baseline(aeb_slice: datasets.Labelled) -> None:
    results = evaluate(aeb_slice, sweep=(0.5,))
    ours = _default(results)
    plain = next(r for r in results if r.system == "baseline")
    # measured on this slice: ARI 0.965, precision 0.9996 (baseline at 0.8: ARI 0.755)
    assert ours.scores.ari >= 0.95
    assert ours.scores.precision >= 0.99
    assert ours.scores.ari > plain.scores.ari + 0.15
