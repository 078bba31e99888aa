"""Why a case failed: one label per miss, ordered from the earliest pipeline stage.

A QA lead reading a failing case needs to know which engineer to talk to. The labels follow
the pipeline, so the first one is the place to start fixing:

- `corpus_gap`        an expected source or quote is not in the corpus at all (fix the golden
                      set or the corpus; no retrieval change can help)
- `retrieval_miss`    expected evidence is in the corpus but not among the retrieved candidates
- `ranking_miss`      retrieved among the candidates but below the top-5 cut the answerer sees
- `citation_miss`     in the top 5 but not cited by the answer
- `missed_escalation` the case expects `escalate`, the answer gave a verdict
- `false_escalation`  the answer escalated a case that has a verdict
- `scope_miss`        (from the answer's trace) the expected evidence was in the top 5 but no
                      applicable rule rests on it (the scope gate found no clause covering the
                      subject, or the rules on it did not apply), so the answer escalated; or a rule that does
                      not rest on the expected evidence (its scope took a subject it should not
                      govern) decided the wrong verdict
- `condition_miss`    (from the trace) the deciding rule rests on the expected evidence and
                      executed conditions, and the verdict is still wrong: a condition check
                      (the fact read, or the condition itself) gave the wrong outcome
- `decision_miss`     the right evidence was in front of the answerer (every expected item in
                      the top 5, or none expected) and the verdict is still wrong (with a trace:
                      the deciding rule rests on the evidence and has no conditions, so its own
                      decision is wrong)

Evidence labels are per item, so a case can carry several; a wrong verdict whose evidence
was not retrieved is explained by the evidence label and gets no `decision_miss`. Where the
trace explains a wrong verdict, its label (`scope_miss`, `condition_miss`) replaces the
generic `false_escalation` / `decision_miss`; without a trace (LLM back ends) the generic
labels are given as before.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from policydesk.core.types import Chunk
from policydesk.evals.metrics import EVIDENCE_CUT, CaseScores, Neighbours, evidence_in_chunk

ROOT_CAUSES: tuple[str, ...] = (
    "corpus_gap",
    "retrieval_miss",
    "ranking_miss",
    "citation_miss",
    "missed_escalation",
    "false_escalation",
    "scope_miss",
    "condition_miss",
    "decision_miss",
)


class CorpusIndex:
    """Which (source, quote) pairs the ingested corpus actually holds, from the catalog's chunks."""

    def __init__(self, chunks: Iterable[Chunk], sources: Iterable[str] = ()):
        self.by_source: dict[str, list[Chunk]] = {}
        chunks = list(chunks)
        for c in chunks:
            self.by_source.setdefault(c.source, []).append(c)
        self.sources = set(self.by_source) | set(sources)
        self.neighbours = Neighbours(chunks)
        self._memo: dict[tuple[str, str], bool] = {}

    def holds(self, source: str, quote: str) -> bool:
        key = (source, quote)
        if key not in self._memo:
            self._memo[key] = source in self.sources and any(
                evidence_in_chunk(source, quote, c, self.neighbours) for c in self.by_source.get(source, [])
            )
        return self._memo[key]

    def has_source(self, source: str) -> bool:
        return source in self.sources


def mark_corpus(scores: CaseScores, corpus: CorpusIndex) -> CaseScores:
    """A copy of `scores` with `in_corpus` filled in for every expected evidence item."""
    hits = [h.model_copy(update={"in_corpus": corpus.holds(h.source, h.quote)}) for h in scores.evidence]
    return scores.model_copy(update={"evidence": hits})


def root_causes(scores: CaseScores, cut: int = EVIDENCE_CUT) -> list[str]:
    """Every miss of the case as labels in ROOT_CAUSES order; empty for a clean pass."""
    labels: set[str] = set()
    for h in scores.evidence:
        if h.in_corpus is False:
            labels.add("corpus_gap")
        elif h.rank is None:
            labels.add("retrieval_miss")
        elif h.rank > cut:
            labels.add("ranking_miss")
        elif not h.cited:
            labels.add("citation_miss")
    if not scores.decision_correct:
        exp, act = scores.expected_decision, scores.actual_decision
        in_front = all(h.rank is not None and h.rank <= cut for h in scores.evidence)
        if exp == "escalate":
            labels.add("missed_escalation")
        elif act == "escalate":
            labels.add(_traced(scores, in_front) or "false_escalation")
        elif in_front:
            labels.add(_traced(scores, in_front) or "decision_miss")
    return [lab for lab in ROOT_CAUSES if lab in labels]


def _traced(scores: CaseScores, in_front: bool) -> str | None:
    """The trace's explanation of a wrong verdict whose evidence was in the top 5, if any."""
    t = scores.trace
    if t is None or not in_front or not scores.has_evidence:
        return None
    if scores.actual_decision == "escalate":
        return "scope_miss" if t.applicable_on_evidence is False else None
    if t.decider_on_evidence is False:
        return "scope_miss"
    if t.decider_on_evidence and t.decider_conditions:
        return "condition_miss"
    return None


def count_causes(labels_per_case: Sequence[Sequence[str]]) -> dict[str, int]:
    """Cases carrying each label (a case counts once per label), every label listed."""
    c = Counter(lab for labels in labels_per_case for lab in set(labels))
    return {lab: c.get(lab, 0) for lab in ROOT_CAUSES}
