"""Facts about the whole store the answerer may use, and the rules each clause executes."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from policydesk.core.clause_logic import read_clause_logic
from policydesk.core.terms import terms
from policydesk.core.types import GLOBAL_MARKET, Chunk, Rule


@dataclass
class CorpusFacts:
    """Facts about the whole store the answerer may use: which sources declare decisions,
    and which markets a clause id names (to resolve "the markets listed in GAM-3")."""

    declaring_sources: set[str] = field(default_factory=set)
    clause_markets: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # (source, clause id)
    doc_freq: dict[str, int] = field(default_factory=dict)
    n_chunks: int = 0
    # Per source, the policy's general position: its first clause with a rule that is not a
    # prohibition and names no market. A case a narrower prohibition does not cover falls to it.
    general: dict[str, Chunk] = field(default_factory=dict)

    def idf(self, term: str) -> float:
        """Rarity of a word in the store; words the store never uses are the rarest."""
        n = max(self.n_chunks, 1)
        return math.log((n + 1) / (self.doc_freq.get(term, 0) + 0.5))


_facts_cache: dict[int, tuple[object, CorpusFacts]] = {}


def corpus_facts(catalog) -> CorpusFacts:
    key = id(catalog)
    hit = _facts_cache.get(key)
    if hit is not None and hit[0] is catalog:
        return hit[1]
    facts = CorpusFacts(n_chunks=len(catalog.chunks))
    for ch in catalog.chunks.values():
        for t in terms(f"{ch.title}\n{ch.section}\n{ch.text}"):
            facts.doc_freq[t] = facts.doc_freq.get(t, 0) + 1
        if ch.decision:
            facts.declaring_sources.add(ch.source)
        if ch.clause_id and ch.markets and GLOBAL_MARKET not in ch.markets:
            facts.clause_markets.setdefault((ch.source, ch.clause_id.upper()), [m.upper() for m in ch.markets])
    for ch in catalog.chunks.values():
        if is_general(ch, declaring=ch.source in facts.declaring_sources):
            seen = facts.general.get(ch.source)
            if seen is None or ch.position < seen.position:
                facts.general[ch.source] = ch
    if len(_facts_cache) > 8:
        _facts_cache.clear()
    _facts_cache[key] = (catalog, facts)
    return facts


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


def is_general(chunk: Chunk, declaring: bool) -> bool:
    if declaring and not chunk.decision:
        return False  # a document that marks its clauses states its position in them, not in the intro
    if chunk.markets and GLOBAL_MARKET not in chunk.markets and len(chunk.markets) <= 5:
        return False
    rules = clause_logic(chunk)
    return any(r.decision != "reject" and not r.markets and not r.overrides for r in rules)


def rules_of(chunk: Chunk) -> list[tuple[Rule, str]]:
    """The rules a clause executes: confirmed sidecar rules, else the logic read at ingest."""
    logic = clause_logic(chunk)
    confirmed = [r for r in chunk.rules if r.status == "confirmed"]
    if confirmed:
        marker = [(r, "marker") for r in logic if chunk.decision and r.id == chunk.clause_id]
        return marker + [(r, "sidecar") for r in confirmed]
    return [(r, "marker" if chunk.decision and r.overrides is None and r.id == chunk.clause_id else "prose") for r in logic]
