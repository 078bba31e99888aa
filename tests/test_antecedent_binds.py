"""A requirement that opens with the condition it binds under ("If a raffle prize includes a
firearm, every entrant must be …") is about a case that has every noun of that condition, as
written or by a specific kind of it (WordNet), whatever its main clause's subject ("every
entrant") reads as (assistant/rule_binds.py `antecedent_binds`). An invented raffle policy and
invented questions; real clause logic, real rule execution."""

from __future__ import annotations

from policydesk.assistant.execute import run_rule
from policydesk.assistant.rule_binds import antecedent_binds
from policydesk.assistant.question import analyse
from policydesk.core.casefacts import read_case_facts
from policydesk.core.clause_logic import read_clause_logic
from policydesk.core.types import Chunk, Filters

TEXT = "If a raffle prize includes a firearm, every entrant must be at least 21 years old."
CHUNK = Chunk(
    id="raffles-2", source="raffles.md", title="Charity raffles", section="2. Requirements",
    clause_id=None, decision=None, markets=["global"], position=2, text=TEXT,
)
CHUNK.logic = read_clause_logic(CHUNK)
RULE = CHUNK.logic[0]


def _run(question: str):
    return run_rule(RULE, "prose", CHUNK, 0, read_case_facts(question, Filters()), 0.0, analyse(question, None).named)


def test_the_rule_reads_a_floor_for_an_entrant():
    assert RULE.decision == "restrict" and "min_age:21" in RULE.conditions


def test_a_kind_of_the_conditions_noun_binds_the_case_and_its_floor_is_executed():
    run = _run("Raffle for a hunting club, the prize is a shotgun, entry open to 18+.")
    assert run.applicable, run.reason
    assert "shotgun ~ firearm" in run.reason
    assert run.outcome == "reject"  # 18+ is under the 21 the requirement sets
    run = _run("Raffle for a hunting club, the prize is a rifle, entry open to 21+.")
    assert run.applicable and run.outcome == "approve"


def test_a_case_without_the_condition_is_not_bound():
    # A prize that is no firearm: the requirement's condition does not hold for the case.
    run = _run("Raffle for a cycling club, the prize is a bicycle, entry open to 18+.")
    assert not run.applicable
    facts = read_case_facts("Raffle for a cycling club, the prize is a bicycle, entry open to 18+.", Filters())
    assert antecedent_binds(RULE, CHUNK, facts) is None
    # Named only under a negation: the case says it does not have it.
    facts = read_case_facts("Raffle prize, no firearm or anything like it, entry open to 18+.", Filters())
    assert antecedent_binds(RULE, CHUNK, facts) is None
