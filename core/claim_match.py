"""Does an ad's claim make a claim a policy bans? Read word by word, with its polarity.

Why: a ban on saying something (`no_claim:` conditions, core/condition_reading.py and
core/claim_list.py) is broken by an ad whose quoted copy says it, in its words or in other
words of the same meaning ("No registration needed" for a ban on "no registration required",
"or similar"). It is not broken by copy that shares one word with it: "Check local rules before
you fly" says neither "no rules" nor "fly anywhere". Until session 20 half of the banned
words sufficed, so a two-word claim was made by either of its words.

What counts:
- each content word of the banned claim is found in the ad's claim by its stem or a word of the
  same meaning (core/terms.py `same_meaning`: a derivational form, a shared frequent sense);
- more than half of them are found (all of one or two words, two of three, three of four …),
  words joined by "or" counting as one, found by any of them ("tattoo or piercing");
- a banned claim that is a negation ("no rules", "no licence needed", "never pay again") is
  made only by a claim that negates too: without one it says something else;
- a banned claim that compares a number ("Gift Aid adds more than 25p for every £1", "heals in
  fewer than 14 days") is made only by a claim whose own number of that measure is on the banned
  side: "Gift Aid adds 25p to every £1" says no more than 25p; the comparison counts as one
  word of the banned claim, found by a number on the banned side whatever its digits ("8%"
  for "more than 5%"), and a claim stating no number of its measure does not find it
  (`_figures`).
"""

from __future__ import annotations

import re

from policydesk.core.keyword import tokenize
from policydesk.core.terms import same_meaning

# A negation that makes a claim the denial of something ("no licence needed", "never pay",
# "zero fees", "without a prescription", "doesn't need"): read as words, as the ad writes them.
_NEGATOR = re.compile(r"(?:\b(?:no|not|never|without|zero|nothing|none|nobody|free of)\b|n't\b)(?!-\w)", re.IGNORECASE)


def _found(word: str, banned: str, claim: str, claim_words: list[str]) -> bool:
    return word in claim_words or any(same_meaning(word, banned, h, claim) for h in claim_words)


# Single words joined by "or" (and commas before it): alternatives, any one of which says it
# ("a tattoo or piercing is painless or pain-free": tattoo|piercing, painless|pain-free).
_OR_GROUP = re.compile(r"\b[\w'-]+(?:\s*,\s*[\w'-]+)*\s*,?\s+or\s+[\w'-]+\b", re.IGNORECASE)


def _units(banned: str) -> list[list[str]]:
    """The banned claim's words as units to find: an "or" group is one unit, any word of it
    found finds it; every other content word is a unit of its own."""
    units: list[list[str]] = []
    rest = banned
    for m in _OR_GROUP.finditer(banned):
        group = list(dict.fromkeys(tokenize(re.sub(r"\bor\b", " ", m.group(0)))))
        if len(group) > 1:
            units.append(group)
            rest = rest.replace(m.group(0), " ", 1)
    grouped = {w for u in units for w in u}
    units += [[w] for w in dict.fromkeys(tokenize(rest)) if w not in grouped]
    # A negation is the claim's polarity (checked apart), not a word to find.
    return [u for u in ([w for w in unit if not _NEGATOR.fullmatch(w)] for unit in units) if u]


def _figures(banned: str, claim: str) -> tuple[str, list[bool | None]]:
    """The banned claim without the numbers it compares ("more than 25p" blanked), and for each
    of them whether the claim states it: True when the claim's numbers of that measure are all
    on the banned side, False when all are on the allowed side ("25p" against "more than
    25p"), None when it states none of that measure or they disagree."""
    from policydesk.core.casefacts import read_quantities
    from policydesk.core.condition_reading import unit_comparisons
    from policydesk.core.conditions import compare_limit, same_dimension

    comparisons = unit_comparisons(banned)
    if not comparisons:
        return banned, []
    stated = read_quantities(claim)
    rest, out = banned, []
    for c in comparisons:
        rest = rest[: c.start] + " " * (c.end - c.start) + rest[c.end :]
        # The comparison "holds" (`c.holds`) on the banned side: "more than 25p" is banned where
        # a 25p cap is not kept.
        results = {compare_limit(c.kind, c.value, c.unit, q.value, q.unit) for q in stated if same_dimension(q.unit, c.unit)}
        out.append(None if len(results) != 1 or None in results else results.pop() == c.holds)
    return rest, out


def makes_claim(banned: str, claim: str) -> bool:
    """Does the ad's `claim` make the `banned` claim (see the module docstring)?"""
    rest, figures = _figures(banned, claim)
    if False in figures and True not in figures:
        return False  # its number is on the allowed side of the one the ban compares
    units = _units(rest)
    if not units and not figures:
        return False
    if _NEGATOR.search(banned) and not _NEGATOR.search(claim):
        return False
    have = list(dict.fromkeys(tokenize(claim)))
    found = sum(1 for unit in units if any(_found(w, banned, claim, have) for w in unit)) + figures.count(True)
    return found >= (len(units) + len(figures)) // 2 + 1


__all__ = ["makes_claim"]
