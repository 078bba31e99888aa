"""A referral whose subject is qualified by a relative clause ("devices that combine A with B",
"products … or that are marketed for X") sends a case to people when the case names what the
clause says: both parts of a combination, one alternative of a purpose
(assistant/whole_referral.py `names_qualified_subject`, verdict_steps._referral_naming)."""

from __future__ import annotations

import pytest

from policydesk.assistant.question import named_terms
from policydesk.assistant.whole_referral import names_qualified_subject
from tests.policy_store import ask_in, ingest_policy

COMBINE = ("Ads for dual appliances that combine a pressure cooker with air-fryer, grill or "
           "dehydrator baskets in one housing are decided case by case by the Kitchen Safety team.")
PURPOSE = ("Ads for drinks that mix herbal extracts with alcohol, or that are marketed for "
           "exam revision or night shifts, must be referred to the Beverage Review team.")

POLICY = """---
policy_id: KITCHEN
title: Kitchen appliances
---
# Kitchen appliances

This policy covers ads for kitchen appliances.

## Pressure cookers

- Ads for pressure cookers must state the maximum operating pressure.

## Specialist review

- Ads for dual appliances that combine a pressure cooker with air-fryer, grill or dehydrator baskets in one housing are decided case by case by the Kitchen Safety team. Reviewers must refer these ads.
"""


@pytest.fixture(scope="module")
def kitchen_store(tmp_path_factory):
    return ingest_policy(tmp_path_factory, "kitchen", {"kitchen.md": POLICY})


def test_a_combination_needs_both_parts_named():
    both = "Our cooker is a pressure cooker with a built-in air fryer lid. Can we advertise it?"
    assert names_qualified_subject(COMBINE, named_terms(both))
    one = "Our stovetop pressure cooker, 6 litres. Can we advertise it?"
    assert not names_qualified_subject(COMBINE, named_terms(one))
    other = "A standalone air fryer with a grill plate. Can we advertise it?"
    assert not names_qualified_subject(COMBINE, named_terms(other))


def test_a_purpose_clause_needs_one_alternative():
    assert names_qualified_subject(PURPOSE, named_terms("Our sparkling drink for night shifts, no alcohol. OK?"))
    assert not names_qualified_subject(PURPOSE, named_terms("Our sparkling drink with ginger. OK?"))
    # the verb inside the relative clause ("that are marketed") is not the sentence's main verb
    assert names_qualified_subject(PURPOSE, named_terms("Lemon drink for exam revision weeks. OK?"))


def test_a_subject_without_a_relative_clause_is_not_read_here():
    plain = "Ads for pressure cookers are decided case by case by the Kitchen Safety team."
    assert not names_qualified_subject(plain, named_terms("Our pressure cooker. OK?"))


def test_the_combined_appliance_is_sent_to_people(kitchen_store):
    answer = ask_in("Our new multicooker is a pressure cooker with an air-fryer basket in the same lid. Can we run the launch ad?", kitchen_store)
    assert answer.verdict == "escalate", answer.answer


def test_the_plain_appliance_is_answered(kitchen_store):
    answer = ask_in("Our stovetop pressure cooker ad states the maximum operating pressure. Can we run it?", kitchen_store)
    assert answer.verdict != "escalate", answer.answer
