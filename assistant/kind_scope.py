"""Kind-of scope (issue 13, design 4): is the advertised thing a kind of what a policy governs?

A rule's scope words and a policy's stated topics name categories ("Drinks that combine alcohol
with caffeine", "Fireworks and pyrotechnics"); the advertiser names a member ("vodka + energy
premix", "Same sparkler ad ..."). Shared words cannot tell that a sparkler is a firework; WordNet's
hypernym chain can (core/lexicon.py, the `@`/`@i` pointers: sparkler -> firework -> low explosive
...). Only a real hypernym chain counts, never similarity or a shared gloss word.

Used one way, in scope by kind (`kind_term`): a rule whose scope words do not name the advertised
thing still covers it when the thing is a kind of one of them (assistant/scope_reason.py
`scope_reason`), and a clause in the relevance band has scope evidence when the thing is a kind
of a topic its policy's title, its heading or a scope statement names, or of a word of one of its
rules' subjects (assistant/ranking.py `scope_evidence`). Measured (2026-11-30, fresh stores): dev
0.583 -> 0.597 (a sparkler under the fireworks policy), dev2, dev3, sample, validation unchanged.

Measured and dropped (2026-11-30): the other way, uncovered by kind. When the thing's name is a
noun WordNet knows, not one naming the advertiser (a kind of person, organization or place of
business), and neither its head nor its name nor any of its specific ancestors is a word of the
answering policies (titles, headings, the clauses at hand, scope statements, definitions),
escalate naming it. It escalated 4 dev/sample escalation cases right (a SIM-only phone plan
under mobile games, driving lessons under car sales, credit repair) and 30 right answers wrong:
sample 0.831 -> 0.780, dev 0.597 -> 0.528, dev2 0.681 -> 0.639, dev3 0.653 -> 0.528. Half are the
question's thing misread ("ad say", "headline", "energy drink here"); the rest name the thing by
an aspect or a product WordNet does not link to the policy's words ("300mg caffeine pills" under
caffeinated products, "diet pills", "meal replacement shakes", "phone stickers" that block 5G,
"online roulette"). Requiring besides that a modifier of the thing be a policy word (the case
reached the policy through it: "pet insurance") would, read off the per-case results (not run),
still keep about 20 of those. WordNet's hypernyms say what a
thing is a kind of, not which products a policy's category takes in.
Re-measured (2026-11-30, session 12) after the question reader stopped taking the ad's own words
for the thing (reporting clauses "ad says", ad-format nouns "headline"/"copy"/"banner", deictic
"here", a verb after "can we": core/casefacts.py): still dropped. It fixed 3 (two car-pack
escalations, credit repair) and broke 19: sample 0.836 -> 0.791, dev 0.653 -> 0.625, dev2 0.736 ->
0.708, dev3 0.667 -> 0.611, validation 0.690 -> 0.637. What is left is mostly the kind gap above
("caffeine pills", "fish oil", "phone stickers", "VW Golf" read as the sport, "animal shelter"),
plus anaphora ("Same ... setup") and a few misreads ("Planning to launch", "studio opening").

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
`is_specific_kind_of`). And only within the semantic domain (lexicographer file) of the thing's
sense: a chain that leaves it reaches what the thing is made of or how it acts, not its kind. A
hard seltzer is a "liquid" (noun.substance) as well as a drink (noun.food); without this the
caffeine-powder rule ("sold as a powder or liquid") took in a hard-seltzer question under the
energy-drinks policy (dev: an escalation turned restrict).
"""

from __future__ import annotations

from functools import lru_cache

from policydesk.core import lexicon
from policydesk.core.casefacts import Advertised, read_advertised
from policydesk.core.terms import GENERIC, stem

SENSES = 2


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


def is_kind(noun: str, category: str) -> bool:
    """Is `noun` a specific kind of `category` (both nouns, their two most frequent senses;
    `lexicon.is_specific_kind_of`)? False when WordNet is not available."""
    if not _available():
        return False
    return _is_kind(noun.lower(), category.lower())


@lru_cache(maxsize=4096)
def noun_word(word: str) -> bool:
    """Does WordNet know `word` as a noun? False when WordNet is not available."""
    if not _available():
        return False
    return bool(lexicon.lemmas(word.lower(), "n"))


# Lexicographer files of WordNet's nouns that name who acts: noun.group (14), noun.person (18).
_AGENT_FILES = frozenset({14, 18})


@lru_cache(maxsize=4096)
def names_agent(noun: str, top: int = 1) -> bool:
    """Whether the noun's most frequent sense (one of its `top` most frequent) is a person or a
    social group ("dealer", "retailer", "provider", "company", "school"): a compound with it as
    head names who advertises by what they deal in ("gold bullion dealer"), and its modifiers
    are the thing. False when WordNet is not available or does not know the noun."""
    if not _available():
        return False
    sids = lexicon._sids(noun.lower(), "n", top)
    files = lexicon._load()["lexfile"]
    return any(files[s] in _AGENT_FILES for s in sids)


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


__all__ = ["SENSES", "advertised", "is_kind", "kind_term", "name_of", "names_agent", "noun_word", "thing_name"]
