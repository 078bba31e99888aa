"""The default answerer: picks the clause that answers, takes its verdict, quotes it, cites it.

No LLM. The steps, each a small function so evals can explain a miss:

1. rank the retrieved clauses for *answering* (not just similarity): cosine of the question
   to the clause and to its best sentence, words of the question's subject found in the
   clause and its heading, and the market (among clauses on the same topic, one written for
   the question's market beats a general one; one written for other markets is no evidence);
2. gate: when nothing retrieved is close enough, answer `escalate` and say so, never guess;
3. verdict: the clause's declared decision, else a confirmed sidecar rule that applies to the
   market (both `declared`), else a proposed rule or the normative wording (`inferred`). The
   clause's own wording can then narrow it: a carve-out sentence that matches the case far
   better than the clause's lead ("Casual dating apps are not accepted in these two
   markets"), an age floor the audience is under or above, a condition the question says is
   not met ("not in any resale programme"). The question's wording never decides a verdict;
4. write a short answer from the quoted sentence(s) with [n] markers and list conditions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

import numpy as np
from policydesk.assistant import sentence_vectors
from policydesk.assistant.keyword_evidence import keyword_evidence
from policydesk.assistant.markets import markets_in
from policydesk.assistant.question import QuestionInfo, analyse
from policydesk.core.terms import terms
from policydesk.assistant.untrusted import is_injection
from policydesk.assistant.execute import RuleRun, Verdict, all_lifted, check_condition, decide, explain, parsed, run_rule
from policydesk.assistant.verdict import Reading, read_sentence
from policydesk.core.casefacts import CaseFacts, read_case_facts
from policydesk.core.clause_logic import CLAUSE_REF, read_clause_logic
from policydesk.core.corpus_facts import CorpusFacts, is_general
from policydesk.core.condition_reading import executable_conditions
from policydesk.core.embedding import embedder_for
from policydesk.core.sentence_store import SentenceStore, sentence_store
from policydesk.core.sentences import Span, split_sentences
from policydesk.core.settings import Settings
from policydesk.core.types import (
    GLOBAL_MARKET,
    Answer,
    Chunk,
    Citation,
    ConditionCheck,
    Filters,
    RuleCheck,
    Trace,
    Rule,
    ScoredChunk,
)

NO_GUIDANCE = (
    "No policy guidance found for this question in the ingested policies; "
    "do not guess: send it to the policy team."
)
VERDICT_LEAD = {
    "approve": "Allowed.",
    "restrict": "Allowed only under conditions.",
    "reject": "Not allowed.",
    "escalate": "Unclear: the policy sends this case to the policy team.",
}
_MAX_CITATIONS = 3
APPROVE_LEAD = 0.03  # an approving clause must lead a relevant stricter one by this much; 0.02-0.03 measured best on the golden set (0.05 also turns one true approve into restrict)
_SECOND_CITATION_GAP = 0.08
_MARKET_TOPIC_WINDOW = 0.10  # market-specific clauses win only among clauses this close on topic
_CLAUSE_WINDOW = 0.12  # other clauses this close to the best one are executed with it (covers a general clause beside a specific one)
_MAX_CLAUSES = 4
_ESCALATE_CONFIDENCE = 0.9
# Between min_relevance and min_relevance + margin, more than a quarter of the question's
# subject words must appear in the clause. Tuned on the sample golden set (in-scope vs
# out-of-scope cases); the accuracy surface is flat around these values.
_STRONG_RELEVANCE_MARGIN = 0.15
_WEAK_SUBJECT_OVERLAP = 0.25
_SPECIALIS_WINDOW = 0.35  # 0.30 with sentence vectors encoded alone; pooled ones (core/sentence_store.py) spread topics a little wider
_NAMED_SENTENCE_WINDOW = 0.10
_UNIVERSAL = re.compile(r"\b(?:in|across) (?:all|every|any) (?:markets?|countries)\b|\bwhatever the market\b|\bin every market\b", re.I)
_THESE_MARKETS = re.compile(r"\b(?:these|those)(?: \w+)? (?:markets|countries)\b", re.I)


@runtime_checkable
class Answerer(Protocol):
    def answer(self, question: str, chunks: list[ScoredChunk], filters: Filters | None = None) -> Answer: ...


@dataclass
class SentenceView:
    index: int
    span: Span
    cos: float
    reading: Reading
    markets: list[str]
    words: set[str]
    score: float = 0.0


@dataclass
class Candidate:
    scored: ScoredChunk
    sentences: list[SentenceView]
    topic: float = 0.0
    score: float = 0.0
    best_cos: float = 0.0
    subject_overlap: float = 0.0
    weighted_overlap: float = 0.0  # the same, each word weighted by its rarity in the store
    heading_overlap: float = 0.0
    market_fit: str = "open"  # named | open | other
    context_only: bool = False  # intro/definitions of a document that declares its clauses
    reading: Reading | None = None
    source: str = "inferred"
    quote: SentenceView | None = None
    rule: Rule | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def chunk(self) -> Chunk:
        return self.scored.chunk

    @property
    def cos(self) -> float:
        return self.scored.dense_score if self.scored.dense_score is not None else 0.0

    @property
    def decision(self) -> str | None:
        return self.reading.decision if self.reading else None




def _is_specific(markets: list[str]) -> bool:
    """A clause written for a handful of markets (not the whole policy's list)."""
    ms = {m.upper() for m in markets}
    return bool(ms) and GLOBAL_MARKET.upper() not in ms and len(ms) <= 5


def _market_fit(chunk: Chunk, market: str | None) -> str:
    if not market or not chunk.markets:
        return "open"
    ms = {m.upper() for m in chunk.markets}
    if market in ms and _is_specific(chunk.markets):
        return "named"
    if market in ms or GLOBAL_MARKET.upper() in ms:
        return "open"
    return "other"


def _sentence_fit(sv: SentenceView, market: str | None) -> str:
    if not sv.markets:
        return "open"
    if market and market in sv.markets:
        return "named"
    return "other" if market else "specific"


def _matches(subject: set[str], words: set[str]) -> set[str]:
    """Subject stems found in `words`; long stems also match by prefix ("verif" ~ "verifi")."""
    hit = subject & words
    for t in subject - hit:
        if len(t) >= 5 and any(len(w) >= 5 and (w.startswith(t) or t.startswith(w)) for w in words):
            hit.add(t)
    return hit


def _overlap(subject: set[str], words: set[str]) -> float:
    return len(_matches(subject, words)) / len(subject) if subject else 0.0


def _weighted_overlap(subject: set[str], words: set[str], facts: CorpusFacts) -> float:
    if not subject or not facts.n_chunks:
        return _overlap(subject, words)
    total = sum(facts.idf(t) for t in subject)
    return sum(facts.idf(t) for t in _matches(subject, words)) / total if total > 0 else 0.0


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

    def _general_clause(self, source: str) -> Chunk | None:
        """The policy's general position, when the store knows one."""
        cid = self.facts().general.get(source)
        if cid is None:
            return None
        try:
            from policydesk.core.store import load_catalog

            return load_catalog(self.settings, require=False).chunks.get(cid)
        except Exception:
            return None

    # ------------------------------------------------------------------ public
    def answer(self, question: str, chunks: list[ScoredChunk], filters: Filters | None = None) -> Answer:
        filters = filters or Filters()
        info = analyse(question, filters.market)
        base = Answer(question=question, verdict="escalate", verdict_source="none", answer=NO_GUIDANCE,
                      filters=filters.to_dict(), backend=self.name, retrieved=list(chunks))
        if not chunks:
            return base
        cands = self.rank(info, chunks)
        usable = self._prefer_market_clause([c for c in cands if c.decision and not c.context_only], info)
        usable = self._approve_needs_a_clear_lead(usable)
        best = usable[0] if usable else None
        by_keywords = (
            best is not None
            and not self.relevant(best)
            and keyword_evidence(best, cands, info.subject, terms(f"{best.chunk.section}\n{best.chunk.text}"))
        )
        if best is None or not (by_keywords or self.relevant(best)):
            top = best or (cands[0] if cands else None)
            if top is not None:
                base.warnings.append(
                    f"closest passage too weak (cosine {top.best_cos:.2f}, subject words found "
                    f"{top.subject_overlap:.0%}); not answering from it"
                )
            facts = read_case_facts(question, filters)
            subject = facts.subject
            if subject:
                base.warnings.append(f"no ingested policy's scope covers this subject: {subject}")
            base.trace = Trace(facts=facts.to_json(), reason="no clause's scope covers the question's subject")
            base.confidence = round(_ESCALATE_CONFIDENCE * (1.0 - (top.best_cos if top else 0.0)), 3) if top else 0.5
            return base
        facts = read_case_facts(question, filters)
        answer = self._execute(info, facts, best, usable, base)
        if by_keywords:
            answer.warnings.append(
                f"answered on keyword evidence: the clause holds the question's words but the embedding model scores "
                f"it low (cosine {best.best_cos:.2f}); for policies not in English set POLICYDESK_EMBEDDING_MODEL to a multilingual model"
            )
        return answer

    # ------------------------------------------------------------------ ranking
    def rank(self, info: QuestionInfo, chunks: list[ScoredChunk]) -> list[Candidate]:
        facts = self.facts()
        qvec = self.embedder.encode_query(info.text)
        # A passage that gives orders is not policy (none of its sentences may decide), and a
        # clause for other markets says nothing about this one: neither is worth encoding.
        kept = [(sc, fit) for sc in chunks if (fit := _market_fit(sc.chunk, info.market)) != "other" and not is_injection(sc.chunk.text)]
        sent_data = sentence_vectors.SENTENCES.get_many([sc.chunk for sc, _ in kept], self.embedder, self.sentence_store)
        cands: list[Candidate] = []
        for (sc, fit), (spans, vecs) in zip(kept, sent_data):
            ch = sc.chunk
            cand = Candidate(scored=sc, sentences=self._views(ch, spans, vecs, qvec, facts), market_fit=fit)
            cand.context_only = ch.decision is None and not ch.rules and ch.source in facts.declaring_sources
            words = terms(f"{ch.section}\n{ch.text}")
            cand.subject_overlap = _overlap(info.subject, words)
            cand.weighted_overlap = _weighted_overlap(info.subject, words, facts)
            # A heading word that is also in the policy title ("Gambling") names every clause of it.
            cand.heading_overlap = _overlap(info.subject, terms(ch.section) - terms(ch.title))
            self._score_sentences(cand, info, facts)
            top_sent = max((v.cos for v in cand.sentences), default=0.0)
            cand.best_cos = max(cand.cos, top_sent)
            cand.topic = (
                0.5 * cand.cos + 0.5 * top_sent + 0.25 * cand.subject_overlap + 0.15 * cand.heading_overlap
            )
            cands.append(cand)
        if not cands:
            return []
        top_topic = max(c.topic for c in cands)
        for cand in cands:
            bonus = 0.0
            if cand.market_fit == "named" and cand.topic >= top_topic - _MARKET_TOPIC_WINDOW:
                bonus += 0.08
            if info.market is None and _is_specific(cand.chunk.markets):
                bonus -= 0.04
            cand.score = cand.topic + bonus
            self._verdict(cand, info)
        cands.sort(key=lambda c: -c.score)
        return cands

    def _views(self, ch: Chunk, spans: list[Span], vecs: np.ndarray, qvec: np.ndarray, facts: CorpusFacts) -> list[SentenceView]:
        coss = (vecs @ qvec) if len(spans) else np.zeros(0)
        views: list[SentenceView] = []
        prev_markets: list[str] = []
        specific = [m.upper() for m in ch.markets] if _is_specific(ch.markets) else []
        for i, (sp, c) in enumerate(zip(spans, coss)):
            text = sp.text
            if i == 0 and ch.section and not ch.section.rstrip().endswith((".", ":", ";")) and text[:1].islower():
                # A PDF heading that swallowed the start of the sentence ("5.2 ... is allowed only in").
                text = ch.section.split(" > ")[-1] + " " + text
            if is_injection(text):
                continue
            ms = markets_in(text)
            ref = CLAUSE_REF.search(text)
            if ref and (ch.source, ref.group(1).upper()) in facts.clause_markets:
                ms = ms + [m for m in facts.clause_markets[(ch.source, ref.group(1).upper())] if m not in ms]
            elif _THESE_MARKETS.search(text):
                ms = ms + [m for m in (prev_markets or specific) if m not in ms]
            views.append(SentenceView(i, sp, float(c), read_sentence(text), ms, terms(text)))
            if ms:
                prev_markets = ms
        return views

    def _score_sentences(self, cand: Candidate, info: QuestionInfo, facts: CorpusFacts) -> None:
        for sv in cand.sentences:
            fit = _sentence_fit(sv, info.market)
            sv.score = (
                sv.cos
                + 0.35 * _weighted_overlap(info.subject, sv.words, facts)
                + {"named": 0.12, "open": 0.0, "other": -0.35, "specific": -0.05}[fit]
                + (0.03 if sv.reading.decision else 0.0)
            )
        if cand.sentences:
            cand.quote = max(cand.sentences, key=lambda v: v.score)
            if info.market and _sentence_fit(cand.quote, info.market) != "named":
                # A sentence that names the question's market is the more specific one.
                named = [v for v in cand.sentences if _sentence_fit(v, info.market) == "named" and v.reading.decision]
                if named:
                    top_named = max(named, key=lambda v: v.score)
                    if top_named.score >= cand.quote.score - _NAMED_SENTENCE_WINDOW:
                        cand.quote = top_named

    def _prefer_market_clause(self, usable: list[Candidate], info: QuestionInfo) -> list[Candidate]:
        """Within one policy, a clause written for the question's market beats the general one
        (lex specialis), unless the general clause itself says it holds in every market."""
        if not usable or not info.market:
            return usable
        top = usable[0]
        if top.market_fit == "named" or not top.chunk.policy_id:
            return usable
        if top.quote is not None and _UNIVERSAL.search(top.quote.span.text):
            return usable
        for c in usable[1:]:
            if (
                c.market_fit == "named"
                and c.chunk.policy_id == top.chunk.policy_id
                and c.chunk.source == top.chunk.source
                and c.topic >= top.topic - _SPECIALIS_WINDOW
            ):
                c.notes.append(
                    f"{c.chunk.clause_id or c.chunk.section} is written for {info.market} and takes precedence over "
                    f"{top.chunk.clause_id or top.chunk.section}"
                )
                return [c] + [x for x in usable if x is not c]
        return usable

    def _approve_needs_a_clear_lead(self, usable: list[Candidate]) -> list[Candidate]:
        """An `approve` is the costliest verdict to get wrong, and approving clauses are often
        narrow exemptions ("bar tools are not treated as alcohol ads"). When a stricter clause
        that is also relevant matches the question about as well, the stricter one answers."""
        if len(usable) < 2 or usable[0].decision != "approve":
            return usable
        top = usable[0]
        for c in usable[1:]:
            if (
                c.decision in ("restrict", "reject")
                and self.relevant(c)
                and c.score >= top.score - APPROVE_LEAD
                and c.subject_overlap >= top.subject_overlap
            ):
                c.notes.append(
                    f"{c.chunk.clause_id or c.chunk.section} ({c.decision}) matches the question about as well as "
                    f"{top.chunk.clause_id or top.chunk.section} (approve); the stricter clause answers"
                )
                return [c] + [x for x in usable if x is not c]
        return usable

    # ------------------------------------------------------------------ verdict
    def _verdict(self, cand: Candidate, info: QuestionInfo) -> None:
        """The clause's own decision, for ranking only; the verdict is executed later."""
        self._base_verdict(cand, info)

    def _base_verdict(self, cand: Candidate, info: QuestionInfo) -> None:
        ch = cand.chunk
        if ch.decision:
            cand.reading = Reading(ch.decision, [f"declared decision of {ch.clause_id or 'the clause'}"])
            cand.source = "declared"
            return
        rule = self._best_rule(cand, info.market)
        if rule is not None:
            cand.rule = rule
            cand.reading = Reading(rule.decision, [f"rule {rule.id}"])
            cand.source = "declared" if rule.status == "confirmed" else "inferred"
            for v in cand.sentences:
                if rule.quote and (rule.quote in v.span.text or v.span.text in rule.quote):
                    cand.quote = v
                    break
            return
        # Wording: the best-matching sentence if it states a rule, else a close one that does.
        cand.source = "inferred"
        if cand.quote is not None and cand.quote.reading.decision and _sentence_fit(cand.quote, info.market) != "other":
            cand.reading = cand.quote.reading
            return
        usable = [v for v in cand.sentences if v.reading.decision and _sentence_fit(v, info.market) != "other"]
        if usable and cand.quote is not None:
            top = max(usable, key=lambda v: v.score)
            if top.score >= cand.quote.score - 0.3:
                cand.reading = top.reading
                cand.quote = top

    def _best_rule(self, cand: Candidate, market: str | None) -> Rule | None:
        rules = [r for r in cand.chunk.rules if r.status in ("confirmed", "proposed") and r.applies_to(market)]
        if not rules:
            return None
        if market:
            named = [r for r in rules if market in (m.upper() for m in r.markets)]
            rules = named or rules
        confirmed = [r for r in rules if r.status == "confirmed"]
        pool = confirmed or rules

        def rule_score(r: Rule) -> float:
            hits = [v.score for v in cand.sentences if r.quote and (r.quote in v.span.text or v.span.text in r.quote)]
            return max(hits) if hits else -1.0

        return max(pool, key=rule_score)

    def relevant(self, cand: Candidate) -> bool:
        """The gate between answering and `escalate`."""
        floor = self.settings.min_relevance
        if cand.best_cos < floor:
            return False
        if cand.best_cos < floor + _STRONG_RELEVANCE_MARGIN and cand.subject_overlap <= _WEAK_SUBJECT_OVERLAP:
            return False
        return True

    # ------------------------------------------------------------------ execution
    def _rules_of(self, chunk: Chunk) -> list[tuple[Rule, str]]:
        """The rules a clause executes: confirmed sidecar rules, else the logic read at ingest."""
        logic = chunk.logic or _logic_cache(chunk)
        confirmed = [r for r in chunk.rules if r.status == "confirmed"]
        if confirmed:
            marker = [(r, "marker") for r in logic if chunk.decision and r.id == chunk.clause_id]
            return marker + [(r, "sidecar") for r in confirmed]
        return [(r, "marker" if chunk.decision and r.overrides is None and r.id == chunk.clause_id else "prose") for r in logic]

    def _clause_set(self, best: Candidate, usable: list[Candidate], facts: CaseFacts) -> list[Candidate]:
        """The clauses executed together: the best one, and relevant ones close to it whose
        subject words or conditions the case touches (a general allowance beside an age floor)."""
        window = [best] + [
            c for c in usable
            if c is not best and not c.context_only and self.relevant(c) and c.score >= best.score - _CLAUSE_WINDOW
        ]
        touching = [
            c for c in window
            if (c.chunk.source == best.chunk.source or c.subject_overlap > 0) and _touches(c.chunk, self._rules_of(c.chunk), facts)
        ]
        if touching:
            # The case states a fact one of these clauses' conditions asks about: a clause that
            # neither asks about a stated fact nor shares a subject word is about another aspect.
            keep = [c for c in window if c in touching or c.subject_overlap > 0]
        else:
            keep = [best] + [c for c in window[1:] if c.subject_overlap > 0]
        return keep[:_MAX_CLAUSES]

    def _execute(self, info: QuestionInfo, facts: CaseFacts, best: Candidate, usable: list[Candidate], base: Answer) -> Answer:
        clauses = self._clause_set(best, usable, facts)
        runs: list[RuleRun] = []
        for rank_i, c in enumerate(clauses):
            for rule, origin in self._rules_of(c.chunk):
                runs.append(run_rule(rule, origin, c.chunk, rank_i, facts, _rule_match(c, rule), info.all_terms))
        verdict = decide(runs)
        if verdict is None:
            lifted = all_lifted(runs)
            if lifted is not None:
                verdict = Verdict("approve", lifted, runs, explain(lifted), "declared" if lifted.origin == "marker" or lifted.declared else "inferred")
        if verdict is not None and verdict.decision == "approve" and verdict.deciding is not None and verdict.deciding.by_fact:
            # Allowed because the case meets a clause's conditions: the policy's general
            # requirements must hold as well.
            retrieved_general = [c.chunk for c in usable if c.chunk.source == best.chunk.source and is_general(c.chunk, declaring=bool(c.chunk.decision))]
            general = min(retrieved_general, key=lambda ch: ch.position) if retrieved_general else self._general_clause(best.chunk.source)
            if general is not None and all(c.chunk.id != general.id for c in clauses):
                extra = [run_rule(r, o, general, len(clauses), facts, question_terms=info.all_terms) for r, o in self._rules_of(general)]
                fallback = decide(extra)
                if fallback is not None and fallback.decision != "approve":
                    runs += extra
                    verdict = Verdict(fallback.decision, fallback.deciding, runs, fallback.reason, fallback.source)
                    gen_cand = _plain_candidate(general)
                    clauses.append(gen_cand)
                    usable = usable + [gen_cand]
        if verdict is None:
            # No rule of these clauses states a decision: the clause's wording decides, inferred.
            verdict = Verdict(best.decision or "escalate", None, runs, "", "inferred")
        deciding = best
        if verdict.deciding is not None:
            deciding = next((c for c in clauses if c.chunk.id == verdict.deciding.chunk.id), best)
            # A prose rule is its sentence; a marker rule is the whole clause, quoted at the
            # sentence that matches the question best.
            quote = _sentence_for(deciding, verdict.deciding.rule.quote) if verdict.deciding.origin != "marker" or deciding.quote is None else None
            quote = _stating_sentence(deciding, verdict.deciding, facts) or quote
            if quote is not None:
                deciding.quote = quote
        deciding.reading = Reading(verdict.decision, [verdict.reason] if verdict.reason else [])
        deciding.source = verdict.source
        ordered = [deciding] + [c for c in usable if c is not deciding]
        answer = self.compose(info, deciding, ordered, base, verdict)
        answer.trace = _trace(facts, verdict, answer)
        answer.confidence = self._confidence(verdict, deciding, usable)
        return answer

    def _confidence(self, verdict: Verdict, deciding: Candidate, usable: list[Candidate]) -> float:
        """How sure the machine is, before calibration: what decided, how clearly the clause
        matched, and whether a close clause of another policy disagrees."""
        run = verdict.deciding
        if run is None:
            base = decider_prior("wording", "any", False)
        else:
            base = decider_prior(verdict.source, verdict.decision, run.by_fact)
        margin = (deciding.best_cos - self.settings.min_relevance) / WEIGHTS.relevance_span
        conf = base * (WEIGHTS.relevance_floor + (1 - WEIGHTS.relevance_floor) * max(0.0, min(1.0, margin)))
        for c in usable[1:3]:
            if c.chunk.source != deciding.chunk.source and c.decision and c.decision != verdict.decision and c.score >= deciding.score - 0.03:
                conf -= WEIGHTS.rival_penalty
                break
        return round(max(0.0, min(1.0, conf)), 3)

    # ------------------------------------------------------------------ writing
    def compose(self, info: QuestionInfo, best: Candidate, usable: list[Candidate], base: Answer, executed: Verdict | None = None) -> Answer:
        verdict = best.decision
        assert verdict
        chosen = [best]
        for c in usable:
            if len(chosen) >= _MAX_CITATIONS:
                break
            if c is best or not self.relevant(c) or c.subject_overlap == 0.0:
                continue
            if c.score >= best.score - _SECOND_CITATION_GAP:
                chosen.append(c)
        citations: list[Citation] = []
        for n, c in enumerate(chosen, start=1):
            ch = c.chunk
            quote = c.quote.span.text if c.quote else ch.text
            citations.append(
                Citation(
                    n=n, source=ch.source, title=ch.title, section=ch.section, clause_id=ch.clause_id, page=ch.page,
                    version=ch.version, text=ch.text, quote=quote, score=round(c.score, 4),
                    rule_ids=[c.rule.id] if c.rule else [], chunk_id=ch.id,
                )
            )
        conditions = self.conditions(best, info) if verdict == "restrict" else []
        if executed is not None and executed.deciding is not None and verdict == "restrict" and executed.deciding.unknown:
            # Thresholds in their executed form ("audience 18+ for SG"); requirements in the
            # clause's own words, which say more than a credential's name.
            numeric = [c.requirement for c in executed.deciding.unknown if c.kind in ("min_age", "max", "min", "only_markets")]
            conditions = numeric + [c for c in conditions if c not in numeric]
        lead = VERDICT_LEAD[verdict]
        if executed is not None and executed.reason and executed.deciding is not None:
            lead = f"{lead[:-1]}: {executed.reason} [1]."
        parts = [lead, f"{_one_line(citations[0].quote)} [1]"]
        extra = [c for c in conditions if _one_line(c) not in _one_line(citations[0].quote)]
        if extra:
            parts.append("Conditions: " + "; ".join(_one_line(c).rstrip(".") for c in extra) + " [1].")
        for cit in citations[1:]:
            parts.append(f"See also: {_one_line(cit.quote)} [{cit.n}]")
        base.verdict = verdict
        base.verdict_source = best.source
        base.answer = " ".join(parts)
        base.citations = citations
        base.conditions = [_one_line(c) for c in conditions]
        where = f"{best.chunk.clause_id} in " if best.chunk.clause_id else ""
        for note in best.notes:
            base.warnings.append(note)
        if best.source == "inferred":
            base.warnings.append(f"verdict inferred from the wording of {where}{best.chunk.source}; not declared by the policy")
        return base

    def conditions(self, cand: Candidate, info: QuestionInfo) -> list[str]:
        """What must hold for a `restrict`: the rule's conditions, else the clause's requirement sentences."""
        if cand.rule is not None and cand.rule.conditions:
            return list(cand.rule.conditions)
        out: list[str] = []
        for v in cand.sentences:
            if _sentence_fit(v, info.market) == "other":
                continue
            if v.reading.decision == "restrict" or re.search(r"\bmust\b", v.span.text, re.I):
                phrase = _condition_phrase(v.span.text)
                if phrase and phrase not in out:
                    out.append(phrase)
        return out[:4]


_TRIGGER = re.compile(r"\b(only if|only when|provided (?:that )?|as long as|on condition that)\b", re.I)


def _condition_phrase(sentence: str) -> str:
    """The condition inside a sentence ("only if they hold a licence ..."), else the sentence."""
    m = _TRIGGER.search(sentence)
    if m and len(sentence) - m.start() > 15:
        return sentence[m.start():].strip()
    return sentence.strip()


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


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
_LOGIC: dict[str, list[Rule]] = {}


def _logic_cache(chunk: Chunk) -> list[Rule]:
    """Stores indexed before clause logic was stored: read once per chunk, then cached."""
    hit = _LOGIC.get(chunk.id)
    if hit is None:
        if len(_LOGIC) > 20000:
            _LOGIC.clear()
        hit = _LOGIC[chunk.id] = read_clause_logic(chunk)
    return hit


def _plain_candidate(chunk: Chunk) -> Candidate:
    """A clause brought in by its role (the policy's general position), not by retrieval:
    its sentences carry no question score, only their text, so they can be quoted."""
    views = [SentenceView(i, sp, 0.0, read_sentence(sp.text), [], terms(sp.text)) for i, sp in enumerate(split_sentences(chunk.text))]
    return Candidate(scored=ScoredChunk(chunk=chunk, score=0.0), sentences=views, quote=views[0] if views else None)


def _touches(chunk: Chunk, rules: list[tuple[Rule, str]], facts: CaseFacts) -> bool:
    """Does the case state a fact one of the clause's conditions asks about?"""
    for rule, _ in rules:
        for c in parsed(rule.conditions):
            if c.kind == "min_age" and facts.ages is not None:
                return True
            if c.kind in ("max", "min") and any(q.unit == c.unit for q in facts.quantities):
                return True
            if c.kind == "requires" and c.credential in facts.credentials:
                return True
            if c.kind == "no_claim" and facts.claims and check_condition(c, facts).result == "unmet":
                return True
    return False


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def _sentence_for(cand: Candidate, quote: str) -> SentenceView | None:
    q = _norm(quote)[:60]
    for v in cand.sentences:
        t = _norm(v.span.text)
        if q and (q in t or t[:60] in _norm(quote)):
            return v
    return None


def _stating_sentence(cand: Candidate, run: RuleRun, facts: CaseFacts) -> SentenceView | None:
    """The sentence that states the condition a fact broke ("21+ in the United States"), so
    the citation quotes what decided rather than the clause's lead."""
    unmet = {c.requirement for c in run.checks if c.result == "unmet"}
    if not unmet:
        return None
    for v in cand.sentences:
        for cond in parsed(executable_conditions(v.span.text, run.rule.decision)):
            if cond.applies_in(facts.market) and check_condition(cond, facts).requirement in unmet:
                return v
    return None


def _rule_match(cand: Candidate, rule: Rule) -> float:
    v = _sentence_for(cand, rule.quote)
    if v is not None:
        return v.score
    return cand.quote.score if cand.quote is not None else 0.0


def _trace(facts: CaseFacts, verdict: Verdict, answer: Answer) -> Trace:
    cite = {c.chunk_id: c.n for c in answer.citations}
    rules = []
    for run in verdict.runs:
        n = cite.get(run.chunk.id)
        rules.append(
            RuleCheck(
                rule_id=run.rule.id, source=run.chunk.source, clause_id=run.chunk.clause_id, decision=run.rule.decision,
                origin=run.origin, applicable=run.applicable, reason=run.reason,  # type: ignore[arg-type]
                conditions=[c.model_copy(update={"citation": n}) for c in run.checks], outcome=run.outcome, citation=n,
            )
        )
    return Trace(facts=facts.to_json(), rules=rules, decided_by=verdict.deciding.rule.id if verdict.deciding else None, reason=verdict.reason)
