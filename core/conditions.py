"""The condition vocabulary of a rule: one small closed language, parsed and written here only.

Why a closed vocabulary: a condition must be *executable* against the facts of a case (an age,
a number with a unit, a credential the advertiser holds or lacks, the market) and readable by
the writer who confirms it in a sidecar. Sidecars store conditions as strings (a contract), so
this module owns the string form and its typed reading:

| string                      | meaning                                                       |
|-----------------------------|---------------------------------------------------------------|
| `min_age:18`                | the audience must be 18 or older                              |
| `min_age:21@US,MY`          | ... 21 or older in US and MY (a per-market floor)             |
| `max:36%` / `max:30 days`   | a stated number must be at most this (unit after the number)   |
| `min:12 months`             | ... at least this                                             |
| `requires:licence`          | a credential: licence, certification, verification,           |
|                             | permission, age_check, disclosure                              |
| `only_markets:GB,IE`        | the ad may run only in these markets                          |
| `no_claim:guaranteed returns` | the ad must not make this claim                             |
| `targeting`                 | an audience-targeting limit stated in words (not executable)   |
| `other:<text>`              | any other requirement, in words (not executable: a human checks) |

The older bare names `licence`, `certification`, `verification`, `permission` and
`disclosure` still parse, as `requires:<name>`.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, Field

ConditionKind = Literal["min_age", "max", "min", "requires", "only_markets", "no_claim", "targeting", "other"]
CREDENTIALS: tuple[str, ...] = ("licence", "certification", "verification", "permission", "age_check", "disclosure")
LEGACY_NAMES: tuple[str, ...] = ("licence", "certification", "verification", "permission", "disclosure")
VOCABULARY_HELP = (
    "min_age:N[@CC,CC], max:N[unit], min:N[unit], requires:<" + "|".join(CREDENTIALS) + ">, "
    "only_markets:CC,CC, no_claim:<text>, targeting, other:<text>"
)

_MARKETS = r"[A-Za-z]{2}(?:\s*,\s*[A-Za-z]{2})*"
_MIN_AGE = re.compile(rf"^min_age:(\d{{1,3}})(?:@({_MARKETS}))?$")
_LIMIT = re.compile(rf"^(max|min):(\d+(?:\.\d+)?)\s*([%A-Za-z$€£][\w%$€£ ]*?)?(?:@({_MARKETS}))?$")
_REQUIRES = re.compile(r"^requires:([a-z_]+)$")
_ONLY = re.compile(rf"^only_markets:({_MARKETS})$")


class ConditionSyntaxError(ValueError):
    """A condition string outside the vocabulary; the message says what is accepted."""


class Condition(BaseModel):
    """A typed condition; `str(condition)` gives its sidecar form back."""

    kind: ConditionKind
    value: float | None = None  # min_age, max, min
    unit: str | None = None  # max/min: "%", "days", "months", "USD"
    markets: list[str] = Field(default_factory=list)  # min_age/max/min: where it applies; only_markets: the list
    credential: str | None = None  # requires
    text: str | None = None  # no_claim, other

    def applies_in(self, market: str | None) -> bool:
        """A per-market condition (min_age:21@US) binds only in its markets."""
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
        if self.kind in ("max", "min"):
            word = "at most" if self.kind == "max" else "at least"
            return f"{word} {_num(self.value)}{_unit_text(self.unit)}{where}"
        if self.kind == "requires":
            return {
                "licence": "the advertiser holds the required licence or registration",
                "certification": "the advertiser is certified",
                "verification": "the advertiser or audience is verified",
                "permission": "the platform's prior written permission",
                "age_check": "an age check",
                "disclosure": "the ad carries the required disclosure",
            }.get(self.credential or "", f"requires {self.credential}")
        if self.kind == "only_markets":
            return f"only in {', '.join(self.markets)}"
        if self.kind == "no_claim":
            return f"no claim of {self.text}"
        if self.kind == "targeting":
            return "the targeting limits of the clause"
        return self.text or ""


def _num(v: float | None) -> str:
    if v is None:
        return "?"
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


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
    if m := _LIMIT.match(s):
        unit = (m.group(3) or "").strip() or None
        return Condition(kind=m.group(1), value=float(m.group(2)), unit=normalise_unit(unit), markets=_markets(m.group(4)))  # type: ignore[arg-type]
    if m := _REQUIRES.match(s):
        if m.group(1) not in CREDENTIALS:
            raise ConditionSyntaxError(f"unknown credential '{m.group(1)}' in '{s}'; use one of {', '.join(CREDENTIALS)}")
        return Condition(kind="requires", credential=m.group(1))
    if m := _ONLY.match(s):
        return Condition(kind="only_markets", markets=_markets(m.group(1)))
    for kind in ("no_claim", "other"):
        if s.startswith(kind + ":") and s[len(kind) + 1 :].strip():
            return Condition(kind=kind, text=s[len(kind) + 1 :].strip())  # type: ignore[arg-type]
    raise ConditionSyntaxError(f"unknown condition '{s}'; use one of {VOCABULARY_HELP}")


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
    if c.kind in ("max", "min"):
        unit = c.unit or ""
        sep = "" if unit in ("", "%") else " "
        return f"{c.kind}:{_num(c.value)}{sep}{unit}{where}"
    if c.kind == "requires":
        return f"requires:{c.credential}"
    if c.kind == "only_markets":
        return f"only_markets:{','.join(c.markets)}"
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
    "mg": "mg", "ml": "ml", "g": "g", "kg": "kg", "x": "x", "times": "x",
}  # fmt: skip


def normalise_unit(unit: str | None) -> str | None:
    """One spelling per unit, so a clause's "36 per cent" compares with a question's "40%"."""
    if not unit:
        return None
    u = unit.strip().lower()
    return _UNITS.get(u, u)


__all__ = [
    "CREDENTIALS",
    "Condition",
    "ConditionSyntaxError",
    "VOCABULARY_HELP",
    "condition_kind",
    "format_condition",
    "is_valid_condition",
    "normalise_unit",
    "parse_condition",
]
