"""Numeric limits with units, read on both sides (clause and question) and compared only within
one dimension (core/conditions.py, core/condition_reading.py, core/casefacts.py,
assistant/condition_check.py). Sentences and questions are invented for these tests."""

import pytest

from policydesk.assistant.condition_check import check_condition
from policydesk.core.casefacts import read_case_facts, read_quantities
from policydesk.core.condition_reading import executable_conditions
from policydesk.core.conditions import compare_limit, normalise_unit, parse_condition, same_dimension


@pytest.mark.parametrize(
    "written, unit",
    [("per cent", "%"), ("percent", "%"), ("kilometres", "km"), ("kms", "km"), ("hrs", "hours"),
     ("mins", "minutes"), ("secs", "seconds"), ("milligrams", "mg"), ("litres", "litres"), ("miles", "miles")],
)  # fmt: skip
def test_units_have_one_spelling(written, unit):
    assert normalise_unit(written) == unit


def test_dimensions_are_never_mixed():
    assert same_dimension("weeks", "days") and same_dimension("km", "miles") and same_dimension("months", "years")
    assert not same_dimension("%", "days")
    assert not same_dimension("USD", "GBP")  # no exchange rate: each currency is its own dimension
    assert not same_dimension("km", "minutes")
    assert compare_limit("max", 40, "%", 3, "days") is None


@pytest.mark.parametrize(
    "kind, limit, limit_unit, value, unit, expected",
    [
        ("max", 30, "days", 6, "weeks", False),  # 42 days
        ("max", 30, "days", 4, "weeks", True),
        ("max", 1, "years", 12, "months", True),  # exact: a year is 12 months
        ("max", 1, "years", 18, "months", False),
        ("min", 2, "hours", 90, "minutes", False),
        ("min", 2, "hours", 150, "minutes", True),
        ("max", 30, "days", 1, "months", None),  # 28-31 days: the month's length decides
        ("max", 6, "months", 200, "days", False),  # more than 6 x 31
        ("max", 6, "months", 150, "days", True),  # less than 6 x 28
        ("max", 5, "km", 3, "miles", True),  # 4.83 km
        ("max", 500, "mg", 1, "g", False),
    ],
)
def test_limits_compare_across_units_of_one_dimension(kind, limit, limit_unit, value, unit, expected):
    assert compare_limit(kind, limit, limit_unit, value, unit) is expected


@pytest.mark.parametrize(
    "sentence, decision, expected",
    [
        ("Trial memberships may be promoted if the trial lasts 21 days or less.", "restrict", ["max:21 days"]),
        ("Pay-later plans must spread repayments over 8 weeks or more.", "restrict", ["min:8 weeks"]),
        ("Game demos in ads must be no longer than 45 seconds.", "restrict", ["max:45 seconds"]),
        ("Local delivery offers may only name shops within 12 kilometres of the user.", "restrict", ["max:12 km"]),
        ("Energy drinks with more than 150 milligrams of caffeine per can are not allowed.", "reject", ["max:150 mg per can"]),
        ("Prize draws are allowed when each entry costs £2 or less.", "restrict", ["max:2 GBP"]),
        ("Live streams must not exceed 3 hrs.", "restrict", ["max:3 hours"]),
        # a prohibition's inclusive "or more" leaves a strict limit the vocabulary cannot hold
        ("Credit offers at 40 per cent or more are banned.", "reject", []),
        # an age floor is not also a 19-year duration
        ("Promotions may target users 19 years or older.", "restrict", ["min_age:19"]),
    ],
)
def test_clause_limits_are_read_in_both_directions(sentence, decision, expected):
    assert executable_conditions(sentence, decision) == expected


def test_age_of_a_person_making_the_ad_is_not_an_audience_floor():
    text = "Sponsored cider posts are allowed only if the influencer is at least 24 years old and the post is shown to users aged 18 and over."
    # the person's age is a condition of its own (min_person_age), never the audience floor
    assert executable_conditions(text, "restrict") == ["min_age:18", "min_person_age:24"]
    assert executable_conditions("Vodcasts are allowed if the presenter is over 22.", "restrict") == ["min_person_age:23"]


@pytest.mark.parametrize(
    "question, expected",
    [
        ("a 20 minute webinar and a 2 hr workshop", [(20, "minutes"), (2, "hours")]),
        ("a running app for routes of 10 km", [(10, "km")]),
        ("installment loans at 18-26% APR", [(18, "%"), (26, "%")]),
        ("cooling-off between 7 and 10 days", [(7, "days"), (10, "days")]),
        ("plans from 3 to 9 months", [(3, "months"), (9, "months")]),
        ("bonus of €50 to €200", [(50, "EUR"), (200, "EUR")]),
        ("chapter 3 and 14 days", [(14, "days")]),  # "and" makes a range only after "between"
        ("aimed at 25 to 34 year olds", []),  # an age range, not a duration
    ],
)
def test_case_facts_read_units_and_ranges(question, expected):
    assert [(q.value, q.unit) for q in read_quantities(question)] == expected


def _check(condition, question):
    return check_condition(parse_condition(condition), read_case_facts(question)).result


def test_execution_within_a_dimension():
    assert _check("max:30 days", "a free trial of 6 weeks for a streaming service") == "unmet"
    assert _check("max:30 days", "a free trial of 3 weeks for a streaming service") == "met"
    assert _check("max:2 years", "a phone contract of 18 months") == "met"
    assert _check("max:30 days", "a one-month trial, 1 month long") == "unknown"  # 28-31 days
    assert _check("max:36%", "a 3 week loan") == "unknown"  # never compared with a duration
    assert _check("min:60 seconds", "a skippable ad of 2 minutes") == "met"


def test_a_range_across_the_limit_stays_unknown():
    assert _check("max:25%", "personal loans at 19-24% APR") == "met"
    assert _check("max:25%", "personal loans at 22-29% APR") == "unknown"
    assert _check("max:25%", "personal loans at 27-29% APR") == "unmet"
    assert _check("min:14 days", "a refund window between 7 and 21 days") == "unknown"


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # an obligation after the prohibition is a second requirement, not what lifts the ban
        ("Clips showing a bet being placed are not allowed, and the campaign must be limited to users aged 21 or older.", []),
        ("Energy-drink ads are banned; every listing should reach only users 16 and over.", []),
        # the prohibition's own threshold stays its condition
        ("Ads must not target users under 19, and the landing page must carry a warning.", ["min_age:19"]),
        ("Pawn loans above 40% APR are prohibited, and lenders must show the total cost.", ["max:40%"]),
    ],
)
def test_a_prohibition_keeps_only_its_own_conditions(sentence, expected):
    assert executable_conditions(sentence, "reject") == expected
