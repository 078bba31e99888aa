"""A limit per a unit of another quantity, executed on a case that states the total and that
quantity (issue 13): "must not exceed 1,000 kWh per year for each kWp of installed capacity"
against "a 4 kWp system will generate 5,200 kWh a year" is 1,300 kWh per year per kWp: broken.

Three pieces of one machinery (core/conditions.py): `rate_of` divides a stated number by the
case's one number of what the limit is per; `rate_after` reads an amount spread over a count
("400 mg of caffeine across 2 servings") as a rate; a rate per another amount of one dimension
("5 kg in 2 weeks") is compared with a limit per week. And a rule limiting a measured quantity
("weight loss of more than 1 kg per week") binds a case whose number names what it measures
("Lose 5 kg in 2 weeks"), whatever its run-in label reads as (assistant/rule_binds.py `measure_binds`).
"""

from __future__ import annotations

import pytest

from policydesk.assistant.condition_check import check_condition
from policydesk.assistant.rule_binds import measure_binds
from policydesk.core.casefacts import read_case_facts, read_quantities
from policydesk.core.conditions import compare_limit, parse_condition, rate_of, same_dimension
from policydesk.core.types import Chunk, Filters, Rule
from tests.policy_store import ask_in, ingest_policy


@pytest.mark.parametrize(
    "value,unit,by,by_unit,limit_unit,expected",
    [
        (5200, "kWh per year", 4, "kW", "kWh per year per kW", (1300, "kWh per year per kW")),
        (5200, "kWh per year", 4000, "W", "kWh per year per kW", (1300, "kWh per year per kW")),  # 4,000 W is 4 kW
        (5.2, "MWh per year", 4, "kW", "kWh per year per kW", (1.3, "MWh per year per kW")),  # compared by kWh later
        (80, "mg", 250, "ml", "mg per 100 ml", (32, "mg per 100 ml")),  # an amount in a stated volume
        (5200, "kWh", 4, "kW", "kWh per year per kW", None),  # a total of no period is not per year
        (5200, "kWh per year", 4, "kg", "kWh per year per kW", None),  # another dimension
        (5, "kg", 2, "weeks", "kg per week", None),  # a duration stated apart is not read as the period
        (5200, "kWh per year", 0, "kW", "kWh per year per kW", None),
        (500, "USD", 2, "kW", "USD per kW", (250, "USD per kW")),
        (36, "%", 2, "kW", "% per kW", (18, "% per kW")),
        (10, "kWh per year", 4, "kW", "kWh per year", None),  # the limit is per nothing more
    ],
)
def test_rate_of_divides_by_what_the_limit_is_per(value, unit, by, by_unit, limit_unit, expected):
    got = rate_of(value, unit, by, by_unit, limit_unit)
    if expected is None:
        assert got is None
    else:
        assert got is not None and got[1] == expected[1] and got[0] == pytest.approx(expected[0])


@pytest.mark.parametrize(
    "text,unit",
    [
        ("400 mg of caffeine across 2 servings", "mg per 2 serving"),
        ("60 mg in 3 capsules", "mg per 3 capsule"),
        ("contains 90 mg over 3 doses", "mg per 3 dose"),
        ("Lose 5 kg of fat in 2 weeks", "kg per 2 week"),
        ("Lose 5 kg in 2 weeks", "kg per 2 week"),
        ("300 mg caffeine in a bottle", "mg"),  # one thing says where the amount is
        ("Ships 20 kg parcels in 2 days", "kg"),  # only "of" links what is measured to the rate
        ("500 mg per serving", "mg per serving"),
        ("5,200 kWh a year", "kWh per year"),
    ],
)
def test_an_amount_over_a_count_or_a_time_is_a_rate(text, unit):
    assert read_quantities(text)[0].unit == unit


def test_a_rate_per_another_amount_compares_with_the_limit():
    assert same_dimension("kg per week", "kg per 2 week") and same_dimension("mg per serving", "mg per 2 serving")
    assert compare_limit("max", 1, "kg per week", 5, "kg per 2 week") is False  # 2.5 kg a week
    assert compare_limit("max", 3, "kg per week", 5, "kg per 2 week") is True
    assert compare_limit("max", 200, "mg per serving", 400, "mg per 2 serving") is True  # 200 a serving
    assert compare_limit("max", 150, "mg per serving", 400, "mg per 2 serving") is False
    assert compare_limit("max", 200, "mg per serving", 400, "mg per 2 dose") is None  # doses are not servings
    assert not same_dimension("mg per serving", "mg per 2 dose")
    assert compare_limit("max", 1, "kg per week", 5, "kg per month") is None  # a month's length decides


def _check(condition, question, market=None):
    return check_condition(parse_condition(condition), read_case_facts(question, Filters(market=market)))


def test_the_trace_says_the_computation():
    c = _check("max:1000 kWh per year per kW@GB", "Ad says a 4 kWp system will generate 5,200 kWh a year.", "GB")
    assert c.result == "unmet"
    assert c.fact == "5,200 kWh per year / 4 kWp = 1,300 kWh per year per kW, above 1,000"
    c = _check("max:1 kg per week", "Bootcamp ad: 'Lose 5 kg in 2 weeks!'")
    assert (c.result, c.fact) == ("unmet", "5 kg per 2 weeks = 2.5 kg per week")


@pytest.mark.parametrize(
    "condition,question,result",
    [
        ("max:1000 kWh per year per kW", "Ad says a 4 kWp system will generate 5,200 kWh a year.", "unmet"),
        ("max:1000 kWh per year per kW", "Ad says a 6 kWp system will generate 5,200 kWh a year.", "met"),
        ("max:1000 kWh per year per kW", "Our 4,000 W array makes 3,600 kWh per year.", "met"),
        ("max:1000 kWh per year per kW", "A 4 kWp system generating 5,200 kWh a year, or a 6 kW one.", "unknown"),  # which?
        ("max:1000 kWh per year per kW", "A 4 kWp system generating 5,200 kWh.", "unmet"),  # no period: compared as stated
        ("max:200 mg per serving", "An energy shot with 400 mg of caffeine across 2 servings", "met"),
        ("max:150 mg per serving", "An energy shot with 400 mg of caffeine across 2 servings", "unmet"),
        ("max:1 kg per week", "Lose 3 kg in 4 weeks", "met"),
        ("max:1 kg per week", "Lose 5 kg in 2 weeks", "unmet"),
        ("max:40 mg per 100 ml", "A 250 ml can with 80 mg of caffeine", "unknown"),  # 80 mg as stated, or 32 per 100 ml
        ("min:30 mg per 100 ml", "A 250 ml can with 80 mg of caffeine", "met"),  # both readings agree
    ],
)
def test_a_limit_per_another_quantity_is_executed(condition, question, result):
    assert _check(condition, question).result == result


def _rule(quote, conditions):
    return Rule(id="R", decision="reject", quote=quote, conditions=conditions, scope=["unrealistic", "weight", "loss"])


QUOTE = "- **Unrealistic weight loss:** Ads can't promise or imply weight loss of more than 1 kg (about 2 lb) per week."


def test_a_limit_binds_the_case_whose_number_names_what_it_measures():
    chunk = Chunk(id="c", text=QUOTE, source="f.md", title="Fitness")
    rule = _rule(QUOTE, ["max:1 kg per week"])
    bound = measure_binds(rule, chunk, read_case_facts("Bootcamp ad: 'Lose 5 kg in 2 weeks!' Good to go?", Filters()))
    assert bound is not None and "lose ~ loss" in bound
    # A number of the dimension that measures another thing, or none, binds nothing.
    assert measure_binds(rule, chunk, read_case_facts("Our kettlebells ship 5 kg parcels in 2 weeks", Filters())) is None
    assert measure_binds(rule, chunk, read_case_facts("Lose weight with our bootcamp!", Filters())) is None
    assert measure_binds(rule, chunk, read_case_facts("Lose 5% in 2 weeks", Filters())) is None
    assert measure_binds(_rule(QUOTE, ["min_age:18"]), chunk, read_case_facts("Lose 5 kg in 2 weeks", Filters())) is None


def test_an_allowance_limit_is_bound_by_its_subject_not_by_its_measure():
    # "Soft drinks that contain 150 mg of caffeine per litre or less" are allowed: its limit
    # bounds soft drinks, so an energy drink's 350 mg per litre does not make it the case's rule.
    quote = "- Decaffeinated drinks, and soft drinks that contain 150 mg of caffeine per litre or less"
    chunk = Chunk(id="c", text=quote, source="e.md", title="Energy drinks")
    allowance = Rule(id="A", decision="approve", quote=quote, conditions=["max:150 mg per litre"], scope=["decaffeinated", "soft", "drinks"])
    facts = read_case_facts("can we promote our new energy drink here? it's 35 mg caffeine per 100 ml", Filters())
    assert measure_binds(allowance, chunk, facts) is None
    assert measure_binds(allowance.model_copy(update={"decision": "reject"}), chunk, facts) is not None


POLICY = """# Home energy and supplements

This policy covers ads for home solar systems, energy drinks and weight-loss programmes.

## 1. Solar estimates

Estimates of annual generation must be given in kWh and must not exceed 900 kWh per year for each kWp of installed capacity.

## 2. What's not allowed

- **Fast results:** Ads can't promise or imply weight loss of more than 1 kg per week.
- **Strong drinks:** Energy drink ads can't state more than 160 mg of caffeine per serving.
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return ingest_policy(tmp_path_factory, "rate_per_other", {"energy.md": POLICY})


def test_solar_estimate_over_the_rate_per_capacity_is_rejected(store):
    a = ask_in("Ad says a 5 kWp system will generate 5,000 kWh a year.", store)
    assert a.verdict == "reject", (a.verdict, a.answer)
    assert "5,000 kWh per year / 5 kWp = 1,000 kWh per year per kW" in a.answer


def test_solar_estimate_within_the_rate_is_not_rejected(store):
    a = ask_in("Ad says a 5 kWp system will generate 4,000 kWh a year.", store)
    assert a.verdict != "reject", (a.verdict, a.answer)


def test_a_promise_over_the_weekly_limit_is_rejected_under_its_label(store):
    a = ask_in("Bootcamp ad: 'Lose 6 kg in 3 weeks!' Good to go?", store)
    assert a.verdict == "reject", (a.verdict, a.answer)
    assert any("1 kg per week" in c.text for c in a.citations)
