"""Reading conditions out of a sentence, in the vocabulary of `core/conditions.py`.

Shared by ingest (conditions stored with each chunk), `policydesk annotate` and the answerer,
so a writer confirming a rule sees exactly what the answerer executes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from policydesk.core.counted_limits import counted_unit
from policydesk.core.conditions import LEGACY_NAMES, PEOPLE_SHOWN, UNIT_WORDS, rate_after, unit_dimension, unit_words
from policydesk.core.numwords import number_words_as_digits
from policydesk.core.literal_guard import guarded

NAMED_CONDITIONS: tuple[str, ...] = LEGACY_NAMES + ("targeting",)


# Cue patterns, matched on the lower-cased sentence. Ordered by how the vocabulary reads.
_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("licence", guarded(r"\blicen[cs](e|es|ed|ing)\b|\bregistered (with|by|as)\b|\bregistration with\b|\bauthori[sz](ed|ation)\b|\bregulated by\b|\blisted in the\b.*\bregister\b|\bon (?:the|a|an) (?:[\w-]+ ){0,4}?register\b"
                         # "must hold specialist registration": a registration held is a credential held
                         r"|\bhold(?:s|ing)? (?:a |an |the |current |valid |full )*(?:[\w-]+ ){0,2}?registration\b(?! (?:number|no\b|code|certificate))")),
    # "the registration certificate number must appear on the landing page" asks for a number
    # shown, not a certificate held: a credential noun before "number" is no credential.
    ("certification", guarded(r"\bcertif(ied|ication|icate)\b(?!\s+(?:number|no\b|reference|ref\b|id\b))|\baccredit(ed|ation)\b|\bqualifications?\b")),
    ("verification", guarded(r"\bverif(y|ies|ied|ication)\b|\bage[- ]check")),
    ("permission", guarded(r"\bpermission\b|\bpre-?approv|\breview by\b|\bapproval from us\b|\bapproved by us\b")),
    # "must remind users 3 days before each renewal" is what the service does, not words the ad
    # carries: a reminder timed before an event is no disclosure (its "at least 3 days" is the limit).
    ("disclosure", guarded(r"\bdisclos(e|ure|ures|ing)\b|\bwarning\b|\bdisclaimer\b|\bmust (include|carry|display|state|show|name|label|tell|inform)\b|\bmust remind\b(?![^.]*\b\d+\s*(?:hours?|days?|weeks?)\s+(?:before|ahead|in advance))|\bmust (?:also |clearly )?(?:say|mention) (?:so|this|that)\b|\b(?:includes?|display|displays|shows?|states?|carry|carries)\b[^.]{0,60}\b(?:information|warning|notice|label|statement|number|message)\b|\blabell?ed as\b|\b(?:listing|ad|ads|creative|page|post) (?:says|states|explains|shows|displays|mentions)\b|\bstatement\b"
                          # a passive duty to carry in the ad or on its page: "the number must also appear in the ad itself", "… must be shown on the landing page" (not "must appear on the public list")
                          r"|\b(?:must|needs? to|ha(?:s|ve) to) (?:also |always |clearly )?(?:appear|be (?:shown|stated|displayed|included|given|printed|disclosed)) (?:in|on) (?:the |its |their |each |every |an? |any )?(?:ads?|adverts?|advertisements?|landing pages?|creatives?|listings?|websites?|site|pages?|screen|labels?|packaging|posts?)\b")),
    # the advertiser's own enrolment or membership, not people described as members
    ("membership", guarded(r"\benrol(?:led|ment|s)? (?:in|on|with)\b|\b(?:be|is|are|become|becomes|being) (?:a |an )?(?:registered |current |paid-up )?members? of\b|\bmembership (?:of|in)\b")),
    ("targeting", guarded(r"\btarget(ed|ing)? (at|to)\b|\bnot (be )?targeted\b|\baudience\b")),
)
# A number followed by a unit other than years is a duration, a rate or a size, never an age:
# "returns are accepted for at least 30 calendar days" names no age floor.
_NOT_AGE_UNIT = rf"(?!\s*-?\s*(?:{unit_words(years=False)}|[.,]\d))"
_AGE_PATTERNS = (
    guarded(r"\baged (\d{1,2})\s*(?:and|or) (?:over|older|above)"),
    guarded(r"\b(\d{1,2})\s*(?:and|or) (?:over|older|above)\b"),
    guarded(rf"\b(?:over the age of|at least) (\d{{1,2}})\b{_NOT_AGE_UNIT}"),
    guarded(r"\bminimum (?:(?:targeting|target|audience|viewer|user) )?age (?:for [\w\s]+ )?(?:is|of) (\d{1,2})\b"),
    guarded(r"\b(\d{1,2})\+"),
)
# What a sentence says is NOT required where it sets its conditions market by market: "no
# registration statement is required, except in JP, where … the ad must say so". The clause
# naming no market states no requirement there; the phrase is blanked before that clause is
# read (`_bound_to_markets`), so the statement is required in JP only.
_NOT_REQUIRED = guarded(
    r"\bno\s+(?:[\w-]+\s+){0,3}?[\w-]+\s+(?:is|are|will be)\s+(?:required|needed|necessary)\b"
    r"|\b(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}?[\w-]+\s+(?:is|are)\s+not\s+(?:required|needed|necessary)\b"
)
# Restrict wording that introduces a requirement clause, for `other:<text>`.
_CLAUSE = guarded(r"\b(?:provided(?: that)?|as long as|only if|only when|on condition that|unless|subject to)\b\s*(.+)$")


# Inline patterns of the readers below, compiled once with their guards (core/literal_guard.py).
_UNDER_AGE = guarded(r"\bunder (?:the age of )?(\d{1,2})\b")
_APPEARS = guarded(r"\b(?:appears?|appearing|shown|featured|depicted)\b")
_AGE_CHECK = guarded(r"\bage (?:check|verification|gate)|\bverif\w* (?:the )?(?:user'?s? |buyer'?s? )?age")


def _ages(low: str) -> list[str]:
    found: list[str] = []
    low = _without_person_ages(low)
    for pat in _AGE_PATTERNS:
        for m in pat.finditer(low):
            n = int(m.group(1))
            if 12 <= n <= 30 and f"min_age:{n}" not in found:
                found.append(f"min_age:{n}")
    return found


def extract_conditions(text: str, restrictive: bool = True) -> list[str]:
    """Vocabulary conditions named in `text`; `other:<clause>` when a restriction names none.

    Age floors are read from "aged 18 and over", "at least 21", "18+"; an "under 18" only
    counts in a restrictive sentence ("not targeted at users under 18"), because in a
    prohibition it describes who is protected, not a condition to meet.
    """
    text = number_words_as_digits(" ".join(text.split()))
    low = text.lower()
    found = _ages(low)
    if restrictive:
        for m in _UNDER_AGE.finditer(low):
            n = int(m.group(1))
            if 12 <= n <= 30 and f"min_age:{n}" not in found:
                found.append(f"min_age:{n}")
    for name, pat in _CUES:
        if pat.search(low) and name not in found:
            found.append(name)
    if "without " in low or "exempt" in low:
        # "permitted without certification", "exempt from certification": what is NOT needed
        for name in list(found):
            if re.search(rf"\b(?:without|exempt(?:ed)? from) (?:[\w-]+ ){{0,3}}{name[:6]}", low) or (
                name == "verification" and re.search(r"\b(?:without|exempt(?:ed)? from) [\w\s]*verification", low)
            ):
                found.remove(name)
    if restrictive and not found:
        m = _CLAUSE.search(text.lower())
        if m:
            clause = text[m.start(1) : m.start(1) + 80].strip().rstrip(".;:,")
            clause = clause.split(";")[0].strip()
            if clause and not clause.startswith("the following"):
                found.append(f"other:{clause}")
    return found


__all__ = ["NAMED_CONDITIONS", "extract_conditions"]


# ---------------------------------------------------------------- executable conditions
# What `extract_conditions` names for a writer, read here as something the answerer can run
# against case facts: per-market age floors, numeric limits with a unit, market lists after
# "only", credentials (also when a prohibition names their absence: "unlicensed lenders"),
# and claims a prohibition forbids. Every value comes from the sentence; nothing is assumed.

_AUDIENCE = r"(?:users?|people|persons|anyone|audiences?|viewers?|customers?|consumers?|children|minors|players?|visitors?|individuals|those|students)"
# Each pattern with the oldest floor it reads. A number that can only be an age ("users aged
# 50 or over", "the minimum age for these ads is 60") is read up to 99: retirement products set
# such floors. One that may count something else ("at least 40", "50+") is read up to 30 only.
_AGE_FLOOR_PATTERNS = (
    (guarded(rf"\b{_AUDIENCE}\s+(?:who are\s+)?(?:aged\s+)?(\d{{1,2}})\s*(?:\+|years? (?:of age )?(?:and|or) (?:over|older)|(?:and|or) (?:over|older|above))"), 99),
    (guarded(r"\baged (\d{1,2})\s*(?:\+|(?:and|or) (?:over|older|above))"), 99),
    (guarded(rf"\b{_AUDIENCE}\s+(?:who are\s+)?(?:under|younger than|below)\s+(?:the age of\s+)?(\d{{1,2}})\b"), 30),
    (guarded(rf"\b(?:over the age of|at least) (\d{{1,2}})\b{_NOT_AGE_UNIT}"), 30),
    # "permitted for audiences over 18": "over N" in policy prose is the usual way to say N+
    # (read as N, like "over the age of N"); the audience word keeps "over 30 days" out.
    (guarded(rf"\b{_AUDIENCE}\s+(?:who are\s+|aged\s+)?(?:over|above|older than)\s+(?:the age of\s+)?(\d{{1,2}})\b{_NOT_AGE_UNIT}"), 30),
    # "the minimum age for these ads is 18", "minimum age of 18", "minimum age 19", "minimum age: 21",
    # "the minimum targeting age is 25" (the age the ad may be targeted to)
    (guarded(r"\bminimum (?:(?:targeting|target|audience|viewer|user) )?age (?:for [\w\s]+ )?(?:(?:is|of)\s+|:\s*)?(\d{1,2})\b(?!\s*%)"), 99),
    (guarded(r"\bage (?:setting|limit|floor|gate) (?:of|to|at) (\d{1,2})\b"), 99),
    (guarded(r"(?<![\d.])(\d{1,2})\+(?!\s*in\b)"), 30),
)
# The age of a person the ad or post shows or is made by ("the creator is at least 25 years
# old"): a condition on that person, not on the audience, so no audience floor is read from it.
_PERSON_AGE = guarded(
    rf"\b{PEOPLE_SHOWN}\b"
    r"[^.;,]{0,24}?\b(?:is|are|be|must be)\s+(?:at least|over|aged|older than|above)\s+\d{1,2}(?:\s*years?(?: old| of age)?)?"
)


_PERSON_FLOOR = guarded(
    rf"\b{PEOPLE_SHOWN}\b[^.;,]{{0,24}}?\b(?:is|are|be|must be)\s+(at least|over|aged|older than|above)\s+(\d{{1,2}})\b"
)
# "Anyone who appears in an alcohol ad must be, and must look, at least 25 years old."
_SHOWN_FLOOR = guarded(r"\b(at least|older than|over)\s+(\d{1,2})\b")
# "Creators under 18 cannot accept branded content deals …" (a prohibition on who makes the ad).
_PERSON_UNDER = guarded(rf"\b{PEOPLE_SHOWN}\s+(?:who are\s+|aged\s+)?(?:under|younger than|below)\s+(?:the age of\s+)?(\d{{1,2}})\b")
# "Ads must not show people under 25", "must not feature anyone who looks under 25": people the
# ad shows, named by a verb of showing, not the audience it targets.
_SHOWN_UNDER = guarded(
    r"\b(?:show|shows|showing|feature|features|featuring|depict|depicts|depicting|portray|portrays|portraying)\s+"
    r"(?:people|persons?|anyone|anybody|someone|children|minors|models?|actors?)\s+(?:who\s+(?:is|are|looks?|appears?)\s+(?:to be\s+)?)?"
    r"(?:under|younger than|below)\s+(?:the age of\s+)?(\d{1,2})\b"
)


def _person_floors(low: str, decision: str) -> list[str]:
    """The youngest age of a person the ad shows or is made by: "the creator is at least 25",
    "anyone who appears in the ad must be at least 25", and in a prohibition "creators under
    18 cannot …". Executed against the ages the question gives such people ("a 22-year-old
    model"), never against the audience."""
    floors: list[int] = []
    for m in _PERSON_FLOOR.finditer(low):
        floors.append(int(m.group(2)) + (1 if m.group(1) in ("over", "older than", "above") else 0))
    if not floors and _APPEARS.search(low):
        for m in _SHOWN_FLOOR.finditer(low):
            if re.match(_NOT_AGE_UNIT, low[m.end() :]):
                floors.append(int(m.group(2)) + (0 if m.group(1) == "at least" else 1))
    if decision == "reject":
        floors += [int(m.group(1)) for m in _PERSON_UNDER.finditer(low)]
        floors += [int(m.group(1)) for m in _SHOWN_UNDER.finditer(low)]
    return [f"min_person_age:{n}" for n in dict.fromkeys(f for f in floors if 12 <= f <= 30)][:1]


def _without_person_ages(low: str) -> str:
    """`low` with the ages of people shown or speaking blanked (offsets kept)."""
    low = _SHOWN_UNDER.sub(lambda m: " " * len(m.group(0)), low)
    return _PERSON_AGE.sub(lambda m: " " * len(m.group(0)), low)


# "18+ in the United States", "21 or older in Singapore", "aged 16 and over in Germany": an age
# floor followed by where it holds. The market words stop at the next number or bracket, so
# "18 or older in A and B, and 16 or older in every other market" reads A and B for 18 only,
# and what is left once the per-market floors are blanked ("16 or older in every other
# market", "aged 18 or older (…)") is the general floor of the rest.
_PER_MARKET_FLOOR = guarded(
    r"(?<![\d.])(\d{1,2})(?:\+|\s+(?:years?\s+(?:of age\s+)?)?(?:and|or)\s+(?:over|older|above))\s+in\s+((?:[^;\n()\d]|\([A-Z]{2}\))+)"
)
# "must not be targeted at users under 18 (under 19 in KR)", "…under 18, or under 19 in KR":
# after an audience floor written as "under N", a further "under M in <market>" says the
# same of that market with its own number (the audience word is not repeated).
_PER_MARKET_UNDER = guarded(r"\bunder\s+(?:the age of\s+)?(\d{1,2})\s+in\s+((?:[^;\n()\d]|\([A-Z]{2}\))+)")
_IN_AD = guarded(r"\b(?:appears?|appearing|featured|feature|shown in|actors?|models?|performers?|depicted|look(?:s)?)\b")

_NUM = r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
_UNIT = rf"(?:-|\s*)({UNIT_WORDS})"
# The currency before the number, as a sign or an ISO code ("$5,000", "USD 1,000,000"); the
# code is how policies written for several currencies state an amount.
_CUR = r"([$€£]|\b(?:usd|eur|gbp)\s?)?"
# Comparatives of a size ("heavier than 50 lb", "hotter than 40 °C") compare as "more than" /
# "less than" do.
_MORE_SIZE = r"(?:heavier|larger|bigger|hotter|warmer|faster|taller|wider|thicker|deeper|stronger)"
_LESS_SIZE = r"(?:lighter|smaller|colder|cooler|slower|thinner|narrower|weaker)"
# "is limited to 10 minutes" / "restricted to 2 kg" state a ceiling as "capped at" does; a
# number with its unit must follow (a market list after "limited to" is `_ONLY`'s).
_MAX_WORDS = rf"(?:at most|no more than|not more than|up to(?:\s+and\s+including)?|a maximum of|maximum of|max(?:imum)?\.?|capped at|(?:limited|restricted) to|no higher than|not (?:to )?exceed(?:ing)?|(?:must|may|should|can|does|do|will) not exceed|cannot exceed|no greater than|no longer than|not longer than|(?:no|not) {_MORE_SIZE} than|(?<!\bno )(?<!\bnot )(?:below|less than|under|lower than)|within)"
_MIN_WORDS = r"(?:at least|no less than|not less than|a minimum of|minimum of|min(?:imum)?\.?|no shorter than|not shorter than|no fewer than|not fewer than|or more)"
_OVER_WORDS = rf"(?:above|over|more than|exceed(?:s|ing)?|higher than|greater than|in excess of|longer than|(?<!\bno )(?<!\bnot ){_MORE_SIZE} than|goes? (?:above|over|beyond))"
_UNDER_WORDS = rf"(?<!\bno )(?<!\bnot )(?:below|under|less than|shorter than|fewer than|lower than|{_LESS_SIZE} than)"
# "must not exceed the face value plus 10%", "no more than the list price + 5%": a margin over a
# named base; the number bounds the margin, which is what a case states ("face value + 8%").
_BASE_PLUS = r"(?:(?:the\s+)?(?:[a-z][\w-]*\s+){1,3}(?:plus|\+)\s*)?"
_LIMIT_MAX = guarded(rf"\b{_MAX_WORDS}\s+{_BASE_PLUS}{_CUR}{_NUM}{_UNIT}?")
_LIMIT_MIN = guarded(rf"\b{_MIN_WORDS}\s+{_CUR}{_NUM}{_UNIT}?")
_EXCEED = guarded(rf"\b(?:not (?:to )?exceed(?:ing)?|(?:must|may|should|can|does|do|will|shall) not exceed|cannot exceed|no (?:more|higher|greater|longer|{_MORE_SIZE[3:-1]}) than)\s+{_BASE_PLUS}{_CUR}{_NUM}{_UNIT}?")
_OVER = guarded(rf"\b{_OVER_WORDS}\s+{_CUR}{_NUM}{_UNIT}?")
# The low end of a range "from 250 g up to 25 kg", "from $500 to $2,000": inclusive, as "up to"
# is at the high end (`_LIMIT_MAX`). Only before "(up) to <number>": "from 5 November" is a date.
_RANGE_FROM = guarded(rf"\bfrom\s+{_CUR}{_NUM}{_UNIT}?(?=\s+(?:up\s+)?to\s+[$€£]?\s?\d)")
_UNDER = guarded(rf"\b{_UNDER_WORDS}\s+{_CUR}{_NUM}{_UNIT}?")
# The comparison after the number: "30 days or more", "2% or less" (inclusive both ways).
# A rate may stand between ("150 mg of caffeine per litre or less"); `rate_after` reads it.
_RATE_BETWEEN = r"(?:(?:\s+of)?\s+[a-z][\w-]*)?\s*(?:per|/)\s*(?:\d[\d,.]*\s*)?[a-z][\w-]*"
_POSTFIX_MIN = guarded(rf"{_CUR}(?<![\d.,]){_NUM}{_UNIT}?(?:{_RATE_BETWEEN})?\s+or\s+(?:more|longer|higher|greater)\b")
_POSTFIX_MAX = guarded(rf"{_CUR}(?<![\d.,]){_NUM}{_UNIT}?(?:{_RATE_BETWEEN})?\s+or\s+(?:less|fewer|shorter|lower)\b")
_ONLY = guarded(
    r"\b(?:only|exclusively|solely)\s+(?:be\s+)?(?:(?:shown|run|served|available|advertised|promoted|allowed|permitted|accepted|targeted)\s+)?(?:in|within|across|to|for)\b"
    r"|\b(?:limited|restricted)\s+to\b|\ballowed in\b[^.;]{0,60}\bonly\b",
    re.I,
)
_CLAIM_BAN = guarded(
    r"\b(?:must not|may not|cannot|can ?not|should not|never|not)\s+(?:\w+\s+){0,2}?(?:(?:claim|promise|guarantee|imply|suggest|state|say)s?\s+(?:that\s+)?|advertise[sd]?\s+that\s+)(?:an?\s+|the\s+)?([^,;.:]{4,80})"
    r"|\b(?:claims?|promises?|guarantees?)\s+(?:of|that|about)\s+([^,;.:]{4,80}?)\s+(?:are|is)\s+(?:not|never|prohibited|banned)"
)
_DENIED_CREDENTIAL = guarded(
    r"\b(?:un|non-?)(licen[cs]ed|registered|regulated|authori[sz]ed|certified|accredited|verified|qualified)\b"
    r"|\bwithout (?:a |an |the |prior |valid |written |express )*(licen[cs]e|registration|authori[sz]ation|certification|accreditation|qualification|verification|permission|consent|approval|age (?:check|verification)|membership|enrolment)\b"
    r"|\bnon-?(member)s?\b|\bnot (enrol)led\b"
)
_CREDENTIAL_OF = {
    "licen": "licence", "regis": "licence", "regul": "licence", "autho": "licence",
    "certi": "certification", "accre": "certification", "quali": "certification", "verif": "verification",
    "permi": "permission", "conse": "permission", "appro": "permission", "age c": "age_check", "age v": "age_check",
    "membe": "membership", "enrol": "membership",
}  # fmt: skip


def _unit_of(currency: str | None, unit: str | None, low: str = "", m: re.Match[str] | None = None) -> str | None:
    from policydesk.core.conditions import normalise_unit, weighed_unit

    if currency:
        return normalise_unit(currency)
    if not unit:
        return None
    u = re.sub(r"^(?:calendar|business|working) ", "", unit.strip())
    if m is not None:
        return weighed_unit(u, low, m.start(2), m.end(3))  # "heavier than 10 pounds"
    return normalise_unit(u)


def _fmt_limit(kind: str, number: str, unit: str | None) -> str:
    value = float(number.replace(",", ""))
    v = str(int(value)) if value.is_integer() else f"{value:g}"
    if not unit:
        return f"{kind}:{v}"
    return f"{kind}:{v}{unit}" if unit == "%" else f"{kind}:{v} {unit}"


def _age_floors(low: str, text: str) -> list[str]:
    out: list[str] = []
    rest = low
    audience_under = _AGE_FLOOR_PATTERNS[2][0].search(low)
    stated = list(_PER_MARKET_FLOOR.finditer(text))
    if audience_under is not None:
        stated += [m for m in _PER_MARKET_UNDER.finditer(text) if m.start() > audience_under.start()]
    for m in stated:
        from policydesk.core.markets import ISO_CODES, find_mentions

        codes = [c for men in find_mentions(m.group(2)) for c in men.codes]
        codes += re.findall(r"\(([A-Z]{2})\)", m.group(2))
        # "19+ in KR", "18+ in FR and ES": bare ISO codes after "in" (core/markets.py reads them
        # only with the "in" before them, which this group has already consumed).
        codes += [c for c in re.findall(r"(?<![\w.(])([A-Z]{2})(?![\w')])", m.group(2)) if c in ISO_CODES]
        codes = list(dict.fromkeys(c for c in codes if c != "global"))
        if codes:
            out.append(f"min_age:{int(m.group(1))}@{','.join(codes)}")
            rest = rest[: m.start()] + " " * (m.end() - m.start()) + rest[m.end() :]
    if _IN_AD.search(low):
        return out  # "anyone who appears in the ad must be at least 25": not the audience
    rest = _without_person_ages(rest)
    general: list[str] = []
    for pat, oldest in _AGE_FLOOR_PATTERNS:
        for m in pat.finditer(rest):
            n = int(m.group(1))
            if not 12 <= n <= oldest:
                continue
            codes = _clause_markets(text, m.start())
            c = f"min_age:{n}@{','.join(codes)}" if codes else f"min_age:{n}"
            if codes and c not in out:
                out.append(c)
            elif not codes and c not in general:
                general.append(c)
    return out + general[:1]


# Where one clause of a sentence ends and the next begins: "…18 or over, and in the United
# States … 21 or over", "…16 or over, except in the United States, where the minimum age is 13",
# "… in kWh and, in the United Kingdom, must not exceed …", "…; in Australia, …". A comma
# before "and in …" starts a clause; one inside a list ("France, Spain, and Italy") does not,
# nor does a bare "and in" ("only in France and in Spain" is one list).
_CLAUSE_BREAK = guarded(
    r";|\.\s|,\s*(?:and|but|while|whereas)\s+(?=(?:in|within|outside|for)\b)|\b(?:and|but),\s*(?=(?:in|within|for)\b)|\bexcept\b",
    re.IGNORECASE,
)
# A market that opens a clause's setting: "in the United States", "within the EU", "for Canada".
_IN_BEFORE = guarded(r"\b(?:in|within|for)\s+(?:the\s+)?$", re.IGNORECASE)
_LIST_JOIN = guarded(r"^\s*(?:,\s*)?(?:(?:and|or)\s+)?(?:the\s+)?$", re.IGNORECASE)


@dataclass(frozen=True)
class MarketSegment:
    """One clause of a sentence (`start`-`end`) and the markets its own words set it in
    ("in the United Kingdom only where …" -> GB); `codes` is empty for a clause naming none."""

    start: int
    end: int
    codes: tuple[str, ...]


def _segment_codes(clause: str) -> tuple[str, ...]:
    from policydesk.core.markets import find_mentions

    codes: list[str] = []
    last_end = None  # end of the last market of an "in …" list, which the next one may continue
    for men in find_mentions(clause):
        joined = last_end is not None and _LIST_JOIN.match(clause[last_end : men.start])
        if _IN_BEFORE.search(clause[: men.start]) or joined:
            codes += men.codes
            last_end = men.end
        else:
            last_end = None
    return tuple(dict.fromkeys(c for c in codes if c != "global"))


@lru_cache(maxsize=8192)
def market_segments(text: str) -> tuple[MarketSegment, ...]:
    """The clauses of a sentence with the markets each is written for (see `_CLAUSE_BREAK`)."""
    cuts = [0] + [b.end() for b in _CLAUSE_BREAK.finditer(text)] + [len(text)]
    out = []
    for a, b in zip(cuts, cuts[1:]):
        if text[a:b].strip():
            out.append(MarketSegment(a, b, _segment_codes(text[a:b])))
    return tuple(out)


def per_market(segments: tuple[MarketSegment, ...]) -> bool:
    """Does a sentence set conditions market by market? Only when a clause after its first
    names its own markets ("…, and in the United Kingdom only where …"): a sentence whose
    markets all come first ("In Japan, the minimum age is 20; …") is scoped by them as a
    whole, which the rule's own markets already say."""
    return any(seg.codes for seg in segments[1:])


def _clause_markets(text: str, at: int) -> list[str]:
    """The markets a later clause holding position `at` is written for ("…, and in the United
    States … 21 or over"), so a sentence that sets one floor everywhere and another in a named
    market binds each to its own place: a floor stated inside "in <market> …" holds there only.
    The sentence's first clause gives none: its markets are the whole rule's ("In Japan, the
    minimum age is 20"), which reading the sentence already scopes it to."""
    segments = market_segments(text)
    for k, seg in enumerate(segments):
        if seg.start <= at < seg.end:
            return list(seg.codes) if k else []
    return []


def _same_clause(text: str) -> str:
    """`text` up to the end of its first clause (see `_CLAUSE_BREAK`)."""
    b = _CLAUSE_BREAK.search(text)
    return text[: b.start()] if b else text


_NO_BEFORE = guarded(r"\bno\s+(?:[\w-]+\s+){1,3}$")
# A negation earlier in the same clause ("does not depend on signing within …").
_NEGATED_CLAUSE = guarded(r"\b(?:not|never)\b[^,;.:]*$|n't\b[^,;.:]*$")
_BELOW_WORD = guarded(r"(?:below|under|less than|lower than|fewer than)\b")


# A period adjective on what the number measures: "a daily intake of more than 10 mg", "a
# weekly dose of up to 5 g", "annual consumption above 4,000 kWh". The limit is per that
# period ("10 mg per day"), as "10 mg per day" written after the number would be: it compares
# with a case's amount per day (core/counted_amounts.py: "three 10mg servings a day"), and
# never with one per another period. Money, ratios, multiples and temperatures keep their unit,
# as `rate_after` keeps them ("an annual fee of more than $50" is the fee).
_PERIOD_BEFORE = re.compile(
    r"\b(daily|weekly|monthly|yearly|annual|hourly)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?\s+(?:of\s+)?$"
)
_PERIOD_OF = {"daily": "day", "weekly": "week", "monthly": "month", "yearly": "year", "annual": "year", "hourly": "hour"}


def _per_period(low: str, start: int, unit: str | None) -> str | None:
    """`unit` made a rate per the period an adjective before the comparison at `start` names."""
    if unit is None or " per " in unit or unit_dimension(unit) in (None, "ratio", "multiple", "temperature"):
        return unit
    m = _PERIOD_BEFORE.search(low, 0, start)
    return unit if m is None else f"{unit} per {_PERIOD_OF[m.group(1)]}"


# What follows a limit to say when it holds: "at least 30 days for courses priced above USD
# 1,000", "no more than 2 hours where the event is longer than 8 hours" (to the end of the
# clause; a thousands comma is no clause end).
_LIMIT_TRIGGER = guarded(r"\s*(?:from\s+[a-z]+\s*)?(?:for|where|when|if)\s+((?:[^,;.]|(?<=\d)[,.](?=\d))+)")
_TRIGGER_WORD = {("max", False): "over", ("min", False): "under", ("min", True): "at least", ("max", True): "at most"}


def limit_trigger(low: str, end: int) -> str:
    """The trigger written right after a limit ending at `end` (" when over 1000 USD"), or "".

    Why: "a refund window of at least 14 days from purchase, or at least 30 days for courses
    priced above USD 1,000" states two limits, the second only for the courses its "for"
    phrase compares with a number; read without it, the 30 days bound a £300 course. Only a
    comparison with a unit is a trigger (core/conditions.py executes it against the case's
    number of that measure)."""
    m = _LIMIT_TRIGGER.match(low, end)
    if m is None:
        return ""
    found = unit_comparisons(m.group(1))
    if not found:
        return ""
    c = found[0]
    value = f"{int(c.value)}" if float(c.value).is_integer() else f"{c.value:g}"
    return f" when {_TRIGGER_WORD[(c.kind, c.holds)]} {value} {c.unit}"


def _limits(low: str, decision: str) -> list[str]:
    out: list[str] = []

    def add(kind: str, m: re.Match[str]) -> None:
        unit = _unit_of(m.group(1), m.group(3), low, m)
        if unit is None and not m.group(1) and not m.group(3):
            unit = counted_unit(low, m.end(2))  # "at least 100 students" (core/counted_limits.py)
        if unit is None:
            return  # a bare number is a section, a count or an age, not a limit we can execute
        unit, _ = rate_after(low, m.end(3) if m.group(3) else m.end(2), unit)
        unit = _per_period(low, m.start(), unit)
        if _NO_BEFORE.search(low[: m.start()]) and _BELOW_WORD.match(low, m.start()):
            # "no fair-use limit below 500 GB": the limit may not be below 500 GB, so 500 GB is a floor.
            kind = "min" if kind == "max" else kind
        if kind == "max" and low.startswith("within", m.start()) and _NEGATED_CLAUSE.search(low[: m.start()]):
            # "provided the incentive does not depend on signing within 48 hours": what may not be
            # within 48 hours must be beyond them, a floor.
            kind = "min"
        c = _fmt_limit(kind, m.group(2), unit) + limit_trigger(low, m.end())
        if c not in out:
            out.append(c)

    if decision == "reject" and _PROHIBITED.search(low):
        # In a prohibition the number describes what is banned: "rates above 30% are not
        # allowed" leaves 30% or less (max), "refund windows shorter than 14 days are not
        # allowed" leaves 14 or more (min), "must not exceed 36%" is the cap itself. "Loans
        # repaid within 60 days" or "of at least $5,000" leave a strict limit (over 60 days,
        # under $5,000) the vocabulary does not hold: unread, never read the wrong way round.
        for m in _EXCEED.finditer(low):
            add("max", m)
        for m in _OVER.finditer(low):
            add("max", m)
        for m in _UNDER.finditer(low):
            add("min", m)
        return out
    for m in _LIMIT_MAX.finditer(low):
        add("max", m)
    for m in _LIMIT_MIN.finditer(low):
        add("min", m)
    if decision != "reject":
        for m in _RANGE_FROM.finditer(low):
            add("min", m)
        # In a prohibition "36% or more" leaves "below 36%" allowed, a strict limit the
        # vocabulary does not hold; it is left unread rather than read one unit off.
        for m in _POSTFIX_MIN.finditer(low):
            add("min", m)
        for m in _POSTFIX_MAX.finditer(low):
            add("max", m)
    if decision == "reject":
        # "rates above 30% are not allowed": the ad may run at 30% or less.
        for m in _OVER.finditer(low):
            add("max", m)
        for m in _UNDER.finditer(low):
            if not _LIMIT_MAX.search(low[m.start() : m.end()]):
                add("min", m)
    return out


def _date_windows(text: str) -> list[str]:
    """When the sentence lets an ad run (core/dates.py `stated_windows`): "may run only from 2
    to 5 November" -> `during:2-5 Nov`, "must not run in the 48 hours before polls open" ->
    `not_during:the 48 hours before polls open`."""
    from policydesk.core.dates import stated_windows, window_text

    out = []
    for stated in stated_windows(text):
        kind = "during" if stated.inside else "not_during"
        out.append(f"{kind}:{'; '.join(window_text(w) for w in stated.windows)}")
    return out


def _only_markets(text: str) -> list[str]:
    from policydesk.core.reading import scope_markets

    only = _ONLY.search(text)
    if not only:
        return []
    # The markets "only" governs sit in its own clause: in "may only be shown to users aged 18
    # or over, and in the United States …" the United States starts another clause.
    markets, _ = scope_markets(_same_clause(text[only.start() : only.start() + 160]))
    return [f"only_markets:{','.join(markets)}"] if markets else []


# "Only candidates, parties and coalitions may pay to boost …": a restriction on who may do
# it. The head noun of each listed kind is kept, to be executed against the advertiser the
# question names or denies ("a supporter, not the candidate").
_ONLY_WHO_LIST = guarded(
    r"\bonly\s+((?:[a-z][\w-]*)(?:(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|and/or)\s+|\s+)[a-z][\w-]*){0,12}?)"
    r"\s+(?:may|can|are (?:allowed|permitted|eligible)|is (?:allowed|permitted|eligible))\b"
)
_NOT_A_PARTY = frozenset(
    "in to for within within by when if where be the a an after before during one two once those these this that with from on at as".split()
)


def _only_who(low: str) -> list[str]:
    m = _ONLY_WHO_LIST.search(low)
    if not m or m.group(1).split()[0] in _NOT_A_PARTY:
        return []
    items = re.split(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|and/or)\s+", m.group(1))
    heads = [item.split()[-1] for item in items if item.strip()]
    from policydesk.core.terms import GENERIC_WORDS

    generic = set(GENERIC_WORDS)
    if not heads or any(h in _NOT_A_PARTY or h in generic or not h.endswith("s") for h in heads):
        return []  # plural kinds of advertiser only: "only ads may …" names no kind of party
    return [f"only_who:{','.join(dict.fromkeys(heads))}"]


# "relationship test ads may only be run by testing companies appointed by the Ministry of
# Justice", "may be placed only by agents approved by the Harbour Authority": who may run the ad
# is named by a body's act on them, which is a credential the advertiser must hold. An
# appointment, approval or designation by an outside body is its authorisation (the licence
# credential, whose body assistant/market_bodies.py checks); an accreditation or certification
# is a certification. Only a body other than the platform ("approved by us" is the platform's
# permission, core/condition_reading.py `_CUES`).
_RUN_BY = r"(?:run|placed|advertised|published|promoted|bought|booked|submitted|shown|offered|sold|made|used)"
_ONLY_BY_BODY = guarded(
    rf"\b(?:may|can|must|should|shall)\s+(?:only\s+be\s+{_RUN_BY}|be\s+{_RUN_BY}\s+only)\s+by\s+(?:[\w'-]+\s+){{0,4}}?"
    r"(appointed|approved|designated|nominated|authori[sz]ed|licen[cs]ed|registered|accredited|certified)\s+(?:by|with)\s+(?!us\b|the platform\b)"
)
_BODY_ACT_CREDENTIAL = {"accredited": "certification", "certified": "certification"}


def _only_by_body(low: str) -> list[str]:
    """The credential of "may only be run by <advertisers> appointed by <body>" (see above)."""
    return [f"requires:{_BODY_ACT_CREDENTIAL.get(m.group(1), 'licence')}" for m in _ONLY_BY_BODY.finditer(low)]


# "not without a licence", "never without …": a double negation, which requires the credential.
_NOT_BEFORE = guarded(r"\b(?:not|never)\s*$")


def _denied_credentials(low: str, permission: bool = False) -> list[str]:
    """The credentials a sentence names by their absence ("unlicensed lenders", "without a
    licence"), each read as one the rule requires. In a permission (`permission`) a "without"
    says the opposite: "can be advertised without certification" grants the permission to
    those who hold none, so it requires nothing; only "not without a licence" (a double
    negation) still requires it there, and "unlicensed" keeps its reading."""
    out: list[str] = []
    for m in _DENIED_CREDENTIAL.finditer(low):
        if permission and m.group(0).startswith("without") and not _NOT_BEFORE.search(low[: m.start()]):
            continue
        word = next((g for g in m.groups() if g), "")[:5]
        name = _CREDENTIAL_OF.get(word)
        if name and f"requires:{name}" not in out:
            out.append(f"requires:{name}")
    return out


_QUOTED_EXAMPLE = guarded(r"[\"\u201c]([^\"\u201d]{3,80})[\"\u201d]")
_CLAIM_WORDS = guarded(r"\bclaims?\b|\bpromis|\bguarantee|\bdescribe|\bsuch as\b|\bwording\b|\bphrases?\b|\bstatements?\b")


def _claim_bans(text: str) -> list[str]:
    out: list[str] = []
    if _CLAIM_WORDS.search(text):
        # "Claims such as "reverses diabetes" … are not allowed": each quoted example is a
        # claim the ad must not make.
        out += [f"no_claim:{m.group(1).strip()}" for m in _QUOTED_EXAMPLE.finditer(text)]
    for m in _CLAIM_BAN.finditer(text):
        claim = (m.group(1) or m.group(2) or "").strip()
        if claim and len(claim.split()) <= 12:
            out.append(f"no_claim:{claim}")
    return list(dict.fromkeys(out))[:6]


# "Locking blades …: allowed, BUT in GB must not be promoted as everyday carry (EDC) or for
# carrying in public", "may be advertised, but ads must not claim that an add-on increases the
# chance of a live birth": a ban on presenting the thing as something, or on saying something, in
# a permission or requirement is a claim the ad must not make, whatever verb the sentence uses.
# Each alternative of presenting ("X or Y") is a claim of its own. A ban the sentence lifts on a
# condition ("may not describe a handset as "free" unless the customer pays nothing …") is not
# read: its lift is no claim.
_NEG_MODAL = r"(?:must not|mustn't|may not|cannot|can ?not|can't|should not|shouldn't|shall not|must never|never)"
_PRESENTED_AS = guarded(
    rf"\b{_NEG_MODAL}\s+(?:be\s+)?(?:promoted|marketed|advertised|described|presented|positioned|portrayed|pitched|billed|sold)\s+as\s+([^,;.:!?]{{3,80}})"
    rf"|\b{_NEG_MODAL}\s+(?:promote|market|advertise|describe|present|position|portray|pitch|bill)\s+(?:[\w'-]+\s+){{1,4}}?as\s+([^,;.:!?]{{3,80}})"
)
_SAYING_BAN = guarded(
    rf"\b{_NEG_MODAL}\s+(?:(?:also|ever|expressly|directly)\s+)?(?:claim|promise|guarantee|imply|suggest|state|say)\s+(?:or\s+(?:imply|suggest)\s+)?(?:that\s+)?([^,;.:!?]{{4,80}})"
)
_LIFT = re.compile(r"\s+(?:unless|except|if|when|where|until)\b")
_CLAIM_END = re.compile(r"\s+(?:because|so that|even)\b.*$")


def _presented_as_bans(low: str) -> list[str]:
    """The claims a permission or requirement sentence bans ("must not be promoted as everyday
    carry (EDC) or for carrying in public" -> `no_claim:everyday carry (edc)`, `no_claim:for
    carrying in public`; "must not state that approval is guaranteed" -> `no_claim:approval is
    guaranteed`). Read in a requirement only: a prohibition's claims are `_claim_bans`."""
    out: list[str] = []
    for m in _PRESENTED_AS.finditer(low):
        said = m.group(1) or m.group(2) or ""
        # "must not describe it as "official", "approved" or "endorsed" unless …": the lift may
        # follow the whole list, past the comma the first item ends at.
        if _LIFT.search(said) or _LIFT.search(re.split(r"[;.:!?]", low[m.end():], maxsplit=1)[0]):
            continue
        for alt in re.split(r"\s+or\s+|\s*,\s*", _CLAIM_END.sub("", said)):
            alt = re.sub(r"^(?:an?|the)\s+", "", alt.strip())
            if alt and len(alt.split()) <= 12:
                out.append(f"no_claim:{alt}")
    for m in _SAYING_BAN.finditer(low):
        if _LIFT.search(m.group(1)):
            continue
        claim = re.sub(r"^(?:an?|the)\s+", "", _CLAIM_END.sub("", m.group(1)).strip())
        if claim and len(claim.split()) <= 12:
            out.append(f"no_claim:{claim}")
    return list(dict.fromkeys(out))


def executable_conditions(text: str, decision: str) -> list[str]:
    """Conditions of one sentence that the answerer can execute, in sidecar form.

    `decision` is the sentence's reading: a prohibition names its thresholds from the other
    side ("above 30% APR" -> `max:30%`) and its requirements by their absence ("unlicensed"
    -> `requires:licence`).
    """
    return list(_executable_conditions(text, decision))


# "Creative that shows X is not allowed, and the ad must be limited to users aged 20 or older":
# the obligation after the prohibition is a second requirement, not a condition under which
# the prohibition lifts, so a prohibition's conditions are read from its own words only.
_PROHIBITED = guarded(
    r"\b(?:(?:is|are) (?:not (?:allowed|permitted|accepted)|prohibited|banned|forbidden)|must not|may not|cannot|can ?not|never"
    r"|(?:do|does|will) not (?:allow|accept|permit)|(?:don't|doesn't|won't) (?:allow|accept|permit))\b"
)
_THEN_OBLIGATION = guarded(
    r"(?:,|;)\s*(?:and\s+)?(?:(?:the|all|every|each|such|any|these|those|this)\s+)?(?:[\w-]+\s+){0,2}(?:must|should|shall|has to|have to|needs? to)\b(?!\s+not\b)"
)


def _prohibition_part(text: str) -> str:
    ban = _PROHIBITED.search(text.lower())
    if not ban:
        return text
    then = _THEN_OBLIGATION.search(text.lower(), ban.end())
    return text[: then.start()] if then else text


@lru_cache(maxsize=8192)
def _executable_conditions(text: str, decision: str) -> tuple[str, ...]:
    """Cached: ingest reads a sentence through several paths and the answerer re-checks the
    stating sentences of the clauses it ranks for every question; ~40 regex scans each."""
    flat = number_words_as_digits(" ".join(text.split()))
    if decision == "reject":
        flat = _prohibition_part(flat)
    out = _sentence_conditions(flat, decision)
    segments = market_segments(flat)
    if per_market(segments):
        out = _bound_to_markets(out, flat, segments, decision)
    return tuple(dict.fromkeys(out))


# A duty the sentence states in words beside a capped ban ("X must appear on the public list of
# CBD products, and ads must not recommend … more than 10 mg"): the conjunct's predicate after
# its modal and any linking verb ("appear", "be": they carry no content of the duty).
_DUTY_CONJUNCT = guarded(r"\b(?:must|shall|should|(?:is|are) required to|needs? to|ha(?:s|ve) to)\s+(?!not\b)(?:(?:be|appear|remain|stay)\s+)?((?:(?!\b(?:and|or|but)\s+(?:\w+\s+)?(?:must|may|should|shall|cannot)\b)[^,;.]){6,120})", re.I)
_BANNED_CONJUNCT = guarded(r"\b(?:must|may|should|shall) not\b|\bcannot\b")


def _capped_bans(low: str) -> list[str]:
    """Caps a requirement sentence states as a ban on going over a number ("…, and ads must not
    recommend a daily intake of more than 10 mg of CBD"): the number the ad must not go beyond
    is its maximum, as in a prohibition (`_limits`). Only a comparison inside the reach of the
    negated modal, in the same conjunct (no comma, semicolon or other modal between), is read:
    "Ads for loans of more than $5,000 must state the APR" names which ads, not a cap."""
    out: list[str] = []
    for ban in _BANNED_CONJUNCT.finditer(low):
        end = re.search(r"[,;.]|\b(?:must|may|should|shall|cannot)\b", low[ban.end():])
        span = low[ban.end(): ban.end() + end.start()] if end else low[ban.end():]
        for m in _OVER.finditer(span):
            unit = _unit_of(m.group(1), m.group(3), span, m)
            if unit is None:
                continue
            unit, _ = rate_after(span, m.end(3) if m.group(3) else m.end(2), unit)
            out.append(_fmt_limit("max", m.group(2), _per_period(span, m.start(), unit)))
    return list(dict.fromkeys(out))


def _sentence_conditions(flat: str, decision: str) -> list[str]:
    low = flat.lower()
    # A limit's trailing trigger ("… must not exceed 5 weeks' rent where the annual rent is below
    # £50,000") says when the limit binds; its number limits nothing (`trigger_limits` reads it).
    trailing = trailing_trigger(flat)
    limited = low[: trailing[0]] if trailing else low
    limits = _limits(_without_person_ages(limited), decision)
    caps = [c for c in _capped_bans(limited) if c not in limits] if decision == "restrict" else []
    limits = limits + caps
    if _IN_AD.search(low):  # "people shown must be at least 25 years old": not the audience
        limits = [c for c in limits if not c.endswith(" years")]
    ages = _age_floors(low, flat)
    # "users 21 years or older" is an age floor, not also a duration of 21 years
    floors = {c.split(":")[1].split("@")[0] for c in ages}
    limits = [c for c in limits if not (c.startswith("min:") and c.endswith(" years") and c[4:-6] in floors)]
    out = ages + _person_floors(low, decision) + limits + _only_markets(flat) + _date_windows(flat)
    if decision == "reject":
        out += _denied_credentials(low) + _claim_bans(flat.lower())
    else:
        out += _only_who(low)
        out += _only_by_body(low)
        out += _presented_as_bans(low) if decision == "restrict" else []
        out += [f"requires:{c}" for c in extract_conditions(flat, restrictive=True) if c in ("licence", "certification", "verification", "permission", "disclosure", "membership")]
        if _AGE_CHECK.search(low):
            out.append("requires:age_check")
        out += _denied_credentials(low, permission=True) if re.search(r"\bnot\b|\bno\b", low) and decision == "approve" else []
    if caps and set(out) <= set(caps):
        # The other duties of the sentence, when nothing else executes them, stay conditions in
        # words, so a cap read from one conjunct never lets the sentence approve a case that has
        # not shown the rest ("… must appear on the public list …, and ads must not …").
        out += [f"other:{m.group(1).strip()}" for m in _DUTY_CONJUNCT.finditer(flat)]
    return list(dict.fromkeys(out))


# The kinds a clause's markets can bind (`<condition>@CC,CC`, core/conditions.py `LOCAL_KINDS`);
# a market list, a claim or a requirement in words keeps the sentence's reading.
def _bound_to_markets(whole: list[str], flat: str, segments: tuple[MarketSegment, ...], decision: str) -> list[str]:
    """A sentence that sets its conditions market by market ("Boosters may be advertised in the
    United States only where the device is certified by the FCC, and in the United Kingdom only
    where it is of a type authorised by Ofcom"): each condition read from a clause set in named
    markets holds in those markets only (`requires:certification@US`, `requires:licence@GB`),
    one read from a clause naming none holds everywhere. Why it is right: the sentence says
    where each condition holds; read as one, the United States would ask for Ofcom's
    authorisation too. Each clause is read by itself, by the same readers as the sentence; a
    condition of the sentence that no clause gives alone (one its context decides) keeps the
    sentence's reading, as does a kind that binds no market."""
    from policydesk.core.conditions import LOCAL_KINDS, ConditionSyntaxError, format_condition, parse_condition

    general: set[str] = set()
    local: dict[str, list[str]] = {}  # a condition as read -> the markets of the clauses stating it
    subjects: set[str] = set()  # limits a market's clause states of its subject (no requirement)
    for seg in segments:
        text = flat[seg.start : seg.end]
        said_of = _segment_subject_limits(text) if seg.codes else set()
        subjects |= said_of
        if not seg.codes:
            text = _NOT_REQUIRED.sub(lambda m: " " * len(m.group(0)), text)
        for c in _sentence_conditions(text, decision):
            if not seg.codes:
                general.add(c)
            elif c not in said_of:
                local.setdefault(c, []).extend(seg.codes)
    bound: dict[str, str] = {}
    for c, codes in local.items():
        if c in general:
            continue  # stated for every market as well: the market adds nothing
        try:
            cond = parse_condition(c)
        except ConditionSyntaxError:
            continue
        if cond.kind in LOCAL_KINDS and not cond.markets:
            bound[c] = format_condition(cond.model_copy(update={"markets": list(dict.fromkeys(codes))}))
    # "allowed only in France and Spain, and in Italy only with a licence": a market whose own
    # clause sets the conditions it is allowed on is one of the markets the ad may run in.
    allowed = [m for c in bound.values() for m in parse_condition(c).markets]
    # A condition of the whole sentence that no clause states for every market and none binds
    # (a limit said of a market clause's subject, a credential only said not to be required) is
    # no condition of it.
    out = [bound.get(c, c) for c in whole if c in general or c in bound or c not in subjects | _denied_only(whole, general, local)]
    out = [_with_markets(c, allowed) if c.startswith("only_markets:") else c for c in out]
    out += [b for c, b in bound.items() if c not in whole]
    return out


_SEGMENT_MODAL = guarded(r"\b(?:must|may|should|shall|cannot|can)\b", re.IGNORECASE)


def _segment_subject_limits(text: str) -> set[str]:
    """The limits a market's clause states in its subject, before its modal ("…, except in JP,
    where drones of 100 g or more must be registered and the ad must say so"): they say which
    things the clause's duty is for there, not a size every thing must have (a 60 g drone in JP
    breaks nothing; the duty is not its). Left unread rather than read as a requirement."""
    modal = _SEGMENT_MODAL.search(text)
    if modal is None:
        return set()
    return {c for c in _limits(text[: modal.start()].lower(), "restrict") if c.startswith(("max:", "min:"))}


def _denied_only(whole: list[str], general: set[str], local: dict[str, list[str]]) -> set[str]:
    """Credentials the whole sentence names that no clause requires: "no registration statement
    is required" read in the clause that states it, blanked (`_NOT_REQUIRED`)."""
    return {c for c in whole if c.startswith("requires:") and c not in general and c not in local}


def _with_markets(only: str, more: list[str]) -> str:
    listed = only.split(":", 1)[1].split(",")
    return "only_markets:" + ",".join(dict.fromkeys(listed + more))


__all__ += ["executable_conditions"]


# "Ads for products that contain at least 75 mg per serving may use the wording …", "Lenders
# with an APR of at most 36% can show …": a permission whose subject carries the condition. The
# condition says which ads the permission covers, not what every ad must meet: an ad outside it
# is simply not given the permission (other rules decide it). The subject is the words before
# the sentence's permitting modal; a subject that is the advertiser or the platform ("you may",
# "we may") carries no condition.
_PERMISSION = guarded(r"\b(?:may|can)\b(?!\s+not\b|n't)")
_PERSONAL_SUBJECT = guarded(r"^\W*(?:you|we|they|it)\W*$", re.I)


@lru_cache(maxsize=8192)
def permission_subject_conditions(text: str, decision: str) -> tuple[str, ...]:
    """The conditions a permission's subject carries (see above); empty for a prohibition, a
    sentence without "may"/"can", or one whose requirement follows the modal."""
    if decision == "reject":
        return ()
    flat = number_words_as_digits(" ".join(text.split()))
    flat = re.sub(r"^\s*(?:[-*\u2022]|\(?\d+[.)])\s+", "", flat)
    m = _PERMISSION.search(flat)
    if m is None or re.search(r"\b(?:must|only)\b", flat[: m.start()], re.I):
        return ()  # "only ads that … may": the condition is a requirement after all
    subject = flat[: m.start()]
    if ":" in subject:
        subject = subject.rsplit(":", 1)[1]  # "United Kingdom: ads for … may": the setting is not the subject
    if _PERSONAL_SUBJECT.match(subject) or not subject.strip():
        return ()
    # Only a measure of what is advertised (a dose, a rate, a size): an audience floor or a
    # credential in the subject ("licensed dealers may …", "users aged 18+ may be targeted") is
    # who may do it, a requirement the case must meet.
    return tuple(c for c in _executable_conditions(subject, decision) if c.startswith(("max:", "min:")))


__all__ += ["permission_subject_conditions"]


# "holds a valid licence or certification", "registered or accredited": credentials named as
# alternatives, either of which meets the requirement.
_ALTERNATIVE_GAP = guarded(r"^[\s,]*(?:[a-z-]+\s+){0,2}?or\s+(?:(?:a|an|the|valid|current|relevant)\s+)?$")
_CREDENTIAL_CUES = ("licence", "certification", "verification", "permission", "membership")


@lru_cache(maxsize=8192)
def credential_alternatives(text: str) -> tuple[frozenset[str], ...]:
    """Groups of credentials a sentence names as alternatives ("X or Y"), so that the answerer
    finds the requirement met when the case holds any one of them; "X and Y" is no group."""
    low = " ".join(text.split()).lower()
    hits = sorted((m.start(), m.end(), name) for name, pat in _CUES if name in _CREDENTIAL_CUES for m in pat.finditer(low))
    once = {n for n in {h[2] for h in hits} if sum(h[2] == n for h in hits) == 1}
    groups: list[set[str]] = []
    for (s1, e1, a), (s2, e2, b) in zip(hits, hits[1:]):
        # A credential named again elsewhere in the sentence ("certified by us and accredited by
        # X or registered with Y") is also required on its own: no alternative then.
        if a != b and a in once and b in once and s2 >= e1 and _ALTERNATIVE_GAP.match(low[e1:s2]):
            for g in groups:
                if a in g:
                    g.add(b)
                    break
            else:
                groups.append({a, b})
    return tuple(frozenset(g) for g in groups)


__all__ += ["OBLIGATION", "credential_alternatives"]



# ---------------------------------------------------------------- triggered requirements
# A requirement that binds only ads having something: "Where a contract includes annual price
# rises, the ad is required to state …", "If an ad mentions a guarantee, it must say …"
# (a leading conditional clause), "An ad that quotes a fee must state …", "Claims about X must
# state …" (the subject's relative clause or what the subject is about). The trigger is that
# something; an ad without it is not one the requirement is for.
# The modals that state an obligation, shared by every reader of requirements (this module's
# triggers, core/disclosure.py's required items). "is/are expected to" belongs: in policy
# English "Advertisers are expected to disclose …" states a duty as "must" does; a prediction
# ("results are expected to improve") is not how a requirement sentence is written.
OBLIGATION = r"(?:must|shall|should|(?:is|are) required to|needs? to|ha(?:s|ve) to|(?:is|are) expected to)"
_AD_NOUN = r"(?:ads?|adverts?|advertisements?|advertising|listings?|claims?|statements?|promotions?|offers?)"
_MARKET_LEAD = guarded(r"^(?:in|for|across|within) [^,]{2,60},\s*", re.I)
# The modals of a prohibition that OBLIGATION does not hold ("must not" it does: "must").
_BAN_MODAL = r"(?:may not|cannot|can't|(?:is|are) not (?:permitted|allowed|accepted)|(?:is|are) (?:prohibited|banned|forbidden))"
# "If the app offers a free trial, the ad must …", "Where the region has no licensing body, kayak
# hire ads are not permitted": a leading conditional clause, then a duty or a ban on the ad (a noun
# or two may say which ads).
_TRIGGER_IF = guarded(
    rf"^(?:where|if|when|whenever|in cases where) (.{{3,160}}?),\s*(?:then\s+)?(?:the |an |any |all |each |every |such |that |this )?"
    rf"(?:[\w'-]+ ){{0,2}}?(?:{_AD_NOUN}|it|they|advertisers?|landing pages?)\b[^.;]*?\b(?:{OBLIGATION}|{_BAN_MODAL})\b",
    re.I,
)
# A word of a relative clause, or a quoted wording it names as one ("Ads that use "no win, no
# fee" or similar wording must state …": the wording is what the ad uses).
_CLAUSE_WORD = r"(?:\w[\w'-]*|\"[^\"]{1,60}\",?|\u201c[^\u201d]{1,60}\u201d,?)\s+"
_TRIGGER_WHICH = guarded(rf"\b{_AD_NOUN} (?:that|which) ((?:{_CLAUSE_WORD}){{1,10}}?)(?:also |then )?{OBLIGATION}\b", re.I)
# "Astrology and horoscope apps that charge a subscription must state …": a relative clause on
# the sentence's own subject, whatever noun heads it, restricts the requirement to the things
# that do what it says, as "Ads that quote a fee" does for ads. The word before "that" must be
# that noun: not a verb taking a "that" clause ("Ads claiming that …", "This means that …").
# Up to 14 words: "A shop that sells furniture by promising to plant a tree for each order sold
# must …" (12) is one such clause.
_TRIGGER_SUBJECT_THAT = guarded(
    rf"^(?:the |an? |any |all |each |every )?((?:[\w'-]+ ){{0,4}}?[\w'-]+) (?:that|which) ((?:{_CLAUSE_WORD}){{1,14}}?)(?:also |then )?{OBLIGATION}\b",
    re.I,
)
_THAT_VERBS = frozenset(
    "say says said state states stated claim claims claimed show shows shown mean means meant ensure ensures confirm confirms prove "
    "proves indicate indicates suggest suggests imply implies so such given provided assuming except note notes".split()
)
_TRIGGER_ABOUT = guarded(rf"^(?:any |all |each |every )?(?:claims?|statements?) (?:about|of|regarding|concerning) ((?:\w[\w'-]*\s+){{1,8}}?){OBLIGATION}\b", re.I)


# A permission for an act of the ad on a condition: "An ad may claim a discount on an item only
# if …", "We do not allow ads to claim bill savings of more than 70% … unless …", and a
# requirement on whoever does something: "Dog breeders who advertise puppies for sale must …".
# The act (a verb and its object) is the trigger: an ad that does not do it is not one the
# condition is for. A passive or negated verb ("may be shown only if", "may not …") states no
# act of the ad; nor does a relative clause on "anyone" (the people shown in an ad).
_TRIGGER_MAY = guarded(
    rf"^(?:the |an |a |any |all |each |every |such )?(?:[\w'-]+ ){{0,3}}?{_AD_NOUN} (?:may|can)(?: only)? (?!be\b|not\b|only\b|also\b)"
    rf"((?:[\w'%-]+ ){{1,12}}?)(?:only )?(?:if|where|when|provided|as long as|so long as)\b",
    re.I,
)
_TRIGGER_ALLOW = guarded(
    rf"^(?:we |you )?(?:do not|don't|does not|doesn't|will not|won't) (?:allow|accept|permit) (?:the |an |any |your )?{_AD_NOUN} to "
    rf"((?:[\w'%,.-]+ ){{1,14}}?)(?:unless|except)\b",
    re.I,
)
_TRIGGER_WHO = guarded(rf"^(?!(?:any|every|some|no)(?:one|body)\b)(?:[\w'-]+ ){{1,4}}?who ((?:[\w'-]+ ){{1,10}}?)(?:also |then )?{OBLIGATION}\b", re.I)
# Where the object of the act ends: a preposition, a conjunction or a number starts what only
# qualifies it ("a discount on an item": the ad has a discount; "bill savings of more than 70%").
_OBJECT_END = guarded(
    r"\s(?:on|of|for|in|into|to|with|about|from|at|by|than|that|which|who|per|under|over|during|before|after|within|above|below|up)\b|\s\d|[,;:]",
    re.I,
)


def _act(vp: str) -> str | None:
    """The verb and the head of its object ("claim a discount on an item" -> "claim a
    discount"), or None when the verb has no object before its first qualifier ("run",
    "appears in an ad"): then the sentence names no thing the ad has."""
    vp = vp.strip()
    verb, _, rest = vp.partition(" ")
    if not rest:
        return None
    end = _OBJECT_END.search(" " + rest)
    obj = (" " + rest)[: end.start()].strip() if end else rest
    if not re.search(r"[A-Za-z]{3,}", obj) or re.fullmatch(r"(?:the|an?|any|all|its|their|your|such)", obj, re.I):
        return None
    return f"{verb} {obj}"


def practice_head(practice: str) -> str:
    """A noun phrase up to its first qualifier ("Projections of future pension values" ->
    "Projections"): the thing itself, not what it is of or for."""
    end = _OBJECT_END.search(" " + practice)
    return (" " + practice)[: end.start()].strip() if end else practice


def leading_trigger(text: str) -> tuple[str, bool] | None:
    """The conditional clause a duty or a ban on the ad opens with ("If an ad mentions a
    guarantee, it must …", "Where the country has no regulator, … ads are not permitted"), as
    `requirement_trigger` returns it, or None. The one reading of such a clause for requirements
    and prohibitions alike: in either, the clause is when the rule binds, not a thing the ad must
    keep to."""
    s = " ".join(text.split())
    s = re.sub(r"^\W*(?:\d+(?:\.\d+)*[.)]?\s+)?", "", s)
    s = _MARKET_LEAD.sub("", s)
    m = _TRIGGER_IF.match(s)
    if m is None:
        return None
    trigger = m.group(1).strip()
    ad = re.match(rf"(?:the |an |a |any |your |its )?{_AD_NOUN} (?=\w)", trigger, re.I)
    # "If an ad mentions a guarantee": what the ad has follows the ad's own verb.
    return (trigger[ad.end():], True) if ad else (trigger, False)


def requirement_trigger(text: str) -> tuple[str, bool] | None:
    """What a requirement sentence makes the ad have for it to apply, and whether its first word
    is the verb of a relative clause ("quotes a fee": only "fee" is what the ad has); None when
    the sentence binds every ad."""
    found = leading_trigger(text)
    if found is not None:
        return found
    s = _MARKET_LEAD.sub("", re.sub(r"^\W*(?:\d+(?:\.\d+)*[.)]?\s+)?", "", " ".join(text.split())))
    m = _TRIGGER_ABOUT.match(s)
    if m:
        return m.group(1).strip(), False
    for pattern in (_TRIGGER_MAY, _TRIGGER_ALLOW, _TRIGGER_WHO):
        m = pattern.match(s)
        if m:
            act = _act(m.group(1))
            return (act, True) if act else None
    m = _TRIGGER_WHICH.search(s)
    if m and not re.search(r"[,;:]", s[: m.start()]):
        return m.group(1).strip(), True
    m = _TRIGGER_SUBJECT_THAT.match(s)
    if m:
        head = m.group(1).split()[-1].lower()
        # A clause that runs into a second predicate of the subject ("Agencies that are not the
        # employer are not covered … and must …") is no relative clause ending at the duty.
        if head not in _THAT_VERBS and not head.endswith("ing") and not re.search(r"\b(?:must|may|can|should|shall|will|is|are)\b", m.group(1), re.I) \
                and not re.search(r"\b(?:and|or|but)\s*$", m.group(2), re.I):
            return m.group(2).strip(), True
    return None


__all__ += ["leading_trigger", "practice_head", "requirement_trigger"]


# ---------------------------------------------------------------- a trigger's numbers
# The arrow of a decision tree's branch ("Battery above 100 Wh → not allowed"): what stands
# before it is the branch's label, the condition of what follows.
ARROW = re.compile(r"\s*(?:\u2192|->|=>|\u21d2|\u27f6|\u2794)\s*")
# The conditional clause a requirement opens with, after a market lead ("United States: if …,",
# "In Canada, where …,"), whoever the requirement then binds ("the ad", "the sponsor", "you").
_LEAD_CLAUSE = guarded(
    rf"^(?:(?:in|for|across|within) [^,:]{{2,60}},\s*|[A-Z][\w .'-]{{1,40}}:\s*)?(?:if|where|when|whenever|in cases where) ((?:[^,;:]|(?<=\d),(?=\d{{3}})){{3,160}}),\s*[^.;]*?\b(?:{OBLIGATION}|must not|may not|cannot)\b",
    re.I,
)
# A disjunction of whole clauses ("if the prize is over $500 or the draw runs for over 30
# days"): one side failing does not fail the trigger. An "or" inside a noun phrase ("residents
# of New York or Florida") is no such disjunction.
_CLAUSE_OR = guarded(r"\bor\s+(?:if|where|when|the|an?|its|their|any)\b[^,]*?\b(?:is|are|has|have|was|were|exceeds?|includes?|runs?|lasts?|offers?)\b", re.I)


@dataclass(frozen=True)
class TriggerLimit:
    """A number a requirement's trigger compares with ("if the total value of all prizes is more
    than USD 5,000"): the trigger holds for a value when `compare_limit(kind, value, unit, …)`
    is `holds_when` ("more than 5,000" holds exactly when a 5,000 cap is not kept)."""

    kind: str  # max | min
    value: float
    unit: str
    holds_when: bool
    text: str  # the trigger as written, for the trace


def trigger_limits(text: str) -> tuple[TriggerLimit, ...]:
    """The numeric comparisons of the conditional clause a requirement sentence opens with, each
    a conjunct of it: "if the total value is more than USD 5,000 and the promotion is open to
    New York residents, the sponsor must register" binds only promotions whose prizes total more
    than 5,000. Why it is right: the sentence itself states the situation it is about; a case
    that states a number outside that situation is not in it, whatever words it shares. Only
    comparisons with a unit are read (a bare number is a count, an age or a section), and none
    from a clause joined to another by a clause-level "or". A conditional clause after the rule
    (`trailing_trigger`: "… must not exceed 5 weeks' rent where the annual rent is below
    £50,000") is read the same way when none opens the sentence."""
    s = " ".join(text.split())
    s = re.sub(r"^\W*(?:\d+(?:\.\d+)*[.)]?\s+)?", "", s)
    m = _LEAD_CLAUSE.match(s)
    arrow = ARROW.search(s)
    if m:
        clause = m.group(1)
    elif arrow is not None and 0 < arrow.start() <= 160:
        # "- Battery above 100 Wh → not allowed": a decision tree's branch label is the
        # condition its outcome holds under, as "If …," is (core/decision_tree.py).
        clause = re.sub(r"^[-*\u2022+\s]+", "", s[: arrow.start()])
    elif (trailing := trailing_trigger(s)) is not None:
        clause = trailing[1]
    else:
        return ()
    if _CLAUSE_OR.search(clause):
        return ()
    return tuple(TriggerLimit(c.kind, c.value, c.unit, c.holds, clause.strip()) for c in unit_comparisons(clause))


# A conditional clause after the rule it conditions: "the deposit must not exceed 5 weeks' rent
# where the annual rent is below £50,000", "ads must state the APR if the loan exceeds $5,000".
# The clause has a subject of its own (a determiner opens it) and a finite verb; it comes after
# the sentence's modal, so a leading "Where …," (`_LEAD_CLAUSE`) is not it; and it follows a
# limit the rule states itself ("<limit> where <condition>"). "only when / only
# if / only where" is the condition of a permission ("may be described as long only when the
# warranty lasts at least 25 years"), no trigger.
# Only a duty or a ban has a trigger so placed: after a permission ("… may be promoted if the
# trial lasts 21 days or less", "are allowed when …") the clause is what the permission asks.
_RULE_MODAL = guarded(r"\b(?:must|shall|should|cannot|can't|(?:may|can) not|(?:is|are) not (?:allowed|permitted|accepted)|(?:is|are) required to|needs? to|ha(?:s|ve) to)\b", re.I)
_TRAILING_TRIGGER = guarded(
    r"(?<!\bonly)(?:,\s*|\s)(?:where|when|whenever|if|in cases where)\s+((?:the|an?|its|their|any|your|this|that|each)\s[^.;]*?"
    r"\b(?:is|are|was|were|exceeds?|falls?|includes?|has|have|costs?|lasts?|runs?|totals?)\b[^.;]*)",
    re.I,
)


def trailing_trigger(text: str) -> tuple[int, str] | None:
    """(where it starts, the clause) of a conditional clause that follows a rule's modal: the
    situation the rule binds in, not a limit on what the ad may do. Why it is right: in "X must
    not exceed A where B is below C", C measures B, the trigger's subject; read as a limit it
    would hold the case's B to a floor the policy never set."""
    modal = _RULE_MODAL.search(text)
    if modal is None:
        return None
    m = _TRAILING_TRIGGER.search(text, modal.end())
    if m is None or re.search(r"\bonly\b", text[modal.start(): m.start()], re.I):
        return None  # "may only be described as X when …": the clause is what "only" allows under
    if not unit_comparisons(text[: m.start()]):
        # "Ads for personal loans are not allowed if the APR exceeds 36%": with no limit of its
        # own the rule's clause is its condition (what it bans), not a limit's trigger.
        return None
    return m.start(), m.group(1).strip().rstrip(".")


@dataclass(frozen=True)
class Comparison:
    """A number compared with a unit: "more than 5,000 USD" is `max` 5000 USD, `holds` False
    (the bound itself is outside); `start`/`end` locate it in the text read."""

    kind: str
    value: float
    unit: str
    holds: bool
    start: int
    end: int


_AT_OR = re.compile(r"\bat\s+or\s+$|\bor\s+equal\s+to\s+$|\bequal\s+to\s+or\s+$")


def unit_comparisons(text: str, rates: bool = False) -> list[Comparison]:
    """Each number `text` compares with a unit, strict comparisons first ("more than 5,000"
    holds above it, "less than 14 days" below it); a span taken by one is not read again. With
    `rates`, a rate written after the number is its unit ("75 mg per serving"). One reader for
    the trigger of a requirement (`trigger_limits`) and the measure of a rule's subject
    (core/subject_measure.py)."""
    low = text.lower()
    out: list[Comparison] = []
    taken: list[tuple[int, int]] = []
    for pattern, kind, holds in ((_OVER, "max", False), (_UNDER, "min", False), (_LIMIT_MIN, "min", True), (_RANGE_FROM, "min", True), (_LIMIT_MAX, "max", True), (_POSTFIX_MIN, "min", True), (_POSTFIX_MAX, "max", True)):
        for lm in pattern.finditer(low):
            if any(a < lm.end() and lm.start() < b for a, b in taken):
                continue
            unit = _unit_of(lm.group(1), lm.group(3), low, lm)
            if unit is None:
                continue
            if rates:
                unit, _ = rate_after(low, lm.end(3) if lm.group(3) else lm.end(2), unit)
            taken.append((lm.start(), lm.end()))
            if not holds and _AT_OR.search(low, 0, lm.start()):
                # "at or below 0.1%" holds at 0.1% too: at most 0.1%, not "less than" it.
                out.append(Comparison("max" if kind == "min" else "min", float(lm.group(2).replace(",", "")), unit, True, lm.start(), lm.end()))
                continue
            out.append(Comparison(kind, float(lm.group(2).replace(",", "")), unit, holds, lm.start(), lm.end()))
    return out


__all__ += ["ARROW", "Comparison", "TriggerLimit", "trailing_trigger", "trigger_limits", "unit_comparisons"]


# ---------------------------------------------------------------- a permission to leave something out
# "In the United States, taxes and regulatory fees may be excluded from the headline price
# provided that the ad says so next to the price", "the headline price may leave out government
# taxes and registration fees, provided that the ad says clearly that these are extra": a
# permission to OMIT something, granted on a condition. Its trigger is the omission: an ad that
# leaves nothing out ("price shown includes all taxes and fees") takes no permission, so the
# condition asks nothing of it; an ad whose own words mark the thing as extra ("$41,990 + taxes
# and registration") leaves it out and, when the condition is that the ad say so, meets it.
_OMIT_PASSIVE = r"(?:be\s+)?(?:excluded|left\s+out|omitted|shown\s+separately|quoted\s+separately)"
_OMIT_ACTIVE = r"(?:exclude|leave\s+out|omit|not\s+include)"
_GRANT = r"(?:may|can)(?!\s+not\b)"
_IF_WORD = r"(?:provided(?:\s+that)?|as\s+long\s+as|so\s+long\s+as|only\s+if|if|on\s+condition\s+that)"
# "X may be excluded from Y, provided …"
_OMISSION_PASSIVE = guarded(
    rf"(?:^|[,:;]\s*|\b(?:in|for)\s[^,]{{2,60}},\s*)(?:the\s+)?(?P<x>[a-z][\w\s'-]{{2,80}}?)\s+{_GRANT}\s+{_OMIT_PASSIVE}\s+(?:from|in)\s+(?P<y>(?:the\s+|an?\s+|any\s+)?[a-z][\w\s'-]{{2,60}}?)\s*,?\s*{_IF_WORD}\s+(?P<cond>[^.;]+)",
    re.I,
)
# "Y may leave out X, provided …"
_OMISSION_ACTIVE = guarded(
    rf"(?:^|[,:;]\s*|\b(?:in|for)\s[^,]{{2,60}},\s*)(?:the\s+)?(?P<y>[a-z][\w\s'-]{{2,60}}?)\s+{_GRANT}\s+{_OMIT_ACTIVE}\s+(?P<x>[a-z][\w\s'-]{{2,80}}?)\s*,?\s*{_IF_WORD}\s+(?P<cond>[^.;]+)",
    re.I,
)
# The condition is that the ad itself say it: a verb of saying whose subject is the ad.
_SAYING = guarded(r"\b(?:says?|states?|discloses?|makes?\s+(?:it\s+)?clear|indicates?|notes?|shows?|marks?)\b", re.I)


@dataclass(frozen=True)
class Omission:
    """A permission to leave `omitted` out of `whole` on `condition` (see above)."""

    omitted: str  # "taxes and regulatory fees"
    whole: str  # "the headline price"
    condition: str  # "the ad says so next to the price"
    said: bool  # the condition is that the ad say it (a verb of saying)


@lru_cache(maxsize=8192)
def omission_permission(text: str) -> Omission | None:
    """The omission a sentence permits on a condition, or None (no such construction)."""
    s = " ".join(text.split())
    s = re.sub(r"^\W*(?:\d+(?:\.\d+)*[.)]?\s+)?", "", s)
    for pattern in (_OMISSION_PASSIVE, _OMISSION_ACTIVE):
        m = pattern.search(s)
        if m:
            x, y, cond = (m.group(k).strip(" ,") for k in ("x", "y", "cond"))
            return Omission(omitted=x, whole=y, condition=cond, said=bool(_SAYING.search(cond)))
    return None


# How a case states that something is, or is not, part of a price or total: a small closed set
# of English constructions. Included: "includes (all) X", "including X", "inclusive of X",
# "X (is/are) (all) included", "with X included". Left out: "excludes/excluding X", "exclusive of
# X", "plus X", "+ X", "before X", "X (is/are) extra", "X extra", "X (is/are) not included",
# "does not include X". A negation right before an including verb turns it into leaving out.
_INCLUDED_BEFORE = guarded(r"\b(?:includ(?:es?|ing)|inclusive\s+of|incl\.?)\s+(?:all\s+|any\s+|the\s+)?(?P<x>[^.;:!?()'\"\u2018\u2019\u201c\u201d]{2,80})", re.I)
_INCLUDED_AFTER = guarded(r"(?P<x>[\w][\w\s,'-]{1,80}?)\s+(?:(?:is|are)\s+)?(?:all\s+)?included\b", re.I)
_EXCLUDED_BEFORE = guarded(r"(?:\b(?:exclud(?:es?|ing)|exclusive\s+of|plus|before|not\s+including)\s+|\+\s*)(?:all\s+|any\s+|the\s+)?(?P<x>[^.;:!?()'\"\u2018\u2019\u201c\u201d]{2,80})", re.I)
_EXCLUDED_AFTER = guarded(r"(?P<x>[\w][\w\s,'-]{1,80}?)\s+(?:(?:is|are)\s+)?(?:(?:not\s+|n't\s+)included|extra|additional|on\s+top)\b", re.I)
_NOT_INCLUDE = guarded(r"\b(?:(?:does|do|did)\s*n[o']t|never|not)\s+(?:include|includes|including)\s+(?:all\s+|any\s+|the\s+)?(?P<x>[^.;:!?()'\"\u2018\u2019\u201c\u201d]{2,80})", re.I)
# A phrase ends at a clause break, or at "and" opening a new clause ("… fees and the ad says …").
_PART_END = guarded(r"[,.;:!?()]|\b(?:but|while|though|although|so|which|that|because)\b|\band\s+(?=(?:the|a|an|we|it|they|our|this|there|you)\b)", re.I)


def _upto_clause_end(x: str) -> str:
    m = _PART_END.search(x)
    return x[: m.start()] if m else x


def _last_clause(x: str) -> str:
    """The noun phrase before "… included"/"… extra": from the last clause break on."""
    parts = re.split(r"[;:.!?()]|,\s*(?:and|but|while|so)\s|\b(?:but|while|so)\s", x)
    return parts[-1].lstrip(" ,")


@dataclass(frozen=True)
class PartStatement:
    included: bool  # the case says the thing is part of the price (True) or left out (False)
    phrase: str  # what the case says is included / left out
    at: tuple[int, int]  # where it is said


def part_statements(text: str) -> tuple[PartStatement, ...]:
    """Every statement of the case that something is included in, or left out of, a price or
    total (the constructions above), in order."""
    out: list[PartStatement] = []
    taken: list[tuple[int, int]] = []

    def add(m: re.Match, included: bool, phrase: str, after: bool = False) -> None:
        # a phrase before its verb ("X are included") starts where the phrase kept starts
        # and one after its verb ("includes X") ends where the phrase kept ends
        start, end = (m.end("x") - len(phrase), m.end()) if after else (m.start(), m.start("x") + len(phrase))
        if not phrase.strip() or any(a < end and start < b for a, b in taken):
            return
        taken.append((start, end))
        out.append(PartStatement(included, phrase.strip(), (start, end)))

    for m in _NOT_INCLUDE.finditer(text):
        add(m, False, _upto_clause_end(m.group("x")))
    for m in _EXCLUDED_AFTER.finditer(text):
        add(m, False, _last_clause(m.group("x")), after=True)
    for m in _EXCLUDED_BEFORE.finditer(text):
        add(m, False, _upto_clause_end(m.group("x")))
    for m in _INCLUDED_BEFORE.finditer(text):
        add(m, True, _upto_clause_end(m.group("x")))
    for m in _INCLUDED_AFTER.finditer(text):
        if re.search(r"\b(?:not|n't)\s*$", text[: m.start("x") + len(m.group("x")) + 1]):
            continue
        add(m, True, _last_clause(m.group("x")), after=True)
    return tuple(sorted(out, key=lambda p: p.at))


__all__ += ["Omission", "PartStatement", "omission_permission", "part_statements"]


# ---------------------------------------------------------------- a practice barred unless
# "Projections of future pension values are not permitted unless they use a growth rate of no
# more than 5% …": the sentence governs a practice (its subject) and states when it is allowed.
# A case that says it does not do that practice ("no projections") is not one it governs.
_BARRED_UNLESS = guarded(
    r"^(?:(?:in|for|across|within) [^,:]{2,60},\s*|[A-Z][\w .'-]{1,40}:\s*)?(?:any |all )?(?P<x>[A-Za-z][\w\s'-]{3,80}?)\s+"
    r"(?:(?:are|is)\s+not\s+(?:permitted|allowed|accepted)|(?:may|must|can)\s*not\s+be\s+(?:shown|used|made|included|given|quoted|advertised|published))\s*,?\s+unless\b",
    re.I,
)


@lru_cache(maxsize=8192)
def barred_practice(text: str) -> str | None:
    """The practice a "X are not permitted unless …" sentence governs, or None."""
    s = " ".join(text.split())
    s = re.sub(r"^\W*(?:\d+(?:\.\d+)*[.)]?\s+)?", "", s)
    m = _BARRED_UNLESS.match(s)
    return m.group("x").strip() if m else None


__all__ += ["barred_practice"]


LEAD_CLAUSE = _LEAD_CLAUSE  # the conditional clause a requirement opens with (assistant/rule_binds.py `antecedent_binds`)
__all__ += ["LEAD_CLAUSE"]


# ---------------------------------------------------------------- a claim ban's trigger
# "Ads … must not use the claims "healthy" or "no added sugar" where the product contains more
# than 5 g of total sugars per 100 g": the trailing clause says which products the ban is for.
_BAN_BEFORE = guarded(rf"\b{_NEG_MODAL}\b|\bdo(?:es)? not\b|\bdon't\b", re.I)
# The clause: a determiner opens its subject; it runs to the sentence's end (a decimal point is
# no end: "2.5 g").
_BAN_CLAUSE = guarded(
    r"(?<!\bonly)(?:,\s*|\s)(?:where|when|whenever|if|in cases where)\s+((?:the|an?|its|their|any|your|this|that|each)\s(?:[^.;]|(?<=\d)\.(?=\d))*)",
    re.I,
)


def claim_ban_trigger(text: str) -> str | None:
    """The conditional clause after a ban on making claims (`_TRAILING_TRIGGER`'s form: "where
    the product contains more than 5 g …"), or None. Why it is right: in "must not claim X
    where Y", Y is when the ban binds, not a second thing the ad must keep to, so a case whose
    stated number is outside Y is outside the ban, and a case making no such claim does not
    break the ban whatever Y is. (`trailing_trigger` leaves a clause after a rule with no limit
    of its own unread, since "not allowed if the APR exceeds 36%" bans exactly that; a claim
    ban's clause is read here instead.) Only a clause with a comparison of a number and a unit
    is returned: that is what the executor can decide."""
    s = " ".join(text.split())
    modal = _RULE_MODAL.search(s)
    if modal is None:
        return None
    m = _BAN_CLAUSE.search(s, modal.end())
    if m is None or re.search(r"\bonly\b", s[modal.start(): m.start()], re.I):
        return None
    head = s[: m.start()]
    if not _BAN_BEFORE.search(head) or not (_CLAIM_WORDS.search(head) or _QUOTED_EXAMPLE.search(head)):
        return None
    if unit_comparisons(head):
        return None  # "… must not exceed 5 weeks' rent where …": `trailing_trigger`'s
    clause = m.group(1).strip().rstrip(".")
    return clause if unit_comparisons(clause) and not _CLAUSE_OR.search(clause) else None


__all__ += ["claim_ban_trigger"]
