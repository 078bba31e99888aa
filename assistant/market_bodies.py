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
from functools import lru_cache
from typing import NamedTuple

from policydesk.assistant.credential_stand_in import stand_in
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

# A list entry opened by a market code: at a line's start, or a code followed by two spaces, a
# colon or a dash (the flattened form of an indented list: "… Ireland US  recognised by …").
_ENTRY = re.compile(r"(?:(?<=\n)|^)[ \t]*(?:[-*•]\s*)?([A-Z]{2})(?:[ \t]*[:–—-][ \t]*|[ \t]{2,}|[ \t]+(?=[a-z(]))|(?<=\s)([A-Z]{2})(?:\s*:\s*|\s{2,}|\s+[–—-]\s+)")
_ROW = re.compile(r"^\s*\|\s*([A-Z]{2}(?:\s*(?:,|/)\s*[A-Z]{2})*)\s*\|(.*)$", re.M)
# "In GB, … registered with the GPhC": the body after the verb, up to the clause's end.
_IN_MARKET = re.compile(r"\b[Ii]n\s+(?:the\s+)?([A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)\s*,")
_BODY_VERB = re.compile(
    r"\b(?:registered|licensed|licenced|authori[sz]ed|accredited|certified|recogni[sz]ed|regulated|approved|appointed|designated)\s+(?:with|by)\s+([^.;:]+)"
    r"|\b(?:members?|membership)\s+of\s+([^.;:]+)")


def _codes(cell: str) -> list[str]:
    return [c for c in re.findall(r"[A-Z]{2}", cell) if c in ISO_CODES]


def _list_entries(text: str) -> tuple[dict[str, str], str]:
    """"as follows: GB registered with …  US recognised by …": each market code and its words,
    and the list's introduction."""
    colon = text.find(":")
    if colon < 0:
        return {}, ""
    body = text[colon + 1 :]
    starts = [(m.start(), m.end(), m.group(1) or m.group(2)) for m in _ENTRY.finditer(body)]
    starts = [s for s in starts if s[2] in ISO_CODES]
    out: dict[str, str] = {}
    for i, (_, end, code) in enumerate(starts):
        stop = starts[i + 1][0] if i + 1 < len(starts) else len(body)
        words = " ".join(body[end:stop].split())
        if words:
            out.setdefault(code, words)
    return (out, text[:colon]) if len(out) >= 2 else ({}, "")


def _table_entries(text: str, quote: str) -> tuple[dict[str, str], str]:
    """Rows `| CC | cell | … |`: the cell of each row in the column where `quote` stands, and
    the table's header row (rows without a market)."""
    rows = [(_codes(m.group(1)), [c.strip() for c in m.group(2).split("|")]) for m in _ROW.finditer(text)]
    q = " ".join(quote.split())
    col = next((i for _, cells in rows for i, c in enumerate(cells) if q and q in " ".join(c.split())), None)
    if col is None:
        return {}, ""
    header = " ".join(line for line in text.splitlines() if line.lstrip().startswith("|") and not _ROW.match(line))
    return {code: cells[col] for codes, cells in rows if col < len(cells) for code in codes}, header


def _sentence_entries(text: str) -> tuple[dict[str, str], str]:
    """"In NZ, sellers must be licensed by the Ministry …": the market and the body named, and
    the words before the body."""
    out: dict[str, str] = {}
    lead = []
    for sentence in re.split(r"(?<=[.;])\s+", " ".join(text.split())):
        m = _IN_MARKET.search(sentence)
        b = _BODY_VERB.search(sentence, m.end()) if m else None
        if not m or not b:
            continue
        lead.append(sentence[: b.start()])
        for code in to_codes(m.group(1)) or _codes(m.group(1)):
            out.setdefault(code, b.group(1) or b.group(2))
    return out, " ".join(lead)


class Bodies(NamedTuple):
    """Market code -> the words of what qualifies there; `lead`: the words that introduce them
    (the list's lead-in, the table's header), which name what is regulated, not a body ("Pharmacy
    ads may run only if the pharmacy is registered …": "pharmacy" names no register)."""

    entries: dict[str, str]
    lead: str = ""


def market_bodies(quote: str, context: str = "", markets: list[str] | None = None) -> Bodies:
    """What qualifies in each market, as `quote` (the rule's sentence) names it; for a rule read
    from one cell of a market table (`markets` its row's), the column of that cell in `context`
    (the chunk's text). No entries when the sentence names no body per market.

    Called per credential condition per question on the answer path, so the reading of a rule
    and its chunk is kept (a pure function of its text); the result is only read by callers."""
    return _market_bodies(quote, context, tuple(markets or ()))


@lru_cache(maxsize=4096)
def _market_bodies(quote: str, context: str, markets: tuple[str, ...]) -> Bodies:
    entries, lead = _list_entries(quote)
    if entries:
        return Bodies(entries, lead)
    if markets and context:
        entries, lead = _table_entries(context, quote)
        if any(m in entries for m in markets):
            return Bodies(entries, lead)
    return Bodies(*_sentence_entries(quote))


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


__all__ = ["Bodies", "body_result", "market_bodies"]
