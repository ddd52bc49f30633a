"""The cheap gates in front of `boilerplate`'s case-blind expressions change no answer."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance import boilerplate as bp

# Pieces of notices in every case, with the letters a case-blind expression also takes
# ("ı" for "i", "ſ" for "s", the Kelvin sign for "k") and filler that is neither.
_PIECES = st.sampled_from(
    [
        "All Rights Reserved",
        "all rights reserved",
        "ALL RIGHTS RESERVED",
        "all rıghts reserved",
        "all rightſ reserved",
        "©",
        "(c)",
        "(C)",
        "Copyright",
        "COPYRIGHT",
        "copyrıght",
        "2019",
        "Terms of Use",
        "terms of service",
        "Terms and Conditions",
        "Privacy Policy",
        "privacy notice",
        "may not be reproduced",
        "May Not Be Republished",
        "this site",
        "Our website",
        "you agree",
        "you accept",
        "news",
        "market",
        " ",
        ", ",
        ". ",
        "\u212a",
        "\u0130",
        "for informational purposes only",
        "not intended to diagnose",
        "Consult your physician",
        "is a registered trademark",
        "affiliate links",
        "Affiliate Programs",
        "Amazon Associate",
        "qualifying purchases",
        "We ",
        "this post",
        "FTC: ",
        '"',
        "Quotes delayed",
        "all times are ET",
        "shown in real time",
        "data provided by",
        "delayed by 15 minutes",
    ]
)
LINES = st.lists(_PIECES, max_size=8).map("".join)


def _is_site_notice_ungated(line: str) -> bool:
    """`_is_site_notice` as it reads without its gates."""
    if len(line) > bp._NOTICE_CHARS:
        return False
    if bp._COPYRIGHT.search(line):
        return True
    return bool(bp._SITE_TERMS.search(line)) and bool(bp._TO_READER_SITE.search(line))


@settings(max_examples=500, deadline=None)
@given(LINES)
def test_gated_site_notice_answers_as_the_expressions_alone(line: str) -> None:
    assert bp._is_site_notice(line) == _is_site_notice_ungated(line)


@settings(max_examples=500, deadline=None)
@given(st.lists(LINES.map(str.strip).filter(bool), min_size=1, max_size=6))
def test_a_page_classified_at_once_answers_as_its_lines_one_by_one(lines: list[str]) -> None:
    """The page-wide notice gate rules out no line that `classify` would find a notice."""
    assert bp.classify_page(lines, "\n".join(lines)) == [bp.classify(line) for line in lines]


def test_lines_seen_before_are_looked_up_and_the_memory_is_bounded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A site's menu on page after page: each line classified once, its kind looked up after.
    monkeypatch.setattr(bp, "_KNOWN", {})
    monkeypatch.setattr(bp, "_KNOWN_LINES", 3)
    menu = ["Home", "World", "Share on Facebook"]
    first = bp.classify_page(menu, "\n".join(menu))
    assert set(bp._KNOWN) == set(menu)
    page = [*menu, "The council met on Tuesday and approved the budget for next year."]
    assert bp.classify_page(page, "\n".join(page)) == [bp.classify(line) for line in page]
    assert first == [bp.classify(line) for line in menu]
    assert len(bp._KNOWN) == 4
    bp.classify_page(["Sport"], "Sport")  # past its bound: it starts over
    assert set(bp._KNOWN) == {"Sport"}
    long = " ".join(["word"] * 100)  # a paragraph is classified, not remembered
    assert bp.classify_page([long], long) == [bp.classify(long)]
    assert long not in bp._KNOWN


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_every_match_passes_its_gate(data: st.DataObject) -> None:
    pattern, words = data.draw(
        st.sampled_from(
            [(bp._COPYRIGHT, bp._COPYRIGHT_WORDS), (bp._SITE_TERMS, bp._SITE_TERMS_WORDS)]
        )
    )
    line = data.draw(st.from_regex(pattern))
    assert re.search(pattern, line)
    assert words.may_be_in(line)


_GATED = [
    *bp._NOTICE_WORDS.words,
    *("COPYRIGHT", "Terms Of ", "(C)", "terms", "of", "affiliate", "risk", " ", "x", "é"),
    *("\u0130", "\u0131", "\u017f", "\u212a", "K", "S", "\n"),
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_GATED), max_size=8).map("".join))
def test_a_gate_says_what_looking_for_each_word_in_turn_says(text: str) -> None:
    lowered = text.lower()
    held = any(word in lowered for word in bp._NOTICE_WORDS.words)
    folds = not text.isascii() and bool(bp._FOLDS_TO_ASCII.search(text))
    assert bp._NOTICE_WORDS.may_be_in(text) is (held or folds)


def _drawable(part: re.Pattern[str]) -> re.Pattern[str]:
    """A part to draw lines from. A case-sensitive part with a case-blind region (a dated
    byline's date, `(?i:...)`) is drawn with that region case-sensitive too: its lines are
    a subset of the part's, with the same openings, and hypothesis builds lines for scoped
    flags by trial and error, for minutes on some seeds."""
    if part.flags & re.IGNORECASE:
        return part
    return re.compile(part.pattern.replace("(?i:", "(?:").replace("(?-i:", "(?:"), part.flags)


# Every short-line part, and each navigation label on its own (one of many alternatives in
# `_BOILERPLATE`, a rare one would seldom be drawn).
_SHORT_PARTS = [
    *((name, _drawable(part)) for name, part in bp._SHORT_PARTS),
    *(("boilerplate", re.compile(rf"^(?:{p})[\s:!]*$", re.IGNORECASE)) for p in bp._NAV_PATTERNS),
]


def _unnamed(pattern: re.Pattern[str]) -> str:
    return re.sub(r"\(\?P<\w+>", "(?:", pattern.pattern)


# The short-line parts in one expression, each in a group of its name, as `classify` matched
# them before it tried them one by one: the group that matches is the line's part.
_SHORT = re.compile(
    "|".join(
        f"(?P<{name}>(?i:{_unnamed(part)}))"
        if part.flags & re.IGNORECASE
        else f"(?P<{name}>{_unnamed(part)})"
        for name, part in bp._SHORT_PARTS
    )
)


def _short_group(line: str) -> str | None:
    match = _SHORT.match(line)
    return match.lastgroup if match else None


@settings(max_examples=1000, deadline=None)
@given(st.data())
def test_every_short_line_passes_the_lead_gate(data: st.DataObject) -> None:
    """Every opening of every alternative passes its own part's gate (ASCII lines are the
    ones the gates rule on), and the part found is the one expression's.

    Lines are drawn from each part's own expression, with its own flags: hypothesis builds
    lines for an expression with scoped flags, `(?i:...)`, by trial and error, minutes for
    the date lines."""
    name, part = data.draw(st.sampled_from(_SHORT_PARTS))
    alphabet = data.draw(st.sampled_from([st.characters(codec="ascii"), st.characters()]))
    line = data.draw(st.from_regex(part, alphabet=alphabet))
    assert dict(bp._SHORT_PARTS)[name].match(line)
    lead = bp._ascii_lead(line)
    assert lead is None or lead in bp._SHORT_PART_LEADS[name]
    assert name != "boilerplate" or bp._may_be_boilerplate(line, lead)
    assert bp._may_be_short(lead)
    assert bp._short_part(line, lead) == bp._short_part(line, None) == _short_group(line)


_SHARE_ROWS = st.lists(
    st.sampled_from(sorted(bp._SHARE_WORDS)).map(
        lambda word: st.sampled_from([word, word.upper(), word.title()])
    ),
    min_size=1,
    max_size=4,
)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_every_share_row_passes_the_lead_gate(data: st.DataObject) -> None:
    words = [data.draw(word) for word in data.draw(_SHARE_ROWS)]
    line = data.draw(st.sampled_from([" ", " | ", ", "])).join(words)
    if bp._is_share_row(line):
        lead = bp._ascii_lead(line)
        assert lead is None or lead in bp._SHARE_LEADS
        assert bp._may_be_short(lead)


# Openings of short lines and of prose, with the letters a case-blind expression also takes.
_SHORT_PIECES = st.sampled_from(
    [
        *("Share", "SHARE", "ſhare", "Email", "e-mail", "Print", "By", "BY", "by", "Bya"),
        *("Updated", "Monday", "March", "mar", "3", "2025", "10:01", "pm", "Home", "Most"),
        *("Read", "Source", "Via", "Popular", "Top", "Rated", "comments", "Comments"),
        *("Follow", "us", "Skip", "to content", "ſkip", "\u212a", "ı", "Jane Doe", "Reuters"),
        *("market", "The", "said", "(c)", "©", "Copyright", " ", ": ", " > ", ", ", "|"),
        *("Log", "in", "Login", "Site", "map", "Full", "screen", "Don't", "Dont", "miss"),
        *("Company", "Shares", "Sharing", "Comments", "Reading", "time", "12", "min read"),
    ]
)


@settings(max_examples=1000, deadline=None)
@given(st.lists(_SHORT_PIECES, min_size=1, max_size=6).map("".join))
def test_a_line_the_lead_gates_rule_out_has_no_short_kind_and_is_no_link(line: str) -> None:
    lead = bp._ascii_lead(line)
    assert bp._short_part(line, lead) == bp._short_part(line, None) == _short_group(line)
    assert bp._matched_short_kind(line, lead) == bp._matched_short_kind(line, None)
    if not bp._may_be_short(lead):
        assert bp._matched_short_kind(line, None) is None
    if not bp._may_be_link(lead):
        assert not bp._LINK.match(line)
    if lead is not None:
        assert lead == bp._LEAD.match(line, 0, 3).group().lower()  # type: ignore[union-attr]


@settings(max_examples=500, deadline=None)
@given(st.from_regex(bp._LINK, alphabet=st.characters(codec="ascii")) | st.from_regex(bp._LINK))
def test_every_link_passes_the_lead_gate(line: str) -> None:
    assert bp._LINK.match(line)
    assert bp._may_be_link(bp._ascii_lead(line))
