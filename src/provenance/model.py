"""The values that flow between stages: a decoded input, a story found in it, a skipped input."""

from __future__ import annotations

import datetime as dt
import re

import attrs

_RECORD = re.compile(r"#L?(\d+)$")


def path_key(path: str) -> tuple[str, int]:
    """Sort key of a path: records of one file (``FILE#L12``, ``FILE#4096``) in file order."""
    match = _RECORD.search(path)
    if match is None:
        return (path, -1)
    return (path[: match.start()], int(match[1]))


@attrs.frozen
class Document:
    """One input decoded to text: a text file, an HTML page, a JSON Lines record, a WARC record.

    Attributes:
        path: the file as the user gave it (relative stays relative); for a record
            inside a file, ``FILE#L<line>`` (JSON Lines, 1-based) or ``FILE#<offset>``
            (WARC, byte offset of the record).
        text: the decoded text (for HTML, the extracted main text); every offset
            in provenance refers to it.
        sha256: hex digest of the raw bytes, to recognise the input again.
        encoding: the codec the bytes were decoded with.
        kind: the input kind: ``text``, ``html``, ``jsonl`` or ``warc``.
        title, date, url: what the input's metadata says (HTML ``<title>`` and
            meta tags, JSON fields), None where it says nothing.
        retrieved: when the page was fetched (a WARC record's ``WARC-Date``).
    """

    path: str
    text: str = attrs.field(repr=False)
    sha256: str
    encoding: str = "utf-8"
    kind: str = "text"
    title: str | None = None
    date: dt.date | None = None
    url: str | None = None
    retrieved: str | None = None


@attrs.frozen
class Story:
    """One story as found in one file.

    Attributes:
        path: the file that carried it.
        index: its position among the stories of that file (0-based).
        title: the headline as seen, or "" when the page gives none.
        body: the story text to compare, without title repeats, captions,
            date lines, bylines and other boilerplate.
        start, end: character offsets of the story's span in the file text.
        line_start, line_end: 1-based first and last line of the span.
        date: the date the page gives for it, if any.
        byline: an author line ("By ...") without the "By".
        source: a "Source: ..." credit without the label.
        encoding: the codec its file was decoded with.
        kind, url, retrieved: those of its `Document`.
    """

    path: str
    index: int
    title: str
    body: str = attrs.field(repr=False)
    start: int
    end: int
    line_start: int
    line_end: int
    date: dt.date | None = None
    byline: str | None = None
    source: str | None = None
    encoding: str = "utf-8"
    kind: str = "text"
    url: str | None = None
    retrieved: str | None = None

    @property
    def position(self) -> tuple[str, int, int]:
        """Where the story sits in the run: the deterministic sort key."""
        return (*path_key(self.path), self.start)


@attrs.frozen
class Skipped:
    """An input that was not processed, and why."""

    path: str
    reason: str
