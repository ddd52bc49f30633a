"""One exception root, so callers can catch everything provenance raises in one place."""

from __future__ import annotations


class ProvenanceError(Exception):
    """Base class of every error raised by provenance."""


class SettingsError(ProvenanceError, ValueError):
    """A setting is out of its allowed range; the message names the field."""


class OutputError(ProvenanceError, OSError):
    """An output file could not be written; nothing partial was left behind."""


class InputError(ProvenanceError, ValueError):
    """An input cannot be read as what its name says; the message is the reason reported."""
