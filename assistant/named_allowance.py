"""An outright allowance of the answering policy whose subject the case names is executed with
the clauses that answer (issue 13: approves answered `restrict`).

Why: a policy that lists what it allows without restriction ("Allowed without restriction:
- Ads that announce the winners of a promotion that has already closed") has said, for a case
that is exactly such an ad, that the case may run. Execution already ranks an outright
allowance for the case's own subject over a requirement written for the whole policy
(assistant/precedence.py `_subject_rank`), but only when the allowance is executed. The clause
set (assistant/verdict_steps.py `clause_set`) holds the clauses closest to the question; an
allowance list often scores below the policy's general requirements ("The ad must link to
official rules ...", written for every promotion), so the case was answered from those alone
and the allowance never spoke.

What joins: a relevant clause of the best clause's policy, outside the set, holding a prose
or declared `approve` rule with no condition that, run against the case by execution's own
reader (`run_rule`: market, subject, the stricter subject test for outright allowances,
excluded kinds), applies and names the case's subject. Nothing is decided here: the joined
clause's rules run with the others and precedence decides as before (a fact breaking a stated
condition, an exception, a rule written for the case's market still win). When unsure (the
allowance's subject not named, or set aside) nothing joins and the answer is as before.

Only an allowance more specific for the case than the clauses already answering joins: one of
the words of the case it names is one no clause of the set writes (text or heading). Where the
set already speaks of what the allowance names ("Companies that put on fireworks displays ...
may advertise their services if:" beside "Ads for public fireworks displays" for a display
company), the set was written for that subject, its conditions are the narrower ones, and the
allowance adds nothing the ranking missed.

Measured (issue 13, 2026-11-30, fresh stores, before -> after): dev 0.819 -> 0.847 (the
closed-promotion winners ad; and a UK fireworks retailer, through a referral clause whose
"professional display services … are still allowed" is read as naming "Nothing
professional-grade"), dev2 0.889, dev3 0.833, sample 0.870 unchanged (no per-case change),
validation 0.690 -> 0.696 (one approve case), unsafe approvals unchanged on all five packs.
Without the specificity test a display company's ad ("We put on fireworks displays") was
approved by "Ads for public fireworks displays" over the clause written for display companies.
"""
from __future__ import annotations

from collections.abc import Callable

from policydesk.assistant.clause_rules import rules_of
from policydesk.assistant.execute import run_rule
from policydesk.assistant.question import named_terms
from policydesk.core.casefacts import CaseFacts
from policydesk.core.terms import stem, terms

MAX_JOINED = 1


def names_allowance(chunk, facts: CaseFacts, question_terms: set[str], written: set[str] = frozenset()) -> bool:
    """Does one of the clause's outright allowances (an `approve` rule with no condition) apply
    to the case and name its subject, executed as any rule is, by a word not in `written`
    (the stemmed words of the clauses already answering)?"""
    for rule, origin in rules_of(chunk):
        if rule.decision != "approve" or rule.conditions or rule.excludes:
            continue
        run = run_rule(rule, origin, chunk, 0, facts, question_terms=question_terms)
        if run.applicable and run.outcome == "approve" and run.named and not run.out_of_scope \
                and {stem(w) for w in run.named} - written:
            return True
    return False


def named_allowances(best, usable: list, keep: list, facts: CaseFacts, relevant: Callable[[object], bool]) -> list:
    """The clauses to join to `keep`: at most MAX_JOINED, in ranking order."""
    if not facts.question or any(r.decision == "approve" and not r.conditions for c in keep for r, _ in rules_of(c.chunk)):
        return []
    question_terms = named_terms(facts.question)  # as the answer pipeline names them (assistant/question.py)
    written = set().union(*(terms(f"{c.chunk.section or ''} {c.chunk.text}") for c in keep))
    out = []
    for c in usable:
        if len(out) >= MAX_JOINED:
            break
        if c in keep or c.context_only or c.chunk.source != best.chunk.source or not relevant(c):
            continue
        if names_allowance(c.chunk, facts, question_terms, written):
            out.append(c)
    return out
