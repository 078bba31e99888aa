"""One unit vocabulary for policy prose and questions (core/conditions.py): food and electrical
energy, data, lengths in mm/cm/inches read on both sides; a rate ("800 kcal per day") compares
with a rate per the same thing, never with one per something else; "no limit below N" is a
floor. Every sentence and question here is invented for these tests."""

import pytest

from policydesk.assistant.execute import run_rule
from policydesk.assistant.precedence import decide
from policydesk.core.casefacts import read_case_facts, read_quantities
from policydesk.core.clause_logic import read_clause_logic
from policydesk.core.condition_reading import executable_conditions
from policydesk.core.conditions import compare_limit, known_unit, same_dimension
from policydesk.core.terms import terms
from policydesk.core.types import Chunk, Filters


@pytest.mark.parametrize(
    "question, expected",
    [
        ("The meal plan is 1,600 kcal a day.", [(1600.0, "kcal per day")]),
        ("Our data cap is 300GB a month.", [(300.0, "GB per month")]),
        ("Panels rated 4 kWp.", [(4.0, "kW")]),
        ("Rods are 12 mm thick.", [(12.0, "mm")]),
        ("Membership is $50 a month.", [(50.0, "USD")]),  # money keeps its unit
        ("Open to 19 year olds.", []),  # an age, not a duration
        ("A 30-day trial.", [(30.0, "days")]),
    ],
)
def test_question_quantities(question, expected):
    assert [(q.value, q.unit) for q in read_quantities(question)] == expected


@pytest.mark.parametrize(
    "sentence, decision, expected",
    [
        ("We don't allow ads for meal plans that provide fewer than 900 kcal per day.", "reject", "min:900 kcal per day"),
        ("A broadband plan may be called unlimited only if it has no usage cap below 400 GB per month.", "restrict", "min:400 GB per month"),
        ("Yield estimates must not exceed 900 kWh per year for each kWp installed.", "restrict", "max:900 kWh per year per kW"),
        ("Rods with a diameter greater than 10 mm are not allowed.", "reject", "max:10 mm"),
    ],
)
def test_policy_limits_keep_their_units_and_rates(sentence, decision, expected):
    assert expected in executable_conditions(sentence, decision)


def test_rates_compare_per_the_same_thing_only():
    assert compare_limit("min", 900, "kcal per day", 1600, "kcal per day") is True
    assert compare_limit("max", 900, "kWh per year per kW", 5200, "kWh per year") is None
    # a rate against a plain figure compares what they count
    assert compare_limit("max", 1, "kg per week", 5, "kg") is False
    assert compare_limit("max", 10, "mm", 0.5, "inches") is False  # 12.7 mm
    assert same_dimension("kWh", "kcal") and not same_dimension("GB", "Mbps")
    assert known_unit("kcal per day") and not known_unit("furlongs per day")


def _verdict(text, question, market=None):
    ch = Chunk(id="c1", text=text, source="food.md", policy_id="FOOD", title="Diet Plans Policy")
    facts = read_case_facts(question, Filters(market=market))
    v = decide([run_rule(r, "prose", ch, 0, facts, question_terms=terms(question)) for r in read_clause_logic(ch)])
    return v.decision if v else None


def test_a_banned_threshold_in_kcal_decides_both_ways():
    policy = "We don't allow ads for meal plans that provide fewer than 900 kcal per day."
    assert _verdict(policy, "Ad for our meal plans at 600 kcal a day. OK?") == "reject"
    assert _verdict(policy, "Ad for our meal plans at 1,500 kcal a day. OK?") != "reject"


def test_no_cap_below_is_a_floor():
    policy = "A broadband plan may be called unlimited only if it has no usage cap below 400 GB per month."
    assert _verdict(policy, "Can we call our broadband plan unlimited? The usage cap is 250 GB a month.") == "reject"
    assert _verdict(policy, "Can we call our broadband plan unlimited? The usage cap is 600 GB a month.") == "approve"


@pytest.mark.parametrize(
    "question, expected",
    [
        ("The syrup has 40 mg of sugar per 100 ml.", [(40.0, "mg per 100 ml")]),
        ("it's 32mg caffeine per 100ml", [(32.0, "mg per 100 ml")]),
        ("Each bar is 12 g protein per serving", [(12.0, "g per serving")]),
    ],
)
def test_a_rate_per_a_measured_amount_is_one_quantity(question, expected):
    got = [(q.value, q.unit) for q in read_quantities(question)]
    assert got == expected


@pytest.mark.parametrize(
    "sentence, decision, expected",
    [
        ("Soft drinks that contain 150 mg of caffeine per litre or less may be advertised.", "approve", ["max:150 mg per litres"]),
        ("Drinks with 5 g of sugar per 100 ml or less may be called low in sugar.", "approve", ["max:5 g per 100 ml"]),
    ],
)
def test_a_postfix_limit_with_a_rate_between(sentence, decision, expected):
    got = [c for c in executable_conditions(sentence, decision) if c.startswith(("max:", "min:"))]
    assert got == expected


def test_rates_per_different_amounts_of_one_kind_convert():
    # 35 mg per 100 ml is 350 mg per litre: over a 150 mg/l cap, under a 400 mg/l one.
    assert compare_limit("max", 150, "mg per litres", 35, "mg per 100 ml") is False
    assert compare_limit("max", 400, "mg per litres", 35, "mg per 100 ml") is True
    assert compare_limit("max", 1, "kg per week", 3, "kg per day") is False  # 21 kg a week
    # No fixed size: a month, a serving.
    assert compare_limit("max", 4, "kg per month", 1, "kg per week") is None
    assert compare_limit("max", 200, "mg per serving", 35, "mg per 100 ml") is None


def test_an_amount_over_a_stated_time_is_a_rate_and_a_gloss_does_not_hide_one():
    assert [(q.value, q.unit) for q in read_quantities("Lose 5 kg in 2 weeks!")] == [(5.0, "kg per 2 week")]
    assert [(q.value, q.unit) for q in read_quantities("drop 3 kg in a month")] == [(3.0, "kg per month")]
    # A ratio or a duration over a time is not a rate of it.
    assert [(q.value, q.unit) for q in read_quantities("24.9% APR over 48 months")] == [(24.9, "%"), (48.0, "months")]
    limit = "Ads can't promise weight loss of more than 1 kg (about 2 lb) per week."
    assert executable_conditions(limit, "reject") == ["max:1 kg per week"]
    assert compare_limit("max", 1, "kg per week", 5, "kg per 2 week") is False  # 2.5 kg a week
    assert compare_limit("max", 1, "kg per week", 1.5, "kg per 2 week") is True
