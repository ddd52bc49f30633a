"""The cheap gates in front of `boilerplate`'s case-blind expressions change no answer."""

from __future__ import annotations

import re

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
    assert bp._may_hold(line, words)
