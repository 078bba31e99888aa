"""A shared head is not a shared subject when the two qualify it apart (issue 13, session 14).

A rule governs a thing named by a noun phrase: a head and what narrows it, the classifying
nouns before it and a prepositional phrase after the coordination it is part of ("Ads offering
loans, leases or power purchase agreements for solar systems": loans for solar systems;
"software wallets": wallets of software). A case naming the head names the rule's thing only when it says nothing
that makes its own thing another kind of it. It does when its thing's head carries a
classifying noun modifier ("payday loan", "electric car lease": a noun, not an adjective, which
English uses to name a kind: "cheap", "new", "online" describe the loan, "payday" says which
loans), the rule narrows its head by a qualifier the case does not name, and the rule never
uses that modifier (nor does the policy's title, unless the rule writes its own classifying
noun right before the head: "law firms" beside a "claims firm" under a title naming claims
management, session 18) nor is the modifier a kind of the qualifier (WordNet,
assistant/kind_scope.py). A case with no modifier ("Loan ads in the US") or one the
rule's qualifier takes in is left to the rule.

Measured (2026-11-30, same stores, before -> after): dev 0.736, dev2 0.792, sample 0.836,
validation 0.690 unchanged (unsafe and escalation P/R too); dev3 0.722 -> 0.736 (a payday-loan
case under a solar policy's "loans … for solar systems" now escalates). Rules it sets aside on
dev and sample besides: "mould removal" beside "asbestos removal", "hardware wallet" beside
"software wallets" (verdicts unchanged).

Right by construction: only the noun-phrase grammar of both sides and the parts of speech
WordNet records; no list of words. A rule whose sentence repeats a pronoun for its thing
("These ads may only be shown …") gets its scope words from the sentence before at ingest
(core/clause_logic.py); its qualifier is read from that antecedent, found among the clause's
rules as the first with the same scope that writes the head.
"""

from __future__ import annotations

import re

from policydesk.assistant.kind_scope import SENSES
from policydesk.assistant.naming import names
from policydesk.core import lexicon
from policydesk.core.lexicon import classifying
from policydesk.core.casefacts import Advertised
from policydesk.core.terms import GENERIC, stem
from policydesk.core.types import Chunk, Rule

# Words that end a noun phrase or stand between a verb and its object: determiners, pronouns,
# prepositions, conjunctions, auxiliaries and modals (closed classes of English, no topic words).
_CLOSED = frozenset("""
a an the this that these those such any all each every some no other our your their its his her my
of for on in to with without by from at as into about under over than per via within
and or but nor either neither both
is are was were be been being am do does did has have had can could may might must shall should will would
who whom whose which what where when while if unless provided only not also
""".split())
_PREPOSITIONS_THAT_NARROW = frozenset({"for", "on"})
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'-]*|[,;:.()!?]")
_CONJ = frozenset({",", "or", "and", "and/or"})


def _tokens(text: str) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(text)]


def _content(tok: str, within: bool = False) -> bool:
    """An open-class word; outside a phrase an -ing word is taken for a verb ("offering")."""
    return tok[:1].isalpha() and tok not in _CLOSED and (within or not tok.endswith("ing"))


def qualifier(quote: str, head_stem: str) -> tuple[str, ...] | None:
    """The words narrowing the first noun of `quote` whose stem is `head_stem`: the classifying
    nouns before it in its own conjunct ("software wallets") and the object of a "for"/"on"
    phrase after the coordination it is part of ("loans, leases or … for solar systems"). None
    when the quote does not write the head; () when nothing narrows it.

    An adjective before the head is not counted: it may describe rather than sort ("cosmetic
    procedures", "second-hand sneakers" take in a case's "breast surgery" or "genuine sneakers"
    as often as not). Measured (2026-11-30): with adjectives too, validation lost a case
    (0.690 -> 0.685); classifying nouns only, none."""
    toks = _tokens(quote)
    at = next((i for i, t in enumerate(toks) if t[:1].isalpha() and stem(t) == head_stem), None)
    if at is None:
        return None
    out: list[str] = []
    i = at - 1
    while i >= 0 and _content(toks[i]) and at - i <= 4:
        if classifying(toks[i]):  # "software wallets", not "cosmetic procedures": see `qualifier`
            out.insert(0, toks[i])
        i -= 1
    j = at + 1
    # The rest of the coordination: ", leases or power purchase agreements".
    while j < len(toks):
        k = j
        while k < len(toks) and toks[k] in _CONJ:
            k += 1
        if k == j or k >= len(toks):
            break
        m = k
        while m < len(toks) and _content(toks[m]) and m - k < 4:
            m += 1
        if m == k:
            break
        j = m
    if j < len(toks) and toks[j] in _PREPOSITIONS_THAT_NARROW:
        m = j + 1
        # Inside the phrase an -ing word is a modifier ("for sailing boats"), not a verb of the sentence.
        while m < len(toks) and (toks[m] in ("a", "an", "the") or _content(toks[m], within=True)) and m - j <= 5:
            if _content(toks[m], within=True):
                out.append(toks[m])
            m += 1
    return tuple(w for w in out if stem(w) not in GENERIC)


def _compound(quote: str, head_stem: str, qual: tuple[str, ...]) -> bool:
    """Does `quote` write its first `head_stem` noun right after a classifying noun of `qual`
    ("law firms")?"""
    toks = _tokens(quote)
    at = next((i for i, t in enumerate(toks) if t[:1].isalpha() and stem(t) == head_stem), None)
    return at is not None and at > 0 and toks[at - 1] in qual


def _antecedent_quotes(rule: Rule, chunk: Chunk) -> list[str]:
    """The rule's own sentence, then those of the clause's rules with the same scope (a
    sentence whose subject points back got its scope from one of them at ingest). The first
    that narrows the head gives its qualifier: "These ads … ads for solar leases …" writes the
    head with an adjective only, the sentence it points back to narrows it ("… for solar
    systems")."""
    quotes = [rule.quote]
    for other in (*chunk.logic, *chunk.rules):
        if other.id != rule.id and other.scope == rule.scope and other.quote not in quotes:
            quotes.append(other.quote)
    return quotes


def kind_of_any(word: str, qual: tuple[str, ...]) -> bool:
    """Is the modifier a kind of a word of the qualifier ("car" of "vehicles", "tea" of "food")?
    (scope_gate.py asks it of every word a clause writes: "army" of "the armed forces".)
    Any sense of the qualifier counts, however general: here kind-of keeps a rule the case may
    be for, it does not widen a rule's reach (as assistant/kind_scope.py `kind_term` does)."""
    try:
        return any(lexicon.lemmas(q, "n") and lexicon.is_kind_of(word, q, SENSES, None) for q in qual)
    except lexicon.LexiconUnavailable:
        return False


def other_kind(rule: Rule, chunk: Chunk, thing: Advertised | None, question_terms: set[str],
               title_terms: set[str]) -> str | None:
    """Why the case's thing, sharing only its head with the rule's subject, is another kind of
    that head than the rule governs; None when it may be the rule's. A word is named by the
    answerer's stem test (assistant/naming.py `names`)."""
    if thing is None or not thing.dependents or not thing.head:
        return None
    head = stem(thing.head)
    for quote in _antecedent_quotes(rule, chunk):
        qual = qualifier(quote, head)
        if not qual:
            continue  # not written here, or not narrowed here: the sentence it points back to may
        if any(names(stem(w), question_terms) for w in qual):
            return None
        # The policy's title names what its rules may be about, so a modifier it names is no
        # other kind, unless the rule writes its own classifying noun right before the head
        # ("law firms"): a "claims firm" is then another compound of the head, whatever topics
        # the title lists (noun compounds are head-final: each noun before the head says which).
        written = {stem(t) for t in _tokens(quote) if t[:1].isalpha()} | (frozenset() if _compound(quote, head, qual) else title_terms)
        mods = [d for d in thing.dependents if "-" not in d and classifying(d) and stem(d) not in written
                and not names(stem(d), written) and not kind_of_any(d, qual)]
        if not mods:
            return None
        return (f'the case\'s "{thing.phrase}" is another kind of {thing.head} than the '
                f'{" ".join(qual)} {thing.head} it governs')
    return None


__all__ = ["classifying", "kind_of_any", "other_kind", "qualifier"]
