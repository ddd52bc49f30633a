"""The speed benchmark runs (a smoke test, not a timing: timings are never asserted)."""

from __future__ import annotations

import pytest

from benchmarks import datasets, speed


def test_speed_benchmark_smoke(capsys: pytest.CaptureFixture[str]) -> None:
    if not (datasets.DATA / datasets.REUTERS_TARBALL).exists():
        pytest.skip("../shared/data is absent")
    assert (
        speed.main(["--quick", "--systems", "floor,datasketch-batch,signatures,analysis,dedupe"])
        == 0
    )
    table = capsys.readouterr().out
    for system in ("floor", "datasketch-batch", "signatures", "analysis", "dedupe"):
        assert f"| generated 2000 | {system} |" in table
    assert "nan" not in table
