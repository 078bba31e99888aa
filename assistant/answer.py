"""The default answerer: picks the clause that answers, takes its verdict, quotes it, cites it.

No LLM. The steps, each a small function so evals can explain a miss:

1. rank the retrieved clauses for *answering* (not just similarity): cosine of the question
   to the clause and to its best sentence, words of the question's subject found in the
   clause and its heading, and the market (a clause written for the question's market beats
   a general one; a clause written for other markets is not evidence for this one);
2. gate: when nothing retrieved is close enough (cosine under `settings.min_relevance`, or
   barely over it with none of the subject's words present), answer `escalate` and say so;
3. verdict: the clause's declared decision, else a confirmed sidecar rule that applies to the
   market (both `declared`), else a proposed rule or the normative wording of the sentence
   that matches (`inferred`); the question's wording never decides a verdict;
4. write a short answer from the quoted sentence(s) with [n] markers and list conditions.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

import numpy as np

from policydesk.assistant.markets import markets_in
from policydesk.assistant.sentences import Span, split_sentences
from policydesk.assistant.untrusted import is_injection
from policydesk.assistant.verdict import Reading, read_sentence
from policydesk.core import keyword
from policydesk.core.embedding import embedder_for
from policydesk.core.settings import Settings
from policydesk.core.types import GLOBAL_MARKET, Answer, Chunk, Citation, Filters, Rule, ScoredChunk

NO_GUIDANCE = (
    "No policy guidance found for this question in the ingested policies; "
    "do not guess: send it to the policy team."
)
VERDICT_LEAD = {
    "approve": "Allowed.",
    "restrict": "Allowed only under conditions.",
    "reject": "Not allowed.",
    "escalate": "Unclear: the policy sends this to the policy team.",
}
# Words every ad-policy question shares; they say nothing about the subject of the ad.
_GENERIC = set(
    keyword.tokenize(
        """ad ads advert adverts advertise advertising advertisement advertisements advertiser advertisers
        run running allowed allow allows permitted permit okay fine accepted accept approve approved reject
        policy policies rule rules market markets country countries platform campaign campaigns creative
        promote promoting promotion show shown showing target targeting targeted user users people
        brand brands company business client customer want need let lets get got post posts posting
        someone anyone something anything thing things about also still even just like really yes no
        my me i we our us they them he she his her its mine ours our what which whether able
        sell selling sold product products service services offer offering"""
    )
)
_MAX_CITATIONS = 3
_SECOND_CITATION_GAP = 0.06
# Relevance gate, tuned on the sample corpus with in-scope vs out-of-scope questions.
_STRONG_RELEVANCE_MARGIN = 0.15


@runtime_checkable
class Answerer(Protocol):
    def answer(self, question: str, chunks: list[ScoredChunk], filters: Filters | None = None) -> Answer: ...


@dataclass
class SentenceView:
    span: Span
    cos: float
    reading: Reading
    markets: list[str]
    score: float = 0.0


@dataclass
class Candidate:
    scored: ScoredChunk
    sentences: list[SentenceView]
    score: float = 0.0
    best_cos: float = 0.0
    subject_overlap: float = 0.0
    heading_overlap: float = 0.0
    market_fit: str = "open"  # named | open | other
    reading: Reading | None = None
    quote_span: tuple[int, int] | None = None
    rule: Rule | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def chunk(self) -> Chunk:
        return self.scored.chunk

    @property
    def cos(self) -> float:
        return self.scored.dense_score if self.scored.dense_score is not None else 0.0


class _SentenceCache:
    """Sentence vectors per chunk id: popular clauses are asked about again and again."""

    def __init__(self, size: int = 4096):
        self.size = size
        self._data: OrderedDict[str, tuple[str, list[Span], np.ndarray]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, chunk: Chunk, embedder) -> tuple[list[Span], np.ndarray]:
        with self._lock:
            hit = self._data.get(chunk.id)
            if hit is not None and hit[0] == chunk.text:
                self._data.move_to_end(chunk.id)
                return hit[1], hit[2]
        spans = split_sentences(chunk.text)
        vecs = embedder.encode([s.text for s in spans]) if spans else np.zeros((0, 1), dtype=np.float32)
        with self._lock:
            self._data[chunk.id] = (chunk.text, spans, vecs)
            while len(self._data) > self.size:
                self._data.popitem(last=False)
        return spans, vecs

    def get_many(self, chunks: list[Chunk], embedder) -> list[tuple[list[Span], np.ndarray]]:
        """Encode the sentences of every uncached chunk in one batch (one model call)."""
        missing: list[tuple[Chunk, list[Span]]] = []
        with self._lock:
            for ch in chunks:
                hit = self._data.get(ch.id)
                if hit is None or hit[0] != ch.text:
                    missing.append((ch, split_sentences(ch.text)))
        if missing:
            texts = [s.text for _, spans in missing for s in spans]
            vecs = embedder.encode(texts) if texts else np.zeros((0, 1), dtype=np.float32)
            i = 0
            with self._lock:
                for ch, spans in missing:
                    self._data[ch.id] = (ch.text, spans, vecs[i : i + len(spans)])
                    i += len(spans)
                while len(self._data) > self.size:
                    self._data.popitem(last=False)
        return [self.get(ch, embedder) for ch in chunks]


_SENTENCES = _SentenceCache()


def subject_tokens(question: str) -> set[str]:
    """The words that name what the ad is about ("vape", "casino"), without ad-policy filler."""
    return {t for t in keyword.tokenize(question) if t not in _GENERIC and not t.isdigit()}


def _tokens(text: str) -> set[str]:
    return set(keyword.tokenize(text))


def _is_specific(markets: list[str]) -> bool:
    """A clause written for a handful of markets (not the whole policy's list)."""
    ms = {m.upper() for m in markets}
    return bool(ms) and GLOBAL_MARKET.upper() not in ms and len(ms) <= 5


def _market_fit(chunk: Chunk, market: str | None) -> str:
    if not market or not chunk.markets:
        return "open"
    ms = {m.upper() for m in chunk.markets}
    if market.upper() in ms and _is_specific(chunk.markets):
        return "named"
    if market.upper() in ms or GLOBAL_MARKET.upper() in ms:
        return "open"
    return "other"


def _sentence_fit(sv: SentenceView, market: str | None) -> str:
    if not sv.markets:
        return "open"
    if market and market.upper() in sv.markets:
        return "named"
    return "other" if market else "specific"


class ExtractiveAnswerer:
    """Verdict, short answer and citations straight from the policy text (see module doc)."""

    name = "extractive"

    def __init__(self, settings: Settings | None = None, embedder=None):
        self.settings = settings or Settings()
        self._embedder = embedder

    @property
    def embedder(self):
        if self._embedder is None:
            self._embedder = embedder_for(self.settings)
        return self._embedder

    # ------------------------------------------------------------------ public
    def answer(self, question: str, chunks: list[ScoredChunk], filters: Filters | None = None) -> Answer:
        filters = filters or Filters()
        market = filters.market.upper() if filters.market else None
        base = Answer(question=question, verdict="escalate", verdict_source="none", answer=NO_GUIDANCE,
                      filters=filters.to_dict(), backend=self.name, retrieved=list(chunks))
        if not chunks:
            return base
        cands = self.rank(question, chunks, market)
        best = next((c for c in cands if c.reading is not None and c.reading.decision), None)
        if best is None or not self.relevant(best):
            if cands:
                top = cands[0]
                base.warnings.append(
                    f"closest passage too weak (cosine {top.best_cos:.2f}, subject words found "
                    f"{top.subject_overlap:.0%}); not answering from it"
                )
            return base
        return self.compose(question, best, cands, base, market)

    # ------------------------------------------------------------------ ranking
    def rank(self, question: str, chunks: list[ScoredChunk], market: str | None) -> list[Candidate]:
        subject = subject_tokens(question)
        qvec = self.embedder.encode_query(question)
        sent_data = _SENTENCES.get_many([sc.chunk for sc in chunks], self.embedder)
        cands: list[Candidate] = []
        for sc, (spans, vecs) in zip(chunks, sent_data):
            if sc.chunk.markets and market and _market_fit(sc.chunk, market) == "other":
                continue  # a clause for other markets says nothing about this one
            coss = (vecs @ qvec) if len(spans) else np.zeros(0)
            views = [
                SentenceView(sp, float(c), read_sentence(sp.text), markets_in(sp.text))
                for sp, c in zip(spans, coss)
                if not is_injection(sp.text)
            ]
            cand = Candidate(scored=sc, sentences=views)
            ch = sc.chunk
            words = _tokens(f"{ch.section}\n{ch.text}")
            head = _tokens(ch.section)
            cand.subject_overlap = len(subject & words) / len(subject) if subject else 0.0
            cand.heading_overlap = len(subject & head) / len(subject) if subject else 0.0
            cand.market_fit = _market_fit(ch, market)
            self._pick_sentences(cand, subject, market)
            top_sent = max((v.cos for v in views), default=0.0)
            cand.best_cos = max(cand.cos, top_sent)
            cand.score = (
                0.55 * cand.cos
                + 0.45 * top_sent
                + 0.20 * cand.subject_overlap
                + 0.12 * cand.heading_overlap
                + {"named": 0.10, "open": 0.0, "other": -0.3}[cand.market_fit]
                - (0.04 if market is None and _is_specific(ch.markets) else 0.0)
            )
            self._read_verdict(cand, market)
            cands.append(cand)
        cands.sort(key=lambda c: -c.score)
        return cands

    def _pick_sentences(self, cand: Candidate, subject: set[str], market: str | None) -> None:
        for sv in cand.sentences:
            fit = _sentence_fit(sv, market)
            words = _tokens(sv.span.text)
            overlap = len(subject & words) / len(subject) if subject else 0.0
            sv.score = (
                sv.cos
                + 0.15 * overlap
                + {"named": 0.12, "open": 0.0, "other": -0.35, "specific": -0.05}[fit]
                + (0.04 if sv.reading.decision else 0.0)
            )
        if cand.sentences:
            top = max(cand.sentences, key=lambda v: v.score)
            cand.quote_span = (top.span.start, top.span.end)

    def _quote_views(self, cand: Candidate) -> list[SentenceView]:
        if cand.quote_span is None:
            return []
        return [v for v in cand.sentences if v.span.start >= cand.quote_span[0] and v.span.end <= cand.quote_span[1]]

    # ------------------------------------------------------------------ verdict
    def _read_verdict(self, cand: Candidate, market: str | None) -> None:
        ch = cand.chunk
        if ch.decision:
            cand.reading = Reading(ch.decision, [f"declared {ch.clause_id or 'clause'} decision"], ch.decision == "restrict")
            cand.notes.append("declared")
            return
        rule = self._best_rule(cand, market)
        if rule is not None:
            cand.rule = rule
            cand.reading = Reading(rule.decision, [f"rule {rule.id}"], rule.decision == "restrict")
            cand.notes.append("declared" if rule.status == "confirmed" else "inferred")
            idx = ch.text.find(rule.quote)
            if idx >= 0:
                cand.quote_span = (idx, idx + len(rule.quote))
            return
        # Wording: the quoted sentence first; when it states no rule, the best sentence that does.
        quoted = self._quote_views(cand)
        reading = next((v.reading for v in quoted if v.reading.decision), None)
        if reading is None:
            usable = [v for v in cand.sentences if v.reading.decision and _sentence_fit(v, market) != "other"]
            if usable:
                top = max(usable, key=lambda v: v.score)
                if top.score >= max(v.score for v in cand.sentences) - 0.12:
                    reading = top.reading
                    cand.quote_span = (top.span.start, top.span.end)
        cand.reading = reading
        if reading is not None:
            cand.notes.append("inferred")

    def _best_rule(self, cand: Candidate, market: str | None) -> Rule | None:
        rules = [r for r in cand.chunk.rules if r.status in ("confirmed", "proposed") and r.applies_to(market)]
        if not rules:
            return None
        if market:
            # A rule written for this market beats a general one.
            named = [r for r in rules if market in (m.upper() for m in r.markets)]
            rules = named or rules
        confirmed = [r for r in rules if r.status == "confirmed"]
        pool = confirmed or rules
        quoted = {v.span.text for v in self._quote_views(cand)}
        scores = {v.span.text: v.score for v in cand.sentences}

        def rule_score(r: Rule) -> float:
            hits = [s for t, s in scores.items() if r.quote and (r.quote in t or t in r.quote)]
            return (max(hits) if hits else -1.0) + (0.5 if any(r.quote in q or q in r.quote for q in quoted) else 0.0)

        return max(pool, key=rule_score)

    def relevant(self, cand: Candidate) -> bool:
        """The gate between answering and `escalate`; see the module docstring."""
        floor = self.settings.min_relevance
        if cand.best_cos < floor:
            return False
        if cand.best_cos < floor + _STRONG_RELEVANCE_MARGIN and cand.subject_overlap == 0.0:
            return False
        return True

    # ------------------------------------------------------------------ writing
    def compose(self, question: str, best: Candidate, cands: list[Candidate], base: Answer, market: str | None) -> Answer:
        reading = best.reading
        assert reading is not None and reading.decision
        verdict = reading.decision
        source = "declared" if "declared" in best.notes else "inferred"
        chosen = [best]
        for c in cands:
            if len(chosen) >= _MAX_CITATIONS:
                break
            if c is best or c.reading is None or not c.reading.decision or not self.relevant(c):
                continue
            if c.score >= best.score - _SECOND_CITATION_GAP:
                chosen.append(c)
        citations: list[Citation] = []
        for n, c in enumerate(chosen, start=1):
            ch = c.chunk
            start, end = c.quote_span or (0, len(ch.text))
            citations.append(
                Citation(
                    n=n, source=ch.source, title=ch.title, section=ch.section, clause_id=ch.clause_id, page=ch.page,
                    version=ch.version, text=ch.text, quote=ch.text[start:end], score=round(c.score, 4),
                    rule_ids=[c.rule.id] if c.rule else [], chunk_id=ch.id,
                )
            )
        conditions = self.conditions(best, market) if verdict == "restrict" else []
        parts = [VERDICT_LEAD[verdict], f"{_one_line(citations[0].quote)} [1]"]
        if conditions:
            parts.append("Conditions: " + "; ".join(_one_line(c).rstrip(".") for c in conditions) + " [1].")
        for cit in citations[1:]:
            parts.append(f"See also: {_one_line(cit.quote)} [{cit.n}]")
        where = f"{best.chunk.clause_id} " if best.chunk.clause_id else ""
        base.verdict = verdict
        base.verdict_source = source
        base.answer = " ".join(parts)
        base.citations = citations
        base.conditions = [_one_line(c) for c in conditions]
        if source == "inferred":
            base.warnings.append(f"verdict inferred from the wording of {where}{best.chunk.source}; no declared decision")
        return base

    def conditions(self, cand: Candidate, market: str | None) -> list[str]:
        """What must hold for a `restrict`: the rule's conditions, else the clause's requirement sentences."""
        if cand.rule is not None and cand.rule.conditions:
            return list(cand.rule.conditions)
        out: list[str] = []
        for v in cand.sentences:
            if _sentence_fit(v, market) == "other":
                continue
            if v.reading.decision in ("restrict",) or re.search(r"\bmust\b", v.span.text, re.I):
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
