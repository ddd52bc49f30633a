"""The synthetic corpus generator (benchmarks/synthetic.py): exact, deterministic truth.

Most tests run on eight made-up stories written here, so they need no data; the
ones marked `real_data` read ../shared/data and are skipped when it is absent.
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest

import provenance
from benchmarks.synthetic import (
    NOISE,
    TEMPLATES,
    TRANSFORMS,
    Corpus,
    Source,
    Span,
    edit_words,
    excerpt,
    generate,
    load_bodies,
    read_truth,
    retitle,
    reuters_paragraphs,
    slug_title,
    trim,
    write,
)

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
TARBALLS = ("aeb-extraction-variants.tar.gz", "reuters21578.tar.gz")

# Eight short stories about places and people that do not exist: ~120 words each.
_STORIES = {
    "Ferry service to Holm Island resumes after three-week harbour repair": (
        "The ferry link between Port Elmsworth and Holm Island resumed on Monday morning after "
        "engineers finished rebuilding the eastern pier, which storms had cracked early last "
        "month, the harbour authority said.",
        "About 140 passengers crossed on the first sailing, many of them islanders who had "
        "relied on a small charter boat to reach the mainland hospital and the weekly market. "
        "Timetables return to normal from Wednesday.",
        "Harbour master Ilse Verran said the new pier rests on deeper piles and should survive "
        "waves twice as high as the ones that damaged it. The repair cost 2.3 million crowns, "
        "paid mostly from the regional storm fund.",
    ),
    "Valdera orchestra names violinist Tomasz Reyl as its first guest conductor": (
        "The Valdera Civic Orchestra has appointed violinist Tomasz Reyl as its first guest "
        "conductor, the orchestra's board announced on Thursday, ending a search that began "
        "when its founding director retired in the spring.",
        "Reyl, 41, has played with the orchestra for twelve years and led several of its "
        "summer concerts in the old salt warehouse by the river. He will conduct four "
        "programmes next season, including a new cello concerto.",
        "Board chair Amalia Ostrova said audiences had responded warmly to his rehearsal "
        "style, which mixes strict timing with long conversations about each piece. Ticket "
        "sales for the autumn series opened this week.",
    ),
    "Brennick council approves plan to turn disused rail yard into housing": (
        "Councillors in Brennick voted eleven to four on Tuesday to turn the disused Larch "
        "Street rail yard into a neighbourhood of 600 homes, a school and a public park, "
        "ending two years of debate over the site.",
        "The developer, a cooperative formed by three local builders, must keep the old "
        "signal tower and the brick engine shed, which residents want to convert into a "
        "library and a cafe.",
        "Opponents argued that traffic on the ring road would grow too heavy. The council "
        "answered that a new tram stop, funded by the developer, would open before the first "
        "families move in, which is expected in four years.",
    ),
    "Drought leaves Lake Ismere at its lowest level in forty years": (
        "Water in Lake Ismere has fallen to its lowest level since records began forty years "
        "ago, the regional water office said on Friday, exposing sandbanks and the ruins of "
        "a village flooded when the dam was built.",
        "Farmers around the lake have been told to cut irrigation by a third until the autumn "
        "rains arrive. Boat rentals at the northern shore closed early this season because "
        "the jetties now stand on dry ground.",
        "Hydrologist Petra Lunde said the winter snowpack in the Corran hills had been thin "
        "for three years in a row. She expects the lake to recover slowly, over two or three "
        "wet seasons, if rainfall returns to its average.",
    ),
    "Startup in Olvana builds bicycles from recycled fishing nets": (
        "A startup in the coastal town of Olvana has begun selling bicycle frames made from "
        "recycled fishing nets, collecting the discarded nylon from trawlers that dock in its "
        "harbour every morning.",
        "Founder Marek Solden said the company melts the nets into pellets and presses them "
        "into frames that weigh about as much as aluminium ones. The first 300 bicycles sold "
        "out within a week of going on sale.",
        "The town's fishing association welcomed the project, saying crews had long paid to "
        "dispose of old nets. Solden plans to open a second workshop next year and to try "
        "making scooter decks from the same material.",
    ),
    "Museum in Carrow returns medieval map after owner proves family claim": (
        "The Carrow Museum of History has returned a medieval map of the river valley to the "
        "family of a merchant who lent it to the museum a century ago, after a court accepted "
        "papers proving the loan.",
        "The map, drawn on goatskin around 1420, shows mills, ferries and toll houses that "
        "no longer exist. Historians consider it the oldest surviving picture of the valley "
        "and had feared it would be sold abroad.",
        "The family said they would keep the map on display in Carrow for at least ten more "
        "years under a new agreement. Museum director Lena Hovik called the outcome fair and "
        "thanked the family for their patience.",
    ),
    "Rescue teams free twelve hikers trapped by rockfall on Mount Sarrel": (
        "Rescue teams freed twelve hikers on Sunday who had been trapped overnight on Mount "
        "Sarrel after a rockfall blocked the only path down from the upper meadow, the "
        "mountain rescue service said.",
        "A helicopter lifted four of them, including a child with a broken wrist, while the "
        "others walked down a rope route that climbers fixed across the slope before dawn. "
        "Nobody else was seriously hurt.",
        "Geologists believe heavy rain loosened the rocks above the trail. The park service "
        "closed the upper meadow until engineers can inspect the cliff, and asked walkers to "
        "use the longer southern path for the rest of the month.",
    ),
    "Kestrel Valley school wins national prize for student-built weather station": (
        "Students at the Kestrel Valley secondary school have won a national science prize "
        "for a weather station they built from spare parts, which now sends readings to the "
        "village website every ten minutes.",
        "The team of nine students spent two terms soldering sensors, writing software and "
        "testing the station through a freezing winter on the school roof. Judges praised "
        "their careful records of every failed design.",
        "Teacher Oskar Vint said the prize money would buy a second station for the "
        "neighbouring village, so that farmers in both places can compare rainfall. The "
        "students will present the project at a conference in the capital.",
    ),
}
SOURCES = [
    Source(f"fiction:{n:02d}", title, paragraphs, "fiction")
    for n, (title, paragraphs) in enumerate(_STORIES.items())
]
BY_KEY = {s.key: s for s in SOURCES}


def squash(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def corpora() -> dict[str, Corpus]:
    """One corpus per noise level, all eight stories, seed 1."""
    return {noise: generate(SOURCES, stories=8, noise=noise, seed=1) for noise in NOISE}


def test_made_up_stories_are_about_120_words() -> None:
    assert all(100 <= s.words <= 140 for s in SOURCES)


def test_same_seed_gives_the_same_corpus_and_another_seed_another() -> None:
    for noise in NOISE:
        a = generate(SOURCES, stories=8, noise=noise, seed=7)
        b = generate(list(reversed(SOURCES)), stories=8, noise=noise, seed=7)
        assert a.pages == b.pages
        assert a.truth == b.truth
        c = generate(SOURCES, stories=8, noise=noise, seed=8)
        assert c.pages != a.pages


@pytest.mark.parametrize("noise", list(NOISE))
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_every_span_is_exactly_its_story_block(noise: str, seed: int) -> None:
    corpus = generate(SOURCES, stories=8, noise=noise, seed=seed)
    assert corpus.truth
    for span in corpus.truth:
        page = corpus.pages[span.page]
        assert 0 <= span.start < span.end <= len(page)
        block = page[span.start : span.end]
        assert span.start == 0 or page[span.start - 1] == "\n", "a block starts at a line"
        assert block.split("\n", 1)[0] == span.title, "a block starts with its headline"
        assert block == block.strip()
        source = BY_KEY[span.story]
        if "swap" not in span.transforms:
            assert squash(source.paragraphs[0])[:40] in squash(block)
        if set(span.transforms) <= {"widget", "retitle"}:
            assert squash(block).endswith(squash(source.paragraphs[-1]))
        if "excerpt" in span.transforms:
            assert block.endswith("...")


def test_stories_never_share_a_block() -> None:
    """Every paragraph inside a block belongs to that block's story, or is page furniture."""
    corpus = generate(SOURCES, stories=8, noise="high", seed=3)
    for span in corpus.truth:
        block = squash(corpus.pages[span.page][span.start : span.end])
        for other in SOURCES:
            if other.key != span.story:
                for paragraph in other.paragraphs:
                    assert squash(paragraph)[20:80] not in block


def test_every_noise_level_runs_and_high_noise_uses_every_transform(
    corpora: dict[str, Corpus],
) -> None:
    for noise, corpus in corpora.items():
        assert corpus.pages, noise
        assert corpus.truth, noise
    assert not any(set(s.transforms) - {"widget"} for s in corpora["clean"].truth)
    used: Counter[str] = Counter()
    for seed in range(4):
        for span in generate(SOURCES, stories=8, noise="high", seed=seed).truth:
            used.update(span.transforms)
    assert set(used) == set(TRANSFORMS)


def test_every_template_is_used_and_pages_carry_several_stories() -> None:
    corpus = generate(SOURCES, stories=8, noise="medium", seed=0)
    assert {span.template for span in corpus.truth} == set(TEMPLATES)
    assert {name.split("-")[1] for name in corpus.pages} == set(TEMPLATES)
    per_page = Counter(span.page for span in corpus.truth)
    assert max(per_page.values()) >= 2
    assert all(re.fullmatch(r"site-[a-z]+-\d{4}\.txt", name) for name in corpus.pages)
    assert list(corpus.pages) == sorted(corpus.pages)


@pytest.mark.parametrize("noise", list(NOISE))
def test_some_stories_have_one_page_and_others_several(noise: str) -> None:
    for seed in range(3):
        pages: dict[str, set[str]] = defaultdict(set)
        for span in generate(SOURCES, stories=8, noise=noise, seed=seed).truth:
            pages[span.story].add(span.page)
        counts = [len(p) for p in pages.values()]
        assert len(counts) == 8
        assert min(counts) == 1
        assert max(counts) >= 2
        assert max(counts) <= NOISE[noise].max_copies


def test_excerpts_are_shorter_than_full_copies() -> None:
    excerpts: dict[str, list[int]] = defaultdict(list)
    full: dict[str, list[int]] = defaultdict(list)
    for seed in range(6):
        corpus = generate(SOURCES, stories=8, noise="high", seed=seed)
        for span in corpus.truth:
            block = squash(corpus.pages[span.page][span.start : span.end])
            source = BY_KEY[span.story]
            body = squash(" ".join(source.paragraphs))
            if "excerpt" in span.transforms and "swap" not in span.transforms:
                story_part = block[block.index(squash(source.paragraphs[0])[:40]) :]
                assert len(story_part) < 0.85 * len(body)
                excerpts[span.template].append(span.end - span.start)
            elif not set(span.transforms) & {"excerpt", "trim", "addendum"}:
                full[span.template].append(span.end - span.start)
    compared = [t for t in excerpts if t in full]
    assert len(compared) >= 3
    for template in compared:
        mean = sum(excerpts[template]) / len(excerpts[template])
        assert mean < sum(full[template]) / len(full[template]), template


def test_write_keeps_offsets_valid_after_reading_back(tmp_path: Path) -> None:
    corpus = generate(SOURCES, stories=8, noise="medium", seed=2)
    (tmp_path / "site-wire-9999.txt").write_text("stale page of an earlier run\n")
    (tmp_path / "notes.txt").write_text("not ours\n")
    write(corpus, tmp_path)
    assert not (tmp_path / "site-wire-9999.txt").exists()
    assert (tmp_path / "notes.txt").exists()
    for name, text in corpus.pages.items():
        with open(tmp_path / name, encoding="utf-8") as handle:
            assert handle.read() == text
        assert b"\r" not in (tmp_path / name).read_bytes()
    rows = [json.loads(line) for line in (tmp_path / "truth.jsonl").read_text().splitlines()]
    assert [set(row) >= {"page", "story", "start", "end", "transforms"} for row in rows]
    truth = read_truth(tmp_path / "truth.jsonl")
    assert truth == corpus.truth
    for span in truth:
        text = (tmp_path / span.page).read_text(encoding="utf-8")
        assert text[span.start : span.end].startswith(span.title)


def test_generate_rejects_bad_arguments() -> None:
    with pytest.raises(ValueError, match="noise"):
        generate(SOURCES, stories=4, noise="extreme", seed=0)
    with pytest.raises(ValueError, match="distinct"):
        generate(SOURCES, stories=9, noise="low", seed=0)
    with pytest.raises(ValueError, match="unique"):
        generate([*SOURCES, SOURCES[0]], stories=2, noise="low", seed=0)


def test_transforms_do_what_they_say() -> None:
    rng = random.Random(0)
    paragraphs = list(SOURCES[0].paragraphs) + list(SOURCES[1].paragraphs)
    total = sum(len(p.split()) for p in paragraphs)
    for _ in range(50):
        cut = excerpt(rng, paragraphs)
        assert cut[-1].endswith("...")
        kept = sum(len(p.split()) for p in cut)
        assert 0.3 * total - 1 <= kept <= 0.6 * total + 1
        assert len(trim(rng, paragraphs)) in (len(paragraphs) - 1, len(paragraphs) - 2)
        assert retitle(rng, SOURCES[2].title) != SOURCES[2].title
    edited = edit_words(rng, paragraphs, 0.05)
    changed = sum(
        a != b
        for old, new in zip(paragraphs, edited, strict=True)
        for a, b in zip(old.split(), new.split(), strict=True)
    )
    assert 1 <= changed <= round(0.05 * total) + 1
    assert edited[0][:80] == paragraphs[0][:80]


def test_titles_from_url_slugs_and_wire_files() -> None:
    assert slug_title("https://example.com/2019/11/19/city-opens-new-river-bridge-1234567") == (
        "City Opens New River Bridge"
    )
    assert slug_title("https://example.com/news/a/123456/index.html") is None
    wire = (
        "ACME WIDGET <ACW> SEES HIGHER PROFIT\n\nSPRINGFIELD, March 3 - Acme Widget Co said\n"
        "profit will rise.\n    It gave no figures.\n REUTER\n"
    )
    assert reuters_paragraphs(wire) == (
        "ACME WIDGET <ACW> SEES HIGHER PROFIT",
        "SPRINGFIELD",
        ("Acme Widget Co said profit will rise.", "It gave no figures."),
    )


def test_load_bodies_says_what_is_missing(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="data folder"):
        load_bodies(tmp_path / "absent")
    with pytest.raises(FileNotFoundError, match="aeb-extraction-variants"):
        load_bodies(tmp_path)


def _found(corpus: Corpus, report: provenance.Report) -> tuple[list[Span], list[Span]]:
    """Spans with an occurrence covering >= 80% of them, and the others."""
    occurrences: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for record in report.stories:
        for o in record.occurrences:
            occurrences[Path(o.path).name].append((o.start, o.end))
    found: list[Span] = []
    missed: list[Span] = []
    for span in corpus.truth:
        cover = max(
            (min(end, span.end) - max(start, span.start) for start, end in occurrences[span.page]),
            default=0,
        )
        (found if cover >= 0.8 * (span.end - span.start) else missed).append(span)
    return found, missed


def test_dedupe_finds_the_stories_of_a_clean_corpus(tmp_path: Path) -> None:
    found: list[Span] = []
    missed: list[Span] = []
    for seed in range(4):
        corpus = generate(SOURCES, stories=8, noise="clean", seed=seed)
        folder = write(corpus, tmp_path / f"seed{seed}")
        hits, misses = _found(corpus, provenance.dedupe([folder]))
        found += hits
        missed += misses
    assert len(found) >= 0.95 * (len(found) + len(missed)), missed


real_data = pytest.mark.skipif(
    not all((DATA / name).is_file() for name in TARBALLS),
    reason=f"real data not found: {DATA} with {' and '.join(TARBALLS)}",
)


@pytest.fixture(scope="module")
def real_sources() -> list[Source]:
    return load_bodies(DATA)


@real_data
def test_load_bodies_reads_real_aeb_and_reuters_bodies(real_sources: list[Source]) -> None:
    by_origin = Counter(s.origin for s in real_sources)
    assert by_origin["aeb"] >= 150
    assert by_origin["reuters"] >= 1000
    assert all(s.words >= 80 for s in real_sources)
    assert [s.key for s in real_sources] == sorted(s.key for s in real_sources)
    assert len({s.key for s in real_sources}) == len(real_sources)
    assert all(s.title and s.paragraphs for s in real_sources)
    assert not any(
        p.rstrip().upper().endswith(" REUTER") for s in real_sources for p in s.paragraphs
    )


@real_data
def test_real_bodies_make_a_valid_corpus(real_sources: list[Source]) -> None:
    corpus = generate(real_sources, stories=60, noise="high", seed=5)
    by_key = {s.key: s for s in real_sources}
    assert len({s.story for s in corpus.truth}) == 60
    assert {s.story.split(":")[0] for s in corpus.truth} == {"aeb", "reuters"}
    for span in corpus.truth:
        block = corpus.pages[span.page][span.start : span.end]
        assert block.split("\n", 1)[0] == span.title
        if "swap" not in span.transforms:
            assert squash(by_key[span.story].paragraphs[0])[:40] in squash(block)
