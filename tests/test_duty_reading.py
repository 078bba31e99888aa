"""Duties decided against the case (issue #13): a clause's duty (an action on an object, at a
place) is met when the case states that action or its result, and refused when the case says
it does not, or will not, do it (core/conduct.py `duty_status`, core/disclosure.py for what
the ad carries). A refused duty rejects; a duty the case says nothing of still restricts. All
sentences are invented for these tests."""

import pytest

from policydesk.assistant.execute import run_rule
from policydesk.core.casefacts import read_case_facts
from policydesk.core.clause_logic import read_clause_logic
from policydesk.core.conduct import duty_actions, duty_status
from policydesk.core.disclosure import refused, required_items, states_age
from policydesk.core.terms import terms
from policydesk.core.types import Chunk, Filters

PAGE_AGE = "- Give the minimum rental age on the booking page."


def _result(sentence, question):
    duty = duty_status(sentence, question)
    return duty.result if duty else None


# ---------------------------------------------------------------- carrying duties
def test_an_imperative_duty_is_read_as_an_obligation():
    assert [i.text for i in required_items(PAGE_AGE)] == ["the minimum rental age"]
    assert [i.text for i in required_items("Show the closing date in the ad.")] == ["the closing date"]
    # a noun "Show" opening a sentence is no imperative
    assert required_items("Show jumping events are outside this policy.") == ()


@pytest.mark.parametrize(
    "question, expected",
    [
        # the page states a value of the age the duty describes
        ("Kayak hire shop. The booking page says you must be 16 to rent a kayak.", "met"),
        ("Kayak hire shop, booking page states 16+ to rent.", "met"),
        # in so many words
        ("Kayak hire shop, the booking page shows the minimum rental age.", "met"),
        # said of the ad, not of the page the duty names
        ("Kayak hire shop, the ad says you must be 16 to rent.", None),
        # a page that states something else
        ("Kayak hire shop, the booking page lists our opening hours.", None),
        # a supposition is no statement
        ("Kayak hire shop. Can the booking page say you must be 16?", None),
        # the duty refused in the case's own words
        ("Kayak hire shop. We'd rather not give the minimum rental age anywhere.", "unmet"),
    ],
)
def test_a_page_duty_of_an_age(question, expected):
    assert _result(PAGE_AGE, question) == expected


@pytest.mark.parametrize(
    "question, expected",
    [
        ("Boat loan ad says '1.9% APR over 36 months'.", "met"),
        ("Boat loan ad, the ad names a 36-month term.", "met"),
        # a time the offer ends in is not the term the rate applies to
        ("Boat loan ad says 1.9% APR, offer ends in 7 days.", None),
        ("Boat loan ad says 1.9% APR.", None),
    ],
)
def test_a_term_is_named_by_a_duration_stated_as_one(question, expected):
    assert _result("Low-rate boat loans may be advertised provided that the ad names the term the rate applies to.", question) == expected


def test_an_age_statement_is_read_from_a_copula_or_an_audience_form():
    assert states_age("you must be 21 to enter")
    assert states_age("18+ to buy")
    assert not states_age("the price is 20 dollars")
    assert not states_age("a 5 kg bag")


@pytest.mark.parametrize(
    "question",
    [
        "Bike shop ad - we leave out the safety notice, it looks cluttered.",
        "Bike shop ad without the safety notice.",
        "Bike shop ad. We don't show the safety notice on the banner.",
    ],
)
def test_a_carrying_duty_refused(question):
    rule = "Every bicycle ad must show the safety notice."
    assert refused(rule, question)
    assert _result(rule, question) == "unmet"


def test_a_negation_about_something_else_refuses_nothing():
    rule = "Every bicycle ad must show the safety notice."
    assert _result(rule, "Bike shop ad with no price claims, the ad shows the safety notice.") == "met"
    assert _result(rule, "Bike shop ad, we don't use celebrities.") is None


def test_an_amount_given_in_another_measure_is_not_the_one_required():
    rule = "Where a lease includes yearly rent increases, the ad must state the amount of each increase in euros."
    assert _result(rule, "Flat to let, the ad says rent increases by 4% each year.") == "unmet"
    assert _result(rule, "Flat to let, the ad says rent increases by 40 euros each year.") == "met"
    # the number is not said of the increase
    assert _result(rule, "Flat to let, the ad shows 4% off the first month.") is None


# ---------------------------------------------------------------- action duties
REGISTER = "Organisers must register the raffle and lodge a deposit with the council before it starts."


def test_actions_are_read_with_their_objects():
    acts = duty_actions(REGISTER)
    assert [a.verb for a in acts] == ["regist", "lodg"]
    assert "deposit" in acts[1].object
    # a ban or a copula is no action duty
    assert duty_actions("Tickets must not be sold to anyone under 16.") == ()


@pytest.mark.parametrize(
    "question, expected",
    [
        ("Church raffle, we haven't registered with the council yet.", "unmet"),
        ("Church raffle: we have not lodged a deposit.", "unmet"),
        ("Church raffle. We registered the raffle and lodged the deposit with the council.", "met"),
        # one action stated, the other not: not met
        ("Church raffle. We registered the raffle last week.", None),
        # the verb on another object
        ("Church raffle. We registered the website domain and lodged the deposit.", None),
        # asked about, not stated
        ("Church raffle. Do we need to register it?", None),
    ],
)
def test_an_action_duty(question, expected):
    assert _result(REGISTER, question) == expected


def test_a_possession_condition_and_an_acronym_the_rule_spells_out():
    rule = "Drone filming ads can run only if the operator has a flight permit from the Civil Aviation Office."
    assert _result(rule, "We don't have a CAO flight permit yet. Can we run drone filming ads?") == "unmet"
    assert _result(rule, "Drone filming ads - we have our CAO flight permit.") == "met"
    # an acronym the rule does not spell out names nothing
    assert _result(rule, "We don't have an XYZ badge.") is None


LINK = "The ad must link to contest terms that state the closing date, who can enter and how the winner is picked."


@pytest.mark.parametrize(
    "question, expected",
    [
        ("Photo contest, the ad links to contest terms with everything the policy lists.", "met"),
        ("Photo contest. The ad links to contest terms giving the closing date, who can enter and how the winner is picked.", "met"),
        # the link is there, but the case does not say the terms carry what they must
        ("Photo contest. The ad links to the contest terms.", None),
        ("Photo contest. The ad links to contest terms giving the closing date.", None),
    ],
)
def test_a_link_duty_with_what_its_object_must_say(question, expected):
    assert _result(LINK, question) == expected


# ---------------------------------------------------------------- execution
def _run(sentence, question):
    chunk = Chunk(id="c1", text=sentence, source="boats.md", policy_id="BOATS", title="Boat Hire Policy")
    facts = read_case_facts(question, Filters())
    rules = read_clause_logic(chunk)
    assert rules
    return run_rule(rules[0], "prose", chunk, 0, facts, question_terms=terms(question))


def test_a_refused_duty_rejects_a_stated_one_approves_and_silence_restricts():
    rule = "Boat hire ads must show the skipper licence number."
    assert _run(rule, "Boat hire ad, we'd rather not show the skipper licence number.").outcome == "reject"
    assert _run(rule, "Boat hire ad, the ad shows our skipper licence number.").outcome == "approve"
    assert _run(rule, "Boat hire ad for the summer.").outcome == "restrict"


def test_a_refused_action_rejects():
    rule = "Boat hire firms must insure every vessel before the season opens."
    assert _run(rule, "Boat hire firm, we haven't insured the vessels this year.").outcome == "reject"
    # another object named is no refusal of this one
    assert _run(rule, "Boat hire firm, we haven't insured the boats this year.").outcome == "restrict"
    assert _run(rule, "Boat hire firm, summer ad.").outcome == "restrict"
