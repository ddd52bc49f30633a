"""The one frozen, validated settings object passed through every stage."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import attrs

from .errors import SettingsError
from .segment import MIN_WORDS


def _in_range(low: float, high: float) -> Any:
    def check(instance: object, attribute: attrs.Attribute[Any], value: float) -> None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise SettingsError(f"{attribute.name} must be a number, got {value!r}")
        if not low <= value <= high:
            raise SettingsError(f"{attribute.name} must be between {low} and {high}, got {value!r}")

    return check


def _int_in_range(low: int, high: int) -> Any:
    def check(instance: object, attribute: attrs.Attribute[Any], value: int) -> None:
        if isinstance(value, bool) or not isinstance(value, int):
            raise SettingsError(f"{attribute.name} must be an integer, got {value!r}")
        if not low <= value <= high:
            raise SettingsError(f"{attribute.name} must be between {low} and {high}, got {value!r}")

    return check


def _globs(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = (value,)
    globs = tuple(value)
    if not all(isinstance(g, str) and g for g in globs):
        raise SettingsError(f"globs must be non-empty strings, got {value!r}")
    return globs


def _optional_name(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and not (isinstance(value, str) and value):
        raise SettingsError(f"{attribute.name} must be a field name or None, got {value!r}")


@attrs.frozen(kw_only=True)
class Settings:
    """How stories are shingled, signed and matched.

    Attributes:
        shingle_size: words per shingle (word n-grams of the normalised text).
        num_perm: MinHash permutations per signature.
        seed: seed of the MinHash permutations (datasketch's ``seed``).
        lsh_threshold: Jaccard level the LSH banding is tuned for; candidates
            only, every candidate is verified.
        threshold: verified shingle Jaccard at or above which two stories match.
        containment: share of the shorter story's shingles found in the longer
            one at or above which an excerpt or truncated copy matches.
        min_shingles: the shorter story needs this many shingles for a
            containment match, so that a few common phrases never match.
        title_threshold: rapidfuzz title similarity (0-100) that confirms a
            weaker body match.
        title_jaccard: the weaker body Jaccard accepted when titles agree.
        title_containment: the weaker containment accepted when titles agree.
        reworded_title, reworded_containment: an excerpt whose words were edited
            (so under `containment`) still matches at `reworded_containment` when
            its headline, though reworded, stays this similar (and the excerpt
            has at least twice `min_shingles`).
        min_figures: copies stating at least this many figures each are
            compared on their figures too.
        figure_share: such copies must share at least this share of the
            smaller copy's figures, or they are different reports.
        dispatch_days: copies whose wire datelines are this many days apart or more
            are other days' dispatches, and match only when they state the same
            figures (a feature run again keeps its figures; a routine report sent
            on another day changes some).
        min_words: a segment with fewer body words is boilerplate, not a story
            (unless it is all the file holds).
        max_bucket: LSH buckets larger than this are linked as a chain, not
            all pairs, so that a giant bucket costs linear work.
        max_bytes: an input larger than this (a file, a file once gunzipped,
            a JSON Lines record, a WARC record) is skipped and reported.
        include, exclude: globs of the files to read when walking a folder
            (default: every file whose name says a known kind) and of those to
            leave out.
        text_field, title_field, url_field, date_field: the JSON Lines fields
            to read; None tries common names (``text``, ``content``, ...).
    """

    shingle_size: int = attrs.field(default=5, validator=_int_in_range(1, 32))
    num_perm: int = attrs.field(default=128, validator=_int_in_range(8, 1024))
    seed: int = attrs.field(default=1, validator=_int_in_range(0, 2**32 - 1))
    lsh_threshold: float = attrs.field(default=0.3, validator=_in_range(0.05, 0.99))
    threshold: float = attrs.field(default=0.5, validator=_in_range(0.0, 1.0))
    containment: float = attrs.field(default=0.8, validator=_in_range(0.0, 1.0))
    min_shingles: int = attrs.field(default=15, validator=_int_in_range(1, 10_000))
    title_threshold: float = attrs.field(default=90.0, validator=_in_range(0.0, 100.0))
    title_jaccard: float = attrs.field(default=0.2, validator=_in_range(0.0, 1.0))
    title_containment: float = attrs.field(default=0.5, validator=_in_range(0.0, 1.0))
    min_figures: int = attrs.field(default=2, validator=_int_in_range(1, 1000))
    figure_share: float = attrs.field(default=0.5, validator=_in_range(0.0, 1.0))
    reworded_title: float = attrs.field(default=70.0, validator=_in_range(0.0, 100.0))
    reworded_containment: float = attrs.field(default=0.65, validator=_in_range(0.0, 1.0))
    dispatch_days: int = attrs.field(default=3, validator=_int_in_range(1, 366))
    min_words: int = attrs.field(default=MIN_WORDS, validator=_int_in_range(0, 100_000))
    max_bucket: int = attrs.field(default=64, validator=_int_in_range(2, 1_000_000))
    max_bytes: int = attrs.field(default=64 * 2**20, validator=_int_in_range(1, 2**40))
    include: tuple[str, ...] = attrs.field(default=(), converter=_globs)
    exclude: tuple[str, ...] = attrs.field(default=(), converter=_globs)
    text_field: str | None = attrs.field(default=None, validator=_optional_name)
    title_field: str | None = attrs.field(default=None, validator=_optional_name)
    url_field: str | None = attrs.field(default=None, validator=_optional_name)
    date_field: str | None = attrs.field(default=None, validator=_optional_name)

    def __attrs_post_init__(self) -> None:
        from .candidates import lsh_params  # the banding must exist for these settings

        lsh_params(self.lsh_threshold, self.num_perm)

    def fingerprint(self) -> str:
        """A short hash of the settings that shape signatures, to tag anything stored."""
        shaping = {"shingle_size": self.shingle_size, "num_perm": self.num_perm, "seed": self.seed}
        blob = json.dumps(shaping, sort_keys=True).encode()
        return hashlib.blake2b(blob, digest_size=6).hexdigest()

    def replace(self, **changes: Any) -> Settings:
        """A copy with some fields changed, validated like a new object."""
        return attrs.evolve(self, **changes)
