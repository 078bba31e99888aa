"""The body a credential requirement names for the case's market, checked against the case.

Why: the rule stores what qualifies in each market (`Rule.bodies`, read at ingest by
core/market_bodies.py from the clause's list, table or sentence); the generic reader finds a
credential only where the case says "licensed" or "registered", so "501(c)(3) animal rescue",
"current HCPC registration as a hearing aid dispenser" or "holds a state structural pest
control licence" stayed unknown, and a credential of another market's body read as held.

`body_result(bodies, market, question)`: the case names the entry of its market (an acronym or
a coded name of it such as "501(c)(3)", or two content words of one alternative of it: "A or B"
is met by either) -> met; it names only the entry of another market, or states a pending
application -> unmet; otherwise None (the generic reading stands). A market the entries do not
name -> None.
"""

from __future__ import annotations

import re

from policydesk.assistant.credential_stand_in import stand_in
from policydesk.core.market_bodies import Bodies, market_bodies
from policydesk.core.markets import ISO_CODES, markets_in, to_codes
from policydesk.core.terms import same_stem, stem

# Words of an entry that say how a body qualifies, not which body it is.
_GENERIC = frozenset(stem(w) for w in """
a an the and or of for with by under as in on at to its their that who which is are be been
registered registration register licensed licence license licensing accredited accreditation
recognised recognized certified certification authorised authorized authorisation authorization
member members membership current valid holder holds holding approved approval listed
section number organisation organization body bodies national market markets
advertiser advertisers ad ads must only may""".split())

def _alternatives(entry: str) -> list[str]:
    return [a for a in re.split(r",\s*(?:or\s+)?|\s+or\s+|;", entry) if a.strip()]


def _acronyms(entry: str) -> set[str]:
    """Upper-case names of two letters or more that are not market codes ("IRS", "GPhC"), and
    coded names with digits ("501(c)(3)"), folded to letters and digits."""
    out = {w for w in re.findall(r"\b[A-Z][A-Za-z]*[A-Z]\b", entry) if w not in ISO_CODES and len(w) >= 2}
    out |= {re.sub(r"\W", "", w) for w in re.findall(r"\b\d+[\w()\-]*\w\)?", entry) if re.search(r"[a-z(]", w)}
    return {a.lower() for a in out}


def _content(words: str, drop: frozenset[str] = frozenset()) -> set[str]:
    out = set()
    for w in re.findall(r"[A-Za-z][A-Za-z-]+", words):
        if w.isupper() or to_codes(w) or markets_in(w):
            continue
        s = stem(w.lower())
        if s not in _GENERIC and s not in drop and len(s) >= 3:
            out.add(s)
    return out


def _proper(entry: str, drop: frozenset[str]) -> set[str]:
    """The content words an entry capitalises inside it: the words of a body's name."""
    return {stem(w.lower()) for w in re.findall(r"(?<=[\w,)] )[A-Z][a-z][A-Za-z-]+", entry)} & _content(entry, drop)


def _drop(lead: str) -> frozenset[str]:
    return frozenset(stem(w.lower()) for w in re.findall(r"[A-Za-z][A-Za-z-]+", lead))


def _names(entry: str, question: str, strong: bool = False, others: str = "", drop: frozenset[str] = frozenset()) -> str | None:
    """The words by which `question` names the body of `entry`, else None. `strong`: only an
    acronym, a coded name or two content words of one alternative count (what may fail a case:
    one common word such as "regulator" may name another market's body by chance)."""
    folded = {re.sub(r"\W", "", w).lower() for w in re.findall(r"[\w()]+", question)}
    if hit := sorted(a for a in _acronyms(entry) if a in folded):
        return hit[0]
    asked = {stem(w.lower()) for w in re.findall(r"[A-Za-z][A-Za-z-]+", question)}
    for alt in _alternatives(entry):
        # a word the introduction uses ("pharmacy") names the body only beside one of its own
        # ("Ohio board of pharmacy"), and never fails a case
        words = _content(alt)
        own = words - drop
        shared = sorted(w for w in words if any(same_stem(w, q, 4) or w == q for q in asked))
        mine = [w for w in shared if w in own]
        if (len(mine) >= 2 if strong else (len(shared) >= 2 and mine)) or (mine and len(own) == 1 and not strong):
            return " ".join(shared)
    if not strong and others:
        # one word of a body's name that no other market's entry uses ("Certibiocide"); with
        # no other entry to set it apart, one word is no name
        unique = _proper(entry, drop) - _content(others)
        if hit := sorted(w for w in unique if any(same_stem(w, q, 4) or w == q for q in asked)):
            return hit[0]
    return None


def body_result(bodies: Bodies, market: str | None, question: str | None) -> tuple[str, str] | None:
    """("met" | "unmet", fact in words) for the case's market against `bodies`, else None."""
    entries, drop = bodies.entries, _drop(bodies.lead)
    if not entries or not question:
        return None

    def names(code: str, strong: bool = False) -> str | None:
        others = " ".join(e for c, e in entries.items() if c != code)
        return _names(entries[code], question, strong=strong, others=others, drop=drop)

    if market is None:
        # The case names no market: a body the list names for some market is one that
        # qualifies where that body registers (a "501(c)(3)" charity is a US one).
        named = sorted(f"{code}: {hit}" for code in entries if (hit := names(code)))
        if not named:
            return None
        if pending := stand_in(question):
            return "unmet", f'the case has only applied ("{pending}")'
        return "met", f"the case names a listed body ({'; '.join(named)})"
    if market not in entries:
        return None
    if own := names(market):
        if pending := stand_in(question):
            return "unmet", f'the case has only applied ("{pending}")'
        return "met", f"the case names the {market} body ({own})"
    other = sorted(f"{code}: {hit}" for code in entries if code != market and (hit := names(code, strong=True)))
    if other:
        return "unmet", f"the case names only another market's body ({'; '.join(other)}), not the {market} one"
    return None


__all__ = ["Bodies", "body_result", "market_bodies"]  # Bodies, market_bodies: core/market_bodies.py
