"""Run golden cases through the same chain as `policydesk ask` and score every one.

The harness must measure what a moderator gets, so each case goes through
`policydesk.assistant.chain.ask` with the case's filters and the configured answerer; nothing
here re-implements retrieval or answering. Only one thing is added: a deeper candidate
list, so a miss can be told apart as "ranked too low" or "not retrieved at all". The chain's
own passages keep their ranks (they are what the answerer saw); ranks past them come from
the chain's retriever asked for `CANDIDATE_DEPTH` candidates with the same prepared query.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from datetime import datetime, timezone

from pydantic import BaseModel, Field, computed_field

from policydesk.core.calibration import auto_threshold
from policydesk.assistant.fallback import fallback_reason, is_fallback
from policydesk.core.errors import BackendUnavailableError, PolicydeskError, StoreEmptyError, StoreUnavailableError
from policydesk.core.settings import Settings
from policydesk.core.store import load_catalog
from policydesk.core.types import Answer, ScoredChunk, Trace
from policydesk.evals.golden import GoldenCase
from policydesk.evals.metrics import (
    CaseScores,
    DeciderRow,
    RiskCoverageRow,
    aggregate,
    answer_similarities,
    by_decider,
    confusion,
    per_source,
    per_tag,
    risk_coverage,
    score_case,
)
from policydesk.evals.rootcause import CorpusIndex, count_causes, mark_corpus, root_causes

CANDIDATE_DEPTH = 20

Progress = Callable[[int, int, str], None]  # (done, total, case id)


class Passage(BaseModel):
    """A retrieved passage as results.jsonl records it: enough to read and to re-score."""

    rank: int
    chunk_id: str
    source: str
    section: str = ""
    clause_id: str | None = None
    page: int | None = None
    score: float = 0.0
    dense_score: float | None = None
    keyword_score: float | None = None
    text: str

    @classmethod
    def of(cls, sc: ScoredChunk, rank: int) -> Passage:
        c = sc.chunk
        return cls(
            rank=rank,
            chunk_id=c.id,
            source=c.source,
            section=c.section,
            clause_id=c.clause_id,
            page=c.page,
            score=sc.score,
            dense_score=sc.dense_score,
            keyword_score=sc.keyword_score,
            text=c.text,
        )


class EvalResult(BaseModel):
    """One case's outcome: one line of results.jsonl."""

    case: GoldenCase
    answer: Answer | None = None
    error: str | None = None
    fallback: bool = False  # the model was unavailable; `answer` is the offline extractive one
    retrieved: list[Passage] = Field(default_factory=list)
    scores: CaseScores
    root_causes: list[str] = Field(default_factory=list)

    # Routing and the trace at the top of each results.jsonl row, so a QA lead can filter on
    # them without digging into the answer (None when the ask failed).
    @computed_field  # type: ignore[prop-decorator]
    @property
    def confidence(self) -> float | None:
        return self.answer.confidence if self.answer is not None else None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def route(self) -> str | None:
        return self.answer.route if self.answer is not None else None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def trace(self) -> Trace | None:
        return self.answer.trace if self.answer is not None else None

    @property
    def id(self) -> str:
        return self.case.id

    @property
    def passed(self) -> bool:
        """A case passes when nothing was missed: right verdict, evidence retrieved and cited."""
        return not self.root_causes and self.error is None


class RunMeta(BaseModel):
    golden_path: str = ""
    golden_sha256: str = ""
    backend: str = ""
    model: str | None = None
    store: str = ""
    started_at: str = ""
    seconds: float = 0.0
    cases_per_s: float | None = None  # throughput of the whole run (ask, deeper candidates, scoring)
    candidate_depth: int = CANDIDATE_DEPTH
    n_errors: int = 0
    auto_threshold: float | None = None  # the store's threshold the answers were routed by
    n_fallback: int = 0  # cases answered offline because the model was unavailable
    golden_warnings: list[str] = Field(default_factory=list)


class EvalRun(BaseModel):
    results: list[EvalResult]
    metrics: dict[str, float | int | None]
    per_tag: dict[str, dict] = Field(default_factory=dict)
    per_source: dict[str, dict] = Field(default_factory=dict)
    confusion: dict = Field(default_factory=dict)
    root_causes: dict[str, int] = Field(default_factory=dict)
    risk_coverage: list[RiskCoverageRow] = Field(default_factory=list)
    by_decider: list[DeciderRow] = Field(default_factory=list)
    meta: RunMeta = Field(default_factory=RunMeta)

    @property
    def failing(self) -> list[EvalResult]:
        return [r for r in self.results if not r.passed]

    def metrics_json(self) -> dict:
        """The metrics.json document: flat headline metrics first, then groups and run facts."""
        return {
            **self.metrics,
            "backend": self.meta.backend,
            "model": self.meta.model,
            "fallback": self.meta.n_fallback,
            "golden_path": self.meta.golden_path,
            "golden_sha256": self.meta.golden_sha256,
            "per_tag": self.per_tag,
            "per_source": self.per_source,
            "confusion": self.confusion,
            "root_causes": self.root_causes,
            "auto_threshold": self.meta.auto_threshold,
            "risk_coverage": [row.model_dump(mode="json") for row in self.risk_coverage],
            "by_decider": [row.model_dump(mode="json") for row in self.by_decider],
            "n_failing": len(self.failing),
            "run": self.meta.model_dump(mode="json"),
        }


def deep_candidates(answer: Answer, extra: Sequence[ScoredChunk], depth: int = CANDIDATE_DEPTH) -> list[ScoredChunk]:
    """The chain's passages in their order, then the retriever's further candidates, to `depth`."""
    out: list[ScoredChunk] = []
    seen: set[str] = set()
    for sc in list(answer.retrieved) + list(extra):
        if sc.chunk.id not in seen:
            seen.add(sc.chunk.id)
            out.append(sc)
        if len(out) >= depth:
            break
    return out


def _ask(case: GoldenCase, settings: Settings, answerer) -> Answer:
    from policydesk.assistant.chain import ask

    return ask(case.question, filters=case.to_filters(), settings=settings, answerer=answerer)


def _deeper(case: GoldenCase, settings: Settings, answerer, depth: int) -> list[ScoredChunk]:
    """The chain's own retriever asked for `depth` passages, after the chain's own preparation
    (same search text and filters, e.g. a market read from the question), so its top ranks
    agree with what the answerer saw."""
    from policydesk.assistant.chain import Query, build_chain

    chain = build_chain(settings, answerer)
    try:
        query = chain.prepare.invoke(Query(question=case.question, filters=case.to_filters()))
    except PolicydeskError:
        return []
    return chain.retriever.retrieve(query.search_text, query.filters, depth)


def run_eval(
    cases: Sequence[GoldenCase],
    settings: Settings,
    answerer=None,
    progress: Progress | None = None,
    depth: int = CANDIDATE_DEPTH,
) -> EvalRun:
    """Ask every case, score it, label every miss, and aggregate.

    Store-level failures (empty store, Chroma down) stop the run: no case could be scored.
    So does a back end that is unavailable before any case succeeded (an LLM endpoint that
    is not there): scoring every case as an error would only hide the real problem.
    So do offline answers given in place of the model's (assistant/fallback.py) before the model
    answered any case. Once it has, a case the model could not answer (it died or timed out
    mid-run) keeps its offline answer, is scored, and is counted in `fallback`.
    A PolicydeskError on one case later on is recorded on that case, which then counts as a
    wrong decision, and the run goes on.
    """
    started = datetime.now(timezone.utc)
    t_run = time.perf_counter()
    catalog = load_catalog(settings, require=True)
    corpus = CorpusIndex(catalog.chunks.values(), catalog.documents)
    chunk_texts = {cid: c.text for cid, c in catalog.chunks.items()}

    raw: list[tuple[GoldenCase, Answer | None, str | None, list[ScoredChunk], float]] = []
    for i, case in enumerate(cases):
        t0 = time.perf_counter()
        answer: Answer | None = None
        error: str | None = None
        try:
            answer = _ask(case, settings, answerer)
            if is_fallback(answer) and not any(a is not None and not is_fallback(a) for _, a, *_ in raw):
                # The model never answered: scoring the offline answers as the model's would hide it.
                raise BackendUnavailableError(fallback_reason(answer) or "the model was unavailable")
        except (StoreEmptyError, StoreUnavailableError):
            raise
        except BackendUnavailableError as exc:
            if not any(a is not None for _, a, *_ in raw):
                raise
            error = str(exc)
        except PolicydeskError as exc:
            error = str(exc)
        latency = (time.perf_counter() - t0) * 1000.0
        extra = _deeper(case, settings, answerer, depth)
        deep = deep_candidates(answer, extra, depth) if answer is not None else extra[:depth]
        raw.append((case, answer, error, deep, latency))
        if progress:
            progress(i + 1, len(cases), case.id)

    from policydesk.core.embedding import embedder_for

    sims = answer_similarities(
        [a.answer if a else "" for _, a, _, _, _ in raw],
        [c.reference_answer for c, *_ in raw],
        embedder_for(settings).encode,
    )
    results: list[EvalResult] = []
    for (case, answer, error, deep, latency), sim in zip(raw, sims):
        scores = score_case(case, answer, deep, latency, corpus.neighbours, chunk_texts, sim)
        scores = mark_corpus(scores, corpus)
        results.append(
            EvalResult(
                case=case,
                answer=answer,
                error=error,
                fallback=is_fallback(answer),
                retrieved=[Passage.of(sc, r) for r, sc in enumerate(deep, start=1)],
                scores=scores,
                root_causes=root_causes(scores),
            )
        )
    return build_run(results, _meta(cases, settings, raw, started, time.perf_counter() - t_run, depth))


def build_run(results: list[EvalResult], meta: RunMeta) -> EvalRun:
    """Aggregate per-case results into an EvalRun (also used to re-score a results.jsonl)."""
    recs = [r.scores for r in results]
    return EvalRun(
        results=results,
        metrics=aggregate(recs),
        per_tag=per_tag(recs),
        per_source=per_source(recs),
        confusion=confusion(recs),
        root_causes=count_causes([r.root_causes for r in results]),
        risk_coverage=risk_coverage(recs),
        by_decider=by_decider(recs),
        meta=meta,
    )


def _meta(cases, settings: Settings, raw, started: datetime, seconds: float, depth: int) -> RunMeta:
    answers = [a for _, a, _, _, _ in raw if a is not None and not is_fallback(a)] or [a for _, a, *_ in raw if a is not None]
    backend = answers[0].backend if answers else settings.llm
    model = answers[0].model if answers else settings.llm_model
    path = getattr(cases, "path", None)
    return RunMeta(
        golden_path=str(path) if path is not None else "",
        golden_sha256=getattr(cases, "sha256", "") or "",
        backend=backend,
        model=model,
        store=settings.chroma_url or str(settings.store_dir),
        started_at=started.isoformat(timespec="seconds"),
        seconds=round(seconds, 3),
        cases_per_s=round(len(raw) / seconds, 2) if seconds > 0 else None,
        candidate_depth=depth,
        n_errors=sum(1 for _, _, e, _, _ in raw if e),
        auto_threshold=auto_threshold(settings),
        n_fallback=sum(1 for _, a, _, _, _ in raw if is_fallback(a)),
        golden_warnings=list(getattr(cases, "warnings", []) or []),
    )
