"""Write records as JSON Lines, CSV, JSON or a readable table; every file write is atomic.

A file is written to a temporary file beside its target and renamed over
it only when complete, so a crash or Ctrl-C never leaves a half-written
output.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from .errors import OutputError
from .model import Skipped, path_key
from .records import StoryRecord

CSV_COLUMNS = (
    "story_id",
    "story_title",
    "story_date",
    "files",
    "path",
    "start",
    "end",
    "line_start",
    "line_end",
    "title",
    "date",
    "similarity",
    "title_similarity",
    "evidence",
    "encoding",
    "input_kind",
    "url",
    "retrieved",
)


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike[str], *, newline: str | None = None) -> Iterator[IO[str]]:
    """Open a temporary file for writing; rename it to `path` only on success."""
    target = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as error:
        raise OutputError(f"cannot write {target}: {error.strerror or error}") from error
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # what open() would give, not mkstemp's 0600
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException as error:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(error, OSError) and not isinstance(error, OutputError):
            raise OutputError(f"cannot write {target}: {error.strerror or error}") from error
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=False, separators=(",", ":"))


def jsonl_lines(records: Iterable[StoryRecord]) -> Iterator[str]:
    """One JSON object per story, as in the output schema."""
    for record in records:
        yield _json(record.to_dict()) + "\n"


def write_jsonl(records: Iterable[StoryRecord], path: str | os.PathLike[str]) -> None:
    """Write the records as JSON Lines, atomically."""
    write_lines(jsonl_lines(records), path)


def write_lines(lines: Iterable[str], path: str | os.PathLike[str]) -> None:
    """Write lines already encoded (`jsonl_lines`, or a run's `Run.lines`), atomically."""
    with atomic_write(path) as handle:
        handle.writelines(lines)


def write_errors(skipped: Sequence[Skipped], path: str | os.PathLike[str]) -> None:
    """Write every skipped input as JSON Lines (``{"path": ..., "reason": ...}``), atomically."""
    with atomic_write(path) as handle:
        handle.writelines(_json({"path": s.path, "reason": s.reason}) + "\n" for s in skipped)


def csv_rows(records: Iterable[StoryRecord]) -> Iterator[dict[str, Any]]:
    """One row per occurrence; `files` is the story's file count."""
    for record in records:
        for occurrence in record.occurrences:
            row = occurrence.to_dict()
            row.update(
                story_id=record.story_id,
                story_title=record.title,
                story_date=record.date,
                files=len(record.files),
            )
            yield row


def write_csv(records: Iterable[StoryRecord], path: str | os.PathLike[str]) -> None:
    """Write one row per occurrence as CSV (loads straight into pandas), atomically."""
    with atomic_write(path, newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(csv_rows(records))


def to_json(records: Sequence[StoryRecord]) -> str:
    """All records as one indented JSON array."""
    return json.dumps([r.to_dict() for r in records], ensure_ascii=False, indent=2) + "\n"


def table(records: Sequence[StoryRecord], *, width: int = 60) -> str:
    """A readable table: title, number of files, and the files; most-copied stories first."""
    ordered = sorted(
        records, key=lambda r: (-len(r.files), path_key(r.canonical.path), r.canonical.start)
    )
    out = io.StringIO()
    out.write(f"{'story':<16}  {'files':>5}  {'title':<{width}}  where\n")
    for record in ordered:
        title = record.title or "(untitled)"
        if len(title) > width:
            title = title[: width - 1] + "…"
        where = ", ".join(record.files)
        out.write(f"{record.story_id:<16}  {len(record.files):>5}  {title:<{width}}  {where}\n")
    return out.getvalue()
