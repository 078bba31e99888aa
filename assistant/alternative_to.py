"""What the question names only as what the advertised thing replaces (issue 13).

"We do drone light shows as a quieter alternative to fireworks" is about drone shows, not
fireworks: "an alternative to X", "instead of X", "a substitute / replacement for X", "in place
of X" name X as what the thing is not. A question that reaches a policy only through such an X
(the policy's title or the clause's heading names X, and no other word of the question) is about
something the policy does not name; when no rule the question names by a word outside that X
applies either (only rules written for the whole policy, with no subject of their own, or none),
the policy's wording must not decide it: `escalate`, as for a subject no policy covers
(assistant/scope_gate.py). A thing that is a kind of a topic of the title ("sparklers as an
alternative to fireworks") stays with the policy.

Measured (2026-11-30, session 16, fresh stores, with assistant/policy_exclusion.py): dev 0.819
-> 0.847 (this one: drone light shows "as a quieter alternative to fireworks"), dev2, dev3,
sample, validation unchanged (no per-case change; unsafe and esc P/R too).

Right by construction: it reads one grammatical construction of the question and the policy's
own title and heading; a question naming the policy's topic anywhere else is left alone.
"""

from __future__ import annotations

import re

from policydesk.assistant import kind_scope
from policydesk.assistant.verdict_steps import Decided
from policydesk.core.casefacts import Advertised
from policydesk.core.literal_guard import guarded
from policydesk.core.terms import GENERIC, stem, terms

# The noun phrase after the construction ends at punctuation, a preposition or a conjunction.
_ALTERNATIVE = guarded(
    r"\b(?:alternatives?\s+to|instead\s+of|substitutes?\s+for|replacements?\s+for|in\s+place\s+of)\s+"
    r"((?:(?!(?:at|for|in|on|with|that|which|to|and|but|so|because|as|from|by|when|where|who)\b)[\w'-]+\s*){1,4})",
    re.I,
)


def replaced_terms(question: str) -> set[str]:
    """The terms the question names only as what the thing replaces: those of each "alternative
    to X" phrase's X that the question does not also use outside such a phrase."""
    found: set[str] = set()
    rest = question
    for m in _ALTERNATIVE.finditer(question):
        found |= terms(m.group(1))
        rest = rest.replace(m.group(0), " ", 1)
    return found - terms(rest) - GENERIC


def _title_words(title: str, section: str) -> set[str]:
    return terms(f"{title}\n{section}") - GENERIC


def only_as_alternative(decided: Decided, question: str, all_terms: set[str], thing: Advertised | None) -> str | None:
    """The words by which the question reaches the deciding clause's policy only as what the
    thing replaces (see module doc), else None."""
    if decided.verdict.decision == "escalate":
        return None
    replaced = replaced_terms(question)
    if not replaced:
        return None
    chunk = decided.deciding.chunk
    topics = _title_words(chunk.title, chunk.section)
    if not topics & replaced or topics & (all_terms - replaced):
        return None
    for run in decided.verdict.runs:
        if run.applicable and {stem(w) for w in run.named} - replaced:
            return None  # a rule whose own subject the question names otherwise
    title = [w for w in re.findall(r"[A-Za-z][A-Za-z-]+", chunk.title) if stem(w) not in GENERIC]
    if kind_scope.kind_term(thing, title) is not None:
        return None
    return ", ".join(sorted(topics & replaced))


__all__ = ["only_as_alternative", "replaced_terms"]
