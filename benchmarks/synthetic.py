"""A deterministic synthetic corpus of scraped news pages with exact ground truth.

Real pages give no exact truth: nobody has marked where each story starts and
ends in them, nor which copies are the same story. This module builds pages
that look like the scraped ones in seeds/ (multi-story pages, title repeats,
captions, "Short Url", "Also Read" links, teaser blocks, "next story" widgets,
navigation and footers) from REAL story bodies read at run time from the
tarballs in ../shared/data, and records for every story block its exact
character span, its story and the republishing transforms it went through.

    python -m benchmarks.synthetic --out /tmp/synth --stories 200 --noise medium --seed 0
    python -m benchmarks.synthetic --out /tmp/synth --score   # also run provenance.dedupe on it

Nothing from the data tarballs is stored in the repository: the text is read
from the tarballs each time, and the generated pages go where `--out` says.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import random
import re
import sys
import tarfile
import textwrap
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from provenance import Report

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
AEB_TARBALL = "aeb-extraction-variants.tar.gz"
REUTERS_TARBALL = "reuters21578.tar.gz"
MIN_WORDS = 80  # a shorter body is a brief or a table, not a story worth finding


@attrs.frozen
class NoiseLevel:
    """How much republishing changes the copies of a story. See `NOISE`."""

    max_copies: int  # K: a story is published on 1..K pages
    single: float  # share of stories published on exactly one page
    widget: float  # share of arabnews-like pages that carry a "next story" widget
    layout: float  # share of page parts drawn in a harder layout variant (see `_hard`)
    retitle: float  # per copy: headline rewritten ("UPDATE 1-", shortened, words swapped)
    swap: float  # per copy: two paragraphs swapped
    trim: float  # per copy: the last 1-2 paragraphs dropped
    edit: float  # per copy: light word edits, at a rate drawn from `edit_rate`
    edit_rate: tuple[float, float]  # share of the words replaced, low..high
    excerpt: float  # per copy: cut to the first 30-60% of the words, ending "..."
    addendum: float  # per copy: an editor's note or a correction paragraph added


# The one table of noise parameters (columns are the fields of `NoiseLevel`, in order).
# Per-copy transforms apply to republished copies only: the first copy of a story and
# every "next story" widget carry the full text. "clean" has no transform and no hard
# layout, only the page conventions the seeds show; "high" is a stress test.
NOISE: dict[str, NoiseLevel] = {
    #                    K  single widget layout retit swap  trim  edit  edit_rate     exc.  add.
    "clean":  NoiseLevel(3, 0.30, 0.40, 0.00, 0.00, 0.00, 0.00, 0.00, (0.00, 0.00), 0.00, 0.00),
    "low":    NoiseLevel(4, 0.30, 0.40, 0.10, 0.15, 0.05, 0.10, 0.15, (0.01, 0.02), 0.05, 0.05),
    "medium": NoiseLevel(5, 0.30, 0.50, 0.20, 0.35, 0.15, 0.20, 0.35, (0.01, 0.03), 0.15, 0.15),
    "high":   NoiseLevel(6, 0.30, 0.60, 0.35, 0.60, 0.30, 0.35, 0.60, (0.03, 0.05), 0.30, 0.25),
}  # fmt: skip

TEMPLATES = ("arabnews", "blog", "listing", "wire", "portal")
TRANSFORMS = ("retitle", "swap", "trim", "edit", "excerpt", "addendum", "widget")


def _strings(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(items)


@attrs.frozen
class Source:
    """One real story: a headline and its body paragraphs.

    Attributes:
        key: unique id, "<collection>:<id>" ("aeb:a001", "reuters:00002").
        title: the headline (Reuters: as the wire sent it, upper case).
        paragraphs: body paragraphs, whitespace collapsed, no dateline.
        origin: the collection it came from.
        place: the dateline city when the source names one, else "".
    """

    key: str
    title: str
    paragraphs: tuple[str, ...] = attrs.field(converter=_strings)
    origin: str
    place: str = ""

    @property
    def words(self) -> int:
        return sum(len(p.split()) for p in self.paragraphs)


@attrs.frozen
class Span:
    """Where one copy of a story sits in one page: `pages[page][start:end]`.

    The block runs from the start of its headline line to the end of its last body
    paragraph (an excerpt's "..."). `title` is the headline line as printed;
    `transforms` what republishing did to this copy (names from `TRANSFORMS`).
    """

    page: str
    story: str
    start: int
    end: int
    transforms: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    title: str = ""

    @property
    def template(self) -> str:
        return self.page.split("-")[1]

    def to_dict(self) -> dict[str, object]:
        return {
            "page": self.page,
            "story": self.story,
            "start": self.start,
            "end": self.end,
            "transforms": list(self.transforms),
            "title": self.title,
        }


@attrs.frozen
class Corpus:
    """Generated pages (file name -> text) and the true story spans in them."""

    pages: dict[str, str]
    truth: list[Span]
    noise: str = ""  # "" when read back from disk
    seed: int | None = None


# ---------------------------------------------------------------------------------------
# Reading the real bodies


def _clean(line: str) -> str:
    """One paragraph: whitespace (tabs, odd line separators, controls) collapsed to spaces."""
    return " ".join("".join(c if c.isprintable() else " " for c in line).split())


def _members(path: Path) -> tarfile.TarFile:
    if not path.is_file():
        raise FileNotFoundError(
            f"{path} not found: the synthetic corpus reads real story bodies from "
            f"{path.name} in the data folder (../shared/data next to the repository)"
        )
    return tarfile.open(path, "r:gz")


_SMALL = frozenset(
    ("a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on",
     "or", "over", "per", "than", "the", "to", "up", "via", "vs", "with")
)  # fmt: skip


def title_case(text: str) -> str:
    """Headline case, for slugs and all-caps wire headlines ("U.S." stays as it is)."""
    out = []
    for i, word in enumerate(text.split()):
        lower = word.lower()
        if "." in word.strip(".") or any(c.isdigit() for c in word):
            out.append(word)
        elif i and lower in _SMALL:
            out.append(lower)
        else:
            out.append("/".join(part[:1].upper() + part[1:] for part in lower.split("/")))
    return " ".join(out)


def slug_title(url: str) -> str | None:
    """A headline from a URL slug, or None when no path segment reads as one.

    The slug is the publisher's own short headline: unlike words of the body, it
    does not make the title a copy of the lede (which the segmenter would read as
    a pull-quote). The last path segment with 4 or more words, ids dropped, wins.
    """
    path = url.split("://", 1)[-1].split("?", 1)[0].split("#", 1)[0]
    for segment in reversed(path.split("/")[1:]):
        segment = re.sub(r"\.(?:s?html?|php|aspx?)$", "", segment)
        words = [w for w in re.split(r"[-_+]+", segment) if w]
        while words and any(c.isdigit() for c in words[-1]):
            words.pop()  # a trailing id ("...-11574168580", "ar-BBWXwNX" is caught below)
        while words and words[0].isdigit() and len(words[0]) >= 4:
            words.pop(0)  # a leading id ("471033-south-dakota-...")
        if len(words) >= 4 and all(w.isalnum() for w in words):
            return title_case(" ".join(words[:20]))
    return None


def lede_title(paragraphs: Sequence[str]) -> str:
    """A headline from the lede when the slug is only an id: its first 10 words."""
    words = paragraphs[0].split()
    first = re.split(r"(?<=[.!?])\s", paragraphs[0], maxsplit=1)[0].split()
    text = " ".join((first if len(first) >= 8 else words)[:10]).rstrip(".,;:!?")
    return text[:1].upper() + text[1:]


def _aeb(path: Path, limit: int | None) -> list[Source]:
    texts: dict[str, str] = {}
    urls: dict[str, str] = {}
    with _members(path) as tar:
        for member in tar:
            name = member.name.rsplit("/", 1)[-1]
            handle = tar.extractfile(member) if member.isfile() else None
            if handle is None:
                continue
            if name == "labels.tsv":
                rows = csv.DictReader(io.StringIO(handle.read().decode("utf-8")), delimiter="\t")
                urls = {r["story_id"]: r["url"] for r in rows if r["source"] == "groundtruth"}
            elif match := re.fullmatch(r"(a\d+)__groundtruth\.txt", name):
                texts[match[1]] = handle.read().decode("utf-8", errors="replace")
    sources = []
    for key in sorted(texts):
        paragraphs = tuple(p for p in map(_clean, texts[key].splitlines()) if p)
        if sum(len(p.split()) for p in paragraphs) < MIN_WORDS:
            continue
        title = slug_title(urls.get(key, "")) or lede_title(paragraphs)
        sources.append(Source(f"aeb:{key}", title, paragraphs, "aeb"))
    return sources[:limit]


_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Za-z.'&/ -]{1,30}?(?:,\s+[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+)?)?)"
    r"(?:,?\s+(?:[A-Za-z]{3,9}\.?\s+\d{1,2}|\d{1,2}\s+[A-Za-z]{3,9}))?\s*-\s+"
)
_SIGN_OFF = re.compile(r"^\s*reuter\s*$", re.IGNORECASE)


def reuters_paragraphs(text: str) -> tuple[str, str, tuple[str, ...]]:
    """(headline, dateline place, paragraphs) of one Reuters-21578 file.

    The body is hard-wrapped; a line indented by spaces starts a paragraph. The
    "REUTER" sign-off and the "CITY, Mon D - " dateline are not story text.
    """
    head, _, body = text.partition("\n\n")
    lines = body.rstrip().split("\n")
    while lines and (not lines[-1].strip() or _SIGN_OFF.match(lines[-1])):
        lines.pop()
    paragraphs: list[list[str]] = []
    for line in lines:
        if not line.strip():
            continue
        if not paragraphs or line[:1].isspace():
            paragraphs.append([])
        paragraphs[-1].append(line.strip())
    joined = [_clean(" ".join(p)) for p in paragraphs]
    if joined:
        joined[-1] = re.sub(r"\s+reuter$", "", joined[-1], flags=re.IGNORECASE)
    place = ""
    if joined and (match := _DATELINE.match(joined[0])) and len(match["place"].split()) <= 4:
        place = match["place"].strip()
        joined[0] = joined[0][match.end() :]
    return _clean(head), place, tuple(p for p in joined if p)


def _reuters(path: Path, limit: int | None) -> list[Source]:
    texts: dict[str, str] = {}
    kinds: dict[str, str] = {}
    with _members(path) as tar:
        for member in tar:
            handle = tar.extractfile(member) if member.isfile() else None
            if handle is None:
                continue
            if member.name.endswith("/metadata.tsv"):
                rows = csv.DictReader(io.StringIO(handle.read().decode("utf-8")), delimiter="\t")
                kinds = {r["file"].rsplit("/", 1)[-1][:-4]: r["texttype"] for r in rows}
            elif match := re.search(r"/docs/(\d+)\.txt$", member.name):
                texts[match[1]] = handle.read().decode("utf-8", errors="replace")
    sources = []
    seen: set[str] = set()  # membership only: exact retransmissions are one story, not two
    for key in sorted(texts):
        if kinds.get(key, "NORM") != "NORM":
            continue  # BRIEF (headline only) and UNPROC (tables)
        title, place, paragraphs = reuters_paragraphs(texts[key])
        body = " ".join(" ".join(paragraphs).lower().split())
        if len(body.split()) < MIN_WORDS or not title or body in seen:
            continue
        seen.add(body)
        sources.append(Source(f"reuters:{key}", title, paragraphs, "reuters", place))
    return sources[:limit]


def load_bodies(data_dir: Path = DATA, *, limit: int | None = None) -> list[Source]:
    """Real story bodies from the AEB ground truth and Reuters-21578, sorted by key.

    AEB titles come from the page URL's slug (the publisher's own words), or from
    the lede's first words when the slug is an id. Bodies under `MIN_WORDS` words are
    left out, and so are Reuters briefs, tables and exact retransmissions. `limit`
    keeps the first N of each collection (sorted by key), for speed.

    Raises:
        FileNotFoundError: `data_dir` or one of its two tarballs is missing.
    """
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise FileNotFoundError(
            f"data folder {data_dir} not found: it must hold {AEB_TARBALL} and {REUTERS_TARBALL}"
        )
    sources = _aeb(data_dir / AEB_TARBALL, limit) + _reuters(data_dir / REUTERS_TARBALL, limit)
    return sorted(sources, key=lambda s: s.key)


# ---------------------------------------------------------------------------------------
# Republishing transforms: each takes the rng first and returns new values


_WORD_SUBSTITUTES = (
    "reportedly", "officials", "new", "several", "major", "local", "recent", "key", "also",
    "further", "however", "nearly", "about", "more", "early", "latest", "senior", "large",
    "small", "public", "national", "regional", "said", "stated", "announced", "added",
    "noted", "previously", "later", "still", "already", "only", "both", "many", "other",
)  # fmt: skip
_TITLE_SWAPS = {
    "says": "said", "said": "says", "after": "following", "plans": "aims", "new": "fresh",
    "big": "major", "hits": "strikes", "rises": "climbs", "falls": "drops", "sees": "expects",
    "buys": "acquires", "sells": "divests", "cuts": "lowers", "raises": "lifts",
}  # fmt: skip
_PREFIXES = ("UPDATE 1-", "UPDATE 2-", "UPDATE 3-", "CORRECTED-", "EXCLUSIVE-", "WRAPUP 1-")
_PREFIX = re.compile(r"^(?:UPDATE \d|CORRECTED|EXCLUSIVE|WRAPUP \d)-")
_ADDENDA = (
    "Editor's note: This story has been updated with additional details and comments.",
    "Editor's note: An earlier version of this story was published on another website.",
    "Correction: An earlier version of this article misstated a date. It has been corrected.",
    "Correction: A previous version of this report gave an incorrect title for an official.",
    "This article has been updated to include new information that became available later.",
)


def retitle(rng: random.Random, title: str) -> str:
    """A republisher's headline: a wire prefix, a shortened one, or words swapped."""
    words = title.split()
    how = rng.choice(("prefix", "short", "swap"))
    if how == "short" and len(words) >= 7:
        keep = max(5, round(len(words) * rng.uniform(0.55, 0.8)))
        return " ".join(words[:keep]).rstrip(",;:-")
    if how == "swap" and len(words) >= 4:
        out = list(words)
        known = [i for i, w in enumerate(out) if w.lower() in _TITLE_SWAPS]
        if known:
            i = rng.choice(known)
            new = _TITLE_SWAPS[out[i].lower()]
            if out[i].isupper():
                new = new.upper()
            elif out[i][:1].isupper():
                new = new.capitalize()
            out[i] = new
        else:
            i = rng.randrange(1, len(out) - 1)
            out[i], out[i + 1] = out[i + 1], out[i]
        return " ".join(out)
    return rng.choice(_PREFIXES) + _PREFIX.sub("", title)


def swap_paragraphs(rng: random.Random, paragraphs: list[str]) -> list[str]:
    """Two paragraphs trade places (a republisher moving a quote up)."""
    out = list(paragraphs)
    i, j = sorted(rng.sample(range(len(out)), 2))
    out[i], out[j] = out[j], out[i]
    return out


def trim(rng: random.Random, paragraphs: list[str]) -> list[str]:
    """The last 1-2 paragraphs dropped; at least two stay."""
    drop = min(rng.randint(1, 2), len(paragraphs) - 2)
    return paragraphs[: len(paragraphs) - drop]


def edit_words(
    rng: random.Random, paragraphs: list[str], rate: float, *, keep_chars: int = 80
) -> list[str]:
    """Replace `rate` of the words with other words; the first `keep_chars` stay as they are.

    The lede's opening is left alone so that a copy stays recognisable by its start,
    which is what a reader (and the truth check) looks for.
    """
    spots = []
    for p, text in enumerate(paragraphs):
        offset = 0
        for w, word in enumerate(text.split(" ")):
            if p or offset >= keep_chars:
                spots.append((p, w))
            offset += len(word) + 1
    count = max(1, round(rate * len(spots))) if spots else 0
    chosen = sorted(rng.sample(spots, min(count, len(spots))))
    split = [text.split(" ") for text in paragraphs]
    for p, w in chosen:
        word = split[p][w]
        core = word.rstrip(".,;:!?\"'”’)")
        new = rng.choice(_WORD_SUBSTITUTES)
        split[p][w] = (new.capitalize() if core[:1].isupper() else new) + word[len(core) :]
    return [" ".join(words) for words in split]


def excerpt(rng: random.Random, paragraphs: list[str]) -> list[str]:
    """The first 30-60% of the words, the cut paragraph ending in "..."."""
    total = sum(len(p.split()) for p in paragraphs)
    left = max(1, round(total * rng.uniform(0.3, 0.6)))
    out = []
    for text in paragraphs:
        words = text.split()
        if len(words) < left:
            out.append(text)
            left -= len(words)
            continue
        out.append(" ".join(words[:left]).rstrip(".,;:!?-–—") + "...")
        break
    return out


def addendum(rng: random.Random, paragraphs: list[str]) -> list[str]:
    """An editor's note first, or a correction last."""
    note = rng.choice(_ADDENDA)
    return [note, *paragraphs] if note.startswith("Editor") else [*paragraphs, note]


# ---------------------------------------------------------------------------------------
# Copies, pages and their boilerplate


@attrs.frozen
class _Copy:
    """One copy of a story as a page prints it."""

    source: Source
    title: str
    paragraphs: tuple[str, ...]
    transforms: tuple[str, ...]
    read_more: bool = False

    def headline(self, template: str) -> str:
        """Wire pages print the headline as sent; sites re-case all-caps wire headlines."""
        return self.title if template == "wire" else display_title(self.title)


def display_title(title: str) -> str:
    """A headline as a website prints it: an all-caps wire headline in headline case,
    without its ticker symbols ("<SRD>"); a wire prefix ("UPDATE 1-") is kept."""
    prefix = _PREFIX.match(title)
    head, rest = (prefix[0], title[prefix.end() :]) if prefix else ("", title)
    letters = [c for c in rest if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) > 0.8 * len(letters):
        rest = title_case(re.sub(r"\s*<[^<>]*>", "", rest))
    return head + rest


def _copy(
    rng: random.Random, source: Source, level: NoiseLevel, *, original: bool, widget: bool
) -> _Copy:
    """A copy of `source`: the full text, or a republished one with noise-level transforms."""
    if original or widget:
        return _Copy(source, source.title, source.paragraphs, ("widget",) if widget else ())
    title, paragraphs, done = source.title, list(source.paragraphs), []
    if rng.random() < level.retitle:
        title = retitle(rng, title)
        done.append("retitle")
    if len(paragraphs) >= 2 and rng.random() < level.swap:
        paragraphs = swap_paragraphs(rng, paragraphs)
        done.append("swap")
    if len(paragraphs) >= 3 and rng.random() < level.trim:
        paragraphs = trim(rng, paragraphs)
        done.append("trim")
    if rng.random() < level.edit:
        paragraphs = edit_words(rng, paragraphs, rng.uniform(*level.edit_rate))
        done.append("edit")
    read_more = False
    if rng.random() < level.excerpt:
        paragraphs = excerpt(rng, paragraphs)
        done.append("excerpt")
        read_more = rng.random() < 0.5
    elif rng.random() < level.addendum:
        paragraphs = addendum(rng, paragraphs)
        done.append("addendum")
    return _Copy(source, title, tuple(paragraphs), tuple(done), read_more)


_CITIES = (
    "LONDON", "NEW YORK", "WASHINGTON", "TOKYO", "PARIS", "BERLIN", "SINGAPORE", "MUMBAI",
    "ISLAMABAD", "NAIROBI", "SYDNEY", "TORONTO", "MADRID", "SEOUL", "CAIRO", "BRUSSELS",
)  # fmt: skip
_AGENCIES = ("Reuters", "AFP", "AP", "DPA")
_OUTLETS = (
    "The Riverside Chronicle", "Lakeshore Tribune", "The Morning Dispatch", "Capital Bulletin",
    "Frontier Observer", "The Harbor Times", "Valley Gazette", "Northern Courier",
)  # fmt: skip
_TEAMS = (
    "South Asia Press", "the Newsroom", "Metro Desk", "World Affairs", "Business Desk",
    "the Editorial", "Global Report",
)  # fmt: skip
_AUTHORS = (
    "Maria Lindqvist", "Daniel Okafor", "Priya Raman", "Tomas Brenner", "Aiko Sato",
    "Lucas Moreau", "Hannah Kowalski", "Omar Haddad", "Grace Whitfield", "Rafael Duarte",
)  # fmt: skip
_SECTIONS = (
    "World", "Business", "Politics", "Technology", "Sports", "Opinion", "Culture", "Science",
    "Health", "Markets",
)  # fmt: skip
_SITES = ("Newsline Daily", "Metro Post Online", "The Daily Ledger", "Worldview News")
_CAPTION_SUBJECTS = (
    "Officials attend a news conference", "Residents walk past a market",
    "Police officers stand guard outside a government building", "Workers unload cargo at a port",
    "Demonstrators gather near parliament", "A view of the city skyline",
    "Visitors queue at the entrance of an exhibition hall",
)  # fmt: skip
_CREDITS = ("(Photo courtesy: AFP)", "(Reuters)", "(AFP)", "(AP Photo)", "(File/Reuters)")


# English whatever the locale: strftime's %B follows LC_TIME.
_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


def _date(rng: random.Random) -> dt.date:
    return dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(7 * 365))


def _long_date(day: dt.date) -> str:
    """A US-style date line: March 4, 2024."""
    return f"{_MONTHS[day.month - 1]} {day.day}, {day.year}"


def _day_month_year(day: dt.date) -> str:
    """A day-first date: 04 March 2024."""
    return f"{day.day:02d} {_MONTHS[day.month - 1]} {day.year}"


class _Writer:
    """A page being written, with the offset of what comes next."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self.pos = 0

    def put(self, text: str) -> None:
        self._parts.append(text)
        self.pos += len(text)

    def line(self, text: str = "") -> None:
        self.put(text + "\n")

    def body(self, paragraphs: Sequence[str], sep: str = "\n\n") -> int:
        """Write paragraphs `sep`-separated; the offset where the last one's text ends."""
        self.put(sep.join(paragraphs))
        end = self.pos
        self.put("\n")
        return end

    def text(self) -> str:
        return "".join(self._parts)


@attrs.frozen
class _Context:
    """What a template may borrow from the rest of the corpus: other stories' headlines
    and ledes (for links and teasers, never inside a story block), and the noise level."""

    others: tuple[Source, ...]
    level: NoiseLevel

    def pick(self, rng: random.Random, n: int, exclude: Sequence[str]) -> list[Source]:
        pool = [s for s in self.others if s.key not in exclude]
        return rng.sample(pool, min(n, len(pool)))

    def hard(self, rng: random.Random) -> bool:
        """Whether to draw a page part in its harder layout variant."""
        return rng.random() < self.level.layout


Placed = list[tuple[_Copy, int, int]]
Template = Callable[[random.Random, Sequence[_Copy], _Context], tuple[str, Placed]]


def _bullets(source: Source) -> list[str]:
    """Two summary bullets: opening sentences of the story's own paragraphs, shortened."""
    picks = list(source.paragraphs[1:3]) or list(source.paragraphs[:1])
    sentences = [re.split(r"(?<=[.!?])\s", p, maxsplit=1)[0] for p in picks]
    if len(sentences) < 2:
        parts = re.split(r"(?<=[.!?])\s", source.paragraphs[0])
        sentences = (parts + parts)[:2]
    cut = [" ".join(s.split()[:22]).strip("\"'“”‘’").rstrip(".,;:") for s in sentences[:2]]
    return [text[:1].upper() + text[1:] for text in cut]


def _city(copy: _Copy, rng: random.Random) -> str:
    return copy.source.place.upper() if copy.source.place else rng.choice(_CITIES)


def _lede(copy: _Copy) -> int:
    """Index of the story's first paragraph: an editor's note added on top is not it."""
    return int(copy.paragraphs[0].startswith("Editor's note") and len(copy.paragraphs) > 1)


def arabnews_page(rng: random.Random, copies: Sequence[_Copy], ctx: _Context) -> tuple[str, Placed]:
    """Headline, caption with credit, "Short Url", "Updated ...", "Follow", headline again,
    two bullets, body; then any "next story" widgets with the same header, full text."""
    w, placed = _Writer(), []
    for i, copy in enumerate(copies):
        title = copy.headline("arabnews")
        if i:
            w.put("\n" * rng.randint(2, 3))
        start = w.pos
        w.line(title)
        if i == 0:
            if rng.random() < 0.5:
                w.line()
            day = _date(rng)
            subject = rng.choice(_CAPTION_SUBJECTS)
            w.line(f"{subject} in {rng.choice(_CITIES).title()} on {_long_date(day)}. "
                   f"{rng.choice(_CREDITS)}")  # fmt: skip
            w.line("Short Url")
        else:
            w.line()
        w.line(f"Updated {_day_month_year(_date(rng))}")
        w.line("Follow")
        w.line()
        w.line(title)
        w.line()
        for bullet in _bullets(copy.source):
            w.line(f"  • {bullet}")
        w.line()
        paragraphs = list(copy.paragraphs)
        if rng.random() < 0.6:
            at = _lede(copy)
            paragraphs[at] = f"{_city(copy, rng)}: {paragraphs[at]}"
        end = w.body(paragraphs, "\n" if rng.random() < 0.3 else "\n\n")
        placed.append((copy, start, end))
        if copy.read_more:
            w.line("Read more")
    return w.text(), placed


_SUBHEADINGS = (
    "What Happens Next for Those Involved", "Why This Matters More Than It Seems",
    "The Reaction So Far From Officials", "How We Got to This Point",
    "A Look at the Numbers Behind It", "What Critics and Supporters Are Saying",
    "The Bigger Picture for the Region", "Questions That Remain Unanswered Today",
)  # fmt: skip


def blog_page(rng: random.Random, copies: Sequence[_Copy], ctx: _Context) -> tuple[str, Placed]:
    """A blog post: "Skip to main content", headline, two blank lines, "Source: ...", body
    with "Also Read" links and sub-headings, then a "Popular posts from this blog" block."""
    (copy,) = copies
    w = _Writer()
    w.line("Skip to main content")
    w.line()
    start = w.pos
    w.line(copy.headline("blog"))
    w.put("\n\n")
    if not ctx.hard(rng):
        w.line(f"Source: {rng.choice(_OUTLETS)}")
        w.line()
    paragraphs = list(copy.paragraphs)
    links = ctx.pick(rng, 3, [copy.source.key])
    out: list[str] = []
    for i, text in enumerate(paragraphs):
        if i % 3 == 2 and links:
            out.append(f"\nAlso Read : {display_title(links.pop().title)}")
        if i % 4 == 3:
            out.append(rng.choice(_SUBHEADINGS))
        out.append(text)
    end = w.body(out)
    if copy.read_more:
        w.line()
        w.line("Read more")
    w.put("\n\n")
    w.line("Popular posts from this blog")
    w.line()
    for other in ctx.pick(rng, 3, [copy.source.key]):
        w.line(display_title(other.title))
        w.line()
        w.line(" ".join(other.paragraphs)[: rng.randint(150, 450)])
        w.line()
    return w.text(), [(copy, start, end)]


def listing_page(rng: random.Random, copies: Sequence[_Copy], ctx: _Context) -> tuple[str, Placed]:
    """A listing page: "Home Blog", then stories: headline, two blank lines, "By ... Team"."""
    w, placed = _Writer(), []
    w.line("Home Blog")
    w.line()
    for copy in copies:
        start = w.pos
        w.line(copy.headline("listing"))
        w.put("\n\n")
        if not ctx.hard(rng):
            w.line(f"By {rng.choice(_TEAMS)} Team")
            w.line()
        end = w.body(copy.paragraphs)
        placed.append((copy, start, end))
        if copy.read_more:
            w.line()
            w.line("Read more")
        if rng.random() < 0.3:
            w.put("\n\n")
            w.line(f"This article originally appeared on {rng.choice(_OUTLETS)}.")
        w.put("\n" * rng.randint(2, 4))
    return w.text(), placed


def _wrap(text: str) -> str:
    return textwrap.fill(text, width=70, break_long_words=False, break_on_hyphens=False)


def wire_page(rng: random.Random, copies: Sequence[_Copy], ctx: _Context) -> tuple[str, Placed]:
    """Headline, blank line, "CITY, Month D (Agency) - " lede, body hard-wrapped at 70
    columns with blank lines between paragraphs (two stories on a wire digest page)."""
    w, placed = _Writer(), []
    for i, copy in enumerate(copies):
        if i:
            w.put("\n" * rng.randint(2, 3))
        start = w.pos
        w.line(copy.headline("wire"))
        w.line()
        day = _date(rng)
        month = _MONTHS[day.month - 1]
        month = month[:3] if rng.random() < 0.5 else month
        paragraphs = list(copy.paragraphs)
        at = _lede(copy)
        agency = rng.choice(_AGENCIES)
        paragraphs[at] = f"{_city(copy, rng)}, {month} {day.day} ({agency}) - {paragraphs[at]}"
        end = w.body([_wrap(p) for p in paragraphs])
        placed.append((copy, start, end))
        if copy.read_more:
            w.line()
            w.line("Read more")
        if rng.random() < 0.4:
            w.line()
            reporter, editor = rng.sample(_AUTHORS, 2)
            w.line(f"(Reporting by {reporter}; Editing by {editor})")
    return w.text(), placed


def portal_page(rng: random.Random, copies: Sequence[_Copy], ctx: _Context) -> tuple[str, Placed]:
    """A whole-page dump: menu, "Sign In", "Subscribe", share row, headline, byline, date,
    body, "Related articles" teasers, footer links."""
    (copy,) = copies
    w = _Writer()
    w.line("Home")
    for section in rng.sample(_SECTIONS, rng.randint(4, 7)):
        w.line(section)
    w.line("Sign In")
    w.line("Subscribe")
    w.line()
    w.line("Facebook Twitter Email")
    w.line()
    start = w.pos
    w.line(copy.headline("portal"))
    w.line()
    w.line(f"By {rng.choice(_AUTHORS)}")
    day = _date(rng)
    w.line(
        f"Published {_day_month_year(day)} {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d} GMT"
        if rng.random() < 0.5
        else _long_date(day)
    )
    w.line()
    end = w.body(copy.paragraphs)
    if copy.read_more:
        w.line()
        w.line("Read more")
    w.line()
    w.line("Related articles")
    w.line()
    dense = ctx.hard(rng)  # headlines on consecutive lines, no dates: they read as prose
    for other in ctx.pick(rng, rng.randint(3, 4), [copy.source.key]):
        w.line(display_title(other.title))
        if not dense:
            w.line(_long_date(_date(rng)) if rng.random() < 0.5 else "")
    w.line()
    w.line("Privacy Policy")
    w.line("Terms of Use")
    w.line(f"© {day.year} {rng.choice(_SITES)}")
    return w.text(), [(copy, start, end)]


TEMPLATE_FUNCTIONS: dict[str, Template] = {
    "arabnews": arabnews_page,
    "blog": blog_page,
    "listing": listing_page,
    "wire": wire_page,
    "portal": portal_page,
}


# ---------------------------------------------------------------------------------------
# The corpus


def _shingles(source: Source, size: int = 5) -> frozenset[tuple[str, ...]]:
    words = re.findall(r"\w+", " ".join(source.paragraphs).casefold())
    return frozenset(tuple(words[i : i + size]) for i in range(max(1, len(words) - size + 1)))


def _distinct(rng: random.Random, sources: Sequence[Source], count: int) -> list[Source]:
    """`count` stories in a seeded shuffle, each collection in turn, none close to another.

    Collections alternate so that the few hundred long web articles (AEB) are not
    drowned by ten thousand short wire stories. Templated wire reports can share most
    of their words; a story whose 5-word shingles overlap an already chosen one's by
    30% (Jaccard) or 50% (containment) is skipped, so the truth never calls two copies
    of one text two stories.
    """
    by_origin: dict[str, list[Source]] = {}
    for source in sorted(sources, key=lambda s: s.key):
        by_origin.setdefault(source.origin, []).append(source)
    queues = []
    for origin in sorted(by_origin):
        queue = list(by_origin[origin])
        rng.shuffle(queue)
        queues.append(queue)
    chosen: list[Source] = []
    signatures: list[frozenset[tuple[str, ...]]] = []
    turn = 0
    while len(chosen) < count and any(queues):
        queue = queues[turn % len(queues)]
        turn += 1
        if not queue:
            continue
        candidate = queue.pop(0)
        shingles = _shingles(candidate)
        if all(_far(shingles, other) for other in signatures):
            chosen.append(candidate)
            signatures.append(shingles)
    if len(chosen) < count:
        raise ValueError(f"only {len(chosen)} distinct stories in the sources, {count} asked for")
    return chosen


def _far(a: frozenset[tuple[str, ...]], b: frozenset[tuple[str, ...]]) -> bool:
    shared = len(a & b)
    return shared < 0.3 * len(a | b) and shared < 0.5 * min(len(a), len(b))


def _copy_counts(rng: random.Random, n: int, level: NoiseLevel) -> list[int]:
    """Pages per story: 1 for a `single` share, else 2..K; both kinds always present."""
    counts = [
        1 if rng.random() < level.single else rng.randint(2, max(2, level.max_copies))
        for _ in range(n)
    ]
    if n >= 2 and all(c == 1 for c in counts):
        counts[0] = 2
    if n >= 2 and all(c > 1 for c in counts):
        counts[-1] = 1
    return counts


def generate(sources: Sequence[Source], *, stories: int, noise: str, seed: int) -> Corpus:
    """A corpus of pages carrying `stories` distinct stories, with exact truth.

    Each story is published on 1..K pages (see `NOISE`); its first copy is the full
    text and later ones are republished with transforms. Pages are drawn from the
    five templates in shuffled rounds, so every template is used once per five pages;
    listing pages carry 2-4 stories, arabnews-like pages may carry "next story"
    widgets, and a wire page in its harder layout is a two-story digest. Only
    `random.Random(seed)` decides anything: the same inputs give the same bytes.
    """
    if noise not in NOISE:
        raise ValueError(f"noise must be one of {', '.join(NOISE)}, got {noise!r}")
    if stories < 1:
        raise ValueError(f"stories must be at least 1, got {stories}")
    keys = [s.key for s in sources]
    if len(set(keys)) != len(keys):
        raise ValueError("source keys must be unique")
    level = NOISE[noise]
    rng = random.Random(seed)
    chosen = _distinct(rng, sources, stories)
    counts = _copy_counts(rng, len(chosen), level)
    queue = [(s, i) for s, count in zip(chosen, counts, strict=True) for i in range(count)]
    rng.shuffle(queue)
    ctx = _Context(tuple(chosen), level)

    def take(exclude: list[str]) -> tuple[Source, int] | None:
        for at, (source, _) in enumerate(queue):
            if source.key not in exclude:
                return queue.pop(at)
        return None

    pages: dict[str, str] = {}
    truth: list[Span] = []
    rounds: list[str] = []
    number = 0
    while queue:
        if not rounds:
            rounds = list(TEMPLATES)
            rng.shuffle(rounds)
        template = rounds.pop()
        if template == "listing":
            slots, widgets = rng.randint(2, 4), 0
        elif template == "arabnews":
            slots, widgets = 1, int(rng.random() < level.widget)
        elif template == "wire":
            slots, widgets = (2 if ctx.hard(rng) else 1), 0
        else:
            slots, widgets = 1, 0
        on_page: list[str] = []
        copies: list[_Copy] = []
        for slot in range(slots + widgets):
            picked = take(on_page)
            if picked is None:
                break
            source, index = picked
            on_page.append(source.key)
            widget = slot >= slots
            copies.append(_copy(rng, source, level, original=index == 0, widget=widget))
        text, placed = TEMPLATE_FUNCTIONS[template](rng, copies, ctx)
        name = f"site-{template}-{number:04d}.txt"
        number += 1
        pages[name] = text
        for copy, start, end in placed:
            title = copy.headline(template)
            truth.append(Span(name, copy.source.key, start, end, copy.transforms, title))
    ordered = dict(sorted(pages.items()))
    return Corpus(ordered, sorted(truth, key=lambda s: (s.page, s.start)), noise, seed)


_PAGE_NAME = re.compile(r"^site-(?:" + "|".join(TEMPLATES) + r")-\d{4,}\.txt$")


def write(corpus: Corpus, out_dir: Path) -> Path:
    """Write the pages (UTF-8, "\\n" newlines, so offsets hold) and truth.jsonl.

    Pages left in `out_dir` by an earlier run (names this module makes) are removed,
    so that a folder never mixes two corpora; nothing else is touched.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for stale in sorted(out_dir.iterdir()):
        if _PAGE_NAME.match(stale.name) and stale.name not in corpus.pages:
            stale.unlink()
    for name, text in corpus.pages.items():
        with open(out_dir / name, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    with open(out_dir / "truth.jsonl", "w", encoding="utf-8", newline="\n") as handle:
        for span in corpus.truth:
            handle.write(json.dumps(span.to_dict(), ensure_ascii=False) + "\n")
    return out_dir


def read_truth(path: Path) -> list[Span]:
    """The spans of a truth.jsonl written by `write`."""
    with open(path, encoding="utf-8") as handle:
        return [Span(**json.loads(line)) for line in handle if line.strip()]


def read_corpus(out_dir: Path) -> Corpus:
    """A corpus written by `write`, read back (to score a run made on it later)."""
    out_dir = Path(out_dir)
    pages = {}
    for path in sorted(out_dir.iterdir()):
        if _PAGE_NAME.match(path.name):
            with open(path, encoding="utf-8", newline="") as handle:
                pages[path.name] = handle.read()
    return Corpus(pages, read_truth(out_dir / "truth.jsonl"))


# ---------------------------------------------------------------------------------------
# Scoring a run of provenance on a corpus


@attrs.frozen
class Evaluation:
    """How provenance's stories line up with the truth of a synthetic corpus.

    Each span is scored by the occurrence that overlaps it most, its "best" one.

    Attributes:
        spans: truth spans scored.
        found: share of spans whose best occurrence covers `overlap` of the span.
        exact: share found by an occurrence that also lies `overlap` inside the span
            (a story swallowed by its neighbour's occurrence is found, not exact).
        precision, recall, f1: pairwise over spans, each span taking the story of its
            best occurrence (a span that nothing overlaps is a singleton).
        extra: occurrences not half made of one span: several stories read as one, or
            teasers, menus and story fragments read as stories.
        missed: the spans not found.
        exact_by: exact share per template ("template:wire") and per transform ("none":
            an untransformed copy).
        lost_pairs, false_pairs: true pairs put apart and false pairs put together, by
            cause: "segmentation" when either span's cluster holds a span that was not
            cut out exactly (or both share one occurrence), else "matching".
        lost_by: true pairs lost to matching, by the transforms of their two copies.
    """

    spans: int
    found: float
    exact: float
    precision: float
    recall: float
    f1: float
    extra: int
    missed: tuple[Span, ...]
    exact_by: dict[str, float]
    lost_pairs: dict[str, int]
    false_pairs: dict[str, int]
    lost_by: dict[str, int]


@attrs.frozen
class _Scored:
    best: tuple[str, int, int] | None  # page, start, end of the best occurrence
    cluster: object
    found: bool
    exact: bool


def evaluate(corpus: Corpus, report: Report, *, overlap: float = 0.8) -> Evaluation:
    """Score `report` (from `provenance.dedupe` over the written corpus) against its truth."""
    occurrences: dict[str, list[tuple[int, int, int]]] = {}
    for number, record in enumerate(report.stories):
        for o in record.occurrences:
            occurrences.setdefault(Path(o.path).name, []).append((o.start, o.end, number))
    scored: list[_Scored] = []
    hits: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    for k, span in enumerate(corpus.truth):
        best: tuple[int, int, int] | None = None
        inter = 0
        for start, end, number in occurrences.get(span.page, []):
            shared = min(end, span.end) - max(start, span.start)
            if shared > inter:
                best, inter = (start, end, number), shared
        if best is None:
            scored.append(_Scored(None, ("alone", k), found=False, exact=False))
        else:
            found = inter >= overlap * (span.end - span.start)
            exact = found and inter >= overlap * (best[1] - best[0])
            scored.append(_Scored((span.page, best[0], best[1]), best[2], found, exact))
        for label in (f"template:{span.template}", *(span.transforms or ("none",))):
            totals[label] += 1
            hits[label] += scored[-1].exact
    precision, recall, lost, false, lost_by = _pairwise(corpus.truth, scored)
    by_page: dict[str, list[Span]] = {}
    for span in corpus.truth:
        by_page.setdefault(span.page, []).append(span)
    extra = 0
    for page, found_here in occurrences.items():
        truths = by_page.get(page, [])
        for start, end, _ in found_here:
            most = max((min(end, s.end) - max(start, s.start) for s in truths), default=0)
            extra += most < 0.5 * (end - start)
    n = len(corpus.truth)
    return Evaluation(
        spans=n,
        found=sum(s.found for s in scored) / n if n else 1.0,
        exact=sum(s.exact for s in scored) / n if n else 1.0,
        precision=precision,
        recall=recall,
        f1=2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        extra=extra,
        missed=tuple(span for span, s in zip(corpus.truth, scored, strict=True) if not s.found),
        exact_by={label: hits[label] / totals[label] for label in sorted(totals)},
        lost_pairs=dict(sorted(lost.items())),
        false_pairs=dict(sorted(false.items())),
        lost_by=dict(sorted(lost_by.items(), key=lambda kv: (-kv[1], kv[0]))),
    )


def _pairwise(
    truth: Sequence[Span], scored: Sequence[_Scored]
) -> tuple[float, float, Counter[str], Counter[str], Counter[str]]:
    """Pairwise precision and recall, and the pairs lost and falsely joined, by cause."""
    damaged = {s.cluster for s in scored if not s.exact}  # holds a span not cut out exactly
    together = predicted_pairs = true_pairs = 0
    lost: Counter[str] = Counter()
    false: Counter[str] = Counter()
    lost_by: Counter[str] = Counter()
    for i in range(len(truth)):
        for j in range(i + 1, len(truth)):
            a, b = scored[i], scored[j]
            same_truth = truth[i].story == truth[j].story
            same_pred = a.cluster == b.cluster
            true_pairs += same_truth
            predicted_pairs += same_pred
            together += same_truth and same_pred
            clean_cut = a.best != b.best and a.cluster not in damaged and b.cluster not in damaged
            cause = "matching" if clean_cut else "segmentation"
            if same_truth and not same_pred:
                lost[cause] += 1
                if clean_cut:
                    kinds = {*(truth[i].transforms or ("none",))}
                    kinds.update(truth[j].transforms or ("none",))
                    lost_by["+".join(sorted(kinds))] += 1
            elif same_pred and not same_truth:
                false[cause] += 1
    precision = together / predicted_pairs if predicted_pairs else 1.0
    recall = together / true_pairs if true_pairs else 1.0
    return precision, recall, lost, false, lost_by


def _print_evaluation(result: Evaluation) -> None:
    print(
        f"spans {result.spans}  found {result.found:.3f}  exact {result.exact:.3f}  "
        f"precision {result.precision:.3f}  recall {result.recall:.3f}  f1 {result.f1:.3f}  "
        f"extra occurrences {result.extra}"
    )
    print("exact by: " + ", ".join(f"{k} {v:.2f}" for k, v in result.exact_by.items()))
    print(f"true pairs lost: {result.lost_pairs}; false pairs joined: {result.false_pairs}")
    if result.lost_by:
        top = list(result.lost_by.items())[:8]
        print("pairs lost to matching, by transforms: " + ", ".join(f"{k} {v}" for k, v in top))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.synthetic",
        description="Write a synthetic corpus of scraped news pages with exact truth.",
    )
    parser.add_argument("--out", type=Path, required=True, help="folder for the pages")
    parser.add_argument("--data", type=Path, default=DATA, help="folder with the tarballs")
    parser.add_argument("--stories", type=int, default=200, help="distinct stories")
    parser.add_argument("--noise", choices=list(NOISE), default="medium")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--score", action="store_true", help="run provenance.dedupe and score")
    args = parser.parse_args(argv)
    try:
        sources = load_bodies(args.data)
        corpus = generate(sources, stories=args.stories, noise=args.noise, seed=args.seed)
    except (FileNotFoundError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    write(corpus, args.out)
    print(
        f"{len(corpus.pages)} pages, {len(corpus.truth)} story spans of {args.stories} stories "
        f"({args.noise}, seed {args.seed}) in {args.out}"
    )
    if args.score:
        import provenance

        _print_evaluation(evaluate(corpus, provenance.dedupe([args.out])))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
