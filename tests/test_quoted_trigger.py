"""A requirement triggered by quoted wording binds only ads using it (issue #13,
core/condition_reading.py `requirement_trigger`): "Ads that use "no win, no fee" or similar
wording must state the maximum fee" is no requirement for an ad that says it does not use that
wording. Until session 18 the quotation's comma and quote marks ended the relative clause, so
the sentence read as binding every ad. All sentences are invented for these tests."""

from policydesk.assistant.execute import run_rule
from policydesk.assistant.rule_trigger import trigger_reason
from policydesk.core.casefacts import read_case_facts
from policydesk.core.clause_logic import read_clause_logic
from policydesk.core.condition_reading import requirement_trigger
from policydesk.core.terms import terms
from policydesk.core.types import Chunk, Filters

RULE = 'Ads that use "pay as you sail, no deposit" or similar wording must state the full hire price.'


def test_quoted_wording_is_part_of_the_trigger():
    assert requirement_trigger(RULE) == ('use "pay as you sail, no deposit" or similar wording', True)
    assert requirement_trigger('Ads that say "no deposit", "pay later" or similar must state the price.') == (
        'say "no deposit", "pay later" or similar', True)
    assert requirement_trigger("Ads that quote a fee must state the APR.") == ("quote a fee", True)


def _run(question):
    chunk = Chunk(id="c1", text=RULE, source="boats.md", policy_id="BOATS", title="Boat Hire Policy")
    rules = read_clause_logic(chunk)
    facts = read_case_facts(question, Filters())
    return rules[0], facts, run_rule(rules[0], "prose", chunk, 0, facts, question_terms=terms(question))


def test_a_denied_quoted_trigger_does_not_bind():
    rule, facts, run = _run("Boat hire firm in Norway. We don't use pay as you sail or no deposit wording.")
    assert "denies" in (trigger_reason(rule, facts) or "")
    assert not run.applicable


def test_a_used_quoted_trigger_binds():
    rule, facts, run = _run("Boat hire firm in Norway. Our ad says 'pay as you sail, no deposit'.")
    assert trigger_reason(rule, facts) is None
    assert run.applicable and run.outcome == "restrict"
