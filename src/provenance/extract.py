"""The main text of an HTML page, and what its metadata says: title, canonical URL, date.

Boilerplate removal on HTML is a solved problem better left to a maintained
extractor (trafilatura: see docs/extraction-table.md for how it was chosen);
this module only adapts its result to a `Document`.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
from types import ModuleType

import attrs
from dateutil import parser as date_parser


@attrs.frozen
class Extracted:
    """The main text of a page and its metadata (None where the page gives none)."""

    text: str
    title: str | None = None
    url: str | None = None
    date: dt.date | None = None


def parse_date(value: object) -> dt.date | None:
    """A date from a metadata value: ISO strings, most written dates, Unix seconds."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        if isinstance(value, int | float):
            return dt.datetime.fromtimestamp(value, dt.UTC).date()
        if isinstance(value, str) and value.strip():
            return date_parser.parse(value.strip()).date()
    except (ValueError, OverflowError, OSError):
        return None
    return None


@functools.cache
def _trafilatura() -> ModuleType:
    """trafilatura, imported for the first page: a run without HTML does not wait for it."""
    import trafilatura

    # trafilatura logs "discarding data" and similar at WARNING for ordinary pages: a
    # page with no text is reported once, as a skipped input, not as log noise. (Set
    # after the import, which sets htmldate's level itself.)
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    logging.getLogger("htmldate").setLevel(logging.ERROR)
    return trafilatura


def extract_html(html: str) -> Extracted:
    """The page's main text, paragraphs one per line, without navigation, comments or ads."""
    document = _trafilatura().bare_extraction(
        html,
        fast=True,  # no readability/justext fallback: as accurate here, a third faster
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        deduplicate=False,
    )
    if document is None:
        return Extracted(text="")
    # .as_dict(), not as_dict=True: that argument is deprecated and warns on every page
    found = document if isinstance(document, dict) else document.as_dict()
    return Extracted(
        text=found.get("text") or "",
        title=(found.get("title") or "").strip() or None,
        url=found.get("url") or None,
        date=parse_date(found.get("date")),
    )
