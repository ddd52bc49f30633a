"""Text whose blocks a scraper ran together, read back as the blocks it held.

A page's text taken with BeautifulSoup's `get_text()` (or lxml's `text_content()`, or a
browser's `textContent`) joins the text of its elements with nothing between them where
the HTML had no whitespace between its tags, as minified HTML has none: a menu comes out
as "HomeNewsSportsWeather", a headline as "EntertainmentDoobie Brothers to reunite ...
showUpdated Nov 19", and paragraphs as "... on Dec. 6.The band unveiled ...". Read as it
is, such a page is a few lines of thousands of characters, and its headline, date and
paragraphs are not lines at all.

A sentence's end with the next sentence's capital right after it ("6.The", "Streets.”The")
marks a join on any site, and prose typed by hand almost never has it: three make a page
glued. On such a page, a block also ends at a run of spaces inside a line (the HTML source's
indentation between two elements), after a closing bracket, a year or a time of day run
into a capital ("2019Opportunity"), before a date run onto a word ("DoeNovember 19"), and
where a word in lower case runs into a capitalised one ("showUpdated"). A capitalised word
run into another ("VoteDoobie") is also how brands are spelt ("PlayStation", "AirPods"): it
ends a block only in a stretch dense with such joins or beside an item of a menu, and never
inside a word the page prints standing in a sentence twice ("Apple AirPods are ...").

Written here: no library reads text back into the blocks a scraper ran together; word
segmenters (wordninja) split words run together by their frequency in English text, which
neither a menu of names nor a page in another language follows.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter

import attrs

_LOWER, _UPPER = "a-zß-öø-ÿ", "A-ZÀ-ÖØ-Þ"  # Latin letters: "AlfabetizaçãoUma" is a join too
# A sentence's end with the next sentence's first word right after it: "6.The", "it.”The",
# "should.A CT scan"; not an initial's ("U.S.Army"), a decimal's or an address's.
_JOINED = rf"(?<=[{_LOWER}0-9%)][.!?])(?<![A-Z.][.!?])[\"”’)]?(?=[{_UPPER}“\"‘][{_LOWER}]|[AI] )"
_SENTENCE_JOIN = re.compile(rf"[.!?]{_JOINED}")  # (the stop first: a search skips to one)
# The same, once for each stop: a search for one character skips through a page three
# times faster than one for any of three, and `Glued.read` only counts the joins.
_STOP_JOINS = tuple(re.compile(re.escape(stop) + _JOINED) for stop in ".!?")
_ADDRESS = re.compile(r"@|www\.|://|\.(?:com|org|net|gov|edu|co|uk|io)\b", re.IGNORECASE)
_ADDRESS_CHARS = 40  # an address's characters either side of its "."
_SPACES = re.compile(r"\s{3,}")  # the HTML source's indentation between two elements, in a line
# A closing bracket, a year or a time of day run into the next block ("(Opens in new
# window)Click", "November 19, 2019Opportunity", "6:55 AMThe"), or a word run into a date
# ("… review21/06/2014", "By Jane DoeNov 19, 2019") or into a lede's dateline ("AppSUVA,
# June 2 - Fiji today …").
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t|tember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
# A wire's dateline opening a lede: "SUVA, June 2 - ", "LONDON (Reuters) - ".
_DATELINE = (
    rf"[A-Z]{{2}}[A-Z .'’-]{{0,30}}(?:, {_MONTH}\.? \d{{1,2}}|\s*\([A-Z][\w ]{{1,20}}\))\s*[-–—]"
)
_OTHER_JOIN = re.compile(
    rf"(?:(?<=\))|(?<=[12]\d{{3}})|(?<=\d[AaPp][Mm])|(?<=\d [AaPp][Mm]))(?=[{_UPPER}][{_LOWER}])"
    rf"|(?<=[{_LOWER}])(?=\d{{1,4}}[/.-]\d\d?[/.-]\d|{_MONTH}\.?\s+\d|{_WEEKDAY},?\s|{_DATELINE})"
)
# A word run into a capitalised one ("MenuHome", "showUpdated"). The word before the join
# starts after a letter in lower case only if it is capitalised ("Home" in "MenuHomeNews");
# a name's prefix ("McDonald", "DeSantis", "LaGuardia") or a brand's lower-case letter
# ("iPhone", "eBay") is no word of its own, nor are a hashtag's or a handle's words
# ("#MethWeAreOnIt") or an address's.
_WORD_JOIN = re.compile(rf"(?<=[{_LOWER}])(?=[{_UPPER}][{_LOWER}])")
_LEFT_WORD = re.compile(rf"(?:(?<![^\W\d_])[{_LOWER}]+|(?<![{_UPPER}])[{_UPPER}][{_LOWER}]+)$")
_NAME_PREFIX = re.compile(r"Mc|Mac|De|Di|Du|Da|La|Le|Van|Von|[a-z]")
_NO_WORDS = re.compile(r"[#@]|\S*/")  # how a hashtag, a handle or an address starts
# A word spelt with one inner capital ("AirPods", "PlayStation"); where it stands in a
# sentence twice (a word all in lower case before or after it: "Apple AirPods are"), it is
# a word the page uses, not two items of a menu run together ("Dealer Sun MessengerSun").
_CAPITALISED = re.compile(rf"[{_UPPER}]?[{_LOWER}]+[{_UPPER}][{_LOWER}]+")
_SPELT = re.compile(
    rf"(?<!\S)([{_LOWER}]+ )?({_CAPITALISED.pattern})(?=[\s,.;:!?)’'\"”]|$)( [{_LOWER}]+\b)?"
)
_SPELT_TIMES = 2  # times a page spells a word so, in a sentence, from which it keeps it whole
_GLUED_JOINS = 3  # sentence joins from which a page reads as glued; a typo makes one or two
_DENSE_WORDS = 15  # a stretch with a word join per this many words is a menu run together
_DENSE_JOINS = 2  # and at least this many
_ITEM_WORDS = 2  # an item of a menu: "Home", "Real Estate"
# Characters looked at before a join for the word it ends: a word's, a hashtag's or an
# address's. Bounded, so that a line of menus run together for a megabyte costs its length.
_WORD_CHARS = 60


@attrs.frozen
class Glued:
    """A page whose blocks were run together, and the words it spells with an inner capital."""

    words: frozenset[str]

    @classmethod
    def read(cls, text: str) -> Glued | None:
        """The page, if it ran its blocks together: three or more sentences joined to the
        next. None for most pages."""
        joins = 0
        for join in itertools.chain.from_iterable(stop.finditer(text) for stop in _STOP_JOINS):
            joins += not _in_address(text, join.start())
            if joins >= _GLUED_JOINS:
                spelt = Counter(
                    word for before, word, after in _SPELT.findall(text) if before or after
                )
                return cls(frozenset(w for w, count in spelt.items() if count >= _SPELT_TIMES))
        return None

    def blocks(self, line: str) -> list[tuple[int, int]]:
        """The spans of the blocks a line ran together, each stripped of spaces."""
        cuts = [
            join.end()
            for join in _SENTENCE_JOIN.finditer(line)
            if not _in_address(line, join.start())
        ]
        cuts.extend(gap.start() for gap in _SPACES.finditer(line))
        cuts.extend(join.start() for join in _OTHER_JOIN.finditer(line))
        cuts.sort()
        spans: list[tuple[int, int]] = []
        for start, end in zip([0, *cuts], [*cuts, len(line)], strict=True):
            spans.extend(self._words_apart(line, start, end))
        return [span for span in (_stripped(line, *s) for s in spans) if span[0] < span[1]]

    def _words_apart(self, line: str, start: int, end: int) -> list[tuple[int, int]]:
        """A stretch cut where a word in lower case runs into a capitalised one; and where a
        capitalised word does, if the stretch is dense with such joins or the join has an
        item of a menu on one side ("WorldAvailable" after "HomeWorld")."""
        always: list[int] = []
        capitalised: list[int] = []
        for join in _WORD_JOIN.finditer(line, start, end):
            at = join.start()
            near = max(start, at - _WORD_CHARS)  # looked at: the word before, not the stretch
            left = _LEFT_WORD.search(line, near, at)
            if left is None or self._spelt(line, left):
                continue
            after_digit = line[left.start() - 1 : left.start()].isdigit()
            if _NAME_PREFIX.fullmatch(left.group()) and not after_digit:
                continue  # (but "2020sPublished": a plural's "s")
            if _NO_WORDS.match(line, max(near, line.rfind(" ", near, at) + 1), at):
                continue
            (capitalised if left.group()[0].isupper() else always).append(at)
        if len(capitalised) >= max(_DENSE_JOINS, len(line[start:end].split()) / _DENSE_WORDS):
            always.extend(capitalised)
        elif len(capitalised) >= _DENSE_JOINS:
            bounds = [start, *capitalised, end]
            always.extend(
                join
                for k, join in enumerate(capitalised, start=1)
                if min(_words(line, bounds[k - 1], join), _words(line, join, bounds[k + 1]))
                <= _ITEM_WORDS
            )
        always.sort()
        return list(zip([start, *always], [*always, end], strict=True))

    def _spelt(self, line: str, left: re.Match[str]) -> bool:
        """Whether the join is inside a word the page prints standing alone elsewhere."""
        match = _CAPITALISED.match(line, left.start())
        return match is not None and match.group() in self.words


def _words(line: str, start: int, end: int) -> int:
    return len(line[start:end].split())


def _in_address(text: str, at: int) -> bool:
    """Whether the "." at `at` is inside a web or mail address ("www.DearAbby.com")."""
    left = max(text.rfind(" ", 0, at) + 1, at - _ADDRESS_CHARS)
    right = text.find(" ", at, at + _ADDRESS_CHARS)
    return bool(_ADDRESS.search(text, left, at + _ADDRESS_CHARS if right < 0 else right))


def _stripped(line: str, start: int, end: int) -> tuple[int, int]:
    while start < end and line[start].isspace():
        start += 1
    while end > start and line[end - 1].isspace():
        end -= 1
    return start, end
