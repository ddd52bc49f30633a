"""The HTML report at scale: its size, the time to write it, and how fast Chromium shows it.

Needs Debian's ``chromium`` and ``chromium-driver`` and Selenium (the ``test`` extra); the
browser helpers here are shared with ``tests/test_report_browser.py``. Run from the
repository root::

    python -m benchmarks.report                            # Reuters-21578 from ../shared/data
    python -m benchmarks.report --folder /tmp/data/reuters21578/docs
    python -m benchmarks.report --shot docs/report-seeds.png  # the picture in docs/report.md
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from benchmarks import datasets
from provenance.pipeline import dedupe_with_bodies
from provenance.report import write_html

CHROMIUM = next(filter(None, map(shutil.which, ("chromium", "chromium-browser"))), None)
DRIVER = shutil.which("chromedriver")
SEEDS = datasets.REPO / "seeds"


def edited_tajikistan() -> str:
    """The seeds' Tajikistan story as one more site might print it: its headline reworded,
    one word added, two removed, one changed (no figure changed, so it still matches)."""
    span = (SEEDS / "000_bacf4656a6a77ff6.txt").read_text(encoding="utf-8")[3374:5635]
    return (
        span.replace("nearing finalization", "close to being finalized")
        .replace("said on Tuesday", "said on Wednesday")
        .replace("a landlocked Central Asian state", "a Central Asian state")
        .replace("with both governments expected", "with both governments now expected")
        .replace("assuring full facilitation", "assuring facilitation")
    )


@contextlib.contextmanager
def browser(width: int = 1280, height: int = 1400) -> Iterator[Any]:
    """Headless Chromium driven by Selenium, with the system's browser and driver (Selenium
    is never left to download either)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    if CHROMIUM is None or DRIVER is None:
        raise RuntimeError("needs Debian's chromium and chromium-driver packages")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    options.add_argument(f"--window-size={width},{height}")
    driver = webdriver.Chrome(options=options, service=Service(DRIVER))
    try:
        yield driver
    finally:
        driver.quit()


def renders(driver: Any) -> int:
    """How many times the page's script has put a list of stories on screen."""
    return int(driver.execute_script("return document.body.dataset.renders || 0"))


def open_report(driver: Any, url: str, timeout: float = 30) -> None:
    """Open a report and wait until its first page of stories is on screen."""
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(url)
    WebDriverWait(driver, timeout).until(lambda d: renders(d) >= 1)


# Type `arguments[0]` into the title filter; call back with the milliseconds until the
# filtered list is on screen, less the page's 150 ms pause for more typing.
FILTER = """
const [text, done] = arguments;
const box = document.getElementById("q-title");
const before = document.body.dataset.renders;
const began = performance.now();
box.value = text;
box.dispatchEvent(new Event("input", {bubbles: true}));
(function wait() {
  if (document.body.dataset.renders !== before) done(performance.now() - began - 150);
  else requestAnimationFrame(wait);
})();
"""


def measure(folder: Path, out: Path) -> dict[str, float]:
    """Run `dedupe` on `folder`, write its report to `out`, open it in Chromium, page on
    and filter; the seconds each took and the report's size."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    began = time.perf_counter()
    run, bodies = dedupe_with_bodies([folder], workers=None)
    figures = {"dedupe_s": time.perf_counter() - began}
    began = time.perf_counter()
    write_html(run, out, bodies=bodies, inputs=[str(folder)], elapsed=figures["dedupe_s"])
    figures["write_s"] = time.perf_counter() - began
    figures["size_mb"] = out.stat().st_size / 1e6
    with browser() as driver:
        for attempt in ("open_s", "open_again_s"):
            open_report(driver, out.as_uri())
            figures[attempt] = driver.execute_script(
                "return performance.getEntriesByType('navigation')[0].loadEventEnd / 1000"
            )
        before, began = renders(driver), time.perf_counter()
        driver.find_element(By.ID, "next").click()
        WebDriverWait(driver, 30).until(lambda d: renders(d) > before)
        figures["next_page_s"] = time.perf_counter() - began
        driver.execute_script("window.scrollTo(0, document.body.scrollHeight)")
        figures["scrolled_px"] = driver.execute_script("return window.scrollY")
        figures["filter_s"] = driver.execute_async_script(FILTER, "coffee") / 1000
        figures["coffee_stories"] = float(
            driver.find_element(By.ID, "status").text.split(" of ")[1].split()[0].replace(",", "")
        )
    figures["stories"] = run.stats.unique_stories
    figures["with_copies"] = sum(len(r.occurrences) > 1 for r in run.stories)
    return figures


def screenshot(out: Path) -> None:
    """The seeds and an edited copy of the Tajikistan story, as the report shows them."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "seeds").symlink_to(SEEDS)
        (root / "reposted").mkdir()
        (root / "reposted" / "tajikistan.txt").write_text(edited_tajikistan(), "utf-8")
        paths = ["seeds", "reposted"]
        here = Path.cwd()
        os.chdir(root)  # so that the page shows the paths as given: seeds/000_….txt
        try:
            run, bodies = dedupe_with_bodies(paths)
        finally:
            os.chdir(here)
        page = root / "report.html"
        write_html(run, page, bodies=bodies, inputs=paths, elapsed=0.12)
        with browser(1200, 1250) as driver:
            open_report(driver, page.as_uri())
            driver.save_screenshot(str(out))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, help="the Reuters docs/ folder, if unpacked")
    parser.add_argument("--shot", type=Path, help="write the seeds screenshot to this PNG")
    args = parser.parse_args()
    if args.shot:
        screenshot(args.shot)
        print(f"wrote {args.shot}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.folder
        if folder is None:
            folder = datasets.unpack(datasets.REUTERS_TARBALL, Path(tmp)) / "reuters21578" / "docs"
        figures = measure(folder, Path(tmp) / "reuters.html")
    for name, value in figures.items():
        print(f"{name:>16}  {value:,.2f}")


if __name__ == "__main__":
    main()
