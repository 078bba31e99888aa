"""What a case holds instead of a required credential: an application still pending, or its
own in-house check.

"In GB, advertisements for pre-paid plans are accepted only from a plan provider authorised by
the FCA" and "We've applied to the FCA and are waiting for a decision": the case states the
advertiser is not (yet) authorised. "… only if the product is certified by Informed Sport …"
and "We send every batch to our own in-house lab": the case states the product's testing is its
own, not the certification. An application is not the licence it applies for, and a check the
advertiser runs on itself is not the certification, registration or licence an outside body
grants; so a requirement of a credential the case leaves unstated is, for such a case, a
condition it states is failed (and a failed stated condition rejects, as elsewhere).

Read from the question's words only: a pending application ("applied to / for …", "application
pending / submitted / under review", "waiting for a decision / the licence", "pending approval")
or a self-made stand-in ("in-house / our own / internal" + a noun of testing or review: lab,
testing, audit, review, checks; "self-certified", "self-assessed", "self-declared"). A case that
states the credential itself (the requirement met) is left as it is: "FCA-authorised, and our
in-house lab tests every batch" holds the authorisation.
"""

from __future__ import annotations

import re

CREDENTIAL_KINDS = frozenset({"licence", "certification", "permission", "membership", "registration", "authorisation"})

_PENDING = re.compile(
    r"\b(?:(?:have|has|'ve|we|i|they)\s+(?:just\s+|already\s+)?applied\s+(?:to|for|with)\b"
    r"|applications?\s+(?:is\s+|are\s+|has\s+been\s+|was\s+)?(?:still\s+)?(?:pending|submitted|in\s+progress|under\s+review|being\s+processed)"
    # "our guide licence application went to the council in March, still pending": the application,
    # then (in the same sentence) that it is still undecided.
    r"|applications?\b[^.;!?]{0,60}?\bstill\s+(?:pending|under\s+review|being\s+processed|undecided|waiting)\b"
    r"|pending\s+(?:approval|authori[sz]ation|registration|licen[cs]e|licensing|certification|accreditation)"
    r"|(?:waiting|awaiting|wait)\s+(?:for\s+|on\s+)?(?:a\s+|the\s+|our\s+|their\s+)?(?:decision|approval|licen[cs]e|authori[sz]ation|registration|certificat\w*|accreditation))",
    re.I)
_SELF = re.compile(
    r"\b(?:in-house|in\s+house|our\s+own|internal(?:ly)?)\s+(?:[a-z-]+\s+)?(?:lab|labs|laboratory|testing|tests?|audits?|review|reviews|checks?|certification|assessment|verification|quality\s+control)\b"
    r"|\bself-(?:certified|certification|certify|assessed|assessment|declared|declaration|tested|regulated)\b",
    re.I)


def stand_in(question: str | None) -> str | None:
    """The words by which the case says it holds something in place of a credential (see the
    module doc), else None."""
    if not question:
        return None
    for pattern in (_PENDING, _SELF):
        if m := pattern.search(question):
            return m.group(0)
    return None


# A credential named as what was applied for ("we've applied for IAA registration", "applied
# to the FCA for authorisation"): the words up to the end of the pending clause.
# "approved" or "approval" names a credential; the bare verb does not: "Can we approve now?" is
# the moderator asking, not a credential held beside the one applied for (blind dev10 bd10-59).
_APPLIED_FOR = re.compile(r"[^.;:!?,]{0,60}?\b(?:licen[cs]\w*|regist\w*|authori[sz]\w*|certif\w*|accredit\w*|permit\w*|member\w*|approv(?:ed|als?)\b)", re.I)


def applied_for(question: str | None) -> str | None:
    """The pending application's words when they name the credential itself ("we've applied for
    IAA registration"): a question that names a credential only as what it applied for does not
    hold it, though a reader of credentials finds the credential's name in it. None otherwise."""
    if not question or not (m := _PENDING.search(question)) or not (m2 := _APPLIED_FOR.match(question, m.end())):
        return None
    rest = question[: m.start()] + question[m2.end() :]
    if _APPLIED_FOR.search(rest):
        return None  # "CICC licensed; we applied for membership of the bar": a credential held beside it
    return m.group(0) + m2.group(0)


__all__ = ["CREDENTIAL_KINDS", "applied_for", "stand_in"]
