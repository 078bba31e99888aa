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

Measured and dropped (issue 13, sample + validation, 2026-11-29): the subject phrase against
per-policy scope text (title, headings, scope and definition sentences) by MiniLM cosine,
absolute or relative to the other policies, does not separate in-scope from out-of-scope
questions (no setting answered more than 2 of the 16 false escalations without also answering
an out-of-scope one); a compound term of the question only one retrieved clause uses
("custom list") answered 2 more sample questions but one more out-of-scope validation case.
"""

from __future__ import annotations

import re

from policydesk.core.markets import find_mentions
from policydesk.core.terms import GENERIC, terms

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


def names_topic(question_terms: set[str], title: str) -> str | None:
    """The title topic the question names (`question_terms` from core/terms.py `terms`), as
    the title writes it, else None."""
    for written, stems in title_topics(title):
        if stems <= question_terms:
            return written
    return None


__all__ = ["heading_topic", "names_topic", "title_topics"]
