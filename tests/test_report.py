"""The HTML report: word differences, escaping of input text, the summary, determinism, the CLI."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import provenance
from provenance import export, report
from provenance.cli import command
from provenance.diff import ADD, CHANGE, KEEP, REMOVE, word_diff
from provenance.model import Skipped
from provenance.pipeline import dedupe_with_bodies
from provenance.records import Occurrence, Report, Stats, StoryRecord

from .conftest import SEEDS, make_body, make_title, page_story, write_page

EVIL = "</script><script>window.pwned = 1</script><!--<script>"
TAJIKISTAN = "Pakistan says $50 million meat export deal with Tajikistan nearing finalization"


def copy_text(segments: tuple[tuple[str, ...], ...]) -> str:
    """The copy, put back together from its segments."""
    return "".join(s[-1] for s in segments if s[0] != REMOVE)


def canonical_text(segments: tuple[tuple[str, ...], ...]) -> str:
    return "".join(s[1] for s in segments if s[0] != ADD)


def data_of(page: str) -> dict[str, Any]:
    """The JSON block of a report page, parsed as the page's script parses it."""
    found = re.search(r'<script type="application/json" id="data">(.*?)</script>', page, re.S)
    assert found is not None
    return json.loads(found.group(1))  # type: ignore[no-any-return]


def occurrence(path: str, start: int, title: str, evidence: str, sim: float = 1.0) -> Occurrence:
    return Occurrence(
        path=path,
        start=start,
        end=start + 100,
        line_start=1,
        line_end=5,
        title=title,
        date="2025-12-09",
        similarity=sim,
        title_similarity=100.0,
        evidence=evidence,
    )


def a_report(title: str = "A headline", text: str = "one two three four", path: str = "a.txt"):  # type: ignore[no-untyped-def]
    """A report of two stories: one with two copies (the second edited), one alone."""
    record = StoryRecord(
        story_id="0123456789abcdef",
        title=title,
        date="2025-12-09",
        text=text,
        occurrences=[
            occurrence(path, 0, title, "canonical"),
            occurrence("b.txt", 10, title + " again", "minhash", 0.6),
        ],
    )
    alone = StoryRecord(
        story_id="fedcba9876543210",
        title="Alone",
        date=None,
        text="just this",
        occurrences=[occurrence("c.txt", 0, "Alone", "canonical")],
    )
    stats = Stats(files=3, skipped=1, stories_found=3, unique_stories=2, duplicate_occurrences=1)
    skipped = [Skipped(f"bad{EVIL}.txt", f"binary file {EVIL}")]
    bodies = {(path, 0): text, ("b.txt", 10): "one two 3 four five", ("c.txt", 0): "just this"}
    return Report(stories=[alone, record], skipped=skipped, stats=stats), bodies


# word differences


def test_identical_texts_are_one_kept_segment() -> None:
    found = word_diff("The same words\nhere.", "The same words\nhere.")
    assert found.segments == ((KEEP, "The same words\nhere."),)
    assert (found.added, found.removed, found.changed, found.truncated) == (0, 0, 0, 0)


def test_added_removed_and_changed_words_are_told_apart() -> None:
    canonical = "The minister said on Tuesday that a landlocked state will buy meat."
    copy = "The minister said on Wednesday that a state will now buy meat."
    found = word_diff(canonical, copy)
    assert (CHANGE, "Tuesday ", "Wednesday ") in found.segments
    assert (REMOVE, "landlocked ") in found.segments
    assert (ADD, "now ") in found.segments
    assert (found.added, found.removed, found.changed) == (1, 1, 1)
    assert copy_text(found.segments) == copy
    assert canonical_text(found.segments) == canonical


def test_line_breaks_of_the_copy_are_kept() -> None:
    canonical = "First paragraph here.\nSecond paragraph there."
    copy = "  First paragraph here.\n\nSecond paragraph everywhere."
    found = word_diff(canonical, copy)
    assert copy_text(found.segments) == copy
    assert found.segments[-1] == (CHANGE, "there.", "everywhere.")


def test_empty_sides() -> None:
    assert word_diff("", "").segments == ()
    gone = word_diff("a b", "")
    assert gone.segments == ((REMOVE, "a b"),)
    assert gone.removed == 2
    new = word_diff("", "a b")
    assert new.segments == ((ADD, "a b"),)
    assert new.added == 2


def test_words_past_the_cap_are_shown_unmarked() -> None:
    canonical = " ".join(f"w{i}" for i in range(50))
    copy = canonical.replace("w3 ", "x3 ") + " extra tail words"
    found = word_diff(canonical, copy, max_words=20)
    assert found.truncated == 33  # the copy's 53 words, 20 of them compared
    assert copy_text(found.segments) == copy
    assert found.segments[-1][0] == KEEP
    assert "extra tail words" in found.segments[-1][1]
    assert found.changed == 1


# the page's data and escaping


def test_script_json_holds_no_markup_characters() -> None:
    value = {"text": EVIL + " & <b>", "path": "x</script>.txt"}
    encoded = report.script_json(value)
    assert not set("<>&") & set(encoded)
    assert json.loads(encoded) == value


def test_input_text_cannot_open_or_close_a_tag() -> None:
    run, bodies = a_report(title=f"Title {EVIL}", text=f"Body {EVIL} end", path=f"p{EVIL}.txt")
    page = report.render_html(run, bodies=bodies, inputs=[f"in{EVIL}"])
    # the page's own two script elements and nothing else
    assert page.count("<script") == 2
    assert page.count("</script") == 2
    assert "<!--" not in page
    assert "window.pwned" in page  # the text is there, as data or escaped
    data = data_of(page)
    shown = {s["id"]: s for s in data["stories"]}["0123456789abcdef"]
    assert shown["title"] == f"Title {EVIL}"
    assert shown["text"] == f"Body {EVIL} end"
    assert shown["occ"][0]["path"] == f"p{EVIL}.txt"
    assert html_escaped(f"bad{EVIL}.txt") in page
    assert html_escaped(f"in{EVIL}") in page


def html_escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def test_the_page_allows_only_its_own_script_and_style() -> None:
    run, bodies = a_report()
    page = report.render_html(run, bodies=bodies)
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    assert csp is not None
    policy = csp.group(1).replace("&#x27;", "'")
    assert "default-src 'none'" in policy
    style = re.search(r"<style>(.*?)</style>", page, re.S)
    script = re.search(r"<script>(.*?)</script>", page, re.S)
    assert style is not None
    assert script is not None
    for directive, source in (("style-src", style.group(1)), ("script-src", script.group(1))):
        digest = base64.b64encode(hashlib.sha256(source.encode()).digest()).decode()
        assert f"{directive} 'sha256-{digest}'" in policy
    assert "http://" not in page
    assert "https://" not in page


def test_copies_carry_their_differences() -> None:
    run, bodies = a_report()
    data = report.page_data(run, bodies)
    first = data["stories"][0]
    assert first["id"] == "0123456789abcdef"  # two copies before one
    canonical, copy = first["occ"]
    assert canonical["diff"] == "canonical"
    assert copy["diff"]["seg"] == [
        ["=", "one two "],
        ["~", "three ", "3 "],
        ["=", "four "],
        ["+", "five"],
    ]
    assert (copy["diff"]["add"], copy["diff"]["rem"], copy["diff"]["chg"]) == (1, 0, 1)
    assert copy["tdiff"] == [["=", "A headline "], ["+", "again"]]
    assert (copy["ev"], copy["sim"], copy["tsim"]) == ("minhash", 0.6, 100.0)
    assert "tdiff" not in canonical


def test_same_text_and_missing_text() -> None:
    run, bodies = a_report()
    same = dict(bodies)
    same["b.txt", 10] = "one two three four"
    assert report.page_data(run, same)["stories"][0]["occ"][1]["diff"] == "same"
    assert report.page_data(run, {})["stories"][0]["occ"][1]["diff"] is None


def test_stories_are_ordered_by_copies_then_files_then_place() -> None:
    run, _ = dedupe_with_bodies([SEEDS])
    ordered = report.ordered(run.stories)
    assert ordered[0].title == TAJIKISTAN
    keys = [(-len(r.occurrences), -len(r.files)) for r in ordered]
    assert keys == sorted(keys)


# the summary


def test_summary_lists_counts_time_and_skipped_inputs() -> None:
    run, _ = a_report()
    summary = report.summary_html(
        run, inputs=["pages/"], settings=provenance.Settings(), elapsed=1.234
    )
    assert "<td>pages/</td>" in summary
    for label, value in (("Documents read", "3"), ("Unique stories", "2"), ("Duplicates", "1")):
        assert f"<tr><th>{label}</th><td>{value}</td></tr>" in summary
    assert "<tr><th>Time</th><td>1.23 s</td></tr>" in summary
    assert "Skipped inputs (1)" in summary
    assert html_escaped(f"binary file {EVIL}") in summary
    assert "<tr><th>threshold</th><td>0.5</td></tr>" in summary
    assert "Time" not in report.summary_html(run)


def test_a_long_skipped_list_is_cut(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(report, "MAX_SKIPPED", 2)
    run, _ = a_report()
    many = [Skipped(f"f{i}.txt", "empty file") for i in range(5)]
    summary = report.summary_html(Report(run.stories, many, run.stats))
    assert summary.count("empty file") == 2
    assert "and 3 more" in summary


# determinism


def test_the_same_run_gives_the_same_bytes(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    write_page(pages / "a.txt", [(make_title(1), make_body(1)), (make_title(2), make_body(2))])
    edited = make_body(2).replace("the", "a", 3)
    write_page(pages / "b.txt", [(make_title(3), make_body(3)), (make_title(2), edited)])
    outputs = []
    for order in ([SEEDS, pages], [pages, SEEDS]):
        run, bodies = dedupe_with_bodies(order)
        out = tmp_path / f"{len(outputs)}.html"
        provenance.write_html(run, out, bodies=bodies, inputs=["x"], elapsed=0.5)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    data = data_of(outputs[0].decode("utf-8"))
    diffs = [o["diff"] for s in data["stories"] for o in s["occ"] if isinstance(o["diff"], dict)]
    assert diffs  # the edited copy is shown with its differences
    assert all(d["chg"] + d["add"] + d["rem"] > 0 for d in diffs)


# the command


def invoke(*args: str) -> Result:
    return CliRunner().invoke(command, list(args))


def test_cli_writes_the_report(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    result = invoke(str(SEEDS), "--html", str(target), "-q")
    assert result.exit_code == 0, result.output
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    stories = data_of(page)["stories"]
    assert len(stories) == 15
    assert stories[0]["title"] == TAJIKISTAN
    assert [o["diff"] for o in stories[0]["occ"]] == ["canonical", "same", "same"]
    assert "<tr><th>Documents read</th><td>5</td></tr>" in page
    assert re.search(r"<tr><th>Time</th><td>\d+\.\d\d s</td></tr>", page)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]
    assert oct(target.stat().st_mode & 0o777) == oct(0o666 & ~_umask())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_cli_reports_differ_only_in_the_time(tmp_path: Path) -> None:
    pages = []
    for name in ("a.html", "b.html"):
        assert invoke(str(SEEDS), "--html", str(tmp_path / name), "-q").exit_code == 0
        page = (tmp_path / name).read_text(encoding="utf-8")
        pages.append(re.sub(r"<th>Time</th><td>[^<]*</td>", "", page))
    assert pages[0] == pages[1]


def test_the_page_does_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    pages = []
    for seed in ("1", "2"):
        target = tmp_path / f"{seed}.html"
        subprocess.run(
            [sys.executable, "-m", "provenance", str(SEEDS), "--html", str(target), "-q"],
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        pages.append(re.sub(r"<th>Time</th><td>[^<]*</td>", "", target.read_text("utf-8")))
    assert pages[0] == pages[1]


def test_a_run_without_stories(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    result = invoke(str(tmp_path / "missing.txt"), "--html", str(target), "-q")
    assert result.exit_code == 1
    page = target.read_text(encoding="utf-8")
    assert data_of(page)["stories"] == []
    assert "Skipped inputs (1)" in page
    assert "no such file or directory" in page


def test_cli_html_is_written_atomically(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "report.html"
    target.write_text("old report\n", encoding="utf-8")

    def full_disk(source: str, destination: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export.os, "replace", full_disk)
    result = invoke(str(SEEDS), "--html", str(target), "-q")
    assert result.exit_code == 3
    assert "No space left on device" in result.stderr
    assert target.read_text(encoding="utf-8") == "old report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]


def test_cli_html_in_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    target = tmp_path / "no" / "report.html"
    result = invoke(str(SEEDS), "--html", str(target), "-q")
    assert result.exit_code == 2
    assert "--html" in result.stderr
    assert not target.exists()


def test_input_with_script_tags_through_the_cli(tmp_path: Path) -> None:
    pages = tmp_path / f"x{EVIL.replace('/', '')}"
    pages.mkdir()
    title = f"{make_title(5)} {EVIL}"
    (pages / "page.txt").write_text(page_story(title, make_body(5) + f"\n\n{EVIL}"), "utf-8")
    target = tmp_path / "report.html"
    assert invoke(str(pages), "--html", str(target), "-q").exit_code == 0
    page = target.read_text(encoding="utf-8")
    assert page.count("<script") == 2
    (story,) = data_of(page)["stories"]
    assert EVIL in story["title"]
    assert EVIL in story["text"]
