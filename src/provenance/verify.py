"""Check a candidate pair before it links anything: the match rule.

Raw LSH collisions and title look-alikes are only candidates. A pair
matches when its exact shingle sets agree (Jaccard), when the shorter copy
is contained in the longer one (an excerpt, a truncated copy), or when the
titles agree *and* the bodies share a weaker but real overlap. A title alone
never matches, and two copies that state different figures (a routine
report sent again another day with new numbers) never match unless exact;
nor do copies dated days apart by their wire datelines that differ in any figure.
"""

from __future__ import annotations

import enum
import re
from collections import Counter
from collections.abc import Sequence

import attrs
import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process

from .settings import Settings
from .text import Features, HashArray, found_in, sorted_unique

_DIGITS = re.compile(r"\d+")
# A wire label opening a normalised title: "update 2-", "wrapup 1-", "corrected-", "exclusive-".
_WIRE_LABEL = re.compile(
    r"^(?:update|wrapup|corrected|correction|refile|rpt|repeat|exclusive|urgent|flash|"
    r"breaking|analysis|factbox|insight|preview|timeline)(?: \d{1,2})?\s*-\s*"
)


class Evidence(enum.Enum):
    """What linked a copy to its story's canonical copy."""

    CANONICAL = "canonical"
    EXACT = "exact"
    MINHASH = "minhash"  # shingle Jaccard at or above `threshold`
    CONTAINMENT = "containment"
    TITLE = "title"  # titles agree and the bodies overlap
    # the canonical copy misses it; most of the story's best-connected copies match it
    WITNESSES = "witnesses"


@attrs.frozen
class Match:
    """How two stories compare; `evidence` is None when they do not match."""

    jaccard: float
    containment: float
    title_similarity: float | None
    evidence: Evidence | None

    @property
    def similarity(self) -> float:
        """The body score behind the evidence: containment when the copy matched as a part
        (excerpt, or title-confirmed overlap), else Jaccard."""
        if self.evidence in (Evidence.CONTAINMENT, Evidence.TITLE, Evidence.WITNESSES):
            return self.containment
        return self.jaccard


def title_similarity(a: str, b: str) -> float | None:
    """rapidfuzz token-sort ratio of two normalised titles (0-100), None if one is missing.

    A wire label that opens a title ("UPDATE 2-", "CORRECTED-", "EXCLUSIVE-") says how the
    story was sent, not what it says, and is left out.
    """
    if not a or not b:
        return None
    return float(_TITLE_SCORE(_unlabelled(a), _unlabelled(b)))


_TITLE_SCORE = fuzz.token_sort_ratio  # of two titles without their wire labels


def _unlabelled(title: str) -> str:
    return _WIRE_LABEL.sub("", title)


def titles_alike(a: str, b: str, settings: Settings) -> bool:
    """Whether two titles reach the lowest bar of the rule's title paths (`_by_headline`).

    Title blocking proposes pairs for those paths alone, so a pair that only a title band
    proposed is verified only when this holds: titles that share a few common words ("the",
    "says", a name) are no candidates, and their number grows with the square of a corpus.
    """
    similarity = title_similarity(a, b)
    return similarity is not None and similarity >= _title_bar(settings)


def titles_alike_at(
    titles: Sequence[str],
    first: npt.NDArray[np.int64],
    second: npt.NDArray[np.int64],
    settings: Settings,
) -> npt.NDArray[np.bool_]:
    """`titles_alike(titles[i], titles[j])` of each pair (i, j) of `first` and `second`,
    scored in one call of rapidfuzz (`process.cpdist`), each title's wire label left out
    once: title bands propose millions of pairs at scale, and a call of Python a pair
    cost more than their scores."""
    ids = sorted_unique(np.concatenate([first, second]))
    given = [titles[i] for i in ids.tolist()]
    plain = [_unlabelled(title) for title in given]
    filled = np.array([bool(title) for title in given], dtype=bool)  # as `title_similarity`
    at_first, at_second = ids.searchsorted(first), ids.searchsorted(second)
    bar = _title_bar(settings)
    scores = process.cpdist(
        [plain[k] for k in at_first.tolist()],
        [plain[k] for k in at_second.tolist()],
        scorer=_TITLE_SCORE,
        score_cutoff=bar,  # a score under it reads 0
        dtype=np.float64,
        workers=1,  # (already on a worker of the run)
    )
    alike: npt.NDArray[np.bool_] = filled[at_first] & filled[at_second] & (scores >= bar)
    return alike


def _title_bar(settings: Settings) -> float:
    """The lowest title similarity of the rule's title paths."""
    return min(settings.title_threshold, settings.reworded_title)


def figures_differ(a: tuple[str, ...], b: tuple[str, ...], settings: Settings) -> bool:
    """Whether two copies state different figures: both state `min_figures` or more, and
    they share less than `figure_share` of the smaller one's (counted with repeats).

    Routine reports (reserve figures, prices, money-market operations) reuse one wording
    day after day; what makes them different stories is their numbers.
    """
    if min(len(a), len(b)) < settings.min_figures or a == b:
        return False
    shared = sum((Counter(a) & Counter(b)).values())
    return shared < settings.figure_share * min(len(a), len(b))


def dispatched_apart(a: Features, b: Features, settings: Settings) -> bool:
    """Whether both copies' datelines date them `dispatch_days` or more apart (across the
    turn of the year too) and they do not state the same figures.

    A wire dateline dates the dispatch, so copies of one story carry the same one, and a
    story run again days later keeps its words and its figures. A routine report sent
    again another day carries another date and some new figures, even when most of them
    repeat ("vs 31.85 mln tonnes last month") or one copy writes a figure in words.
    """
    if a.dispatched is None or b.dispatched is None:
        return False
    gap = abs(a.dispatched - b.dispatched)
    return min(gap, 365 - gap) >= settings.dispatch_days and a.figures != b.figures


def titles_state_other_figures(a: str, b: str) -> bool:
    """Whether each title states a figure the other does not: "NY COFFEE 10:30" and
    "NY COFFEE 12:30" are two reports, "1ST QTR NET" and "1ST QTR FEB 28 NET" one.

    Figures count with their repeats, and the answer does not depend on the order of the
    titles (a title that states no figure states none the other lacks).
    """
    figures_a = _DIGITS.findall(a)
    figures_b = _DIGITS.findall(b) if figures_a else []
    return (
        bool(figures_b)
        and _states_more(figures_a, figures_b)
        and _states_more(figures_b, figures_a)
    )


def _states_more(a: list[str], b: list[str]) -> bool:
    """Whether `a` states some figure more often than `b` does (a title holds a few)."""
    return any(a.count(figure) > b.count(figure) for figure in set(a))


def shared_count(a: HashArray, b: HashArray) -> int:
    """How many values two sorted arrays of unique values share: each value of `a` looked
    up in `b` (a third cheaper than `numpy.intersect1d`, which sorts both again)."""
    return int(np.count_nonzero(found_in(a, b)))


def compare(a: Features, b: Features, settings: Settings) -> Match:
    """Apply the match rule to two stories."""
    sa, sb = a.shingles, b.shingles
    shared = shared_count(sa, sb)
    union = sa.size + sb.size - shared
    smaller = min(sa.size, sb.size)
    jaccard = shared / union if union else 0.0
    containment = shared / smaller if smaller else 0.0
    titles = title_similarity(a.title, b.title)
    evidence: Evidence | None = None
    if a.digest and a.digest == b.digest:
        evidence = Evidence.EXACT
    elif jaccard >= settings.threshold and shared:
        evidence = Evidence.MINHASH
    elif containment >= settings.containment and smaller >= settings.min_shingles:
        evidence = Evidence.CONTAINMENT
    elif titles is not None:
        evidence = _by_headline(titles, jaccard, containment, shared, smaller, settings)
        if evidence is not None and titles_state_other_figures(a.title, b.title):
            evidence = None
    if evidence not in (None, Evidence.EXACT) and (
        figures_differ(a.figures, b.figures, settings) or dispatched_apart(a, b, settings)
    ):
        evidence = None  # the same template with other figures: another day's report
    return Match(jaccard, containment, titles, evidence)


def _by_headline(
    headline: float,
    jaccard: float,
    containment: float,
    shared: int,
    smaller: int,
    settings: Settings,
) -> Evidence | None:
    """The match two headlines that agree make of a weaker body overlap (`compare` drops it
    when each title states a figure the other lacks: asked only here, as it costs more)."""
    if (
        headline >= settings.reworded_title
        and containment >= settings.reworded_containment
        and smaller >= 2 * settings.min_shingles
    ):
        return Evidence.CONTAINMENT  # an edited excerpt under a reworded headline
    if (
        headline >= settings.title_threshold
        and shared
        and (
            jaccard >= settings.title_jaccard
            or (containment >= settings.title_containment and smaller >= settings.min_shingles)
        )
    ):
        return Evidence.TITLE
    return None
