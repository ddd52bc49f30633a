"""Labelled collections for the quality benchmark: where they come from and what is true.

A data set is a folder of pages to run on and its truth: which story each item
carries. Items are whole files (AEB, Reuters: one story per file, scored by the
file's main story) or story spans inside pages (seeds, synthetic: scored by the
occurrence that overlaps each true span most).
"""

from __future__ import annotations

import csv
import json
import random
import tarfile
from collections.abc import Iterable, Mapping
from pathlib import Path

import attrs

from provenance import StoryRecord
from provenance.evaluate import main_stories, span_overlap

from . import synthetic

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
AEB_TARBALL = "aeb-extraction-variants.tar.gz"
REUTERS_TARBALL = "reuters21578.tar.gz"


@attrs.frozen
class Span:
    """One true story span in one page."""

    path: str
    start: int
    end: int
    story: str


@attrs.frozen
class Labelled:
    """A collection to run on and its truth.

    Attributes:
        name: how the results name it.
        paths: what to give `dedupe`.
        truth: item -> true story (items are file paths, or spans as "path@start-end").
        spans: the true spans, for collections whose pages hold several stories.
    """

    name: str
    paths: tuple[str, ...]
    truth: Mapping[str, str]
    spans: tuple[Span, ...] = ()

    def predicted(self, records: Iterable[StoryRecord]) -> dict[str, str]:
        """item -> predicted story, as the truth names items."""
        records = list(records)
        if not self.spans:
            return main_stories(records)
        by_path: dict[str, list[tuple[int, int, str]]] = {}
        for record in records:
            for o in record.occurrences:
                by_path.setdefault(o.path, []).append((o.start, o.end, record.story_id))
        out = {}
        for span in self.spans:
            found = by_path.get(span.path, [])
            best = max(
                found, key=lambda f: span_overlap((span.start, span.end), f[:2]), default=None
            )
            if best is not None and span_overlap((span.start, span.end), best[:2]) > 0:
                out[span_key(span)] = best[2]
        return out


def span_key(span: Span) -> str:
    return f"{span.path}@{span.start}-{span.end}"


def from_spans(name: str, paths: Iterable[str], spans: Iterable[Span]) -> Labelled:
    spans = tuple(spans)
    return Labelled(name, tuple(paths), {span_key(s): s.story for s in spans}, spans)


def seeds() -> Labelled:
    """The five seed pages with their hand labels (benchmarks/labels/seeds.jsonl)."""
    folder = REPO / "seeds"
    rows = [json.loads(line) for line in (REPO / "benchmarks/labels/seeds.jsonl").open()]
    spans = [Span(str(folder / r["file"]), r["start"], r["end"], r["story"]) for r in rows]
    return from_spans("seeds", [str(folder)], spans)


def unpack(tarball: str, into: Path, *, data: Path = DATA) -> Path:
    """Extract a data tarball once into `into`; FileNotFoundError when the data is absent."""
    source = data / tarball
    if not source.exists():
        raise FileNotFoundError(f"{source} not found: the real-data benchmarks need ../shared/data")
    marker = into / (tarball + ".done")
    if not marker.exists():
        with tarfile.open(source) as archive:
            archive.extractall(into, filter="data")
        marker.touch()
    return into


def aeb_root(into: Path, *, data: Path = DATA) -> Path:
    """The AEB folder (labels.tsv, texts/, html/), unpacked into `into`."""
    return unpack(AEB_TARBALL, into, data=data) / "aeb_extraction_variants"


def aeb(into: Path, *, pages: int | None = None, data: Path = DATA) -> Labelled:
    """AEB extraction variants: up to 14 text copies of each of 181 real pages.

    `pages` keeps the first N page ids (sorted), for a fast slice.
    """
    root = aeb_root(into, data=data)
    with (root / "labels.tsv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    keep = sorted({r["story_id"] for r in rows})[:pages] if pages else None
    truth = {
        str(root / "texts" / r["file"]): r["story_id"]
        for r in rows
        if keep is None or r["story_id"] in keep
    }
    return Labelled("aeb" if pages is None else f"aeb[{pages}]", tuple(sorted(truth)), truth)


def aeb_sources(into: Path, *, data: Path = DATA) -> dict[str, str]:
    """file -> extractor name, for per-source breakdowns."""
    root = aeb_root(into, data=data)
    with (root / "labels.tsv").open(newline="", encoding="utf-8") as handle:
        return {
            str(root / "texts" / r["file"]): r["source"]
            for r in csv.DictReader(handle, delimiter="\t")
        }


def _made_up_sources(count: int = 120, seed: int = 7) -> list[synthetic.Source]:
    """Stand-in stories of made-up words, for running the synthetic part without the data."""
    rng = random.Random(seed)
    vocabulary = [
        "".join(
            rng.choice("bcdfghjklmnprstvwz") + rng.choice("aeiou") for _ in range(rng.randint(1, 4))
        )
        for _ in range(2000)
    ]
    sources = []
    for n in range(count):
        paragraphs = []
        for _ in range(rng.randint(3, 7)):
            sentences = [
                " ".join(rng.choice(vocabulary) for _ in range(rng.randint(8, 18))).capitalize()
                + "."
                for _ in range(rng.randint(2, 4))
            ]
            paragraphs.append(" ".join(sentences))
        title = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(5, 10))).title()
        sources.append(synthetic.Source(f"made-up:{n:04d}", title, tuple(paragraphs), "made-up"))
    return sources


def synthetic_corpus(
    into: Path, *, noise: str, stories: int, seed: int = 0, data: Path = DATA
) -> Labelled:
    """A generated syndication corpus with its truth spans, written under `into`.

    Bodies are real (AEB ground truth and Reuters, read from the tarballs at run time);
    without the data, made-up stand-in stories keep this part running.
    """
    try:
        sources = synthetic.load_bodies(data)
        origin = "real bodies"
    except FileNotFoundError:
        sources = _made_up_sources()
        origin = "made-up bodies"
    corpus = synthetic.generate(sources, stories=stories, noise=noise, seed=seed)
    folder = synthetic.write(corpus, into / f"synthetic-{noise}-{seed}")
    spans = [Span(str(folder / s.page), s.start, s.end, s.story) for s in corpus.truth]
    name = f"synthetic {noise}" + ("" if origin == "real bodies" else f" ({origin})")
    return from_spans(name, [str(folder)], spans)
