"""A requirement triggered by what its subject is ("Where fuel is included, the ad must say how
much") does not bind a case that says its subject is not that ("fuel not included"):
assistant/rule_trigger.py `denied_predicate`. Sentences invented for these tests."""

from policydesk.assistant.execute import run_rule
from policydesk.assistant.rule_trigger import denied_predicate, trigger_reason
from policydesk.core.casefacts import read_case_facts
from policydesk.core.clause_logic import read_clause_logic
from policydesk.core.terms import terms
from policydesk.core.types import Chunk, Filters

RULE = "Where fuel is included, the ad must say how many litres the hire price covers."


def _run(question):
    chunk = Chunk(id="c1", text=RULE, source="boats.md", policy_id="BOATS", title="Boat Hire Policy")
    rules = read_clause_logic(chunk)
    facts = read_case_facts(question, Filters())
    return rules[0], facts, run_rule(rules[0], "prose", chunk, 0, facts, question_terms=terms(question))


def test_a_case_denying_the_predicate_of_the_trigger_is_not_bound():
    assert denied_predicate("fuel is included", {"fuel"}, "Motor boat hire, fuel not included, 4 hours.") == "included"
    rule, facts, run = _run("Motor boat hire ad: £120 for 4 hours, fuel not included. OK?")
    assert trigger_reason(rule, facts) == 'it binds ads where fuel is included, which the case denies ("not included")'
    assert not run.applicable


def test_a_case_affirming_it_or_silent_stays_bound():
    assert denied_predicate("fuel is included", {"fuel"}, "Motor boat hire, fuel included.") is None
    assert denied_predicate("fuel is included", set(), "Motor boat hire, not included: lifejackets.") is None
    rule, facts, _ = _run("Motor boat hire ad: £120 for 4 hours with fuel included. OK?")
    assert trigger_reason(rule, facts) is None
