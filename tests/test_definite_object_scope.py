"""A duty of the advertiser about something the sentence before introduced ("The advertiser is
required to supply the registration numbers to us on request") governs what that sentence
governs.

Why: its subject is a party every case has and it names no thing of its own, so it restricted
every case of its clause; "the registration numbers" are those of the registration the rule
before it requires of veterinary practices, and a dog breeder's ad in the same paragraph owes
none. Real store, real model, a policy written here.
"""

from __future__ import annotations

import pytest

from policydesk.core.clause_logic import read_clause_logic
from policydesk.core.types import Chunk
from tests.policy_store import ask_in, ingest_policy

FIRST = ("Ads for financial advice firms may only be run by firms whose advisers hold a current authorisation "
         "with the national financial regulator. ")


def _rules(text):
    return read_clause_logic(Chunk(id="x", text=text, source="a.md", section="Rules"), {})


@pytest.mark.parametrize(
    "second",
    [
        "The advertiser is required to supply the authorisation numbers to us on request.",
        "Advertisers must keep those authorisation records for two years.",
        "You must send us the authorisation certificate on request.",
    ],
)
def test_a_party_duty_about_a_definite_thing_named_before_takes_its_scope(second):
    rules = _rules(FIRST + second)
    assert rules[1].scope == rules[0].scope and "financial" in rules[1].scope


@pytest.mark.parametrize(
    "second",
    [
        "The advertiser is required to supply the company address to us on request.",  # nothing named before
        "The advertiser is required to supply authorisation numbers to us on request.",  # not definite
        "Firms are required to supply the authorisation numbers to us on request.",  # a subject of its own
    ],
)
def test_otherwise_the_sentence_keeps_its_own_reading(second):
    rules = _rules(FIRST + second)
    assert rules[1].scope != rules[0].scope


POLICY = """# Finance

This policy covers ads for financial products and services.

## Authorisation

Ads for financial advice firms may only be run by firms whose advisers hold a current registration with the national financial regulator. The advertiser is required to supply the registration numbers to us on request, and ads from firms that cannot do so will not be accepted. Mortgage brokers who advertise home loans must hold a broker licence, and the licence number must appear in the ad.
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return ingest_policy(tmp_path_factory, "definite_object", {"finance.md": POLICY})


def test_the_duty_written_for_advice_firms_does_not_bind_a_mortgage_broker(store):
    a = ask_in("Ad for our mortgage brokerage's home loans. We hold a broker licence and the licence number is shown in the ad. OK to run?", store)
    assert a.verdict == "approve", (a.verdict, a.answer)


def test_the_duty_still_binds_an_advice_firm(store):
    a = ask_in("Ad for our financial advice firm. Can we run it?", store)
    assert a.verdict != "approve", (a.verdict, a.answer)
