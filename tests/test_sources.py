"""Finding, reading and decoding the inputs; every bad input becomes a Skipped with a reason."""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance import Document, Settings, Skipped, read_documents, sources
from provenance.readers import read as read_inputs
from provenance.sources import expand

BIG = 1 << 20


def read(path: str, *, max_bytes: int) -> Document | Skipped:
    """The one document or skip a plain file gives."""
    (result,) = read_inputs(path, Settings(max_bytes=max_bytes))
    return result


CAFE = (
    "Café résumé naïve – “quoted” words are everywhere in the old archive: the café owner’s "
    "résumé lists a naïve start, a “brilliant” middle – and a long, happy end in the city.\n"
)
LATIN1 = (
    "The new café near the station opened in March. Its owner, a former chef from Zürich, says "
    "the menu is naïve on purpose: crème brûlée, a jalapeño soup and a piña colada for the "
    "summer.\nHis résumé is long, and the fiancée who runs the front room speaks four "
    "languages. Déjà vu, say the regulars, who remember the old façade.\n"
)
FRENCH = (
    "Le café de la gare était fermé à cause de la grève; les élèves attendaient « le train » "
    "encore une fois. Ça n’a pas empêché le maître d’hôtel de préparer un déjeuner complet.\n"
)


def touch(path: Path, text: str = "Some words to read.\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_expand_walks_folders_sorted_known_kinds_only(tmp_path: Path) -> None:
    touch(tmp_path / "b" / "z.txt")
    touch(tmp_path / "a" / "y.TEXT")
    touch(tmp_path / "a" / "sub" / "x.txt")
    touch(tmp_path / "a" / "notes.md")
    touch(tmp_path / "a" / "page.html")
    touch(tmp_path / "a" / ".hidden.txt")
    touch(tmp_path / ".git" / "k.txt")
    touch(tmp_path / "a" / ".cache" / "c.txt")
    touch(tmp_path / "d.text")
    touch(tmp_path / "c.txt")
    files, missing = expand([tmp_path])
    expected = [
        tmp_path / "a" / "page.html",
        tmp_path / "a" / "sub" / "x.txt",
        tmp_path / "a" / "y.TEXT",
        tmp_path / "b" / "z.txt",
        tmp_path / "c.txt",
        tmp_path / "d.text",
    ]
    assert files == sorted(str(p) for p in expected)
    assert missing == []


def test_expand_result_is_sorted_and_unique(tmp_path: Path) -> None:
    a = touch(tmp_path / "one" / "a.txt")
    b = touch(tmp_path / "two" / "b.txt")
    files, _ = expand([tmp_path / "two", str(a), tmp_path / "one", str(b), str(a)])
    assert files == [str(a), str(b)]


def test_explicit_files_are_always_taken(tmp_path: Path) -> None:
    hidden = touch(tmp_path / ".hidden.txt")
    markdown = touch(tmp_path / "notes.md")
    no_suffix = touch(tmp_path / "README")
    files, missing = expand([str(markdown), str(hidden), str(no_suffix)])
    assert files == sorted([str(hidden), str(markdown), str(no_suffix)])
    assert missing == []


def test_relative_paths_stay_relative(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    touch(tmp_path / "pages" / "a.txt")
    monkeypatch.chdir(tmp_path)
    files, _ = expand(["pages"])
    assert files == [os.path.join("pages", "a.txt")]


def test_missing_path_is_skipped_with_a_reason(tmp_path: Path) -> None:
    good = touch(tmp_path / "a.txt")
    gone = tmp_path / "nope" / "gone.txt"
    files, missing = expand([str(good), str(gone)])
    assert files == [str(good)]
    assert len(missing) == 1
    assert isinstance(missing[0], Skipped)
    assert missing[0].path == str(gone)
    assert "no such file" in missing[0].reason.lower()


def test_dash_reads_paths_from_stdin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a = touch(tmp_path / "a.txt")
    b = touch(tmp_path / "dir" / "b.txt")
    gone = tmp_path / "gone.txt"
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{b.parent}\n\n  {a}  \n{gone}\n"))
    files, missing = expand(["-"])
    assert files == [str(a), str(b)]
    assert [m.path for m in missing] == [str(gone)]


def test_a_folder_symlink_loop_is_walked_once(tmp_path: Path) -> None:
    page = touch(tmp_path / "a" / "page.txt")
    (tmp_path / "a" / "loop").symlink_to(tmp_path / "a", target_is_directory=True)
    files, missing = expand([tmp_path])
    assert files == [str(page)]
    assert missing == []


def test_read_decodes_utf8(tmp_path: Path) -> None:
    text = "Türkiye — “quoted” naïve words.\nSecond line.\n"
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode("utf-8"))
    doc = read(str(path), max_bytes=BIG)
    assert isinstance(doc, Document)
    assert doc.path == str(path)
    assert doc.text == text
    assert doc.encoding == "utf-8"
    assert doc.sha256 == hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    text = "Headline with a BOM\n\nAnd a body that follows it.\n"
    raw = b"\xef\xbb\xbf" + text.encode("utf-8")
    path = tmp_path / "bom.txt"
    path.write_bytes(raw)
    doc = read(str(path), max_bytes=BIG)
    assert isinstance(doc, Document)
    assert doc.text == text
    assert not doc.text.startswith("\ufeff")
    assert doc.encoding == "utf-8"
    assert doc.sha256 == hashlib.sha256(raw).hexdigest()


@pytest.mark.parametrize(
    ("text", "codec"),
    [(CAFE, "cp1252"), (FRENCH, "cp1252"), (LATIN1, "latin-1")],
    ids=["cp1252-english", "cp1252-french", "latin-1"],
)
def test_legacy_encodings_decode_to_the_right_text(tmp_path: Path, text: str, codec: str) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode(codec))
    doc = read(str(path), max_bytes=BIG)
    assert isinstance(doc, Document)
    assert doc.encoding.lower().replace("_", "-") not in ("utf-8", "utf8")
    assert doc.text == text


@pytest.mark.parametrize("content", [b"", b"   \n\n\t \r\n"], ids=["empty", "blank"])
def test_empty_file_is_skipped(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    result = read(str(path), max_bytes=BIG)
    assert result == Skipped(str(path), "empty file")


@pytest.mark.parametrize(
    "content",
    [
        b"Some text\x00with a NUL byte in it, the way binary files have them." * 3,
        random.Random(7).randbytes(4096),
        bytes(range(1, 32)) * 20,
    ],
    ids=["nul", "random", "controls"],
)
def test_binary_file_is_skipped(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "blob.txt"
    path.write_bytes(content)
    result = read(str(path), max_bytes=BIG)
    assert isinstance(result, Skipped)
    assert result.path == str(path)
    assert "binary" in result.reason


def test_too_large_file_is_skipped(tmp_path: Path) -> None:
    path = touch(tmp_path / "big.txt", "word " * 100)
    result = read(str(path), max_bytes=100)
    assert isinstance(result, Skipped)
    assert "too large" in result.reason
    assert isinstance(read(str(path), max_bytes=500), Document)


def test_too_large_through_settings(tmp_path: Path) -> None:
    big = touch(tmp_path / "big.txt", "word " * 100)
    small = touch(tmp_path / "small.txt", "word " * 10)
    documents, skipped = read_documents([tmp_path], Settings(max_bytes=100))
    assert [d.path for d in documents] == [str(small)]
    assert [s.path for s in skipped] == [str(big)]
    assert "too large" in skipped[0].reason


def test_unreadable_file_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = touch(tmp_path / "secret.txt")
    fine = touch(tmp_path / "fine.txt")
    real_open = open

    def guarded_open(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        if os.fspath(file) == str(secret):
            raise PermissionError(13, "Permission denied", os.fspath(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(sources, "open", guarded_open, raising=False)
    result = read(str(secret), max_bytes=BIG)
    assert result == Skipped(str(secret), "Permission denied")
    documents, skipped = read_documents([tmp_path], Settings())
    assert [d.path for d in documents] == [str(fine)]
    assert skipped == [Skipped(str(secret), "Permission denied")]


def test_broken_symlink_is_skipped(tmp_path: Path) -> None:
    link = tmp_path / "broken.txt"
    link.symlink_to(tmp_path / "nowhere.txt")
    files, missing = expand([tmp_path])
    assert files == [str(link)]
    assert missing == []
    result = read(str(link), max_bytes=BIG)
    assert isinstance(result, Skipped)
    assert result.path == str(link)
    assert result.reason


def test_symlink_loop_is_skipped(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.symlink_to(b)
    b.symlink_to(a)
    documents, skipped = read_documents([str(a), str(b)], Settings())
    assert documents == []
    assert [s.path for s in skipped] == [str(a), str(b)]
    assert all(s.reason for s in skipped)


def test_read_documents_reports_everything_sorted(tmp_path: Path) -> None:
    good = touch(tmp_path / "b_good.txt", "A few honest words of text.\n")
    (tmp_path / "a_empty.txt").write_bytes(b"")
    (tmp_path / "c_binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    documents, skipped = read_documents([tmp_path, tmp_path / "0_missing.txt"], Settings())
    assert [d.path for d in documents] == [str(good)]
    assert [s.path for s in skipped] == sorted(
        str(tmp_path / n) for n in ("a_empty.txt", "c_binary.txt", "0_missing.txt")
    )


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_a_byte_order_mark(tmp_path: Path, codec: str) -> None:
    text = "Headline of a story\n\nA body in UTF-16 or UTF-32 with ümlauts and “quotes”.\n"
    data = text.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    path = tmp_path / "wide.txt"
    path.write_bytes(data)
    document = read(str(path), max_bytes=10_000)
    assert isinstance(document, Document)
    assert document.text == text
    assert document.encoding.startswith(codec[:6])


@settings(max_examples=300, deadline=None)
@given(
    st.binary(max_size=300),
    st.integers(min_value=1, max_value=400),
    st.integers(min_value=0, max_value=400),
    st.booleans(),
)
def test_a_capped_read_reads_what_one_read_of_the_cap_reads(
    data: bytes, cap: int, first: int, zipped: bool
) -> None:
    # `first` is the size a file had when asked, or a guess: a file may have grown since
    def opened() -> io.BufferedIOBase:
        raw = io.BytesIO(gzip.compress(data) if zipped else data)
        return gzip.GzipFile(fileobj=raw) if zipped else raw

    assert sources._read_capped(opened(), cap, first=first) == opened().read(cap)
