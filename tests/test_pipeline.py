"""Properties of whole runs over generated corpora: order, copies, shared stories, stable ids."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

import provenance
from provenance import Settings, SettingsError, dedupe
from provenance.export import jsonl_lines

from .conftest import body_lines, make_body, make_title, write_page


def jsonl(report: provenance.Report) -> bytes:
    return "".join(jsonl_lines(report.stories)).encode("utf-8")


def variant(body: str, kind: str, rng: random.Random) -> str:
    """A copy of a story body as another site would carry it."""
    paragraphs = body.split("\n\n")
    if kind == "truncated":
        return "\n\n".join(paragraphs[:3])
    if kind == "edited":
        words = body.split(" ")
        for i in rng.sample(range(len(words)), len(words) // 50):
            words[i] = "reportedly"
        return " ".join(words)
    return body


def make_corpus(root: Path, seed: int) -> dict[int, set[str]]:
    """Pages sharing stories from a pool; returns pool story -> the files that carry it."""
    rng = random.Random(seed)
    pool = [(make_title(seed * 100 + k), make_body(seed * 100 + k)) for k in range(6)]
    carriers: dict[int, set[str]] = {}
    for f in range(rng.randint(3, 5)):
        path = root / f"site{rng.randint(0, 9)}" / f"page{f:02d}.txt"
        chosen = rng.sample(range(len(pool)), rng.randint(1, 3))
        stories = []
        for k in chosen:
            title, body = pool[k]
            kind = "exact" if k not in carriers else rng.choice(["exact", "edited", "truncated"])
            stories.append((title, variant(body, kind, rng)))
            carriers.setdefault(k, set()).add(str(path))
        write_page(path, stories)
    return carriers


@pytest.mark.parametrize("seed", range(6))
def test_generated_corpus_is_recovered(tmp_path: Path, seed: int) -> None:
    carriers = make_corpus(tmp_path, seed)
    report = dedupe([tmp_path])
    assert report.skipped == ()
    assert len(report.stories) == len(carriers)
    assert sorted(tuple(sorted(v)) for v in carriers.values()) == sorted(
        r.files for r in report.stories
    )
    for record in report.stories:
        assert record.date == "2025-12-09"
        assert record.occurrences[0].evidence == "canonical"
        assert {o.evidence for o in record.occurrences[1:]} <= {"exact", "minhash", "containment"}


@pytest.mark.parametrize("seed", range(4))
def test_input_order_does_not_change_the_output(tmp_path: Path, seed: int) -> None:
    make_corpus(tmp_path, seed)
    files = sorted(str(p) for p in tmp_path.rglob("*.txt"))
    expected = jsonl(dedupe([tmp_path]))
    rng = random.Random(seed)
    for _ in range(3):
        rng.shuffle(files)
        assert jsonl(dedupe(files)) == expected
    assert jsonl(dedupe(sorted(p.parent for p in map(Path, files)))) == expected


def test_a_copied_file_collapses_into_the_same_stories(tmp_path: Path) -> None:
    original = write_page(
        tmp_path / "a.txt", [(make_title(1), make_body(1)), (make_title(2), make_body(2))]
    )
    copy = tmp_path / "b" / "copy.txt"
    copy.parent.mkdir()
    shutil.copyfile(original, copy)
    alone = dedupe([original])
    both = dedupe([original, copy])
    assert len(both.stories) == len(alone.stories) == 2
    for record, single in zip(both.stories, alone.stories, strict=True):
        assert record.files == (str(original), str(copy))
        assert record.story_id == single.story_id
        assert record.canonical.path == str(original)
        assert [o.evidence for o in record.occurrences] == ["canonical", "exact"]
        assert (record.occurrences[0].start, record.occurrences[0].end) == (
            record.occurrences[1].start,
            record.occurrences[1].end,
        )
    assert both.stats.duplicate_occurrences == 2


@pytest.mark.parametrize("kind", ["exact", "edited"])
def test_a_story_shared_by_two_different_pages(tmp_path: Path, kind: str) -> None:
    shared_title, shared_body = make_title(50), make_body(50)
    copy_body = variant(shared_body, kind, random.Random(1))
    one = write_page(
        tmp_path / "one.txt", [(make_title(51), make_body(51)), (shared_title, shared_body)]
    )
    two = write_page(
        tmp_path / "two.txt", [(make_title(52), make_body(52)), (shared_title, copy_body)]
    )
    report = dedupe([tmp_path])
    assert len(report.stories) == 3
    (shared,) = [r for r in report.stories if r.title == shared_title]
    assert shared.files == (str(one), str(two))
    bodies = {str(one): shared_body, str(two): copy_body}
    assert shared.text == "\n".join(body_lines(bodies[shared.canonical.path]))
    expected = "exact" if kind == "exact" else "minhash"
    assert [o.evidence for o in shared.occurrences] == ["canonical", expected]
    for occurrence in shared.occurrences:
        body = bodies[occurrence.path]
        text = Path(occurrence.path).read_text(encoding="utf-8")
        span = text[occurrence.start : occurrence.end]
        assert span.startswith(shared_title)
        assert body_lines(body)[0][:80] in span
        assert span.rstrip().endswith(body_lines(body)[-1])
        assert occurrence.line_start == text.count("\n", 0, occurrence.start) + 1
        assert occurrence.line_end == text.count("\n", 0, occurrence.end - 1) + 1
        assert occurrence.title == shared_title
        assert occurrence.date == "2025-12-09"
    others = [r for r in report.stories if r is not shared]
    assert sorted(len(r.files) for r in others) == [1, 1]


JAPANESE = [
    "市の図書館は来月から開館時間を延長すると発表した。",
    "平日は午後九時まで利用できるようになる。",
    "仕事帰りの利用者から要望が多く寄せられていたという。",
    "館長は記者会見で、若い世代にも足を運んでほしいと話した。",
    "延長に合わせて、閲覧席も二十席ほど増やす予定だ。",
    "新しい席には電源と照明が備えられる。",
    "一方で、職員の負担が増えるとの声もある。",
    "市は臨時職員を五人採用して対応する方針だ。",
    "図書館の利用者数は三年前から減り続けていた。",
    "市は今回の取り組みで利用者を一割増やすことを目指している。",
    "また、子ども向けの読み聞かせ会も毎週土曜日に開く。",
    "詳しい日程は市のホームページで公開される。",
]


def test_an_excerpt_in_a_script_without_spaces_joins_its_article(tmp_path: Path) -> None:
    # Japanese writes no spaces: taken a clause at a time, the excerpt (every third
    # sentence left out, the rest run together) would share no shingle with its article.
    (tmp_path / "article.txt").write_text("\n\n".join(JAPANESE) + "\n", encoding="utf-8")
    excerpt = "".join(s for i, s in enumerate(JAPANESE) if i % 3 != 1)
    (tmp_path / "excerpt.txt").write_text(excerpt + "\n", encoding="utf-8")
    (story,) = dedupe([tmp_path]).stories
    assert story.files == (str(tmp_path / "article.txt"), str(tmp_path / "excerpt.txt"))


def test_story_ids_do_not_depend_on_the_rest_of_the_run(tmp_path: Path) -> None:
    make_corpus(tmp_path / "corpus", 3)
    before = {r.title: r.story_id for r in dedupe([tmp_path / "corpus"]).stories}
    write_page(tmp_path / "extra" / "unrelated.txt", [(make_title(999), make_body(999))])
    write_page(tmp_path / "0first" / "another.txt", [(make_title(998), make_body(998))])
    after = {r.title: r.story_id for r in dedupe([tmp_path]).stories}
    assert len(after) == len(before) + 2
    for title, story_id in before.items():
        assert after[title] == story_id


def test_record_date_is_the_earliest_when_the_canonical_has_none(tmp_path: Path) -> None:
    title, body = make_title(60), make_body(60)
    (tmp_path / "full.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    truncated = "\n\n".join(body.split("\n\n")[:3])
    (tmp_path / "dated.txt").write_text(
        f"{title}\n\nUpdated 06 July 2019\nFollow\n\n{title}\n\n{truncated}\n", encoding="utf-8"
    )
    report = dedupe([tmp_path])
    assert len(report.stories) == 1
    record = report.stories[0]
    assert record.canonical.path == str(tmp_path / "full.txt")
    assert record.canonical.date is None
    assert record.date == "2019-07-06"


def test_stats(tmp_path: Path) -> None:
    carriers = make_corpus(tmp_path, 1)
    (tmp_path / "empty.txt").write_bytes(b"")
    report = dedupe([tmp_path, tmp_path / "missing.txt"])
    found = sum(len(r.occurrences) for r in report.stories)
    assert report.stats.files == len(list(tmp_path.rglob("*.txt"))) - 1
    assert report.stats.skipped == 2
    assert report.stats.unique_stories == len(carriers) == len(report.stories)
    assert report.stats.stories_found == found
    assert report.stats.duplicate_occurrences == found - len(carriers)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("threshold", 2),
        ("threshold", -0.1),
        ("threshold", "x"),
        ("num_perm", "x"),
        ("num_perm", 4),
        ("num_perm", 12.5),
        ("num_perm", True),
        ("shingle_size", 0),
        ("containment", 1.5),
        ("title_threshold", 101),
        ("lsh_threshold", 0),
        ("max_bucket", 1),
        ("max_bytes", 0),
        ("min_words", -1),
    ],
)
def test_settings_validation(field: str, value: object) -> None:
    with pytest.raises(ValueError, match=field) as caught:
        Settings(**{field: value})
    assert isinstance(caught.value, SettingsError)
    assert isinstance(caught.value, provenance.ProvenanceError)
    with pytest.raises(SettingsError, match=field):
        Settings().replace(**{field: value})


def test_settings_threshold_two() -> None:
    with pytest.raises(provenance.SettingsError, match="threshold"):
        Settings(threshold=2)
    with pytest.raises(ValueError, match="num_perm"):
        Settings(num_perm="x")  # type: ignore[arg-type]


def test_settings_are_frozen_and_fingerprinted() -> None:
    default = Settings()
    with pytest.raises(AttributeError):
        default.threshold = 0.9  # type: ignore[misc]
    assert default.replace(threshold=0.9).threshold == 0.9
    assert default.fingerprint() == Settings().fingerprint()
    assert default.fingerprint() == default.replace(threshold=0.9).fingerprint()
    assert default.fingerprint() != default.replace(num_perm=64).fingerprint()


@pytest.mark.parametrize("lsh_threshold", [0.05, 0.5, 0.9, 1.0])
@pytest.mark.parametrize("num_perm", [8, 128, 1024])
def test_every_accepted_setting_runs(tmp_path: Path, lsh_threshold: float, num_perm: int) -> None:
    """Settings either refuses a value (SettingsError) or a run with it works."""
    write_page(tmp_path / "a.txt", [(make_title(1), make_body(1))])
    write_page(tmp_path / "b.txt", [(make_title(1), make_body(1))])
    try:
        chosen = Settings(lsh_threshold=lsh_threshold, num_perm=num_perm)
    except SettingsError as error:
        message = str(error)
        chosen = None
    if chosen is None:
        assert "lsh_threshold" in message or "num_perm" in message
        return
    report = dedupe([tmp_path], chosen)
    assert len(report.stories) == 1
    assert len(report.stories[0].files) == 2


def test_legacy_encoded_file_records_its_encoding(tmp_path: Path) -> None:
    text = (
        "Le café de la gare était fermé à cause de la grève; les élèves attendaient « le train » "
        "encore une fois. Ça n’a pas empêché le maître d’hôtel de préparer un déjeuner complet.\n"
    )
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode("cp1252"))
    (document,), _ = provenance.read_documents([path], Settings())
    assert document.encoding != "utf-8"
    report = dedupe([path])
    (record,) = report.stories
    (occurrence,) = record.occurrences
    assert occurrence.encoding == document.encoding
    assert occurrence.to_dict()["encoding"] == document.encoding
    span = document.text[occurrence.start : occurrence.end]
    for line in record.text.splitlines():
        assert line in span


def test_output_is_the_same_for_one_and_several_workers(tmp_path: Path) -> None:
    for n in range(300):  # more files than one task takes, so that several processes run
        write_page(tmp_path / f"page-{n:03d}.txt", [(make_title(n % 40), make_body(n % 40))])
    one = provenance.dedupe([tmp_path], workers=1)
    two = provenance.dedupe([tmp_path], workers=2)
    assert [r.to_dict() for r in one.stories] == [r.to_dict() for r in two.stories]
    assert one.stats == two.stats
    assert len(one.stories) == 40
