"""MinHash signatures as plain arrays, computed for many stories at once.

The permutations are datasketch's own (``MinHash(num_perm, seed).permutations``,
the default "affine32" scheme) and the arithmetic is the same: the 32-bit
input hash is pre-mixed with the MurmurHash3 finaliser, then each permutation
is ``a * h + b`` modulo 2**32. Doing it over a whole batch of shingles with
numpy, instead of one Python call per shingle, gives signatures identical to
``datasketch.MinHash(hashfunc=...)`` at a fraction of the cost.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import attrs
import numpy as np
import numpy.typing as npt
from datasketch import MinHash

from .text import HashArray, shingle_hash, shingles

SignatureMatrix = npt.NDArray[np.uint32]
EMPTY = np.uint32(0xFFFFFFFF)
_CHUNK = 1 << 16  # shingles per numpy step: bounds the (chunk x num_perm) temporary


@lru_cache(maxsize=8)
def permutations(num_perm: int, seed: int) -> tuple[SignatureMatrix, SignatureMatrix]:
    """datasketch's (a, b) permutation parameters for these settings."""
    a, b = MinHash(num_perm=num_perm, seed=seed).permutations
    return a.astype(np.uint32), b.astype(np.uint32)


def _fmix32(h: SignatureMatrix) -> SignatureMatrix:
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def _segment_mins(
    hv: SignatureMatrix, a: SignatureMatrix, b: SignatureMatrix, starts: npt.NDArray[np.intp]
) -> SignatureMatrix:
    """Per segment of `hv` (beginning at `starts`), the minimum of each permutation a*h+b.

    Laid out permutations x values, so that each minimum runs over contiguous memory
    (five times faster than the transposed layout).
    """
    values = a[:, None] * hv[None, :]
    values += b[:, None]  # in place: one temporary less
    mins: SignatureMatrix = np.minimum.reduceat(values, starts, axis=1).T
    return mins


def minhash_input(hashes: HashArray) -> SignatureMatrix:
    """The 32-bit value MinHash sees for each 64-bit shingle hash."""
    return (hashes & np.uint64(0xFFFFFFFF)).astype(np.uint32)


def sign(
    shingle_sets: Sequence[HashArray], *, num_perm: int = 128, seed: int = 1
) -> SignatureMatrix:
    """One MinHash signature row per shingle set; an empty set gives all 0xFFFFFFFF."""
    a, b = permutations(num_perm, seed)
    out = np.full((len(shingle_sets), num_perm), EMPTY, dtype=np.uint32)
    sizes = np.fromiter((len(s) for s in shingle_sets), dtype=np.int64, count=len(shingle_sets))
    nonempty = np.flatnonzero(sizes)
    if nonempty.size == 0:
        return out
    flat = _fmix32(minhash_input(np.concatenate([shingle_sets[int(i)] for i in nonempty])))
    owner = np.repeat(nonempty, sizes[nonempty])
    for lo in range(0, flat.size, _CHUNK):
        rows = owner[lo : lo + _CHUNK]
        starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
        mins = _segment_mins(flat[lo : lo + _CHUNK], a, b, starts)
        ids = rows[starts]
        out[ids] = np.minimum(out[ids], mins)
    return out


def reference_signature(
    tokens: list[str], size: int, *, num_perm: int = 128, seed: int = 1
) -> SignatureMatrix:
    """The same signature from datasketch itself, one shingle at a time (slow; for tests)."""
    m = MinHash(num_perm=num_perm, seed=seed, hashfunc=lambda s: shingle_hash(s) & 0xFFFFFFFF)
    m.update_batch(shingles(tokens, size))
    return np.asarray(m.hashvalues, dtype=np.uint32)


WINDOW = 64  # shingles per window of a long body; windows overlap by half


@attrs.frozen
class Signed:
    """Signatures of stories and of windows of their long bodies.

    Attributes:
        matrix: one row per story (its whole body).
        windows: one row per window of a body longer than two windows.
        owners: the story each window row belongs to.
    """

    matrix: SignatureMatrix = attrs.field(repr=False)
    windows: SignatureMatrix = attrs.field(repr=False)
    owners: npt.NDArray[np.int64] = attrs.field(repr=False)


def sign_sequences(
    sequences: Sequence[HashArray], *, num_perm: int = 128, seed: int = 1, width: int = WINDOW
) -> Signed:
    """Story and window signatures in one pass over each body's shingles in text order.

    A body is cut into blocks of `width // 2` shingles; each block's minimum is taken
    once. A story's signature is the minimum over its blocks (the same as `sign` over
    its shingle set, since repeats do not change a minimum) and a window's is the
    minimum of two neighbouring blocks, so the windows cost almost nothing extra.
    """
    a, b = permutations(num_perm, seed)
    half = max(1, width // 2)
    lengths = [len(s) for s in sequences]
    matrix = np.full((len(sequences), num_perm), EMPTY, dtype=np.uint32)
    window_rows: list[SignatureMatrix] = []
    owners: list[npt.NDArray[np.int64]] = []
    for batch in _batches(lengths):
        flat = _fmix32(minhash_input(np.concatenate([sequences[i] for i in batch])))
        starts: list[int] = []
        offset = 0
        for i in batch:
            starts.extend(range(offset, offset + lengths[i], half))
            offset += lengths[i]
        blocks = _block_mins(flat, a, b, np.asarray(starts), half)
        first = 0
        for i in batch:
            count = -(-lengths[i] // half)
            mine = blocks[first : first + count]
            matrix[i] = mine.min(axis=0)
            if lengths[i] > width:
                window_rows.append(np.minimum(mine[:-1], mine[1:]))
                owners.append(np.full(count - 1, i, dtype=np.int64))
            first += count
    return Signed(
        matrix,
        np.vstack(window_rows) if window_rows else np.empty((0, num_perm), dtype=np.uint32),
        np.concatenate(owners) if owners else np.empty(0, dtype=np.int64),
    )


def _block_mins(
    flat: SignatureMatrix,
    a: SignatureMatrix,
    b: SignatureMatrix,
    starts: npt.NDArray[np.intp],
    half: int,
) -> SignatureMatrix:
    """Block minima, a bounded number of rows at a time (a single huge body included)."""
    out = np.empty((starts.size, a.size), dtype=np.uint32)
    step = max(1, _CHUNK // half)
    for g in range(0, starts.size, step):
        lo = int(starts[g])
        hi = int(starts[g + step]) if g + step < starts.size else flat.size
        out[g : g + step] = _segment_mins(flat[lo:hi], a, b, starts[g : g + step] - lo)
    return out


def _batches(lengths: Sequence[int]) -> list[list[int]]:
    """Non-empty bodies grouped so that a batch's (shingles x permutations) product stays small."""
    batches: list[list[int]] = []
    current: list[int] = []
    size = 0
    for i, n in enumerate(lengths):
        if n == 0:
            continue
        if current and size + n > _CHUNK:
            batches.append(current)
            current, size = [], 0
        current.append(i)
        size += n
    if current:
        batches.append(current)
    return batches
