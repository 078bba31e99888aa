"""A rule written for one kind of advertiser does not decide a case that says it is another kind
(session 22).

Many policy sentences open with who they bind, not with what the ad is for: "Letting agents
advertising in GB must belong to …", "Claims management companies in the United Kingdom must be
authorised …", "PBSA operators … must be members of …". The subject is a noun phrase whose head
names a person or an organisation (WordNet's noun.person / noun.group, assistant/kind_scope.py)
and whose modifiers say which ones ("letting", "claims management"). A case that says what it is
("I'm a private landlord …", "We're a wholesale supplier …", "SRA regulated family law firm.")
names its own kind the same way. When the case's kind is neither the rule's head nor a kind of it
(WordNet hypernyms: a "solicitor" is a "lawyer"), and the case does not name the rule's whole
subject anywhere else, the sentence binds someone the case is not: it is set aside, whatever
words (a "letting", a "claims") the two share.

Right by construction: only the grammar of an English subject (the words before its verb, after
its determiner) and WordNet's parts of speech and hypernyms; no list of trades. Kept narrow:
the rule's subject must carry a modifier (a bare "Advertisers must …" or "Companies must …"
binds everyone), and a case whose own head is a general word for a business ("company",
"business") names its kind only with a noun modifier ("family law firm", not "small company").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from policydesk.assistant.kind_scope import _available, advertised, is_kind, names_agent
from policydesk.core import lexicon
from policydesk.core.casefacts import AD_NOUNS
from policydesk.core.markets import find_mentions
from policydesk.core.terms import stem, terms


@dataclass(frozen=True)
class Kind:
    """Who is meant: the head noun ("agents") and the words before it ("letting")."""

    head: str
    modifiers: tuple[str, ...]

    @property
    def phrase(self) -> str:
        return " ".join((*self.modifiers, self.head))


# Where a sentence's subject ends: a modal or finite verb, a relative or participle opening a
# post-modifier, or a preposition starting a market or place phrase (closed classes of English).
_SUBJECT_END = re.compile(
    r"\b(?:must|may|can|cannot|can't|should|shall|will|are|is|need|needs|have|has|do|does|who|that|which|whose"
    r"|in|within|across|outside|from|for|of|on|at|with|without|based|when|where|if|unless)\b"
    r"|\b\w+ing\b|[,;:(]",
    re.I,
)
_DETERMINER = re.compile(r"^(?:a|an|the|all|any|each|every|some|only)\s+", re.I)
_WORD = re.compile(r"^[A-Za-z][A-Za-z'-]*$")
# English agentive suffixes: a noun whose second sense only is a person ("agent", "operator")
# names who acts when it is built as a doer's noun.
_AGENTIVE = re.compile(r"(?:er|or|ist|ian|gent)$")
# Words for anyone at all, and closed-class words that are no modifier of a kind.
_NOBODY = frozenset(stem(w) for w in "advertiser anyone someone people person user client customer we".split())
_CLOSED_FIRST = frozenset("in on at for of to from by with within across outside under must may can should shall will where when if unless".split())
_CLOSED = frozenset("other such these those this that our your their its no not only".split())
# General words for a business: naming one of them says a case is a business, not which kind.
_GENERAL_HEADS = frozenset(stem(w) for w in "company business firm organisation organization brand startup team shop store agency provider service seller retailer advertiser operator".split())


def _who(noun: str) -> bool:
    """Whether a rule's head noun names who acts: its most frequent sense is a kind of person or
    organisation (WordNet hypernyms), or one of its two most frequent is a person or group and
    the noun is built as a doer's ("agents", "operators"). Not any sense: "blades", "pledges",
    "pages" have a rare person sense."""
    if not _available():
        return False
    one = _singular(noun)
    if any(lexicon.is_kind_of(one, cat, 1) for cat in ("person", "organization")):
        return True
    return names_agent(noun, 2) and bool(_AGENTIVE.search(one))


@lru_cache(maxsize=4096)
def rule_kind(quote: str) -> Kind | None:
    """The kind of advertiser a rule's sentence opens with, or None: the words before its verb
    (and before a participle or a place phrase: "Letting agents advertising in GB must …"),
    its determiner dropped, when the last is a noun naming a person or group and at least one
    modifier stands before it. A quotation, a number or a clause number in the subject is no
    advertiser kind."""
    text = re.sub(r"^\s*(?:(?:[A-Z]?\d+(?:\.\d+)*\.?|\([a-z0-9]+\)|\[[^\]]*\])\s+)+", "", quote.strip())
    text = _DETERMINER.sub("", text)
    first = re.match(r"\S+", text)
    # A first word in -ing is a modifier ("Letting agents"), not the participle ending it.
    end = _SUBJECT_END.search(text, first.end() if first else 0)
    if end is None or end.group(0) == ",":
        return None  # no verb, or a list ("Publishers, conferences and courses are …")
    words = text[: end.start()].strip().split()
    if find_mentions(" ".join(words)):
        return None  # "United States: …": a market, not who advertises
    if not 2 <= len(words) <= 4 or not all(_WORD.match(w) for w in words):
        return None
    if any(w.lower() in ("and", "or", "nor") for w in words):
        return None  # a coordination names several kinds; left to the scope words
    head = words[-1].lower()
    if words[0].lower() in _CLOSED_FIRST:
        return None  # "In the United States, …", "Must state …": no subject before the verb
    if stem(head) in _NOBODY or not _who(head):
        return None
    mods = tuple(w.lower() for w in words[:-1])
    if any(m in _CLOSED or m in AD_NOUNS for m in (*mods, head)):
        return None  # "Ads shown to minors", "The headline monthly price …": about ads, not who
    return Kind(head, mods)


_SELF = re.compile(r"\b(?:i'm|i am|we're|we are|as)\s+(?:an?\s+)?((?:[A-Za-z][\w'-]*\s+){0,4}?[A-Za-z][\w'-]*)(?=\s*(?:[.,;:!?)]|$|\s+(?:in|of|for|from|based|who|that|and|with|on|at|here)\b|\s+\w+ing\b))", re.I)


@lru_cache(maxsize=4096)
def case_kind(question: str) -> Kind | None:
    """The kind of advertiser the case says it is, or None: "I'm a private landlord letting …",
    "We're a wholesale supplier of …", or the thing the question opens with when its head names
    a person or group ("SRA regulated family law firm. …"). A general word for a business names
    a kind only with a noun modifier."""
    found: Kind | None = None
    m = _SELF.search(question)
    if m:
        words = [w.lower() for w in m.group(1).split()]
        if words and words[0] in ("not", "no", "never"):
            return None  # "We're not solicitors": what it is not, not what it is
        if words and names_agent(words[-1]):
            found = Kind(words[-1], tuple(words[:-1]))
    if found is None:
        # The thing the question opens with, as its own phrase ("SRA regulated family law
        # firm. …"); a thing named later is what the advertiser sells ("… promote our readers").
        thing = advertised(question)
        opens = thing is not None and question.lower().lstrip(" '\"").startswith(thing.phrase.lower())
        if opens and thing.head and names_agent(thing.head):
            found = Kind(thing.head.lower(), tuple(d.lower() for d in thing.dependents))
    if found is None or stem(found.head) in _NOBODY:
        return None
    if stem(found.head) in _GENERAL_HEADS and not any(lexicon.classifying(w) for w in found.modifiers):
        return None
    return found


def _singular(noun: str) -> str:
    if not _available():
        return noun
    forms = lexicon.lemmas(noun, "n")
    return forms[0] if forms else noun


def other_advertiser(quote: str, question: str, question_terms: set[str]) -> str | None:
    """Why a rule binding one kind of advertiser does not bind the case, which says it is
    another kind; None when it is that kind, a kind of it, names the rule's whole subject, or
    either side names no kind."""
    rule = rule_kind(quote)
    if rule is None:
        return None
    case = case_kind(question)
    if case is None:
        return None
    if all(t in question_terms for t in terms(rule.phrase)):
        return None  # the case names the rule's whole subject ("a claims management company")
    if {stem(m) for m in rule.modifiers} & {stem(m) for m in case.modifiers}:
        return None  # it says it is one of them by the rule's own modifier ("a letting agency")
    r_head, c_head = _singular(rule.head), _singular(case.head)
    if stem(r_head) == stem(c_head) or is_kind(c_head, r_head):
        # Same head: the rule's modifiers say which ones; a case naming none of them and
        # carrying its own is another kind only when it names a modifier the rule lacks.
        named = [m for m in rule.modifiers if stem(m) in question_terms]
        own = [m for m in case.modifiers if lexicon.classifying(m) and stem(m) not in {stem(r) for r in rule.modifiers}]
        if named or not own:
            return None
        if stem(r_head) != stem(c_head):
            return None  # a kind of the rule's head: the rule's modifiers may still take it in
    return f'it binds {rule.phrase}, and the case is a {case.phrase}'


__all__ = ["Kind", "case_kind", "other_advertiser", "rule_kind"]
