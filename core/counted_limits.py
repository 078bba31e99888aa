"""Limits on a count of things ("at least 100 students", "no more than 4 tickets"): the counted
noun is the limit's unit, and a case's number of that same noun ("45 students took the exam",
"6 tickets per order") is what it is compared with.

Why: "A pass-rate claim must be based on at least 100 students …" states a number the case can
meet or break, but a count has no unit in the measure table (core/conditions.py), so it was
read as a bare number and never executed. A count compares only with a count of the same
noun (a unit no other spelling equals), read from the question when the limit asks for it.
"""

from __future__ import annotations

import re
from functools import lru_cache

# "8 in 10 members", "3 out of 4 tutors": a proportion, no count of them.
_RATIO_BEFORE = re.compile(r"\d\s+(?:in|out\s+of)\s+$", re.I)
# A plural noun right after a limit's number ("100 students", "4 tickets").
_COUNT_NOUN = re.compile(r"\s+([a-z]{3,}s)\b")


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
    """The plural noun a limit's number counts ("students" after "at least 100"), or None."""
    m = _COUNT_NOUN.match(text, number_end)
    if m is None:
        return None
    noun = m.group(1).lower()
    return noun if _base(noun) else None


def counts_of(noun: str, question: str) -> list[tuple[float, str]]:
    """The numbers the question states of `noun` (plural, as a limit's unit), singular or
    plural: "45 students took the exam" -> [(45, "45 students")]."""
    noun = noun.split(" per ", 1)[0]  # "tickets per customer": the tickets counted
    base = _base(noun)
    if base is None:
        return []
    pattern = rf"(?<![\d.,$£€])(\d{{1,3}}(?:,\d{{3}})+|\d+)\s+(?:{re.escape(base)}|{re.escape(noun)})\b"
    return [(float(m.group(1).replace(",", "")), m.group(0)) for m in re.finditer(pattern, question, re.I)
            if not _RATIO_BEFORE.search(question, 0, m.start())]


__all__ = ["counted_unit", "counts_of"]
