"""The condition vocabulary of a rule: one small closed language, parsed and written here only.

Why a closed vocabulary: a condition must be *executable* against the facts of a case (an age,
a number with a unit, a credential the advertiser holds or lacks, the market) and readable by
the writer who confirms it in a sidecar. Sidecars store conditions as strings (a contract), so
this module owns the string form and its typed reading:

| string                      | meaning                                                       |
|-----------------------------|---------------------------------------------------------------|
| `min_age:18`                | the audience must be 18 or older                              |
| `min_age:21@US,MY`          | ... 21 or older in US and MY (a per-market floor)             |
| `min_person_age:25`         | everyone shown in or making the ad is 25 or older             |
| `requires:licence@GB`       | ... a condition that holds in the markets after `@` only: a   |
| `max:30 days@DE`            | sentence that sets it for a named market ("and in the United  |
|                             | Kingdom only where …"); `min_age`, `min_person_age`, `max`,   |
|                             | `min`, `requires` and `only_who` take one (`LOCAL_KINDS`)      |
| `max:36%` / `max:30 days`   | a stated number must be at most this (unit after the number)   |
| `min:12 months`             | ... at least this                                             |
| `requires:licence`          | a credential: licence, certification, verification,           |
|                             | permission, age_check, disclosure, membership (enrolled in a   |
|                             | programme, a member of a body)                                 |
| `only_markets:GB,IE`        | the ad may run only in these markets                          |
| `only_who:candidates,parties` | only these kinds of advertiser may do it (head nouns)        |
| `no_claim:guaranteed returns` | the ad must not make this claim                             |
| `during:15 Oct-10 Nov; 26-31 Dec; the 3 days before Diwali` | the ad may run only on the days |
|                             | of these windows (recurring days of the year; "Dec" is all of  |
|                             | it; a window in words is kept as its words: core/dates.py)     |
| `not_during:1-14 Mar`       | the ad must not run on any day of these windows               |
| `targeting`                 | an audience-targeting limit stated in words (not executable)   |
| `other:<text>`              | any other requirement, in words (not executable: a human checks) |

The older bare names `licence`, `certification`, `verification`, `permission` and
`disclosure` still parse, as `requires:<name>`.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, Field

from policydesk.core.dates import DayWindow, parse_window, window_text

ConditionKind = Literal["min_age", "min_person_age", "max", "min", "requires", "only_markets", "only_who", "no_claim", "during", "not_during", "targeting", "other"]
WINDOW_KINDS: tuple[str, ...] = ("during", "not_during")
CREDENTIALS: tuple[str, ...] = ("licence", "certification", "verification", "permission", "age_check", "disclosure", "membership")
LEGACY_NAMES: tuple[str, ...] = ("licence", "certification", "verification", "permission", "disclosure")
VOCABULARY_HELP = (
    "min_age:N[@CC,CC], min_person_age:N[@CC], max:N[unit][@CC], min:N[unit][@CC], requires:<" + "|".join(CREDENTIALS) + ">[@CC], "
    "only_markets:CC,CC, only_who:<noun,noun>[@CC], no_claim:<text>, during:<window; window>[@CC] (a window: 15 Oct-10 Nov, 26-31 Dec, 3 Nov, Dec, "
    "or words), not_during:<window; window>[@CC], targeting, other:<text>"
)
# The kinds that can hold in some markets only (`@CC,CC` after them). A market list is itself
# about markets, and free text (`no_claim:`, `other:`) may contain "@", so they take none.
LOCAL_KINDS: tuple[str, ...] = ("min_age", "min_person_age", "max", "min", "requires", "only_who", "during", "not_during")

# The people an ad shows or is made by, as a regex alternation (lower case; compile with re.I
# where the text is not folded). One list for both sides of `min_person_age`: the clause
# reader (core.condition_reading: "the creator must be at least 25", "creators under 18
# cannot ...") and the case reader (core.casefacts: "a 22-year-old model", "influencer, 30").
# Three copies of it had drifted apart (only the case side knew athletes or streamers, only
# the clause side knew spokespeople), so a floor stated for one noun went unexecuted for it.
PEOPLE_SHOWN = (
    r"(?:models?|actors?|actress(?:es)?|creators?|influencers?|presenters?|hosts?|spokes(?:person|people|man|woman)"
    r"|ambassadors?|performers?|athletes?|celebrit(?:y|ies)|streamers?|youtubers?|tiktokers?)"
)

_MARKETS = r"[A-Za-z]{2}(?:\s*,\s*[A-Za-z]{2})*"
_MIN_AGE = re.compile(rf"^min_age:(\d{{1,3}})(?:@({_MARKETS}))?$")
_MIN_PERSON_AGE = re.compile(rf"^min_person_age:(\d{{1,3}})(?:@({_MARKETS}))?$")
# A limit's trigger (`min:30 days when over 1000 USD`): the limit holds only for cases whose
# stated number of the trigger's measure meets it (`trigger_holds`).
TRIGGER_WORDS = ("over", "under", "at least", "at most")
_LIMIT = re.compile(
    rf"^(max|min):(\d+(?:\.\d+)?)\s*([%A-Za-z$€£°][\w%$€£° ]*?)?"
    rf"(?:\s+when\s+(over|under|at least|at most)\s+(\d+(?:\.\d+)?)\s*([%A-Za-z$€£°][\w%$€£° ]*?))?(?:@({_MARKETS}))?$"
)
_REQUIRES = re.compile(rf"^requires:([a-z_]+)(?:@({_MARKETS}))?$")
_ONLY = re.compile(rf"^only_markets:({_MARKETS})$")
_WINDOWS = re.compile(rf"^(during|not_during):\s*(.+?)(?:@({_MARKETS}))?$")
_ONLY_WHO = re.compile(rf"^only_who:\s*([\w-]+(?:\s*,\s*[\w-]+)*)(?:@({_MARKETS}))?$")


class ConditionSyntaxError(ValueError):
    """A condition string outside the vocabulary; the message says what is accepted."""


class Condition(BaseModel):
    """A typed condition; `str(condition)` gives its sidecar form back."""

    kind: ConditionKind
    value: float | None = None  # min_age, max, min
    unit: str | None = None  # max/min: "%", "days", "months", "USD"
    markets: list[str] = Field(default_factory=list)  # LOCAL_KINDS: where it applies; only_markets: the list
    parties: list[str] = Field(default_factory=list)  # only_who: the kinds of advertiser allowed
    credential: str | None = None  # requires
    text: str | None = None  # no_claim, other
    windows: list[str] = Field(default_factory=list)  # during, not_during: each in `core.dates.window_text` form
    # max/min with a trigger ("at least 30 days for courses priced above USD 1,000"): the limit
    # binds only where the case's number of the trigger's measure is `when` (over, under, at
    # least, at most) `when_value` `when_unit`.
    when: str | None = None
    when_value: float | None = None
    when_unit: str | None = None

    def day_windows(self) -> list[DayWindow]:
        """The typed windows of a `during` / `not_during` condition (core/dates.py)."""
        return [parse_window(w) for w in self.windows]

    def applies_in(self, market: str | None) -> bool:
        """A per-market condition (min_age:21@US, requires:licence@GB) binds only in its markets."""
        if self.kind == "only_markets" or not self.markets or market is None:
            return True
        return market.upper() in self.markets

    def __str__(self) -> str:
        return format_condition(self)

    def describe(self) -> str:
        """Plain words for an answer: "the audience is 18 or older in SG"."""
        where = f" in {', '.join(self.markets)}" if self.markets and self.kind != "only_markets" else ""
        if self.kind == "min_age":
            return f"the audience is {_num(self.value)} or older{where}"
        if self.kind == "min_person_age":
            return f"everyone shown in or making the ad is {_num(self.value)} or older{where}"
        if self.kind in ("max", "min"):
            word = "at most" if self.kind == "max" else "at least"
            when = f" where {self.when} {_num(self.when_value)}{_unit_text(self.when_unit)}" if self.when else ""
            return f"{word} {_num(self.value)}{_unit_text(self.unit)}{when}{where}"
        if self.kind == "requires":
            return (
                {
                "licence": "the advertiser holds the required licence or registration",
                "certification": "the advertiser is certified",
                "verification": "the advertiser or audience is verified",
                "permission": "the platform's prior written permission",
                "age_check": "an age check",
                "disclosure": "the ad carries the required disclosure",
                "membership": "the advertiser is enrolled in the named programme or a member of the named body",
                }.get(self.credential or "", f"requires {self.credential}")
                + where
            )
        if self.kind == "only_markets":
            return f"only in {', '.join(self.markets)}"
        if self.kind == "only_who":
            return f"the advertiser is one of: {', '.join(self.parties)}{where}"
        if self.kind == "no_claim":
            return f"no claim of {self.text}"
        if self.kind == "during":
            return f"the ad runs only within {_or_list(self.windows)}{where}"
        if self.kind == "not_during":
            return f"the ad does not run within {_or_list(self.windows)}{where}"
        if self.kind == "targeting":
            return "the targeting limits of the clause"
        return self.text or ""


def _num(v: float | None) -> str:
    if v is None:
        return "?"
    return number_text(v)


def number_text(v: float) -> str:
    """A condition's number as policies write it: "25", "7.62", never "25.0"."""
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def _or_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def _unit_text(unit: str | None) -> str:
    if not unit:
        return ""
    return unit if unit == "%" else f" {unit}"


def _markets(text: str | None) -> list[str]:
    return [m.strip().upper() for m in text.split(",")] if text else []


def parse_condition(text: str) -> Condition:
    """The typed form of a sidecar condition string; raises `ConditionSyntaxError`."""
    s = " ".join(str(text).split())
    if s in LEGACY_NAMES:
        return Condition(kind="requires", credential=s)
    if s == "targeting":
        return Condition(kind="targeting")
    if m := _MIN_AGE.match(s):
        return Condition(kind="min_age", value=float(m.group(1)), markets=_markets(m.group(2)))
    if m := _MIN_PERSON_AGE.match(s):
        return Condition(kind="min_person_age", value=float(m.group(1)), markets=_markets(m.group(2)))
    if m := _LIMIT.match(s):
        unit = (m.group(3) or "").strip() or None
        when = {}
        if m.group(4):
            when = {"when": m.group(4), "when_value": float(m.group(5)), "when_unit": normalise_unit(m.group(6).strip())}
        return Condition(kind=m.group(1), value=float(m.group(2)), unit=normalise_unit(unit), markets=_markets(m.group(7)), **when)  # type: ignore[arg-type]
    if m := _REQUIRES.match(s):
        if m.group(1) not in CREDENTIALS:
            raise ConditionSyntaxError(f"unknown credential '{m.group(1)}' in '{s}'; use one of {', '.join(CREDENTIALS)}")
        return Condition(kind="requires", credential=m.group(1), markets=_markets(m.group(2)))
    if m := _ONLY.match(s):
        return Condition(kind="only_markets", markets=_markets(m.group(1)))
    if m := _WINDOWS.match(s):
        windows = [window_text(parse_window(w)) for w in m.group(2).split(";") if w.strip(" ,")]
        if not windows:
            raise ConditionSyntaxError(f"no window in '{s}'; write e.g. during:15 Oct-10 Nov; 26-31 Dec")
        return Condition(kind=m.group(1), windows=windows, markets=_markets(m.group(3)))  # type: ignore[arg-type]
    if m := _ONLY_WHO.match(s):
        return Condition(kind="only_who", parties=[p.strip().lower() for p in m.group(1).split(",")], markets=_markets(m.group(2)))
    for kind in ("no_claim", "other"):
        if s.startswith(kind + ":") and s[len(kind) + 1 :].strip():
            return Condition(kind=kind, text=s[len(kind) + 1 :].strip())  # type: ignore[arg-type]
    raise ConditionSyntaxError(f"unknown condition '{s}'; use one of {VOCABULARY_HELP}")


def not_excepted(except_markets: list[str], conditions: list[str]) -> list[str]:
    """A rule's excepted markets less those its own conditions are set for: "… aged 16 or over,
    except in the United States, where the minimum age is 13" gives the United States its own
    condition (`min_age:13@US`), so the rule holds there with it rather than not at all."""
    local: set[str] = set()
    for text in conditions:
        try:
            c = parse_condition(text)
        except ConditionSyntaxError:
            continue
        if c.kind in LOCAL_KINDS:
            local.update(c.markets)
    return [m for m in except_markets if m.upper() not in local]


def is_valid_condition(text: str) -> bool:
    try:
        parse_condition(text)
    except ConditionSyntaxError:
        return False
    return True


def format_condition(c: Condition) -> str:
    where = f"@{','.join(c.markets)}" if c.markets and c.kind != "only_markets" else ""
    if c.kind == "min_age":
        return f"min_age:{_num(c.value)}{where}"
    if c.kind == "min_person_age":
        return f"min_person_age:{_num(c.value)}{where}"
    if c.kind in ("max", "min"):
        unit = c.unit or ""
        sep = "" if unit in ("", "%") else " "
        when = f" when {c.when} {_num(c.when_value)} {c.when_unit}" if c.when else ""
        return f"{c.kind}:{_num(c.value)}{sep}{unit}{when}{where}"
    if c.kind == "requires":
        return f"requires:{c.credential}{where}"
    if c.kind == "only_markets":
        return f"only_markets:{','.join(c.markets)}"
    if c.kind == "only_who":
        return f"only_who:{','.join(c.parties)}{where}"
    if c.kind in WINDOW_KINDS:
        return f"{c.kind}:{'; '.join(c.windows)}{where}"
    if c.kind == "targeting":
        return "targeting"
    return f"{c.kind}:{c.text}"


def condition_kind(text: str) -> str:
    """A coarse label for scoring and grouping: `min_age:18` -> `min_age:18`, `requires:licence`
    -> `licence`, `max:36%` -> `max`, `other:…` -> `other`."""
    try:
        c = parse_condition(text)
    except ConditionSyntaxError:
        return "other"
    if c.kind == "requires":
        return c.credential or "requires"
    if c.kind == "min_age":
        return f"min_age:{_num(c.value)}"
    return c.kind


_UNITS = {
    "%": "%", "percent": "%", "per cent": "%", "pct": "%", "% apr": "%", "apr": "%",
    "day": "days", "days": "days", "week": "weeks", "weeks": "weeks", "month": "months", "months": "months",
    "year": "years", "years": "years", "yr": "years", "yrs": "years", "hour": "hours", "hours": "hours",
    "$": "USD", "usd": "USD", "dollars": "USD", "€": "EUR", "eur": "EUR", "euros": "EUR", "£": "GBP", "gbp": "GBP", "pounds": "GBP",
    "p": "pence", "pence": "pence", "penny": "pence",
    "mg": "mg", "ml": "ml", "g": "g", "kg": "kg", "x": "x", "times": "x",
    "hr": "hours", "hrs": "hours", "minute": "minutes", "minutes": "minutes", "min": "minutes", "mins": "minutes",
    "second": "seconds", "seconds": "seconds", "sec": "seconds", "secs": "seconds",
    "km": "km", "kms": "km", "kilometre": "km", "kilometres": "km", "kilometer": "km", "kilometers": "km",
    "mile": "miles", "miles": "miles", "metre": "metres", "metres": "metres", "meter": "metres", "meters": "metres",
    "milligram": "mg", "milligrams": "mg", "gram": "g", "grams": "g", "kilogram": "kg", "kilograms": "kg",
    "millilitre": "ml", "millilitres": "ml", "milliliter": "ml", "milliliters": "ml",
    "litre": "litres", "litres": "litres", "liter": "litres", "liters": "litres",
    "mm": "mm", "millimetre": "mm", "millimetres": "mm", "millimeter": "mm", "millimeters": "mm",
    "cm": "cm", "centimetre": "cm", "centimetres": "cm", "centimeter": "cm", "centimeters": "cm",
    "inch": "inches", "inches": "inches", "ft": "feet", "foot": "feet", "feet": "feet",
    "kcal": "kcal", "kilocalorie": "kcal", "kilocalories": "kcal", "calorie": "kcal", "calories": "kcal",
    "kwh": "kWh", "kw": "kW", "kwp": "kW", "kilowatt": "kW", "kilowatts": "kW",
    "mb": "MB", "megabyte": "MB", "megabytes": "MB", "gb": "GB", "gigabyte": "GB", "gigabytes": "GB",
    "tb": "TB", "terabyte": "TB", "terabytes": "TB", "mbps": "Mbps", "gbps": "Gbps",
    "h": "hours", "m": "metres", "in": "inches", "in.": "inches", '"': "inches", "″": "inches",
    "lb": "lb", "lbs": "lb", "oz": "oz", "ounce": "oz", "ounces": "oz",
    "fl oz": "fl oz", "fl. oz": "fl oz", "fl.oz": "fl oz", "fluid ounce": "fl oz", "fluid ounces": "fl oz",
    "l": "litres", "gallon": "gallons", "gallons": "gallons", "gal": "gallons", "pint": "pints", "pints": "pints",
    "j": "J", "joule": "J", "joules": "J", "kj": "kJ", "kilojoule": "kJ", "kilojoules": "kJ",
    "w": "W", "watt": "W", "watts": "W", "wh": "Wh", "kilowatt hour": "kWh", "kilowatt hours": "kWh",
    "mw": "MW", "megawatt": "MW", "megawatts": "MW", "mwh": "MWh",
    "mph": "miles per hour", "kph": "km per hour", "km/h": "km per hour", "kmh": "km per hour",
    "°c": "°C", "ºc": "°C", "celsius": "°C", "centigrade": "°C", "degrees celsius": "°C", "degree celsius": "°C",
    "degrees centigrade": "°C", "degrees c": "°C", "°f": "°F", "ºf": "°F", "fahrenheit": "°F",
    "degrees fahrenheit": "°F", "degree fahrenheit": "°F", "degrees f": "°F",
    "°": "degrees", "º": "degrees", "degree": "degrees", "degrees": "degrees",
}  # fmt: skip

# Each unit as (dimension, smallest, largest) size in that dimension's base unit. A unit of a
# variable size (a month is 28-31 days, a year 365-366) is an interval, so a comparison across
# it is decided only when every size gives the same answer. Months and years are their own
# dimension as well (a year is exactly 12 months). Currencies have no conversion: each is its
# own dimension, so "$500" is never compared with "£400".
_SIZES: dict[str, tuple[str, float, float]] = {
    "%": ("ratio", 1, 1), "x": ("multiple", 1, 1),
    "seconds": ("time", 1, 1), "minutes": ("time", 60, 60), "hours": ("time", 3600, 3600),
    "days": ("time", 86400, 86400), "weeks": ("time", 7 * 86400, 7 * 86400),
    "months": ("time", 28 * 86400, 31 * 86400), "years": ("time", 365 * 86400, 366 * 86400),
    "metres": ("length", 1, 1), "km": ("length", 1000, 1000), "miles": ("length", 1609.344, 1609.344),
    "mg": ("mass", 0.001, 0.001), "g": ("mass", 1, 1), "kg": ("mass", 1000, 1000),
    "ml": ("volume", 1, 1), "litres": ("volume", 1000, 1000),
    "mm": ("length", 0.001, 0.001), "cm": ("length", 0.01, 0.01), "inches": ("length", 0.0254, 0.0254), "feet": ("length", 0.3048, 0.3048),
    # Food energy ("calories" on a label are kilocalories) and electrical energy, in joules.
    "kcal": ("energy", 4184, 4184), "kWh": ("energy", 3.6e6, 3.6e6), "kW": ("power", 1000, 1000),
    # Data in bytes as plans sell it (decimal), and line speeds in bits per second.
    "MB": ("data", 1e6, 1e6), "GB": ("data", 1e9, 1e9), "TB": ("data", 1e12, 1e12),
    "Mbps": ("data rate", 1e6, 1e6), "Gbps": ("data rate", 1e9, 1e9),
    # Imperial and US customary units. A fluid ounce, a pint and a gallon differ between the
    # US and the UK, so each is the interval of both (a comparison holds only when both agree).
    "lb": ("mass", 453.59237, 453.59237), "oz": ("mass", 28.349523125, 28.349523125),
    "fl oz": ("volume", 28.4130625, 29.5735295625), "pints": ("volume", 473.176473, 568.26125),
    "gallons": ("volume", 3785.411784, 4546.09),
    "W": ("power", 1, 1), "MW": ("power", 1e6, 1e6), "Wh": ("energy", 3600, 3600), "MWh": ("energy", 3.6e9, 3.6e9),
    # A muzzle energy, a food label's kilojoules.
    "J": ("energy", 1, 1), "kJ": ("energy", 1000, 1000),
    # Temperatures: the scales share no zero, so they convert by `_TEMPERATURE`, not by a ratio.
    "°C": ("temperature", 1, 1), "°F": ("temperature", 1, 1), "degrees": ("temperature", 1, 1),
}  # fmt: skip
# A temperature as °C from its scale: `value * a + b` for each reading the unit allows. A bare
# "degrees" may be either scale, so it is both (decided only when both give one answer).
_TEMPERATURE: dict[str, tuple[tuple[float, float], ...]] = {
    "°C": ((1.0, 0.0),), "°F": ((5 / 9, -160 / 9),), "degrees": ((1.0, 0.0), (5 / 9, -160 / 9)),
}  # fmt: skip
_CALENDAR = {"months": 1, "years": 12}
UNIT_HELP = (
    "%, x, seconds, minutes, hours, days, weeks, months, years, mm, cm, inches, feet, metres, km, miles, mg, g, kg, "
    "lb, oz, ml, litres, fl oz, pints, gallons, kcal, J, kJ, Wh, kWh, MWh, W, kW, MW, MB, GB, TB, Mbps, Gbps, °C, °F, degrees, "
    "miles per hour, km per hour, USD, EUR, GBP or pence"
)
# The spellings a number may carry after it, as one regex alternation: the one vocabulary the
# readers of policy prose (core/condition_reading.py) and of questions (core/casefacts.py)
# share, so any unit a clause can state is one a question can state. Longest first, so "kwh"
# is not read as "kw"; currency signs and "APR" come before or after a number in their own ways
# and are read by those modules.
_AFTER_NUMBER = sorted((k for k in _UNITS if k not in {"$", "€", "£", "% apr", "apr", "%"}), key=len, reverse=True)
# Spellings that are units only where English leaves no other reading: "in", "in." and an
# inch mark '"' (mostly a preposition and a closing quote) and "m" (a million after money) are
# a length only right before a word naming the dimension measured ("1.75 in diameter",
# "2 m long", '12" wide'; a gloss in brackets may stand between: "1.75 in (44.5 mm) in diameter"),
# before a gloss in another length unit ("120 m (400 ft)") or a height's datum ("6,000 m above
# sea level").
_DIMENSION = (r"(?=\s*(?:\([^()]{1,40}\)\s*)?(?:in\s+)?(?:diameter|length|width|height|depth|thickness|long|wide|tall|high|deep|thick|across)\b(?!-)"
              # "120 m (400 ft)": a gloss in another length unit; "120 m above ground level"
              r"|\s*\(\s*[\d.,]+\s*(?:ft|feet|foot|inches|yards|yd|km|miles|cm|mm)\b|\s*(?:\([^()]{1,40}\)\s*)?(?:above|below)\s+(?:ground|sea)\b)")
# "p" is pence ("25p"), not the "p" of "10 p.m.".
_GUARDED = {"in": _DIMENSION, "in.": _DIMENSION, '"': _DIMENSION, "m": _DIMENSION, "p": r"(?!\.\s*m\b)"}


def _unit_pattern(key: str) -> str:
    pattern = re.escape(key).replace("\\ ", "\\s+")
    if key[-1].isalnum():
        pattern += "\\b"  # "°", "″" end in no word, so no word boundary follows them
    return pattern + _GUARDED.get(key, "")


def unit_words(years: bool = True) -> str:
    """`UNIT_WORDS`, or without the spellings of years (`years=False`): "at least 21 years" is
    an age, every other unit after a number makes it a duration, a rate or a size."""
    words = [k for k in _AFTER_NUMBER if years or _UNITS[k] != "years"]
    return "%|(?:(?:calendar|consecutive|business|working)\\s+)?(?:" + "|".join(_unit_pattern(k) for k in words) + ")"


UNIT_WORDS = unit_words()
# "30 calendar days" and "28 consecutive days" are 30 and 28 days (a count of days that says
# they run without a break is still days, and never an age: "offered at that price for at
# least 28 consecutive days", blind dev10); business or working days have no fixed length in days.
_DAY_KIND = re.compile(r"^(?:calendar|consecutive)\s+")
# A rate after a quantity: "800 kcal per day", "0.5 kg a week", "1,000 kWh for each kWp". "a"
# and "an" make a rate only before a unit of time ("a day"); the other words before any noun.
# A rate may be per a measured amount ("35 mg per 100 ml"): its count is kept in the unit
# ("mg per 100 ml") and converted when compared with a rate per another amount of the same kind.
_RATE = re.compile(
    r"\s*(?:(?:per|each|every|for each|for every|/)\s*(?:(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*)?([a-z][\w-]*)|an?\s+(day|week|month|year|hour)\b)", re.I
)
# What the quantity measures may stand between it and its rate: "150 mg of caffeine per
# litre", "35 mg caffeine per 100 ml" (one word, then "per" or "/").
# A gloss in brackets between a quantity and its rate: "1 kg (about 2 lb) per week".
_GLOSS = re.compile(r"\s*\([^()]{1,40}\)(?=\s*(?:per\b|/))", re.I)
# An amount over a stated time: "5 kg in 2 weeks", "10 kg within a month". Not a ratio or a
# multiple ("24.9% APR over 48 months" is not a rate of the APR), nor a duration ("14 days in a year").
_OVER_TIME = re.compile(r"\s+(?:in|within|over)\s+(?:just\s+|only\s+)?(\d+(?:\.\d+)?|a|an|one)\s+(days?|weeks?|months?|years?|hours?)\b", re.I)
_NOT_OVER_TIME = {"ratio", "multiple", "time"}
# An amount spread over a stated count of things: "400 mg across 2 servings", "60 mg in 3
# capsules" is that amount per so many of them. Only a count of two or more of a plural noun
# (one thing, "in a bottle", says where the amount is, not what it is per).
_OVER_COUNT = re.compile(r"\s+(?:in|within|over|across)\s+(\d+)\s+([a-z][a-z-]*s)\b", re.I)
_RATE_GAP = re.compile(r"(?:\s+of)?\s+(?!(?:per|each|every|for|an?|or|and|to)\b)[a-z][\w-]*(?=\s*(?:per\b|/))", re.I)
# ... and between it and the count or time it is over: "400 mg of caffeine across 2 servings".
_OVER_GAP = re.compile(r"\s+of\s+(?!(?:per|each|every|for|an?|or|and|to|in|within|over|across)\b)[a-z][\w-]*(?=\s+(?:in|within|over|across)\s+(?:\d|an?\b|one\b))", re.I)
_CURRENCIES = {"USD", "EUR", "GBP"}
_TIME_UNITS = {"days": "day", "weeks": "week", "months": "month", "years": "year", "hours": "hour", "minutes": "minute", "seconds": "second"}


def rate_after(text: str, end: int, unit: str | None) -> tuple[str | None, int]:
    """(unit, end) of a quantity ending at `end` in `text`, made a rate when a "per …" follows:
    "kcal" + " per day" is "kcal per day", which compares only with another "kcal per day" (a
    daily limit says nothing of a weekly figure, nor of a total)."""
    if unit is None or normalise_unit(unit) in _CURRENCIES:
        # "$50 a month" is the amount of each payment, which is what a limit on an amount
        # ("fees above $50") is about: money keeps its unit.
        return unit, end
    out = normalise_unit(unit)
    gap = _GLOSS.match(text, end) or _RATE_GAP.match(text, end)
    if gap is not None and _RATE.match(text, gap.end()) is not None:
        end = gap.end()
    elif (gap := _OVER_GAP.match(text, end)) is not None:  # "5 kg of fat in 2 weeks"
        end = gap.end()
    if out in _SIZES and _SIZES[out][0] not in _NOT_OVER_TIME and (span := _OVER_TIME.match(text, end)) is not None:
        # "lose 5 kg in 2 weeks" is 5 kg per 2 weeks, which a "1 kg per week" limit converts.
        den = _TIME_UNITS.get(_UNITS[span.group(2).lower()], span.group(2).lower())
        count = _number(span.group(1)) if span.group(1)[0].isdigit() else "1"
        return f"{out} per {den if count == '1' else f'{count} {den}'}", span.end()
    if out in _SIZES and _SIZES[out][0] not in _NOT_OVER_TIME and (span := _OVER_COUNT.match(text, end)) is not None and int(span.group(1)) >= 2:
        word = span.group(2).lower()
        den = _UNITS.get(word) or _counted(word)
        return f"{out} per {span.group(1)} {den}", span.end()
    while (m := _RATE.match(text, end)) is not None:  # "kWh per year for each kWp": both
        word = (m.group(2) or m.group(3)).lower()
        den = _UNITS.get(word, word)
        den = _TIME_UNITS.get(den, den)
        if m.group(1):
            den = f"{_number(m.group(1))} {den}"
        out, end = f"{out} per {den}", m.end()
    return out, end


def unit_dimension(unit: str | None) -> str | None:
    """What a normalised unit measures ("mg" -> "mass", "days" -> "time"), or None for a unit
    the vocabulary does not know."""
    return _SIZES[unit][0] if unit in _SIZES else None


def counted_noun(word: str) -> str:
    """A counted noun in the singular a rate's denominator uses (see `_counted`)."""
    return _counted(word)


def _counted(word: str) -> str:
    """A counted noun in the singular a rate's denominator uses ("servings" -> "serving",
    "doses" -> "dose", "glasses" -> "glass")."""
    if word.endswith("ies"):
        return word[:-3] + "y"
    if re.search(r"(?:ss|sh|ch|x)es$", word):
        return word[:-2]
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _number(text: str) -> str:
    v = float(text.replace(",", ""))
    return str(int(v)) if v.is_integer() else f"{v:g}"


_SINGULAR_TIME = {v: k for k, v in _TIME_UNITS.items()}


def _den_size(den: str) -> tuple[str, float] | None:
    """(dimension, size in its base unit) of a rate's denominator ("100 ml", "litres", "day"),
    or None when it has no fixed size (a month, a noun such as "serving")."""
    count, _, word = den.rpartition(" ")
    try:
        n = float(count) if count else 1.0
    except ValueError:
        return None
    unit = _SINGULAR_TIME.get(word, _UNITS.get(word, word))
    size = _SIZES.get(unit)
    if size is None and unit not in _CURRENCIES and word.isalpha() and len(word) > 2:
        # A counted thing ("serving", "dose"): its own dimension, one of it the unit, so
        # "per 2 servings" converts to "per serving" and to nothing else.
        from policydesk.core.terms import stem

        return f"count of {stem(word)}", n
    if size is None or size[1] != size[2] or size[0] == "temperature":
        return None
    return size[0], n * size[1]


def known_unit(unit: str | None) -> bool:
    """Is `unit` one the answerer can convert and compare (`_SIZES`, a currency)? Any other
    spelling ("30 dyas", "3 furlongs") only ever equals the same word in a question, so lint
    names it instead of letting the condition stay unknown for every case."""
    u = normalise_unit(unit)
    if u is not None and " per " in u and u != "per cent":
        u = u.split(" per ", 1)[0]  # a rate is known when what it counts is
    return u is None or u in _SIZES or u in {"USD", "EUR", "GBP", "pence"}


def _per(unit: str | None) -> tuple[str | None, str]:
    if unit is None or " per " not in unit or unit == "per cent":
        return unit, ""
    num, den = unit.split(" per ", 1)
    return num, den


def _den_ratio(a: str | None, b: str | None) -> float | None:
    """The factor turning a rate in `b` into one per `a`'s denominator, when both are rates
    per different amounts of one dimension of fixed size ("mg per 100 ml" into "mg per
    litre": 10; "kg per 2 week" into "kg per week": 0.5); else None."""
    (_, da), (_, db) = _per(a), _per(b)
    if da and db and da != db and (sa := _den_size(da)) and (sb := _den_size(db)) and sa[0] == sb[0]:
        return sa[1] / sb[1]
    return None


def per_limit_den(limit_unit: str | None, value: float, unit: str | None) -> tuple[float, str] | None:
    """`value unit` as a rate per the limit's denominator when it is a rate per another
    amount of that dimension ("5 kg per 2 week" against "kg per week": 2.5 kg per week), for
    a trace to say what was compared; None when no conversion is made."""
    la, lb = normalise_unit(limit_unit), normalise_unit(unit)
    ratio = _den_ratio(la, lb)
    return None if ratio is None else (value * ratio, f"{_per(lb)[0]} per {_per(la)[1]}")


def _comparable_units(a: str | None, b: str | None) -> tuple[str | None, str | None]:
    """Two rates compare when they are per the same thing ("kcal per day" with "kcal per day");
    per different things they do not ("kWh per year per kW" with "kWh per year"). A rate and a
    plain figure compare by what they count, as a reader would ("no more than 1 kg per week"
    against "5 kg in 2 weeks" is read as 5 kg against 1)."""
    (na, da), (nb, db) = _per(a), _per(b)
    if da and db:
        return (na, nb) if da == db else (a, None)
    return na, nb


def same_dimension(a: str | None, b: str | None) -> bool:
    """Can a number in unit `a` be compared with one in unit `b`? (never across dimensions)"""
    a, b = normalise_unit(a), normalise_unit(b)
    if _den_ratio(a, b) is not None:  # "kg per 2 week" against "kg per week"
        b = f"{_per(b)[0]} per {_per(a)[1]}"
    a, b = _comparable_units(a, b)
    if a is None or b is None:
        return False
    if a == b:
        return True
    return a in _SIZES and b in _SIZES and _SIZES[a][0] == _SIZES[b][0]


def compare_limit(kind: str, limit: float, limit_unit: str | None, value: float, unit: str | None) -> bool | None:
    """Does `value unit` keep within a `kind` ("max"/"min") limit of `limit limit_unit`?

    True / False when the answer is the same for every size the units can have; None when
    the units measure different things or the answer depends on a month's or year's length.
    """
    la, lb = normalise_unit(limit_unit), normalise_unit(unit)
    if (ratio := _den_ratio(la, lb)) is not None:
        # "35 mg per 100 ml" against a cap "per litre": 350 mg per litre.
        value, lb = value * ratio, f"{_per(lb)[0]} per {_per(la)[1]}"
    a, b = _comparable_units(la, lb)
    if not same_dimension(a, b):
        return None
    if a == b:
        lo_v = hi_v = value
        lo_l = hi_l = limit
    elif a in _TEMPERATURE:  # affine: 104 °F is 40 °C, not 104 × 5/9
        lo_v, hi_v = _celsius(value, b)  # type: ignore[arg-type]
        lo_l, hi_l = _celsius(limit, a)
    elif a in _CALENDAR and b in _CALENDAR:
        lo_v = hi_v = value * _CALENDAR[b]
        lo_l = hi_l = limit * _CALENDAR[a]
    else:
        lo_v, hi_v = value * _SIZES[b][1], value * _SIZES[b][2]  # type: ignore[index]
        lo_l, hi_l = limit * _SIZES[a][1], limit * _SIZES[a][2]  # type: ignore[index]
    eps = 1e-9 * max(1.0, abs(hi_l), abs(hi_v))
    if kind == "max":
        if hi_v <= lo_l + eps:
            return True
        if lo_v > hi_l + eps:
            return False
        return None
    if lo_v >= hi_l - eps:
        return True
    if hi_v < lo_l - eps:
        return False
    return None


# What one unit of a currency has been worth in US dollars over the last quarter century, as an
# interval (lowest, highest): an amount a policy allows "or its equivalent in local currency" is
# compared across currencies only when every rate in these intervals gives the same answer, as a
# month's length decides a limit in days only when 28 and 31 days agree. No other comparison
# crosses currencies.
_USD_WORTH = {"USD": (1.0, 1.0), "GBP": (1.05, 2.1), "EUR": (0.8, 1.6), "pence": (0.0105, 0.021)}


def money_unit(unit: str | None) -> bool:
    """Is `unit` a currency (or pence)?"""
    return normalise_unit(unit) in _USD_WORTH


def compare_equivalent(kind: str, limit: float, limit_unit: str | None, value: float, unit: str | None) -> bool | None:
    """`compare_limit` for a money limit that counts its equivalent in another currency ("must not
    exceed USD 75 or its equivalent in local currency" and a fee of £120): True / False when
    every exchange rate of `_USD_WORTH` gives that answer, else None (and None for units that
    are not both currencies)."""
    la, lb = normalise_unit(limit_unit), normalise_unit(unit)
    if la not in _USD_WORTH or lb not in _USD_WORTH:
        return None
    if la == lb:
        return compare_limit(kind, limit, la, value, lb)
    lo_l, hi_l = limit * _USD_WORTH[la][0], limit * _USD_WORTH[la][1]
    lo_v, hi_v = value * _USD_WORTH[lb][0], value * _USD_WORTH[lb][1]
    if kind == "max":
        return True if hi_v <= lo_l else False if lo_v > hi_l else None
    return True if lo_v >= hi_l else False if hi_v < lo_l else None


def trigger_holds(when: str, when_value: float, when_unit: str | None, value: float, unit: str | None) -> bool | None:
    """Does `value unit` meet a limit's trigger ("over 1000 USD")? None when the units cannot
    settle it (another dimension, a month's length), as `compare_limit`."""
    if when in ("over", "at most"):
        kept = compare_limit("max", when_value, when_unit, value, unit)
        return None if kept is None else (not kept if when == "over" else kept)
    kept = compare_limit("min", when_value, when_unit, value, unit)
    return None if kept is None else (not kept if when == "under" else kept)


def rate_of(value: float, unit: str | None, by_value: float, by_unit: str | None, limit_unit: str | None) -> tuple[float, str] | None:
    """`value unit` divided by `by_value by_unit`, in the terms of a rate limit per one more
    thing than `unit` counts: a case's "5,200 kWh a year" from "a 4 kWp system" against a cap
    of "kWh per year per kW" is 1,300 kWh per year per kW. None when the limit is not `unit`
    per what `by_unit` measures (another dimension, a unit of no fixed size), or when that is
    time: a duration the case states apart from an amount is seldom the period the amount
    is over (an offer's length, a contract's term), and "5 kg in 2 weeks" reads as one rate
    (`rate_after`)."""
    la, lb, lc = normalise_unit(limit_unit), normalise_unit(unit), normalise_unit(by_unit)
    if not la or not lb or not lc or " per " not in la or la == "per cent" or " per " in lc or by_value <= 0:
        return None
    head, _, last = la.rpartition(" per ")
    (nh, dh), (nb, db) = _per(head), _per(lb)
    if dh != db or lb == "per cent" or not same_dimension(nh, nb):
        return None
    sl, sc = _den_size(last), _den_size(lc)
    if sl is None or sc is None or sl[0] != sc[0] or sl[0] == "time":
        return None
    return value * sl[1] / (by_value * sc[1]), f"{lb} per {last}"


# "Pounds" is money ("500 pounds") unless what it measures is a weight: "weighs 10 pounds",
# "heavier than 10 pounds", "10 pounds in weight".
_WEIGHED_BEFORE = re.compile(r"\b(?:weigh\w*|heav(?:y|ier)|light(?:er)?)\b(?:\s+[\w-]+){0,3}?\s*$", re.I)
_WEIGHT_AFTER = re.compile(r"\s+(?:in|of)\s+weight\b", re.I)


def weighed_unit(unit: str | None, text: str, start: int, end: int) -> str | None:
    """`unit` (normalised) of the number at `text[start:end]`, made pounds of mass ("lb")
    when it is "pounds" and the words around it say a weight is measured."""
    u = normalise_unit(unit)
    if u == "GBP" and (unit or "").strip().lower().startswith("pound"):
        if _WEIGHED_BEFORE.search(text[max(0, start - 60) : start]) or _WEIGHT_AFTER.match(text, end):
            return "lb"
    return u


# A minus sign or "minus" right before a number ("-18 °C", "minus 5 degrees"), not a range's dash ("20-30 °C").
_MINUS_BEFORE = re.compile(r"(?:(?<![\w.,])[-−–]\s?|\bminus\s+)$", re.I)


def signed_value(value: float, unit: str | None, text: str, start: int) -> float:
    """`value` of the number at `text[start:]`, negative when a minus sign comes before it and
    its unit is a temperature (the one dimension a case states below zero)."""
    u = normalise_unit(unit)
    if u in _TEMPERATURE and _MINUS_BEFORE.search(text[max(0, start - 8) : start]):
        return -value
    return value


def _celsius(value: float, unit: str) -> tuple[float, float]:
    """The lowest and highest °C `value unit` can be (`_TEMPERATURE`)."""
    readings = [value * a + b for a, b in _TEMPERATURE[unit]]
    return min(readings), max(readings)


def normalise_unit(unit: str | None) -> str | None:
    """One spelling per unit, so a clause's "36 per cent" compares with a question's "40%"."""
    if not unit:
        return None
    u = _DAY_KIND.sub("", " ".join(unit.strip().lower().split()))
    if " per " in u and u != "per cent":
        num, *dens = u.split(" per ")
        return " per ".join([_UNITS.get(num, num)] + [_TIME_UNITS.get(_UNITS.get(d, d), _UNITS.get(d, d)) for d in dens])
    return _UNITS.get(u, u)


__all__ = [
    "CREDENTIALS",
    "LOCAL_KINDS",
    "Condition",
    "ConditionSyntaxError",
    "VOCABULARY_HELP",
    "WINDOW_KINDS",
    "compare_equivalent",
    "money_unit",
    "compare_limit",
    "condition_kind",
    "format_condition",
    "is_valid_condition",
    "known_unit",
    "UNIT_HELP",
    "UNIT_WORDS",
    "normalise_unit",
    "not_excepted",
    "rate_after",
    "per_limit_den",
    "rate_of",
    "unit_words",
    "parse_condition",
    "same_dimension",
    "signed_value",
    "weighed_unit",
]
