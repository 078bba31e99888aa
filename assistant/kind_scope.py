"""Kind-of scope (issue 13, design 4): is the advertised thing a kind of what a policy governs?

A rule's scope words and a policy's stated topics name categories ("Drinks that combine alcohol
with caffeine", "Fireworks and pyrotechnics"); the advertiser names a member ("vodka + energy
premix", "Same sparkler ad ..."). Shared words cannot tell that a sparkler is a firework; WordNet's
hypernym chain can (core/lexicon.py, the `@`/`@i` pointers: sparkler -> firework -> low explosive
...). Only a real hypernym chain counts, never similarity or a shared gloss word.

Both ways:
- in scope by kind (`kind_term`): a rule whose scope words do not name the advertised thing still
  covers it when the thing is a kind of one of them (assistant/execute.py `_scope_reason`), and a
  clause in the relevance band has scope evidence when the thing is a kind of a topic its policy's
  title, its heading, a scope statement or one of its rules' subjects names (assistant/ranking.py
  `scope_evidence`);
- uncovered by kind (`governed_by`, used by assistant/scope_gate.py): when the thing's name is a
  noun WordNet knows and neither it nor any of its (specific) ancestors is a word of the answering
  policies, no policy governs it, whatever other words of the question the rules matched.

Which senses: the first `SENSES` (2) of each word, in the index's order. WordNet lists a word's
senses most frequent first; a question or a rule uses a word in a common sense, and each further
sense adds readings nobody means in an ad ("sparkler" is first a diamond; "shooter" a marble),
whose chains link words by accident. One alone is too few: WordNet 3.3 puts the army camp
(laager) before the beer for "lager". Words whose wanted sense comes later are missed (in 3.3
"bourbon" is a whisky only in its fourth sense): a miss leaves the answer to the other evidence.

Which categories: a scope word covers by kind only through a sense that is neither one of
WordNet's unique beginners (the 51 synsets of noun.Tops: entity, object, artifact, substance,
food, act, person, ...) nor directly below one (beverage, commodity, item, activity, material,
agent): those name a whole semantic domain or its first division, which a great share of all
nouns reach, so reaching them says nothing about a particular policy (core/lexicon.py
`is_specific_kind_of`). The same ancestors are left out of `governed_by`.

Who is named: a head that names the advertiser, not the thing (a person, an organization, a place
of business: "fireworks shop", "debt management plan provider", "UK retailer"), says nothing of
what is advertised; `names_advertiser` lets the gate stay silent there.
"""

from __future__ import annotations

from functools import lru_cache

from policydesk.core import lexicon
from policydesk.core.casefacts import Advertised, read_advertised
from policydesk.core.terms import GENERIC, stem

SENSES = 2
# What an advertiser is (WordNet's first sense of each): a head that is a kind of one names who
# advertises, not what.
_AGENTS = ("person", "organization", "place of business")


@lru_cache(maxsize=4096)
def advertised(question: str) -> Advertised | None:
    return read_advertised(question)


def _available() -> bool:
    try:
        lexicon.data_dir()
        return True
    except lexicon.LexiconUnavailable:
        return False


@lru_cache(maxsize=4096)
def thing_name(phrase: str, head: str, modifier: str) -> str | None:
    """The most specific name of the advertised thing WordNet knows as a noun: the whole phrase
    ("life insurance"), else the head with its last modifier ("payday loan" is not in WordNet),
    else the head ("loan"); None when WordNet knows none (a brand, "gacha", "VPN")."""
    if not _available():
        return None
    names = [phrase]
    if modifier:
        names.append(f"{modifier} {head}")
    names.append(head)
    for name in dict.fromkeys(n.replace("-", " ") for n in names):
        if name and lexicon.lemmas(name, "n"):
            return name
    return None


def name_of(thing: Advertised | None) -> str | None:
    if thing is None:
        return None
    return thing_name(thing.phrase.lower(), thing.head.lower(), thing.dependents[-1].lower() if thing.dependents else "")


@lru_cache(maxsize=65536)
def _is_kind(name: str, category: str) -> bool:
    return lexicon.is_specific_kind_of(name, category, SENSES, SENSES)


def kind_term(thing: Advertised | None, words) -> str | None:
    """The first of `words` (scope words, topics as written) the advertised thing is a kind of,
    else None. A topic of several words counts only when WordNet knows it whole ("energy drink"
    is not a "drink" topic: its modifier narrows it)."""
    name = name_of(thing)
    if name is None:
        return None
    for w in words:
        cat = " ".join(w.lower().replace("-", " ").split())
        if not cat or stem(cat) in GENERIC or not lexicon.lemmas(cat, "n"):
            continue
        if _is_kind(name, cat):
            return w
    return None


@lru_cache(maxsize=4096)
def names_advertiser(name: str) -> bool:
    return any(lexicon.is_kind_of(name, agent, SENSES, 1) for agent in _AGENTS)


@lru_cache(maxsize=4096)
def _kinds(name: str) -> tuple[frozenset[str], ...]:
    """The stems of the thing's own name and of the lemmas of its specific ancestors (each as
    the set of its words' stems)."""
    out = {frozenset(stem(p) for p in name.split())}
    for lemma in lexicon.specific_hypernym_closure(name, SENSES):
        out.add(frozenset(stem(p) for p in lemma.split()))
    return tuple(out)


def governed_by(thing: Advertised | None, policy_terms: set[str]) -> bool | None:
    """Does a policy whose words (stems) are `policy_terms` name the advertised thing or a kind
    it is of? None when that cannot be told: no thing read, a name WordNet does not know, or a
    head that names the advertiser."""
    name = name_of(thing)
    if name is None or names_advertiser(name):
        return None
    if stem(thing.head.lower()) in policy_terms:
        return True
    return any(k <= policy_terms for k in _kinds(name))


__all__ = ["SENSES", "advertised", "governed_by", "kind_term", "name_of", "names_advertiser", "thing_name"]
