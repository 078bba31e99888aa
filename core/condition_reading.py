"""Reading conditions out of a sentence, in the vocabulary of `core/conditions.py`.

Shared by ingest (conditions stored with each chunk), `policydesk annotate` and the answerer,
so a writer confirming a rule sees exactly what the answerer executes.
"""

from __future__ import annotations

import re

from policydesk.core.conditions import LEGACY_NAMES

NAMED_CONDITIONS: tuple[str, ...] = LEGACY_NAMES + ("targeting",)


# Cue patterns, matched on the lower-cased sentence. Ordered by how the vocabulary reads.
_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("licence", re.compile(r"\blicen[cs](e|es|ed|ing)\b|\bregistered (with|by|as)\b|\bregistration with\b|\bauthori[sz](ed|ation)\b|\bregulated by\b|\blisted in the\b.*\bregister\b")),
    ("certification", re.compile(r"\bcertif(ied|ication|icate)\b|\baccredit(ed|ation)\b")),
    ("verification", re.compile(r"\bverif(y|ies|ied|ication)\b|\bage[- ]check")),
    ("permission", re.compile(r"\bpermission\b|\bpre-?approv|\breview by\b|\bapproval from us\b|\bapproved by us\b")),
    ("disclosure", re.compile(r"\bdisclos(e|ure|ures|ing)\b|\bwarning\b|\bdisclaimer\b|\bmust (include|carry|display|state|show|name|label)\b|\b(?:includes?|display|displays|shows?|states?|carry|carries)\b[^.]{0,60}\b(?:information|warning|notice|label|statement|number|message)\b|\blabell?ed as\b|\b(?:listing|ad|ads|creative|page|post) (?:says|states|explains|shows|displays|mentions)\b|\bstatement\b")),
    ("targeting", re.compile(r"\btarget(ed|ing)? (at|to)\b|\bnot (be )?targeted\b|\baudience\b")),
)
_AGE_PATTERNS = (
    re.compile(r"\baged (\d{1,2})\s*(?:and|or) (?:over|older|above)"),
    re.compile(r"\b(\d{1,2})\s*(?:and|or) (?:over|older|above)\b"),
    re.compile(r"\b(?:over the age of|at least) (\d{1,2})\b"),
    re.compile(r"\bminimum age (?:for [\w\s]+ )?(?:is|of) (\d{1,2})\b"),
    re.compile(r"\b(\d{1,2})\+"),
)
# Restrict wording that introduces a requirement clause, for `other:<text>`.
_CLAUSE = re.compile(r"\b(?:provided(?: that)?|as long as|only if|only when|on condition that|unless|subject to)\b\s*(.+)$")


def _ages(low: str) -> list[str]:
    found: list[str] = []
    for pat in _AGE_PATTERNS:
        for m in pat.finditer(low):
            n = int(m.group(1))
            if 12 <= n <= 30 and f"min_age:{n}" not in found:
                found.append(f"min_age:{n}")
    return found


def extract_conditions(text: str, restrictive: bool = True) -> list[str]:
    """Vocabulary conditions named in `text`; `other:<clause>` when a restriction names none.

    Age floors are read from "aged 18 and over", "at least 21", "18+"; an "under 18" only
    counts in a restrictive sentence ("not targeted at users under 18"), because in a
    prohibition it describes who is protected, not a condition to meet.
    """
    text = " ".join(text.split())
    low = text.lower()
    found = _ages(low)
    if restrictive:
        for m in re.finditer(r"\bunder (?:the age of )?(\d{1,2})\b", low):
            n = int(m.group(1))
            if 12 <= n <= 30 and f"min_age:{n}" not in found:
                found.append(f"min_age:{n}")
    for name, pat in _CUES:
        if pat.search(low) and name not in found:
            found.append(name)
    if "without " in low:  # "permitted without certification" names what is NOT needed
        for name in list(found):
            if re.search(rf"\bwithout (?:\w+ ){{0,3}}{name[:6]}", low) or (
                name == "verification" and re.search(r"\bwithout [\w\s]*verification", low)
            ):
                found.remove(name)
    if restrictive and not found:
        m = _CLAUSE.search(text.lower())
        if m:
            clause = text[m.start(1) : m.start(1) + 80].strip().rstrip(".;:,")
            clause = clause.split(";")[0].strip()
            if clause and not clause.startswith("the following"):
                found.append(f"other:{clause}")
    return found


__all__ = ["NAMED_CONDITIONS", "extract_conditions"]
