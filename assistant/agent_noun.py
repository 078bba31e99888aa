"""The doer the case says the advertiser is (issue 13, restrict cases escalated): "We buy gold
and want to run ads" under "Gold buyers must hold anti-money-laundering registration …".

A rule is often written for a doer, an agent noun made from a verb ("buyer", "seller",
"lender", "dealer", "baker", "shipper"); a question often says what the advertiser does with
the verb itself ("we buy gold", "I'm selling", "we lend"). The scope check (assistant/naming.py
`names`) links a stem to a word derived from it only for stems of five letters or more, so
that a short stem is not matched inside an unrelated word ("art" in "artist", "car" in
"career"); the short verbs of trade ("buy", "sell", "lend", "deal", "ship") are then never
linked to their doers, and a case that says what it does escalates as uncovered.

The construction read here is narrow and right by construction: the question's own subject
is the advertiser ("we", "I", "we're", "I'm", with at most one adverb between: "we also buy")
and the next word is a verb; its agent noun (verb + "er"/"r", the final consonant doubled after a
short vowel: "ship" -> "shipper"; "y" after a consonant read as "i": "supply" -> "supplier")
is a word the question names, for the rules of a clause that writes that agent noun. It adds
words only; it decides nothing by itself (the rule's conditions still run, and a case denying
the doing, "we don't install", is read by assistant/denied_agent.py before this matters).
Measured (2026-11-30, session 18): moves one dev5 case ("We buy gold …") from escalate to the
gold-buyer rules, where a ban on what gold buyers buy then rejects it (labelled restrict: the
doer-only reading of such bans is another helper's); every other pack and validation unchanged.
"""

from __future__ import annotations

import re
from functools import lru_cache

from policydesk.core.keyword import STOPWORDS
from policydesk.core.terms import stem, terms

# "we buy", "we're buying", "I'm selling", "we also buy", "we are a firm" is no verb (stopword).
_DOING = re.compile(r"\b(?:we|i)(?:'re|'m|\s+are|\s+am)?\s+(?:(?:[a-z]+ly|also|only|just|now|still|already)\s+)?([a-z]{2,})\b", re.I)
_VOWELS = set("aeiou")


def _base(word: str) -> str:
    """The verb's base form from a present or progressive form ("buys", "buying", "baking")."""
    w = word.lower()
    if w.endswith("ing") and len(w) > 5:
        b = w[:-3]
        if len(b) >= 3 and b[-1] == b[-2] and b[-1] not in _VOWELS and b[-1] not in "ls":
            return b[:-1]  # "shipping" -> "ship"
        return b
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        return w[:-1]
    return w


def agent_nouns(verb: str) -> set[str]:
    """The agent nouns a verb's base form makes, as written ("buy" -> buyer; "bake" -> baker;
    "ship" -> shipper; "supply" -> supplier)."""
    v = verb.lower()
    out = {v + "er", v + "r" if v.endswith("e") else v + "er"}
    if len(v) >= 3 and v[-1] not in _VOWELS | {"w", "x", "y"} and v[-2] in _VOWELS and v[-3] not in _VOWELS:
        out.add(v + v[-1] + "er")
    if v.endswith("y") and len(v) > 2 and v[-2] not in _VOWELS:
        out.add(v[:-1] + "ier")
    return out


@lru_cache(maxsize=1024)
def _doings(question: str) -> tuple[str, ...]:
    """The base forms of the verbs the question's advertiser subject does."""
    out = []
    for m in _DOING.finditer(question):
        word = m.group(1)
        if word.lower() in STOPWORDS:
            continue
        out.append(_base(word))
    return tuple(dict.fromkeys(out))


def doer_terms(question: str, text: str) -> set[str]:
    """The stems of the agent nouns `text` (a clause) writes whose verb the question says the
    advertiser does ("We buy gold" and "Gold buyers must …": {"buyer"}); empty when none."""
    doings = _doings(question)
    if not doings:
        return set()
    written = {w.lower() for w in re.findall(r"[A-Za-z]+", text)}
    written |= {w[:-1] for w in written if w.endswith("s")}
    out: set[str] = set()
    for verb in doings:
        for noun in agent_nouns(verb):
            if noun in written:
                out |= terms(noun) or {stem(noun)}
    return out


__all__ = ["agent_nouns", "doer_terms"]
