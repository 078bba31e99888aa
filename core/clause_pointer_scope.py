"""A rule whose subject is "an ad under 3.2" governs what clause 3.2 governs.

"3.2 Ads for Prescription Treatments are permitted only in the US and NZ …. 3.3 An ad under
3.2 must state that a prescription is required …", "A.5 United States (US): Ads permitted under
3.2 must link to the full prescribing information". The subject names no thing of its own: it
points at the ads another clause permits. Read alone its scope is empty, and an empty scope
binds every case its clause is retrieved for (a hair-transplant discount was held to the
prescription statement). The clause it points to says what it is about; the rule takes that
clause's subject words, per document, at ingest.

By construction: an ad noun, an optional participle of permitting, "under / by / in accordance
with / pursuant to", an optional "clause/section", and a number, all before the sentence's main
modal; only a rule whose own scope is empty takes the pointed clause's, and only when a rule of
that numbered sentence (or its sub-clauses) has one.
"""

from __future__ import annotations

import re

from policydesk.core.types import Chunk

_MAIN = re.compile(r"\b(?:must|may|can|cannot|should|shall|will|require|requires|need|needs|are|is)\b", re.I)
_POINTER = re.compile(
    r"\b(?:ads?|advertisements?|adverts?)\s+(?:(?:permitted|allowed|accepted|approved|run|placed|covered)\s+)?"
    r"(?:under|by|in accordance with|pursuant to)\s+(?:(?:clause|section|paragraph|rule)\s+)?(\d+(?:\.\d+)*)\b",
    re.I,
)
_NUMBER = re.compile(r"^\s*(?:[A-Z]\.)?(\d+(?:\.\d+)*)\b")


def pointed_clause(quote: str) -> str | None:
    """The clause number the rule's subject points at ("An ad under 3.2 must …" -> "3.2")."""
    text = re.sub(r"^\s*(?:[A-Z]\.)?\d+(?:\.\d+)*\.?\s+", "", " ".join(quote.split()))
    m = _POINTER.search(text)
    if m is None:
        return None
    main = _MAIN.search(text, m.end())
    first = _MAIN.search(text)
    # the pointer must stand in the subject: no main verb before it
    if first is not None and first.start() < m.start():
        return None
    return m.group(1) if main is not None else None


def apply_clause_pointers(chunks: list[Chunk]) -> None:
    """Give each rule of one document whose subject points at a numbered clause, and names
    nothing itself, that clause's subject words. Changes the rules in place."""
    scopes: dict[str, list[str]] = {}
    for ch in chunks:
        for rule in ch.logic:
            m = _NUMBER.match(rule.quote)
            if m and rule.scope and m.group(1) not in scopes:
                scopes[m.group(1)] = list(rule.scope)
    if not scopes:
        return
    for ch in chunks:
        for rule in ch.logic:
            if rule.scope:
                continue
            number = pointed_clause(rule.quote)
            if number is None:
                continue
            scope = scopes.get(number) or next((s for n, s in scopes.items() if n.startswith(number + ".")), None)
            if scope:
                rule.scope = list(scope)


__all__ = ["apply_clause_pointers", "pointed_clause"]
