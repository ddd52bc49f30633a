"""Detection quality on labelled news: provenance against the plain MinHash baseline.

    python -m benchmarks.quality          # everything; writes docs/quality-table.md and a PR plot
    python -m benchmarks.quality --quick  # a fast slice: seeds, 30 AEB pages, a small synthetic set

Real data sets are read from ../shared/data and skipped, with a message, when absent;
the seeds and the synthetic corpus always run. Every figure comes from this run:
nothing is copied from elsewhere.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import attrs

from provenance import Settings, StoryRecord, build_records
from provenance.evaluate import Scores, score, segmentation_accuracy
from provenance.pipeline import (
    candidate_pairs,
    describe,
    find_stories,
    group,
    read_documents,
    sign_stories,
    verified,
)

from . import baseline, datasets, reuters
from .datasets import DATA, REPO, Labelled

SWEEP = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


@attrs.frozen
class Result:
    """One system on one data set."""

    dataset: str
    system: str
    threshold: float
    scores: Scores
    segmentation: float | None
    seconds: float


class Prepared:
    """Everything up to the candidate pairs, computed once, so a sweep only re-verifies."""

    def __init__(self, paths: Sequence[str], settings: Settings) -> None:
        documents, _ = read_documents(paths, settings)
        self.texts = {d.path: d.text for d in documents}
        self.stories = find_stories(documents, settings)
        self.described = describe(self.stories, settings)
        signed = sign_stories(self.described, settings)
        self.pairs = candidate_pairs(self.described, signed, settings)

    def records(self, settings: Settings) -> list[StoryRecord]:
        edges = verified(self.pairs, self.described, settings)
        groups = group(self.stories, self.described, edges, settings)
        return build_records(self.stories, self.described, groups)


def evaluate(data: Labelled, *, sweep: Sequence[float] = SWEEP) -> list[Result]:
    """provenance at its defaults and over a threshold sweep, and the baseline likewise."""
    defaults = Settings()
    began = time.perf_counter()
    prepared = Prepared(data.paths, defaults)
    records = prepared.records(defaults)
    seconds = time.perf_counter() - began
    results = [_result(data, "provenance", defaults.threshold, records, seconds)]
    for threshold in sweep:
        records = prepared.records(defaults.replace(threshold=threshold))
        results.append(_result(data, "provenance sweep", threshold, records, 0.0))
    began = time.perf_counter()
    signed = baseline.minhashes(prepared.texts)
    base_seconds = time.perf_counter() - began
    for threshold in sorted({0.8, *sweep}):
        t0 = time.perf_counter()
        clusters = baseline.clusters(signed, threshold)
        name = "baseline" if threshold == 0.8 else "baseline sweep"
        results.append(
            _baseline_result(
                data, name, threshold, clusters, base_seconds + time.perf_counter() - t0
            )
        )
    return results


def _result(
    data: Labelled, system: str, threshold: float, records: list[StoryRecord], seconds: float
) -> Result:
    segmentation = (
        segmentation_accuracy([(s.path, s.start, s.end) for s in data.spans], records)
        if data.spans
        else None
    )
    return Result(
        data.name,
        system,
        threshold,
        score(data.predicted(records), data.truth),
        segmentation,
        seconds,
    )


def _baseline_result(
    data: Labelled, system: str, threshold: float, clusters: dict[str, str], seconds: float
) -> Result:
    if data.spans:
        predicted = {datasets.span_key(s): clusters.get(s.path, s.path) for s in data.spans}
    else:
        predicted = dict(clusters)
    return Result(data.name, system, threshold, score(predicted, data.truth), None, seconds)


def best(results: Sequence[Result], system: str) -> Result:
    """The sweep point with the best ARI (ties: the higher threshold)."""
    return max(
        (r for r in results if r.system == system), key=lambda r: (r.scores.ari, r.threshold)
    )


def table(results: Sequence[Result]) -> str:
    """The Markdown results table: defaults, and each system at its best threshold."""
    lines = [
        "| data set | system | threshold | precision | recall | F1 | ARI | false merges "
        "| missed copies | segmentation | seconds |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name in dict.fromkeys(r.dataset for r in results):
        mine = [r for r in results if r.dataset == name]
        rows = [
            next(r for r in mine if r.system == "provenance"),
            attrs.evolve(best(mine, "provenance sweep"), system="provenance, best threshold"),
            next(r for r in mine if r.system == "baseline"),
            attrs.evolve(best(mine, "baseline sweep"), system="baseline, best threshold"),
        ]
        for r in rows:
            s = r.scores
            seg = f"{r.segmentation:.3f}" if r.segmentation is not None else "–"
            secs = f"{r.seconds:.1f}" if r.seconds else "–"
            cells = [r.dataset, r.system, f"{r.threshold:.2f}"]
            cells += [f"{x:.4f}" for x in (s.precision, s.recall, s.f1, s.ari)]
            cells += [str(s.false_merges), str(s.missed_copies), seg, secs]
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def plot(results: Sequence[Result], path: Path) -> bool:
    """Precision against recall over the threshold sweep, one panel per data set."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is not installed (pip install -e '.[bench]'): no plot", file=sys.stderr)
        return False
    names = list(dict.fromkeys(r.dataset for r in results))
    columns = min(3, len(names))
    rows = -(-len(names) // columns)
    fig, axes = plt.subplots(rows, columns, figsize=(4.6 * columns, 4 * rows), squeeze=False)
    for ax in axes.flat[len(names) :]:
        ax.set_visible(False)
    for ax, name in zip(axes.flat, names, strict=False):
        for system, style in (("provenance sweep", "o-"), ("baseline sweep", "s--")):
            points = sorted(
                (r for r in results if r.dataset == name and r.system == system),
                key=lambda r: r.threshold,
            )
            ax.plot(
                [p.scores.recall for p in points],
                [p.scores.precision for p in points],
                style,
                label=system.split()[0],
            )
            for p in points:
                ax.annotate(f"{p.threshold:.1f}", (p.scores.recall, p.scores.precision), fontsize=7)
        default = next(r for r in results if r.dataset == name and r.system == "provenance")
        ax.plot(
            [default.scores.recall],
            [default.scores.precision],
            "r*",
            markersize=12,
            label="default",
        )
        ax.set_title(name)
        ax.set_xlabel("pairwise recall")
        ax.set_ylabel("pairwise precision")
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8, loc="lower left")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return True


NOISE_LEVELS = ("clean", "low", "medium", "high")


def reuters_table(scratch: Path, data: Path) -> str:
    """Reuters-21578: recall on the exact-duplicate groups and merges of templated reports."""
    collection = reuters.load(data)
    pairs = reuters.templated_pairs(collection)
    docs = reuters.extract(data, scratch / "reuters")
    rows = []
    began = time.perf_counter()
    records = Prepared([str(docs)], Settings()).records(Settings())
    seconds = time.perf_counter() - began
    placements = reuters.placements_from_report(_Stories(records))
    rows.append(
        (
            "provenance",
            Settings().threshold,
            reuters.score(reuters.story_map(placements), collection, pairs),
            seconds,
        )
    )
    began = time.perf_counter()
    signed = baseline.minhashes(collection.docs)
    sign_seconds = time.perf_counter() - began
    for threshold in (0.5, 0.8, 0.9):
        t0 = time.perf_counter()
        story_of = baseline.clusters(signed, threshold)
        rows.append(
            (
                "baseline",
                threshold,
                reuters.score(story_of, collection, pairs),
                sign_seconds + time.perf_counter() - t0,
            )
        )
    lines = [
        f"Reuters-21578: {len(collection.docs)} stories, {len(collection.exact_groups)} "
        f"exact-duplicate groups, {len(pairs)} templated report pairs (hard negatives).",
        "",
        "| system | threshold | exact groups found | templated pairs merged | largest clusters "
        "| seconds |",
        "|---|---:|---:|---:|---|---:|",
    ]
    for system, threshold, result, secs in rows:
        lines.append(
            f"| {system} | {threshold:.2f} | {result['exact_recall']:.4f} "
            f"| {result['templated_merged']} of {result['templated_pairs']} "
            f"| {', '.join(map(str, result['largest_clusters']))} | {secs:.1f} |"
        )
    return "\n".join(lines) + "\n"


@attrs.frozen
class _Stories:
    stories: list[StoryRecord]


def collections(quick: bool, scratch: Path, data: Path) -> list[Callable[[], Labelled]]:
    """The data sets to run, as loaders (a missing one is skipped when loaded)."""
    loaders: list[Callable[[], Labelled]] = [datasets.seeds]
    loaders.append(lambda: datasets.aeb(scratch, pages=30 if quick else None, data=data))
    for noise in ("low", "high") if quick else NOISE_LEVELS:
        loaders.append(
            lambda noise=noise: datasets.synthetic_corpus(  # type: ignore[misc]
                scratch, noise=noise, stories=60 if quick else 300, data=data
            )
        )
    return loaders


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DATA, help="folder of the data tarballs")
    parser.add_argument(
        "--out", type=Path, default=REPO / "docs", help="where quality-table.md and the plot go"
    )
    parser.add_argument("--quick", action="store_true", help="a fast slice, for CI")
    args = parser.parse_args(argv)
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="provenance-bench-") as tmp:
        for load in collections(args.quick, Path(tmp), args.data):
            try:
                data = load()
            except FileNotFoundError as error:
                print(f"skipped: {error}", file=sys.stderr)
                continue
            print(f"{data.name}: {len(data.truth)} items", file=sys.stderr)
            results.extend(evaluate(data))
    text = table(results)
    if not args.quick:
        try:
            with tempfile.TemporaryDirectory(prefix="provenance-reuters-") as tmp:
                text += "\n" + reuters_table(Path(tmp), args.data)
        except FileNotFoundError as error:
            print(f"skipped Reuters: {error}", file=sys.stderr)
    print(text)
    if not args.quick:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "quality-table.md").write_text(text, encoding="utf-8")
        plot(results, args.out / "quality-pr.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
