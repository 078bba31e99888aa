"""A section that says what the policy covers ("2. Scope", "What this policy covers", "In
scope") states scope, not rules, and one that says why it exists ("1. Purpose", "Overview")
grants nothing (issue 13: purpose, scope and definition sentences never decide).

Why: "2.1 This policy covers ads for: (a) OTC hearing aids; (b) …" or a Markdown "In scope" list
read as a requirement with nothing to execute, so it restricted every case that shares a word
with it, out-of-scope neighbours included (blind dev10, found at its end-of-session run). The
document's introduction was already read this way (core/clause_logic.py); a section headed as
scope is the same statement under its own heading. Read by the heading's words alone, after its
number: no list of subjects. A purpose section's permission with nothing to execute ("This standard sets the conditions
under which childcare providers … may advertise", "We allow ads for guided trips so that people
can find qualified guides") says what the policy governs: read as a verdict it approved every
case naming its subject (blind dev11, two unsafe approvals found at its end-of-session run,
session 24; `purpose_heading`, used by core/clause_logic.py for permissions only). Measured and
dropped: the same for permissions under scope headings, and purpose headings read as scope
headings for requirements too: validation 0.696 -> 0.679 both ways.
"""

from __future__ import annotations

import re

from policydesk.core.literal_guard import guarded

_DOC = r"(?:policy|standard|page|guide|guidance|document|section)"
_SCOPE_HEADING = guarded(
    r"^(?:(?:section|part|chapter)\s+)?(?:[\dA-Z]{1,3}[.)]?(?:\d+[.)]?)*\s+|[\dA-Z]{1,3}[.)]\s*)?"
    r"(?:scope(?:\s+(?:and|&)\s+(?:purpose|application|applicability))?|purpose\s+(?:and|&)\s+scope|(?:in|out\s+of)\s+scope"
    r"|applicability|what\s+(?:this|the)\s+" + _DOC + r"\s+(?:covers|applies\s+to)|who\s+(?:this|the)\s+" + _DOC + r"\s+applies\s+to"
    r"|what\s+(?:does\s+)?(?:this|the)\s+" + _DOC + r"\s+covers?)\s*[?:.]?\s*$",
    re.I,
)


def scope_heading(section: str | None) -> bool:
    """Does any heading on the section's path ("Policy > 2. SCOPE") only say what the policy covers?"""
    if not section:
        return False
    return any(_SCOPE_HEADING.search(" ".join(part.split()).strip("*# ")) for part in section.split(" > "))


_PURPOSE_HEADING = guarded(
    r"^(?:(?:section|part|chapter)\s+)?(?:[\dA-Z]{1,3}[.)]?(?:\d+[.)]?)*\s+|[\dA-Z]{1,3}[.)]\s*)?"
    r"(?:purpose|introduction|overview|background|about\s+(?:this|the)\s+" + _DOC + r"|why\s+(?:this|the|we\s+have\s+this)\s+" + _DOC + r")\s*[?:.]?\s*$",
    re.I,
)


def purpose_heading(section: str | None) -> bool:
    """Does any heading on the section's path only say why the policy exists ("1. Purpose",
    "Overview")? Such a section is read like a scope section for permissions only: its
    conditionless requirements stay (measured: dropping them too cost validation two cases)."""
    if not section:
        return False
    return any(_PURPOSE_HEADING.search(" ".join(part.split()).strip("*# ")) for part in section.split(" > "))
