"""Eval metrics: pure functions from (golden case, answer, retrieved passages) to numbers.

Two layers, so every number in metrics.json can be traced to per-case facts:

1. `score_case` turns one case into a `CaseScores` record: which expected evidence item was
   found at which rank, which citation rests on expected evidence, which cited quote is
   verbatim. No I/O; the caller passes the passages and (optionally) the catalog's
   neighbouring chunks.
2. `aggregate` turns a list of `CaseScores` into named metrics. Every metric is defined in
   `METRIC_DOCS`; a metric whose denominator is zero is `None` (JSON null), never 0 or 1,
   so "not measured" cannot pass for "perfect" or "broken".

Evidence matching
-----------------
An expected item `{source, quote}` is found in a passage when the passage's source equals
`source` and the folded quote occurs in the folded passage text. Folding = Unicode NFKC,
lower case, typographic quotes and dashes made plain, Markdown emphasis (`*`, backticks)
dropped, table cell bars (`|`) and separator rows (`|---|---|`) dropped, whitespace runs
collapsed to one space. The bars are dropped because ingest writes an HTML or PDF table as a
Markdown pipe table: a golden quote taken from the page's text ("Germany (DE) VdS-recognised
installer certification") is in that chunk, only with bars between its cells. A quote may straddle a chunk boundary
(structure-first chunking does not always overlap); then the quote is credited to the one
passage that holds the larger part of it, checked against the passage joined with its
neighbour in the same source (position +/- 1). A tie credits both. Without neighbour
information only whole-quote matches count.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

import numpy as np
from pydantic import BaseModel, Field

from policydesk.core import textfold
from policydesk.core.calibration import may_auto
from policydesk.core.types import DECISIONS, Answer, Chunk, ScoredChunk, Trace

EVIDENCE_CUT = 5  # `evidence_recall_at_5`: the answerer sees the top 5 passages
ERROR_LABEL = "error"  # actual "decision" of a case whose ask raised an error
UNSAFE_EXPECTED = ("reject", "restrict")

_WS = re.compile(r"\s+")
_MARKERS = re.compile(r"\s*\[\d+\]")


_TABLE_RULE = re.compile(r"\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-{3,}:?\s*\|?|\|")


def fold(text: str) -> str:
    """Lower-cased, whitespace-folded text for evidence matching, table bars dropped (see
    module docstring)."""
    return textfold.fold(_TABLE_RULE.sub(" ", text), "lower", markup=False)


def fold_ws(text: str) -> str:
    """Case-preserving fold for quote fidelity: a verbatim quote keeps its case."""
    return textfold.fold(text, "keep", markup=False)


# --------------------------------------------------------------------------- matching


class Neighbours:
    """Texts of adjacent chunks by (source, position), for quotes that straddle a boundary."""

    def __init__(self, chunks: Iterable[Chunk]):
        self._text: dict[tuple[str, int], str] = {}
        self._where: dict[str, tuple[str, int]] = {}
        for c in chunks:
            self._text[(c.source, c.position)] = c.text
            self._where[c.id] = (c.source, c.position)

    def _around(self, source: str, position: int) -> tuple[str | None, str | None]:
        return self._text.get((source, position - 1)), self._text.get((source, position + 1))

    def around(self, chunk: Chunk) -> tuple[str | None, str | None]:
        return self._around(chunk.source, chunk.position)

    def around_id(self, chunk_id: str) -> tuple[str | None, str | None]:
        where = self._where.get(chunk_id)
        return self._around(*where) if where else (None, None)


def _split_credit(q: str, own: str, joined: str, own_start: int) -> bool:
    """True when `q` occurs in `joined` and at least half of it lies in `own`'s span."""
    start = joined.find(q)
    while start >= 0:
        end = start + len(q)
        lo, hi = own_start, own_start + len(own)
        inside = max(0, min(end, hi) - max(start, lo))
        if inside * 2 >= len(q):
            return True
        start = joined.find(q, start + 1)
    return False


def quote_in_passage(quote: str, text: str, prev_text: str | None = None, next_text: str | None = None) -> bool:
    """Whether the folded `quote` is in `text`, or mostly in it and completed by a neighbour."""
    q, own = fold(quote), fold(text)
    if not q:
        return False
    if q in own:
        return True
    if prev_text:
        p = fold(prev_text)
        if _split_credit(q, own, f"{p} {own}", len(p) + 1):
            return True
    if next_text:
        if _split_credit(q, own, f"{own} {fold(next_text)}", 0):
            return True
    return False


def evidence_in_chunk(source: str, quote: str, chunk: Chunk, neighbours: Neighbours | None = None) -> bool:
    if chunk.source != source:
        return False
    prev_text, next_text = neighbours.around(chunk) if neighbours else (None, None)
    return quote_in_passage(quote, chunk.text, prev_text, next_text)


# --------------------------------------------------------------------------- per case


class EvidenceHit(BaseModel):
    """What happened to one expected evidence item in one case."""

    source: str
    quote: str
    rank: int | None = None  # 1-based rank among the retrieved candidates; None = not retrieved
    cited: bool = False  # some citation's passage holds it
    in_corpus: bool | None = None  # None = not checked (no catalog given)


class TraceFacts(BaseModel):
    """What the root causes read from an answer's trace (see evals/rootcause.py).

    A rule is *on the expected evidence* when the citation it names holds an expected
    evidence item, or, when it names no citation, when its source is an expected source.
    """

    rules: int = 0  # rules the answerer considered
    applicable: int = 0  # of them, those whose scope and markets applied
    considered_on_evidence: bool | None = None  # some considered rule is on the expected evidence; None: no evidence expected
    applicable_on_evidence: bool | None = None  # some applicable rule is on the expected evidence; None: no evidence expected
    decided_by: str | None = None
    decider_on_evidence: bool | None = None  # None: nothing decided, or no evidence expected
    decider_conditions: int = 0  # condition checks the deciding rule executed
    decider_by_fact: bool = False  # some condition of the deciding rule was met or unmet by a case fact


class CaseScores(BaseModel):
    """Per-case facts every aggregate metric is computed from (one line of results.jsonl)."""

    case_id: str
    tags: list[str] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)
    expected_decision: str
    actual_decision: str
    decision_correct: bool
    evidence: list[EvidenceHit] = Field(default_factory=list)
    candidate_depth: int = 0  # how many retrieved passages were searched for evidence
    evidence_found_at_5: int = 0
    reciprocal_rank: float | None = None  # None when the case expects no evidence
    citations: int = 0
    citations_relevant: int = 0
    quotes_verbatim: int = 0
    answer_similarity: float | None = None
    latency_ms: float = 0.0
    confidence: float | None = None  # None when the ask failed
    verdict_source: str | None = None
    route: str | None = None  # what the chain routed it to at the store's threshold; None when the ask failed
    trace: TraceFacts | None = None  # None when the back end gives no trace (LLM back ends)

    @property
    def has_evidence(self) -> bool:
        return bool(self.evidence)


def score_case(
    case,
    answer: Answer | None,
    retrieved: Sequence[ScoredChunk],
    latency_ms: float,
    neighbours: Neighbours | None = None,
    chunk_texts: dict[str, str] | None = None,
    answer_similarity: float | None = None,
) -> CaseScores:
    """Score one golden case against the answer and the ranked candidate passages.

    `retrieved` should be deeper than the top-5 cut (the harness keeps 20) so a miss can be
    told apart as ranking (found below the cut) or retrieval (not found at all).
    `chunk_texts` (chunk id -> catalog text) lets quote fidelity check a citation against
    the stored passage rather than the text the answerer echoed back.
    `answer=None` means the ask failed; the case then counts as a wrong decision.
    """
    chunk_texts = chunk_texts or {}
    actual = answer.verdict if answer is not None else ERROR_LABEL
    citations = answer.citations if answer is not None else []
    hits: list[EvidenceHit] = []
    for item in case.expected_evidence:
        rank = next(
            (i + 1 for i, sc in enumerate(retrieved) if evidence_in_chunk(item.source, item.quote, sc.chunk, neighbours)),
            None,
        )
        cited = any(_citation_holds(c, item.source, item.quote, neighbours, chunk_texts) for c in citations)
        hits.append(EvidenceHit(source=item.source, quote=item.quote, rank=rank, cited=cited))
    relevant = sum(
        1
        for c in citations
        if any(_citation_holds(c, e.source, e.quote, neighbours, chunk_texts) for e in case.expected_evidence)
    )
    verbatim = sum(1 for c in citations if _quote_verbatim(c.quote, chunk_texts.get(c.chunk_id, c.text)))
    ranks = [h.rank for h in hits if h.rank is not None]
    return CaseScores(
        case_id=case.id,
        tags=list(case.tags),
        sources=list(case.sources),
        expected_decision=case.expected_decision,
        actual_decision=actual,
        decision_correct=actual == case.expected_decision,
        evidence=hits,
        candidate_depth=len(retrieved),
        evidence_found_at_5=sum(1 for h in hits if h.rank is not None and h.rank <= EVIDENCE_CUT),
        reciprocal_rank=(1.0 / min(ranks) if ranks else 0.0) if hits else None,
        citations=len(citations),
        citations_relevant=relevant,
        quotes_verbatim=verbatim,
        answer_similarity=answer_similarity,
        latency_ms=latency_ms,
        confidence=answer.confidence if answer is not None else None,
        verdict_source=answer.verdict_source if answer is not None else None,
        route=answer.route if answer is not None else None,
        trace=trace_facts(answer.trace, citations, case.expected_evidence, neighbours, chunk_texts)
        if answer is not None and answer.trace is not None
        else None,
    )


def trace_facts(trace: Trace, citations, expected, neighbours: Neighbours | None, chunk_texts: dict) -> TraceFacts:
    """Reduce a trace to the facts the root causes need (see `TraceFacts`)."""
    by_n = {c.n: c for c in citations}

    def on_evidence(rule) -> bool:
        cit = by_n.get(rule.citation) if rule.citation is not None else None
        if cit is not None:
            return any(_citation_holds(cit, e.source, e.quote, neighbours, chunk_texts) for e in expected)
        return any(rule.source == e.source for e in expected)

    applicable = [r for r in trace.rules if r.applicable]
    decider = next((r for r in trace.rules if r.rule_id == trace.decided_by), None) if trace.decided_by else None
    return TraceFacts(
        rules=len(trace.rules),
        applicable=len(applicable),
        considered_on_evidence=any(on_evidence(r) for r in trace.rules) if expected else None,
        applicable_on_evidence=any(on_evidence(r) for r in applicable) if expected else None,
        decided_by=trace.decided_by,
        decider_on_evidence=on_evidence(decider) if decider is not None and expected else None,
        decider_conditions=len(decider.conditions) if decider is not None else 0,
        decider_by_fact=decider is not None and any(c.result != "unknown" for c in decider.conditions),
    )


def _citation_holds(citation, source: str, quote: str, neighbours: Neighbours | None, chunk_texts: dict) -> bool:
    if citation.source != source:
        return False
    text = chunk_texts.get(citation.chunk_id, citation.text)
    prev_text, next_text = neighbours.around_id(citation.chunk_id) if neighbours and citation.chunk_id else (None, None)
    return quote_in_passage(quote, text, prev_text, next_text)


def _quote_verbatim(quote: str, text: str) -> bool:
    q = fold_ws(quote)
    return bool(q) and q in fold_ws(text)


def strip_markers(text: str) -> str:
    """Answer text without `[n]` citation markers, for comparing with a reference answer."""
    return _WS.sub(" ", _MARKERS.sub("", text)).strip()


def answer_similarities(answers: Sequence[str], references: Sequence[str], encode: Callable) -> list[float | None]:
    """Cosine between each answer (markers stripped) and its reference answer.

    `encode(list[str]) -> np.ndarray` of normalised rows (`core.embedding.Embedder.encode`).
    A pair with an empty side gets None: there is nothing to compare.
    """
    pairs = [(i, strip_markers(a), r.strip()) for i, (a, r) in enumerate(zip(answers, references))]
    todo = [(i, a, r) for i, a, r in pairs if a and r]
    out: list[float | None] = [None] * len(answers)
    if not todo:
        return out
    vecs = np.asarray(encode([a for _, a, _ in todo] + [r for _, _, r in todo]), dtype=np.float32)
    n = len(todo)
    a_vecs, r_vecs = vecs[:n], vecs[n:]
    norms = np.linalg.norm(a_vecs, axis=1) * np.linalg.norm(r_vecs, axis=1)
    sims = np.sum(a_vecs * r_vecs, axis=1) / np.where(norms == 0, 1.0, norms)
    for (i, _, _), s in zip(todo, sims):
        out[i] = float(s)
    return out


# --------------------------------------------------------------------------- aggregates

METRIC_DOCS: dict[str, str] = {
    "n_cases": "Number of golden cases scored.",
    "decision_accuracy": "Cases whose verdict equals the expected decision / n_cases. A failed ask counts as wrong.",
    "evidence_recall_at_5": "Expected evidence items found in the top 5 retrieved passages / all expected evidence "
    "items (micro, over cases that name evidence).",
    "evidence_mrr": "Mean over cases that name evidence of 1/r, r = best rank of any expected item among the "
    "retrieved candidates (20 deep); 0 when none is retrieved.",
    "citation_recall": "Expected evidence items held by some citation's passage / all expected evidence items (micro).",
    "citation_precision": "Citations whose passage holds some expected evidence item / all citations, over cases "
    "that name evidence (micro).",
    "escalation_precision": "Cases answered escalate that expect escalate / cases answered escalate.",
    "escalation_recall": "Cases expecting escalate that were answered escalate / cases expecting escalate.",
    "cohen_kappa": "Cohen's kappa between expected and actual decisions: (p_o - p_e) / (1 - p_e), p_e from the "
    "two marginals; 1.0 when p_e = 1 (both sides constant and equal).",
    "unsafe_approve_rate": "Cases expecting reject or restrict answered approve / cases expecting reject or restrict "
    "(lower is better).",
    "quote_fidelity": "Citations whose quote occurs verbatim (case kept, whitespace folded) in the cited stored "
    "passage / all citations.",
    "answer_similarity": "Mean cosine (all-MiniLM-L6-v2) between the answer text (markers stripped) and the "
    "reference answer, over cases with both non-empty.",
    "latency_p50_ms": "Median wall time of one ask, in ms, as measured by the harness.",
    "latency_p95_ms": "95th percentile (linear interpolation) of the ask wall time, in ms.",
    "auto_precision": "Cases routed auto (confidence at or above the store's threshold; never escalate or an inferred "
    "approve) whose verdict is right / cases routed auto.",
    "auto_coverage": "Cases routed auto / n_cases: the share machine enforcement may act on without a human.",
    "confidence_auc": "Over the answers that may ever go auto (not escalate, not an inferred approve, not a failed ask): "
    "the chance that a right answer has a higher confidence than a wrong one (ties count half; ROC AUC). 0.5 means "
    "confidence does not tell right from wrong, and then no threshold buys precision.",
}
for _d in DECISIONS:
    METRIC_DOCS[f"precision_{_d}"] = f"Cases answered {_d} that expect {_d} / cases answered {_d}."
    METRIC_DOCS[f"recall_{_d}"] = f"Cases expecting {_d} that were answered {_d} / cases expecting {_d}."

METRIC_NAMES: tuple[str, ...] = tuple(METRIC_DOCS)
LOWER_IS_BETTER = frozenset({"unsafe_approve_rate", "latency_p50_ms", "latency_p95_ms"})


def _ratio(num: float, den: float) -> float | None:
    return float(num) / float(den) if den else None


def cohen_kappa(expected: Sequence[str], actual: Sequence[str]) -> float | None:
    """Agreement beyond chance; None with no cases (see METRIC_DOCS)."""
    n = len(expected)
    if n == 0:
        return None
    labels = sorted(set(expected) | set(actual))
    p_o = sum(1 for e, a in zip(expected, actual) if e == a) / n
    p_e = sum((expected.count(lab) / n) * (list(actual).count(lab) / n) for lab in labels)
    if p_e >= 1.0:
        return 1.0
    return (p_o - p_e) / (1.0 - p_e)


def percentile(values: Sequence[float], q: float) -> float | None:
    return float(np.percentile(np.asarray(values, dtype=float), q)) if len(values) else None


def aggregate(records: Sequence[CaseScores]) -> dict[str, float | int | None]:
    """All metrics in METRIC_DOCS over `records`, as a flat dict (None = zero denominator)."""
    n = len(records)
    exp = [r.expected_decision for r in records]
    act = [r.actual_decision for r in records]
    with_ev = [r for r in records if r.has_evidence]
    n_items = sum(len(r.evidence) for r in with_ev)
    out: dict[str, float | int | None] = {
        "n_cases": n,
        "decision_accuracy": _ratio(sum(r.decision_correct for r in records), n),
        "evidence_recall_at_5": _ratio(sum(r.evidence_found_at_5 for r in with_ev), n_items),
        "evidence_mrr": _ratio(sum(r.reciprocal_rank or 0.0 for r in with_ev), len(with_ev)),
        "citation_recall": _ratio(sum(sum(h.cited for h in r.evidence) for r in with_ev), n_items),
        "citation_precision": _ratio(sum(r.citations_relevant for r in with_ev), sum(r.citations for r in with_ev)),
    }
    for d in DECISIONS:
        tp = sum(1 for e, a in zip(exp, act) if e == d and a == d)
        out[f"precision_{d}"] = _ratio(tp, act.count(d))
        out[f"recall_{d}"] = _ratio(tp, exp.count(d))
    out["escalation_precision"] = out["precision_escalate"]
    out["escalation_recall"] = out["recall_escalate"]
    out["cohen_kappa"] = cohen_kappa(exp, act)
    unsafe_den = [r for r in records if r.expected_decision in UNSAFE_EXPECTED]
    out["unsafe_approve_rate"] = _ratio(sum(1 for r in unsafe_den if r.actual_decision == "approve"), len(unsafe_den))
    out["quote_fidelity"] = _ratio(sum(r.quotes_verbatim for r in records), sum(r.citations for r in records))
    sims = [r.answer_similarity for r in records if r.answer_similarity is not None]
    out["answer_similarity"] = float(np.mean(sims)) if sims else None
    lat = [r.latency_ms for r in records]
    out["latency_p50_ms"] = percentile(lat, 50)
    out["latency_p95_ms"] = percentile(lat, 95)
    auto = [r for r in records if r.route == "auto"]
    out["auto_precision"] = _ratio(sum(r.decision_correct for r in auto), len(auto))
    out["auto_coverage"] = _ratio(len(auto), n)
    out["confidence_auc"] = confidence_auc(records)
    return {k: out[k] for k in METRIC_NAMES}


# --------------------------------------------------------------------------- routing

GRID_STEP = 0.05
MAX_DISTINCT_ROWS = 20  # more distinct confidences than this and the table uses the 0.05 grid


class RiskCoverageRow(BaseModel):
    """Routing at one threshold: how much goes auto and how often that is right."""

    threshold: float
    n_auto: int
    auto_coverage: float | None  # n_auto / n_cases
    auto_precision: float | None  # right verdicts among the auto-routed; None when none is auto


def auto_at(record: CaseScores, threshold: float) -> bool:
    """Whether the case would be routed auto at `threshold` (same rule as core.calibration.route_for)."""
    return (
        record.confidence is not None
        and record.verdict_source is not None
        and may_auto(record.actual_decision, record.verdict_source)
        and record.confidence >= threshold
    )


def confidence_auc(records: Sequence[CaseScores]) -> float | None:
    """ROC AUC of confidence for right vs wrong answers among those that may go auto (see
    METRIC_DOCS). Why a separate number from the risk-coverage table: the table shows precision
    at each threshold; the AUC says in one figure whether raising the threshold can buy any,
    which is what calibration on one pack promising precision on another relies on.
    None when the eligible answers are all right or all wrong (nothing to separate)."""
    eligible = [r for r in records if auto_at(r, 0.0)]
    right = [r.confidence or 0.0 for r in eligible if r.decision_correct]
    wrong = [r.confidence or 0.0 for r in eligible if not r.decision_correct]
    if not right or not wrong:
        return None
    wins = sum((1.0 if a > b else 0.5 if a == b else 0.0) for a in right for b in wrong)
    return wins / (len(right) * len(wrong))


def routing_at(records: Sequence[CaseScores], threshold: float) -> RiskCoverageRow:
    auto = [r for r in records if auto_at(r, threshold)]
    return RiskCoverageRow(
        threshold=round(threshold, 6),
        n_auto=len(auto),
        auto_coverage=_ratio(len(auto), len(records)),
        auto_precision=_ratio(sum(r.decision_correct for r in auto), len(auto)),
    )


def candidate_thresholds(records: Sequence[CaseScores]) -> list[float]:
    """Every distinct confidence of a case that may go auto: coverage and precision change only there."""
    return sorted({round(r.confidence, 6) for r in records if r.confidence is not None and auto_at(r, 0.0)})


class DeciderRow(BaseModel):
    """Answers grouped by what decided them, with their mean confidence and precision: where
    confidence ranks answers wrongly, this is the table that says which kind."""

    verdict: str
    verdict_source: str
    decided: str  # "by a case fact" | "by the rule's decision" | "no rule (wording or escalation)" | "no trace"
    n: int
    mean_confidence: float | None
    precision: float | None  # right verdicts / n


def decided_how(record: CaseScores) -> str:
    t = record.trace
    if t is None:
        return "no trace"
    if t.decided_by is None:
        return "no rule (wording or escalation)"
    return "by a case fact" if t.decider_by_fact else "by the rule's decision"


def by_decider(records: Sequence[CaseScores]) -> list[DeciderRow]:
    """One row per (verdict, verdict source, what decided), largest group first; failed asks left out."""
    groups: dict[tuple[str, str, str], list[CaseScores]] = {}
    for r in records:
        if r.confidence is None or r.verdict_source is None:
            continue
        groups.setdefault((r.actual_decision, r.verdict_source, decided_how(r)), []).append(r)
    rows = [
        DeciderRow(
            verdict=v, verdict_source=src, decided=how, n=len(rs),
            mean_confidence=float(np.mean([r.confidence or 0.0 for r in rs])),
            precision=_ratio(sum(r.decision_correct for r in rs), len(rs)),
        )
        for (v, src, how), rs in groups.items()
    ]
    return sorted(rows, key=lambda row: (-row.n, row.verdict, row.verdict_source, row.decided))


def risk_coverage(records: Sequence[CaseScores]) -> list[RiskCoverageRow]:
    """The risk-coverage table: one row per distinct confidence (or per 0.05 when there are
    more than MAX_DISTINCT_ROWS of them), ascending threshold."""
    distinct = candidate_thresholds(records)
    if len(distinct) > MAX_DISTINCT_ROWS:
        steps = round(1 / GRID_STEP)
        thresholds = [i / steps for i in range(steps + 1)]
    else:
        thresholds = distinct
    return [routing_at(records, t) for t in thresholds]


NO_SOURCE = "(no evidence)"


def grouped(records: Sequence[CaseScores], key: Callable[[CaseScores], Iterable[str]]) -> dict[str, dict]:
    """Metrics per group; a case belongs to every group `key` names (several tags, several sources)."""
    groups: dict[str, list[CaseScores]] = {}
    for r in records:
        for g in key(r):
            groups.setdefault(g, []).append(r)
    return {g: aggregate(rs) for g, rs in sorted(groups.items())}


def per_tag(records: Sequence[CaseScores]) -> dict[str, dict]:
    """Metrics over the cases carrying each tag (untagged cases appear under no tag)."""
    return grouped(records, lambda r: r.tags)


def per_source(records: Sequence[CaseScores]) -> dict[str, dict]:
    """Metrics over the cases whose expected evidence names each source (case-level subsets:
    a case citing two sources counts in both); cases without evidence under "(no evidence)"."""
    return grouped(records, lambda r: r.sources or [NO_SOURCE])


def confusion(records: Sequence[CaseScores]) -> dict:
    """Decision confusion matrix: rows expected, columns actual, labels in DECISIONS order."""
    labels = list(DECISIONS) + ([ERROR_LABEL] if any(r.actual_decision == ERROR_LABEL for r in records) else [])
    idx = {lab: i for i, lab in enumerate(labels)}
    matrix = [[0] * len(labels) for _ in labels]
    for r in records:
        matrix[idx[r.expected_decision]][idx[r.actual_decision]] += 1
    return {"labels": labels, "matrix": matrix}
