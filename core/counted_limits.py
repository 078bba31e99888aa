"""Limits on a count of things ("at least 100 students", "no more than 4 tickets", "fewer than
100 decided applications"): the counted noun phrase is the limit's unit, and a case's number of
that same thing ("45 students took the exam", "6 tickets per order", "our 60 decided cases") is
what it is compared with.

Why: "A pass-rate claim must be based on at least 100 students …" states a number the case can
meet or break, but a count has no unit in the measure table (core/conditions.py), so it was
read as a bare number and never executed. A count compares only with a count of the same
thing (a unit no other spelling equals), read from the question when the limit asks for it.

What is counted is the plural noun after the number, with the words that narrow it before it
("decided applications": only decided ones count, not pending ones). A case counts the same
thing when it names the same noun ("45 students"), or the same narrowing words before a plural
noun of its own ("60 decided cases" for "decided applications": what makes them countable is
that they were decided, whatever the case calls them).
"""

from __future__ import annotations

import re
from functools import lru_cache

# "8 in 10 members", "3 out of 4 tutors": a proportion, no count of them.
_RATIO_BEFORE = re.compile(r"\d\s+(?:in|out\s+of)\s+$", re.I)
# A plural noun right after a limit's number ("100 students", "4 tickets"), or after up to two
# words narrowing it ("100 decided applications", "5 verified customer reviews").
_COUNT_NOUN = re.compile(r"\s+((?:[a-z][a-z-]{2,}\s+){0,2}?)([a-z]{3,}s)\b")
# Words after a number that do not narrow what it counts.
_NOT_NARROWING = frozenset(
    "the and but for from with per each every any all more most less fewer other such than that which who "
    "our your their its his her this these those them they are was were has have had not also only".split()
)


@lru_cache(maxsize=2048)
def _base(noun: str) -> str | None:
    """The singular of a plural noun WordNet knows as a noun ("students" -> "student"), or None."""
    from policydesk.core import lexicon

    try:
        forms = lexicon.lemmas(noun, "n")
    except Exception:  # WordNet unavailable: no count is read
        return None
    base = next((f for f in forms if f != noun), None)
    return base


def counted_unit(text: str, number_end: int) -> str | None:
    """The plural noun a limit's number counts, with the words narrowing it ("students" after
    "at least 100", "decided applications" after "fewer than 100"), or None."""
    m = _COUNT_NOUN.match(text, number_end)
    if m is None:
        return None
    narrowing = m.group(1).lower().split()
    noun = m.group(2).lower()
    if any(w in _NOT_NARROWING for w in narrowing) or not _base(noun):
        return None
    return " ".join(narrowing + [noun])


def counts_of(unit: str, question: str) -> list[tuple[float, str]]:
    """The numbers the question states of what a count limit counts (`unit`, as `counted_unit`
    gives it), singular or plural: "45 students took the exam" -> [(45, "45 students")]; for
    "decided applications", "60 decided applications" and "60 decided cases"."""
    unit = unit.split(" per ", 1)[0]  # "tickets per customer": the tickets counted
    *narrowing, noun = unit.split()
    base = _base(noun)
    if base is None:
        return []
    number = r"(?<![\d.,$£€])(\d{1,3}(?:,\d{3})+|\d+)\s+"
    if not narrowing:
        pattern = rf"{number}(?:{re.escape(base)}|{re.escape(noun)})\b"
    else:
        # The same narrowing words, before the limit's noun or a plural noun of the case's own.
        said = r"\s+".join(re.escape(w) for w in narrowing)
        pattern = rf"{number}{said}\s+({re.escape(base)}\b|[a-z]{{3,}}s\b)"
    return [(float(m.group(1).replace(",", "")), m.group(0)) for m in re.finditer(pattern, question, re.I)
            if not _RATIO_BEFORE.search(question, 0, m.start()) and (not narrowing or m.group(2).lower() == base or _base(m.group(2).lower()))]


__all__ = ["counted_unit", "counts_of"]
