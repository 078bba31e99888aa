"""Verdicts from policy wording, for clauses that declare no decision (PDF, HTML, plain text).

The reading is normative and deliberately simple: prohibitions ("must not", "not allowed",
"prohibited") reject, conditions ("only if", "provided that", "requires", "must hold a
licence") restrict, permissions ("allowed", "may advertise", "can run") approve. Negations
flip permissions into prohibitions ("not permitted"), a clause that sends cases to the policy
team ("handled case by case") escalates, exemptions turn a prohibition phrase
into a permission ("are not treated as alcohol ads and can run"), and a prohibition with an
exception ("not allowed unless licensed") is a restriction. Only the document's wording is
read; the question's wording never decides a verdict.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from policydesk.assistant.untrusted import is_injection

_REJECT = [
    r"\bprohibit(?:ed|s)?\b",
    r"\bnot (?:be )?(?:allowed|permitted|accepted|acceptable|eligible)\b",
    r"\bno longer (?:be )?(?:allowed|permitted|accepted)\b",
    r"\b(?:must|may|shall|should|can|will) not\b",
    r"\b(?:mustn't|can't|cannot|won't|shan't)\b",
    r"\bbanned\b",
    r"\bforbidden\b",
    r"\b(?:do|does|will) not (?:accept|allow|permit|run|approve)\b",
    r"\b(?:don't|doesn't) (?:accept|allow|permit|run|approve)\b",
    r"\bnever (?:allow|accept|permit|approve)(?:ed|s)?\b",
    r"\bnot (?:be )?(?:advertised|shown|promoted|run|used|sold|listed)\b",
    r"\b(?:is|are) (?:removed|disapproved|rejected|refused)\b",
    r"\bwill be (?:removed|disapproved|rejected|refused)\b",
    r"\bnot available\b",
    r"\bunacceptable\b",
    r"\bdisallowed\b",
    r"^\W*no\b[^.;:]{0,80}?\b(?:may|can|shall|will)\b(?: \w+){0,2} (?:be )?(?:shown|run|advertised|used|published|boosted|listed|accepted)\b",
    r"^\W*no\b[^.;:]{0,80}?\b(?:is|are) (?:allowed|permitted|accepted)\b",
]
_RESTRICT = [
    r"\bonly (?:if|when|where|after|with|by|to|in|from|for|under|within|during)\b",
    r"\b(?:may|can|must|will) (?:\w+ ){0,3}only\b",
    r"\bprovided (?:that|it|they)\b",
    r"\bas long as\b",
    r"\bsubject to\b",
    r"\brestricted to\b",
    r"\blimited to\b",
    r"\bunless\b",
    r"\bexcept (?:where|when|if|for)\b",
    r"\brequire[sd]?\b",
    r"\brequirements?\b",
    r"\bmust (?:hold|have|obtain|be (?:licen[cs]ed|authori[sz]ed|registered|certified|verified|approved)|"
    r"complete|include|display|show|state|carry|disclose|name|mention|link|describe|warn|label|be labell?ed|"
    r"exclude|meet|comply|use|contain|be accompanied)\b",
    r"\b(?:with|needs?|after|obtain|receive[ds]?|hold|have) (?:\w+ ){0,2}certification\b",
    r"\blicen[cs]e (?:number|is required)\b",
    r"\baged? (?:\d+) (?:and|or) (?:over|older|above)\b",
    r"\b\d+\+",
    r"\bdisclaimer\b",
    r"\b(?:may|can) (?:\w+ ){0,2}(?:advertise|run|be advertised|be listed|be shown|be promoted) (?:\w+ ){0,6}?if\b",
    r"\b(?:permitted|allowed|accepted) when\b",
    r"\bunder [A-Z]{2,6}-\d+\b",
]
_APPROVE = [
    r"\b(?:is|are|be) (?:allowed|permitted|accepted|acceptable|welcome|fine|eligible)\b",
    r"\b(?:may|can) (?:be )?(?:advertise[ds]?|run|promote[sd]?|listed|shown|list|use|target)\b",
    r"\bwe (?:allow|accept|permit|welcome)\b",
    r"\b(?:allows?|permits?)\b",
    r"\bnot (?:considered|treated as|regarded as|subject to|affected)\b",
    r"\bexempt\b",
    r"\bwithout (?:\w+ ){0,3}(?:certification|verification|restriction|approval)\b",
    r"\bin (?:all|every) markets?\b",
]
# The policy itself sends the case to people: "handled case by case", "requires review by the policy team".
_ESCALATE = re.compile(
    r"\bcase[- ]by[- ]case\b|\b(?:review|decided|assessed|approval) by (?:the |our )?(?:[\w-]+ ){0,3}policy team\b"
    r"|\b(?:refer|escalate|send)(?:red|d|s)? (?:it |them )?to (?:the |our )?(?:[\w-]+ ){0,3}policy team\b",
    re.I,
)
_NEGATED_PERMISSION = re.compile(
    r"\b(?:not|never|no longer)\b(?:\s+\w+){0,2}\s+(?:allowed|permitted|accepted|welcome)\b"
    r"|^\W*no\b[^.;:]{0,80}?\b(?:may|can|shall|will|is|are)\b",
    re.I,
)
_EXEMPTION = re.compile(
    r"\bnot (?:considered|treated as|regarded as|subject to|affected)\b|\b(?:do|does|will) not (?:need|require)\b"
    r"|\b(?:don't|doesn't) (?:need|require)\b|\bwithout (?:\w+ ){0,3}(?:certification|verification|approval)\b"
    r"|\bexempt(?:ed)? from (?:the |any |our )?(?:\w+ ){0,3}(?:requirements?|certification|verification|rules?|restrictions?)\b",
    re.I,
)
# "provided they do not promise returns": a limit on the creative, not a condition to meet.
_NEGATIVE_PROVISO = re.compile(
    r"\b(?:provided|as long as|so long as|only if|if)\b(?: that)?(?: \w+){0,3} (?:do|does|did) not\b"
    r"|\b(?:provided|as long as|so long as|only if)\b(?: that)?(?: \w+){0,3} (?:make|makes|use|uses|show|shows) no\b"
    r"|\bas long as (?:\w+ ){0,3}(?:no|without)\b",
    re.I,
)
# "Ads without a licence number will be disapproved" states a requirement, not a ban.
_MISSING_REQUIREMENT = re.compile(r"\b(?:ads?|listings?|creatives?|campaigns?) (?:that (?:do not|don't) \w+|without)\b", re.I)
_WHETHER_OR_NOT = re.compile(r"\bwhether or not\b|\bor not\b", re.I)


@dataclass
class Reading:
    """How one sentence reads normatively; `decision` is None when it states no rule."""

    decision: str | None
    cues: list[str] = field(default_factory=list)
    conditional: bool = False


def _hits(patterns: list[str], text: str) -> list[str]:
    out = []
    for p in patterns:
        m = re.search(p, text, re.I)
        if m:
            out.append(m.group(0))
    return out


def read_sentence(sentence: str) -> Reading:
    """The normative reading of one sentence (see the module docstring for the rules)."""
    if is_injection(sentence):
        return Reading(None)
    text = _WHETHER_OR_NOT.sub(" ", sentence)
    esc = _ESCALATE.search(text)
    if esc:
        return Reading("escalate", [esc.group(0)])
    exemption = bool(_EXEMPTION.search(text))
    text_wo_exempt = _EXEMPTION.sub(" ", text) if exemption else text
    reject = _hits(_REJECT, text_wo_exempt)
    restrict = _hits(_RESTRICT, _EXEMPTION.sub(" ", text) if exemption else text)
    approve = [] if _NEGATED_PERMISSION.search(text) else _hits(_APPROVE, text)
    if _NEGATIVE_PROVISO.search(text) and approve and not reject:
        return Reading("approve", approve + ["negative proviso"])
    if reject and restrict:
        # "not allowed unless licensed" / "must not be shown to users under 18" read as conditions
        # only when an exception word is present; plain prohibitions with a number stay rejects.
        exception = re.search(r"\b(?:unless|except|only|provided|as long as|subject to)\b", text, re.I)
        if exception:
            return Reading("restrict", reject + restrict, conditional=True)
        return Reading("reject", reject)
    if reject and _MISSING_REQUIREMENT.search(text):
        return Reading("restrict", reject, conditional=True)
    if reject:
        return Reading("reject", reject)
    if restrict:
        return Reading("restrict", restrict + approve, conditional=True)
    if approve:
        return Reading("approve", approve)
    return Reading(None)


def read_passage(sentences: list[str]) -> Reading:
    """Combine sentence readings: the strictest stated rule wins, conditions before permissions."""
    readings = [read_sentence(s) for s in sentences]
    for decision in ("reject", "restrict", "approve", "escalate"):
        picked = [r for r in readings if r.decision == decision]
        if picked:
            cues = [c for r in picked for c in r.cues]
            return Reading(decision, cues, conditional=decision == "restrict")
    return Reading(None)
