"""A run's per-story data in temporary files, so that memory holds offsets, not texts.

A million stories carry gigabytes of text, shingles and LSH keys, but each stage
after reading needs only a few stories at a time: verification two, grouping one
component, the records one story. So `dedupe` writes stories, their features and
their titles here as they are read, and reads back the ones a stage asks for (the
most recent ones stay cached). The files are this process's own, in a temporary
folder that is removed when the run ends, however it ends; they are read with
`os.pread`, so the text read back lives in the page cache, not in the process's
memory.

Why by hand: `shelve` and `sqlite3` would do, at several times the cost per
story and with an index the run does not need; an append-only file and an array
of offsets is all the access pattern asks for.
"""

from __future__ import annotations

import array
import functools
import itertools
import os
import pickle
import tempfile
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, BinaryIO, Generic, TypeVar, overload

import attrs
import numpy as np
import numpy.typing as npt

from .candidates import Rows
from .errors import OutputError
from .model import Story
from .text import Features

T = TypeVar("T")
_CACHED = 4096  # values kept after reading: a component, a group's members


@attrs.frozen
class Codec(Generic[T]):
    """How values of one kind are written: pickled as a plain tuple and rebuilt by their
    class, which reads back twice as fast as a pickled attrs object (and shingles as raw
    bytes, five times as fast as a pickled array)."""

    state: Callable[[T], Any]
    build: Callable[[Any], T]

    def dumps(self, values: Iterable[T]) -> list[bytes]:
        """Values as a `Column` stores them (made by the workers that made the values)."""
        return [pickle.dumps(self.state(v), protocol=pickle.HIGHEST_PROTOCOL) for v in values]

    def loads(self, blob: bytes) -> T:
        return self.build(pickle.loads(blob))


def _same(value: Any) -> Any:
    return value


def _features_state(f: Features) -> tuple[Any, ...]:
    return (f.shingles.tobytes(), f.digest, f.title, f.words, f.figures, f.dispatched)


def _features(state: tuple[Any, ...]) -> Features:
    shingles, digest, title, words, figures, dispatched = state
    array = np.frombuffer(shingles, dtype=np.uint64)
    return Features(array, digest, title, words, figures, None, dispatched)


PICKLED: Codec[Any] = Codec(_same, _same)
STORIES: Codec[Story] = Codec(functools.partial(attrs.astuple, recurse=False), lambda s: Story(*s))
FEATURES: Codec[Features] = Codec(_features_state, _features)  # the shingle sequence is not kept


class Column(Sequence[T], Generic[T]):
    """Values written one after another into a file, read back by index."""

    def __init__(self, path: Path, codec: Codec[T] = PICKLED, *, cached: int = _CACHED) -> None:
        self.path = str(path)
        self.codec = codec
        self._file: BinaryIO = open(path, "w+b")  # noqa: SIM115 (closed by `close`)
        self._ends = array.array("q", [0])
        self._cache: OrderedDict[int, T] = OrderedDict()
        self._cached = cached

    def extend(self, blobs: Iterable[bytes]) -> None:
        """Append values already encoded by `codec.dumps` (in the workers that made them)."""
        blobs = list(blobs)
        _append(self._file, b"".join(blobs), self.path)  # one write a task, not one a value
        offset = self._ends[-1]
        self._ends.extend(offset + end for end in itertools.accumulate(map(len, blobs)))

    def __len__(self) -> int:
        return len(self._ends) - 1

    def locate(self, indices: npt.NDArray[np.int64]) -> Located:
        """Where the values `indices` are, for another process to read them."""
        ends = np.asarray(self._ends, dtype=np.int64)
        return Located(self.path, indices, ends[indices], ends[indices + 1])

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[T]: ...
    def __getitem__(self, index: int | slice) -> T | Sequence[T]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        if index in self._cache:
            self._cache.move_to_end(index)
            return self._cache[index]
        start, end = self._ends[index], self._ends[index + 1]
        value = self.codec.loads(os.pread(self._file.fileno(), end - start, start))
        self._cache[index] = value
        if len(self._cache) > self._cached:
            self._cache.popitem(last=False)
        return value

    def __iter__(self) -> Iterator[T]:
        """Every value in order, read in large blocks, bypassing the cache."""
        step = 1 << 24
        first = 0
        while first < len(self):
            last = first
            while last < len(self) and self._ends[last + 1] - self._ends[first] <= step:
                last += 1
            last = max(last, first + 1)
            lo, hi = self._ends[first], self._ends[last]
            block = os.pread(self._file.fileno(), hi - lo, lo)
            for i in range(first, last):
                yield self.codec.loads(block[self._ends[i] - lo : self._ends[i + 1] - lo])
            first = last

    def close(self) -> None:
        self._file.close()
        self._cache.clear()


@attrs.frozen
class Located:
    """Some values of a `Column`'s file: their indices and byte spans (`Column.locate`)."""

    path: str
    indices: npt.NDArray[np.int64] = attrs.field(repr=False)
    starts: npt.NDArray[np.int64] = attrs.field(repr=False)
    ends: npt.NDArray[np.int64] = attrs.field(repr=False)

    def read(self, codec: Codec[T]) -> dict[int, T]:
        """The values by index, read from the file (in any process)."""
        with open(self.path, "rb") as handle:
            fd = handle.fileno()
            spans = zip(self.starts.tolist(), self.ends.tolist(), strict=True)
            values = [codec.loads(os.pread(fd, end - start, start)) for start, end in spans]
        return dict(zip(self.indices.tolist(), values, strict=True))


class Titles:
    """Every story's normalised title, one a line, in story order: what the title bands'
    tasks check their pairs with (`normalize` leaves no line break in a title)."""

    def __init__(self, path: Path) -> None:
        self.path = str(path)
        self._file: BinaryIO = open(path, "wb")  # noqa: SIM115 (closed by `close`)

    @staticmethod
    def dumps(titles: Iterable[str]) -> bytes:
        """Titles as `extend` stores them (made by the workers that made the titles)."""
        return "".join(f"{title}\n" for title in titles).encode("utf-8", "surrogatepass")

    def extend(self, block: bytes) -> None:
        _append(self._file, block, self.path)

    def close(self) -> None:
        self._file.close()


def read_titles(path: str) -> list[str]:
    """Every title of a `Titles` file, in story order, from any process."""
    with open(path, "rb") as handle:
        return handle.read().decode("utf-8", "surrogatepass").split("\n")[:-1]


class Buckets:
    """The LSH bucket memberships of a run, one file of (key, story) pairs per band tag,
    so that candidates are made one band at a time."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._files: dict[int, BinaryIO] = {}

    def add(self, rows: Rows, first: int) -> None:
        """Append (tag, key, story) rows of stories numbered from 0, as stories `first`...."""
        if rows.size == 0:
            return
        if np.any(rows[1:, 0] < rows[:-1, 0]):
            rows = rows[np.argsort(rows[:, 0], kind="stable")]
        starts = np.flatnonzero(np.r_[True, rows[1:, 0] != rows[:-1, 0]])
        ends = np.r_[starts[1:], len(rows)]
        for lo, hi in zip(starts.tolist(), ends.tolist(), strict=True):
            tag = int(rows[lo, 0])
            pairs = rows[lo:hi, 1:].copy()
            pairs[:, 1] += first
            try:
                handle = self._files.get(tag)
                if handle is None:
                    handle = self._files[tag] = open(self.path(tag), "w+b")  # noqa: SIM115
                handle.write(pairs.tobytes())
            except OSError as error:
                raise _full(str(self._folder), error) from error

    @property
    def tags(self) -> list[int]:
        return sorted(self._files)

    def path(self, tag: int) -> str:
        return str(self._folder / f"band-{tag}")

    def flush(self) -> None:
        """Make every row written so far readable by other processes."""
        for handle in self._files.values():
            handle.flush()

    def members(self, tag: int) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """The keys and stories of one band tag."""
        self.flush()
        return read_band(self.path(tag))

    def close(self) -> None:
        for handle in self._files.values():
            handle.close()


class Spill:
    """The temporary folder of one run and the columns in it; removed on exit."""

    def __init__(self, directory: str | os.PathLike[str] | None = None) -> None:
        try:
            self._folder = tempfile.TemporaryDirectory(prefix="provenance-", dir=directory)
        except OSError as error:
            raise _full(str(directory or tempfile.gettempdir()), error) from error
        root = Path(self._folder.name)
        self.stories = Column(root / "stories", STORIES)
        self.described = Column(root / "features", FEATURES)
        self.titles = Titles(root / "titles")
        self.buckets = Buckets(root)

    def __enter__(self) -> Spill:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self.stories.close()
        self.described.close()
        self.titles.close()
        self.buckets.close()
        self._folder.cleanup()


def _append(handle: BinaryIO, data: bytes, path: str) -> None:
    """Write `data` at the end of a spill file and make it readable by other processes; a
    full disk is an `OutputError` that names the folder."""
    try:
        handle.write(data)
        handle.flush()
    except OSError as error:
        raise _full(os.path.dirname(path), error) from error


def _full(folder: str, error: OSError) -> OutputError:
    """The error a run reports when its temporary files cannot be written in `folder`."""
    return OutputError(
        f"cannot keep the run's stories in {folder}: "
        f"{error.strerror or error} (set TMPDIR to a folder with more room)"
    )


def read_band(path: str) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """The keys and stories of one band's file, from any process."""
    pairs = np.fromfile(path, dtype=np.int64).reshape(-1, 2)
    return pairs[:, 0], pairs[:, 1]
