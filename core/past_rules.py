"""A sentence that states what used to apply states no rule.

Why: a dated policy update says what changed: "Until now, claims management companies in the
United Kingdom had to show their FCA firm reference number on the landing page only." The
sentence is history; the current rule is stated beside it ("From 14 April the number must
also appear in the ad"). Read as a rule, its cues ("only", "until") made it a requirement that
bound every case of the policy (a family-law firm was held to a claims firm's old duty).

What counts as past, by grammar alone:
- a duty or permission in the past tense as the sentence's main verb: "had to", "needed to",
  "were required to", "was allowed", "were not permitted", "were prohibited";
- a past verb ("could", "was", "were", "had", "did", "used to") after a marker that dates it
  before now: "until now", "until recently", "previously", "formerly", "in the past",
  "before this update", "under the old rules", "before 1 May 2024".

Not past: a sentence that also states a present or future rule ("were previously allowed
but are now prohibited", "had to …; from May they must …"), and a past verb inside a
relative or conditional clause of a present rule ("ads for drugs that were banned by the
FDA", which is a description of what the rule governs, whatever the list it sits under).
"""

from __future__ import annotations

import re

# The duty or permission itself in the past tense.
_PAST_DUTY = re.compile(
    r"\b(?:had to|needed to"
    r"|(?:was|were)(?: (?:previously|formerly|once|also|only|not|never))* (?:required|obliged|expected|permitted|allowed|able) to"
    r"|(?:was|were)(?: (?:previously|formerly|once|also|only|not|never))* (?:allowed|permitted|prohibited|banned|accepted|disallowed|restricted|limited)\b)",
    re.IGNORECASE,
)
# A marker that dates what follows before now, and a past verb it dates.
_PAST_MARKER = re.compile(
    r"\b(?:until (?:now|recently)|previously|formerly|in the past|(?:before|prior to) (?:this|the) (?:update|change)s?"
    r"|under the (?:old|previous|former) (?:rules?|policy|policies))\b"
    # a date before which something held, opening the sentence: "Before 1 May 2024, …",
    # "Until March 2023, …" (not "boats built before 1990", a date inside what it governs)
    r"|^\W*(?:before|prior to|until) (?:\d{1,2} )?(?:\d{4}|(?:january|february|march|april|may|june|july|august|september|october|november|december)\b)",
    re.IGNORECASE,
)
_PAST_VERB = re.compile(r"\b(?:could|was|were|had|did|used to)\b", re.IGNORECASE)
# A present or future rule in the same sentence keeps it a rule ("May" beside a day or a year
# is the month).
_PRESENT_RULE = re.compile(
    r"\b(?:must|(?<!\d )may(?! \d)|shall|will|can|cannot|should|need to|needs to|has to|have to|remains?)\b|\b(?:can't|won't|mustn't|shouldn't)"
    r"|\b(?:is|are)(?: (?:not|no longer|now|still|only|also))* (?:allowed|permitted|prohibited|banned|required|accepted|rejected|"
    r"disapproved|removed|eligible|restricted|limited|subject)\b",
    re.IGNORECASE,
)
# What makes the words before a past verb a relative or conditional clause of something else.
_SUBORDINATE = re.compile(r"\b(?:that|which|who|whom|whose|where|when|if|unless|because|since|after)\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,;:()\u2013\u2014]")


def _main_clause_verb(text: str, start: int) -> bool:
    """Is the verb at `start` the main verb of its clause (no relative or conditional opener
    between the clause's start and it)?"""
    before = text[:start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    clause = before[breaks[-1].end():] if breaks else before
    return not _SUBORDINATE.search(clause)


def states_past_rule(text: str) -> bool:
    """Does `text` state only what used to apply (no current rule)?"""
    if _PRESENT_RULE.search(text):
        return False
    if any(_main_clause_verb(text, m.start()) for m in _PAST_DUTY.finditer(text)):
        return True
    marker = _PAST_MARKER.search(text)
    return bool(marker) and any(_main_clause_verb(text, m.start()) for m in _PAST_VERB.finditer(text, marker.end()))


__all__ = ["states_past_rule"]
