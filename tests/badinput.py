"""A corpus of bad inputs beside good ones, and builders of the pages, WARCs and gzip files in it.

`make_bad_corpus(root)` writes one file per case and returns what a run over `root`
must report: every bad input with the reason it is skipped for, and every good
input (a file, a JSON Lines record ``FILE#L<n>``, a WARC record ``FILE#<offset>``)
that must reach the output. The big cases (a 100 MiB line, a 1 GiB gzip bomb) are
streamed to disk in chunks, never built in memory.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import random
import struct
import zlib
from collections.abc import Sequence
from pathlib import Path

import attrs
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from .conftest import make_body, make_title, page_text

MiB = 1 << 20
HUGE_LINE = 100 * MiB  # over the default max_bytes (64 MiB)
BOMB = 1024 * MiB  # what the gzip bomb decompresses to
DATE = "2025-12-09T10:30:00Z"

EMPTY_HTML = "<html><body><script>x()</script></body></html>"


def article_html(
    title: str,
    body: str,
    *,
    url: str | None = None,
    published: str | None = DATE,
    charset: str = "utf-8",
) -> str:
    """A news page the way sites serve it: navigation, the article, a sidebar, a footer."""
    paragraphs = "\n".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    canonical = f'<link rel="canonical" href="{url}">' if url else ""
    date = f'<meta property="article:published_time" content="{published}">' if published else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="{charset}">
<title>{title} | Daily Example</title>
{canonical}
{date}
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
</header>
<main><article>
<h1>{title}</h1>
{paragraphs}
</article></main>
<aside><h3>Most read</h3><ul><li><a href="/a">Mayor opens the new bridge</a></li>
<li><a href="/b">Rain expected all week</a></li></ul></aside>
<footer><p>Copyright 2025 Daily Example. All rights reserved.</p></footer>
</body></html>
"""


@attrs.frozen
class WarcRecord:
    """One record to write: ``response`` (HTTP), ``request``, ``metadata`` or ``warcinfo``."""

    kind: str
    uri: str
    payload: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    date: str = DATE


def html_response(uri: str, html: str, *, date: str = DATE) -> WarcRecord:
    return WarcRecord("response", uri, html.encode("utf-8"), date=date)


def write_warc(path: Path, records: Sequence[WarcRecord], *, gzipped: bool) -> list[int]:
    """Write `records` with warcio (one gzip member each when gzipped); their byte offsets."""
    offsets = []
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzipped)
        for spec in records:
            headers = {"WARC-Date": spec.date}
            if spec.kind == "warcinfo":
                record = writer.create_warcinfo_record(path.name, {"software": "tests"})
            elif spec.kind == "response":
                http = StatusAndHeaders(
                    "200 OK", [("Content-Type", spec.content_type)], protocol="HTTP/1.1"
                )
                record = writer.create_warc_record(
                    spec.uri,
                    "response",
                    payload=io.BytesIO(spec.payload),
                    http_headers=http,
                    warc_headers_dict=headers,
                )
            elif spec.kind == "request":
                http = StatusAndHeaders(
                    "GET / HTTP/1.1", [("Host", "news.example.com")], is_http_request=True
                )
                record = writer.create_warc_record(
                    spec.uri, "request", http_headers=http, warc_headers_dict=headers
                )
            else:
                record = writer.create_warc_record(
                    spec.uri,
                    spec.kind,
                    payload=io.BytesIO(spec.payload),
                    warc_content_type=spec.content_type,
                    warc_headers_dict=headers,
                )
            offsets.append(handle.tell())
            writer.write_record(record)
    return offsets


def write_huge_line(path: Path, size: int = HUGE_LINE, *, then: bytes = b"") -> Path:
    """`size` bytes of words and no newline, written 1 MiB at a time; then `then`."""
    chunk = (b"lorem ipsum dolor " * (MiB // 18 + 1))[:MiB]
    with path.open("wb") as handle:
        for _ in range(size // MiB):
            handle.write(chunk)
        handle.write(chunk[: size % MiB])
        handle.write(then)
    return path


def write_gzip_bomb(path: Path, size: int = BOMB) -> Path:
    """A valid one-member gzip file of `size` spaces (a multiple of 1 MiB): ~1 KiB per MiB.

    Deflate output after a full flush does not depend on what came before, so one
    compressed MiB is written again and again; the trailer's CRC is computed the same way.
    """
    chunk = b" " * MiB
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)  # raw deflate: header written here
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    with path.open("wb") as handle:
        handle.write(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff")  # gzip header, no name
        for _ in range(size // MiB):
            handle.write(block)
            crc = zlib.crc32(chunk, crc)
        handle.write(compressor.flush())  # the final, empty block
        handle.write(struct.pack("<II", crc, size & 0xFFFFFFFF))
    return path


def gzip_prefix_lines(data: bytes) -> int:
    """How many whole lines the decompressible part of a cut gzip stream holds."""
    text = zlib.decompressobj(31).decompress(data)
    return text.count(b"\n")


def jsonl_record(k: int, **fields: object) -> str:
    return json.dumps({"title": make_title(k), "text": make_body(k), **fields})


@attrs.define
class Corpus:
    """What a run over `root` must give.

    Attributes:
        bad: reported path (a file, ``FILE#L<n>``) -> a substring of the reason.
        good: the paths (files, ``FILE#L<n>``, ``FILE#<offset>``) that must reach the output.
        encodings: good paths decoded from something other than UTF-8 -> the codec.
        unreadable: the file made unreadable (chmod 000); it holds a good page, so a
            process that can read it anyway (root) sees a good file.
        big: the big cases by name (``line``, ``bomb``, ``jsonl_line``), if written.
    """

    root: Path
    bad: dict[str, str] = attrs.Factory(dict)
    good: set[str] = attrs.Factory(set)
    encodings: dict[str, str] = attrs.Factory(dict)
    unreadable: str | None = None
    big: dict[str, Path] = attrs.Factory(dict)

    def add_bad(self, path: Path | str, reason: str) -> None:
        self.bad[str(path)] = reason

    def add_good(self, path: Path | str) -> None:
        self.good.add(str(path))


def make_bad_corpus(root: Path, *, big: bool = True) -> Corpus:
    """Write every case into `root` (created if needed) and return what a run must report."""
    root.mkdir(parents=True, exist_ok=True)
    corpus = Corpus(root)
    rng = random.Random(2025)
    seed = iter(range(100, 1000))  # a different story for every good input

    # good files
    for name, stories in (("page_one.txt", 1), ("page_two.txt", 2)):
        texts = [(make_title(k), make_body(k)) for k in (next(seed) for _ in range(stories))]
        (root / name).write_text(page_text(*texts), encoding="utf-8")
        corpus.add_good(root / name)
    k = next(seed)
    html = article_html(make_title(k), make_body(k), url=f"https://news.example.com/{k}")
    (root / "article.html").write_text(html, encoding="utf-8")
    corpus.add_good(root / "article.html")
    warc = root / "good.warc.gz"
    specs = [WarcRecord("warcinfo", "")]
    for _ in range(3):
        k = next(seed)
        specs.append(WarcRecord("request", f"https://news.example.com/{k}"))
        specs.append(html_response(f"https://news.example.com/{k}", article_html(*_story(k))))
    specs.append(WarcRecord("response", "https://news.example.com/logo", b"\x89PNG", "image/png"))
    offsets = write_warc(warc, specs, gzipped=True)
    for spec, offset in zip(specs, offsets, strict=True):
        if spec.kind == "response" and spec.content_type.startswith("text/html"):
            corpus.add_good(f"{warc}#{offset}")

    # undecodable bytes: random high bytes fit no encoding; text with a few bad bytes does
    (root / "not_text.txt").write_bytes(bytes(rng.randrange(0x80, 0x100) for _ in range(4096)))
    corpus.add_bad(root / "not_text.txt", "not text in any known encoding")
    k = next(seed)
    raw = page_text((make_title(k), make_body(k))).encode("utf-8")
    (root / "mojibake.txt").write_bytes(raw.replace(b". ", b". \xff\xc3\x28 ", 3))
    corpus.add_good(root / "mojibake.txt")
    corpus.encodings[str(root / "mojibake.txt")] = "cp1252"

    # bad files
    binary = bytearray(rng.randbytes(4096))
    binary[100:104] = b"\x00\x00\x00\x00"
    (root / "binary.txt").write_bytes(bytes(binary))
    corpus.add_bad(root / "binary.txt", "binary file")
    (root / "empty.txt").write_bytes(b"")
    corpus.add_bad(root / "empty.txt", "empty file")
    k = next(seed)
    text = page_text((make_title(k), make_body(k)))
    (root / "nul_inside.txt").write_text(text[:200] + "\x00" + text[200:], encoding="utf-8")
    corpus.add_bad(root / "nul_inside.txt", "binary file")
    (root / "no_text.html").write_text(EMPTY_HTML, encoding="utf-8")
    corpus.add_bad(root / "no_text.html", "no main text in the HTML page")

    k = next(seed)
    unreadable = root / "unreadable.txt"
    unreadable.write_text(page_text((make_title(k), make_body(k))), encoding="utf-8")
    unreadable.chmod(0)
    corpus.unreadable = str(unreadable)
    corpus.add_bad(unreadable, "Permission denied")

    (root / "loop_a.txt").symlink_to("loop_b.txt")
    (root / "loop_b.txt").symlink_to("loop_a.txt")
    corpus.add_bad(root / "loop_a.txt", "symbolic links")
    corpus.add_bad(root / "loop_b.txt", "symbolic links")
    (root / "broken_link.txt").symlink_to("no_such_target.txt")
    corpus.add_bad(root / "broken_link.txt", "No such file or directory")

    # gzip: not gzip at all, a gzip header over garbage, cut in half
    (root / "corrupt.txt.gz").write_bytes(rng.randbytes(2048))
    corpus.add_bad(root / "corrupt.txt.gz", "corrupt gzip stream")
    k = next(seed)
    packed = gzip.compress(page_text((make_title(k), make_body(k))).encode("utf-8"))
    (root / "corrupt_body.txt.gz").write_bytes(packed[:10] + rng.randbytes(len(packed) - 10))
    corpus.add_bad(root / "corrupt_body.txt.gz", "corrupt gzip stream")
    (root / "truncated.txt.gz").write_bytes(packed[: len(packed) // 2])
    corpus.add_bad(root / "truncated.txt.gz", "truncated gzip stream")

    # JSON Lines: bad lines among good ones, each bad one reported as FILE#L<n>
    jsonl = root / "records.jsonl"
    lines: list[tuple[str | bytes, str | None]] = [  # (line, None if good else the reason)
        (jsonl_record(next(seed), url="https://wire.example.com/1"), None),
        ("", None),  # blank lines are ignored silently, but counted
        ('{"text": "a record cut in the mid', "invalid JSON"),
        (jsonl_record(next(seed)), None),
        ("not json at all, just a line of words", "invalid JSON"),
        ("[1, 2, 3]", "not a JSON object (list)"),
        ('{"title": "A record without any text"}', "no text field"),
        ('{"text": 42}', "text not a string"),
        (b'{"text": "bytes that are not \xff\xfe UTF-8"}', "invalid JSON"),
        ("[" * 100_000, "invalid JSON"),  # nested past the recursion limit
        ("   ", None),
        ('{"text": "   "}', "empty text"),
        (jsonl_record(next(seed), date="2025-12-09"), None),
    ]
    _write_jsonl(corpus, jsonl, lines, gzipped=False)
    lines = [
        (jsonl_record(next(seed)), None),
        ('{"text": "cut', "invalid JSON"),
        (jsonl_record(next(seed)), None),
        ("{}", "no text field"),
        (jsonl_record(next(seed)), None),
    ]
    _write_jsonl(corpus, root / "records.jsonl.gz", lines, gzipped=True)
    cut = root / "truncated.jsonl.gz"
    packed = gzip.compress("".join(jsonl_record(next(seed)) + "\n" for _ in range(6)).encode())
    cut.write_bytes(packed[: len(packed) // 2])
    whole = gzip_prefix_lines(cut.read_bytes())
    assert whole >= 1, "the cut should keep at least one whole record"
    for number in range(1, whole + 1):
        corpus.add_good(f"{cut}#L{number}")
    corpus.add_bad(cut, "truncated gzip stream")

    # a WARC cut in the middle of its last record: the records before it still count
    warc = root / "truncated.warc.gz"
    specs = [
        html_response(f"https://news.example.com/t{n}", article_html(*_story(next(seed))))
        for n in range(4)
    ]
    offsets = write_warc(warc, specs, gzipped=True)
    size = warc.stat().st_size
    with warc.open("r+b") as handle:
        handle.truncate((offsets[-1] + size) // 2)
    for offset in offsets[:-1]:
        corpus.add_good(f"{warc}#{offset}")
    corpus.add_bad(warc, "truncated or corrupt WARC after 3 HTML records")

    if big:
        corpus.big["line"] = write_huge_line(root / "huge_line.txt")
        corpus.add_bad(root / "huge_line.txt", "too large")
        k = next(seed)
        corpus.big["jsonl_line"] = write_huge_line(
            root / "huge_line.jsonl", then=b"\n" + jsonl_record(k).encode() + b"\n"
        )
        corpus.add_bad(f"{root / 'huge_line.jsonl'}#L1", "line longer than max_bytes")
        corpus.add_good(f"{root / 'huge_line.jsonl'}#L2")
        corpus.big["bomb"] = write_gzip_bomb(root / "bomb.txt.gz")
        corpus.add_bad(root / "bomb.txt.gz", "decompresses to more than")
    return corpus


def _story(k: int) -> tuple[str, str]:
    return make_title(k), make_body(k)


def _write_jsonl(
    corpus: Corpus, path: Path, lines: Sequence[tuple[str | bytes, str | None]], *, gzipped: bool
) -> None:
    data = b"".join(
        (line if isinstance(line, bytes) else line.encode()) + b"\n" for line, _ in lines
    )
    path.write_bytes(gzip.compress(data) if gzipped else data)
    for number, (line, reason) in enumerate(lines, start=1):
        where = f"{path}#L{number}"
        if reason is not None:
            corpus.add_bad(where, reason)
        elif line.strip():
            corpus.add_good(where)


def can_open(path: str) -> bool:
    """Whether this process can open `path` for reading (root can, whatever its mode)."""
    try:
        with open(path, "rb"):
            return True
    except OSError:
        return False


def world_readable(path: Path) -> Path:
    """`path` with mode 0755, so that an unprivileged user can enter it."""
    os.chmod(path, 0o755)
    return path
