"""A prohibition of what its doer must not do, and a case that is only that doer.

"Gold Buyers must not offer to buy dental gold, crowns or fillings that are still in a person's
mouth, or military medals and decorations" is written for gold buyers and bans an act: its
subject names who is bound, its predicate what is forbidden. A prohibition without conditions is
read at ingest with every content word of its sentence as its scope (core/clause_logic.py
`prohibition_scope`), so a case that is a gold buyer ("We pay £38 per gram for 9 carat gold")
named its subject and was rejected, though it names nothing the sentence forbids. Such a rule
binds the case as one who must not do the act; the case does not do it, and the rule is set
aside, as one whose things the case does not name is (assistant/execute.py `_things_unnamed`).

Read by construction, from the sentence's grammar: its subject and predicate are split as for
every other reading (core/clause_logic.py `_subject_and_rest`); the predicate must open with a
negated modal and a verb of doing ("must not offer", "may not charge", "cannot promise"), not
"be"/"have" ("Tattoo kits must not be sold …" makes its subject the banned thing); the subject's
head must name a doer (an agent noun of a verb WordNet knows, or a person or group noun:
assistant/denied_agent.py `agent_verbs`, assistant/kind_scope.py `names_agent`); and every word
of the rule's scope the case names must stand in the subject and nowhere in the predicate. A
case naming any word of the act or of its object stays bound, and so does a rule with
conditions (those are executed as they are).
"""

from __future__ import annotations

import re

from policydesk.assistant.denied_agent import agent_verbs
from policydesk.assistant.kind_scope import names_agent
from policydesk.core.clause_logic import _subject_and_rest, rule_heads
from policydesk.core.terms import GENERIC, stem, terms

# A negated modal opening the predicate, and the verb after it.
_NEGATED_ACT = re.compile(
    r"^\s*(?:(?:must|may|shall|should|can|will|do|does)\s+(?:not|never)|cannot|can't|mustn't|shan't|shouldn't|won't|don't|doesn't)\s+"
    r"(?:(?:ever|knowingly|directly|actively)\s+)?([a-z]+)\b",
    re.I,
)
# Verbs of being or having: "must not be sold" bans its subject as a thing, not an act of it.
_STATE_VERBS = frozenset("be been being have has get become appear seem remain".split())


def doer_only(quote: str, named: list[str]) -> str | None:
    """Why a prohibition of what its doer must not do does not bind a case that names only the
    doer (see module doc), or None. `named`: the words of the rule's scope the case names."""
    if not named:
        return None
    flat = " ".join(quote.split())
    split = _subject_and_rest(flat)
    if split is None:
        return None
    subject, predicate = split
    act = _NEGATED_ACT.match(predicate)
    if act is None or act.group(1).lower() in _STATE_VERBS:
        return None
    heads = rule_heads(flat)
    if not heads or not all(agent_verbs(h) or names_agent(h) for h in heads):
        return None
    own = terms(subject) - GENERIC
    said = terms(predicate) - GENERIC
    stems = {stem(w) for w in named}
    if not stems <= own or stems & said:
        return None
    return (f"it is written for {' and '.join(heads)} and forbids what they do ({predicate.strip().rstrip('.')}); "
            f"the case names only the doer ({', '.join(named)}), nothing of what it forbids")


__all__ = ["doer_only"]
