"""Tuning constants of the answerer's confidence, each with where its value came from."""

from __future__ import annotations

from dataclasses import dataclass

# Measured precision of each kind of decider on the sample golden set (177 cases, run of
# 2026-11-28, `policydesk eval evals/golden/sample.jsonl`), Laplace-smoothed as (right + 1) /
# (n + 2): (verdict source, verdict, decided by an executed fact) -> (n, right). Confidence is
# this prior, scaled by how clearly the clause matched; `eval --calibrate` then picks the
# auto-route threshold. Re-measure when the answerer changes (the eval's "precision by what
# decided" table gives the counts). Tuned on the sample set only, never on evals/validation/.
DECIDER_PRECISION: dict[tuple[str, str, bool], tuple[int, int]] = {
    ("declared", "approve", False): (14, 13),
    ("declared", "reject", True): (14, 11),
    ("declared", "reject", False): (22, 17),
    ("declared", "restrict", False): (30, 22),
    ("declared", "restrict", True): (11, 6),
    ("declared", "approve", True): (5, 1),
    ("inferred", "reject", False): (15, 10),
    ("inferred", "reject", True): (3, 2),
    ("inferred", "restrict", False): (14, 6),
    ("inferred", "restrict", True): (2, 1),
    ("inferred", "approve", True): (1, 0),
    ("wording", "any", False): (11, 11),
}


def decider_prior(source: str, verdict: str, by_fact: bool) -> float:
    n, right = DECIDER_PRECISION.get((source, verdict, by_fact), (0, 0))
    return (right + 1) / (n + 2)


@dataclass(frozen=True)
class Weights:
    """Every tuning constant of confidence in one place, each with where its value came from."""

    relevance_span: float = 0.3  # cosine above min_relevance at which relevance stops adding (MiniLM cosines of on-topic clauses sit 0.35-0.75)
    relevance_floor: float = 0.85  # share of the prior kept at the relevance gate itself: relevance is a weak signal next to what decided
    rival_penalty: float = 0.15  # a close clause of another policy says otherwise: the case may belong to either policy


WEIGHTS = Weights()
