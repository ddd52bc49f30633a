"""Reuters-21578 benchmark: recall on exact re-sends, precision on templated reports.

The 1987 Reuters newswire (``reuters21578.tar.gz``, see ``../shared/data/README.md``) gives
two certain kinds of label:

* exact groups: 284 groups of stories whose bodies are identical after whitespace and case
  folding (re-sends, "(RPT)" and "CORRECTED" headlines); each belongs in one story;
* templated pairs: routine reports with the same wording and other figures, sent at least
  three days apart (Fed repurchases, slaughter guesstimates, Treasury balances, earnings
  tables of different companies); they are different stories, the hardest negatives here.
  74 consecutive pairs within their template families (251 pairs in all).

The proposed verification rule (`FigureRule`: copies that share under half of the smaller
copy's figures are different stories) is measured offline (`--analyse`) and end to end, by
adding it to provenance's match rule in this process only (`--with-rule`; src/ is not edited).

Run from the repository root::

    python -m benchmarks.reuters                    # run provenance.dedupe, print the score
    python -m benchmarks.reuters --jsonl out.jsonl  # score the records of `dedupe docs/ --jsonl`
    python -m benchmarks.reuters --analyse --with-rule
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import itertools
import json
import random
import re
import sys
import tarfile
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TARBALL = "reuters21578.tar.gz"
DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"

_DOC = re.compile(r"(?:^|/)(docs/\d{5}\.txt)$")
_DATE = re.compile(r"(\d{1,2}-[A-Za-z]{3}-\d{4})(?:\s+(\d{1,2}):(\d\d):(\d\d))?")
# "LOS ANGELES, Feb 26 - ", "NEW YORK, MARCH 11 -- ", "AMSTERDAM, 2 March - ", "TULSA, June 2- ",
# "KANSAS CITY, Mo. - March 13 - ", after an optional short line ("repeat")
_DATELINE = re.compile(
    r"\A\s*(?:[^\n]{0,40}\n\s*)??[^\n]{0,80}?,[^\n]{0,30}?"
    r"\b(?:[A-Za-z]{3,9}\.?\s*\d{1,2}|\d{1,2}\s+[A-Za-z]{3,9})\s*-+\s*"
)
_SIGNOFF = re.compile(r"\s*\bREUTER\b\W*\Z")
# a figure: 12, 1.5, 2,513,200, 1/2; "6-1/2" gives 6 and 1/2, "12.5%" gives 12.5
_NUMBER = re.compile(r"\d+(?:[.,/]\d+)*")


@dataclass(frozen=True)
class Reuters:
    """The collection: texts, send times and the exact-duplicate groups.

    Attributes:
        docs: file name ("docs/00004.txt") -> the whole text (headline, blank line, body).
        dates: file name -> the time the wire sent it.
        exact_groups: the labelled groups of identical bodies, each a sorted list of file names.
    """

    docs: dict[str, str]
    dates: dict[str, dt.datetime]
    exact_groups: list[list[str]]


def _tarball(data_dir: Path) -> Path:
    data_dir = Path(data_dir)
    return data_dir if data_dir.is_file() else data_dir / TARBALL


def _doc_name(member: str) -> str | None:
    match = _DOC.search(member)
    return match.group(1) if match else None


def _rows(text: str) -> Iterator[dict[str, str]]:
    """Rows of a TSV with a header line; quotes are data (titles hold them)."""
    lines = text.splitlines()
    header = lines[0].split("\t")
    for line in lines[1:]:
        if line:
            yield dict(zip(header, line.split("\t"), strict=False))


def parse_date(value: str) -> dt.datetime:
    """A wire time like "26-FEB-1987 15:01:01.79"; a corrupt time of day gives midnight."""
    match = _DATE.search(value)
    if not match:
        raise ValueError(f"no date in {value!r}")
    day = dt.datetime.strptime(match.group(1).upper(), "%d-%b-%Y")
    if match.group(2) is not None:
        h, m, s = (int(match.group(i)) for i in (2, 3, 4))
        if h < 24 and m < 60 and s < 60:
            return day.replace(hour=h, minute=m, second=s)
    return day


def load(data_dir: Path) -> Reuters:
    """Read the collection straight from the tarball (`data_dir` or the tarball itself)."""
    docs: dict[str, str] = {}
    metadata = labels = ""
    with tarfile.open(_tarball(data_dir)) as tar:
        for member in tar:
            if not member.isfile():
                continue
            handle = tar.extractfile(member)
            if handle is None:
                continue
            name = _doc_name(member.name)
            if name:
                docs[name] = handle.read().decode("utf-8")
            elif member.name.endswith("/metadata.tsv"):
                metadata = handle.read().decode("utf-8")
            elif member.name.endswith("/labels_exact_body_duplicates.tsv"):
                labels = handle.read().decode("utf-8")
    dates = {row["file"]: parse_date(row["date"]) for row in _rows(metadata)}
    grouped: dict[str, list[str]] = defaultdict(list)
    for row in _rows(labels):
        grouped[row["group_id"]].append(row["file"])
    groups = [sorted(files) for _, files in sorted(grouped.items())]
    return Reuters(docs=docs, dates=dates, exact_groups=groups)


def extract(data_dir: Path, dest: Path) -> Path:
    """Write the stories to dest/docs/NNNNN.txt (for the `dedupe` command); returns dest/docs."""
    out = Path(dest) / "docs"
    out.mkdir(parents=True, exist_ok=True)
    with tarfile.open(_tarball(data_dir)) as tar:
        for member in tar:
            name = _doc_name(member.name) if member.isfile() else None
            handle = tar.extractfile(member) if name else None
            if name and handle is not None:
                (Path(dest) / name).write_bytes(handle.read())
    return out


# ---------------------------------------------------------------- bodies and templates


def headline(text: str) -> str:
    """The first line of a story file."""
    return text.split("\n", 1)[0].strip()


def body(text: str) -> str:
    """The text after the headline, without the "CITY, Month D - " dateline and "REUTER"."""
    rest = text.split("\n", 1)[1].strip() if "\n" in text else ""
    return _SIGNOFF.sub("", _DATELINE.sub("", rest, count=1))


def fold(text: str) -> str:
    """Case folded, whitespace collapsed."""
    return " ".join(text.casefold().split())


def mask(folded: str) -> str:
    """Every whitespace token that contains a digit replaced by "#"."""
    return " ".join("#" if any(c.isdigit() for c in t) else t for t in folded.split())


def template_families(reuters: Reuters, *, min_words: int = 25) -> list[list[str]]:
    """Stories whose masked bodies agree while their bodies differ, each family by send time.

    Exact copies within a family are collapsed to the first one sent.
    """
    by_mask: dict[str, list[str]] = defaultdict(list)
    folded = {name: fold(body(text)) for name, text in reuters.docs.items()}
    for name, text in folded.items():
        if len(text.split()) >= min_words:
            by_mask[mask(text)].append(name)
    families = []
    for members in by_mask.values():
        first: dict[str, str] = {}
        for name in sorted(members, key=lambda n: (reuters.dates[n], n)):
            first.setdefault(folded[name], name)
        if len(first) > 1:
            families.append(list(first.values()))
    return sorted(families, key=lambda f: f[0])


def templated_pairs(
    reuters: Reuters, *, min_words: int = 25, min_days: int = 3, consecutive: bool = True
) -> list[tuple[str, str]]:
    """Hard negatives: bodies equal once figures are masked, unequal before, >= min_days apart.

    Within a template family (exact copies collapsed, ordered by send time) only the pairs of
    stories sent one after the other are kept (`consecutive`), so a family of n daily reports
    counts n - 1 times, not n(n - 1)/2; `consecutive=False` gives every pair.
    """
    gap = dt.timedelta(days=min_days)
    pairs = []
    for family in template_families(reuters, min_words=min_words):
        chain = itertools.pairwise(family) if consecutive else itertools.combinations(family, 2)
        pairs += [(a, b) for a, b in chain if abs(reuters.dates[b] - reuters.dates[a]) >= gap]
    return sorted(pairs)


# ---------------------------------------------------------------- scoring


def score(
    story_of: Mapping[str, str], reuters: Reuters, pairs: Sequence[tuple[str, str]]
) -> dict[str, Any]:
    """Recall on exact groups, templated pairs merged, and the largest predicted clusters.

    `story_of` maps "docs/NNNNN.txt" to a story id; a file without one is a story of its own.
    """
    broken = [
        g for g in reuters.exact_groups if len({story_of.get(f, f"missing:{f}") for f in g}) > 1
    ]
    merged = [(a, b) for a, b in pairs if a in story_of and story_of.get(a) == story_of.get(b)]
    sizes = Counter(story_of.values()).most_common(5)
    groups = len(reuters.exact_groups)
    return {
        "exact_groups": groups,
        "exact_recall": round(1 - len(broken) / groups, 4) if groups else 1.0,
        "exact_broken": len(broken),
        "exact_broken_groups": broken,
        "templated_pairs": len(pairs),
        "templated_merged": len(merged),
        "templated_merged_pairs": merged,
        "largest_clusters": [size for _, size in sizes],
    }


@dataclass(frozen=True)
class Placement:
    """One occurrence of a story in a Reuters file, as a system reported it."""

    file: str
    story_id: str
    start: int
    end: int
    evidence: str
    similarity: float


def placements_from_report(report: Any) -> list[Placement]:
    """Occurrences of a `provenance.Report`, with paths mapped to "docs/NNNNN.txt"."""
    return [
        Placement(name, s.story_id, o.start, o.end, o.evidence, o.similarity)
        for s in report.stories
        for o in s.occurrences
        if (name := _doc_name(str(o.path).replace("\\", "/")))
    ]


def placements_from_jsonl(path: Path) -> list[Placement]:
    """Occurrences of JSON Lines records (`dedupe docs/ --jsonl RECORDS`)."""
    out = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            record = json.loads(line)
            for o in record["occurrences"]:
                name = _doc_name(o["path"].replace("\\", "/"))
                if name:
                    out.append(
                        Placement(
                            name,
                            record["story_id"],
                            o["start"],
                            o["end"],
                            o["evidence"],
                            o["similarity"],
                        )
                    )
    return out


def longest(placements: Iterable[Placement]) -> dict[str, Placement]:
    """Each file's longest occurrence."""
    best: dict[str, Placement] = {}
    for p in placements:
        kept = best.get(p.file)
        if kept is None or p.end - p.start > kept.end - kept.start:
            best[p.file] = p
    return best


def story_map(placements: Iterable[Placement]) -> dict[str, str]:
    """File -> story id, from each file's longest occurrence."""
    return {f: p.story_id for f, p in longest(placements).items()}


def run_dedupe(data_dir: Path, rule: FigureRule | None = None) -> list[Placement]:
    """Extract the stories to a temporary folder and run `provenance.dedupe` on them.

    With `rule`, the proposed figure rule is added to the match rule for this run only.
    """
    import provenance

    with tempfile.TemporaryDirectory(prefix="reuters-") as tmp:
        docs = extract(data_dir, Path(tmp))
        with _with_rule(rule):
            return placements_from_report(provenance.dedupe([docs]))


# ---------------------------------------------------------------- the figure rule


def numbers(text: str) -> Counter[str]:
    """The multiset of figures in a text ("1,500", "1.5", "1/2"; "6-1/2" is 6 and 1/2)."""
    return Counter(_NUMBER.findall(text))


def numeric_jaccard(a: Counter[str], b: Counter[str]) -> float | None:
    """Multiset Jaccard of two figure multisets; None when neither has a figure."""
    union = sum((a | b).values())
    return sum((a & b).values()) / union if union else None


def numeric_containment(a: Counter[str], b: Counter[str]) -> float | None:
    """Share of the smaller multiset's figures found in the other; None if one has none."""
    smaller = min(sum(a.values()), sum(b.values()))
    return sum((a & b).values()) / smaller if smaller else None


@dataclass(frozen=True)
class FigureRule:
    """The proposed verification rule: copies that report different figures differ.

    Two non-exact candidate copies that each carry at least `min_figures` figures, and
    share fewer than `limit` of them (`measure`: "containment", the share of the smaller
    multiset found in the other, which excerpts and expanded copies pass; or "jaccard"),
    are not the same story.
    """

    limit: float = 0.5
    min_figures: int = 3
    measure: str = "containment"

    def blocks(self, a: Counter[str], b: Counter[str]) -> bool:
        """Whether the figures of two copies say they are different stories."""
        if min(sum(a.values()), sum(b.values())) < self.min_figures:
            return False
        value = (numeric_jaccard if self.measure == "jaccard" else numeric_containment)(a, b)
        return value is not None and value < self.limit


@contextlib.contextmanager
def _with_rule(rule: FigureRule | None) -> Iterator[None]:
    """Add `rule` to provenance's match rule in this process (src/ is not edited)."""
    if rule is None:
        yield
        return
    import provenance.pipeline
    from provenance.text import features
    from provenance.verify import Evidence, Match

    pipeline: Any = provenance.pipeline  # dedupe looks these two names up at call time
    figures: dict[int, Counter[str]] = {}
    describe, compare = pipeline.describe, pipeline.compare

    def describe_with_figures(stories: Sequence[Any], settings: Any) -> list[Any]:
        described = []
        for story in stories:
            f = features(story.title, story.body, settings.shingle_size)
            figures[id(f)] = numbers(story.body)
            described.append(f)
        return described

    def compare_with_figures(a: Any, b: Any, settings: Any) -> Match:
        match: Match = compare(a, b, settings)
        if match.evidence in (None, Evidence.EXACT):
            return match
        if rule.blocks(figures[id(a)], figures[id(b)]):
            return Match(match.jaccard, match.containment, match.title_similarity, None)
        return match

    pipeline.describe, pipeline.compare = describe_with_figures, compare_with_figures
    try:
        yield
    finally:
        pipeline.describe, pipeline.compare = describe, compare


# ---------------------------------------------------------------- analysis


def merged_pairs(placements: Sequence[Placement]) -> list[tuple[str, str, str]]:
    """(canonical file, member file, evidence) for every non-canonical occurrence."""
    canonical = {p.story_id: p.file for p in placements if p.evidence == "canonical"}
    return [
        (canonical[p.story_id], p.file, p.evidence)
        for p in placements
        if p.evidence != "canonical" and p.story_id in canonical
    ]


def _days(reuters: Reuters, a: str, b: str) -> float:
    return round(abs((reuters.dates[a] - reuters.dates[b]).total_seconds()) / 86400, 2)


def _kind(a: str, b: str) -> str:
    """ "exact" (same folded body), "templated" (same once figures are masked) or "other"."""
    if fold(a) == fold(b):
        return "exact"
    return "templated" if mask(fold(a)) == mask(fold(b)) else "other"


def _gap(days: float) -> str:
    return "<1d" if days < 1 else "1-3d" if days < 3 else ">=3d"


def _pair_row(reuters: Reuters, a: str, b: str, evidence: str) -> dict[str, Any]:
    return {
        "pair": [a, b],
        "evidence": evidence,
        "days": _days(reuters, a, b),
        "titles": [headline(reuters.docs[a]), headline(reuters.docs[b])],
    }


def analyse(
    reuters: Reuters,
    placements: Sequence[Placement],
    rule: FigureRule,
    *,
    sample: int = 30,
    seed: int = 0,
) -> dict[str, Any]:
    """Offline, on the bodies here: why templated pairs merge, and what `rule` would block
    among templated pairs, exact pairs and the other merges of the run."""
    story_of = story_map(placements)
    best = longest(placements)
    text = {f: body(t) for f, t in reuters.docs.items()}
    figures = {f: numbers(t) for f, t in text.items()}

    def blocks(a: str, b: str) -> bool:
        return rule.blocks(figures[a], figures[b])

    def evidence(a: str, b: str) -> str:
        found = {best[f].evidence for f in (a, b) if f in best} - {"canonical"}
        return "+".join(sorted(found)) or "canonical"

    out: dict[str, Any] = {"rule": rule.__dict__}
    for label, consecutive in (("templated_consecutive", True), ("templated_all", False)):
        pairs = templated_pairs(reuters, consecutive=consecutive)
        merged = [(a, b) for a, b in pairs if a in story_of and story_of[a] == story_of.get(b)]
        out[label] = {
            "pairs": len(pairs),
            "merged": len(merged),
            "merged_by_evidence": dict(Counter(evidence(a, b) for a, b in merged)),
            "rule_blocks": sum(blocks(a, b) for a, b in pairs),
            "rule_blocks_merged": sum(blocks(a, b) for a, b in merged),
            "merged_not_blocked": [
                _pair_row(reuters, a, b, evidence(a, b)) for a, b in merged if not blocks(a, b)
            ],
        }
    exact = [(g[0], f) for g in reuters.exact_groups for f in g[1:]]
    out["exact_pairs"] = {"pairs": len(exact), "rule_blocks": sum(blocks(a, b) for a, b in exact)}
    others = [
        (a, b, e)
        for a, b, e in merged_pairs(placements)
        if e != "exact" and _kind(text[a], text[b]) == "other"
    ]
    blocked = [(a, b, e) for a, b, e in others if blocks(a, b)]
    rng = random.Random(seed)
    picked = sorted(rng.sample(others, min(sample, len(others))))
    out["other_merges"] = {
        "pairs": len(others),
        "by_gap": dict(Counter(_gap(_days(reuters, a, b)) for a, b, _ in others)),
        "rule_blocks": len(blocked),
        "blocked_by_gap": dict(Counter(_gap(_days(reuters, a, b)) for a, b, _ in blocked)),
        "blocked": [_pair_row(reuters, a, b, e) for a, b, e in blocked],
        "sample": [
            {**_pair_row(reuters, a, b, e), "rule_blocks": blocks(a, b)} for a, b, e in picked
        ],
    }
    return out


def rule_effect(
    reuters: Reuters, base: Sequence[Placement], ruled: Sequence[Placement]
) -> dict[str, Any]:
    """What a run with the rule changed: the merges it undid and the ones it made."""
    before, after = story_map(base), story_map(ruled)
    text = {f: body(t) for f, t in reuters.docs.items()}
    undone = [(a, b, e) for a, b, e in merged_pairs(base) if after.get(a) != after.get(b)]
    made = [(a, b, e) for a, b, e in merged_pairs(ruled) if before.get(a) != before.get(b)]
    kinds = Counter(f"{_kind(text[a], text[b])} {_gap(_days(reuters, a, b))}" for a, b, _ in undone)
    return {
        "undone": len(undone),
        "undone_by_kind": dict(sorted(kinds.items())),
        "undone_other": [
            _pair_row(reuters, a, b, e)
            for a, b, e in sorted(undone, key=lambda x: _days(reuters, x[0], x[1]))
            if _kind(text[a], text[b]) == "other"
        ],
        "made": [_pair_row(reuters, a, b, e) for a, b, e in made],
    }


def show_pair(reuters: Reuters, a: str, b: str, *, width: int = 400) -> str:
    """Two stories for reading: headline, send time, figures, start of body."""
    lines = []
    for f in (a, b):
        t = body(reuters.docs[f])
        lines.append(f"{f} {reuters.dates[f]:%Y-%m-%d %H:%M} | {headline(reuters.docs[f])}")
        lines.append(f"  figures: {' '.join(_NUMBER.findall(t))[:200]}")
        lines.append(f"  {fold(t)[:width]}")
    na, nb = numbers(body(reuters.docs[a])), numbers(body(reuters.docs[b]))
    lines.append(
        f"  figures jaccard={numeric_jaccard(na, nb)} containment={numeric_containment(na, nb)}"
    )
    return "\n".join(lines)


def _scored(
    reuters: Reuters, placements: Sequence[Placement], pairs: Sequence[tuple[str, str]]
) -> dict[str, Any]:
    result = score(story_map(placements), reuters, pairs)
    best = longest(placements)
    result["templated_merged_evidence"] = [
        [a, b, best[a].evidence, best[b].evidence] for a, b in result["templated_merged_pairs"]
    ]
    return result


def main(argv: Sequence[str] | None = None) -> None:
    """Score provenance (or the records of a run) on Reuters-21578 and print JSON."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.reuters", description=main.__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of the tarball")
    parser.add_argument("--jsonl", type=Path, help="records of `dedupe docs/ --jsonl RECORDS`")
    parser.add_argument("--all-pairs", action="store_true", help="every templated pair")
    parser.add_argument("--analyse", action="store_true", help="the figure rule, offline")
    parser.add_argument("--with-rule", action="store_true", help="also run with the figure rule")
    parser.add_argument("--limit", type=float, default=0.5, help="figure rule: share shared")
    parser.add_argument("--min-figures", type=int, default=3, help="figure rule: fewest figures")
    parser.add_argument("--measure", choices=("containment", "jaccard"), default="containment")
    args = parser.parse_args(argv)
    if not _tarball(args.data).is_file():
        sys.exit(f"reuters: no {TARBALL} in {args.data}")
    reuters = load(args.data)
    rule = FigureRule(args.limit, args.min_figures, args.measure)
    placements = placements_from_jsonl(args.jsonl) if args.jsonl else run_dedupe(args.data)
    pairs = templated_pairs(reuters, consecutive=not args.all_pairs)
    result = _scored(reuters, placements, pairs)
    if args.analyse:
        result["analysis"] = analyse(reuters, placements, rule)
    if args.with_rule:
        ruled = run_dedupe(args.data, rule)
        result["with_rule"] = {
            "rule": rule.__dict__,
            **_scored(reuters, ruled, pairs),
            "changes": rule_effect(reuters, placements, ruled),
        }
    json.dump(result, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
