"""Confidence as a property of the executed trace: features of how the verdict was reached,
mapped to a probability of being right by a small logistic fitted on the sample golden set
and the three blind dev packs.

Why features of the execution and not a prior per kind of decider: a prior measured on one
corpus says how often *that corpus's* markers and prose were right; on policies written
differently the same kind of decider is right at another rate, and the prior then ranks
answers no better than chance. What transfers is evidence the answerer can see for this
answer: did a case fact decide, or were the deciding rule's conditions left unknown; does the
clause lead the next one clearly and do its neighbours point the same way; did both retrievers
(dense and keyword) put the deciding clause first; how much of the question's subject it names.

`features` reads them from the verdict step's output; `score` maps them with the coefficients
in `assistant/weights.py` (`WEIGHTS.confidence_model`, fitted by `scripts/fit_confidence.py`).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

from policydesk.assistant.ranking import Candidate, Ranking
from policydesk.assistant.weights import WEIGHTS, Weights


@dataclass(frozen=True)
class ConfidenceFeatures:
    """What the trace says about one verdict; every value in [0, 1]."""

    declared: float  # the deciding rule is declared (a marker, or a confirmed sidecar rule)
    by_fact: float  # a condition met or unmet by a stated case fact decided the outcome
    wording: float  # no rule decided: the clause's wording gave the verdict
    unknown_share: float  # share of the deciding rule's conditions the case left unknown
    relevance: float  # the deciding clause's best cosine above the gate, over relevance_span (clipped)
    subject: float  # rarity-weighted share of the question's subject words in the deciding clause
    lead: float  # the deciding clause's score lead over the next other clause, over lead_span (clipped)
    agree: float  # share of the close neighbouring clauses whose own decision is the verdict (1 when none is close)
    rival: float  # a close clause of another policy says otherwise
    dense_top: float  # the deciding clause has the highest cosine among the retrieved clauses
    keyword_top: float  # ... and the highest keyword (BM25) score
    off_gate: float  # answered on scope or keyword evidence, below the cosine gate
    fallback_general: float  # the verdict came from the policy's general clause, not a retrieved one
    transformed: float  # executing the deciding rule changed its own decision (a prohibition read as restrict)
    rules_disagree: float  # share of the other applicable rules with an outcome whose outcome is not the verdict
    clause_agree: float  # share of the deciding clause's decision-bearing sentences that read as the verdict (1 when none)
    quote_relevance: float  # the quoted sentence's cosine above the gate, over relevance_span (clipped)
    other_conditions: float  # share of the deciding rule's conditions of a kind nothing executes ("other")
    restrict: float  # the verdict is restrict (reject and approve are the other verdicts that may go auto)
    approve: float  # the verdict is approve

    def as_dict(self) -> dict[str, float]:
        return asdict(self)


FEATURE_NAMES: tuple[str, ...] = tuple(ConfidenceFeatures.__dataclass_fields__)


def _clip(x: float) -> float:
    return max(0.0, min(1.0, x))


def features(decided, ranked: Ranking, min_relevance: float, w: Weights = WEIGHTS) -> ConfidenceFeatures:
    """The features of one executed verdict (`decided`: verdict_steps.Decided)."""
    verdict, deciding, usable = decided.verdict, decided.deciding, decided.usable
    run = verdict.deciding
    checks = [c for c in run.checks if c.kind != "targeting"] if run is not None else []
    unknown = sum(1 for c in checks if c.result == "unknown")
    others = [c for c in usable if c.chunk.id != deciding.chunk.id and not c.context_only]
    nxt = max((c.score for c in others), default=None)
    lead = (deciding.score - nxt) / w.confidence_lead_span if nxt is not None else 1.0
    close = [c for c in others[:3] if c.decision and c.score >= deciding.score - w.clause_window]
    agree = sum(1 for c in close if c.decision == verdict.decision) / len(close) if close else 1.0
    rival = any(
        c.chunk.source != deciding.chunk.source and c.decision and c.decision != verdict.decision
        and c.score >= deciding.score - w.rival_gap
        for c in usable[1:3] if c is not deciding
    )
    retrieved: list[Candidate] = [c for c in ranked.candidates if not c.context_only] or [deciding]
    dense_top = deciding.cos >= max(c.cos for c in retrieved)
    kw = [c.scored.keyword_score or 0.0 for c in retrieved]
    keyword_top = (deciding.scored.keyword_score or 0.0) >= max(kw) and max(kw) > 0
    retrieved_ids = {c.chunk.id for c in ranked.candidates}
    live = [r for r in verdict.runs if r.applicable and r.outcome and r is not run]
    read = [v.reading.decision for v in deciding.sentences if v.reading.decision]
    quote_cos = deciding.quote.cos if deciding.quote is not None else 0.0
    return ConfidenceFeatures(
        declared=float(verdict.source == "declared"),
        by_fact=float(run is not None and run.by_fact),
        wording=float(run is None),
        unknown_share=unknown / len(checks) if checks else 0.0,
        relevance=_clip((deciding.best_cos - min_relevance) / w.relevance_span),
        subject=_clip(deciding.weighted_overlap),
        lead=_clip(lead),
        agree=agree,
        rival=float(rival),
        dense_top=float(dense_top),
        keyword_top=float(keyword_top),
        off_gate=float(ranked.by_scope or ranked.by_keywords),
        fallback_general=float(deciding.chunk.id not in retrieved_ids),
        transformed=float(run is not None and run.rule.decision != verdict.decision),
        rules_disagree=sum(1 for r in live if r.outcome != verdict.decision) / len(live) if live else 0.0,
        clause_agree=sum(1 for d in read if d == verdict.decision) / len(read) if read else 1.0,
        quote_relevance=_clip((quote_cos - min_relevance) / w.relevance_span),
        other_conditions=sum(1 for c in checks if c.kind == "other") / len(checks) if checks else 0.0,
        restrict=float(verdict.decision == "restrict"),
        approve=float(verdict.decision == "approve"),
    )


def score(feats: ConfidenceFeatures, w: Weights = WEIGHTS) -> float:
    """The fitted logistic: sigmoid(intercept + sum of coefficient * feature), rounded to 3 places."""
    coef = w.confidence_model
    z = coef.get("intercept", 0.0) + sum(coef.get(name, 0.0) * value for name, value in feats.as_dict().items())
    return round(1.0 / (1.0 + math.exp(-z)), 3)


__all__ = ["FEATURE_NAMES", "ConfidenceFeatures", "features", "score"]
