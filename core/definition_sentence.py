"""A sentence that says what a word of the policy means states no rule of its own.

"(b) an "over-50s plan" means a whole-of-life policy sold to people aged 50 or over …",
"2.1 Prescription Treatment means a medicine … that may be supplied only on prescription",
"For this policy, a Minor is a person under 18", ""Tanning device" includes …", a glossary
line "Minor: A person under 18 years of age." under a Definitions heading. The words after the
defining verb describe the members of the term ("sold to people aged 50 or over", "may be
supplied only on prescription"); read as a rule they would set an audience floor or a
requirement that no clause of the policy states. The rule that uses the term is where the
policy's decision is (its scope widened by core/definitions.py, its age read by
core/defined_ages.py).

Narrow by construction: the sentence must open with the term (after a clause number, a list
marker, or "For (the purposes of) this policy,") and its main verb must be a verb of meaning
("means", "refers to", "is defined as", "has the meaning"), or, for a quoted term or after
"For this policy,", "is/are/includes". A modal or a decision word before that verb ("Ads for X
must not …") is never a definition.
"""

from __future__ import annotations

import re

from policydesk.core.definitions import _NOT_A_TERM
from policydesk.core.literal_guard import guarded

_NUMBER = r"^\s*(?:[-*•]\s+)?(?:\(?[a-z0-9]{1,3}[.)]\s+|\d+(?:\.\d+)+\.?\s+|\d+\.\s+)?"
_PURPOSE = r"(?:for (?:the purposes of )?this (?:policy|standard|section|document|guide)|in this (?:policy|standard|section|document|guide)),?\s+"
_ARTICLE = r"(?:an?\s+|the\s+|any\s+)?"
_QUOTED_TERM = r"(?:\*\*)?[\"“'‘][^\"“”'‘’]{1,60}[\"”'’](?:\*\*)?"
_BARE_TERM = r"(?:\*\*)?[A-Za-z][\w'’-]*(?:\s+[\w'’-]+){0,5}?(?:\*\*)?"
_MEANING_VERB = r"(?:means?|refers? to|(?:is|are) defined as|shall mean|has the meaning)\b"
_LOOSE_VERB = r"(?:is|are|includes?|covers?)\b"

_DEFINES = guarded(
    _NUMBER + r"(?:" + _PURPOSE + r")?" + _ARTICLE + r"(?:" + _QUOTED_TERM + "|" + _BARE_TERM + r")\s*,?\s+" + _MEANING_VERB
    + r"|" + _NUMBER + _ARTICLE + _QUOTED_TERM + r"\s*,?\s+" + _LOOSE_VERB
    + r"|" + _NUMBER + _PURPOSE + _ARTICLE + _BARE_TERM + r"\s+" + _LOOSE_VERB,
    re.IGNORECASE,
)
# Between the term's start and the defining verb, a word that makes the sentence a rule about
# the term ("Ads for X must not mean …" is no definition) or a second clause.
_RULE_WORD = re.compile(r"\b(?:must|may|might|can|cannot|should|shall(?! mean)|will|not|only|ads?|advertis\w*|prohibited|allowed|permitted|required)\b|[;:]", re.I)


def states_definition(text: str) -> bool:
    """Does `text` open by saying what a term means (so it states no rule)?"""
    m = _DEFINES.match(text)
    if m is None:
        return False
    head = re.sub(_NUMBER, "", text[: m.end()], count=1, flags=re.I)
    head = re.sub(_PURPOSE, "", head, count=1, flags=re.I)
    term_part = re.sub(_QUOTED_TERM, " ", head)
    verb = re.search(r"\b(?:" + _MEANING_VERB + "|" + _LOOSE_VERB + ")", term_part, re.I)
    before = term_part[: verb.start()] if verb else term_part
    if _RULE_WORD.search(before) or _PRONOUN.match(before) or _REFERS_BACK.search(before) or _PREPOSITION.match(before):
        return False
    # "X means Y; ads for X must not …": a second clause that rules is read as written.
    return not _RULE_AFTER.search(text[m.end():])


_PRONOUN = re.compile(r"^\s*(?:this|that|it|these|those|which|there|what)\b", re.I)
# "In the United Kingdom that means a licence from …": a demonstrative points back at a rule
# just stated and says what it takes there; a sentence opening with a preposition names no term.
_REFERS_BACK = re.compile(r"\b(?:this|that|it|these|those|which|such)\b", re.I)
_PREPOSITION = re.compile(r"^\s*(?:in|on|at|for|under|within|from|to|by|with|outside|across|where|when|if)\b", re.I)
_RULE_AFTER = re.compile(r"[;:]\s*[^;:]*\b(?:must|may not|cannot|can't|should|shall|prohibited|not (?:allowed|permitted|accepted))\b", re.I)


_GLOSSARY_LINE = re.compile(r"^\s*(?:[-*•]\s+)?(?:\*\*)?([A-Za-z][\w'’ -]{1,40}?)(?:\*\*)?\s*:\s+(?:an?|the|any)\s+\w", re.I)


def glossary_entry(text: str) -> bool:
    """A definition-list line "Term: A person under 18 years of age." (read only under a
    heading that names definitions: core/definitions.py `DEFINITIONS_HEADING`)."""
    m = _GLOSSARY_LINE.match(text)
    return m is not None and _RULE_WORD.search(m.group(1)) is None


# "(b) an "over-50s plan" means a whole-of-life policy sold to people aged 50 or over …",
# "Supervised salon means premises where …": a term, then the verb that defines it.
_DEFINING_VERB = re.compile(
    r"^\s*(?:\(?[a-z0-9]{1,3}[.)]\s+|\d+(?:\.\d+)*\.?\s+|[-*\u2022]\s+)?(?:\*\*)?(?:an?\s+|the\s+)?"
    r"(?P<term>[\"\u201c][^\"\u201d]{1,60}[\"\u201d]|[A-Za-z][\w'-]*(?:\s+[\w'-]+){0,3}?)(?:\*\*)?\s+"
    r"(?:means|shall mean|refers to|is defined as|are defined as)\s+(?!that\b)",
    re.I,
)
_RULE_MODAL = re.compile(r"\b(?:must|mustn't|may|might|should|shall|cannot|can|can't|will|won't|need|needs|required|prohibited|allowed|permitted|not)\b", re.I)


def defines_term(sentence: str) -> bool:
    """Does `sentence` only define a term ("an "over-50s plan" means a whole-of-life insurance
    policy sold to people aged 50 or over …")? Why it states no rule: what follows the defining
    verb says what the term names, so its words (an age, an amount, a market) are what makes a
    thing one of those, not a condition on the ad; read as a rule, "sold to people aged 50 or
    over" became an audience floor of 50 on every case under the policy. A sentence with a
    modal or a verdict word after the verb ("… means that ads must …") is not only a
    definition, nor is one whose subject is a pronoun."""
    s = " ".join(sentence.split())
    m = _DEFINING_VERB.match(s)
    if m is None:
        return False
    term = m.group("term").strip("\"\u201c\u201d ").lower()
    if term.split()[0] in _NOT_A_TERM:
        return False
    return not _RULE_MODAL.search(s[m.end():])
