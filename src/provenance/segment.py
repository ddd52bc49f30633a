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

import itertools
import re
from collections import Counter
from collections.abc import Callable
from functools import cached_property, lru_cache

import attrs
from rapidfuzz import fuzz

from .boilerplate import (
    CAPTION_CHARS,
    CAPTION_LABEL,
    HANDLE,
    LIST_MARKS,
    Kind,
    byline,
    classify,
    classify_page,
    is_pitch,
    opens_with_date,
    parse_date,
    source,
)
from .glued import Glued
from .markup import Marked, is_markdown, read_kinds
from .markup import read as read_markdown
from .model import Story
from .text import normalize, word_count

_normalized = lru_cache(maxsize=1 << 16)(normalize)
# A list item, no headline: "• ...", "2. ...", "[2] ..." (a footnote; a link's number in a
# text browser's dump runs on into its text: "[16]Drought aid appeal").
_BULLET = re.compile(rf"^(?:[{LIST_MARKS}>-]|\d{{1,3}}[.)]|\[\d{{1,3}}\])\s")
_SENTENCE_ENDS = frozenset(".!?…:\"”’')]。！？」』）")  # the last ones: CJK
_DIGITS = re.compile(r"\d+")
_BY_ALONE = frozenset(("By", "BY", "by", "By:", "BY:", "by:"))
_SOURCE_ALONE = frozenset(("Source:", "SOURCE:", "Sources:", "SOURCES:"))
# A credit a byline's pattern does not read, but no headline: "By Troy L. Smith, Cleveland.com".
_BY_NAME = re.compile(r"By [A-Z][\w.'’-]* [A-Z]|BY [A-Z]+ [A-Z]")
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
_LABEL_COUNT = 3  # a line printed this often on one page is a template label, not a title
_MAIN_HEADINGS = 2  # main headings of a Markdown page from which none is its headline
_DOUBLE_GAPS = 0.5  # share of double gaps from which two blank lines mark nothing
_META = (Kind.DATE, Kind.BYLINE, Kind.SOURCE)
_NAMED = frozenset((Kind.BYLINE, Kind.SOURCE))  # who wrote or sent it: a credit a comment lacks
_QUOTE_WORDS = 8  # a repeated line this long is a pull-quote; shorter ones may be table rows
_LABEL_WORDS = 3  # a place name or a kicker between a headline and its lede
_NOTE_LINES = 4  # an editor's note between a headline and its lede: at most this many lines
_NOTE_WORDS = 60  # and this many words
# What divides a page's title line: "Headline - Site", "Headline | Section | Site".
_TITLE_PARTS = re.compile(r"\s+(?:[-|–—·•»/:]|::)\s+")
_UNDERLINE = re.compile(r"[-=_~]{10,}")  # a rule under a plain-text title
_LIST_LINES, _LIST_ODD = 5, 0.2  # a list of furniture: lines, and the share that may look odd
_NAMES_MIN, _NAMES_MAX = 2, 10  # words of a credit line without "By"
_CREDIT_CHARS = 80  # a name and its newsroom under a "By" alone
_CREDIT_LABEL_CHARS = 24  # a credit's label alone: "Credit...", "Image credit:"
_NAME_JOINS = frozenset({"and", "&"})
# What divides a byline's names and roles: "A and B", "Chris Cillizza, CNN Editor-at-large",
# "Rachael Rettner - Senior Writer", "Ed Cara | Gizmodo".
_NAME_PARTS = re.compile(r"\s*(?:,|;|&|\||\band\b|\s[-–—]\s)\s*", re.IGNORECASE)
_NOTE_REACH = 3  # an author's note is one of a story's last prose lines
_HANDLE = re.compile(HANDLE)  # printed under a name in an author's box or byline
_NAME_WORD = re.compile(r"[A-Z](?:[a-z'’-]+|\.)(?:[A-Z][a-z]+)?")  # "Rachael", "J.", "McCoy"
# What an author's note says of its author after a first name: "Rachael has been with ...".
_NOTE_VERBS = frozenset(
    ("is", "has", "was", "writes", "covers", "reports", "joined", "lives", "holds", "earned")
)
_TITLE_OPENING = 12  # characters of a line looked for in the title line before it is compared
_SITE_WORDS = 4  # a site's or a section's name after a bar in a page's title line
_STANDFIRST_WORDS = 12  # a deck under its headline is this long; a headline rarely is
_LEDE_WORDS = 12  # an opening line this long that ends a sentence is a lede, not a headline
_SIGNED_WORDS = 2  # a headline this short still starts a story over its byline
_HEADLINE_WORDS = 4  # shorter stand-alone lines are labels ("Best Of", names) more than titles
_CREDITED_SHARE = 0.5  # of `min_words`: enough for a story under a dated or credited start
_PARAGRAPH_WORDS, _PARAGRAPH_CHARS = 25, 250  # a line this long is a paragraph
_CUT_SHORT = ("…", "...")  # how a line that trails off ends, as cut teasers do
# What no headline a page prints over its lede holds: a web address, a handle, a divider
# of credits or labels ("Alex Wong | Getty Images", "Text: Jane Doe · 11 October 2018"), a
# time of day ("Updated Nov 19, 9:41 AM").
_NO_HEADLINE = re.compile(r"www\.|://|[@#]\w|\s[|·•/]\s|\d:\d\d\s*[AaPp]\.?[Mm]\b")
_WRAPPED_WORDS = 8  # a line of a hard-wrapped paragraph has a neighbour this long
_NAV_PROSE = 0.15  # a block whose prose is a smaller share of its words is navigation
MIN_WORDS = 25


@attrs.define
class Line:
    """One non-blank line: its stripped text, span and surroundings.

    Treated as a value, but not frozen: a page of news makes hundreds of them and a
    frozen attrs class is four times slower to build. `words` is counted once (by
    `word_count`); `key`, the normalised text used for fuzzy comparison, is made on demand.
    """

    number: int
    start: int
    end: int
    text: str
    kind: Kind
    blanks_before: int
    blanks_after: int
    words: int
    teaser: bool = False  # one of a run of teaser items (cut snippets, headline + summary)
    wrapped: bool = False  # between text lines with no blank line, one of them 8 words long
    heading: bool = False  # marked in Markdown as a main heading: "# Title", a "=" underline
    is_prose: bool = attrs.field(init=False)

    @is_prose.default
    def _is_prose(self) -> bool:
        """Reads as running text: long, or a sentence, or part of a wrapped paragraph."""
        if self.kind is not Kind.TEXT or self.teaser:
            return False
        if _is_paragraph(self.text, self.words):
            return not _is_menu(self.text)
        return (
            self.words >= 8
            and self.text[0] not in LIST_MARKS
            and (_ends_sentence(self.text) or (self.wrapped and not _title_case(self.text)))
        )

    @property
    def key(self) -> str:
        return _normalized(self.text)

    @property
    def is_paragraph(self) -> bool:
        return _is_paragraph(self.text, self.words)


def lines(text: str, *, marked: bool = False) -> list[Line]:
    """The non-blank lines of `text`, with character offsets of their stripped content;
    `marked`: the text is Markdown, each line read as the text it marks up. A page whose
    blocks a scraper ran together (`Glued`) is read as those blocks, each a line of its own
    with a break before it."""
    raw: list[tuple[int, int, int, str]] = []  # number, start, end, the text it shows
    gaps: list[int] = []
    blanks = 0
    offset = 0
    pieces = _split_lines(text)
    shown = read_markdown([piece.strip() for piece in pieces]) if marked else []
    glued = None if marked else Glued.read(text)
    marks: list[Marked] = []  # those of the lines kept
    for number, piece in enumerate(pieces, start=1):
        stripped = piece.strip()  # a "\r" before the "\n" is whitespace: stripped with the rest
        mark = shown[number - 1] if marked else None
        if not stripped:
            blanks += 1
        elif mark is not None and not mark.text:
            pass  # Markdown that shows no text (an image alone): neither a line nor a break
        else:
            start = offset + (len(piece) - len(piece.lstrip()))
            if glued is not None:
                for at, (first, last) in enumerate(glued.blocks(stripped)):
                    raw.append((number, start + first, start + last, stripped[first:last]))
                    gaps.append(blanks if at == 0 else 1)  # blocks run together: each its own
            else:
                end = start + len(stripped)  # the line as written, Markdown's marks and all
                raw.append((number, start, end, stripped if mark is None else mark.text))
                gaps.append(blanks)
                if mark is not None:
                    marks.append(mark)
            blanks = 0
        offset += len(piece) + 1
    gaps.append(blanks)
    texts = [visible for _, _, _, visible in raw]
    printed = gaps  # a credit right under its caption, even where every line is a block
    if marked:  # Markdown shows one break for any number of blank lines
        gaps = [min(gap, 1) for gap in gaps]
    elif _breaks_unmarked(texts, gaps):
        gaps = [gaps[0], *(1 for _ in gaps[1:-1]), gaps[-1]]
    words = [word_count(stripped) for stripped in texts]
    teasers = _teaser_runs(texts, words)
    kinds = _labelled_captions(texts, _split_bylines(texts, classify_page(texts, text)))
    kinds = _credited_captions(texts, kinds, printed)
    if marked:
        teasers = [teaser or mark.item for teaser, mark in zip(teasers, marks, strict=True)]
        kinds = read_kinds(marks, kinds)
    out = []
    for i, (number, start, end, stripped) in enumerate(raw):
        kind = kinds[i]
        meta_joined = (
            kind in _META and gaps[i + 1] == 0 and i + 1 < len(raw) and kinds[i + 1] is Kind.TEXT
        )  # runs on into a line of text, not into a button ("By Jane Doe" over "close")
        if meta_joined and _continues(stripped, raw[i + 1][3]):
            kind = Kind.TEXT  # "By Thursday evening, ..." wrapped onto the next line: a sentence
        before, after = gaps[i], gaps[i + 1]
        # a line of a hard-wrapped paragraph, not one of a list with short lines between its
        # items ("Hill suffers hamstring injury in win over Chargers" between "1:41" and "18:08")
        wrapped = (
            before == 0
            and after == 0
            and 0 < i < len(raw) - 1
            and (words[i - 1] >= _WRAPPED_WORDS or words[i + 1] >= _WRAPPED_WORDS)
        )
        heading = marked and marks[i].heading
        out.append(
            Line(
                number,
                start,
                end,
                stripped,
                kind,
                before,
                after,
                words[i],
                teasers[i],
                wrapped,
                heading,
            )
        )
    # A sentence broken over lines where it links, as a dump that prints each element's text
    # on a line of its own prints it ("The law that" / "fuels Delhi's smog" / "was passed in
    # 2009 to save water."): a line that runs on into prose is prose.
    for at in range(len(out) - 2, -1, -1):
        line, following = out[at], out[at + 1]
        if (
            following.is_prose
            and not line.is_prose
            and line.kind is Kind.TEXT
            and not printed[at + 1]
            and _continues(line.text, following.text)
        ):
            line.is_prose = True
    return out


_UNMARKED_LINES = 8  # lines from which a page without a blank line reads as one block a line
_WRAP_WIDTH = 100  # characters a hard-wrapped text's lines stay within
_FILLED_LINE = 40  # characters of a line that a hard-wrapped paragraph fills to its width
_RUN_ON_SHARE = 0.1  # of a page's lines that run on into the next, from which it is wrapped


def _breaks_unmarked(texts: list[str], gaps: list[int]) -> bool:
    """Whether the page prints each block on one line with no blank line anywhere between
    them, as some text dumps and copies from a browser do: every line is then a block of its
    own, as if a blank line stood between each two. Not a hard-wrapped text, whose lines
    stay within a width and run on into the next ("... the company" over "said on ...")."""
    if len(texts) < _UNMARKED_LINES or any(gaps[1:-1]):
        return False
    if max(map(len, texts)) <= _WRAP_WIDTH:
        return False  # no line longer than a wrapped text's: a table, a wire's wrapped story
    runs_on = sum(
        len(text) >= _FILLED_LINE and _continues(text, following)
        for text, following in itertools.pairwise(texts)
    )
    return runs_on < _RUN_ON_SHARE * len(texts)


def _split_bylines(texts: list[str], kinds: list[Kind]) -> list[Kind]:
    """`kinds`, with a byline, a source or a photo's credit that a text dump printed over two
    lines ("By" alone, then "Sarah E. Needleman"; "SOURCE:", then "Al Jazeera News";
    "Credit...", then "Anna Moneymaker/The New York Times") read as one: the name is the
    byline, the source or the caption, its label the rest of it."""
    for at in range(len(texts) - 1):
        if texts[at] in _BY_ALONE and _signs(texts[at + 1]):
            kinds[at], kinds[at + 1] = Kind.BOILERPLATE, Kind.BYLINE
        elif texts[at] in _SOURCE_ALONE and classify(f"Source: {texts[at + 1]}") is Kind.SOURCE:
            kinds[at], kinds[at + 1] = Kind.BOILERPLATE, Kind.SOURCE
        elif (
            len(texts[at]) <= _CREDIT_LABEL_CHARS
            and _CREDIT_ALONE.fullmatch(texts[at])
            and classify(f"{texts[at]} {texts[at + 1]}") is Kind.CAPTION
        ):
            kinds[at] = kinds[at + 1] = Kind.CAPTION
    return kinds


def _signs(name: str) -> bool:
    """Whether the line under a "By" alone is the name it credits: a byline with it, or a
    name and its newsroom that no byline's pattern reads ("Troy L. Smith, Cleveland.com")."""
    credit = f"By {name}"
    return classify(credit) is Kind.BYLINE or (
        len(name) <= _CREDIT_CHARS and _BY_NAME.match(credit) is not None
    )


_CAPTION_LABEL = re.compile(CAPTION_LABEL, re.IGNORECASE)


def _labelled_captions(texts: list[str], kinds: list[Kind]) -> list[Kind]:
    """`kinds`, with the line under a caption's label ("Image caption," over "Taylor Swift is
    due to be named artist of the decade", "Enlarge this image" over the caption) read as a
    caption, and so every later copy of it (a player that prints the caption again after its
    "toggle caption" button)."""
    labels = [
        at
        for at, kind in enumerate(kinds)
        if kind is Kind.BOILERPLATE and _CAPTION_LABEL.fullmatch(texts[at])
    ]
    if not labels:
        return kinds  # most pages
    captions: set[str] = set()
    for at in labels:
        if (
            at + 1 < len(texts)
            and kinds[at + 1] is Kind.TEXT
            and len(texts[at + 1]) <= CAPTION_CHARS
        ):
            kinds[at + 1] = Kind.CAPTION
            captions.add(texts[at + 1])
    for at in range(labels[0] + 2, len(texts)):
        if kinds[at] is Kind.TEXT and texts[at] in captions:
            kinds[at] = Kind.CAPTION  # printed again
    return kinds


# A credit alone on its line, under its caption: "Credit...Doug Mills/The New York Times",
# "Image Credit: Shutterstock", "Photo: Gene J. Puskar".
_CREDIT_ALONE = re.compile(
    r"(?:image |photo )?(?:credit|photo(?:graph)?|image|picture|foto)s?\s*(?::|\.\.\.|…)",
    re.IGNORECASE,
)


# A caption's credit alone in brackets: "(Jacquelyn Martin / Associated Press)".
_BRACKETED = re.compile(r"\([^()]{1,80}\)|\[[^\[\]]{1,80}\]")


def _credited_captions(texts: list[str], kinds: list[Kind], gaps: list[int]) -> list[Kind]:
    """`kinds`, with the line right over a credit alone, with no break between them, read as
    the caption it credits ("President Trump with China's top trade negotiator, Liu He, in
    the Oval Office last month." over "Credit...Doug Mills/The New York Times", "Gannett is
    merging with GateHouse …" over "(Jacquelyn Martin / Associated Press)"): standing
    alone, it would pass for a headline over the byline."""
    if Kind.CAPTION not in kinds:
        return kinds  # most pages
    for at in range(1, len(texts)):
        if (
            kinds[at] is Kind.CAPTION
            and gaps[at] == 0
            and kinds[at - 1] is Kind.TEXT
            and len(texts[at - 1]) <= CAPTION_CHARS
            and (_CREDIT_ALONE.match(texts[at]) or _BRACKETED.fullmatch(texts[at]))
        ):
            kinds[at - 1] = Kind.CAPTION
    return kinds


def _teaser_runs(texts: list[str], words: list[int]) -> list[bool]:
    """Which lines belong to a run of teasers: two or more short lines in a row that trail
    off ("…", "..."), as a widget's comment snippets cut to a length, or three or more lines
    that each run a title-case headline into its summary, short section labels and
    headlines without a summary allowed between them. One line that trails off is not
    enough (an excerpt of a story may end that way), nor one paragraph that opens with a run
    of names."""
    lines = list(zip(texts, words, strict=True))
    cut = [text.endswith(_CUT_SHORT) and not _is_paragraph(text, n) for text, n in lines]
    cut = _in_runs(cut, 2, lambda: [False] * len(texts))
    headed = _in_runs(
        [text[0].isupper() and _headed(text, n) for text, n in lines],
        3,
        lambda: [n < _HEADLINE_WORDS or _title_case(text) for text, n in lines],
    )
    return [a or b for a, b in zip(cut, headed, strict=True)]


def _ends_sentence(text: str) -> bool:
    """Whether a line ends as a sentence does. A line's text holds no "\n": its last
    character is all there is to look at."""
    return text[-1] in _SENTENCE_ENDS


_SENTENCE_BREAK = re.compile(r"[.!?。！？]['\"”’)]*\s")


def _is_menu(text: str) -> bool:
    """A long line of link labels run together, not a paragraph: mostly capitalised words and
    no sentence ending anywhere ("- Menu - Notícias da Fórmula 1 Notícias da Fórmula Indy ...")."""
    return not _ends_sentence(text) and _title_case(text) and not _SENTENCE_BREAK.search(text)


def _is_paragraph(text: str, words: int) -> bool:
    return words >= _PARAGRAPH_WORDS or len(text) > _PARAGRAPH_CHARS


def _in_runs(flags: list[bool], least: int, labels: Callable[[], list[bool]]) -> list[bool]:
    """Which flags are set within a run of at least `least` set flags, counted across the
    `labels` between them (a teaser list's section names, "Weather", or a bare headline;
    asked for only when the page has enough flags)."""
    out = [False] * len(flags)
    if sum(flags) < least:
        return out  # most pages: no run at all
    is_label = labels()
    run: list[int] = []
    for at in range(len(flags) + 1):
        if at < len(flags) and flags[at]:
            run.append(at)
        elif at == len(flags) or not is_label[at]:
            if len(run) >= least:
                for i in run:
                    out[i] = True
            run = []
    return out


_CONNECTORS = frozenset({"a", "an", "and", "at", "for", "in", "of", "on", "the", "to", "with"})
_TEASER_HEAD = 5  # capitalised words that open a teaser item before its summary
_TEASER_SUMMARY = 6  # and the words of the summary after them
_HEADED_WORDS = 24  # words split off a line to find its head and summary


def _headed(text: str, count: int) -> bool:
    """A headline in title case run straight into a sentence of summary, as on a list of
    teasers: "Customers Leave Without Paying $690 Bill At Troy Steakhouse A party of six left
    Ruth's Chris Steakhouse without paying ...". Asked only of lines that open with a
    capital letter; `count` is the line's `word_count`."""
    if count < _TEASER_HEAD + _TEASER_SUMMARY and text.isascii():
        return False  # too few words for both (an ASCII line's count is its split's length)
    words = text.split(maxsplit=_HEADED_WORDS)  # the head and a summary fit in these
    head = capitalised = 0
    for word in words:
        if word[0].isupper():
            capitalised += 1
        elif word[0].isalpha() and word.lower() not in _CONNECTORS:
            break
        head += 1
    return capitalised >= _TEASER_HEAD and len(words) - head >= _TEASER_SUMMARY


def _split_lines(text: str) -> list[str]:
    """The lines of `text` without their "\n": a last "\n" ends a line, it starts none."""
    pieces = text.split("\n")
    if not pieces[-1]:
        pieces.pop()
    return pieces


_WORD_INITIAL = re.compile(r"([^\W\d_])[\w'’-]*")  # a word's first letter
_TITLE_CASE = 0.6  # share of capitalised words from which a line reads as a title, not prose


def _title_case(text: str) -> bool:
    """Whether most words are capitalised: a list of headlines or links ("Boy Kills Brother,
    Removes His Eyes 10 comments") held together without blank lines, not a wrapped
    paragraph, whose words are mostly lower case."""
    if text.isascii():
        return _ascii_title_case(text)
    initials = _WORD_INITIAL.findall(text)
    return bool(initials) and sum(map(str.isupper, initials)) >= _TITLE_CASE * len(initials)


# ASCII letters to "U" and "l" (their case), every other character to a space; the rest of a
# word's characters ([0-9_'-]) are deleted: a word's first letter then follows a space.
_INITIAL_CASE = bytes(
    ord("U") if chr(b).isupper() else ord("l") if chr(b).islower() else ord(" ") for b in range(128)
) + bytes(128)
_WORD_MIDDLE = b"0123456789_'-"


def _ascii_title_case(text: str) -> bool:
    """`_title_case` of an ASCII line without a regular expression: `_WORD_INITIAL` takes
    the first letter of each run of [A-Za-z0-9_'-], and with the non-letters of the runs
    deleted, that letter is the one after a space."""
    cases = (" " + text).encode("ascii").translate(_INITIAL_CASE, _WORD_MIDDLE)
    upper = cases.count(b" U")
    initials = upper + cases.count(b" l")
    return bool(initials) and upper >= _TITLE_CASE * initials


def _is_dateline(text: str) -> bool:
    # `_DATELINE` needs a dash or a colon after the place, and may backtrack for long over a
    # line in capitals without one ("GERMAN CURRENT ACCOUNT SURPLUS WIDENS IN FEBRUARY").
    if "-" not in text and ":" not in text and "–" not in text and "—" not in text:
        return False
    return bool(_DATELINE.match(text)) and not _NOT_A_PLACE.match(text)


def _same_line(line: Line, other: Line) -> bool:
    """Whether two lines print the same text: near-identical, with the same figures (the next
    item of a numbered list is not a repeat)."""
    a, b = len(line.text), len(other.text)
    if abs(a - b) > 0.3 * max(a, b) or abs(line.words - other.words) > max(2, other.words // 4):
        return False  # a ratio of 90 needs lengths and word counts close to each other
    return fuzz.ratio(line.key, other.key) >= _REPEAT and _DIGITS.findall(
        line.key
    ) == _DIGITS.findall(other.key)


def _prose_alone(line: Line) -> bool:
    """Whether a prose line reads as prose without the lines around it: a paragraph, or a
    sentence's end (not only a line of a hard-wrapped paragraph)."""
    return line.is_paragraph or (line.words >= _WRAPPED_WORDS and _ends_sentence(line.text))


def _continues(line: str, following: str) -> bool:
    """Whether `line` is a sentence running on into the next line of a hard-wrapped paragraph
    (not a byline over its date: "By Jane Doe" over "on November 19, 2019")."""
    return line[-1] not in '.!?:;)"”' and following[0].islower() and parse_date(following) is None


@attrs.define
class Page:
    """The lines of one page and what the segmenter learns from the page as a whole."""

    lines: list[Line]
    marked: bool = False  # written in Markdown

    @classmethod
    def of(cls, text: str) -> Page:
        marked = is_markdown(text)
        return cls(lines(text, marked=marked), marked)

    def __len__(self) -> int:
        return len(self.lines)

    def __getitem__(self, at: int) -> Line:
        return self.lines[at]

    @cached_property
    def comments_at(self) -> int:
        """Where the readers' comments begin ("Top Rated Comments"), or the page's end: under
        a paragraph of prose. Above any, the header is a count of them, a link to the thread
        ("reader comments" / "87" / "with 59 posters participating" under a byline)."""
        prose = False
        for at, line in enumerate(self.lines):
            if line.kind is Kind.COMMENTS and prose:
                return at
            prose = prose or (line.is_prose and line.is_paragraph)
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
            if _is_paragraph(line.text, line.words):
                return None  # (a cookie banner over the headline is no paragraph of text)
            if not shapes[at]:  # right under a kicker, with no break, still the headline
                if line.blanks_before or line.words > most:
                    continue
                if line.text[:_TITLE_OPENING].casefold() not in title:
                    continue  # (asked first: most lines open with no words of the title line)
                if not self._headline_shape(at, after_text=True):
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
        over a byline ("4TH QTR NET" over "By the Newsroom Team"): a label is not signed."""
        return [
            self._headline_shape(at, _HEADLINE_WORDS)
            or (
                at + 1 < len(self)
                and self[at + 1].kind is Kind.BYLINE
                and self._headline_shape(at, _SIGNED_WORDS)
            )
            for at in range(len(self))
        ]

    def is_headline_shape(self, at: int, *, min_words: int = _HEADLINE_WORDS) -> bool:
        """A line that stands alone: a break before it, and no text running on after it."""
        if min_words == _HEADLINE_WORDS:
            return self._shapes[at]  # asked for every line, often more than once: computed once
        return self._headline_shape(at, min_words)

    def _headline_shape(
        self, at: int, min_words: int = _HEADLINE_WORDS, *, after_text: bool = False
    ) -> bool:
        line = self[at]
        text = line.text
        return (
            line.kind is Kind.TEXT
            and (line.blanks_before >= 1 or at == 0 or after_text)
            and (not self._runs_on(at) or self._heads_meta(at))
            and min_words <= line.words <= 30
            and len(text) <= 250
            and text[-1] not in ",;:"  # a line that introduces the next: "Forwarded from the wire:"
            and not (text[0].islower() and _LOWER_WORD.match(text))
            and text[0] not in "—–"  # "— Name (@handle) date": an embedded post's attribution
            and "(@" not in text
            and not (text[:3] in ("By ", "BY ") and _BY_NAME.match(text))
            and not _BULLET.match(text)
            and not opens_with_date(text)
        )

    def _heads_meta(self, at: int) -> bool:
        """Whether a date, byline or credit follows the line within two lines, with no break
        before it: a headline over its header on a page printed without blank lines (a
        headline, a deck, "By Associated Press", "November 18, 2019 — 8:21pm"; "By" may
        stand on a line of its own over the name, as a dump that prints each element's text
        on a line of its own does)."""
        if _ends_sentence(self[at].text):
            return False
        for j in range(at + 1, min(at + 3, len(self))):
            if self[j].kind in _META or (self[j].text in _BY_ALONE and self._credited_after(j)):
                return True
            if self[j].kind is not Kind.TEXT:
                return False
            if self[j].blanks_after:  # a deck, a break, then its credits
                return (
                    j == at + 1
                    and not _continues(self[at].text, self[j].text)
                    and self._credited_after(j + 1)
                )
        return False

    def _credited_after(self, at: int) -> bool:
        """Whether a date, byline or credit stands at `at`, perhaps under a "By" alone."""
        if at < len(self) and self[at].kind is Kind.BOILERPLATE:
            at += 1
        return at < len(self) and self[at].kind in _META

    def _runs_on(self, at: int) -> bool:
        """Whether text runs on from the line into the next one, with no break between."""
        return self[at].blanks_after == 0 and at + 1 < len(self) and self[at + 1].kind is Kind.TEXT

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
            if len(other.key) >= 1.2 * len(quote):
                if fuzz.partial_ratio(quote, other.key) >= _REPEAT:
                    return True
            elif (
                sentence_long
                and len(other.key) >= 0.8 * len(quote)
                and fuzz.ratio(quote, other.key) >= _REPEAT
            ):
                return True
        return False

    def header_end(self, at: int) -> int | None:
        """Index of the last header signal after a headline at `at`, or None if it has none."""
        headline = self[at]
        end = None
        paragraphs = 0
        sentence = bool(_FULL_STOP.search(headline.text))  # "… the horrific details."

        header = True  # no text yet under the headline or its last signal
        labelled = False
        for j in self._header_span(at):
            line = self[j]
            if line.kind in _META:
                end = j
                header = True
            elif line.kind is Kind.TEXT:
                if self.repeats(line, headline):
                    end = j
                    header = True
                elif self.is_headline_shape(j):
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
                elif j == at + 1 and line.words <= _LABEL_WORDS and not _ends_sentence(line.text):
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
            and at + 1 < len(self)
            and self.double_gaps_mark_breaks
            and (self[at + 1].kind in _META or self.prose_follows(at + 1))
            and not self.is_pull_quote(at)
        ):
            end = at
        return end

    def _header_span(self, at: int) -> range:
        """The lines after a headline searched for its header signals: `_LOOKAHEAD` lines
        but for boilerplate among them (a share row printed one button a line: "Facebook",
        "Twitter", "Email", "Print"), up to `_SHARE_LINES` of it."""
        stop = at + 1
        counted = skipped = 0
        while stop < len(self) and counted < _LOOKAHEAD:
            if self[stop].kind is Kind.BOILERPLATE and skipped < _SHARE_LINES:
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
        if _SENTENCE_STOP.search(headline.text):
            return False
        if _FULL_STOP.search(self[at].text):
            return True
        if (
            at + 1 < len(self)
            and self[at + 1].kind in _META
            and self[at].words >= _STANDFIRST_WORDS
            and self[at].words > headline.words
            and at != self.headline_at
            and not _title_case(self[at].text)
            and not _NO_HEADLINE.search(headline.text)  # under "Lifestyle | Dear Abby": its own
        ):
            return True  # a standfirst (longer than its headline, in sentence case) over the date
        return self._signed(at) or (at + 1 < len(self) and self._signed(at + 1))

    def _signed(self, at: int) -> bool:
        """Whether the line is names (`_names`) over a date, a byline or a credit, the
        author's handle perhaps between them ("Sabrina Barr" / "@fabsab7" / the date)."""
        j = at + 1
        if j < len(self) and _HANDLE.fullmatch(self[j].text):
            j += 1
        return j < len(self) and self[j].kind in _META and _names(self[at].text)

    def lede_follows(self, at: int) -> bool:
        """Whether a datelined lede follows the headline at `at`: on the next line, or
        after one short note (an editor's note or a correction: a block of at most
        `_NOTE_LINES` lines and `_NOTE_WORDS` words, no headline unless it ends a sentence)."""
        if _is_dateline(self[at].text) or _FULL_STOP.search(self[at].text):
            return False  # a short lede itself, or a sentence (a note over its lede): no headline
        j = at + 1
        if (
            j < len(self)
            and self[j].kind is Kind.TEXT
            and (not self.is_headline_shape(j) or _FULL_STOP.search(self[j].text))
        ):
            block = j
            while j < len(self) and j - block < _NOTE_LINES and self[j].blanks_after == 0:
                j += 1  # the note's wrapped lines
            j += 1
            note = self.lines[block:j]
            if (
                _is_dateline(note[0].text)
                or note[-1].blanks_after == 0
                or any(line.kind is not Kind.TEXT for line in note)
                or sum(line.words for line in note) > _NOTE_WORDS
            ):
                j = block  # not a note: the lede, if any, is the next line
        while j < len(self) and self[j].kind is Kind.BOILERPLATE:
            j += 1  # a read time, a share row: "Rodrigo Campos" over "5 Min Read" over the lede
        return j < len(self) and self[j].kind is Kind.TEXT and _is_dateline(self[j].text)

    def prose_follows(self, at: int) -> bool:
        """Whether prose starts at line `at`, or right after a short label there (a place
        name, a kicker: at most `_LABEL_WORDS` words, no headline)."""
        line = self[at]
        if line.is_prose:
            return True
        return (
            line.kind is Kind.TEXT
            and line.words <= _LABEL_WORDS
            and not self.is_headline_shape(at)
            and at + 1 < len(self)
            and self[at + 1].is_prose
        )

    def underlined(self, at: int) -> bool:
        """Whether a rule of dashes or equals signs underlines the line, with no break between
        them, and prose follows (a paragraph, or a hard-wrapped one's first line): a plain-text
        newsletter's or document's title ("** Hunter catches bubonic plague after eating wild
        rabbit" over "-----…" over its text)."""
        return (
            self[at].blanks_after == 0
            and at + 2 < len(self)
            and bool(_UNDERLINE.fullmatch(self[at + 1].text))
            and (
                self.prose_follows(at + 2)
                or (self[at + 2].kind is Kind.TEXT and self._runs_on(at + 2))
            )
        )

    def opens_next(self, at: int) -> bool:
        """Whether the line is the opening words of the prose paragraph below it, cut off
        without a sentence end: a title made from the lede ("Verified video footage, eyewitness
        testimony from people on" over "Verified video footage, eyewitness testimony from
        people on the ground ..."), as printed or with a word or two changed. A one-line
        note may stand between, labelled as one ("Editor's note: This story has been updated.",
        "Correction: …"): a paragraph that opens with a sub-heading's words is no lede under it."""
        line = self[at]
        if _ends_sentence(line.text):
            return False
        for j in range(at + 1, min(at + 3, len(self))):
            following = self[j]
            if following.kind is not Kind.TEXT:
                return False
            if (
                following.is_prose
                and following.words > line.words
                and fuzz.ratio(line.key, following.key[: len(line.key)]) >= _REPEAT
            ):
                return True
            if not (_NOTE_LABEL.match(following.text) and following.words <= _NOTE_WORDS):
                return False  # only a note of one line may stand between
        return False

    def story_starts(self) -> list[tuple[int, int]]:
        """(headline index, header end index) of every story start on the page."""
        starts: list[tuple[int, int]] = []
        shapes = self._shapes  # `is_headline_shape` of every line
        j = 0
        while j < len(self):
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
        creator Noah Hawley is in final talks …" over "Star Trek 4 is alive" over the byline)."""
        title_at, end = start
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
        return any(line.kind in _META for line in header) and not any(
            self[j].is_prose or self.is_headline_shape(j) for j in range(above_end + 1, at)
        )

    def is_first_headline(self, at: int) -> bool:
        """An opening line is a headline when text, not another headline, follows it.

        Short opening lines count ("BAHIA COCOA REVIEW"): at the top of a page, a
        two-word line is a headline, where in the middle it is more often a label. A long
        line that ends a sentence is a lede, as an extract that kept no headline opens
        ("BUFFALO, N.Y. — Hours before ... start scoring.").
        """
        line = self[at]
        return (
            self.is_headline_shape(at, min_words=2)
            and not (line.words >= _LEDE_WORDS and _FULL_STOP.search(line.text))
            and line.blanks_after >= 1
            and at + 1 < len(self)
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
        line = self[at]
        if not line.is_prose:
            return False
        return _prose_alone(line) or (
            at + 1 < len(self) and _continues(line.text, self[at + 1].text)
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
    span_words: int = 0  # words of the lines under the title that hold no figure, kept or not
    whole: bool = False  # the page's every line, for want of a story: its pitches stay too

    def take(self, line: Line) -> None:
        if line.kind is Kind.TEXT:
            self.body.append(line)
        elif line.kind in _META:
            self.meta.append(line)

    @property
    def words(self) -> int:
        """Words of prose in the body: menus and headline lists do not make a story. Under
        a headline the page prints again in its header, or one with a date, byline or credit
        or over a datelined lede, rows of figures count too: such a story may be a table
        ("Pretax profit 134.2 mln vs 11.4 mln loss")."""
        return sum(
            line.words
            for line in self.body
            if line.is_prose or ((self.headed or self.credited) and _DIGITS.search(line.text))
        )

    @property
    def is_navigation(self) -> bool:
        """Whether the block reads as a menu, not a story: its prose (lines that read as
        sentences) is under `_NAV_PROSE` of all the words under its title, the rest being
        link labels, section names and headline lists, as on the navigation and footer of a
        whole-page dump. Such a block ends the story before it but is no story itself.
        Lines with figures are left out of the comparison: rows of a table are not a menu."""
        return self.words < _NAV_PROSE * self.span_words

    def enough(self, min_words: int) -> bool:
        """Whether the draft holds a story: `min_words` words of prose, or, under a credited
        start (a date, byline or credit in its header, or a datelined lede), `_CREDITED_SHARE`
        of them: a short excerpt that a site prints under a byline is a story, where the
        same few lines under a bare sub-heading are not."""
        if self.comment:
            return False
        words = self.words
        return words >= min_words or (self.credited and words >= _CREDITED_SHARE * min_words)

    def story(self, path: str, index: int) -> Story:
        heading = self.heading or self.title
        title = _without_site_name(heading.text) if heading else ""
        seen: set[str] = {self.title.text} if self.title else set()
        kept: list[Line] = []
        for line in self.body:
            if (line.text in seen and line.words >= _QUOTE_WORDS) or (
                self.title and _same_line(line, self.title)
            ):
                continue  # a title repeat, or a pull-quote printed twice
            seen.add(line.text)
            kept.append(line)
        body = self.body
        bylines = [who for meta in self.meta if (who := _byline_of(meta))]
        end = _own_end(kept, _authors(bylines), whole=self.whole)
        if end < len(kept):
            kept, cut = kept[:end], kept[end]
            body = body[: body.index(cut)]
        if not self.whole:  # a newsletter's or an app's box between paragraphs
            unpitched = [
                k for k in kept if not (is_pitch(k.text, addressed=False) and not k.is_paragraph)
            ]
            kept = unpitched or kept  # a block that is nothing but a pitch keeps it
        if self.title:  # under a headline, furniture between its header and its first paragraph
            head = _furniture_run(kept)
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
            date=next((d for m in self.meta if (d := parse_date(m.text))), None),
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
    return label.text.isupper() or _continues(label.text, lede.text)


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


def _own_end(lines: list[Line], authors: list[tuple[str, ...]], *, whole: bool = False) -> int:
    """Where a story's own lines end: before the list of its sources (`_sources_at`), a list
    of other stories under it (`_teasers_at`), the furniture after its last paragraph
    (`_furniture_run`), the site's pitches to its reader there (`_pitches_before`), who
    else reported it ("The Associated Press contributed to this report."), and before an
    author's note there and all under it ("Jeff Foust writes about space policy ...",
    "Rachael Rettner" over "Rachael has been with ..."). A page kept `whole`, for want of
    a story, keeps its lists and pitches."""
    end = _sources_at(lines)
    if not whole:
        end = _teasers_at(lines[:end])
    while end:
        end -= _furniture_run(lines[end - 1 :: -1], lists=True)
        pitched = end if whole else _pitches_before(lines, end)
        if pitched < end:
            end = pitched
            continue
        if end > 1 and _is_contribution(lines[end - 1]):
            end -= 1
            continue
        bio = _author_note_at(lines[:end], authors)
        if bio is None:
            break
        end = bio
    return end


# A list of other stories under a story's last paragraph opens with a label this short
# ("More from Company Town", "Most read", "Also on this story:"), is this many more listed
# lines than other lines, and holds under this share of the story's prose.
_TEASER_LABEL_WORDS, _TEASER_LEAD, _TEASER_PROSE = 6, 2, 1 / 3
_COLON_LABEL_WORDS = 4
_CONTINUED = frozenset(",;、，")  # how a line that a sentence runs on from ends


def _is_piece(text: str) -> bool:
    """A piece of a sentence printed on a line of its own, as where a dump breaks a sentence
    at each link: it opens in lower case, with a stop or with a bracket ("the existence of
    the plumes.", ", which is scheduled to launch", "(United Kingdom) has become")."""
    return text[0].islower() or text[0] in ".,;:)("


def _teasers_at(lines: list[Line]) -> int:
    """Where a list of other stories opens under a story's last paragraph: a label
    (`_labels_list`) over lines of which more are listed (headlines, section names, links:
    lines that read as no sentence) than not, however many summaries, times or bios run
    between them ("Latest from Nordic Ledger", "Company Town" over a headline over its
    summary, and so on). The cut is the label under which listed lines lead the most; the
    lines under it hold under `_TEASER_PROSE` of the story's prose, so that a widget of
    headlines between paragraphs ("More:" over three headlines) is no end. A line with a
    figure counts against a list, as does a piece of a sentence: a story's own list of
    dates, results or products stays, as does a sentence a dump broke at its links.
    `len(lines)` where no list opens."""
    end = len(lines)
    labels = {at for at in range(1, len(lines)) if _labels_list(lines, at)}
    if not labels:
        return end  # most stories
    lead = best = 0
    prose = sum(line.words for line in lines if line.is_prose)
    after = 0
    for at in range(len(lines) - 1, min(labels) - 1, -1):
        line = lines[at]
        if line.is_prose or _DIGITS.search(line.text) or _is_piece(line.text):
            lead -= 1
        else:
            lead += 1
        after += line.words if line.is_prose else 0
        if lead > best and lead >= _TEASER_LEAD and after <= _TEASER_PROSE * prose and at in labels:
            end, best = at, lead
    return end


def _labels_with_colon(line: Line) -> bool:
    """A label that ends with a colon: "Also read:", "More from Company Town:"; a longer
    line that ends so opens a list of the story's own ("The board named three members:")."""
    return line.text.endswith(":") and line.words <= _COLON_LABEL_WORDS


def _labels_list(lines: list[Line], at: int) -> bool:
    """Whether the line at `at` may be a list's label: short, right under a prose line, and
    read as no sentence, no piece of one and no sub-heading (over two lines of prose)."""
    label, above = lines[at], lines[at - 1]
    if label.is_prose or label.words > _TEASER_LABEL_WORDS or not above.is_prose:
        return False  # most lines
    under = lines[at + 1 : at + 3]
    return (
        _ends_sentence(above.text)
        and not above.text.endswith(":")  # a list the story itself introduces
        and not _is_piece(label.text)
        and (not _ends_sentence(label.text) or _labels_with_colon(label))
        and label.text[-1] not in _CONTINUED
        and not any(_is_piece(line.text) for line in under)
        and not (len(under) == 2 and all(line.is_prose for line in under))
    )


# A header over the list of a story's sources, alone on its line: "Sources", "Our Sources:",
# "References". Annotated article bodies never keep the list under it.
_SOURCES = re.compile(
    r"(?:our |more |further )?(?:sources|references|bibliography|citations|further reading)"
    r"(?: and notes)?\s*:?",
    re.IGNORECASE,
)
_SOURCES_WORDS = 3  # the most words such a header has


def _sources_at(lines: list[Line]) -> int:
    """Where the list of a story's sources opens under its prose (`_SOURCES`): the story's
    own lines end there. `len(lines)` where it lists none."""
    prose = False
    for at, line in enumerate(lines):
        if prose and line.words <= _SOURCES_WORDS and _SOURCES.fullmatch(line.text):
            return at
        prose = prose or line.is_prose
    return len(lines)


# Who else reported a story, in its last line: "The Associated Press contributed to this
# report.", "Keith Bradsher contributed reporting from Beijing.", and a wire's credits, in
# brackets or as two or more parts: "(Reporting by Will Dunham; Editing by Tom Brown)",
# "Reporting by A in New York; additional reporting by B; editing by C", and "Additional
# reporting by Joseph Hudak" (alone, a line that opens "Reporting by" may be a sentence).
_CREDIT_PART = r"(?:additional |further )?(?:reporting|writing|editing|compiled|research) by "
_CONTRIBUTED = re.compile(
    r"[A-Z].*\bcontributed "
    r"(?:(?:additional )?reporting\b.*|to (?:this|the) (?:report|story|article))\.\W*"
    rf"|\((?i:{_CREDIT_PART})[^()]+\)\.?"
    rf"|(?i:{_CREDIT_PART})[^;.!?]+(?:;\s*(?i:{_CREDIT_PART})[^;.!?]+)+\.?"
    rf"|(?i:additional reporting by )[A-Z][^;.!?]+\.?"
)
_CONTRIBUTION_WORDS = 40  # a credit of many names is still one line, never a paragraph's


def _is_contribution(line: Line) -> bool:
    """Whether the line credits who else reported the story (`_CONTRIBUTED`)."""
    return line.words <= _CONTRIBUTION_WORDS and bool(_CONTRIBUTED.fullmatch(line.text))


def _pitches_before(lines: list[Line], end: int) -> int:
    """Where a run of the site's pitches to its reader (`is_pitch`) ends the lines before
    `end`: "Want to read more? Subscribe to …", "For more information, please see our
    Comments FAQ". Never the story's first line nor its last prose above them: a block whose
    only prose is a pitch keeps it, as nothing is left out of a page that holds no story.
    Between paragraphs, only a call to act is a pitch (`story`): there a blog's own
    sentences speak to the reader too."""
    at = end
    while at > 1 and is_pitch(lines[at - 1].text):
        at -= 1
    if not any(line.is_prose for line in lines[:at]):
        return end
    return at


def _author_note_at(lines: list[Line], authors: list[tuple[str, ...]]) -> int | None:
    """Where an author's note opens among the last `_NOTE_REACH` prose lines of a story:
    a paragraph whose subject is the story's author (a byline's name, then a word in lower
    case: "Mike Wall is the author of ..."), or the person or company a line over it names
    ("About Brigit Katz" over "Brigit Katz is ...", "About Ascom" over "Ascom is a global
    solutions provider ...", "Rachael Rettner" over "Rachael has been ...", with a handle
    between or not:
    a first name alone needs a verb of a note after it; "ARGENTINA CRUISES" over "Argentina
    comfortably got past Chile" is a sub-heading). Never the story's first prose line."""
    first = next((at for at, line in enumerate(lines) if line.is_prose), len(lines))
    prose = 0
    for at in range(len(lines) - 1, first, -1):
        line = lines[at]
        if not line.is_prose:
            continue
        prose += 1
        if prose > _NOTE_REACH:
            return None
        named = at - 1
        if named > first and _HANDLE.fullmatch(lines[named].text):
            named -= 1  # "Zac Hall" over "@apollozac" over "Zac covers Apple news …"
        person = _person(lines[named].text)
        if person and (
            _opens_with(line.text, [person])
            or (len(person) > 1 and _opens_with(line.text, [person[:1]], verbs=_NOTE_VERBS))
        ):
            return named
        if _opens_with(line.text, authors):
            return at
    return None


def _person(text: str) -> tuple[str, ...]:
    """The name a line prints alone, in lower case, else (): a person's two or three words
    each written as a name is ("Rachael Rettner"), or after "About" a person or a company,
    one to four capitalised words ("About Brigit Katz", "About Ascom": a press release's
    note on its company)."""
    about = text.startswith("About ")
    words = text.removeprefix("About ").split()
    if about and 1 <= len(words) <= 4 and all(word[0].isupper() for word in words):
        return tuple(map(str.lower, words))
    if 2 <= len(words) <= 3 and all(_NAME_WORD.fullmatch(word) for word in words):
        return tuple(map(str.lower, words))
    return ()


def _opens_with(
    text: str, names: list[tuple[str, ...]], verbs: frozenset[str] | None = None
) -> bool:
    """Whether the line's subject is one of `names`: the name, then a word in lower case
    (one of `verbs`, if given)."""
    words = text.split(maxsplit=5)
    for name in names:
        n = len(name)
        if len(words) > n and tuple(w.lower() for w in words[:n]) == name:
            after = words[n]
            if (after in verbs) if verbs is not None else after[0].islower():
                return True
    return False


def _byline_of(line: Line) -> str | None:
    """The name in a byline; a name printed under a "By" of its own is a byline too."""
    name = byline(line.text)
    if name is None and line.kind is Kind.BYLINE:
        name = byline(f"By {line.text}")
        if name is None:  # a name and its newsroom: "Troy L. Smith, Cleveland.com"
            first = _NAME_PARTS.split(line.text, maxsplit=1)[0]
            name = first if _BY_NAME.match(f"By {first}") else None
    return name


def _title_names(line: Line) -> set[str]:
    """What a page's title line may print again as its headline: itself, and at each bar or
    dash the longer part (the shorter is the site's name: "Headline - Site", "Site » Headline")."""
    text = line.text
    names = {line.key}
    for match in _TITLE_PARTS.finditer(text):
        head, site = text[: match.start()], text[match.end() :]
        names.add(_normalized(head if word_count(head) >= word_count(site) else site))
    return names


def _names(text: str) -> bool:
    """A credit without "By": names and a newsroom in capitalised words, none of the small
    words a headline's sentence needs ("Tom Davies Associated Press", "Robert Burns, AP
    National Security Writer", "Kevin Johnson and Kevin McCoy USA TODAY")."""
    words = text.replace(",", " ").split()
    return _NAMES_MIN <= len(words) <= _NAMES_MAX and all(
        word in _NAME_JOINS or (word[0].isupper() and word.lower() not in _CONNECTORS)
        for word in words
    )


_BOLD = re.compile(r"^\*\*\s*|\s*\*\*$")  # a plain-text e-mail's bold title: "** Title"
_DOMAIN_SUFFIX = re.compile(r"\s+[-–—|]\s+(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,6}$")


def _without_site_name(title: str) -> str:
    """A title without the site's name that a page's title line appends after a bar: "NASA
    Picks SpaceX ... Moon Lander Project | Space" (up to `_SITE_WORDS` words a part, and a
    headline of `_HEADLINE_WORDS` or more before them), or after a dash when the name is the
    site's domain ("… in economy seat - oregonlive.com", "… - WDAY.RU"), or after a spaced
    colon ("… Pack Indiana Statehouse For Protest : NPR"). Another dash is left alone: a
    wire's headline names its source or its day so ("SUGAR IMPORTS DOWN IN WEEK - USDA")."""
    title = _DOMAIN_SUFFIX.sub("", _BOLD.sub("", title))
    head, colon, site = title.rpartition(" : ")
    if colon and len(site.split()) <= _SITE_WORDS and len(head.split()) >= _HEADLINE_WORDS:
        title = head
    parts = title.split(" | ")
    while len(parts) > 1 and len(parts[-1].split()) <= _SITE_WORDS:
        parts.pop()
    head = " | ".join(parts)
    return head if len(head.split()) >= _HEADLINE_WORDS else title


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
        draft = _Draft(
            title=lines[title_at] if title_at >= 0 else None,
            heading=lines[repeat] if repeat and title_at == 0 and repeat <= header_end else None,
            headed=any(page.repeats(line, lines[title_at]) for line in header),
            credited=credited,
            # below the readers' comments a date is no credit: every comment carries one
            comment=title_at > page.comments_at and not named,
            span_words=sum(
                line.words
                for line in lines[title_at + 1 : _story_stop(page, title_at, stop)]
                if not _DIGITS.search(line.text)
            ),
        )
        for line in header:
            if line.kind is not Kind.TEXT:
                draft.take(line)  # header: keep the date, byline and source; drop the rest
        in_teasers = False
        for at in range(header_end + 1, stop):
            line = lines[at]
            if line.kind is Kind.COMMENTS:
                if at < page.comments_at:
                    continue  # a link to the thread over the story, not the thread
                break  # the readers' comments: not the story, however much prose they hold
            if in_teasers and not (page.prose_resumes(at, stop) or _opens_body(page, at, draft)):
                continue
            in_teasers = False
            if line.kind is Kind.TEASER:
                in_teasers = True
            elif (
                line.kind is Kind.TEXT
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


_COUNT = re.compile(r"\d{1,3}(?:[.,]\d)?[KkMm]?")  # a widget's count alone: "12", "1.2K"


def _is_count(line: Line) -> bool:
    """A widget's count on a line of its own: after a break (a wrapped sentence's last line
    may be a figure alone: "... at December" over "31")."""
    return line.blanks_before > 0 and bool(_COUNT.fullmatch(line.text))


def _furniture_run(lines: list[Line], *, lists: bool = False) -> int:
    """How many lines open `lines` before its first prose line as site furniture ("Related
    Topics", tag names, "Share this with Facebook", "Download for iOS"): short lines that end
    no sentence and state no figure (a table's rows stay). Zero when no prose follows them.
    Given a body backwards, the furniture after its last prose line; there (`lists`), also a
    list of `_LIST_LINES` or more lines of which a few state a figure, end a sentence or run
    long: a footer's menus and headlines ("Why Subscribe?", "10 Places to Travel in 2020").
    Above a story's first paragraph such a list is more often its own (steps, codes, facts)."""
    count = next((at for at, line in enumerate(lines) if line.is_prose), 0)
    odd = sum(map(_is_odd, lines[:count]))
    if odd == 0:
        return count
    listed = sum(not _is_count(line) for line in lines[:count])  # counts: no items
    return count if lists and listed >= _LIST_LINES and odd <= _LIST_ODD * listed else 0


def _is_odd(line: Line) -> bool:
    """A line unlike a menu's: it runs long, ends a sentence or states a figure (a count
    alone is a widget's, "12" shares, "214", "1.2K", but no item of a list), and calls the
    reader to nothing ("Share on Facebook Share on Twitter Share via Email" runs long)."""
    return (
        line.words >= 8
        or (_ends_sentence(line.text) and not _labels_with_colon(line))
        or (bool(_DIGITS.search(line.text)) and not _is_count(line))
    ) and not is_pitch(line.text, addressed=False)


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
    return [_under_headline(page, draft).story(path, i) for i, draft in enumerate(stories)]


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
        and not _ends_sentence(following.title.text)  # a caption printed twice: the lede's
    )


_DATE_ABOVE = 3  # lines above a headline a date printed over it may stand


def _date_above(page: Page, title_at: int, draft: _Draft) -> None:
    """The date a page prints over its first headline ("March 5, 2019 / 3:58 PM" over the
    headline, "World News" / "Reuters" / date over the headline) is that story's, if it has
    none under the headline and the lines above it are not a story. Only boilerplate and
    credits may stand between them: a line of text above is the page's, or another story's."""
    if any(line.kind is Kind.DATE for line in draft.meta):
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
        if sum(map(_is_odd, above)) > _LIST_ODD * len(above):
            return draft  # not a menu above it: a table's rows, the story's own lines
        return attrs.evolve(draft, title=line, body=draft.body[draft.body.index(first) :])
    return draft
