"""The head of a requirement's trigger: the thing the trigger says the case has.

Why: a triggered requirement ("If the app offers a free trial, the ad must say when the trial
ends") binds a case when the case names at least half of its trigger's words
(assistant/rule_trigger.py `trigger_reason`). A case naming the trigger's modifiers but not its
head ("a daily horoscope app, totally free, no subscription") shares "app" and "free" and was
bound by a requirement about trials it does not have. The trigger is about its object's head
noun ("trial"); its modifiers ("free") only narrow which such things. So a case has the
trigger only when it also names that head, as written or in words of the same meaning (the
caller's matcher decides which words are named).

The head is read from the trigger's structure: the noun phrase after its verb of having
("offers", "includes", "shows", "mentions", "quotes" …) up to the first qualifier (a
preposition, a relative pronoun, a comma), and its last word. A trigger with no such verb, or
whose head is a generic word, sets no head and asks nothing more.
"""

from __future__ import annotations

import re

from policydesk.core.terms import GENERIC, terms

_HAVING = re.compile(
    r"\b(?:offers?|offering|includes?|including|has|have|having|shows?|showing|features?|featuring|mentions?|mentioning"
    r"|quotes?|quoting|uses?|using|contains?|containing|gives?|awards?|provides?|charges?|sells?|promotes?|advertises?)\s+",
    re.I,
)
_QUALIFIER = re.compile(
    r"\s(?:on|of|for|in|into|to|with|about|from|at|by|than|that|which|who|per|under|over|during|before|after|within|above|below|and|or|as|being)\b|[,;:(]",
    re.I,
)


def trigger_head(trigger: str) -> str | None:
    """The head noun of what the trigger's verb of having takes ("the app offers a free trial"
    -> "trial"); None when the trigger has no such verb or object."""
    m = _HAVING.search(trigger)
    if m is None:
        return None
    rest = trigger[m.end() :]
    end = _QUALIFIER.search(" " + rest)
    phrase = (" " + rest)[: end.start()].strip() if end else rest.strip()
    words = re.findall(r"[A-Za-z][\w'-]*", phrase)
    return words[-1] if words else None


def head_named(trigger: str, named: set[str], needed: set[str]) -> bool:
    """Does the case name the trigger's head (`named`: the trigger's content words the case
    names, `needed`: all of them, as the caller reads them)? True when the trigger sets no
    head the caller counts."""
    head = trigger_head(trigger)
    if head is None:
        return True
    own = {t for t in terms(head) if t not in GENERIC and t in needed}
    return not own or bool(own & named)


__all__ = ["head_named", "trigger_head"]
