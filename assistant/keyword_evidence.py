"""Keyword evidence for the relevance gate, for questions the embedding model reads poorly.

The default embedding model (all-MiniLM-L6-v2) is English-only. A Spanish question about a
clause of a Spanish policy can score a low cosine against it even when the clause holds
every word of the question ("Sorteos de tokens" against "Tampoco se admiten sorteos de
tokens…": cosine 0.28, under POLICYDESK_MIN_RELEVANCE). BM25 does not care about the
language, so a strong keyword match counts as relevance evidence here, but only for a
clause whose decision the writer declared (a clause marker or a confirmed rule): the
verdict is then the writer's, not read from prose the model cannot judge.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from policydesk.assistant.weights import WEIGHTS
from policydesk.core.types import ScoredChunk



class _Candidate(Protocol):
    scored: ScoredChunk
    subject_overlap: float


def keyword_evidence(cand: _Candidate, others: Sequence[_Candidate], subject: set[str], words: set[str]) -> bool:
    """True when the keyword index alone clearly points at this declared clause.

    `subject` is the question's subject words, `words` the candidate's own words (both from
    assistant/terms.py); `others` are the rest of the retrieved candidates.
    """
    chunk = cand.scored.chunk
    declared = chunk.decision is not None or any(r.status == "confirmed" for r in chunk.rules)
    score = cand.scored.keyword_score
    if not declared or not score or cand.subject_overlap < WEIGHTS.keyword_subject_share:
        return False
    if len({w for w in subject & words if len(w) >= 4}) < WEIGHTS.keyword_min_words:
        return False
    rival = max((o.scored.keyword_score or 0.0 for o in others if o is not cand), default=0.0)
    return score >= WEIGHTS.keyword_lead * rival


__all__ = ["keyword_evidence"]
