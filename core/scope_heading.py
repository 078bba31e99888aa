"""A section that says what the policy covers ("2. Scope", "What this policy covers", "In
scope") states scope, not rules (issue 13: purpose, scope and definition sentences never decide).

Why: "2.1 This policy covers ads for: (a) OTC hearing aids; (b) …" or a Markdown "In scope" list
read as a requirement with nothing to execute, so it restricted every case that shares a word
with it, out-of-scope neighbours included (blind dev10, found at its end-of-session run). The
document's introduction was already read this way (core/clause_logic.py); a section headed as
scope is the same statement under its own heading. Read by the heading's words alone, after its
number: no list of subjects.
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
