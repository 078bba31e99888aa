"""A limit with no subject of its own but its policy's topic (assistant/rule_binds.py
`topic_only_limit`): "0% finance. … We don't accept 0% claims on terms longer than 48 months."
under a "Boat sales and marine finance" policy reads its subject from the run-in label, a word
of the title. It binds a case that names that topic or states a number its limit compares
with; a case that does neither gives it nothing to run on and is not what it governs."""

from __future__ import annotations

import pytest

from policydesk.assistant.execute import run_rule
from policydesk.assistant.question import analyse
from policydesk.core.casefacts import read_case_facts
from policydesk.core.clause_logic import read_clause_logic
from policydesk.core.types import Chunk, Filters
from tests.policy_store import ask_in, ingest_policy

TEXT = ("0% finance. Ads promoting 0% APR are fine provided that the ad names the term the rate applies to. "
        "We don't accept 0% claims on terms longer than 48 months.")
CHUNK = Chunk(id="b", source="boats.md", title="Boat sales and marine finance", section="Allowed with restrictions",
              clause_id=None, decision=None, markets=["global"], position=2, text=TEXT)


def _limit_rule():
    rule = next(r for r in read_clause_logic(CHUNK) if r.quote.startswith("We don't accept"))
    assert rule.decision == "reject" and rule.conditions == ["max:48 months"]
    assert rule.scope == ["finance"]  # the label's word, the policy's topic
    return rule


def _run(question: str):
    return run_rule(_limit_rule(), "prose", CHUNK, 0, read_case_facts(question, Filters()), 0.0, analyse(question, None).named)


def test_a_case_naming_neither_the_topic_nor_a_number_is_not_the_limits():
    run = _run("Sailing school wants to advertise weekend courses with a guaranteed skipper certificate. Allowed?")
    assert not run.applicable and run.out_of_scope
    assert "policy's topic" in run.reason


def test_a_case_naming_the_topic_is_held_to_the_limit():
    run = _run("Can we advertise our boat finance offer?")
    assert run.applicable


def test_a_case_stating_a_number_the_limit_compares_with_is_held_to_it():
    run = _run("0% on a 60 month term for our sailing dinghies - ok?")
    assert run.applicable
    assert run.outcome == "reject"


def test_a_limit_with_a_subject_of_its_own_is_not_this_rule():
    chunk = CHUNK.model_copy(update={"text": "Dinghy loans may not run longer than 48 months."})
    rule = next(r for r in read_clause_logic(chunk))
    assert "finance" not in rule.scope
    question = "Sailing school wants to advertise weekend courses. Allowed?"
    run = run_rule(rule, "prose", chunk, 0, read_case_facts(question, Filters()), 0.0, analyse(question, None).named)
    assert "policy's topic" not in run.reason


POLICY = """---
policy_id: BOATS
title: Boat sales and marine finance
---
# Boat sales and marine finance

This policy covers ads for boats sold by dealers and the finance offered with them.

## Allowed with restrictions

0% finance. Ads promoting 0% APR are fine provided that the ad names the term the rate applies to. We don't accept 0% claims on terms longer than 48 months.

Audience. Finance ads must only be shown to people aged 18 or older.
"""


@pytest.fixture(scope="module")
def boat_store(tmp_path_factory):
    return ingest_policy(tmp_path_factory, "boats", {"boats.md": POLICY})


def test_in_a_real_store_a_case_stating_a_number_the_limit_compares_is_still_held_to_it(boat_store):
    # It names no word of the topic ("finance"), but its "60 months" is what the limit executes on.
    answer = ask_in("Our dealership offers 0% over 60 months - ok?", boat_store)
    assert answer.verdict == "reject"
    assert answer.trace is not None and answer.trace.decided_by == "BOATS#1/p2"
    limit = next(r for r in answer.trace.rules if r.rule_id == "BOATS#1/p2")
    assert limit.applicable and "policy's topic" not in limit.reason
