"""Why a rule binds the case though its subject's words are not the case's (issue 13).

Why a step of its own: the scope test (assistant/scope_reason.py) reads a rule's subject as
words the case must name, and some rules bind by something else the case has: a number it
states of what the rule's limit measures (`measure_binds`, `states_measure`), a wording the
prohibition quotes that the case uses (`copy_binds`), the conditional clause a requirement
opens with (`antecedent_binds`). `topic_only_limit` is the other side: a limit whose only
subject is its policy's topic binds nothing the case neither names nor states a number for.
Each returns the reason in words for the trace, or None.
"""

from __future__ import annotations

import re

from policydesk.assistant.condition_check import parsed, rule_measure
from policydesk.assistant.kind_scope import advertised, is_kind, kind_term, noun_word
from policydesk.assistant.naming import names, stems, uses_wording
from policydesk.assistant.trace_text import rate_text
from policydesk.core.casefacts import CaseFacts
from policydesk.core.claim_bans import claim_denied
from policydesk.core.claim_match import makes_claim
from policydesk.core.clause_logic import quoted_copy
from policydesk.core.condition_reading import LEAD_CLAUSE
from policydesk.core.conditions import compare_limit, same_dimension
from policydesk.core.reading import without_market_scope
from policydesk.core.restated import negation_split
from policydesk.core.terms import GENERIC, same_meaning, same_stem, stem, terms
from policydesk.core.types import Chunk, Rule


def measure_binds(rule: Rule, chunk: Chunk, facts: CaseFacts) -> str | None:
    """Why a rule limiting a measured quantity is about the case whatever words its subject
    reads as, or None. A limit on what an ad may promise or state ("weight loss of more than 1
    kg per week") is about the case that states a number it executes on (the limit's unit, or
    its rate: "5 kg in 2 weeks") described by a word of what the limit measures, in the same
    or a related form (core/measures.py; core/terms.same_meaning: "lose" for "loss"): the
    limit's own measure binds the case, though its label ("Unrealistic weight loss:") or
    subject names words the case does not use. Only a prohibition's: its limit is what it
    forbids, while an allowance's limit ("soft drinks with 150 mg of caffeine per litre or
    less") bounds the things it is written for, which its subject names."""
    if rule.decision != "reject":
        return None
    return states_measure(rule, chunk, facts)


def states_measure(rule: Rule, chunk: Chunk, facts: CaseFacts) -> str | None:
    """How the case states a number a limit of `rule` executes on, described by a word of what
    that limit measures ("The pack sold at the normal price for the 60 days before this sale"
    for "only if the item was sold at the higher price for at least 28 days"), or None."""
    for cond in parsed(rule.conditions):
        if cond.kind not in ("max", "min") or not cond.applies_in(facts.market):
            continue
        measure = rule_measure(cond, rule, chunk)
        for q in facts.quantities:
            if not q.about or not (same_dimension(q.unit, cond.unit) or compare_limit(cond.kind, cond.value or 0, cond.unit, q.value, q.unit) is not None):
                continue
            shared = sorted(f"{h} ~ {t}" if h != t else t for t in measure for h in q.about if same_meaning(t, rule.quote, h, facts.question))
            if shared:
                return f'its limit measures what the case states ("{rate_text(q)}": {", ".join(shared)})'
    return None


def topic_only_limit(rule: Rule, chunk: Chunk, facts: CaseFacts, question_terms: set[str]) -> str | None:
    """Why a limit whose subject is only its policy's topic is not the case's, or None. A rule
    with no subject of its own but the policy's title words ("finance" under "Car sales and
    auto finance": "We don't accept 0% claims on terms longer than 60 months") and nothing to
    execute but numeric limits binds a case that names that topic (or a kind of it), or
    states a number the limits compare with; a case that does neither (a driving school's
    lessons under a car-finance policy) gives the limit nothing to run on and is not about
    what it governs. A rule with a subject of its own is `scope_reason`'s."""
    if not rule.scope or not rule.conditions or facts.question is None:
        return None
    title = terms(chunk.title)
    scope = {t for w in rule.scope for t in stems(w)}
    if not scope or not scope <= title or any(names(t, question_terms) for t in scope):
        return None
    conds = parsed(rule.conditions)
    if not conds or any(c.kind not in ("max", "min") for c in conds):
        return None
    if any(same_dimension(q.unit, c.unit) for c in conds for q in facts.quantities):
        return None
    if kind_term(advertised(facts.question), list(rule.scope)):
        return None
    return f"its subject ({', '.join(rule.scope)}) is its policy's topic, which the case does not name, and the case states nothing its limits compare"


def copy_binds(rule: Rule, facts: CaseFacts, question_terms: set[str]) -> str | None:
    """Why a prohibition that quotes ad copy is about the case whatever its subject reads as,
    or None: the case uses a wording it quotes (every content word of it, `uses_wording`).
    Quoted copy is no subject word of a rule (core/clause_logic.py `_QUOTED_COPY`): a case
    sharing one word of it ("prize" of "Claim your prize") is not about it; a case using it is
    what the prohibition forbids. Only a prohibition's: an allowance of a wording ("products
    with at least 75 mg … may say "…"") is written for what its subject names."""
    if rule.decision != "reject" or not facts.question:
        return None
    # The question's own words: copy it quotes is what the ad says (its named terms leave out
    # some words of a quotation, "check" of "No credit check").
    used = question_terms | terms(facts.question)
    for wording in quoted_copy(rule.quote):
        if terms(wording) and uses_wording(wording, used, facts.question):
            return f'the case uses its wording ("{wording}")'
    return None


def claim_binds(rule: Rule, facts: CaseFacts) -> str | None:
    """Why a ban on saying something is about the case whatever its subject reads as, or None:
    the ad's stated copy makes a claim it bans (core/claim_match.py: "No registration needed in
    the US" for '"no registration required" … or similar'). What a claim ban governs is what the
    ad says; a case whose quoted words say it is the case it forbids."""
    if rule.decision != "reject" or not facts.claims:
        return None
    for c in rule.conditions:
        if c.startswith("no_claim:"):
            banned = c[len("no_claim:"):]
            made = next((claim for claim in facts.claims if makes_claim(banned, claim)), None)
            if made is not None and not claim_denied(banned, facts.question):  # "no promises about …": denied
                return f'the ad makes a claim it bans ("{made}")'
    return None


def antecedent_binds(rule: Rule, chunk: Chunk, facts: CaseFacts) -> str | None:
    """Why a requirement that opens with the condition it binds under ("If a prize includes
    alcohol, every entrant must be at least … 21 in the United States") is about the case
    whatever its main clause's subject reads as ("every entrant", a party of every case), or
    None. The conditional clause says which cases the requirement binds: the case has it when
    it names, outside a negation, every noun of it (words of the policy's title aside, which
    retrieval has matched), as written, in a word of the same meaning, or by a noun that is a
    specific kind of it in WordNet ("a case of single malt whisky" for "alcohol",
    assistant/kind_scope.py). A verb of the clause ("includes") is how its nouns relate, not
    something the case names."""
    m = LEAD_CLAUSE.match(re.sub(r"^\W*(?:\d+(?:\.\d+)*[.)]?\s+)?", "", " ".join(rule.quote.split())))
    if m is None or re.search(r"\d", m.group(1)):
        return None  # no conditional clause, or a numeric trigger (`trigger_limit_reason` executes it)
    clause = m.group(1)
    title = terms(chunk.title)
    # "If the ad targets Australia (AU), then …": a market the clause scopes to is executed by
    # the rule's markets (`rule_markets.market_reason`), not a noun the case must name.
    rest = without_market_scope(clause)
    nouns = [w for w in dict.fromkeys(re.findall(r"[A-Za-z][\w-]+", rest))
             if (t := stem(w)) and t not in GENERIC and t not in title and t in terms(w) and noun_word(w)]
    if not nouns:
        if rest != clause and facts.market and facts.market.upper() in {x.upper() for x in rule.markets}:
            return f"the case is in the market it binds under ({clause})"
        return None
    kept = " ".join(negation_split(facts.question)[0])
    affirmed = terms(kept)
    words = [w.lower() for w in re.findall(r"[A-Za-z][\w-]+", kept)]
    found = []
    for w in nouns:
        t = stem(w)
        if any(same_stem(t, q) or same_meaning(t, clause, q, kept) for q in affirmed):
            found.append(w)
            continue
        kind = next((x for x in words if len(x) > 2 and is_kind(x, w.lower())), None)
        if kind is None:
            return None
        found.append(f"{kind} ~ {w}")
    return f"the case has what it binds under ({clause}: {', '.join(found)})"
