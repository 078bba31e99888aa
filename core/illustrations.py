"""A labelled example, or the rationale given for it, states no rule of its own.

"- **Approved example:** "Unflavoured whey isolate, 25 g protein per scoop" targeted 16+ in
GB.", "- **Rejected example:** "Pre-match energy for your school team!" for a caffeinated
pre-workout targeted 16+.", "*Rationale: stimulant product below the 18+ floor.*",
"Example 2: an ad that …", "For instance, a banner …". Such a line shows how the clause above
it applies to one ad: its "16+" is that ad's targeting, not a floor; its "Rejected" is that ad's
verdict, not a ban on what it happens to mention. Read as rules, an example's facts became an
age floor for every case, or a reject for a case sharing a word with a rejected example. The
clause it illustrates is what decides (the examples stay in the clause's text, so they are
retrieved and quoted as evidence).

By construction: only a line opening with its label (after a list marker, tick box, clause
number or Markdown emphasis): an optional verdict word and "example(s)" / "illustration" /
"sample ad", or "Rationale" / "Reason" / "Why", followed by a colon or dash; or a sentence
opening "For example," / "For instance," / "E.g.". An example inside a rule's own sentence ("…
must not use fear, for example by stating …") is part of that rule and is left to it.
"""

from __future__ import annotations

import re

_LEAD = r"^\s*(?:[-*•+]\s+)?(?:\[[ xX]?\]\s+)?(?:\d+(?:\.\d+)*\.?\s+|\(?[a-z0-9]\)\s+)?[*_]{0,3}\s*"
_VERDICT = r"(?:approved|rejected|allowed|not\s+allowed|disallowed|accepted|acceptable|unacceptable|compliant|non-compliant|"\
           r"good|bad|permitted|prohibited|ok|not\s+ok|pass(?:ing)?|fail(?:ing)?|correct|incorrect)"
_LABEL = re.compile(
    _LEAD + r"(?:(?:" + _VERDICT + r"\s+)?(?:examples?|illustrations?|sample\s+ads?|worked\s+examples?)(?:\s+\d+)?|rationale|reason|why)"
    r"\s*[*_]{0,3}\s*[:\u2013\u2014-]"
    r"|" + _LEAD + r"(?:for\s+example|for\s+instance|e\.g\.)\s*,",
    re.IGNORECASE,
)


def illustrates(text: str) -> bool:
    """Does the line open with an example's (or its rationale's) label, so it states no rule?"""
    return _LABEL.match(text) is not None


__all__ = ["illustrates"]
