"""Turn each input file into documents: a text file or an HTML page is one, a JSON Lines
file one per line, a WARC file one per HTML response record.

A reader never raises on bad input: what cannot be read becomes a `Skipped`
with its path (the record's path for a bad record) and the reason, once, and
every good document before and after it is still yielded.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from typing import Any

from warcio.archiveiterator import ArchiveIterator

from .errors import InputError
from .extract import Extracted, extract_html, parse_date
from .model import Document, Skipped
from .settings import Settings
from .sources import decode, kind_of, open_stream, read_bytes, reason

Read = Document | Skipped

TEXT_FIELDS = ("text", "content", "maintext", "body", "article", "raw_content")
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


def read(path: str, settings: Settings) -> Iterator[Read]:
    """The documents of one input file, or the reasons they could not be read."""
    kind = kind_of(path)
    try:
        if kind == "jsonl":
            yield from _jsonl(path, settings)
        elif kind == "warc":
            yield from _warc(path, settings)
        else:
            data = read_bytes(path, max_bytes=settings.max_bytes)
            yield _document(path, data, kind)
    except InputError as error:
        yield Skipped(path, str(error))
    except OSError as error:  # raised while streaming a JSON Lines or WARC file
        yield Skipped(path, reason(error))


def _document(path: str, data: bytes, kind: str, **meta: Any) -> Read:
    if not data.strip():
        return Skipped(path, "empty file" if kind != "jsonl" else "empty text")
    try:
        text, encoding = decode(data)
    except InputError as error:
        return Skipped(path, str(error))
    if kind in ("html", "warc"):
        page = _extract(text)
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


def _jsonl(path: str, settings: Settings) -> Iterator[Read]:
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
        except ValueError as error:  # JSONDecodeError, or bytes that are not UTF-8
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
        yield _document(
            where,
            text.encode("utf-8", "surrogatepass"),
            "jsonl",
            title=title.strip() or None if isinstance(title, str) else None,
            url=url if isinstance(url, str) and url else None,
            date=parse_date(_first(record, date_field, DATE_FIELDS)),
        )


def _warc(path: str, settings: Settings) -> Iterator[Read]:
    read_ok = 0
    with open(path, "rb") as stream:  # warcio gunzips record by record itself
        records = ArchiveIterator(stream)
        try:
            for record in records:
                offset = records.get_record_offset()
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                ctype = (record.http_headers.get_header("Content-Type") or "").lower()
                if not ctype.startswith(_HTML_TYPES):
                    continue
                where = f"{path}#{offset}"
                data = record.content_stream().read(settings.max_bytes + 1)
                read_ok += 1
                if len(data) > settings.max_bytes:
                    yield Skipped(where, f"record larger than max_bytes ({settings.max_bytes})")
                    continue
                headers = record.rec_headers
                yield _document(
                    where,
                    data,
                    "warc",
                    url=headers.get_header("WARC-Target-URI"),
                    retrieved=headers.get_header("WARC-Date"),
                )
        except Exception as error:  # warcio on a cut or corrupt file: keep what was read
            yield Skipped(
                path,
                f"truncated or corrupt WARC after {read_ok} HTML records "
                f"({type(error).__name__}: {error})",
            )
