"""Grouping verified pairs into stories without chaining unrelated stories together."""

from __future__ import annotations

import itertools
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from provenance import Settings, Story, compare
from provenance.cluster import Group, UnionFind, cluster, components, split_around_centres
from provenance.pipeline import group
from provenance.text import features
from provenance.verify import Evidence, Match

from .conftest import make_body

SETTINGS = Settings()
YES = Match(1.0, 1.0, None, Evidence.MINHASH)
NO = Match(0.0, 0.0, None, None)


def test_union_find() -> None:
    uf = UnionFind.of(6)
    assert uf.groups(range(6)) == [[0], [1], [2], [3], [4], [5]]
    uf.union(4, 1)
    uf.union(1, 4)
    uf.union(5, 3)
    uf.union(3, 1)
    assert uf.find(5) == uf.find(4) == uf.find(1) == uf.find(3)
    assert uf.find(0) != uf.find(1)
    assert uf.groups(range(6)) == [[0], [1, 3, 4, 5], [2]]
    assert uf.groups([5, 2, 4]) == [[2], [4, 5]]
    assert sorted(uf.size[uf.find(i)] for i in (1, 0)) == [1, 4]


def test_components() -> None:
    assert components(5, [(0, 3), (3, 4)]) == [[0, 3, 4], [1], [2]]
    assert components(0, []) == []


def prefix(text: str, share: float) -> str:
    words = text.split(" ")
    return " ".join(words[: int(len(words) * share)])


def stories_of(*items: tuple[str, str]) -> list[Story]:
    return [
        Story(f"{k}.txt", 0, title, body, 0, len(body), 1, 1)
        for k, (title, body) in enumerate(items)
    ]


def check_chain(items: list[tuple[str, str]]) -> None:
    """A~B and B~C match, A~C do not: A and C must never end up in one story."""
    stories = stories_of(*items)
    described = [features(s.title, s.body, SETTINGS.shingle_size) for s in stories]
    a, b, c = described
    assert compare(a, b, SETTINGS).evidence is not None
    assert compare(b, c, SETTINGS).evidence is not None
    assert compare(a, c, SETTINGS).evidence is None
    groups = group(stories, described, [(0, 1), (1, 2)], SETTINGS)
    for g in groups:
        members = {m for m, _ in g.members}
        assert not {0, 2} <= members, g
        for member, match in g.members:
            if member != g.canonical:
                assert match is not None
                assert match.evidence is not None
                assert compare(described[g.canonical], described[member], SETTINGS) == match
    # Every story is placed; a copy carrying two stories may join both, never merge them.
    assert {m for g in groups for m, _ in g.members} == {0, 1, 2}
    assert sorted(m for g in groups for m, _ in g.members if m != 1) == [0, 2]


def test_chain_through_a_title_match_is_split() -> None:
    a, c = make_body(1, paragraphs=6), make_body(2, paragraphs=6)
    b = prefix(a, 0.5) + " " + prefix(c, 0.5)
    title = "Floods cut off three villages after a week of rain"
    check_chain([(title, a), (title, b), (title, c)])


def test_chain_through_a_page_carrying_most_of_two_stories_is_split() -> None:
    a, c = make_body(3, paragraphs=6), make_body(4, paragraphs=6)
    b = prefix(a, 0.9) + " " + prefix(c, 0.9)
    check_chain([("", a), ("", b), ("", c)])


def relation_compare(matches: set[tuple[int, int]]):  # type: ignore[no-untyped-def]
    def compare_(x: int, y: int) -> Match:
        return YES if (min(x, y), max(x, y)) in matches else NO

    return compare_


@st.composite
def graphs(draw: st.DrawFn) -> tuple[int, set[tuple[int, int]], list[tuple[int, int]], list[int]]:
    n = draw(st.integers(min_value=0, max_value=12))
    all_pairs = list(itertools.combinations(range(n), 2))
    matches = set(draw(st.lists(st.sampled_from(all_pairs), unique=True))) if all_pairs else set()
    edges = sorted(draw(st.sets(st.sampled_from(sorted(matches))))) if matches else []
    ranks = draw(st.permutations(list(range(n))))
    return n, matches, edges, ranks


@settings(max_examples=200, deadline=None)
@given(graphs(), st.randoms(use_true_random=False))
def test_cluster_properties(graph, rnd: random.Random) -> None:  # type: ignore[no-untyped-def]
    n, matches, edges, ranks = graph
    compare_ = relation_compare(matches)
    groups = cluster(n, edges, rank=lambda i: ranks[i], compare=compare_)
    # every item is placed; one placed twice is a copy carrying two stories, and it then
    # matches the canonical copy of each (checked below); groups ordered by canonical
    members = [m for g in groups for m, _ in g.members]
    assert set(members) == set(range(n))
    assert len({g.canonical for g in groups}) == len(groups)
    assert [g.canonical for g in groups] == sorted(g.canonical for g in groups)
    comps = {m: k for k, comp in enumerate(components(n, edges)) for m in comp}
    for g in groups:
        assert [m for m, _ in g.members] == sorted(m for m, _ in g.members)
        for member, match in g.members:
            assert comps[member] == comps[g.canonical]  # never across components
            if member == g.canonical:
                assert match is None
            else:  # it matches the canonical copy, or at least two copies that do
                matched_by = {
                    m for m, _ in g.members if (min(m, member), max(m, member)) in matches
                }
                if g.canonical in matched_by:
                    assert match is YES
                else:
                    assert match == Match(0.0, 0.0, None, Evidence.WITNESSES)
                    assert len(matched_by) >= 2
    # a component of two, split without the general bookkeeping, is split the same way
    general = [
        g
        for comp in components(n, edges)
        for g in (
            split_around_centres(
                comp,
                [e for e in edges if e[0] in comp],
                rank=lambda i: ranks[i],
                compare=compare_,
            )
            if len(comp) > 1
            else [Group.alone(comp[0])]
        )
    ]
    assert sorted(general, key=lambda g: g.canonical) == groups
    # deterministic: the order of the edges does not matter
    shuffled = list(edges)
    rnd.shuffle(shuffled)
    flipped = [(b, a) if rnd.random() < 0.5 else (a, b) for a, b in shuffled]
    assert cluster(n, flipped, rank=lambda i: ranks[i], compare=compare_) == groups


def test_centre_is_the_most_complete_copy() -> None:
    full = make_body(5, paragraphs=6)
    items = [("T", prefix(full, 0.4)), ("T", full), ("T", prefix(full, 0.3))]
    stories = stories_of(*items)
    described = [features(t, b, 5) for t, b in items]
    groups = group(stories, described, [(0, 1), (0, 2), (1, 2)], SETTINGS)
    assert len(groups) == 1
    assert groups[0].canonical == 1
    assert dict(groups[0].members)[0].evidence is Evidence.CONTAINMENT


def test_a_page_carrying_two_stories_is_never_lost() -> None:
    a, c = make_body(11, paragraphs=6), make_body(12, paragraphs=6)
    items = [
        ("", prefix(a, 0.7)),
        ("", a + " " + make_body(13, paragraphs=3)),  # a fuller copy of A
        ("", prefix(a, 0.9) + " " + prefix(c, 0.9)),  # a page carrying most of A and of C
        ("", prefix(c, 0.7)),
        ("", c + " " + make_body(14, paragraphs=3)),  # a fuller copy of C
    ]
    stories = stories_of(*items)
    described = [features(s.title, s.body, SETTINGS.shingle_size) for s in stories]
    edges = [
        (i, j)
        for i, j in itertools.combinations(range(len(items)), 2)
        if compare(described[i], described[j], SETTINGS).evidence is not None
    ]
    groups = group(stories, described, edges, SETTINGS)
    assert {m for g in groups for m, _ in g.members} == set(range(len(items)))
    for g in groups:
        members = {m for m, _ in g.members}
        assert not ({0, 1} & members and {3, 4} & members), g


def overlapping(matches: set[tuple[int, int]]):  # type: ignore[no-untyped-def]
    """Copies that overlap without matching unless listed (no centre is composite)."""

    def compare_(x: int, y: int) -> Match:
        return YES if (min(x, y), max(x, y)) in matches else Match(0.3, 0.5, None, None)

    return compare_


def test_centre_is_the_copy_most_others_match() -> None:
    # 0 matches 1, 2 and 3; those overlap each other without matching; 3 is the most complete
    matches = {(0, 1), (0, 2), (0, 3)}
    groups = cluster(4, sorted(matches), rank=lambda i: -i, compare=overlapping(matches))
    assert len(groups) == 1
    assert groups[0].canonical == 0


def test_a_copy_most_copies_match_joins_though_the_centre_misses_it() -> None:
    # 0 is the centre (most edges); 4 is linked to 1 and matched by 1, 2 and 3, not by 0:
    # a dump as centre and an extract carrying the article and a list of other stories
    matches = {(0, 1), (0, 2), (0, 3), (1, 4), (2, 4), (3, 4)}
    edges = [(0, 1), (0, 2), (0, 3), (1, 4)]
    groups = cluster(5, edges, rank=lambda i: i, compare=overlapping(matches))
    assert [(g.canonical, [m for m, _ in g.members]) for g in groups] == [(0, [0, 1, 2, 3, 4])]
    # its match is still reported against the canonical copy, as the witnesses' evidence
    assert dict(groups[0].members)[4] == Match(0.3, 0.5, None, Evidence.WITNESSES)
    assert dict(groups[0].members)[4].similarity == 0.5


def test_a_copy_one_copy_matches_stays_apart() -> None:
    # the same, but only 1 matches 4: a chain through one copy, not the story's majority
    matches = {(0, 1), (0, 2), (0, 3), (1, 4)}
    groups = cluster(5, sorted(matches), rank=lambda i: i, compare=overlapping(matches))
    assert [(g.canonical, [m for m, _ in g.members]) for g in groups] == [
        (0, [0, 1, 2, 3]),
        (4, [4]),
    ]
