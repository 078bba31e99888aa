"""The one negation vocabulary: the words that negate what follows them in their clause.

Why one module: seven readers (requirements restated in a question, denied case facts, denied
claims, blanket statements, negated list items, statements the ad must carry, what the case
says the ad shows) each kept their own list, and the lists drifted ("nothing" in one, "none"
in another). They share the core here; each adds, by name and with its reason, only the words
its own construction needs (a blanket statement's "except" and "apart from", a left-out item's
"omitted"). `negation_pattern` builds the regular expression every reader compiled by hand:
the words as whole words, and any contraction in "n't".
"""

from __future__ import annotations

import re

# Words that negate in every reader: "not", "no", "never", "without", and "n't" in any contraction.
CORE = ("not", "no", "never", "without")


def negation_source(*extra: str, contractions: bool = True) -> str:
    """`\\b(?:not|no|never|without|<extra>)\\b|n't\\b` as a string: `extra` are further words or
    regular expression fragments ("lacks?", "apart from"), tried after the core words in the order
    given. Alternatives are whole words, so their order changes no match except between a phrase
    and its own first word ("no one" after "no"): a reader that needs the longer span lists it
    first. A string for a reader that compiles it through `core.literal_guard.guarded`."""
    words = "|".join(CORE + tuple(extra))
    return rf"\b(?:{words})\b" + (r"|n't\b" if contractions else "")


def negation_pattern(*extra: str, contractions: bool = True, flags: int = re.I) -> re.Pattern[str]:
    """`negation_source` compiled (case-insensitive unless `flags` says otherwise)."""
    return re.compile(negation_source(*extra, contractions=contractions), flags)


__all__ = ["CORE", "negation_pattern", "negation_source"]
