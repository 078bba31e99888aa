"""A sentence saying which things the whole policy covers states no rule of its own.

Why: "8.1 Holiday clubs with a membership term of more than 12 months … are subject to the
whole of this standard" says what the standard applies to (its scope); the rules the standard
states are read, and executed, where they are written. Read as a rule of its own it was a
requirement whose condition was "the whole of this standard", which no case can meet, so it
restricted every case it named, the ones the standard allows included.

What counts, by grammar alone: the sentence's predicate, closing it, is "is/are (also) subject
to / covered by / within the scope of" the document as a whole ("this standard", "the whole of
this policy", "all of this guide", "this whole policy", "every section of this document"), and
its subject (what comes before) holds no modal or decision word of its own ("Ads must … and are
subject to this policy" stays a rule). Words of the subject's relative clause ("that require
attendance") describe what is covered, not a duty.
"""

from __future__ import annotations

import re

_DOC = r"(?:policy|standard|document|guide|guidance|code|page|rules)"
_WHOLE = (r"(?:(?:the\s+whole|all|the\s+entirety|each\s+(?:part|section|rule)|every\s+(?:part|section|rule)|the\s+full\s+(?:text|terms))\s+of\s+)?"
          r"(?:this|the)\s+(?:whole\s+|entire\s+|full\s+|complete\s+)?" + _DOC + r"(?:\s+in\s+full)?")
_APPLIES = re.compile(
    r"^(?P<subject>.{3,400}?)\s+(?:is|are)\s+(?:also\s+|fully\s+)?(?:subject\s+to|covered\s+by|within\s+the\s+scope\s+of|in\s+(?:the\s+)?scope\s+of|governed\s+by)\s+"
    + _WHOLE + r"\s*[.;]?\s*$",
    re.IGNORECASE,
)
_OWN_RULE = re.compile(
    r"\b(?:must|mustn't|may|might|shall|should|shouldn't|cannot|can't|can|will|won't|prohibited|not\s+(?:allowed|permitted)|allowed|permitted|banned|only)\b",
    re.IGNORECASE,
)


def states_applicability(text: str) -> bool:
    """Does the sentence only say that the things it names fall under the whole policy?"""
    m = _APPLIES.match(" ".join(text.split()))
    return m is not None and not _OWN_RULE.search(m.group("subject"))


__all__ = ["states_applicability"]
