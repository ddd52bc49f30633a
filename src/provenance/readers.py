"""Turn each input file into documents: a text file or an HTML page is one, a JSON Lines
file one per line, a WARC file one per HTML response record.

Two steps, so that the costly one runs on worker processes: `records` frames a file into
raw records (reading, gunzipping, splitting lines or WARC records: I/O, cheap), and
`document_of` turns one raw record into a `Document` (decoding, HTML extraction: CPU).
`read` chains them for one file.

A reader never raises on bad input: what cannot be read becomes a `Skipped`
with its path (the record's path for a bad record) and the reason, once, and
every good document before and after it is still yielded.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Iterator, Sequence
from typing import Any

import attrs
from warcio.archiveiterator import ArchiveIterator

from .errors import InputError
from .extract import Extracted, extract_html, parse_date
from .model import Document, Skipped
from .settings import Settings
from .sources import decode, kind_of, open_stream, read_bytes, reason

Read = Document | Skipped

TEXT_FIELDS = ("text", "content", "maintext", "body", "article", "raw_content", "markdown")
TITLE_FIELDS = ("title", "headline")
URL_FIELDS = ("url", "link", "source_url", "canonical_url", "uri")
DATE_FIELDS = (
    "date",
    "date_publish",
    "published",
    "published_at",
    "publish_date",
    "datePublished",
    "pubdate",
    "timestamp",
)
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_LINE_CHUNK = 1 << 20  # bytes read at a time while skipping the rest of an oversized line
_TAIL = 64  # bytes after the last WARC record inspected for the start of a cut one


@attrs.frozen
class Raw:
    """One record as framed from its file, not yet decoded: what a worker process gets.

    Attributes:
        path: the document's path (``FILE``, ``FILE#L<line>``, ``FILE#<offset>``).
        kind: the input kind.
        data: the raw bytes, or the text itself when the container already
            decoded it (a JSON string).
        meta: what the container says of the document (title, url, date, retrieved).
    """

    path: str
    kind: str
    data: bytes | str = attrs.field(repr=False)
    meta: dict[str, Any] = attrs.field(factory=dict)


def read(path: str, settings: Settings) -> Iterator[Read]:
    """The documents of one input file, or the reasons they could not be read."""
    for item in records(path, settings):
        yield item if isinstance(item, Skipped) else document_of(item)


def records(path: str, settings: Settings) -> Iterator[Raw | Skipped]:
    """The raw records of one input file, or the reasons they could not be framed."""
    kind = kind_of(path)
    try:
        if kind in ("jsonl", "warc"):
            framed = _jsonl(path, settings) if kind == "jsonl" else _warc(path, settings)
            empty = True
            for item in framed:
                empty = False
                yield item
            if empty:  # a container with nothing to read is reported, never silently dropped
                yield Skipped(path, "empty file" if kind == "jsonl" else "no HTML response records")
        else:
            yield Raw(path, kind, read_bytes(path, max_bytes=settings.max_bytes))
    except InputError as error:
        yield Skipped(path, str(error))
    except (OSError, EOFError, zlib.error) as error:  # opening or streaming JSON Lines or WARC
        yield Skipped(path, reason(error))


def document_of(raw: Raw) -> Read:
    """The document of one raw record: decoded, and for a page its main text extracted."""
    path, kind, data, meta = raw.path, raw.kind, raw.data, raw.meta
    if not data.strip():
        return Skipped(path, "empty file" if kind != "jsonl" else "empty text")
    if isinstance(data, str):  # a JSON string: a lone surrogate ("\\ud800") becomes "?"
        text, encoding = data.encode("utf-8", "replace").decode("utf-8"), "utf-8"
        data = data.encode("utf-8", "surrogatepass")
    else:
        try:
            text, encoding = decode(data)
        except InputError as error:
            return Skipped(path, str(error))
    if kind in ("html", "warc"):
        try:
            page = _extract(text)
        except InputError as error:  # this page or record only: a WARC's next records still count
            return Skipped(path, str(error))
        text = page.text
        given = {k: v for k, v in meta.items() if v is not None}  # the record's own metadata wins
        meta = {"title": page.title, "url": page.url, "date": page.date} | given
    if not text.strip():
        return Skipped(path, "no text" if kind != "html" else "no main text in the HTML page")
    return Document(
        path=path,
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        kind=kind,
        **meta,
    )


def _extract(html: str) -> Extracted:
    try:
        return extract_html(html)
    except Exception as error:  # the extractor's parser on hostile markup: skip, never crash
        raise InputError(f"HTML extraction failed ({type(error).__name__}: {error})") from error


def _first(record: dict[str, Any], chosen: str | None, defaults: Sequence[str]) -> Any:
    if chosen is not None:
        return record.get(chosen)
    return next((record[k] for k in defaults if record.get(k) not in (None, "")), None)


def _lines(path: str, max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """(1-based line number, bytes), None for a line longer than `max_bytes` (never held)."""
    with open_stream(path) as stream:
        number = 0
        while line := stream.readline(max_bytes + 1):
            number += 1
            if len(line) > max_bytes and not line.endswith(b"\n"):
                while (rest := stream.readline(_LINE_CHUNK)) and not rest.endswith(b"\n"):
                    pass
                yield number, None
            else:
                yield number, line


def _jsonl(path: str, settings: Settings) -> Iterator[Raw | Skipped]:
    fields = settings.text_field, settings.title_field, settings.url_field, settings.date_field
    text_field, title_field, url_field, date_field = fields
    for number, line in _lines(path, settings.max_bytes):
        where = f"{path}#L{number}"
        if line is None:
            yield Skipped(where, f"line longer than max_bytes ({settings.max_bytes})")
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except (ValueError, RecursionError) as error:  # not JSON, not UTF-8, nested too deep
            yield Skipped(where, f"invalid JSON ({error})")
            continue
        if not isinstance(record, dict):
            yield Skipped(where, f"not a JSON object ({type(record).__name__})")
            continue
        text = _first(record, text_field, TEXT_FIELDS)
        if not isinstance(text, str):
            wanted = text_field or ", ".join(TEXT_FIELDS)
            yield Skipped(
                where, f"no text field ({wanted})" if text is None else "text not a string"
            )
            continue
        title = _first(record, title_field, TITLE_FIELDS)
        url = _first(record, url_field, URL_FIELDS)
        meta = {
            "title": title.strip() or None if isinstance(title, str) else None,
            "url": url if isinstance(url, str) and url else None,
            "date": parse_date(_first(record, date_field, DATE_FIELDS)),
        }
        yield Raw(where, "jsonl", text, meta)


def _warc(path: str, settings: Settings) -> Iterator[Raw | Skipped]:
    read_ok = 0
    end = 0  # where the last complete record ends
    with open(path, "rb") as stream:  # warcio gunzips record by record itself
        records = ArchiveIterator(stream, check_digests="raise")  # a damaged payload raises
        try:
            for record in records:
                if not _has_length(record):  # WARC requires one: the headers were cut short
                    raise InputError("a record without a Content-Length")
                html = _is_html_response(record)
                data = record.content_stream().read(settings.max_bytes + 1) if html else b""
                # only now: warcio finds the offset by reading to the record's end, so
                # asking first would leave nothing of the record to read
                offset = records.get_record_offset()
                if getattr(record.raw_stream, "limit", 0) > 0:  # short of its Content-Length
                    raise InputError("the file ends inside a record")
                end = offset + records.get_record_length()
                if not html:
                    continue
                where = f"{path}#{offset}"
                read_ok += 1
                if len(data) > settings.max_bytes:
                    yield Skipped(where, f"record larger than max_bytes ({settings.max_bytes})")
                    continue
                headers = record.rec_headers
                meta = {
                    "url": headers.get_header("WARC-Target-URI"),
                    "retrieved": headers.get_header("WARC-Date"),
                }
                yield Raw(where, "warc", data, meta)
            stream.seek(end)
            if stream.read(_TAIL).strip():  # a record cut in its first bytes: warcio just stops
                raise InputError("the file ends inside a record")
        except Exception as error:  # warcio on a cut or corrupt file: keep what was read
            cause = error if isinstance(error, InputError) else f"{type(error).__name__}: {error}"
            cause = _printable(cause)
            yield Skipped(path, f"truncated or corrupt WARC after {read_ok} HTML records ({cause})")


def _printable(message: object, limit: int = 160) -> str:
    """A message fit for one report line: the raw bytes a parser quotes made safe and short."""
    text = "".join(c if c.isprintable() else "?" for c in str(message))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _is_html_response(record: Any) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    ctype = (record.http_headers.get_header("Content-Type") or "").lower()
    return bool(ctype.startswith(_HTML_TYPES))


def _has_length(record: Any) -> bool:
    if record.format != "warc":
        return True
    return bool((record.rec_headers.get_header("Content-Length") or "").strip().isdigit())
