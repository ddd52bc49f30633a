"""Pages saved as Markdown: read as the text they show, their markup as a signal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import provenance
from provenance import Settings
from provenance.boilerplate import Kind
from provenance.markup import is_markdown, plain, read
from provenance.segment import Page, segment

from .conftest import make_body, make_title, mark_words, page_text


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        ("Read [the report](https://example.org/report) today.", "Read the report today."),
        ('A [titled](https://x.org/a "Title here") link', "A titled link"),
        ("See [Foo](https://en.wikipedia.org/wiki/Foo_(bar)) here", "See Foo here"),
        ("![A photo](https://cdn.example.org/a.jpg)", ""),
        ("[![A photo](https://cdn.example.org/a.jpg)](https://example.org/a)", ""),
        ("[](https://www.facebook.com/sharer)", ""),
        ("As [reported][3] before", "As reported before"),
        ("[3]: https://example.org/3", ""),
        ("Mail <mailto:desk@example.org> now", "Mail mailto:desk@example.org now"),
        ("# The headline", "The headline"),
        ("### A sub-heading ###", "A sub-heading"),
        ("> A quoted line", "A quoted line"),
        (
            "**Bold** and *slanted* and _leaning_ and __heavy__",
            "Bold and slanted and leaning and heavy",
        ),
        ("2 * 3 = 6 and snake_case_name stay", "2 * 3 = 6 and snake_case_name stay"),
        ("Escaped 1\\. item and \\*stars\\*", "Escaped 1. item and *stars*"),
        ("__ Brent Co __November 20, 2019", "Brent Co November 20, 2019"),
        ("AUTO NEWS ##### 2017 Lexus LC500", "AUTO NEWS 2017 Lexus LC500"),
        ("* * *", ""),
        ("---", ""),
        ("=====", ""),
        ("[ Headline that runs on", "Headline that runs on"),
        ("over two lines](/news/headline-1234)", "over two lines"),
    ],
)
def test_a_line_of_markdown_shows_its_words(line: str, shown: str) -> None:
    assert plain(line) == shown


def test_a_page_is_markdown_when_it_links_twice_in_its_syntax() -> None:
    assert is_markdown("[Home](/) | [News](/news)\n\nText.")
    assert not is_markdown("One [link](/a) only.\n\nText [in brackets] (and not a link).")
    assert not is_markdown("WASHINGTON, March 3 - Plain wire text with no links at all.")


def test_markup_says_what_a_line_is() -> None:
    lines = [
        "* [Home](/) | [World](/world)",  # a menu: links alone
        "",
        "Storm Closes Schools Across the Region",  # a title over "=": the main heading
        "=======================================",
        "",
        "## [A linked sub-heading](/section)",  # a heading that links is no menu
        "",
        "![Flooded streets in the city centre](https://cdn.example.org/f.jpg)",
        "",
        "Flooded streets in the city centre",  # repeats the image's description
        "",
        "* [Teaser headline](/a) and its summary goes on",  # a teaser in a list
        "[",
        "Headline of a linked card",  # a link over three lines: links alone
        "](/cards/1)",
    ]
    marked = read(lines)
    assert marked[0].linked
    assert marked[2].heading
    assert not marked[3].text  # the rule shows nothing
    assert not marked[5].linked
    assert not marked[5].heading  # "##": a sub-heading
    assert marked[9].alts == ["Flooded streets in the city centre"]
    assert marked[11].item
    assert not marked[11].linked
    assert marked[13].linked
    assert marked[13].text == "Headline of a linked card"


MENU = "* [Home](/)\n* [World](https://example.org/world)\n* [Business](/business)\n"


def _markdown_page(title: str, body: str) -> str:
    """A news page as a Markdown scraper saves it: a menu, the headline as the main heading,
    a byline, an image and its caption, the body with links, a sub-heading after blank lines
    that mean nothing in Markdown, and a list of teasers."""
    paragraphs = body.split("\n\n")
    linked = [
        p.replace(" the ", " [the](https://example.org/the) ", 1) if k % 2 else p
        for k, p in enumerate(paragraphs)
    ]
    return (
        f"{MENU}\n# {title}\n\nBy [Jane Doe](/authors/jane-doe)\n\n"
        "![Rescuers on the river bank](https://cdn.example.org/r.jpg)\n\n"
        "Rescuers on the river bank\n\n"
        f"{linked[0]}\n\n{linked[1]}\n\n\n\n## What comes next\n\n\n"
        + "\n\n".join(linked[2:])
        + "\n\n### Related\n\n"
        "* [Another story about rivers](/news/1) A summary of another story runs here.\n"
        "* [A third story about bridges](/news/2) And the summary of a third one.\n"
    )


def test_a_markdown_page_reads_as_its_article() -> None:
    title, body = make_title(1), make_body(1)
    text = _markdown_page(title, body)
    (story,) = segment(text)
    assert story.title == title
    assert story.byline == "Jane Doe"
    lines = story.body.splitlines()
    assert lines[0] == body.split("\n\n")[0]  # no caption over the lede
    assert "What comes next" in lines  # a sub-heading is no new story
    assert "://" not in story.body
    assert "Another story" not in story.body
    assert [line for line in lines if line != "What comes next"] == body.split("\n\n")
    assert text[story.start :].startswith(f"# {title}")  # offsets count the file as written


def test_a_main_heading_over_the_headline_names_its_section() -> None:
    title, body = make_title(4), make_body(4)
    rule = "=" * len(title)
    page = f"{MENU}\n\nBusiness\n========\n\n\n{title}\n{rule}\n\nBy Jane Doe\n\n{body}\n"
    (story,) = segment(page)
    assert story.title == title
    # a headline of a few words keeps its place over a later main heading under the story
    short = "Markets rally"
    later = f"# {short}\n\nBy Jane Doe\n\n{body}\n\n# Leave a reply to this story\n\nName\n"
    assert segment(f"{MENU}\n{later}")[0].title == short


def test_a_caption_that_repeats_the_image_is_a_caption() -> None:
    page = Page.of(_markdown_page(make_title(2), make_body(2)))
    (caption,) = [line for line in page.lines if line.text == "Rescuers on the river bank"]
    assert caption.kind is Kind.CAPTION
    assert [line.text for line in page.lines if line.heading] == [make_title(2)]


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 3), st.integers(2, 12))
def test_links_in_the_text_change_no_story(seed: int, stories: int, links: int) -> None:
    """A page and the same page with words of its paragraphs turned into Markdown links
    give the same stories: links show their words, and their targets are no text."""
    text = page_text(*[(make_title(seed + k), make_body(seed + k)) for k in range(stories)])
    marked, linked = mark_words(
        text, seed, links, lambda n, word: f"[{word}](https://example.org/{seed}/{n}?q=a_b)"
    )
    assert is_markdown(marked) == (linked >= 2)
    as_text = [(s.title, s.body, s.date) for s in segment(text)]
    assert [(s.title, s.body, s.date) for s in segment(marked)] == as_text


def test_one_story_saved_as_text_as_markdown_and_as_a_crawler_record(tmp_path: Path) -> None:
    title, body = make_title(3), make_body(3)
    (tmp_path / "wire.txt").write_text(page_text((title, body)), encoding="utf-8")
    (tmp_path / "page.md").write_text(_markdown_page(title, body), encoding="utf-8")
    record = {"markdown": _markdown_page(title, body), "metadata": {"sourceURL": "x"}}
    (tmp_path / "crawl.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("# Notes\n\nNot a page.\n", encoding="utf-8")

    walked = provenance.dedupe([tmp_path])  # a folder walk passes over *.md
    assert sorted(o.path for s in walked.stories for o in s.occurrences) == [
        str(tmp_path / "crawl.jsonl#L1"),
        str(tmp_path / "wire.txt"),
    ]
    included = provenance.dedupe([tmp_path], Settings(include=("*.txt", "*.jsonl", "page.md")))
    (story,) = included.stories
    assert story.title == title
    assert len(story.occurrences) == 3
