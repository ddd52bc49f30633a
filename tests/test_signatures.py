"""The batched numpy MinHash against datasketch's own MinHash: identical rows."""

from __future__ import annotations

import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance import Document, Settings, describe, find_stories, sign_stories
from provenance.signatures import (
    _CHUNK,
    EMPTY,
    WINDOW,
    reference_signature,
    sign,
    sign_sequences,
)
from provenance.text import shingle_hashes, tokenize

from .conftest import VOCABULARY, make_body


def random_tokens(rng: random.Random, n: int) -> list[str]:
    return [rng.choice(VOCABULARY) for _ in range(n)]


def test_batch_equals_datasketch_row_by_row() -> None:
    rng = random.Random(5)
    sizes = [0, 1, 3, 4, 5, 6, 120, 30_000, 0, 41_000, 9, 2, 0, 5_000, 7]
    docs = [random_tokens(rng, n) for n in sizes]
    docs.append(tokenize(make_body(1)))
    sets = [shingle_hashes(tokens, 5) for tokens in docs]
    assert sum(s.size for s in sets) > _CHUNK  # the batch crosses a chunk boundary
    matrix = sign(sets, num_perm=128, seed=1)
    assert matrix.shape == (len(docs), 128)
    assert matrix.dtype == np.uint32
    for row, tokens in zip(matrix, docs, strict=True):
        expected = reference_signature(tokens, 5, num_perm=128, seed=1)
        if tokens:
            np.testing.assert_array_equal(row, expected)
        else:
            assert np.all(row == EMPTY)


def test_one_document_larger_than_a_chunk() -> None:
    tokens = random_tokens(random.Random(6), _CHUNK + 5_000)
    matrix = sign([shingle_hashes(tokens, 3)], num_perm=64, seed=9)
    np.testing.assert_array_equal(matrix[0], reference_signature(tokens, 3, num_perm=64, seed=9))


@settings(max_examples=25, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=60), min_size=1, max_size=8),
    st.sampled_from([8, 16, 128]),
    st.integers(min_value=0, max_value=2**32 - 1),
    st.integers(min_value=1, max_value=6),
)
def test_small_batches_equal_datasketch(
    sizes: list[int], num_perm: int, seed: int, size: int
) -> None:
    rng = random.Random(sum(sizes) * 31 + seed)
    docs = [random_tokens(rng, n) for n in sizes]
    matrix = sign([shingle_hashes(t, size) for t in docs], num_perm=num_perm, seed=seed)
    for row, tokens in zip(matrix, docs, strict=True):
        if tokens:
            expected = reference_signature(tokens, size, num_perm=num_perm, seed=seed)
            np.testing.assert_array_equal(row, expected)
        else:
            assert np.all(row == EMPTY)


def test_empty_inputs() -> None:
    assert sign([], num_perm=16).shape == (0, 16)
    empty = sign([shingle_hashes([], 5), shingle_hashes([], 5)], num_perm=16)
    assert empty.shape == (2, 16)
    assert np.all(empty == EMPTY)


def test_signatures_do_not_depend_on_the_batch() -> None:
    sets = [shingle_hashes(tokenize(make_body(s)), 5) for s in range(6)]
    together = sign(sets)
    for i, one in enumerate(sets):
        np.testing.assert_array_equal(sign([one])[0], together[i])
    np.testing.assert_array_equal(sign(sets[::-1]), together[::-1])


def test_seed_and_num_perm_shape_the_signature() -> None:
    one = [shingle_hashes(tokenize(make_body(1)), 5)]
    assert not np.array_equal(sign(one, seed=1), sign(one, seed=2))
    assert sign(one, num_perm=32).shape == (1, 32)


def test_estimated_jaccard_tracks_the_true_one() -> None:
    a = tokenize(make_body(11))
    b = a[: len(a) // 2] + tokenize(make_body(12))[: len(a) // 2]
    sa, sb = shingle_hashes(a, 5), shingle_hashes(b, 5)
    true = np.intersect1d(sa, sb).size / np.union1d(sa, sb).size
    matrix = sign([sa, sb], num_perm=256)
    estimate = float(np.mean(matrix[0] == matrix[1]))
    assert abs(estimate - true) < 0.15


@pytest.mark.parametrize("settings_", [Settings(), Settings(num_perm=64, seed=3)])
def test_pipeline_signatures_match_settings(settings_: Settings) -> None:
    doc = Document(path="a.txt", text=make_body(1), sha256="x")
    described = describe(find_stories([doc], settings_), settings_)
    matrix = sign_stories(described, settings_).matrix
    tokens = tokenize(make_body(1))
    expected = reference_signature(
        tokens, settings_.shingle_size, num_perm=settings_.num_perm, seed=settings_.seed
    )
    np.testing.assert_array_equal(matrix[0], expected)


def test_block_signatures_equal_set_signatures_and_windows_are_block_pairs() -> None:
    rng = np.random.default_rng(5)
    lengths = [0, 3, WINDOW, 2 * WINDOW + 1, 700, 0, 5 * WINDOW, _CHUNK // 2, _CHUNK + 10]
    sequences = [rng.integers(0, 2**63, size=n, dtype=np.uint64) for n in lengths]
    for seq in sequences[1:4]:
        seq[: len(seq) // 2] = seq[len(seq) // 2 : 2 * (len(seq) // 2)]  # repeats change nothing
    signed = sign_sequences(sequences)
    np.testing.assert_array_equal(signed.matrix, sign([np.unique(s) for s in sequences]))
    half = WINDOW // 2
    expected_owners = [
        i for i, n in enumerate(lengths) if n > 2 * WINDOW for _ in range(-(-n // half) - 1)
    ]
    assert signed.owners.tolist() == expected_owners
    first = expected_owners.index(4)
    np.testing.assert_array_equal(
        signed.windows[first + 2], sign([np.unique(sequences[4][2 * half : 4 * half])])[0]
    )
