"""The speed benchmark runs (a smoke test, not a timing: timings are never asserted)."""

from __future__ import annotations

import importlib.util

import pytest

from benchmarks import datasets, speed


def test_speed_benchmark_smoke(capsys: pytest.CaptureFixture[str]) -> None:
    if not (datasets.DATA / datasets.REUTERS_TARBALL).exists():
        pytest.skip("../shared/data is absent")
    systems = ("floor", "datasketch-batch", "text-dedup", "signatures", "analysis", "dedupe")
    assert speed.main(["--quick", "--systems", ",".join(systems)]) == 0
    table = capsys.readouterr().out
    for system in systems:  # a tool that is not installed is left out, not failed
        installed = system != "text-dedup" or importlib.util.find_spec("text_dedup") is not None
        assert (f"| generated 2000 | {system} |" in table) is installed
    assert "nan" not in table
