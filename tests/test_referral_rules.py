"""Sentences that send cases to people are read once, at ingest, into `escalate` rules the
answerer executes (subject named, threshold crossed); the sentence stating each condition is
stored with the clause, so the answer quotes it without re-reading prose per question; a marked
clause's subject words likewise."""

from __future__ import annotations

import json

import pytest

from policydesk.assistant.clause_rules import referrals_of, rules_of, stated_of
from policydesk.assistant.execute import run_rule
from policydesk.core.casefacts import read_case_facts
from policydesk.core.clause_logic import read_clause_logic, stated_conditions
from policydesk.core.errors import DocumentError
from policydesk.core.sidecar import parse_sidecar
from policydesk.core.terms import terms
from policydesk.core.types import Chunk, Filters

PRIZES = (
    "Prize draws run by car dealers must link to official rules that state the closing date. "
    "Prize draws that offer a cash prize of more than USD 100,000 are reviewed case by case."
)


def _chunk(text, section="Prizes", decision=None, clause_id=None):
    # a chunk id per text: the answerer caches the logic of chunks stored without it by id
    return Chunk(id=f"c{abs(hash((text, section, decision)))}", text=text, source="p.txt", policy_id="P", section=section, decision=decision, clause_id=clause_id)


def _escalates(chunk, question):
    (rule, origin), = referrals_of(chunk)
    run = run_rule(rule, origin, chunk, 0, read_case_facts(question, Filters()), question_terms=terms(question))
    return run.applicable and run.outcome == "escalate"


def test_a_referral_sentence_is_stored_as_an_escalate_rule_with_its_threshold():
    chunk = _chunk(PRIZES)
    logic = read_clause_logic(chunk)
    (referral,) = [r for r in logic if r.decision == "escalate"]
    assert referral.quote.startswith("Prize draws that offer a cash prize")
    assert referral.id.endswith("/r1")  # prose rules keep their /p numbering
    assert any(c.startswith("max:100000") for c in referral.conditions), referral.conditions
    assert "prize" in referral.scope
    # the rule a prose sentence states is still there, and numbered as before
    assert [r.id.rsplit("/", 1)[1] for r in logic if r.decision != "escalate"] == ["p1"]


def test_referrals_are_not_among_the_rules_a_clause_executes_by_itself():
    chunk = _chunk(PRIZES)
    chunk.logic = read_clause_logic(chunk)
    assert all(r.decision != "escalate" for r, _ in rules_of(chunk))
    assert [r.decision for r, _ in referrals_of(chunk)] == ["escalate"]


def test_a_referral_executes_its_threshold():
    chunk = _chunk(PRIZES)
    assert _escalates(chunk, "Our prize draw gives away $250,000 in cash. Can we advertise it?")
    assert not _escalates(chunk, "Our prize draw gives away a $500 cash prize. Can we advertise it?")


def test_a_referral_needs_its_subject_named():
    chunk = _chunk("Ads for car subscription services are reviewed case by case.")
    assert _escalates(chunk, "Can we advertise our car subscription service?")
    assert not _escalates(chunk, "Can we advertise a used hatchback with 40,000 miles?")


def test_a_heading_that_sends_cases_to_people_makes_its_permissions_referrals():
    chunk = _chunk("Advertisers may submit the product label for review.", section="Policy > Reviewed case by case")
    assert [r.decision for r in read_clause_logic(chunk)] == ["escalate"]


def test_no_referral_without_wording_that_sends_cases_to_people_or_under_a_marker():
    assert not [r for r in read_clause_logic(_chunk("Ads for used vehicles must state the mileage.")) if r.decision == "escalate"]
    marked = _chunk("Ads for car subscriptions are reviewed case by case.", decision="restrict", clause_id="CAR-1")
    assert not [r for r in read_clause_logic(marked) if r.decision == "escalate"]


def test_sidecar_escalate_rule_loads_and_a_sidecar_without_one_still_does():
    base = 'rules:\n  - id: P-1\n    quote: "Ads for car subscriptions are reviewed case by case."\n    decision: {d}\n'
    assert parse_sidecar("p.txt.rules.yaml", base.format(d="escalate")).rules[0].decision == "escalate"
    assert parse_sidecar("p.txt.rules.yaml", base.format(d="reject")).rules[0].decision == "reject"
    with pytest.raises(DocumentError):
        parse_sidecar("p.txt.rules.yaml", base.format(d="refer"))


def test_schema_lists_escalate():
    from pathlib import Path

    schema = json.loads((Path(__file__).parents[1] / "rules" / "schema.json").read_text())
    assert "escalate" in schema["properties"]["rules"]["items"]["properties"]["decision"]["enum"]


def test_a_clause_marker_cannot_declare_escalate():
    from policydesk.core.types import CLAUSE_DECISIONS, RULE_DECISIONS

    assert "escalate" not in CLAUSE_DECISIONS and "escalate" in RULE_DECISIONS


FLOORS = """Alcohol ads must not target users under the legal drinking age.
- 18+ in Singapore (SG).
- 21+ in the United States (US) and Malaysia (MY).
"""


def test_the_sentence_stating_each_condition_is_stored_per_decision():
    chunk = _chunk(FLOORS, decision="reject", clause_id="ALC-2")
    chunk.logic = read_clause_logic(chunk)
    stated = stated_conditions(chunk, chunk.logic)
    us = [s for s in stated if s.quote.startswith("- 21+")]
    assert us and all(s.decision == "reject" for s in stated)
    assert any(c.startswith("min_age:21@") for c in us[0].conditions)
    # nothing stored for a sentence that states no condition, nor for a decision no rule has
    assert not [s for s in stated if s.decision != "reject"]
    chunk.stated = stated
    assert stated_of(chunk) == stated  # answering reads the stored ones


def test_a_marked_clause_subject_is_read_from_the_store():
    from policydesk.assistant.scope_reason import clause_subject_words
    from policydesk.core.clause_logic import clause_subject

    chunk = _chunk("Crypto exchange ads are prohibited in Singapore.", decision="reject", clause_id="CRY-1")
    assert clause_subject(chunk.text) == ["crypto", "exchange"]
    chunk.logic = read_clause_logic(chunk)
    chunk.subject = ["stored"]  # what ingest stored is what answering uses, not a re-reading
    assert clause_subject_words(chunk) == ["stored"]
    chunk.logic = []  # a chunk stored without logic (an older store) is read
    assert clause_subject_words(chunk) == ["crypto", "exchange"]
