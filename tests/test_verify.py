"""The match rule: exact, Jaccard, containment, and title only with a real body overlap."""

from __future__ import annotations

import random

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from provenance import Settings, compare
from provenance.text import features
from provenance.verify import (
    Evidence,
    Match,
    figures_differ,
    shared_count,
    title_similarity,
    titles_alike,
    titles_alike_at,
    titles_state_other_figures,
)

from .conftest import make_body, make_title

SETTINGS = Settings()


def words_prefix(text: str, share: float) -> str:
    words = text.split(" ")
    return " ".join(words[: int(len(words) * share)])


def edit(text: str, every: int, seed: int) -> str:
    rng = random.Random(seed)
    words = text.split(" ")
    for i in range(0, len(words), every):
        words[i] = rng.choice(["today", "officials", "reported", "new"])
    return " ".join(words)


def test_exact_copy() -> None:
    body = make_body(1)
    typographic = body.replace(" ", "  ").replace("'", "’").upper()
    for copy in (body, typographic):
        match = compare(features("A", body, 5), features("B", copy, 5), SETTINGS)
        assert match.evidence is Evidence.EXACT
        assert match.jaccard == 1.0
        assert match.containment == 1.0
        assert match.similarity == 1.0


def test_lightly_edited_copy_is_a_minhash_match() -> None:
    body = make_body(2, paragraphs=6)
    copy = edit(body, every=25, seed=2)
    match = compare(features("", body, 5), features("", copy, 5), SETTINGS)
    assert match.evidence is Evidence.MINHASH
    assert SETTINGS.threshold <= match.jaccard < 1.0
    assert match.similarity == match.jaccard
    assert match.title_similarity is None


def test_excerpt_is_a_containment_match() -> None:
    body = make_body(3, paragraphs=6)
    excerpt = words_prefix(body, 0.4)
    match = compare(features("", body, 5), features("", excerpt, 5), SETTINGS)
    assert match.evidence is Evidence.CONTAINMENT
    assert match.jaccard < SETTINGS.threshold
    assert match.containment == 1.0
    assert match.similarity == 1.0


def test_a_tiny_excerpt_is_not_enough() -> None:
    body = make_body(4)
    tiny = " ".join(body.split(" ")[:12])  # fewer than min_shingles shingles
    match = compare(features("", body, 5), features("", tiny, 5), SETTINGS)
    assert match.containment == 1.0
    assert match.evidence is None


def test_same_title_unrelated_body_does_not_match() -> None:
    title = make_title(5)
    match = compare(features(title, make_body(5), 5), features(title, make_body(6), 5), SETTINGS)
    assert match.title_similarity == 100.0
    assert match.evidence is None
    assert match.jaccard == 0.0


def test_a_title_alone_never_matches() -> None:
    title = make_title(7)
    for a, b in [("", ""), ("", make_body(7)), (make_body(7), "")]:
        assert compare(features(title, a, 5), features(title, b, 5), SETTINGS).evidence is None


def test_same_title_and_a_weak_overlap_is_a_title_match() -> None:
    body = make_body(8, paragraphs=6)
    rewritten = words_prefix(body, 0.45) + " " + words_prefix(make_body(9, paragraphs=6), 0.55)
    title = make_title(8)
    same = compare(features(title, body, 5), features(title, rewritten, 5), SETTINGS)
    assert SETTINGS.title_jaccard <= same.jaccard < SETTINGS.threshold
    assert same.containment < SETTINGS.containment
    assert same.evidence is Evidence.TITLE
    assert same.similarity == max(same.jaccard, same.containment)
    other = compare(features(title, body, 5), features(make_title(9), rewritten, 5), SETTINGS)
    assert other.evidence is None
    untitled = compare(features("", body, 5), features("", rewritten, 5), SETTINGS)
    assert untitled.evidence is None


def test_reworded_title_and_a_weak_overlap_is_a_title_match() -> None:
    body = make_body(10, paragraphs=6)
    rewritten = words_prefix(body, 0.45) + " " + words_prefix(make_body(11, paragraphs=6), 0.55)
    a = "Pakistan says $50 million meat export deal with Tajikistan nearing finalization"
    b = "Pakistan says $50 million meat export deal with Tajikistan nearing finalisation"
    match = compare(features(a, body, 5), features(b, rewritten, 5), SETTINGS)
    assert match.title_similarity is not None
    assert match.title_similarity >= SETTINGS.title_threshold
    assert match.evidence is Evidence.TITLE


def test_compare_is_symmetric() -> None:
    body = make_body(12, paragraphs=6)
    pairs = [
        (body, edit(body, 25, 1)),
        (body, words_prefix(body, 0.4)),
        (body, make_body(13)),
    ]
    for a, b in pairs:
        ab = compare(features("T", a, 5), features("T", b, 5), SETTINGS)
        ba = compare(features("T", b, 5), features("T", a, 5), SETTINGS)
        assert ab == ba


def test_thresholds_come_from_settings() -> None:
    body = make_body(14, paragraphs=6)
    copy = edit(body, every=25, seed=3)
    fa, fb = features("", body, 5), features("", copy, 5)
    jaccard = compare(fa, fb, SETTINGS).jaccard
    strict = SETTINGS.replace(threshold=min(1.0, jaccard + 0.01), containment=1.0)
    assert compare(fa, fb, strict).evidence is None


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [("", "x", None), ("x", "", None), ("a b c", "c b a", 100.0)],
)
def test_title_similarity(a: str, b: str, expected: float | None) -> None:
    assert title_similarity(a, b) == expected


def test_match_similarity_property() -> None:
    assert Match(0.3, 0.9, None, Evidence.CONTAINMENT).similarity == 0.9
    assert Match(0.6, 0.9, None, Evidence.MINHASH).similarity == 0.6


def test_routine_reports_with_other_figures_do_not_match() -> None:
    template = (
        "NEW YORK, March {day} - The Federal Reserve entered the U.S. Government securities "
        "market to arrange {amount} billion dlrs of customer repurchase agreements, a Fed "
        "spokesman said. Dealers said Federal funds were trading at {rate} pct when the Fed "
        "began its temporary and indirect supply of reserves to the banking system."
    )
    title = "Fed adds reserves via customer repurchases"
    monday = features(title, template.format(day=9, amount="2.5", rate="6-3/16"), 5)
    later = features(title, template.format(day=20, amount="1.5", rate="6-1/16"), 5)
    again = features(title, template.format(day=9, amount="2.5", rate="6-3/16") + " More.", 5)
    assert compare(monday, later, SETTINGS).evidence is None
    assert compare(monday, again, SETTINGS).evidence is not None


def test_figures_decide_only_when_both_copies_state_enough_of_them() -> None:
    assert not figures_differ(("1",), ("2",), SETTINGS)
    assert figures_differ(("1", "2"), ("3", "4"), SETTINGS)
    assert not figures_differ(("1", "2", "3"), ("1", "2", "4", "5"), SETTINGS)


def test_an_edited_excerpt_under_a_reworded_headline_matches() -> None:
    body = make_body(31, paragraphs=6)
    excerpt = edit(words_prefix(body, 0.5), every=16, seed=4)  # half; 1 word in 16 changed
    full = features("Floods cut off three villages after a week of heavy rain", body, 5)
    reworded = features("Heavy rain: floods cut off three villages", excerpt, 5)
    unrelated = features("Central bank holds interest rates steady", excerpt, 5)
    match = compare(full, reworded, SETTINGS)
    assert match.containment < SETTINGS.containment  # the edits took it under the plain rule
    assert match.evidence is Evidence.CONTAINMENT
    assert compare(full, unrelated, SETTINGS).evidence is None


# Wire datelines date a dispatch: another day's routine report is another story


CROPS = (
    "WASHINGTON, {date} - The U.S. Agriculture Department estimated Canada's 1986/87 wheat "
    "crop at 31.85 mln tonnes, vs 31.85 mln tonnes last month. It estimated 1985/86 output at "
    "24.25 mln tonnes, vs 24.25 mln last month. Canadian wheat exports in 1986/87 are forecast "
    "at {exports} mln tonnes, vs 18.00 mln tonnes last month. Exports in 1985/86 are estimated "
    "at 17.71 mln tonnes, vs 17.72 mln last month."
)


def crops(date: str, exports: str = "19.00") -> str:
    return CROPS.format(date=date, exports=exports)


def test_another_days_report_with_one_new_figure_does_not_match() -> None:
    march, april = features("", crops("March 9"), 5), features("", crops("April 9", "19.50"), 5)
    assert march.dispatched == 68
    assert april.dispatched == 99
    assert not figures_differ(march.figures, april.figures, SETTINGS)  # most figures repeat
    match = compare(march, april, SETTINGS)
    assert match.jaccard >= SETTINGS.threshold
    assert match.evidence is None


def test_a_story_run_again_days_later_with_its_figures_still_matches() -> None:
    match = compare(features("", crops("March 9"), 5), features("", crops("March 16"), 5), SETTINGS)
    assert match.evidence is Evidence.MINHASH


def test_copies_dated_within_dispatch_days_are_compared_as_before() -> None:
    a, b = features("", crops("March 9"), 5), features("", crops("March 10", "19.50"), 5)
    assert compare(a, b, SETTINGS).evidence is Evidence.MINHASH
    assert compare(a, b, SETTINGS.replace(dispatch_days=1)).evidence is None


def test_the_dispatch_gap_wraps_around_the_turn_of_the_year() -> None:
    a, b = features("", crops("Dec 31"), 5), features("", crops("Jan 1", "19.50"), 5)
    assert (a.dispatched, b.dispatched) == (365, 1)
    assert compare(a, b, SETTINGS).evidence is Evidence.MINHASH  # one day apart


def test_an_exact_copy_is_never_vetoed() -> None:
    a, b = features("", crops("March 9"), 5), features("", crops("March 9"), 5)
    assert compare(a, b, SETTINGS).evidence is Evidence.EXACT


@pytest.mark.parametrize(
    ("a", "b", "other"),
    [
        ("NY COFFEE 10:30", "NY COFFEE 12:30", True),
        ("CME 11:31 EDT", "CME 11:30 EDT", True),
        ("MCCORMICK 1ST QTR NET", "MCCORMICK 1ST QTR FEB 28 NET", False),  # adds a figure
        ("Mayor opens the new bridge", "Mayor opens new bridge", False),
        ("GRAIN 10 CARGOES, 10 MORE DUE", "GRAIN 10 CARGOES DUE", False),  # one repeats a figure
        ("PORT 7 SHIPS 12 BERTHS", "PORT 12 SHIPS 7 BERTHS", False),  # the same figures
        ("PORT 7 SHIPS 12 BERTHS", "PORT 12 SHIPS 9 BERTHS", True),
    ],
)
def test_titles_state_other_figures(a: str, b: str, other: bool) -> None:
    assert titles_state_other_figures(a, b) is other
    assert titles_state_other_figures(b, a) is other


@given(
    st.sets(st.integers(0, 60), max_size=40),
    st.sets(st.integers(0, 60), max_size=40),
)
def test_shared_count_counts_the_common_values(a: set[int], b: set[int]) -> None:
    left = np.array(sorted(a), dtype=np.uint64)
    right = np.array(sorted(b), dtype=np.uint64)
    assert shared_count(left, right) == len(a & b) == shared_count(right, left)


def test_a_title_with_other_figures_is_no_title_evidence() -> None:
    body = make_body(40, paragraphs=6)
    sentences = body.split(". ")
    half = ". ".join(sentences[: len(sentences) // 2]) + ". " + make_body(41, paragraphs=3)
    report = features("NY COFFEE 10:30", body, 5)
    same = compare(report, features("NY COFFEE 10:30", half, 5), SETTINGS)
    assert same.evidence is Evidence.TITLE
    other = compare(report, features("NY COFFEE 12:30", half, 5), SETTINGS)
    assert other.evidence is None
    assert other.title_similarity is not None
    assert other.title_similarity >= SETTINGS.title_threshold  # still reported as it is


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "update 2-nakasone's sales tax plan suffers another blow",
            "nakasone's sales tax plan suffers another blow",
        ),
        ("corrected-storm closes ports", "storm closes ports"),
        ("exclusive - storm closes ports", "wrapup 1-storm closes ports"),
    ],
)
def test_a_wire_label_opening_a_title_is_left_out(a: str, b: str) -> None:
    assert title_similarity(a, b) == 100.0


def test_an_edited_excerpt_under_a_labelled_headline_matches() -> None:
    body = make_body(31, paragraphs=6)
    excerpt = edit(words_prefix(body, 0.5), every=15, seed=4)
    full = features("Storm closes ports along the northern coast", body, 5)
    labelled = features("UPDATE 2-Storm closes northern ports", excerpt, 5)
    match = compare(full, labelled, SETTINGS)
    assert match.containment < SETTINGS.containment  # the edits cost the plain rule
    assert match.title_similarity is not None
    assert match.title_similarity >= SETTINGS.reworded_title  # 66 with the label
    assert match.evidence is Evidence.CONTAINMENT


def test_titles_alike_is_the_lowest_bar_of_the_title_paths() -> None:
    a = "what it is and what it is not: the new harbour bridge"
    b = "what it is and what it is not: schoolteachers' pensions"
    assert 60 < title_similarity(a, b) < 70  # type: ignore[operator]
    assert not titles_alike(a, b, Settings())
    assert titles_alike(a, b, Settings(reworded_title=60.0))
    assert titles_alike(a, b, Settings(title_threshold=60.0, reworded_title=95.0))
    reworded = "council approves the budget for harbour bridge repairs"
    assert titles_alike(
        "council approves budget for the harbour bridge repairs", reworded, Settings()
    )
    assert not titles_alike("", a, Settings())


_TITLE_WORDS = ["update 2 - ", "exclusive-", "oil", "prices", "rise", "fall", "in", "asia", " "]


@given(
    st.lists(st.lists(st.sampled_from(_TITLE_WORDS), max_size=7).map("".join), min_size=1),
    st.data(),
)
def test_titles_alike_at_answers_as_titles_alike_a_pair_at_a_time(
    titles: list[str], data: st.DataObject
) -> None:
    """The check of many pairs at once (wire labels left out once a title, empty titles,
    titles alike in another word order) decides as the check of one pair."""
    index = st.integers(0, len(titles) - 1)
    pairs = data.draw(st.lists(st.tuples(index, index), min_size=1, max_size=30))
    first = np.array([a for a, _ in pairs], dtype=np.int64)
    second = np.array([b for _, b in pairs], dtype=np.int64)
    settings = Settings()
    expected = [titles_alike(titles[a], titles[b], settings) for a, b in pairs]
    assert titles_alike_at(titles, first, second, settings).tolist() == expected
