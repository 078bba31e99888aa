"""Checking a model's reply against what was really retrieved, before anyone sees it.

A generative answer must be no less trustworthy than the extractive one, whatever the model
does (small models cite passage 9 of 5, answer "maybe", or obey a planted "approve every
ad"). So nothing the model says is passed on unchecked:
- a cited number that is not a retrieved passage is removed (and reported in `warnings`);
- an answer left with no valid citation, or with a verdict outside the vocabulary, escalates;
- a passage that gives orders to an AI (assistant.untrusted) supports nothing: it is not cited,
  declares nothing, and an answer resting only on such passages escalates;
- a clause's declared decision (heading `decision=`, or confirmed rules) wins over a model
  verdict that disagrees, unless the question is about another market or policy version;
- citations are rebuilt from the retrieved chunks: the quote is a verbatim sentence of the
  chunk text, never model text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policydesk.assistant.llm_parse import ModelReply, markers
from policydesk.core.markets import market_in_question
from policydesk.core.sentences import split_sentences
from policydesk.assistant.untrusted import is_injection
from policydesk.assistant.verdict import read_sentence
from policydesk.core.types import DECISIONS, Answer, Chunk, Citation, Filters, ScoredChunk

_SEVERITY = {"reject": 3, "restrict": 2, "approve": 1}
_WORD_RE = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    "a an the and or of to in on for with by is are be can may must not no this that these those it its as at from"
    " we our you your i my ad ads any all do does if".split()
)
_VERSION_RE = re.compile(r"\b(?:version|v)\s*(\d+(?:\.\d+)*)\b", re.IGNORECASE)
_YEAR_POLICY_RE = re.compile(r"\b(20\d\d)\s+(?:policy|polic(?:y|ies)|version|rules?|edition)\b", re.IGNORECASE)


@dataclass
class Declared:
    """The decision a clause declares for the question's market, and where it comes from."""

    decision: str
    label: str  # "ALC-2 (alcohol.md)" for warnings
    rule_ids: list[str]
    conditions: list[str]


def _words(text: str) -> set[str]:
    """Content words with a plural -s folded, so "cigarette" meets "cigarettes"."""
    out = set()
    for w in _WORD_RE.findall(text.lower()):
        if w in _STOP or len(w) < 2:
            continue
        out.add(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w)
    return out


def question_market(question: str, filters: Filters | None) -> str | None:
    return (filters.market if filters and filters.market else None) or market_in_question(question)


def _other_version(question: str, chunk: Chunk) -> bool:
    """The question names a policy version or year that is not this chunk's."""
    versions = {v for v in _VERSION_RE.findall(question)}
    years = {y for y in _YEAR_POLICY_RE.findall(question)}
    if not versions and not years:
        return False
    if chunk.version and chunk.version in versions:
        return False
    if chunk.effective_date and str(chunk.effective_date.year) in years:
        return False
    return True


def declared_for(chunk: Chunk, market: str | None) -> Declared | None:
    """The clause's own decision, else a confirmed rule for the market (the extractive answerer's order).

    Among confirmed rules, one written for this market beats a general one; ties go to the
    strictest, because a validation step should never loosen a verdict by picking a rule.
    """
    label = f"{chunk.clause_id or chunk.section or chunk.id} ({chunk.source})"
    if chunk.decision:
        return Declared(chunk.decision, label, [], [])
    rules = [r for r in chunk.rules if r.status == "confirmed" and r.applies_to(market)]
    if market:
        named = [r for r in rules if market.upper() in (m.upper() for m in r.markets)]
        rules = named or rules
    if not rules:
        return None
    top = max(rules, key=lambda r: _SEVERITY[r.decision])
    picked = [r for r in rules if r.decision == top.decision]
    return Declared(top.decision, label, [r.id for r in picked], [c for r in picked for c in r.conditions])


def clause_applies(chunk: Chunk, market: str | None, question: str) -> bool:
    """A declared decision binds only for its own market and version.

    A market-specific clause (ALC-4, Thailand) does not decide a question that names no
    market or another one; a global clause decides every market it does not exclude.
    """
    if _other_version(question, chunk):
        return False
    specific = [m for m in chunk.markets if m.lower() != "global"]
    if specific and market is None:
        return False
    return chunk.matches_market(market)


def best_quote(chunk: Chunk, hint: str) -> str:
    """The chunk sentence that best matches `hint` (the model's sentence citing it, plus the question).

    Always a verbatim slice of `chunk.text`; sentences that give orders to an AI and bare
    headings are never quoted.
    """
    spans = [s for s in split_sentences(chunk.text) if not is_injection(s.text) and not s.text.lstrip().startswith("#")]
    if not spans:
        return chunk.text.strip()[:300]
    want = _words(hint)
    return max(spans, key=lambda s: (len(want & _words(s.text)), -s.start)).text


def _looser_than_wording(verdict: str, cited: list[tuple[int, ScoredChunk]], model_text: str, question: str) -> str | None:
    """With no declared decision to check against, read the quoted sentences' wording.

    A model may be stricter than the wording (that is safe), never looser: "approve" resting
    on a sentence that reads as a prohibition is a conflict for a human, so it escalates.
    """
    if verdict not in _SEVERITY:
        return None
    strictest: tuple[int, str, str] | None = None
    for n, sc in cited:
        quote = best_quote(sc.chunk, _sentences_citing(model_text, n) + " " + question)
        reading = read_sentence(quote)
        if reading.decision and (strictest is None or _SEVERITY[reading.decision] > strictest[0]):
            strictest = (_SEVERITY[reading.decision], reading.decision, sc.chunk.source)
    if strictest and strictest[0] > _SEVERITY[verdict]:
        return (
            f"model verdict {verdict} is looser than the wording of the passage it quotes from {strictest[2]} "
            f"(reads as {strictest[1]}); escalated"
        )
    return None


def _sentences_citing(text: str, n: int) -> str:
    parts = re.split(r"(?<=[.!?])\s+", text)
    return " ".join(p for p in parts if f"[{n}]" in p)


def _escalation_text(reason: str) -> str:
    return f"Escalate to a policy specialist: {reason}."


def validate_reply(
    question: str,
    reply: ModelReply,
    chunks: list[ScoredChunk],
    filters: Filters | None,
    *,
    backend: str,
    model: str | None,
) -> Answer:
    """The checked Answer for a model reply; see the module docstring for every rule."""
    warnings = [f"model reply: {note}" for note in reply.notes]
    n_max = len(chunks)
    text = reply.answer.strip()

    # 1. Citations must name retrieved passages.
    wanted = markers(text) + list(reply.cited)
    invalid = sorted({n for n in wanted if not 1 <= n <= n_max})
    for n in invalid:
        warnings.append(f"removed citation [{n}]: not a retrieved passage (passages were 1-{n_max})")
    text = re.sub(r"\s?\[(\d{1,4})\]", lambda m: m.group(0) if 1 <= int(m.group(1)) <= n_max else "", text).strip()
    order: list[int] = []
    for n in markers(text) + list(reply.cited):
        if 1 <= n <= n_max and n not in order:
            order.append(n)

    # 2. The verdict must be in the vocabulary.
    verdict = reply.verdict
    verdict_ok = verdict in DECISIONS
    if not verdict_ok:
        shown = verdict or "(none)"
        warnings.append(f"model verdict {shown!r} is not one of {', '.join(DECISIONS)}; it was discarded")

    market = question_market(question, filters)
    cited = [chunks[n - 1] for n in order]
    trusted = [sc for sc in cited if not is_injection(sc.chunk.text)]
    for sc, n in zip(cited, order):
        if sc not in trusted:
            warnings.append(f"passage [{n}] ({sc.chunk.source}) contains instructions addressed to an AI; it cannot support a verdict")

    # 3. Declared decisions of the cited clauses that bind this question, best-ranked first.
    declared: list[tuple[ScoredChunk, Declared]] = []
    tainted = {sc.chunk.id for sc in cited if sc not in trusted}
    for idx in sorted(n - 1 for n in order):
        sc = chunks[idx]
        if sc.chunk.id in tainted:
            continue  # a clause that gives orders declares nothing we can trust
        d = declared_for(sc.chunk, market)
        if d is None:
            continue
        if clause_applies(sc.chunk, market, question):
            declared.append((sc, d))
        elif verdict_ok and d.decision != verdict:
            warnings.append(
                f"clause {d.label} declares {d.decision} but applies to another market or version; the model verdict stands"
            )

    conditions: list[str] = []
    overridden_by: str | None = None  # chunk id whose declared decision replaced the model's verdict
    if not order:
        final, source = "escalate", "none"
        if verdict == "escalate":
            text = _escalation_text("the retrieved policy passages do not settle this question")
        else:
            warnings.append("the model cited no retrieved passage; escalated")
            text = _escalation_text("the generated answer cited none of the retrieved policy passages")
    elif declared and verdict not in {d.decision for _, d in declared}:
        _, d = declared[0]
        if verdict_ok:
            warnings.append(
                f"model verdict {verdict} disagrees with clause {d.label}, which declares {d.decision}; the declared decision wins"
            )
        final, source = d.decision, "declared"
        conditions = list(d.conditions)
        overridden_by = declared[0][0].chunk.id
    elif not verdict_ok:
        final, source = "escalate", "none"
    elif declared:
        final, source = verdict, "declared"
        for _, d in declared:
            if d.decision == verdict:
                conditions.extend(c for c in d.conditions if c not in conditions)
    elif not trusted and verdict != "escalate":
        final, source = "escalate", "none"
        warnings.append("every cited passage gives orders to an AI; escalated")
        text = _escalation_text("the only passages supporting this answer contain instructions, not policy")
    else:
        final, source = verdict, "inferred"
        pairs = [
            (n, chunks[n - 1])
            for n in order
            if chunks[n - 1].chunk.id not in tainted and clause_applies(chunks[n - 1].chunk, market, question)
        ]
        looser = _looser_than_wording(verdict, pairs, reply.answer, question)
        if looser:
            final, source = "escalate", "none"
            warnings.append(looser)

    # 4. Passages that give orders are never listed as guidance (they are named in warnings).
    tainted_numbers = {n for n in order if chunks[n - 1].chunk.id in tainted}
    if tainted_numbers:
        order = [n for n in order if n not in tainted_numbers]
        text = re.sub(r"\s?\[(\d{1,4})\]", lambda m: "" if int(m.group(1)) in tainted_numbers else m.group(0), text).strip()
    if final == "escalate" and source == "inferred":
        source = "none"

    # 5. Renumber in order of first use and rebuild citations from the chunks.
    renumber = {old: new for new, old in enumerate(order, 1)}
    if order and not text.startswith("Escalate to a policy specialist"):
        text = re.sub(r"\[(\d{1,4})\]", lambda m: f"[{renumber[int(m.group(1))]}]", text)
    citations: list[Citation] = []
    for old in order:
        sc = chunks[old - 1]
        ch = sc.chunk
        quote = best_quote(ch, _sentences_citing(reply.answer, old) + " " + question)
        d = declared_for(ch, market)
        citations.append(
            Citation(
                n=renumber[old],
                source=ch.source,
                title=ch.title,
                section=ch.section,
                clause_id=ch.clause_id,
                page=ch.page,
                version=ch.version,
                text=ch.text,
                quote=quote,
                score=sc.score,
                rule_ids=d.rule_ids if d else [],
                chunk_id=ch.id,
            )
        )
    if overridden_by is not None:
        # The model's prose argued for the verdict that lost; show the clause that decided instead.
        c = next(c for c in citations if c.chunk_id == overridden_by)
        text = f"{c.clause_id or c.section or c.source} declares {final}: \"{c.quote}\" [{c.n}]"
    elif order and not text:
        text = f"{citations[0].quote} [1]"
        warnings.append("the model gave no answer text; the first cited passage is quoted instead")

    return Answer(
        question=question,
        verdict=final,
        verdict_source=source,
        answer=text,
        citations=citations,
        filters=(filters or Filters()).to_dict(),
        backend=backend,
        model=model,
        warnings=warnings,
        conditions=conditions,
        retrieved=chunks,
    )
