"""A case that says, in one statement, that the ad carries everything a requirement asks for.

Why: moderators rarely repeat a clause's list of required wording; they write "official rules
link has everything the policy lists", "risk/consultation/14-day cooling-off wording all in",
"all the required disclosures are included", "everything else is compliant". Such a statement
is a fact about the ad: it carries the required content. A disclosure requirement the case
states no other way then stayed unknown and the case was answered `restrict` though it says
the requirement is met.

What such a statement meets, by construction:
- only a requirement to carry or state something (`requires:disclosure`): never a number, an
  age, a market, a credential, a window or a claim ban, which the case's own facts decide;
- only when the statement is affirmed (no negation before it in its clause, not asked:
  "do we need all the required wording?") and only after the case's own words are read for the
  requirement: a case that says the ad leaves the item out is `unmet` before this is asked;
- a statement that names what it covers ("risk/consultation wording all in", "the official
  rules link has everything") meets only a requirement that shares a content word with what
  it names; one naming nothing but the ad ("all required disclosures are in the ad",
  "everything else is compliant") covers every disclosure requirement of the clauses it is
  asked of.
"""

from __future__ import annotations

import re

from policydesk.core.negation import negation_pattern
from policydesk.core.terms import GENERIC, same_stem, terms

# The content a requirement makes the ad carry, as a moderator names it in bulk.
_CONTENT = r"(?:wording|words|disclosures?|statements?|warnings?|disclaimers?|information|details|text|labels?|notices?|lines?|copy)"
_PRESENT = r"(?:in|included|in place|shown|present|there|covered|done|displayed|on the ad|in the ad|ticked)"
_CARRY = r"(?:show|shows|showing|include|includes|including|included|carry|carries|carrying|has|have|having|with|got|display|displays|contain|contains|covers?)"
_REQUIRED = r"(?:required|necessary|mandatory|needed|relevant|listed)"

_BLANKET = re.compile(
    # "we include all the required wording", "with all mandatory disclosures"
    rf"\b{_CARRY} all (?:of )?(?:the )?(?:{_REQUIRED} )?{_CONTENT}\b"
    # "all (the required) disclosures (are) included", "all the required wording is in place"
    rf"|\ball (?:of )?(?:the )?(?:{_REQUIRED} )?{_CONTENT} (?:(?:are|is) )?(?:all )?{_PRESENT}\b"
    # "risk/consultation wording all in", "disclosures all present"
    rf"|\b{_CONTENT} (?:(?:are|is) )?all {_PRESENT}\b"
    # "has everything the policy lists", "covers everything required"
    rf"|\b{_CARRY} everything (?:(?:that )?(?:the|your|this) (?:policy|policies|rules?|clause|section) (?:lists|list|requires|require|asks for|needs|sets out|names)|{_REQUIRED})\b"
    # "everything else (in the ad) is compliant"
    r"|\beverything else (?:in the ad |on the ad |about the ad )?(?:is )?(?:compliant|complete|in place|covered|in order)\b",
    re.I,
)
# "except", "apart from", "but not", "missing": what a blanket statement leaves out
_NEGATION = negation_pattern("missing", "lacks?", "except", "apart from", "but not")
_CLAUSE_START = re.compile(r"[,;.?!()]|\b(?:but|and|while|though|although|however)\b", re.I)
_ASKED = re.compile(r"^\s*(?:do|does|did|is|are|should|must|shall|would|will|can|could|need)\b", re.I)
# Words of a statement that name only the ad or the advertiser, not a part of what is required.
_BARE = frozenset({"ad", "ads", "advert", "creative", "copy", "it", "we", "our", "everyth", "all", "els", "the"})


def _clause_before(question: str, start: int) -> str:
    """The text of the statement's clause before it (back to a comma, a parenthesis, "and")."""
    before = question[:start]
    cuts = [m.end() for m in _CLAUSE_START.finditer(before)]
    return before[cuts[-1] :] if cuts else before


def _sentence_of(question: str, start: int) -> str:
    begin = max(question.rfind(c, 0, start) for c in ".?!") + 1
    return question[begin:]


def blanket_statement(question: str) -> tuple[str, frozenset[str]] | None:
    """The case's statement that the ad carries all the required content, and the content
    words it names as what it covers (empty: it covers every disclosure requirement); None
    when the case makes no such statement, negates it or asks it."""
    for m in _BLANKET.finditer(question):
        before = _clause_before(question, m.start())
        if _NEGATION.search(before) or _NEGATION.search(m.group(0)):
            continue
        sentence = _sentence_of(question, m.start())
        if _ASKED.match(sentence) and sentence.rstrip().endswith("?"):
            continue  # "do we need all the required wording?" asks; it states nothing
        named = frozenset(t for t in terms(before) if t not in GENERIC and t not in _BARE
                          and not re.fullmatch(_CONTENT + r"|\d+", t, re.I)
                          and not any(same_stem(t, w) for w in ("wording", "disclosure", "statement", "warning", "disclaimer",
                                                                "information", "detail", "label", "notice", "everything", "require",
                                                                "necessary", "mandatory", "include", "policy", "compliant", "complete")))
        return m.group(0), named
    return None


def blanket_carries(requirement: str, question: str) -> str | None:
    """The case's blanket statement (`blanket_statement`) when it covers the disclosure that
    `requirement` (a clause's sentence) asks for: it names nothing but the ad, or it names a
    content word of the requirement. None otherwise."""
    found = blanket_statement(question)
    if found is None:
        return None
    said, named = found
    if not named:
        return said
    wanted = {t for t in terms(requirement) if t not in GENERIC}
    if any(same_stem(n, w) or n == w for n in named for w in wanted):
        return said
    return None


__all__ = ["blanket_carries", "blanket_statement"]
