"""Score a clustering against labels: pairwise precision/recall/F1, adjusted Rand index,
false merges, missed copies, and segmentation accuracy.

Everything is computed from contingency counts, never by enumerating pairs, so
scoring a million items is cheap. Items missing from the prediction count as
singletons.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping

import attrs

from .records import StoryRecord


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


@attrs.frozen
class Scores:
    """How a predicted clustering agrees with the true one.

    Attributes:
        precision, recall, f1: over pairs of items put together.
        ari: adjusted Rand index (1 perfect, about 0 for chance; singletons count).
        false_merges: predicted clusters holding items of more than one true story.
        missed_copies: items outside the predicted cluster that holds most of their story.
        items: items scored.
    """

    precision: float
    recall: float
    f1: float
    ari: float
    false_merges: int
    missed_copies: int
    items: int


def score(predicted: Mapping[Hashable, Hashable], truth: Mapping[Hashable, Hashable]) -> Scores:
    """Compare `predicted` (item -> cluster) with `truth` (item -> story) on `truth`'s items."""
    items = list(truth)
    pred = {i: predicted.get(i, ("unassigned", i)) for i in items}
    both = Counter((pred[i], truth[i]) for i in items)
    by_pred = Counter(pred.values())
    by_truth = Counter(truth[i] for i in items)
    together = sum(_pairs(n) for n in both.values())
    pred_pairs = sum(_pairs(n) for n in by_pred.values())
    true_pairs = sum(_pairs(n) for n in by_truth.values())
    precision = together / pred_pairs if pred_pairs else 1.0
    recall = together / true_pairs if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    total = _pairs(len(items))
    expected = pred_pairs * true_pairs / total if total else 0.0
    best = (pred_pairs + true_pairs) / 2
    ari = (together - expected) / (best - expected) if best != expected else 1.0
    stories_in: dict[Hashable, set[Hashable]] = defaultdict(set)
    for (cluster, story), _ in both.items():
        stories_in[cluster].add(story)
    home: dict[Hashable, int] = {}
    for (_, story), n in both.items():
        home[story] = max(home.get(story, 0), n)
    return Scores(
        precision=precision,
        recall=recall,
        f1=f1,
        ari=ari,
        false_merges=sum(1 for s in stories_in.values() if len(s) > 1),
        missed_copies=sum(by_truth[s] - home[s] for s in by_truth),
        items=len(items),
    )


def main_stories(records: Iterable[StoryRecord]) -> dict[str, str]:
    """Each file's main story: the story of its occurrence that spans the most characters.

    A page that carries two stories in one span (it could not be split) is listed
    in both; the story that fills more of it (the longer canonical text) is then its main one.
    """
    best: dict[str, tuple[int, int, str]] = {}
    for record in records:
        for o in record.occurrences:
            key = (o.end - o.start, len(record.text), record.story_id)
            if o.path not in best or key > best[o.path]:
                best[o.path] = key
    return {path: story for path, (_, _, story) in best.items()}


def span_overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Intersection over union of two character spans."""
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union > 0 else 0.0


def segmentation_accuracy(
    truth: Iterable[tuple[str, int, int]], records: Iterable[StoryRecord], *, overlap: float = 0.8
) -> float:
    """Share of true story spans (path, start, end) found by an occurrence with IoU >= `overlap`."""
    found: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for record in records:
        for o in record.occurrences:
            found[o.path].append((o.start, o.end))
    spans = list(truth)
    hits = sum(
        1
        for path, start, end in spans
        if any(span_overlap((start, end), s) >= overlap for s in found.get(path, ()))
    )
    return hits / len(spans) if spans else 1.0
