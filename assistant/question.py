"""What ranking needs to know about a question, read once: subject words, market, ages.

The facts that decide a verdict (ages, numbers, credentials, claims) are read by
`core/casefacts.py`; orders in the question never decide anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from policydesk.core.markets import QUESTION_DEMONYMS, QUESTION_NAMES, markets_in
from policydesk.core.casefacts import AgeRange, read_ages
from policydesk.core.terms import subject_terms, terms


@dataclass
class QuestionInfo:
    text: str
    market: str | None
    subject: set[str]
    ages: AgeRange | None
    all_terms: set[str] = field(default_factory=set)
    # The subject without the ad copy the question quotes ("Hookup app ad: 'find someone
    # tonight, no strings'" -> hookup, app): the copy is what is judged, not what the ad is
    # for, and its words dilute the share of the subject a clause holds (assistant/ranking.py).
    own_subject: set[str] = field(default_factory=set)


def _market_words(text: str) -> set[str]:
    out: set[str] = set()
    for code in markets_in(text):
        for name in QUESTION_NAMES.get(code, ()) + QUESTION_DEMONYMS.get(code, ()):
            out |= terms(name)
        out.add(code.lower())
    return out


# Ad copy quoted in a question, in straight or typographic quotes.
_QUOTED = re.compile(r"[\"“”'‘’]([^\"“”'‘’]{3,160})[\"“”'‘’]")


def analyse(question: str, market: str | None) -> QuestionInfo:
    drop = _market_words(question)
    return QuestionInfo(
        text=question,
        market=market.upper() if market else None,
        subject=subject_terms(question, drop=drop),
        ages=read_ages(question),
        all_terms=terms(question),
        own_subject=subject_terms(_QUOTED.sub(" ", question), drop=drop),
    )
