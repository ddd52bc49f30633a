"""The plain baseline a user would start from: datasketch MinHashLSH over whole files.

Word 5-shingles of the lowercased text, 128 permutations, `MinHash.update_batch`,
`MinHashLSH` at a threshold; every LSH hit is a duplicate (no segmentation, no
verification), and clusters are the connected components of the hits.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from datasketch import MinHash, MinHashLSH

from provenance.cluster import components


def minhashes(texts: Mapping[str, str], *, num_perm: int = 128, k: int = 5) -> dict[str, MinHash]:
    """One MinHash per file, over its word k-shingles."""
    out = {}
    for path, text in texts.items():
        words = text.lower().split()
        grams = {" ".join(words[i : i + k]) for i in range(max(1, len(words) - k + 1))}
        m = MinHash(num_perm=num_perm)
        m.update_batch([g.encode("utf-8") for g in grams])
        out[path] = m
    return out


def clusters(
    signed: Mapping[str, MinHash], threshold: float, *, num_perm: int = 128
) -> dict[str, str]:
    """path -> cluster (its smallest member), linking every pair LSH returns."""
    paths: Sequence[str] = sorted(signed)
    index = {p: i for i, p in enumerate(paths)}
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    for path in paths:
        lsh.insert(path, signed[path])
    edges = [(index[p], index[q]) for p in paths for q in lsh.query(signed[p]) if q != p]
    return {paths[m]: paths[comp[0]] for comp in components(len(paths), edges) for m in comp}
