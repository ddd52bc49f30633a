"""Group verified matches into stories, without chaining unrelated ones together.

Union-find over the verified pairs gives connected components. A component
can still chain: A matches B and B matches C while A and C are different
stories. So each component is split around a centre, the copy most others
match (ties: the most complete): the members that match the centre directly
form one story, joined by the members most of its best-linked copies match
(the centre can miss a true copy), and the rest are grouped again among
themselves. Every member of a story therefore matches its canonical copy or
most of its witnesses, and the evidence reported for it is that match. A
centre two of whose matches share nothing carries two stories: it is set
aside and joins each story it carries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import attrs

from .settings import Settings
from .verify import Evidence, Match

Compare = Callable[[int, int], Match]
_WITNESSES = 5  # copies asked when a member does not match the centre: a majority decides


@attrs.define
class UnionFind:
    """Disjoint sets over 0..n-1 with path halving and union by size."""

    parent: list[int]
    size: list[int]

    @classmethod
    def of(cls, n: int, edges: Iterable[tuple[int, int]] = ()) -> UnionFind:
        """The sets of 0..n-1 joined by `edges`."""
        found = cls(list(range(n)), [1] * n)
        for a, b in edges:
            found.union(a, b)
        return found

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

    @classmethod
    def alone(cls, member: int) -> Group:
        """A story of which one copy was found."""
        return cls(member, ((member, None),))


def components(n: int, edges: Sequence[tuple[int, int]]) -> list[list[int]]:
    """Connected components of 0..n-1 under `edges`, singletons included."""
    return UnionFind.of(n, edges).groups(range(n))


def _subparts(rest: list[int], edges: Sequence[tuple[int, int]]) -> list[list[int]]:
    """Connected components of `rest` under the edges among its members."""
    inside = set(rest)
    local = {m: i for i, m in enumerate(rest)}
    sub_edges = [(local[a], local[b]) for a, b in edges if a in inside and b in inside]
    return [[rest[i] for i in sub] for sub in components(len(rest), sub_edges)]


def _is_composite(matched: list[tuple[int, Match]], compare: Compare, settings: Settings) -> bool:
    """Whether the centre carries two different stories: two of the copies that match it
    share almost nothing with each other (a page the segmenter could not split, or a
    copy made of two stories). Titles do not count: a title alone never joins stories.

    Only the first match is compared with the others, so the check is linear.
    """
    if not matched:
        return False
    first = matched[0][0]
    return any(
        compare(first, other).containment < 1.0 - settings.containment for other, _ in matched[1:]
    )


def _degrees(part: list[int], edges: Sequence[tuple[int, int]]) -> dict[int, int]:
    inside = set(part)
    degree = dict.fromkeys(part, 0)
    for a, b in edges:
        if a in inside and b in inside:
            degree[a] += 1
            degree[b] += 1
    return degree


def _witnesses(
    matched: list[tuple[int, Match]], degree: dict[int, int], rank: Callable[[int], Any]
) -> list[int]:
    """The story's best-linked copies, asked about a copy the centre fails."""
    by_link = sorted((m for m, _ in matched), key=lambda m: (-degree[m], rank(m)))
    return by_link[:_WITNESSES]


def _by_majority(
    member: int, to_centre: Match, witnesses: list[int], compare: Compare
) -> Match | None:
    """`to_centre` as a `witnesses` match, if most of the witnesses (two or more) match `member`.

    A centre can fail a true copy: a whole-page dump as centre (article and navigation) and
    an extract that joins the article to a list of other stories share the article, but each
    carries so much the other lacks that neither holds the other. The copies that match the
    centre still match both; a member most of them match is the same story. A member that
    only one copy matches (an unrelated chain: A-B-C, C matching B alone) is not.
    """
    agreeing = sum(compare(w, member).evidence is not None for w in witnesses)
    if agreeing >= 2 and 2 * agreeing > len(witnesses):
        return attrs.evolve(to_centre, evidence=Evidence.WITNESSES)
    return None


def _linked(members: set[int], edges: Sequence[tuple[int, int]]) -> set[int]:
    """Stories outside `members` with a verified edge into them."""
    return {b if a in members else a for a, b in edges if (a in members) != (b in members)}


def split_around_centres(
    component: list[int],
    edges: Sequence[tuple[int, int]],
    *,
    rank: Callable[[int], Any],
    compare: Compare,
    settings: Settings | None = None,
) -> list[Group]:
    """Split one component into stories whose members match their centre (or most of the
    copies that do).

    The centre is the member most others match (the copy that best represents
    them all), ties broken by the lowest `rank` (the most complete copy).
    A centre that carries two different stories is set aside; the rest is
    grouped without it, and it joins every story it carries (or stands as a
    story of its own when it matches none of their canonical copies).
    """
    settings = settings or Settings()
    groups: list[Group] = []
    set_aside: list[int] = []
    placed: set[int] = set()
    pending: list[tuple[list[int], tuple[int, ...]]] = [(component, ())]
    while pending:
        part, composites = pending.pop()
        degree = _degrees(part, edges)
        order = sorted(part, key=lambda m: (-degree[m], rank(m)))
        centre = order[0]
        matched: list[tuple[int, Match]] = []
        missed: list[tuple[int, Match]] = []
        for m in order:
            if m != centre:
                match = compare(centre, m)
                (missed if match.evidence is None else matched).append((m, match))
        if len(part) > 2 and _is_composite(matched, compare, settings):
            set_aside.append(centre)
            others = [m for m in part if m != centre]
            pending.extend((sub, (*composites, centre)) for sub in _subparts(others, edges))
            continue
        witnesses = _witnesses(matched, degree, rank)
        linked = _linked({m for m, _ in matched}, edges) if len(witnesses) > 1 else set()
        rest: list[int] = []
        for m, match in missed:  # only members linked to the story are asked: linear in the edges
            joined = _by_majority(m, match, witnesses, compare) if m in linked else None
            (rest.append(m) if joined is None else matched.append((m, joined)))
        members: list[tuple[int, Match | None]] = [(centre, None), *matched]
        for carrier in composites:
            match = compare(centre, carrier)
            joined = (
                match
                if match.evidence is not None
                else _by_majority(carrier, match, witnesses, compare)
            )
            if joined is not None:
                members.append((carrier, joined))
                placed.add(carrier)
        groups.append(Group(centre, tuple(sorted(members, key=lambda x: x[0]))))
        pending.extend((sub, composites) for sub in _subparts(rest, edges))
    groups.extend(Group.alone(c) for c in set_aside if c not in placed)
    return groups


def _split_pair(a: int, b: int, *, rank: Callable[[int], Any], compare: Compare) -> list[Group]:
    """`split_around_centres` of a component of two (each member's degree is one, so the
    centre is the lower `rank`), without its bookkeeping."""
    centre, other = (a, b) if rank(a) <= rank(b) else (b, a)
    match = compare(centre, other)
    if match.evidence is None:
        return [Group.alone(centre), Group.alone(other)]
    return [Group(centre, tuple(sorted([(centre, None), (other, match)], key=lambda x: x[0])))]


Part = tuple[list[int], list[tuple[int, int]]]  # a connected component and its own edges


def connected(n: int, edges: Sequence[tuple[int, int]]) -> list[Part]:
    """The connected components of 0..n-1 under `edges`, singletons included, each with the
    edges inside it, ordered by their smallest member."""
    by_component: dict[int, list[tuple[int, int]]] = defaultdict(list)
    uf = UnionFind.of(n, edges)
    for a, b in edges:
        by_component[uf.find(a)].append((a, b))
    return [(c, by_component.get(uf.find(c[0]), [])) for c in uf.groups(range(n))]


def split(
    parts: Iterable[Part],
    *,
    rank: Callable[[int], Any],
    compare: Compare,
    settings: Settings | None = None,
) -> list[Group]:
    """The stories of each component (`split_around_centres`), in the order of `parts`.

    Components are independent of each other: they may be split in any process."""
    groups: list[Group] = []
    for component, own in parts:
        if len(component) == 1:
            groups.append(Group.alone(component[0]))
        elif len(component) == 2:  # most components: no chain to split
            groups.extend(_split_pair(component[0], component[1], rank=rank, compare=compare))
        else:
            groups.extend(
                split_around_centres(component, own, rank=rank, compare=compare, settings=settings)
            )
    return groups


def cluster(
    n: int,
    edges: Sequence[tuple[int, int]],
    *,
    rank: Callable[[int], Any],
    compare: Compare,
    settings: Settings | None = None,
    progress: Callable[[list[Part]], Iterable[Part]] | None = None,
) -> list[Group]:
    """Stories of 0..n-1 given verified `edges`, ordered by their canonical member
    (`progress` wraps the components as they are split, to show a bar)."""
    parts = connected(n, edges)
    groups = split(
        progress(parts) if progress is not None else parts,
        rank=rank,
        compare=compare,
        settings=settings,
    )
    return sorted(groups, key=lambda g: g.canonical)
