"""The provenance records: one per unique story, with every place that carried it."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from .cluster import Group
from .model import Skipped, Story, path_key
from .text import Features, tokenize
from .verify import Evidence, Match


def _iso(date: dt.date | None) -> str | None:
    return date.isoformat() if date else None


@attrs.frozen
class Occurrence:
    """One place that carried a story.

    Attributes:
        path, start, end: the file and the character span of the story in it.
        line_start, line_end: the same span as 1-based lines.
        title, date: the headline and date as this copy shows them.
        similarity: body score against the canonical copy (Jaccard, or
            containment for excerpts), 1.0 for the canonical itself.
        title_similarity: rapidfuzz title score (0-100) against the canonical
            copy, None when either has no title.
        evidence: what linked it: canonical, exact, minhash, containment, title.
        encoding: the codec the file was decoded with (offsets count its characters).
        input_kind: what the input was: ``text``, ``html``, ``jsonl`` or ``warc``; for
            the last three the offsets count characters of the text extracted
            from the page or record, not of the file.
        url: the page's URL, where the input gives one (the WARC record's target
            URI, the JSON record's URL field, the HTML page's canonical link).
        retrieved: when the page was fetched (the WARC record's date), or None.
    """

    path: str
    start: int
    end: int
    line_start: int
    line_end: int
    title: str
    date: str | None
    similarity: float
    title_similarity: float | None
    evidence: str
    encoding: str = "utf-8"
    input_kind: str = "text"
    url: str | None = None
    retrieved: str | None = None

    @classmethod
    def from_story(cls, story: Story, match: Match | None) -> Occurrence:
        """The occurrence of `story`; `match` is its match to the canonical, None for itself."""
        if match is None or match.evidence is None:
            similarity, titles, evidence = 1.0, (100.0 if story.title else None), Evidence.CANONICAL
        else:
            similarity, titles, evidence = match.similarity, match.title_similarity, match.evidence
        return cls(
            path=story.path,
            start=story.start,
            end=story.end,
            line_start=story.line_start,
            line_end=story.line_end,
            title=story.title,
            date=_iso(story.date),
            similarity=round(similarity, 4),
            title_similarity=None if titles is None else round(titles, 2),
            evidence=evidence.value,
            encoding=story.encoding,
            input_kind=story.kind,
            url=story.url,
            retrieved=story.retrieved,
        )

    def to_dict(self) -> dict[str, Any]:
        return attrs.asdict(self)


def _occurrences(items: Iterable[Occurrence]) -> tuple[Occurrence, ...]:
    return tuple(items)


def _records(items: Iterable[StoryRecord]) -> tuple[StoryRecord, ...]:
    return tuple(items)


def _skipped(items: Iterable[Skipped]) -> tuple[Skipped, ...]:
    return tuple(items)


@attrs.frozen
class StoryRecord:
    """One unique story and its provenance; the canonical occurrence comes first.

    Attributes:
        story_id: a hash of the canonical copy's normalised text. Unrelated files
            never change it; it changes only when a more complete copy of the
            same story joins the run and becomes the canonical one.
        title, date: the canonical copy's (date: the earliest any copy gives
            when the canonical gives none).
        text: the canonical copy's body.
        occurrences: every place that carried it, canonical first, then by path.
    """

    story_id: str
    title: str
    date: str | None
    text: str = attrs.field(repr=False)
    occurrences: tuple[Occurrence, ...] = attrs.field(converter=_occurrences)

    @property
    def canonical(self) -> Occurrence:
        return self.occurrences[0]

    @property
    def files(self) -> tuple[str, ...]:
        """The files (or records) that carried the story, sorted, each once."""
        return tuple(sorted({o.path for o in self.occurrences}, key=path_key))

    def to_dict(self) -> dict[str, Any]:
        return {
            "story_id": self.story_id,
            "title": self.title,
            "date": self.date,
            "text": self.text,
            "files": list(self.files),
            "occurrences": [o.to_dict() for o in self.occurrences],
        }


@attrs.frozen
class Stats:
    """Counts of one run."""

    files: int
    skipped: int
    stories_found: int
    unique_stories: int
    duplicate_occurrences: int


@attrs.frozen
class Report:
    """The result of a run: the stories, the inputs skipped and why, and counts."""

    stories: tuple[StoryRecord, ...] = attrs.field(converter=_records)
    skipped: tuple[Skipped, ...] = attrs.field(converter=_skipped)
    stats: Stats


def story_id(story: Story, features: Features) -> str:
    """Content-derived id: the canonical body's normalised words (the title if it has none)."""
    basis = features.digest or " ".join(tokenize(story.title)) or f"{story.path}:{story.start}"
    return hashlib.blake2b(basis.encode("utf-8"), digest_size=8).hexdigest()


def build_record(
    stories: Sequence[Story] | Mapping[int, Story],
    features: Sequence[Features] | Mapping[int, Features],
    group: Group,
) -> StoryRecord:
    """The record of one group: its canonical copy first, then the others by position."""
    canonical = stories[group.canonical]
    rest = sorted(
        (m for m in group.members if m[0] != group.canonical),
        key=lambda m: stories[m[0]].position,
    )
    occurrences = [Occurrence.from_story(canonical, None)]
    occurrences += [Occurrence.from_story(stories[i], match) for i, match in rest]
    dates = [s.date for s in (stories[i] for i, _ in group.members) if s.date]
    titles = [stories[i].title for i, _ in rest]
    return StoryRecord(
        story_id=story_id(canonical, features[group.canonical]),
        title=canonical.title or next((t for t in titles if t), ""),
        date=_iso(canonical.date or (min(dates) if dates else None)),
        text=canonical.body,
        occurrences=occurrences,
    )


def build_records(
    stories: Sequence[Story], features: Sequence[Features], groups: Sequence[Group]
) -> list[StoryRecord]:
    """One record per group, ordered by where its canonical copy sits in the run."""
    records = [build_record(stories, features, g) for g in groups]
    return sorted(records, key=lambda r: (path_key(r.canonical.path), r.canonical.start))
