"""provenance: one record per news story, with every file and place that carried it.

>>> import provenance
>>> report = provenance.dedupe(["seeds/"])
>>> for story in report.stories:
...     print(story.story_id, story.title, story.files)
"""

from importlib.metadata import PackageNotFoundError, version

from .cluster import Group, cluster
from .errors import InputError, ProvenanceError, SettingsError
from .export import write_csv, write_jsonl
from .model import Document, Skipped, Story
from .pipeline import candidate_pairs, dedupe, describe, find_stories, read_documents, signatures
from .records import Occurrence, Report, StoryRecord
from .segment import segment
from .settings import Settings
from .signatures import sign
from .verify import Match, compare

try:
    __version__ = version("news-provenance")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

__all__ = [
    "Document",
    "Group",
    "InputError",
    "Match",
    "Occurrence",
    "ProvenanceError",
    "Report",
    "Settings",
    "SettingsError",
    "Skipped",
    "Story",
    "StoryRecord",
    "__version__",
    "candidate_pairs",
    "cluster",
    "compare",
    "dedupe",
    "describe",
    "find_stories",
    "read_documents",
    "segment",
    "sign",
    "signatures",
    "write_csv",
    "write_jsonl",
]
