"""Scoring a clustering against labels."""

from __future__ import annotations

import pytest

from provenance.evaluate import main_stories, score, segmentation_accuracy, span_overlap
from provenance.records import Occurrence, StoryRecord


def test_perfect_and_merged_clusterings() -> None:
    truth = {1: "x", 2: "x", 3: "y", 4: "y"}
    perfect = score({1: "a", 2: "a", 3: "b", 4: "b"}, truth)
    assert (perfect.precision, perfect.recall, perfect.ari, perfect.false_merges) == (1, 1, 1, 0)
    merged = score({1: "a", 2: "a", 3: "a", 4: "a"}, truth)
    assert merged.precision == pytest.approx(1 / 3)
    assert merged.recall == 1.0
    assert merged.ari == pytest.approx(0.0)
    assert merged.false_merges == 1
    split = score({1: "a", 2: "b", 3: "c", 4: "c"}, truth)
    assert split.missed_copies == 1
    assert split.precision == 1.0


def occurrence(path: str, start: int, end: int) -> Occurrence:
    return Occurrence(path, start, end, 1, 1, "", None, 1.0, None, "canonical")


def test_main_story_is_the_longest_span_and_ties_go_to_the_story_filling_more_of_it() -> None:
    small = StoryRecord("small", "", None, "a short story", [occurrence("p", 0, 100)])
    large = StoryRecord("large", "", None, "a much longer story " * 5, [occurrence("p", 0, 100)])
    short = StoryRecord("short", "", None, "x" * 500, [occurrence("p", 100, 150)])
    assert main_stories([small, large, short])["p"] == "large"


def test_segmentation_accuracy_counts_spans_found_with_enough_overlap() -> None:
    assert span_overlap((0, 10), (5, 15)) == pytest.approx(5 / 15)
    records = [StoryRecord("s", "", None, "", [occurrence("p", 0, 95)])]
    assert segmentation_accuracy([("p", 0, 100), ("p", 200, 300)], records) == 0.5
