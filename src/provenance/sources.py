"""Find the input files, read them and decode them to text; report what cannot be read.

Nothing here raises on a bad input: an unreadable, binary, empty or
undecodable file becomes a `Skipped` with its path and reason, and the run
goes on with the rest.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from charset_normalizer import from_bytes

from .model import Document, Skipped

TEXT_SUFFIXES = frozenset({".txt", ".text"})
_SNIFF = 8192  # bytes inspected for NUL bytes and control characters
_BOMS = (  # UTF-32 first: its little-endian mark begins with UTF-16's
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_NOT_CONTROL = bytes([9, 10, 12, 13, 27, *range(32, 256)])
_NEAR_TIE = 0.1  # charset-normalizer "chaos" within which windows-1252 is preferred


def expand(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[str], list[Skipped]]:
    """The files to read, sorted and unique, and the paths that are not there.

    Folders are walked recursively for text files (``*.txt``, ``*.text``),
    skipping hidden entries; a file named explicitly is always read. ``-``
    reads a list of paths, one per line, from standard input.
    """
    found: set[str] = set()
    missing: list[Skipped] = []
    for given in paths:
        raw = os.fspath(given)
        if raw == "-":
            names = [line.strip() for line in sys.stdin if line.strip()]
            more, gone = expand(names)
            found.update(more)
            missing.extend(gone)
            continue
        path = Path(raw)
        if path.is_dir():
            found.update(_walk(raw))
        elif path.exists() or path.is_symlink():
            found.add(raw)
        else:
            missing.append(Skipped(raw, "no such file or directory"))
    return sorted(found), missing


def _walk(top: str) -> Iterator[str]:
    seen: set[tuple[int, int]] = set()
    for root, dirs, files in os.walk(top, followlinks=True):
        st = os.stat(root)
        if (st.st_dev, st.st_ino) in seen:  # a symlink loop: walk each folder once
            dirs[:] = []
            continue
        seen.add((st.st_dev, st.st_ino))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in TEXT_SUFFIXES:
                yield os.path.join(root, name)


def _looks_binary(data: bytes) -> bool:
    head = data[:_SNIFF]
    if b"\x00" in head:
        return True
    controls = len(head.translate(None, _NOT_CONTROL))  # delete all but control bytes, in C
    return controls > len(head) * 0.05


def decode(data: bytes) -> tuple[str, str]:
    """Text and codec name: UTF-8 first, then charset-normalizer's best guess.

    Raises:
        ValueError: the bytes are binary, or no text encoding fits them.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec  # the codec reads and drops the mark
            except UnicodeDecodeError as error:
                raise ValueError(f"invalid {codec} after its byte-order mark") from error
    if _looks_binary(data):
        raise ValueError("binary file")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise ValueError("not text in any known encoding")
    # Short Western text scores the same in several Latin code pages; windows-1252 is the
    # one old scrapes use (HTML5 reads "latin-1" pages as windows-1252), so it wins near-ties.
    western = next((m for m in matches if m.encoding == "cp1252"), None)
    if western is not None and western.chaos <= best.chaos + _NEAR_TIE:
        best = western
    return str(best), best.encoding


def read(path: str, *, max_bytes: int) -> Document | Skipped:
    """One file as a `Document`, or the reason it was skipped."""
    try:
        size = os.path.getsize(path)
        if size > max_bytes:
            return Skipped(path, f"file too large ({size} bytes > {max_bytes})")
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as error:
        return Skipped(path, error.strerror or type(error).__name__)
    if not data.strip():
        return Skipped(path, "empty file")
    try:
        text, encoding = decode(data)
    except ValueError as error:
        return Skipped(path, str(error))
    return Document(
        path=path, text=text, sha256=hashlib.sha256(data).hexdigest(), encoding=encoding
    )
