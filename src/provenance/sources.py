"""Find the input files, open them (gunzipping with a size cap) and decode their bytes to text.

Nothing here decides what a file holds: `readers` turns the bytes into documents.
Errors are raised as `InputError` with a reason a person can act on; the readers
turn them into a `Skipped` and the run goes on with the rest.
"""

from __future__ import annotations

import fnmatch
import gzip
import io
import os
import sys
import zlib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from charset_normalizer import from_bytes

from .errors import InputError
from .model import Skipped

KINDS = {  # suffix (after any ".gz") -> input kind
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".warc": "warc",
}
_SNIFF = 8192  # bytes inspected for NUL bytes and control characters
_BOMS = (  # UTF-32 first: its little-endian mark begins with UTF-16's
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_NOT_CONTROL = bytes([9, 10, 12, 13, 27, *range(32, 256)])
_NEAR_TIE = 0.1  # charset-normalizer "chaos" within which windows-1252 is preferred


def is_gzip(path: str) -> bool:
    return path.lower().endswith(".gz")


def kind_of(path: str) -> str:
    """The input kind a file name says (``page.html.gz`` -> ``html``); ``text`` if it says none."""
    return KINDS.get(_suffix(path), "text")


def _suffix(path: str) -> str:
    """The last suffix of the name, lower-cased, after any ``.gz`` (``a.HTML.gz``: ``.html``)."""
    return os.path.splitext(os.path.basename(path[:-3] if is_gzip(path) else path))[1].lower()


def expand(
    paths: Iterable[str | os.PathLike[str]],
    *,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
) -> tuple[list[str], list[Skipped]]:
    """The files to read, sorted and unique, and the paths that are not there.

    Folders are walked recursively, in sorted order, skipping hidden entries, for
    the files whose name says a known kind (`KINDS`, gzipped or not), or, when
    `include` globs are given, for the files that match one of them; files that
    match an `exclude` glob are left out. A glob matches a file's name or its path
    below the folder walked (``*.html``, ``2025/*/*.txt``). A file named
    explicitly is always read. ``-`` reads a list of paths, one per line, from
    standard input.
    """
    found: set[str] = set()
    missing: list[Skipped] = []
    for given in paths:
        raw = os.fspath(given)
        if raw == "-":
            names = [line.strip() for line in sys.stdin if line.strip()]
            more, gone = expand(names, include=include, exclude=exclude)
            found.update(more)
            missing.extend(gone)
            continue
        path = Path(raw)
        if path.is_dir():
            found.update(_walk(raw, include, exclude))
        elif path.exists() or path.is_symlink():
            found.add(raw)
        else:
            missing.append(Skipped(raw, "no such file or directory"))
    return sorted(found), missing


def _matches(relative: str, globs: Sequence[str]) -> bool:
    name = relative.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatch(name, g) or fnmatch.fnmatch(relative, g) for g in globs)


def _walk(top: str, include: Sequence[str], exclude: Sequence[str]) -> Iterator[str]:
    seen: set[tuple[int, int]] = set()
    for root, dirs, files in os.walk(top, followlinks=True):
        st = os.stat(root)
        if (st.st_dev, st.st_ino) in seen:  # a symlink loop: walk each folder once
            dirs[:] = []
            continue
        seen.add((st.st_dev, st.st_ino))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        below = os.path.relpath(root, top).replace(os.sep, "/")  # once per folder, not per file
        for name in sorted(files):
            if name.startswith("."):
                continue
            if include or exclude:
                relative = name if below == "." else f"{below}/{name}"
                if _matches(relative, exclude):
                    continue
                if not _matches(relative, include) if include else _suffix(name) not in KINDS:
                    continue
            elif _suffix(name) not in KINDS:
                continue
            yield os.path.join(root, name)


def read_bytes(path: str, *, max_bytes: int) -> bytes:
    """The file's bytes, gunzipped if its name ends in ``.gz``, never more than `max_bytes`.

    Raises:
        InputError: unreadable, too large (after decompression: a gzip bomb
            stops at the cap), or a corrupt or truncated gzip stream.
    """
    try:
        if is_gzip(path):
            with gzip.open(path, "rb") as handle:
                data = _read_capped(handle, max_bytes + 1, first=_FIRST_READ)
            if len(data) > max_bytes:
                raise InputError(f"decompresses to more than {max_bytes} bytes (max_bytes)")
            return data
        size = os.path.getsize(path)
        if size > max_bytes:
            raise InputError(f"file too large ({size} bytes > max_bytes {max_bytes})")
        with open(path, "rb") as handle:
            return _read_capped(handle, max_bytes + 1, first=size + 1)
    except (OSError, EOFError, zlib.error) as error:
        raise InputError(reason(error)) from error


_FIRST_READ = 1 << 16  # bytes asked for first when the size is unknown: a page, mostly


def _read_capped(handle: io.BufferedIOBase, cap: int, *, first: int) -> bytes:
    """`handle.read(cap)`, asking for `first` bytes before the rest: a read allocates all it
    asks for up front, and `cap` (the max_bytes setting) is far more than most files hold."""
    data = handle.read(min(first, cap))
    if len(data) == first < cap:  # more may follow (a file that grew, a large gzip member)
        data += handle.read(cap - first)
    return data


def open_stream(path: str) -> gzip.GzipFile | io.BufferedReader:
    """The file for reading as a stream, gunzipped on the fly if its name ends in ``.gz``."""
    try:
        return gzip.open(path, "rb") if is_gzip(path) else open(path, "rb")
    except OSError as error:
        raise InputError(reason(error)) from error


def reason(error: BaseException) -> str:
    """What went wrong, in words: the OS message, or what a gzip or decoding error means."""
    if isinstance(error, InputError):
        return str(error)
    if isinstance(error, EOFError):
        return "truncated gzip stream (ends before its end marker)"
    if isinstance(error, gzip.BadGzipFile | zlib.error):
        return f"corrupt gzip stream ({error})"
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error) or type(error).__name__


def _looks_binary(data: bytes) -> bool:
    head = data[:_SNIFF]
    if b"\x00" in head:
        return True
    controls = len(head.translate(None, _NOT_CONTROL))  # delete all but control bytes, in C
    return controls > len(head) * 0.05


def decode(data: bytes) -> tuple[str, str]:
    """Text and codec name: UTF-8 first, then charset-normalizer's best guess.

    Raises:
        InputError: the bytes are binary, or no text encoding fits them.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec  # the codec reads and drops the mark
            except UnicodeDecodeError as error:
                raise InputError(f"invalid {codec} after its byte-order mark") from error
    if _looks_binary(data):
        raise InputError("binary file")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise InputError("not text in any known encoding")
    # Short Western text scores the same in several Latin code pages; windows-1252 is the
    # one old scrapes use (HTML5 reads "latin-1" pages as windows-1252), so it wins near-ties.
    western = next((m for m in matches if m.encoding == "cp1252"), None)
    if western is not None and western.chaos <= best.chaos + _NEAR_TIE:
        best = western
    return str(best), best.encoding
