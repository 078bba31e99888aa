"""The facts of a case, read once from the moderator's question and filters.

Why typed facts: a verdict is the result of executing a clause's conditions (an age floor, a
rate cap, a market list, a credential) against what the case says. Each condition needs one
kind of fact; reading them here, once, keeps the executor free of prose and lets a trace name
the exact fact it used ("audience from 16", "APR 40%", "licence: denied").

What is read (deterministic, no model):
- markets: the filter's market, else markets the question names;
- audience ages: "19 year olds", "18-24", "under 18s", "teens", "aged 16 and over", "18+";
- numbers with units: "40% APR", "a 7-day refund window", "$5,000", "36 months";
- credentials with polarity: "licensed" / "is not licensed" / "unlicensed" / "without a licence";
- claims the ad makes: quoted text and what follows "says / claims / promises / states";
- people the ad shows or is made by, with their ages: "a 22-year-old model", "creator, 30";
- who advertises: the words naming the advertiser ("a registered party wants …") and the kinds
  the question denies it is ("a supporter (not the candidate)"), for "only X may …" rules;
- the subject: content words of the question minus markets, ages and generic words;
- the advertised thing: the noun phrase naming what the ad is for, with its head read by
  construction (`read_advertised`; the same reader reads a policy sentence's subject,
  `read_named_things`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from policydesk.core.conditions import PEOPLE_SHOWN, UNIT_WORDS, normalise_unit, rate_after, signed_value, weighed_unit
from policydesk.core.counted_amounts import chained_rates, counted_amount
from policydesk.core.dates import DayWindow, read_runs
from policydesk.core.markets import find_mentions
from policydesk.core.measures import context_words
from policydesk.core.negation import negation_pattern
from policydesk.core.numwords import number_words_as_digits
from policydesk.core.quotes import quoted
from policydesk.core.quotes import without_quotations as _without_quotations
from policydesk.core.types import Filters


@dataclass(frozen=True)
class AgeRange:
    """Youngest and oldest ages the ad reaches (inclusive)."""

    low: int
    high: int = 99

    def __str__(self) -> str:
        if self.high >= 99:
            return f"{self.low}+"
        if self.low == 0:
            return f"under {self.high + 1}"
        return f"{self.low}-{self.high}" if self.low != self.high else str(self.low)


@dataclass(frozen=True)
class Quantity:
    """A number the question states, with its unit (normalised: %, days, months, USD …)."""

    value: float
    unit: str | None
    text: str  # as written, for the trace
    about: frozenset[str] = frozenset()  # stemmed words describing it ("security deposit"): core/measures.py


@dataclass
class CaseFacts:
    question: str
    markets: list[str] = field(default_factory=list)
    ages: AgeRange | None = None
    quantities: list[Quantity] = field(default_factory=list)
    credentials: dict[str, bool] = field(default_factory=dict)  # credential -> held (True) / denied (False)
    claims: list[str] = field(default_factory=list)
    person_ages: list[int] = field(default_factory=list)  # ages of people shown in or making the ad
    shown: list[str] = field(default_factory=list)  # what the ad carries, as the question names it ("firm reference number")
    parties: dict[str, bool] = field(default_factory=dict)  # stemmed word naming the advertiser -> is it (True) / is not (False)
    subject: str = ""
    runs: list[DayWindow] = field(default_factory=list)  # the days the ad runs ("Campaign runs 20 Oct to 5 Nov"): core/dates.py

    @property
    def market(self) -> str | None:
        return self.markets[0] if self.markets else None

    def to_json(self) -> dict:
        return {
            "markets": self.markets,
            "ages": str(self.ages) if self.ages else None,
            "quantities": [q.text for q in self.quantities],
            "credentials": {k: ("held" if v else "denied") for k, v in self.credentials.items()},
            "claims": self.claims,
            "person_ages": self.person_ages,
            "shown": self.shown,
            "parties": {k: ("is" if v else "is not") for k, v in self.parties.items()},
            "subject": self.subject,
            "runs": [w.label() for w in self.runs],
        }


# ---------------------------------------------------------------- ages
_N = r"(\d{1,2})"
# Who an audience is, for an age range written after it ("women 25-45", "parents 30 to 50").
_WHO = (
    r"(?:users|people|viewers|women|men|females|males|adults|parents|mums|moms|dads|students|customers|consumers|shoppers|gamers"
    r"|players|followers|fans|professionals|homeowners|renters|travell?ers|audiences?|everyone|anyone)"
)
AGE_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"\b{_N}\s*(?:-|–|to|and|or)\s*{_N}[\s-]*(?:years?|yrs?)[\s-]*olds?\b", re.I), "range"),
    (re.compile(rf"\b(?:aged?|ages|audience(?: of)?|{_WHO})\s+(?:aged\s+)?{_N}\s*(?:-|–|to)\s*{_N}\b(?!\s*%)", re.I), "range"),
    (re.compile(rf"\b{_N}\s*(?:-|–)\s*{_N}s?\b(?=[^%\d]*\b(?:year|yr|audience|demo|olds?|users|people|bracket|age)\b)", re.I), "range"),
    (re.compile(rf"\b(?:target(?:ing|s|ed)?|reach(?:ing)?|aimed at|audience(?: of)?)\s+(?:(?:[a-z]+\s+){{0,2}}{_WHO}\s+)?{_N}\s*(?:-|–|to)\s*{_N}\b(?!\s*%)", re.I), "range"),
    # "our audience is 18-35", "age range: 25-54", "aged between 25 and 40", "between the ages of 18 and 24"
    (re.compile(rf"\b(?:audience|age range|age bracket|demographic|target age)\s*(?:is|are|was|will be|of|:)\s*(?:aged\s+)?{_N}\s*(?:-|–|to)\s*{_N}\b(?!\s*%)", re.I), "range"),
    (re.compile(rf"\b(?:aged?|ages)\s+between\s+{_N}\s+and\s+{_N}\b|\bbetween the ages of\s+{_N}\s+and\s+{_N}\b", re.I), "between"),
    (re.compile(rf"\b{_N}[\s-]*(?:years?|yrs?)[\s-]*olds\b", re.I), "one"),
    # one age after or before who the audience is: "users aged 16", "people who are 17", "16 year old gamers"
    (re.compile(rf"\b(?:{_WHO}|teens|kids|children|students|gamers)\s+(?:who are|aged|age)\s+{_N}\b(?!\s*(?:-|–|to\b|and\b|or\b|\+|%|plus\b))", re.I), "one"),
    (re.compile(rf"\b{_N}[\s-]*(?:years?|yrs?)[\s-]*old\s+(?:{_WHO}|teens|kids|children|students|gamers)\b", re.I), "one"),
    (re.compile(rf"\b(?:users|people|kids|children|teens|students|anyone|audience)\s+(?:who are\s+)?(?:aged\s+)?under[\s-]*(?:the age of\s+)?{_N}\b", re.I), "under"),
    (re.compile(rf"\bunder[\s-]*{_N}s\b", re.I), "under"),
    (re.compile(rf"\b(?:target(?:ing)?|reach(?:ing)?|aimed at|for)\s+(?:users\s+|people\s+)?(?:younger than|below|under)\s+{_N}\b", re.I), "under"),
    (re.compile(rf"\b(?:aged?\s+)?{_N}\s*\+", re.I), "over"),
    (re.compile(rf"\b{_N}[\s-]plus\b(?![\s-]+(?:days?|weeks?|months?|hours?|minutes?|%|percent))", re.I), "over"),  # "an 18 plus audience"
    # "minimum age set to 18", "age targeting set at 21", "age gate of 18"
    (re.compile(rf"\b(?:minimum age|age (?:limit|floor|gate|targeting|setting|restriction))\s+(?:is\s+|of\s+|at\s+|to\s+|(?:is\s+)?set\s+(?:to|at)\s+)?{_N}\b(?!\s*%)", re.I), "over"),
    (re.compile(rf"\b(?:aged?\s+|users\s+|people\s+)?{_N}\s+(?:and|or)\s+(?:over|older|above|up)\b", re.I), "over"),
    # "kids from 13 up", "players from age 16 upwards", "from 18 onwards": a floor and no ceiling
    (re.compile(rf"\bfrom\s+(?:(?:the\s+)?ages?\s+(?:of\s+)?)?{_N}\s+(?:up(?:wards)?|onwards?)\b", re.I), "over"),
    (re.compile(rf"\b(?:over|above)[\s-]{_N}s\b", re.I), "over"),  # "over-18s", "over 25s": 18+
    # "over 24 months", "above 12 inches": a number with a unit other than years measures the
    # thing, not the audience's age.
    (re.compile(rf"\b(?:over|older than|above)\s+{_N}s?\b(?!\s*%)(?!\s*-?\s*(?!(?:years?|yrs?)\b)(?:{UNIT_WORDS}))", re.I), "over_strict"),
    # A possessive names whom a product is made for, not whom the ad reaches: "a kids' e-scooter
    # advertised to parents", "children's vitamins" (the audience is stated apart, or not at all).
    (re.compile(r"\b(?:teens|teenagers|adolescents|high[- ]school(?:ers| students))\b(?!['’])", re.I), "teens"),
    (re.compile(r"\b(?:kids|children|minors)\b(?!['’])", re.I), "minors"),
    (re.compile(r"\b(?:adults?|grown-?ups)\b(?!\s+(?:content|products?|toys?|entertainment|sites?|industry))", re.I), "adults"),
]


def without_quotations(question: str) -> str:
    """`question` with quoted wording blanked (offsets kept; core/quotes.py). Why: a quotation
    is what the ad says, not a fact the moderator states about the case; "children" inside a
    warning the ad shows says nothing about who the ad targets."""
    return _without_quotations(question)


# A negation earlier in the same clause ("we won't tattoo anyone under 18", "no under-18s").
_CLAUSE_START = re.compile(r"[.;:!?,(]|\b(?:and|but|while|whereas)\b", re.I)
# "nobody", "no one": a denied audience ("no one under 18 sees it")
_DENIAL = negation_pattern("nobody", "none", "no one")


def _denied(question: str, start: int) -> bool:
    """Is the age group at `start` one the clause leaves out ("don't target anyone under 18")?"""
    head = question[:start]
    cuts = [m.end() for m in _CLAUSE_START.finditer(head)]
    return bool(_DENIAL.search(head[cuts[-1] if cuts else 0:]))


# An audience named by a group word ("kids", "teens", "adults") stands for that group's ages only
# when no ages are stated for it: "kids from 13 up", "teens aged 16 to 17", "children 13+" say
# which of them. The ages after the word (joined by at most a short link such as "aged", "from",
# "who are") are the group's; read as well as "under 18" they made "kids from 13 up" an
# audience of every age below 18, which failed a floor of 13.
_GROUP_KINDS = ("teens", "minors", "adults")
_GROUP_LINK = re.compile(r"\W*(?:(?:who\s+are|that\s+are|aged?|from|of|between|over|above|under|below|(?:younger|older)\s+than)\s+)*(?:the\s+ages?\s+(?:of\s+)?)?\d", re.I)


def _aged_group(question: str, end: int, numbered: list[tuple[int, int]]) -> bool:
    """Do stated ages (an age form's span in `numbered`) follow the group word ending at `end`?"""
    link = _GROUP_LINK.match(question, end)
    return link is not None and any(s < link.end() and e > end for s, e in numbered)


def read_ages(question: str) -> AgeRange | None:
    """The youngest and oldest audience ages a question names, or None.

    Only audience forms count ("19 year olds", "under-16s", "18-24"), not the age of a person
    shown in the ad ("a 10-year-old actor": singular, hyphenated, before a noun).
    """
    question = number_words_as_digits(without_quotations(question))
    lows: list[int] = []
    highs: list[int] = []
    numbered = [m.span() for pat, kind in AGE_PATTERNS if kind not in _GROUP_KINDS for m in pat.finditer(question)]
    for pat, kind in AGE_PATTERNS:
        for m in pat.finditer(question):
            if kind in _GROUP_KINDS and _aged_group(question, m.end(), numbered):
                continue  # "kids from 13 up": the ages stated are the group's, not "under 18"
            if kind == "range":
                a, b = sorted((int(m.group(1)), int(m.group(2))))
                if b - a > 60:
                    continue
                lows.append(a)
                highs.append(b)
            elif kind == "between":
                a, b = sorted(int(g) for g in m.groups() if g)
                lows.append(a)
                highs.append(b)
            elif kind == "one":
                lows.append(int(m.group(1)))
                highs.append(int(m.group(1)))
            elif kind in ("under", "teens", "minors") and _denied(question, m.start()):
                # "our booking page says we won't tattoo anyone under 18", "no under-18s", "not
                # aimed at kids": the group is the one left out, so the audience starts above it.
                lows.append(int(m.group(1)) if kind == "under" else 18)
                highs.append(99)
            elif kind == "under":
                lows.append(0)
                highs.append(int(m.group(1)) - 1)
            elif kind == "over":
                lows.append(int(m.group(1)))
                highs.append(99)
            elif kind == "over_strict":
                lows.append(int(m.group(1)) + 1)
                highs.append(99)
            elif kind == "teens":
                lows.append(13)
                highs.append(17)
            elif kind == "minors":
                lows.append(0)
                highs.append(17)
            elif kind == "adults" and not lows:
                lows.append(18)
                highs.append(99)
    if not lows:
        return None
    return AgeRange(min(lows), max(highs))


# ---------------------------------------------------------------- numbers
_NUMBER = r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
_UNIT_AFTER = rf"\s*-?\s*({UNIT_WORDS})"
_QUANTITY = re.compile(rf"([$€£])?\s?{_NUMBER}(?:{_UNIT_AFTER})?(\s*apr\b)?", re.I)
# "20-30%", "between 5 and 10 minutes", "3 to 6 months": the low end takes the unit of the high.
_RANGE_LOW = re.compile(rf"(?:between\s+([$€£])?{_NUMBER}\s*and|([$€£])?{_NUMBER}\s*(?:-|–|to))\s*(?=[$€£]?\s?\d)", re.I)
_CODE_FIRST = re.compile(rf"\b(USD|EUR|GBP)\s?{_NUMBER}\b(?!\s*(?:usd|eur|gbp|dollars|euros|pounds)\b)", re.I)
_AGE_CONTEXT = re.compile(r"^[\s-]*(?:years?|yrs?)[\s-]*olds?|^\s*(?:and|or)\s+(?:over|older|up)|^\s*\+|^s\b", re.I)


# "USD 2 million", "$1.5m", "€3bn", "5 thousand": a scale word after the number multiplies it.
_SCALE = re.compile(r"\s?(million|mn|m|billion|bn|thousand|k)\b", re.I)
_SCALES = {"million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "thousand": 1e3, "k": 1e3}


# "per 100 g": a reference amount (`read_quantities`).
_REFERENCE_BEFORE = re.compile(r"\bper\s+$", re.I)


def _scaled(question: str, end: int, money: bool) -> tuple[float, int]:
    """The multiplier a scale word right after a number (ending at `end`) gives, and where it
    ends. The one-letter forms ("m", "k") only after an amount of money: "5m" alone may be metres."""
    m = _SCALE.match(question, end)
    if m is None or (not money and len(m.group(1)) == 1):
        return 1.0, end
    return _SCALES[m.group(1).lower()], m.end()


def read_quantities(question: str) -> list[Quantity]:
    """Numbers with a unit the question states; bare numbers and ages are left out."""
    question = number_words_as_digits(question)
    out: list[Quantity] = []
    for m in _CODE_FIRST.finditer(question):  # "USD 500", "EUR 1,200", "USD 2 million"
        scale, end = _scaled(question, m.end(), True)
        out.append(Quantity(float(m.group(2).replace(",", "")) * scale, normalise_unit(m.group(1)), question[m.start() : end], context_words(question, m.start(), end)))
    consumed = 0  # the end of the last rate read: "35 mg per 100 ml" is one quantity, not two
    for m in _QUANTITY.finditer(question):
        if m.start() < consumed:
            continue
        currency, number, unit, apr = m.group(1), m.group(2), m.group(3), m.group(4)
        if not currency and not unit and not apr:
            continue
        tail = question[m.end(2) :]
        if not currency and _AGE_CONTEXT.match(tail) and not (unit and unit.strip() in ("%", "percent")):
            continue  # "19 year olds" is an age, not a duration
        value = float(number.replace(",", ""))
        if currency and not unit:
            value *= _scaled(question, m.end(2), True)[0]  # "$5k", "$2 million"
        u = weighed_unit((unit or "").strip(" -"), question, m.start(2), m.end(3)) if unit else None  # "weighs 10 pounds"
        if currency:
            u = normalise_unit(currency)
        if apr and not u:
            u = "%"
        value = signed_value(value, u, question, m.start(2))  # "-18 °C"
        if not currency and (counted := counted_amount(question, m.start(2), m.end(), value, u)) is not None:
            # "three 10mg servings a day": 10 mg per serving and 30 mg per day (core/counted_amounts.py)
            if out and out[-1].unit == "x" and out[-1].value == counted.count:
                out.pop()  # "3 x 10mg capsules": the "3 x" is the count, not a multiple
            text, about = question[counted.begin : counted.end].strip(), context_words(question, counted.begin, counted.end)
            out.append(Quantity(value, counted.per_item_unit, f"{m.group(0).strip()} per {counted.item}", about))
            out.append(Quantity(counted.total, counted.total_unit, f"{text} = {counted.total:g} {counted.total_unit}", about))
            consumed = counted.end
            continue
        if _REFERENCE_BEFORE.search(question, 0, m.start(1) if currency else m.start(2)):
            # "3.5 g total sugars per 100 g": the amount after "per" is what the number before
            # is reckoned against, no amount of anything the case has.
            continue
        u, rate_end = rate_after(question, m.end(), u)
        if rate_end > m.end():
            consumed = rate_end
        start = m.start(1) if currency else m.start(2)
        lower = _range_match(question, start)
        low = float((lower.group(2) or lower.group(4)).replace(",", "")) if lower else None
        if lower and low is not None:
            low = signed_value(low, u, question, lower.start(2) if lower.group(2) else lower.start(4))
        about = context_words(question, lower.start() if lower else start, m.end())
        if low is not None and low < value and all((q.value, q.unit) != (low, u) for q in out):
            out.append(Quantity(low, u, question[lower.start() : m.end()].strip(), about))
        out.append(Quantity(value, u, m.group(0).strip(), about))
        for total, per_period, words in chained_rates(question, value, u):
            # "10mg CBD per serving and recommends one serving a day": 10 mg per day (core/counted_amounts.py)
            out.append(Quantity(total, per_period, f"{m.group(0).strip()} per {u.partition(' per ')[2]} × {words} = {total:g} {per_period}", about))
    return out


def _range_match(question: str, end: int) -> re.Match[str] | None:
    for back in range(min(end, 24), 0, -1):  # the low end sits just before the high one
        m = _RANGE_LOW.match(question, end - back)
        if m and m.end() == end and (end - back == 0 or not question[end - back - 1].isdigit()):
            return m
    return None


# ---------------------------------------------------------------- credentials
_CREDENTIAL_WORDS: dict[str, str] = {
    # "on the Gas Safe register": listed on a register is being registered.
    "licence": r"licen[cs](?:e|ed|es|ing)?|registered|regulated|authori[sz]ed|authori[sz]ation|registration"
               r"|on (?:the|a|an|their|its|our|any) (?:[\w-]+ ){0,3}?register"
               # "appointed by the Ministry of Justice", "one of the MoJ-appointed companies": an
               # outside body's appointment of the advertiser is its authorisation (the reader of
               # "may only be run by companies appointed by …", core/condition_reading.py)
               r"|appointed(?= by\b| (?:[\w-]+ )?(?:compan|firm|provider|lab|agent|operator|dealer|supplier|practition))",
    # A person's recognised qualification is a certification of that person.
    "certification": r"certifi(?:ed|cation|cate)|accredit(?:ed|ation)|qualified|qualifications?",
    "verification": r"verifi(?:ed|cation)|verify",
    "permission": r"(?:written |prior |express )?(?:permission|consent|approval|pre-?approv(?:ed|al)|authori[sz]ation from)",
    "age_check": r"age[- ](?:check|gate|gating|verification|verified)|checks? (?:the )?(?:buyer'?s? )?age",
    "disclosure": r"disclos(?:ure|es|ed)|disclaimer|warning label|label(?:led|ed)?",
    # "on the Universities UK Code", "signed up to the ANUK Code": a signatory of a named code
    # of practice (a capitalised name before "Code") is a member of it.
    "membership": r"enrol(?:led|ment)|members?(?! of the public)|membership|in (?:the|our|a|an|any|their|its) (?:[\w-]+ ){0,3}?(?:programme|program|scheme)"
                  r"|(?:on|under|signed up to|signatories? (?:of|to)) the (?-i:(?:[A-Z][\w/&-]* ){1,4}Code)",
}
# "not one of the Ministry of Justice appointed companies", "not among the FCA-authorised
# firms": outside the set the credential names, which may take more words to name.
_NEG_BEFORE = re.compile(
    r"\b(?:not|no|never|without|lacks?|lacking|missing|isn't|aren't|doesn't|don't|hasn't|haven't|hasn't got|neither|nor|yet to|pending|expired|revoked|hasn't obtained)\b[\w\s'-]{0,28}$"
    r"|\b(?:not|isn't|aren't)\s+(?:one\s+of|among|part\s+of)\s+(?:the|its|their)\b[\w\s'-]{0,48}$",
    re.I,
)
# Asking whether a credential is needed names it without stating that it is held or lacking.
_ASKS_NEED = re.compile(
    r"\b(?:do|does|did|would|will|should|must|shall)\s+(?:\w+\s+){0,3}?(?:need|require|have to (?:get|have|hold|obtain|show))\b[\w\s'-]{0,28}$",
    re.I,
)
_ASKED_NEEDED = re.compile(r"(?:\s+\w+){0,2}?\s+(?:required|needed|necessary|mandatory)\b[^.!]*\?", re.I)
# "whose licence has expired", "registration is still pending", "certification was revoked":
# the credential is named, then said not to be held.
_NEG_AFTER = re.compile(
    r"\s+(?:(?!and\b|but\b|or\b)\w+\s+){0,2}?(?:(?:has|have|had|is|are|was|were)\s+(?:(?:still|now|recently|since|already)\s+)?(?:been\s+)?)?"
    r"(?:expired|revoked|suspended|lapsed|pending|withdrawn|cancell?ed|refused|denied|rejected|under review|in progress|applied for"
    r"|not (?:yet )?(?:granted|issued|approved|obtained))\b",
    re.I,
)
# "our FCA application is still pending", "the licence application was refused": an application
# to a regulator (named by its acronym) or for a credential, not yet granted, says the
# credential is not held. Only an application so named: "our application" alone may be an app.
_APPLICATION = re.compile(r"\b(?:[A-Z]{2,6}|(?i:licen[cs]e|registration|authori[sz]ation|regulatory|permit|certification|accreditation))\s+application\b")
_UN_PREFIX = re.compile(r"\b(?:un|non-?)(?=licen[cs]ed|registered|regulated|authori[sz]ed|certified|accredited|verified|qualified)", re.I)


def read_credentials(question: str) -> dict[str, bool]:
    """Credentials the question states (True) or denies (False); the last mention wins."""
    found: dict[str, bool] = {}
    for name, words in _CREDENTIAL_WORDS.items():
        for m in re.finditer(rf"\b(?:un|non-?)?(?:{words})\b", question, re.I):
            if name == "verification" and re.match(r"age", question[max(0, m.start() - 4) : m.start()], re.I):
                continue
            before = question[max(0, m.start() - 40) : m.start()]
            clause_before = re.split(r"[,;.?!]|\bbut\b|\band\b", before)[-1]
            if _ASKS_NEED.search(clause_before) or _ASKED_NEEDED.match(question, m.end()):
                continue  # "do they need a licence?" asks about the rule; it states no fact
            denied = bool(_UN_PREFIX.match(question, m.start())) or bool(_NEG_BEFORE.search(clause_before)) or bool(_NEG_AFTER.match(question, m.end()))
            found[name] = not denied
    for m in _APPLICATION.finditer(question):
        if not _NEG_AFTER.match(question, m.end()):
            continue
        # Applied for and not granted: a body named by its acronym (a regulator or a scheme)
        # has given neither its licence nor its certification; a named credential is that one.
        word = m.group(0).split()[0].lower()
        kinds = ("certification",) if word.startswith(("certif", "accredit")) else ("licence",) if not m.group(0)[:2].isupper() else ("licence", "certification")
        for kind in kinds:
            later = re.search(rf"\b(?:un|non-?)?(?:{_CREDENTIAL_WORDS[kind]})\b", question[m.end() :], re.I)
            if not later:  # the last mention wins
                found[kind] = False
    for start, end in _shows_disclosure(question):
        clause_before = re.split(r"[,;.?!]|\bbut\b|\band\b", question[max(0, start - 40) : start])[-1]
        if _ASKS_NEED.search(clause_before) or _ASKED_NEEDED.match(question, end):
            continue
        found["disclosure"] = not _NEG_BEFORE.search(clause_before)
    for m in _SHOWS_NONE.finditer(question):
        found["disclosure"] = False
    if "licence" not in found and any(
        not _NEG_BEFORE.search(before) and not _ASKS_NEED.search(before) and not _ASKED_NEEDED.match(question, m.end())
        for m in _OWN_NUMBER_SHOWN.finditer(question)
        for before in [re.split(r"[,;.?!]|\bbut\b|\band\b", question[max(0, m.start() - 40) : m.start()])[-1]]
    ):
        # "our AFSL number is printed in the creative", "We show our FCA number": the ad
        # carries the number a regulator gave the advertiser, so the advertiser holds it.
        found["licence"] = True
        found.setdefault("disclosure", True)
    return found


# The advertiser's own number on a regulator's register (a regulator named by its acronym, or
# a licence, registration or permit number), said to be in the ad.
_OWN_NUMBER = r"(?:[Oo]ur|[Ii]ts|[Tt]heir)\s+(?:[A-Z]{2,6}(?:\s+(?:licen[cs]e|registration|firm reference|reference|registered))?\s+(?:number|no\.?|reference)|(?:licen[cs]e|registration|permit|authori[sz]ation|firm reference)\s+(?:number|no\.?)|[A-Z]{2,6})"
_OWN_NUMBER_SHOWN = re.compile(
    rf"\b(?:(?:show|shows|showing|display|displays|displaying|print|prints|include|includes|including|carry|carries|carrying|state|states|give|gives)\s+{_OWN_NUMBER}"
    rf"|{_OWN_NUMBER}\s+(?:is|are)\s+(?:clearly\s+)?(?:printed|shown|displayed|included|stated|visible|in|on)\b)"
)


# What the ad carries, in the words the condition reader uses for `requires:disclosure`
# (core/condition_reading.py): "the ad shows the price after the trial", "includes a risk
# warning", "displays the licence number"; "without a risk warning" denies it.
_CARRIED = r"(?:warnings?|notices?|labels?|statements?|numbers?|disclaimers?|prices?|pricing|terms and conditions)"
# What a verb saying the ad carries something carries, when it is a disclosure: "shows a clear
# risk warning", "includes the 'Not actual gameplay' notice", "displays our licence number".
_CARRIED_OBJECT = re.compile(
    rf"\s+(?:(?:a|an|the|its|their|our|clear|clearly|visible|prominent|required)\s+)*(?:[\"'“‘][^\"'”’]{{3,80}}[\"'”’]\s+)?(?:[\w-]+\s+){{0,3}}?{_CARRIED}\b",
    re.I,
)
# The verbs that say the ad (or its page) shows, states or carries something: one vocabulary
# for the two readers of what the ad shows, whether it carries a disclosure at all (here) and
# which things it carries (core/disclosure.py `shown_spans`, which also asks who says it).
SHOW_VERB = re.compile(
    r"\b(?:shows?|showing|states?|stating|says?|saying|carr(?:y|ies|ying)|includes?|including|displays?|displaying|displayed|gives?|giving"
    r"|lists?|listing|names?|naming|mentions?|mentioning|quotes?|quoting|prints?|printing|features?|featuring|discloses?|disclosing|specif(?:y|ies|ying)|explains?|explaining"
    r"|has|have|contains?|containing)\b",
    re.I,
)


def show_verbs(question: str) -> list[re.Match[str]]:
    """Every verb of `question` that may say the ad shows something (`SHOW_VERB`): the one parse
    both readers of what the ad shows start from."""
    return list(SHOW_VERB.finditer(question))


def _shows_disclosure(question: str) -> list[tuple[int, int]]:
    """(verb start, object end) of each verb saying the ad carries a disclosure ("shows a risk
    warning"), from the shared parse; whether it is said, asked or denied is read by the caller."""
    out = []
    for m in show_verbs(question):
        word = m.group(0).lower()
        if not word.startswith(_PUTS_IN) and not (word.startswith("stat") and question[: m.start()].rstrip().lower().endswith("clearly")):
            continue
        obj = _CARRIED_OBJECT.match(question, m.end())
        if obj is not None:
            out.append((m.start(), obj.end()))
    return out


# The verbs of SHOW_VERB that put an element in the ad ("shows a warning", "includes the
# price"). "says", "states", "quotes" introduce the ad's wording, a claim (`read_claims`): "the
# ad says prices rise each April" carries no price notice; "has", "contains" may be what the
# advertiser holds ("if it has a BPOM number"). "clearly states" is said of an element.
_PUTS_IN = ("includ", "display", "show", "carr", "mention")
# The same said the other way round: "the warning statement included as text", "our firm
# reference number is on the ad", "the '…' line is on screen" (the carried thing first, then
# that it is there). A negation between them ("is not shown") does not match.
_SHOWN = re.compile(
    rf"\b((?:[\w-]+\s+){{0,3}}?(?:{_CARRIED}|lines?))\s+(?:(?:is|are)\s+)?(?:clearly\s+)?(?:(?:shown|displayed|included|stated|visible|present)\b"
    rf"|on (?:the )?(?:ad|screen|creative|page|landing page|banner|video|image|packaging)\b)",
    re.I,
)


def read_shown(question: str) -> list[str]:
    """What the question says the ad carries, named before it is said to be there ("our firm
    reference number is on the ad" -> "our firm reference number"). Not a credential of its
    own: the answerer finds a disclosure requirement met by it only when the requirement asks
    for that thing (its head noun), so a warning on screen never meets "must state the caffeine
    content"."""
    out: list[str] = []
    for m in _SHOWN.finditer(question):
        clause_before = re.split(r"[,;.?!]|\bbut\b|\band\b", question[max(0, m.start() - 40) : m.start()])[-1]
        if not _NEG_BEFORE.search(clause_before + " " + m.group(1)) and not _ASKED_NEEDED.match(question, m.end()):
            out.append(m.group(1).strip())
    return out


_SHOWS_NONE = re.compile(r"\b(?:without|no|lacks?|lacking|missing)\s+(?:a\s+|an\s+|the\s+|any\s+)?(?:[\w-]+\s+){0,2}?(?:warnings?|notices?|disclaimers?|labels?)\b", re.I)


# ---------------------------------------------------------------- claims
_CLAIM_VERB = re.compile(r"\b(?:says?|saying|claims?|claiming|promis(?:es|ing|e)|states?|stating|guarantees?|guaranteeing|advertis(?:es|ing) (?:as|that))\b\s+(?:that\s+)?([^.?!;]{3,120})", re.I)


def read_claims(question: str) -> list[str]:
    # The ad's wording in quotation marks (core/quotes.py), of more than one word.
    out = [q.strip() for q in quoted(question) if " " in q.strip()]
    copy = list(out)
    for m in _CLAIM_VERB.finditer(question):
        claim = m.group(1).strip()
        if not any(q in claim for q in copy):
            out.append(claim)
    return list(dict.fromkeys(out))


# What the ad is said to suggest or imply: a claim it makes without stating it in words (group 1:
# what it suggests); beside `read_claims`, what the answerer counts as a claim the case states.
SUGGESTED = re.compile(r"\b(?:suggests?|suggesting|impl(?:y|ies|ying)|tells?|telling|describ(?:es|ing|ed)\s+(?:\w+\s+){1,3}?as|calls?\s+(?:it|them|\w+)|calling\s+(?:it|them|\w+))\s+(?:that\s+)?([^.?!;]{3,120})", re.I)


# ---------------------------------------------------------------- people shown or making the ad
_AGED_PERSON = re.compile(rf"\b(\d{{1,2}})[- ]?(?:years?|yrs?)[- ]?old\s+(?:[\w-]+\s+){{0,2}}?{PEOPLE_SHOWN}\b", re.I)
_PERSON_AGED = re.compile(
    rf"\b{PEOPLE_SHOWN}\b(?:\s*,\s*|\s+(?:who is|who's|is|aged|age|of)\s+|\s*\(\s*)(?:aged\s+)?(\d{{1,2}})\b(?!\s*(?:%|k\b|m\b|million|thousand|followers|days|months|posts|videos|\+))",
    re.I,
)


def read_person_ages(question: str) -> list[int]:
    """Ages of the people an ad shows or is made by ("a 22-year-old model", "creator, 30",
    "an influencer aged 17"); an audience age is read by `read_ages`, not here."""
    ages = [int(m.group(1)) for m in _AGED_PERSON.finditer(question)]
    ages += [int(m.group(1)) for m in _PERSON_AGED.finditer(question)]
    return sorted(dict.fromkeys(a for a in ages if 5 <= a <= 99))


# ---------------------------------------------------------------- who advertises
_NEGATED_PARTY = re.compile(
    r"\b(?:not|isn't|aren't|nor|neither)\s+(?:(?:a|an|the|any|one of the|one of)\s+)?((?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)", re.I
)
_ACTOR_END = re.compile(
    r"[,(?.;:!\u2013\u2014]|\s-\s|\b(?:wants?|is|are|was|were|can|could|may|might|would|will|shall|plans?|planning|has|have|had|wish(?:es)?|"
    r"looking|pays?|paying|to|runs?|running|asks?|asking|needs?|hopes?|intends?|tries|trying|posts?|boosts?)\b",
    re.I,
)
_ARTICLES = frozenset("a an the our my their this that its his her your".split())


def read_parties(question: str) -> dict[str, bool]:
    """The words naming who advertises: the question's opening noun phrase (the advertiser,
    True) and the kinds it says the advertiser is not (False, which wins). Stemmed, so a
    rule's "candidates" meets the question's "candidate"."""
    from policydesk.core.keyword import STOPWORDS
    from policydesk.core.terms import stem

    skip = _ARTICLES | set(STOPWORDS)
    found: dict[str, bool] = {}
    head = _LEAD.sub("", question).lstrip()
    end = _ACTOR_END.search(head)
    for w in re.findall(r"[a-z][\w-]*", (head[: end.start()] if end else head).lower())[:6]:
        if w not in skip:
            found[stem(w)] = True
    for m in _NEGATED_PARTY.finditer(question):
        for w in m.group(1).lower().split():
            if w not in skip:
                found[stem(w)] = False
    return found


# ---------------------------------------------------------------- subject
_LEAD = re.compile(
    r"^\s*(?:(?:is it|are we) (?:ok|okay|allowed|fine) (?:to\s+)?|"
    r"(?:can|could|may|should|is|are|am|do|does|would|will)\s+(?:(?:i|we|you|they|it|a|an|the|this|my|our)\b)?\s*)",
    re.I,
)


# ---------------------------------------------------------------- the advertised thing
@dataclass(frozen=True)
class Advertised:
    """The thing a question says is advertised, read as a noun phrase: "Pet insurance ads for
    cat and dog cover" -> phrase "pet insurance", head "insurance", dependents "pet". English
    noun compounds are head-final ("pet insurance" is insurance), and in "X for Y" / "X with Y"
    the head is X's; Y only says more about it (and is no modifier of the head)."""

    phrase: str  # as written, without determiners and the ad words around it
    head: str  # the head noun, as written
    dependents: tuple[str, ...]  # the content words before the head: its modifiers
    # The last word of each conjunct ("instructions or DIY kits" -> instructions, kits): the
    # heads the phrase may coordinate. Which reading holds ("home and travel insurance" has one
    # head) needs knowing the words; what reads a phrase's words whole takes heads and dependents.
    heads: tuple[str, ...] = ()


# Nouns that name the ad or the offer, not the thing advertised: "payday loan ads", "lease deals",
# "Comparison ad for ...". Skipped at the end of a phrase; a phrase of them only ("Ads for our X",
# "UK launch for X") names its thing in its "for"/"of" complement. Also the nouns that name a
# quantity or kind of something ("a range of dog beds"): the head of "X of Y" is Y's then.
AD_NOUNS = frozenset(
    """ad ads advert adverts advertisement advertisements advertising campaign campaigns creative creatives
    post posts promotion promotions promo promos offer offers deal deals listing listings launch product products
    service services brand brands range ranges line lines selection collection kind kinds type types sort variety
    headline headlines copy banner banners tagline taglines slogan slogans strapline straplines caption captions spot spots""".split()
)
# The nouns that name the ad itself or a part of it (a closed class of ad-format nouns: "ad",
# "headline", "copy", "banner", a TV "spot" ...). English compounds are head-final, so a word after
# one that is none of them and no conjunction starts what is said of the ad, not more of its
# name: "supplement ad claims it ...", "Ad goes to a page ...", "credit repair ad copy: ...".
_AD_ITSELF = frozenset(
    """ad ads advert adverts advertisement advertisements creative creatives headline headlines copy banner banners
    tagline taglines slogan slogans strapline straplines caption captions spot spots""".split()
)
_DETERMINERS = frozenset("a an the our my their your his her its this these those some any all every each".split())


@lru_cache(maxsize=4096)
def names_ad(word: str) -> bool:
    """Whether the noun names an ad: one of the closed class of ad-format nouns (`_AD_ITSELF`),
    or a noun whose most frequent sense WordNet files under advertisement ("commercial",
    "infomercial", "flyer", "advertorial", "circular"). At the end of a phrase it names the ad,
    not the thing: "vodka commercial where ..." advertises vodka. False for other nouns, or
    without WordNet."""
    low = word.lower()
    if low in _AD_ITSELF:
        return True
    from policydesk.core import lexicon

    try:
        return lexicon.is_kind_of(low, "advertisement", 1)
    except lexicon.LexiconUnavailable:
        return False


def _adjective(word: str) -> bool:
    """WordNet knows the word as an adjective ("commercial", "circular"); False without WordNet."""
    from policydesk.core import lexicon

    try:
        return bool(lexicon.lemmas(word, "a") or lexicon.lemmas(word, "s"))
    except lexicon.LexiconUnavailable:
        return False
# Words that may open a noun phrase before its modifiers and say nothing of its kind ("new model
# launches", "the same energy drink"): skipped at its start like a determiner.
_OPENERS = _DETERMINERS | frozenset("new same own other".split())
# Words that end a noun phrase besides stopwords and generic ad-policy words: prepositions and
# participles that start its complement ("ads targeting new parents", "a plan built for gamers").
_NP_BREAK = frozenset(
    """about across after against along among around before behind below beside between beyond during except
    inside near onto outside over per since through throughout toward towards under until upon via within without
    like unlike aimed built made designed marketed sold featuring including using showing offering targeting
    just only now currently really next last today tomorrow tonight soon
    here there ahead anyway
    say says said mention mentions""".split()
)
# (The last two lines: deictic adverbs, which follow a phrase and name no part of it ("our energy
# drink here"); and the verbs of reporting that cannot be nouns of an ad's thing ("Can our gym say
# ...", "ads say"). Reporting verbs that can also be nouns ("claims", "states", "reads") end the
# phrase only after a noun naming the ad, by `_AD_ITSELF`.)
# A verb that takes the advertised thing as its object: "advertise our dog cloning service",
# "run ads for our nicotine pouches", "push our 0% APR card".
_AD_VERB = re.compile(
    r"\b(?:advertis(?:e|es|ed|ing)|promot(?:e|es|ed|ing)|market(?:s|ed|ing)?|sell(?:s|ing)?|push(?:es|ed|ing)?|boost(?:s|ed|ing)?"
    r"|(?:run|running|runs|post|posting|show|showing)\s+(?:an?\s+|some\s+|our\s+)?(?:[\w-]+\s+){0,2}?(?:ads?|adverts?|campaigns?|promos?)\s+(?:for|about|on))\s+",
    re.I,
)
# Prepositions after which a word in -ed is a participle describing the phrase before it ("games
# rated for adults", "caffeine sold as a powder"), not an adjective of a noun after it.
IRREGULAR_PARTICIPLES = frozenset("paid sold made built bought given held kept sent shown taken grown run done won".split())
_PARTICIPLE_PREP = frozenset("for as with in at from on under into".split())
_NP_TOKEN = re.compile(r"[A-Za-z0-9][\w'’%$.-]*[\w%]|[A-Za-z0-9]|&|[^\w\s]")
_NP_LINK = frozenset("and or & nor".split())
# A comma inside a listed phrase ("A, B and C") joins its items as "and" does.
_LIST_LINK = _NP_LINK | {","}


def _np_words(text: str) -> list[str]:
    """The words of the noun phrase `text` starts with, up to what ends it (punctuation, a
    stopword, a verb or preposition, a generic ad-policy word other than a noun of the ad);
    determiners at its start are skipped, and "and"/"or" join its parts ("home and contents
    insurance") when a content word follows."""
    from policydesk.core.keyword import STOPWORDS
    from policydesk.core.terms import GENERIC, stem

    found = list(_NP_TOKEN.finditer(text))
    toks = [m.group(0) for m in found]
    out: list[str] = []
    for i, tok in enumerate(toks):
        low = tok.lower().replace("’", "'")
        if not out and low in _OPENERS:
            continue
        if low == "'" and out and out[-1].endswith("s") and found[i - 1].end() == found[i].start() and _possessive_follows(text, found, i):
            out[-1] += "'"  # a plural possessive ("kids' dinosaur game"): a modifier of what follows
            continue
        if low == "," and out and _serial_list_follows(toks, i + 1):
            out.append(",")  # "Cash bonuses, gifts and prize draws …": one phrase listing three things
            continue
        if low in _NP_LINK and out:
            nxt = toks[i + 1].lower() if i + 1 < len(toks) else ""
            if nxt and nxt[0].isalnum() and nxt not in STOPWORDS and nxt not in _NP_BREAK and (nxt in AD_NOUNS or stem(nxt) not in GENERIC):
                out.append(low)
                continue
            break
        if not low[0].isalnum():
            break
        if "'" in low and not low.endswith("'s"):
            break  # "we're", "don't": a verb follows
        if low in STOPWORDS or low in _NP_BREAK:
            break
        if out and (out[-1] in _AD_ITSELF or (not _adjective(out[-1]) and names_ad(out[-1]))) and low not in AD_NOUNS:
            break  # "supplement ad claims it ...": what follows a noun naming the ad says something of it
        if low not in AD_NOUNS and stem(low) in GENERIC and not low[0].isdigit():
            nxt = toks[i + 1].lower() if i + 1 < len(toks) else ""
            if not (out and (not nxt or not nxt[0].isalnum() or nxt in _NP_LINK)):
                break
            # Last before a comma, a conjunction or the end, after content words, it is the
            # phrase's noun ("Boat shows, marina open days"), not a verb (which takes an object).
        if out and low in IRREGULAR_PARTICIPLES and (toks[i + 1].lower() if i + 1 < len(toks) else "") in _PARTICIPLE_PREP:
            break  # "upgrades paid for by a grant", "kits sold with …"
        if out and re.search(r"(?:ing|ed)$", low) and len(low) > 4:
            nxt = toks[i + 1].lower() if i + 1 < len(toks) else ""
            if nxt in _DETERMINERS or nxt in ("by", "to"):
                break  # a verb after the phrase ("broker sponsoring a creator", "creator paid by")
            if (low.endswith("ed") and not low.endswith("eed") or low in IRREGULAR_PARTICIPLES) and nxt in _PARTICIPLE_PREP:
                break  # a participle after the phrase starts what it says of it ("games rated for adults")
        out.append(low)
    return out


def _list_item_word(tok: str) -> bool:
    """A word that may stand in a listed noun phrase: not punctuation, a stopword, a word that
    ends a phrase, a verb form or a generic ad-policy word."""
    from policydesk.core.keyword import STOPWORDS
    from policydesk.core.terms import GENERIC, stem

    return (tok[0].isalnum() and tok not in STOPWORDS and tok not in _NP_BREAK and "'" not in tok
            and not (len(tok) > 4 and re.search(r"(?:ing|ed)$", tok)) and (tok in AD_NOUNS or stem(tok) not in GENERIC))


def _serial_list_follows(toks: list[str], i: int) -> bool:
    """Whether a comma before token `i` joins list items: "A, B and C" / "A, B, or C", every
    item a run of phrase words and the list closed by "and"/"or" and a last item. A comma that
    opens anything else ("a licensed retailer, targeting 16+"; "hemp bags, no CBD") ends the
    phrase as before."""
    low = [t.lower().replace("’", "'") for t in toks]
    n = len(low)
    if i < n and low[i] in ("and", "or"):
        return i + 1 < n and _list_item_word(low[i + 1])  # the serial comma before the last item
    while True:
        start = i
        while i < n and _list_item_word(low[i]):
            i += 1
        if i == start or i == n:
            return False
        if low[i] == ",":
            i += 1
            if i < n and low[i] in ("and", "or"):
                i += 1
                return i < n and _list_item_word(low[i])
            continue
        if low[i] in ("and", "or"):
            return i + 1 < n and _list_item_word(low[i + 1])
        return False


def _possessive_follows(text: str, found: list, i: int) -> bool:
    """The apostrophe `found[i]`, attached to the plural before it, is followed by a space and
    a word: a possessive ("kids' game"), not a quotation opening or closing ("says 'Ask ...'")."""
    if i + 1 >= len(found):
        return False
    if re.search(r"(?:^|\s)['‘’][^\s'‘’][^'‘’]*$", text[: found[i].start()]):
        return False  # it closes a quotation opened before it ("'great drinks' for parties")
    gap = text[found[i].end():found[i + 1].start()]
    return gap.isspace() and found[i + 1].group(0)[0].isalnum()


def _content(words: list[str]) -> list[str]:
    from policydesk.core.terms import GENERIC, stem

    return [w for w in words if w not in _NP_LINK and w not in AD_NOUNS and not re.fullmatch(r"[\d%$.,'-]+", w) and stem(w.split("'")[0]) not in GENERIC]


def _complement(text: str, words: list[str]) -> str:
    """What follows the phrase `words` in `text` when a "for"/"of"/"with" complement does."""
    m = re.match(r"\s*(?:for|of|with|on)\s+", _after(text, words), re.I)
    return _after(text, words)[m.end():] if m else ""


def _after(text: str, words: list[str]) -> str:
    pos = 0
    low = text.lower().replace("’", "'")
    for w in words:
        i = low.find(w, pos)
        if i < 0:
            break
        pos = i + len(w)
    return text[pos:]


def _phrase(words: list[str], text: str) -> Advertised | None:
    """The phrase without the ad nouns at its end ("payday loan ads"), read head-final: the
    last content word is the head, the ones before it its modifiers. None when no content word
    is left."""
    core = list(words)
    while core and (core[-1] in AD_NOUNS or core[-1] in _LIST_LINK or names_ad(core[-1])):
        core.pop()
    # The last word is the head even when it is a generic ad-policy word: the phrase reader
    # took it in only as a noun ("motor shows").
    content = _content(core[:-1]) + [core[-1]] if core and not re.fullmatch(r"[\d%$.,'-]+", core[-1]) else []
    if not content:
        return None
    dependents = content[:-1]
    heads: list[str] = []
    for i, w in enumerate(core):
        if (i + 1 == len(core) or core[i + 1] in _LIST_LINK) and w not in _LIST_LINK and w in content:
            heads.append(w)
    heads = [h for h in heads if h != content[-1]] + [content[-1]]
    return Advertised(phrase=" ".join(core), head=content[-1], dependents=tuple(dict.fromkeys(dependents)), heads=tuple(dict.fromkeys(heads)))


def _thing(text: str) -> Advertised | None:
    """The thing named by the noun phrase `text` starts with; a phrase of ad nouns only ("Ads
    for our X", "a range of dog beds") names it in its complement."""
    words = _np_words(text)
    found = _phrase(words, text)
    if found is None and words:
        tail = _complement(text, words)
        if tail:
            found = _phrase(_np_words(tail), tail)
    return found


@dataclass(frozen=True)
class NounPhrase:
    """A noun phrase and what follows it to say more of it: "Instructions or DIY kits for
    connecting a gas supply" -> heads instructions, kits; words instructions, diy, kits;
    complement "for connecting a gas supply". A phrase of ad nouns only ("Ads for X") is read
    in its complement, as the advertised thing is."""

    heads: tuple[str, ...]
    words: tuple[str, ...]  # its content words: heads and their modifiers, as written
    complement: str  # the text after the phrase (a "for"/"with" phrase, a participle, a relative clause …)


def read_noun_phrase(text: str) -> NounPhrase | None:
    """The noun phrase `text` starts with, read by the reader of the advertised thing
    (`_np_words`, `_phrase`): the same construction on the question's side and the rule's."""
    for _ in range(4):  # "Ads for ads of X": each round reads one complement further
        words = _np_words(text)
        found = _phrase(words, text)
        if found is not None:
            return NounPhrase(heads=found.heads or (found.head,), words=tuple(dict.fromkeys(found.dependents + (found.head,) + found.heads)),
                              complement=_after(text, words))
        offered = _OFFERING.match(_after(text, words)) if words else None
        text = _after(text, words)[offered.end():] if offered else _complement(text, words) if words else ""
        if not text:
            return None
    return None


# What a phrase of ad nouns only is followed by when it names its thing as the object of a verb:
# "Ads offering insulation or heating upgrades paid for by …".
_OFFERING = re.compile(r"\s*(?:offering|promoting|selling|advertising|marketing|featuring)\s+", re.I)


def read_advertised(question: str) -> Advertised | None:
    """The thing the question says is advertised, or None when it names none it can read.

    Where it is named: the object of a verb of advertising ("can we advertise our dog cloning
    service"); else the question's opening noun phrase ("Pet insurance ads for cat and dog
    cover", "SIM-only phone plan with unlimited data ..."), unless that phrase names the
    advertiser (a verb follows it: "Driving school wants to advertise intensive lessons", then
    the object of that verb) or only the ad ("Ads for our electric car lease deals": its
    "for"/"of" complement). Market names are no part of it, nor are the words about the ad
    itself: a noun naming the ad or a part of it and what it is said to say ("supplement ad
    claims ...", "pension plan ad headline: ..."), a reporting verb ("Can our gym say ..."), a
    deictic adverb ("our energy drink here"). After a modal and a personal subject ("Can we call
    our X ...") or before a determiner ("Buy a bag ...") the first word is a verb: the thing is
    then the object of a verb of advertising, or none is read."""
    text = question
    for m in reversed(find_mentions(text)):
        text = text[: m.start] + " " * (m.end - m.start) + text[m.end :]
    lead = _LEAD.match(text)
    personal = bool(lead and re.search(r"\b(?:i|we|you|they)\s*$", lead.group(0), re.I))
    text = _LEAD.sub("", text).lstrip()
    verb = _AD_VERB.match(text)
    if verb:
        return _thing(text[verb.end():])
    opening = _np_words(text)
    rest = _after(text, opening)
    if personal or (len(opening) == 1 and re.match(r"\s+(?:a|an|the|our|my|their|your|this|these|those)\b", rest, re.I)):
        # "Can we call our SIPP ...", "Buy a bag of ...": after a modal and a personal subject, or
        # before a determiner, the opening word is a verb, not the thing; the thing is then the
        # object of a verb of advertising, if any.
        verb = _AD_VERB.search(text)
        return _thing(text[verb.end():]) if verb else None
    if opening and not _ACTOR_VERB.match(rest):
        return _thing(text)
    verb = _AD_VERB.search(rest if opening else text)
    if verb:
        after = (rest if opening else text)[verb.end():]
        return _thing(after)
    return None


# The verb of a sentence whose subject names what it governs ("Ads for X ... are decided case by case").
_MAIN_VERB = re.compile(r"\b(?:are|is|will|must|may|can|cannot|can't|should|need|needs|were|get|gets|requires?|go|goes|fall|falls)\b", re.I)
# Where a subject lists the members it names ("Anything not listed below, such as crypto lending
# ... and crypto debit cards, requires review").
_MEMBERS_FROM = re.compile(r"\b(?:such as|including|e\.g\.|for example|for instance)\s+", re.I)
_CONJUNCT = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", re.I)


# A checklist's tick box before an item ("[ ] Personal alarms …", "[x] …").
_TICK_BOX = re.compile(r"^\s*\[[ xX]?\]\s*")


def read_named_things(sentence: str) -> list[Advertised]:
    """The things a sentence's subject names, read like the advertised thing of a question,
    one per conjunct: "Ads for pet cloning, genetic editing of companion animals and
    animal-assisted therapy services are decided case by case" -> pet cloning (cloning),
    genetic editing (editing), animal-assisted therapy (therapy). The subject ends at the
    sentence's verb; a conjunct that starts no noun phrase ("such as ...") names nothing."""
    sentence = _TICK_BOX.sub("", sentence, count=1)  # "[ ] Self-defence keychains …: ads are …"
    verb = _MAIN_VERB.search(sentence)
    subject = sentence[: verb.start()] if verb else sentence
    out: list[Advertised] = []
    first = read_advertised(subject)
    if first is not None:
        start = subject.lower().find(first.phrase.split()[0])
        _conjuncts(subject[start:] if start >= 0 else subject, out)
    for m in _MEMBERS_FROM.finditer(subject):
        _conjuncts(subject[m.end():], out)
    return out


def _conjuncts(text: str, out: list[Advertised]) -> None:
    """Each thing of the list `text` starts with, added to `out`, up to the first part that is
    no noun phrase or is followed by more than its complement (a relative clause, a verb)."""
    for part in _CONJUNCT.split(text):
        found = _thing(part)
        if found is None:
            break
        if found not in out:
            out.append(found)
        if not _whole_phrase(part):
            break  # a relative clause or a verb follows: the list of things has ended


def _whole_phrase(part: str) -> bool:
    """Is `part` a noun phrase and nothing else, or one with an "of"/"for" complement
    ("genetic editing of companion animals")?"""
    rest = _after(part, _np_words(part)).strip()
    m = re.match(r"(?:of|for|with)\s+", rest, re.I)
    if m:
        rest = rest[m.end():]
        rest = _after(rest, _np_words(rest)).strip()
    return not rest


# What follows an opening noun phrase that names the advertiser, not the ad.
_ACTOR_VERB = re.compile(r"\s+(?:wants?|plans?|is planning|needs?|would like|hopes?|intends?|is looking)\b", re.I)


def read_subject(question: str, drop: list[tuple[int, int]]) -> str:
    """The question without its markets and ages: what the ad is about, for scope matching."""
    chars = list(question)
    for a, b in drop:
        for i in range(a, b):
            chars[i] = " "
    text = re.sub(r"\s+", " ", "".join(chars)).strip()
    return _LEAD.sub("", text).strip(" ?.!")


def read_case_facts(question: str, filters: Filters | None = None) -> CaseFacts:
    filters = filters or Filters()
    mentions = find_mentions(question)
    markets: list[str] = []
    if filters.market:
        markets.append(filters.market.upper())
    for m in mentions:
        for code in m.codes:
            if code != "global" and code not in markets:
                markets.append(code)
    drop = [(m.start, m.end) for m in mentions]
    for pat, _ in AGE_PATTERNS:
        drop += [(m.start(), m.end()) for m in pat.finditer(question)]
    return CaseFacts(
        question=question,
        markets=markets,
        ages=read_ages(question),
        quantities=read_quantities(question),
        credentials=read_credentials(question),
        claims=read_claims(question),
        person_ages=read_person_ages(question),
        shown=read_shown(question),
        parties=read_parties(question),
        subject=read_subject(question, drop),
        runs=read_runs(question),
    )


__all__ = [
    "Advertised", "IRREGULAR_PARTICIPLES", "NounPhrase", "read_noun_phrase", "read_advertised", "read_named_things", "AgeRange", "CaseFacts", "Quantity", "read_ages", "without_quotations", "read_case_facts", "read_claims", "read_credentials", "read_parties", "read_person_ages", "read_shown", "SHOW_VERB", "show_verbs",
    "read_quantities",
]
