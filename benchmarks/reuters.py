"""Reuters-21578 benchmark: recall on exact re-sends, precision on templated reports.

The 1987 Reuters newswire (``reuters21578.tar.gz``, see ``../shared/data/README.md``) gives
two certain kinds of label:

* exact groups: stories whose bodies are identical after whitespace and case folding
  (re-sends, "(RPT)" and "CORRECTED" headlines); a correct system puts each group in one story;
* templated pairs: routine reports sent on different days with the same wording and other
  figures (Fed repurchases, slaughter guesstimates, earnings tables of different companies);
  they are different stories, the hardest negatives of the set.

Run from the repository root::

    python -m benchmarks.reuters                   # run provenance.dedupe, print the score
    python -m benchmarks.reuters --jsonl out.jsonl # score records of `dedupe docs/ --jsonl`
    python -m benchmarks.reuters --analyse         # also the numeric-token rule, measured offline
"""

from __future__ import annotations

import argparse
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


def run_dedupe(data_dir: Path) -> list[Placement]:
    """Extract the stories to a temporary folder and run `provenance.dedupe` on them."""
    import provenance

    with tempfile.TemporaryDirectory(prefix="reuters-") as tmp:
        docs = extract(data_dir, Path(tmp))
        return placements_from_report(provenance.dedupe([docs]))


# ---------------------------------------------------------------- numeric-token rule


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


def figures_differ(
    a: str, b: str, *, limit: float = 0.5, min_figures: int = 3, measure: str = "containment"
) -> bool:
    """The proposed rule: two bodies that each carry >= `min_figures` figures but share
    fewer than `limit` of them (multiset Jaccard, or containment of the smaller) report
    different facts, so they are not the same story unless exact."""
    na, nb = numbers(a), numbers(b)
    if min(sum(na.values()), sum(nb.values())) < min_figures:
        return False
    value = (numeric_jaccard if measure == "jaccard" else numeric_containment)(na, nb)
    return value is not None and value < limit


def merged_pairs(placements: Sequence[Placement]) -> list[tuple[str, str, str]]:
    """(canonical file, member file, evidence) for every non-canonical occurrence."""
    canonical = {p.story_id: p.file for p in placements if p.evidence == "canonical"}
    return [
        (canonical[p.story_id], p.file, p.evidence)
        for p in placements
        if p.evidence != "canonical" and p.story_id in canonical
    ]


def analyse(
    reuters: Reuters,
    placements: Sequence[Placement],
    *,
    limit: float = 0.5,
    min_figures: int = 3,
    measure: str = "containment",
    sample: int = 30,
    seed: int = 0,
) -> dict[str, Any]:
    """Why templated pairs merge and exact groups break, and what the figure rule would block."""
    story_of = story_map(placements)
    best = longest(placements)
    consecutive = templated_pairs(reuters)
    every = templated_pairs(reuters, consecutive=False)
    text = {f: body(t) for f, t in reuters.docs.items()}

    def blocks(a: str, b: str) -> bool:
        return figures_differ(
            text[a], text[b], limit=limit, min_figures=min_figures, measure=measure
        )

    def evidence(a: str, b: str) -> str:
        found = {best[f].evidence for f in (a, b) if f in best} - {"canonical"}
        return "+".join(sorted(found)) or "canonical"

    out: dict[str, Any] = {"rule": {"measure": measure, "limit": limit, "min_figures": min_figures}}
    for label, pairs in (("templated_consecutive", consecutive), ("templated_all", every)):
        merged = [(a, b) for a, b in pairs if story_of.get(a) == story_of.get(b)]
        out[label] = {
            "pairs": len(pairs),
            "merged": len(merged),
            "merged_by_evidence": dict(Counter(evidence(a, b) for a, b in merged)),
            "rule_blocks": sum(blocks(a, b) for a, b in pairs),
            "rule_blocks_merged": sum(blocks(a, b) for a, b in merged),
        }
    exact_pairs = [(g[0], f) for g in reuters.exact_groups for f in g[1:]]
    out["exact_pairs"] = {
        "pairs": len(exact_pairs),
        "rule_blocks": sum(blocks(*p) for p in exact_pairs),
    }
    broken = [g for g in reuters.exact_groups if len({story_of.get(f) for f in g}) > 1]
    out["exact_broken"] = [
        {f: (story_of.get(f), best[f].evidence if f in best else None) for f in g} for g in broken
    ]
    # merges the system made that are neither exact copies nor templated pairs
    same_mask = {f: mask(fold(t)) for f, t in text.items()}
    others = [
        (a, b, e)
        for a, b, e in merged_pairs(placements)
        if e != "exact" and fold(text[a]) != fold(text[b]) and same_mask[a] != same_mask[b]
    ]
    blocked = [(a, b, e) for a, b, e in others if blocks(a, b)]
    rng = random.Random(seed)
    out["other_merges"] = {
        "pairs": len(others),
        "by_evidence": dict(Counter(e for _, _, e in others)),
        "rule_blocks": len(blocked),
        "blocked": blocked,
        "sample": sorted(rng.sample(others, min(sample, len(others)))),
    }
    return out


def show_pair(reuters: Reuters, a: str, b: str, *, width: int = 400) -> str:
    """Two stories side by side for reading: headline, send time, figures, body start."""
    lines = []
    for f in (a, b):
        t = body(reuters.docs[f])
        lines.append(f"{f} {reuters.dates[f]:%Y-%m-%d %H:%M} | {headline(reuters.docs[f])}")
        lines.append(f"  figures: {' '.join(_NUMBER.findall(t))[:200]}")
        lines.append(f"  {fold(t)[:width]}")
    na, nb = numbers(body(reuters.docs[a])), numbers(body(reuters.docs[b]))
    lines.append(
        f"  numeric jaccard={numeric_jaccard(na, nb)} containment={numeric_containment(na, nb)}"
    )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    """Score provenance (or a JSON Lines run) on Reuters-21578 and print it as JSON."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.reuters", description=main.__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of the tarball")
    parser.add_argument("--jsonl", type=Path, help="records of `dedupe docs/ --jsonl RECORDS`")
    parser.add_argument("--all-pairs", action="store_true", help="every templated pair")
    parser.add_argument("--analyse", action="store_true", help="evidence and the figure rule")
    parser.add_argument("--limit", type=float, default=0.5, help="figure-rule threshold")
    parser.add_argument("--min-figures", type=int, default=3, help="figure-rule minimum")
    parser.add_argument("--measure", choices=("jaccard", "containment"), default="containment")
    args = parser.parse_args(argv)
    if not _tarball(args.data).is_file():
        sys.exit(f"reuters: no {TARBALL} in {args.data}")
    reuters = load(args.data)
    placements = placements_from_jsonl(args.jsonl) if args.jsonl else run_dedupe(args.data)
    pairs = templated_pairs(reuters, consecutive=not args.all_pairs)
    result = score(story_map(placements), reuters, pairs)
    best = longest(placements)
    result["templated_merged_evidence"] = [
        [a, b, best[a].evidence, best[b].evidence] for a, b in result["templated_merged_pairs"]
    ]
    if args.analyse:
        result["analysis"] = analyse(
            reuters,
            placements,
            limit=args.limit,
            min_figures=args.min_figures,
            measure=args.measure,
        )
    json.dump(result, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
