"""Pages whose blocks a scraper ran together (BeautifulSoup's `get_text()` of minified HTML)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.boilerplate import Kind, classify
from provenance.glued import Glued
from provenance.segment import Page, segment
from provenance.text import normalize

from .conftest import make_body, make_title


def _blocks(line: str, words: frozenset[str] = frozenset()) -> list[str]:
    return [line[start:end] for start, end in Glued(words).blocks(line)]


def test_a_page_is_glued_from_three_sentences_run_into_the_next() -> None:
    prose = "It rained. The river rose.It was late. "
    assert Glued.read(prose) is None  # a typo joins one sentence, not a page's blocks
    assert Glued.read(prose * 2) is None
    assert Glued.read(prose * 3) is not None
    # an initial, a decimal, a web or mail address: no join
    assert Glued.read("U.S.Army 3.5 www.DearAbby.com Sarah.Needleman@wsj.com " * 3) is None


@pytest.mark.parametrize(
    ("line", "blocks"),
    [
        (
            "Tickets go on sale Dec. 6.The band said.",
            ["Tickets go on sale Dec. 6.", "The band said."],
        ),
        ("to perform “Takin’ It.”The Doobie", ["to perform “Takin’ It.”", "The Doobie"]),
        ("as they should.A CT scan showed", ["as they should.", "A CT scan showed"]),
        ("Home      World   Sport", ["Home", "World", "Sport"]),  # the HTML's indentation
        ("Blossom showUpdated Nov 19", ["Blossom show", "Updated Nov 19"]),
        ("HomeNewsSportsWeather Local", ["Home", "News", "Sports", "Weather Local"]),
        ("InícioAlfabetizaçãoUma palinha", ["Início", "Alfabetização", "Uma palinha"]),
        (
            "Facebook (Opens in new window)Click to share",
            ["Facebook (Opens in new window)", "Click to share"],
        ),
        ("Bike book review21/06/2014 Tony Carter", ["Bike book review", "21/06/2014 Tony Carter"]),
        ("by early 2020sPublished Tue", ["by early 2020s", "Published Tue"]),
        ("Get the AppSUVA, June 2 - Fiji today", ["Get the App", "SUVA, June 2 - Fiji today"]),
        ("ShareLONDON (Reuters) - Oil fell", ["Share", "LONDON (Reuters) - Oil fell"]),
        # one capitalised word run into another: a brand, unless the stretch is a menu
        ("He bought a PlayStation at McDonald", ["He bought a PlayStation at McDonald"]),
        ("an iPhone, an eBay sale and DeSantis", ["an iPhone, an eBay sale and DeSantis"]),
        (
            "#MethWeAreOnIt at https://t.co/hopPjqa95w",
            ["#MethWeAreOnIt at https://t.co/hopPjqa95w"],
        ),
    ],
)
def test_a_glued_line_comes_apart_where_its_blocks_were_joined(
    line: str, blocks: list[str]
) -> None:
    assert _blocks(line) == blocks


def test_a_word_the_page_spells_so_stays_whole_in_a_menu() -> None:
    menu = "Deals Are Live, Including Apple AirPods and WatchesNewsVideo"
    assert _blocks(menu) == [
        "Deals Are Live, Including Apple Air",
        "Pods and Watches",
        "News",
        "Video",
    ]
    page = f"{menu}\nApple AirPods are cheaper.The AirPods are here.Buy.Now.Go.\n"
    glued = Glued.read(page)
    assert glued is not None
    assert glued.words == {"AirPods"}
    assert _blocks(menu, glued.words)[:2] == [
        "Deals Are Live, Including Apple AirPods and Watches",
        "News",
    ]


def _html(title: str, body: str) -> str:
    """A news page as a site serves it, one element a line."""
    paragraphs = "\n".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    return f"""<html><head><title>{title} - The Daily Example</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<div class="kicker">World</div>
<h1>{title}</h1>
<div class="byline">By Jane Doe</div><time>November 19, 2019</time>
<article>
{paragraphs}
</article>
<aside>
<h3>Related stories</h3>
<ul>
<li><a href="/1">Markets fall as investors weigh the news</a></li>
<li><a href="/2">Officials say the talks will resume next week</a></li>
</ul>
</aside>
<footer>
<a href="/about">About us</a>
<a href="/privacy">Privacy Policy</a>
<p>© 2019 The Daily Example. All rights reserved.</p>
</footer>
</body></html>"""


def _text(html: str, *, minified: bool) -> str:
    if minified:  # as most sites serve it: no whitespace between the tags
        html = "".join(line.strip() for line in html.splitlines())
    return BeautifulSoup(html, "html.parser").get_text()


def _words(text: str) -> list[str]:
    return normalize(text).split()


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000))
def test_a_minified_page_reads_as_the_same_story(seed: int) -> None:
    """BeautifulSoup's text of a page served minified runs its elements together; it gives
    the story that the same page, one element a line, gives."""
    title, body = make_title(seed), make_body(seed)
    html = _html(title, body)
    (laid_out,) = segment(_text(html, minified=False))
    glued = _text(html, minified=True)
    assert len(glued.splitlines()) == 1
    (story,) = segment(glued)
    assert story.title == laid_out.title == title
    assert story.date == laid_out.date is not None
    assert _words(story.body) == _words(laid_out.body) == _words(body)
    span = glued[story.start : story.end]  # offsets count the file as written
    assert span.startswith(title)
    assert span.endswith(body[-40:])


def test_the_headline_under_a_kicker_is_the_page_title_line_again() -> None:
    """A text dump that keeps the HTML's line breaks prints a section's name right over the
    headline, with no break: the line that repeats the page's title line is its headline."""
    title, body = make_title(7), make_body(7)
    page = (
        f"{title} | The Daily Example\n\n\nHome\nWorld\nBusiness\n\n\n"
        "Follow us on Flipboard\n\nFollow us on RSS feeds\n\n\nEntrepreneur\n"
        f"{title}\n\nReuters November 18, 2019 11:03 PM\n\n{body}\n"
    )
    page_ = Page.of(page)
    assert page_[page_.headline_at].text == title
    (story,) = segment(page)
    assert story.title == title
    assert _words(story.body) == _words(body)


def test_a_paragraph_run_into_the_caption_under_it_is_no_caption() -> None:
    caption = "Rescuers on the river bank on Tuesday. (Photo: Getty Images)"
    assert classify(caption) is Kind.CAPTION
    paragraph = make_body(3).split("\n\n")[0] * 3
    assert len(paragraph) > 600
    assert classify(f"{paragraph} {caption}") is Kind.TEXT


def test_a_megabyte_of_menus_run_together_comes_apart_item_by_item() -> None:
    """The word before each join is looked for near it, not over the whole stretch: a line
    of 160,000 characters of menus run together is read in one pass (it took minutes when
    each join searched back to the stretch's start)."""
    line = "HomeNewsSportsWeather" * 8000
    blocks = _blocks(line)
    assert len(blocks) == 32000
    assert set(blocks) == {"Home", "News", "Sports", "Weather"}
