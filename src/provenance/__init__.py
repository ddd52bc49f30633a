"""provenance: one record per news story, with every file and place that carried it.

>>> import provenance
>>> report = provenance.dedupe(["seeds/"])
>>> for story in report.stories:
...     print(story.story_id, story.title, story.files)
"""

from importlib.metadata import PackageNotFoundError, version

from .errors import InputError, OutputError, ProvenanceError, SettingsError
from .export import write_csv, write_jsonl
from .model import Document, Skipped, Story
from .pipeline import (
    candidate_pairs,
    dedupe,
    describe,
    find_stories,
    group,
    open_run,
    read_documents,
    sign_stories,
    verified,
    verified_matches,
)
from .records import Occurrence, Report, StoryRecord, build_records
from .report import write_html
from .segment import segment
from .settings import Settings
from .store import Store, StoreError
from .verify import compare

try:
    __version__ = version("news-provenance")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

__all__ = [
    "Document",
    "InputError",
    "Occurrence",
    "OutputError",
    "ProvenanceError",
    "Report",
    "Settings",
    "SettingsError",
    "Skipped",
    "Store",
    "StoreError",
    "Story",
    "StoryRecord",
    "__version__",
    "build_records",
    "candidate_pairs",
    "compare",
    "dedupe",
    "describe",
    "find_stories",
    "group",
    "open_run",
    "read_documents",
    "segment",
    "sign_stories",
    "verified",
    "verified_matches",
    "write_csv",
    "write_html",
    "write_jsonl",
]
