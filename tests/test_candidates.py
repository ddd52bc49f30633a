"""Candidate pairs: LSH banding like datasketch's, chained giant buckets, title blocking."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import numpy as np
import pytest
from datasketch import MinHashLSH
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance import Settings
from provenance.candidates import band_pairs, body_pairs, bucket_codes, lsh_params, title_pairs
from provenance.pipeline import analyse, candidate_pairs
from provenance.signatures import sign
from provenance.text import normalize, shingle_hashes, tokenize
from provenance.verify import Evidence, compare

from .conftest import TITLE_ONLY, make_body, write_title_only_pairs


@pytest.mark.parametrize("threshold", [0.05, 0.1, 0.3, 0.5, 0.8])
@pytest.mark.parametrize("num_perm", [16, 64, 128, 256])
def test_lsh_params_are_datasketchs(threshold: float, num_perm: int) -> None:
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    assert lsh_params(threshold, num_perm) == (lsh.b, lsh.r)
    bands, rows = lsh_params(threshold, num_perm)
    assert bands * rows <= num_perm


def lightly_edited(body: str, seed: int) -> str:
    """The same story with a few words changed, as a copy picks up on the way."""
    rng = random.Random(seed)
    words = body.split(" ")
    for i in rng.sample(range(len(words)), len(words) // 40):
        words[i] = "changed"
    return " ".join(words)


def signatures_of(*bodies: str, num_perm: int = 128) -> np.ndarray:
    return sign([shingle_hashes(tokenize(b), 5) for b in bodies], num_perm=num_perm)


def test_band_pairs_find_a_near_duplicate_and_not_an_unrelated_story() -> None:
    original = make_body(1, paragraphs=6)
    matrix = signatures_of(original, make_body(2, paragraphs=6), lightly_edited(original, 3))
    bands, rows = lsh_params(0.3, 128)
    pairs = band_pairs(matrix, bands=bands, rows=rows)
    assert (0, 2) in pairs
    assert (0, 1) not in pairs
    assert (1, 2) not in pairs
    assert all(a < b for a, b in pairs)


def test_empty_rows_are_never_candidates() -> None:
    matrix = signatures_of("", "", make_body(1), "")
    bands, rows = lsh_params(0.3, 128)
    assert band_pairs(matrix, bands=bands, rows=rows) == set()


def test_identical_rows_within_max_bucket_give_all_pairs() -> None:
    matrix = signatures_of(*[make_body(1)] * 6)
    bands, rows = lsh_params(0.3, 128)
    pairs = band_pairs(matrix, bands=bands, rows=rows, max_bucket=6)
    assert pairs == set(itertools.combinations(range(6), 2))


def test_a_bucket_larger_than_max_bucket_becomes_a_chain() -> None:
    n = 12
    matrix = signatures_of(make_body(7), *[make_body(1)] * n)
    bands, rows = lsh_params(0.3, 128)
    pairs = band_pairs(matrix, bands=bands, rows=rows, max_bucket=4)
    members = list(range(1, n + 1))
    assert pairs == set(itertools.pairwise(members))
    assert len(pairs) == n - 1


def test_titles_reworded_are_paired() -> None:
    titles = [
        "Pakistan says $50 million meat export deal with Tajikistan nearing finalization",
        "Top US official to lead interagency delegation to Pakistan for counterterrorism dialogue",
        "Pakistan says $50mn meat export deal with Tajikistan is nearing finalisation",
        "",
        "Tajikistan meat export deal nearing finalization, Pakistan says",
        "",
    ]
    pairs = title_pairs([normalize(t) for t in titles])
    assert (0, 2) in pairs
    assert (0, 4) in pairs
    assert not any(1 in pair for pair in pairs)
    assert not any(3 in pair or 5 in pair for pair in pairs)  # no title, no title pair


def test_windows_bring_an_excerpt_and_its_long_page_together() -> None:
    from provenance.candidates import body_pairs
    from provenance.signatures import sign_sequences
    from provenance.text import shingle_sequence

    page = " ".join(make_body(seed, paragraphs=6) for seed in range(20, 26))  # a long page
    excerpt = " ".join(page.split()[400:460])  # 60 words from its middle
    sequences = [shingle_sequence(tokenize(t), 5) for t in (page, excerpt)]
    with_windows = sign_sequences(sequences)
    assert with_windows.windows.shape[0] > 0
    assert body_pairs(with_windows, threshold=0.3, num_perm=128) == {(0, 1)}
    whole_only = type(with_windows)(
        with_windows.matrix, with_windows.matrix[:0], with_windows.owners[:0]
    )
    assert body_pairs(whole_only, threshold=0.3, num_perm=128) == set()


def reference_band_pairs(
    matrix: np.ndarray, owners: np.ndarray, bands: int, rows: int, max_bucket: int
) -> set[tuple[int, int]]:
    """Buckets in a dict, pairs by nested loops: the obvious way, to check the fast one."""
    pairs: set[tuple[int, int]] = set()
    live = [i for i in range(matrix.shape[0]) if not np.all(matrix[i] == np.uint32(0xFFFFFFFF))]
    for band in range(bands):
        buckets: dict[bytes, set[int]] = {}
        for i in live:
            key = matrix[i, band * rows : (band + 1) * rows].tobytes()
            buckets.setdefault(key, set()).add(int(owners[i]))
        for members in buckets.values():
            ordered = sorted(members)
            if len(ordered) > max_bucket:
                pairs.update(itertools.pairwise(ordered))
            else:
                pairs.update(itertools.combinations(ordered, 2))
    return pairs


@pytest.mark.parametrize("seed", range(6))
def test_band_pairs_equal_the_obvious_implementation(seed: int) -> None:
    rng = np.random.default_rng(seed)
    rows_, bands = 2, 6
    matrix = rng.integers(0, 4, size=(300, rows_ * bands), dtype=np.uint64).astype(np.uint32)
    matrix[rng.integers(0, 300, 10)] = np.uint32(0xFFFFFFFF)  # a few empty stories
    owners = np.sort(rng.integers(0, 200, size=300)).astype(np.int64)
    for max_bucket in (3, 8, 64):
        fast = band_pairs(matrix, bands=bands, rows=rows_, max_bucket=max_bucket, owners=owners)
        assert fast == reference_band_pairs(matrix, owners, bands, rows_, max_bucket)


def _obvious_bucket_codes(keys: list[int], owners: list[int], base: int, most: int) -> set[int]:
    buckets: dict[int, set[int]] = {}
    for key, owner in zip(keys, owners, strict=True):
        buckets.setdefault(key, set()).add(owner)
    pairs: set[tuple[int, int]] = set()
    for members in buckets.values():
        ordered = sorted(members)
        link = itertools.pairwise if len(ordered) > most else lambda m: itertools.combinations(m, 2)
        pairs.update(link(ordered))
    return {i * base + j for i, j in pairs}


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from([0, 1, 2**55 - 1, 2**55 + 3]),  # high bits (negative keys too)
            st.integers(0, 3),  # low bits: keys that differ only there share a sort's run
            st.integers(0, 20),
        ),
        max_size=60,
    ),
    st.booleans(),
    st.sampled_from([2, 3, 64]),
)
def test_bucket_codes_are_the_obvious_buckets_pairs(
    rows: list[tuple[int, int, int]], in_owner_order: bool, most: int
) -> None:
    if in_owner_order:
        rows = sorted(rows, key=lambda row: row[2])
    keys = np.array([(h << 8) | low for h, low, _ in rows], dtype=np.uint64).view(np.int64)
    owners = np.array([owner for _, _, owner in rows], dtype=np.int64)
    found = bucket_codes(keys, owners, base=32, max_bucket=most)
    assert set(found.tolist()) == _obvious_bucket_codes(keys.tolist(), owners.tolist(), 32, most)


def test_a_pair_only_title_bands_propose_is_a_candidate_when_its_titles_are_alike(
    tmp_path: Path,
) -> None:
    config = Settings(**TITLE_ONLY)
    run = analyse([write_title_only_pairs(tmp_path)], config)
    assert title_pairs([f.title for f in run.described], seed=config.seed) == {(0, 1), (2, 3)}
    assert not body_pairs(run.signed, threshold=config.lsh_threshold, num_perm=config.num_perm)
    assert candidate_pairs(run.described, run.signed, config) == [(2, 3)]
    # the pair left out would match: titles that share a few words are what it lacks
    assert compare(run.described[0], run.described[1], config).evidence is Evidence.MINHASH


def test_a_pair_body_bands_propose_is_a_candidate_whatever_its_titles(tmp_path: Path) -> None:
    config = Settings()
    run = analyse([write_title_only_pairs(tmp_path)], config)
    assert candidate_pairs(run.described, run.signed, config) == [(0, 1), (2, 3)]
