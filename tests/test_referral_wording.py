"""Referrals as policies word them (core/reading.py `ESCALATE`, core/clause_logic.py
`referral_rules`): a named team of people decides, "on each ad individually", and the reviewer is
told not to decide alone. Invented domain: a sailing-schools policy."""

from __future__ import annotations

import pytest

from policydesk.core.clause_logic import read_clause_logic
from policydesk.core.reading import read_sentence
from policydesk.core.types import Chunk


@pytest.mark.parametrize("sentence", [
    "Ads for offshore racing courses are referred to the Marine Safety Specialist Team, which decides on each ad individually.",
    "Ads for yacht charters with a skipper are escalated to the Charter Review Panel.",
    "Ads for dinghy regattas must be sent to the Events and Sponsorship Desk, which decides each case individually.",
    "Do not approve or reject these ads yourself.",
    "Reviewers must not approve or reject these ads themselves.",
])
def test_wording_that_leaves_the_decision_to_people_escalates(sentence):
    assert read_sentence(sentence).decision == "escalate"


@pytest.mark.parametrize(("sentence", "decision"), [
    ("Ads must be sent to the printer.", "restrict"),  # no team of people, a duty
    ("We don't approve or reject ads based on politics.", "reject"),  # no reviewer told to leave it
])
def test_other_sentences_with_the_same_words_do_not(sentence, decision):
    assert read_sentence(sentence).decision == decision


def test_the_reviewers_instruction_is_about_the_referred_ads():
    text = ("9.1 Ads for offshore racing courses are referred to the Marine Safety Specialist Team, which decides on "
            "each ad individually. Reviewers must not approve or reject these ads themselves.")
    chunk = Chunk(id="s", source="sailing.md", title="Sailing schools", section="9. Case-by-case review",
                  clause_id=None, decision=None, markets=["global"], position=9, text=text)
    r1, r2 = [r for r in read_clause_logic(chunk) if r.decision == "escalate"]
    assert {"offshore", "racing", "courses"} <= set(r1.scope)
    # Read alone it sent every case to people (or only cases about reviewers): it is 9.1's.
    assert r2.scope == r1.scope
    assert not [r for r in read_clause_logic(chunk) if r.decision == "reject"]
