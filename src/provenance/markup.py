"""Markdown in a text dump, read as the text it marks up.

Scrapers often save a page as Markdown (html2text, markdownify, Jina Reader, Firecrawl).
Its link targets, image references and marks are not words of the page: left in, a
story's body holds URLs that no other copy of the story holds, a menu of links reads as a
line of prose and a headline starts with "# ". The segmenter reads a Markdown page's
lines through `read` (the text each shows, and what its marks say of it) and corrects
their kinds with `read_kinds`; offsets still refer to the file, so a story's span is where
its markup is.

Written here rather than taken from a Markdown parser: a parser renders a whole document
(blocks, nesting, HTML), where the segmenter needs each line of the dump on its own, at its
place, with only the inline marks gone; a dump's markup is also often broken (cut links,
stray brackets), which a line-by-line rewrite leaves as it is.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

import attrs
from rapidfuzz import fuzz

from .boilerplate import Kind
from .text import normalize

# A link's target: no spaces, one level of brackets ("…/Foo_(bar)"), an optional "title".
_TARGET = r"\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)"
_IMAGE = re.compile(r"!\[([^\]]*)\]" + _TARGET)  # its description, as a caption may repeat it
_LINK = re.compile(r"\[([^\]]*)\]" + _TARGET)
_REFERENCE = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")  # "[text][3]"
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_DEFINITION = re.compile(r"\[[^\]]+\]:\s+\S+")  # "[3]: https://…", a reference's target
_HEADING = re.compile(r"^#{1,6}\s+|\s+#+$")
_MAIN_HEADING = re.compile(r"#\s+\S")
_TITLE_RULE = re.compile(r"={3,}")  # under a line: marks it as the main heading
_RULE = re.compile(r"(?:[-*_]\s*){3,}|={3,}")  # under a line, a heading's; alone, a break
_QUOTE = re.compile(r"^(?:>\s?)+")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(
    r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])"  # "*word*", not "2 * 3" or "**"
    r"|(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)"  # "_word_", not "snake_case_name"
)
_STRAY = re.compile(r"\*{2,}|_{2,}|(?<!\S)#{1,6}(?!\S)")  # a mark left unpaired, an icon's
_OPEN = re.compile(r"\[(?=[^\]]*$)")  # a link's text that goes on past the line's end
_CLOSE = re.compile(r"\]" + _TARGET)  # and the target that ends it, on a line below
_LINKED_ITEM = re.compile(r"(?:[*+-]|\d{1,3}[.)])\s+\[")  # a list item that opens with a link
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_KEPT = 0xE000  # escaped marks are held as private-use characters while the rules run
_UNKEPT = {_KEPT + code: code for code in range(128)}
_SPACES = re.compile(r"\s{2,}")
_LINKS_ONLY = re.compile(r"[\s|·•*+,;:/()\[\]>-]*")  # what is left of a menu's line of links
_ALT_RATIO = 90.0  # rapidfuzz ratio from which a line repeats an image's description
_LINK_LINES = 8  # lines a link's text may run over before its target ends it
_MARKED_LINKS = 2  # links or images on a page from which its text is read as Markdown


def is_markdown(text: str) -> bool:
    """Whether a page's text is Markdown: it links at least twice in Markdown's own syntax
    ("[text](target)"), which plain text and other dumps do not write."""
    if "](" not in text:
        return False
    found = itertools.islice(_LINK.finditer(text), _MARKED_LINKS)
    return sum(1 for _ in found) == _MARKED_LINKS


def plain(line: str) -> str:
    """A stripped line of Markdown as the page shows it: links as their words, images and
    reference targets gone, no heading, quote or emphasis marks, escapes undone ("" when
    nothing of the line is text, as an image alone)."""
    if _DEFINITION.fullmatch(line) or _RULE.fullmatch(line):
        return ""
    escaped = "\\" in line
    if escaped:  # an escaped mark is a character of the text: kept from the rules below
        line = _ESCAPE.sub(lambda found: chr(_KEPT + ord(found[1])), line)
    line = _LINK.sub(r"\1", _IMAGE.sub("", line))
    line = _OPEN.sub("", _CLOSE.sub("", line), count=1)  # a link over lines: its text stays
    line = _REFERENCE.sub(r"\1", line)
    line = _AUTOLINK.sub(r"\1", line)
    line = _QUOTE.sub("", _HEADING.sub("", line))
    line = _STRONG.sub(r"\2", line)
    line = _EMPHASIS.sub(lambda m: m[1] or m[2], line)
    line = _SPACES.sub(" ", _STRAY.sub(" ", line)).strip()
    return line.translate(_UNKEPT) if escaped else line


@attrs.define
class Marked:
    """A line of a Markdown page: the text it shows and what its markup says of it."""

    text: str  # "" for a line that shows no text: an image alone, a rule, a link's target
    heading: bool = False  # the page's main heading: "# Title", or a title over "====="
    linked: bool = False  # links alone (a menu's item, a teaser's headline), not a heading
    item: bool = False  # a list item that opens with a link and goes on: a teaser
    alts: list[str] = attrs.Factory(list)  # images shown between this line and the last


def read(lines: Sequence[str]) -> list[Marked]:
    """Each stripped line of a Markdown page ("" for a blank one) as `Marked`. Read in order,
    as some marks concern more than their own line: a rule of "=" makes the line above it
    the main heading, a link's text may run over lines until its target closes it (a
    teaser's image, its headline and its summary in one link), and an image's description
    belongs to the next line of text."""
    marked: list[Marked] = []
    alts: list[str] = []
    opened: int | None = None  # where a link's text that runs on past its line began
    last = -1  # the last line that shows text
    for at, line in enumerate(lines):
        mark = Marked(plain(line) if line else "")
        marked.append(mark)
        if not line:
            continue
        unlinked = _LINK.sub("", _IMAGE.sub("", line))
        if not mark.text:
            alts.extend(found[1] for found in _IMAGE.finditer(line))
            if last == at - 1 and _TITLE_RULE.fullmatch(line):
                marked[last].heading = True
        else:
            mark.heading = _MAIN_HEADING.match(line) is not None
            mark.linked = (
                not line.startswith("#")  # a heading that links is still a heading
                and unlinked != line
                and _LINKS_ONLY.fullmatch(unlinked) is not None
            )
            mark.item = not mark.linked and _LINKED_ITEM.match(line) is not None
            mark.alts, alts, last = alts, [], at
        if opened is not None and _CLOSE.search(unlinked) and at - opened <= _LINK_LINES:
            for inside in marked[opened : at + 1]:
                inside.linked = inside.linked or (bool(inside.text) and not inside.heading)
            opened = None
        elif _OPEN.search(unlinked):
            opened = at
    return marked


def read_kinds(marks: list[Marked], kinds: list[Kind]) -> list[Kind]:
    """`kinds` of a Markdown page's lines of text, corrected by what their markup says: a
    line of links alone is a menu's or a list's (a story's headline may be a link, marked
    as a heading); a line that repeats the description of an image just above it is the
    image's caption."""
    for at, mark in enumerate(marks):
        if kinds[at] is not Kind.TEXT:
            continue
        if mark.linked:
            kinds[at] = Kind.BOILERPLATE
        elif mark.alts and _repeats(mark.text, mark.alts):
            kinds[at] = Kind.CAPTION
    return kinds


def _repeats(text: str, described: list[str]) -> bool:
    key = normalize(text)
    return any(fuzz.ratio(key, normalize(alt)) >= _ALT_RATIO for alt in described if alt)
