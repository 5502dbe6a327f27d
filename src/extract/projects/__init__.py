"""Projects (contract v1.1): each funded project a document speaks of, tied together from the
record's mentions by linking rules (titles.py, links.py; cue words in cues.yaml), and the
corpus file projects.jsonl (corpus.py)."""
from .build import build_projects, retitle

__all__ = ["build_projects", "retitle"]
