"""The HTML report of a run: one self-contained page to look at the stories and their copies.

One static file, so that checking why copies were merged takes only a browser: no server,
nothing fetched (the page's Content-Security-Policy allows no request and no script but its
own). Text from the inputs can never run as code: the summary is escaped with `html.escape`,
the stories travel in a JSON block whose ``<``, ``>`` and ``&`` are written as ``\\u``
escapes (so no input can close the block or open a comment in it), and the page's script
puts them into the page as text nodes only. The script shows one page of stories at a time
and builds a copy's differences only when they are opened, so a large run stays usable.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
from collections.abc import Mapping, Sequence
from importlib import resources
from typing import Any

import attrs

from .diff import word_diff
from .export import atomic_write
from .model import path_key
from .records import Occurrence, Report, StoryRecord
from .settings import Settings

Bodies = Mapping[tuple[str, int], str]
MAX_SKIPPED = 1000  # skipped inputs listed in the summary; the rest are counted

EVIDENCE = {
    "canonical": "the copy the others are compared with: the one most of them match",
    "exact": "the normalised bodies are identical",
    "minhash": "the shingle Jaccard of the bodies is at least the threshold",
    "containment": "most of the shorter copy's shingles are in the longer one: an excerpt",
    "title": "the titles agree and the bodies share a weaker but real overlap",
    "witnesses": "the canonical copy misses it, but most of the story's best copies match it",
}


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def _csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def script_json(value: Any) -> str:
    """`value` as JSON safe inside a ``<script>`` element: no ``<``, ``>`` or ``&`` in it."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _copy(record: StoryRecord, occurrence: Occurrence, bodies: Bodies) -> dict[str, Any]:
    """One occurrence for the page, with its differences from the canonical text:
    ``diff`` is "canonical", "same", null (its text was not kept) or the segments."""
    item: dict[str, Any] = {
        "path": occurrence.path,
        "start": occurrence.start,
        "end": occurrence.end,
        "lines": [occurrence.line_start, occurrence.line_end],
        "title": occurrence.title,
        "date": occurrence.date,
        "sim": occurrence.similarity,
        "tsim": occurrence.title_similarity,
        "ev": occurrence.evidence,
        "kind": occurrence.input_kind,
        "url": occurrence.url,
        "retrieved": occurrence.retrieved,
    }
    if occurrence is record.canonical:
        item["diff"] = "canonical"
        return item
    body = bodies.get((occurrence.path, occurrence.start))
    if body is None:
        item["diff"] = None
    elif body == record.text:
        item["diff"] = "same"
    else:
        found = word_diff(record.text, body)
        item["diff"] = {
            "seg": [list(s) for s in found.segments],
            "add": found.added,
            "rem": found.removed,
            "chg": found.changed,
            "cut": found.truncated,
        }
    if occurrence.title and record.title and occurrence.title != record.title:
        item["tdiff"] = [list(s) for s in word_diff(record.title, occurrence.title).segments]
    return item


def ordered(stories: Sequence[StoryRecord]) -> list[StoryRecord]:
    """Most copies first, then most files, then where the canonical copy sits."""
    return sorted(
        stories,
        key=lambda r: (
            -len(r.occurrences),
            -len(r.files),
            path_key(r.canonical.path),
            r.canonical.start,
        ),
    )


def page_data(report: Report, bodies: Bodies) -> dict[str, Any]:
    """What the page's script shows: the stories, ordered, each copy with its differences."""
    return {
        "evidence": EVIDENCE,
        "stories": [
            {
                "id": record.story_id,
                "title": record.title,
                "date": record.date,
                "text": record.text,
                "files": len(record.files),
                "occ": [_copy(record, o, bodies) for o in record.occurrences],
            }
            for record in ordered(report.stories)
        ],
    }


def _row(label: str, value: object) -> str:
    return f"<tr><th>{html.escape(label)}</th><td>{html.escape(str(value))}</td></tr>"


def summary_html(
    report: Report,
    *,
    inputs: Sequence[str] = (),
    settings: Settings | None = None,
    elapsed: float | None = None,
) -> str:
    """The run at a glance: inputs, counts, time, skipped inputs and why, settings."""
    s = report.stats
    rows = [
        _row("Inputs given", ", ".join(inputs) or "(not recorded)"),
        _row("Documents read", f"{s.files:,}"),
        _row("Skipped inputs", f"{s.skipped:,}"),
        _row("Stories found", f"{s.stories_found:,}"),
        _row("Unique stories", f"{s.unique_stories:,}"),
        _row("Duplicates", f"{s.duplicate_occurrences:,}"),
        _row("Stories with copies", f"{sum(len(r.occurrences) > 1 for r in report.stories):,}"),
    ]
    if elapsed is not None:
        rows.append(_row("Time", f"{elapsed:.2f} s"))
    parts = ['<table class="counts">', *rows, "</table>"]
    if report.skipped:
        listed = report.skipped[:MAX_SKIPPED]
        parts.append(f'<details class="skipped"><summary>Skipped inputs ({s.skipped:,})</summary>')
        parts.append("<table><tr><th>Input</th><th>Reason</th></tr>")
        parts += [
            f"<tr><td>{html.escape(k.path)}</td><td>{html.escape(k.reason)}</td></tr>"
            for k in listed
        ]
        parts.append("</table>")
        if len(report.skipped) > len(listed):
            more = len(report.skipped) - len(listed)
            parts.append(f"<p>and {more:,} more; <code>--errors FILE</code> lists them all.</p>")
        parts.append("</details>")
    if settings is not None:
        values = attrs.asdict(settings)
        parts.append('<details class="settings"><summary>Settings</summary><table>')
        parts += [_row(name, value) for name, value in values.items()]
        parts.append("</table></details>")
    parts.append('<details class="legend"><summary>Evidence</summary><table>')
    parts += [_row(name, meaning) for name, meaning in EVIDENCE.items()]
    parts.append("</table></details>")
    return "\n".join(parts)


def render_html(
    report: Report,
    *,
    bodies: Bodies | None = None,
    inputs: Sequence[str] = (),
    settings: Settings | None = None,
    elapsed: float | None = None,
) -> str:
    """The report page. `bodies` (from `pipeline.dedupe_with_bodies`) gives each copy's text
    for its differences; without it the copies are listed without differences. The page
    is the same, byte for byte, for the same arguments; `elapsed` is the only varying part."""
    from . import __version__  # the package imports this module first

    style, script = _asset("report.css"), _asset("report.js")
    csp = (
        f"default-src 'none'; style-src {_csp_hash(style)}; script-src {_csp_hash(script)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    stats = report.stats
    title = f"provenance: {stats.unique_stories:,} stories from {stats.files:,} documents"
    data = script_json(page_data(report, bodies or {}))
    return _PAGE.format(
        csp=html.escape(csp),
        title=html.escape(title),
        version=html.escape(__version__),
        style=style,
        summary=summary_html(report, inputs=inputs, settings=settings, elapsed=elapsed),
        data=data,
        script=script,
    )


def write_html(
    report: Report,
    path: str | os.PathLike[str],
    *,
    bodies: Bodies | None = None,
    inputs: Sequence[str] = (),
    settings: Settings | None = None,
    elapsed: float | None = None,
) -> None:
    """Write the HTML report of a run to `path`, atomically (see `render_html`)."""
    page = render_html(report, bodies=bodies, inputs=inputs, settings=settings, elapsed=elapsed)
    with atomic_write(path) as handle:
        handle.write(page)


_PAGE = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="news-provenance {version}">
<link rel="icon" href="data:,">
<title>{title}</title>
<style>{style}</style>
</head>
<body>
<header>
<h1>{title}</h1>
<p class="sub">The unique stories of a run, most-copied first, with every file and span that
carried each one and how each copy differs from the canonical text.
Made by news-provenance {version}.</p>
</header>
<section id="summary">
<h2>Summary</h2>
{summary}
</section>
<section id="browse">
<h2>Stories</h2>
<form id="filters" autocomplete="off">
<label>Title or id <input id="q-title" type="search" placeholder="words of the title"></label>
<label>File <input id="q-file" type="search" placeholder="part of a path or URL"></label>
<label>Date from <input id="q-from" type="search" placeholder="YYYY-MM-DD" size="10"></label>
<label>to <input id="q-to" type="search" placeholder="YYYY-MM-DD" size="10"></label>
<label>Copies <select id="q-copies">
<option value="1">any</option><option value="2">2 or more</option>
<option value="3">3 or more</option><option value="10">10 or more</option>
</select></label>
</form>
<nav class="pager" aria-label="pages">
<button type="button" id="prev">&larr; Previous</button>
<span id="status" role="status">Loading&hellip;</span>
<button type="button" id="next">Next &rarr;</button>
</nav>
<noscript><p>The story list needs JavaScript. The stories are in this file's
<code>application/json</code> block (id <code>data</code>).</p></noscript>
<div id="stories"></div>
<nav class="pager" aria-label="pages, again">
<button type="button" id="prev2">&larr; Previous</button>
<span id="status2"></span>
<button type="button" id="next2">Next &rarr;</button>
</nav>
</section>
<script type="application/json" id="data">{data}</script>
<script>{script}</script>
</body>
</html>
"""
