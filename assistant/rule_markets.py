"""Where a rule binds: whether it is written for the case's market, and which of its conditions
bind a case in that market.

Why a module: a rule's markets decide before anything else whether it is for the case
(`market_reason`), and a sentence may set a condition for some markets only or replace a
general bound for one (`local_conditions`); execution (assistant/execute.py) and the ban on
"other wording" beside a permission (assistant/other_wording.py) read both the same way.
"""

from __future__ import annotations

from policydesk.core.casefacts import CaseFacts
from policydesk.core.conditions import Condition, same_dimension
from policydesk.core.types import GLOBAL_MARKET, Rule


# A window set for a market replaces the general one too: "may run only from 15 October to 10
# November, and in Germany only from 29 to 31 December" gives Germany its own days.
_BOUNDS = ("min_age", "min_person_age", "max", "min", "during", "not_during")


def local_conditions(conds: list[Condition], market: str | None) -> tuple[list[Condition], list[str]]:
    """The conditions of a rule that bind a case in `market`, and, in words, those that do not:
    a condition a sentence sets for other markets (`requires:licence@GB` for a US case), and a
    general bound that one set for this market replaces ("16 or over, except in the United
    States, where the minimum age is 13": 13 in the US; "APR at most 36%, and in X at most 25%":
    25% in X). A case naming no market is bound by every condition written for every market,
    and by none written for named markets: it is not shown to be in them, as it is not shown to
    be in the markets a rule is written for (`market_reason`)."""
    if market is None:
        return [c for c in conds if not c.markets], [f"{c.describe()} (the case names no market)" for c in conds if c.markets]
    market = market.upper()
    here = [c for c in conds if c.applies_in(market)]
    own = [c for c in here if c.markets and c.kind in _BOUNDS]

    def replaced(c: Condition) -> bool:
        return not c.markets and c.kind in _BOUNDS and any(
            o.kind == c.kind and (c.kind in ("min_age", "min_person_age", "during", "not_during") or same_dimension(o.unit, c.unit)) for o in own
        )

    out = [c for c in here if not replaced(c)]
    elsewhere = [c.describe() for c in conds if not c.applies_in(market)]
    elsewhere += [f"{c.describe()} (replaced by the bound set for {market})" for c in here if replaced(c)]
    return out, elsewhere


def market_reason(rule: Rule, facts: CaseFacts) -> tuple[bool, str, bool]:
    """(applies, why in words, written for the case's own market): a rule for other markets, or
    one the case's market is excepted from, is not for the case; a case naming no market is
    not shown to be in the markets a rule is written for."""
    markets = [m.upper() for m in rule.markets if m.upper() != GLOBAL_MARKET.upper()]
    excepted = [m.upper() for m in rule.except_markets]
    market = facts.market
    if market and market in excepted:
        return False, f"{market} is excepted from it", False
    if markets:
        if not market:
            return False, f"written for {', '.join(markets[:6])}; the case names no market", False
        if market not in markets:
            return False, f"written for {', '.join(markets[:6])}, not {market}", False
        return True, f"written for {market}", True
    return True, "applies in every market" if market else "applies to the case", False
