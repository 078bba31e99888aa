"""The conduct a prohibition forbids, read from its sentence's head, and whether a case states it.

Two kinds of prohibition read alike as bags of words and differ in what they ban:

- a product or content ban ("Ads for payday loans are not allowed", "Ads can't show
  before-and-after photos"): what is banned is a thing the ad is for or carries, so a case
  that names the thing is what the ban is about;
- a conduct ban, whose head is an action ("You may not charge any fee before …",
  "Describing a game as "free" when …", "Requiring entrants to …", "Ads that encourage people
  to stop paying …"): what is banned is doing something. The nouns of its object ("fee",
  "settlement", "game", "creditors") are shared by every case about the business it
  governs; a case that only names them ("Can we run ads for our debt settlement program?")
  does not state the conduct, and the ban is not a reason to reject it. It is still what
  must hold, so the answer it gives is `restrict`, never `approve`.

The head is read from the sentence's structure, not from a list of topics: a gerund that
opens the sentence and takes an object, an advertiser subject ("you", "advertisers") with a
negative modal and a verb, or an ad subject with a relative clause ("Ads that encourage …").
Verbs of promoting a product (promote, advertise, sell, offer …) and of carrying content
(show, use, feature, include, claim, promise …) are not conduct in this sense: their object is the
product or the content itself, and naming it is stating it.

Measured (fresh stores, against HEAD without it): sample 0.825 = ; dev 0.556 -> 0.569 (a
general debt-settlement question now restrict); dev2 0.625 -> 0.639 (a free-to-play question
now restrict; a chess-tournament case reject -> restrict, labelled approve); dev3 0.542 = ;
validation 0.673 = (same confusion matrix); unsafe approvals unchanged on every pack. Dropped:
claim verbs (promise, guarantee) as conduct: "Ads that promise "zero energy bills" …" is a
claim ban, and a paraphrased claim need not repeat its words. A describing-as ban first
counted any use of its wording as stating it; that undid the circumstance ("as "free" when
players can't get past the first level …") a free-to-play question does not state.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policydesk.core.terms import GENERIC, stem, terms

_LEAD_IN = re.compile(r"^\s*(?:[-*\u2022]|\(?\d+(?:\.\d+)*[.)]?|\(?[a-z][.)])\s+")

# Verbs whose object is the product promoted or the content carried: naming the object is
# stating the practice (a product or content ban, see the module docstring).
_OBJECT_VERBS = frozenset(stem(w) for w in """
promote advertise market sell offer run provide supply distribute target serve list
show display depict feature include contain use make claim state say imply suggest portray present
promise guarantee assure
""".split())

# What a gerund takes right after it when it is an action with an object ("Describing a game",
# "Requiring entrants", "Encouraging people") rather than a noun modifier ("Gambling ads").
_OBJECT_START = r"(?:a|an|the|any|anyone|someone|people|users|customers|consumers|entrants|players|children|minors|them|your|their|its|this|these|those|that)"
_GERUND_HEAD = re.compile(rf"^([A-Za-z]{{3,}}ing)\s+{_OBJECT_START}\b", re.I)
_NEGATIVE_MODAL = r"(?:may not|must not|mustn't|cannot|can't|can not|should not|shouldn't|will not|won't|are not (?:allowed|permitted) to|aren't (?:allowed|permitted) to)"
_ADVERTISER_HEAD = re.compile(rf"^(?:you|advertisers?)\s+{_NEGATIVE_MODAL}\s+([a-z]+)\b", re.I)
_AD_RELATIVE_HEAD = re.compile(r"^(?:ads?|adverts?|advertisements?|advertising)\s+(?:that|which)\s+([a-z]+)\b", re.I)


# "Describing a membership as "no contract" or "cancel anytime" is fine only if …", "must not
# describe products as "replica", "AAA grade" …": the rule governs the wording it quotes after a
# verb of describing or naming.
_DESCRIBED_AS = re.compile(
    r"\b(?:describ\w*|call\w*|label\w*|referr?\w*\s+to|advertis\w*|market\w*|present\w*|promot\w*)\b[^.;:]{0,60}?\bas\s+"
    r"((?:[\"“][^\"”]{1,60}[\"”](?:\s*(?:,|\bor\b|\band\b)\s*)?)+)", re.I)
# "Claims of "up to" a particular speed are permitted provided …", "claims that "X" …": the
# rule governs making the claim it quotes, as a rule about describing something as it does.
_CLAIM_OF = re.compile(r"\bclaim(?:s|ing)?\s+(?:of|that)\s+((?:[\"“][^\"”]{1,60}[\"”](?:\s*(?:,|\bor\b|\band\b)\s*)?)+)", re.I)
_QUOTED = re.compile(r"[\"“]([^\"”]{1,60})[\"”]")


def described_wording(quote: str) -> list[str]:
    """The wording a rule governs when it is about describing something as quoted words, or
    about claims of quoted words."""
    return [w for pat in (_DESCRIBED_AS, _CLAIM_OF) for m in pat.finditer(quote) for w in _QUOTED.findall(m.group(1))]


@dataclass(frozen=True)
class Conduct:
    verb: str  # the action's verb as written ("charge", "Describing")
    phrase: str  # the verb and what follows it: the practice in the rule's own words


def conduct_of(quote: str) -> Conduct | None:
    """The conduct a prohibition's head forbids, or None when its head is a product or content."""
    text = _LEAD_IN.sub("", " ".join(quote.split()))
    for pattern in (_GERUND_HEAD, _ADVERTISER_HEAD, _AD_RELATIVE_HEAD):
        m = pattern.match(text)
        if m is None:
            continue
        verb = m.group(1)
        if stem(verb.lower()) in _OBJECT_VERBS or stem(verb.lower()) in GENERIC:
            return None
        return Conduct(verb=verb, phrase=text[m.start(1):].rstrip(" .;:"))
    return None


_CIRCUMSTANCE = re.compile(r"\b(?:when|whenever|where|if|unless|while)\b", re.I)


def _same(a: str, b: str) -> bool:
    return a == b or (len(a) >= 5 and len(b) >= 5 and (a.startswith(b) or b.startswith(a)))


def states_conduct(conduct: Conduct, question: str) -> bool:
    """Does the question state the conduct: its verb ("we charge fees only after …"), the
    quoted wording a describing-as ban governs (and its circumstance), or else at least half of
    the practice's own content words? Naming a noun of its object is not enough: "debt
    settlement" does not state charging a fee before a debt is settled."""
    asked = terms(question)
    if any(_same(stem(conduct.verb.lower()), q) for q in asked):
        return True
    wordings = [w for w in described_wording(conduct.phrase) if terms(w)]
    if wordings:
        # A describing-as ban is of its quoted wording, in the circumstance it names if any
        # ("… as "free" when players can't …"): the case states it when it uses the wording and
        # names half the circumstance's words.
        if not any(terms(w) <= asked for w in wordings):
            return False
        circumstance = _CIRCUMSTANCE.search(conduct.phrase)
        if circumstance is None:
            return True
        return _half_named(conduct.phrase[circumstance.end():], asked)
    return _half_named(conduct.phrase, asked)


def _half_named(text: str, asked: set[str]) -> bool:
    """Does the question name at least half the content words of `text` (a practice in its own
    words, as `execute.trigger_reason` reads a trigger)?"""
    words = {t for t in terms(text) if t not in GENERIC and not t.isdigit() and len(t) > 1}
    named = {t for t in words if any(_same(t, q) for q in asked)}
    return bool(words) and 2 * len(named) >= len(words)


def unstated_conduct(quote: str, question: str) -> str | None:
    """Why a conduct prohibition does not reject the case (it forbids an action the case does
    not state), or None when the prohibition is of a product or content, or the case states it."""
    conduct = conduct_of(quote)
    if conduct is None or states_conduct(conduct, question):
        return None
    words = conduct.phrase.split()
    short = " ".join(words[:10]) + (" …" if len(words) > 10 else "")
    return f"it forbids a practice ({short}) the case does not state, so it is what must hold"


__all__ = ["Conduct", "conduct_of", "described_wording", "states_conduct", "unstated_conduct"]
