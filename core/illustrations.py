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

A whole section or table can be examples too: a section headed "Quick examples", "Worked
examples", "Sample ads", "Scenarios" or "Case studies" (`illustrative_heading`), or a table
whose columns are an ad and its outcome ("| Ad | Outcome | Why |", `illustrative_header`). Each
row of such a table is one ad with the verdict it got and why; read as rules, a row became a
rule of its own ("Not allowed" refused every case sharing a word with the row's ad, "Section 3,
at or below 0.1%" capped every case at 0.1%). Its text stays in the chunk, so it is retrieved
and quoted as evidence; the rules it illustrates decide. A heading naming what its examples are
examples of ("Examples of prohibited claims") introduces instances of a rule, which the rule's
reader reads; so does one carrying a verdict ("Prohibited examples").

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


# A heading that is only a name for examples: up to three modifiers ("Quick", "More worked",
# "Common review") before the examples noun, an optional second examples noun or rationale
# after "and", nothing naming what they are examples of.
_EXAMPLE_NOUN = r"(?:examples?|illustrations?|scenarios?|sample\s+(?:ads?|adverts?|creatives?|cases?)|example\s+(?:ads?|cases?)|case\s+stud(?:y|ies)|test\s+cases?)"
_HEADING_NUMBER = re.compile(r"^\s*(?:(?:section|part|annex|appendix)\s+)?(?:[A-Z]|\d+(?:\.\d+)*)?[.):]?\s+|^\s*(?:section|part|annex|appendix)\s+\S+\s*[-\u2013\u2014:.]\s*", re.IGNORECASE)
_EXAMPLES_HEADING = re.compile(
    r"(?:[\w'-]+\s+){0,3}" + _EXAMPLE_NOUN
    + r"(?:\s+(?:and|&)\s+(?:[\w'-]+\s+){0,2}(?:" + _EXAMPLE_NOUN + r"|rationales?|explanations?|outcomes?|answers?|edge\s+cases))?\s*[:.]?",
    re.IGNORECASE,
)
# A header row's first column names one ad (not a kind of ad: "Ad type", "Ad category" are a
# rule table's subjects); another column names the outcome it got.
_AD_COLUMN = re.compile(r"\s*(?:the\s+)?(?:ad|advert|advertisement|creative|example|example\s+ad|sample\s+ad|scenario|case|ad\s+(?:copy|text|description)|submission)s?\s*", re.IGNORECASE)
_OUTCOME_COLUMN = re.compile(r"\s*(?:expected\s+|review\s+|our\s+)?(?:outcome|verdict|result|decision|ruling|answer)s?\s*\??\s*", re.IGNORECASE)


def illustrative_heading(heading: str) -> bool:
    """Is this heading (one level of a section's heading path) only a name for examples
    ("7. Quick examples", "Worked examples", "Sample ads and outcomes")?"""
    text = _HEADING_NUMBER.sub("", " ".join((heading or "").replace("*", " ").split()), count=1)
    m = _EXAMPLES_HEADING.fullmatch(text)
    if m is None:
        return False
    lead = text[: re.search(_EXAMPLE_NOUN, text, re.IGNORECASE).start()]
    # "Rules for examples", "Prohibited examples": the examples noun is not what the heading names,
    # or the heading gives its items a verdict (instances of a rule, read as its items).
    return not re.search(r"\b" + _VERDICT + r"\b|\b(?:banned|forbidden|restricted|of|for|on|about|to|in|with|under|from|by|rules?)\b", lead, re.IGNORECASE)


def illustrative_header(cells: list[str]) -> bool:
    """Are these a header row's cells the columns of an examples table: the first names one ad,
    another the outcome it got ("| Ad | Outcome | Why |", "| Scenario | Verdict |")?"""
    if len(cells) < 2 or not _AD_COLUMN.fullmatch(cells[0]):
        return False
    return any(_OUTCOME_COLUMN.fullmatch(c) for c in cells[1:])


def illustrates(text: str) -> bool:
    """Does the line open with an example's (or its rationale's) label, so it states no rule?"""
    return _LABEL.match(text) is not None


__all__ = ["illustrates", "illustrative_header", "illustrative_heading"]
