"""Splitting one page into its stories: headlines, headers, boilerplate, teasers, sub-headings."""

from __future__ import annotations

import datetime as dt
import importlib
import itertools
import re
import textwrap
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from provenance import Story, segment
from provenance.boilerplate import Kind, byline, classify, is_pitch, parse_date, source
from provenance.segment import Page, lines
from provenance.text import normalize

from .conftest import body_lines, make_body, make_title, page_story, page_text

seg = importlib.import_module("provenance.segment")  # the module: `segment` is its function
line_shapes = importlib.import_module("provenance.lines")  # `lines` is its function

Body = Callable[..., str]


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def assert_well_formed(text: str, stories: list[Story]) -> None:
    """The invariants every segmentation must keep."""
    for k, story in enumerate(stories):
        assert story.index == k
        assert 0 <= story.start <= story.end <= len(text)
        assert story.line_start <= story.line_end
        assert story.line_start == line_of(text, story.start)
        if story.end > story.start:
            assert story.line_end == line_of(text, story.end - 1)
        if story.title:
            assert text[story.start : story.end].startswith(story.title)
    for before, after in itertools.pairwise(stories):
        assert before.end <= after.start
        assert before.line_end < after.line_start


def assert_body_in_span(text: str, story: Story, body: str) -> None:
    span = text[story.start : story.end]
    for line in body_lines(body):
        assert line in story.body
        assert line in span


def test_plain_one_story_file() -> None:
    title = "Floods cut off three villages after a week of heavy rain"
    body = make_body(1, paragraphs=3)
    text = f"{title}\n\n{body}\n"
    stories = segment(text, "plain.txt")
    assert len(stories) == 1
    story = stories[0]
    assert story.title == title
    assert story.path == "plain.txt"
    assert story.date is None
    assert story.body == "\n".join(body_lines(body))
    assert (story.start, story.end) == (0, len(text.rstrip("\n")))
    assert (story.line_start, story.line_end) == (1, text.count("\n"))
    assert_well_formed(text, stories)


def test_file_without_title() -> None:
    body = make_body(2, paragraphs=4)
    text = body + "\n"
    stories = segment(text, "untitled.txt")
    assert len(stories) == 1
    assert stories[0].title == ""
    assert stories[0].body == "\n".join(body_lines(body))
    assert stories[0].start == 0
    assert_well_formed(text, stories)


def test_two_story_page() -> None:
    first, second = (make_title(10), make_body(10)), (make_title(11), make_body(11))
    text = page_text(first, second)
    stories = segment(text, "page.txt")
    assert [s.title for s in stories] == [first[0], second[0]]
    assert [s.date for s in stories] == [dt.date(2025, 12, 9)] * 2
    assert_well_formed(text, stories)
    for story, (_, body) in zip(stories, (first, second), strict=True):
        assert story.body == "\n".join(body_lines(body))
        assert_body_in_span(text, story, body)
        assert "Follow" not in story.body.splitlines()
        assert "Updated" not in story.body
    assert stories[1].start == text.index(second[0])
    assert stories[1].line_start == line_of(text, text.index(second[0]))


def test_page_with_different_dates() -> None:
    text = page_story(make_title(1), make_body(1), "06 July 2019") + "\n\n"
    text += page_story(make_title(2), make_body(2), "04 March 2023")
    stories = segment(text)
    assert [s.date for s in stories] == [dt.date(2019, 7, 6), dt.date(2023, 3, 4)]


def test_sub_heading_stays_inside_the_story() -> None:
    paragraphs = make_body(20).split("\n\n")
    heading = "What the new rules mean for families"
    body = "\n\n".join([*paragraphs[:2], heading, *paragraphs[2:]])
    title = make_title(20)
    for text in (
        page_text((title, body)),
        page_text((title, body), (make_title(21), make_body(21))),
    ):
        stories = segment(text)
        assert stories[0].title == title
        assert heading in stories[0].body.splitlines()
        assert heading not in [s.title for s in stories]
        assert_body_in_span(text, stories[0], body)
        assert_well_formed(text, stories)


def test_boilerplate_lines_are_not_in_bodies() -> None:
    paragraphs = make_body(30).split("\n\n")
    noise = [
        "Skip to main content",
        "Home Blog",
        "Short Url",
        "Follow",
        "Share",
        "Also Read : Kashmir Lockdown & Army ‘CALL’: How Lessons From 2008 Can Help",
    ]
    title = make_title(30)
    text = (
        "Skip to main content\n\nHome Blog\n\n"
        f"{title}\n\nShort Url\nUpdated 09 December 2025\nFollow\n\n{title}\n\n"
        f"{paragraphs[0]}\n\n{paragraphs[1]}\n\nAlso Read : {make_title(31)}\n\n"
        f"{paragraphs[2]}\n\nShare\n\n{paragraphs[3]}\n\n{paragraphs[4]}\n"
    )
    stories = segment(text)
    assert len(stories) == 1
    story = stories[0]
    assert story.title == title
    assert story.date == dt.date(2025, 12, 9)
    body = story.body.splitlines()
    for line in noise:
        assert line not in body
    assert "Also Read" not in story.body
    assert "Updated" not in story.body
    assert body == paragraphs
    assert_well_formed(text, stories)


def test_teaser_block_at_the_end_is_dropped() -> None:
    title, body = make_title(40), make_body(40)
    for header in ("Popular posts from this blog", "Related articles"):
        teasers = "\n\n".join(
            f"{make_title(s)}\n\n{make_body(s, paragraphs=1)}" for s in range(41, 44)
        )
        text = page_text((title, body)) + f"\n\n{header}\n\n{teasers}\n"
        stories = segment(text)
        assert len(stories) == 1
        assert stories[0].title == title
        assert stories[0].body == "\n".join(body_lines(body))
        assert header not in stories[0].body
        assert stories[0].end <= text.index(header)
        assert_well_formed(text, stories)


def test_pull_quote_printed_twice_stays_one_story() -> None:
    paragraphs = make_body(50, paragraphs=6).split("\n\n")
    quote = "“We will not leave until every family has a roof over its head,” the mayor said."
    paragraphs[2] = f"{paragraphs[2]} {quote}"
    title = make_title(50)
    body = "\n\n".join(
        [*paragraphs[:2], quote + "\n", *paragraphs[2:4], quote + "\n", *paragraphs[4:]]
    )
    text = page_text((title, body))
    stories = segment(text)
    assert len(stories) == 1
    assert stories[0].title == title
    assert stories[0].body.splitlines().count(quote) <= 1
    for paragraph in paragraphs:
        assert paragraph in stories[0].body
    assert_well_formed(text, stories)


def test_long_pull_quote_paragraph_printed_twice_stays_one_story() -> None:
    paragraphs = make_body(51, paragraphs=6).split("\n\n")
    quote = (
        "“Nobody in this town has ever seen water rise so fast, and nobody wants to see it "
        "again,” said the mayor."
    )
    title = make_title(51)
    body = "\n\n".join(
        [*paragraphs[:2], quote + "\n", *paragraphs[2:4], quote + "\n", *paragraphs[4:]]
    )
    text = page_text((title, body))
    stories = segment(text)
    assert len(stories) == 1
    assert stories[0].body.splitlines().count(quote) == 1
    for paragraph in paragraphs:
        assert paragraph in stories[0].body
    assert_well_formed(text, stories)


def test_hard_wrapped_wire_story_stays_one_story() -> None:
    headline = "Central bank holds rates steady as inflation cools faster than expected"
    paragraphs = [textwrap.fill(p, 70) for p in make_body(60, paragraphs=6).split("\n\n")]
    text = f"{headline}\n\n" + "\n\n".join(paragraphs) + "\n"
    stories = segment(text, "wire.txt")
    assert len(stories) == 1
    assert stories[0].title == headline
    assert stories[0].body == "\n".join(line for p in paragraphs for line in p.splitlines())
    assert stories[0].end == len(text.rstrip("\n"))
    assert_well_formed(text, stories)


def test_hard_wrapped_paragraph_opening_with_by_is_kept() -> None:
    headline = "Protesters fill the capital as parliament debates new budget"
    paragraphs = [
        "LONDON (Reuters) - Tens of thousands of people marched through the\n"
        "capital on Thursday against a budget that cuts spending on schools,\n"
        "hospitals and pensions, in the largest protest the city has seen.",
        "By Thursday evening, thousands of protesters had gathered outside\n"
        "parliament, where lawmakers were debating the plan, and police said\n"
        "the crowd had remained peaceful throughout the long afternoon.",
        "The finance minister said the cuts were needed to reduce a deficit\n"
        "that had grown during the pandemic, and that the government would\n"
        "not change course whatever the size of the crowds in the street.",
    ]
    text = f"{headline}\n\n" + "\n\n".join(paragraphs) + "\n"
    stories = segment(text, "wire.txt")
    assert len(stories) == 1
    assert stories[0].title == headline
    assert stories[0].body == "\n".join(line for p in paragraphs for line in p.splitlines())


def test_byline_and_source_are_metadata() -> None:
    title, paragraphs = make_title(70), make_body(70)
    text = f"{title}\n\n\nBy Jane Doe\n\nSource: Example Wire\n\n{paragraphs}\n"
    stories = segment(text)
    assert len(stories) == 1
    assert stories[0].byline == "Jane Doe"
    assert stories[0].source == "Example Wire"
    assert "Jane Doe" not in stories[0].body
    assert "Example Wire" not in stories[0].body
    assert stories[0].body == "\n".join(body_lines(paragraphs))


def test_empty_and_blank_pages_have_no_stories() -> None:
    assert segment("") == []
    assert segment("\n\n  \r\n\t\n") == []


def test_short_page_is_one_story() -> None:
    text = "A short note\n\nOnly a few words here.\n"
    stories = segment(text)
    assert len(stories) == 1
    assert "Only a few words here." in f"{stories[0].title}\n{stories[0].body}"
    assert_well_formed(text, stories)


def test_crlf_page_segments_like_lf() -> None:
    text = page_text((make_title(80), make_body(80)), (make_title(81), make_body(81)))
    crlf = text.replace("\n", "\r\n")
    lf_stories, crlf_stories = segment(text), segment(crlf)
    assert [(s.title, s.body, s.line_start, s.line_end) for s in lf_stories] == [
        (s.title, s.body, s.line_start, s.line_end) for s in crlf_stories
    ]
    assert_well_formed(crlf, crlf_stories)


LINES = st.one_of(
    st.text(max_size=80),
    st.sampled_from(
        [
            "",
            "",
            "Updated 09 December 2025",
            "Follow",
            "Short Url",
            "By Jane Doe",
            "Source: Reuters",
            "Popular posts from this blog",
            "Also Read : Something else entirely",
            "Pakistan says $50 million meat export deal with Tajikistan nearing finalization",
            make_body(1, paragraphs=1),
            make_body(2, paragraphs=1),
            "A short headline here",
        ]
    ),
)
SEPARATORS = st.sampled_from(["\n", "\r\n", "\r", "\n\n", "\n\n\n", "\u2028", " \n"])


@st.composite
def pages(draw: st.DrawFn) -> str:
    if draw(st.booleans()):
        return draw(st.text())
    lines = draw(st.lists(LINES, max_size=30))
    return "".join(line + draw(SEPARATORS) for line in lines)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages())
def test_segment_never_breaks_its_invariants(text: str) -> None:
    stories = segment(text, "any.txt")
    assert_well_formed(text, stories)
    for story in stories:
        assert story.path == "any.txt"
        assert story.title == story.title.strip()


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Updated 09 December 2025", dt.date(2025, 12, 9)),
        ("Published: 2025-12-09 10:30 GMT", dt.date(2025, 12, 9)),
        ("December 9, 2025", dt.date(2025, 12, 9)),
        ("Updated 06 July 2019", dt.date(2019, 7, 6)),
        ("Posted on 04/03/2023", dt.date(2023, 3, 4)),
        ("2025/03/04", dt.date(2025, 3, 4)),  # year first: then the month
        ("November 19, 2019 GMT", dt.date(2019, 11, 19)),
        ("Published November 19th, 2019 - 12:07 GMT", dt.date(2019, 11, 19)),
        ("November 19, 2019 01:00 AM Eastern Standard Time", dt.date(2019, 11, 19)),
        (
            "Filed on November 20, 2019 | Last updated on November 21, 2019 at 09.12 am",
            dt.date(2019, 11, 20),
        ),
        ("5 min read · Nov 19, 2019", dt.date(2019, 11, 19)),
        ("on November 19, 2019", dt.date(2019, 11, 19)),
        ("November 18, 2019 — 8:21pm", dt.date(2019, 11, 18)),
        ("By Marty Johnson - 11/19/2019 02:47 PM EST", dt.date(2019, 11, 19)),
        ("Written by Rachael Link, MS, RD on November 19, 2019", dt.date(2019, 11, 19)),
        # a source credit or a read time beside the date, divided by "•", "·" or "|"
        ("Associated Press•November 20, 2019", dt.date(2019, 11, 20)),
        ("Nov 19, 2019 at 9:49 am ET • 2 min read", dt.date(2019, 11, 19)),
        ("Sports | November 20, 2019 | 5 min read", dt.date(2019, 11, 20)),
        ("The court ruled on it. | November 20, 2019", None),  # a sentence beside it
        ("November 20, 2019 | November 21, 2019", None),  # two dates: which one?
        ("December 4, 2017 by Regan Leave a Comment", dt.date(2017, 12, 4)),
        # a credit before the date with no divider, or a dash or a comma
        ("Associated Press November 19, 2019, 9:02 AM", dt.date(2019, 11, 19)),
        ("The Canadian Press November 19, 2019, 4:55 PM", dt.date(2019, 11, 19)),
        ("Chris Davies - Nov 19, 2019, 10:31 pm CST", dt.date(2019, 11, 19)),
        ("by Jeff Foust — November 18, 2019", dt.date(2019, 11, 18)),
        ("Reuters November 18, 2019 11:03 PM", dt.date(2019, 11, 18)),  # one word and a time
        ("By admin - 2018-09-16", dt.date(2018, 9, 16)),  # after "by", a user's handle
        ("Record March 31, 1987", None),  # one word and a day: a dividend table's row
        ("Shares rose on March 3, 1987", None),
        ("11/18/19 5:30PM", dt.date(2019, 11, 18)),
        ("2018.08.16", dt.date(2018, 8, 16)),  # year first, dotted
        ("On November 19, 2019 the court ruled", None),
        ("November 19, 2019 and then", None),
        ("Updated 10:01 pm PST, Tuesday, November 19, 2019", dt.date(2019, 11, 19)),
        ("Published 3:45 p.m. ET Nov. 19, 2019", dt.date(2019, 11, 19)),
        ("Nov 19, 2019, 8:00 AM EST", dt.date(2019, 11, 19)),
        ("Posted by Experience Team on June 5, 2018", dt.date(2018, 6, 5)),
        ("Nov 19, 2019 at 9:08 GMT 1 day ago", dt.date(2019, 11, 19)),
        # a time counted back under a label; a year that a text dump ran into the time
        ("Published Wed, Nov 20 2019 4:29 AM EST Updated an hour ago", dt.date(2019, 11, 20)),
        ("Published Wed, Nov 20 20194:29 AM ESTUpdated an hour ago", dt.date(2019, 11, 20)),
        # the rest of "by Madeline Fry | November 18, 2019" on a line of its own
        ("| November 18, 2019 12:01 PM", dt.date(2019, 11, 18)),
        # parts set off by a slash between spaces ("11/19/2019" is a date)
        ("Updated on: November 19, 2019 / 10:07 AM / CBS News", dt.date(2019, 11, 19)),
        ("November 19, 2019 / The mayor said the bridge would open.", None),
        ("Updated 0159 GMT (0959 HKT) November 19, 2019", dt.date(2019, 11, 19)),
        (
            "By HNN Staff | November 18, 2019 at 2:26 PM HST - Updated November 18 at 4:46 PM",
            dt.date(2019, 11, 18),
        ),
        ("Nov 19, 2019 1530 on the record", None),
        # day first, the month, labels and times in German, French, Spanish, Portuguese,
        # Italian and Dutch
        ("Veröffentlicht am 29. August 2018 von Redaktion", dt.date(2018, 8, 29)),
        ("Pubblicato il 3 agosto 2018 da Redazione", dt.date(2018, 8, 3)),
        ("Publicado em 05/10/2018 às 10h32", dt.date(2018, 10, 5)),
        ("5 de outubro de 2018", dt.date(2018, 10, 5)),
        ("Publié le 1er janvier 2019 à 10h32", dt.date(2019, 1, 1)),
        ("Gepubliceerd op 3 maart 2019 om 10:32", dt.date(2019, 3, 3)),
        ("Aktualisiert am 19.11.2019, 10:32 Uhr", dt.date(2019, 11, 19)),
        ("12 de diciembre de 2019", dt.date(2019, 12, 12)),
        ("Il 3 agosto 2018 è arrivato", None),
        ("2025年3月4日", dt.date(2025, 3, 4)),
        ("2025年3月4日 10:21", dt.date(2025, 3, 4)),
        ("更新 2025年12月9日", None),  # the words around a date are English ones only
        ("2025년 12월 9일", dt.date(2025, 12, 9)),
        ("2025年13月4日", None),
        ("19 ноября 2019", dt.date(2019, 11, 19)),
        # when a page was posted and when updated, on one line: the first date
        (
            "Posted: Nov 20, 2019 / 06:40 AM PST / Updated: Nov 21, 2019 / 06:40 AM PST",
            dt.date(2019, 11, 20),
        ),
        (
            "PUBLISHED: 10:27, Mon, Nov 18, 2019 | UPDATED: 10:33, Tue, Nov 19, 2019",
            dt.date(2019, 11, 18),
        ),
        ("Updated Nov 19, 2019; Posted Nov 18, 2019", dt.date(2019, 11, 19)),
        ("29 November 2018 | 20 January 2019", None),  # a span of days, not when it was posted
        # as e-mail and mail archives print it; a zone's country; a line going on from above
        ("Date: Sat, 7 Mar 1987 18:00:00 +0000", dt.date(1987, 3, 7)),
        ("Mon Mar 2 17:03:11 EST 1987", dt.date(1987, 3, 2)),
        ("Saturday 7 March 1987 14:12, UK", dt.date(1987, 3, 7)),
        (", updated Mon 23 Mar 1987 at 3:20pm", dt.date(1987, 3, 23)),
        ("Mike Wall, Space.com - Nov 20, 2019 2:45 pm UTC", dt.date(2019, 11, 20)),
        ("The vote is on November 19, 2019 at 10:01 pm in Paris", None),
        ("10:01 pm", None),
        ("Pakistan army sets up cell", None),
        ("Pakistan army sets up special assistance cell on missing persons", None),
        ("", None),
    ],
)
def test_parse_date(line: str, expected: dt.date | None) -> None:
    assert parse_date(line) == expected


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Skip to main content", Kind.BOILERPLATE),
        ("Short Url", Kind.BOILERPLATE),
        ("Follow", Kind.BOILERPLATE),
        ("Home Blog", Kind.BOILERPLATE),
        ("Also Read : Has Pakistan Lost the Kashmir Plot?", Kind.LINK),
        ("Popular posts from this blog", Kind.TEASER),
        ("Recent", Kind.TEASER),
        ("Top Rated Comments", Kind.COMMENTS),
        ("Readers' comments:", Kind.COMMENTS),
        ("Leave a comment", Kind.TEXT),  # as often a link under the headline
        ("Popular:", Kind.TEASER),
        ("Latest", Kind.TEASER),
        ("Recent developments in the case surprised the court.", Kind.TEXT),
        ("Updated 09 December 2025", Kind.DATE),
        ("By South Asia Press Team", Kind.BYLINE),
        ("Written by Jane Doe and John Roe", Kind.BYLINE),
        ("Story by JANE DOE", Kind.BYLINE),
        ("By LOLITA C. BALDOR", Kind.BYLINE),
        ("By John F. Kennedy Jr.", Kind.BYLINE),
        ("By Jane Doe on Nov. 19, 2019", Kind.DATE),  # a dated byline: its date and its name
        ("Updated 10:41PM", Kind.BOILERPLATE),  # a time without its day dates nothing
        ("34 responses to “Markets rally as bank holds rates”", Kind.COMMENTS),
        ('One thought on "Why we left"', Kind.COMMENTS),
        ("34 responses to the survey were negative", Kind.TEXT),
        ("2025/3/4 10:21", Kind.DATE),
        ("Published 2 hours ago", Kind.BOILERPLATE),  # no date to give the story
        ("Updated: an hour ago", Kind.BOILERPLATE),
        ("Two hours ago, the river burst its banks.", Kind.TEXT),
        ("Share on Facebook", Kind.BOILERPLATE),
        ("Share this with Facebook", Kind.BOILERPLATE),
        ("With this, the deal is done", Kind.TEXT),
        ("Follow us on Instagram", Kind.BOILERPLATE),
        ("Sign up to our newsletter for exclusive updates and enhanced content", Kind.BOILERPLATE),
        ("A wild rabbit. Getty Images/iStockphoto", Kind.CAPTION),
        (
            "Protesters at Hong Kong Polytechnic University on Tuesday. Photograph: Thomas "
            "Peter/Reuters",
            Kind.CAPTION,
        ),
        ("Photo: Gene J. Puskar", Kind.CAPTION),
        (
            "President Trump at the Economic Club of New York last week. Credit... Anna "
            "Moneymaker/The New York Times",
            Kind.CAPTION,
        ),
        (
            "Yersinia pestis survives on fleas that live on rodents. ( STEVE GSCHMEISSNER/"
            "SCIENCE PHOTO LIBRARY)",
            Kind.CAPTION,
        ),
        ("Credit where it is due: the team fixed it", Kind.TEXT),
        (
            "Nadal celebrates a point in Madrid, Tuesday, Nov. 19, 2019. (Manu Fernandez/AP)",
            Kind.CAPTION,
        ),
        ("Associated Press November 19, 2019, 9:02 AM", Kind.DATE),
        # a trail of sections from any start, a labelled photo credit, a comment count
        ("BLOG > Nutrition > Meal Plans", Kind.BOILERPLATE),
        ("Главная » Интересное", Kind.BOILERPLATE),
        ("Securities Inc> and Wood Gundy Inc.", Kind.TEXT),  # a wire's ticker, wrapped
        ("The ratio > five means growth", Kind.TEXT),
        ("Image copyright Getty Images", Kind.BOILERPLATE),
        ("New, 6 comments", Kind.BOILERPLATE),
        ("Today 12:01 AM", Kind.BOILERPLATE),  # a time without its date
        # a syndicated page's interstitials and calls to action
        ("Story continues", Kind.BOILERPLATE),
        ("Continue reading the main story", Kind.BOILERPLATE),
        ("CLICK HERE FOR THE FOX NEWS APP", Kind.BOILERPLATE),
        ("Link copied!", Kind.BOILERPLATE),
        ("The story continues to unfold in Washington.", Kind.TEXT),
        ("Today the market fell", Kind.TEXT),
        # where else the story ran, or why a newsletter came
        ("This article first appeared on Gizmodo. Read the original here.", Kind.BOILERPLATE),
        ("Originally published on Live Science.", Kind.BOILERPLATE),
        ("A version of this article appears in print on Nov. 19, 2019, Page 1.", Kind.BOILERPLATE),
        ("You are receiving this email because you signed up for it.", Kind.BOILERPLATE),
        ("originally ran February 27.", Kind.TEXT),  # a wrapped sentence's last line
        ("The study, originally published in Nature, found gains.", Kind.TEXT),
        ("Associated Press•November 20, 2019", Kind.DATE),  # a credit's lead passes no gate
        ("Analysis by Chris Cillizza, CNN Editor-at-large", Kind.BYLINE),
        ("Analysis by the numbers shows growth.", Kind.TEXT),
        # a text dump marks list items: the item is read as it would be unmarked
        ("* 19 November 2019", Kind.DATE),
        ("• Home", Kind.BOILERPLATE),
        ("* By Jane Doe", Kind.BYLINE),
        ("* The council met on Tuesday", Kind.TEXT),
        ("The image: a sprawling city at night", Kind.TEXT),  # a sentence, not a credit
        # paragraphs an extractor joined into one line with the caption that ends them
        (
            " ".join(["The council met on Tuesday to discuss the budget for next year."] * 5)
            + " Credit: ESA",
            Kind.TEXT,
        ),
        ("Sign up for our newsletter", Kind.BOILERPLATE),
        ("Subscribe to the Morning Briefing newsletter", Kind.BOILERPLATE),
        ("Advertisement - Continue Reading Below", Kind.BOILERPLATE),
        ("Story continues below advertisement", Kind.BOILERPLATE),
        ("Source: The Print, News18", Kind.SOURCE),
        (
            "Pakistan's Army Special Service Group (SSG) commandos march during the Pakistan Day "
            "parade in Islamabad on March 23, 2022. (Photo courtesy: AFP)",
            Kind.CAPTION,
        ),
        ("The Irony of Pakistan’s Kashmir Solidarity Campaign", Kind.TEXT),
        ("Follow the money, investigators said.", Kind.TEXT),
    ],
)
def test_classify(line: str, kind: Kind) -> None:
    assert classify(line) is kind


def test_byline_and_source_helpers() -> None:
    assert byline("By South Asia Press Team") == "South Asia Press Team"
    assert byline("Written by Jane Doe") == "Jane Doe"
    assert byline("By John F. Kennedy Jr.") == "John F. Kennedy Jr."
    assert byline("By Marty Johnson - 11/19/2019 02:47 PM EST") == "Marty Johnson"
    assert byline("Written by Rachael Link, MS, RD on November 19, 2019") == "Rachael Link, MS, RD"
    assert byline("by Jeff Foust — November 18, 2019") == "Jeff Foust"
    assert byline("By Mike Wall 2 days ago") == "Mike Wall"
    assert byline("Posted by Experience Team on June 5, 2018") == "Experience Team"
    assert byline("Pakistan army sets up cell") is None
    assert source("Source: The Quint, India") == "The Quint, India"
    assert source("The source said so") is None


def test_consent_banners_are_boilerplate_but_news_about_cookies_is_not() -> None:
    assert (
        classify(
            "This website uses cookies. By continuing to use our website you agree to their use."
        )
        is Kind.BOILERPLATE
    )
    assert classify("Users who opt out of cookies see fewer targeted advertisements.") is Kind.TEXT


CHINESE_PAGE = """首页
新闻
体育
登录

市图书馆下月起延长开放时间

2025年3月4日

市图书馆昨日宣布，从下个月开始，工作日的开放时间将延长到晚上九时。

馆长在记者会上表示，许多上班族希望下班后也能来图书馆看书，这次调整正是为了满足他们的需求。

为配合延长开放时间，图书馆还将增加二十个阅览座位，并为新座位配备电源和照明。

不过，也有职工担心工作量会因此增加。市政府表示将临时招聘五名工作人员来应对。

春季运动会本周末开幕

2025年3月3日 10:30

一年一度的春季运动会将于本周六在市体育中心开幕，共有三千多名运动员报名参加。

组委会介绍，本届运动会共设二十个比赛项目，其中包括首次设立的街舞和攀岩比赛。

开幕式将于上午九时开始，市民可以免费入场观看，但需要提前在网上预约。
"""


def test_a_page_in_a_script_without_spaces_splits_into_its_stories() -> None:
    # Chinese writes no spaces: a paragraph is one "word" to `split`, ends in "。", and
    # dates read "2025年3月4日"; the page must still split as its English twin does.
    stories = segment(CHINESE_PAGE)
    assert [(s.title, s.date) for s in stories] == [
        ("市图书馆下月起延长开放时间", dt.date(2025, 3, 4)),
        ("春季运动会本周末开幕", dt.date(2025, 3, 3)),
    ]
    assert stories[0].body.startswith("市图书馆昨日宣布")
    assert stories[0].body.endswith("来应对。")
    assert stories[1].body.endswith("在网上预约。")
    assert_well_formed(CHINESE_PAGE, stories)


_FOOTER = (  # a few of its lines state a figure, end a sentence or run long: still a footer
    "Most Popular Articles\nArizona Development Bans Residents From Bringing Cars\n"
    "10 Places to Travel in 2020—Before Everyone Else Does\nBeware the Gift Card Scam\n"
    "Back to Top\nWSJ Membership\nWhy Subscribe?\nCorporate Subscriptions\n"
    "Customer Center\nTools & Features\nEmails & Alerts\nMy News\nPodcasts\nMasthead"
)


@pytest.mark.parametrize(
    "furniture",
    ["Related Topics\nJulian Assange\nSweden\n\nGet the News App\nDownload for iOS", _FOOTER],
)
def test_site_furniture_after_the_last_paragraph_is_not_the_story(furniture: str) -> None:
    title, body = make_title(47), make_body(47, paragraphs=3)
    page = f"{title}\n\nBy Jane Doe\n\n{body}\n\n{furniture}\n"
    (story,) = segment(page)
    assert story.body == "\n".join(body_lines(body))
    assert page[: story.end].endswith(body_lines(body)[-1])


def test_site_furniture_between_the_header_and_the_first_paragraph_is_not_the_story() -> None:
    title, body = make_title(49), make_body(49, paragraphs=3)
    furniture = "Crime and Public Safety\nAssociated Press\n\nGet the latest news on your phone"
    page = f"{title}\n\nBy Jane Doe\n\n{furniture}\n\n{body}\n"
    (story,) = segment(page)
    assert story.body == "\n".join(body_lines(body))
    assert page[story.start :].startswith(title)


@pytest.mark.parametrize(
    "credit",
    [
        "Alexandra Ma and Shona Ghosh",
        # names and a newsroom, printed without "By"
        "Tom Davies Associated Press",
        "Robert Burns, AP National Security Writer",
        "Kevin Johnson and Kevin McCoy USA TODAY",
    ],
)
def test_an_authors_name_over_the_date_is_part_of_the_header(credit: str) -> None:
    title, body = "10 things in tech you need to know today", make_body(52, paragraphs=3)
    other = page_story(make_title(53), make_body(53, paragraphs=3), "18 November 2019")
    names = f"{credit}\nNov. 19, 2019, 06:43 AM"
    _, story = segment(f"{other}\n\n{title}\n\n{names}\n\n{body}\n")
    assert (story.title, story.date) == (title, dt.date(2019, 11, 19))
    assert story.body == "\n".join(body_lines(body))


def test_a_labelled_date_without_its_year_starts_a_story_and_dates_nothing() -> None:
    title, body = "South Dakota doubles down on its anti-drug campaign", make_body(61, 3)
    other = page_story(make_title(62), make_body(62, paragraphs=3), "18 November 2019")
    header = "Updated Nov 19, 9:41 AM; Posted Nov 18, 8:19 PM"
    _, story = segment(f"{other}\n\n{title}\n\n{header}\n\n{body}\n")
    assert (story.title, story.date, story.body) == (title, None, "\n".join(body_lines(body)))
    assert classify("Updated Nov 19") is Kind.TEXT  # no time: a label and a day


def test_a_deck_over_the_authors_name_over_the_date_is_the_headline_s() -> None:
    title, body = "Three Cases of Plague Diagnosed in China", make_body(54, paragraphs=3)
    deck = 'The Chinese government has said there is "extremely low" risk of transmission'
    other = page_story(make_title(55), make_body(55, paragraphs=3), "18 November 2019")
    header = f"{deck}\n\nBrigit Katz\nNovember 19, 2019 11:34AM"
    _, story = segment(f"{other}\n\n{title}\n\n{header}\n\n{body}\n")
    assert (story.title, story.date) == (title, dt.date(2019, 11, 19))
    assert story.body == "\n".join(body_lines(body))


_BIO = "writes about space policy for SpaceNews. He earned a Ph.D. in planetary sciences."


@pytest.mark.parametrize(
    ("byline", "note"),
    [
        # the byline's name, then a word in lower case; furniture around it goes too
        ("by Jeff Foust — November 18, 2019", f"Tags\nBlue Origin\nSpaceX\n\nJeff Foust {_BIO}"),
        ("By Mike Wall 2 days ago", f"Mike Wall {_BIO}\n\nJoin our forums to keep talking space!"),
        # a name line over the note: the name, or the first name and a verb of a note
        ("By Jane Doe", "About Brigit Katz\nBrigit Katz is a freelance writer based in Toronto."),
        ("By Jane Doe", "Rachael Rettner\nRachael has been with Live Science since 2010."),
        # an author box: a heading, the name, a handle, the note
        (
            "By Jane Doe",
            "About the Author\nZac Hall\n@apollozac\n"
            "Zac covers Apple news for 9to5Mac and hosts the weekly 9to5Mac Happy Hour podcast.",
        ),
        # a press release's note on its company
        ("By Jane Doe", "About Ascom\nAscom is a global solutions provider focused on healthcare."),
        # the byline's name again over the last paragraph, which is not about what it says
        (
            "By Harold Whitcomb",
            "Harold Whitcomb\nGrain merchandiser, Kansas City. Notes for myself and the desk.",
        ),
        (
            "By Bill Hoppe",
            "Bill Hoppe\nAs you comment, please be respectful of other commenters and other "
            "viewpoints. Our goal with article comments is to provide a space for civil, "
            "informative and constructive conversations. We reserve the right to remove any "
            "comment that violates these standards.",
        ),
    ],
)
def test_the_author_s_note_under_the_story_is_not_the_story(byline: str, note: str) -> None:
    title, body = make_title(56), make_body(56, paragraphs=3)
    (story,) = segment(f"{title}\n\n{byline}\n\n{body}\n\n{note}\n\nRelated\nNASA news\n")
    assert story.body == "\n".join(body_lines(body))


@pytest.mark.parametrize(
    "last",
    [
        "Argentina Cruises\n\nArgentina comfortably got past Chile 3-0 in Group C.",
        "TOYOTA RAV4 PRIME\n\nToyota is rolling out a plug-in version of its small SUV.",
    ],
)
def test_a_sub_heading_over_a_paragraph_on_its_subject_is_no_author_s_note(last: str) -> None:
    title, body = make_title(57), make_body(57, paragraphs=3)
    (story,) = segment(f"{title}\n\nBy Jane Doe\n\n{body}\n\n{last}\n")
    assert story.body.endswith(last.replace("\n\n", "\n"))
    said = "Jane Doe\nJane said the council would vote on the plan again in spring."
    (story,) = segment(f"{title}\n\nBy Jane Doe\n\n{body}\n\n{said}\n")
    assert story.body.endswith(said)


def test_a_deck_under_a_comment_count_is_still_the_headline_s() -> None:
    title, body = "Browns’ defensive snap counts, stats, and notes: Week 11", make_body(66, 3)
    deck = "The Browns’ defense is dealing with a bunch of suspensions and injuries right now."
    other = page_story(make_title(67), make_body(67, paragraphs=3), "18 November 2019")
    header = f"New, 6 comments\n\n{deck}\n\nBy Chris Pokorny Nov 18, 2019, 11:47am EST"
    _, story = segment(f"{other}\n\n{title}\n\n{header}\n\n{body}\n")
    assert (story.title, story.date) == (title, dt.date(2019, 11, 18))


def test_a_headline_has_one_deck_the_next_headline_is_its_own() -> None:
    # A sentence read as a deck, then a credit-shaped headline over its byline: two stories.
    first, second = make_title(68), "Investment Firm Boosts Ldbrinkman Stake"
    signoff = "“Mention a cough to your doctor,” Dempsey said. “Most don’t think about it.”"
    note = "This article originally appeared on Capital Bulletin."
    page = (
        f"{first}\n\nBy Jane Doe\n\n{make_body(68, 3)}\n\n{signoff}\n\n{note}\n\n\n"
        f"{second}\n\n\nBy Metro Desk Team\n\n{make_body(69, 3)}\n"
    )
    assert [s.title for s in segment(page)] == [first, second]


def test_a_short_headline_over_its_byline_starts_a_story() -> None:
    # Three words are a label in the middle of a page, but a label is not signed.
    first, second = make_title(70), "4TH QTR NET"
    table = (
        "Oper shr 30 cts vs 24 cts\n\nOper net 38,686,000 vs 28,384,000\n\nRevs 42.3 mln vs 31 mln"
    )
    page = (
        f"{first}\n\nBy Jane Doe\n\n{make_body(70, 3)}\n\n\n"
        f"{second}\n\n\nBy the Newsroom Team\n\n{table}\n"
    )
    stories = segment(page)
    assert [(s.title, s.byline) for s in stories] == [
        (first, "Jane Doe"),
        (second, "the Newsroom Team"),
    ]
    assert stories[1].body == "\n".join(body_lines(table))


def _under_another_story(title: str, header: str, body: str, *, seed: int) -> Story:
    """The second story of a page that prints it (`title`, `header`, `body`) under another."""
    other = page_story(make_title(seed), make_body(seed, paragraphs=3), "18 November 2019")
    _, story = segment(f"{other}\n\n{title}\n\n{header}\n\n{body}\n")
    return story


def test_a_byline_printed_over_two_lines_is_one_byline() -> None:
    # A text dump puts "By" and the author's link on lines of their own.
    title, body = make_title(71), make_body(71, paragraphs=3)
    story = _under_another_story(title, "By\nSarah E. Needleman", body, seed=72)
    assert (story.title, story.byline) == (title, "Sarah E. Needleman")
    assert story.body == "\n".join(body_lines(body))
    kinds = [line.kind for line in lines("By\nSarah E. Needleman\n\nBy\nthe way, it rained.")]
    assert kinds == [Kind.BOILERPLATE, Kind.BYLINE, Kind.TEXT, Kind.TEXT]


def test_a_title_case_headline_over_the_date_is_not_a_credit() -> None:
    # Small words ("to", "of") are a headline's: the line under the first headline starts its own.
    first, second = "Governor Signs Budget Deal", "Teachers Return To Classrooms After Strike"
    body = make_body(58, paragraphs=3)
    stories = segment(f"{first}\n\n{second}\nNov 19, 2019\n\n{body}\n")
    assert [s.title for s in stories] == [second]


@pytest.mark.parametrize(
    "title_line",
    [
        "{} - Houston Chronicle",
        "{} | World | Example News",
        "Example News » {}",
    ],
)
def test_the_page_s_title_line_names_the_headline_below_its_menus(title_line: str) -> None:
    # A whole-page dump opens with the page's <title>; its headline comes after the menus.
    title, body = "Esper accuses China of intimidating smaller Asian nations", make_body(59, 3)
    menus = "Example News\n\nHome\nWorld\nBusiness\nSports\n\nSubscribe Sign In"
    page = f"{title_line.format(title)}\n\n{menus}\n\n{title}\n\n{body}\n"
    (story,) = segment(page)
    assert story.title == title
    assert story.body == "\n".join(body_lines(body))
    assert page[story.start :].startswith(title)


def test_the_headline_the_title_line_names_may_run_on_into_its_deck() -> None:
    # The headline with its deck under it, no blank line between: still the headline, where
    # the page's title line names it, and a section's name in that line names no menu item.
    title, body = (
        "Alibaba prices Hong Kong listing at discount to raise up to $12.9bn",
        make_body(78, 3),
    )
    deck = "Chinese ecommerce group's secondary share sale set to be city's largest in nine years"
    menus = "Financial Courier\n\nHome\nWorld\nCompanies\n\nAlibaba Group Holding Ltd\nAdd to myFC"
    page = (
        f"{title} | Financial Courier\n\n{menus}\n\n{title}\n{deck}\n\n"
        f"Edwin Marsh in Hong Kong and Yuan Li in Beijing\nNovember 20 2019\n\n{body}\n"
    )
    (story,) = segment(page)
    assert story.title == title
    assert page[story.start :].startswith(title)


def test_a_section_s_name_in_the_title_line_is_no_headline_in_the_menus() -> None:
    title, body = "New-home sales fell 6.8% in January", make_body(79, 3)
    menus = "Homebuilder Dispatch\n\nMarket Data\nMortgage & Finance\nLand\nBuilders"
    page = f"Market Data | Homebuilder Dispatch\n\n{menus}\n\n{title}\n\nBy Tom Ellis\n\n{body}\n"
    (story,) = segment(page)
    assert story.title == title


def test_the_menus_over_the_headline_the_title_line_names_are_no_story() -> None:
    # The page's head may hold a few sentences (a pitch, a notice): still no story of its own.
    title, body = "Anthony Lynn says the Chargers needed to win this game", make_body(65, 3)
    head = (
        "Get breaking news alerts and special reports delivered to your inbox every day.\n"
        "The news and stories that matter, delivered weekday mornings before you start work.\n"
        "Home\nScores\nSchedule"
    )
    page = f"{title} – ProFootballTalk\n\n{head}\n\n{title}\n\n{body}\n"
    (story,) = segment(page)
    assert story.title == title
    assert page[story.start :].startswith(f"{title}\n\n{body_lines(body)[0]}")


def test_the_site_s_name_in_the_title_line_is_no_headline() -> None:
    # The shorter part of "Headline | Site" is the site's name, printed again in its header.
    title, body = "Jangan membenci satu kaum secara berlebihan", make_body(60, 3)
    site = "Kabar Tentang Dunia Islam"
    page = f"{title} | {site}\n\nBeranda\nTentang Kami\n\n{site}\n\n{body}\n"
    (story,) = segment(page)
    assert (story.title, story.start) == (title, 0)  # the title line starts the story


def test_a_short_table_after_the_story_stays_in_it() -> None:
    # A few rows, one of them with figures: the story's own table, not a footer.
    title, body = make_title(62), make_body(62, paragraphs=2)
    table = "Qtly div 48 cts vs 44 cts prior\nPay May 15\nRecord April One"
    page = f"{title}\n\nBy Jane Doe\n\n{body}\n{table}\n"
    (story,) = segment(page)
    assert story.body.endswith(table)


def test_a_list_over_the_first_paragraph_stays_in_the_story() -> None:
    # Above the first paragraph, a list with a figure in it is the story's own (steps, codes).
    title, body = make_title(63), make_body(63, paragraphs=3)
    steps = "Open the console\nType the first code\nSet the speed to 125\nSave\nRestart the game"
    page = f"{title}\n\nBy Jane Doe\n\n{steps}\n\n{body}\n"
    (story,) = segment(page)
    assert story.body.startswith("Open the console")


def test_a_long_line_of_menu_labels_is_not_prose() -> None:
    # Link labels run together on one line: as many words as a paragraph, no sentence.
    menu = (
        "- Menu - Notícias da Fórmula 1 Notícias da Fórmula Indy Notícias da MotoGP Notícias da "
        "Stock Car Notícias da NASCAR Notícias de Automobilismo Nacional Podcast Loucos Fórum"
    )
    paragraph = body_lines(make_body(64, paragraphs=1))[0]
    assert [line.is_prose for line in lines(f"{menu}\n\n{paragraph}")] == [False, True]


def test_a_headline_under_a_story_s_last_sentence_keeps_its_byline() -> None:
    # A sign-off sentence has a headline's shape: the headline under it is no deck of it.
    first, second = make_title(54), "Arshad Sharif’s killing: a well-planned elimination?"
    signoff = "This article originally appeared on the Example club website."
    body = make_body(55, paragraphs=3)
    story = f"{first}\n\nBy Jane Doe\n\n{make_body(54, 3)}\n\n{signoff}"
    page = f"{story}\n\n{second}\n\nBy John Roe\n\n{body}\n"
    stories = segment(page)
    assert [(s.title, s.byline) for s in stories] == [(first, "Jane Doe"), (second, "John Roe")]
    assert stories[1].body == "\n".join(body_lines(body))


def test_a_dated_headline_in_a_text_dump_of_a_page_starts_its_story() -> None:
    # Text dumps of pages mark list items ("* "): a date printed as one still dates.
    menu = "\n".join(f"* {name}" for name in ("Home", "News", "Sport", "Weather", "Menu"))
    title, body = make_title(56), make_body(56, paragraphs=3)
    page = f"{menu}\n\n{title}\n\n* 19 November 2019\n* Share this with Facebook\n\n{body}\n"
    (story,) = segment(page)
    assert (story.title, story.date) == (title, dt.date(2019, 11, 19))
    assert story.body == "\n".join(body_lines(body))


def test_a_headline_printed_without_blank_lines_over_its_header_starts_its_story() -> None:
    # Some pages print headline, deck, byline and date with no blank line between them.
    title, body = make_title(57), make_body(57, paragraphs=3)
    deck = "Prosecutors say the man called her a terrorist."
    header = f"{title}\n{deck}\nBy Associated Press\nNovember 18, 2019 — 8:21pm"
    other = page_story(make_title(58), make_body(58, paragraphs=3), "18 November 2019")
    _, story = segment(f"{other}\n\n{header}\n\n{body}\n")
    assert (story.title, story.byline) == (title, "Associated Press")
    assert story.date == dt.date(2019, 11, 18)
    assert story.body == "\n".join(body_lines(body))


@pytest.mark.parametrize(
    ("opening", "headline"),
    [("my6sense hires Ivan Braiker as chief strategy officer", True), ("and then", False)],
)
def test_a_headline_may_open_with_a_brand_written_in_lower_case(
    opening: str, headline: bool
) -> None:
    # "my6sense", "iPhone", "eBay": a word in lower case opens a sentence's next line, a
    # brand holds a capital or a digit.
    title = f"{opening} {make_title(59)}" if not headline else opening
    body = make_body(59, paragraphs=3)
    other = page_story(make_title(60), make_body(60, paragraphs=3), "18 November 2019")
    stories = segment(f"{other}\n\n{title}\n\nBy Jane Doe\n\n{body}\n")
    assert (stories[-1].title == title) is headline


_GUARDIAN = "The Guardian view on Hong Kong: a city on the brink"


@pytest.mark.parametrize(
    ("line", "title"),
    [
        (
            "NASA Picks SpaceX and More to Join Moon Lander Project | Space",
            "NASA Picks SpaceX and More to Join Moon Lander Project",
        ),
        (f"{_GUARDIAN} | Editorial | Opinion | The Guardian", _GUARDIAN),
        # a label before the bar, a subject after it, a wire's source after a dash: kept
        (
            "Opinion | Is Football Violence a Crime Under the Law?",
            "Opinion | Is Football Violence a Crime Under the Law?",
        ),
        (
            "Milan Design Week | Michael Anastassiades’ light installation for FLOS",
            "Milan Design Week | Michael Anastassiades’ light installation for FLOS",
        ),
        ("U.S. SUGAR IMPORTS DOWN IN WEEK - USDA", "U.S. SUGAR IMPORTS DOWN IN WEEK - USDA"),
    ],
)
def test_a_page_title_loses_the_site_name_after_its_bar(line: str, title: str) -> None:
    body = make_body(61, paragraphs=3)
    (story,) = segment(f"{line}\n\n{body}\n")
    assert story.title == title
    assert story.body == "\n".join(body_lines(body))


def test_an_extract_that_opens_with_its_lede_has_no_headline() -> None:
    # Extractors that drop the headline leave the lede on the first line, a headline's shape.
    lede = (
        "BUFFALO, N.Y. — Hours before the game, the coach expressed confidence in the "
        "veteran winger, saying he always finds a way to start scoring."
    )
    body = make_body(51, paragraphs=3)
    (story,) = segment(f"{lede}\n\n{body}\n")
    assert story.title == ""
    assert story.body == "\n".join([lede, *body_lines(body)])


def test_a_dateline_place_over_the_lede_stays_with_the_story() -> None:
    title, body = make_title(50), make_body(50, paragraphs=3)
    (story,) = segment(
        f"{title}\n\nBy Jane Doe\n\nShare\nRelated Topics\n\nBAAR, SWITZERLAND\n\n{body}\n"
    )
    assert story.body == "\n".join(["BAAR, SWITZERLAND", *body_lines(body)])


@pytest.mark.parametrize(
    "label",
    ["Spaceflight", "Cartoni Animati", "Fact Check", "Company News, Interviews", "Share Video"],
)
def test_a_section_name_over_the_lede_is_not_the_story(label: str) -> None:
    # A blog or a news site prints the post's section under its date, over the first paragraph.
    title, body = make_title(52), make_body(52, paragraphs=3)
    (story,) = segment(f"{title}\n\nBy Jane Doe\nNovember 18, 2019\n{label}\n\n{body}\n")
    assert story.body == "\n".join(body_lines(body))
    assert story.date == dt.date(2019, 11, 18)


def test_words_the_lede_runs_on_from_stay_with_the_story() -> None:
    title, body = make_title(53), make_body(53, paragraphs=3)
    (story,) = segment(f"{title}\n\nBy Jane Doe\n\nCNBC reported\nthat {body}\n")
    assert story.body.startswith("CNBC reported\nthat ")


_TEASERS = (  # a list of other stories: each headline, and the summary it may print
    (
        "Krona slips as Riksbank signals a longer pause",
        "The central bank kept its rate unchanged and said cuts would wait until summer.",
    ),
    (
        "Norwegian salmon exporters brace for lower spot prices",
        "Exporters say the spot market has not been this weak since the spring of last year.",
    ),
    (
        "Danish pension funds raise their stake in offshore wind",
        "Three funds will buy half of a park under construction off the west coast.",
    ),
    (
        "Justice Department to throw out old film business rules",
        "The decrees have governed film distribution and exhibition for decades.",
    ),
    (
        "Paramount shakes up distribution ranks, hiring former Fox executive",
        "The studio named a new head of distribution after a weak year at the box office.",
    ),
    (
        "Afghan woman politician sees talks as only hope",
        "She said the talks were the only way to end a war that has lasted eighteen years.",
    ),
)

# Lists of other stories as whole-page dumps print them, a block a line: headlines, a
# summary between them, the site's name under them.
_LATEST = "\n\n".join(
    [
        "Latest from Nordic Ledger",
        _TEASERS[0][0],
        *_TEASERS[1],
        _TEASERS[2][0],
        "Nordic Ledger AB",
    ]
)
_COMPANY_TOWN = "\n\n".join(  # a section's name over each headline
    [
        "Company Town",
        *_TEASERS[3],
        "Company Town",
        _TEASERS[4][0],
        "Company Town",
        "Fox News signs former correspondent for documentary series",
    ]
)


@settings(max_examples=100, deadline=None)
@given(
    seed=st.integers(0, 10**6),
    items=st.lists(st.sampled_from(_TEASERS), min_size=2, max_size=6, unique=True),
    summarised=st.lists(st.booleans(), min_size=6, max_size=6),
    # labels no lexicon knows: a section's or a site's own words
    label=st.sampled_from(["Company Town", "From the Ledger desk", "Markets and money:"]),
    section=st.booleans(),
)
# a last paragraph opening "Support" and naming a "policy" once read as the site's pitch
@example(
    seed=311939,
    items=list(_TEASERS[:2]),
    summarised=[False] * 6,
    label="Company Town",
    section=True,
)
def test_a_list_of_other_stories_is_cut_and_the_story_kept_whole(
    seed: int,
    items: list[tuple[str, str]],
    summarised: list[bool],
    label: str,
    section: bool,
) -> None:
    # However many headlines, with or without a summary, a block a line as whole-page
    # dumps print them: the story keeps every paragraph, its own last section too, and
    # nothing of the list, as long as the list's summaries hold under a third of the
    # story's words (more, and the list may be the story's own). Printed with no blank
    # line between them, headlines in sentence case read as a hard-wrapped paragraph.
    body = make_body(seed, paragraphs=2 + seed % 4)
    if section:  # the story's last section, under its sub-heading
        body += "\n\nWhat happens next\n\n" + make_body(seed + 1, paragraphs=2)
    summaries = [s for (_, s), printed in zip(items, summarised, strict=False) if printed]
    assume(3 * sum(len(s.split()) for s in summaries) < len(body.split()))
    listed = [
        line
        for (headline, summary), printed in zip(items, summarised, strict=False)
        for line in ((headline, summary) if printed else (headline,))
    ]
    related = "\n\n".join([label, *listed, "Nordic Ledger AB"])
    (story,) = segment(f"{make_title(seed)}\n\nBy Jane Doe\n\n{body}\n\n{related}\n")
    assert story.body == "\n".join(body_lines(body))


@pytest.mark.parametrize(
    ("last", "under"),
    [
        # the story's last section, under its sub-heading
        ("What comes next\n\n" + make_body(69, paragraphs=2), _LATEST),
        # a list the story introduces
        (
            "The board named three new members on Tuesday:\n\nAnna Berg of Oslo\n\n"
            "Per Lund of Bergen\n\nKari Holm of Tromso",
            _LATEST,
        ),
        # its list of dates: rows that state a figure are no list of headlines
        (
            "Tour dates\n\nJune 9 – West Palm Beach, FL\n\nJune 10 – Tampa, FL\n\n"
            "June 14 – Atlanta, GA\n\nJune 17 – Nashville, TN",
            "",
        ),
    ],
)
def test_a_storys_own_last_section_or_list_stays_its_text(last: str, under: str) -> None:
    title, body = make_title(70), make_body(70, paragraphs=4)
    (story,) = segment(f"{title}\n\nBy Jane Doe\n\n{body}\n\n{last}\n\n{under}\n")
    assert last.split("\n")[-1] in story.body.split("\n")


def test_headlines_between_paragraphs_do_not_end_the_story() -> None:
    # A widget of links inside the article, the story's paragraphs going on under it.
    title, first, rest = make_title(71), make_body(71, paragraphs=2), make_body(72, paragraphs=3)
    widget = (
        "More:\n\nAfghan woman politician sees talks as only hope\n\n"
        "Young people must be heard, says envoy\n\nChina invites officials for two-day talks"
    )
    (story,) = segment(f"{title}\n\nBy Jane Doe\n\n{first}\n\n{widget}\n\n{rest}\n")
    assert story.body.endswith(body_lines(rest)[-1])


@pytest.mark.parametrize(
    "tail",
    [
        "Shr 1.20 dlrs vs 1.10 dlrs\nNet 5.0 mln vs 4.0 mln",  # a table's rows state figures
        "Thank you.",  # a short last sentence
    ],
)
def test_short_lines_that_end_a_story_as_text_stay(tail: str) -> None:
    title, body = make_title(48), make_body(48, paragraphs=2)
    (story,) = segment(f"{title}\n\nBy Jane Doe\n\n{body}\n\n{tail}\n")
    assert story.body.endswith(tail)


def test_a_deck_under_the_headline_does_not_take_its_place() -> None:
    # News sites print a one-sentence standfirst between the headline and the byline.
    title, body = "Republicans Are Following Trump to Nowhere", make_body(42, paragraphs=3)
    deck = "The president’s party is losing ground in places it once dominated."
    other = page_story(make_title(43), make_body(43, paragraphs=3), "18 November 2019")
    page = f"{other}\n\n{title}\n\n{deck}\n\nBy Jamelle Bouie\n\n{body}\n"
    _, story = segment(page)
    assert (story.title, story.byline) == (title, "Jamelle Bouie")
    assert story.body == "\n".join(body_lines(body))


def test_an_embedded_posts_attribution_is_not_a_headline() -> None:
    # "— Name (@handle) date" printed under the post and again: not a repeated headline.
    post = "— The Nigerian Senate (@NGRSenate) October 9, 2018"
    first, posted = make_body(44, paragraphs=3), make_body(46, paragraphs=1)
    second = make_body(45, paragraphs=1)
    page = (
        f"{make_title(44)}\n\nBy Jane Doe\n\n{first}\n\n{post}\n\n{posted}\n\n{post}\n\n{second}\n"
    )
    (story,) = segment(page)
    assert story.title == make_title(44)
    assert story.body.endswith(body_lines(second)[-1])


def test_a_byline_over_its_date_is_not_a_wrapped_sentence() -> None:
    title, body = make_title(40), make_body(40, paragraphs=3)
    other = page_story(make_title(41), make_body(41, paragraphs=3), "18 November 2019")
    page = f"{other}\n\n{title}\n\nBy Jane Doe\non November 19, 2019\n\n{body}\n"
    _, story = segment(page)
    assert (story.title, story.byline, story.date) == (title, "Jane Doe", dt.date(2019, 11, 19))
    kinds = [line.kind for line in lines("By Thursday evening, the river had\nrisen two metres.")]
    assert kinds == [Kind.TEXT, Kind.TEXT]  # a sentence wrapped after "By ..." still is one


@pytest.mark.parametrize("count", [4, 40])
@pytest.mark.parametrize("links", ["", "Permalink 34 Comments Feed for comments Back to top\n\n"])
def test_a_blog_comment_thread_with_dated_comments_is_not_a_story(count: int, links: str) -> None:
    # WordPress prints "N responses to “Title”", then each comment as "name says:", its
    # date, its text: a date is no credit down there, every comment carries one. However
    # long the thread, it does not make the article above it read as a menu, nor a line of
    # links over the thread a story's headline.
    title, body = make_title(30), make_body(30, paragraphs=2)
    comments = "\n\n".join(
        f"reader{k} says:\nNovember 19, 2019 at {k % 12 + 1}:34 am\n\n"
        + (make_title(31 + k) if k % 2 else make_body(31 + k, paragraphs=1))
        for k in range(count)
    )
    other = page_story(make_title(29), make_body(29, paragraphs=2), "18 November 2019")
    page = (
        f"{other}\n\n{title}\n\nBy Jane Doe\n\n{body}\n\n"
        f"{links}{count} responses to “{title}”\n\n{comments}\n"
    )
    first, story = segment(page)
    assert first.title == make_title(29)
    assert story.title == title
    # the line of links stays the story's last (no rule reads it), the thread is no story
    assert story.body == "\n".join(
        [*body_lines(body), *links.split("\n\n")[:1]] if links else body_lines(body)
    )
    assert_well_formed(page, [first, story])


def test_a_comment_thread_under_a_page_headline_is_not_a_story() -> None:
    # the page's title line names the headline, as on most blogs; the comments below are
    # still comments (their dates are no credits), however a comment's sentence reads
    title, body = make_title(44), make_body(44, paragraphs=2)
    comments = "\n\n".join(
        f"reader{k} says:\nNovember 19, 2019 at {k + 1}:34 am\n\n"
        f"It is a good thing we have no fans left because this is number {k} of them."
        for k in range(6)
    )
    page = (
        f"{title} - Example Blog\n\nHome\n\nNews\n\n{title}\n\nBy Jane Doe\n\n{body}\n\n"
        f"6 responses to “{title}”\n\n{comments}\n"
    )
    stories = segment(page)
    assert [s.title for s in stories] == [title]
    assert stories[0].body == "\n".join(body_lines(body))


def test_a_headline_over_a_datelined_lede_starts_a_story() -> None:
    first, second = make_body(1, paragraphs=3), make_body(2, paragraphs=3)
    text = (
        f"Markets rally as central bank holds rates\n\nLONDON (Reuters) - {first}\n\n"
        f"Storm closes ports along the northern coast\n\nOSLO, March 3 - {second}\n"
    )
    stories = segment(text)
    assert [s.title for s in stories] == [
        "Markets rally as central bank holds rates",
        "Storm closes ports along the northern coast",
    ]


def test_a_label_line_is_not_a_dateline() -> None:
    body = make_body(3, paragraphs=3)
    title = "Council approves new budget for the city"
    text = f"{title}\n\n{body}\n\nShort note on the vote\n\nUPDATE: {body}\n"
    assert len(segment(text)) == 1


def test_numbered_list_lines_are_not_title_repeats() -> None:
    body = make_body(4, paragraphs=4)
    items = "\n".join(f"Item {n} of the new rules for drivers in the city" for n in range(1, 4))
    text = f"Ministry publishes new rules for drivers\n\n{body}\n\n{items}\n\n{make_body(5)}\n"
    assert len(segment(text)) == 1


def test_a_footnote_over_a_paragraph_is_no_headline() -> None:
    # A press release's notes, "[1] ...", "[2] ...", over its company's paragraph; a text
    # browser's link number runs on into its text ("[16]Drought aid appeal") and is no note.
    notes = (
        "[1] Alarm fatigue: impacts on patient safety, Curr Opin Anaesthesiol. 2015.\n\n"
        "[2] Joint Commission National Patient Safety Goal: Alarm Management"
    )
    body, about = make_body(9, paragraphs=3), make_body(8, paragraphs=1)
    text = f"{make_title(8)}\n\nBy Jane Doe\n\n{body}\n\n{notes}\n\n\n{about}\n"
    (story,) = segment(text)
    assert story.body.endswith(about)


def test_double_gaps_mark_breaks_unless_every_paragraph_has_them() -> None:
    first, second = make_body(6, paragraphs=3), make_body(7, paragraphs=3)
    split = (
        f"First headline of a listing page here\n\n\n{first}\n\n\n"
        f"Second headline on the same page\n\n\n{second}\n"
    )
    assert len(segment(split)) == 2
    # every paragraph followed by two blank lines: a sub-heading there is not a story start
    spaced = "\n\n\n".join(
        [
            "First headline of an article page",
            *first.split("\n\n"),
            "A sub-heading in it",
            *second.split("\n\n"),
        ]
    )
    assert len(segment(spaced)) == 1


TABLE_PAGE = """\
Investor Sues First Northern Savings

Updated 29 November 2024
Follow

Investor Sues First Northern Savings

MINNEAPOLIS: Investor Donald Knutson said he filed a suit against First Northern Savings and \
Loan Association of Green Bay, stating his request of management for access to the \
stockholder lists had been denied.
Knutson owns about 9.9 pct of First Northern's outstanding stock and intends to use the list \
to call a special meeting of the shareholders.



Stc Plc Year to End-1986

Updated 03 April 2019
Follow

Stc Plc Year to End-1986

LONDON: Shr profit 15.9p vs 2.25p loss

Div 3p making 4.5p vs nil

Turnover 1.93 billion stg vs 1.99 billion

Pretax profit 134.2 mln vs 11.4 mln loss

Tax 47.2 mln vs nil

Operating profit 163.0 mln vs 92.7 mln
"""


def test_a_table_of_figures_under_a_repeated_headline_is_a_story() -> None:
    stories = segment(TABLE_PAGE)
    assert [s.title for s in stories] == [
        "Investor Sues First Northern Savings",
        "Stc Plc Year to End-1986",
    ]
    assert stories[1].body.startswith("LONDON: Shr profit 15.9p")
    assert stories[1].date == dt.date(2019, 4, 3)


def test_a_list_without_figures_under_a_repeated_headline_is_not_a_story() -> None:
    menu = "\n\n".join(["Home", "World", "Business", "Sport", "Opinion", "Culture"] * 2)
    page = TABLE_PAGE.split("\n\n\n\n")[0] + "\n\n\n\nMore Sections\n\nMore Sections\n\n" + menu
    assert [s.title for s in segment(page)] == ["Investor Sues First Northern Savings"]


LEDE_TITLES = """\
Home Blog

Man Pleads Guilty to Threatening to Kill a Congresswoman


A New York man pleaded guilty Monday to threatening to kill a congresswoman, prosecutors said, \
and faces up to ten years in prison when he is sentenced in February.

He was arrested in April after a call to the congresswoman's office, where staff reported him.

His lawyer said in an email that he never intended to harm anyone and regrets what he said.

The prosecutor said the case shows that free speech carries responsibilities with it.

Sentencing is scheduled for February, and he remains in custody until then, officials said.


PanARMENIAN.Net - Verified video footage, eyewitness testimony from people on


PanARMENIAN.Net - Verified video footage, eyewitness testimony from people on the ground and \
information gathered from human rights activists show that the strikes hit a market.

The strikes continued into the night, according to residents of the town.
"""


def test_a_title_cut_from_its_own_lede_starts_a_story() -> None:
    stories = segment(LEDE_TITLES)
    assert [s.title for s in stories] == [
        "Man Pleads Guilty to Threatening to Kill a Congresswoman",
        "PanARMENIAN.Net - Verified video footage, eyewitness testimony from people on",
    ]
    assert stories[1].body.startswith("PanARMENIAN.Net - Verified video footage, eyewitness")
    assert stories[1].body.endswith("according to residents of the town.")


def test_a_title_cut_from_its_lede_with_words_swapped_over_a_note_starts_a_story() -> None:
    title = "PanARMENIAN.Net - Verified video footage, eyewitness from testimony people on"
    note = "Editor's note: This story has been updated with additional details and comments."
    page = LEDE_TITLES.replace(
        "PanARMENIAN.Net - Verified video footage, eyewitness testimony from people on\n\n\n",
        f"{title}\n\n\n{note}\n\n",
    )
    assert [s.title for s in segment(page)][1] == title


def test_a_full_sentence_over_its_repeat_is_not_a_lede_title() -> None:
    page = "Intro\n\nThe mayor opened the bridge.\nThe mayor opened the bridge. Then she left.\n"
    assert not Page.of(page).opens_next(2)


def test_a_datelined_lede_under_its_author_and_a_read_time_starts_a_story() -> None:
    first, second = make_body(21, paragraphs=3), make_body(22, paragraphs=3)
    text = (
        f"Markets rally as central bank holds rates\n\nLONDON (Reuters) - {first}\n\n"
        f"Oil slides on worries over supply\n\nRodrigo Campos\n\n5 Min Read\n\n"
        f"NEW YORK (Reuters) - {second}\n"
    )
    assert [s.title for s in segment(text)] == [
        "Markets rally as central bank holds rates",
        "Oil slides on worries over supply",
    ]


def test_a_byline_over_a_button_and_under_a_share_row_is_the_header_s() -> None:
    # A text dump without blank lines: a share row printed a button a line over the byline,
    # and a button ("close") under it that starts in lower case as a wrapped line would.
    title, body = "Home Depot sales miss, shares plunge", make_body(23, paragraphs=3)
    deck = "The home-improvement retailer earned $2.8 billion in the third quarter."
    share = "\n".join(f"* {button}" for button in ("Facebook", "Twitter", "Comments", "Print"))
    header = f"{deck}\n\n{share}\n* Email\nBy Jonathan Garber\nclose"
    story = _under_another_story(title, header, body, seed=24)
    assert (story.title, story.byline) == (title, "Jonathan Garber")


def test_a_credit_the_byline_pattern_does_not_read_is_no_headline() -> None:
    # A headline, its date and a caption, then the credit over a datelined lede.
    title, body = make_title(27), make_body(27, paragraphs=3)
    header = "Updated Nov 19, 6:55 AM; Posted Nov 19, 6:51 AM\n\nThe band at the Beacon."
    lede = f"By Troy L. Smith, Cleveland.com\n\nCLEVELAND, Ohio – {body}"
    story = _under_another_story(title, header, lede, seed=28)
    assert story.title == title


def test_a_sentence_over_a_paragraph_over_the_date_at_the_end_is_no_headline() -> None:
    # A site prints the story's date under its last paragraph ("First published on …").
    title, body = make_title(29), make_body(29, paragraphs=3)
    last = "The victim's mother testified, describing her daughter as brave and smart."
    quote = " ".join(["We believe that justice has been served in this case, he said."] * 3)
    page = f"{title}\n\nBy Jane Doe\n\n{body}\n\n{last}\n\n{quote}\n\n"
    footer = f"First published on November 19, 2019 / 8:16 AM\n\nWorld\n\n{make_body(30, 2)}\n"
    stories = segment(page + footer)
    assert [story.title for story in stories] == [title]
    assert f"{last}\n{quote}" in stories[0].body


def test_a_blog_s_share_row_related_posts_and_comment_form_in_italian_end_the_story() -> None:
    title, body = make_title(31), make_body(31, paragraphs=3)
    furniture = (
        "Condividi:\nFacebook\nTwitter\n\nArticoli correlati\nHolly e Benji: arriva la nuova "
        "serie\nLady Oscar torna in Blu-ray\n\nLascia un commento\nIl tuo indirizzo email non "
        "sarà pubblicato."
    )
    comment = make_body(32, paragraphs=2)
    page = f"{title}\n\nPubblicato il 3 agosto 2018 da Redazione\n\n{body}\n\n{furniture}\n\n"
    (story,) = segment(page + f"{comment}\n")
    assert story.body == "\n".join(body_lines(body))


@pytest.mark.parametrize(
    "related",
    [
        "Related\nTaliban frees US, Australian hostages in prisoner swap\n"
        "US troop drawdown in Afghanistan: What we know",
        _LATEST,
        _COMPANY_TOWN,
        # a label's colon ends no sentence: every line under the last paragraph is a menu's
        "Archived in:\nBolivia\nEvo Morales\nJeanine Añez\nLatin America\n"
        "More on this:\nElections\nFuel shortages",
    ],
)
def test_a_list_under_its_label_ends_the_story(related: str) -> None:
    title, body = make_title(33), make_body(33, paragraphs=3)
    (story,) = segment(f"{title}\n\nBy Jane Doe\n\n{body}\n\n{related}\n")
    assert story.body == "\n".join(body_lines(body))


def test_a_name_with_its_handle_is_a_byline() -> None:
    title, body = make_title(25), make_body(25, paragraphs=3)
    story = _under_another_story(title, "Catherine Shu @catherineshu / 2 days", body, seed=26)
    assert (story.title, story.byline) == (title, "Catherine Shu")
    assert byline("Natasha Turak@NatashaTurak") == "Natasha Turak"


def test_a_datelined_lede_after_an_editors_note_starts_a_story() -> None:
    first, second = make_body(21, paragraphs=3), make_body(22, paragraphs=3)
    text = (
        f"Markets rally as central bank holds rates\n\nLONDON (Reuters) - {first}\n\n\n"
        "Storm closes ports along the northern coast\n\n"
        "Editor's note: An earlier version of this story was published on\n"
        "another website.\n\n"
        f"OSLO, March 3 (AFP) - {second}\n"
    )
    stories = segment(text)
    assert [s.title for s in stories] == [
        "Markets rally as central bank holds rates",
        "Storm closes ports along the northern coast",
    ]
    assert stories[1].body.startswith("Editor's note:")
    # a long paragraph before the dateline is the story's own text, not a note
    long_note = " ".join(["The council met again on the matter of the harbour fees."] * 7)
    text = text.replace("another website.", f"another website. {long_note}")
    assert len(segment(text)) == 1


def test_a_sentence_over_a_datelined_lede_is_a_note_not_a_headline() -> None:
    page = (
        "Storm closes ports along the northern coast\n\n"
        "Editor's note: This story has been updated with additional details and comments.\n\n"
        f"OSLO, March 3 - {make_body(23, paragraphs=3)}\n"
    )
    p = Page.of(page)
    assert p.lede_follows(0)
    assert not p.lede_follows(1)


EXCERPTS = """\
Home Blog

Ministry publishes new rules for drivers


By Metro Desk Team

{first}



Council approves a new budget for the harbour


By the Newsroom Team

The council approved a budget for the harbour on Monday, with money for new cranes...

Read more



A sub-heading of the listing page here


The council approved a budget for the harbour on Monday, with money for new cranes...

Read more



Storm closes ports along the northern coast


By Metro Desk Team

{body}
"""


def test_a_short_excerpt_under_a_byline_is_a_story_of_its_own() -> None:
    text = EXCERPTS.format(first=make_body(27, paragraphs=3), body=make_body(24, paragraphs=3))
    stories = segment(text)
    # 15 words of prose: a story under its byline, not under a bare sub-heading
    assert [s.title for s in stories] == [
        "Ministry publishes new rules for drivers",
        "Council approves a new budget for the harbour",
        "Storm closes ports along the northern coast",
    ]
    assert stories[1].byline == "the Newsroom Team"
    # the bare sub-heading under it ends the excerpt's lines as a label of the listing page
    assert stories[1].body == (
        "The council approved a budget for the harbour on Monday, with money for new cranes..."
    )


def test_a_table_of_figures_under_a_byline_is_a_story() -> None:
    page = TABLE_PAGE.replace("Updated 03 April 2019\nFollow\n\nStc Plc Year to End-1986\n\n", "")
    page = page.replace(
        "Stc Plc Year to End-1986\n\n", "Stc Plc Year to End-1986\n\nBy Wire Staff\n\n"
    )
    stories = segment(page)
    assert [s.title for s in stories] == [
        "Investor Sues First Northern Savings",
        "Stc Plc Year to End-1986",
    ]
    assert stories[1].byline == "Wire Staff"


@pytest.mark.parametrize("place", ["Pittsburgh", "PITTSBURGH"])
def test_double_gaps_mark_a_break_before_a_place_name_and_its_lede(place: str) -> None:
    first, second = make_body(25, paragraphs=3), make_body(26, paragraphs=3)
    page = (
        f"First headline of a listing page here\n\n\n{first}\n\n\n"
        f"Second headline on the same page\n\n\n{place}\n\n{second}\n"
    )
    stories = segment(page)
    assert [s.title for s in stories] == [
        "First headline of a listing page here",
        "Second headline on the same page",
    ]
    # a place in capitals is the lede's dateline; one in title case reads as a section's name
    assert stories[1].body.startswith(f"{place}\n") is place.isupper()


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Facebook Twitter Google+ Whatsapp", Kind.BOILERPLATE),
        (
            "The icy moon Europa rising above Jupiter's cloud tops in 2007. (Source: NASA)",
            Kind.CAPTION,
        ),
        # a gallery's counter, a post's labels, a printed page's footer, a paywall's notices
        ("3 / 6", Kind.BOILERPLATE),
        ("Filed Under: Recipes Tagged With: canning, gifts, honey, jam, pears", Kind.BOILERPLATE),
        ("Topics: Company News, Interviews", Kind.BOILERPLATE),
        ("Topics include taxes: and more", Kind.TEXT),
        ("Printed: 11/20/2019 3:12 PM", Kind.BOILERPLATE),
        ("URL: https://hosted.ap.org/article/uk-tories-under-fire", Kind.BOILERPLATE),
        ("http://amzn.to/2iJFhRj", Kind.TEXT),  # a deal's link may be the article's
        ("You have 0 free articles remaining.", Kind.BOILERPLATE),
        ("Already a subscriber? Log in.", Kind.BOILERPLATE),
        ("Trending in Health", Kind.TEASER),
        ("Our Latest Stories", Kind.TEASER),
        # a blog's comment form; a bare "Leave a Reply" may be a link under the headline
        ("Leave a Reply Cancel reply", Kind.COMMENTS),
        ("Your email address will not be published. Required fields are marked *", Kind.COMMENTS),
        ("Leave a Reply", Kind.TEXT),
        # pitches to subscribe or read on, paid content, read times in other languages
        ("Subscribe to The Times", Kind.BOILERPLATE),
        ("subscribe to ordinary shares.", Kind.TEXT),  # a wire's wrapped sentence
        ("Get the latest posts delivered to your inbox.", Kind.BOILERPLATE),
        ("Like this article?", Kind.BOILERPLATE),
        # a widget of paid links under the story is a block of teasers, as "Recent Content"
        ("Paid Partner Content", Kind.TEASER),
        ("Around the Web", Kind.TEASER),
        ("RECENT CONTENT", Kind.TEASER),
        ("Sponsored By", Kind.BOILERPLATE),
        ("Lesezeit: 3 Minuten", Kind.BOILERPLATE),
        ("Tempo de leitura: 2 minutos", Kind.BOILERPLATE),
        ("Filed to: feather duvet lung", Kind.BOILERPLATE),
        ("Filed under china , diseases , plague , 11/18/19", Kind.BOILERPLATE),
        ("Was this article helpful? Yes No", Kind.BOILERPLATE),
        ("Reuse this content", Kind.BOILERPLATE),
        ("Alex Wong | Getty Images", Kind.CAPTION),
        # a credit with a name's particles
        (
            "Boat tour at night. Photo: Janus van den Eijnden/Amsterdam Light Festival",
            Kind.CAPTION,
        ),
        # a post's disclosure of its affiliate links, in the site's voice
        ("FTC: We use income earning auto affiliate links. More.", Kind.BOILERPLATE),
        (
            "This post may contain affiliate links. Please read my disclosure policy.",
            Kind.BOILERPLATE,
        ),
        ("As an Amazon Associate I earn from qualifying purchases.", Kind.BOILERPLATE),
        (
            "This post may contain affiliate and/or referral links. Please see my disclosure page.",
            Kind.BOILERPLATE,
        ),
        (
            "AppleInsider has affiliate partnerships and may earn commission on products "
            "purchased through affiliate links. These partnerships do not influence our "
            "editorial content.",
            Kind.BOILERPLATE,
        ),
        # ... and a story's sentences on them
        ("Bloggers who use affiliate links must disclose them, the FTC said.", Kind.TEXT),
        ('"Affiliate links pay our bills," she said.', Kind.TEXT),
        ("About the Author", Kind.BOILERPLATE),
        # a name and its handle on a social network, with when or not; a role is no name
        ("Natasha Turak@NatashaTurak", Kind.BYLINE),
        ("Catherine Shu @catherineshu / 2 days", Kind.BYLINE),
        ("News reporter @TomGillespie1", Kind.TEXT),
        ("Follow us @nytimes", Kind.TEXT),
        # share rows, teaser headers and comment forms in other languages
        ("Condividi:", Kind.BOILERPLATE),
        ("Partager sur Facebook", Kind.BOILERPLATE),
        ("Articoli correlati", Kind.TEASER),
        ("Das könnte Sie auch interessieren", Kind.TEASER),
        ("Leia também", Kind.TEASER),
        (
            "Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind markiert",
            Kind.COMMENTS,
        ),
        ("Lascia un commento Annulla risposta", Kind.COMMENTS),
        ("Lascia un commento", Kind.TEXT),  # a bare one may be a link under the headline
        # a video player's and a slideshow's labels, a footer's row of them, a printed link
        ("JUST WATCHED", Kind.BOILERPLATE),
        ("More Videos ...", Kind.BOILERPLATE),
        ("Next slide", Kind.BOILERPLATE),
        ("Unsubscribe | Update preferences | Forward to a friend", Kind.BOILERPLATE),
        ("Privacy Policy | Terms of Use", Kind.BOILERPLATE),
        ("News | Politics", Kind.TEXT),
        (
            "URL: https://hosted.ap.org/article/" + "2896af5086674d4bbbbd454dec217c63" * 4,
            Kind.BOILERPLATE,
        ),
        ("Slide 1 of 12: Sondland arrives in Washington. © Andrew Harnik/AP Photo", Kind.CAPTION),
        # related links' headers, a prompt over the thread, icons' alternative text, pitches
        ("Related", Kind.TEASER),
        ("Related Topics", Kind.TEASER),
        ("Read this next", Kind.TEASER),
        ("Sign in or create your Guardian account to join the discussion.", Kind.COMMENTS),
        ("Discussion about this post", Kind.COMMENTS),
        ("Log in to comment", Kind.TEXT),  # may be a link under the headline
        ("Facebook Icon The letter F.", Kind.BOILERPLATE),
        ("NOW WATCH: Popular Videos from Insider Inc.", Kind.LINK),
        (
            "Thanks for reading Money Notes! Subscribe for free to receive new posts and "
            "support my work.",
            Kind.BOILERPLATE,
        ),
        # a line without a letter or a digit: a divider, an empty list item
        ("━━━━━━━━━━━━━━━━", Kind.BOILERPLATE),
        ("* * *", Kind.BOILERPLATE),
        ("東京", Kind.TEXT),
        # a pitch for alerts; a credit of a file photo
        (
            "Get breaking news alerts and special reports. The news and stories that matter, "
            "delivered weekday mornings.",
            Kind.BOILERPLATE,
        ),
        ("The house where he was born. Leonhard Foeger / Reuters file", Kind.CAPTION),
        # a finance page's notice on its market data, and news of a delay
        (
            "Earnings data provided by MarketWire. Quotes delayed at least 15 minutes.",
            Kind.BOILERPLATE,
        ),
        (
            "Market indices are shown in real time, except for the DJIA, which is delayed by "
            "two minutes. All times are ET.",
            Kind.BOILERPLATE,
        ),
        (
            "Trading was delayed by 15 minutes, according to data provided by the exchange.",
            Kind.TEXT,
        ),
        # captions' labels and buttons, credits in square brackets, a gallery's counters
        ("Media caption,", Kind.BOILERPLATE),
        ("Enlarge this image", Kind.BOILERPLATE),
        ("toggle caption", Kind.BOILERPLATE),
        ("Show caption", Kind.BOILERPLATE),
        ("NASA officials announced the plan on Monday [File: John Raoux/AP Photo]", Kind.CAPTION),
        ("The spacecraft on its stand in Texas [Loren Elliott/Reuters]", Kind.CAPTION),
        ("WASHINGTON (AP) — The ambassador faces questions [sic] today.", Kind.TEXT),
        # public media's sponsor line, a science portal's label, a gallery's button, a pitch
        ("Support Provided By: Learn more", Kind.BOILERPLATE),
        ("Support provided by the state was cut.", Kind.TEXT),
        ("Explore further", Kind.BOILERPLATE),
        ("PHOTO GALLERY (CLICK TO ENLARGE)", Kind.BOILERPLATE),
        ("Don't miss out on the latest news and information.", Kind.BOILERPLATE),
        ("Toggle more options", Kind.BOILERPLATE),
        # a text-size widget; a caption's button after its credit; a newsletter box
        ("A+ A A-", Kind.BOILERPLATE),
        ("Font size A A A", Kind.BOILERPLATE),
        ("A and A", Kind.TEXT),
        ("Jane Doe/AP hide caption", Kind.BOILERPLATE),
        ("Email Address", Kind.BOILERPLATE),
        ("Enter your email address", Kind.BOILERPLATE),
        ("Email addresses of staff were leaked.", Kind.TEXT),
        ("Thank you. Please check your inbox to confirm.", Kind.BOILERPLATE),
        ("Thank you, he said.", Kind.TEXT),
        # a read time in English
        ("Reading time: 3 minutes", Kind.BOILERPLATE),
        ("Estimated reading time: 5 minutes", Kind.BOILERPLATE),
        ("Time to read 1 min.", Kind.BOILERPLATE),
        ("Reading time is 5 minutes for most people.", Kind.TEXT),
        # an agency's photo, its name first; a photographer and an agency in capitals
        ("U.S. soldiers stand guard at a base in Logar province. (AA Photo)", Kind.CAPTION),
        ("Rescue teams search the rubble in Izmir. (DHA File Photo)", Kind.CAPTION),
        ("He kept it in a drawer with the rest (his photo)", Kind.TEXT),
        ("A cyclist passes the fuel plant in El Alto. AIZAR RALDES AFP", Kind.CAPTION),
        ("The deal was signed in New York. NEW YORK TIMES", Kind.TEXT),
        ("Exports rose 5 pct, according to the IMF", Kind.TEXT),
        ("1 of 3", Kind.BOILERPLATE),
        ("Slide 1 of 12: Feathers", Kind.BOILERPLATE),
        ("3 of 4 people agreed.", Kind.TEXT),
        # a pitch to follow the site; a byline with a colon
        ("Follow Newsbeat on Instagram, Facebook, Twitter and YouTube.", Kind.BOILERPLATE),
        ("Follow the money on Twitter and you find the fraud.", Kind.TEXT),
        ("by: TOM KRISHER, Associated Press", Kind.BYLINE),
        ("By: Jane Doe", Kind.BYLINE),
        ("by: the way", Kind.TEXT),
        # "read also" in other languages; a syndicated story's note; teaser headers
        ("Lesen Sie auch: Digitalisierung im Krankenhaus", Kind.LINK),
        ("Читайте также: Как выбрать пальто", Kind.LINK),
        ("À lire aussi : Le plan du gouvernement", Kind.LINK),
        (
            "(Except for the headline, this story has not been edited by NDTV staff and is "
            "published from a syndicated feed.)",
            Kind.BOILERPLATE,
        ),
        ("The column is syndicated in 40 newspapers.", Kind.TEXT),
        ("Explore more on these topics", Kind.TEASER),
        ("Most viewed in Football", Kind.TEASER),
        ("More Politics News", Kind.TEASER),
        ("More than 40 stories", Kind.TEXT),
        ("Ähnliche Beiträge", Kind.TEASER),
        ("Teilen Sie diesen Beitrag", Kind.BOILERPLATE),
        ("Schlagwörter: E-Health, Patientenakte", Kind.BOILERPLATE),
        # furniture around the story: a player's sponsor, widgets' labels, a link to the rest,
        # a site's notes, an app's pitch, a newsletter box, a live blog's times, counts
        ("Sponsor Message", Kind.BOILERPLATE),
        ("Click to copy", Kind.BOILERPLATE),
        ("Continue reading on Investing.com", Kind.BOILERPLATE),
        ("Our Standards:The Thomson Reuters Trust Principles.", Kind.BOILERPLATE),
        ("Our standards are high.", Kind.TEXT),
        (
            "Community Rules apply to all content you upload or otherwise submit to this site.",
            Kind.BOILERPLATE,
        ),
        ("Download The Times of India News App for Latest World News", Kind.BOILERPLATE),
        ("Download the report here.", Kind.TEXT),
        ("Sign up for FREE now and never miss the top politics stories", Kind.BOILERPLATE),
        ("Invalid email", Kind.BOILERPLATE),
        (
            "We will use your email address only for sending you newsletters. Please see our "
            "Privacy Notice for details of your data protection rights.",
            Kind.BOILERPLATE,
        ),
        ("We will use the money to build schools.", Kind.TEXT),
        ("6.47am GMT", Kind.BOILERPLATE),
        ("10:02 ET", Kind.BOILERPLATE),
        ("1:41", Kind.TEXT),  # a running time, a score: a table's figure
        ("2.1K Followers", Kind.BOILERPLATE),
        ("299 Followers Follow", Kind.BOILERPLATE),
        ("300 followers of the cult were arrested.", Kind.TEXT),
        ("Bildquelle: Fotolia", Kind.CAPTION),
        ("Фото: Getty Images", Kind.CAPTION),
        # a trading site's disclaimer; a press release's contact block; menus in other
        # languages; a bullet touching its item; credits "via" an agency
        (
            "Risk Disclosure: Trading in financial instruments and/or cryptocurrencies involves "
            "high risks including the risk of losing some, or all, of your investment amount, "
            "and may not be suitable for all investors.",
            Kind.BOILERPLATE,
        ),
        ("Investing in bonds involves high risks, analysts said on Tuesday.", Kind.TEXT),
        ("Media Contact:", Kind.TEASER),
        ("Pular para o conteúdo", Kind.BOILERPLATE),
        ("Startseite", Kind.BOILERPLATE),
        ("Войти", Kind.BOILERPLATE),
        ("3 Comentários", Kind.BOILERPLATE),
        ("Such a deal", Kind.TEXT),
        ("·4 min read", Kind.BOILERPLATE),
        ("Matthew Staver/Bloomberg via Getty Images", Kind.CAPTION),
        # an agency alone in square brackets names a link's source
        ("Why Can't Taylor Swift Perform Her Own Songs? It's Complicated [Bloomberg]", Kind.TEXT),
        # links to the rest elsewhere, buttons, counts, likes widgets, pitches, banners
        ("Read more at TechCrunch »", Kind.BOILERPLATE),
        ("Visit website »", Kind.BOILERPLATE),
        ("12 Likes", Kind.BOILERPLATE),
        ("Like Loading...", Kind.BOILERPLATE),
        ("Mi piace Caricamento...", Kind.BOILERPLATE),
        ("Like a rolling stone.", Kind.TEXT),
        ("Labels: Colorado, hiking, sponsored", Kind.BOILERPLATE),
        ("Share to Twitter", Kind.BOILERPLATE),
        ("shares to 3,113,074.", Kind.TEXT),  # a wire's wrapped sentence
        ("shares with 300", Kind.TEXT),
        ("Share or comment on this article:", Kind.BOILERPLATE),
        ("Most Read Business", Kind.TEASER),
        ("Most read books of the year are thrillers.", Kind.TEXT),
        ("Related...", Kind.TEASER),
        ("Have a confidential tip for our reporters? Get in touch", Kind.BOILERPLATE),
        ("Have a nice day, he said.", Kind.TEXT),
        ("Get the Daily Briefing newsletter in your inbox.", Kind.BOILERPLATE),
        ("Gift this article", Kind.BOILERPLATE),
        ("LOADING ERROR LOADING", Kind.BOILERPLATE),
        ("This article is more than 4 years old.", Kind.BOILERPLATE),
        ("This article is great.", Kind.TEXT),
        ("In this article: 13-inch macbook pro, apple", Kind.BOILERPLATE),
        ("Enlarge / This illustration shows a plume of water vapor", Kind.BOILERPLATE),
        ("Created with Sketch.", Kind.BOILERPLATE),  # an icon's drawing, its layers' names
        ("Fill 2 Copy 11", Kind.BOILERPLATE),
        ("Fill the tank.", Kind.TEXT),
        ("Group 3", Kind.TEXT),
        # a press release's end: its source and its wire's link
        ("SOURCE Ascom", Kind.SOURCE),
        ("SOURCE VENTURE CAPITAL INC YEAR", Kind.TEXT),  # a wire's headline
        (
            "View original content to download multimedia: http://www.prnewswire.com/news/x.html",
            Kind.BOILERPLATE,
        ),
        # a site's address and telephone on lines of their own; an address in a sentence
        ("2980 N. National Road, Suite A, Columbus, IN 47201", Kind.BOILERPLATE),
        ("Contact us 3535 Piedmont Rd NE #415 Atlanta, GA 30305", Kind.BOILERPLATE),
        ("801 Third Street South", Kind.BOILERPLATE),
        ("Honolulu, HI 96817", Kind.BOILERPLATE),
        ("Main Switchboard: (812) 372-7811", Kind.BOILERPLATE),
        ("727-821-9494", Kind.BOILERPLATE),
        ("Morning Brew, 22 W 19th St, New York, NY 10011", Kind.BOILERPLATE),
        ("The fire started at 12 Elm Street.", Kind.TEXT),
        ("the fire at 12 Main Street, Dallas", Kind.TEXT),  # a wrapped sentence's line
        ("Washington, DC", Kind.TEXT),  # a dateline's place
        ("1 Pl Rye     M-185        unch", Kind.TEXT),  # a wire's table row
        ("Shr 35 cts vs 1.12 dlrs", Kind.TEXT),
    ],
)
def test_classify_share_rows_and_source_credits(line: str, kind: Kind) -> None:
    assert classify(line) is kind


def _menu(sections: int) -> str:
    """A whole-page dump's navigation: section names, link labels, a few teaser headlines."""
    names = ["Local", "News", "Sports", "Business", "Weather", "Politics", "Travel", "Food"]
    blocks = []
    for name in names[:sections]:
        links = "\n".join(f"  o {name} {other}" for other in names)
        teasers = "\n\n".join(
            f"    Teaser headline about {name} and {other}" for other in names[:3]
        )
        blocks.append(f"* {name}\n{links}\n\n{teasers}\n")
    return "\n".join(blocks)


def test_a_menu_with_one_sentence_in_it_is_navigation_not_a_story() -> None:
    # a long menu over the article, holding one sentence of prose (a site's slogan): enough
    # words of prose for a story, but a tiny share of the block's words, so no story
    slogan = (
        "Sign up for our newsletters and get the best local reporting, weather and sports "
        "delivered straight to your inbox every single morning of the week."
    )
    menu = _menu(8)
    title = "Council approves a new budget for the harbour"
    page = f"{menu}\n{slogan}\n\n{menu}\n\n{title}\n\nBy Jane Doe\n\n{make_body(31)}\n"
    stories = segment(page)
    assert [s.title for s in stories] == [title]
    assert_well_formed(page, stories)


def test_a_menu_alone_on_a_page_is_still_its_one_story() -> None:
    # with no story beside it, the block is kept as the page's story: nothing is lost
    slogan = (
        "Sign up for our newsletters and get the best local reporting, weather and sports "
        "delivered straight to your inbox every single morning of the week."
    )
    page = f"{_menu(8)}\n{slogan}\n"
    stories = segment(page)
    assert len(stories) == 1
    assert slogan in stories[0].body


def test_a_legal_footer_is_boilerplate_not_a_second_story() -> None:
    # a teaser headline and date after the article, then the site's legal footer: the footer
    # is boilerplate, so the teaser starts no story and the article keeps its span
    title = "Storm closes ports along the northern coast"
    footer = (
        "Use of and/or registration on any portion of this site constitutes acceptance of our "
        "Terms of Use and Privacy Policy, which were last updated for all our readers this year.\n"
        "© 2000-2019 Example Media Group, Inc. All Rights Reserved. About Us: Contact Us and "
        "read the terms that govern the reproduction of material published on these pages.\n"
        "The material on this site may not be reproduced, distributed, transmitted, cached or "
        "otherwise used, except with the prior written permission of Example Media Group."
    )
    page = (
        f"{title}\n\nOctober 19, 2018\n\n{make_body(32)}\n\n"
        f"A review of the latest family car from abroad\n\nOctober 19, 2018\n{footer}\n"
    )
    stories = segment(page)
    assert [s.title for s in stories] == [title]
    assert "this site" not in stories[0].body


def test_a_paid_links_widget_and_a_market_notice_end_the_story() -> None:
    # "Paid Partner Content" heads a widget of paid links: what follows it, a market-data
    # notice's second line among them, is not the story's
    title = "Asian markets mixed as investors weigh trade talks"
    page = (
        f"{title}\n\nBy Jane Doe\n\n{make_body(30)}\n\nPaid Partner Content\n"
        "Most stock quote data provided by BATS. Market indices are shown in real time, except "
        "for the DJIA, which is delayed by two minutes. All times are ET.\n"
        "Mutual fund and ETF data provided by Refinitiv Lipper.\n"
    )
    stories = segment(page)
    assert [s.title for s in stories] == [title]
    assert stories[0].body == make_body(30).replace("\n\n", "\n")
    assert_well_formed(page, stories)


def test_a_page_without_blank_lines_reads_each_line_as_a_block() -> None:
    # a dump that prints each block on one line and no blank line anywhere: the headline
    # under the menus starts the story, as it does where blank lines set the blocks apart
    title = "Council approves a new budget for the harbour"
    menu = "\n".join(["Edition", "Sign In", "City", "India", "World", "Business", "Sports"])
    body = make_body(33).replace("\n\n", "\n")
    page = f"{title} - The Daily Example\n{menu}\n{title}\nPTI | Updated: Nov 20, 2019\n{body}\n"
    stories = segment(page)
    assert [(s.title, s.date) for s in stories] == [(title, dt.date(2019, 11, 20))]
    assert stories[0].body == body
    spaced = segment(page.replace("\n", "\n\n"))  # the same page with blank lines
    assert [(s.title, s.date, s.body) for s in spaced] == [(title, stories[0].date, body)]


def test_a_hard_wrapped_text_without_blank_lines_keeps_its_lines_together() -> None:
    # a wire's story wrapped at 70 columns with no blank line: its lines run on into one
    # another, and no short line among them is a headline
    body = textwrap.fill(make_body(34).replace("\n\n", " "), 70)
    page = f"FRENCH GRAINS - APR 07\n{body}\n"
    stories = segment(page)
    assert len(stories) == 1
    assert stories[0].body.replace("\n", " ").endswith(body.replace("\n", " "))


def test_a_date_over_the_headline_dates_the_story() -> None:
    title = "USAir rejects TWA takeover bid"
    page = (
        f"{title} - Reuters\n\nSkip to main content\n\nBusiness\n\nMarkets\n\n"
        f"March 5, 1987 / 3:58 PM / Updated 33 years ago\n\n{title}\n\n{make_body(35)}\n"
    )
    stories = segment(page)
    assert [(s.title, s.date) for s in stories] == [(title, dt.date(1987, 3, 5))]


def test_a_labelled_caption_and_its_repeats_are_not_the_story() -> None:
    # "Image caption," over the caption (BBC); "Enlarge this image" over the caption and its
    # credit, printed again after "toggle caption" (NPR)
    caption = "A customer shops at a recreational marijuana dispensary in Denver"
    paragraphs = make_body(36).split("\n\n")
    page = (
        "Scientists count more users after the law changed\n\nBy Jane Doe\n\n"
        f"{paragraphs[0]}\n\nImage source, Getty Images\nImage caption,\n"
        "Taylor Swift is due to be named artist of the decade at Sunday's ceremony\n\n"
        f"{paragraphs[1]}\n\nEnlarge this image\n{caption}\nChris Hondros/Getty Images\n"
        f"toggle caption\nChris Hondros/Getty Images\n{caption}\nChris Hondros/Getty Images\n\n"
        + "\n\n".join(paragraphs[2:])
        + "\n"
    )
    stories = segment(page)
    assert len(stories) == 1
    assert stories[0].body == "\n".join(paragraphs)


def test_headlines_one_to_a_line_under_a_teaser_header_are_not_prose() -> None:
    # "Trending Stories" over headlines with no blank line between them: they read like a
    # hard-wrapped paragraph's lines, but none runs on into the next
    title = "New SUVs and electric vehicles highlight LA Auto Show"
    page = (
        f"{title}\n\nBy Jane Doe\n\n{make_body(37)}\n\nTrending Stories\n"
        "Woman killed, man hurt in shooting in South L.A.\n"
        "Red flag warning issued for parts of Southern California\n"
        "Lakers beat Thunder for 7th straight win in a row\n"
    )
    stories = segment(page)
    assert [s.title for s in stories] == [title]
    assert stories[0].body == make_body(37).replace("\n\n", "\n")


def test_a_hard_wrapped_paragraph_under_a_teaser_header_is_prose_again() -> None:
    # the skip of teasers ends where lines run on into each other again
    wrapped = textwrap.fill(make_body(38).split("\n\n")[0], 60)
    page = (
        f"Council approves a new budget for the harbour\n\nBy Jane Doe\n\n{make_body(39)}"
        f"\n\nLatest\n\n{wrapped}\n"
    )
    stories = segment(page)
    assert len(stories) == 1
    assert stories[0].body.endswith(wrapped.splitlines()[-1])


@pytest.mark.parametrize(
    "deck",
    [
        "Star Trek 4 is alive",
        "'I was unable to stand or walk for more than a few minutes at a time'",
    ],
)
def test_the_line_under_the_headline_the_title_line_names_is_its_deck(deck: str) -> None:
    # the page's title line names the headline; the short line right under it, over the
    # byline, is its deck, not a story's headline (a handle may stand between name and date)
    title = "Fargo creator Noah Hawley is in final talks to direct the next Star Trek film"
    page = (
        f"{title} - The Verge\n\nMenu\n\nTech\n\nReviews\n\n{title}\n\n{deck}\n\n"
        f"Andrew Liptak\n@AndrewLiptak\nNov 19, 2019, 9:15am EST\n\n{make_body(40)}\n"
    )
    stories = segment(page)
    assert [(s.title, s.date) for s in stories] == [(title, dt.date(2019, 11, 19))]


def test_a_source_label_alone_over_its_name_is_a_credit_not_the_story() -> None:
    title = "NASA picks a landing site for its next lunar mission"
    page = f"{title}\n\nBy Jane Doe\n\n{make_body(43)}\n\nSOURCE:\nAl Jazeera News\n"
    stories = segment(page)
    assert [s.title for s in stories] == [title]
    assert stories[0].body == make_body(43).replace("\n\n", "\n")


def test_a_press_releases_contact_block_is_not_the_story() -> None:
    title = "Ascom and Drager introduce an integrated clinical alarm solution"
    page = (
        f"{title}\n\nNews provided by\nAscom\nNov 19, 2019, 08:00 ET\n\n{make_body(45)}\n\n"
        "Media Contact:\nTom Buehler\nHead of Corporate Communications\n+41 41 544 78 54\n"
        "tom.buehler@ascom.com\n\nView original content to download multimedia: "
        "http://www.prnewswire.com/news-releases/ascom-300960921.html\n\nSOURCE Ascom\n"
    )
    stories = segment(page)
    assert [s.title for s in stories] == [title]
    assert stories[0].body == make_body(45).replace("\n\n", "\n")


def test_a_count_of_comments_over_the_story_is_no_comment_thread() -> None:
    # "reader comments" / "87" under the byline links to the thread: the story follows
    title = "Hubble data point to water vapor plumes on Europa"
    page = (
        f"{title}\n\nResearchers detect water vapor above the surface for the first time.\n\n"
        "Mike Wall, Space.com - Nov 20, 2019 2:45 pm UTC\n\nreader comments\n87\n"
        f"with 59 posters participating\n\nShare this story\n\n{make_body(46)}\n\n"
        "reader comments\n87\n\nReader comments\n\nreader1 says:\n"
        "November 20, 2019 at 3:34 pm\n\nWhat a find, and what a picture of the moon it makes.\n"
    )
    stories = segment(page)
    assert [(s.title, s.date) for s in stories] == [(title, dt.date(2019, 11, 20))]
    assert stories[0].body.endswith(body_lines(make_body(46))[-1])
    assert "What a find" not in stories[0].body


def test_a_line_that_ends_in_a_colon_is_no_headline() -> None:
    title = "Renault and Chrysler sign a letter of intent over American Motors"
    page = (
        f"{title}\n\nDave Kellerman\nMon Mar 2 17:03:11 EST 1987\n\n"
        f"Forwarded from the wire, FYI:\n\n{make_body(47)}\n"
    )
    stories = segment(page)
    assert [(s.title, s.date) for s in stories] == [(title, dt.date(1987, 3, 2))]


def test_a_domain_after_a_dash_is_the_sites_name_not_the_titles() -> None:
    title = "Dear Abby: Husband springs for business class flight but leaves wife behind"
    page = f"{title} - oregonlive.com\n\nBy Jeanne Phillips\n\n{make_body(42)}\n"
    assert [s.title for s in segment(page)] == [title]


def test_a_footer_address_and_telephone_are_not_the_story() -> None:
    title = "Police arrest six in a drug investigation"
    page = (
        f"{title}\n\nOctober 19, 2018\n\n{make_body(30)}\n\n"
        "2980 N. National Road, Suite A, Columbus, IN 47201\nMain Switchboard: (812) 372-7811\n"
    )
    stories = segment(page)
    assert [s.title for s in stories] == [title]
    assert stories[0].body == make_body(30).replace("\n\n", "\n")


@pytest.mark.parametrize(
    "line",
    [
        "© 2000-2019 Example Media Group, Inc. All Rights Reserved. About Us: Contact Us",
        "Copyright 2019 Hawaii News Now. All rights reserved.",
        "Use of this site constitutes acceptance of our Terms of Use and Privacy Policy",
    ],
)
def test_classify_legal_notices_as_boilerplate(line: str) -> None:
    assert classify(line) is Kind.BOILERPLATE


DISCLAIMER = (
    "The information provided on this website is for informational purposes only and is not "
    "intended to diagnose any medical condition. Consult your physician before beginning any "
    "exercise program. App Store is a registered trademark of Apple Inc."
)


def test_classify_a_site_disclaimer_as_boilerplate() -> None:
    assert classify(DISCLAIMER) is Kind.BOILERPLATE


def test_classify_keeps_news_that_uses_one_disclaimer_phrase() -> None:
    # one stock phrase alone is news; so is an article an extractor joined into one line
    # with the site's disclaimer at its end
    line = "The agency said the app is not intended to diagnose any condition, officials said."
    assert classify(line) is Kind.TEXT
    joined = f"{make_body(47, paragraphs=6).replace(chr(10), ' ')} {DISCLAIMER}"
    assert len(joined) > 2000
    assert classify(joined) is Kind.TEXT


def test_classify_keeps_a_news_sentence_about_privacy_policies() -> None:
    line = "The company said its privacy policy would change next year, regulators said."
    assert classify(line) is Kind.TEXT


def test_a_list_of_title_case_headlines_is_not_prose() -> None:
    # consecutive lines of 8 words or more with no blank between them read as a wrapped
    # paragraph, unless most of their words are capitalised: then they are a list of links
    headlines = [
        "Boy Kills Brother, Removes His Eyes And Tongue 10 comments",
        "Governor Writes Touching Letter To Voters Ahead Of Saturday Polls",
        "Court Dismisses Objection, Admits Footage From The Shopping Centre",
    ]
    wrapped = "the council said on Tuesday that the new budget for the harbour"
    opening = "The mayor said on Monday evening that after months of talks"  # a wrapped line
    page = Page.of("\n".join(["Recent", *headlines, "", opening, wrapped, "Done."]))
    prose = {line.text: line.is_prose for line in page.lines}
    assert not any(prose[h] for h in headlines)
    assert prose[wrapped]


def test_a_recent_list_with_cut_comment_snippets_is_not_a_story() -> None:
    # under the article, a "Recent" widget (headlines and dates), a "Popular" list and the
    # site's latest comments, each cut short: longer than the article, but no story
    title = "Senate adjourns plenary over the deaths of two lawmakers"
    recent = "\n".join(
        f"{headline}\nNovember 19, 2019"
        for headline in (
            "Tottenham announce a new head coach after a run of poor results",
            "Summit is an indication that the government is committed to better lives",
            "Motor company to visit the city for feasibility studies next month",
        )
    )
    comments = "\n".join(
        f"{name}: {snippet}…"
        for name, snippet in (
            (
                "Maitama Tambari",
                "The child who said his mama will not sleep he also said that he als",
            ),
            (
                "Maitama Tambari",
                "Congratulations for a well deserved achievement by a great man of the",
            ),
            (
                "Udegbue Peter",
                "Jonathan is an example of a perfect leader. He played the game with",
            ),
            (
                "Maitama Tambari",
                "Where is democracy in the party when the speaker double crossed it and",
            ),
        )
    )
    signup = (
        "Enter your email address to subscribe to this blog and receive notifications of new "
        "posts by email."
    )
    popular = "\n".join(
        (
            "Boy Kills Brother, Removes His Eyes And Tongue 10 comments",
            "Governor Writes Touching Letter To Voters Ahead Of Saturday Polls 11 comments",
            "Christians Are The Targets Of The Insurgents, Says Bishop 14 comments",
        )
    )
    page = (
        f"{title}\n\n{make_body(41, paragraphs=2)}\n\nRecent\n\n{recent}\n\nPopular\n\n"
        f"{popular}\n\nComments\n\n{comments}\n\n{signup}\n"
    )
    stories = segment(page)
    assert [s.title for s in stories] == [title]
    assert "Tambari" not in stories[0].body
    assert "feasibility" not in stories[0].body
    assert_well_formed(page, stories)


def test_lines_that_trail_off_in_a_run_are_snippets_not_prose() -> None:
    cut = [
        "Maitama Tambari: The child who said his mama will not sleep he also said he als…",
        "Udegbue Peter: Jonathan is an example of a perfect leader who played the game...",
    ]
    excerpt = "the council said on Tuesday that the new budget for the harbour would rise…"
    page = Page.of("\n".join(["Comments", "", *cut, "", "The mayor said", excerpt]))
    prose = {line.text: line.is_prose for line in page.lines}
    assert not any(prose[c] for c in cut)
    assert prose[excerpt]  # one line that trails off ends an excerpt: still prose


TEASERS = [
    "Police: 2 In Custody After Death Of Student-Athlete A 24-year-old woman and a 28-year-old "
    "man have been arrested in connection with the death of a university student-athlete.",
    "Customers Leave Without Paying $690 Bill At Troy Steakhouse A party of six left the "
    "steakhouse in Troy without paying their bill after a long dinner on Saturday night.",
    "DNR Seeks Tips About Bull Elk Poached In Northern Michigan Conservation officers in "
    "Gaylord are seeking information about a bull elk that was poached last week.",
]


def test_headlines_run_into_their_summaries_are_teasers_not_prose() -> None:
    # a site's list of other stories, each a title-case headline followed straight by its
    # summary, with a section label between: long lines, but teasers
    page = Page.of("\n".join(["Latest Headlines", TEASERS[0], TEASERS[1], "Weather", TEASERS[2]]))
    assert not any(line.is_prose for line in page.lines)
    beside = f"{TEASERS[0]}\n\n{make_body(42, paragraphs=1)}\n\n{TEASERS[1]}\n"
    assert all(line.is_prose for line in Page.of(beside).lines)  # fewer than three in a run


def test_a_headline_without_summary_does_not_break_a_teaser_list() -> None:
    alone = "Michigan Couple Finds Newspapers Dating Back To The 1940s During Home Renovation"
    page = Page.of("\n".join([TEASERS[0], TEASERS[1], alone, TEASERS[2]]))
    assert not any(line.is_prose for line in page.lines)


def test_paragraphs_that_open_with_names_are_still_prose() -> None:
    paragraphs = [
        "Dr. Joneigh Khaldun of the Michigan Department of Health and Human Services says the "
        "risk from the virus will remain until the first hard frost of the year.",
        "Cases of Eastern Equine Encephalitis first appeared in West Michigan at the end of "
        "August, and the virus has since been found in several more counties.",
        "Berrien County Health Department officials said Monday the victim was one of two "
        "people who contracted the virus in the county this year.",
    ]
    assert all(line.is_prose for line in Page.of("\n".join(paragraphs)).lines)


_VIDEOS = (  # a video list: titles between their running times, no blank line between
    "1:41\nHill suffers hamstring injury in win over the Chargers\n18:08\n"
    "Rivers' time with the Chargers may be over after the loss\n10:18\n"
    "Breaking down the AFC playoff picture after week eleven\n4:02\n"
    "Panthers could hit the reset button after the season ends\n2:15"
)
_LINKS = (  # links printed as a text dump's list items, each with its comment count
    "* NFL suspends Myles Garrett for the rest of the year “at a minimum” (130)\n\n"
    "* Alex Guerrero: Tom Brady now says he can play until he’s 46 or 47 (129)\n\n"
    "* NFL says it is “disappointed” Colin Kaepernick “did not appear” (122)\n\n"
    "* Steelers players still coming to terms with last week’s brawl in Cleveland (98)"
)


@pytest.mark.parametrize("links", [_VIDEOS, _LINKS])
def test_a_list_of_links_over_the_article_is_not_prose_nor_a_story(links: str) -> None:
    assert not any(line.is_prose for line in lines(links))
    title, body = make_title(58), make_body(58, paragraphs=3)
    (story,) = segment(f"{links}\n\n{title}\n\nBy Jane Doe\n\n{body}\n")
    assert (story.title, story.body) == (title, "\n".join(body_lines(body)))


def test_lines_of_a_hard_wrapped_paragraph_and_a_long_list_item_are_prose() -> None:
    wrapped = (
        "The company said on Tuesday that its first quarter\n"
        "profit rose sharply on higher sales of its new products\n"
        "in Asia and Europe, while costs fell for a third year"
    )
    # the first line runs on into prose, the middle one sits between two; the last one, the
    # page's, ends no sentence and sits under one line only
    assert [line.is_prose for line in lines(wrapped)] == [True, True, False]
    item = "* " + " ".join(["The council voted to close the old bridge to trucks."] * 3)
    assert lines(item)[0].is_prose


_NAV = "Skip to content\nHome\nNews\nSports\nWeather\n\nSubscribe Sign In"


def test_a_page_without_a_story_start_is_its_headline_and_the_text_under_it() -> None:
    # no date, byline or repeat under the headline: the headline its first paragraph stands
    # under (a caption between) is the story's, and the menus above it are left out
    title, body = "Esper accuses China of intimidating smaller Asian nations", make_body(59, 3)
    page = f"{_NAV}\n\n{title}\n\nPhoto by Jane Doe (AP Photo/Jane Doe)\n\n{body}\n"
    (story,) = segment(page)
    assert (story.title, story.body) == (title, "\n".join(body_lines(body)))
    assert page[story.start :].startswith(title)


@pytest.mark.parametrize(
    "line",
    [
        "Alex Wong | Getty Images",  # a credit
        "The reason we came to the park in the first place!",  # a sentence
        "RRP: 49.95 Euro More info: www.example.com",  # a line of facts
        "This shop has been compensated by #CollectiveBias",  # a disclosure
        "Updated Nov 19, 9:41 AM; Posted Nov 18, 8:19 PM",  # a time of day
    ],
)
def test_no_headline_is_made_of_a_credit_a_sentence_or_facts_over_the_lede(line: str) -> None:
    body = make_body(60, 3)
    (story,) = segment(f"{_NAV}\n\n{line}\n\n{body}\n")
    assert story.title == ""
    assert story.body.endswith(body_lines(body)[-1])


def test_a_table_s_last_row_over_its_note_is_no_headline() -> None:
    table = (
        "United Cable Television Corp 3RD Qtr Net\n\nShr loss 24 cts vs profit seven cts\n\n"
        "Net loss 5,952,000 vs profit 2,078,000\n\nAvg shrs 25.0 mln vs 24.4 mln"
    )
    note = (
        "NOTE: Current year net both periods includes pretax charge seven mln dlrs from "
        "increase in reserve for investments in broadcast television entities and tax "
        "credits of 1,002,000 dlrs in the quarter."
    )
    (story,) = segment(f"Skip to main content\n\n{table}\n\n{note}\n")
    assert story.body == "\n".join([*body_lines(table), note])


def test_a_teaser_list_over_the_article_is_not_its_story() -> None:
    title = "Michigan officials report a sixth death linked to a mosquito-borne virus"
    teasers = "\n".join([*TEASERS, *TEASERS])
    page = f"Latest Headlines\n\n{teasers}\n\n{title}\n\nBy Jane Doe\n\n{make_body(43)}\n"
    stories = segment(page)
    assert [s.title for s in stories] == [title]
    assert_well_formed(page, stories)


COMMENTS = """Top Rated Comments

Woyzeck
2 days ago at 07:52 am
It is good to see the company finally listening to the people who buy its machines.
Rating: 36 Votes

Shouldn't next year be the year of a complete redesign of the whole line?

I think this is it. The slimmer bezels, the updated thermal design and the new keyboard are
the redesign, and the people waiting for something more radical will wait for a long time,
because the company has never changed everything at once and will not start doing it now.
Rating: 9 Votes
"""


def test_readers_comments_are_not_the_story_nor_a_story() -> None:
    title = "New laptop with a scissor keyboard expected in the first half of next year"
    page = f"{title}\n\nBy Jane Doe\n\n{make_body(44, paragraphs=2)}\n\n{COMMENTS}"
    stories = segment(page)
    assert [s.title for s in stories] == [title]
    assert "Rating" not in stories[0].body
    assert "redesign" not in stories[0].body
    assert_well_formed(page, stories)


def test_a_credited_story_after_the_comments_is_still_a_story() -> None:
    first = "New laptop with a scissor keyboard expected in the first half of next year"
    second = "Council approves a new budget for the harbour after a long debate"
    page = (
        f"{first}\n\nBy Jane Doe\n\n{make_body(45, paragraphs=2)}\n\n{COMMENTS}\n"
        f"{second}\n\nBy John Roe\n\n{make_body(46, paragraphs=2)}\n"
    )
    stories = segment(page)
    assert [s.title for s in stories] == [first, second]
    assert "Rating" not in stories[0].body


def _raw_lines(text: str) -> list[tuple[int, int, str, int, int]]:
    """(number, start, stripped text, blank lines before and after) of every non-blank line,
    read with the regular expression the segmenter once used: the reference for `lines`."""
    found: list[tuple[int, int, str, int]] = []
    blanks = 0
    for number, match in enumerate(re.finditer(r"[^\n]*\n|[^\n]+$", text), start=1):
        content = match.group().rstrip("\r\n")
        stripped = content.strip()
        if not stripped:
            blanks += 1
            continue
        found.append(
            (number, match.start() + len(content) - len(content.lstrip()), stripped, blanks)
        )
        blanks = 0
    if not found:
        return []
    after = [line[3] for line in found[1:]] + [blanks]
    return [(*line, gap) for line, gap in zip(found, after, strict=True)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab. \t\n\r\x0c\u2028\u00a0"))
def test_lines_are_numbered_and_placed_as_the_text_reads(text: str) -> None:
    found = lines(text)
    read = [(x.number, x.start, x.text, x.blanks_before, x.blanks_after) for x in found]
    assert read == _raw_lines(text)
    for line in found:
        assert text[line.start : line.end] == line.text


_ASCII_TEXT = st.text(
    st.sampled_from("aZbY09_'-. ,;:()$&/\t") | st.characters(codec="ascii"), max_size=60
)


@settings(max_examples=1000, deadline=None)
@given(
    _ASCII_TEXT
    | st.lists(
        st.sampled_from(
            ["U.S.", "3M", "2nd", "x-Ray", "_a", "'Tis", "a1B", "--", " ", "Boy", "kills"]
        )
    ).map("".join)
)
def test_ascii_title_case_answers_as_the_expression(text: str) -> None:
    initials = line_shapes._WORD_INITIAL.findall(text)
    expected = bool(initials) and sum(map(str.isupper, initials)) >= line_shapes._TITLE_CASE * len(
        initials
    )
    assert line_shapes._ascii_title_case(text) == expected
    assert line_shapes.title_case(text) == expected


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Word", " ", " " * 24, "\t", "\x1c", "`", "É", "ﬁ", "e\u0301", "a"]),
        max_size=80,
    ).map("".join),
    st.integers(0, 40),
)
def test_a_lines_opening_is_the_start_of_its_key(text: str, chars: int) -> None:
    """`Line.opening` normalises only the start of a long line, and gives what cutting the
    whole line's key gives: spaces collapsed, letters folded, in ASCII text or not."""
    (line,) = lines(f"x{text}x")
    assert line.opening(chars) == line.key[:chars]


_SENTENCE_END = re.compile(r"[.!?…:\"”’')\]。！？」』）]$")  # how a sentence end read before


@settings(max_examples=500, deadline=None)
@given(st.text(st.sampled_from(".!?…:\"”’')]。！？」』）a ") | st.characters(), min_size=1))
def test_a_sentence_end_is_the_last_character(text: str) -> None:
    text = text.replace("\n", " ")  # a line's text holds no line break
    assert line_shapes.ends_sentence(text) == bool(_SENTENCE_END.search(text))


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Boy", "Kills", "Brother", "of", "the", "A", "party", "3", "Ünd", " "])
        | st.sampled_from([" ", "\t", "\x1c", "\u3000", "首页", "-"]),
        min_size=1,
        max_size=30,
    ).map("".join)
)
def test_headed_with_its_word_count_answers_as_without(text: str) -> None:
    """The word-count gate of `_headed` changes no answer."""
    if text.strip():
        assert line_shapes._headed(text, line_shapes.word_count(text)) == line_shapes._headed(
            text, 1 << 30
        )


@settings(max_examples=500, deadline=None)
@given(
    st.from_regex(seg._DATELINE)
    | st.from_regex(seg._DATELINE, alphabet=st.characters(codec="ascii"))
    | st.sampled_from(["LONDON COCOA 1300", "NY COMEX SILVER 11:30", "UPDATE 1-"]).map(
        lambda text: text + " - More"
    )
)
def test_the_dateline_gate_answers_as_the_expressions_alone(text: str) -> None:
    expected = bool(seg._DATELINE.match(text)) and not seg._NOT_A_PLACE.match(text)
    assert seg._is_dateline(text) == expected


def test_a_cookie_banner_over_the_headline_is_no_paragraph_of_the_page() -> None:
    # the title line's headline is looked for above the first paragraph of text: a consent
    # banner is boilerplate, and the headline under it still the one the title line names
    title = "Star Trek 4 eyes Fargo, Legion creator Noah Hawley to direct"
    banner = (
        "We use cookies and other tracking technologies to improve your browsing experience on "
        "our site, show personalized content and targeted ads, analyze site traffic, and "
        "understand where our audience is coming from."
    )
    page = (
        f"{title} - The Verge\n\nSkip to main content\n\n{banner}\n\n"
        "Tech\nScience\nCulture\nCars\nReviews\nFeatures\nVideo\nPodcasts\n"
        "Entertainment\nTV Shows\n\n"
        f"{title}\n\nNew, 15 comments\n\nThe fourth in the 2009 reboot series of Star Trek "
        f"films\n\nBy Chaim Gartenberg Nov 19, 2019, 7:53pm EST\n\n{make_body(48)}\n"
    )
    stories = segment(page)
    assert [(s.title, s.date) for s in stories] == [(title, dt.date(2019, 11, 19))]


def test_a_video_player_between_the_header_and_the_article_starts_no_story() -> None:
    # the player's title is printed again as the first item of its playlist: that repeat is
    # its only signal, and the article under it is the credited headline's
    title = "Investors don't seem to know what to make of the US-China trade war"
    video = "Trump: Trade talks between US and China going well"
    page = (
        f"{title}\n\nBy Jill Disis, CNN Business\n\nUpdated 0339 GMT (1139 HKT) November 19, "
        "2019\n\nChat with us in Facebook Messenger. Find out what's happening in the world.\n\n"
        f"JUST WATCHED\n\n{video}\n\nReplay\nMore Videos ...\n\nMUST WATCH\n\n{video}\n\n"
        f"{make_body(49)}\n"
    )
    stories = segment(page)
    assert [(s.title, s.date) for s in stories] == [(title, dt.date(2019, 11, 19))]
    assert stories[0].body.endswith(body_lines(make_body(49))[-1])


def test_a_caption_printed_twice_under_a_credited_deck_still_opens_the_story() -> None:
    # a sentence printed twice is a caption over the lede, not a player's title: the story
    # starts there, not under the deck and its author's list of stories
    caption = (
        "The Doobie Brothers will unite with former frontman Michael McDonald for a 2020 "
        "North American tour."
    )
    page = (
        "McDonald joins Tom Johnston and John McFee onstage in Nashville for a surprise set\n\n"
        "By\nRyan Reed\n\nRyan Reed's Most Recent Stories\n\nWatch Jeff Goldblum Play Jazz\n\n"
        f"{caption}\n\nPhoto by Jason Kempin/Getty Images\n\n{caption}\n\n{make_body(50)}\n"
    )
    stories = segment(page)
    assert stories[-1].title == caption
    assert "Most Recent Stories" not in stories[-1].body


def test_a_header_split_between_its_byline_and_its_date_is_one_story() -> None:
    # "About <author>" / "Follow <author> on Twitter" between the byline and the date: the
    # headline over the byline is the story's, the date its date
    title = "The Impeachment Clock"
    page = (
        f"More articles\nPrevious articles\nWhite House\n\n{title}\n\nBy Victor Davis Hanson\n\n"
        "About Victor Davis Hanson\nFollow Victor Davis Hanson on Twitter\n\n"
        f"November 19, 2019 6:30 AM\n\n{make_body(51)}\n"
    )
    stories = segment(page)
    assert [(s.title, s.date, s.byline) for s in stories] == [
        (title, dt.date(2019, 11, 19), "Victor Davis Hanson")
    ]


def test_items_of_a_list_each_with_a_byline_and_a_date_stay_apart() -> None:
    # each item has both: no header is split, every headline starts its own story
    first, second = make_title(52), make_title(53)
    page = (
        f"{first}\n\nBy Jane Doe\nNovember 18, 2019\n\n{make_body(52)}\n\n"
        f"{second}\n\nBy John Roe\nNovember 19, 2019\n\n{make_body(53)}\n"
    )
    assert [s.title for s in segment(page)] == [first, second]


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        # notes and pitches under a story, a blog's footers, a video's labels
        ("Published in The Express Tribune, June 3rd, 1987.", Kind.BOILERPLATE),
        ("Published in 1987, the report said costs rose 5 pct.", Kind.TEXT),
        ("Comments are closed on this story.", Kind.BOILERPLATE),
        ("Report an error", Kind.BOILERPLATE),
        ("Report an error in the budget, the minister said", Kind.TEXT),
        ("Want to discuss? Please read our Commenting Policy first.", Kind.BOILERPLATE),
        ("Read or Share this story: https://www.courierpress.com/story/news/1", Kind.BOILERPLATE),
        ("Read this story in Bengali", Kind.BOILERPLATE),
        (
            "Like Business on Facebook, follow @TribuneBiz on Twitter to stay informed.",
            Kind.BOILERPLATE,
        ),
        ("Email This", Kind.BOILERPLATE),
        ("Older Posts", Kind.BOILERPLATE),
        ("Subscribe to: Posts (Atom)", Kind.BOILERPLATE),
        ("Simple theme. Powered by Blogger.", Kind.BOILERPLATE),
        ("Click to play video: 'Downtown Toronto blackout halts trading on TSX'", Kind.BOILERPLATE),
        ("WATCH ABOVE: Downtown Toronto blackout halts trading on TSX", Kind.BOILERPLATE),
        ("Assista ao vídeo:", Kind.BOILERPLATE),
        ("Receba as notícias do OCP no seu WhatsApp", Kind.BOILERPLATE),
        ("Clique aqui e participe do grupo", Kind.BOILERPLATE),
        ("Curtir isso:", Kind.BOILERPLATE),
        # headers of a box over the lede or of a list of other stories
        ("Key points:", Kind.TEASER),
        ("What You Should Know:", Kind.TEASER),
        ("Recommended on Hartford Courant", Kind.TEASER),
        ("Popular on Engadget", Kind.TEASER),
        ("Mehr Nachrichten zur Konjunktur", Kind.TEASER),
        ("NEXT STORY", Kind.TEASER),
        ("Relacionado", Kind.TEASER),
        ("Latest figures show a rise", Kind.TEXT),
        # consent banners that speak to the reader otherwise
        (
            "Wir verwenden Cookies, um Ihnen ein optimales Webseiten-Erlebnis zu bieten.",
            Kind.BOILERPLATE,
        ),
        (
            "France 24 and our partners use cookies and similar technologies. You can accept, "
            "refuse or set your preferences at any time.",
            Kind.BOILERPLATE,
        ),
        # dates and captions in more forms
        ("Mon 18 Nov 2019 // 16:31 UTC", Kind.DATE),
        ("Issued on: 05/03/1987 - 08:04", Kind.DATE),
        ("by Fred Pennic 11/20/2019 Leave a Comment", Kind.DATE),
        (
            "Adviser Qazi Alimullah briefs reporters in Islamabad. — Reuters/File",
            Kind.CAPTION,
        ),
        (
            "Zach Parise celebrates his goal at KeyBank Center. (Harry Scull Jr./Buffalo News)",
            Kind.CAPTION,
        ),
        ("The vote split the parties (Labour/Conservative)", Kind.TEXT),
    ],
)
def test_classify_furniture_of_more_sites(line: str, kind: Kind) -> None:
    assert classify(line) is kind


@pytest.mark.parametrize(
    ("line", "pitch"),
    [
        ("Want to read more? Subscribe to the Courier & Press for unlimited access.", True),
        ("Share your feedback to help improve our site experience!", True),
        ("Get the day's top stories delivered to your inbox.", True),
        ("For more information, please see our Comments FAQ", True),
        ("Decoding Asia newsletter: your guide to navigating Asia.", True),
        ("The company said its app would launch in March.", False),
        ('"You can subscribe now," he said.', False),
        ("Subscribers to the service rose 10 pct to 2.1 mln.", False),
        ("The US policy shift drew complaints from readers of the agreement.", False),
        ("Facebook shares fell 3 pct on Tuesday.", False),
        # a policy is the site's own only by its kind: privacy, cookies, complaints ...
        ("Please read our privacy policy before you comment.", True),
        ("For details of our complaints policy please click here.", True),
        ("Support for the new energy policy fell to 31 pct in March.", False),
        ("Support market today particular else consider central feeling policy song.", False),
    ],
)
def test_a_pitch_to_the_reader_is_told_from_news(line: str, pitch: bool) -> None:
    assert is_pitch(line) is pitch


def test_a_blogs_sentences_to_the_reader_between_paragraphs_are_no_pitch() -> None:
    assert is_pitch("And you'll have a lot less money in your bank account.")
    assert not is_pitch("And you'll have a lot less money in your bank account.", addressed=False)
    assert is_pitch("Get our free mobile app", addressed=False)


def test_pitches_under_and_inside_a_story_are_not_its_text() -> None:
    title = "Teachers rally at the Statehouse for higher pay"
    paragraphs = body_lines(make_body(54))
    page = (
        f"{title}\n\nBy Jane Doe\nNovember 19, 2019\n\n"
        + "\n\n".join(paragraphs[:2])
        + "\n\nGet the day's top stories delivered to your inbox.\n\n"
        + "\n\n".join(paragraphs[2:])
        + "\n\nWant to read more? Subscribe to the Courier & Press for unlimited digital access."
        "\n\nShare your feedback to help improve our site experience!\n"
    )
    stories = segment(page)
    assert [s.title for s in stories] == [title]
    assert stories[0].body == "\n".join(paragraphs)
    assert page[stories[0].end - len(paragraphs[-1]) : stories[0].end] == paragraphs[-1]


def test_a_headline_over_its_deck_with_no_blank_line_still_heads_its_byline() -> None:
    # "headline" / "deck" with no break between, then "By" / name / date: the headline runs
    # on into its deck, not into a paragraph
    title = "Margaret Thatcher's poll lead sparks talk of a spring election"
    page = (
        f"{title} - Mirror Online\n\nMirror\nNews\nPolitics\nFootball\nCelebs\nTV\nMoney\n"
        f"Travel\n\n{title}\nThe Prime Minister's trip to Moscow has given the Tories a surge "
        "in support, with one poll putting them nine points ahead\n\nBy\nMirror Politics Desk"
        f"\n20:33, 5 APR 1987\n\n{make_body(55)}\n"
    )
    assert [(s.title, s.date) for s in segment(page)] == [(title, dt.date(1987, 4, 5))]


def test_a_wrapped_paragraph_over_a_posts_byline_is_no_headline() -> None:
    # the first line of a hard-wrapped last paragraph runs on into the next: no headline
    # over a deck, even with a byline under the paragraph
    first = make_title(56)
    page = (
        f"{first}\n\n{make_body(56)}\n\nWest Germany has flatly rejected green rate changes, "
        "which\nwould cause a fall in prices for producers as countries with\nweak and strong "
        "currencies were brought into line.\n\nPosted by Harold Whitcomb at 8:05 AM No comments:\n"
    )
    assert [s.title for s in segment(page)] == [first]


def test_counts_of_a_share_widget_over_the_lede_are_furniture() -> None:
    title = "Teachers rally at the Statehouse for higher pay"
    page = (
        f"{title}\n\nBy Jane Doe\nNovember 19, 2019\n\n0\nSMS\nCopy article link\n\n"
        f"{make_body(57)}\n"
    )
    stories = segment(page)
    assert stories[0].body == make_body(57).replace("\n\n", "\n")


def test_a_short_last_sentence_over_a_widgets_counts_stays_the_storys() -> None:
    # counts alone are no items of a list: the sentence above them is not a footer's list
    body = make_body(58)
    page = (
        f"{make_title(58)}\n\nBy Jane Doe\nNovember 19, 2019\n\n{body}\n\n"
        "Nowadays, plague is easily treated.\n\n6\n\n6\n\n6\n\n6\n"
    )
    assert "Nowadays, plague is easily treated." in segment(page)[0].body.splitlines()


def test_a_page_too_short_for_a_story_keeps_its_pitch_too() -> None:
    # no block is long enough for a story: the page is its one story, and nothing is lost
    note = "The county fair opens on Saturday with rides for the children."
    pitch = "Subscribe to our newsletter for more updates from the fair."
    stories = segment(f"{note}\n\n{pitch}\n")
    assert [s.body for s in stories] == [f"{note}\n{pitch}"]


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        # a post's end marks, labels and footers; a page's buttons and widgets
        ("(END)", Kind.BOILERPLATE),
        ("#Roh Tae-woo", Kind.BOILERPLATE),
        ("#1 seed Nadal wins in Madrid", Kind.TEXT),
        ("Tags", Kind.BOILERPLATE),
        ("Keywords", Kind.BOILERPLATE),
        ("This article tagged under:", Kind.BOILERPLATE),
        (
            "Posted in Sport | Tagged Davis Cup, Rafael Nadal, Andy Murray | Leave a comment",
            Kind.BOILERPLATE,
        ),
        ("Kindly share this story:", Kind.BOILERPLATE),
        ("Bookmark", Kind.BOILERPLATE),
        ("Copy URL", Kind.BOILERPLATE),
        ("Leave your feedback", Kind.BOILERPLATE),
        ("Contact: theeditor@lagossentinel.example", Kind.BOILERPLATE),
        ("[Close]", Kind.BOILERPLATE),
        ("Load earlier posts", Kind.BOILERPLATE),
        ("LINE", Kind.BOILERPLATE),
        ("Tumblr", Kind.BOILERPLATE),
        ("Line up the guns", Kind.TEXT),
        (
            "You have 1 free article remaining this month. Subscribe for unlimited access.",
            Kind.BOILERPLATE,
        ),
        ("Story continues below gallery", Kind.BOILERPLATE),
        ("16:12 HKT", Kind.BOILERPLATE),  # a live blog's entry
        ("12:30 at", Kind.TEXT),
        # a science story's end is the story's, as AEB's annotators read it
        ("Provided by European Space Agency", Kind.TEXT),
        ("provided by the Japanese Jiji Press from the second quarter of", Kind.TEXT),
        ("Key events", Kind.TEASER),
        ("Highlights", Kind.TEASER),
        ("Trending Tickers", Kind.TEASER),
        ("Join the discussion…", Kind.COMMENTS),
        ("Sort by Best", Kind.COMMENTS),
        ("NEWS RELEASE 18-NOV-2019", Kind.DATE),
        ("November 20, 2019, 12:41 PM GMT+4", Kind.DATE),  # a zone's offset in hours
        ("Trade Minister Rha Woong-bae (Yonhap)", Kind.CAPTION),
        ("By — Meg Kinnard, Associated Press", Kind.BYLINE),
        # a WordPress blog's comment form
        (
            "You are commenting using your WordPress.com account. ( Log Out / Change )",
            Kind.BOILERPLATE,
        ),
        ("Notify me of new comments via email.", Kind.BOILERPLATE),
        ("Notify me of follow-up comments by email.", Kind.BOILERPLATE),
        ("Connecting to %s", Kind.BOILERPLATE),
        ("You are commenting on a story the court has sealed, the editor wrote.", Kind.TEXT),
        # a link to the story before or after it ends the page's own lines, as a teaser does
        ("<< Previous: Zambian copper output slips in February", Kind.TEASER),
        ("Next: Antofagasta lifts dividend >>", Kind.TEASER),
        ("Previous Post: Free scooter and motorcycle training", Kind.TEASER),
        ("Next story: Dynamos beat CAPS United 2-1 >", Kind.TEASER),
        ("« Older Post", Kind.TEASER),
        ("Next, the committee voted on the plan.", Kind.TEXT),
        # a caption credited after its sentence by a photo agency alone, or by a label
        ("Smog envelops the India Gate monument in New Delhi. Getty Images", Kind.CAPTION),
        ("The Mustang Mach-E at the Los Angeles Auto Show. Credit: AutoBeat photo", Kind.CAPTION),
        ("Photo: Marco Ruiz, Staff Photographer", Kind.CAPTION),
        ("The company declined to comment. Reuters", Kind.TEXT),
        ("He sold the photos to Getty Images", Kind.TEXT),
        ("Older workers were hit hardest, the report said.", Kind.TEXT),
        # a row of short parts set off by middle dots: a footer, a menu, a listing's card
        ("Port Vila Dispatch · Lini Highway, Port Vila · Tankyu tumas", Kind.BOILERPLATE),
        ("Grains · Livestock · Inputs · Freight", Kind.BOILERPLATE),
        ("4 bd · 2.5 ba · 2,100 sqft", Kind.BOILERPLATE),
        ("By Dana Kessler · 11/19/2019 · 3 min read", Kind.DATE),
        ("She bought apples · pears · plums at the market on Sunday before the rain.", Kind.TEXT),
    ],
)
def test_classify_furniture_of_still_more_sites(line: str, kind: Kind) -> None:
    assert classify(line) is kind


def test_a_byline_after_a_dash_names_its_author() -> None:
    assert byline("By — Meg Kinnard, Associated Press") == "Meg Kinnard, Associated Press"
    assert parse_date("NEWS RELEASE 18-NOV-2019") == dt.date(2019, 11, 18)


def test_a_sites_name_after_a_spaced_colon_leaves_the_title() -> None:
    title = "Thousands Of Teachers Pack Indiana Statehouse For Protest"
    page = f"{title} : NPN\n\nBy Jane Doe\n\n{make_body(59)}\n"
    assert [s.title for s in segment(page)] == [title]


def test_a_caption_over_its_credit_alone_is_no_headline() -> None:
    # "Image" / the caption / "Credit...Name/Outlet" under the deck: with its credit on the
    # next line, the caption would stand alone over the byline as a headline does
    title = "Trump Turns China Trade Talks Into Prime-Time Drama, and the World Waits"
    page = (
        f"{title}\n\nThe president has kept negotiators, farmers and markets on edge with "
        "cliffhanger announcements.\n\nImage\n\nPresident Trump with China's top trade "
        "negotiator, Liu He, in the Oval Office last month.\nCredit...Doug Mills/The New York "
        f"Courier\n\nBy Miriam Castellanos and Peter Rudd\n\nNov. 20, 2019\n\n{make_body(60)}\n"
    )
    stories = segment(page)
    assert [(s.title, s.date) for s in stories] == [(title, dt.date(2019, 11, 20))]
    assert "Liu He" not in stories[0].body


def test_an_images_description_wrapped_over_lines_is_a_caption() -> None:
    # a hard-wrapped plain-text dump renders an image as its description in brackets
    title = "Grangemouth refinery shut down after hydrocracker damage"
    body = make_body(62)
    page = (
        f"{title}\n\n[Image: Flare stacks at the Grangemouth complex on the Forth. Picture:\n"
        f"Courier library]\n\n{body}\n\n[Photo: the plant in 1986,\n{body[:40]}\n"
    )
    (story,) = segment(page)
    assert story.title == title
    assert "Flare stacks" not in story.body
    assert "Courier library" not in story.body
    assert "[Photo: the plant in 1986," in story.body  # a bracket that never closes is text


def test_every_copy_of_a_caption_over_its_credit_is_a_caption() -> None:
    # an extract that prints the image's description, then the caption over its credit
    caption = (
        "In this Nov. 16, 2019, photo the candidate speaks during a forum at the party's "
        "convention in Long Beach, Calif."
    )
    page = f"{caption}\n{caption}\nPhoto: Chris Carlson, AP\n{make_body(61)}\n"
    (story,) = segment(page)
    assert "Long Beach" not in story.body
    assert story.body.splitlines() == make_body(61).split("\n\n")


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        # captions credited after a dash, a label or a slash, and by NDTV's "(Representational)"
        (
            "Julian Assange is driven out of Southwark Crown Court in London, May 2019 - "
            "Copyright REUTERS/Henry Nicholls",
            Kind.CAPTION,
        ),
        (
            "Timothy Weeks and Kevin King, pictured in a video released in 2017 - AFP/File",
            Kind.CAPTION,
        ),
        (
            "An Emirates Boeing 787-10 on display at the Dubai Air Show. Photographer: Christopher "
            "Pike/Bloomberg",
            Kind.CAPTION,
        ),
        ("Esper and Lich at a meeting in Hanoi, November 20, 2019. /Reuters Photo", Kind.CAPTION),
        ("Slowing down the metabolic rate is not possible yet (Representational)", Kind.CAPTION),
        ("Oil prices fall - Reuters", Kind.TEXT),  # a headline that names its source
        # an agency's tags, a page's own links, a print edition's note, a wire's helpers
        ("[Editor: huaxia]", Kind.BOILERPLATE),
        ("Permalink https://p.dw.com/p/3TKq8", Kind.BOILERPLATE),
        ("Text size Aa Aa", Kind.BOILERPLATE),
        (
            "Appeared in the November 21, 2019, print edition as 'Tariff Demands Complicate "
            "Trade Deal.'",
            Kind.BOILERPLATE,
        ),
        ("— With assistance by Deena Shah", Kind.BOILERPLATE),
        ("Watch Live News:", Kind.BOILERPLATE),
        ("LIVE TV", Kind.BOILERPLATE),
        ("Live TV shows drew record audiences, the ratings firm said.", Kind.TEXT),
        ("Keywords Afghanistan, Taliban, Logar, Chinook, US military, NATO", Kind.BOILERPLATE),
        ("ALSO WATCH | Trump impeachment: What happens next?", Kind.LINK),
        ("Reuse this content (opens in new window)", Kind.BOILERPLATE),
        # an e-mail's header as a mail client prints it
        ("From: Byte Sized <hello@bytesized.news>", Kind.BOILERPLATE),
        ("To: reader@example.com", Kind.BOILERPLATE),
        ("From: the ministry, he said", Kind.TEXT),
    ],
)
def test_classify_furniture_of_wires_papers_and_mail(line: str, kind: Kind) -> None:
    assert classify(line) is kind


def test_a_plain_text_newsletters_underlined_items_are_its_stories() -> None:
    # "** Title" over a rule of dashes over its text: each item is a story of its own, its
    # title without the bold marks
    rule = "-" * 60
    first, second = make_title(61), make_title(62)
    page = (
        f"** The World Brief\n{rule}\n\nTHE WORLD BRIEF\n\n** AUSTRIA\n{rule}\n\n"
        f"** {first}\n{rule}\n\n{make_body(61)}\n\n{'=' * 60}\n\n"
        f"** {second}\n{rule}\n\n{make_body(62)}\n"
    )
    assert [s.title for s in segment(page)][-2:] == [first, second]


def test_a_line_between_a_credited_header_and_its_datelined_lede_is_furniture() -> None:
    # the line right over the lede would start the story (the dateline follows it): under a
    # headline with its byline and date, it is a button's or a player's label, not a headline
    title = "Seaga presents growth budget for 1987"
    body = make_body(61)
    page = (
        "Home\nNews\nBusiness\n\n"
        f"{title}\n\nBY OBSERVER BUSINESS REPORTER\n\nSaturday, April 25, 1987\n\n"
        "Print this page Email A Friend!\n\n"
        f"KINGSTON, Jamaica, April 24 - {body}\n"
    )
    (story,) = segment(page)
    assert (story.title, story.date) == (title, dt.date(1987, 4, 25))
    assert story.body.startswith("KINGSTON, Jamaica, April 24 - ")


def test_a_standfirst_longer_than_its_headline_over_the_date_is_its_deck() -> None:
    title = "Budget 1987: MacSharry cuts deficit target in tough first budget"
    deck = (
        "From the archive: the new minority government sets out its stall, trimming spending "
        "across every department"
    )
    page = (
        f"Business > Economy\n\n{title}\n\n{deck}\n\nFri Apr 3 1987 - 00:00\n\nBusiness Desk\n\n"
        f"Share\nEmail\n\nAudio: listen to this article (4 min)\n\nDUBLIN, March 31 - "
        f"{make_body(62)}\n"
    )
    (story,) = segment(page)
    assert (story.title, story.date) == (title, dt.date(1987, 4, 3))
    assert deck not in story.body


def test_a_blogs_own_header_leaves_its_first_post_its_headline() -> None:
    # the page's title line printed again, the blog's description and a date: the page's
    # header, over the first post's own headline and datelined lede
    post = "AUSTRALIAN WHEAT AREA TO FALL, FORECASTER SAYS"
    page = (
        "Grain & Oilseed Notes\n\nGrain & Oilseed Notes\n\n"
        "Wire copy and notes on world grain markets, for the office.\n\n"
        f"Monday, March 23, 1987\n\n{post}\n\nMELBOURNE, March 23 - {make_body(63)}\n"
    )
    assert [s.title for s in segment(page)] == [post]


def test_a_section_label_over_a_headline_over_the_date_is_no_headline_with_a_deck() -> None:
    # a label that divides its words with a bar is no headline: the sentence-case line under
    # it, long as a standfirst, is the headline of its own credited start
    title = "Husband springs for business class flight to India, but leaves wife in economy seat"
    page = (
        "Lifestyle\nLetters\nDear Abby\n\nLifestyle | Dear Abby\n\n"
        f"{title}\n\nPublished: Wednesday | November 20, 2019 | 12:00 AM\n\n{make_body(64)}\n"
    )
    assert [s.title for s in segment(page)] == [title]


@pytest.mark.parametrize(
    ("line", "kind", "date"),
    [
        (
            "Medically reviewed by Samira Haddad, MD on November 14, 2019",
            Kind.DATE,
            dt.date(2019, 11, 14),
        ),
        ("Fact-checked by Jane Doe on Nov. 2, 2019", Kind.DATE, dt.date(2019, 11, 2)),
        # undated, a reviewer's credit is no byline of the story: every teaser of a health
        # site's list of articles carries one
        ("Medically reviewed by Kaitlynn Greenberg, RD, LD", Kind.TEXT, None),
        ("Edited by: Louis Jacobson", Kind.TEXT, None),
        ("Reviewed by the board on November 14, 2019, the plan was approved.", Kind.TEXT, None),
    ],
)
def test_a_reviewers_dated_credit_dates_the_story(
    line: str, kind: Kind, date: dt.date | None
) -> None:
    assert classify(line) is kind
    assert parse_date(line) == date


def test_the_list_of_a_storys_sources_is_not_its_text() -> None:
    title = "South Dakota governor doubles down on anti-drug campaign"
    body = make_body(65)
    page = (
        f"{title}\n\nTuesday, 19 November 2019\n\n{body}\n\nSources\n\n"
        'Staff. "South Dakota launches anti-meth campaign" — Sioux Falls daily newspaper, '
        'November 18, 2019\n\nStaff. "Governor responds to online reaction over the drug '
        'slogan" — Washington political newspaper, November 19, 2019\n'
    )
    (story,) = segment(page)
    assert story.body == "\n".join(body_lines(body))
    assert story.line_end == line_of(page, page.index("\n\nSources"))


def test_sources_in_a_sentence_or_over_the_story_stay_its_text() -> None:
    lede = "Sources say the talks will resume next week, after a pause of more than a month."
    page = f"Sources\n\n{make_title(66)}\n\nBy Jane Doe\n\n{lede}\n\n{make_body(66)}\n"
    (story,) = segment(page)
    assert story.body.startswith(lede)


@pytest.mark.parametrize(
    ("last", "kept"),
    [
        ("The Associated Press contributed to this report.", False),
        ("Keith Bradsher contributed reporting from Beijing.", False),
        ("Eagle sports editor Maya Tran contributed to this report.", False),
        ("Rising costs contributed to the report's gloomy tone, the analysts said.", True),
        ("Higher prices for fuel contributed to the fourth quarter rise in output.", True),
        # a wire's credits
        ("(Reporting by Will Dunham; Editing by Tom Brown)", False),
        ("Reporting by Tessa Morrow in New York; additional reporting by Vikram Iyer", False),
        ("Additional reporting by Joseph Hudak", False),
        ("Reporting by the BBC suggested that the minister had known for a month.", True),
    ],
)
def test_who_else_reported_a_story_is_not_its_text(last: str, kept: bool) -> None:
    body = make_body(67)
    (story,) = segment(f"{make_title(67)}\n\nBy Jane Doe\n\n{body}\n\n{last}\n")
    assert story.body.endswith(last) is kept
    assert body_lines(body)[-1] in story.body


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Click to share on Facebook (Opens in new window)", Kind.BOILERPLATE),
        ("Click to email this to a friend (Opens in new window)", Kind.BOILERPLATE),
        ("Click to print (Opens in new window)", Kind.BOILERPLATE),
        ("Click to see how the vote went in every county", Kind.TEXT),
        ("(Reed Saxon / Associated Press)", Kind.CAPTION),
        ("UPDATED: Tue., Nov. 19, 2019", Kind.DATE),
        # a newsletter's footer, as its web version prints it
        ("Forward to a co-worker | Update your preferences | Unsubscribe", Kind.BOILERPLATE),
        ("You are receiving this because you are a member in good standing.", Kind.BOILERPLATE),
        ("Forward this to a colleague", Kind.BOILERPLATE),
        ("He forwarded the memo to a colleague on Tuesday.", Kind.TEXT),
    ],
)
def test_classify_the_pieces_a_dump_prints_one_element_a_line(line: str, kind: Kind) -> None:
    assert classify(line) is kind


def _one_element_a_line(*header: str, seed: int) -> tuple[str, str, str]:
    """A page as BeautifulSoup's get_text("\\n", strip=True) prints it: each element's text
    on a line of its own, no blank line anywhere, a paragraph broken where it links."""
    title, body = make_title(seed), make_body(seed)
    linked = []
    for paragraph in body.split("\n\n"):  # each paragraph links twice
        words = paragraph.split(" ")
        linked += [" ".join(words[:6]), " ".join(words[6:9]), " ".join(words[9:])]
    lines_ = [
        f"{title} - The Daily Example",
        "Home",
        "World",
        "Business",
        *header,
        *linked,
        "Related stories",
        "Privacy Policy",
    ]
    return "\n".join(lines_) + "\n", title, body


@pytest.mark.parametrize(
    "header",
    [
        # "By" on a line of its own over a name and newsroom no byline pattern reads
        (
            "World",
            "{title}",
            "Updated Nov 19, 2019, 6:55 AM;",
            "Posted Nov 19, 2019, 6:51 AM",
            "The band performs at the Beacon.",
            "By",
            "Troy L. Smith, Cleveland.com",
        ),
        # a deck, then "By" alone over the name: the headline still heads its credits
        (
            "{title}",
            "A policy to conserve water led to the rise of a major source of pollution",
            "By",
            "Umair Irfan",
            "Nov 19, 2019",
        ),
        # a caption over its credit printed in two pieces, "Credit..." and the name
        (
            "{title}",
            "Nov 19, 2019",
            "President Trump at the Economic Club last week.",
            "Credit...",
            "Anna Moneymaker/The New York Times",
        ),
        # a label right under the headline, over a deck of sentences
        (
            "{title}",
            "Editorial",
            "The repression has only fuelled the crisis. It is up to them to end it",
            "Mon 18 Nov 2019",
        ),
    ],
)
def test_a_page_printed_one_element_a_line_keeps_its_headline(header: tuple[str, ...]) -> None:
    seed = 68 + len(header)
    title = make_title(seed)
    page, title, body = _one_element_a_line(*(h.format(title=title) for h in header), seed=seed)
    (story,) = segment(page)
    assert story.title == title
    assert story.date is not None
    assert story.byline in (None, "Troy L. Smith", "Umair Irfan")
    assert normalize(story.body).split()[-len(normalize(body).split()) :] == normalize(body).split()


def test_the_pages_headline_is_no_deck_of_a_caption_over_its_kicker() -> None:
    title, body = make_title(75), make_body(75)
    page = (
        f"{title} | Science Example\n\nHome\n\nSpace\n\n"
        "Artist's impression of the plumes. (Goddard Space Flight Center/David Ladd)\n"
        f"SPACE\n{title}\nVICTOR TANGERMANN, FUTURISM\n18 NOV 2019\n\n{body}\n"
    )
    (story,) = segment(page)
    assert story.title == title


@pytest.mark.parametrize(
    ("line", "kind", "date"),
    [
        # a date that opens the line, then a credit of up to 7 words after a divider
        ("Thursday, 26 March 1987 -- Mail reporter with agencies", Kind.DATE, dt.date(1987, 3, 26)),
        (
            "03.03.1987 23:58 | The Vilnius Dispatch with wire services",
            Kind.DATE,
            dt.date(1987, 3, 3),
        ),
        ("Monday, March 2, 1987 | He said the talks went well and will go on.", Kind.TEXT, None),
        ("Nov 20, 2019, 09:14am EST|", Kind.DATE, dt.date(2019, 11, 20)),  # a divider at its end
        # a credit, a dash, then a date over a section after a divider
        ("NIHON NEWS - Mar 12, 1987 - 09:37 | Business, All", Kind.DATE, dt.date(1987, 3, 12)),
        # a date, then its author's name without "by"; a table's header is no such line
        ("NOVEMBER 20, 2019 KAREN MILLER", Kind.DATE, dt.date(2019, 11, 20)),
        ("2019-11-20 12:57:32 Marcus De Guzman", Kind.DATE, dt.date(2019, 11, 20)),
        ("4/2/87   Prev Week", Kind.TEXT, None),
        # a date line run into the next element, as a dump that drops the space between prints
        (
            "Updated: 1987-03-03 15:20Source: Xinhua Wire ServiceEditor: Wang Lin",
            Kind.DATE,
            dt.date(1987, 3, 3),
        ),
        ("November 20, 2019 - 11:42 AMTViews: 1318", Kind.DATE, dt.date(2019, 11, 20)),
        ("Tuesday, 17th March 19870 Comments", Kind.DATE, dt.date(1987, 3, 17)),
        ("Nov 19, 2019Share this article", Kind.DATE, dt.date(2019, 11, 19)),
        # and a credit run into the date's label
        (
            "Staff CorrespondentPublished: 23 Mar 1987, 06:00 | Updated: 23 Mar 1987, 09:15",
            Kind.DATE,
            dt.date(1987, 3, 23),
        ),
        ("Jane DoeUpdated Nov 19, 2019 10:00 AM", Kind.DATE, dt.date(2019, 11, 19)),
        ("The index was last Updated: 23 Mar 1987", Kind.TEXT, None),
        # a sentence that opens with a date: a space, or a lower-case word, after it
        ("March 3, 1987 Metals rose on the news from Lusaka.", Kind.TEXT, None),
        ("March 3, 1987 at 11:42 Thursday was the day it began.", Kind.TEXT, None),
        ("December 31, 1987, USDA said.", Kind.TEXT, None),  # not "US" run into "DA said"
        ("On March 3, 1987Metals rose", Kind.TEXT, None),
        ("The talks -- which began on March 3, 1987 -- went well", Kind.TEXT, None),
        # an archive's day, month and year of two figures, alone or after its sections
        ("Archive | Companies | 11-Mar-87", Kind.DATE, dt.date(1987, 3, 11)),
        ("05-JAN-98 14:20", Kind.DATE, dt.date(1998, 1, 5)),
        ("11-Mar-870", Kind.TEXT, None),
        ("Shipped 11-Mar-87 from Lusaka", Kind.TEXT, None),
    ],
)
def test_a_date_beside_a_credit_or_run_into_what_follows_is_a_date_line(
    line: str, kind: Kind, date: dt.date | None
) -> None:
    assert classify(line) is kind
    assert parse_date(line) == date


@pytest.mark.parametrize(
    "label",
    [
        *("Last updated on", "First published", "Posted on", "Modified", "Created", "Filed"),
        *("Date", "Dated", "Issued", "News release", "Veröffentlicht am", "Aktualisiert"),
        *("Publiziert", "Erstellt", "Publié le", "Mis à jour le", "Modifié", "Publicado em"),
        *("Actualizado el", "Atualizado", "Pubblicato il", "Aggiornato", "Gepubliceerd op"),
        *("Bijgewerkt", "Geplaatst op"),
    ],
)
def test_every_label_of_a_date_run_into_the_next_element_passes_its_gate(label: str) -> None:
    assert parse_date(f"{label}: 19 Nov 2019 10:32Source: Agencies") == dt.date(2019, 11, 19)


def test_a_headline_over_a_date_run_into_its_source_is_the_title() -> None:
    """A page's title with the site's name, its menus, then the headline right over a date
    line run into its source: the headline titles the story, dated by that line."""
    title, body = make_title(77), make_body(77)
    page = (
        f"{title} - The Daily Herald\n\nHomeWorldBusinessSports\n\nHome>Business\n\n"
        f"{title}\nUpdated: 1987-03-03 15:20Source: Xinhua Wire ServiceEditor: Wang Lin\n"
        f"A+ A A-\n\n{body}\n"
    )
    (story,) = segment(page)
    assert story.title == title
    assert story.date == dt.date(1987, 3, 3)


def test_a_line_that_opens_with_a_date_is_no_headline() -> None:
    """ "Tuesday, 17th March 1987" run into "0 Comments" over a datelined lede is no headline
    of its own: the headline over it keeps its story."""
    title, body = make_title(76), make_body(76)
    lede = "LUSAKA, March 17 - " + body
    page = (
        f"{title} - The Copperbelt Observer\n\nHome\n\nMining\n\n{title}\n\n"
        f"Observer Correspondent\n\nTuesday, 17th March 19870 Comments\n\n{lede}\n"
    )
    (story,) = segment(page)
    assert story.title == title
    assert story.date == dt.date(1987, 3, 17)


@pytest.mark.parametrize(
    ("line", "pitch"),
    [
        ("Want more stories like this?", True),
        ("Want more news like this? Sign up for our daily briefing.", True),
        ("He said there are many stories like this.", False),
    ],
)
def test_a_call_for_more_stories_like_this_is_a_pitch(line: str, pitch: bool) -> None:
    assert is_pitch(line) is pitch


def test_a_story_ends_over_the_links_to_the_posts_beside_it() -> None:
    title, body = make_title(71), make_body(71)
    sidebar = "\n".join(f"Bike number {k} for sale\n£{k},349.00" for k in range(1, 7))
    page = (
        f"{title}\n\nBy Jane Doe\n\n{body}\n\nPost navigation\n\n"
        "Previous Post: Free scooter and motorcycle training\n"
        "Next Post: Motorcycle cleaner and polish on test\n\n"
        f"STUFF WE HAVE BEEN UP TO\n\nBIKES FOR SALE\n\n{sidebar}\n"
    )
    (story,) = segment(page)
    assert story.body.splitlines() == body.split("\n\n")


def test_a_credit_under_a_deck_that_is_a_sentence_is_no_headline() -> None:
    # a page printed one element a line: the headline, its deck, then the agency and the
    # place over the date, which read as another headline by their shape alone
    title = "White House says impeachment sham completely debunked"
    deck = (
        "The White House on Tuesday said the second day of public hearings had produced "
        "nothing new, even as two witnesses described the call as inappropriate."
    )
    body = make_body(72).replace("\n\n", "\n")
    page = (
        f"News\nWorld\nStory\n{title}\n{deck}\nPress Trust of India Washington\n"
        f"November 20, 2019\n{body}\n"
    )
    stories = segment(page)
    assert [s.title for s in stories] == [title]
    assert stories[0].date == dt.date(2019, 11, 20)


def _masthead_page(*stories: str, masthead: str = "Kathmandu | Thursday, March 5, 1987") -> str:
    menu = "Home | National | World | Business | Sports"
    head = f"THE VALLEY COURIER\n{masthead}\n\n{menu}\n\nWorld News\n\n"
    return head + "\n\n\n".join(stories) + "\n"


def test_the_date_a_page_prints_over_its_stories_dates_those_without_their_own() -> None:
    one, two = make_title(73), make_title(74)
    page = _masthead_page(
        f"{one}\n\nBy Jane Doe\n\n{make_body(73)}", f"{two}\n\nBy John Roe\n\n{make_body(74)}"
    )
    assert [(s.title, s.date) for s in segment(page)] == [
        (one, dt.date(1987, 3, 5)),
        (two, dt.date(1987, 3, 5)),
    ]
    # two dates over the stories (today's and the edition's) date nothing
    twice = _masthead_page(
        f"{one}\n\nBy Jane Doe\n\n{make_body(73)}", masthead="March 5, 1987\nMarch 6, 1987"
    )
    assert [s.date for s in segment(twice)] == [None]


def test_a_story_that_prints_another_date_leaves_the_page_date_to_none_but_the_first() -> None:
    # the first story's own date says the one over it is a sidebar's or today's: the
    # stories under it are other stories', and take none
    one, two = make_title(75), make_title(76)
    dated = f"{one}\n\nBy Jane Doe\nUpdated November 19, 2019\n\n{make_body(75)}"
    undated = f"{two}\n\nBy John Roe\n\n{make_body(76)}"
    page = _masthead_page(dated, undated, masthead="November 20, 2019")
    assert [(s.title, s.date) for s in segment(page)] == [
        (one, dt.date(2019, 11, 19)),
        (two, None),
    ]
