"""Group verified matches into stories, without chaining unrelated ones together.

Union-find over the verified pairs gives connected components. A component
can still chain: A matches B and B matches C while A and C are different
stories. So each component is split around a centre, its most complete
copy: the members that match the centre directly form one story, and the
rest are grouped again among themselves. Every member of a story therefore
matches its canonical copy, and the evidence reported for it is that match.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

import attrs

from .verify import Match

Compare = Callable[[int, int], Match]


@attrs.define
class UnionFind:
    """Disjoint sets over 0..n-1 with path halving and union by size."""

    parent: list[int]
    size: list[int]

    @classmethod
    def of(cls, n: int) -> UnionFind:
        return cls(list(range(n)), [1] * n)

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if self.size[ra] < self.size[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size[rb]

    def groups(self, members: Sequence[int]) -> list[list[int]]:
        """The sets among `members`, each sorted, ordered by their smallest member."""
        by_root: dict[int, list[int]] = defaultdict(list)
        for m in sorted(members):
            by_root[self.find(m)].append(m)
        return sorted(by_root.values(), key=lambda g: g[0])


@attrs.frozen
class Group:
    """One story: its canonical member and every member's match to it."""

    canonical: int
    members: tuple[tuple[int, Match | None], ...]  # (member, match to canonical); None for itself


def components(n: int, edges: Sequence[tuple[int, int]]) -> list[list[int]]:
    """Connected components of 0..n-1 under `edges`, singletons included."""
    uf = UnionFind.of(n)
    for a, b in edges:
        uf.union(a, b)
    return uf.groups(range(n))


def split_around_centres(
    component: list[int],
    edges: Sequence[tuple[int, int]],
    *,
    rank: Callable[[int], Any],
    compare: Compare,
) -> list[Group]:
    """Split one component into stories whose members all match their centre.

    The centre is the member with the lowest `rank`: the most complete copy.
    """
    groups: list[Group] = []
    pending = [component]
    while pending:
        part = pending.pop()
        centre = min(part, key=rank)
        members: list[tuple[int, Match | None]] = [(centre, None)]
        rest: list[int] = []
        for m in part:
            if m == centre:
                continue
            match = compare(centre, m)
            if match.evidence is None:
                rest.append(m)
            else:
                members.append((m, match))
        groups.append(Group(centre, tuple(sorted(members, key=lambda x: x[0]))))
        if rest:
            inside = set(rest)
            sub_edges = [(a, b) for a, b in edges if a in inside and b in inside]
            local = {m: i for i, m in enumerate(rest)}
            for sub in components(len(rest), [(local[a], local[b]) for a, b in sub_edges]):
                pending.append([rest[i] for i in sub])
    return groups


def cluster(
    n: int,
    edges: Sequence[tuple[int, int]],
    *,
    rank: Callable[[int], Any],
    compare: Compare,
) -> list[Group]:
    """Stories of 0..n-1 given verified `edges`, ordered by their canonical member."""
    groups: list[Group] = []
    by_component: dict[int, list[tuple[int, int]]] = defaultdict(list)
    uf = UnionFind.of(n)
    for a, b in edges:
        uf.union(a, b)
    for a, b in edges:
        by_component[uf.find(a)].append((a, b))
    for component in uf.groups(range(n)):
        if len(component) == 1:
            groups.append(Group(component[0], ((component[0], None),)))
        else:
            own = by_component[uf.find(component[0])]
            groups.extend(split_around_centres(component, own, rank=rank, compare=compare))
    return sorted(groups, key=lambda g: g.canonical)
