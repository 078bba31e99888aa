"""A case stating what it holds instead of a required credential (a pending application, its
own in-house check) fails the requirement; a case silent about it is left unknown, and a stated
credential stays met (assistant/credential_stand_in.py, condition_check.check_rule)."""

from __future__ import annotations

from policydesk.assistant.credential_stand_in import stand_in
from policydesk.assistant.execute import run_rule
from policydesk.core.casefacts import read_case_facts
from policydesk.core.clause_logic import read_clause_logic
from policydesk.core.terms import terms
from policydesk.core.types import Chunk, Filters

CLAUSE = "Ads for boiler servicing are accepted only from engineers registered with the Gas Safe Register."


def test_stand_ins_are_read():
    assert stand_in("Our Gas Safe application is under review, can we advertise?")
    assert stand_in("We have applied for registration and expect it next month.")
    assert stand_in("Every unit passes our own internal testing before dispatch.")
    assert stand_in("The kit is self-certified by the manufacturer.")
    assert stand_in("We're Gas Safe registered, can we advertise?") is None
    assert stand_in("Our in-house designers made the banner.") is None


def _run(question: str):
    chunk = Chunk(id=f"c{abs(hash(question))}", text=CLAUSE, source="boilers.md", policy_id="B", section="Who may advertise")
    rules = [r for r in read_clause_logic(chunk) if any(c.startswith("requires:") for c in r.conditions)]
    assert rules, read_clause_logic(chunk)
    facts = read_case_facts(question, Filters())
    return run_rule(rules[0], "prose", chunk, 0, facts, 0.0, set(terms(question)))


def test_a_pending_application_fails_the_requirement():
    run = _run("We service boilers and have applied to the Gas Safe Register - still waiting for a decision. Can we advertise boiler servicing?")
    assert any(k.result == "unmet" for k in run.checks), run.checks
    assert run.outcome == "reject", run


def test_a_silent_case_stays_unknown():
    run = _run("We service boilers. Can we advertise boiler servicing?")
    assert not any(k.result == "unmet" for k in run.checks), run.checks
    assert run.outcome != "reject", run


def test_a_credential_named_only_as_applied_for_is_not_held():
    from policydesk.assistant.credential_stand_in import applied_for

    assert applied_for("We've applied for OBA registration and are waiting on the decision. Can our ads run?")
    assert applied_for("We have applied to the Boat Authority for a licence; can we advertise charters?")
    # the moderator's "approve" is no credential held beside it
    assert applied_for("Our charter firm has applied for OBA certification and expects it in spring. Can we approve now?")
    assert applied_for("We hold OBA approval. We applied for a harbour licence in May.") is None
    # a credential held beside the application is still held
    assert applied_for("We are OBA licensed. We applied for membership of the guild last year.") is None
    assert applied_for("We've applied to the council and are waiting for a decision.") is None  # names no credential: stand_in reads it
