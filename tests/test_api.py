"""The public surface: `provenance.__all__`, docstrings, and a light import."""

from __future__ import annotations

import inspect
import subprocess
import sys

import provenance


def test_all_is_sorted_and_unique() -> None:
    assert list(provenance.__all__) == sorted(provenance.__all__)
    assert len(set(provenance.__all__)) == len(provenance.__all__)


def test_every_public_name_exists_and_is_documented() -> None:
    for name in provenance.__all__:
        assert hasattr(provenance, name), name
        if name == "__version__":
            assert isinstance(provenance.__version__, str)
            assert provenance.__version__
            continue
        obj = getattr(provenance, name)
        assert inspect.getdoc(obj), f"{name} has no docstring"


def test_public_functions_and_classes_are_all_exported() -> None:
    public = {
        name
        for name, obj in vars(provenance).items()
        if not name.startswith("_")
        and (inspect.isfunction(obj) or inspect.isclass(obj))
        and obj.__module__.startswith("provenance")
    }
    assert public <= set(provenance.__all__)


def test_errors_share_one_root() -> None:
    assert issubclass(provenance.SettingsError, provenance.ProvenanceError)
    assert issubclass(provenance.SettingsError, ValueError)
    assert issubclass(provenance.OutputError, provenance.ProvenanceError)


# optional or development-only packages; scipy is a hard dependency of datasketch, not listed
HEAVY = (
    "pyspark",
    "pandas",
    "matplotlib",
    "torch",
    "sklearn",
    "redis",
    "cassandra",
    "motor",
    "IPython",
    "hypothesis",
    "pytest",
)


def test_import_is_light() -> None:
    code = (
        "import sys, provenance\n"
        f"heavy = [m for m in {HEAVY!r} if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""
