"""Does an age floor on the ad's own audience bind a case whatever the rule's subject reads as?

Why (issue 13): "Entry must be limited to people aged 18 or older, and the ad must not target
anyone younger" reads its subject from the first clause ("entry"), so the scope gate set the
rule aside for "Prize draw …, open to 16 and 17 year olds": the case never says "entry". But
the sentence's second clause has the ad itself as its subject and its floor as what it
forbids: every ad the policy covers may not target anyone under 18. Its floor is executable on
what the case states about the audience's ages, as a limit on a measure binds the case that
states that measure (assistant/rule_binds.py `measure_binds`).

So a rule binds the case here when (1) one of its conditions is an audience age floor
(`min_age`) that holds in the case's market, (2) the case states the ages its ad reaches, and
(3) a clause after the first of the rule's sentence has the ad (not a kind of ad: "ads for
spray paint") as the subject of a verb of targeting or showing ("…, and the ad must not target
anyone younger"), and (4) the rule's subject was read from the sentence's own first clause
(every scope word is in it). A sentence that opens with the ad ("- Ads must target people aged
18 or older." under "Caffeine supplements") takes its subject from its list lead or clause:
those ads are the lead's, and the scope gate decides it as before (a nicotine pouch ad is no
caffeine supplement ad, whatever its audience). So does a targeting clause about a kind of ad.

Measured (2026-11-30, fresh stores, before -> after): dev 0.819 -> 0.833 (the prize draw for
16-17 year olds, now reject), dev2, dev3, sample 0.870 and validation 0.690 unchanged, unsafe
approvals unchanged. Without condition (4) a caffeine-supplement list item bound a nicotine
pouch ad (dev un-01, escalate -> approve).

Limit: "the ad" of the later clause is read as any ad the policy covers. A sentence whose first
clause names a kind of product ("Caffeine pills must be sold to adults, and the ad must not
target anyone younger") would bind other products' ads of the same policy too; no policy of the
dev packs or the sample corpus has one (the only such sentence is the promotions one above).
"""

from __future__ import annotations

import re

from policydesk.core.casefacts import CaseFacts
from policydesk.core.conditions import ConditionSyntaxError, parse_condition
from policydesk.core.terms import terms
from policydesk.core.types import Rule

# The ad itself as the subject of a verb that says whom it reaches: a determiner (or none) and
# the ad noun directly before the modal, so "ads for X must not target …" (a kind of ad, its
# subject "X") is not one.
_AD_TARGETS = re.compile(
    r"(?:[,;:]\s*|\b(?:and|but)\s+)(?:(?:the|this|each|every|any|your|its|their)\s+)?"
    r"(?:ad|ads|advert|adverts|advertisement|advertisements)\s+"
    r"(?:must|may|should|shall|can|cannot|can't|mustn't|will)\s+(?:(?:not|never|only|also)\s+)*"
    r"(?:be\s+)?(?:target(?:ed)?|shown|show|served|serve|directed|aimed|reach)\b",
    re.I,
)


def _first_clause(quote: str) -> str | None:
    """The words of `quote` before a later clause whose subject is the ad itself and whose verb
    targets or shows, or None when it has no such clause."""
    flat = " ".join(quote.split())
    m = _AD_TARGETS.search(flat)
    return flat[: m.start()] if m is not None and m.start() > 0 else None


def targets_audience(quote: str) -> bool:
    """Does a clause after the first of `quote` have the ad itself as the subject of targeting
    or showing?"""
    return _first_clause(quote) is not None


def _conditions(rule: Rule) -> list:
    out = []
    for text in rule.conditions:
        try:
            out.append(parse_condition(text))
        except ConditionSyntaxError:
            continue  # a mistyped condition (lint reports it)
    return out


def audience_binds(rule: Rule, facts: CaseFacts) -> str | None:
    """Why the rule's audience floor is about the case whatever its subject reads as, or None."""
    if facts.ages is None or (first := _first_clause(rule.quote)) is None:
        return None
    own = terms(first)
    if not rule.scope or not all(terms(w) and terms(w) <= own for w in rule.scope):
        return None  # the rule's subject came from its lead or clause, not from this sentence
    if not any(c.kind == "min_age" and c.applies_in(facts.market) for c in _conditions(rule)):
        return None
    return f"its age floor is on the ad's own audience, which the case states ({facts.ages})"


__all__ = ["audience_binds", "targets_audience"]
