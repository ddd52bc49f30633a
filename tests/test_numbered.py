"""Pages dumped by a text browser (lynx -dump): read without their links' numbers."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import provenance
from provenance.numbered import is_numbered, shown
from provenance.segment import segment

from .conftest import make_body, make_title, mark_words, page_text


@pytest.mark.parametrize(
    ("line", "seen"),
    [
        ("[12]Bank of Ceylon to adopt new policies", "Bank of Ceylon to adopt new policies"),
        ("By [10]Leonor Batista, Staff Writer", "By Leonor Batista, Staff Writer"),
        (
            "[11]Share on Facebook [12]Share on Twitter [13]Email",
            "Share on Facebook Share on Twitter Email",
        ),
        ("#[1]Orbit & Beyond RSS [2]alternate", "#Orbit & Beyond RSS alternate"),
        ("[14][moon-lander-concepts.jpg]", ""),
        ("[IMG]", ""),
        ("[16]IFRAME: video player", ""),
        ("IFRAME: [16]video player", ""),
        ("[Photo: the harbour at dawn]", "[Photo: the harbour at dawn]"),  # an image's words
        ("Posted: 1987-03-13 | [12]2 comments", "Posted: 1987-03-13 | 2 comments"),
        ("[16]", ""),
        # not a link's number: a citation after its sentence, a bracket in the text
        ("The city was founded in 1850.[3] Its port", "The city was founded in 1850.[3] Its port"),
        ("as the report says [2] and", "as the report says [2] and"),
        ("an array a[1]b", "an array a[1]b"),
    ],
)
def test_a_dumped_line_shows_its_links_without_their_numbers(line: str, seen: str) -> None:
    assert shown(line) == seen


def _lynx_page(title: str, body: str, *, linked_title: bool = False) -> str:
    """A news page as `lynx -dump` prints it: its links numbered in order, the headline
    flush left and the rest indented three spaces and wrapped, a byline that links to the
    author's page, a share row, a link inside a paragraph, and the list of targets."""
    paragraphs = body.split("\n\n")
    linked = paragraphs[1].replace(" the ", " [10]the ", 1)
    wrapped = [
        textwrap.fill(p, 72, initial_indent="   ", subsequent_indent="   ")
        for p in (paragraphs[0], linked, *paragraphs[2:])
    ]
    headline = f"[6]{title}" if linked_title else title
    targets = "\n".join(f"  {n:>2}. https://gazette.example/{n}" for n in range(1, 14))
    return (
        "   #[1]Harbour Gazette RSS\n\n   [2]Harbour Gazette\n\n"
        "     * [3]News\n     * [4]Business\n     * [5]Sport\n\n"
        f"{headline}\n\n   By [7]Jane Doe, Staff Writer\n   November 18, 2019\n\n"
        "   [8]Share on Facebook [9]Share on Twitter\n\n"
        + "\n\n".join(wrapped)
        + "\n\n   [11]Privacy Policy [12]Terms of Use [13]Contact Us\n\n"
        f"References\n\n{targets}\n"
    )


@pytest.mark.parametrize("linked_title", [False, True])
def test_a_lynx_page_reads_as_its_article(linked_title: bool) -> None:
    title, body = make_title(1), make_body(1)
    text = _lynx_page(title, body, linked_title=linked_title)
    assert is_numbered(text)
    (story,) = segment(text)
    assert story.title == title
    assert story.byline == "Jane Doe, Staff Writer"
    assert story.date == dt.date(2019, 11, 18)
    assert "[10]" not in story.body
    assert " ".join(story.body.split()) == " ".join(body.split())
    headline = f"[6]{title}" if linked_title else title
    assert text[story.start :].startswith(headline)  # offsets count the file as written


def test_a_page_is_numbered_when_its_first_links_count_from_one() -> None:
    text = _lynx_page(make_title(2), make_body(2))
    assert is_numbered(text)
    assert not is_numbered(text.replace("[1]", "[4]", 1))  # counts from elsewhere
    assert not is_numbered(page_text((make_title(2), make_body(2))))
    cited = "The port opened in 1850.[1] Trade grew [2] and grew.[3] Ships came [1][2]."
    assert not is_numbered(cited)  # citations after their sentences


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 3), st.integers(3, 12))
def test_link_numbers_change_no_story(seed: int, stories: int, links: int) -> None:
    """A page and the same page with words of its paragraphs numbered as a text browser
    numbers its links give the same stories: the numbers are no words of the page."""
    text = page_text(*[(make_title(seed + k), make_body(seed + k)) for k in range(stories)])
    numbered, marked = mark_words(text, seed, links, lambda n, word: f"[{n + 1}]{word}")
    assert is_numbered(numbered) == (marked >= 3)
    as_text = [(s.title, s.body, s.date) for s in segment(text)]
    assert [(s.title, s.body, s.date) for s in segment(numbered)] == as_text


def test_one_story_dumped_by_lynx_and_saved_as_text_is_one_story(tmp_path: Path) -> None:
    title, body = make_title(3), make_body(3)
    (tmp_path / "wire.txt").write_text(page_text((title, body)), encoding="utf-8")
    (tmp_path / "lynx.txt").write_text(_lynx_page(title, body, linked_title=True), "utf-8")
    (story,) = provenance.dedupe([tmp_path]).stories
    assert sorted(Path(o.path).name for o in story.occurrences) == ["lynx.txt", "wire.txt"]
    assert {o.title for o in story.occurrences} == {title}
