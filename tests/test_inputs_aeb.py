"""Raw AEB pages, as HTML files and as one WARC, against their ground-truth text copies.

Skipped when ../shared/data is absent; the whole set runs in `python -m benchmarks.inputs`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import datasets
from benchmarks.inputs import measure


def test_raw_pages_land_with_their_text_copies_as_html_and_as_warc(tmp_path: Path) -> None:
    if not (datasets.DATA / datasets.AEB_TARBALL).exists():
        pytest.skip(f"{datasets.DATA / datasets.AEB_TARBALL} is absent")
    root = datasets.aeb_root(tmp_path)
    measured = measure(root, tmp_path, pages=20, workers=1)
    assert measured.pages == 20
    assert measured.html_found == 20
    assert measured.warc_found == 20
    assert measured.html_skipped == measured.warc_skipped == 0
    assert measured.same_clusters
