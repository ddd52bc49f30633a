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

from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import numpy.typing as npt
from datasketch import MinHashLSH

from .errors import SettingsError
from .settings import Settings
from .signatures import EMPTY, SignatureMatrix, Signed, sign
from .text import found_in, shingle_sequences, sorted_unique

Pairs = set[tuple[int, int]]
Codes = npt.NDArray[np.int64]  # pairs (i, j) as i * base + j, sorted and unique
Rows = npt.NDArray[np.int64]  # bucket memberships: one (tag, key, story) per row
WINDOW_TAG = 1000  # tag = family + band: body bands from 0, window bands, title bands
TITLE_TAG = 2000
WINDOW_THRESHOLD = 0.4  # LSH level for windows of long bodies against stories
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


def band_keys(block: SignatureMatrix) -> npt.NDArray[np.uint64]:
    """One key per row of a band's columns (the last axis): rows that agree on every value
    share it. A block (stories, bands, rows) gives every band's keys in one pass."""
    acc = np.zeros(block.shape[:-1], dtype=np.uint64)
    for r in range(block.shape[-1]):
        acc = (acc ^ block[..., r].astype(np.uint64)) * np.uint64(0x100000001B3)
    return acc


def _banded(matrix: SignatureMatrix, bands: int, rows: int) -> SignatureMatrix:
    """The first `bands * rows` columns of `matrix` as (stories, bands, rows)."""
    return matrix[:, : bands * rows].reshape(matrix.shape[0], bands, rows)


def within_buckets(
    first: npt.NDArray[np.bool_],
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
    """For rows sorted by bucket (`first` marks each bucket's first row): the size of each
    row's bucket, and the row's place in it."""
    start = np.maximum.accumulate(np.where(first, np.arange(first.size), 0))
    size = np.diff(np.r_[np.flatnonzero(first), first.size])[np.cumsum(first) - 1]
    return size, np.arange(first.size) - start


def band_codes(
    signatures: SignatureMatrix,
    *,
    bands: int,
    rows: int,
    max_bucket: int = 64,
    owners: npt.NDArray[np.int64] | None = None,
    base: int | None = None,
) -> Codes:
    """Pairs (i < j) of rows that agree on all `rows` values of some band, as sorted unique
    codes `i * base + j` (`base`: more than the largest owner; default: the row count).

    With `owners` (the story each row signs), the pairs are of owners, and rows
    of one owner never pair with each other. Buckets are sorted and their pairs
    made with array arithmetic, one offset at a time, so that the cost is in
    numpy, not in a Python loop over buckets.
    """
    live = np.flatnonzero(~np.all(signatures == EMPTY, axis=1))
    owner_all = owners if owners is not None else np.arange(signatures.shape[0], dtype=np.int64)
    n = base if base is not None else int(owner_all.max(initial=-1)) + 1
    if live.size < 2:
        return np.empty(0, dtype=np.int64)
    owner = owner_all[live]
    keys = band_keys(_banded(signatures[live], bands, rows))
    codes = [
        bucket_codes(keys[:, band], owner, base=n, max_bucket=max_bucket) for band in range(bands)
    ]
    return merged(codes)


def merged(codes: Sequence[Codes]) -> Codes:
    """Every code of the arrays, sorted, each once."""
    return sorted_unique(np.concatenate(codes)) if codes else np.empty(0, dtype=np.int64)


def bucket_codes(
    keys: npt.NDArray[np.uint64] | npt.NDArray[np.int64],
    owners: npt.NDArray[np.int64],
    *,
    base: int,
    max_bucket: int = 64,
) -> Codes:
    """The pairs one band proposes, as codes `i * base + j` (unsorted, maybe repeated): the
    owners of rows that share a key, all pairs in a bucket of up to `max_bucket` owners,
    a chain in owner order in a larger one."""
    k, o = _by_key(keys, owners)
    if not k.size:
        return np.empty(0, dtype=np.int64)
    keep = np.r_[True, (k[1:] != k[:-1]) | (o[1:] != o[:-1])]  # one row per owner and key
    k, o = k[keep], o[keep]
    size, position = within_buckets(np.r_[True, k[1:] != k[:-1]])
    shared = size >= 2  # most rows sit alone in their bucket: drop them before pairing
    o, size, position = o[shared], size[shared], position[shared]
    small = size <= max_bucket  # a giant bucket is linked as a chain: offset 1 only
    widest = int(size[small].max(initial=2))
    codes: list[npt.NDArray[np.int64]] = []
    for offset in range(1, widest):
        fits = position + offset < size
        at = np.flatnonzero(fits if offset == 1 else fits & small)
        if at.size == 0:
            break
        codes.append(o[at].astype(np.int64) * base + o[at + offset])
    return np.concatenate(codes) if codes else np.empty(0, dtype=np.int64)


def _by_key(
    keys: npt.NDArray[np.uint64] | npt.NDArray[np.int64], owners: npt.NDArray[np.int64]
) -> tuple[npt.NDArray[np.uint64] | npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """The keys and owners of every row whose key may be another row's too, grouped by key,
    each key's owners in ascending order; most keys of a band are nobody else's.

    One sort of plain integers finds them, each row's number packed under its key's high
    bits (numpy sorts those ten times faster than it orders rows by key and owner): a run
    of rows with the same high bits comes in row order, which is owner order where the rows
    are in it (a spill's band files are written in story order). Only a run whose keys
    differ in their low bits, or every run where the rows are out of owner order, is then
    ordered by key and owner."""
    if keys.size < 2:
        return keys[:0], owners[:0]
    bits = (keys.size - 1).bit_length()  # enough for every row's number
    packed = (keys.view(np.uint64) >> np.uint64(bits) << np.uint64(bits)) | np.arange(
        keys.size, dtype=np.uint64
    )
    packed.sort()
    high = packed >> np.uint64(bits)
    repeated = np.r_[False, high[1:] == high[:-1]]
    repeated[:-1] |= repeated[1:]
    rows = (packed[repeated] & np.uint64((1 << bits) - 1)).astype(np.intp)
    k, o, high = keys[rows], owners[rows], high[repeated]
    same_run = high[1:] == high[:-1]
    in_owner_order = bool(np.all(owners[1:] >= owners[:-1]))
    mixed = same_run & (k[1:] != k[:-1]) if in_owner_order else same_run  # else: every run
    if mixed.any():
        run = np.cumsum(np.r_[True, ~same_run])
        at = np.flatnonzero(found_in(run, sorted_unique(run[1:][mixed])))
        order = at[np.lexsort((o[at], k[at], run[at]))]  # each run stays in its place
        k[at], o[at] = k[order], o[order]
    return k, o


def decode(codes: Codes, base: int) -> list[tuple[int, int]]:
    """Pairs from codes `i * base + j`, in code order."""
    return list(zip((codes // base).tolist(), (codes % base).tolist(), strict=True))


def band_pairs(
    signatures: SignatureMatrix,
    *,
    bands: int,
    rows: int,
    max_bucket: int = 64,
    owners: npt.NDArray[np.int64] | None = None,
) -> Pairs:
    """`band_codes` as a set of pairs (i < j)."""
    base = (
        int((owners if owners is not None else np.arange(signatures.shape[0])).max(initial=0)) + 1
    )
    codes = band_codes(
        signatures, bands=bands, rows=rows, max_bucket=max_bucket, owners=owners, base=base
    )
    return set(decode(codes, base))


def body_codes(signed: Signed, *, threshold: float, num_perm: int, max_bucket: int = 64) -> Codes:
    """Stories whose bodies, or a window of a long body, collide in some LSH band.

    A short excerpt shares too few shingles with a long page for their whole
    signatures to collide, but it fills most of a window of that page: the
    windows' signatures, banded with the stories', bring such pairs together.
    Codes are `i * stories + j`.
    """
    stories = signed.matrix.shape[0]
    bands, rows = lsh_params(threshold, num_perm)
    codes = band_codes(signed.matrix, bands=bands, rows=rows, max_bucket=max_bucket, base=stories)
    if signed.windows.shape[0]:
        # An excerpt fills most of a window, so windows are banded for a higher similarity:
        # pages that merely share a sentence or two then stay apart, and cost no verification.
        matrix = np.vstack([signed.matrix, signed.windows])
        owners = np.concatenate([np.arange(stories, dtype=np.int64), signed.owners])
        bands, rows = lsh_params(max(threshold, WINDOW_THRESHOLD), num_perm)
        windowed = band_codes(
            matrix, bands=bands, rows=rows, max_bucket=max_bucket, owners=owners, base=stories
        )
        codes = merged([codes, windowed])
    return codes


def body_pairs(signed: Signed, *, threshold: float, num_perm: int, max_bucket: int = 64) -> Pairs:
    """`body_codes` as a set of pairs (i < j)."""
    codes = body_codes(signed, threshold=threshold, num_perm=num_perm, max_bucket=max_bucket)
    return set(decode(codes, signed.matrix.shape[0]))


def title_codes(titles: Sequence[str], *, max_bucket: int = 64, seed: int = 1) -> Codes:
    """Stories whose normalised titles share most of their words, as codes `i * len(titles) + j`."""
    sets = shingle_sequences([t.split() for t in titles], 1)  # repeats do not change a minimum
    signatures = sign(sets, num_perm=TITLE_PERM, seed=seed)
    bands, rows = lsh_params(TITLE_THRESHOLD, TITLE_PERM)
    return band_codes(signatures, bands=bands, rows=rows, max_bucket=max_bucket, base=len(titles))


def title_pairs(titles: Sequence[str], *, max_bucket: int = 64, seed: int = 1) -> Pairs:
    """`title_codes` as a set of pairs (i < j)."""
    return set(decode(title_codes(titles, max_bucket=max_bucket, seed=seed), len(titles)))


def band_rows(
    ids: npt.NDArray[np.int64],
    signed: Signed,
    titles: Sequence[str],
    settings: Settings,
    *,
    ordered: bool = True,
) -> Rows:
    """Every bucket the stories fall in, as `pipeline.candidate_pairs` bands them.

    `signed.owners` index `ids`; `titles` are normalised. A row is (tag, key, story):
    body bands, bands of bodies and windows together, and title bands, each family's
    tags after the last; an empty signature falls in no bucket. Rows come sorted and
    unique, or, with `ordered=False`, grouped by tag only, a story's windows possibly
    in one bucket twice (`bucket_codes` does not mind).
    """
    if ids.size == 0:
        return np.empty((0, 3), dtype=np.int64)
    parts: list[Rows] = []
    bands, rows = lsh_params(settings.lsh_threshold, settings.num_perm)
    parts.append(_family(signed.matrix, ids, bands, rows, 0))
    bands, rows = lsh_params(max(settings.lsh_threshold, WINDOW_THRESHOLD), settings.num_perm)
    owners = np.concatenate([ids, ids[signed.owners]])
    by_owner = np.argsort(owners, kind="stable")  # a band's rows in story order: see `_by_key`
    stacked = np.vstack([signed.matrix, signed.windows])[by_owner]
    parts.append(_family(stacked, owners[by_owner], bands, rows, WINDOW_TAG))
    title_sets = shingle_sequences([t.split() for t in titles], 1)
    title_matrix = sign(title_sets, num_perm=TITLE_PERM, seed=settings.seed)
    bands, rows = lsh_params(TITLE_THRESHOLD, TITLE_PERM)
    parts.append(_family(title_matrix, ids, bands, rows, TITLE_TAG))
    stacked_rows = np.concatenate(parts)
    return unique_rows(stacked_rows) if ordered else stacked_rows


def unique_rows(rows: Rows) -> Rows:
    """Rows sorted by their columns, each once."""
    if len(rows) < 2:
        return rows
    order = np.lexsort(rows.T[::-1])
    rows = rows[order]
    return rows[np.r_[True, np.any(rows[1:] != rows[:-1], axis=1)]]


def _family(
    matrix: SignatureMatrix, owners: npt.NDArray[np.int64], bands: int, rows: int, tag: int
) -> Rows:
    """The (tag, key, story) rows of one family's bands, band after band."""
    live = ~np.all(matrix == EMPTY, axis=1)
    matrix, owners = matrix[live], owners[live]
    out = np.empty((bands, owners.size, 3), dtype=np.int64)
    out[:, :, 0] = np.arange(tag, tag + bands, dtype=np.int64)[:, None]
    out[:, :, 1] = band_keys(_banded(matrix, bands, rows)).T.view(np.int64)
    out[:, :, 2] = owners
    return out.reshape(-1, 3)
