"""The rules each clause executes: confirmed sidecar rules, else the logic read at ingest.

(The store-wide facts the answerer uses are written at commit: core/corpus_facts.py.)"""

from __future__ import annotations

from policydesk.core.clause_logic import read_clause_logic
from policydesk.core.types import Chunk, Rule


_LOGIC: dict[str, list[Rule]] = {}


def clause_logic(chunk: Chunk) -> list[Rule]:
    """The logic stored at ingest; stores indexed before clause logic was stored: read once
    per chunk, then cached."""
    if chunk.logic:
        return chunk.logic
    hit = _LOGIC.get(chunk.id)
    if hit is None:
        if len(_LOGIC) > 20000:
            _LOGIC.clear()
        hit = _LOGIC[chunk.id] = read_clause_logic(chunk)
    return hit


def rules_of(chunk: Chunk) -> list[tuple[Rule, str]]:
    """The rules a clause executes: confirmed sidecar rules, else the logic read at ingest."""
    logic = clause_logic(chunk)
    confirmed = [r for r in chunk.rules if r.status == "confirmed"]
    if confirmed:
        marker = [(r, "marker") for r in logic if chunk.decision and r.id == chunk.clause_id]
        return marker + [(r, "sidecar") for r in confirmed]
    return [(r, "marker" if chunk.decision and r.overrides is None and r.id == chunk.clause_id else "prose") for r in logic]
