"""The default answerer: picks the clause that answers, takes its verdict, quotes it, cites it.

No LLM. A pipeline of named steps, each a function with typed input and output in its own
module, so evals can explain a miss and tests can run one step alone:

1. facts — what ranking needs from the question (`question.analyse` → QuestionInfo) and the
   facts that decide (`core.casefacts.read_case_facts` → CaseFacts);
2. candidates — rank the retrieved clauses for answering and apply the relevance gate
   (`ranking.candidates` → Ranking); when nothing is close enough, `escalate` and say so
   (`compose.no_guidance`), never guess;
3. applicable rules — the clauses executed together and their rules
   (`verdict_steps.applicable_rules` → ApplicableRules);
4. conditions — each rule's conditions checked against the case facts
   (`verdict_steps.check_conditions` → list[RuleRun]);
5. verdict — precedence among the outcomes, the deciding clause and its quote
   (`verdict_steps.verdict` → Decided). The question's wording never decides a verdict;
6. confidence — features of the executed trace mapped to a probability of being right
   (`confidence.features` → ConfidenceFeatures, `confidence.score` → float);
7. compose — the short answer from the quoted sentence(s) with [n] markers, conditions,
   citations and the trace (`compose.compose`, `compose.trace` → Answer).
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from policydesk.assistant import confidence, per_market, ranking, verdict_steps
from policydesk.assistant.alternative_to import only_as_alternative
from policydesk.assistant.policy_exclusion import policy_excludes
from policydesk.assistant.scope_gate import uncovered
from policydesk.assistant.compose import NO_GUIDANCE, VERDICT_LEAD, compose, conditions_of, no_guidance, trace
from policydesk.core.corpus_facts import CorpusFacts
from policydesk.assistant.question import QuestionInfo, analyse
from policydesk.assistant.ranking import Candidate, Ranking, SentenceView
from policydesk.assistant.weights import APPROVE_LEAD, WEIGHTS, Weights
from policydesk.core.casefacts import read_case_facts
from policydesk.core.embedding import embedder_for
from policydesk.core.sentence_store import SentenceStore, sentence_store
from policydesk.core.settings import Settings
from policydesk.core.types import Answer, Chunk, Filters, ScoredChunk

__all__ = [
    "APPROVE_LEAD", "NO_GUIDANCE", "VERDICT_LEAD", "WEIGHTS", "Answerer", "Candidate",
    "CorpusFacts", "ExtractiveAnswerer", "SentenceView", "Weights",
]


@runtime_checkable
class Answerer(Protocol):
    def answer(self, question: str, chunks: list[ScoredChunk], filters: Filters | None = None) -> Answer: ...


class ExtractiveAnswerer:
    """Verdict, short answer and citations straight from the policy text (see module doc)."""

    name = "extractive"

    def __init__(self, settings: Settings | None = None, embedder=None, facts: CorpusFacts | None = None):
        self.settings = settings or Settings()
        self._embedder = embedder
        self._facts = facts

    @property
    def embedder(self):
        if self._embedder is None:
            self._embedder = embedder_for(self.settings)
        return self._embedder

    @property
    def sentence_store(self) -> SentenceStore | None:
        """Vectors ingest pooled, when they come from the model this answerer encodes with."""
        if getattr(self.embedder, "name", None) != self.settings.embedding_model:
            return None
        return sentence_store(self.settings)

    def facts(self) -> CorpusFacts:
        """The store's corpus facts, written by the catalog commit (core/corpus_facts.py)."""
        if self._facts is not None:
            return self._facts
        try:
            from policydesk.core.store import load_catalog

            return load_catalog(self.settings, require=False).facts
        except Exception:
            return CorpusFacts()

    def general_clause(self, source: str) -> Chunk | None:
        """The policy's general position, when the store knows one."""
        cid = self.facts().general.get(source)
        if cid is None:
            return None
        try:
            from policydesk.core.store import load_catalog

            return load_catalog(self.settings, require=False).chunks.get(cid)
        except Exception:
            return None

    # ------------------------------------------------------------------ the pipeline
    def answer(self, question: str, chunks: list[ScoredChunk], filters: Filters | None = None) -> Answer:
        filters = filters or Filters()
        floor = self.settings.min_relevance
        info = analyse(question, filters.market)
        base = Answer(question=question, verdict="escalate", verdict_source="none", answer=NO_GUIDANCE,
                      filters=filters.to_dict(), backend=self.name, retrieved=list(chunks))
        if not chunks:
            return base
        split = per_market.markets_to_split(filters, question)
        if split:
            return per_market.answer_per_market(split, filters, lambda one: self.answer(question, chunks, one))
        ranked = self.candidates(info, chunks)
        facts = read_case_facts(question, filters)
        if not ranked.answerable(floor):
            return no_guidance(base, ranked, facts)
        best = ranked.best
        assert best is not None
        applicable = verdict_steps.applicable_rules(best, ranked.usable, facts, floor)
        definitions = self.facts().definitions
        runs = verdict_steps.check_conditions(applicable, facts, info.named, definitions)
        decided = verdict_steps.verdict(runs, applicable, best, ranked.usable, facts, self.general_clause, info.named, definitions, info.advertised)
        if verdict_steps.below_referral(decided, best, facts, info.named, definitions):
            # The best clause only sends cases past a threshold to people, and the case is not
            # past it: the next relevant clause of the ranking answers (verdict_steps.below_referral).
            rest = [c for c in ranked.usable if c.chunk.id != best.chunk.id]
            nxt = next((c for c in rest if not c.context_only and verdict_steps.relevant(c, floor)), None)
            if nxt is not None:
                best = nxt
                applicable = verdict_steps.applicable_rules(best, rest, facts, floor)
                runs = verdict_steps.check_conditions(applicable, facts, info.named, definitions)
                decided = verdict_steps.verdict(runs, applicable, best, rest, facts, self.general_clause, info.named, definitions, info.advertised)
        # After execution, three gates may still find the case is about something no policy
        # here covers; each escalates, naming its reason in the trace.
        reason = None
        if uncovered(decided, info, self.facts()):
            # Every rule executed was set aside as about another subject, and the question names
            # nothing the policy says it governs (scope_gate.py).
            reason = "every rule considered is about another subject than the case's, and no policy names it"
        elif (excluded := policy_excludes(decided, info.advertised, self.facts(), question)) is not None:
            # The deciding clause's policy says it does not cover the advertised thing
            # ("Gambling and lottery products are not covered by this policy";
            # assistant/policy_exclusion.py).
            reason = f'{decided.deciding.chunk.source} says "{excluded}" are not covered by it, and the case is about one'
        elif (replaced := only_as_alternative(decided, question, info.all_terms, info.advertised)) is not None:
            # The question names the policy's topic only as what the thing replaces ("a quieter
            # alternative to fireworks"): it is about something else (assistant/alternative_to.py).
            reason = f"the case names the policy's topic ({replaced}) only as what it is an alternative to"
        if reason is not None:
            out = no_guidance(base, ranked, facts)
            out.warnings = [w for w in out.warnings if not w.startswith("closest passage too weak")]
            out.trace = trace(facts, decided.verdict, out)
            out.trace.reason = reason
            return out
        answer = compose(info, decided.deciding, decided.ordered, base, floor, decided.verdict)
        answer.trace = trace(facts, decided.verdict, answer)
        feats = confidence.features(decided, ranked, floor)
        answer.confidence_features = feats.as_dict()
        answer.confidence = confidence.score(feats)
        if ranked.by_keywords:
            answer.warnings.append(
                f"answered on keyword evidence: the clause holds the question's words but the embedding model scores "
                f"it low (cosine {best.best_cos:.2f}); for policies not in English set POLICYDESK_EMBEDDING_MODEL to a multilingual model"
            )
        return answer

    # ------------------------------------------------------------------ single steps, bound to this store
    def candidates(self, info: QuestionInfo, chunks: list[ScoredChunk]) -> Ranking:
        return ranking.candidates(info, chunks, self.facts(), self.embedder, self.sentence_store, self.settings.min_relevance)

    def rank(self, info: QuestionInfo, chunks: list[ScoredChunk]) -> list[Candidate]:
        return ranking.rank(info, chunks, self.facts(), self.embedder, self.sentence_store)

    def relevant(self, cand: Candidate) -> bool:
        """The gate between answering and `escalate`."""
        return ranking.relevant(cand, self.settings.min_relevance)

    def _prefer_market_clause(self, usable: list[Candidate], info: QuestionInfo) -> list[Candidate]:
        return ranking.prefer_market_clause(usable, info, self.settings.min_relevance)

    def _approve_needs_a_clear_lead(self, usable: list[Candidate]) -> list[Candidate]:
        return ranking.approve_needs_a_clear_lead(usable, self.settings.min_relevance)

    def compose(self, info: QuestionInfo, best: Candidate, usable: list[Candidate], base: Answer, executed=None) -> Answer:
        return compose(info, best, usable, base, self.settings.min_relevance, executed)

    def conditions(self, cand: Candidate, info: QuestionInfo) -> list[str]:
        return conditions_of(cand, info)
