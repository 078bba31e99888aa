"""What the things a rule governs lack, read from its subject: "toy drones … with no camera".

A subject narrowed by what its things lack ("with no camera", "without a camera") names a kind
of thing by an absence: the lacked word is no word the case must name for the rule to be about
it (a case saying "no camera" names the same things), and a case whose thing has it is not one
the rule governs (assistant/privative_scope.py executes that). Read here once, for the clause
reader (core/clause_logic.py drops the lacked words from a rule's scope) and the executor.

By construction: the privative phrase ("with no X", "without (a|an|any) X"; not "without" +
a gerund, which is not doing something, "without naming the body") must stand in the rule's
subject, before its main modal or verb of being ("… may be targeted", "… are not advertised").
"""

from __future__ import annotations

import re

from policydesk.core.terms import GENERIC, terms

# The subject ends at the sentence's main modal or verb of being.
_MAIN = re.compile(r"\b(?:may|must|can|cannot|can't|should|shall|will|won't|is|are)\b", re.IGNORECASE)
# "with no camera", "without a camera", "with no built-in camera": what the things lack, up to
# the next conjunction, comma or verb.
_LACKING = re.compile(r"\b(?:with\s+no|without(?:\s+(?:a|an|any))?)\s+(?![\w-]+ing\b)((?:[\w-]+\s+){0,2}?[\w-]+)(?=\s*(?:[,;:.()]|\b(?:and|or|may|must|can|is|are|that|which)\b|$))", re.IGNORECASE)


def lacked_in_subject(quote: str) -> list[str]:
    """The terms of what the subject of `quote` lacks ("with no camera" -> camera), else none."""
    flat = " ".join(quote.split())
    main = _MAIN.search(flat)
    subject = flat[: main.start()] if main else ""
    return [w for m in _LACKING.finditer(subject) for w in terms(m.group(1)) - GENERIC]


__all__ = ["lacked_in_subject"]
