"""The `dedupe` command: parse options, call `provenance.dedupe`, print or write the result.

Exit codes: 0 all inputs read, 1 some inputs skipped (each reported on
stderr), 2 usage error, 3 an output could not be written, 130 interrupted.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from typing import Any, TypeVar

import click

from . import __version__
from .errors import OutputError, SettingsError
from .export import table, to_json, write_csv, write_errors, write_jsonl
from .pipeline import dedupe, dedupe_with_bodies
from .report import write_html
from .settings import Settings

F = TypeVar("F", bound=Callable[..., Any])
EPILOG = """\b
Examples:
  dedupe seeds/                          # a table of unique stories
  dedupe seeds/ --jsonl stories.jsonl    # provenance records, one story per line
  dedupe scrapes/ --csv occurrences.csv  # one row per occurrence
  dedupe seeds/ --html report.html       # a page to look at: copies, differences, evidence
  find scrapes -name '*.txt' | dedupe -  # paths on stdin
  dedupe crawl.warc.gz exports/ --include '*.jsonl.gz' --errors errors.jsonl
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
@click.argument("paths", nargs=-1, required=True)
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
    quiet: bool,
    **overrides: Any,
) -> None:
    """Find the unique stories in scraped pages and every file that carried each one.

    PATHS are files or folders, walked for text, HTML, JSON Lines and WARC files
    (gzipped or not); "-" reads paths from stdin.
    """
    try:
        settings = Settings(**{k: v for k, v in overrides.items() if v not in (None, ())})
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
    began = time.perf_counter()
    bodies: dict[tuple[str, int], str] = {}
    if html_path:  # the copies' own texts too, for their differences
        report, bodies = dedupe_with_bodies(paths, settings, workers=workers)
    else:
        report = dedupe(paths, settings, workers=workers)  # None: all cores
    for skipped in report.skipped:
        click.echo(f"dedupe: skipped {skipped.path}: {skipped.reason}", err=True)
    try:
        if jsonl:
            write_jsonl(report.stories, jsonl)
        if csv_path:
            write_csv(report.stories, csv_path)
        if errors_path:
            write_errors(report.skipped, errors_path)
        if html_path:
            elapsed = time.perf_counter() - began
            write_html(
                report, html_path, bodies=bodies, inputs=paths, settings=settings, elapsed=elapsed
            )
    except OutputError as error:
        click.echo(f"dedupe: {error}", err=True)
        sys.exit(3)
    if as_json:
        click.echo(to_json(report.stories), nl=False)
    elif not quiet:
        click.echo(table(report.stories), nl=False)
    if not quiet:
        s = report.stats
        click.echo(
            f"{s.unique_stories} stories ({s.stories_found} found in {s.files} documents, "
            f"{s.duplicate_occurrences} duplicates), {s.skipped} skipped, "
            f"{time.perf_counter() - began:.2f}s",
            err=True,
        )
    if report.skipped:
        sys.exit(1)


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
