"""Scoped limits: a limit with a trailing trigger, a rule fronted by its market, "any other
market" after a list, a member of a named code (session 20).

Why: "the fuel deposit must not exceed €200 where the hire lasts more than 7 days" was read as
two limits (a €200 cap and a 7-day floor), so a 3-day hire was rejected for being too short; "In
FR, …" opening a sentence bound it nowhere, so a French rule refused Spanish cases; "Ads
targeting any other market are not accepted" after "accepted only in FR, ES and IT" rejected a
French case. Wording invented here.
"""

from __future__ import annotations

from policydesk.assistant.rule_trigger import trigger_limit_reason
from policydesk.core.casefacts import read_case_facts, read_credentials
from policydesk.core.clause_logic import read_clause_logic
from policydesk.core.condition_reading import executable_conditions, trailing_trigger, trigger_limits
from policydesk.core.reading import read_unit
from policydesk.core.types import Chunk, Filters

CAP = "In FR, the fuel deposit must not exceed €200 where the hire lasts more than 7 days."


def test_a_trailing_trigger_is_no_limit_of_the_rule():
    assert executable_conditions(CAP, "reject") == ["max:200 EUR"]
    assert trailing_trigger(CAP)[1] == "the hire lasts more than 7 days"


def test_the_trailing_trigger_is_read_as_the_rule_s_trigger():
    (lim,) = trigger_limits(CAP)
    assert (lim.kind, lim.value, lim.unit, lim.holds_when) == ("max", 7.0, "days", False)


def test_a_case_outside_the_trigger_is_not_bound_by_the_ban():
    rule = read_clause_logic(Chunk(id="x", text=CAP, source="b.md", section="Deposits"), {})[0]
    assert rule.decision == "reject"
    short = read_case_facts("A 3 days hire with a €300 fuel deposit.", Filters(market="FR"))
    assert trigger_limit_reason(rule, short) is not None
    long = read_case_facts("A 10 days hire with a €300 fuel deposit.", Filters(market="FR"))
    assert trigger_limit_reason(rule, long) is None


def test_only_when_is_the_permission_s_condition_not_a_trigger():
    text = "Hulls may only be called 'unsinkable' when the buoyancy test lasts at least 24 hours."
    assert trailing_trigger(text) is None


def test_a_leading_conditional_is_not_a_trailing_trigger():
    assert trailing_trigger("Where the hire lasts more than 7 days, the ad must state the fuel policy.") is None


def test_a_sentence_fronted_by_a_market_code_holds_there():
    (reading,) = read_unit("2.4 In ES, ads must not offer free fuel.")
    assert reading.markets == ["ES"]


def test_any_other_market_excepts_the_markets_the_list_before_allows():
    text = "1.1 Canoe ads are accepted only in FR, ES and IT. Ads targeting any other market are not accepted."
    only, others = read_clause_logic(Chunk(id="x", text=text, source="c.md", section="1. Markets"), {})
    assert only.conditions == ["only_markets:FR,ES,IT"]
    assert others.decision == "reject" and others.except_markets == ["FR", "ES", "IT"]


def test_on_a_named_code_is_membership():
    assert read_credentials("We are a marina on the Blue Flag Operators Code.") == {"membership": True}
    assert read_credentials("We are not on the Blue Flag Operators Code.") == {"membership": False}
    assert "membership" not in read_credentials("Enter the code on the checkout page.")


def test_a_permission_s_if_clause_is_its_condition_not_a_trigger():
    text = "Canoe rentals may be promoted if the rental lasts 5 days or less."
    assert trailing_trigger(text) is None
    assert executable_conditions(text, "restrict") == ["max:5 days"]


def test_a_ban_with_no_limit_of_its_own_keeps_its_clause_as_its_condition():
    text = "Kayak tours are not allowed if the water temperature is below 10 °C."
    assert trailing_trigger(text) is None


def test_a_negated_within_is_a_floor():
    text = "A lodge may offer a loyalty gift, provided the gift does not depend on booking within 72 hours of a call."
    assert "min:72 hours" in executable_conditions(text, "approve")
    assert "max:72 hours" not in executable_conditions(text, "approve")


def test_unless_after_a_list_of_descriptions_lifts_each_of_them():
    text = 'Ads must not describe a lodge as "eco", "green" or "carbon-neutral" unless the operator holds a current audit.'
    assert not any(c.startswith("no_claim:") for c in executable_conditions(text, "restrict"))
    plain = 'Ads must not describe a lodge as "eco", "green" or "carbon-neutral", and must show the nightly price.'
    assert 'no_claim:"eco"' in executable_conditions(plain, "restrict")  # nothing lifts it


def test_a_permission_to_offer_something_governs_that_thing():
    rule = read_clause_logic(Chunk(id="x", text="An ad may offer a welcome hamper worth no more than €40 per guest.", source="l.md", section="Gifts"), {})[0]
    assert rule.scope == ["welcome", "hamper"]
