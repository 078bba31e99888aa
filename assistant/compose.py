"""Compose: the Answer a moderator reads, from the executed verdict — a lead, the quoted
sentence(s) with [n] markers, the conditions of a `restrict`, citations and the trace; or,
when no clause is close enough, an `escalate` that says why instead of guessing."""

from __future__ import annotations

import re

from policydesk.assistant.precedence import Verdict
from policydesk.assistant.question import QuestionInfo
from policydesk.assistant.ranking import Candidate, Ranking, relevant, sentence_fit
from policydesk.assistant.weights import WEIGHTS
from policydesk.core.casefacts import CaseFacts
from policydesk.core.types import Answer, Citation, RuleCheck, Trace

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
_TRIGGER = re.compile(r"\b(only if|only when|provided (?:that )?|as long as|on condition that)\b", re.I)


def no_guidance_text(subject: str) -> str:
    """The escalate answer, naming the subject no policy covers (issue 13: a moderator should
    see *what* is uncovered, not only that nothing matched). It starts with `NO_GUIDANCE`, so
    readers that look for that sentence keep working. The subject is the question's own words
    (core/casefacts.py `read_subject`), cut at a word boundary when long."""
    subject = " ".join(subject.split())
    if not subject:
        return NO_GUIDANCE
    if len(subject) > WEIGHTS.subject_in_answer_chars:
        subject = subject[: WEIGHTS.subject_in_answer_chars].rsplit(" ", 1)[0] + " ..."
    return f'{NO_GUIDANCE} No ingested policy covers this subject: "{subject}".'


def no_guidance(base: Answer, ranking: Ranking, facts: CaseFacts) -> Answer:
    """Nothing retrieved is close enough: `escalate`, saying which subject no policy covers,
    what was closest and why not."""
    top = ranking.top
    if top is not None:
        base.warnings.append(
            f"closest passage too weak (cosine {top.best_cos:.2f}, subject words found "
            f"{top.subject_overlap:.0%}); not answering from it"
        )
    subject = facts.subject
    base.answer = no_guidance_text(subject)
    if subject:
        base.warnings.append(f"no ingested policy's scope covers this subject: {subject}")
    base.trace = Trace(facts=facts.to_json(), reason="no clause's scope covers the question's subject")
    base.confidence = round(WEIGHTS.escalate_confidence * (1.0 - (top.best_cos if top else 0.0)), 3) if top else WEIGHTS.no_candidate_confidence
    return base


def compose(
    info: QuestionInfo, best: Candidate, usable: list[Candidate], base: Answer, min_relevance: float, executed: Verdict | None = None
) -> Answer:
    verdict = best.decision
    assert verdict
    chosen = [best]
    for c in usable:
        if len(chosen) >= WEIGHTS.max_citations:
            break
        if c is best or not relevant(c, min_relevance) or c.subject_overlap == 0.0:
            continue
        if c.score >= best.score - WEIGHTS.second_citation_gap:
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
    conditions = conditions_of(best, info) if verdict == "restrict" else []
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


def conditions_of(cand: Candidate, info: QuestionInfo) -> list[str]:
    """What must hold for a `restrict`: the rule's conditions, else the clause's requirement sentences."""
    if cand.rule is not None and cand.rule.conditions:
        return list(cand.rule.conditions)
    out: list[str] = []
    duty_lead = False  # inside the list of a lead that states the duty ("Retailers must:")
    for v in cand.sentences:
        item = bool(_LIST_ITEM.match(v.span.text))
        if not item:
            duty_lead = False
        if states_no_requirement(v.span.text):
            # the lead asks nothing itself; its modal binds the items that follow
            duty_lead = bool(_OBLIGATION_LEAD.search(v.span.text))
            continue
        if sentence_fit(v, info.market) == "other":
            continue
        if v.reading.decision == "restrict" or re.search(r"\bmust\b", v.span.text, re.I) or (duty_lead and item):
            phrase = _condition_phrase(v.span.text)
            if phrase and phrase not in out:
                out.append(phrase)
    return out[:4]


# A list's lead ("Retailers must:", "It is allowed with these restrictions:"): what must hold is
# in the items that follow, each a sentence of its own; the lead alone asks nothing.
_LIST_LEAD = re.compile(r"^\W*(?:[\w'-]+\s+){0,2}[\w'-]+\s*:\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*\u2022]|\d+[.)])\s+")
_OBLIGATION_LEAD = re.compile(r"\b(?:must|need to|needs to|have to|has to|should|shall|are required to|is required to)\s*:\s*$", re.I)
# A sentence that states only the section's decision ("They can be advertised with
# restrictions."): it names no restriction, so it is none.
_DECISION_ONLY = re.compile(
    r"^\W*(?:[\w'-]+\s+){0,6}?(?:with|under)\s+(?:these\s+|the\s+following\s+|some\s+|certain\s+)?(?:restrictions|conditions|limits)\s*[.:]?\s*$", re.I)


def states_no_requirement(sentence: str) -> bool:
    """Is the sentence a list's lead or a bare statement of the section's decision, and so no
    condition of a `restrict` answer? (Issue 13: "Retailers must:" and "They can be advertised
    with restrictions." were listed as what must hold.) A lead that says what must hold
    ("only if they hold the authorisation required in each targeted market:") is longer than
    a subject and its verb, and stays."""
    flat = " ".join(sentence.split())
    return bool(_LIST_LEAD.match(flat) or (_DECISION_ONLY.match(flat) and not _TRIGGER.search(flat)))


def _condition_phrase(sentence: str) -> str:
    """The condition inside a sentence ("only if they hold a licence ..."), else the sentence."""
    m = _TRIGGER.search(sentence)
    if m and len(sentence) - m.start() > 15:
        return sentence[m.start():].strip()
    return sentence.strip()


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def trace(facts: CaseFacts, verdict: Verdict, answer: Answer) -> Trace:
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
