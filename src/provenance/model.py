"""The values that flow between stages: a decoded file, a story found in it, a skipped input."""

from __future__ import annotations

import datetime as dt

import attrs


@attrs.frozen
class Document:
    """One input decoded to text.

    Attributes:
        path: the path as the user gave it (relative stays relative).
        text: the decoded text; every offset in provenance refers to it.
        sha256: hex digest of the raw bytes, to recognise a file again.
        encoding: the codec the bytes were decoded with.
    """

    path: str
    text: str = attrs.field(repr=False)
    sha256: str
    encoding: str = "utf-8"


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

    @property
    def position(self) -> tuple[str, int]:
        """Where the story sits in the run: the deterministic sort key."""
        return (self.path, self.start)


@attrs.frozen
class Skipped:
    """An input that was not processed, and why."""

    path: str
    reason: str
