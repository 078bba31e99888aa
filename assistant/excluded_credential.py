"""A credential the rule's own sentence says does not count.

"Practitioners without such a qualification, including beauticians who hold only a
training-course certificate, may not advertise these treatments": the rule requires a
qualification, and names by example a credential that is not one. The case facts read a
stated certificate as the advertiser being certified (core/casefacts.py), which meets the
rule's `requires:certification`; for "I'm a beautician, did a 2 day lip filler training course
and have the certificate" that approved what the sentence names as banned.

Read from the sentence's structure: what follows "hold(s) / holding / with only" up to a noun
of credential (certificate, licence, diploma, qualification, registration, course, training)
is a credential the sentence excludes. When the question names every content word of that
phrase (the case's credential is that one), a requirement the case's credential met is not
met by it. A case naming another credential ("registered nurse") is untouched.
"""

from __future__ import annotations

import re

from policydesk.core.terms import same_stem, stem, terms

_CREDENTIAL = r"(?:certificates?|certifications?|diplomas?|licen[cs]es?|qualifications?|registrations?|courses?|training|permits?)"
_ONLY_HELD = re.compile(
    rf"\b(?:holds?|holding|has|have|having|with)\s+only\s+(?:an?\s+|the\s+|one\s+)?((?:[\w-]+\s+){{0,3}}{_CREDENTIAL})\b",
    re.IGNORECASE,
)


def excluded_credential(quote: str, question: str | None) -> str | None:
    """The credential `quote` says does not count ("only a training-course certificate") when
    the question names every content word of it; else None."""
    if not question:
        return None
    asked = terms(question)
    for m in _ONLY_HELD.finditer(" ".join(quote.split())):
        phrase = m.group(1)
        words = {stem(w) for w in re.findall(r"[a-z]{3,}", phrase.lower())}
        if words and all(any(same_stem(w, q) for q in asked) for w in words):
            return phrase
    return None
