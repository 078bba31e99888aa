"""A rule written for things that lack something does not govern a thing the case says has it.

"Toy drones under 100 g with no camera may be targeted at users aged 13 or over", "Drones
without a camera may run there", "a drone under 250 g with no camera may be described as
needing no registration": the subject is narrowed by what its things lack. A case whose drone
"comes with a little HD camera" (or is a "4K camera drone") is not one of them, so the
permission is not the case's, and the rules for the rest (16+, the market ban on camera
drones, the ban on "no registration" claims) decide it. Read as an allowance for every drone it
let a camera drone be targeted at 13-year-olds.

By construction: the privative phrase in the rule's subject (core/privative.py), and the case
naming X's word outside any denial of it (assistant/question.py `named_terms`: "no camera",
"without a camera" deny it). A case silent about X stays governed: it may well be such a thing.
The mirror of assistant/denied_qualifier.py (a prohibited thing narrowed by what it contains,
and a case that says it has none of it).
"""

from __future__ import annotations

from policydesk.assistant.question import named_terms
from policydesk.core.privative import lacked_in_subject


def has_what_it_lacks(quote: str, question: str) -> str | None:
    """Why a rule whose subject lacks something does not govern a case that has it, or None."""
    lacked = lacked_in_subject(quote)
    if not lacked:
        return None
    named = named_terms(question)
    has = [w for w in lacked if w in named]
    if not has:
        return None
    return f"it is written for things without {', '.join(has)}, and the case's has one"


__all__ = ["has_what_it_lacks"]
