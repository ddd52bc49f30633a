"""The readers: HTML pages, JSON Lines records and WARC records become documents with metadata."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import provenance
from provenance import Document, Settings, Skipped, read_documents
from provenance.cli import command
from provenance.export import CSV_COLUMNS
from provenance.model import path_key
from provenance.readers import TEXT_FIELDS, read
from provenance.sources import expand

from .badinput import (
    DATE,
    EMPTY_HTML,
    WarcRecord,
    article_html,
    html_response,
    jsonl_record,
    write_warc,
)
from .conftest import body_lines, make_body, make_title, write_page

CAFE = (
    "Café owners in Zürich said the crème brûlée was “naïve” – a déjà vu for the fiancée, "
    "who paid 5 € for it."
)


def read_all(path: Path, settings: Settings | None = None) -> list[Document | Skipped]:
    return list(read(str(path), settings or Settings()))


def documents(results: list[Document | Skipped]) -> list[Document]:
    assert all(isinstance(r, Document) for r in results), results
    return [r for r in results if isinstance(r, Document)]


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    return path


# HTML


@pytest.mark.parametrize("name", ["page.html", "page.htm", "page.html.gz"])
def test_an_html_page_gives_its_main_text_and_metadata(tmp_path: Path, name: str) -> None:
    title, body = make_title(1), make_body(1)
    html = article_html(title, body, url="https://news.example.com/2025/12/floods")
    raw = html.encode("utf-8")
    path = tmp_path / name
    path.write_bytes(gzip.compress(raw) if name.endswith(".gz") else raw)
    (doc,) = documents(read_all(path))
    assert doc.path == str(path)
    assert doc.kind == "html"
    assert doc.encoding == "utf-8"
    assert doc.title == title  # from <title>, without the site's name
    assert doc.url == "https://news.example.com/2025/12/floods"  # <link rel=canonical>
    assert doc.date == dt.date(2025, 12, 9)  # <meta property=article:published_time>
    assert doc.retrieved is None
    for paragraph in body_lines(body):
        assert f"\n{paragraph}" in doc.text  # one paragraph a line
    for boilerplate in ("Home", "Most read", "Mayor opens", "Copyright", "<p>", "Daily Example"):
        assert boilerplate not in doc.text


def test_a_windows_1252_html_page(tmp_path: Path) -> None:
    title, body = make_title(2), make_body(2)
    html = article_html(title, f"{body}\n\n{CAFE}", charset="windows-1252")
    path = tmp_path / "legacy.html"
    path.write_bytes(html.encode("cp1252"))
    (doc,) = documents(read_all(path))
    assert doc.encoding == "cp1252"
    assert CAFE in doc.text
    assert doc.title == title


def test_an_html_page_without_main_text_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "script.html"
    path.write_text(EMPTY_HTML, encoding="utf-8")
    assert read_all(path) == [Skipped(str(path), "no main text in the HTML page")]


def test_an_html_page_without_metadata(tmp_path: Path) -> None:
    body = make_body(3)
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    path = tmp_path / "bare.html"
    path.write_text(f"<html><body><div>{paragraphs}</div></body></html>", encoding="utf-8")
    (doc,) = documents(read_all(path))
    assert (doc.url, doc.date, doc.retrieved) == (None, None, None)
    assert all(p in doc.text for p in body_lines(body))


# JSON Lines


@pytest.mark.parametrize(
    ("text", "title", "url", "date"),
    [
        ("text", "title", "url", "date"),
        ("content", "headline", "link", "published"),
        ("maintext", "title", "source_url", "date_publish"),
        ("raw_content", "headline", "canonical_url", "datePublished"),
        ("markdown", "title", "url", "date"),
    ],
)
def test_jsonl_fields_by_their_common_names(
    tmp_path: Path, text: str, title: str, url: str, date: str
) -> None:
    record = {
        text: make_body(4),
        title: f"  {make_title(4)} ",
        url: "https://wire.example.com/4",
        date: "2025-12-09T10:30:00Z",
    }
    path = write_jsonl(tmp_path / "wire.jsonl", [json.dumps(record)])
    (doc,) = documents(read_all(path))
    assert doc.path == f"{path}#L1"
    assert doc.kind == "jsonl"
    assert doc.text == make_body(4)
    assert doc.title == make_title(4)
    assert doc.url == "https://wire.example.com/4"
    assert doc.date == dt.date(2025, 12, 9)


def test_jsonl_dates_as_unix_seconds_and_missing_metadata(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": make_body(5), "timestamp": 1765276200}),
        json.dumps({"text": make_body(6), "title": "   ", "url": "", "date": "not a date"}),
    ]
    first, second = documents(read_all(write_jsonl(tmp_path / "a.jsonl", lines)))
    assert first.date == dt.date(2025, 12, 9)
    assert (second.title, second.url, second.date) == (None, None, None)


def test_chosen_jsonl_fields_override_the_common_names(tmp_path: Path) -> None:
    record = {
        "text": "a decoy text field",
        "title": "a decoy title",
        "url": "https://decoy.example.com",
        "date": "2001-01-01",
        "story": make_body(7),
        "head": make_title(7),
        "href": "https://wire.example.com/7",
        "when": "2025-12-09",
    }
    path = write_jsonl(tmp_path / "custom.jsonl", [json.dumps(record), json.dumps({"x": 1})])
    settings = Settings(text_field="story", title_field="head", url_field="href", date_field="when")
    doc, skipped = read_all(path, settings)
    assert isinstance(doc, Document)
    assert (doc.text, doc.title, doc.url, doc.date) == (
        make_body(7),
        make_title(7),
        "https://wire.example.com/7",
        dt.date(2025, 12, 9),
    )
    assert skipped == Skipped(f"{path}#L2", "no text field (story)")


def test_jsonl_fields_from_the_command_line(tmp_path: Path) -> None:
    record = {
        "story": make_body(8),
        "head": make_title(8),
        "href": "https://wire.example.com/8",
        "when": "2025-12-09",
    }
    path = write_jsonl(tmp_path / "custom.jsonl", [json.dumps(record)])
    out = tmp_path / "out.jsonl"
    options = ["--text-field", "story", "--title-field", "head", "--url-field", "href"]
    args = [str(path), *options, "--date-field", "when", "--jsonl", str(out), "-q"]
    result = CliRunner().invoke(command, args)
    assert result.exit_code == 0, result.output
    (story,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert story["title"] == make_title(8)
    assert story["date"] == "2025-12-09"
    (occurrence,) = story["occurrences"]
    assert occurrence["path"] == f"{path}#L1"
    assert occurrence["url"] == "https://wire.example.com/8"
    assert occurrence["input_kind"] == "jsonl"


def test_jsonl_line_numbers_are_one_based_and_count_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "gaps.jsonl"
    records = [jsonl_record(k) for k in (10, 11, 12)]
    path.write_bytes(f"{records[0]}\n\n{records[1]}\n   \n\r\n\t\n{records[2]}".encode())
    docs = documents(read_all(path))  # blank lines: nothing reported
    assert [d.path for d in docs] == [f"{path}#L1", f"{path}#L3", f"{path}#L7"]
    assert [d.title for d in docs] == [make_title(k) for k in (10, 11, 12)]


def test_a_jsonl_url_is_kept_in_the_occurrence(tmp_path: Path) -> None:
    line = jsonl_record(13, url="https://wire.example.com/13", date="2025-12-09")
    path = write_jsonl(tmp_path / "wire.jsonl", [line])
    report = provenance.dedupe([path])
    (record,) = report.stories
    (occurrence,) = record.occurrences
    assert occurrence.path == f"{path}#L1"
    assert occurrence.input_kind == "jsonl"
    assert occurrence.url == "https://wire.example.com/13"
    assert occurrence.retrieved is None
    assert occurrence.title == make_title(13)
    assert occurrence.date == "2025-12-09"


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"text": 42}', "text not a string"),
        ('{"text": ["a", "list"]}', "text not a string"),
        ('{"text": {"nested": "object"}}', "text not a string"),
        ('{"text": null, "title": "t"}', f"no text field ({', '.join(TEXT_FIELDS)})"),
        ('{"text": ""}', "no text field"),
        ('{"text": "  \\n  "}', "empty text"),
        ("[1, 2]", "not a JSON object (list)"),
        ('"just a string"', "not a JSON object (str)"),
        ("{'single': 'quotes'}", "invalid JSON"),
        ('{"text": "unterminated', "invalid JSON"),
        ("[" * 50_000, "invalid JSON"),
    ],
)
def test_a_bad_jsonl_record_is_skipped_and_the_others_read(
    tmp_path: Path, line: str, reason: str
) -> None:
    path = write_jsonl(tmp_path / "mixed.jsonl", [jsonl_record(14), line, jsonl_record(15)])
    first, bad, last = read_all(path)
    assert isinstance(first, Document)
    assert isinstance(last, Document)
    assert (first.path, last.path) == (f"{path}#L1", f"{path}#L3")
    assert isinstance(bad, Skipped)
    assert bad.path == f"{path}#L2"
    assert reason in bad.reason


def test_a_jsonl_line_longer_than_max_bytes(tmp_path: Path) -> None:
    short = [json.dumps({"text": f"Short record number {k} with a few words."}) for k in (1, 2)]
    long = json.dumps({"text": "word " * 200})
    path = write_jsonl(tmp_path / "long.jsonl", [short[0], long, short[1]])
    first, skipped, last = read_all(path, Settings(max_bytes=100))
    assert skipped == Skipped(f"{path}#L2", "line longer than max_bytes (100)")
    assert isinstance(first, Document)
    assert isinstance(last, Document)
    assert last.path == f"{path}#L3"


def test_jsonl_gz(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl.gz"
    path.write_bytes(gzip.compress(f"{jsonl_record(16)}\n\n{jsonl_record(17)}\n".encode()))
    docs = documents(read_all(path))
    assert [d.path for d in docs] == [f"{path}#L1", f"{path}#L3"]


# WARC

PAGE_URL = "https://news.example.com/2025/12/{k}"
CRAWLED = "2025-12-10T08:00:00Z"


def mixed_warc(path: Path, *, gzipped: bool) -> tuple[list[WarcRecord], list[int]]:
    """A crawl as crawlers write it: HTML responses among records that are not pages."""
    canonical = "https://canonical.example.com/18"  # the record's URI wins over the page's
    records = [
        WarcRecord("warcinfo", ""),
        WarcRecord("request", PAGE_URL.format(k=18)),
        html_response(
            PAGE_URL.format(k=18), article_html(make_title(18), make_body(18), url=canonical)
        ),
        WarcRecord("metadata", PAGE_URL.format(k=18), b"via: tests\n", "application/warc-fields"),
        WarcRecord("response", "https://news.example.com/api", b'{"a": 1}', "application/json"),
        WarcRecord("response", "https://news.example.com/logo.png", b"\x89PNG\r\n", "image/png"),
        WarcRecord(
            "resource",
            "https://news.example.com/saved",
            article_html(make_title(19), make_body(19)).encode(),
            "text/html",
        ),
        WarcRecord(
            "response",
            PAGE_URL.format(k=20),
            article_html(make_title(20), make_body(20)).encode(),
            "application/xhtml+xml",
            date=CRAWLED,
        ),
        html_response(PAGE_URL.format(k=21), article_html(make_title(21), make_body(21))),
    ]
    return records, write_warc(path, records, gzipped=gzipped)


def record_header(path: Path, offset: int) -> bytes:
    """The header block of the record at `offset`, read from there (each gzip member alone)."""
    with path.open("rb") as handle:
        handle.seek(offset)
        stream = gzip.GzipFile(fileobj=handle) if path.suffix == ".gz" else handle
        head = stream.read(2048)
    return head.split(b"\r\n\r\n", 1)[0]


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_a_warc_gives_one_document_per_html_response(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    records, offsets = mixed_warc(path, gzipped=name.endswith(".gz"))
    docs = documents(read_all(path))
    pages = [2, 7, 8]  # the HTML responses; not the request, metadata, JSON, PNG or resource
    assert [d.path for d in docs] == [f"{path}#{offsets[i]}" for i in pages]
    assert [d.url for d in docs] == [records[i].uri for i in pages]  # WARC-Target-URI
    assert [d.retrieved for d in docs] == [DATE, CRAWLED, DATE]  # WARC-Date
    assert [d.title for d in docs] == [make_title(k) for k in (18, 20, 21)]
    assert {d.kind for d in docs} == {"warc"}
    for doc, k in zip(docs, (18, 20, 21), strict=True):
        assert all(p in doc.text for p in body_lines(make_body(k)))


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_a_warc_record_path_is_the_byte_offset_of_its_record(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    mixed_warc(path, gzipped=name.endswith(".gz"))
    docs = documents(read_all(path))
    assert len(docs) == 3
    for doc in docs:
        file, offset = doc.path.rsplit("#", 1)
        assert file == str(path)
        header = record_header(path, int(offset))
        assert header.startswith((b"WARC/1.0\r\n", b"WARC/1.1\r\n"))
        assert b"\r\nWARC-Type: response\r\n" in header
        assert f"\r\nWARC-Target-URI: {doc.url}\r\n".encode() in header


def test_a_warc_occurrence_carries_the_uri_and_the_retrieval_date(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    _, offsets = mixed_warc(path, gzipped=True)
    report = provenance.dedupe([path])
    occurrences = {o.path: o for record in report.stories for o in record.occurrences}
    first = occurrences[f"{path}#{offsets[2]}"]
    assert first.input_kind == "warc"
    assert first.url == PAGE_URL.format(k=18)
    assert first.retrieved == DATE
    assert occurrences[f"{path}#{offsets[7]}"].retrieved == CRAWLED


def test_a_warc_record_larger_than_max_bytes_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "big.warc.gz"
    small = "<html><body><p>A short page with a few words in it for once.</p></body></html>"
    records = [
        html_response("https://a.example.com/1", small),
        html_response("https://a.example.com/2", article_html(make_title(22), make_body(22))),
        html_response("https://a.example.com/3", small.replace("short", "brief")),
    ]
    offsets = write_warc(path, records, gzipped=True)
    first, skipped, last = read_all(path, Settings(max_bytes=500))
    assert skipped == Skipped(f"{path}#{offsets[1]}", "record larger than max_bytes (500)")
    assert isinstance(first, Document)
    assert isinstance(last, Document)
    assert last.path == f"{path}#{offsets[2]}"
    assert "brief" in last.text


@pytest.mark.parametrize("name", ["cut.warc", "cut.warc.gz"])
@pytest.mark.parametrize("where", [0.5, 0.1, 0.02, 0.95], ids=["middle", "head", "start", "end"])
def test_a_cut_warc_keeps_the_records_before_the_cut(
    tmp_path: Path, name: str, where: float
) -> None:
    path = tmp_path / name
    records = [
        html_response(f"https://a.example.com/{k}", article_html(make_title(k), make_body(k)))
        for k in (23, 24, 25)
    ]
    offsets = write_warc(path, records, gzipped=name.endswith(".gz"))
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.truncate(offsets[-1] + max(1, int((size - offsets[-1]) * where)))
    *docs, skipped = read_all(path)
    assert [d.path for d in documents(docs)] == [f"{path}#{offset}" for offset in offsets[:-1]]
    assert isinstance(skipped, Skipped)
    assert skipped.path == str(path)
    assert skipped.reason.startswith("truncated or corrupt WARC after 2 HTML records")


# include / exclude


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "scrapes"
    for relative in (
        "2025/01/a.txt",
        "2025/02/b.txt",
        "2024/01/c.txt",
        "2025/01/page.html",
        "notes.md",
        "skip_me.txt",
        "wire.jsonl",
    ):
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        text = "Some words to read."
        if relative.endswith(".jsonl"):
            text = json.dumps({"text": text})
        elif relative.endswith(".html"):
            text = article_html(make_title(26), make_body(26))
        target.write_text(f"{text}\n", encoding="utf-8")
    return root


def names(files: list[str], root: Path) -> list[str]:
    return [Path(f).relative_to(root).as_posix() for f in files]


@pytest.mark.parametrize(
    ("include", "exclude", "expected"),
    [
        (
            (),
            (),
            [
                "2024/01/c.txt",
                "2025/01/a.txt",
                "2025/01/page.html",
                "2025/02/b.txt",
                "skip_me.txt",
                "wire.jsonl",
            ],
        ),
        (("*.txt",), (), ["2024/01/c.txt", "2025/01/a.txt", "2025/02/b.txt", "skip_me.txt"]),
        (("2025/*/*.txt",), (), ["2025/01/a.txt", "2025/02/b.txt"]),
        (("*.md",), (), ["notes.md"]),  # a glob takes files of no known kind too
        (("*.md", "a.txt"), (), ["2025/01/a.txt", "notes.md"]),
        (
            (),
            ("*.html", "skip_*"),
            ["2024/01/c.txt", "2025/01/a.txt", "2025/02/b.txt", "wire.jsonl"],
        ),
        ((), ("2025/*",), ["2024/01/c.txt", "skip_me.txt", "wire.jsonl"]),
        (("*.txt",), ("2025/01/*", "skip_me.txt"), ["2024/01/c.txt", "2025/02/b.txt"]),
    ],
)
def test_include_and_exclude_globs_match_a_name_or_a_relative_path(
    tree: Path, include: tuple[str, ...], exclude: tuple[str, ...], expected: list[str]
) -> None:
    files, missing = expand([tree], include=include, exclude=exclude)
    assert names(files, tree) == expected
    assert missing == []
    docs, skipped = read_documents([tree], Settings(include=include, exclude=exclude))
    assert names([d.path for d in docs], tree) == [
        f"{n}#L1" if n.endswith(".jsonl") else n for n in expected
    ]
    assert skipped == []


def test_globs_on_a_stdin_path_list(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    listing = f"{tree / '2025'}\n{tree / 'notes.md'}\n{tree / 'skip_me.txt'}\n"
    monkeypatch.setattr("sys.stdin", io.StringIO(listing))
    files, missing = expand(["-"], include=("*.txt",), exclude=("skip_*",))
    # folders listed on stdin are walked with the globs; files listed are always read
    assert names(files, tree) == ["2025/01/a.txt", "2025/02/b.txt", "notes.md", "skip_me.txt"]
    assert missing == []


def test_globs_through_the_command(tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    args = [str(tree), "--include", "*.txt", "--include", "*.jsonl", "--exclude", "2025/01/*"]
    result = CliRunner().invoke(command, [*args, "--exclude", "skip_*", "--jsonl", str(out)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    paths = sorted(o["path"] for r in records for o in r["occurrences"])
    expected = ["2024/01/c.txt", "2025/02/b.txt", "wire.jsonl#L1"]
    assert paths == [str(tree / n) for n in expected]
    assert "in 3 documents" in result.stderr


# order


def test_records_of_one_file_sort_in_file_order(tmp_path: Path) -> None:
    assert sorted(["f#L10", "f#L2", "f", "f#L1"], key=path_key) == ["f", "f#L1", "f#L2", "f#L10"]
    assert sorted(["w#40960", "w#512", "w#0"], key=path_key) == ["w#0", "w#512", "w#40960"]
    lines = [jsonl_record(30 + n) for n in range(12)]
    lines[1] = lines[9] = "not json"
    lines[10] = lines[2]  # the story of line 3 again on line 11
    path = write_jsonl(tmp_path / "many.jsonl", lines)
    docs, skipped = read_documents([path], Settings())
    assert [d.path for d in docs] == [f"{path}#L{n}" for n in (1, 3, 4, 5, 6, 7, 8, 9, 11, 12)]
    assert [s.path for s in skipped] == [f"{path}#L2", f"{path}#L10"]
    report = provenance.dedupe([path])
    canonical = [r.canonical.path for r in report.stories]
    assert canonical == sorted(canonical, key=path_key)
    assert canonical[0] == f"{path}#L1"
    (twice,) = [r for r in report.stories if len(r.occurrences) == 2]
    assert twice.files == (f"{path}#L3", f"{path}#L11")


# the same story in every kind of input


@pytest.fixture
def four_kinds(tmp_path: Path) -> dict[str, str]:
    """One story as an HTML page, a JSON Lines record, a WARC record and a text file."""
    title, body = make_title(40), make_body(40)
    root = tmp_path / "inputs"
    root.mkdir()
    html = article_html(title, body, url="https://site.example.com/story-40")
    (root / "page.html").write_text(html, encoding="utf-8")
    line = jsonl_record(40, url="https://wire.example.com/40", date="2025-12-09")
    write_jsonl(root / "wire.jsonl", [jsonl_record(41), line])
    warc = root / "crawl.warc.gz"
    response = html_response("https://crawl.example.com/40", html)
    (offset,) = write_warc(warc, [response], gzipped=True)
    write_page(root / "copy.txt", [(title, body)])
    return {
        str(root / "page.html"): "html",
        f"{root / 'wire.jsonl'}#L2": "jsonl",
        f"{warc}#{offset}": "warc",
        str(root / "copy.txt"): "text",
    }


def test_one_story_in_four_kinds_of_input_is_one_record(four_kinds: dict[str, str]) -> None:
    root = Path(next(iter(four_kinds))).parent
    report = provenance.dedupe([root])
    assert report.skipped == ()
    (record,) = [r for r in report.stories if len(r.occurrences) > 1]
    assert {o.path: o.input_kind for o in record.occurrences} == four_kinds
    assert record.title == make_title(40)
    by_kind = {o.input_kind: o for o in record.occurrences}
    assert by_kind["html"].url == "https://site.example.com/story-40"
    assert by_kind["jsonl"].url == "https://wire.example.com/40"
    assert by_kind["warc"].url == "https://crawl.example.com/40"
    assert by_kind["text"].url is None
    assert by_kind["warc"].retrieved == DATE
    assert [o.retrieved for o in record.occurrences if o.input_kind != "warc"] == [None] * 3
    assert len(report.stories) == 2  # and the other record of wire.jsonl on its own


def test_the_run_is_deterministic(four_kinds: dict[str, str]) -> None:
    root = Path(next(iter(four_kinds))).parent
    once = [r.to_dict() for r in provenance.dedupe([root]).stories]
    again = [r.to_dict() for r in provenance.dedupe([root], workers=2).stories]
    assert once == again


def test_csv_has_input_kind_url_and_retrieved(four_kinds: dict[str, str], tmp_path: Path) -> None:
    root = Path(next(iter(four_kinds))).parent
    out = tmp_path / "occurrences.csv"
    provenance.write_csv(provenance.dedupe([root]).stories, out)
    with out.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        assert {"input_kind", "url", "retrieved"} <= set(reader.fieldnames or ())
        assert tuple(reader.fieldnames or ()) == CSV_COLUMNS
        rows = {row["path"]: row for row in reader}
    for path, kind in four_kinds.items():
        assert rows[path]["input_kind"] == kind
    warc = next(p for p, k in four_kinds.items() if k == "warc")
    assert rows[warc]["url"] == "https://crawl.example.com/40"
    assert rows[warc]["retrieved"] == DATE
    text = next(p for p, k in four_kinds.items() if k == "text")
    assert rows[text]["url"] == rows[text]["retrieved"] == ""


# Containers and pages with nothing to read are reported, never silently dropped


@pytest.mark.parametrize("name", ["empty.jsonl", "blank.jsonl.gz"])
def test_a_jsonl_file_without_records_is_reported(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    blank = b"\n\n  \n"
    path.write_bytes(gzip.compress(blank) if name.endswith(".gz") else blank)
    assert read_all(path) == [Skipped(str(path), "empty file")]


def test_a_warc_without_html_responses_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc"
    write_warc(
        path,
        [
            WarcRecord("warcinfo", ""),
            WarcRecord("response", "https://x.example.com/a.png", b"\x89PNG\r\n", "image/png"),
        ],
        gzipped=False,
    )
    assert read_all(path) == [Skipped(str(path), "no HTML response records")]


def test_a_page_of_boilerplate_only_is_reported_and_the_rest_read(tmp_path: Path) -> None:
    chrome = tmp_path / "chrome.txt"
    chrome.write_text("Skip to main content\nHome\nFollow\nShort Url\n", encoding="utf-8")
    story = write_page(tmp_path / "story.txt", [(make_title(3), make_body(3))])
    report = provenance.dedupe([tmp_path])
    assert [(s.path, s.reason) for s in report.skipped] == [
        (str(chrome), provenance.pipeline.NO_STORY)
    ]
    assert [o.path for r in report.stories for o in r.occurrences] == [str(story)]


@pytest.mark.parametrize("gzipped", [False, True])
def test_a_damaged_warc_record_is_reported_and_the_records_before_it_kept(
    tmp_path: Path, gzipped: bool
) -> None:
    path = tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc")
    pages = [
        html_response(PAGE_URL.format(k=k), article_html(make_title(k), make_body(k)))
        for k in (30, 31)
    ]
    offsets = write_warc(path, pages, gzipped=gzipped)
    data = bytearray(path.read_bytes())
    middle = (offsets[1] + len(data)) // 2  # inside the second record's payload
    data[middle] ^= 0x55
    path.write_bytes(bytes(data))
    results = read_all(path)
    assert [r.path for r in results] == [f"{path}#{offsets[0]}", str(path)]
    skipped = results[1]
    assert isinstance(skipped, Skipped)
    assert skipped.reason.startswith("truncated or corrupt WARC after 1 HTML records (")
    assert skipped.reason.isprintable()
