"""A prohibited thing narrowed by a word before its head, and a case naming only the head
(issue 13, restrict cases answered reject): "Car title loans and logbook loans … " and "Can we
promote car loans for people with poor credit?"; "Ads for the do-it-yourself installation of
grid-connected rooftop systems will not be accepted" and "Solar installer … wants to run ads for
rooftop systems".

English names a kind of a thing by the words before its head noun ("title loans", "logbook
loans", "do-it-yourself installation"): the prohibition bans that kind, not every thing its
head names. A case that names the head and none of the words that make it the banned kind is
not shown to be one; nor is it shown not to be. The prohibition then binds it as what must hold
(restrict), never as a reason to reject, as core/qualifier.py does for a qualifier after the
head ("NFTs marketed as investments"). A case naming one of those words ("a logbook loan") is
the banned kind, and the prohibition rejects it as before.

Right by construction: the things are the noun phrases the sentence's subject names
(assistant/prohibited_things.py `prohibited_things`); only words before the head count, and a word of the
policy's title is its topic, which retrieval matched, so it narrows nothing ("car" under "Car
sales and auto finance"). Every thing whose head the case names must be narrowed so, and the
case must name no narrowing word of any thing; a case quoting ad copy or stating a claim is
left as before (its shared words may be the copy's). Measured (2026-11-30, session 18, fresh
stores, with core/conduct.py's ad-subject conduct and assistant/agent_noun.py): dev2 0.917 ->
0.931 (car title loans), dev3 0.833 -> 0.847 (DIY rooftop installation); sample 0.887, dev
0.903, dev4 0.764, validation 0.702 unchanged (same confusion, unsafe approvals unchanged).
"""

from __future__ import annotations

from collections.abc import Iterable

from policydesk.assistant.naming import names
from policydesk.core.terms import GENERIC, stem, terms


def unnamed_classifier(things: Iterable, question_terms: set[str], title: set[str]) -> str | None:
    """The banned kind ("car title loans") whose head the case names without any of the words
    that make it that kind, or None. `things` have `.head` and `.phrase` (the head last);
    a stem is named by the answerer's stem test (assistant/naming.py `names`)."""
    things = list(things)
    if not things:
        return None
    headed = []
    for t in things:
        if not t.head or not t.phrase:
            return None
        words = t.phrase.lower().split()
        if not words or stem(words[-1]) != stem(t.head.lower()):
            return None  # not a head-final phrase: no reading of what narrows it
        # a list item's number ("4.5 Gold Buyers …") is no word of the thing
        narrowing = {n for n in terms(" ".join(words[:-1])) - GENERIC - title if not any(ch.isdigit() for ch in n)}
        if any(names(n, question_terms) for n in narrowing):
            return None  # the case names a word that makes it the banned kind
        if names(stem(t.head.lower()), question_terms):
            if not narrowing:
                return None  # a thing the head alone names: the case names it
            headed.append(t.phrase)
    return headed[0] if headed else None


__all__ = ["unnamed_classifier"]
