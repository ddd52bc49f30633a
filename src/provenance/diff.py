"""Word-level differences of a copy against the canonical text, for the HTML report.

Words are compared exactly (case, quotes and punctuation count), since the report shows
how the copies differ as printed; the matcher's normalisation is what decided they are
the same story. The cost is bounded: difflib's `SequenceMatcher` with `autojunk` (words
making up more than 1% of a copy of 200 words or more are not used as anchors) over at
most `MAX_WORDS` words of each side, about 0.25 s for two 4,000-word texts that differ
in every tenth word; words past the cap are shown as they are, unmarked.
"""

from __future__ import annotations

import difflib
import re

import attrs

MAX_WORDS = 4000
_WORD = re.compile(r"\S+")

KEEP, ADD, REMOVE, CHANGE = "=", "+", "-", "~"


@attrs.frozen
class WordDiff:
    """A copy's text as segments against the canonical, and the words each kind touches.

    Attributes:
        segments: ``[KEEP, text]``, ``[ADD, text]`` (in the copy only), ``[REMOVE, text]``
            (in the canonical only) or ``[CHANGE, old, new]``; joined, the KEEP, ADD and
            new CHANGE texts give the copy back. Whitespace, line breaks included, is
            kept with the word before it.
        added, removed, changed: words added, removed, and replaced (counted in the copy).
        truncated: the words past `MAX_WORDS` of either side, shown unmarked.
    """

    segments: tuple[tuple[str, ...], ...]
    added: int
    removed: int
    changed: int
    truncated: int


def _spans(text: str) -> tuple[list[str], list[int]]:
    """The words of `text` and where each starts, with ``len(text)`` after the last."""
    words, starts = [], []
    for match in _WORD.finditer(text):
        words.append(match.group())
        starts.append(match.start())
    return words, [*starts, len(text)]


def word_diff(canonical: str, copy: str, *, max_words: int = MAX_WORDS) -> WordDiff:
    """The differences of `copy` from `canonical`, word by word (see `WordDiff`)."""
    old, old_at = _spans(canonical)
    new, new_at = _spans(copy)
    a, b = old[:max_words], new[:max_words]
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=True)
    lead = copy[: new_at[0]] if new else copy  # whitespace before the first word
    segments: list[tuple[str, ...]] = [(KEEP, lead)] if lead else []
    added = removed = changed = 0
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        was, now = canonical[old_at[i1] : old_at[i2]], copy[new_at[j1] : new_at[j2]]
        if op == "equal":
            segments.append((KEEP, now))
        elif op == "insert":
            segments.append((ADD, now))
            added += j2 - j1
        elif op == "delete":
            segments.append((REMOVE, was))
            removed += i2 - i1
        else:
            segments.append((CHANGE, was, now))
            changed += j2 - j1
    rest = copy[new_at[len(b)] :] if len(new) > len(b) else ""
    if rest:
        segments.append((KEEP, rest))
    return WordDiff(
        segments=_merged(segments),
        added=added,
        removed=removed,
        changed=changed,
        truncated=max(len(old) - len(a), len(new) - len(b)),
    )


def _merged(segments: list[tuple[str, ...]]) -> tuple[tuple[str, ...], ...]:
    """Neighbouring KEEP segments joined, so the page gets one text node for each run."""
    out: list[tuple[str, ...]] = []
    for segment in segments:
        if out and segment[0] == KEEP and out[-1][0] == KEEP:
            out[-1] = (KEEP, out[-1][1] + segment[1])
        else:
            out.append(segment)
    return tuple(out)
