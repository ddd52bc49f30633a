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
        hv = flat[lo : lo + _CHUNK, None]
        phv = hv * a[None, :] + b[None, :]
        rows = owner[lo : lo + _CHUNK]
        starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
        mins = np.minimum.reduceat(phv, starts, axis=0)
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
