"""The things a prohibition's sentence bans, read as noun phrases, and how the case's advertised
thing stands to them (issue 13).

Why a module: a prose prohibition without conditions is read at ingest with every content word
of its sentence as its scope (core/clause_logic.py `prohibition_scope`), so a case sharing one
word anywhere in it would be rejected. What a prohibition bans is the things its subject names
(`prohibited_things`); a case naming none of them, whose shared words lie only in what the
sentence says of them, is not one it bans (`things_unnamed`); and whether the advertised thing
is one of them, another thing, or unknown (`thing_relation`) lets precedence set a ban on
another thing aside beside a permission naming the case's own (assistant/precedence.py
`another_thing`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from policydesk.assistant.kind_scope import advertised, kind_term, name_of, noun_word
from policydesk.assistant.naming import names
from policydesk.assistant.scope_reason import named_words
from policydesk.core import lexicon
from policydesk.core.casefacts import read_claims, read_named_things
from policydesk.core.clause_logic import rule_subject
from policydesk.core.conduct import described_wording
from policydesk.core.quotes import quoted
from policydesk.core.terms import GENERIC, stem, terms
from policydesk.core.types import Chunk, Rule


_ITEM_LEAD = re.compile(r"^\s*(?:[-*\u2022]\s+|\(?\d+(?:\.\d+)*[.)]\s+|\(?[a-z][.)]\s+)")


_BOLD_LABEL = re.compile(r"^(?:\*\*|__)([^*_]{2,60}?)[:.]?(?:\*\*|__)\s*[:.]?\s+")


# "…, and neither is coaching that supplies or arranges them": one more prohibited thing, added
# after the verb; when a relative clause ties it back to the things named before ("them",
# "these"), it is that thing only as tied to them.
_NEITHER = re.compile(r"[,;]?\s*(?:and\s+)?(?:neither|nor)\s+(?:is|are)\s+(.+)$", re.I)


_TIED_BACK = re.compile(r"\b(?:that|which|who|where)\b[^.;]*\b(?:them|these|those|such (?:products|items|things|substances))\b", re.I)


def prohibited_things(quote: str) -> list:
    """The things a prohibition's sentence names as its subject (core/casefacts.py
    `read_named_things`: each conjunct, "such as" members too), with the bold label of a list
    item ("**Performance-enhancing drugs:** …") and a thing the sentence adds by "neither is X"
    when X is not tied back to them by a relative clause."""
    text = _ITEM_LEAD.sub("", " ".join(quote.split()))
    things = []
    if (label := _BOLD_LABEL.match(text)) is not None:
        things += _things_named(label.group(1))
        text = text[label.end():]
    things += _things_named(text)
    if (more := _NEITHER.search(text)) is not None and not _TIED_BACK.search(more.group(1)):
        things += _things_named(more.group(1))
    return things


@lru_cache(maxsize=4096)
def _things_named(text: str) -> tuple:
    return tuple(read_named_things(text))


def _read_as_noun(word: str) -> bool:
    """Is a head read from a sentence a noun: one WordNet knows as a noun, or a word it knows
    in no class (an acronym: "SARMs")? A head WordNet knows only as an adjective or a verb form
    ("pure", "chance-based", "betting") is a misreading of the phrase, and its sentence's
    things are not read."""
    w = word.lower().split("-")[-1]
    if noun_word(w):
        return True
    try:
        return "-" not in word and not lexicon.lemmas(w, "a") and not lexicon.lemmas(w, "v")
    except lexicon.LexiconUnavailable:
        return False


def _thing_named(thing, question_terms: set[str], title: set[str]) -> bool:
    """A thing is named by its head, or by every modifier that narrows it, the policy's title
    words (its whole topic) and generic ad words aside ("payday" names "payday loans";
    "credit" of a credit repair policy does not name "a guaranteed credit score increase")."""
    if names(stem(thing.head), question_terms):
        return True
    mods = {stem(w) for d in thing.dependents for w in re.findall(r"[a-z0-9]+", d.lower())} - GENERIC - title
    return bool(mods) and all(names(m, question_terms) for m in mods)


# A clause that says more of a thing ("a promise that creditors will stop …").
_SAYS_MORE = re.compile(r"\b(?:that|which|who|whose|where|when|without|unless)\b", re.I)


_EXAMPLES_FROM = re.compile(r"\b(?:such as|including|e\.g\.|for example|for instance)\s+", re.I)


def _inside_said_of(word: str, text: str, examples: bool = True) -> bool:
    """Does `word` stand only where a prohibition says more of its things, not where it names
    one: in a clause describing one of the examples it lists ("Guaranteed results, such as …
    or a promise that creditors will stop contacting the customer"), or in a thing added by
    "neither is …" that a relative clause ties back to the things named before ("… and
    neither is coaching that supplies or arranges them")?"""
    lowered = text.lower()
    hits = [m.start() for m in re.finditer(rf"\b{re.escape(word.lower())}\b", lowered)]
    if not hits:
        return False
    spans: list[tuple[int, int]] = []
    if (more := _NEITHER.search(text)) is not None and _TIED_BACK.search(more.group(1)):
        spans.append((more.start(), len(text)))
    if examples and (ex := _EXAMPLES_FROM.search(text)) is not None and (said := _SAYS_MORE.search(text, ex.end())) is not None:
        stop = re.search(r"[,;]\s*(?:or|and)?\s*(?:an?|the)\b|[.;]", text[said.end():])
        spans.append((said.start(), said.end() + stop.start() if stop else len(text)))
    return all(any(a <= h < b for a, b in spans) for h in hits)


def things_unnamed(rule: Rule, chunk: Chunk, question: str, question_terms: set[str]) -> str | None:
    """Why a prose prohibition does not bind the case: the words the case shares with it lie
    only in what the sentence says of the things it prohibits, and the case names none of
    those things (issue 13). A prohibition without conditions is read at ingest with every
    content word of its sentence as its scope (core/clause_logic.py `prohibition_scope`), so
    a case sharing one word anywhere in it was rejected: "credit" of a credit repair ad met
    "creditors" in "a promise that creditors will stop contacting the customer", an item of
    "Guaranteed results, such as …". What a prohibition bans is the things its subject names,
    read as noun phrases (`prohibited_things`). The rule is set aside only when (a) its
    things are read (nouns, no generic ad word), (b) the case names none of them by its head
    or its narrowing modifiers, nor advertises a kind of one (WordNet, kind_scope.py), and (c)
    every word of the rule the case names stands only where the sentence says more of its
    things (`_inside_said_of`: a clause describing a listed example, a thing tied back to them).
    A word in a relative clause of the prohibited thing itself ("Loans that require upfront
    fees") is what makes it prohibited, and keeps the rule: with (c) read as every word after
    the subject's verb, validation lost four to five cases and gained two to three unsafe
    approvals. Not a claim, a wording or a practice: those are read by their own gates.
    Measured (2026-11-30, fresh stores, with `another_thing` and `permitted_wording_kept`):
    dev 0.778 -> 0.778 (dr-08 reject -> restrict), dev2 0.833 -> 0.861 (fi-02, fi-11), dev3
    0.806 -> 0.806, sample 0.853 -> 0.859 (cry-006, by `another_thing`), validation 0.690 ->
    0.690; unsafe approvals and escalation P/R unchanged on every pack."""
    if rule.decision != "reject" or rule.conditions or described_wording(rule.quote):
        return None
    subject = rule_subject(rule.quote)
    if subject is not None and subject.claim:
        return None
    things = prohibited_things(rule.quote)
    if not things or any(not t.head or stem(t.head) in GENERIC or not _read_as_noun(t.head) for t in things):
        return None
    title = terms(chunk.title)
    if any(_thing_named(t, question_terms, title) for t in things):
        return None
    if kind_term(_advertised_of(question), [t.head for t in things] + [t.phrase for t in things]):
        return None
    named = named_words(rule, "prose", chunk, question_terms)
    if not named:
        return None  # in scope by another reading (a kind, a defined member, a measure): kept
    text = _ITEM_LEAD.sub("", " ".join(rule.quote.split()))
    if (label := _BOLD_LABEL.match(text)) is not None:
        text = text[label.end():]
    # A case stating no claim at all is not shown to keep clear of what an example's clause
    # says: `said_in_claim` makes the rule what must hold (restrict) for it, as before.
    states = bool(read_claims(question) or quoted(question))
    if not all(_inside_said_of(w, text, examples=states) for w in named):
        return None
    return (f"it prohibits {', '.join(t.phrase for t in things[:5])}, none of which the case names; "
            f"the words it shares with it ({', '.join(named)}) are in what the sentence says of them")


@lru_cache(maxsize=1024)
def _advertised_of(question: str):
    return advertised(question)


def thing_relation(rule: Rule, question: str) -> bool | None:
    """Is the case's advertised thing what the rule's sentence names (True), another thing than
    every one it names (False), or unknown (None)? Named whole: a thing of the sentence with the
    advertised head as its head and every modifier of the advertised thing among its words
    ("Ads for hardware wallets are permitted …" names a "hardware wallet"). Another thing: the
    sentence's things are read (nouns, no generic ad word), none has the advertised head, none
    writes it as a modifier, and WordNet, knowing the advertised thing and every head as nouns,
    knows the advertised thing as a kind of none of them ("Crypto exchange ads are prohibited …"
    for a hardware wallet); an acronym or a word WordNet does not know leaves it unknown."""
    thing = _advertised_of(question)
    if thing is None or not thing.head or stem(thing.head) in GENERIC:
        return None
    things = prohibited_things(rule.quote)
    if not things or any(not t.head or stem(t.head) in GENERIC or not _read_as_noun(t.head) for t in things):
        return None
    head = stem(thing.head)
    mods = {stem(w) for d in thing.dependents for w in re.findall(r"[a-z0-9]+", d.lower())} - GENERIC
    for t in things:
        words = {stem(w) for part in (*t.dependents, t.head) for w in re.findall(r"[a-z0-9]+", part.lower())}
        if names(stem(t.head), {head}) and all(names(m, words) for m in mods):
            return True
    if any(names(stem(t.head), {head}) or any(names(head, {stem(w) for w in re.findall(r"[a-z0-9]+", d.lower())}) for d in t.dependents) for t in things):
        return None
    if name_of(thing) is None or not all(noun_word(t.head) for t in things):
        return None  # WordNet must know both sides for "not a kind of it" to be known
    if kind_term(thing, [t.head for t in things] + [t.phrase for t in things]):
        return None
    return False
