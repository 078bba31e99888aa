"""Numbers a prohibition or its exception states, executed against the case's numbers (session
23): an energy in joules, "No X above 1.5 J may …" across the decimal point, a banned claim that
compares a number ("more than 5% back"), an exception on a situation ("…, except where …"), a
count narrowed by the words before its noun ("at least 200 completed surveys"), an amount
allowed "or its equivalent in local currency", and an exception labelled with the number of the
clause it excepts, bounded by its own limit.
Invented wording, from other domains than the packs'."""

from __future__ import annotations

import pytest

from policydesk.assistant.condition_check import check_condition
from policydesk.core.casefacts import read_case_facts, read_quantities
from policydesk.core.claim_match import makes_claim
from policydesk.core.condition_reading import executable_conditions
from policydesk.core.conditions import compare_limit, parse_condition
from policydesk.core.counted_limits import counted_unit, counts_of
from policydesk.core.reading import read_unit


def test_joules_are_an_energy():
    assert [(q.value, q.unit) for q in read_quantities("our stun baton discharges 2 joules")] == [(2.0, "J")]
    assert compare_limit("max", 1.5, "J", 1.2, "J") is True
    assert compare_limit("max", 1, "kJ", 1200, "J") is False
    assert executable_conditions("Ads must not promote a stun baton with a discharge energy above 1.5 J.", "reject") == ["max:1.5 J"]


def test_a_leading_no_reaches_its_modal_across_a_decimal_point():
    readings = read_unit("No stun baton with a discharge energy above 1.5 J may be advertised.")
    assert [r.decision for r in readings] == ["reject"]


def test_pence_are_a_unit_but_not_the_p_of_pm():
    assert [(q.value, q.unit) for q in read_quantities("a 5p carrier bag charge")] == [(5.0, "pence")]
    assert read_quantities("the shop closes at 10 p.m. on weekdays") == []


@pytest.mark.parametrize(
    "claim, made",
    [
        ("Our card gives 5% back on every purchase", False),  # not more than 5%
        ("Our card gives 8% back on every purchase", True),
        ("Our card gives cashback on every purchase", False),  # its words alone: too few of them
    ],
)
def test_a_banned_claim_comparing_a_number_is_made_only_on_the_banned_side(claim, made):
    assert makes_claim("the card gives more than 5% back on purchases", claim) is made


def test_a_banned_claim_with_a_floor_is_made_at_or_above_it():
    banned = "the course places at least 90% of graduates in jobs"
    assert makes_claim(banned, "Our course places 95% of graduates in jobs") is True
    assert makes_claim(banned, "Our course places 60% of graduates in jobs") is False


def test_an_exception_on_a_situation_is_conditional():
    readings = read_unit("Ads must not say that a handset is unlocked, except where the network has confirmed the unlock in writing.")
    assert [r.decision for r in readings] == ["reject", "restrict"]
    assert readings[1].conditions == ["other:the network has confirmed the unlock in writing"]
    # an exception for a kind of advertiser keeps its reading
    kinds = read_unit("Raffle ads are prohibited, except for registered charities.")
    assert kinds[0].decision == "reject" and kinds[1].decision != "reject"


def test_a_count_keeps_the_words_narrowing_it():
    text = "a satisfaction score may be shown only if based on at least 200 completed surveys"
    assert counted_unit(text, text.index("200") + 3) == "completed surveys"
    assert executable_conditions(text, "restrict") == ["min:200 completed surveys"]
    assert executable_conditions("A score based on fewer than 200 completed surveys must not be shown.", "reject") == ["min:200 completed surveys"]
    # words that do not narrow a count ("the", "other") leave none read
    assert counted_unit("at least 3 other brands", 10) is None


@pytest.mark.parametrize(
    "question, result",
    [
        ("score from our 80 completed questionnaires", "unmet"),  # same narrowing, the case's own noun
        ("score from 300 completed surveys", "met"),
        ("score from 80 pending surveys", "unknown"),  # not the surveys the limit counts
        ("score from 500 surveys", "unknown"),  # completed or not, unsaid
        ("a 4.8 star score", "unknown"),
    ],
)
def test_a_narrowed_count_is_compared_with_the_same_count(question, result):
    cond = parse_condition("min:200 completed surveys")
    assert check_condition(cond, read_case_facts(question)).result == result


def test_an_amount_or_its_equivalent_compares_across_currencies_when_every_rate_agrees():
    from policydesk.core.conditions import compare_equivalent

    assert compare_equivalent("max", 50, "USD", 90, "GBP") is False  # above $50 at any rate
    assert compare_equivalent("max", 50, "USD", 20, "GBP") is True
    assert compare_equivalent("max", 50, "USD", 40, "EUR") is None  # depends on the rate
    assert compare_equivalent("max", 50, "USD", 5, "%") is None


def test_a_money_limit_allowed_in_its_equivalent_is_executed_on_another_currency():
    from policydesk.assistant.condition_check import rule_checks
    from policydesk.core.types import Chunk, Rule

    quote = "The booking fee must not exceed USD 50 or its equivalent in local currency per ticket."
    rule = Rule(id="r", quote=quote, decision="reject", conditions=["max:50 USD"])
    chunk = Chunk(id="c", text=quote, source="tickets.txt")
    cond = [parse_condition("max:50 USD")]
    assert rule_checks(rule, chunk, cond, read_case_facts("our booking fee is £90"))[0].result == "unmet"
    assert rule_checks(rule, chunk, cond, read_case_facts("our booking fee is £20"))[0].result == "met"
    plain = rule.model_copy(update={"quote": "The booking fee must not exceed USD 50 per ticket."})
    assert rule_checks(plain, chunk.model_copy(update={"text": plain.quote}), cond, read_case_facts("our booking fee is £90"))[0].result == "unknown"


def test_counts_of_an_unnarrowed_noun_need_that_noun():
    assert counts_of("trips", "We logged 30 trips and 40 guided trips") == [(30.0, "30 trips")]


POLICY = """Garden Machinery Advertising Standard

1. Scope

This standard covers ads for pressure washers and leaf blowers.

4. Power limits

4.1 Ads must not promote a pressure washer with a motor power above 2.2 kW, except as set out in 4.2.

4.2 Exception to 4.1: trailer-mounted pressure washers may be advertised with a motor power of up to 5 kW. No pressure washer with a motor power above 5 kW may be advertised.
"""


@pytest.fixture(scope="module")
def garden_store(tmp_path_factory):
    from tests.policy_store import ingest_policy

    return ingest_policy(tmp_path_factory, "garden", {"garden.txt": POLICY})


@pytest.mark.parametrize(
    "question, verdict",
    [
        # the labelled exception, met, lifts the limit it names by number (assistant/precedence.py)
        ("Trailer-mounted pressure washer, 4 kW motor, ad for contractors", "approve"),
        # its own bound is its condition: above it the exception is not for the case
        ("Trailer-mounted pressure washer, 6 kW motor, ad for contractors", "reject"),
        ("Handheld pressure washer with a 3 kW motor", "reject"),
        ("Handheld pressure washer with a 1.8 kW motor", "approve"),
    ],
)
def test_a_labelled_exception_lifts_its_limit_only_up_to_its_own(garden_store, question, verdict):
    from tests.policy_store import ask_in

    answer = ask_in(question, garden_store, market="GB")
    assert answer.verdict == verdict, answer.answer
