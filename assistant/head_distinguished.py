"""A rule bound only through a modifier its policy also gives another thing (session 24).

Why: a rule is written for a thing named by a noun phrase, a head and the words that narrow
it ("Ads for online sleep consultations": consultations; "Every smart pillow ad": pillows).
A case that names only a modifier of it ("sleep") shares a word with the rule, not its thing.
Whether that is enough cannot be told from the one rule: the advertiser names things in its own
words, so a gate on the head alone sets aside cases the rule is meant for (measured and dropped
before, assistant/scope_reason.py `_modifier_only`: "caffeine pills" under "caffeine
supplements"). It can be told when the policy itself uses the modifier for two things: a rule
of the same policy writes it with another head, and the case names that head ("smart sleep
pillow" beside a rule on "sleep consultations" and one on "smart pillows"). Then the policy
distinguishes the two, the shared modifier picks out neither, and the case is about the thing
whose head it names: the rule whose head it does not name is set aside, as out of its scope.

Right by construction: both rules' subjects are read by the same noun-phrase reader
(core/clause_logic.py `rule_heads`); a head counts as named by word, stem or derivation
(assistant/naming.py `names`) or as a kind of it (WordNet, assistant/kind_scope.py
`kind_term`). A rule whose head the case names, whose subject cannot be read, or for which no
other rule of its policy names the case's thing is left as it was. Narrowed, each measured:
the other rule must not cover this rule's head too (a rule on "clinics and tests" does not set
aside one on "tests"), the case must name every word of the other rule's subject (the other
thing whole, not a word of it), the shared word must narrow the other rule's thing too (a rule
on "A network …" does not set aside one on "virtual network operators": "network" is its
thing), a clause label is no head ("A.1 …"), and a claim rule ("claim or imply that …") is left to the claim
reading. Its policy's rules are the retrieved clauses' (assistant/verdict_steps.py).

Measured (session 24, stores of the s24-merge base, before -> after): dev10 0.653 -> 0.694
(with core/disclosure.py's "say so" and assistant/naming.py's derived wording, same run:
hearing-screening and hearing-aid rules bound each other's cases by "hearing"), sample 0.893
unchanged, validation 0.690 -> 0.696, unsafe approvals unchanged (dev10 0, validation 0.011).
Without the whole-name narrowing validation's unsafe approvals rose 0.011 -> 0.021.
"""

from __future__ import annotations

from policydesk.assistant.kind_scope import advertised, kind_term
from policydesk.assistant.naming import names
from policydesk.assistant.rule_run import RuleRun
from policydesk.assistant.trace_text import short_text
from policydesk.core.clause_logic import rule_heads, rule_subject
from policydesk.core.terms import GENERIC, stem
from policydesk.core.types import Rule


def _heads(rule: Rule, question: str, question_terms: set[str]) -> tuple[tuple[str, ...], bool]:
    """The rule's subject heads and whether the case names one of them."""
    # a clause label read as a head ("A.1 United Kingdom (GB): Clinics …" -> "a.1") names no thing
    heads = tuple(h for h in rule_heads(rule.quote) if stem(h.lower()) not in GENERIC and not any(ch.isdigit() or ch == "." for ch in h))
    named = any(names(stem(h.lower()), question_terms) for h in heads) or (
        bool(heads) and kind_term(advertised(question), list(heads)) is not None)
    return heads, named


def _about_claims(rule: Rule) -> bool:
    """Is the rule's subject a claim or a saying ("claim or imply that …"), not a thing?"""
    subject = rule_subject(rule.quote)
    return subject is not None and bool(subject.claim)


def _modifiers_named(rule: Rule, heads: tuple[str, ...], question_terms: set[str]) -> set[str]:
    """The stems of the rule's subject words other than its heads that the case names."""
    head_stems = {stem(h.lower()) for h in heads}
    return {t for w in rule.scope for t in [stem(w.lower())] if t not in head_stems and t not in GENERIC and names(t, question_terms)}


def set_aside_by_head(runs: list[RuleRun], policy_rules: list[tuple[Rule, str]], question: str | None,
                      question_terms: set[str] | None) -> list[RuleRun]:
    """Set aside each applicable run whose subject head the case does not name when another
    rule of the same policy (among `policy_rules`, each with its policy's source, and the runs'
    own rules) shares the modifiers the case names with it and has a head the case names (see
    the module's docstring). Returns the runs, changed in place."""
    if not question or question_terms is None:
        return runs
    siblings: dict[str, dict[str, Rule]] = {}
    for rule, source in [*policy_rules, *((r.rule, r.chunk.source) for r in runs)]:
        siblings.setdefault(source, {}).setdefault(rule.quote, rule)
    read: dict[str, tuple[tuple[str, ...], bool]] = {}

    def heads_of(rule: Rule) -> tuple[tuple[str, ...], bool]:
        if rule.quote not in read:
            read[rule.quote] = _heads(rule, question, question_terms)
        return read[rule.quote]

    for run in runs:
        if not run.applicable or run.out_of_scope:
            continue
        heads, named = heads_of(run.rule)
        if not heads or named or _about_claims(run.rule):
            continue  # a claim rule is about what the ad says (scope_reason.py `_claim_reason`)
        shared = _modifiers_named(run.rule, heads, question_terms)
        if not shared:
            continue
        own = {stem(h.lower()) for h in heads}
        for quote, other in siblings.get(run.chunk.source, {}).items():
            if quote == run.rule.quote or not shared & {stem(w.lower()) for w in other.scope}:
                continue
            o_heads, o_named = heads_of(other)
            if not shared & ({stem(w.lower()) for w in other.scope} - {stem(h.lower()) for h in o_heads}):
                continue  # the word is the other thing itself ("A network may …"), not a modifier the policy gives two things
            if not o_named or {stem(h.lower()) for h in o_heads} & own:
                continue  # the other rule covers this rule's thing too: it distinguishes nothing
            if not all(names(stem(w.lower()), question_terms) for w in other.scope if stem(w.lower()) not in GENERIC):
                continue  # the case must name the other thing whole, every word of its subject
            run.applicable, run.out_of_scope, run.outcome = False, True, None
            run.reason = (f"the case names only what narrows its subject ({', '.join(sorted(shared))}), not its "
                          f"{' or '.join(heads)}; its policy writes that word for another thing too, the "
                          f"{' or '.join(o_heads)} the case names (\"{short_text(other.quote)}\")")
            break
    return runs
