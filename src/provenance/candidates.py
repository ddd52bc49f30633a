"""Candidate pairs: LSH banding over the signature matrix, plus title blocking.

Banding follows datasketch's `MinHashLSH`: the (bands, rows) it would pick
for the threshold, a band's rows hashed to one key, stories sharing a key
in any band are candidates. Windows of long bodies are banded with the
stories, so that an excerpt meets the page that holds it. Buckets larger
than `max_bucket` are linked as a chain (each member to the next) instead
of all pairs, so one giant bucket costs linear, not quadratic, work; the
verified chain still connects true copies. Title blocking adds pairs whose
normalised titles look alike (by a small MinHash over title words), so that
copies whose bodies were cut or rewritten still meet the verifier.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from functools import lru_cache

import numpy as np
import numpy.typing as npt
from datasketch import MinHashLSH

from .errors import SettingsError
from .signatures import EMPTY, SignatureMatrix, Signed, sign
from .text import shingle_hashes

Pairs = set[tuple[int, int]]
TITLE_PERM = 32
TITLE_THRESHOLD = 0.5


@lru_cache(maxsize=32)
def lsh_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """The (bands, rows) datasketch's `MinHashLSH` picks for this threshold.

    Raises:
        SettingsError: datasketch finds no banding with two or more bands.
    """
    try:
        lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    except ValueError as error:
        raise SettingsError(
            f"lsh_threshold={threshold} with num_perm={num_perm} leaves fewer than two LSH "
            f"bands ({error}); lower lsh_threshold or raise num_perm"
        ) from error
    return int(lsh.b), int(lsh.r)


def _band_keys(block: SignatureMatrix) -> npt.NDArray[np.uint64]:
    acc = np.zeros(block.shape[0], dtype=np.uint64)
    for column in block.T:
        acc = (acc ^ column.astype(np.uint64)) * np.uint64(0x100000001B3)
    return acc


def band_pairs(
    signatures: SignatureMatrix,
    *,
    bands: int,
    rows: int,
    max_bucket: int = 64,
    owners: npt.NDArray[np.int64] | None = None,
) -> Pairs:
    """Pairs (i < j) of rows that agree on all `rows` values of some band.

    With `owners` (the story each row signs), the pairs are of owners, and rows
    of one owner never pair with each other.
    """
    pairs: Pairs = set()
    live = np.flatnonzero(~np.all(signatures == EMPTY, axis=1))
    if live.size < 2:
        return pairs
    owner = owners if owners is not None else np.arange(signatures.shape[0])
    for band in range(bands):
        keys = _band_keys(signatures[live, band * rows : (band + 1) * rows])
        order = np.argsort(keys, kind="stable")
        sorted_keys = keys[order]
        edges = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1], True])
        for b in np.flatnonzero(np.diff(edges) >= 2):  # only buckets that hold a pair
            members = sorted({int(x) for x in owner[live[order[edges[b] : edges[b + 1]]]]})
            if len(members) >= 2:
                _add_bucket(pairs, members, max_bucket)
    return pairs


def _add_bucket(pairs: Pairs, members: list[int], max_bucket: int) -> None:
    if len(members) <= max_bucket:
        pairs.update((a, b) for i, a in enumerate(members) for b in members[i + 1 :])
    else:
        pairs.update(itertools.pairwise(members))


def body_pairs(signed: Signed, *, threshold: float, num_perm: int, max_bucket: int = 64) -> Pairs:
    """Stories whose bodies, or a window of a long body, collide in some LSH band.

    A short excerpt shares too few shingles with a long page for their whole
    signatures to collide, but it fills most of a window of that page: the
    windows' signatures, banded with the stories', bring such pairs together.
    """
    stories = signed.matrix.shape[0]
    matrix = np.vstack([signed.matrix, signed.windows])
    owners = np.concatenate([np.arange(stories, dtype=np.int64), signed.owners])
    bands, rows = lsh_params(threshold, num_perm)
    return band_pairs(matrix, bands=bands, rows=rows, max_bucket=max_bucket, owners=owners)


def title_pairs(titles: Sequence[str], *, max_bucket: int = 64, seed: int = 1) -> Pairs:
    """Pairs of stories whose normalised titles share most of their words."""
    sets = [shingle_hashes(t.split(), 1) if t else shingle_hashes([], 1) for t in titles]
    signatures = sign(sets, num_perm=TITLE_PERM, seed=seed)
    bands, rows = lsh_params(TITLE_THRESHOLD, TITLE_PERM)
    return band_pairs(signatures, bands=bands, rows=rows, max_bucket=max_bucket)


def merge(*groups: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """All pairs of several sources, once each, in a deterministic order."""
    return sorted(set().union(*groups))
