"""The register or body a credential requirement names per market, checked against the case.

Why: a clause such as "a pharmacy may advertise only if it is registered in the market the ad
targets, as follows: GB with the GPhC; US with the state board of pharmacy" (or a market
requirements table whose row for each market names the licensing body, or "In NZ, sellers must
be licensed by the Ministry of Primary Industries") is read as the generic `requires:licence`
(core/condition_reading.py). The generic reader finds a credential only where the case says
"licensed" or "registered"; "501(c)(3) animal rescue" or "attorney, Texas bar" names the body
itself and stayed unknown, and "a CRA-registered charity" advertising in the US read as holding
the licence although the body it names is another market's.

The mechanism, by construction from the clause's shape:
- `market_bodies(text)`: market code -> the words naming what qualifies there, read from an
  "as follows" list (entries opened by a market code), from the rows of a market table
  (`| US | cell | … |`), or from "In <market>, … registered with / licensed by <body>".
- `body_result(entries, market, question)`: the case names the entry of its market (an acronym
  or a coded name of it such as "501(c)(3)", or two content words of one alternative of it)
  -> met; it names only the entry of another market, or states a pending application -> unmet;
  otherwise None (the generic reading stands). A market the entries do not name -> None.
"""

from __future__ import annotations

import re

from policydesk.assistant.credential_stand_in import stand_in
from policydesk.core.markets import ISO_CODES, markets_in, to_codes
from policydesk.core.terms import same_stem, stem

# Words of an entry that say how a body qualifies, not which body it is.
_GENERIC = frozenset(stem(w) for w in """
a an the and or of for with by under as in on at to its their that who which is are be been
registered registration register licensed licence license licensing accredited accreditation
recognised recognized certified certification authorised authorized authorisation authorization
member members membership current valid holder holds holding approved approval listed
section number charity charities organisation organization body bodies national market markets
advertiser advertisers ad ads must only may""".split())

# A list entry opened by a market code: at a line's start, or a code followed by two spaces, a
# colon or a dash (the flattened form of an indented list: "… Ireland US  recognised by …").
_ENTRY = re.compile(r"(?:(?<=\n)|^)[ \t]*(?:[-*•]\s*)?([A-Z]{2})(?:[ \t]*[:–—-][ \t]*|[ \t]{2,}|[ \t]+(?=[a-z(]))|(?<=\s)([A-Z]{2})(?:\s*:\s*|\s{2,}|\s+[–—-]\s+)")
_ROW = re.compile(r"^\s*\|\s*([A-Z]{2}(?:\s*(?:,|/)\s*[A-Z]{2})*)\s*\|(.*)$", re.M)
# "In GB, … registered with the GPhC": the body after the verb, up to the clause's end.
_IN_MARKET = re.compile(r"\b[Ii]n\s+(?:the\s+)?([A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)\s*,")
_BODY_VERB = re.compile(
    r"\b(?:registered|licensed|licenced|authori[sz]ed|accredited|certified|recogni[sz]ed|regulated|approved)\s+(?:with|by)\s+([^.;:]+)"
    r"|\b(?:members?|membership)\s+of\s+([^.;:]+)")


def _codes(cell: str) -> list[str]:
    return [c for c in re.findall(r"[A-Z]{2}", cell) if c in ISO_CODES]


def _list_entries(text: str) -> dict[str, str]:
    """"as follows: GB registered with …  US recognised by …": each market code and its words."""
    colon = text.find(":")
    if colon < 0:
        return {}
    body = text[colon + 1 :]
    starts = [(m.start(), m.end(), m.group(1) or m.group(2)) for m in _ENTRY.finditer(body)]
    starts = [s for s in starts if s[2] in ISO_CODES]
    out: dict[str, str] = {}
    for i, (_, end, code) in enumerate(starts):
        stop = starts[i + 1][0] if i + 1 < len(starts) else len(body)
        words = " ".join(body[end:stop].split())
        if words:
            out.setdefault(code, words)
    return out if len(out) >= 2 else {}


def _table_entries(text: str, quote: str) -> dict[str, str]:
    """Rows `| CC | cell | … |`: the cell of each row in the column where `quote` stands."""
    rows = [(_codes(m.group(1)), [c.strip() for c in m.group(2).split("|")]) for m in _ROW.finditer(text)]
    q = " ".join(quote.split())
    col = next((i for _, cells in rows for i, c in enumerate(cells) if q and q in " ".join(c.split())), None)
    if col is None:
        return {}
    return {code: cells[col] for codes, cells in rows if col < len(cells) for code in codes}


def _sentence_entries(text: str) -> dict[str, str]:
    """"In NZ, sellers must be licensed by the Ministry …": the market and the body named."""
    out: dict[str, str] = {}
    for sentence in re.split(r"(?<=[.;])\s+", " ".join(text.split())):
        m = _IN_MARKET.search(sentence)
        b = _BODY_VERB.search(sentence, m.end()) if m else None
        if not m or not b:
            continue
        for code in to_codes(m.group(1)) or _codes(m.group(1)):
            out.setdefault(code, b.group(1) or b.group(2))
    return out


def market_bodies(quote: str, context: str = "", markets: list[str] | None = None) -> dict[str, str]:
    """What qualifies in each market, as `quote` (the rule's sentence) names it; for a rule read
    from one cell of a market table (`markets` its row's), the column of that cell in `context`
    (the chunk's text). {} when the sentence names no body per market."""
    if entries := _list_entries(quote):
        return entries
    if markets and context and (entries := _table_entries(context, quote)) and any(m in entries for m in markets):
        return entries
    return _sentence_entries(quote)


def _alternatives(entry: str) -> list[str]:
    return [a for a in re.split(r",\s*(?:or\s+)?|\s+or\s+|;", entry) if a.strip()]


def _acronyms(entry: str) -> set[str]:
    """Upper-case names of two letters or more that are not market codes ("IRS", "GPhC"), and
    coded names with digits ("501(c)(3)"), folded to letters and digits."""
    out = {w for w in re.findall(r"\b[A-Z][A-Za-z]*[A-Z]\b", entry) if w not in ISO_CODES and len(w) >= 2}
    out |= {re.sub(r"\W", "", w) for w in re.findall(r"\b\d+[\w()\-]*\w\)?", entry) if re.search(r"[a-z(]", w)}
    return {a.lower() for a in out}


def _content(words: str) -> set[str]:
    out = set()
    for w in re.findall(r"[A-Za-z][A-Za-z-]+", words):
        if w.isupper() or to_codes(w) or markets_in(w):
            continue
        s = stem(w.lower())
        if s not in _GENERIC and len(s) >= 3:
            out.add(s)
    return out


def _proper(entry: str) -> set[str]:
    """The content words an entry capitalises inside it: the words of a body's name."""
    return {stem(w.lower()) for w in re.findall(r"(?<=[\w,)] )[A-Z][a-z][A-Za-z-]+", entry)} & _content(entry)


def _names(entry: str, question: str, strong: bool = False, others: str = "") -> str | None:
    """The words by which `question` names the body of `entry`, else None. `strong`: only an
    acronym, a coded name or two content words of one alternative count (what may fail a case:
    one common word such as "regulator" may name another market's body by chance)."""
    folded = {re.sub(r"\W", "", w).lower() for w in re.findall(r"[\w()]+", question)}
    if hit := sorted(a for a in _acronyms(entry) if a in folded):
        return hit[0]
    asked = {stem(w.lower()) for w in re.findall(r"[A-Za-z][A-Za-z-]+", question)}
    for alt in _alternatives(entry):
        words = _content(alt)
        shared = sorted(w for w in words if any(same_stem(w, q, 4) or w == q for q in asked))
        if len(shared) >= 2 or (shared and len(words) == 1 and not strong):
            return " ".join(shared)
    if not strong:
        # one word of a body's name that no other market's entry uses ("Certibiocide")
        unique = _proper(entry) - _content(others)
        if hit := sorted(w for w in unique if any(same_stem(w, q, 4) or w == q for q in asked)):
            return hit[0]
    return None


def body_result(entries: dict[str, str], market: str | None, question: str | None) -> tuple[str, str] | None:
    """("met" | "unmet", fact in words) for the case's market against `entries`, else None."""
    if not entries or not question:
        return None
    if market is None:
        # The case names no market: a body the list names for some market is one that
        # qualifies where that body registers (a "501(c)(3)" charity is a US one).
        named = sorted(f"{code}: {hit}" for code, entry in entries.items()
                       if (hit := _names(entry, question, others=" ".join(e for c, e in entries.items() if c != code))))
        if not named:
            return None
        if pending := stand_in(question):
            return "unmet", f'the case has only applied ("{pending}")'
        return "met", f"the case names a listed body ({'; '.join(named)})"
    if market not in entries:
        return None
    own = _names(entries[market], question, others=" ".join(e for c, e in entries.items() if c != market))
    if own:
        if pending := stand_in(question):
            return "unmet", f'the case has only applied ("{pending}")'
        return "met", f"the case names the {market} body ({own})"
    other = sorted(f"{code}: {hit}" for code, entry in entries.items() if code != market and (hit := _names(entry, question, strong=True)))
    if other:
        return "unmet", f"the case names only another market's body ({'; '.join(other)}), not the {market} one"
    return None


__all__ = ["body_result", "market_bodies"]
