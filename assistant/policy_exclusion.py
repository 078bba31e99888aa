"""A policy's own scope exclusions, executed against the advertised thing (issue 13).

A policy may say what it does not govern: "Gambling and lottery products are not covered by this
policy" (a sweepstakes policy), "This policy does not apply to X", "X fall outside this policy"
(read at commit: core/corpus_facts.py `policy_exclusions`). When the clause that decided a
verdict belongs to such a policy and the case's advertised thing (core/casefacts.py
`read_advertised`) is one the policy excludes, the policy itself says it gives no answer: the
verdict is `escalate`, whatever its clauses' wording shares with the question ("Online casino:
100 free spins welcome bonus ... does that fit under giveaways?" answered reject from the
sweepstakes ban on paid entry, through "free").

When the thing is one the policy excludes: every content word of one conjunct of the excluded
phrase ("gambling" of "gambling products", "lottery" of "lottery products"; the generic heads
"products", "services", "ads for" say nothing of what kind) names the thing, each word by one of:
it is a word of the thing's phrase ("casino" of "online casino" against "casino games"); the
thing is a kind of it (WordNet's hypernyms, assistant/kind_scope.py: "lottery ticket" under
"lottery"); or a specific ancestor of the thing in WordNet is a compound modified by it (a casino
is a "gambling house": a house for gambling, so a gambling thing). A thing named by its seller
("rifle dealer") is taken for what the seller deals in as well. Every word, so a modifier of
the excluded phrase narrows it ("non-alcoholic drinks are not covered" does not take in beer).

A thing the policy names as its own is never excluded: a word of its title or of what it says it
applies to ("This policy applies to ads for sweepstakes and prize draws ...") that names the thing
in the same three ways keeps it (WordNet's sweepstakes is a kind of lottery and of gambling).

Measured (2026-11-30, session 16, fresh stores, with assistant/alternative_to.py): dev 0.819 ->
0.847 (this one: a casino's free spins under a sweepstakes policy excluding gambling), dev2 0.889,
dev3 0.833, sample 0.870, validation 0.690 (unsafe 1/95, esc P/R 0.774/0.800) unchanged, no
per-case change there.

Right by construction: it reads only what the policy states about its own reach and the
advertised thing; a question that names no thing, or a thing the policy does not exclude, is
left to the other steps.
"""

from __future__ import annotations

import re

from policydesk.assistant import kind_scope
from policydesk.assistant.verdict_steps import Decided
from policydesk.core import lexicon
from policydesk.core.casefacts import AD_NOUNS, Advertised
from policydesk.core.corpus_facts import CorpusFacts
from policydesk.core.keyword import STOPWORDS
from policydesk.core.terms import GENERIC, stem

# A conjunct ends at a list's comma or a coordinating conjunction.
_CONJUNCTS = re.compile(r",|\b(?:and|or|nor)\b|/", re.I)
# "ads for X", "advertising of X": the words about the ad itself are no part of what is excluded.
_AD_FOR = re.compile(r"^.*?\b(?:ads?|adverts?|advertising|advertisements?|promotions?)\s+(?:for|of|about)\s+", re.I)


def _content(phrase: str) -> list[str]:
    words = [w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'-]*", phrase)]
    return [w for w in words if w not in STOPWORDS and w not in AD_NOUNS and stem(w) not in GENERIC]


def conjuncts(phrase: str) -> list[list[str]]:
    """The content words of each conjunct of an excluded phrase ("Gambling and lottery products"
    -> [["gambling"], ["lottery"]]); a conjunct left with none is dropped."""
    phrase = _AD_FOR.sub("", phrase)
    return [ws for part in _CONJUNCTS.split(phrase) if (ws := _content(part))]


def _dealt_in(thing: Advertised) -> Advertised | None:
    """What a thing named by its seller deals in ("rifle dealer", "casino company": a head naming
    a person or a social group, assistant/kind_scope.py `names_agent`): its modifiers, the last
    one as head."""
    if not thing.dependents or not kind_scope.names_agent(thing.head):
        return None
    deps = thing.dependents
    return Advertised(phrase=" ".join(deps), head=deps[-1], dependents=tuple(deps[:-1]), heads=(deps[-1],))


def _names(word: str, thing: Advertised) -> bool:
    """Does `word` of an excluded phrase name the advertised thing (see module doc), or what the
    seller it names deals in?"""
    if (dealt := _dealt_in(thing)) is not None and _names(word, dealt):
        return True
    own = {stem(w.lower()) for w in (thing.head, *thing.dependents)}
    if stem(word) in own:
        return True
    name = kind_scope.name_of(thing)
    if name is None:
        return False
    if kind_scope.is_kind(name, word):
        return True
    try:
        ancestors = lexicon.specific_hypernym_closure(name, kind_scope.SENSES)
    except lexicon.LexiconUnavailable:
        return False
    # An ancestor written as a compound ("gambling house") modified by the word.
    return any(" " in a and stem(word) in {stem(m) for m in a.split()[:-1]} for a in ancestors)


def _own(thing: Advertised, reach: list[str]) -> bool:
    """Does the policy name the thing as its own (a word of its title or of what it says it
    applies to names it, by word or by kind)? WordNet's sweepstakes is a lottery, yet a
    sweepstakes policy excluding "lottery products" governs sweepstakes by name."""
    words = [w for phrase in reach for ws in conjuncts(phrase) for w in ws]
    if any(_names(w, thing) for w in words):
        return True
    # Leaning towards keeping: an ancestor of the thing written as the same word in another
    # form (a raffle is a "drawing"; the policy applies to "prize draws").
    name = kind_scope.name_of(thing)
    try:
        ancestors = lexicon.specific_hypernym_closure(name, kind_scope.SENSES) if name else frozenset()
    except lexicon.LexiconUnavailable:
        return False
    stems = {stem(a) for a in ancestors if " " not in a}
    return any(stem(w) in stems for w in words)


def excluded_by(thing: Advertised | None, exclusions: list[str], reach: list[str] = ()) -> str | None:
    """The first excluded phrase one of whose conjuncts names the thing in every content word,
    else None; None too when `reach` (the policy's title and what it says it applies to) names
    the thing."""
    if thing is None or not thing.head or not exclusions or _own(thing, list(reach)):
        return None
    for phrase in exclusions:
        if any(all(_names(w, thing) for w in ws) for ws in conjuncts(phrase)):
            return phrase
    return None


def policy_excludes(decided: Decided, thing: Advertised | None, corpus: CorpusFacts) -> str | None:
    """The phrase by which the policy of the clause that decided the verdict excludes the
    advertised thing from its reach, else None (an escalation stands as it is)."""
    if decided.verdict.decision == "escalate" or thing is None:
        return None
    chunk = decided.deciding.chunk
    exclusions = corpus.exclusions.get(chunk.source, [])
    if not exclusions:
        return None
    reach = [chunk.title, *corpus.reach.get(chunk.source, []), *corpus.scope.get(chunk.source, [])]
    return excluded_by(thing, exclusions, reach)


__all__ = ["conjuncts", "excluded_by", "policy_excludes"]
