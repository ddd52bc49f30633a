"""The lines of a page: each one's text, span and kind, and what its shape says.

A page is read line by line: what each line is (`boilerplate.classify`), how it stands
(blank lines around it, a paragraph hard-wrapped over several lines, one element a line),
and what a Markdown page, a text browser's dump or a page whose elements a scraper ran
together shows of it (`markup`, `numbered`, `glued`). Offsets always count the file as written.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from functools import lru_cache

import attrs

from .boilerplate import (
    CAPTION_CHARS,
    CAPTION_LABEL,
    LIST_MARKS,
    Kind,
    classify,
    classify_page,
    parse_date,
)
from .glued import Glued
from .markup import Marked, read_kinds
from .markup import read as read_markdown
from .numbered import is_numbered
from .numbered import shown as without_numbers
from .text import normalize, word_count

normalized = lru_cache(maxsize=1 << 16)(normalize)
_OPENING_SLACK = 16  # characters cut past twice an opening's length: whitespace it collapses
_SENTENCE_ENDS = frozenset(".!?…:\"”’')]。！？」』）")  # the last ones: CJK
DIGITS = re.compile(r"\d+")
BY_ALONE = frozenset(("By", "BY", "by", "By:", "BY:", "by:"))
_SOURCE_ALONE = frozenset(("Source:", "SOURCE:", "Sources:", "SOURCES:"))
# A credit a byline's pattern does not read, but no headline: "By Troy L. Smith, Cleveland.com".
BY_NAME = re.compile(r"By [A-Z][\w.'’-]* [A-Z]|BY [A-Z]+ [A-Z]")
META = (Kind.DATE, Kind.BYLINE, Kind.SOURCE)
_CREDIT_CHARS = 80  # a name and its newsroom under a "By" alone
_CREDIT_LABEL_CHARS = 24  # a credit's label alone: "Credit...", "Image credit:"
HEADLINE_WORDS = 4  # shorter stand-alone lines are labels ("Best Of", names) more than titles
_PARAGRAPH_WORDS, _PARAGRAPH_CHARS = 25, 250  # a line this long is a paragraph
_CUT_SHORT = ("…", "...")  # how a line that trails off ends, as cut teasers do
WRAPPED_WORDS = 8  # a line of a hard-wrapped paragraph has a neighbour this long


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
        text, words = self.text, self.words
        if paragraph_sized(text, words):
            return not _is_menu(text)
        return (
            words >= 8
            and text[0] not in LIST_MARKS
            and (ends_sentence(text) or (self.wrapped and not title_case(text)))
        )

    @property
    def key(self) -> str:
        return normalized(self.text)

    def opening(self, chars: int) -> str:
        """`key[:chars]`, normalising no more of a long line than that takes (a headline is
        compared with the opening of the paragraph under it). In ASCII text, normalising
        folds each character alone and collapses whitespace, so the normal form of a line's
        start is a start of its normal form."""
        text = self.text
        cut = 2 * chars + _OPENING_SLACK
        if len(text) > cut and text.isascii():
            opening = normalize(text[:cut])  # (not `normalized`: a cut line is no key to keep)
            if len(opening) >= chars:
                return opening[:chars]
        return self.key[:chars]

    @property
    def is_paragraph(self) -> bool:
        return paragraph_sized(self.text, self.words)


def lines(text: str, *, marked: bool = False) -> list[Line]:
    """The non-blank lines of `text`, with character offsets of their stripped content;
    `marked`: the text is Markdown, each line read as the text it marks up. A page whose
    blocks a scraper ran together (`Glued`) is read as those blocks, each a line of its own
    with a break before it; a text browser's dump (`is_numbered`), without its links'
    numbers."""
    raw: list[tuple[int, int, int, str]] = []  # number, start, end, the text it shows
    gaps: list[int] = []
    blanks = 0
    offset = 0
    pieces = _split_lines(text)
    shown = read_markdown([piece.strip() for piece in pieces]) if marked else []
    numbered = not marked and is_numbered(text)
    glued = None if marked or numbered else Glued.read(text)
    marks: list[Marked] = []  # those of the lines kept
    for number, piece in enumerate(pieces, start=1):
        stripped = piece.strip()  # a "\r" before the "\n" is whitespace: stripped with the rest
        mark = shown[number - 1] if marked else None
        visible = (
            mark.text if mark is not None else without_numbers(stripped) if numbered else stripped
        )
        if not stripped:
            blanks += 1
        elif not visible:
            pass  # Markdown that shows no text (an image alone), a link's number alone
        else:
            start = offset + (len(piece) - len(piece.lstrip()))
            if glued is not None:
                for at, (first, last) in enumerate(glued.blocks(stripped)):
                    raw.append((number, start + first, start + last, stripped[first:last]))
                    gaps.append(blanks if at == 0 else 1)  # blocks run together: each its own
            else:
                end = start + len(stripped)  # the line as written, Markdown's marks and all
                raw.append((number, start, end, visible))
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
    words = list(map(word_count, texts))
    teasers = _teaser_runs(texts, words)
    kinds = _labelled_captions(texts, _split_bylines(texts, classify_page(texts, text)))
    kinds = _described_images(texts, _credited_captions(texts, kinds, printed), printed)
    if marked:
        teasers = [teaser or mark.item for teaser, mark in zip(teasers, marks, strict=True)]
        kinds = read_kinds(marks, kinds)
    # Built from the last line up: a sentence broken over lines where it links, as a dump
    # that prints each element's text on a line of its own prints it ("The law that" / "fuels
    # Delhi's smog" / "was passed in 2009 to save water."), is prose on every line, and a
    # line that runs on into prose is told so with the line under it already final.
    out: list[Line] = []
    following: Line | None = None
    for i in range(len(raw) - 1, -1, -1):
        number, start, end, stripped = raw[i]
        kind = kinds[i]
        meta_joined = (
            kind in META and gaps[i + 1] == 0 and i + 1 < len(raw) and kinds[i + 1] is Kind.TEXT
        )  # runs on into a line of text, not into a button ("By Jane Doe" over "close")
        if meta_joined and continues(stripped, raw[i + 1][3]):
            kind = Kind.TEXT  # "By Thursday evening, ..." wrapped onto the next line: a sentence
        before, after = gaps[i], gaps[i + 1]
        # a line of a hard-wrapped paragraph, not one of a list with short lines between its
        # items ("Hill suffers hamstring injury in win over Chargers" between "1:41" and "18:08")
        wrapped = (
            before == 0
            and after == 0
            and 0 < i < len(raw) - 1
            and (words[i - 1] >= WRAPPED_WORDS or words[i + 1] >= WRAPPED_WORDS)
        )
        heading = marked and marks[i].heading
        line = Line(
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
        if (
            following is not None
            and following.is_prose
            and not line.is_prose
            and kind is Kind.TEXT
            and not printed[i + 1]
            and continues(stripped, following.text)
        ):
            line.is_prose = True
        out.append(line)
        following = line
    out.reverse()
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
        len(text) >= _FILLED_LINE and continues(text, following)
        for text, following in itertools.pairwise(texts)
    )
    return runs_on < _RUN_ON_SHARE * len(texts)


def _split_bylines(texts: list[str], kinds: list[Kind]) -> list[Kind]:
    """`kinds`, with a byline, a source or a photo's credit that a text dump printed over two
    lines ("By" alone, then "Sarah E. Needleman"; "SOURCE:", then "Al Jazeera News";
    "Credit...", then "Anna Moneymaker/The New York Times") read as one: the name is the
    byline, the source or the caption, its label the rest of it."""
    for at, (text, following) in enumerate(itertools.pairwise(texts)):
        if len(text) > _CREDIT_LABEL_CHARS:
            continue  # most lines: longer than any label read here ("By", "SOURCE:", "Credit...")
        if text in BY_ALONE and _signs(following):
            kinds[at], kinds[at + 1] = Kind.BOILERPLATE, Kind.BYLINE
        elif text in _SOURCE_ALONE and classify(f"Source: {following}") is Kind.SOURCE:
            kinds[at], kinds[at + 1] = Kind.BOILERPLATE, Kind.SOURCE
        elif (
            text.endswith(_LABEL_ENDS)
            and _CREDIT_ALONE.fullmatch(text)
            and classify(f"{text} {following}") is Kind.CAPTION
        ):
            kinds[at] = kinds[at + 1] = Kind.CAPTION
    return kinds


def _signs(name: str) -> bool:
    """Whether the line under a "By" alone is the name it credits: a byline with it, or a
    name and its newsroom that no byline's pattern reads ("Troy L. Smith, Cleveland.com")."""
    credit = f"By {name}"
    return classify(credit) is Kind.BYLINE or (
        len(name) <= _CREDIT_CHARS and BY_NAME.match(credit) is not None
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
    return _copies_of(captions, texts, kinds, since=labels[0] + 2)


def _copies_of(
    captions: set[str], texts: list[str], kinds: list[Kind], since: int = 0
) -> list[Kind]:
    """`kinds`, with each line of text from `since` on that prints one of `captions` again
    read as a caption too."""
    for at in range(since, len(texts)):
        if kinds[at] is Kind.TEXT and texts[at] in captions:
            kinds[at] = Kind.CAPTION
    return kinds


# A credit alone on its line, under its caption: "Credit...Doug Mills/The New York Times",
# "Image Credit: Shutterstock", "Photo: Gene J. Puskar".
_CREDIT_ALONE = re.compile(
    r"(?:image |photo )?(?:credit|photo(?:graph)?|image|picture|foto)s?\s*(?::|\.\.\.|…)",
    re.IGNORECASE,
)
_LABEL_ENDS = (":", "...", "…")  # how `_CREDIT_ALONE` ends: asked first, as cheaper


# A caption's credit alone in brackets: "(Jacquelyn Martin / Associated Press)".
_BRACKETED = re.compile(r"\([^()]{1,80}\)|\[[^\[\]]{1,80}\]")


def _credited_captions(texts: list[str], kinds: list[Kind], gaps: list[int]) -> list[Kind]:
    """`kinds`, with the line right over a credit alone, with no break between them, read as
    the caption it credits ("President Trump with China's top trade negotiator, Liu He, in
    the Oval Office last month." over "Credit...Doug Mills/The New York Times", "Gannett is
    merging with GateHouse …" over "(Jacquelyn Martin / Associated Press)"): standing
    alone, it would pass for a headline over the byline. So is every other copy of it."""
    if Kind.CAPTION not in kinds:
        return kinds  # most pages
    captions: set[str] = set()
    for at in range(1, len(texts)):
        if (
            kinds[at] is Kind.CAPTION
            and gaps[at] == 0
            and kinds[at - 1] is Kind.TEXT
            and len(texts[at - 1]) <= CAPTION_CHARS
            and (_CREDIT_ALONE.match(texts[at]) or _BRACKETED.fullmatch(texts[at]))
        ):
            kinds[at - 1] = Kind.CAPTION
            captions.add(texts[at - 1])
    # and every other copy of it: an image's description printed over it
    return _copies_of(captions, texts, kinds) if captions else kinds


# An image as a text dump renders it, by its description in brackets: "[Image: …]".
_DESCRIBED = re.compile(r"\[(?:image|photo|picture|graphic|illustration)\s*:", re.IGNORECASE)
_DESCRIBED_LINES = 3  # lines a hard-wrapped dump runs an image's description over


def _described_images(texts: list[str], kinds: list[Kind], gaps: list[int]) -> list[Kind]:
    """`kinds`, with an image's description in brackets that a hard-wrapped dump runs over
    lines with no break between them read as a caption, every line of it ("[Image: Flare
    stacks at the Grangemouth complex on the Forth. Picture:" / "Courier library]"). On
    one line, `boilerplate` reads it so."""
    for at, text in enumerate(texts):
        if text[0] != "[" or "]" in text or not _DESCRIBED.match(text):
            continue  # (asked first: most lines open otherwise)
        for end in range(at + 1, min(at + _DESCRIBED_LINES, len(texts))):
            if gaps[end]:
                break
            if texts[end].endswith("]"):
                kinds[at : end + 1] = [Kind.CAPTION] * (end + 1 - at)
                break
    return kinds


def _teaser_runs(texts: list[str], words: list[int]) -> list[bool]:
    """Which lines belong to a run of teasers: two or more short lines in a row that trail
    off ("…", "..."), as a widget's comment snippets cut to a length, or three or more lines
    that each run a title-case headline into its summary, short section labels and
    headlines without a summary allowed between them. One line that trails off is not
    enough (an excerpt of a story may end that way), nor one paragraph that opens with a run
    of names."""
    lines = list(zip(texts, words, strict=True))
    cut = [text.endswith(_CUT_SHORT) and not paragraph_sized(text, n) for text, n in lines]
    cut = _in_runs(cut, 2, lambda: [False] * len(texts))
    headed = _in_runs(
        [text[0].isupper() and _headed(text, n) for text, n in lines],
        3,
        lambda: [n < HEADLINE_WORDS or title_case(text) for text, n in lines],
    )
    if not any(headed):
        return cut  # most pages: no run of headlines with a summary
    return [a or b for a, b in zip(cut, headed, strict=True)]


def ends_sentence(text: str) -> bool:
    """Whether a line ends as a sentence does. A line's text holds no "\n": its last
    character is all there is to look at."""
    return text[-1] in _SENTENCE_ENDS


_SENTENCE_BREAK = re.compile(r"[.!?。！？]['\"”’)]*\s")


def _is_menu(text: str) -> bool:
    """A long line of link labels run together, not a paragraph: mostly capitalised words and
    no sentence ending anywhere ("- Menu - Notícias da Fórmula 1 Notícias da Fórmula Indy ...")."""
    return not ends_sentence(text) and title_case(text) and not _SENTENCE_BREAK.search(text)


def paragraph_sized(text: str, words: int) -> bool:
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


CONNECTORS = frozenset({"a", "an", "and", "at", "for", "in", "of", "on", "the", "to", "with"})
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
    # Most lines (a sentence) have a word in lower case among their first five: split off
    # only those first, and the rest only if the line can still open with a head.
    opening, _ = _head(text.split(maxsplit=_TEASER_HEAD)[:_TEASER_HEAD])
    if opening < _TEASER_HEAD:
        return False  # fewer than five words before the first in lower case: no head
    words = text.split(maxsplit=_HEADED_WORDS)  # the head and a summary fit in these
    head, capitalised = _head(words)
    return capitalised >= _TEASER_HEAD and len(words) - head >= _TEASER_SUMMARY


def _head(words: list[str]) -> tuple[int, int]:
    """How many `words` open a title-case head (up to the first word in lower case but a
    connector) and how many of those are capitalised."""
    head = capitalised = 0
    for word in words:
        if word[0].isupper():
            capitalised += 1
        elif word[0].isalpha() and word.lower() not in CONNECTORS:
            break
        head += 1
    return head, capitalised


def _split_lines(text: str) -> list[str]:
    """The lines of `text` without their "\n": a last "\n" ends a line, it starts none."""
    pieces = text.split("\n")
    if not pieces[-1]:
        pieces.pop()
    return pieces


_WORD_INITIAL = re.compile(r"([^\W\d_])[\w'’-]*")  # a word's first letter
_TITLE_CASE = 0.6  # share of capitalised words from which a line reads as a title, not prose


def title_case(text: str) -> bool:
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
    """`title_case` of an ASCII line without a regular expression: `_WORD_INITIAL` takes
    the first letter of each run of [A-Za-z0-9_'-], and with the non-letters of the runs
    deleted, that letter is the one after a space."""
    cases = (" " + text).encode("ascii").translate(_INITIAL_CASE, _WORD_MIDDLE)
    upper = cases.count(b" U")
    initials = upper + cases.count(b" l")
    return bool(initials) and upper >= _TITLE_CASE * initials


def continues(line: str, following: str) -> bool:
    """Whether `line` is a sentence running on into the next line of a hard-wrapped paragraph
    (not a byline over its date: "By Jane Doe" over "on November 19, 2019")."""
    return line[-1] not in '.!?:;)"”' and following[0].islower() and parse_date(following) is None
