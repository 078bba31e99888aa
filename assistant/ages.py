"""Age floors: who an ad reaches (from the question) against the minimum a clause sets.

"Can a beer brand reach 19 year olds in Singapore?" is answered by comparing 19 with the
18+ floor the alcohol policy sets for Singapore; the clause's declared `reject` is about
reaching people *under* the floor, so it does not decide a question whose audience is
above it. Only plural audience forms count ("19 year olds", "under-16s", "18-24"), not the
age of a person in the ad ("a 10-year-old actor").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policydesk.assistant.markets import COUNTRIES, markets_in

_N = r"(\d{1,2})"
_AUDIENCE_PATTERNS = [
    # 18-24 year olds, 18 to 24-year-olds, 19 and 20 year olds, ages 13-17
    (re.compile(rf"\b{_N}\s*(?:-|–|to|and|or)\s*{_N}[\s-]*(?:years?|yrs?)[\s-]*olds\b", re.I), "range"),
    (re.compile(rf"\b(?:aged?|ages)\s+{_N}\s*(?:-|–|to)\s*{_N}\b", re.I), "range"),
    (re.compile(rf"\b{_N}[\s-]*(?:years?|yrs?)[\s-]*olds\b", re.I), "one"),
    (re.compile(rf"\bunder[\s-]*{_N}s?\b", re.I), "under"),
    (re.compile(rf"\b(?:younger than|below)\s+{_N}\b", re.I), "under"),
    (re.compile(rf"\b{_N}\s*\+", re.I), "over"),
    (re.compile(rf"\b(?:aged?\s+)?{_N}\s+(?:and|or)\s+(?:over|older|above|up)\b", re.I), "over"),
    (re.compile(r"\b(?:teens|teenagers)\b", re.I), "teens"),
]


@dataclass(frozen=True)
class AgeRange:
    low: int
    high: int = 99


def audience_ages(question: str) -> AgeRange | None:
    """The youngest and oldest audience ages a question names, or None."""
    lows: list[int] = []
    highs: list[int] = []
    for pat, kind in _AUDIENCE_PATTERNS:
        for m in pat.finditer(question):
            if kind == "range":
                a, b = sorted((int(m.group(1)), int(m.group(2))))
                lows.append(a)
                highs.append(b)
            elif kind == "one":
                lows.append(int(m.group(1)))
                highs.append(int(m.group(1)))
            elif kind == "under":
                lows.append(0)
                highs.append(int(m.group(1)) - 1)
            elif kind == "over":
                lows.append(int(m.group(1)))
                highs.append(99)
            elif kind == "teens":
                lows.append(13)
                highs.append(17)
    if not lows:
        return None
    return AgeRange(min(lows), max(highs))


_FLOOR_PATTERNS = [
    re.compile(rf"\b(?:aged|ages?|over|users|people|anyone)?\s*{_N}\s+(?:and|or)\s+(?:over|older|above)\b", re.I),
    re.compile(rf"\b(?:under|younger than|below)\s+(?:the age of\s+)?{_N}\b", re.I),
    re.compile(rf"\bminimum age\b[^.;]*?\bis\s+{_N}\b", re.I),
    re.compile(rf"\baged\s+{_N}\s*(?:-|–|to)\s*\d{{1,2}}\b", re.I),
]
_BULLET_FLOOR = re.compile(rf"\b{_N}\+\s+in\s+([^;\n]+)", re.I)


def sentence_floor(sentence: str, market: str | None) -> int | None:
    """The minimum audience age one sentence sets for `market` (None: it sets none for it)."""
    m = _BULLET_FLOOR.search(sentence)
    if m:
        listed = set(markets_in(m.group(2))) | set(re.findall(r"\(([A-Z]{2})\)", m.group(2)))
        if market and market.upper() in listed:
            return int(m.group(1))
        return None
    named = markets_in(sentence)
    if named and (not market or market.upper() not in named):
        return None  # a floor for other markets
    for pat in _FLOOR_PATTERNS:
        m = pat.search(sentence)
        if m:
            return int(m.group(1))
    return None


def market_name(code: str) -> str:
    names = COUNTRIES.get(code.upper())
    return names[0].title() if names else code
