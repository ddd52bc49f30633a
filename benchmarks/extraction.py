"""Which HTML main-text extractor and which WARC reader: chosen by measurement, not reputation.

    python -m benchmarks.extraction          # 181 raw AEB pages; writes docs/extraction-table.md
    python -m benchmarks.extraction --quick  # 30 pages, one timing run; prints only

Extractors are scored against the AEB annotators' ground-truth bodies; the WARC readers read
a WARC built here from the same pages. The AEB tarball is read from ../shared/data and the
run is skipped, with a message, when it is absent.
"""

from __future__ import annotations

import argparse
import csv
import functools
import gzip
import importlib
import io
import os
import re
import statistics
import sys
import tempfile
import timeit
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from uuid import UUID

import attrs

from . import datasets
from .datasets import DATA, REPO

WORD = re.compile(r"\w+")


@attrs.frozen
class Page:
    url: str
    html: bytes
    truth: str


@attrs.frozen
class Extracted:
    """What an extractor gives for one page; None where it gives nothing."""

    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None


def load_pages(into: Path, limit: int | None, data: Path) -> list[Page]:
    """The raw pages, decompressed up front so that timing excludes gzip."""
    root = datasets.aeb_root(into, data=data)
    with (root / "labels.tsv").open(newline="", encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle, delimiter="\t") if r["source"] == "groundtruth"]
    rows.sort(key=lambda r: r["story_id"])
    return [
        Page(
            r["url"],
            gzip.decompress((root / "html" / f"{r['story_id']}.html.gz").read_bytes()),
            (root / "texts" / r["file"]).read_text(encoding="utf-8"),
        )
        for r in rows[:limit]
    ]


def trafilatura_extract(html: bytes, favor_recall: bool = False, fast: bool = False) -> Extracted:
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, favor_recall=favor_recall, fast=fast
    )
    if doc is None or isinstance(doc, dict):  # None: no main text found
        return Extracted("")
    return Extracted(doc.text or "", doc.title, doc.date, doc.url)


def resiliparse_extract(html: bytes) -> Extracted:
    """Main text and title; date and canonical URL are plain DOM queries (it extracts neither)."""
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.encoding import bytes_to_str, detect_encoding
    from resiliparse.parse.html import HTMLTree

    try:  # UTF-8 first: uchardet on its own misreads some UTF-8 pages (see encoding_line)
        text = html.decode("utf-8")
    except UnicodeDecodeError:
        text = bytes_to_str(html, detect_encoding(html, from_html_meta=True) or "utf-8")
    tree = HTMLTree.parse(text)
    head = tree.head
    date = head.query_selector('meta[property="article:published_time"]') if head else None
    canonical = head.query_selector('link[rel="canonical"]') if head else None
    return Extracted(
        extract_plain_text(tree, main_content=True),
        tree.title or None,
        date.getattr("content") if date else None,
        canonical.getattr("href") if canonical else None,
    )


EXTRACTORS: dict[str, Callable[[bytes], Extracted]] = {
    "trafilatura": trafilatura_extract,
    "trafilatura favor_recall": functools.partial(trafilatura_extract, favor_recall=True),
    "trafilatura fast": functools.partial(trafilatura_extract, fast=True),
    "resiliparse main_content": resiliparse_extract,
}


def shingles(words: Sequence[str], k: int = 5) -> set[tuple[str, ...]]:
    if len(words) < k:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + k]) for i in range(len(words) - k + 1)}


def accuracy(text: str, truth: str) -> tuple[float, ...]:
    """Jaccard, containment of the truth, and bag-of-words precision, recall, F1."""
    got, want = WORD.findall(text.lower()), WORD.findall(truth.lower())
    a, b = shingles(got), shingles(want)
    common = sum((Counter(got) & Counter(want)).values())
    precision = common / len(got) if got else 0.0
    recall = common / len(want) if want else 1.0
    f1 = 2 * precision * recall / (precision + recall) if common else 0.0
    jaccard = len(a & b) / len(a | b) if a | b else 1.0
    return jaccard, len(a & b) / max(len(b), 1), precision, recall, f1


def timed(work: Callable[[], object], runs: int) -> float:
    """Median wall seconds of `runs` runs."""
    return statistics.median(timeit.repeat(work, "import gc; gc.enable()", number=1, repeat=runs))


def _each(extract: Callable[[bytes], Extracted], pages: list[Page]) -> None:
    for page in pages:
        extract(page.html)


def extractor_rows(pages: list[Page], runs: int) -> tuple[list[str], dict[str, float]]:
    """The accuracy, speed and metadata tables, and seconds per page of each extractor."""
    rows = [
        "| extractor | 5-shingle Jaccard | containment of truth | word precision "
        "| word recall | word F1 | containment < 0.8 | empty | pages/s |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    meta = ["", "| extractor | title | date | URL |", "|---|---:|---:|---:|"]
    per_page = {}
    for name, extract in EXTRACTORS.items():
        out = [extract(p.html) for p in pages]
        scores = [accuracy(o.text, p.truth) for o, p in zip(out, pages, strict=True)]
        seconds = timed(functools.partial(_each, extract, pages), runs)
        per_page[name] = seconds / len(pages)
        columns = list(zip(*scores, strict=True))
        cells = [f"{statistics.mean(c):.3f} / {statistics.median(c):.3f}" for c in columns]
        cells += [str(sum(c < 0.8 for c in columns[1])), str(sum(not o.text.strip() for o in out))]
        rows.append(f"| {name} | {' | '.join(cells)} | {len(pages) / seconds:.1f} |")
        counts = [sum(bool(getattr(o, f)) for o in out) for f in ("title", "date", "url")]
        meta.append(f"| {name} | " + " | ".join(f"{c} of {len(pages)}" for c in counts) + " |")
    return [*rows, *meta], per_page


def write_warc(pages: list[Page], path: Path) -> None:
    """One gzipped HTTP response record per page, as a crawler would store it."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for n, page in enumerate(pages):
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], "HTTP/1.1")
            record_id = f"<urn:uuid:{UUID(int=n)}>"  # fixed ids and date: the same bytes every run
            fixed = {"WARC-Date": "2020-01-01T00:00:00Z", "WARC-Record-ID": record_id}
            writer.write_record(
                writer.create_warc_record(
                    page.url,
                    "response",
                    payload=io.BytesIO(page.html),
                    http_headers=http,
                    warc_headers_dict=fixed,
                )
            )


# offset, target URI, WARC-Date, HTTP content type, payload, payload length the record declares
Read = tuple[int, str, str, str | None, bytes, int]


def read_warcio(path: Path, out: list[Read]) -> None:
    from warcio.archiveiterator import ArchiveIterator

    with path.open("rb") as handle:
        records = ArchiveIterator(handle)
        for r in records:
            if r.rec_type == "response":
                payload = r.content_stream().read()
                # get_record_offset() reads the record to its end: call it after the payload
                uri, date = r.rec_headers["WARC-Target-URI"], r.rec_headers["WARC-Date"]
                kind, declared = r.http_headers.get_header("Content-Type"), r.payload_length
                out.append((records.get_record_offset(), uri, date, kind, payload, declared))


def read_fastwarc(path: Path, out: list[Read], verify: bool = False) -> None:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    kinds = WarcRecordType.response
    with path.open("rb") as handle:
        for r in ArchiveIterator(handle, record_types=kinds, verify_digests=verify):
            declared = r.content_length  # what is left after the HTTP headers, before reading
            uri, date = r.headers["WARC-Target-URI"], r.headers["WARC-Date"]
            out.append((r.stream_pos, uri, date, r.http_content_type, r.reader.read(), declared))


READERS: dict[str, Callable[[Path, list[Read]], None]] = {
    "warcio": read_warcio,
    "fastwarc": read_fastwarc,
    "fastwarc verify_digests": functools.partial(read_fastwarc, verify=True),
}


def cut_read(reader: Callable[[Path, list[Read]], None], path: Path) -> tuple[list[Read], str]:
    """What a reader yields from a truncated file, and what it raises."""
    out: list[Read] = []
    try:
        reader(path, out)
    except Exception as error:  # the point is to see what each raises
        return out, f"{type(error).__module__}.{type(error).__qualname__}: {error}"[:90]
    return out, "nothing"


def warc_rows(pages: list[Page], scratch: Path, runs: int, per_page: dict[str, float]) -> list[str]:
    """Reader speed, agreement on offsets and payloads, and behaviour on a cut .warc.gz."""
    path, cut_path = scratch / "aeb.warc.gz", scratch / "cut.warc.gz"
    write_warc(pages, path)
    reads: dict[str, list[Read]] = {name: [] for name in READERS}
    for name, reader in READERS.items():
        reader(path, reads[name])
    first = reads["warcio"]
    assert len(first) == len(pages), "every response record must be read"
    middle = len(pages) // 2
    cut = (first[middle][0] + first[middle + 1][0]) // 2
    cut_path.write_bytes(path.read_bytes()[:cut])
    megabytes = sum(len(p.html) for p in pages) / 1e6
    lines = [
        "| reader | pages/s | MB/s | agrees with warcio on offset, URI, payload "
        "| cut file: records | cut file: last record | cut file: raises |",
        "|---|---:|---:|---|---:|---|---|",
    ]
    fastest = float("inf")
    for name, reader in READERS.items():
        seconds = timed(lambda reader=reader: reader(path, []), runs)  # type: ignore[misc]
        fastest = min(fastest, seconds / len(pages))
        same = sum(a[:2] + a[4:] == b[:2] + b[4:] for a, b in zip(first, reads[name], strict=True))
        got, error = cut_read(reader, cut_path)
        last = f"#{len(got) - 1}, {len(got[-1][4])} of {got[-1][5]} bytes" if got else "none"
        lines.append(
            f"| {name} | {len(pages) / seconds:.0f} | {megabytes / seconds:.0f} "
            f"| {same} of {len(first)} | {len(got)} | {last} | {error} |"
        )
    share = ", ".join(f"{fastest / s:.1%} of {n}" for n, s in per_page.items())
    return [
        *lines,
        "",
        f"WARC: {len(pages)} response records, {path.stat().st_size / 1e6:.1f} MB gzipped; the cut "
        f"file ends mid-way through record #{middle} (byte {cut}). Reading a page with the fastest "
        f"reader costs {share} extraction time.",
    ]


def encoding_line(pages: list[Page]) -> str:
    """How often uchardet misreads a page that is valid UTF-8."""
    from resiliparse.parse.encoding import detect_encoding

    utf8 = [p.html for p in pages if p.html.decode("utf-8", "replace").encode() == p.html]
    plain = sum(detect_encoding(h) != "utf-8" for h in utf8)
    meta = sum(detect_encoding(h, from_html_meta=True) != "utf-8" for h in utf8)
    return (
        f"resiliparse gives only the title: its date (`article:published_time`) and URL "
        f"(`link[rel=canonical]`) are plain DOM queries. Encoding: {len(utf8)} of {len(pages)} "
        f"pages are valid UTF-8; `detect_encoding(html)` calls {plain} of them something else, "
        f"{meta} with `from_html_meta=True`; the resiliparse row decodes UTF-8 first."
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DATA, help="folder of the data tarballs")
    parser.add_argument("--out", type=Path, default=REPO / "docs", help="for extraction-table.md")
    parser.add_argument("--quick", action="store_true", help="30 pages, one timing run")
    args = parser.parse_args(argv)
    runs = 1 if args.quick else 3
    try:  # not project dependencies: these are the candidates
        for module in ("trafilatura", "resiliparse", "fastwarc", "warcio"):
            importlib.import_module(module)
    except ImportError as error:
        print(f"skipped: {error} (pip install trafilatura resiliparse warcio)", file=sys.stderr)
        return 0
    with tempfile.TemporaryDirectory(prefix="provenance-extraction-") as tmp:
        try:
            pages = load_pages(Path(tmp), 30 if args.quick else None, args.data)
        except FileNotFoundError as error:
            print(f"skipped: {error}", file=sys.stderr)
            return 0
        tables, per_page = extractor_rows(pages, runs)
        warc = warc_rows(pages, Path(tmp), runs, per_page)
    command = "python -m benchmarks.extraction" + (" --quick" if args.quick else "")
    head = (
        f"Made by `{command}` on {os.cpu_count()} cores, one process, {len(pages)} AEB pages; "
        f"speed is the median of {runs} run(s), gzip excluded. Cells are mean / median."
    )
    text = "\n".join([head, "", *tables, "", encoding_line(pages), "", *warc])
    print(text)
    if not args.quick:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "extraction-table.md").write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
