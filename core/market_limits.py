"""A sentence that points at "the limits for a market" executes the limits its clause states
market by market.

"In the EU you can advertise e-bikes of no more than 250 W; in the United States, up to 750 W.
E-bikes that go beyond the limits for a market must not be advertised in that market." The
prohibition names no number of its own: its limits are the ones the sentences before it set,
each for its markets. Read alone, it states no condition and (with "that market" taken for the
markets of the sentence before) binds the wrong markets or every case of its subject. Why it is
right: "the limits for a market" is a definite description of limits stated per market; a
market no sentence of the clause sets a limit for has none the prohibition could mean, so it
holds in the markets the limits are stated for, each limit bound to its own markets
(`max:250 W@AT,…`), executed as any market-bound condition is (assistant/rule_markets.py
`local_conditions`)."""

from __future__ import annotations

from policydesk.core.conditions import Condition, ConditionSyntaxError, format_condition, parse_condition
from policydesk.core.literal_guard import guarded
from policydesk.core.terms import terms
from policydesk.core.types import Rule

# "the limits for a market", "the caps set for each country", "the thresholds that apply in
# a market": limits named by the market they are stated for, not by a number.
_LIMITS_FOR_A_MARKET = guarded(
    r"\bthe\s+(?:\w+\s+)?(?:limits|thresholds|caps|maximums|ceilings)\s+(?:(?:set|stated|given|that apply|which apply)\s+)?"
    r"(?:for|in)\s+(?:a|an|any|each|every|its|their|the relevant|the)\s+(?:market|country|jurisdiction)\b",
    0,
)
_LIMIT_KINDS = ("max", "min")


def refers_to_market_limits(quote: str) -> bool:
    """Does the sentence name the limits stated for a market, rather than a number?"""
    return bool(_LIMITS_FOR_A_MARKET.search(quote.lower()))


def with_market_limits(rules: list[Rule]) -> list[Rule]:
    """`rules` (one clause's, in order) with each rule that refers to "the limits for a market"
    given the limits the clause's other rules state for named markets, each bound to those
    markets, and held in those markets only. A rule that names a number of its own, or a clause
    stating no limit for any market, is left as read."""
    stated: list[str] = []
    markets: list[str] = []
    for r in rules:
        if not r.markets or refers_to_market_limits(r.quote):
            continue
        where = [m.upper() for m in r.markets]
        for cond in (c for c in map(_limit, r.conditions) if c is not None and not c.markets):
            stated.append(format_condition(cond.model_copy(update={"markets": where})))
            markets.extend(where)
    if not stated:
        return rules
    return [
        r.model_copy(update={"markets": list(dict.fromkeys(markets)), "conditions": list(r.conditions) + stated,
                             "scope": _scope_without_limits(r.quote, r.scope)})
        if refers_to_market_limits(r.quote) and not any(_limit(c) for c in r.conditions) else r
        for r in rules
    ]


def _limit(condition: str) -> Condition | None:
    """The condition when it is a limit (`max`, `min`); None for any other, or a mistyped one."""
    try:
        cond = parse_condition(condition)
    except ConditionSyntaxError:
        return None
    return cond if cond.kind in _LIMIT_KINDS else None


# The relative clause that states the limit ("that go beyond the limits for a market"), or the
# few words before the limits when no relative pronoun opens it ("exceeding the limits …").
_RELATIVE = guarded(r"\b(?:that|which|who|whose)\b", 0)


def _scope_without_limits(quote: str, scope: list[str]) -> list[str]:
    """The rule's subject words, those before the clause stating its limits: going beyond the
    limits is the condition executed and "must not be advertised" the predicate, neither what
    the case must name ("e-bikes", not "beyond" or "advertised")."""
    low = quote.lower()
    m = _LIMITS_FOR_A_MARKET.search(low)
    if m is None:
        return list(scope)
    rel = [x for x in _RELATIVE.finditer(low[: m.start()])]
    start = rel[-1].start() if rel else max(0, low.rfind(" ", 0, max(0, m.start() - 1)))
    subject_words = terms(low[:start])
    kept = [w for w in scope if terms(w) and terms(w) <= subject_words]
    return kept or list(scope)


__all__ = ["refers_to_market_limits", "with_market_limits"]
