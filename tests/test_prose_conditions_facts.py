"""The readers under the prose dev pack (tests/test_prose_conditions_devpack.py), one at a
time: numbers written as words, audience ages written after who the audience is, a credential
said to have lapsed, a market list after a colon. Invented wording throughout."""

import pytest

from policydesk.core.casefacts import read_ages, read_credentials, read_quantities
from policydesk.core.condition_reading import executable_conditions
from policydesk.core.numwords import number_words_as_digits
from policydesk.core.reading import read_unit


@pytest.mark.parametrize(
    "text, expected",
    [
        ("at least seven days", "at least 7 days"),
        ("a three-day free trial", "a 3-day free trial"),
        ("may not exceed two months' rent", "may not exceed 2 months' rent"),
        ("fifteen percent", "15 percent"),
        ("aged twenty-one or older", "aged 21 or older"),
        ("no one under eighteen", "no one under 18"),
        # not a measure: left as words
        ("one of the following markets", "one of the following markets"),
        ("someone often asks", "someone often asks"),
    ],
)
def test_measuring_number_words_become_digits(text, expected):
    assert number_words_as_digits(text) == expected


def test_limits_and_facts_written_in_words_are_read():
    assert executable_conditions("Free trials must last at least seven days.", "restrict") == ["min:7 days"]
    assert executable_conditions("Deposits may not exceed two months' rent.", "reject") == ["max:2 months"]
    q = read_quantities("We offer a three-day free trial")
    assert [(x.value, x.unit) for x in q] == [(3.0, "days")]


@pytest.mark.parametrize(
    "question, low, high",
    [("Lip filler ad targeting women 25-45", 25, 45), ("shown to parents 30 to 50", 30, 50), ("open to over-18s", 18, 99)],
)
def test_an_age_range_after_who_the_audience_is(question, low, high):
    ages = read_ages(question)
    assert ages is not None and (ages.low, ages.high) == (low, high)


def test_a_percentage_range_is_no_age_range():
    assert read_ages("returns of women 20-30% higher") is None


@pytest.mark.parametrize(
    "question, held",
    [
        ("Lottery operator whose licence has expired", False),
        ("Broker, registration still pending", False),
        ("Our licence was revoked last year", False),
        ("Licensed operator and the ad is under review", True),
    ],
)
def test_a_credential_said_to_have_lapsed_is_not_held(question, held):
    assert read_credentials(question)["licence"] is held


def test_a_market_list_after_a_colon_is_what_only_allows():
    text = "Sports betting ads may run only in the following countries: United Kingdom, Ireland and Spain."
    assert executable_conditions(text, "restrict") == ["only_markets:GB,IE,ES"]


def test_the_platform_allowing_in_its_own_voice_is_a_permission():
    (reading,) = read_unit("We allow ads for CBD products containing no more than 0.3% THC.")
    assert reading.decision == "approve"
    (ban,) = read_unit("We do not allow ads for fireworks.")
    assert ban.decision == "reject"


# ---------------------------------------------------------------- reader fixes found by the pipeline dev pack
def test_no_less_than_is_a_floor_only():
    text = "Introductory discounts can be advertised as long as the discount applies for no less than 1 month."
    assert executable_conditions(text, "restrict") == ["min:1 months"]
    assert executable_conditions("Loans must be repaid in less than 12 months.", "restrict") == ["max:12 months"]


def test_unregistered_denies_the_licence_and_advertising_a_thing_is_no_claim():
    assert executable_conditions("Unregistered agents may not advertise rental properties.", "reject") == ["requires:licence"]
    assert executable_conditions("Ads must not advertise that the cream cures acne.", "reject") == ["no_claim:cream cures acne"]


def test_a_sentence_about_the_advertiser_is_scoped_by_what_it_promotes():
    from policydesk.core.clause_logic import rule_scope

    assert rule_scope("Advertisers may promote free trials provided that the trial lasts at least seven days.") == ["free", "trials"]
    assert rule_scope("Advertisers must send a reminder at least 3 days before each renewal.") == []


def test_a_rule_about_another_title_topic_is_set_aside():
    from policydesk.assistant.execute import run_rule
    from policydesk.core.casefacts import read_case_facts
    from policydesk.core.clause_logic import read_clause_logic
    from policydesk.core.terms import terms
    from policydesk.core.types import Chunk, Filters

    ch = Chunk(id="c", text="Ads for free trials must state the price charged when the trial ends.", source="s.md",
               title="Subscriptions and Free Trials Policy")
    (rule,) = read_clause_logic(ch)
    for question, applies in [("Wine subscription box ad", False), ("Free trial of a wine subscription box", True), ("Wine box ad", True)]:
        run = run_rule(rule, "prose", ch, 0, read_case_facts(question, Filters()), question_terms=terms(question))
        assert run.applicable is applies, question


# ---------------------------------------------------------------- a condition in words, stated by the case
def test_a_requirement_in_words_is_met_only_when_the_case_states_it_unnegated():
    from policydesk.core.restated import requirement_of, stated

    req = requirement_of("Auto-renewing subscriptions are allowed only if users can cancel online.")
    assert req == "users can cancel online"
    assert stated(req, "Auto-renewing magazine subscription; users can cancel online at any time")
    assert not stated(req, "Auto-renewing magazine subscription; users cannot cancel online")
    assert not stated(req, "Auto-renewing magazine subscription")
    assert requirement_of("Ads must carry a risk warning.") is None
    # one shared word is a topic, not the condition
    assert not stated("the seller is verified", "a verified shop")


@pytest.mark.parametrize(
    "question, low, high",
    [
        ("our audience is 18-35", 18, 35),
        ("aged between 25 and 40", 25, 40),
        ("between the ages of 18 and 24", 18, 24),
        ("an 18 plus audience", 18, 99),
        ("minimum age set to 18 in targeting", 18, 99),
        ("for users aged 16", 16, 16),
        ("ad for 16 year old gamers", 16, 16),
    ],
)
def test_more_ways_a_question_states_its_audience_ages(question, low, high):
    ages = read_ages(question)
    assert ages is not None and (ages.low, ages.high) == (low, high)


def test_no_audience_age_from_a_duration_or_a_person_shown():
    assert read_ages("a 30 plus day trial") is None
    assert read_ages("a 22-year-old model in the ad") is None


def test_currency_code_first_and_thousands_suffix():
    assert [(q.value, q.unit) for q in read_quantities("a USD 500 fee")] == [(500.0, "USD")]
    assert [(q.value, q.unit) for q in read_quantities("a $5k prize")] == [(5000.0, "USD")]


def test_a_licence_applied_for_is_not_held():
    assert read_credentials("licence applied for but not granted")["licence"] is False


@pytest.mark.parametrize(
    "question, shown",
    [
        ("The ad shows the price after the trial", True),
        ("Listing displays the tourist licence number", True),
        ("Creative includes a risk warning", True),
        ("The ad doesn't show the price", False),
        ("Banner without a risk warning", False),
    ],
)
def test_what_the_ad_carries_is_the_disclosure_fact(question, shown):
    assert read_credentials(question)["disclosure"] is shown


def test_asking_whether_to_show_a_warning_states_nothing():
    assert "disclosure" not in read_credentials("do we need to display a warning?")
    assert "disclosure" not in read_credentials("a loan with fees of 5%")


@pytest.mark.parametrize(
    "sentence, decision",
    [
        ("Ads for event tickets sold at face value are acceptable.", "approve"),
        ("Fitness apps are eligible to advertise.", "approve"),
        ("Cosmetic products are fine to advertise.", "approve"),
        ("There are no restrictions on ads for sunscreen.", "approve"),
        ("Ads for weapons are not acceptable.", "reject"),
        ("Payday lenders are not eligible to advertise.", "reject"),
        ("Ads will be approved only if the advertiser is licensed.", "restrict"),
    ],
)
def test_plain_permissions_in_other_words(sentence, decision):
    (reading,) = read_unit(sentence)
    assert reading.decision == decision
