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

from policydesk.core.negation import negation_pattern

_CONDITIONAL = re.compile(r"\b(?:provided(?: that)?|as long as|so long as|only if|only when|on condition that|unless)\b\s*(.+)$", re.I)
# "cannot", "unable", "lacks": a requirement the case says it cannot meet is no statement of it
_NEGATION = negation_pattern("cannot", "unable", "lacks?", "lacking", "none", "neither", "nor")
_MIN_WORDS = 2


def requirement_of(sentence: str) -> str | None:
    """The words of a sentence's condition, after its conditional cue; None without one."""
    m = _CONDITIONAL.search(" ".join(sentence.split()))
    if m is None:
        return None
    return re.split(r"[;:]|\.\s|\.$", m.group(1))[0].strip() or None


def _same(a: str, b: str) -> bool:
    from policydesk.core.terms import same_stem

    return same_stem(a, b)


def stated(requirement: str, question: str) -> bool:
    """Does `question` state `requirement` (every content word of it, nothing negated on
    either side)?"""
    from policydesk.core.terms import GENERIC, same_meaning, terms

    if _NEGATION.search(question) or _NEGATION.search(requirement):
        # a negative requirement ("they do not charge fees") is not stated by a case naming
        # its words ("the cards charge fees"): it is met only by an absence (`stated_absent`)
        return False
    needed = {t for t in terms(requirement) if t not in GENERIC and not t.isdigit()}
    if len(needed) < _MIN_WORDS:
        return False
    have = terms(question)
    if all(any(_same(t, q) for q in have) for t in needed):
        return True
    # the same words said otherwise ("entries" for "enter", "losses" for "lose"; core/lexicon.py)
    # (or a kind of what it names: "cars" for "vehicles"; the case may be more specific, never
    # more general)
    return all(any(_same(t, q) or same_meaning(t, requirement, q, question, kinds=True) for q in have) for t in needed)


NEGATION = _NEGATION

# Where a negation's reach ends: the clause it opens ("No performance or fee figures." /
# "there's no contract, and …").
CLAUSE_END = re.compile(r"[,.;:!?()]|\b(?:but|and|while|though|although)\b", re.I)


def negation_split(question: str) -> tuple[list[str], list[str]]:
    """The question's text outside any negation's reach, and the text inside it (from the
    negating word to the end of its clause)."""
    kept: list[str] = []
    negated: list[str] = []
    pos = 0
    for m in _NEGATION.finditer(question):
        if m.start() < pos:
            continue  # inside the reach of the previous negation
        kept.append(question[pos : m.start()])
        end = CLAUSE_END.search(question, m.end())
        pos = end.start() if end else len(question)
        negated.append(question[m.end() : pos])
    kept.append(question[pos:])
    return kept, negated


# A condition that something is NOT done: "only if they do not offer buying, selling or
# swapping inside the app". Its negated verb's object is what must be absent; a case that
# says it has none of it ("no buy/sell/swap inside the app", "without in-app swapping") meets
# it. One closed construction: (do|does|did) not / don't / doesn't + verb + object.
_NEGATED_DUTY = re.compile(r"^(?:[\w'-]+\s+){0,4}?(?:(?:do|does|did)\s+not|don't|doesn't|didn't)\s+[a-z]+\s+(?P<x>.+)$", re.I)


def stated_absent(requirement: str, question: str) -> bool:
    """Does `question` meet a negative `requirement` ("they do not offer X") by saying it has
    no X: every content word of X is named inside a negation's reach, and none outside it."""
    from policydesk.core.terms import GENERIC, terms

    m = _NEGATED_DUTY.match(" ".join(requirement.split()))
    if m is None:
        return False
    needed = {t for t in terms(m.group("x")) if t not in GENERIC and not t.isdigit()}
    if len(needed) < _MIN_WORDS:
        return False
    kept, negated = negation_split(question)
    inside, outside = terms(" ".join(negated)), terms(" ".join(kept))
    return all(any(_same(t, q) for q in inside) for t in needed) and not any(_same(t, q) for t in needed for q in outside)


# A requirement that says where something comes from or how it is done: its subject, its verb,
# a preposition, and the head noun of that preposition's object ("the figure comes from a
# site-specific survey of the customer's home": from … survey).
_COMPLEMENT = re.compile(
    r"^(?:(?:the|a|an|its|their|this|that|each|every|any)\s+)?(?:[\w'-]+\s+){0,2}?[\w'-]+\s+[a-z]+\s+"
    r"(from|by|through|under|via|with|in|on)\s+(?:(?:the|a|an|its|their|our|your|this|that)\s+)?(?:[\w'-]+\s+){0,3}?([a-z][\w-]+)(?=\s+of\b|\s*$|[,.;])",
    re.I,
)


def denied(requirement: str, question: str) -> str | None:
    """The question's words denying `requirement`, or None: a negation whose reach names the
    preposition of the requirement's complement and that complement's head noun ("not from a
    survey of anyone's home" for "the figure comes from a site-specific survey of the
    customer's home"). Denying the general thing denies every specific one ("not from a
    survey" says it is from no site-specific survey either); a negation about anything else
    denies nothing."""
    m = _COMPLEMENT.match(" ".join(requirement.split()))
    if m is None or _NEGATION.search(requirement):
        return None
    prep, head = m.group(1).lower(), m.group(2).lower()
    for seg in negation_split(question)[1]:
        if re.search(rf"\b{prep}\b(?:\s+[\w'-]+){{0,4}}?\s+{re.escape(head)}(?:e?s)?\b", seg, re.I):
            return seg.strip()
    return None


__all__ = ["CLAUSE_END", "denied", "NEGATION", "negation_split", "requirement_of", "stated", "stated_absent"]
