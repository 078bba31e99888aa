"""What a prohibition's sentence says narrows the thing it bans: its restrictive qualifier.

"NFTs marketed as investments, with claims about resale value …" bans NFTs marketed so;
"Creators must not receive … free products … for featuring tobacco" bans gifts for one
purpose. The qualifier follows what it narrows, and is one of:

- a participle phrase right after a noun ("marketed as …", "sold to …", "made with …", "sold
  without the identity checks …"), not a
  verb of the sentence ("are prohibited in …", "is sold") nor one of the decision verbs; it
  narrows the noun phrase right before it ("mining pools" of "Cloud mining contracts, mining
  pools …");
- a purpose phrase: "for" and a gerund ("for featuring tobacco"); it narrows its whole clause;
- a role the verb gives its object ("must not offer contact lenses as free gifts"): it narrows
  that object, as a participle does.

A sentence of several clauses is read clause by clause: a qualifier narrows only words of its
own clause. Executed in assistant/prohibition_outcome.py (`unmet_qualifier`): a case naming the thing the
qualifier narrows and nothing the qualifier says is not shown to be what the sentence bans;
the prohibition then binds it as what must hold (restrict), not as a reason to reject.

Not a restrictive relative clause ("… neither is coaching that supplies or arranges them"),
though it narrows as a participle does: measured (2026-11-30, session 14) it fixed one dev2
case and turned two validation reject cases into restrict (validation 0.690 -> 0.685), as the
relative clause as a scope complement did before (core/clause_logic.py `_COMPLEMENT_OPENER`):
cases state what a relative clause says in their own words. The participle and purpose
readings moved no validation case and fixed two sample cases.

`said_only` reads the other "that" clause, one with its own subject ("a promise that creditors
will stop contacting the customer"): what the sentence says is said or promised.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from policydesk.core.casefacts import IRREGULAR_PARTICIPLES
from policydesk.core.keyword import STOPWORDS
from policydesk.core.terms import GENERIC, stem, terms


@dataclass(frozen=True)
class Qualifier:
    """One qualifier of a sentence: `before`, the words of its clause it narrows (stemmed),
    `words`, its own content words (stemmed), `text`, the clause up to the qualifier's end as
    written ("NFTs marketed as investments, with claims about resale value …")."""

    before: frozenset[str]
    words: frozenset[str]
    text: str


# Where one clause of a sentence ends and the next begins: a semicolon, or a comma before a
# coordinating conjunction ("…, and neither is …", "…, but …", "…, nor …").
_CLAUSE_SPLIT = re.compile(r";|,\s+(?:and|but|or|nor|while|whereas)\b|\.\s+", re.I)
# A list item's run-in label ("- **Performance-enhancing drugs:**") is a heading, not a clause.
_LABEL = re.compile(r"^\s*(?:[-*\u2022]\s*)?(?:\*\*[^*]{1,80}\*\*|[A-Z][\w ,'-]{0,60}:)\s*(?::\s*)?")
_AUX = frozenset(
    "will would can could may might must shall should do does did is are was were be been has have had "
    "not never won't can't cannot don't doesn't isn't aren't".split()
)
_DECISION_VERBS = frozenset(
    "allowed permitted prohibited banned accepted restricted required forbidden disallowed approved "
    "rejected reviewed limited excluded exempted exempt considered treated covered listed included "
    "based located registered licensed authorised authorized regulated".split()
)
_AUX_STEMS = frozenset(stem(w) for w in _AUX)
_FUNCTION = frozenset(STOPWORDS) | frozenset(
    "under over about after before during through without within against between among across via per like upon onto "
    "toward towards beyond beside besides except despite throughout behind below above near since until".split()
)
_BE = frozenset("is are was were be been being not never also aren't isn't wasn't weren't".split())
_PARTICIPLE = re.compile(r"\b([A-Za-z'-]+)\s+([a-z]+ed|" + "|".join(sorted(IRREGULAR_PARTICIPLES)) + r")\s+(?:as|to|by|with|without|for|through|via|towards?)\b")
_PURPOSE = re.compile(r"\bfor\s+([a-z]+ing)\b")
# A role the object is given ("must not offer contact lenses as free gifts, prizes or
# competition giveaways", "sell X as Y"): "as" after a verb and its object narrows that object
# to the role, as a participle does ("NFTs marketed as investments"). Not "as well as",
# "as long as", "as soon as", nor "such as" (examples, not a role).
_ROLE = re.compile(r"\b(?:must|may|can|should|shall|will|do|does|never)\s+(?:not\s+)?[a-z]+\s+(?:[A-Za-z0-9'-]+\s+){1,4}?(as)\s+(?!(?:well|long|soon|much|many|far|if|though|part|such)\b)", re.I)
# Where the qualifier ends: the verb of the sentence ("NFTs marketed as investments … are
# prohibited"), after the qualifier's first word.
_PREDICATE = re.compile(r",?\s+(?:is|are|was|were|will|must|may|can|cannot|can't|aren't|isn't|won't|should|shall)\b", re.I)


def _start(clause: str) -> tuple[int, bool] | None:
    """Where the clause's qualifier starts (the index of its opening word), and whether it
    narrows the noun phrase right before it (a participle) rather than the whole predicate (a
    purpose phrase); None when the clause has none."""
    found: list[tuple[int, bool]] = []
    for m in _PARTICIPLE.finditer(clause):
        noun, part = m.group(1).lower(), m.group(2).lower()
        if noun in _BE | _AUX | _FUNCTION or part in _DECISION_VERBS or noun.endswith("ly"):
            continue
        found.append((m.start(2), True))
    for m in _PURPOSE.finditer(clause):
        found.append((m.start(), False))
    for m in _ROLE.finditer(clause):
        if clause[: m.start(1)].rstrip().lower().endswith(("such", ",")) or re.search(r"\bas\b", clause[m.start(): m.start(1)], re.I):
            continue  # "such as", and the second "as" of "as well as"
        found.append((m.start(1), True))
    return min(found) if found else None


# What closes a noun phrase read backwards from its qualifier: punctuation, a function word,
# a verb of being or a modal, a conjunction ("mining pools" of "Cloud mining contracts,
# mining pools sold as …").
_NP_STOP = re.compile(r"[,;:()\u2013\u2014]|\s-\s|^-\s")


def _noun_phrase_before(head: str) -> tuple[str, str]:
    """`head` split into what precedes the noun phrase that ends it, and that noun phrase."""
    tokens = list(re.finditer(r"[,;:()\u2013\u2014]|[A-Za-z0-9][\w'.-]*", head))
    start = len(head)
    for t in reversed(tokens):
        w = t.group(0)
        if _NP_STOP.fullmatch(w) or w.lower() in _FUNCTION | _AUX | _BE | {"nor", "neither", "any", "all", "no"}:
            break
        start = t.start()
    return head[:start], head[start:]


@lru_cache(maxsize=16384)
def read_qualifiers(quote: str) -> tuple[tuple[Qualifier, ...], frozenset[str]]:
    """The restrictive qualifiers of a prohibition's sentence (one at most per clause), and
    the sentence's content words no qualifier narrows: every word of a clause outside what a
    qualifier narrows, and each qualifier's own words (a case naming those is one the
    qualifier speaks of)."""
    flat = _LABEL.sub("", " ".join(quote.split()), count=1)
    out: list[Qualifier] = []
    free: set[str] = set()
    for clause in _CLAUSE_SPLIT.split(flat):
        found = _start(clause)
        if found is None:
            free |= terms(clause) - GENERIC
            continue
        at, noun = found
        head, rest = clause[:at], clause[at:]
        first = re.match(r"\s*\S+", rest)
        end = _PREDICATE.search(rest, first.end() if first else 0)
        rest, tail = (rest[: end.start()], rest[end.start():]) if end else (rest, "")
        # A purpose phrase narrows its clause's predicate ("must not receive free products for
        # featuring tobacco"); in a clause with no verb, a list item of coordinated things ("3D-printed
        # gun files and instructions for making weapons"), it narrows only the thing it follows.
        verbal = any(w.lower() in _AUX for w in re.findall(r"[A-Za-z']+", head))
        lead, narrowed = _noun_phrase_before(head) if noun or not verbal else ("", head)
        before = frozenset(terms(narrowed) - GENERIC - _AUX_STEMS)
        own = frozenset(terms(rest) - GENERIC - before)
        if before and own:
            out.append(Qualifier(before=before, words=own, text=(narrowed + rest).strip(" ,.;:-")))
            free |= own | ((terms(lead) | terms(tail)) - GENERIC)
        else:
            free |= terms(clause) - GENERIC
    return tuple(out), frozenset(free)


# A "that" clause with its own subject ("a promise that creditors will stop contacting the
# customer", "claims that the product cures …"): what is said or promised, to the clause's end.
# "that" followed at once by a verb ("events that have not yet gone on sale") is a relative
# pronoun, the subject of its clause: nothing said.
_CONTENT_CLAUSE = re.compile(
    r"\bthat\s+(?!(?:will|would|can|could|may|might|must|shall|should|is|are|was|were|has|have|had|does|do|did|won't|can't|cannot|not|never)\b)"
    r"(?:(?:the|a|an|this|these|those|its|their|your|our|it|they|you|we|he|she)\s+)?(?:[A-Za-z'-]+\s+){0,2}?"
    r"(?:will|would|can|could|may|might|must|shall|should|is|are|was|were|has|have|had|does|do|did|won't|can't|cannot)\b[^,;.:()]*",
    re.I)


@lru_cache(maxsize=16384)
def said_only(quote: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """The content words of a sentence that occur only inside what it says is said or
    promised (a "that" clause with its own subject), and those clauses as written."""
    flat = " ".join(quote.split())
    spans = [m.group(0).strip() for m in _CONTENT_CLAUSE.finditer(flat)]
    if not spans:
        return frozenset(), ()
    inside = set().union(*(terms(sp) for sp in spans)) - GENERIC
    outside = terms(_CONTENT_CLAUSE.sub(" ", flat)) - GENERIC
    return frozenset(inside - outside), tuple(spans)


__all__ = ["Qualifier", "read_qualifiers", "said_only"]
