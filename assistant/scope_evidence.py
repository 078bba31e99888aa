"""Scope evidence: is a clause about the question's subject, not only near it in embedding space?

The relevance gate (assistant/ranking.py) answers from a clause whose cosine to the question
is clearly high; in the band just above `min_relevance` it asks the clause for evidence that
the question's subject is what it governs. That evidence used to be only a share of the
question's subject words found in the clause (`weak_subject_overlap`); a question in the
advertiser's words shares few ("London pub wants to advertise its happy hour ..., verified
alcohol advertiser" shares 2 of 8 with the clause that answers it).

A policy states its own scope in its title: "Alcohol Advertising Policy" governs alcohol,
"Weight Loss and Health Claims Policy" weight loss and health claims; and a clause in its
heading ("5. Creators", "Singapore: drinking promotions"). A question that names such a topic
(every word of it) says its subject is one the policy or clause governs, which is right by
construction, unlike a cosine or word-share threshold. The context after "for" ("... Policy
for Shop Listings") says where the policy applies, not what it governs, the document kind
("Policy", "Standard", "Requirements") names nothing, and a heading's numbering and market
names are not its topic, so none of them counts.

A policy also says what it governs in its scope statement ("This policy covers election ads,
meaning ads that feature or are run by a candidate, political party ..."), and a clause may
("This covers payday loans, cash advances and similar products"): a topic they list that the
question names is the same kind of witness (2026-11-29: sample 0.791 -> 0.797, esc P 0.594 ->
0.613, a candidate's campaign video answered from "Markets without election ads"; validation
aggregates unchanged).

Wording a clause names in quotes ('must not describe products as "replica", "AAA grade"') that
the question quotes from the ad is evidence at any cosine: the clause governs that wording
literally (2026-11-29: sample 0.797 -> 0.802, esc P 0.613 -> 0.633; validation unchanged).
And the ad copy a question quotes is what is judged, not what the ad is for: the subject share
the band asks for is also counted without it (assistant/question.py `own_subject`; "Hookup app
ad: 'find someone tonight, no strings'" holds 1 of 5 subject words of the clause on hook-ups,
1 of 2 without the copy; sample 0.802 -> 0.808, esc P 0.633 -> 0.655; validation unchanged).
An example the clause lists of what it governs ("such as national ID numbers, bank details or
health information"), of two or more words, all named by the question, is evidence at any
cosine like quoted wording (sample 0.808 -> 0.814, esc P 0.655 -> 0.679; validation unchanged).

Session 15 (2026-11-30, assistant/ranking.py `candidates`): when the first usable clause has no
such evidence, the first other usable clause in the band that has it answers (`scoped_runner_up`;
a kind of a rule-subject word counts there only when the rule writes the word whole: "explosive
devices" took in a laser pointer, an escalation, until it did); below the floor, the advertised
thing being a kind of a topic the policy states (`stated_kind_evidence`: title, heading, scope
statement, never a rule word) is evidence; and an acronym the question writes in capitals names
its WordNet long form when its letters spell it (assistant/acronyms.py: "US PAC"). Dev 0.778 ->
0.792 (a vodka + energy premix under "Drinks that combine alcohol with caffeine"), sample 0.853
-> 0.864 (a vodka spot under the alcohol policy, a PAC under the political one), dev2, dev3
unchanged, validation accuracy 0.690 and unsafe approvals 1/95 unchanged (esc P 0.750 -> 0.774).

Measured and dropped (issue 13, sample + validation, 2026-11-29): the subject phrase against
per-policy scope text (title, headings, scope and definition sentences) by MiniLM cosine,
absolute or relative to the other policies, does not separate in-scope from out-of-scope
questions (no setting answered more than 2 of the 16 false escalations without also answering
an out-of-scope one); a compound term of the question only one retrieved clause uses
("custom list") answered 2 more sample questions but one more out-of-scope validation case.
Measured and dropped (2026-11-29): a rare subject word of the question (used by at most 5% of
the store's clauses) in the governed part of one of the clause's rule sentences (before its
condition: "Services that focus on hook-ups ... cannot be advertised"). Sample 0.791 -> 0.808,
esc P 0.594 -> 0.655 (3 false escalations answered right), but validation accuracy 0.619 ->
0.607, unsafe 0.011 -> 0.021, esc recall 0.733 -> 0.600: a rare word is not yet a subject.
"""

from __future__ import annotations

import re

from policydesk.core.markets import find_mentions
from policydesk.core.quotes import quoted as quotations_of
from policydesk.core.terms import GENERIC, subject_terms, terms
from policydesk.core.textfold import fold

_TITLE_CONTEXT = re.compile(r"\s+for\s+.*$", re.I)
_TITLE_KIND_WORDS = r"policy|policies|standards?|requirements|guidelines|rules|advertising|advertisements|ads"
_TITLE_KIND_TAIL = re.compile(rf"(?:\s+(?:{_TITLE_KIND_WORDS}))+\s*$", re.I)
_TITLE_KIND = frozenset(terms(_TITLE_KIND_WORDS.replace("|", " ").replace("s?", "s")))
_CONJUNCTS = re.compile(r"\s*(?:,|\band\b|&)\s*", re.I)
_NUMBERING = re.compile(r"^\s*[\d.]+\s*")


def title_topics(title: str) -> list[tuple[str, frozenset[str]]]:
    """The topics a policy title states, as written and as the stems that must all appear:
    "Weight Loss and Health Claims Policy" -> [("Weight Loss", {weight, loss}), ("Health
    Claims", {health, claim})]. A topic of generic ad words only names nothing."""
    topic = _TITLE_KIND_TAIL.sub("", _TITLE_CONTEXT.sub("", title or ""))
    out: list[tuple[str, frozenset[str]]] = []
    for part in _CONJUNCTS.split(topic):
        words = frozenset(terms(part)) - _TITLE_KIND
        if words and not words <= GENERIC:
            out.append((part.strip(), words))
    return out


def heading_topic(section: str) -> str:
    """A clause's own heading (the last level of its section path) without its numbering and
    market names: "3. Cryptocurrency > 3.6 Crypto news and education" -> "Crypto news and
    education"; "Singapore: drinking promotions" -> "drinking promotions"."""
    head = _NUMBERING.sub("", section.split(" > ")[-1] if section else "")
    for m in reversed(find_mentions(head)):
        head = head[: m.start] + " " + head[m.end :]
    return " ".join(head.split()).strip(" :;,-")


# Inside a clause, "This covers payday loans, cash advances and similar products" states what
# the clause governs (a policy's "This policy covers ..." is read at commit:
# core/corpus_facts.py `policy_scope_statements`). Only "covers": "applies to" / "applies in"
# say where a rule holds (ads, shop listings, markets), as the "for ..." context of a title
# does, not what it governs.
_CLAUSE_SCOPE = re.compile(r"\bthis\s+covers\s+([^.;]+)", re.I)
_STATED_CONJUNCTS = re.compile(r"\s*(?:,|\band\b|\bor\b|&|\bas well as\b)\s*", re.I)
_QUANTIFIERS = frozenset(terms("other certain similar every all both such whatever"))


def clause_scope_statements(text: str) -> list[str]:
    """What a clause says it governs ("This covers X"): each X in `text`."""
    return [m.group(1).strip() for m in _CLAUSE_SCOPE.finditer(text)]


def stated_topics(statement: str) -> list[tuple[str, frozenset[str]]]:
    """The topics a scope statement lists, as written and as the stems that must all appear:
    "tobacco products, nicotine pouches and other nicotine products" -> tobacco, {nicotine,
    pouch}, nicotine. Generic ad words and quantifiers ("other", "certain") name nothing; a
    hyphenated compound counts by its parts (core/terms.py `subject_terms`)."""
    out: list[tuple[str, frozenset[str]]] = []
    for part in _STATED_CONJUNCTS.split(statement):
        words = frozenset(subject_terms(part)) - _TITLE_KIND - _QUANTIFIERS
        if words:
            out.append((part.strip(), words))
    return out


def names_stated_topic(question_terms: set[str], statement: str) -> str | None:
    """The topic of a scope statement the question names (every word of it), else None."""
    for written, stems in stated_topics(statement):
        if stems <= question_terms:
            return written
    return None


# Wording a clause names in quotation marks ('describe products as "replica", "AAA grade"');
# the question's quoted ad copy ("listing: 'AAA grade Rolex 1:1'") is read by core/quotes.py.
_CLAUSE_QUOTED = re.compile(r'"([^"]{2,60})"')


def quoted_wording(question: str, clause_text: str) -> str | None:
    """Wording the clause names in quotes that the question quotes from the ad, else None.

    A clause that quotes wording governs exactly that wording, and a question that quotes
    the ad says what the ad says: the two meeting is evidence of scope by construction,
    whatever the cosine (the model reads "AAA grade Rolex Submariner 1:1" poorly). Wording of
    generic ad words only ("Ad", "#ad") names nothing and does not count, and one quoted word
    ("free") counts only as the whole of what the question quotes: inside longer copy ("first
    month free") it is a word any ad may use, not the wording the clause names."""
    quoted = [fold(q) for q in quotations_of(question)]
    if not quoted:
        return None
    for m in _CLAUSE_QUOTED.finditer(fold(clause_text)):
        wording = m.group(1).strip(" .,;:")
        if not subject_terms(wording):
            continue
        pattern = re.compile(rf"(?<!\w){re.escape(wording)}(?!\w)")
        single = len(wording.split()) < 2
        if any(q.strip(" .,;:!?") == wording if single else pattern.search(q) for q in quoted):
            return wording
    return None


def named_wording(question: str, clause_text: str) -> str | None:
    """Wording of two or more content words the clause names in quotes ('must not offer sex
    selection or "family balancing"') that the question uses word for word, quoted or not, else
    None. The writer put the term in quotes to name it literally, as an example the clause lists
    (`listed_example`): a question using the whole term names what the clause governs, whatever
    the cosine. One content word ("free") is a word any question may use, so it does not count."""
    plain = fold(question)
    for m in _CLAUSE_QUOTED.finditer(fold(clause_text)):
        wording = m.group(1).strip(" .,;:")
        if len(set(subject_terms(wording))) < 2:
            continue
        if re.search(rf"(?<!\w){re.escape(wording)}(?!\w)", plain):
            return wording
    return None


# The examples a clause gives of what it governs: "Pages that ask for sensitive data, such as
# national ID numbers, bank details or health information, must ...".
_EXAMPLES = re.compile(r"\b(?:such as|including|for example|for instance|e\.g\.)\s+([^.;:()]+)", re.I)


def listed_example(question_terms: set[str], clause_text: str) -> str | None:
    """An example the clause lists of what it governs that the question names (every word
    of it), else None. The writer names the instance literally, so the clause governs it by
    construction, whatever the cosine (the model reads "Lead form asks for NRIC number and
    bank details" poorly against the clause on sensitive data). Only an example of two or
    more words counts: one word ("apps", "beer") is a word many questions use about other
    things, while a named thing ("bank details", "custom audiences") is specific."""
    for m in _EXAMPLES.finditer(clause_text):
        for written, stems in stated_topics(m.group(1)):
            if len(stems) >= 2 and stems <= question_terms:
                return written
    return None


# What a clause says it takes in beyond its own sentence: "Ads for unapproved pharmaceuticals
# ... are not allowed. This includes kratom, SARMs, ...".
_MEMBERS = re.compile(r"\b(?:such as|including|this includes|these include|for example|for instance|e\.g\.)\s+([^.;:()]+)", re.I)


def listed_member(question_terms: set[str], clause_text: str) -> str | None:
    """A member the clause lists of what it governs ("This includes kratom, SARMs ...", "such
    as sparklers") that the question names (every word of it), else None, one word or more.
    Weaker than `listed_example` as a witness of relevance (a one-word member may be a word a
    question uses about something else), but it is what the scope gate after execution asks
    (assistant/scope_gate.py): whether the clause names the case's subject at all, when its
    rules' subjects, read from their own sentences, did not."""
    for m in _MEMBERS.finditer(clause_text):
        for written, stems in stated_topics(m.group(1)):
            if stems <= question_terms:
                return written
    return None


def names_topic(question_terms: set[str], title: str) -> str | None:
    """The title topic the question names (`question_terms` from core/terms.py `terms`), as
    the title writes it, else None."""
    for written, stems in title_topics(title):
        if stems <= question_terms:
            return written
    return None


__all__ = ["heading_topic", "listed_example", "listed_member", "named_wording", "names_stated_topic", "names_topic", "quoted_wording", "clause_scope_statements", "stated_topics", "title_topics"]
