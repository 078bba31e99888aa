"""A rule whose subject is a topic of its policy's title, named by the case (issue 13,
under-answering).

assistant/scope_reason.py `scope_reason` sets a rule aside when the case names none of the words of
its subject outside the policy's title: the title's words are the topic retrieval has already
matched, so they do not tell one rule of the policy from another. That holds for a rule whose
subject adds something to the title's topic ("Gym ads offering a free trial"), and misreads a
rule whose subject IS a topic of the title, said with how or where it comes: "Ads for personal
training, in person or online, are allowed only if the trainer holds a recognised qualification"
under "Fitness, gyms and personal training" has scope words personal, training, person,
online; only "person" and "online" are outside the title, and a case about a personal trainer
who names neither was read as being about something else, so the qualification it lacks was
never checked.

The rule covers the case when the head of its subject (core/clause_logic.py `rule_heads`: what
the subject phrase is, "training") is a word of the title, not a generic ad word, and the case
names every word of the rule's subject that the title writes (personal and training: a "dog
training" case names one of them only, and a title topic of several words is one topic), and
the rule's other scope words are all said aside, set off by commas or brackets (", in person
or online,"): a non-restrictive modifier says how the thing comes, it does not narrow it, while
"Alcohol mixed with energy drinks is not allowed" narrows alcohol and stays set aside for a case
about alcohol alone. The rule's conditions still run.
Measured (2026-11-30, session 16, baseline stores of 67b62c6, with assistant/clause_acronyms.py;
the "PT" case needs both): dev2 0.889 -> 0.917 (a personal trainer not yet qualified, written
"PT": escalate -> reject; a qualified personal trainer: restrict -> approve), dev 0.819, dev3
0.833, sample 0.870, validation 0.690 unchanged (same confusion matrix, unsafe unchanged).
Without the aside test (any other scope words allowed) it broke two dev2 cases: a rule about
"Games rated for adults (PEGI 18, ...)" took in every game. Measured and dropped the wider form,
any noun of the case that is a synonym or kind of a rule's head not in the title (WordNet,
two senses: "mum" for "parent"): no case fixed, three broken (dev3 0.833 -> 0.806 with one
unsafe approval, sample 0.870 -> 0.864).
"""

from __future__ import annotations

import re
from typing import Iterable

from policydesk.assistant.naming import names
from policydesk.core.clause_logic import rule_heads
from policydesk.core.terms import GENERIC, stem, terms

# A list item's run-in label ("- **Personal training:** Ads for ..."): it names the item, it is
# no aside of the sentence.
_RUN_IN_LABEL = re.compile(r"^\s*(?:[-*\u2022]\s+)?(?:\*\*|__)[^*_]{2,60}?(?:\*\*|__)\s*[:.]?\s+")


# A non-restrictive aside: ", in person or online," or "(in salon or mobile)".
_ASIDE = re.compile(r",\s*([^,;:.()]{1,60}?)\s*,|\(([^()]{1,60})\)")


def subject_heads(quote: str) -> tuple[str, ...]:
    """The heads of the rule's subject phrase (`rule_heads`, which reads past a run-in label)."""
    return rule_heads(quote)


def title_topic_named(scope: Iterable[str], quote: str, title: set[str], question_terms: set[str]) -> bool:
    """Whether the rule's subject is a topic of the title the case names (see the module doc).
    `title`: the stems of the policy's title; a stem is named by the answerer's stem test
    (assistant/naming.py `names`)."""
    heads = subject_heads(quote)
    head_stems = {stem(h) for h in heads if " " not in h and "-" not in h}
    if not head_stems or not head_stems <= title or head_stems & GENERIC:
        return False
    in_title = {stem(w) for w in scope if "-" not in w and stem(w) in title} - GENERIC
    if not head_stems <= in_title:
        return False
    # The rule's other scope words must be said aside (set off by commas or brackets): a
    # non-restrictive modifier says how the thing comes, it does not narrow it. "Alcohol mixed
    # with energy drinks is not allowed" narrows alcohol, and a case about alcohol is not one of it.
    aside = terms(" ".join(" ".join(g) for g in _ASIDE.findall(_RUN_IN_LABEL.sub("", quote, count=1))))
    rest = {t for w in scope for t in terms(w)} - title - GENERIC
    if not rest <= aside:
        return False
    return all(names(t, question_terms) for t in in_title)


__all__ = ["subject_heads", "title_topic_named"]
