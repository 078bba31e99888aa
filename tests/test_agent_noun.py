"""The doer the case says the advertiser is (assistant/agent_noun.py): "We buy gold" names the
"gold buyers" a clause writes, so the clause's requirement runs instead of the case escalating
as uncovered. Invented policy wording, real reading and execution."""

from policydesk.assistant.agent_noun import agent_nouns, doer_terms
from policydesk.assistant.execute import run_rule
from policydesk.core.casefacts import read_case_facts
from policydesk.core.clause_logic import read_clause_logic
from policydesk.core.terms import terms
from policydesk.core.types import Chunk, Filters

RULE = "Gold buyers may advertise only if they hold anti-money-laundering registration in every market the ad targets."


def _runs(question):
    chunk = Chunk(id="c1", text=RULE, source="gold.md", policy_id="P", title="Pawnbroking and gold buying", markets=[])
    facts = read_case_facts(question, Filters(market=None))
    return [run_rule(r, "prose", chunk, 0, facts, question_terms=terms(question)) for r in read_clause_logic(chunk)]


def test_agent_nouns_of_a_verb():
    assert "buyer" in agent_nouns("buy")
    assert "baker" in agent_nouns("bake")
    assert "shipper" in agent_nouns("ship")
    assert "supplier" in agent_nouns("supply")


def test_first_person_doing_names_the_doer_the_clause_writes():
    assert doer_terms("We buy gold, can we run ads?", RULE) == {"buyer"}
    assert doer_terms("I'm buying old gold", RULE) == {"buyer"}
    assert doer_terms("we also buy silver", RULE) == {"buyer"}
    # no first-person doing, or a doer the clause does not write: nothing added
    assert doer_terms("Can gold be bought through ads?", RULE) == set()
    assert doer_terms("We sell gold", RULE) == set()


def test_the_doers_requirement_runs_and_leaves_its_licence_unknown():
    said = [r for r in _runs("We buy gold and want to run ads. What is needed?") if r.applicable]
    assert said and all(r.outcome == "restrict" for r in said)
    assert any(k.result == "unknown" for r in said for k in r.checks)
    # without the advertiser doing it, "gold" is only the policy's topic: no buyer is named
    assert not any(r.applicable for r in _runs("Gold bought for cash, can we run ads?"))
