"""A prohibition whose every word the case names only to deny it.

"Must not show a blade pointed at or used against a person" and "We don't plan to use any age
targeting": the case shares the word "use" with the sentence, and says it does not do it. A
prohibition without conditions is read at ingest with every content word of its sentence as its
scope (core/clause_logic.py `prohibition_scope`), so a shared word bound the case, even one the
case names only under a negation. A word named only inside a negation's reach is one the case
says it does not have: when every word of the rule the case names is such a word, the rule is
set aside as about another subject (assistant/execute.py `run_rule`), as one whose things the
case does not name is.

Read by construction: the negation's reach is core/restated.py `negation_split` (from the
negating word to the end of its clause). What the ad itself says is affirmed whatever its
words: a quotation ("'No win, no fee'") and a claim the case reports (core/casefacts.py
`read_claims`: "ad says no prescription needed") are its content, not the case denying it.
A word also named outside a negation, or a word of the same meaning named there (WordNet
`related`), keeps the rule.
Measured (2026-11-30, session 18, fresh stores, with assistant/doer_only.py): dev4 0.750
unchanged (a kitchen knife case "We don't plan to use any age targeting" reject -> restrict, its
other rules still restricting), sample 0.881, dev 0.903, dev2 0.917, dev3 0.847, dev5 0.556,
validation 0.702 (confusion, unsafe approvals 1/95 and escalation P/R unchanged).
"""

from __future__ import annotations

from policydesk.core import lexicon
from policydesk.core.casefacts import read_claims
from policydesk.core.quotes import quoted, without_quotations
from policydesk.core.restated import negation_split
from policydesk.core.terms import GENERIC, stem, terms


def named_only_to_deny(named: list[str], question: str) -> str | None:
    """The words of a prohibition the case names, when it names every one of them only to deny
    it ("We don't plan to use any age targeting" and "Must not show a blade … used against a
    person"), or None. A word the case names under a negation's reach (core/restated.py
    `negation_split`, to the end of its clause) is one it says the case does not have; a word
    it also names outside one, in a quotation (ad copy says what it says: "'No win, no fee'"),
    or in a claim the case reports (core/casefacts.py `read_claims`) is one it has. Only an
    exact word (its stem) counts as denied; a word of the same meaning named elsewhere counts
    as affirmed, so a doubt keeps the rule."""
    if not named:
        return None
    bare = without_quotations(question)
    kept, negated = negation_split(bare)
    said = " ".join(quoted(question)) + " " + " ".join(read_claims(question))
    affirmed = terms(" ".join(kept)) | terms(said)
    denied = terms(" ".join(negated))
    found = []
    for w in named:
        t = stem(w)
        if t not in denied:
            return None
        if t in affirmed or any(lexicon.related(w, a) for a in affirmed if a not in GENERIC):
            return None
        found.append(w)
    return f"the case names what it prohibits ({', '.join(found)}) only to say it does not have it"


__all__ = ["named_only_to_deny"]
