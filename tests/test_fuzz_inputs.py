"""Property tests: no bytes crash a reader, no text crashes the segmenter or breaks its spans.

What a story's span guarantees (see `segment.py`): `text[start:end]` is exactly
lines `line_start` to `line_end` of the text, less the first line's leading and
the last line's trailing white space; the title, if any, is its first line;
the body is not the span: it is the span's body lines, each stripped, in order,
joined by "\\n", without blank lines and without the header, date, byline,
boilerplate, teaser and repeated lines that the span still holds.
"""

from __future__ import annotations

import gzip
import io
import itertools
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from provenance import Document, Settings, Skipped, Story, segment
from provenance.readers import read
from provenance.sources import kind_of

from .conftest import make_body, make_title, page_story

SUFFIXES = (".txt", ".html", ".jsonl", ".warc", ".txt.gz", ".html.gz", ".jsonl.gz", ".warc.gz")
SETTINGS = (Settings(), Settings(), Settings(max_bytes=400))  # 400: some records fit, some not
FUZZ = settings(
    max_examples=600,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _warc_record(html: bytes) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(
            "https://news.example.com/1", "response", payload=io.BytesIO(html), http_headers=http
        )
    )
    return out.getvalue()


PAGE = f"<html><body><h1>{make_title(1)}</h1><p>{make_body(1, 1)}</p></body></html>".encode()
RECORD = _warc_record(PAGE)
FRAGMENTS = st.sampled_from(
    [
        b"\x00",
        b"\x00" * 9,
        b"\xef\xbb\xbf",  # byte-order marks
        b"\xff\xfe",
        b"\xfe\xff",
        b"\xff\xfe\x00\x00",
        b"\x00\x00\xfe\xff",
        b"\xc3\x28",  # invalid UTF-8: a bad continuation, a lone one, a surrogate, 5 bytes
        b"\x80",
        b"\xed\xa0\x80",
        b"\xf8\x88\x80\x80\x80",
        b"\xff",
        b"\x1f\x8b",  # gzip magic, and a whole gzip header
        b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff",
        gzip.compress(b"hidden text\n"),
        b"{",
        b"}",
        b"[" * 3000,
        b'{"text": "',
        b'"}',
        b'{"text": "A story of a few words.", "title": "A title"}\n',
        b'{"content": 1, "url": [], "date": {}}\n',
        b"<html>",
        b"<body><p>",
        b"</p></body></html>",
        b"<script>x()</script>",
        b"<!--",
        b"<div>" * 500,
        PAGE,
        b"WARC/1.0\r\n",
        b"WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 10\r\n\r\n",
        b"Content-Length: 99999999\r\n",
        b"Content-Length: -5\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n",
        RECORD,
        RECORD[: len(RECORD) // 2],
        b"\r\n",
        b"\n",
        b"\n\n",
        b" ",
        b"word " * 20,
        "Türkiye — “quoted” naïve\n".encode(),
        "Türkiye — “quoted” naïve\n".encode("utf-16"),
        "Café déjà vu\n".encode("cp1252"),
    ]
)


VALID = {  # a good input of each kind, to mutate: a fuzzer that only reaches errors proves little
    "text": page_story(make_title(2), make_body(2, 2)).encode(),
    "html": PAGE,
    "jsonl": b"".join(
        b'{"title": "Headline %d", "text": "%s", "url": "https://x.example/%d"}\n'
        % (k, make_body(k, 1).encode(), k)
        for k in range(3)
    ),
    "warc": RECORD + _warc_record(PAGE.replace(b"<h1>", b"<h1>Another ")),
}


@st.composite
def mutated(draw: st.DrawFn, kind: str) -> bytes:
    """A good input of `kind` with a few bytes inserted, deleted, flipped, or its end cut."""
    data = bytearray(VALID[kind])
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(data)))
        operation = draw(st.sampled_from(["insert", "delete", "flip", "cut"]))
        if operation == "insert":
            data[at:at] = draw(st.one_of(FRAGMENTS, st.binary(min_size=1, max_size=8)))
        elif operation == "delete":
            del data[at : at + draw(st.integers(1, 64))]
        elif operation == "flip" and at < len(data):
            data[at] ^= draw(st.integers(1, 255))
        elif operation == "cut":
            del data[at:]
    return bytes(data)


@st.composite
def adversarial_bytes(draw: st.DrawFn, kind: str, gzipped: bool) -> bytes:
    """Fragments that look like each input kind (or like none), or a mutated good input of
    `kind` (or of another kind), maybe gzipped, maybe with the gzip stream cut."""
    fragments = st.lists(st.one_of(FRAGMENTS, st.binary(max_size=48)), max_size=10)
    choice = draw(st.sampled_from(["fragments", "mutated", "mutated", "other kind"]))
    if choice == "fragments":
        data = b"".join(draw(fragments))
    else:
        data = draw(mutated(kind if choice == "mutated" else draw(st.sampled_from(list(VALID)))))
    usual = "gzip" if gzipped else "raw"
    packing = draw(st.sampled_from([usual, usual, "raw", "gzip", "cut gzip"]))
    if packing == "gzip":
        data = gzip.compress(data, mtime=0)
    elif packing == "cut gzip":
        packed = gzip.compress(data, mtime=0)
        data = packed[: draw(st.integers(0, len(packed)))]
    return data


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def check_read(path: Path, settings_: Settings) -> list[Document | Skipped]:
    """Read `path`: nothing raised, only documents and skips, each well formed."""
    results = list(read(str(path), settings_))
    file = str(path)
    kind = kind_of(file)
    record = {"jsonl": r"#L[1-9]\d*", "warc": r"#\d+"}.get(kind)
    for result in results:
        assert isinstance(result, Document | Skipped), result
        if isinstance(result, Skipped):
            assert isinstance(result.reason, str)
            assert result.reason.strip(), result
            assert result.path == file or (
                record is not None and re.fullmatch(re.escape(file) + record, result.path)
            ), result
        else:
            assert result.text.strip()
            assert result.kind == kind
            assert isinstance(result.encoding, str)
            assert result.encoding
            if record is None:
                assert result.path == file
            else:
                assert re.fullmatch(re.escape(file) + record, result.path), result.path
    if record is None:
        assert len(results) == 1  # a text file or a page: one document, or one reason
    paths = [r.path for r in results]
    assert len(paths) == len(set(paths))  # nothing reported twice
    return results


def label(results: list[Document | Skipped]) -> None:
    """Count the outcomes (``--hypothesis-show-statistics``): are the good paths reached?"""
    for result in results:
        kind = result.kind if isinstance(result, Document) else "skipped"
        event(f"{type(result).__name__} ({kind})")


@FUZZ
@given(data=st.binary(max_size=4096), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes_never_crash_a_reader(scratch: Path, data: bytes, suffix: str) -> None:
    path = scratch / f"random{suffix}"
    path.write_bytes(data)
    label(check_read(path, Settings()))


@FUZZ
@given(data=st.data(), suffix=st.sampled_from(SUFFIXES), settings_=st.sampled_from(SETTINGS))
def test_adversarial_bytes_never_crash_a_reader(
    scratch: Path, data: st.DataObject, suffix: str, settings_: Settings
) -> None:
    path = scratch / f"adversarial{suffix}"
    path.write_bytes(
        data.draw(adversarial_bytes(kind_of(path.name), suffix.endswith(".gz")), label="bytes")
    )
    label(check_read(path, settings_))


def test_the_fragments_are_read_as_what_they_look_like(scratch: Path) -> None:
    """The fragments do reach the readers' good paths (a fuzzer of only errors proves little)."""
    warc = scratch / "one.warc"
    warc.write_bytes(RECORD)
    (doc,) = check_read(warc, Settings())
    assert isinstance(doc, Document)
    assert doc.path == f"{warc}#0"
    jsonl = scratch / "one.jsonl.gz"
    jsonl.write_bytes(gzip.compress(b'{"text": "A story of a few words.", "title": "A title"}\n'))
    (doc,) = check_read(jsonl, Settings())
    assert isinstance(doc, Document)
    assert doc.title == "A title"


# segment


def raw_lines(text: str) -> list[str]:
    """The lines as the segmenter numbers them: split on "\\n" only, 1-based."""
    return text.split("\n")


def is_subsequence(items: list[str], sequence: list[str]) -> bool:
    rest = iter(sequence)
    return all(any(item == other for other in rest) for item in items)


def assert_spans_hold(text: str, stories: list[Story], path: str) -> None:
    lines = raw_lines(text)
    for k, story in enumerate(stories):
        assert story.index == k
        assert story.path == path
        assert 0 <= story.start < story.end <= len(text)
        assert 1 <= story.line_start <= story.line_end <= len(lines)
        # line numbers agree with the offsets
        assert story.line_start == text.count("\n", 0, story.start) + 1
        assert story.line_end == text.count("\n", 0, story.end) + 1
        # the span is exactly its lines, less the outer white space; both ends non-blank
        span = text[story.start : story.end]
        assert span == "\n".join(lines[story.line_start - 1 : story.line_end]).strip()
        assert lines[story.line_start - 1].strip()
        assert lines[story.line_end - 1].strip()
        # the title is the span's first line
        if story.title:
            assert story.title == lines[story.line_start - 1].strip()
            assert span.startswith(story.title)
        assert story.title or story.body
        # the body: stripped non-blank lines of the span (after the title), in order
        if story.body:
            body = story.body.split("\n")
            assert all(line and line == line.strip() for line in body)
            first = story.line_start if story.title else story.line_start - 1
            candidates = [line.strip() for line in lines[first : story.line_end]]
            assert is_subsequence(body, candidates), (body, candidates)
            assert all(line in span for line in body)
    for before, after in itertools.pairwise(stories):
        assert before.end <= after.start
        assert before.line_end < after.line_start


HEADER_LINES = st.sampled_from(
    [
        "Updated 09 December 2025",
        "By Jane Reporter",
        "Source: Reuters",
        "Follow",
        "Share this article",
        "Also Read : Mayor opens the new bridge",
        "Popular posts from this blog",
        "Photo: a crowd in the square. (Photo courtesy: AFP)",
        "LONDON (Reuters) - Markets fell on Tuesday as investors weighed the figures.",
        "1. A numbered item of a list",
        "• A bullet",
    ]
)
ODD_LINES = st.sampled_from(
    ["Ünïcödé “quotes” — dashes", "日本語の見出しです", "\u200b", "\ufeff", "\x00", "\t", "  "]
)
SEPARATORS = st.sampled_from(["\n", "\r\n", "\n\n", "\r\n\r\n", "\n\n\n", " \n", "\u2028", "\r"])


@st.composite
def news_pages(draw: st.DrawFn) -> str:
    """Pages made of headlines, bodies, header lines and odd lines, any separators."""
    seeds = st.integers(0, 60)
    piece = st.one_of(
        st.builds(make_title, seeds),
        st.builds(lambda k: make_body(k, paragraphs=1), seeds),
        st.builds(lambda k: page_story(make_title(k), make_body(k, paragraphs=2)), seeds),
        HEADER_LINES,
        ODD_LINES,
        st.text(max_size=30),
    )
    pieces = draw(st.lists(piece, max_size=20))
    return "".join(p + draw(SEPARATORS) for p in pieces)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=2000))
def test_segment_spans_hold_on_any_text(text: str) -> None:
    assert_spans_hold(text, segment(text, "any.txt"), "any.txt")


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(news_pages(), st.sampled_from([0, 5, 25]))
# found by hypothesis: a block whose only line is a call to act ("Share this article …") had
# the line taken away as a pitch between paragraphs, and so became a story of no words
@example(
    "Share this article\u2028Community industry myself quickly support form somebody partner\n"
    "Follow\n\nCommunity industry myself quickly support form somebody partner\n"
    "Community industry myself quickly support form somebody partner\n"
    "Updated 09 December 2025\n",
    0,
)
# and a page's first line printed again further down with other spaces inside it ("\r" for
# "\u2028"): the story took the later copy's text as its title over the first line's span
@example(
    "Community industry myself quickly support form somebody partner\u2028"
    "Community industry myself quickly support form somebody partner\n\n"
    + "Community industry myself quickly support form somebody partner\n"
    * 3
    + "Community industry myself quickly support form somebody partner\r"
    "Community industry myself quickly support form somebody partner\n",
    0,
)
def test_segment_spans_hold_on_news_pages(text: str, min_words: int) -> None:
    stories = segment(text, "page.txt", min_words=min_words)
    assert_spans_hold(text, stories, "page.txt")
    # no "a page with words has a story": a page of only date, byline or boilerplate
    # lines ("Updated 09 December 2025") gives none, so its document yields no record


def test_the_span_is_not_the_body_literally() -> None:
    """The span keeps the header and the page's own line breaks; the body drops them."""
    title, body = make_title(1), make_body(1, paragraphs=2)
    text = page_story(title, body).replace("\n", "\r\n")
    (story,) = segment(text, "p.txt")
    span = text[story.start : story.end]
    assert story.title == title
    assert "Follow" in span
    assert "Follow" not in story.body
    assert span.count(title) == 2  # the title, and its repeat over the body
    assert story.body == "\n".join(p for p in body.split("\n") if p)
    assert span != story.body
    assert span.startswith(title)
    assert span.endswith(body.split("\n")[-1])
