"""A sentence that states what follows when the document's own rules are not met states no rule.

Why: a checklist or rulebook often closes (or opens) with the consequence of its other rules:
"If any box in a 'must' list cannot be ticked, the ad is not approved", "Where any of the
requirements above is not met, the ad is rejected". Its antecedent is about the document's
own parts (its boxes, items, rules, requirements, checks), not about anything an ad says or
sells; the rules it refers to are read, and executed, where they are written. Read as a rule
of its own it was a prohibition with no condition, whose subject words ("box", "list") a case
could name, and it rejected every case that did ("list consumer drones for buyers in India").

What counts, by grammar alone: a conditional clause ("if", "where", "when", "unless" and the
like) whose subject is a quantified part of a document ("any box", "one of the requirements",
"any item in the list above") and whose verb says that part is not met: passive "cannot be
ticked", "is not met / satisfied / followed / complied with", "is failed / broken", or the part
as the one that fails ("any check fails"). A conditional about things ("If any item in the
bundle contains alcohol, …") has a verb of its own and stays a rule.
"""

from __future__ import annotations

import re

# A part of a document that states rules: what a reviewer ticks, checks or follows.
_PART = r"(?:(?:check-?|tick-?)?box(?:es)?|items?|rules?|requirements?|conditions?|checks?|criteria|criterion|points?|sections?|clauses?|questions?)"
# A quantifier before it, a short qualifier between ("any box in a 'must' list", "one of the
# requirements above"), up to the clause's verb.
_QUANTIFIED = rf"\b(?:any|one|either|some|all|each|every)\b(?:\s+of\s+(?:the|these|those|its|this)(?:\s+\w+)?)?\s+{_PART}\b[^,;.:]{{0,60}}?"
# The verb saying the part is not met.
_UNMET = (
    r"\b(?:cannot|can't|can ?not|could not|is not|isn't|are not|aren't|was not|were not)\s+(?:be\s+|been\s+)?"
    r"(?:ticked|checked|met|satisfied|fulfilled|followed|complied with|answered yes)\b"
    r"|\b(?:is|are|was|were|has been|have been)\s+(?:failed|broken|breached|unmet|unticked|left unticked)\b"
    r"|\b(?:fails?|failed)\b(?!\s+(?:to\b|\w+ing\b))"
)
_CONSEQUENCE = re.compile(rf"\b(?:if|where|when|whenever|unless|should|in case)\s+{_QUANTIFIED}(?:{_UNMET})", re.IGNORECASE)


def states_consequence(sentence: str) -> bool:
    """Does the sentence state what follows when some of the document's own rules are not
    met ("If any box in a 'must' list cannot be ticked, the ad is not approved")?"""
    return bool(_CONSEQUENCE.search(" ".join(sentence.split())))


__all__ = ["states_consequence"]
