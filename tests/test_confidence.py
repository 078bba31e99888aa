"""Confidence from the executed trace (assistant/confidence.py): the features read from a
hand-built verdict, and the fitted map that turns them into a probability of being right.

Why these tests: the map's coefficients are keyed by feature name, so a renamed or dropped
feature would silently score 0 for it; and a feature read from the wrong field (the next
clause instead of the deciding one, met conditions counted as unknown) would still give a
number in [0, 1]. Each assertion below fails if that happens."""

from __future__ import annotations

import math

import pytest

from policydesk.assistant.confidence import FEATURE_NAMES, ConfidenceFeatures, features, score
from policydesk.assistant.rule_run import RuleRun
from policydesk.assistant.precedence import Verdict
from policydesk.assistant.ranking import Candidate, Ranking, SentenceView
from policydesk.assistant.verdict_steps import Decided
from policydesk.assistant.weights import WEIGHTS, Weights
from policydesk.core.reading import SentenceDecision
from policydesk.core.sentences import Span
from policydesk.core.types import Chunk, ConditionCheck, Rule, ScoredChunk

FLOOR = 0.35


def cand(cid: str, source: str, score: float, cos: float, kw: float, readings: list[str | None], overlap: float = 0.5) -> Candidate:
    ch = Chunk(id=cid, text=f"text of {cid}", source=source)
    views = [
        SentenceView(i, Span(0, 1, f"s{i}"), cos, SentenceDecision(d), [], set())
        for i, d in enumerate(readings)
    ]
    c = Candidate(scored=ScoredChunk(chunk=ch, score=score, dense_score=cos, keyword_score=kw), sentences=views,
                  score=score, best_cos=cos, weighted_overlap=overlap, quote=views[0] if views else None)
    c.reading = SentenceDecision(next((d for d in readings if d), None))
    return c


def run(chunk: Chunk, decision: str, outcome: str, results: list[str], origin: str = "prose", by_fact: bool = False) -> RuleRun:
    checks = [ConditionCheck(kind="min_age", requirement="18+", result=r) for r in results]  # type: ignore[arg-type]
    rule = Rule(id=f"{chunk.id}/r1", quote="s0", decision=decision)  # type: ignore[arg-type]
    return RuleRun(rule=rule, origin=origin, chunk=chunk, clause_rank=0, checks=checks, outcome=outcome, by_fact=by_fact)  # type: ignore[arg-type]


def decided_by_fact() -> tuple[Decided, Ranking]:
    """A reject decided by an unmet age floor; the clause leads by 0.05, both retrievers rank it
    first, one close neighbour agrees, and two of its three sentences read reject."""
    best = cand("a", "alc.md", 0.80, 0.65, 9.0, ["reject", "reject", "restrict"])
    near = cand("b", "alc.md", 0.75, 0.50, 3.0, ["reject"])
    far = cand("c", "gam.md", 0.40, 0.45, 1.0, ["approve"])
    r = run(best.chunk, "restrict", "reject", ["unmet"], origin="marker", by_fact=True)
    v = Verdict("reject", r, [r], "audience 16 does not meet 18+", "declared")
    usable = [best, near, far]
    return Decided(v, best, usable, usable), Ranking(usable, usable, best)


def decided_in_prose() -> tuple[Decided, Ranking]:
    """A prose prohibition read as restrict for want of facts; another clause scores about as
    well and says approve; the keyword retriever prefers that other clause."""
    best = cand("a", "alc.md", 0.60, 0.40, 2.0, ["reject", "approve"], overlap=0.2)
    rival = cand("b", "gam.md", 0.59, 0.38, 5.0, ["approve"])
    r = run(best.chunk, "reject", "restrict", ["unknown", "unknown"])
    v = Verdict("restrict", r, [r], "allowed only if 18+", "inferred")
    usable = [best, rival]
    return Decided(v, best, usable, usable), Ranking(usable, usable, best)


def test_features_of_a_verdict_decided_by_a_fact():
    f = features(*decided_by_fact(), FLOOR)
    assert (f.declared, f.by_fact, f.wording, f.unknown_share) == (1.0, 1.0, 0.0, 0.0)
    assert f.relevance == pytest.approx((0.65 - FLOOR) / WEIGHTS.relevance_span)
    assert f.lead == pytest.approx(0.05 / WEIGHTS.confidence_lead_span)
    assert (f.agree, f.rival, f.dense_top, f.keyword_top) == (1.0, 0.0, 1.0, 1.0)
    assert f.clause_agree == pytest.approx(2 / 3)
    assert f.transformed == 1.0  # a restrict rule whose broken condition made it reject
    assert (f.restrict, f.approve) == (0.0, 0.0)


def test_features_of_a_prose_restrict_left_unknown():
    d, r = decided_in_prose()
    f = features(d, r, FLOOR)
    assert (f.declared, f.by_fact, f.unknown_share) == (0.0, 0.0, 1.0)
    assert f.relevance == pytest.approx((0.40 - FLOOR) / WEIGHTS.relevance_span)
    assert f.lead == pytest.approx(0.1)  # 0.01 over a span of 0.1
    assert (f.agree, f.rival, f.dense_top, f.keyword_top) == (0.0, 1.0, 1.0, 0.0)
    assert f.clause_agree == 0.0 and f.transformed == 1.0 and f.restrict == 1.0
    assert all(0.0 <= x <= 1.0 for x in f.as_dict().values())


def test_the_map_is_the_logistic_of_its_coefficients():
    f = features(*decided_in_prose(), FLOOR)
    w = Weights(confidence_model={"intercept": -1.0, "unknown_share": 2.0, "relevance": 3.0})
    z = -1.0 + 2.0 * f.unknown_share + 3.0 * f.relevance
    assert score(f, w) == round(1 / (1 + math.exp(-z)), 3)


def test_the_shipped_model_names_every_feature_and_nothing_else():
    assert set(WEIGHTS.confidence_model) == set(FEATURE_NAMES) | {"intercept"}
    assert FEATURE_NAMES == tuple(ConfidenceFeatures.__dataclass_fields__)


def test_the_shipped_model_trusts_an_executed_fact_over_a_prose_reading_left_unknown():
    sure = score(features(*decided_by_fact(), FLOOR))
    unsure = score(features(*decided_in_prose(), FLOOR))
    assert 0.0 < unsure < sure < 1.0
    assert sure - unsure > 0.3
