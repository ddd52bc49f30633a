"""The `dedupe` command: parse options, call `provenance.dedupe`, print or write the result.

Exit codes: 0 all inputs read, 1 some inputs skipped (each reported on
stderr), 2 usage error, 3 an output could not be written, 130 interrupted.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

import attrs
import click

from . import __version__
from .errors import OutputError, SettingsError
from .export import table, to_json, write_csv, write_errors, write_jsonl, write_lines
from .model import Skipped
from .pipeline import dedupe_with_bodies, open_run
from .records import Report, Stats, StoryRecord
from .report import write_html
from .settings import Settings
from .store import BATCH, Ingested, Store, StoreError

F = TypeVar("F", bound=Callable[..., Any])
EPILOG = """\b
Examples:
  dedupe seeds/                          # a table of unique stories
  dedupe seeds/ --jsonl stories.jsonl    # provenance records, one story per line
  dedupe scrapes/ --csv occurrences.csv  # one row per occurrence
  dedupe seeds/ --html report.html       # a page to look at: copies, differences, evidence
  find scrapes -name '*.txt' | dedupe -  # paths on stdin
  dedupe crawl.warc.gz exports/ --include '*.jsonl.gz' --errors errors.jsonl
  dedupe today/ --db archive.sqlite -q   # add today's pages to a store
  dedupe --db archive.sqlite --files-of c1fb3b5ba7682380   # who carried this story
"""


def _setting(name: str, kind: Any, help: str) -> Callable[[F], F]:
    default = getattr(Settings(), name)
    return click.option(
        f"--{name.replace('_', '-')}",
        name,
        type=kind,
        default=None,
        help=f"{help} [default: {default}]",
    )


@click.command(epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1)
@click.option(
    "--jsonl",
    "jsonl",
    type=click.Path(dir_okay=False, writable=True),
    help="Write the records as JSON Lines to FILE.",
)
@click.option(
    "--csv",
    "csv_path",
    type=click.Path(dir_okay=False, writable=True),
    help="Write one row per occurrence as CSV to FILE.",
)
@click.option(
    "--errors",
    "errors_path",
    type=click.Path(dir_okay=False, writable=True),
    help="Write every skipped input (path, reason) as JSON Lines to FILE.",
)
@click.option(
    "--html",
    "html_path",
    type=click.Path(dir_okay=False, writable=True),
    help="Write a self-contained HTML report of the run to FILE.",
)
@click.option(
    "--include",
    multiple=True,
    metavar="GLOB",
    help="Read only the files matching GLOB when walking folders (repeatable). "
    "[default: every .txt .text .html .htm .jsonl .ndjson .warc, and .gz of each]",
)
@click.option(
    "--exclude",
    multiple=True,
    metavar="GLOB",
    help="Leave out the files matching GLOB when walking folders (repeatable).",
)
@click.option("--text-field", metavar="NAME", help="JSON Lines field holding the text.")
@click.option("--title-field", metavar="NAME", help="JSON Lines field holding the title.")
@click.option("--url-field", metavar="NAME", help="JSON Lines field holding the URL.")
@click.option("--date-field", metavar="NAME", help="JSON Lines field holding the date.")
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print the records as a JSON array on stdout instead of the table.",
)
@click.option(
    "-w",
    "--workers",
    type=click.IntRange(1),
    default=None,
    help="Processes that read, segment and sign the inputs. [default: all cores]",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "spark"]),
    default="local",
    show_default=True,
    help="Run on this machine, or on Apache Spark (the spark extra and Java 17+); "
    "both give the same records.",
)
@click.option(
    "--master",
    metavar="URL",
    default="local[*]",
    show_default=True,
    help="The Spark master for --engine spark (local[2], spark://host:7077, yarn).",
)
@click.option(
    "--db",
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="Keep everything in the SQLite store FILE: PATHS are added to it (files already "
    "there with the same content are passed over), and outputs and queries cover the whole "
    "store. PATHS may be left out.",
)
@click.option("--prune", is_flag=True, help="With --db: drop stored files that no longer exist.")
@click.option(
    "--drop",
    multiple=True,
    metavar="PATH",
    help="With --db: drop this stored file, or every stored file under this folder (repeatable).",
)
@click.option(
    "--stories-of",
    multiple=True,
    metavar="PATH",
    help="With --db: print the stories this file (or FILE#L<n> record) carried (repeatable).",
)
@click.option(
    "--files-of",
    multiple=True,
    metavar="STORY_ID",
    help="With --db: print every file and offset that carried this story (repeatable).",
)
@click.option("--search", metavar="TITLE", help="With --db: print the stories titled most like it.")
@click.option(
    "--batch",
    type=click.IntRange(1),
    default=BATCH,
    show_default=True,
    help="With --db: files per transaction (a crash loses at most one batch of work).",
)
@click.option(
    "-q",
    "--quiet",
    is_flag=True,
    help="Print no table and no summary; problems still go to stderr.",
)
@_setting("threshold", click.FloatRange(0, 1), "Verified shingle Jaccard for a match.")
@_setting(
    "containment",
    click.FloatRange(0, 1),
    "Share of the shorter copy found in the longer for an excerpt match.",
)
@_setting(
    "title_threshold",
    click.FloatRange(0, 100),
    "Title similarity (0-100) that confirms a weaker body match.",
)
@_setting("shingle_size", click.IntRange(1, 32), "Words per shingle.")
@_setting("num_perm", click.IntRange(8, 1024), "MinHash permutations.")
@_setting("min_words", click.IntRange(0), "Fewest body words for a segment to count as a story.")
@_setting(
    "max_bytes",
    click.IntRange(1),
    "Largest input in bytes (a file, once gunzipped; a JSON line; a WARC record).",
)
@click.version_option(__version__, prog_name="dedupe")
def command(
    paths: tuple[str, ...],
    jsonl: str | None,
    csv_path: str | None,
    errors_path: str | None,
    html_path: str | None,
    as_json: bool,
    workers: int | None,
    engine: str,
    master: str,
    db: str | None,
    prune: bool,
    drop: tuple[str, ...],
    stories_of: tuple[str, ...],
    files_of: tuple[str, ...],
    search: str | None,
    batch: int,
    quiet: bool,
    **overrides: Any,
) -> None:
    """Find the unique stories in scraped pages and every file that carried each one.

    PATHS are files or folders, walked for text, HTML, JSON Lines and WARC files
    (gzipped or not); "-" reads paths from stdin.
    """
    explicit = {k: v for k, v in overrides.items() if v not in (None, ())}
    queries = Queries(stories_of, files_of, search)
    if db is None:
        if prune or drop or queries:
            raise click.UsageError("--prune, --drop and the queries need --db FILE")
        if not paths:
            raise click.UsageError("Missing argument 'PATHS...'.")
    elif engine != "local" or html_path:
        raise click.UsageError("--db works with the local engine and without --html")
    try:
        settings = Settings(**explicit)
    except SettingsError as error:
        raise click.UsageError(str(error)) from error
    outputs = (
        ("--jsonl", jsonl),
        ("--csv", csv_path),
        ("--errors", errors_path),
        ("--html", html_path),
    )
    for option, target in outputs:
        if target and not os.path.isdir(os.path.dirname(target) or "."):
            raise click.BadParameter(f"folder of {target!r} does not exist", param_hint=option)
    if db is not None:
        outputs_of_store = {"jsonl": jsonl, "csv": csv_path, "errors": errors_path}
        _with_store(
            db,
            paths,
            explicit,
            workers,
            batch,
            (prune, drop),
            queries,
            outputs_of_store,
            as_json=as_json,
            quiet=quiet,
        )
        return
    began = time.perf_counter()
    written = Written(jsonl, csv_path, errors_path, as_json=as_json, quiet=quiet)
    if engine == "spark":
        report = _on_spark(paths, settings, master)
        written.emit(lambda: report.stories, report.skipped, report.stats, began)
    elif html_path:  # the copies' own texts too, for their differences
        report, bodies = dedupe_with_bodies(paths, settings, workers=workers)
        written.emit(lambda: report.stories, report.skipped, report.stats, began)
        _guarded(
            lambda: write_html(
                report,
                html_path,
                bodies=bodies,
                inputs=paths,
                settings=settings,
                elapsed=time.perf_counter() - began,
            )
        )
    else:  # records built and written one at a time: a million stories need not fit
        _guarded(lambda: _stream(paths, settings, workers, written, began))
    written.summary()


def _stream(
    paths: tuple[str, ...], settings: Settings, workers: int | None, written: Written, began: float
) -> None:
    with open_run(paths, settings, workers=workers, progress=not written.quiet) as run:
        written.emit(run.records, run.skipped, run.stats, began, lines=run.lines)


def _guarded(write: Callable[[], None]) -> None:
    """Run one output's writer; a file that cannot be written ends the command (exit 3)."""
    try:
        write()
    except OutputError as error:
        click.echo(f"dedupe: {error}", err=True)
        sys.exit(3)


@attrs.define
class Written:
    """The outputs a run asked for, written from records that may be read only once each
    (`records` is called again for each output that needs them all)."""

    jsonl: str | None
    csv: str | None
    errors: str | None
    as_json: bool
    quiet: bool
    counts: str = ""  # the line of counts printed at the end, unless quiet
    skipped: int = 0

    def emit(
        self,
        records: Callable[[], Iterable[StoryRecord]],
        skipped: Sequence[Skipped],
        stats: Stats,
        began: float,
        *,
        lines: Callable[[], Iterable[str]] | None = None,
    ) -> None:
        """Write and print what was asked; `lines`, where given, are the records' JSON Lines
        made faster than `jsonl_lines(records())`."""
        for item in skipped:
            click.echo(f"dedupe: skipped {item.path}: {item.reason}", err=True)
        self.skipped = len(skipped)
        jsonl, csv_path, errors_path = self.jsonl, self.csv, self.errors
        if jsonl and lines is not None:
            _guarded(lambda: write_lines(lines(), jsonl))
        elif jsonl:
            _guarded(lambda: write_jsonl(records(), jsonl))
        if csv_path:
            _guarded(lambda: write_csv(records(), csv_path))
        if errors_path:
            _guarded(lambda: write_errors(skipped, errors_path))
        if self.as_json:
            click.echo(to_json(list(records())), nl=False)
        elif not self.quiet:  # the table needs no texts: they are dropped as records pass
            click.echo(table([attrs.evolve(r, text="") for r in records()]), nl=False)
        if not self.quiet:
            self.counts = (
                f"{stats.unique_stories} stories ({stats.stories_found} found in "
                f"{stats.files} documents, {stats.duplicate_occurrences} duplicates), "
                f"{stats.skipped} skipped, {time.perf_counter() - began:.2f}s"
            )

    def summary(self) -> None:
        if self.counts:
            click.echo(self.counts, err=True)
        if self.skipped:
            sys.exit(1)


def _on_spark(paths: tuple[str, ...], settings: Settings, master: str) -> Report:
    """The run on Spark, its records collected in order (the extra is imported only here)."""
    try:
        from .spark import collect_report, session
    except ImportError as error:
        raise click.UsageError(
            f"--engine spark needs the spark extra: pip install 'news-provenance[spark]' ({error})"
        ) from error
    try:
        spark = session(master)
    except Exception as error:  # no Java, or a master that cannot be reached
        raise click.ClickException(f"cannot start Spark at {master}: {error}") from error
    return collect_report(spark, paths, settings)


@attrs.frozen
class Queries:
    """The questions asked of a store on the command line."""

    stories_of: tuple[str, ...]
    files_of: tuple[str, ...]
    search: str | None

    def __bool__(self) -> bool:
        return bool(self.stories_of or self.files_of or self.search)


def _with_store(
    db: str,
    paths: tuple[str, ...],
    explicit: dict[str, Any],
    workers: int | None,
    batch: int,
    removals: tuple[bool, tuple[str, ...]],
    queries: Queries,
    outputs: dict[str, str | None],
    *,
    as_json: bool,
    quiet: bool,
) -> None:
    """Add PATHS to the store, drop what is asked, then write, print or answer from it all."""
    began = time.perf_counter()
    if not paths and not os.path.exists(db):
        raise click.UsageError(f"no store at {db} (give PATHS to build one)")
    try:
        settings = (Store.stored_settings(db) or Settings()).replace(**explicit)
        store = Store.open(db, settings)
    except (StoreError, SettingsError) as error:
        raise click.UsageError(str(error)) from error
    prune, drop = removals
    with store:
        try:
            done = store.ingest(paths, workers=workers, batch=batch) if paths else Ingested()
            if drop:
                done += store.drop(drop, batch=batch)
            if prune:
                done += store.prune(batch=batch)
        except StoreError as error:
            raise click.UsageError(str(error)) from error
        for skipped in done.skipped:
            click.echo(f"dedupe: skipped {skipped.path}: {skipped.reason}", err=True)
        try:
            if outputs["jsonl"]:
                store.write_jsonl(outputs["jsonl"])
            if outputs["csv"]:
                store.write_csv(outputs["csv"])
            if outputs["errors"]:
                write_errors(done.skipped, outputs["errors"])
        except OutputError as error:
            click.echo(f"dedupe: {error}", err=True)
            sys.exit(3)
        unanswered = _answer(store, queries, as_json=as_json) if queries else False
        if not queries and as_json:
            click.echo(to_json(list(store.records())), nl=False)
        elif not queries and not quiet:
            click.echo(table(list(store.records())), nl=False)
        if not quiet:
            s = store.stats()
            click.echo(
                f"{s.clusters} stories in {db} ({s.stories} found in {s.files} files); "
                f"this run: {done.added} added, {done.replaced} replaced, "
                f"{done.unchanged} unchanged, {done.removed} removed, "
                f"{len(done.skipped)} skipped, {time.perf_counter() - began:.2f}s",
                err=True,
            )
    if done.skipped or unanswered:
        sys.exit(1)


def _answer(store: Store, queries: Queries, *, as_json: bool) -> bool:
    """Print the answers; True if some question found nothing (reported on stderr)."""
    unanswered = False
    for path in queries.stories_of:
        carried = store.stories_of(path)
        if not carried:
            click.echo(f"dedupe: no story of {path} in {store.path}", err=True)
            unanswered = True
        click.echo(to_json(carried) if as_json else table(carried), nl=False)
    for story_id in queries.files_of:
        record = store.story(story_id)
        if record is None:
            click.echo(f"dedupe: no story {story_id} in {store.path}", err=True)
            unanswered = True
        elif as_json:
            click.echo(to_json([record]), nl=False)
        else:
            click.echo(f"{record.story_id}  {record.title}")
            for o in record.occurrences:
                click.echo(
                    f"  {o.path}  chars {o.start}-{o.end}  lines {o.line_start}-{o.line_end}  "
                    f"{o.evidence} {o.similarity:g}"
                )
    if queries.search:
        hits = store.search(queries.search)
        if as_json:
            click.echo(json.dumps([attrs.asdict(h) for h in hits], ensure_ascii=False, indent=2))
        for hit in [] if as_json else hits:
            click.echo(f"{hit.story_id}  {hit.score:6.2f}  {hit.title}")
    return unanswered


def main(args: list[str] | None = None) -> None:
    """Console entry point: the command, with Ctrl-C as exit code 130 and no traceback."""
    try:
        command.main(args=args, prog_name="dedupe", standalone_mode=False)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except (KeyboardInterrupt, click.Abort):
        click.echo("dedupe: interrupted", err=True)
        sys.exit(130)
