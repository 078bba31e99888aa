"""Candidates: rank the retrieved clauses for *answering* (not just similarity), and the
relevance gate between answering and `escalate`.

A candidate's score mixes the cosine of the question to the clause and to its best
sentence, words of the question's subject found in the clause and its heading, and the
market (among clauses on the same topic, one written for the question's market beats a
general one; one written for other markets is no evidence). Each clause also gets its own
decision here, for ranking only; the verdict is executed later (assistant/verdict_steps.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
from policydesk.assistant import sentence_vectors
from policydesk.assistant.clause_acronyms import clause_spelled_terms
from policydesk.assistant.clause_rules import clause_logic
from policydesk.core.corpus_facts import CorpusFacts
from policydesk.core.definitions import named_category
from policydesk.assistant.keyword_evidence import keyword_evidence
from policydesk.assistant.scope_evidence import clause_scope_statements, heading_topic, names_stated_topic, listed_example, named_wording, names_topic, quoted_wording, stated_topics, title_topics
from policydesk.assistant.kind_scope import kind_term
from policydesk.core.markets import markets_in
from policydesk.assistant.question import QuestionInfo
from policydesk.assistant.untrusted import is_injection
from policydesk.assistant.verdict import read_sentence
from policydesk.assistant.weights import WEIGHTS as W
from policydesk.core.clause_logic import CLAUSE_REF, examples_section, executed_rules, refers_to_people, run_in_label, sentence_text
from policydesk.core.illustrations import illustrates
from policydesk.core.table_rows import example_spans
from policydesk.core.reading import SentenceDecision
from policydesk.core.sentence_store import SentenceStore
from policydesk.core.sentences import Span, split_sentences
from policydesk.core.terms import terms
from policydesk.core.types import GLOBAL_MARKET, Chunk, Rule, ScoredChunk

_UNIVERSAL = re.compile(r"\b(?:in|across) (?:all|every|any) (?:markets?|countries)\b|\bwhatever the market\b|\bin every market\b", re.I)
_THESE_MARKETS = re.compile(r"\b(?:these|those)(?: \w+)? (?:markets|countries)\b", re.I)


@dataclass
class SentenceView:
    index: int
    span: Span
    cos: float
    reading: SentenceDecision
    markets: list[str]
    words: set[str]
    score: float = 0.0
    # The sentence lists the only markets where the ad may run ("permitted only in Germany,
    # Austria …"): it decides every market, inside the list and outside it.
    exclusive: bool = False


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
    scope_evidence: str = ""  # why the clause is about the question's subject beyond shared words (assistant/scope_evidence.py)
    literal_scope: str = ""  # what the clause names literally and the question too (quoted wording, a listed example): scope evidence at any cosine
    context_only: bool = False  # intro/definitions of a document that declares its clauses
    reading: SentenceDecision | None = None
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


@dataclass
class Ranking:
    """What the candidates step hands on: every ranked clause, the ones that may answer (a
    decision, not context only, market preference and the approve lead applied), the best
    of them and whether it passes the gate on keyword evidence alone."""

    candidates: list[Candidate]
    usable: list[Candidate]
    best: Candidate | None
    by_keywords: bool = False
    by_scope: bool = False

    def answerable(self, min_relevance: float) -> bool:
        return self.best is not None and (self.by_keywords or self.by_scope or relevant(self.best, min_relevance))

    @property
    def top(self) -> Candidate | None:
        """The closest passage, named when the gate refuses to answer from it."""
        return self.best or (self.candidates[0] if self.candidates else None)


# ---------------------------------------------------------------- helpers
def is_specific(markets: list[str]) -> bool:
    """A clause written for a handful of markets (not the whole policy's list)."""
    ms = {m.upper() for m in markets}
    return bool(ms) and GLOBAL_MARKET.upper() not in ms and len(ms) <= 5


def market_fit(chunk: Chunk, market: str | None) -> str:
    if not market or not chunk.markets:
        return "open"
    ms = {m.upper() for m in chunk.markets}
    if market in ms and is_specific(chunk.markets):
        return "named"
    if market in ms or GLOBAL_MARKET.upper() in ms:
        return "open"
    return "other"


def sentence_fit(sv: SentenceView, market: str | None) -> str:
    """How a sentence's markets fit the question's market. A sentence that names only other
    markets is written for them ("other"), except one that lists the only markets where the
    ad may run: it speaks to every market (a market outside its list is the one it excludes),
    so it is as specific to the question's market as one naming it."""
    if not sv.markets:
        return "open"
    if market and (market in sv.markets or sv.exclusive):
        return "named"
    return "other" if market else "specific"


def _matches(subject: set[str], words: set[str]) -> set[str]:
    """Subject stems found in `words`; long stems also match by prefix ("verif" ~ "verifi")."""
    hit = subject & words
    for t in subject - hit:
        if len(t) >= 5 and any(len(w) >= 5 and (w.startswith(t) or t.startswith(w)) for w in words):
            hit.add(t)
    return hit


def overlap(subject: set[str], words: set[str]) -> float:
    return len(_matches(subject, words)) / len(subject) if subject else 0.0


def weighted_overlap(subject: set[str], words: set[str], facts: CorpusFacts) -> float:
    if not subject or not facts.n_chunks:
        return overlap(subject, words)
    total = sum(facts.idf(t) for t in subject)
    return sum(facts.idf(t) for t in _matches(subject, words)) / total if total > 0 else 0.0


def in_band(cand: Candidate, min_relevance: float) -> bool:
    """Close enough to be considered, not close enough to answer on cosine alone."""
    return min_relevance <= cand.best_cos < min_relevance + W.strong_relevance_margin


def relevant(cand: Candidate, min_relevance: float) -> bool:
    """The gate between answering and `escalate`. In the band above the floor the clause must
    also share enough of the question's subject words."""
    floor = min_relevance
    if cand.best_cos < floor:
        return False
    if in_band(cand, floor) and cand.subject_overlap <= W.weak_subject_overlap:
        return False
    return True


def in_scope(cand: Candidate, min_relevance: float) -> bool:
    """The gate's scope witness: in the band, a clause that shares too few subject words may
    still answer when the question names the topic its policy's title or its heading states
    (assistant/scope_evidence.py). Only the answering
    clause is judged so: which other clauses count as relevant (the approve lead, citations)
    stays with `relevant`. What the clause names literally and the question names too is
    evidence at any cosine: wording both quote (`scope_evidence.quoted_wording`), an example
    the clause lists of what it governs (`scope_evidence.listed_example`)."""
    return (in_band(cand, min_relevance) and bool(cand.scope_evidence)) or bool(cand.literal_scope)


# ---------------------------------------------------------------- the step
def candidates(
    info: QuestionInfo, chunks: list[ScoredChunk], facts: CorpusFacts, embedder, store: SentenceStore | None, min_relevance: float
) -> Ranking:
    """Rank the retrieved clauses, keep the ones that may answer, and check the best one
    against the relevance gate (or keyword evidence, for questions the model reads poorly).
    A clause an amendment withdrew ("Clause 4 is withdrawn.") is no policy in force: it is
    neither ranked nor quoted (core/amendments.py)."""
    cands = rank(info, [c for c in chunks if not c.chunk.withdrawn], facts, embedder, store)
    usable = prefer_market_clause([c for c in cands if c.decision and not c.context_only], info, min_relevance)
    usable = approve_needs_a_clear_lead(usable, min_relevance)
    best = usable[0] if usable else None
    if best is not None and not relevant(best, min_relevance) and in_band(best, min_relevance):
        # Only the answering clause is judged on scope, so only its evidence is read.
        best.scope_evidence = scope_evidence(best, info, facts)
    if best is not None and not relevant(best, min_relevance) and not best.scope_evidence:
        if wording := quoted_wording(info.text, best.chunk.text):
            best.literal_scope = best.scope_evidence = f'the question quotes wording the clause names: "{wording}"'
        elif wording := named_wording(info.text, best.chunk.text):
            best.literal_scope = best.scope_evidence = f'the question uses "{wording}", wording the clause names in quotes'
        elif example := listed_example(info.all_terms, best.chunk.text):
            best.literal_scope = best.scope_evidence = f'the question names "{example}", an example the clause lists of what it governs'
        elif named := named_category(facts.definitions.get(best.chunk.source), info.all_terms,
                                     terms(f"{best.chunk.section}\n{best.chunk.text}"), literal=True):
            best.literal_scope = best.scope_evidence = (
                f'the question names "{named[0]}", which its policy counts as "{named[1]}", named by the clause'
            )
    if best is not None and not relevant(best, min_relevance) and not best.scope_evidence and in_band(best, min_relevance):
        # An example of the policy applied to an ad like the question's ("Quick examples", which
        # never decides, core/illustrations.py) shows that the policy governs that subject.
        shown = next((c for c in cands if c.context_only and c.chunk.source == best.chunk.source
                      and examples_section(c.chunk.section) and relevant(c, min_relevance)), None)
        if shown is not None:
            best.scope_evidence = f"the policy's examples ({shown.chunk.section}) show an ad like the question's"
    by_scope = best is not None and not relevant(best, min_relevance) and in_scope(best, min_relevance)
    by_keywords = (
        best is not None
        and not relevant(best, min_relevance)
        and keyword_evidence(best, cands, info.subject, terms(f"{best.chunk.section}\n{best.chunk.text}"))
    )
    if best is not None and not (relevant(best, min_relevance) or by_scope or by_keywords) and best.best_cos < min_relevance:
        if kind := stated_kind_evidence(best, info, facts):
            best.literal_scope = best.scope_evidence = kind
            by_scope = True
    if best is not None and not (relevant(best, min_relevance) or by_scope or by_keywords):
        if (other := scoped_runner_up(usable, info, facts, min_relevance)) is not None:
            other.notes.append(
                f"{other.chunk.clause_id or other.chunk.section} answers in place of "
                f"{best.chunk.clause_id or best.chunk.section}, which holds no evidence that it governs the question's subject"
            )
            usable = [other] + [c for c in usable if c is not other]
            best, by_scope = other, True
    if best is not None and by_scope:
        best.notes.append(f"answered on scope evidence ({best.scope_evidence}); the clause's cosine to the question is only {best.best_cos:.2f}")
    return Ranking(cands, usable, best, by_keywords, by_scope)


def scoped_runner_up(usable: list[Candidate], info: QuestionInfo, facts: CorpusFacts, min_relevance: float) -> Candidate | None:
    """When the first usable clause fails the gate and has no evidence of scope, the first
    other usable clause in the relevance band that has such evidence (`scope_evidence`: the
    question names its policy's or its own topic, the advertised thing is a kind of one, ...),
    else None. The ranking orders clauses by closeness; the gate asks whether a clause governs
    the question's subject, and a clause that does is the one to answer from, not a closer
    one that does not ("Vodka + energy premix can": the clause on energy-drink labels is
    closest, the one on drinks that combine alcohol with caffeine governs vodka, a kind of
    alcohol). Each is judged by the evidence the first one is judged by, except that a kind
    of a word of a rule's subject counts only when the rule writes that word as a noun phrase
    of its own (`unnarrowed`): a runner-up displaces a closer clause, and "explosive devices"
    does not govern every device (a laser pointer)."""
    for cand in usable[1:]:
        if not in_band(cand, min_relevance) or relevant(cand, min_relevance):
            continue
        if evidence := scope_evidence(cand, info, facts, kind_rules="whole"):
            cand.scope_evidence = evidence
            return cand
    return None


def rank(info: QuestionInfo, chunks: list[ScoredChunk], facts: CorpusFacts, embedder, store: SentenceStore | None) -> list[Candidate]:
    qvec = embedder.encode_query(info.text)
    # A passage that gives orders is not policy (none of its sentences may decide), and a
    # clause for other markets says nothing about this one: neither is worth encoding.
    kept = [(sc, fit) for sc in chunks if (fit := market_fit(sc.chunk, info.market)) != "other" and not is_injection(sc.chunk.text)]
    sent_data = sentence_vectors.SENTENCES.get_many([sc.chunk for sc, _ in kept], embedder, store)
    cands: list[Candidate] = []
    for (sc, fit), (spans, vecs) in zip(kept, sent_data):
        ch = sc.chunk
        cand = Candidate(scored=sc, sentences=_views(ch, spans, vecs, qvec, facts), market_fit=fit)
        # Undeclared clauses of a policy that marks its decisions, and a privacy notice's
        # clauses (corpus_facts), may be cited but never decide.
        cand.context_only = (
            ch.decision is None and not ch.rules and ch.source in facts.declaring_sources
        ) or ch.source in facts.data_practice_sources or (
            # A section of examples ("Quick examples", core/illustrations.py) shows how the
            # rules apply: cited as evidence, never the clause that decides.
            ch.decision is None and not any(r.status == "confirmed" for r in ch.rules) and examples_section(ch.section))
        words = terms(f"{ch.section}\n{ch.text}")
        cand.subject_overlap = overlap(info.subject, words)
        cand.weighted_overlap = weighted_overlap(info.subject, words, facts)
        # A heading word that is also in the policy title ("Gambling") names every clause of it.
        cand.heading_overlap = overlap(info.subject, terms(ch.section) - terms(ch.title))
        _score_sentences(cand, info, facts)
        top_sent = max((v.cos for v in cand.sentences), default=0.0)
        cand.best_cos = max(cand.cos, top_sent)
        cand.topic = (
            W.topic_clause_cos * cand.cos + W.topic_sentence_cos * top_sent
            + W.topic_subject * cand.subject_overlap + W.topic_heading * cand.heading_overlap
        )
        cands.append(cand)
    if not cands:
        return []
    top_topic = max(c.topic for c in cands)
    for cand in cands:
        bonus = 0.0
        if cand.market_fit == "named" and cand.topic >= top_topic - W.market_topic_window:
            bonus += W.named_market_bonus
        if info.market is None and is_specific(cand.chunk.markets):
            bonus -= W.specific_without_market
        cand.score = cand.topic + bonus
        clause_reading(cand, info)
    cands.sort(key=lambda c: -c.score)
    return cands


def scope_evidence(cand: Candidate, info: QuestionInfo, facts: CorpusFacts | None = None, shares: bool = True, kind_rules: str = "any") -> str:
    """The clause's evidence that the question's subject is what it governs, beyond shared
    words: the question names the topic its policy's title or its own heading states, or one
    its policy's or its own scope statement lists ("This policy covers ...", "This covers ...").
    `shares`: whether a share of the question's subject words the clause holds counts as well
    (in the relevance band it does; the scope gate after execution asks for statements of
    scope only, assistant/scope_gate.py). `kind_rules`: which words of its rules' subjects the
    advertised thing may be a kind of (`_kind_evidence`): a clause that answers in place of a
    closer one (`scoped_runner_up`) asks for one its rule writes whole."""
    # A topic is named by the question's words, or by the long form of an acronym it writes
    # ("US PAC ..." names a political action committee: assistant/acronyms.py), or by the run
    # of words the clause itself spells it with ("PT", "personal training": assistant/clause_acronyms.py).
    ch = cand.chunk
    asked = info.all_terms | info.spelled | clause_spelled_terms(info.text, f"{ch.title}\n{ch.section}\n{ch.text}")
    if topic := names_topic(asked, cand.chunk.title):
        return f'the question names its policy\'s topic "{topic}"'
    if topic := names_topic(asked, heading_topic(cand.chunk.section)):
        return f'the question names its clause\'s topic "{topic}"'
    for statement in (facts.scope.get(cand.chunk.source, []) if facts is not None else []):
        if topic := names_stated_topic(asked, statement):
            return f'the question names "{topic}", which its policy says it covers'
    for statement in clause_scope_statements(cand.chunk.text):
        if topic := names_stated_topic(asked, statement):
            return f'the question names "{topic}", which the clause says it covers'
    if facts is not None and (named := named_category(facts.definitions.get(cand.chunk.source), info.all_terms,
                                                       terms(f"{cand.chunk.section}\n{cand.chunk.text}"), question=info.text)):
        return f'the question names "{named[0]}", which its policy counts as "{named[1]}", named by the clause'
    if kind := _kind_evidence(cand, info, facts, rules=kind_rules):
        return kind
    if shares and info.own_subject and info.own_subject != info.subject:
        # The share of the subject the gate asks for, counted without the quoted ad copy.
        words = terms(f"{cand.chunk.section}\n{cand.chunk.text}")
        if overlap(info.own_subject, words) > W.weak_subject_overlap:
            return "the clause holds the question's subject words outside the ad copy it quotes"
    return ""


def _kind_evidence(cand: Candidate, info: QuestionInfo, facts: CorpusFacts | None, rules: str = "any") -> str:
    """The advertised thing is a kind of a topic its policy's title, its heading or a scope
    statement names, or of a word of one of its rules' subjects, by WordNet's hypernym chain
    (assistant/kind_scope.py): "Same sparkler ad ..." under "Fireworks and pyrotechnics".
    `rules`: "any" word of a rule's subject, "whole" only one its rule writes as a noun phrase
    of its own (`unnarrowed`), "none"."""
    thing = info.advertised
    if thing is None:
        return ""
    ch = cand.chunk
    topics = [t for t, _ in title_topics(ch.title)] + [t for t, _ in title_topics(heading_topic(ch.section))]
    for statement in (facts.scope.get(ch.source, []) if facts is not None else []) + clause_scope_statements(ch.text):
        topics += [t for t, _ in stated_topics(statement)]
    if rules != "none":
        topics += [w for rule in (*ch.logic, *ch.rules) for w in rule.scope if rules == "any" or unnarrowed(w, rule.quote)]
    if found := kind_term(thing, list(dict.fromkeys(topics))):
        return f'the question\'s "{thing.phrase}" is a kind of "{found}", which the clause governs'
    return ""


def stated_kind_evidence(cand: Candidate, info: QuestionInfo, facts: CorpusFacts | None) -> str:
    """The advertised thing is a kind of a topic the clause's policy states as what it governs
    (its title, the clause's heading, a scope statement), not only of a word of a rule's
    subject: the policy says in so many words that it governs the category, and WordNet says
    the thing is a member of it ("vodka spot where ..." under the "Alcohol Advertising
    Policy": vodka is a liquor, an alcohol). That is evidence the policy governs the
    question's subject whatever the cosine, as a clause's literal wording is."""
    return _kind_evidence(cand, info, facts, rules="none")


_WORD = re.compile(r"[A-Za-z][\w'-]*")


def unnarrowed(word: str, text: str) -> bool:
    """Whether `text` uses `word` at least once as a noun phrase of its own, not as the head of
    one a premodifier narrows: "Drinks that combine alcohol with caffeine" uses "alcohol"
    whole, "Illegal explosive devices such as M-80s" uses "devices" only narrowed (a laser
    pointer is a device, not an explosive device). A premodifier is the word before it when
    that is an adjective or a noun WordNet does not also know as a verb ("explosive",
    "energy"); a word that may be a verb ("combine", "sell") may end what comes before the
    phrase, so it narrows nothing. Without WordNet nothing counts as narrowed."""
    from policydesk.core import lexicon
    from policydesk.core.keyword import STOPWORDS

    tokens = _WORD.findall(text)
    for i, tok in enumerate(tokens):
        if tok.lower() != word.lower():
            continue
        if i == 0:
            return True
        prev = tokens[i - 1].lower()
        if prev in STOPWORDS:
            return True
        try:
            modifier = bool(lexicon.lemmas(prev, "a") or lexicon.lemmas(prev, "s")) or (
                bool(lexicon.lemmas(prev, "n")) and not lexicon.lemmas(prev, "v"))
        except lexicon.LexiconUnavailable:
            return True
        if not modifier:
            return True
    return False


def _views(ch: Chunk, spans: list[Span], vecs: np.ndarray, qvec: np.ndarray, facts: CorpusFacts) -> list[SentenceView]:
    coss = (vecs @ qvec) if len(spans) else np.zeros(0)
    views: list[SentenceView] = []
    prev_markets: list[str] = []
    specific = [m.upper() for m in ch.markets] if is_specific(ch.markets) else []
    exclusive = _exclusive_quotes(ch)
    # The cells of an examples table ("| Ad | Outcome | Why |") and a labelled example state an
    # ad and the verdict it got, no rule (core/illustrations.py): quoted, never decided by.
    examples = example_spans(ch.text, spans) if "|" in ch.text else set()
    for i, (sp, c) in enumerate(zip(spans, coss)):
        text = sentence_text(ch, i, sp.text)
        if is_injection(text):
            continue
        ms = markets_in(text)
        ref = CLAUSE_REF.search(text)
        if ref and (ch.source, ref.group(1).upper()) in facts.clause_markets:
            ms = ms + [m for m in facts.clause_markets[(ch.source, ref.group(1).upper())] if m not in ms]
        elif _THESE_MARKETS.search(text):
            ms = ms + [m for m in (prev_markets or specific) if m not in ms]
        reading = read_sentence(text)
        if not ch.decision and reading.decision is not None and (i in examples or illustrates(text)):
            reading = SentenceDecision(None, ("an example of how a rule applies",))
        if reading.decision is None and not ch.decision:
            reading = _list_item_reading(ch, text) or reading
        elif reading.decision == "approve" and refers_to_people(ch, reading.decision):
            # Under "Reviewed case by case" a "may" is the reviewers' procedure: the heading decides.
            reading = SentenceDecision("escalate", ("the clause's heading sends its cases to people",))
        views.append(SentenceView(i, sp, float(c), reading, ms, terms(text), exclusive=" ".join(text.split()) in exclusive))
        if ms:
            prev_markets = ms
    if not ch.decision:
        # A run-in heading ("Grant-funded work. Ads offering insulation … are allowed only in
        # …") is part of the sentence it labels: it reads as that sentence's rule, as it did
        # when the clause logic made it a rule of its own (core/clause_logic.py `run_in_label`).
        by_index = {v.index: v for v in views}
        for v in views:
            nxt = by_index.get(v.index + 1)
            if v.reading.decision is None and nxt is not None and nxt.reading.decision and run_in_label(ch.text, v.span, nxt.span):
                v.reading = nxt.reading
    return views


def _exclusive_quotes(ch: Chunk) -> set[str]:
    """Quotes of the clause's executed rules that carry an `only_markets` condition, from the
    logic stored at ingest (no prose is read here)."""
    return {r.quote for r in executed_rules(clause_logic(ch)) if any(c.startswith("only_markets:") for c in r.conditions)}


def _list_item_reading(ch: Chunk, text: str) -> SentenceDecision | None:
    """An item of a list whose lead or heading decides ("We don't allow: - speculative
    tickets", a line under "What's not allowed") reads as the rule the clause logic made of it (core/clause_logic.py), so a case matching the
    item is matched to a clause that decides rather than to a sentence that states nothing."""
    quote = " ".join(text.split())
    for rule in executed_rules(clause_logic(ch)):
        if rule.quote == quote:
            return SentenceDecision(rule.decision, (f"list item of rule {rule.id}",))
    return None


def _score_sentences(cand: Candidate, info: QuestionInfo, facts: CorpusFacts) -> None:
    for sv in cand.sentences:
        fit = sentence_fit(sv, info.market)
        sv.score = (
            sv.cos
            + W.sentence_subject * weighted_overlap(info.subject, sv.words, facts)
            + {"named": W.sentence_named, "open": 0.0, "other": W.sentence_other, "specific": W.sentence_specific}[fit]
            + (W.sentence_decides if sv.reading.decision else 0.0)
        )
    if cand.sentences:
        cand.quote = max(cand.sentences, key=lambda v: v.score)
        if info.market and sentence_fit(cand.quote, info.market) != "named":
            # A sentence that names the question's market is the more specific one.
            named = [v for v in cand.sentences if sentence_fit(v, info.market) == "named" and v.reading.decision]
            if named:
                top_named = max(named, key=lambda v: v.score)
                if top_named.score >= cand.quote.score - W.named_sentence_window:
                    cand.quote = top_named


def prefer_market_clause(usable: list[Candidate], info: QuestionInfo, min_relevance: float | None = None) -> list[Candidate]:
    """Within one policy, a clause written for the question's market beats the general one
    (lex specialis), unless the general clause itself says it holds in every market.

    Lex specialis ranks two clauses on the question's subject; a market clause that is not
    itself relevant (it fails the gate, `min_relevance` given) is about another aspect in the
    same market ("label it #ad in the UK" for a question on who may make alcohol posts), so it
    never displaces a relevant general clause: it used to, and the case escalated for want of
    a relevant answer while one was ranked first."""
    if not usable or not info.market:
        return usable
    top = usable[0]
    if top.market_fit == "named" or not top.chunk.policy_id:
        return usable
    if top.quote is not None and _UNIVERSAL.search(top.quote.span.text):
        return usable
    must_be_relevant = min_relevance is not None and relevant(top, min_relevance)
    for c in usable[1:]:
        if (
            c.market_fit == "named"
            and c.chunk.policy_id == top.chunk.policy_id
            and c.chunk.source == top.chunk.source
            and c.topic >= top.topic - W.specialis_window
            and (not must_be_relevant or relevant(c, min_relevance))
        ):
            c.notes.append(
                f"{c.chunk.clause_id or c.chunk.section} is written for {info.market} and takes precedence over "
                f"{top.chunk.clause_id or top.chunk.section}"
            )
            return [c] + [x for x in usable if x is not c]
    return usable


def approve_needs_a_clear_lead(usable: list[Candidate], min_relevance: float) -> list[Candidate]:
    """An `approve` is the costliest verdict to get wrong, and approving clauses are often
    narrow exemptions ("bar tools are not treated as alcohol ads"). When a stricter clause
    that is also relevant matches the question about as well, the stricter one answers."""
    if len(usable) < 2 or usable[0].decision != "approve":
        return usable
    top = usable[0]
    for c in usable[1:]:
        if (
            c.decision in ("restrict", "reject")
            and relevant(c, min_relevance)
            and c.score >= top.score - W.approve_lead
            and c.subject_overlap >= top.subject_overlap
        ):
            c.notes.append(
                f"{c.chunk.clause_id or c.chunk.section} ({c.decision}) matches the question about as well as "
                f"{top.chunk.clause_id or top.chunk.section} (approve); the stricter clause answers"
            )
            return [c] + [x for x in usable if x is not c]
    return usable


# ---------------------------------------------------------------- a clause's own decision
def clause_reading(cand: Candidate, info: QuestionInfo) -> None:
    """The clause's own decision, for ranking only; the verdict is executed later."""
    ch = cand.chunk
    if ch.decision:
        cand.reading = SentenceDecision(ch.decision, (f"declared decision of {ch.clause_id or 'the clause'}",))
        cand.source = "declared"
        return
    rule = _best_rule(cand, info.market)
    if rule is not None:
        cand.rule = rule
        cand.reading = SentenceDecision(rule.decision, (f"rule {rule.id}",))
        cand.source = "declared" if rule.status == "confirmed" else "inferred"
        for v in cand.sentences:
            if rule.quote and (rule.quote in v.span.text or v.span.text in rule.quote):
                cand.quote = v
                break
        return
    # Wording: the best-matching sentence if it states a rule, else a close one that does.
    cand.source = "inferred"
    if cand.quote is not None and cand.quote.reading.decision and sentence_fit(cand.quote, info.market) != "other":
        cand.reading = cand.quote.reading
        return
    usable = [v for v in cand.sentences if v.reading.decision and sentence_fit(v, info.market) != "other"]
    if usable and cand.quote is not None:
        top = max(usable, key=lambda v: v.score)
        if top.score >= cand.quote.score - W.wording_window:
            cand.reading = top.reading
            cand.quote = top


def _best_rule(cand: Candidate, market: str | None) -> Rule | None:
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


def plain_candidate(chunk: Chunk) -> Candidate:
    """A clause brought in by its role (the policy's general position), not by retrieval:
    its sentences carry no question score, only their text, so they can be quoted."""
    views = [SentenceView(i, sp, 0.0, read_sentence(sp.text), [], terms(sp.text)) for i, sp in enumerate(split_sentences(chunk.text))]
    return Candidate(scored=ScoredChunk(chunk=chunk, score=0.0), sentences=views, quote=views[0] if views else None)
