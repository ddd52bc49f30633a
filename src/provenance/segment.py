"""Split one page's text into its stories.

A page scraped from a news site often carries more than its own article: a
"next story" widget with another story's full text, teaser blocks, links to
other stories, navigation. The segmenter reads the page as lines and looks
for story starts, using signals that hold across sites:

* a headline: a stand-alone line of 4 to 30 words (2 at the top of a page) (a break before it, no
  text running on after it unless its date or byline follows with no break, no trailing comma,
  not a list item, no word in lower case first);
* followed, within its first few lines, by a date line ("Updated ..."), a
  byline ("By ..."), a source credit ("Source: ..."), or a repeat of itself
  (unless the page prints that line three or more times: then it is a
  template label, such as a share row or a table header); or
* followed by a lede that opens with a wire dateline ("LONDON (Reuters) - ",
  "NEW YORK, March 3 - ", "ISLAMABAD: "), directly or after a short editor's note; or
* followed by two or more blank lines and then prose or a byline, on pages
  where double gaps are rare (where every paragraph is followed by two blank
  lines, they mark nothing); a sentence the page prints again elsewhere is a
  pull-quote, not a headline.

A headline without such a signal is a sub-heading and stays in the story.
The lines between a headline and its last signal (captions, "Updated ...",
"Follow", the repeated title) are the story's header and are kept out of
its body. Navigation, share buttons and "Also Read" links are dropped. A
teaser block ("Popular posts from this blog", "Related articles") is
dropped until prose resumes (two prose lines in a row) or the next story
starts: its entries are excerpts of other pages, not stories of this one.

A story needs `min_words` words of prose (lines that read as sentences, not
menus or lists of headlines); under a dated or credited start, half as many, and
rows of figures count (a table, a short excerpt under a byline). A start whose
story has fewer was not a start: its lines go back to the story before it.
The text before the first start is kept only if it is a story by the same
measure; a page with no story at all is one story. A block whose prose is a
small share of its words (a menu holding a slogan) is navigation: beside a
story it is dropped, alone it stays the page's story.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from functools import cached_property

import attrs
from rapidfuzz import fuzz

from .boilerplate import (
    LIST_MARKS,
    Kind,
    byline,
    is_pitch,
    opens_with_date,
    parse_date,
    source,
)
from .ends import (
    FIGURE,
    HANDLE_RE,
    LIST_ODD,
    furniture_run,
    is_odd,
    own_end,
)
from .lines import (
    BY_ALONE,
    BY_NAME,
    CONNECTORS,
    DIGITS,
    HEADLINE_WORDS,
    META,
    WRAPPED_WORDS,
    Line,
    continues,
    ends_sentence,
    lines,
    normalized,
    paragraph_sized,
    title_case,
)
from .markup import is_markdown
from .model import Story
from .text import word_count

# A list item, no headline: "• ...", "2. ...", "[2] ..." (a footnote; a link's number in a
# text browser's dump runs on into its text: "[16]Drought aid appeal").
_BULLET = re.compile(rf"^(?:[{LIST_MARKS}>-]|\d{{1,3}}[.)]|\[\d{{1,3}}\])\s")
# A word in lower case: a line that opens with one runs on from a sentence, but for a brand
# written so ("my6sense", "iPhone", "eBay"), which holds a capital or a digit.
_LOWER_WORD = re.compile(r"[^\W\d_A-Z]+(?:\s|$|[^\w])")
_SENTENCE_STOP = re.compile(r"\.['\"”’)]*$")  # a full stop, inside quotes or not: "… it.”"
_FULL_STOP = re.compile(r"[a-z]{2}\.$")  # ends a sentence ("... comments."), not "U.S." or "..."
_SENTENCES = re.compile(r"[a-z]{2}[.!?]['\"”’)]*(?:\s+[A-Z]|$)")  # "… the crisis. It is …"
# A wire dateline opening a lede: "LONDON (Reuters) - ", "NEW YORK, March 3 - ", "ISLAMABAD: ".
_DATELINE = re.compile(
    r"^[A-Z][A-Z.'’ -]{1,40}[A-Z.](?:,\s*[A-Z][\w.'’ -]{1,40}?)?(?:,?\s*\w{3,9}\.? \d{1,2})?"
    r"(?:\s*\([A-Za-z][\w .&'’-]{1,30}\))?\s*(?:[-–—]+|:)\s+\S"
)
# Labels that open a line the way a dateline does, but name no place: "UPDATE 1-", "NOTE:".
_NOT_A_PLACE = re.compile(
    r"^(?:UPDATE[ \d]*|NOTE|EDITOR'?’?S NOTE|CORRECTION|CLARIFICATION|BREAKING(?: NEWS)?|WATCH|"
    r"LIVE|PHOTOS?|VIDEO|ADVERTISEMENT|SPONSORED|OPINION|ANALYSIS|EXCLUSIVE|FILE)\s*[:\-–—]"
)
# A note's label: "Editor's note: …", "Correction: …", "UPDATE - …".
_NOTE_LABEL = re.compile(
    r"(?:editor['’]?s['’]?\s+note|note|correction|clarification|update)\s*[:\-–—]", re.IGNORECASE
)
_LOOKAHEAD = 6  # non-blank lines after a headline searched for its header signals
_SHARE_LINES = 12  # and boilerplate lines beside them
_REPEAT = 90.0  # rapidfuzz ratio at which a line repeats the title
# `fuzz.ratio` is 100 * (1 - d / (a + b)) for texts of lengths a and b, their indel distance d
# at least |a - b|: keys whose lengths differ by more than a tenth of their sum are no repeat.
_RATIO_SCALE = 100
_LABEL_COUNT = 3  # a line printed this often on one page is a template label, not a title
_MAIN_HEADINGS = 2  # main headings of a Markdown page from which none is its headline
_DOUBLE_GAPS = 0.5  # share of double gaps from which two blank lines mark nothing
_NAMED = frozenset((Kind.BYLINE, Kind.SOURCE))  # who wrote or sent it: a credit a comment lacks
_QUOTE_WORDS = 8  # a repeated line this long is a pull-quote; shorter ones may be table rows
_LABEL_WORDS = 3  # a place name or a kicker between a headline and its lede
_NOTE_LINES = 4  # an editor's note between a headline and its lede: at most this many lines
_NOTE_WORDS = 60  # and this many words
# What divides a page's title line: "Headline - Site", "Headline | Section | Site".
_TITLE_PARTS = re.compile(r"\s+(?:[-|–—·•»/:]|::)\s+")
_UNDERLINE = re.compile(r"[-=_~]{10,}")  # a rule under a plain-text title
_NAMES_MIN, _NAMES_MAX = 2, 10  # words of a credit line without "By"
_NAME_JOINS = frozenset({"and", "&"})
# and in a newsroom's name under a deck: "Press Trust of India Washington" (over a headline,
# "Rise in Prices of Oil" may be a headline in title case)
_NEWSROOM_JOINS = _NAME_JOINS | {"of", "in"}
# What divides a byline's names and roles: "A and B", "Chris Cillizza, CNN Editor-at-large",
# "Rachael Rettner - Senior Writer", "Ed Cara | Gizmodo".
_NAME_PARTS = re.compile(r"\s*(?:,|;|&|\||\band\b|\s[-–—]\s)\s*", re.IGNORECASE)
_TITLE_OPENING = 12  # characters of a line looked for in the title line before it is compared
_SITE_WORDS = 4  # a site's or a section's name after a bar in a page's title line
_STANDFIRST_WORDS = 12  # a deck under its headline is this long; a headline rarely is
_LEDE_WORDS = 12  # an opening line this long that ends a sentence is a lede, not a headline
_SIGNED_WORDS = 2  # a headline this short still starts a story over its byline
_CREDITED_SHARE = 0.5  # of `min_words`: enough for a story under a dated or credited start
# What no headline a page prints over its lede holds: a web address, a handle, a divider
# of credits or labels ("Alex Wong | Getty Images", "Text: Jane Doe · 11 October 2018"), a
# time of day ("Updated Nov 19, 9:41 AM").
_NO_HEADLINE = re.compile(r"www\.|://|[@#]\w|\s[|·•/]\s|\d:\d\d\s*[AaPp]\.?[Mm]\b")
_NAV_PROSE = 0.15  # a block whose prose is a smaller share of its words is navigation
MIN_WORDS = 25


def _full_stop(text: str) -> bool:
    """Whether the line ends a sentence with a full stop (`_FULL_STOP`), searched for in its
    last four characters (its three, and a newline that `$` allows after them): a search of
    the whole line would try the pattern at every letter of it."""
    return bool(_FULL_STOP.search(text[-4:]))


def _is_dateline(text: str) -> bool:
    # `_DATELINE` needs a dash or a colon after the place, and may backtrack for long over a
    # line in capitals without one ("GERMAN CURRENT ACCOUNT SURPLUS WIDENS IN FEBRUARY").
    if "-" not in text and ":" not in text and "–" not in text and "—" not in text:
        return False
    return bool(_DATELINE.match(text)) and not _NOT_A_PLACE.match(text)


def _same_line(line: Line, other: Line) -> bool:
    """Whether two lines print the same text: near-identical, with the same figures (the next
    item of a numbered list is not a repeat)."""
    if abs(line.words - other.words) > max(2, other.words // 4):
        return False  # a ratio of 90 needs word counts close to each other (most differ)
    a, b = len(line.text), len(other.text)
    if abs(a - b) > 0.3 * max(a, b):
        return False  # and lengths close to each other
    key, other_key = line.key, other.key
    if _RATIO_SCALE * abs(len(key) - len(other_key)) > (_RATIO_SCALE - _REPEAT) * (
        len(key) + len(other_key)
    ):
        return False  # (the ratio's bound, exact: it needs no call to `fuzz.ratio`)
    return fuzz.ratio(key, other_key) >= _REPEAT and DIGITS.findall(key) == DIGITS.findall(
        other_key
    )


def _prose_alone(line: Line) -> bool:
    """Whether a prose line reads as prose without the lines around it: a paragraph, or a
    sentence's end (not only a line of a hard-wrapped paragraph)."""
    return line.is_paragraph or (line.words >= WRAPPED_WORDS and ends_sentence(line.text))


@attrs.define
class Page:
    """The lines of one page and what the segmenter learns from the page as a whole."""

    lines: list[Line]
    marked: bool = False  # written in Markdown
    _dates: dict[str, dt.date | None] = attrs.field(factory=dict, init=False, repr=False, eq=False)

    @classmethod
    def of(cls, text: str) -> Page:
        marked = is_markdown(text)
        return cls(lines(text, marked=marked), marked)

    def __len__(self) -> int:
        return len(self.lines)

    def __getitem__(self, at: int) -> Line:
        return self.lines[at]

    def date_of(self, line: Line) -> dt.date | None:
        """`parse_date` of the line, read once a page: the page's date lines are asked for
        by `_page_date` and again by each story that holds them, and reading one is slow."""
        text = line.text
        if text not in self._dates:
            self._dates[text] = parse_date(text)
        return self._dates[text]

    @cached_property
    def comments_at(self) -> int:
        """Where the readers' comments begin ("Top Rated Comments"), or the page's end: under
        a paragraph of prose. Above any, the header is a count of them, a link to the thread
        ("reader comments" / "87" / "with 59 posters participating" under a byline)."""
        lines = self.lines
        searched = 0  # the lines before it hold no paragraph of prose
        for at, line in enumerate(lines):
            if line.kind is Kind.COMMENTS:  # (most pages hold none: no paragraph is looked for)
                if any(above.is_prose and above.is_paragraph for above in lines[searched:at]):
                    return at
                searched = at
        return len(self)

    @cached_property
    def counts(self) -> Counter[str]:
        """How often each line occurs on the page."""
        return Counter(line.text for line in self.lines)

    @cached_property
    def double_gaps_mark_breaks(self) -> bool:
        """Whether two blank lines are rare enough here to mark a break."""
        gaps = [line.blanks_before for line in self.lines[1:] if line.blanks_before]
        return sum(g >= 2 for g in gaps) < _DOUBLE_GAPS * max(1, len(gaps))

    @cached_property
    def headline_at(self) -> int | None:
        """Where the page prints its first line again, alone or without the site's name it
        appends ("Esper accuses China ... - Houston Chronicle" over menus, then "Esper accuses
        China ..."): that first line is the page's title, the later one its headline. Only
        before the first paragraph: further down, a repeat is a link in a list of stories.
        In Markdown, the page's main heading ("# Title") is its headline, where it marks
        one or two lines: a site that marks every teaser's headline so marks none."""
        if self.marked:
            headings = [at for at, line in enumerate(self.lines) if line.heading]
            if len(headings) == _MAIN_HEADINGS and self._names_section(*headings):
                headings = headings[1:]
            if 0 < len(headings) <= _MAIN_HEADINGS and self[headings[0]].kind is Kind.TEXT:
                return headings[0]
        if len(self) < 2:
            return None
        shapes = self._standing
        names: set[str] = set()
        title, most = self.lines[0].text.casefold(), self.lines[0].words
        for at, line in enumerate(self.lines[1:], start=1):
            if line.kind is not Kind.TEXT:
                continue
            if paragraph_sized(line.text, line.words):
                return None  # (a cookie banner over the headline is no paragraph of text)
            if not shapes[at]:  # standing alone or not, still the headline: right under a
                # kicker with no break, or after a break over its deck with no break
                if line.words > most:
                    continue
                if line.text[:_TITLE_OPENING].casefold() not in title:
                    continue  # (asked first: most lines open with no words of the title line)
                if line.blanks_before:
                    if line.words < HEADLINE_WORDS:
                        continue  # a menu's item runs on into the next one: "Market Data"
                elif not self._headline_shape(at, after_text=True):
                    continue
            names = names or _title_names(self.lines[0])
            if line.key in names:
                return at
        return None

    @cached_property
    def _shapes(self) -> list[bool]:
        """`is_headline_shape` of every line: those that stand alone, and the page's headline
        even with no break before it (a kicker right over it: "Entrepreneur" over "New York
        State Attorney General investigating WeWork and former CEO", as a text dump that
        keeps the HTML's line breaks prints it)."""
        shapes = self._standing
        at = self.headline_at
        if at is not None and not shapes[at]:
            shapes = [*shapes[:at], True, *shapes[at + 1 :]]
        return shapes

    @cached_property
    def _standing(self) -> list[bool]:
        """Which lines stand alone as a headline does; a line of two or three words counts
        over a byline ("4TH QTR NET" over "By the Newsroom Team"): a label is not signed.

        Asked once a line: `_SIGNED_WORDS` words, and `HEADLINE_WORDS` unless a byline follows
        (the shape's other tests do not depend on the count). A line of text after a break, or
        the page's first, is all that may stand so: the others are ruled out without a call."""
        lines = self.lines
        standing = [False] * len(lines)
        for at, line in enumerate(lines):
            if line.kind is not Kind.TEXT or not (line.blanks_before >= 1 or at == 0):
                continue  # (most lines: the first tests of `_headline_shape`)
            signed = at + 1 < len(lines) and lines[at + 1].kind is Kind.BYLINE
            standing[at] = (line.words >= HEADLINE_WORDS or signed) and self._headline_shape(
                at, _SIGNED_WORDS
            )
        return standing

    def is_headline_shape(self, at: int, *, min_words: int = HEADLINE_WORDS) -> bool:
        """A line that stands alone: a break before it, and no text running on after it."""
        if min_words == HEADLINE_WORDS:
            return self._shapes[at]  # asked for every line, often more than once: computed once
        return self._headline_shape(at, min_words)

    def _headline_shape(
        self, at: int, min_words: int = HEADLINE_WORDS, *, after_text: bool = False
    ) -> bool:
        line = self.lines[at]
        text = line.text
        return (
            line.kind is Kind.TEXT
            and (line.blanks_before >= 1 or at == 0 or after_text)
            and min_words <= line.words <= 30  # (the cheap tests first: most lines fail them)
            and len(text) <= 250
            and (not self._runs_on(at) or self._heads_meta(at))
            and text[-1] not in ",;:"  # a line that introduces the next: "Forwarded from the wire:"
            and not (text[0].islower() and _LOWER_WORD.match(text))
            and text[0] not in "—–"  # "— Name (@handle) date": an embedded post's attribution
            and "(@" not in text
            and not (text[:3] in ("By ", "BY ") and BY_NAME.match(text))
            and not _BULLET.match(text)
            and not opens_with_date(text)
        )

    def _heads_meta(self, at: int) -> bool:
        """Whether a date, byline or credit follows the line within two lines, with no break
        before it: a headline over its header on a page printed without blank lines (a
        headline, a deck, "By Associated Press", "November 18, 2019 — 8:21pm"; "By" may
        stand on a line of its own over the name, as a dump that prints each element's text
        on a line of its own does)."""
        lines = self.lines
        if ends_sentence(lines[at].text):
            return False
        for j in range(at + 1, min(at + 3, len(lines))):
            if lines[j].kind in META or (lines[j].text in BY_ALONE and self._credited_after(j)):
                return True
            if lines[j].kind is not Kind.TEXT:
                return False
            if lines[j].blanks_after:  # a deck, a break, then its credits
                return (
                    j == at + 1
                    and self._credited_after(j + 1)
                    and not continues(lines[at].text, lines[j].text)  # (may read a date: last)
                )
        return False

    def _credited_after(self, at: int) -> bool:
        """Whether a date, byline or credit stands at `at`, perhaps under a "By" alone."""
        lines = self.lines
        if at < len(lines) and lines[at].kind is Kind.BOILERPLATE:
            at += 1
        return at < len(lines) and lines[at].kind in META

    def _runs_on(self, at: int) -> bool:
        """Whether text runs on from the line into the next one, with no break between."""
        lines = self.lines
        return (
            lines[at].blanks_after == 0 and at + 1 < len(lines) and lines[at + 1].kind is Kind.TEXT
        )

    def repeats(self, line: Line, title: Line) -> bool:
        """Whether `line` prints `title` again (a label printed on every item does not count)."""
        return self.counts[title.text] < _LABEL_COUNT and _same_line(line, title)

    def is_pull_quote(self, at: int) -> bool:
        """A sentence that the page prints again elsewhere is a pull-quote, not a headline."""
        quote = self[at].key
        sentence_long = self[at].words >= 15
        for j, other in enumerate(self.lines):
            if j == at or other.kind is not Kind.TEXT:
                continue
            key = other.key  # (looked up once a line: each lookup calls the cache)
            if len(key) >= 1.2 * len(quote):
                if fuzz.partial_ratio(quote, key) >= _REPEAT:
                    return True
            elif (
                sentence_long and len(key) >= 0.8 * len(quote) and fuzz.ratio(quote, key) >= _REPEAT
            ):
                return True
        return False

    def header_end(self, at: int) -> int | None:
        """Index of the last header signal after a headline at `at`, or None if it has none."""
        lines, shapes = self.lines, self._shapes  # (`shapes`: `is_headline_shape` of each line)
        headline = lines[at]
        end = None
        paragraphs = 0
        sentence = _full_stop(headline.text)  # "… the horrific details."

        header = True  # no text yet under the headline or its last signal
        labelled = False
        for j in self._header_span(at):
            line = lines[j]
            if line.kind in META:
                end = j
                header = True
            elif line.kind is Kind.TEXT:
                if self.repeats(line, headline):
                    end = j
                    header = True
                elif shapes[j]:
                    if j == at + 2 and not header and self._credits_deck(at, j):
                        end = j  # under the deck, its credit over the date: "Press Trust of
                        header = True  # India Washington", a headline by its shape alone
                        continue
                    if (
                        header
                        and j != self.headline_at  # the page's headline is no other's deck
                        and (not labelled or _SENTENCES.search(line.text))
                        and (self.is_deck(j, headline) or at == self.headline_at)
                    ):
                        # one deck (any line right under the headline the page's title line
                        # names): a second is the next story's headline
                        header = False
                        continue  # part of the headline's header
                    break  # the next headline candidate: its signals are its own
                elif j == at + 1 and line.words <= _LABEL_WORDS and not ends_sentence(line.text):
                    labelled = True  # a label right under the headline ("Editorial"): over
                    continue  # a deck of sentences ("The authorities’ repression has …")
                else:
                    header = False
                    if line.is_paragraph:
                        paragraphs += 1
                        if paragraphs > 1 or sentence:
                            break  # a sentence over a paragraph over a date: a story's end
        if end is None and at == self.headline_at:
            end = at  # the page's title line names it: the story's headline
        if end is None and self.lede_follows(at):
            end = at  # a headline over a datelined lede: a wire story starts here
        if end is None and self.opens_next(at):
            end = at  # a headline cut from its own lede: the lede follows it
        if end is None and self.underlined(at):
            end = at  # a plain-text newsletter's item: its title underlined, then its text
        if (
            end is None
            and headline.blanks_after >= 2
            and at + 1 < len(lines)
            and self.double_gaps_mark_breaks
            and (lines[at + 1].kind in META or self.prose_follows(at + 1))
            and not self.is_pull_quote(at)
        ):
            end = at
        return end

    def _credits_deck(self, at: int, j: int) -> bool:
        """Whether the line at `j`, under the deck of the headline at `at`, is their credit:
        names over the date, under a deck that ends a sentence ("The White House on Tuesday
        said …" over "Press Trust of India Washington" over "November 20, 2019"). Not under
        a "headline" that ends a sentence itself (a story's last lines), and not over a
        byline: a headline in title case over its byline reads as names too."""
        lines = self.lines
        return (
            not _SENTENCE_STOP.search(lines[at].text)
            and _full_stop(lines[at + 1].text)
            and j + 1 < len(lines)
            and lines[j + 1].kind is Kind.DATE
            and _names(lines[j].text, _NEWSROOM_JOINS)
        )

    def _header_span(self, at: int) -> range:
        """The lines after a headline searched for its header signals: `_LOOKAHEAD` lines
        but for boilerplate among them (a share row printed one button a line: "Facebook",
        "Twitter", "Email", "Print"), up to `_SHARE_LINES` of it."""
        lines = self.lines
        stop = at + 1
        counted = skipped = 0
        while stop < len(lines) and counted < _LOOKAHEAD:
            if lines[stop].kind is Kind.BOILERPLATE and skipped < _SHARE_LINES:
                skipped += 1
            else:
                counted += 1
            stop += 1
        return range(at + 1, stop)

    def is_deck(self, at: int, headline: Line) -> bool:
        """A line right under a headline that is not one itself: a standfirst (a sentence,
        or any line over its authors' names over the date: "The Chinese government has said
        ..." over "Brigit Katz" over "November 19, 2019"), or those names over the date
        (`_names`: "Alexandra Ma and Shona Ghosh"). A "headline" that ends a sentence is a
        story's last line, and the line under it a headline."""
        lines = self.lines
        if _SENTENCE_STOP.search(headline.text):
            return False
        if _full_stop(lines[at].text):
            return True
        if (
            at + 1 < len(lines)
            and lines[at + 1].kind in META
            and lines[at].words >= _STANDFIRST_WORDS
            and lines[at].words > headline.words
            and at != self.headline_at
            and not title_case(lines[at].text)
            and not _NO_HEADLINE.search(headline.text)  # under "Lifestyle | Dear Abby": its own
        ):
            return True  # a standfirst (longer than its headline, in sentence case) over the date
        return self._signed(at) or (at + 1 < len(lines) and self._signed(at + 1))

    def _signed(self, at: int) -> bool:
        """Whether the line is names (`_names`) over a date, a byline or a credit, the
        author's handle perhaps between them ("Sabrina Barr" / "@fabsab7" / the date)."""
        lines = self.lines
        j = at + 1
        if j < len(lines) and HANDLE_RE.fullmatch(lines[j].text):
            j += 1
        return j < len(lines) and lines[j].kind in META and _names(lines[at].text)

    def lede_follows(self, at: int) -> bool:
        """Whether a datelined lede follows the headline at `at`: on the next line, or
        after one short note (an editor's note or a correction: a block of at most
        `_NOTE_LINES` lines and `_NOTE_WORDS` words, no headline unless it ends a sentence)."""
        lines = self.lines
        if _is_dateline(lines[at].text) or _full_stop(lines[at].text):
            return False  # a short lede itself, or a sentence (a note over its lede): no headline
        j = at + 1
        if (
            j < len(lines)
            and lines[j].kind is Kind.TEXT
            and not _is_dateline(lines[j].text)  # the lede itself, on the next line: no note
            and (not self._shapes[j] or _full_stop(lines[j].text))
        ):
            block = j
            while j < len(lines) and j - block < _NOTE_LINES and lines[j].blanks_after == 0:
                j += 1  # the note's wrapped lines
            j += 1
            note = lines[block:j]
            if (
                note[-1].blanks_after == 0
                or any(line.kind is not Kind.TEXT for line in note)
                or sum(line.words for line in note) > _NOTE_WORDS
            ):
                j = block  # not a note: the lede, if any, is the next line
        while j < len(lines) and lines[j].kind is Kind.BOILERPLATE:
            j += 1  # a read time, a share row: "Rodrigo Campos" over "5 Min Read" over the lede
        return j < len(lines) and lines[j].kind is Kind.TEXT and _is_dateline(lines[j].text)

    def prose_follows(self, at: int) -> bool:
        """Whether prose starts at line `at`, or right after a short label there (a place
        name, a kicker: at most `_LABEL_WORDS` words, no headline)."""
        line = self.lines[at]
        if line.is_prose:
            return True
        return (
            line.kind is Kind.TEXT
            and line.words <= _LABEL_WORDS
            and not self.is_headline_shape(at)
            and at + 1 < len(self.lines)
            and self.lines[at + 1].is_prose
        )

    def underlined(self, at: int) -> bool:
        """Whether a rule of dashes or equals signs underlines the line, with no break between
        them, and prose follows (a paragraph, or a hard-wrapped one's first line): a plain-text
        newsletter's or document's title ("** Hunter catches bubonic plague after eating wild
        rabbit" over "-----…" over its text)."""
        lines = self.lines
        return (
            lines[at].blanks_after == 0
            and at + 2 < len(lines)
            and bool(_UNDERLINE.fullmatch(lines[at + 1].text))
            and (
                self.prose_follows(at + 2)
                or (lines[at + 2].kind is Kind.TEXT and self._runs_on(at + 2))
            )
        )

    def opens_next(self, at: int) -> bool:
        """Whether the line is the opening words of the prose paragraph below it, cut off
        without a sentence end: a title made from the lede ("Verified video footage, eyewitness
        testimony from people on" over "Verified video footage, eyewitness testimony from
        people on the ground ..."), as printed or with a word or two changed. A one-line
        note may stand between, labelled as one ("Editor's note: This story has been updated.",
        "Correction: …"): a paragraph that opens with a sub-heading's words is no lede under it."""
        lines = self.lines
        line = lines[at]
        if ends_sentence(line.text):
            return False
        for j in range(at + 1, min(at + 3, len(lines))):
            following = lines[j]
            if following.kind is not Kind.TEXT:
                return False
            if (
                following.is_prose
                and following.words > line.words
                and fuzz.ratio(line.key, following.opening(len(line.key))) >= _REPEAT
            ):
                return True
            if not (_NOTE_LABEL.match(following.text) and following.words <= _NOTE_WORDS):
                return False  # only a note of one line may stand between
        return False

    def _names_section(self, first: int, second: int) -> bool:
        """Whether a page's first main heading, right over its second, names its section
        ("Resources" over "PNG to set up resources investment corporation"): the headline is
        the second."""
        return second == first + 1 and self[first].words < HEADLINE_WORDS <= self[second].words

    def story_starts(self) -> list[tuple[int, int]]:
        """(headline index, header end index) of every story start on the page."""
        starts: list[tuple[int, int]] = []
        shapes = self._shapes  # `is_headline_shape` of every line
        j = 0
        while j < len(shapes):
            if shapes[j]:
                end = self.header_end(j)
                if end is not None:
                    if starts and (
                        self._deck_of(starts[-1], j)
                        or self._rest_of_header(starts[-1], j, end)
                        or self._furniture_of(starts[-1], j, end)
                    ):
                        starts[-1] = (starts[-1][0], end)  # the deck's signals: the headline's
                    else:
                        starts.append((j, end))
                    j = end + 1
                    continue
            j += 1
        return starts

    def _deck_of(self, start: tuple[int, int], at: int) -> bool:
        """Whether the headline at `at` is the deck of the page's headline that starts right
        above it: the title line names that one, or it repeats the title line ("Fargo
        creator Noah Hawley is in final talks …" over "Star Trek 4 is alive" over the byline).
        Under the deck of the headline the title line names, it is that headline's credit
        ("Edwin Marsh in Hong Kong and Yuan Li in Beijing" over its date)."""
        title_at, end = start
        if title_at == self.headline_at and end + 2 == at and not self[end + 1].is_prose:
            return True  # under its deck, a credit that reads as a headline over its date
        return end + 1 == at and (
            title_at == self.headline_at
            or (end > title_at and self.repeats(self[end], self[title_at]))
        )

    def _rest_of_header(self, start: tuple[int, int], at: int, end: int) -> bool:
        """Whether the start at `at` (its header ending at `end`) is the rest of the header
        right above it, split by a line: a byline there, its date here, and neither twice
        ("The Impeachment Clock" / "By Victor Davis Hanson" / "About Victor Davis Hanson" /
        "Follow Victor Davis Hanson on Twitter" / the date). An item of a list has both."""
        title_at, above_end = start
        if above_end + 1 != at:
            return False
        above = {line.kind for line in self.lines[title_at + 1 : above_end + 1]}
        here = {line.kind for line in self.lines[at + 1 : end + 1]}
        return (
            Kind.BYLINE in above
            and Kind.DATE not in above
            and Kind.DATE in here
            and Kind.BYLINE not in here
        )

    def _furniture_of(self, start: tuple[int, int], at: int, end: int) -> bool:
        """Whether the start at `at` is a line of furniture between the credited header right
        above it and that header's lede: a headline over its byline and date, then "Print
        this page Email A Friend!" or "Audio: listen to this article (4 min)" over a
        datelined lede. Such a line has no header of its own (`end` is `at`), and nothing
        between the two reads as prose or as a headline. Under the page's title line or its
        headline, the header is the page's, and the line a post's headline."""
        title_at, above_end = start
        if end != at or at == self.headline_at or _SENTENCE_STOP.search(self[title_at].text):
            return False  # (a "headline" that ends a sentence is a story's last line)
        if self.headline_at is not None and title_at in (0, self.headline_at):
            return False  # the page's own header (a blog's, a live blog's) over its first post
        header = self.lines[title_at + 1 : above_end + 1]
        return any(line.kind in META for line in header) and not any(
            self[j].is_prose or self.is_headline_shape(j) for j in range(above_end + 1, at)
        )

    def is_first_headline(self, at: int) -> bool:
        """An opening line is a headline when text, not another headline, follows it.

        Short opening lines count ("BAHIA COCOA REVIEW"): at the top of a page, a
        two-word line is a headline, where in the middle it is more often a label. A long
        line that ends a sentence is a lede, as an extract that kept no headline opens
        ("BUFFALO, N.Y. — Hours before ... start scoring.").
        """
        line = self.lines[at]
        return (
            self.is_headline_shape(at, min_words=2)
            and not (line.words >= _LEDE_WORDS and _full_stop(line.text))
            and line.blanks_after >= 1
            and at + 1 < len(self.lines)
            and not self.is_headline_shape(at + 1)
        )

    def prose_resumes(self, at: int, stop: int) -> bool:
        """Whether lines `at` and `at + 1` (before `stop`) both read as prose, on their own or
        running on into the next line as a hard-wrapped paragraph's lines do: a list
        of headlines under "Trending Stories", one to a line with no blank line between
        them ("Woman killed, man hurt in shooting in South L.A." over "Red flag warning
        issued for parts of Southern California"), is no wrapped paragraph."""
        return at + 1 < stop and self._reads_as_prose(at) and self._reads_as_prose(at + 1)

    def _reads_as_prose(self, at: int) -> bool:
        """Prose on its own (a paragraph, a sentence's end), or a line of prose that runs on
        into the next, as a hard-wrapped paragraph's lines do."""
        line = self.lines[at]
        if not line.is_prose:
            return False
        return _prose_alone(line) or (
            at + 1 < len(self.lines) and continues(line.text, self.lines[at + 1].text)
        )


@attrs.define
class _Draft:
    """A story being assembled from its lines."""

    title: Line | None
    body: list[Line] = attrs.Factory(list)
    meta: list[Line] = attrs.Factory(list)
    headed: bool = False  # the page prints its headline again in its header
    # the headline under the page's title line that starts the story, printed again in its
    # header without the site's name: its text is the story's title
    heading: Line | None = None
    credited: bool = False  # a date, byline or credit in its header, or a datelined lede
    comment: bool = False  # starts among the readers' comments, with no credit of its own
    span: list[Line] = attrs.Factory(list)  # the lines under the title, kept or not
    whole: bool = False  # the page's every line, for want of a story: its pitches stay too

    def take(self, line: Line) -> None:
        if line.kind is Kind.TEXT:
            self.body.append(line)
        elif line.kind in META:
            self.meta.append(line)

    @property
    def dated(self) -> bool:
        """Whether a date line of its own stands among its header's signals."""
        return any(line.kind is Kind.DATE for line in self.meta)

    @property
    def words(self) -> int:
        """Words of prose in the body: menus and headline lists do not make a story. Under
        a headline the page prints again in its header, or one with a date, byline or credit
        or over a datelined lede, rows of figures count too: such a story may be a table
        ("Pretax profit 134.2 mln vs 11.4 mln loss")."""
        figures = self.headed or self.credited
        return sum(
            line.words
            for line in self.body
            if line.is_prose or (figures and FIGURE.search(line.text))
        )

    @property
    def is_navigation(self) -> bool:
        """Whether the block reads as a menu, not a story: its prose (lines that read as
        sentences) is under `_NAV_PROSE` of all the words under its title, the rest being
        link labels, section names and headline lists, as on the navigation and footer of a
        whole-page dump. Such a block ends the story before it but is no story itself.
        Lines with figures are left out of the comparison: rows of a table are not a menu."""
        words = self.words
        if words >= _NAV_PROSE * sum(line.words for line in self.span):
            return False  # prose enough against every word under the title, figures or not
        return words < _NAV_PROSE * self.span_words

    @property
    def span_words(self) -> int:
        """Words of the lines under the title that hold no figure, kept or not: counted only
        for a draft that is asked (one with enough words), not for every draft."""
        return sum(line.words for line in self.span if not FIGURE.search(line.text))

    def enough(self, min_words: int) -> bool:
        """Whether the draft holds a story: `min_words` words of prose, or, under a credited
        start (a date, byline or credit in its header, or a datelined lede), `_CREDITED_SHARE`
        of them: a short excerpt that a site prints under a byline is a story, where the
        same few lines under a bare sub-heading are not."""
        if self.comment:
            return False
        words = self.words
        return words >= min_words or (self.credited and words >= _CREDITED_SHARE * min_words)

    def story(self, path: str, index: int, page: Page) -> Story:
        heading = self.heading or self.title
        title = _without_site_name(heading.text) if heading else ""
        headline = self.title
        seen: set[str] = {headline.text} if headline else set()
        kept: list[Line] = []
        for line in self.body:
            if (line.text in seen and line.words >= _QUOTE_WORDS) or (
                headline and _same_line(line, headline)
            ):
                continue  # a title repeat, or a pull-quote printed twice
            seen.add(line.text)
            kept.append(line)
        body = self.body
        bylines = [who for meta in self.meta if (who := _byline_of(meta))]
        end = own_end(kept, _authors(bylines), whole=self.whole)
        if end < len(kept):
            kept, cut = kept[:end], kept[end]
            body = body[: body.index(cut)]
        if not self.whole:  # a newsletter's or an app's box between paragraphs
            unpitched = [
                k for k in kept if not (is_pitch(k.text, addressed=False) and not k.is_paragraph)
            ]
            kept = unpitched or kept  # a block that is nothing but a pitch keeps it
        if self.title:  # under a headline, furniture between its header and its first paragraph
            head = furniture_run(kept)
            if head and _opens_lede(kept[head - 1], kept[head]):
                head -= 1  # a place name over the lede ("BAAR, SWITZERLAND") is the story's
            kept = kept[head:]
        first = self.title or (body[0] if body else self.meta[0])
        last = body[-1] if body else first
        return Story(
            path=path,
            index=index,
            title=title,
            body="\n".join(line.text for line in kept),
            start=first.start,
            end=last.end,
            line_start=first.number,
            line_end=last.number,
            date=next((d for m in self.meta if (d := page.date_of(m))), None),
            byline=bylines[0] if bylines else None,
            source=next((s for m in self.meta if (s := source(m.text))), None),
        )


def _opens_lede(label: Line, lede: Line) -> bool:
    """Whether a short line over a story's first paragraph is the paragraph's: a place name
    printed in capitals ("BAAR, SWITZERLAND"), or words the paragraph runs on from ("CNBC
    reported" over "that the mood …"). A section's or a site's name ("Spaceflight",
    "Cartoni Animati", "Fact Check", "Shares") is the page's, as the furniture above it."""
    if label.words > _LABEL_WORDS:
        return False
    return label.text.isupper() or continues(label.text, lede.text)


def _authors(bylines: list[str]) -> list[tuple[str, ...]]:
    """The names in a story's bylines, each as its words in lower case."""
    return [
        name
        for who in bylines
        for part in _NAME_PARTS.split(who)
        if len(name := _leading_name(part)) >= _NAMES_MIN
    ]


def _leading_name(text: str) -> tuple[str, ...]:
    """The capitalised words that open `text`, in lower case (a byline's role after a dash
    or a comma is split off before, by `_NAME_PARTS`: "Rachael Rettner - Senior Writer")."""
    words = []
    for word in text.split():
        if not word[0].isupper():
            break
        words.append(word.lower())
    return tuple(words)


def _byline_of(line: Line) -> str | None:
    """The name in a byline; a name printed under a "By" of its own is a byline too."""
    name = byline(line.text)
    if name is None and line.kind is Kind.BYLINE:
        name = byline(f"By {line.text}")
        if name is None:  # a name and its newsroom: "Troy L. Smith, Cleveland.com"
            first = _NAME_PARTS.split(line.text, maxsplit=1)[0]
            name = first if BY_NAME.match(f"By {first}") else None
    return name


def _title_names(line: Line) -> set[str]:
    """What a page's title line may print again as its headline: itself, and at each bar or
    dash the longer part (the shorter is the site's name: "Headline - Site", "Site » Headline")."""
    text = line.text
    names = {line.key}
    for match in _TITLE_PARTS.finditer(text):
        head, site = text[: match.start()], text[match.end() :]
        names.add(normalized(head if word_count(head) >= word_count(site) else site))
    return names


def _names(text: str, joins: frozenset[str] = _NAME_JOINS) -> bool:
    """A credit without "By": names and a newsroom in capitalised words, none of the small
    words a headline's sentence needs ("Tom Davies Associated Press", "Robert Burns, AP
    National Security Writer", "Kevin Johnson and Kevin McCoy USA TODAY")."""
    words = text.replace(",", " ").split()
    return _NAMES_MIN <= len(words) <= _NAMES_MAX and all(
        word in joins or (word[0].isupper() and word.lower() not in CONNECTORS) for word in words
    )


_BOLD = re.compile(r"^\*\*\s*|\s*\*\*$")  # a plain-text e-mail's bold title: "** Title"
_DOMAIN_SUFFIX = re.compile(r"\s+[-–—|]\s+(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,6}$")


def _without_site_name(title: str) -> str:
    """A title without the site's name that a page's title line appends after a bar: "NASA
    Picks SpaceX ... Moon Lander Project | Space" (up to `_SITE_WORDS` words a part, and a
    headline of `HEADLINE_WORDS` or more before them), or after a dash when the name is the
    site's domain ("… in economy seat - oregonlive.com", "… - WDAY.RU"), or after a spaced
    colon ("… Pack Indiana Statehouse For Protest : NPR"). Another dash is left alone: a
    wire's headline names its source or its day so ("SUGAR IMPORTS DOWN IN WEEK - USDA")."""
    title = _DOMAIN_SUFFIX.sub("", _BOLD.sub("", title))
    head, colon, site = title.rpartition(" : ")
    if colon and len(site.split()) <= _SITE_WORDS and len(head.split()) >= HEADLINE_WORDS:
        title = head
    parts = title.split(" | ")
    while len(parts) > 1 and len(parts[-1].split()) <= _SITE_WORDS:
        parts.pop()
    head = " | ".join(parts)
    return head if len(head.split()) >= HEADLINE_WORDS else title


def _drafts(page: Page, starts: list[tuple[int, int]]) -> list[_Draft]:
    """One draft before the first start (the page's preamble), then one per start."""
    drafts = []
    lines = page.lines
    bounds = [(-1, -1), *starts]
    for k, (title_at, header_end) in enumerate(bounds):
        stop = starts[k][0] if k < len(starts) else len(page)
        header = lines[title_at + 1 : header_end + 1]
        kinds = {line.kind for line in header}
        named = title_at >= 0 and (not kinds.isdisjoint(_NAMED) or page.lede_follows(title_at))
        credited = named or (title_at >= 0 and Kind.DATE in kinds)
        repeat = page.headline_at  # the title line's headline, further down
        if repeat is not None and lines[repeat].text.split() == lines[0].text.split():
            repeat = None  # printed again as it is (but for its spaces): the title line is it
        draft = _Draft(
            title=lines[title_at] if title_at >= 0 else None,
            heading=lines[repeat] if repeat and title_at == 0 and repeat <= header_end else None,
            headed=any(page.repeats(line, lines[title_at]) for line in header),
            credited=credited,
            # below the readers' comments a date is no credit: every comment carries one
            comment=title_at > page.comments_at and not named,
            span=lines[title_at + 1 : _story_stop(page, title_at, stop)],
        )
        for line in header:
            if line.kind is not Kind.TEXT:
                draft.take(line)  # header: keep the date, byline and source; drop the rest
        in_teasers = False
        for at in range(header_end + 1, stop):
            line = lines[at]
            kind = line.kind
            if kind is Kind.COMMENTS:
                if at < page.comments_at:
                    continue  # a link to the thread over the story, not the thread
                break  # the readers' comments: not the story, however much prose they hold
            if in_teasers and not (page.prose_resumes(at, stop) or _opens_body(page, at, draft)):
                continue
            in_teasers = False
            if kind is Kind.TEASER:
                in_teasers = True
            elif (
                kind is Kind.TEXT
                and draft.title is None
                and not draft.body
                and page.is_first_headline(at)
            ):
                draft.title = line
            else:
                draft.take(line)
        drafts.append(draft)
    return drafts


def _opens_body(page: Page, at: int, draft: _Draft) -> bool:
    """Whether the line, right under the header, is a short label over the lede, which ends a
    skip of teasers there: "Related Topics" over "BAAR, SWITZERLAND" over the first paragraph."""
    line = page[at]
    return not draft.body and not line.is_prose and page.prose_follows(at)


def _story_stop(page: Page, title_at: int, stop: int) -> int:
    """Where a story's own lines end: at the next start, or at the readers' comments."""
    return min(stop, page.comments_at) if title_at < page.comments_at else stop


def segment(text: str, path: str = "", *, min_words: int = MIN_WORDS) -> list[Story]:
    """The stories of one page, in page order; `[]` only when the page has no words."""
    page = Page.of(text)
    starts = page.story_starts()
    while True:
        drafts = _drafts(page, starts)
        enough = [draft.enough(min_words) for draft in drafts]  # each draft asked once
        short = {k - 1 for k in range(1, len(drafts)) if not enough[k]}
        short |= {
            k
            for k in range(1, len(drafts) - 1)
            if starts[k][0] != page.headline_at and _held_over(drafts[k], drafts[k + 1], min_words)
        }
        if not short:
            break
        starts = [start for k, start in enumerate(starts) if k not in short]
    if starts and starts[0][0] == page.headline_at:
        enough[0] = False  # the page's head: its title line and menus over the headline it names
    if starts and not enough[0]:
        _date_above(page, starts[0][0], drafts[1])
    stories = [d for d, ok in zip(drafts, enough, strict=True) if ok and (d.body or d.title)]
    navigation = [draft.is_navigation for draft in stories]
    if not all(navigation):
        stories = [d for d, menu in zip(stories, navigation, strict=True) if not menu]  # dropped
    if not stories:
        whole = _Draft(title=None, whole=True)
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
    stories = [_under_headline(page, draft) for draft in stories]
    _page_date(page, stories)
    return [draft.story(path, i, page) for i, draft in enumerate(stories)]


def _page_date(page: Page, drafts: list[_Draft]) -> None:
    """The date a page prints once over its first story (in its header: "Kathmandu |
    Thursday, Falgun 22, 2043 (March 5, 1987)" under the masthead) is that story's date if it
    prints none of its own, and the date of every other story that prints none, where no
    story's own date contradicts it (under a sidebar's date or today's, the stories under
    the first are other stories' teasers). Two dates there (today's and an edition's) date
    nothing."""
    first = drafts[0].title or (drafts[0].body[0] if drafts[0].body else None)
    if first is None:
        return
    above = [line for line in page.lines[: page.lines.index(first)] if line.kind is Kind.DATE]
    dates = {page.date_of(line) for line in above} - {None}
    if len(dates) != 1:
        return
    own = {page.date_of(line) for draft in drafts for line in draft.meta} - {None}
    for k, draft in enumerate(drafts):
        if (k == 0 or own <= dates) and not draft.dated:
            draft.meta.append(above[0])


def _held_over(draft: _Draft, following: _Draft, min_words: int) -> bool:
    """Whether `following` goes on with `draft`'s story: under a credited headline with a
    line or two of text, a widget whose item is printed twice (a video player's title over
    "Replay", "More Videos ..." and its playlist, the same title first) starts no story of
    its own: its headline's repeat is its only signal, and the story's paragraphs follow.
    A sentence printed twice there is a caption over the lede, and starts the story."""
    return (
        draft.credited
        and draft.words < min_words
        and following.headed
        and not following.credited
        and following.title is not None
        and not ends_sentence(following.title.text)  # a caption printed twice: the lede's
    )


_DATE_ABOVE = 3  # lines above a headline a date printed over it may stand


def _date_above(page: Page, title_at: int, draft: _Draft) -> None:
    """The date a page prints over its first headline ("March 5, 2019 / 3:58 PM" over the
    headline, "World News" / "Reuters" / date over the headline) is that story's, if it has
    none under the headline and the lines above it are not a story. Only boilerplate and
    credits may stand between them: a line of text above is the page's, or another story's."""
    if draft.dated:
        return
    for at in range(title_at - 1, max(-1, title_at - 1 - _DATE_ABOVE), -1):
        line = page[at]
        if line.kind is Kind.DATE:
            draft.meta.append(line)
            return
        if line.kind is Kind.TEXT:
            return


def _under_headline(page: Page, draft: _Draft) -> _Draft:
    """A story found without a headline, under the headline its first paragraph stands
    under (with only its date, byline, captions or boilerplate between), when the lines
    above that headline read as a page's menus ("Skip to content", section names: at most a
    fifth of them run long, end a sentence or state a figure): they are left out. A draft
    with a title, or with no such headline, is left as it is."""
    if draft.title is not None:
        return draft
    first = next((line for line in draft.body if line.is_paragraph and line.is_prose), None)
    if first is None:
        return draft
    at = page.lines.index(first)
    for j in range(at - 1, max(-1, at - 1 - _LOOKAHEAD), -1):
        line = page[j]
        if line.kind is not Kind.TEXT:
            continue  # a date, a byline, a caption, boilerplate
        if (
            not page.is_headline_shape(j)
            or line.text[-1] in ".!…"
            or _NO_HEADLINE.search(line.text)
        ):
            return draft  # a sentence, a credit, a line of facts ("RRP: £40 More info: www.…")
        if line not in draft.body:
            return draft  # above the story's own lines
        above = draft.body[: draft.body.index(line)]
        if sum(map(is_odd, above)) > LIST_ODD * len(above):
            return draft  # not a menu above it: a table's rows, the story's own lines
        return attrs.evolve(draft, title=line, body=draft.body[draft.body.index(first) :])
    return draft
