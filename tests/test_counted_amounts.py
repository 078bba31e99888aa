"""Counted amounts against daily caps (issue 13, session 17).

"three 10mg servings a day" states 10 mg per serving and 30 mg per day (core/counted_amounts.py);
"must not recommend a daily intake of more than 10 mg" is a cap of 10 mg per day
(core/condition_reading.py `_per_period`); a cap the policy writes for the case's market on a
number the case states is executed beside the general one (assistant/verdict_steps.py
`clause_set`), so the market's lower cap breaks a dose the general cap allows.
"""

from __future__ import annotations

import pytest

from policydesk.assistant.condition_check import check_condition
from policydesk.core.casefacts import read_case_facts, read_quantities
from policydesk.core.condition_reading import executable_conditions
from policydesk.core.conditions import parse_condition
from policydesk.core.counted_amounts import counted_amount
from policydesk.core.types import Filters
from tests.policy_store import ask_in, ingest_policy


def _read(text: str) -> list[tuple[float, str | None]]:
    return [(q.value, q.unit) for q in read_quantities(text)]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("take up to three 10mg servings a day", [(10, "mg per serving"), (30, "mg per day")]),
        ("two 500 mg tablets daily", [(500, "mg per tablet"), (1000, "mg per day")]),
        ("take 3 x 10mg capsules per day", [(10, "mg per capsule"), (30, "mg per day")]),  # "3 x" is the count
        ("2 500ml bottles", [(500, "ml per bottle"), (1000, "ml")]),  # no period: the plain total
        ("18 10mg gummies per pack", [(10, "mg per gummy"), (180, "mg per pack")]),
        ("four 250 kcal bars a week", [(250, "kcal per bar"), (1000, "kcal per week")]),
    ],
)
def test_a_count_of_sized_items_states_the_size_and_the_total(text, expected):
    got = _read(text)
    assert [(pytest.approx(v), u) for v, u in expected] == got


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Selling 2 70cm swords", [(70, "cm")]),  # lengths do not add up
        ("costs $3 10mg tabs", [(3, "USD"), (10, "mg")]),  # a price is no count
        ("10mg per serving", [(10, "mg per serving")]),  # no count
        ("a 10mg serving a day", [(10, "mg")]),  # "a" is no count: read as before
        ("2-3 10mg servings", [(10, "mg")]),  # a range is no count
        ("1.5 10mg servings", [(10, "mg")]),  # a decimal is no count
    ],
)
def test_what_is_not_a_counted_amount_reads_as_before(text, expected):
    assert _read(text) == [(pytest.approx(v), u) for v, u in expected]


def test_counted_amount_names_its_parts():
    text = "take three 10mg servings a day"
    start = text.index("10mg")
    got = counted_amount(text, start, start + 4, 10, "mg")
    assert got is not None
    assert (got.count, got.item, got.per_item_unit, got.total, got.total_unit) == (3, "serving", "mg per serving", 30, "mg per day")
    assert text[got.begin : got.end] == "three 10mg servings a day"


@pytest.mark.parametrize(
    "sentence,decision,expected",
    [
        ("Ads must not recommend a daily intake of more than 10 mg of melatonin.", "reject", "max:10 mg per day"),
        ("Labels must state the dose, and ads must not recommend a daily intake of more than 70 mg.", "restrict", "max:70 mg per day"),
        ("Ads must not promote a weekly dose of more than 5 g.", "reject", "max:5 g per week"),
        ("Loans with an annual interest rate of more than 36% are not allowed.", "reject", "max:36%"),  # a ratio keeps its unit
        ("An annual fee of more than $50 is not allowed.", "reject", "max:50 USD"),  # money keeps its unit
        ("Ads must not recommend more than 10 mg a day.", "reject", "max:10 mg per day"),  # as before
    ],
)
def test_a_period_adjective_makes_the_limit_a_rate(sentence, decision, expected):
    assert expected in executable_conditions(sentence, decision)


@pytest.mark.parametrize(
    "limit,question,result",
    [
        ("max:10 mg per day", "The ad says 'take three 10mg servings a day'.", "unmet"),
        ("max:70 mg per day", "The ad says 'take three 10mg servings a day'.", "met"),
        ("max:25 mg per gummy", "The ad says 'take three 10mg gummies a day'.", "met"),  # the size of one item
        ("max:20 mg per gummy", "The ad says 'take two 30mg gummies a day'.", "unmet"),
        ("max:10 mg per day", "The ad says 'one 10mg serving a day'.", "met"),
    ],
)
def test_counted_amounts_execute_against_caps(limit, question, result):
    facts = read_case_facts(question, Filters(market="GB"))
    assert check_condition(parse_condition(limit), facts).result == result


POLICY = """# Melatonin supplements

This policy covers ads for melatonin supplements: tablets, gummies, sprays and drinks.

## Restricted

- Ads for melatonin supplements must be targeted at users aged 18 or over.
- Ads for melatonin supplements must state the amount of melatonin per serving and must not recommend a daily intake of more than 5 mg of melatonin.

## Country notes

- Australia: melatonin supplements must be listed on the national medicines register, and ads must not recommend a daily intake of more than 2 mg of melatonin.
- Japan: ads for melatonin supplements are not allowed.
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return ingest_policy(tmp_path_factory, "counted", {"melatonin.md": POLICY})


def test_the_markets_lower_daily_cap_breaks_a_counted_dose(store):
    q = "Our melatonin gummies ad for adults 18+ says 'take two 1.5mg gummies a day'. OK?"
    au = ask_in(q, store, "AU")
    assert au.verdict == "reject", au.answer
    deciding = next(r for r in au.trace.rules if r.rule_id == au.trace.decided_by)
    assert any(c.result == "unmet" and "3 mg per day" in (c.fact or "") for c in deciding.conditions)
    us = ask_in(q, store, "US")
    assert us.verdict != "reject", us.answer  # 3 mg a day is within the general 5 mg cap


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Ad copy states 10mg CBD per serving and recommends one serving a day.", (10, "mg per day")),
        ("500 mg per capsule, take 2 capsules daily", (1000, "mg per day")),
        ("300 mg caffeine per can, 2 cans a day", (600, "mg per day")),
    ],
)
def test_an_amount_per_item_and_items_per_period_chain(text, expected):
    got = _read(text)
    assert (pytest.approx(expected[0]), expected[1]) in got


@pytest.mark.parametrize(
    "text",
    [
        "10mg per serving",  # no count per period
        "5 mg per gummy; a gummy each night",  # "night" is no period the reader knows
        "£5 per box, 2 boxes a week",  # money keeps its unit
    ],
)
def test_no_chain_without_a_count_per_period(text):
    assert not any(u and u.endswith((" per day", " per week")) for _, u in _read(text))


def test_a_stated_daily_dose_within_the_cap_meets_it():
    facts = read_case_facts("Ad copy states 10mg CBD per serving and recommends one serving a day.", Filters(market="GB"))
    assert check_condition(parse_condition("max:10 mg per day"), facts).result == "met"
