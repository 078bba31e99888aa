"""A ban on "other wording" beside a permission that quotes the wording it allows: whether the
case keeps to the permitted wording (`permitted_wording_kept`).

Why a module: "No other wording, and no stronger version of these claims, is allowed" bans
wording OTHER than what the clause has just permitted ("… may use the wording "Caffeine
contributes to an increase in alertness""); its reach depends on that permission, its markets
and its conditions (assistant/rule_markets.py, assistant/condition_check.py), not on the words
of its own subject.
"""

from __future__ import annotations

import re

from policydesk.assistant.condition_check import check_condition, parsed
from policydesk.assistant.rule_markets import local_conditions, market_reason
from policydesk.core.casefacts import CaseFacts, read_claims
from policydesk.core.conduct import described_wording, permitted_wording
from policydesk.core.quotes import quoted
from policydesk.core.terms import terms
from policydesk.core.types import Chunk, Rule


# "No other wording, and no stronger version of these claims, is allowed": a ban on wording
# OTHER than the wording the policy has just permitted.
_NO_OTHER_WORDING = re.compile(
    r"^\W*(?:no|any)\s+other\s+(?:wording|words|phrasing|phrases|terms|claims?|statements?|expressions?)\b", re.I)


def permitted_wording_kept(rule: Rule, chunk: Chunk, facts: CaseFacts) -> str | None:
    """Why a ban on "other wording" does not bind the case, or None. The ban's "other" excludes
    the wording a permission before it in the same clause allows by quoting it (`permitted_wording`:
    "… may use the wording "Caffeine contributes to an increase in alertness""), for the cases
    that permission covers: a case whose quoted ad copy keeps to that wording (every content
    word of it within the wording), in a market the permission is written for and meeting
    each of its conditions, uses no other wording. A case that states no wording at all (no
    quoted copy, no claim) is not one for a ban on wording either, as a claim rule is not
    (`_claim_reason`). Copy with words of its own, or a case not shown to be one the permission
    covers (too little caffeine per serving, or an amount per can where the permission counts
    per serving), keeps the ban."""
    if rule.decision != "reject" or not _NO_OTHER_WORDING.match(rule.quote):
        return None
    question = facts.question or ""
    copies = quoted(question)
    if not copies and not read_claims(question):
        return "it bans wording of a claim, and the case states no wording or claim"
    ids = [r.id for r in chunk.logic]
    before = chunk.logic[: ids.index(rule.id)] if rule.id in ids else []
    for permit in before:
        if permit.decision == "reject":
            continue
        wording = [w for w in permitted_wording(permit.quote) + described_wording(permit.quote) if terms(w)]
        allowed = set().union(*(terms(w) for w in wording)) if wording else set()
        if not allowed or not copies or not all(terms(c) and terms(c) <= allowed for c in copies):
            continue
        if not market_reason(permit, facts)[0]:
            continue
        conds, _ = local_conditions(parsed(permit.conditions), facts.market)
        if any(check_condition(c, facts).result != "met" for c in conds):
            continue  # not shown to be a case the permission covers: the ban stands
        return f'it bans wording other than the policy permits ({" or ".join(repr(w) for w in wording)}), and the case\'s ad copy keeps to that wording'
    return None
