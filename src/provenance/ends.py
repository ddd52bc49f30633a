"""Where a story's own lines end, under its last paragraph.

A page prints more under an article than the article: the list of its sources, who else
reported it, lists of other stories with their summaries, the site's pitches to its
reader, an author's note, menus and footers. `own_end` finds where the story's own lines
stop among the lines the segmenter gave it.
"""

from __future__ import annotations

import re

from .boilerplate import (
    HANDLE,
    is_pitch,
)
from .lines import (
    Line,
    ends_sentence,
)

_LIST_LINES, LIST_ODD = 5, 0.2  # a list of furniture: lines, and the share that may look odd
_NOTE_REACH = 3  # an author's note is one of a story's last prose lines
# Whether a line states a figure: one digit searched for, in two thirds of the time that
# `lines.DIGITS` (a run of them) takes.
FIGURE = re.compile(r"\d")
HANDLE_RE = re.compile(HANDLE)  # printed under a name in an author's box or byline
_NAME_WORD = re.compile(r"[A-Z](?:[a-z'’-]+|\.)(?:[A-Z][a-z]+)?")  # "Rachael", "J.", "McCoy"
# What an author's note says of its author after a first name: "Rachael has been with ...".
_NOTE_VERBS = frozenset(
    ("is", "has", "was", "writes", "covers", "reports", "joined", "lives", "holds", "earned")
)


def own_end(lines: list[Line], authors: list[tuple[str, ...]], *, whole: bool = False) -> int:
    """Where a story's own lines end: before the list of its sources (`_sources_at`), a list
    of other stories under it (`_teasers_at`), the furniture after its last paragraph
    (`furniture_run`), the site's pitches to its reader there (`_pitches_before`), who
    else reported it ("The Associated Press contributed to this report."), and before an
    author's note there and all under it ("Jeff Foust writes about space policy ...",
    "Rachael Rettner" over "Rachael has been with ..."). A page kept `whole`, for want of
    a story, keeps its lists and pitches."""
    end = _sources_at(lines)
    if not whole:
        end = _teasers_at(lines[:end])
    while end:
        end -= furniture_run(lines[end - 1 :: -1], lists=True)
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
        if line.is_prose or FIGURE.search(line.text) or _is_piece(line.text):
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
        ends_sentence(above.text)
        and not above.text.endswith(":")  # a list the story itself introduces
        and not _is_piece(label.text)
        and (not ends_sentence(label.text) or _labels_with_colon(label))
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
    first = next((at for at, line in enumerate(lines) if line.is_prose), len(lines))
    for at in range(first + 1, len(lines)):
        line = lines[at]
        if line.words <= _SOURCES_WORDS and _SOURCES.fullmatch(line.text):
            return at
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
    comfortably got past Chile" is a sub-heading), or a byline's name printed again over the
    story's last paragraph ("Bill Hoppe" over "As you comment, please …"). Never the
    story's first prose line."""
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
        if named > first and HANDLE_RE.fullmatch(lines[named].text):
            named -= 1  # "Zac Hall" over "@apollozac" over "Zac covers Apple news …"
        person = _person(lines[named].text)
        if person and (
            _opens_with(line.text, [person])
            or (len(person) > 1 and _opens_with(line.text, [person[:1]], verbs=_NOTE_VERBS))
        ):
            return named
        if _opens_with(line.text, authors):
            return at
        if prose == 1 and named > first and _boxes_author(lines[named], line, authors):
            return named  # "Bill Hoppe" over "As you comment, please be respectful …"
    return None


_AUTHOR_LINE_WORDS = 5  # a byline's name printed again, and a word or two ("desk", "Staff")


def _boxes_author(name: Line, note: Line, authors: list[tuple[str, ...]]) -> bool:
    """Whether a line prints one of the story's bylines' names again, alone or with a word
    or two after it, over a paragraph that does not open with that name: the author's box
    ("Harold Whitcomb" over "Grain merchandiser, Kansas City."). A paragraph that opens
    with it is the story's ("Jane Doe" over "Jane said the council would vote …")."""
    if name.is_prose or name.words > _AUTHOR_LINE_WORDS:
        return False
    words = tuple(name.text.lower().split())
    opening = note.text.split(maxsplit=1)[0].lower()
    return any(words[: len(author)] == author and opening not in author for author in authors)


_PERSON_WORDS = 4  # the most words of a name `_person` reads


def _person(text: str) -> tuple[str, ...]:
    """The name a line prints alone, in lower case, else (): a person's two or three words
    each written as a name is ("Rachael Rettner"), or after "About" a person or a company,
    one to four capitalised words ("About Brigit Katz", "About Ascom": a press release's
    note on its company)."""
    about = text.startswith("About ")
    # (split no further than a name may run: a paragraph's words past it are never asked)
    words = text.removeprefix("About ").split(maxsplit=_PERSON_WORDS)
    if about and 1 <= len(words) <= _PERSON_WORDS and all(word[0].isupper() for word in words):
        return tuple(map(str.lower, words))
    if 2 <= len(words) <= 3 and all(_NAME_WORD.fullmatch(word) for word in words):
        return tuple(map(str.lower, words))
    return ()


def _opens_with(
    text: str, names: list[tuple[str, ...]], verbs: frozenset[str] | None = None
) -> bool:
    """Whether the line's subject is one of `names`: the name, then a word in lower case
    (one of `verbs`, if given)."""
    if not names:
        return False  # (most stories name no author: the line is not split)
    words = text.split(maxsplit=5)
    for name in names:
        n = len(name)
        if len(words) > n and tuple(w.lower() for w in words[:n]) == name:
            after = words[n]
            if (after in verbs) if verbs is not None else after[0].islower():
                return True
    return False


_COUNT = re.compile(r"\d{1,3}(?:[.,]\d)?[KkMm]?")  # a widget's count alone: "12", "1.2K"


def _is_count(line: Line) -> bool:
    """A widget's count on a line of its own: after a break (a wrapped sentence's last line
    may be a figure alone: "... at December" over "31")."""
    return line.blanks_before > 0 and bool(_COUNT.fullmatch(line.text))


def furniture_run(lines: list[Line], *, lists: bool = False) -> int:
    """How many lines open `lines` before its first prose line as site furniture ("Related
    Topics", tag names, "Share this with Facebook", "Download for iOS"): short lines that end
    no sentence and state no figure (a table's rows stay). Zero when no prose follows them.
    Given a body backwards, the furniture after its last prose line; there (`lists`), also a
    list of `_LIST_LINES` or more lines of which a few state a figure, end a sentence or run
    long: a footer's menus and headlines ("Why Subscribe?", "10 Places to Travel in 2020").
    Above a story's first paragraph such a list is more often its own (steps, codes, facts)."""
    count = next((at for at, line in enumerate(lines) if line.is_prose), 0)
    odd = sum(map(is_odd, lines[:count]))
    if odd == 0:
        return count
    listed = sum(not _is_count(line) for line in lines[:count])  # counts: no items
    return count if lists and listed >= _LIST_LINES and odd <= LIST_ODD * listed else 0


def is_odd(line: Line) -> bool:
    """A line unlike a menu's: it runs long, ends a sentence or states a figure (a count
    alone is a widget's, "12" shares, "214", "1.2K", but no item of a list), and calls the
    reader to nothing ("Share on Facebook Share on Twitter Share via Email" runs long)."""
    return (
        line.words >= 8
        or (ends_sentence(line.text) and not _labels_with_colon(line))
        or (bool(FIGURE.search(line.text)) and not _is_count(line))
    ) and not is_pitch(line.text, addressed=False)
