"""A prohibition of what its doer must not do, and a case that is only that doer.

"Gold Buyers must not offer to buy dental gold, crowns or fillings that are still in a person's
mouth, or military medals and decorations" is written for gold buyers and bans an act: its
subject names who is bound, its predicate what is forbidden. A prohibition without conditions is
read at ingest with every content word of its sentence as its scope (core/clause_logic.py
`prohibition_scope`), so a case that is a gold buyer ("We pay £38 per gram for 9 carat gold")
named its subject and was rejected, though it names nothing the sentence forbids. Such a rule
binds the case as one who must not do the act; the case does not do it, and the rule is set
aside, as one whose things the case does not name is (assistant/prohibited_things.py `things_unnamed`).

Read by construction, from the sentence's grammar: its subject and predicate are split as for
every other reading (core/clause_logic.py `subject_and_rest`); the predicate must open with a
negated modal and a verb of doing ("must not offer", "may not charge", "cannot promise"), not
"be"/"have" ("Tattoo kits must not be sold …" makes its subject the banned thing); the subject's
head must name a doer (an agent noun of a verb WordNet knows, or a person or group noun:
assistant/denied_agent.py `agent_verbs`, assistant/kind_scope.py `names_agent`); and every word
of the rule's scope the case names must stand in the subject and nowhere in the predicate, and
the case must name no word of the predicate in any words (`_act_named`), the subject's own
words and its doer's verb aside. A case naming any word of the act or of its object stays bound,
and so does a rule with conditions (those are executed as they are).
Measured (2026-11-30, session 18, fresh stores): dev5 0.542 -> 0.556 (a gold buyer saying only
what it pays per gram), sample 0.881, dev 0.903, dev2 0.917, dev3 0.847, dev4 0.750 and validation
0.702 unchanged (confusion, unsafe approvals 1/95 and escalation P/R unchanged); a first version
that did not ask `_act_named` approved a sample reject case ("Creator paid by a vape brand …"
under "Creators must not receive payment … for featuring tobacco, e-cigarettes …").
"""

from __future__ import annotations

import re

from policydesk.assistant.denied_agent import agent_verbs
from policydesk.assistant.kind_scope import names_agent
from policydesk.core import lexicon
from policydesk.core.clause_logic import subject_and_rest, rule_heads
from policydesk.core.terms import GENERIC, stem, terms

# A negated modal opening the predicate, and the verb after it.
_NEGATED_ACT = re.compile(
    r"^\s*(?:(?:must|may|shall|should|can|will|do|does)\s+(?:not|never)|cannot|can't|mustn't|shan't|shouldn't|won't|don't|doesn't)\s+"
    r"(?:(?:ever|knowingly|directly|actively)\s+)?([a-z]+)\b",
    re.I,
)
# Verbs of being or having: "must not be sold" bans its subject as a thing, not an act of it.
_STATE_VERBS = frozenset("be been being have has get become appear seem remain".split())


def doer_only(quote: str, named: list[str], question: str, title: set[str] | frozenset[str] = frozenset()) -> str | None:
    """Why a prohibition of what its doer must not do does not bind a case that names only the
    doer (see module doc), or None. `named`: the words of the rule's scope the case names;
    `title`: the policy title's stemmed words."""
    if not named:
        return None
    flat = " ".join(quote.split())
    split = subject_and_rest(flat)
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
    if _act_named(predicate, own, heads, question, title):
        return None
    return (f"it is written for {' and '.join(heads)} and forbids what they do ({predicate.strip().rstrip('.')}); "
            f"the case names only the doer ({', '.join(named)}), nothing of what it forbids")


def _act_named(predicate: str, own: set[str], heads: tuple[str, ...], question: str, title) -> bool:
    """Does the case name a word of what the predicate forbids, other than the subject's own
    words and the verb its doer noun is made from ("buy" of "buyers": what every buyer does)?
    Named by stem or a word of the same meaning (WordNet `related`: "paid" / "payment"), or, for
    a word of the policy's title, by any title word ("receive payment … for featuring tobacco"
    under "Tobacco and vaping" and "paid by a vape brand"): the title's words are one topic."""
    doing = {stem(v) for h in heads for v in agent_verbs(h)}
    words = {w for w in re.findall(r"[a-z][\w'-]+", predicate.lower()) if w not in _STATE_VERBS}
    words = {w for w in words if (t := stem(w)) not in GENERIC and t not in own and t not in doing and len(w) > 2}
    asked = set(re.findall(r"[a-z][\w'-]+", question.lower()))
    asked_stems = {stem(a) for a in asked}
    topic = set(title) - GENERIC
    for w in words:
        t = stem(w)
        if t in asked_stems or (t in topic and topic & asked_stems):
            return True
        if any(len(a) > 2 and stem(a) not in GENERIC and lexicon.related(w, a) for a in asked):
            return True
    return False


__all__ = ["doer_only"]
