"""How well the segmenter reads whole pages printed as text: navigation, footers and all.

    python -m benchmarks.pages    # writes docs/pages-table.md

AEB keeps, for each of its 181 real pages, two full-page text dumps (html-text, inscriptis)
beside the annotators' article body. More are made here from its HTML, as scrapers write
pages: two Markdown dumps (markdownify, from the bench extra, and html2text, GPL-licensed
and so measured only where it is installed) and BeautifulSoup's text two ways (`get_text()`,
which runs elements together where the HTML is minified, and `get_text("\\n", strip=True)`,
one element's text a line; BeautifulSoup comes with markdownify). Each dump is
segmented; the story that holds most of the article is scored against the body (words:
precision, recall, F1), and its title against the page's <h1>. The baseline is the dump
kept whole, as a tool without segmentation would keep it. The AEB tarball is read from
../shared/data and the run is skipped, with a message, when it is absent.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import importlib.util
import statistics
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import attrs
from lxml import html
from rapidfuzz import fuzz

from provenance.segment import segment
from provenance.text import normalize

from . import datasets
from .datasets import DATA, REPO
from .extraction import accuracy

DUMPS = ("html-text", "inscriptis")  # kept by AEB
# Made from AEB's HTML by `made`, as scrapers write pages: each dump and the module it needs.
MADE = {
    "markdownify": "markdownify",  # Markdown
    "html2text": "html2text",  # Markdown
    "get_text()": "bs4",  # BeautifulSoup's text: elements run together where the HTML is minified
    "get_text('\\n')": "bs4",  # BeautifulSoup's text, one element's text a line
}
TITLE_RATIO = 90.0  # rapidfuzz ratio of normalised texts from which a title is the <h1>


@attrs.frozen
class Scored:
    precision: float
    recall: float
    f1: float
    titled: bool
    stories: int


def headings(page: bytes) -> list[str]:
    """The page's <h1> texts of three words or more: its headline, where it marks one."""
    tree = html.document_fromstring(page.decode("utf-8", "replace"))
    texts = (" ".join(h.text_content().split()) for h in tree.iter("h1"))
    return [text for text in texts if len(text.split()) >= 3]


def score(dump: str, truth: str, h1: list[str]) -> tuple[Scored, Scored]:
    """The dump segmented (its story that holds most of the article), and kept whole."""
    stories = segment(dump)
    best = max(stories, key=lambda s: accuracy(s.body, truth)[3])
    _, _, precision, recall, f1 = accuracy(best.body, truth)
    titled = any(fuzz.ratio(normalize(best.title), normalize(h)) >= TITLE_RATIO for h in h1)
    _, _, whole_p, whole_r, whole_f1 = accuracy(dump, truth)
    return Scored(precision, recall, f1, titled, len(stories)), Scored(
        whole_p, whole_r, whole_f1, titled=False, stories=1
    )


def row(name: str, scores: list[Scored], titled: str) -> str:
    def cell(values: list[float]) -> str:
        return f"{statistics.fmean(values):.3f} / {statistics.median(values):.3f}"

    return (
        f"| {name} | {len(scores)} | {cell([s.precision for s in scores])} | "
        f"{cell([s.recall for s in scores])} | {cell([s.f1 for s in scores])} | {titled} | "
        f"{statistics.fmean(s.stories for s in scores):.2f} |"
    )


@attrs.frozen
class Measured:
    segmented: list[Scored]
    whole: list[Scored]
    with_h1: int  # pages whose <h1> names a headline

    @property
    def titled(self) -> int:
        return sum(s.titled for s in self.segmented)


def made(page: bytes, tool: str) -> str:
    """The page as a scraper writes it with `tool`, one of `MADE`."""
    text = page.decode("utf-8", "replace")
    if tool == "html2text":
        import html2text

        converter = html2text.HTML2Text()
        converter.body_width = 0  # a paragraph to a line, not wrapped at 78 columns
        return converter.handle(text)
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(text, "html.parser")
    for element in soup(["script", "style", "noscript", "template"]):
        element.decompose()  # code, not text: most scrapers drop it first
    if tool == "get_text()":
        return soup.get_text()
    if tool == "get_text('\\n')":
        return soup.get_text("\n", strip=True)
    from markdownify import MarkdownConverter

    return str(MarkdownConverter().convert_soup(soup))


def installed(source: str) -> bool:
    """Whether the dump `source` can be measured here: AEB's own, or its tool installed."""
    return source in DUMPS or importlib.util.find_spec(MADE[source]) is not None


def measure(root: Path, source: str) -> Measured:
    """Every dump of `source` (one of `DUMPS` or `MADE`) of the pages in the unpacked AEB
    folder `root`, segmented and kept whole."""
    with (root / "labels.tsv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    truth = {r["story_id"]: r["file"] for r in rows if r["source"] == "groundtruth"}
    kept_by_aeb = source in DUMPS
    segmented: list[Scored] = []
    whole: list[Scored] = []
    with_h1 = 0
    chosen = (r for r in rows if r["source"] == (source if kept_by_aeb else "groundtruth"))
    for r in sorted(chosen, key=lambda r: r["file"]):
        page = gzip.decompress((root / "html" / f"{r['story_id']}.html.gz").read_bytes())
        h1 = headings(page)
        body = (root / "texts" / truth[r["story_id"]]).read_text(encoding="utf-8")
        if kept_by_aeb:
            dump = (root / "texts" / r["file"]).read_text(encoding="utf-8")
        else:
            dump = made(page, source)
        ours, kept = score(dump, body, h1)
        segmented.append(ours)
        whole.append(kept)
        with_h1 += bool(h1)
    return Measured(segmented, whole, with_h1)


def table(root: Path) -> str:
    lines = [
        "Made by `python -m benchmarks.pages`: AEB's full-page text dumps, and dumps of its "
        "pages made by markdownify and html2text (Markdown) and by BeautifulSoup's `get_text`, "
        "each segmented; the "
        "story that holds most of the article against the annotators' body (words), its title "
        "against the page's `<h1>` (where the page has one of 3 words or more). Cells are "
        "mean / median. The baseline keeps the whole dump as one story.",
        "",
        "| dump | pages | word precision | word recall | word F1 | title is the `<h1>` | "
        "stories per page |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for source in (*DUMPS, *MADE):
        if not installed(source):
            lines.append(f"| {source} | not installed (`pip install {MADE[source]}`) | | | | | |")
            continue
        measured = measure(root, source)
        titled = f"{measured.titled} of {measured.with_h1}"
        lines.append(row(f"{source}, provenance", measured.segmented, titled))
        lines.append(row(f"{source}, baseline (whole dump)", measured.whole, "–"))
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DATA, help="folder of the data tarballs")
    parser.add_argument("--out", type=Path, default=REPO / "docs", help="where the table goes")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="provenance-pages-") as tmp:
        try:
            root = datasets.aeb_root(Path(tmp), data=args.data)
        except FileNotFoundError as error:
            print(f"skipped: {error}", file=sys.stderr)
            return 0
        text = table(root)
    print(text)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "pages-table.md").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
