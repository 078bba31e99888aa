"""The small core every stage imports: typed records, settings, store schema, embedder."""

from policydesk.core.errors import PolicydeskError
from policydesk.core.settings import Settings, get_settings
from policydesk.core.types import (
    DECISIONS,
    Answer,
    Chunk,
    Citation,
    Decision,
    DocumentRecord,
    Filters,
    Rule,
    ScoredChunk,
)

__all__ = [
    "DECISIONS",
    "Answer",
    "Chunk",
    "Citation",
    "Decision",
    "DocumentRecord",
    "Filters",
    "PolicydeskError",
    "Rule",
    "ScoredChunk",
    "Settings",
    "get_settings",
]
