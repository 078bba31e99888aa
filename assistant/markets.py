"""Market names in free text -> ISO codes, for questions and for market-specific sentences.

Deliberately conservative: a market is only read from a question when it is clearly named
("in Germany", "Singapore", "for US users", "targeting ID"), never guessed from a brand or a
language. The country table is core's (policydesk.core.markets); this module only decides
what counts as *clearly named* in a question or a policy sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache

from policydesk.core.markets import COUNTRIES as _TABLE
from policydesk.core.markets import LOWERCASE_WORDS

def _is_abbreviation(name: str) -> bool:
    """"UK", "U.S.", "PRC": read only in upper case ("us" and "prc" typed lower case are not them)."""
    letters = name.replace(".", "")
    return name.isupper() and len(letters) <= 4


# Views of the shared table (core.markets) in lower case, for matching questions typed in any
# case. Names that are also everyday words ("turkey", "china") are left out here and matched
# only as written ("Turkey") in markets_in.
COUNTRIES: dict[str, tuple[str, ...]] = {
    code: tuple(dict.fromkeys(n.lower() for n in names if n.lower() not in LOWERCASE_WORDS))
    for code, (names, _) in _TABLE.items()
}
DEMONYMS: dict[str, tuple[str, ...]] = {
    code: tuple(a.lower() for a in adjectives) for code, (_, adjectives) in _TABLE.items() if adjectives
}
KNOWN_CODES = frozenset(_TABLE)
# Upper-case codes read without a preposition ("US election ads"): markets people abbreviate
# in questions and that are not also words or common abbreviations.
BARE_CODES = frozenset({"SG", "TH", "VN", "PH", "JP", "KR", "HK", "TW", "AU", "NZ", "US", "MX", "BR", "GB", "IE", "DE",
                        "FR", "NL", "PL", "SE", "AE", "KW", "BN"})  # fmt: skip
# Codes that are English words or abbreviations ("for AI tools", "TV ads", "to PR teams") are
# never read as markets, even after a preposition.
WORDLIKE_CODES = frozenset({"AI", "TV", "PR", "AD", "AM", "PM", "CV", "ME", "IS", "NO", "TO", "SO", "AS", "BY", "GO",
                            "FM", "MS", "NA", "PS", "ST", "UM", "EC", "CC", "BS", "MO", "HR", "SH", "TM", "GP", "PE"})  # fmt: skip
_AUDIENCE = r"(?:users?|audiences?|market|customers?|consumers?|people|players?|residents?|viewers?|shoppers?|buyers?|voters?)"


@lru_cache(maxsize=1)
def _names() -> tuple[re.Pattern, dict[str, str]]:
    """One alternation over every written form, longest first ("Northern Ireland" before
    "Ireland", "American Samoa" before "America"); everyday words and abbreviations
    must match as written, other names in any case."""
    forms: dict[str, str] = {}
    exact: set[str] = set()
    for code, (written, _) in _TABLE.items():
        for name in written:
            key = name if (name.lower() in LOWERCASE_WORDS or _is_abbreviation(name)) else name.lower()
            forms.setdefault(key, code)
            if key == name and key != name.lower():
                exact.add(name)
    alts = []
    for key in sorted(forms, key=len, reverse=True):
        alts.append(re.escape(key) if key in exact else f"(?i:{re.escape(key)})")
    return re.compile(rf"(?<![A-Za-z])(?:{'|'.join(alts)})(?![A-Za-z])"), forms


@lru_cache(maxsize=1)
def _patterns() -> list[re.Pattern]:
    demonyms = sorted({a for names in DEMONYMS.values() for a in names}, key=len, reverse=True)
    return [
        # "German users", "Singaporean audiences": an adjective counts only before an audience word.
        re.compile(rf"\b(?i:({'|'.join(re.escape(a) for a in demonyms)}))\s+(?i:{_AUDIENCE})\b"),
        # Upper-case ISO codes after a preposition: "in DE", "for the US", "targeting SG".
        re.compile(rf"\b(?:in|into|for|to|targeting|target|across)\s+(?:the\s+)?({'|'.join(sorted(KNOWN_CODES - WORDLIKE_CODES))})\b"),
        # Codes read on their own ("US election ads"); the others need a preposition.
        re.compile(rf"(?<![A-Za-z0-9])({'|'.join(sorted(BARE_CODES))})(?![A-Za-z0-9])"),
    ]


@lru_cache(maxsize=1)
def _demonym_codes() -> dict[str, str]:
    out: dict[str, str] = {}
    for code, names in DEMONYMS.items():
        for a in names:
            out.setdefault(a, code)
    return out


def markets_in(text: str) -> list[str]:
    """Every market clearly named in `text`, in order of first mention, without duplicates."""
    names, forms = _names()
    found: list[tuple[int, str]] = []
    for m in names.finditer(text):
        surface = m.group(0)
        found.append((m.start(), forms.get(surface) or forms[surface.lower()]))
    demonym, after_prep, bare = _patterns()
    for m in demonym.finditer(text):
        found.append((m.start(), _demonym_codes()[m.group(1).lower()]))
    for pat in (after_prep, bare):
        for m in pat.finditer(text):
            found.append((m.start(1), m.group(1)))
    seen: list[str] = []
    for _, code in sorted(found):
        if code not in seen:
            seen.append(code)
    return seen


def market_in_question(text: str) -> str | None:
    """The one market a question names, or None when it names none or several."""
    ms = markets_in(text)
    return ms[0] if len(ms) == 1 else None
