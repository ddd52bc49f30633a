"""Normalisation and word shingling: pure functions over strings.

Shingles are hashed, never kept as strings. A token is hashed once with
xxh3 (64-bit); a shingle's hash combines its token hashes by Horner's rule
and a 64-bit finaliser, so whole documents are shingled with a few numpy
operations. `shingle_hash` computes the same value from a shingle string, so
datasketch's own `MinHash(hashfunc=...)` can serve as the reference.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import unicodedata
from collections.abc import Sequence
from typing import TypeVar

import attrs
import numpy as np
import numpy.typing as npt
import xxhash

_FOLD = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2015": "-", "\u2212": "-",
    }
)  # fmt: skip
# Scripts written without spaces between words (Chinese, Japanese, Thai, Lao, Khmer,
# Myanmar): `\w+` would take a whole clause as one word, so each of their word
# characters is a token and their shingles are character n-grams.
_UNSPACED = (
    "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u31f0-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003ffff"
)
_WORD = re.compile(rf"[^\W{_UNSPACED}]+|\w")
_UNSPACED_CHAR = re.compile(f"[{_UNSPACED}]")
# Every character of `_UNSPACED` and more (but not Latin, Greek, Cyrillic, Arabic, Indic
# scripts or the quotes and dashes of General Punctuation): one range-pair test a character,
# three times faster than `_UNSPACED_CHAR` over a line that holds none of its characters.
_MAYBE_UNSPACED = re.compile("[^\x00-\u0dff\u2000-\u303f]")
_SPACED_WORD = re.compile(r"\S*\w\S*")  # punctuation alone ("，") is not a word
_CHARS_PER_WORD = 2  # Chinese and Japanese words average under two characters
# For ASCII text `\w` is [A-Za-z0-9_]: every other byte becomes a space (and a capital
# its small letter) and the words are what `split` leaves, the same tokens as
# `_WORD.findall` in a fifth of the time.
_ASCII_WORDS = bytes(
    ord(chr(c).lower()) if c < 128 and (chr(c).isalnum() or chr(c) == "_") else 32
    for c in range(256)
)
_FIGURE = re.compile(r"\d+(?:[.,/]\d+)*")
# Every byte that cannot be part of a figure becomes a space: in ASCII text `\d` is [0-9],
# so `_FIGURE` finds the same figures in what is left, in under half the time (the regular
# expression engine pays for every character it scans, a figure's or not).
_FIGURE_BYTES = bytes(c if chr(c) in "0123456789.,/" else 32 for c in range(256))
_THOUSANDS = re.compile(r",(?=\d{3}(?!\d))")  # "1,661,000" and "1661000" state one figure
# A wire dateline that dates its dispatch: "WASHINGTON, March 9 - ", "NEW YORK, Nov 25 (Reuters) -".
_DISPATCH = re.compile(
    r"^[A-Z][\w.'’ -]{1,40}?,\s*(?:[A-Z][\w.'’ -]{1,40}?,\s*)?"
    r"(?P<month>(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))[a-zA-Z]*\.?\s+"
    r"(?P<day>\d{1,2})\b"
    r"\s*(?:\([^)\n]{1,30}\))?\s*[-–—:]"
)
_MONTH_STARTS = dict(
    zip(
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
        itertools.accumulate((0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30)),
        strict=True,
    )
)
_HORNER = np.uint64(0x100000001B3)
_MASK64 = (1 << 64) - 1

HashArray = npt.NDArray[np.uint64]
Values = TypeVar("Values", npt.NDArray[np.uint64], npt.NDArray[np.int64])


def normalize(text: str) -> str:
    """Fold the differences that copies of one story pick up on the way.

    NFKC, typographic quotes and dashes folded to ASCII, case folded, and
    whitespace collapsed to single spaces.
    """
    if text.isascii():  # NFKC keeps ASCII, "`" is its one fold, casefold is lower: cheaper
        folded = text.replace("`", "'").lower()
    else:
        folded = unicodedata.normalize("NFKC", text).translate(_FOLD).casefold()
    return " ".join(folded.split())


def tokenize(text: str) -> list[str]:
    """Words of the normalised text; punctuation is not a word."""
    if text.isascii():  # normalising changes no ASCII word but for its case: skipped
        return _ascii_words(text)
    normal = normalize(text)
    if normal.isascii():
        return _ascii_words(normal)
    return _WORD.findall(normal)


def word_count(text: str) -> int:
    """How many words a line reads as: its spaced words, and in scripts written without
    spaces one word per two characters, so that a Chinese or Japanese paragraph weighs
    like a paragraph and a two-character menu item like a word."""
    if text.isascii() or not _MAYBE_UNSPACED.search(text):
        return len(text.split())
    spaced, unspaced = _UNSPACED_CHAR.subn(" ", text)
    if not unspaced:
        return len(text.split())
    return len(_SPACED_WORD.findall(spaced)) + -(-unspaced // _CHARS_PER_WORD)


def _ascii_words(text: str) -> list[str]:
    return text.encode("ascii").translate(_ASCII_WORDS).decode("ascii").split()


_TOKEN_CACHE_SIZE = 1 << 20  # news vocabularies repeat: most tokens are hashed once per process


class _TokenHashes(dict[str, int]):
    """The xxh3 hash of every token seen, made on first use. A known token costs a dict
    look-up in C: only a new one calls back into Python (`__missing__`)."""

    def __missing__(self, token: str) -> int:
        if len(self) >= _TOKEN_CACHE_SIZE:
            self.clear()
        value = self[token] = xxhash.xxh3_64_intdigest(token.encode("utf-8"))
        return value


_TOKEN_CACHE = _TokenHashes()


def _token_hashes(tokens: list[str]) -> HashArray:
    return np.fromiter(map(_TOKEN_CACHE.__getitem__, tokens), dtype=np.uint64, count=len(tokens))


def _mix64(x: HashArray) -> HashArray:
    """splitmix64's finaliser: spreads Horner sums over all 64 bits."""
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def shingle_hashes(tokens: list[str], size: int) -> HashArray:
    """Sorted unique 64-bit hashes of the word `size`-grams of `tokens`.

    A text shorter than `size` words is one shingle of all its words; an
    empty text has none.
    """
    return sorted_unique(shingle_sequence(tokens, size))


def sorted_unique(values: Values) -> Values:
    """`np.unique` of a flat array, without its general machinery: half its cost on the few
    hundred values of one story, and on a million codes a thirtieth of numpy 2.4's, whose
    hash table costs more than this sort."""
    ordered = np.sort(values)
    first = np.empty(ordered.size, dtype=bool)
    first[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    return ordered[first]


def found_in(values: Values, ordered: Values) -> npt.NDArray[np.bool_]:
    """Which of `values` are in `ordered` (sorted): each looked up by bisection, where
    `numpy.isin` and `numpy.intersect1d` sort both arrays again."""
    if not ordered.size:
        return np.zeros(values.size, dtype=bool)
    found: npt.NDArray[np.bool_] = ordered.take(ordered.searchsorted(values), mode="clip") == values
    return found


def shingle_sequence(tokens: list[str], size: int) -> HashArray:
    """The 64-bit hashes of the word `size`-grams of `tokens`, in text order."""
    n = len(tokens)
    if n == 0:
        return np.empty(0, dtype=np.uint64)
    width = min(size, n)
    return _mix64(_horner(_token_hashes(tokens), width))


def shingle_sequences(token_lists: Sequence[list[str]], size: int) -> list[HashArray]:
    """`shingle_sequence` of every token list, the lists of `size` words or more in one
    pass of numpy over all their tokens: a story's numpy calls cost more than its sums.

    A window that straddles two lists is computed and left unused; each list's own
    windows are views of the joint result.
    """
    joined = _token_hashes(list(itertools.chain.from_iterable(token_lists)))
    mixed = _mix64(_horner(joined, size)) if joined.size >= size else joined[:0]
    sequences = []
    offset = 0
    for tokens in token_lists:
        n = len(tokens)
        if n >= size:
            sequences.append(mixed[offset : offset + n - size + 1])
        else:
            sequences.append(shingle_sequence(tokens, size))  # one shingle of all, or none
        offset += n
    return sequences


def _horner(hashes: HashArray, width: int) -> HashArray:
    """Each run of `width` consecutive token hashes folded by Horner's rule."""
    count = hashes.size - width + 1
    acc = np.zeros(count, dtype=np.uint64)
    for j in range(width):
        acc = acc * _HORNER + hashes[j : j + count]
    return acc


def text_shingles(text: str, size: int) -> HashArray:
    """Shingle hashes of raw text: `tokenize` then `shingle_hashes`."""
    return shingle_hashes(tokenize(text), size)


def shingle_hash(shingle: str) -> int:
    """The 64-bit hash of one shingle given as space-separated tokens.

    The scalar twin of `shingle_hashes`, for tests and for use as the
    `hashfunc` of a reference `datasketch.MinHash`.
    """
    acc = 0
    for token in shingle.split(" "):
        acc = (acc * int(_HORNER) + xxhash.xxh3_64_intdigest(token.encode("utf-8"))) & _MASK64
    x = acc
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & _MASK64
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & _MASK64
    return x ^ (x >> 31)


def shingles(tokens: list[str], size: int) -> list[str]:
    """The shingles themselves, space-joined, in text order (reference path)."""
    if not tokens:
        return []
    width = min(size, len(tokens))
    return [" ".join(tokens[i : i + width]) for i in range(len(tokens) - width + 1)]


@attrs.frozen
class Features:
    """What the matcher needs of one story, computed once.

    Attributes:
        shingles: sorted unique 64-bit shingle hashes of the body.
        digest: hash of the normalised body (exact copies share it), "" if empty.
        title: the normalised title.
        words: number of body words (how complete a copy is).
        figures: the numbers the body states, sorted (with repeats): routine
            reports reuse their wording and differ in these.
        sequence: the shingle hashes in text order, kept until the story is
            signed (`signatures.sign_sequences` signs windows of it too), then
            dropped; None once dropped.
        dispatched: the day of the year its wire dateline gives ("WASHINGTON,
            March 9 -"), None without one: a routine report sent on another day
            carries another date.
    """

    shingles: HashArray = attrs.field(repr=False, eq=False)
    digest: str
    title: str
    words: int
    figures: tuple[str, ...] = attrs.field(default=(), repr=False)
    sequence: HashArray | None = attrs.field(default=None, repr=False, eq=False)
    dispatched: int | None = None


def dispatch_day(body: str) -> tuple[int | None, str]:
    """The day of the year a wire dateline opening the body dates (1-365, no year), and the
    body without that date, so that the date is not counted among the story's figures."""
    match = _DISPATCH.match(body)
    if match is None or not 1 <= int(match["day"]) <= 31:
        return None, body
    day = _MONTH_STARTS[match["month"].title()] + int(match["day"])
    return min(day, 365), body[: match.start("day")] + body[match.end("day") :]


def features(title: str, body: str, size: int) -> Features:
    """The `Features` of one story's title and body."""
    return many_features([(title, body)], size)[0]


def many_features(stories: Sequence[tuple[str, str]], size: int) -> list[Features]:
    """The `Features` of many stories' (title, body), their shingles made together."""
    token_lists = [tokenize(body) for _, body in stories]
    sequences = shingle_sequences(token_lists, size)
    return [
        _features(title, body, tokens, sequence)
        for (title, body), tokens, sequence in zip(stories, token_lists, sequences, strict=True)
    ]


def _features(title: str, body: str, tokens: list[str], sequence: HashArray) -> Features:
    joined = " ".join(tokens)
    digest = hashlib.blake2b(joined.encode("utf-8"), digest_size=8).hexdigest() if tokens else ""
    dispatched, undated = dispatch_day(body)
    return Features(
        sorted_unique(sequence),
        digest,
        normalize(title),
        len(tokens),
        _figures(undated),
        sequence,
        dispatched,
    )


def _figures(text: str) -> tuple[str, ...]:
    """The figures `text` states, sorted, thousands separators dropped."""
    if text.isascii():  # searched in the runs of digits and ".,/" alone: a figure is one
        text = " ".join(text.encode("ascii").translate(_FIGURE_BYTES).decode("ascii").split())
    found = _FIGURE.findall(text)
    return tuple(sorted(_THOUSANDS.sub("", f) if "," in f else f for f in found))
