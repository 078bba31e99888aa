"""Sentences that state no rule for the ad never decide (session 24).

Why: three kinds of sentence carry a decision word but rule nothing an ad does, and read as
rules they decided cases with no condition to execute:

- a description of the world ("Water is unpredictable: it can change quickly and cannot be
  controlled"): its "cannot" is an ability, not a prohibition; no agent the policy governs
  (the ad, the advertiser, the product) is told anything (core/world_statement.py);
- policy administration ("Categories may be added only by the Policy Council"): who keeps the
  document, not what may run (core/policy_admin.py);
- applicability ("Clubs with more than 50 members are subject to this whole policy"): which
  things the policy covers; its rules are where they are written (core/applicability.py).

Wording invented here (boat licences, a category register, rowing clubs), the real reader.
A rule beside them ("Boat hire ads must not show passengers without life jackets", "Ads may
be removed by the review team", "Loans cannot exceed 36% APR") stays a rule.
"""

from __future__ import annotations

import pytest

from policydesk.core.applicability import states_applicability
from policydesk.core.policy_admin import administers_policy
from policydesk.core.reading import read_sentence, read_unit
from policydesk.core.world_statement import describes_world


@pytest.mark.parametrize("sentence", [
    "Water is unpredictable: it can change quickly and cannot be controlled.",
    "Tides are powerful: they cannot be predicted exactly and can be dangerous.",
    "Weather at sea may be affected by many things.",
    "Storm damage can't be undone once it has happened.",
])
def test_a_description_of_the_world_states_no_rule(sentence):
    assert describes_world(sentence)
    assert read_unit(sentence) == []
    assert read_sentence(sentence).decision is None


@pytest.mark.parametrize("sentence, decision", [
    ("Boat hire ads must not show passengers without life jackets.", "reject"),
    ("Jet skis cannot be advertised to under-16s.", "reject"),  # an act the policy governs
    ("Loans cannot exceed 36% APR.", "reject"),  # a limit on the thing sold
    ("You cannot promise a licence in a weekend.", "reject"),  # an agent the policy governs
    ("Licence courses cannot be sold without a safety module.", "reject"),
])
def test_a_prohibition_with_a_governed_agent_or_act_stays_a_rule(sentence, decision):
    assert not describes_world(sentence)
    assert read_sentence(sentence).decision == decision


def test_a_world_clause_beside_a_rule_leaves_the_rule():
    sentence = "Wind can change quickly, and skippers' ads must show the forecast."
    assert read_sentence(sentence).decision == "restrict"


@pytest.mark.parametrize("sentence", [
    "Categories may be added only by the Policy Council.",
    "Harbours may be removed from the register only by the Moorings Policy owner.",
    "This guide may be updated at any time.",
    "3.4 Regions are added to the list by the Compliance Board.",
])
def test_policy_administration_states_no_rule(sentence):
    assert administers_policy(sentence)
    assert read_unit(sentence) == []
    assert read_sentence(sentence).decision is None


@pytest.mark.parametrize("sentence", [
    "Ads may be removed by the review team.",  # an edit of an ad is a rule about it
    "Exceptions may be granted only by the Policy Council.",  # granting is no edit of the policy
    "Listings must be updated when the price changes.",
])
def test_an_edit_of_an_ad_or_a_grant_is_no_administration(sentence):
    assert not administers_policy(sentence)
    assert read_sentence(sentence).decision is not None


@pytest.mark.parametrize("sentence", [
    "Clubs with more than 50 members are subject to this whole policy.",
    "5.2 Rowing clubs that charge a joining fee, or that require a medical, are subject to the whole of this standard.",
    "Sailing schools are also covered by this guide.",
])
def test_applicability_states_no_rule(sentence):
    assert states_applicability(sentence)
    assert read_unit(sentence) == []
    assert read_sentence(sentence).decision is None


@pytest.mark.parametrize("sentence", [
    "Club ads must be 18+ and are subject to this policy.",  # a duty of its own before it
    "Club ads are subject to age verification.",  # a condition of its own, not the whole policy
])
def test_a_sentence_with_its_own_duty_is_no_applicability(sentence):
    # ("Club ads are subject to the age rules in section 4." points at rules executed where they
    # are stated: it states none of its own, core/exception_reading.py `deferring_provisos`.)
    assert not states_applicability(sentence)
    assert read_sentence(sentence).decision == "restrict"
