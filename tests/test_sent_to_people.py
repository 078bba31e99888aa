"""A clause that sends its cases to people ("… are reviewed case by case") decides `escalate`
for the case it covers, even when a neighbouring clause's rule would restrict it; its stated
threshold still has to be crossed. Real ingest, model and chain on a small prose policy."""

from __future__ import annotations

import pytest
from tests.policy_store import ask_in, ingest_policy

POLICY = """Car sales and finance

1. What is allowed with restrictions

Used vehicles. Ads for used vehicles are allowed as long as the ad states the model year and the mileage.
If an ad states a monthly payment, it must also show the representative APR, the number of payments and the total amount payable.

2. Prizes

Prize draws run by car dealers must link to official rules that state the closing date.

3. Reviewed case by case

Ads for car subscription services, where a single monthly fee covers the vehicle, insurance and maintenance, are reviewed case by case.
Prize draws that offer a cash prize of more than USD 100,000, or the equivalent in another currency, are reviewed case by case.
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return ingest_policy(tmp_path_factory, "people", {"car_sales.txt": POLICY})


def _ask(q, settings):
    return ask_in(q, settings)


def test_the_clause_that_sends_the_subject_to_people_decides(store):
    a = _ask("Car subscription offer: one monthly fee covers the car, insurance and servicing. Can we advertise it?", store)
    assert a.verdict == "escalate", a.answer
    assert "case by case" in a.citations[0].quote


def test_its_threshold_must_be_crossed(store):
    over = _ask("Our dealership prize draw gives away $250,000 in cash. Can we advertise it?", store)
    assert over.verdict == "escalate", over.answer
    under = _ask("Our dealership prize draw gives away a $500 fuel card. Can we advertise it?", store)
    assert under.verdict != "escalate", under.answer
