"""A case that says the advertiser is not who a rule is written for.

"Installers that advertise installation services must hold …" is written for whoever installs:
its subject is an agent noun, the doer of a verb (installer <- install, lender <- lend, breeder
<- breed). A case saying the advertiser does not do that ("we don't install them", "we never
lend") or is not one ("we're not a lender") takes itself out of the rule's subject; the rule
does not bind it, as a market rule does not bind another market. A case that is silent about it,
or also says the advertiser does it ("we don't install batteries but we install panels", "our
installers"), stays bound.

Why it is right by construction: the agent noun is read from the rule's own subject and its verb
from WordNet (derivational links, else the noun less its -er/-or when that is a verb WordNet
knows); the denial is read from the case's grammar (the advertiser as the subject of a negated
verb or copula). No word list of subjects or verbs.
"""

from __future__ import annotations

import re
from functools import lru_cache

from policydesk.assistant.kind_scope import names_agent
from policydesk.core import lexicon
from policydesk.core.condition_reading import _AUDIENCE
from policydesk.core.terms import stem

# Who the case is about when it speaks of the advertiser.
_ADVERTISER = r"(?:we|i|they|the advertiser|the client|the company|the brand|the business|the seller|the retailer|our (?:company|business|firm|shop|store|brand|client))"
# A negated auxiliary before the verb ("we don't install", "we do not", "we never", "we no longer").
_NOT_DO = r"(?:(?:do|does|did|will|would|can|could)\s+not|(?:do|does|did|wo|would|ca|could)n't|cannot|never|no longer)"
# A negated copula before the agent noun ("we're not installers", "we aren't an installer").
_NOT_BE = r"(?:'re\s+not|'m\s+not|'s\s+not|\s+(?:are|am|is)\s+not|\s+(?:are|is)n't|\s+ain't)"
_AUDIENCE_WORD = re.compile(_AUDIENCE, re.I)
_FILLER = r"(?:(?:ourselves|themselves|actually|ever|even|also|really|directly|ourself|currently|ourselves)\s+)*"


def _fold(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").split())


@lru_cache(maxsize=4096)
def agent_verbs(noun: str) -> frozenset[str]:
    """The verb(s) an agent noun names the doer of ("installers" -> install, "lender" -> lend);
    empty for a noun that is no doer of a verb WordNet knows."""
    word = noun.lower()
    if _AUDIENCE_WORD.fullmatch(word):
        return frozenset()  # "users", "consumers": whom the ad reaches, never the advertiser
    singular = lexicon.lemmas(word, "n")
    if singular and not names_agent(word):
        return frozenset()  # a noun WordNet knows as a thing ("products"), not a person or group
    bases = set(singular) or {word.removesuffix("s")}
    out: set[str] = set()
    for base in bases:
        for form in lexicon.derived(base):
            if lexicon.lemmas(form, "v") and form in lexicon.lemmas(form, "v") and base.startswith(form[:-1] if form.endswith("e") else form):
                out.add(form)
        m = re.fullmatch(r"([a-z]{3,}?)(?:er|or)", base)
        if m:  # the verb the agent noun is made from ("builder" <- build, "installer" <- install)
            root = m.group(1)
            for cand in (root, root + "e", root[:-1] if len(root) > 3 and root[-1] == root[-2] else None):
                if cand and cand in lexicon.lemmas(cand, "v"):
                    out.add(cand)
    return frozenset(out)


def _is_verb(word: str, verbs: frozenset[str]) -> bool:
    w = word.lower()
    return any(v in lexicon.lemmas(w, "v") or stem(w) == stem(v) for v in verbs)


def _is_noun(word: str, noun: str) -> bool:
    return stem(word.lower()) == stem(noun.lower())


def denied_agent(heads: tuple[str, ...] | list[str], question: str) -> str | None:
    """The case's words saying the advertiser is not the doer a rule's subject names (`heads`:
    the head noun(s) of the rule's subject phrase), or None: silent, affirmed too, or the heads
    name no doer. Every head must be denied (a rule for "dealers and brokers" binds a broker)."""
    if not heads:
        return None
    q = _fold(question)
    evidence = []
    for head in heads:
        verbs = agent_verbs(head)
        if not verbs:
            return None
        found = _denied_act(verbs, q)
        for m in re.finditer(rf"\b{_ADVERTISER}{_NOT_BE}\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){{0,2}}?([a-z]+)\b", q, re.I):
            if _is_noun(m.group(1), head):
                found = found or m.group(0)
        if found is None or _affirmed(head, verbs, q):
            return None
        evidence.append(found)
    return "; ".join(dict.fromkeys(evidence))


def _affirmed(head: str, verbs: frozenset[str], q: str) -> bool:
    """Does the case also say the advertiser does the act or is the doer ("we install panels",
    "we're installers", "our installers")?"""
    for m in re.finditer(rf"\b{_ADVERTISER}\s+(?:(?:also|do|does|did|will|can|only|mainly|mostly|just)\s+)*{_FILLER}([a-z]+)\b", q, re.I):
        if _is_verb(m.group(1), verbs):
            return True
    for m in re.finditer(rf"\b{_ADVERTISER}(?:'re|'m|'s|\s+are|\s+am|\s+is)\s+(?!not\b|n't)(?:(?:also|an?|the|[\w-]+)\s+){{0,3}}?([a-z]+)\b", q, re.I):
        if _is_noun(m.group(1), head):
            return True
    return bool(head) and bool(re.search(rf"\b(?:our|my|their)\s+(?:[\w-]+\s+){{0,2}}?{re.escape(head.lower().rstrip('s'))}s?\b", q, re.I))


# The exemption's own narrowing clause: "Manufacturers … that do not install products themselves
# are not required to hold …" (a relative clause with a negated verb, before the exempting words).
_NOT_DOING = re.compile(r"\b(?:that|who|which)\s+(?:(?:do|does)\s+not|(?:do|does)n't|never)\s+([a-z]+)\b", re.I)


def exemption_met(quote: str, question: str) -> str | None:
    """The case's words meeting the negated clause an exemption narrows its subject by, or None.
    "Manufacturers … that do not install products themselves are not required to hold installer
    certification" frees from the duty only those who do not install; a case saying the
    advertiser does not install ("we make batteries but don't install them") is one of them,
    and the duty's credential is no condition of it. A case silent about it, or also saying the
    advertiser does it, is not shown to be one. Only for a sentence that exempts (core/reading.py
    `EXEMPTION`: "not required to", "need not", "do not need", "exempt from")."""
    from policydesk.core.reading import EXEMPTION

    flat = _fold(quote)
    exempt = EXEMPTION.search(flat)
    if exempt is None:
        return None
    m = _NOT_DOING.search(flat, 0, exempt.start())
    if m is None:
        return None
    verbs = frozenset(v for v in lexicon.lemmas(m.group(1), "v")) or frozenset({m.group(1).lower()})
    q = _fold(question)
    found = _denied_act(verbs, q)
    if found is None or _affirmed("", verbs, q):
        return None
    return found


def _denied_act(verbs: frozenset[str], q: str) -> str | None:
    for m in re.finditer(rf"\b{_ADVERTISER}\s+(?:(?:[\w'-]+\s+){{1,8}}?(?:but|and)\s+)?{_NOT_DO}\s+{_FILLER}([a-z]+)\b", q, re.I):
        if _is_verb(m.group(1), verbs):
            return m.group(0)
    return None


__all__ = ["agent_verbs", "denied_agent", "exemption_met"]
