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
    # a hyphened word of the thing is its parts too ("at-home" says "home")
    own |= {stem(p.lower()) for w in thing.dependents if "-" in w for p in w.split("-") if p}
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


def _more_specific(thing: Advertised, exclusions: list[str], reach: list[str]) -> str | None:
    """An excluded phrase that names the thing and says more than every phrase of the reach
    that names it: "cremation services" are the policy's, "pet cremation" is not, and a pet
    crematorium is the latter (the specific statement decides over the general one)."""
    stems_of = lambda ws: {stem(w) for w in ws}  # noqa: E731
    general = [stems_of(ws) for phrase in reach for ws in conjuncts(phrase) if all(_names(w, thing) for w in ws)]
    if not general:
        return None
    for phrase in exclusions:
        for ws in _head_conjuncts(phrase):
            if all(_names(w, thing) for w in ws) and all(g < stems_of(ws) for g in general):
                return phrase
    return None


_HAVING = {"contains", "contain", "containing", "has", "have", "having", "with", "includes", "including", "featuring"}


def _before_having(thing: Advertised) -> Advertised:
    """The thing up to a verb of having its phrase ran past ("self-tan lotion contains SPF 30
    sunscreen" is a lotion: the sunscreen is what it contains, not what it is)."""
    words = list(thing.dependents)
    cut = next((i for i, w in enumerate(words) if w.lower() in _HAVING), None)
    if cut is None or cut == 0:
        return thing
    head, deps = words[cut - 1], tuple(words[: cut - 1])
    return Advertised(phrase=" ".join((*deps, head)), head=head, dependents=deps, heads=(head,))


def _head_only(thing: Advertised) -> Advertised:
    """The thing without its modifiers, kept only when a seller names it ("rifle dealer" deals
    in rifles: its modifiers are the thing dealt in)."""
    if _dealt_in(thing) is not None:
        return thing
    return Advertised(phrase=thing.head, head=thing.head, dependents=(), heads=(thing.head,))


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
    if thing is None or not thing.head or not exclusions:
        return None
    thing = _before_having(thing)
    # Naming by the head outranks naming by a modifier: a hair-loss standard's "hair" (its title)
    # names "human hair wigs" only by a modifier, while "This standard does not cover wigs"
    # names its head, so the exclusion stands; a reach word naming the head keeps the thing.
    if (specific := _more_specific(thing, exclusions, reach)) is not None:
        return specific
    head = _head_only(thing)
    if _own(head, list(reach)):
        return None
    own = _own(thing, list(reach))
    for phrase in exclusions:
        for ws in _head_conjuncts(phrase):
            if all(_names(w, thing) for w in ws) and (not own or any(_names(w, head) for w in ws)):
                return phrase
    return None


# A conjunct's words after its head's post-modifier ("mobility scooters for people with limited
# mobility", "apps that track cycles") say whom or what the thing is for; the thing is named by
# the words before it.
_POST = {"for", "that", "which", "who", "whose", "with", "used", "intended", "designed"}


def _head_conjuncts(phrase: str) -> list[list[str]]:
    """`conjuncts`, each cut before its post-modifier."""
    out = []
    for part in _CONJUNCTS.split(_AD_FOR.sub("", phrase)):
        raw = re.findall(r"[A-Za-z][A-Za-z'-]*", part)
        cut = next((i for i, w in enumerate(raw) if i >= 1 and w.lower() in _POST and _content(" ".join(raw[:i]))), len(raw))
        if ws := _content(" ".join(raw[:cut])):
            out.append(ws)
    return out


_NEGATION = re.compile(r"\b(?:no|not|never|without|don't|doesn't|isn't|aren't|unlike|instead\s+of|rather\s+than|alternative\s+to)\b(?:\W+\w+){0,3}\W*$", re.I)


def excluded_in_words(question: str, exclusions: list[str], reach: list[str] = ()) -> str | None:
    """For a question whose advertised thing could not be read ("We offer payday loans up to
    £500 …"): the first excluded phrase one of whose conjuncts the question says word for word
    (the same stems, in order, adjacent), not under a negation just before it, else None. A
    conjunct made only of words the policy says it covers ("gold" of "gold and silver bullion"
    in a gold-buying policy) says nothing the policy does not also claim, and is skipped."""
    tokens = [(m.start(), stem(m.group(0).lower())) for m in re.finditer(r"[A-Za-z][A-Za-z'-]*", question)]
    stems = [t for _, t in tokens]
    covered = {stem(w) for phrase in reach for ws in conjuncts(phrase) for w in ws}
    for phrase in exclusions:
        for ws in _head_conjuncts(phrase):
            want = [stem(w) for w in ws]
            if set(want) <= covered:
                continue
            for i in range(len(stems) - len(want) + 1):
                if stems[i : i + len(want)] == want and not _NEGATION.search(question[: tokens[i][0]]):
                    return phrase
    return None


def policy_excludes(decided: Decided, thing: Advertised | None, corpus: CorpusFacts, question: str = "") -> str | None:
    """The phrase by which the policy of the clause that decided the verdict excludes the
    advertised thing from its reach, else None (an escalation stands as it is). With no thing
    read, an excluded phrase the question says word for word (`excluded_in_words`)."""
    if decided.verdict.decision == "escalate":
        return None
    chunk = decided.deciding.chunk
    exclusions = corpus.exclusions.get(chunk.source, [])
    if not exclusions:
        return None
    reach = [chunk.title, *corpus.reach.get(chunk.source, []), *corpus.scope.get(chunk.source, [])]
    if thing is None:
        return excluded_in_words(question, exclusions, reach) if question else None
    return excluded_by(thing, exclusions, reach)


__all__ = ["conjuncts", "excluded_by", "excluded_in_words", "policy_excludes"]
