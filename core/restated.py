"""A requirement in words that the case states in so many words.

Why: a prose sentence often attaches a condition outside the executable vocabulary ("allowed
only if users can cancel online", "provided the listing names the organiser"). The rule then
stayed `restrict` for every case, even one that says the condition holds ("users can cancel
online"). Executing such a condition means checking that the case states it: every content
word of the requirement appears in the question (or a word of the same meaning:
`terms.same_meaning`), and the question negates nothing (a "not",
"no" or "without" anywhere leaves it unknown, never met, so a denial can never approve).

Only the words after a conditional cue count ("provided (that)", "as long as", "only if",
"only when", "on condition that", "unless"), and a requirement of fewer than two content words
is never taken as stated: one shared word is a topic, not a condition.
"""

from __future__ import annotations

import re

_CONDITIONAL = re.compile(r"\b(?:provided(?: that)?|as long as|so long as|only if|only when|on condition that|unless)\b\s*(.+)$", re.I)
_NEGATION = re.compile(r"\b(?:not|no|never|without|cannot|unable|lacks?|lacking|none|neither|nor)\b|n't\b", re.I)
_MIN_WORDS = 2


def requirement_of(sentence: str) -> str | None:
    """The words of a sentence's condition, after its conditional cue; None without one."""
    m = _CONDITIONAL.search(" ".join(sentence.split()))
    if m is None:
        return None
    return re.split(r"[;:]|\.\s|\.$", m.group(1))[0].strip() or None


def _same(a: str, b: str) -> bool:
    return a == b or (len(a) >= 5 and len(b) >= 5 and (a.startswith(b) or b.startswith(a)))


def stated(requirement: str, question: str) -> bool:
    """Does `question` state `requirement` (every content word of it, nothing negated)?"""
    from policydesk.core.terms import GENERIC, same_meaning, terms

    if _NEGATION.search(question):
        return False
    needed = {t for t in terms(requirement) if t not in GENERIC and not t.isdigit()}
    if len(needed) < _MIN_WORDS:
        return False
    have = terms(question)
    if all(any(_same(t, q) for q in have) for t in needed):
        return True
    # the same words said otherwise ("entries" for "enter", "losses" for "lose"; core/lexicon.py)
    return all(any(_same(t, q) or same_meaning(t, requirement, q, question) for q in have) for t in needed)


NEGATION = _NEGATION

__all__ = ["NEGATION", "requirement_of", "stated"]
