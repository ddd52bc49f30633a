"""The HTML report in a real headless Chromium (Debian's chromium and chromium-driver, Selenium).

Skipped, with the reason, where the browser, its driver or Selenium is missing.
"""

from __future__ import annotations

import struct
import time
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from benchmarks import report as bench
from provenance.pipeline import dedupe_with_bodies
from provenance.report import write_html

from .conftest import SEEDS, make_body, make_title, page_story, write_page

if bench.CHROMIUM is None or bench.DRIVER is None:
    pytest.skip(
        "needs chromium and chromedriver (apt-get install chromium chromium-driver)",
        allow_module_level=True,
    )
pytest.importorskip("selenium", reason="needs selenium (the test extra)")
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

TAJIKISTAN = "Pakistan says $50 million meat export deal with Tajikistan nearing finalization"
SEED_FILES = [
    "seeds/000_bacf4656a6a77ff6.txt",
    "seeds/002_25089249f5db38ec.txt",
    "seeds/003_75b520c6d820290b.txt",
]
TITLE = "Injected <script>document.title='pwned';window.pwned=1</script> " + make_title(7)
LINE = "A line with </script><script>window.pwned=2</script> and <img src=x onerror=window.pwned=3>"
EVIL_FILE = "x<img src=x onerror=window.pwned=4>.txt"
renders = bench.renders


def report_of(paths: list[str], target: Path) -> str:
    run, bodies = dedupe_with_bodies(paths)
    write_html(run, target, bodies=bodies, inputs=paths, elapsed=0.1)
    return target.as_uri()


@pytest.fixture(scope="module")
def seeds_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The report of the seeds, run from the repository so that paths read seeds/…."""
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(SEEDS.parent)
        yield report_of(["seeds"], tmp_path_factory.mktemp("seeds") / "seeds.html")


@pytest.fixture(scope="module")
def mixed_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The seeds, an edited copy of the Tajikistan story, a page with script tags in its
    title, text and file name, and 30 more stories, so that there are two pages of them."""
    root = tmp_path_factory.mktemp("mixed")
    extra = root / "extra"
    extra.mkdir()
    (extra / "edited.txt").write_text(bench.edited_tajikistan(), encoding="utf-8")
    (extra / EVIL_FILE).write_text(page_story(TITLE, make_body(7) + "\n\n" + LINE), "utf-8")
    for k in range(30):
        write_page(extra / f"more{k:02}.txt", [(make_title(100 + k), make_body(100 + k))])
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(SEEDS.parent)
        yield report_of(["seeds", str(extra)], root / "mixed.html")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with bench.browser() as driver:
        yield driver


def open_report(browser: Any, url: str) -> None:
    bench.open_report(browser, url, timeout=10)
    assert renders(browser) == 1


def stories(browser: Any) -> list[Any]:
    return browser.find_elements(By.CSS_SELECTOR, "#stories article.story")


def status(browser: Any) -> str:
    return str(browser.find_element(By.ID, "status").text)


def type_into(browser: Any, box: str, text: str) -> None:
    """Replace what a filter box holds, as a person would, and wait for the new list."""
    before = renders(browser)
    field = browser.find_element(By.ID, box)
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys(text or Keys.BACKSPACE)
    settled(browser, before)


def settled(browser: Any, before: int) -> None:
    """Wait for the list to be drawn again and then stay drawn: on a loaded machine the keys
    of one string can arrive past the page's typing pause and draw the list more than once."""
    WebDriverWait(browser, 10).until(lambda b: renders(b) > before)
    seen = [renders(browser)]

    def still(b: Any) -> bool:
        time.sleep(0.4)
        seen.append(renders(b))
        return seen[-1] == seen[-2]

    WebDriverWait(browser, 10).until(still)


def check_png(png: bytes, *, least: tuple[int, int]) -> tuple[int, int]:
    """A real PNG, at least `least` pixels, and not blank: its pixels take many values."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert width >= least[0]
    assert height >= least[1]
    chunks, at = [], 8
    while at < len(png):
        (size,) = struct.unpack(">I", png[at : at + 4])
        if png[at + 4 : at + 8] == b"IDAT":
            chunks.append(png[at + 8 : at + 8 + size])
        at += size + 12
    pixels = zlib.decompress(b"".join(chunks))
    assert len(set(pixels)) > 64, "the screenshot is blank"
    return width, height


def test_the_tajikistan_story_lists_its_three_files(
    browser: Any, seeds_url: str, tmp_path: Path
) -> None:
    open_report(browser, seeds_url)
    first = stories(browser)[0]
    assert TAJIKISTAN in first.find_element(By.CSS_SELECTOR, "h3").text
    assert "3 copies · 3 files" in first.text
    rows = first.find_elements(By.CSS_SELECTOR, "table.occurrences tr")[1:]
    assert [r.find_element(By.CSS_SELECTOR, "td.path").text for r in rows] == SEED_FILES
    cells = [r.find_elements(By.TAG_NAME, "td") for r in rows]
    assert [c[1].text for c in cells] == ["3374–5635", "2786–5047", "2860–5121"]
    assert [c[4].text for c in cells] == ["canonical", "exact", "exact"]
    assert [c[7].text for c in cells] == ["canonical", "same text", "same text"]
    assert status(browser) == "Stories 1–15 of 15 (page 1 of 1)"
    shot = tmp_path / "seeds.png"
    assert browser.save_screenshot(str(shot))
    check_png(shot.read_bytes(), least=(1000, 1000))


def test_an_edited_copy_shows_its_differences(browser: Any, mixed_url: str, tmp_path: Path) -> None:
    open_report(browser, mixed_url)
    first = stories(browser)[0]
    assert TAJIKISTAN in first.find_element(By.CSS_SELECTOR, "h3").text
    paths = [e.text for e in first.find_elements(By.CSS_SELECTOR, "td.path")]
    assert sorted(p for p in paths if p.startswith("seeds/")) == SEED_FILES
    assert any(p.endswith("extra/edited.txt") for p in paths)
    opened = first.find_element(By.CSS_SELECTOR, "details.copy[open]")
    assert "edited.txt" in opened.find_element(By.TAG_NAME, "summary").text
    diff = opened.find_element(By.CSS_SELECTOR, "div.diff")
    assert [e.text for e in diff.find_elements(By.CSS_SELECTOR, "ins.added")] == ["now"]
    assert [e.text for e in diff.find_elements(By.CSS_SELECTOR, "del.removed")] == [
        "landlocked",
        "full",
    ]
    changed = diff.find_elements(By.CSS_SELECTOR, "span.changed")
    assert [(c.find_element(By.TAG_NAME, "del").text, c.find_element(By.TAG_NAME, "ins").text)
            for c in changed] == [("Tuesday.", "Wednesday.")]  # fmt: skip
    title = opened.find_element(By.CSS_SELECTOR, "div.diff-title")
    new_title = title.find_element(By.CSS_SELECTOR, "span.changed ins").text
    assert new_title == "close to being finalized"
    assert "Tajikistan has expressed interest" in diff.text
    added = diff.find_element(By.CSS_SELECTOR, "ins.added")
    assert added.value_of_css_property("background-color") != "rgba(0, 0, 0, 0)"
    png = first.screenshot_as_png
    (tmp_path / "tajikistan.png").write_bytes(png)
    check_png(png, least=(800, 600))


def test_search_filters_and_pages(browser: Any, mixed_url: str) -> None:
    open_report(browser, mixed_url)
    assert status(browser) == "Stories 1–25 of 46 (page 1 of 2)"
    browser.find_element(By.ID, "next").click()
    assert status(browser) == "Stories 26–46 of 46 (page 2 of 2)"
    assert len(stories(browser)) == 21
    assert not browser.find_element(By.ID, "next").is_enabled()
    browser.find_element(By.ID, "prev").click()
    assert len(stories(browser)) == 25

    type_into(browser, "q-title", "MEAT export")
    assert status(browser).startswith("Stories 1–1 of 1 ")
    assert TAJIKISTAN in stories(browser)[0].text
    type_into(browser, "q-title", "no such headline")
    assert status(browser) == "No story matches., filtered from 46"
    type_into(browser, "q-title", "")

    type_into(browser, "q-file", "seeds/001_")
    assert [s.find_element(By.CSS_SELECTOR, "h3 .title").text for s in stories(browser)] == [
        "Dear Pak, Kashmir Needs Solidarity – So Do ‘Missing’ Pakistanis"
    ]
    type_into(browser, "q-file", "")

    type_into(browser, "q-from", "2025-12")
    dated = int(status(browser).split(" of ")[1].split()[0])
    assert 30 < dated < 46  # the 30 generated stories and the December seeds
    type_into(browser, "q-to", "2019-12-31")
    assert status(browser) == "No story matches., filtered from 46"
    type_into(browser, "q-from", "")
    type_into(browser, "q-to", "2019")
    assert "Pakistan army sets up special assistance cell" in stories(browser)[0].text
    type_into(browser, "q-to", "")
    assert status(browser) == "Stories 1–25 of 46 (page 1 of 2)"

    before = renders(browser)
    Select(browser.find_element(By.ID, "q-copies")).select_by_value("2")
    settled(browser, before)
    assert status(browser).startswith("Stories 1–1 of 1 ")


def test_script_in_the_inputs_runs_nothing(browser: Any, mixed_url: str) -> None:
    open_report(browser, mixed_url)
    assert browser.execute_script("return typeof window.pwned") == "undefined"
    assert browser.title.startswith("provenance: ")
    type_into(browser, "q-title", "injected")
    (story,) = stories(browser)
    assert "<script>document.title='pwned';window.pwned=1</script>" in story.text
    assert EVIL_FILE in story.text
    story.find_element(By.CSS_SELECTOR, "details.canonical summary").click()
    text = (
        WebDriverWait(browser, 10)
        .until(lambda b: story.find_element(By.CSS_SELECTOR, "div.text"))
        .text
    )
    assert "</script><script>window.pwned=2</script>" in text
    assert browser.find_elements(By.TAG_NAME, "img") == []
    assert len(browser.find_elements(By.TAG_NAME, "script")) == 2
    assert browser.execute_script("return typeof window.pwned") == "undefined"
    assert browser.title.startswith("provenance: ")
