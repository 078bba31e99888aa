"""What the answerer needs to know about a question, read once: subject, market, ages, negations.

Facts the question states about the ad ("not in any resale programme", "19 year olds") may
decide *which* part of a clause applies; orders in the question never decide anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from policydesk.assistant.markets import COUNTRIES, DEMONYMS, markets_in
from policydesk.core.casefacts import AgeRange, read_ages
from policydesk.core.terms import GENERIC, subject_terms, terms

# "not in any resale programme", "without a licence", "isn't the candidate", "unlicensed"
_NEGATION = re.compile(
    r"\b(?:not|no|without|never|isn't|aren't|doesn't|don't|hasn't|haven't|lacks?|lacking|missing)\b"
    r"((?:\s+[\w'./-]+){1,5})",
    re.I,
)
_UN_WORDS = re.compile(r"\b(?:un|non-?)(licensed|licenced|verified|certified|registered|authori[sz]ed|regulated|approved)\b", re.I)


@dataclass
class QuestionInfo:
    text: str
    market: str | None
    subject: set[str]
    ages: AgeRange | None
    negated: set[str] = field(default_factory=set)
    all_terms: set[str] = field(default_factory=set)


def _market_words(text: str) -> set[str]:
    out: set[str] = set()
    for code in markets_in(text):
        for name in COUNTRIES.get(code, ()) + DEMONYMS.get(code, ()):
            out |= terms(name)
        out.add(code.lower())
    return out


def analyse(question: str, market: str | None) -> QuestionInfo:
    drop = _market_words(question)
    negated: set[str] = set()
    for m in _NEGATION.finditer(question):
        negated |= {t for t in terms(m.group(1)) if t not in GENERIC}
    for m in _UN_WORDS.finditer(question):
        negated |= terms(m.group(1))
    return QuestionInfo(
        text=question,
        market=market.upper() if market else None,
        subject=subject_terms(question, drop=drop),
        ages=read_ages(question),
        negated=negated,
        all_terms=terms(question),
    )
