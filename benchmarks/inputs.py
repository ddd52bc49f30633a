"""Raw HTML and WARC inputs against the text copies of the same pages.

    python -m benchmarks.inputs           # 181 raw AEB pages; writes docs/inputs-table.md
    python -m benchmarks.inputs --quick   # 30 pages; prints only

Three runs of `provenance.dedupe` over the AEB data: the raw pages as HTML files beside every
page's ground-truth text copy; the same pages as records of one WARC file beside the same
copies; and the raw pages alone, for the reading speed. A page counts as found when the story
covering most of its extracted text lands in the record of its ground-truth copy. The WARC
run must give the same clusters as the HTML run, page for page. Skipped, with a message, when
../shared/data is absent.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import attrs

from provenance import Document, Report, Settings, dedupe
from provenance.evaluate import main_stories
from provenance.readers import read

from . import datasets
from .datasets import DATA, REPO
from .extraction import Page, write_warc

Members = frozenset[str]


def clusters(report: Report, page_of: Callable[[str], str]) -> set[Members]:
    """The run's records as sets of page labels (``truth:a001``, ``page:a001``), path-free."""
    return {frozenset(page_of(o.path) for o in r.occurrences) for r in report.stories}


def found(report: Report, pairs: Sequence[tuple[str, str]]) -> int:
    """How many (page path, ground-truth path) pairs share their main story."""
    main = main_stories(report.stories)
    return sum(page in main and main[page] == main.get(truth) for page, truth in pairs)


def run(paths: Sequence[str], workers: int) -> tuple[Report, float]:
    began = time.perf_counter()
    report = dedupe(paths, Settings(), workers=workers)
    return report, time.perf_counter() - began


@attrs.frozen
class Measured:
    """What one comparison found, and how long each run took."""

    pages: int
    html_found: int
    warc_found: int
    html_skipped: int
    warc_skipped: int
    same_clusters: bool
    html_seconds: float
    warc_seconds: float
    extract_seconds: float

    @property
    def passed(self) -> bool:
        return self.same_clusters and self.html_found == self.warc_found == self.pages


def measure(root: Path, scratch: Path, *, pages: int | None, workers: int) -> Measured:
    """Run the three comparisons on the first `pages` pages of the unpacked AEB data."""
    with (root / "labels.tsv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    truth_rows = sorted(
        (r for r in rows if r["source"] == "groundtruth"), key=lambda r: r["story_id"]
    )[:pages]
    ids = [r["story_id"] for r in truth_rows]
    html = {i: str(root / "html" / f"{i}.html.gz") for i in ids}
    truth = {r["story_id"]: str(root / "texts" / r["file"]) for r in truth_rows}
    warc = scratch / "aeb.warc.gz"
    write_warc([Page(r["url"], _gunzip(html[r["story_id"]]), "") for r in truth_rows], warc)
    page_of_url = {r["url"]: r["story_id"] for r in truth_rows}
    page_of_record = {  # FILE#offset -> page id, by the record's target URI
        d.path: page_of_url[d.url]
        for d in read(str(warc), Settings())
        if isinstance(d, Document) and d.url in page_of_url
    }
    record_of_page = {page: path for path, page in page_of_record.items()}

    def label(path: str) -> str:
        if path.endswith("__groundtruth.txt"):
            return "truth:" + Path(path).name.split("__")[0]
        if path in page_of_record:
            return "page:" + page_of_record[path]
        return "page:" + Path(path).name.split(".")[0]

    began = time.perf_counter()
    for path in html.values():
        for _ in read(path, Settings()):
            pass
    extract_seconds = time.perf_counter() - began
    html_report, html_seconds = run([*html.values(), *truth.values()], workers)
    warc_report, warc_seconds = run([str(warc), *truth.values()], workers)
    return Measured(
        pages=len(ids),
        html_found=found(html_report, [(html[i], truth[i]) for i in ids]),
        warc_found=found(warc_report, [(record_of_page.get(i, ""), truth[i]) for i in ids]),
        html_skipped=len(html_report.skipped),
        warc_skipped=len(warc_report.skipped),
        same_clusters=clusters(html_report, label) == clusters(warc_report, label),
        html_seconds=html_seconds,
        warc_seconds=warc_seconds,
        extract_seconds=extract_seconds,
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DATA, help="folder of the data tarballs")
    parser.add_argument("--out", type=Path, default=REPO / "docs", help="for inputs-table.md")
    parser.add_argument("--quick", action="store_true", help="30 pages; print only")
    parser.add_argument("-w", "--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="provenance-inputs-") as tmp:
        try:
            root = datasets.aeb_root(Path(tmp), data=args.data)
        except FileNotFoundError as error:
            print(f"skipped: {error}", file=sys.stderr)
            return 0
        m = measure(
            root,
            Path(tmp),
            pages=30 if args.quick else None,
            workers=args.workers,
        )
    n = m.pages
    command = "python -m benchmarks.inputs" + (" --quick" if args.quick else "")
    lines = [
        f"Made by `{command}` on {os.cpu_count()} cores ({args.workers} workers), "
        f"{n} raw AEB pages and their {n} ground-truth text copies.",
        "",
        "| input | pages with their ground-truth copy | skipped | seconds (dedupe, with the "
        "copies) | pages/s |",
        "|---|---:|---:|---:|---:|",
        f"| HTML files (`aNNN.html.gz`) | {m.html_found} of {n} | {m.html_skipped} | "
        f"{m.html_seconds:.2f} | {n / m.html_seconds:.1f} |",
        f"| one WARC file, {n} response records | {m.warc_found} of {n} | "
        f"{m.warc_skipped} | {m.warc_seconds:.2f} | {n / m.warc_seconds:.1f} |",
        "",
        f"Reading and extracting the {n} HTML pages alone, one process: "
        f"{m.extract_seconds:.2f} s, {n / m.extract_seconds:.1f} pages/s.",
        "",
        "WARC clusters identical to the HTML clusters, page for page: "
        f"{'yes' if m.same_clusters else 'NO'}.",
    ]
    text = "\n".join(lines)
    print(text)
    if not args.quick:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "inputs-table.md").write_text(text + "\n", encoding="utf-8")
    return 0 if m.passed else 1


def _gunzip(path: str) -> bytes:
    return gzip.decompress(Path(path).read_bytes())


if __name__ == "__main__":
    raise SystemExit(main())
