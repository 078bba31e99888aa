"""Acronyms a question writes in capitals, spelled out ("US PAC wants to target ..." names a
political action committee): the words of the spelled-out form are words the question names.

A policy states its topics in words ("Political Content Policy"); an advertiser often names
the thing by its acronym ("PAC", "SUV", "GP"). WordNet lists such an acronym as a lemma of the
same synset as its long form ("PAC" and "political action committee"). Only a long form whose
words' initials spell the acronym letter for letter counts: a synonym that is no expansion
("pt" -> "platinum") says nothing about the letters. An acronym with several expansions
("IRA") gives the words of each: they only add to the question's terms, and count as scope
evidence only where they complete a topic a policy states (assistant/ranking.py
`scope_evidence`). Market codes ("US", "UK") are markets, not things, and are left out.
"""

from __future__ import annotations

import re
from functools import lru_cache

from policydesk.core import lexicon
from policydesk.core.markets import find_mentions

# A word in capitals, 2 to 6 letters, optionally with a plural "s" ("PACs").
_ACRONYM = re.compile(r"(?<![\w'-])([A-Z]{2,6})s?(?![\w'-])")


@lru_cache(maxsize=4096)
def expansions(acronym: str) -> tuple[str, ...]:
    """The long forms WordNet gives the acronym (any sense) whose words' initials spell it,
    lowercase; () when none, or without WordNet."""
    low = acronym.lower()
    try:
        found = lexicon.synonyms(low, "n", top=None)
    except lexicon.LexiconUnavailable:
        return ()
    out = []
    for form in sorted(found):
        words = form.replace("-", " ").split()
        if len(words) == len(low) and "".join(w[0] for w in words) == low:
            out.append(form)
    return tuple(out)


def spelled_out(question: str) -> list[str]:
    """The long forms of the acronyms the question writes in capitals, markets left out:
    "US PAC wants ..." -> ["political action committee"]."""
    text = question
    for m in reversed(find_mentions(text)):
        text = text[: m.start] + " " * (m.end - m.start) + text[m.end :]
    out: list[str] = []
    for m in _ACRONYM.finditer(text):
        for form in expansions(m.group(1)):
            if form not in out:
                out.append(form)
    return out


__all__ = ["expansions", "spelled_out"]
