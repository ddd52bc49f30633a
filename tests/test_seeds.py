"""End to end on the five real scraped pages in seeds/, through the command and the API."""

from __future__ import annotations

import collections
import itertools
import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import provenance
from provenance.cli import command
from provenance.text import normalize

from .conftest import SEEDS

TAJIKISTAN = "Pakistan says $50 million meat export deal with Tajikistan nearing finalization"
ARSHAD_1 = "Arshad Sharif’s killing: a well-planned elimination?"
ARSHAD_2 = (
    "Who killed Arshad Sharif? 5 questions that raise suspicions of the involvement of powers "
    "beyond the Kenyan police."
)
SUB_HEADINGS_001 = (
    "The Irony of Pakistan’s Kashmir Solidarity Campaign",
    "Dear Pakistan, Charity Begins At Home",
    "Pakistan Military’s Expanding ‘Campaign of Abduction’ — With Impunity",
    "Pakistan PM’s U-Turn on ‘Enforced Disappearances’",
)
BOILERPLATE_LINES = ("Short Url", "Follow", "Skip to main content", "Home Blog")
CAPTION = re.compile(r"\((?:Photo courtesy: AFP|Screen grab from video[^)]*|AFP)\)$")


def seed_files() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


def decoded(path: str | Path) -> str:
    return Path(path).read_bytes().decode("utf-8")


def run_jsonl(tmp_path: Path, *args: str, name: str = "out.jsonl") -> tuple[Any, bytes]:
    out = tmp_path / name
    result = CliRunner().invoke(command, [*args, "--jsonl", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    return result, out.read_bytes()


@pytest.fixture(scope="module")
def jsonl_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    out = tmp_path_factory.mktemp("seeds") / "stories.jsonl"
    result = CliRunner().invoke(command, [str(SEEDS), "--jsonl", str(out)])
    assert result.exit_code == 0, result.output
    return out.read_bytes()


@pytest.fixture(scope="module")
def records(jsonl_bytes: bytes) -> list[dict[str, Any]]:
    return [json.loads(line) for line in jsonl_bytes.decode("utf-8").splitlines()]


@pytest.fixture(scope="module")
def report() -> provenance.Report:
    return provenance.dedupe([SEEDS])


def by_title(records: list[dict[str, Any]], title: str) -> list[dict[str, Any]]:
    return [r for r in records if r["title"] == title]


def test_there_are_five_seed_pages() -> None:
    assert len(seed_files()) == 5


def test_fifteen_stories(records: list[dict[str, Any]], report: provenance.Report) -> None:
    assert len(records) == 15
    assert len(report.stories) == 15
    assert report.skipped == ()
    assert report.stats.files == 5
    assert report.stats.stories_found == 17
    assert report.stats.unique_stories == 15
    assert report.stats.duplicate_occurrences == 2
    assert len({r["story_id"] for r in records}) == 15


def test_stories_per_file(records: list[dict[str, Any]]) -> None:
    per_file = collections.Counter(
        Path(o["path"]).name[:3] for r in records for o in r["occurrences"]
    )
    assert per_file == {"000": 2, "001": 1, "002": 2, "003": 2, "004": 10}


def test_tajikistan_story_found_once_in_three_files(records: list[dict[str, Any]]) -> None:
    found = by_title(records, TAJIKISTAN)
    assert len(found) == 1
    story = found[0]
    assert [Path(f).name[:3] for f in story["files"]] == ["000", "002", "003"]
    assert len(story["occurrences"]) == 3
    assert story["date"] == "2025-12-09"
    assert [o["date"] for o in story["occurrences"]] == ["2025-12-09"] * 3
    assert story["occurrences"][0]["evidence"] == "canonical"
    assert {o["evidence"] for o in story["occurrences"][1:]} == {"exact"}
    # no other record mentions the Tajikistan deal: it was not split or duplicated
    others = [r for r in records if r is not story]
    assert not any("Tajikistan" in r["text"] or "Tajikistan" in r["title"] for r in others)


def test_every_other_story_has_one_file(records: list[dict[str, Any]]) -> None:
    for record in records:
        if record["title"] != TAJIKISTAN:
            assert len(record["files"]) == 1, record["title"]
            assert len(record["occurrences"]) == 1, record["title"]


def test_the_two_arshad_sharif_articles_are_different_stories(
    records: list[dict[str, Any]],
) -> None:
    first, second = by_title(records, ARSHAD_1), by_title(records, ARSHAD_2)
    assert len(first) == 1
    assert len(second) == 1
    assert first[0]["story_id"] != second[0]["story_id"]
    assert [Path(f).name[:3] for f in first[0]["files"]] == ["004"]
    assert [Path(f).name[:3] for f in second[0]["files"]] == ["004"]


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def test_offsets_point_at_the_story(records: list[dict[str, Any]]) -> None:
    texts = {str(p): decoded(p) for p in seed_files()}
    for record in records:
        lines = [line for line in record["text"].splitlines() if line.strip()]
        assert lines, record["title"]
        for occurrence in record["occurrences"]:
            text = texts[occurrence["path"]]
            start, end = occurrence["start"], occurrence["end"]
            assert 0 <= start < end <= len(text)
            span = text[start:end]
            if occurrence["title"]:
                assert occurrence["title"] in span
            if occurrence["evidence"] in ("canonical", "exact"):
                for line in lines:
                    assert line[:80] in span, (occurrence["path"], line[:80])
            assert occurrence["line_start"] == line_of(text, start)
            assert occurrence["line_end"] == line_of(text, end - 1)
            assert occurrence["line_start"] <= occurrence["line_end"]


def test_spans_of_one_file_do_not_overlap(records: list[dict[str, Any]]) -> None:
    spans = collections.defaultdict(list)
    for record in records:
        for occurrence in record["occurrences"]:
            spans[occurrence["path"]].append((occurrence["start"], occurrence["end"]))
    for path, found in spans.items():
        found.sort()
        for (_, end), (start, _) in itertools.pairwise(found):
            assert end <= start, path


def test_titles_are_not_repeated_in_the_text(records: list[dict[str, Any]]) -> None:
    for record in records:
        assert record["title"]
        assert record["title"] not in record["text"]
        assert normalize(record["title"]) not in normalize(record["text"])


def test_boilerplate_is_not_in_any_text(records: list[dict[str, Any]]) -> None:
    captions = [
        line.strip()
        for path in seed_files()
        for line in decoded(path).splitlines()
        if CAPTION.search(line.strip())
    ]
    assert len(captions) == 3  # 000, 002 and 003 each open with a photo caption
    for record in records:
        text = record["text"]
        lines = {line.strip() for line in text.splitlines()}
        for boilerplate in BOILERPLATE_LINES:
            assert boilerplate not in lines, (record["title"], boilerplate)
        assert not any(line.startswith("Updated ") for line in lines), record["title"]
        assert "Also Read" not in text, record["title"]
        for caption in captions:
            assert caption not in text, record["title"]
            assert caption[:60] not in text, record["title"]


def test_sub_headings_stay_inside_their_story(records: list[dict[str, Any]]) -> None:
    (story,) = [r for r in records if any(Path(f).name.startswith("001") for f in r["files"])]
    assert story["title"] == "Dear Pak, Kashmir Needs Solidarity – So Do ‘Missing’ Pakistanis"
    lines = story["text"].splitlines()
    for heading in SUB_HEADINGS_001:
        assert heading in lines
    # the story runs from its title to the author's note, before the teaser block
    assert story["text"].splitlines()[-1].startswith("(Taha Siddiqui is an award-winning")


def test_teasers_are_dropped(records: list[dict[str, Any]]) -> None:
    for record in records:
        for dropped in ("Popular posts from this blog", "SSG Commando Muddassir Iqbal"):
            assert dropped not in record["text"]
            assert dropped not in record["title"]
            for occurrence in record["occurrences"]:
                assert dropped not in occurrence["title"]


def test_the_api_gives_the_same_records(
    records: list[dict[str, Any]], report: provenance.Report
) -> None:
    assert [r.to_dict() for r in report.stories] == records
    for story in report.stories:
        assert story.occurrences[0] == story.canonical
        assert story.canonical.evidence == "canonical"


def test_output_is_deterministic(tmp_path: Path, jsonl_bytes: bytes) -> None:
    files = [str(p) for p in seed_files()]
    _, again = run_jsonl(tmp_path, str(SEEDS), name="again.jsonl")
    _, forward = run_jsonl(tmp_path, *files, name="forward.jsonl")
    _, backward = run_jsonl(tmp_path, *reversed(files), name="backward.jsonl")
    assert again == jsonl_bytes
    assert forward == jsonl_bytes
    assert backward == jsonl_bytes


def test_exit_code_and_table() -> None:
    result = CliRunner().invoke(command, [str(SEEDS)])
    assert result.exit_code == 0
    first_row = result.stdout.splitlines()[1]
    assert TAJIKISTAN[:40] in first_row  # the most-copied story comes first
    assert "    3  " in first_row
