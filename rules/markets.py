"""Country names, adjectives and abbreviations in policy prose -> ISO 3166-1 alpha-2 codes.

Regions: "EU"/"European Union" expands to the 27 member states and "EEA" to the EU plus
Iceland, Liechtenstein and Norway. We expand rather than keep a region code because every
consumer (Rule.applies_to, the chunk `mk_<CODE>` filters, moderators' market pickers) compares
single country codes; a rule stored as ["EU"] would silently never match a German question.
`collapse_regions` turns a full member-state set back into "EU" for display and scoring.

Matching is case-sensitive on the written form ("Turkey", "US", "U.S."), so common words
("turkey", "us", "chad") are not mistaken for countries.

The table and lookup live in policydesk.core.markets (shared with ingest and the assistant);
this module adds what only the rules stage needs (sidecar code checks, lint suggestions).
"""

from __future__ import annotations

from policydesk.core.markets import (
    COMMON_MISTAKES,
    EEA_MEMBERS,
    EU_MEMBERS,
    ISO_CODES,
    REGION_NAMES,
    REGIONS,
    Mention,
    collapse_regions,
    find_mentions,
    to_codes,
    unique,
)
from policydesk.core.types import GLOBAL_MARKET

def is_known_code(code: str) -> bool:
    """What a sidecar may hold: an ISO alpha-2 code (upper case) or `global`."""
    return code == GLOBAL_MARKET or code in ISO_CODES


def suggestion(code: str) -> str | None:
    """The code a writer probably meant, for lint messages (`UK` -> `GB`)."""
    codes = to_codes(code)
    if codes == [GLOBAL_MARKET] or not codes:
        return None
    return ",".join(collapse_regions(codes))


__all__ = [
    "COMMON_MISTAKES",
    "REGION_NAMES",
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
