"""What ranking needs to know about a question, read once: subject words, market, ages.

The facts that decide a verdict (ages, numbers, credentials, claims) are read by
`core/casefacts.py`; orders in the question never decide anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from policydesk.core.markets import QUESTION_DEMONYMS, QUESTION_NAMES, markets_in
from policydesk.core.casefacts import Advertised, AgeRange, read_advertised, read_ages
from policydesk.core.terms import subject_terms, terms
from policydesk.core.quotes import without_quotations
from policydesk.assistant.acronyms import spelled_out


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
    # The words the question names as what the case has or is (`named_terms`): the words it
    # only names to deny ("no health claims", "(no plumbing, gas or electrics)") are left out.
    named: set[str] = field(default_factory=set)
    # The thing the question says is advertised, read as a noun phrase with its head
    # (core/casefacts.py `read_advertised`): the scope gate asks whether a policy governs the head.
    advertised: Advertised | None = None
    # The words of the long forms of the acronyms the question writes in capitals ("PAC" ->
    # political, action, committee: assistant/acronyms.py), for the scope evidence of the gate.
    spelled: set[str] = field(default_factory=set)


def _market_words(text: str) -> set[str]:
    out: set[str] = set()
    for code in markets_in(text):
        for name in QUESTION_NAMES.get(code, ()) + QUESTION_DEMONYMS.get(code, ()):
            out |= terms(name)
        out.add(code.lower())
    return out



# "no X", "without X": what follows names what the case does not have, up to the end of the
# phrase (punctuation other than a list's commas), at most a handful of words.
_DENIED = re.compile(r"\b(?:no|without|nor)\s+((?:[\w'-]+,?\s+){0,5}[\w'-]+)", re.I)
_PHRASE_END = re.compile(r"[.;:()!?\[\]\u2013\u2014]|\s-\s")


def named_terms(question: str) -> set[str]:
    """The question's terms minus those it names only to deny: a case whose ad "makes no
    health claims" or is a "kitchen refit (no plumbing, gas or electrics)" is not about claims
    or gas work, so a rule written for those does not name it. A word the question also uses
    outside a denial stays."""
    denied: set[str] = set()
    rest = question
    for m in _DENIED.finditer(question):
        phrase = _PHRASE_END.split(m.group(1))[0]
        parts = phrase.split(",")
        if len(parts) > 1 and not re.search(r"\b(?:or|and|nor)\b", parts[-1]):
            phrase = parts[0]  # a comma ends the denial unless a list ("X, Y or Z") goes on
        denied |= terms(phrase)
        rest = rest.replace(m.group(0)[: len(m.group(0)) - len(m.group(1))] + phrase, " ", 1)
    return terms(question) - (denied - terms(rest))


def analyse(question: str, market: str | None) -> QuestionInfo:
    drop = _market_words(question)
    return QuestionInfo(
        text=question,
        market=market.upper() if market else None,
        subject=subject_terms(question, drop=drop),
        ages=read_ages(question),
        all_terms=terms(question),
        named=named_terms(question),
        own_subject=subject_terms(without_quotations(question), drop=drop),
        advertised=read_advertised(question),
        spelled=terms(" ".join(spelled_out(question))),
    )
