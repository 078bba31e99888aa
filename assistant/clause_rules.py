"""The rules each clause executes: confirmed sidecar rules, else the logic read at ingest.

(The store-wide facts the answerer uses are written at commit: core/corpus_facts.py.)"""

from __future__ import annotations

from policydesk.core.clause_logic import executed_rules, read_clause_logic, stated_conditions
from policydesk.core.types import Chunk, Rule, StatedConditions


_LOGIC: dict[str, list[Rule]] = {}
_STATED: dict[str, list[StatedConditions]] = {}


def clause_logic(chunk: Chunk) -> list[Rule]:
    """The logic stored at ingest; stores indexed before clause logic was stored: read once
    per chunk, then cached. A clause an amendment withdrew has none (core/amendments.py)."""
    if chunk.withdrawn:
        return []
    if chunk.logic:
        return chunk.logic
    return _read_once(_LOGIC, chunk, read_clause_logic)


def rules_of(chunk: Chunk) -> list[tuple[Rule, str]]:
    """The rules a clause executes: confirmed sidecar rules, else the logic read at ingest.
    Referrals (`escalate` rules) are not among them: see `referrals_of`."""
    logic = executed_rules(clause_logic(chunk))
    confirmed = [r for r in chunk.rules if r.status == "confirmed" and r.decision != "escalate"]
    if confirmed:
        marker = [(r, "marker") for r in logic if chunk.decision and r.id == chunk.clause_id]
        return marker + [(r, "sidecar") for r in confirmed]
    return [(r, "marker" if chunk.decision and r.overrides is None and r.id == chunk.clause_id else "prose") for r in logic]


def referrals_of(chunk: Chunk) -> list[tuple[Rule, str]]:
    """The clause's sentences that send its cases to people, as `escalate` rules: confirmed
    sidecar ones when the writer confirmed rules for the clause, else those read at ingest.
    They decide only for the sentence that matches the case best (assistant/verdict_steps.py):
    a referral is about the cases its sentence names, not a verdict on its whole clause."""
    if any(r.status == "confirmed" for r in chunk.rules):
        return [(r, "sidecar") for r in chunk.rules if r.status == "confirmed" and r.decision == "escalate"]
    return [(r, "prose") for r in clause_logic(chunk) if r.decision == "escalate"]


def stated_of(chunk: Chunk) -> list[StatedConditions]:
    """The conditions each sentence of the clause states, stored at ingest with its logic; a
    chunk stored without logic (an older store, or one never ingested) is read once, cached."""
    if chunk.logic:
        return chunk.stated
    return _read_once(_STATED, chunk, lambda ch: stated_conditions(ch, clause_logic(ch) + [r for r in ch.rules if r.status == "confirmed"]))


def _read_once(cache: dict, chunk: Chunk, read):
    """`read(chunk)`, kept per chunk id; the cache starts over past 20,000 chunks."""
    hit = cache.get(chunk.id)
    if hit is None:
        if len(cache) > 20000:
            cache.clear()
        hit = cache[chunk.id] = read(chunk)
    return hit
