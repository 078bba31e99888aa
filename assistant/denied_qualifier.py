"""A prohibited thing narrowed by what it contains, and a case that says it has none of it.

"We don't allow ads for cannabis flower, smokable hemp, hemp pre-rolls, or vape products that
contain CBD" bans vape products that contain CBD, not every vape. A case that names the thing
and says it does not have what narrows it ("disposable vapes (no CBD in them)") is not one of
the things the sentence bans: the rule is set aside as about another subject, as a rule whose
subject the case does not name is (assistant/execute.py `run_rule`), and the scope gate
(assistant/scope_gate.py) may then find that no policy covers the case.

Read by construction, from the sentence's grammar and the question's: the sentence's list is
split into its conjuncts; each conjunct holding a word the case names must narrow its thing
by a relative or participle phrase of having ("that contain X", "which include X",
"containing X", "made with X", "with X") whose content words include a word the case names
only to deny ("no X", "without X": assistant/question.py `named_terms`), and that phrase must
not itself be negated ("that contain no CBD" is the opposite narrowing). A case silent about
what narrows the thing stays bound (core/qualifier.py: cases state what a relative clause says
in their own words, so only an explicit denial counts); a case naming the thing in a conjunct
without such a phrase stays bound too.
Measured (2026-11-30, session 17, fresh stores, with assistant/whole_referral.py): dev4 0.639 ->
0.667 (this one: nicotine vapes "no CBD in them" under a CBD policy, reject -> escalate), sample
0.870, dev 0.903, dev2 0.917, dev3 0.847, validation 0.702 unchanged (no per-case change; unsafe
1/95 and esc P/R 0.774/0.800 unchanged).
"""

from __future__ import annotations

import re

from policydesk.assistant.question import named_terms
from policydesk.core.terms import GENERIC, terms

# A list's conjuncts: commas, semicolons and coordinating conjunctions.
_CONJUNCT = re.compile(r"[,;]|\b(?:and|or|nor)\b", re.I)
# A phrase of having that narrows the thing before it, up to the conjunct's end.
_HAVING = re.compile(
    r"\b(?:(?:that|which|who)\s+(?:contains?|includes?|has|have|uses?|holds?)|containing|including|made\s+(?:with|from)|with)\s+(.+)$",
    re.I,
)
_NEGATED = re.compile(r"\b(?:no|not|none|without|free|non|never)\b|-free\b", re.I)


def denied_narrowing(quote: str, question: str, question_terms: set[str]) -> str | None:
    """Why a prohibition does not bind the case (see module doc), or None."""
    denied = terms(question) - named_terms(question)
    if not denied:
        return None
    flat = " ".join(quote.split())
    parts = [p for p in _CONJUNCT.split(flat) if p.strip()]
    found: list[tuple[str, set[str]]] = []
    for part in parts:
        named = (terms(part) - GENERIC) & question_terms
        if not named:
            continue
        m = _HAVING.search(part)
        if m is None or _NEGATED.search(m.group(0)):
            return None  # a thing of the rule the case names with nothing narrowing it away
        narrowing = terms(m.group(1)) - GENERIC
        if not (narrowing & denied) or (terms(part[: m.start()]) - GENERIC) & denied:
            return None
        if not ((terms(part[: m.start()]) - GENERIC) & question_terms):
            return None  # the case names only the narrowing, not the thing
        found.append((part.strip(), narrowing & denied))
    if not found:
        return None
    things = "; ".join(p for p, _ in found)
    lacks = ", ".join(sorted(set().union(*(d for _, d in found))))
    return f"it prohibits {things}, and the case says it has none of that ({lacks})"


__all__ = ["denied_narrowing"]
