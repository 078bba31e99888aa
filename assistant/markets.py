"""Market names in free text -> ISO codes, for questions and for market-specific sentences.

Deliberately conservative: a market is only read from a question when it is clearly named
("in Germany", "Singapore", "for US users", "targeting ID"), never guessed from a brand or a
language. The assistant owns this small table because it may not import the rules stage.
"""

from __future__ import annotations

import re
from functools import lru_cache

COUNTRIES: dict[str, tuple[str, ...]] = {
    "SG": ("singapore",),
    "MY": ("malaysia",),
    "ID": ("indonesia",),
    "TH": ("thailand",),
    "VN": ("vietnam", "viet nam"),
    "PH": ("philippines", "the philippines"),
    "IN": ("india",),
    "JP": ("japan",),
    "KR": ("south korea", "korea"),
    "CN": ("china", "mainland china"),
    "HK": ("hong kong",),
    "TW": ("taiwan",),
    "AU": ("australia",),
    "NZ": ("new zealand",),
    "US": ("united states", "united states of america", "usa", "u.s.", "u.s.a.", "america"),
    "CA": ("canada",),
    "MX": ("mexico",),
    "BR": ("brazil", "brasil"),
    "AR": ("argentina",),
    "GB": ("united kingdom", "uk", "u.k.", "great britain", "britain", "england", "scotland", "wales"),
    "IE": ("ireland",),
    "DE": ("germany", "deutschland"),
    "FR": ("france",),
    "IT": ("italy",),
    "ES": ("spain",),
    "NL": ("netherlands", "the netherlands", "holland"),
    "BE": ("belgium",),
    "AT": ("austria",),
    "PL": ("poland",),
    "SE": ("sweden",),
    "SA": ("saudi arabia",),
    "AE": ("united arab emirates", "uae"),
    "KW": ("kuwait",),
    "BN": ("brunei",),
    "TR": ("turkey", "türkiye"),
}
DEMONYMS: dict[str, tuple[str, ...]] = {
    "SG": ("singaporean",),
    "MY": ("malaysian",),
    "ID": ("indonesian",),
    "TH": ("thai",),
    "VN": ("vietnamese",),
    "PH": ("filipino", "philippine"),
    "IN": ("indian",),
    "JP": ("japanese",),
    "AU": ("australian",),
    "US": ("american",),
    "CA": ("canadian",),
    "BR": ("brazilian",),
    "GB": ("british",),
    "DE": ("german",),
    "FR": ("french",),
    "IT": ("italian",),
    "ES": ("spanish",),
    "NL": ("dutch",),
}
KNOWN_CODES = frozenset(COUNTRIES)
AMBIGUOUS_CODES = frozenset({"ID", "IN", "IT", "AT", "BE", "ES", "CA", "CN", "AR", "SA", "MY", "TR"})
_AUDIENCE = r"(?:users?|audiences?|market|customers?|consumers?|people|players?|residents?|viewers?|shoppers?|buyers?|voters?)"


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[re.Pattern, str]]:
    pats: list[tuple[re.Pattern, str]] = []
    for code, names in COUNTRIES.items():
        for name in names:
            if name in ("uk", "usa", "uae"):
                # Short forms count only as whole upper-case words ("in the UK").
                pats.append((re.compile(rf"(?<![A-Za-z]){re.escape(name.upper())}(?![A-Za-z])"), code))
            else:
                pats.append((re.compile(rf"(?<![A-Za-z]){re.escape(name)}(?![A-Za-z])", re.I), code))
    for code, names in DEMONYMS.items():
        for name in names:
            pats.append((re.compile(rf"\b{name}\s+{_AUDIENCE}\b", re.I), code))
    # Upper-case ISO codes after a preposition: "in DE", "for the US", "targeting SG".
    codes = "|".join(sorted(KNOWN_CODES))
    pats.append((re.compile(rf"\b(?:in|into|for|to|targeting|target|across)\s+(?:the\s+)?({codes})\b"), ""))
    # Unambiguous upper-case codes on their own ("US election ads"); codes that are also
    # English words or common abbreviations (ID, IN, IT, AT, BE, ES) need a preposition.
    plain = "|".join(sorted(KNOWN_CODES - AMBIGUOUS_CODES))
    pats.append((re.compile(rf"(?<![A-Za-z0-9])({plain})(?![A-Za-z0-9])"), ""))
    return pats


def markets_in(text: str) -> list[str]:
    """Every market clearly named in `text`, in order of first mention, without duplicates."""
    found: list[tuple[int, str]] = []
    for pat, code in _patterns():
        for m in pat.finditer(text):
            found.append((m.start(), code or m.group(1)))
    seen: list[str] = []
    for _, code in sorted(found):
        if code not in seen:
            seen.append(code)
    return seen


def market_in_question(text: str) -> str | None:
    """The one market a question names, or None when it names none or several."""
    ms = markets_in(text)
    return ms[0] if len(ms) == 1 else None
