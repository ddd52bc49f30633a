"""Split one page's text into its stories.

A page scraped from a news site often carries more than its own article: a
"next story" widget with another story's full text, teaser blocks, links to
other stories, navigation. The segmenter reads the page as lines and looks
for story starts, using signals that hold across sites:

* a headline: a short stand-alone line (blank line before it, no trailing
  comma, not a sentence of a paragraph);
* followed by two or more blank lines and then text or a byline, or
* followed, within its first few lines, by a date line ("Updated ..."), a
  byline ("By ..."), a source credit ("Source: ..."), or a repeat of itself.

A headline without such a signal is a sub-heading and stays in the story.
The lines between a headline and its last signal (captions, "Updated ...",
"Follow", the repeated title) are the story's header and are kept out of
its body. Navigation, share buttons, "Also Read" links and teaser blocks
("Popular posts from this blog", "Related articles") are dropped; teaser
blocks are dropped up to the next story start, since their entries are
excerpts of other pages, not stories of this one. A segment with fewer than
`min_words` body words is boilerplate; a page with no story start is one
story.
"""

from __future__ import annotations

import re

import attrs
from rapidfuzz import fuzz

from .boilerplate import Kind, byline, classify, parse_date, source
from .model import Story
from .text import normalize

_LINE = re.compile(r"[^\n]*\n|[^\n]+$")
_BULLET = re.compile(r"^(?:[•·*▪◦‣>-]|\d{1,3}[.)])\s")
_LOOKAHEAD = 6  # non-blank lines after a headline searched for its header signals
_REPEAT = 90.0  # rapidfuzz ratio at which a line repeats the title
_META = (Kind.DATE, Kind.BYLINE, Kind.SOURCE)
_QUOTE_WORDS = 8  # a repeated line this long is a pull-quote; shorter ones may be table rows
MIN_WORDS = 25


@attrs.frozen
class Line:
    """One non-blank line: its stripped text, span and surroundings."""

    number: int
    start: int
    end: int
    text: str
    kind: Kind
    blanks_before: int
    blanks_after: int

    @property
    def words(self) -> int:
        return len(self.text.split())


def lines(text: str) -> list[Line]:
    """The non-blank lines of `text`, with character offsets of their stripped content."""
    raw: list[tuple[int, int, str]] = []
    blanks = 0
    pending: list[int] = []
    out: list[Line] = []
    for number, match in enumerate(_LINE.finditer(text), start=1):
        content = match.group().rstrip("\r\n")
        stripped = content.strip()
        if not stripped:
            blanks += 1
            continue
        start = match.start() + (len(content) - len(content.lstrip()))
        raw.append((number, start, stripped))
        pending.append(blanks)
        blanks = 0
    for i, (number, start, stripped) in enumerate(raw):
        after = pending[i + 1] if i + 1 < len(raw) else blanks
        kind = classify(stripped)
        if (
            kind in _META
            and after == 0
            and i + 1 < len(raw)
            and _continues(stripped, raw[i + 1][2])
        ):
            kind = Kind.TEXT  # "By Thursday evening, ..." wrapped onto the next line: a sentence
        out.append(Line(number, start, start + len(stripped), stripped, kind, pending[i], after))
    return out


def _continues(line: str, following: str) -> bool:
    """Whether `line` is a sentence running on into the next line of a hard-wrapped paragraph."""
    return line[-1] not in '.!?:;)"”' and following[0].islower()


def _is_headline_shape(page: list[Line], at: int) -> bool:
    """A line that stands alone: a break before it, and no text running on after it."""
    line = page[at]
    text = line.text
    runs_on = line.blanks_after == 0 and at + 1 < len(page) and page[at + 1].kind is Kind.TEXT
    return (
        line.kind is Kind.TEXT
        and (line.blanks_before >= 1 or at == 0)
        and not runs_on
        and 2 <= line.words <= 30
        and len(text) <= 250
        and text[-1] not in ",;"
        and not text[0].islower()
        and not _BULLET.match(text)
        and any(ch.isalpha() for ch in text)
    )


def _is_paragraph(line: Line) -> bool:
    return line.words >= 25 or len(line.text) > 250


def _repeats(line: Line, title: str) -> bool:
    return fuzz.ratio(normalize(line.text), normalize(title)) >= _REPEAT


def _header_end(page: list[Line], at: int) -> int | None:
    """Index of the last header signal after a headline at `at`, or None if it has none."""
    headline = page[at]
    end = None
    paragraphs = 0
    for j in range(at + 1, min(at + 1 + _LOOKAHEAD, len(page))):
        line = page[j]
        if line.kind in _META:
            end = j
        elif line.kind is Kind.TEXT:
            if _repeats(line, headline.text):
                end = j
            elif _is_headline_shape(page, j):
                break  # the next headline candidate: its signals are its own
            elif _is_paragraph(line):
                paragraphs += 1
                if paragraphs > 1:
                    break
    if end is None and headline.blanks_after >= 2 and at + 1 < len(page):
        after = page[at + 1]
        if (after.kind in _META or _is_paragraph(after)) and not _is_pull_quote(page, at):
            end = at
    return end


def _is_pull_quote(page: list[Line], at: int) -> bool:
    """A sentence that the page prints again elsewhere is a pull-quote, not a headline."""
    quote = normalize(page[at].text)
    sentence_long = page[at].words >= 15
    for j, other in enumerate(page):
        if j == at or other.kind is not Kind.TEXT:
            continue
        text = normalize(other.text)
        if len(text) >= 1.2 * len(quote):
            if fuzz.partial_ratio(quote, text) >= _REPEAT:
                return True
        elif sentence_long and len(text) >= 0.8 * len(quote) and fuzz.ratio(quote, text) >= _REPEAT:
            return True
    return False


def story_starts(page: list[Line]) -> list[tuple[int, int]]:
    """(headline index, header end index) of every story start on the page."""
    starts: list[tuple[int, int]] = []
    j = 0
    while j < len(page):
        if _is_headline_shape(page, j):
            end = _header_end(page, j)
            if end is not None:
                starts.append((j, end))
                j = end + 1
                continue
        j += 1
    return starts


@attrs.define
class _Draft:
    """A story being assembled from its lines."""

    title: Line | None
    body: list[Line] = attrs.Factory(list)
    meta: list[Line] = attrs.Factory(list)

    def take(self, line: Line) -> None:
        if line.kind is Kind.TEXT:
            self.body.append(line)
        elif line.kind in _META:
            self.meta.append(line)

    def story(self, path: str, index: int) -> Story:
        title = self.title.text if self.title else ""
        seen: set[str] = {normalize(title)} if title else set()
        kept: list[Line] = []
        for line in self.body:
            key = normalize(line.text)
            if (key in seen and line.words >= _QUOTE_WORDS) or (title and _repeats(line, title)):
                continue  # a title repeat, or a pull-quote printed twice
            seen.add(key)
            kept.append(line)
        first = self.title or (self.body[0] if self.body else self.meta[0])
        last = self.body[-1] if self.body else first
        return Story(
            path=path,
            index=index,
            title=title,
            body="\n".join(line.text for line in kept),
            start=first.start,
            end=last.end,
            line_start=first.number,
            line_end=last.number,
            date=next((d for m in self.meta if (d := parse_date(m.text))), None),
            byline=next((b for m in self.meta if (b := byline(m.text))), None),
            source=next((s for m in self.meta if (s := source(m.text))), None),
        )

    @property
    def words(self) -> int:
        return sum(line.words for line in self.body)


def _drafts(page: list[Line], starts: list[tuple[int, int]]) -> list[_Draft]:
    """One draft before the first start (the page's preamble), then one per start."""
    drafts = []
    bounds = [(-1, -1), *starts]
    for k, (title_at, header_end) in enumerate(bounds):
        stop = starts[k][0] if k < len(starts) else len(page)
        draft = _Draft(title=page[title_at] if title_at >= 0 else None)
        for line in page[title_at + 1 : header_end + 1] if title_at >= 0 else ():
            if line.kind is not Kind.TEXT:
                draft.take(line)  # header: keep the date, byline and source; drop the rest
        for at in range(header_end + 1, stop):
            line = page[at]
            if (
                line.kind is Kind.TEXT
                and draft.title is None
                and not draft.body
                and _is_first_headline(page, at)
            ):
                draft.title = line
                continue
            if line.kind is Kind.TEASER:
                break  # a teaser block runs to the next story start
            draft.take(line)
        drafts.append(draft)
    return drafts


def _is_first_headline(page: list[Line], at: int) -> bool:
    """A page's opening line is its headline when text, not another headline, follows it."""
    return (
        _is_headline_shape(page, at)
        and page[at].blanks_after >= 1
        and at + 1 < len(page)
        and not _is_headline_shape(page, at + 1)
    )


def segment(text: str, path: str = "", *, min_words: int = MIN_WORDS) -> list[Story]:
    """The stories of one page, in page order; `[]` only when the page has no words.

    A start whose story would be shorter than `min_words` was not a story
    start: its lines go back to the story before it, and the page is read
    again. The preamble before the first start is kept only if it is long
    enough to be a story of its own.
    """
    page = lines(text)
    starts = story_starts(page)
    while True:
        drafts = _drafts(page, starts)
        short = {k - 1 for k in range(1, len(drafts)) if drafts[k].words < min_words}
        if not short:
            break
        starts = [start for k, start in enumerate(starts) if k not in short]
    stories = [d for d in drafts if d.words >= min_words]
    if not stories:
        whole = _Draft(title=None)
        for draft in drafts:
            if draft.title and whole.title is None and not whole.body:
                whole.title = draft.title
            elif draft.title:
                whole.body.append(draft.title)
            whole.body.extend(draft.body)
            whole.meta.extend(draft.meta)
        if not whole.body and whole.title is None:
            return []
        stories = [whole]
    return [draft.story(path, i) for i, draft in enumerate(stories)]
