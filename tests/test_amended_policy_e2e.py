"""An amended numbered policy, end to end: real ingest, real model, a policy written here.

Why (session 20): amendments listed after a policy's clauses ("R1 (clause 2.1). The cap is 2
days' rental (previously 3 days).", "PT is added to the markets …") were read as sentences of
their own, so the original clause still decided; "Ads targeting any other market are not
accepted" refused the listed markets too; a limit with a trailing trigger held the trigger's
measure to a floor; an exception the ban points to ("except as set out in 3.2") did not apply
unless the case repeated its words.
"""

from __future__ import annotations

import pytest

POLICY = """Bike Rental Advertising Standard

1. Markets

1.1 Bike rental ads are accepted only in FR, ES and IT. Ads targeting any other market are not accepted under this standard.

2. Deposits

2.1 A damage deposit must not exceed 3 days' rental.

2.2 In ES, the helmet fee must not exceed €40 where the rental lasts more than 7 days.

3. Rewards

3.1 Ads must not offer gifts, vouchers or other rewards for booking a bike, except as set out in 3.2.

3.2 An ad may offer a booking reward worth no more than €30 per rider.

4. Amendments

R1 (clause 2.1). The damage-deposit cap is 2 days' rental (previously 3 days).

R2 (clause 1.1). PT is added to the markets in which bike rental ads are accepted.
"""


@pytest.fixture(scope="module")
def bikes_store(tmp_path_factory):
    from tests.policy_store import ingest_policy

    return ingest_policy(tmp_path_factory, "bikes", {"bikes.txt": POLICY})


@pytest.mark.parametrize(
    "question, market, verdict",
    [
        # the amended cap (2 days), not the original 3
        ("Our bike rental ad asks for a damage deposit of 3 days' rental.", "FR", "reject"),
        ("Our bike rental ad asks for a damage deposit of 2 days' rental.", "FR", "approve"),
        # the market the amendment added is accepted; one outside the list still is not
        ("Can we run our bike rental ads in Portugal?", "PT", "approve"),
        ("Can we run our bike rental ads in Germany?", "DE", "reject"),
        # a listed market is not "any other market"
        ("Can we run our bike rental ads in Italy?", "IT", "approve"),
    ],
)
def test_the_policy_as_amended_decides(bikes_store, question, market, verdict):
    from tests.policy_store import ask_in

    answer = ask_in(question, bikes_store, market=market)
    assert answer.verdict == verdict, answer.answer


def test_the_trace_quotes_the_amendment(bikes_store):
    from tests.policy_store import ask_in

    answer = ask_in("Our bike rental ad asks for a damage deposit of 3 days' rental.", bikes_store, market="FR")
    assert any("previously 3 days" in r.reason for r in answer.trace.rules), [r.reason for r in answer.trace.rules]


@pytest.mark.parametrize(
    "question, verdict",
    [
        ("A 3 day bike rental in Spain, and the ad asks for a €60 helmet fee.", "approve"),
        ("A 10 day bike rental in Spain, and the ad asks for a €60 helmet fee.", "reject"),
    ],
)
def test_a_limit_binds_only_where_its_trigger_holds(bikes_store, question, verdict):
    from tests.policy_store import ask_in

    assert ask_in(question, bikes_store, market="ES").verdict == verdict


@pytest.mark.parametrize(
    "question, verdict",
    [
        ("Our rental ad offers a €20 voucher to every rider who books a bike.", "approve"),
        ("Our rental ad offers a €50 voucher to every rider who books a bike.", "reject"),
    ],
)
def test_the_exception_the_ban_points_to_applies_in_its_own_words(bikes_store, question, verdict):
    from tests.policy_store import ask_in

    answer = ask_in(question, bikes_store, market="FR")
    assert answer.verdict == verdict, answer.answer
