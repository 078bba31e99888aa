"""Country names, adjectives and abbreviations in policy prose -> ISO 3166-1 alpha-2 codes.

Regions: "EU"/"European Union" expands to the 27 member states and "EEA" to the EU plus
Iceland, Liechtenstein and Norway. We expand rather than keep a region code because every
consumer (Rule.applies_to, the chunk `mk_<CODE>` filters, moderators' market pickers) compares
single country codes; a rule stored as ["EU"] would silently never match a German question.
`collapse_regions` turns a full member-state set back into "EU" for display and scoring.

Matching is case-sensitive on the written form ("Turkey", "US", "U.S."), so common words
("turkey", "us", "chad") are not mistaken for countries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from policydesk.core.types import GLOBAL_MARKET
from policydesk.rules.countries import COUNTRIES

ISO_CODES: frozenset[str] = frozenset(COUNTRIES)
EU_MEMBERS: tuple[str, ...] = (
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
    "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
)  # fmt: skip
EEA_MEMBERS: tuple[str, ...] = (*EU_MEMBERS, "IS", "LI", "NO")
REGIONS: dict[str, tuple[str, ...]] = {"EU": EU_MEMBERS, "EEA": EEA_MEMBERS}
REGION_NAMES: dict[str, str] = {
    "European Union": "EU",
    "EU": "EU",
    "E.U.": "EU",
    "European Economic Area": "EEA",
    "EEA": "EEA",
}
# Codes people write that are not ISO alpha-2, with the code they mean (lint suggests it).
COMMON_MISTAKES: dict[str, str] = {"UK": "GB", "EL": "GR", "EN": "GB", "KO": "KR", "JA": "JP", "DK": "DK"}


@dataclass(frozen=True)
class Mention:
    """A country or region named in text: where, as what words, meaning which codes."""

    start: int
    end: int
    surface: str
    codes: tuple[str, ...]
    adjective: bool  # "German users" rather than "Germany"


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, tuple[tuple[str, ...], bool]]:
    lex: dict[str, tuple[tuple[str, ...], bool]] = {}
    for code, (names, adjectives) in COUNTRIES.items():
        for n in names:
            lex.setdefault(n, ((code,), False))
            if n.lower().startswith("the "):
                lex.setdefault(n[4:], ((code,), False))
        for a in adjectives:
            lex.setdefault(a, ((code,), True))
    for name, region in REGION_NAMES.items():
        lex[name] = (REGIONS[region], False)
    return lex


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    forms = sorted(_lexicon(), key=len, reverse=True)  # longest first: "South Sudan" before "Sudan"
    alternatives = "|".join(re.escape(f) for f in forms)
    # Word boundaries that also work for forms ending in "." ("U.S.").
    return re.compile(rf"(?<![\w.])(?:{alternatives})(?![\w])")


def find_mentions(text: str) -> list[Mention]:
    """Every country/region mention, left to right, longest form winning."""
    lex = _lexicon()
    out = []
    for m in _pattern().finditer(text):
        surface = m.group(0)
        # "US" inside an all-caps heading like "US USERS" is fine; "IN" or "NO" as words are
        # never in the lexicon as codes, so only the forms above can match.
        codes, adjective = lex[surface]
        out.append(Mention(m.start(), m.end(), surface, codes, adjective))
    return out


def to_codes(name: str) -> list[str]:
    """One name, adjective, abbreviation or code -> ISO codes ([] when unknown)."""
    s = name.strip()
    if not s:
        return []
    if s.lower() in ("global", "all", "worldwide", "*"):
        return [GLOBAL_MARKET]
    up = s.upper()
    if up in REGIONS:
        return list(REGIONS[up])
    if up in ISO_CODES and len(s) == 2:
        return [up]
    lex = _lexicon()
    for form in (s, s.title(), s[:1].upper() + s[1:]):
        if form in lex:
            return list(lex[form][0])
    if up in COMMON_MISTAKES:
        return [COMMON_MISTAKES[up]]
    return []


def is_known_code(code: str) -> bool:
    """What a sidecar may hold: an ISO alpha-2 code (upper case) or `global`."""
    return code == GLOBAL_MARKET or code in ISO_CODES


def suggestion(code: str) -> str | None:
    """The code a writer probably meant, for lint messages (`UK` -> `GB`)."""
    codes = to_codes(code)
    if codes == [GLOBAL_MARKET] or not codes:
        return None
    return ",".join(collapse_regions(codes))


def unique(codes: list[str] | tuple[str, ...]) -> list[str]:
    seen: dict[str, None] = {}
    for c in codes:
        seen.setdefault(c, None)
    return list(seen)


def collapse_regions(codes: list[str] | set[str]) -> list[str]:
    """A full EU member-state set shown as "EU" (order kept otherwise)."""
    s = set(codes)
    if set(EU_MEMBERS) <= s:
        rest = [c for c in unique(list(codes)) if c not in EU_MEMBERS]
        return ["EU", *rest]
    return unique(list(codes))


__all__ = [
    "EEA_MEMBERS",
    "EU_MEMBERS",
    "ISO_CODES",
    "Mention",
    "REGIONS",
    "collapse_regions",
    "find_mentions",
    "is_known_code",
    "suggestion",
    "to_codes",
    "unique",
]
