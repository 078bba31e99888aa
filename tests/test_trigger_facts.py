"""A requirement's trigger is executed against the case: a number the trigger compares
("if the total value of all prizes is more than USD 5,000, …") and a number's unit ("48
months") that only shares a stem with a trigger's word ("a monthly payment")."""

from policydesk.assistant.execute import run_rule
from policydesk.core.casefacts import read_case_facts
from policydesk.core.clause_logic import read_clause_logic
from policydesk.core.condition_reading import trigger_limits
from policydesk.core.types import Chunk, Filters

PRIZES = ("United States: if the total value of all prizes is more than USD 5,000 and the promotion is open to "
          "residents of New York or Florida, the sponsor must register the promotion and post a bond.")
MONTHLY = "If an ad states a monthly payment, it must also show the representative APR and the total amount payable."


def _run(text, question, market=None, title="Promotions"):
    chunk = Chunk(id="c1", text=text, source="p.md", policy_id="P", title=title)
    facts = read_case_facts(question, Filters(market=market))
    return [run_rule(r, "prose", chunk, 0, facts) for r in read_clause_logic(chunk)][0]


def test_trigger_limits_read_from_the_opening_condition():
    (lim,) = trigger_limits(PRIZES)
    assert (lim.kind, lim.value, lim.unit, lim.holds_when) == ("max", 5000.0, "USD", False)
    (lim,) = trigger_limits("In the UK, where a loan term is 12 months or more, the ad must state the APR.")
    assert (lim.kind, lim.value, lim.unit, lim.holds_when) == ("min", 12.0, "months", True)
    # a number in the requirement itself, a bare count, a clause-level "or": nothing to execute
    assert trigger_limits("The ad must state fees above $50.") == ()
    assert trigger_limits("If a draw has more than 3 prizes, the ad must list them.") == ()
    assert trigger_limits("If the prize is worth over $500 or the draw runs for more than 30 days, the ad must show the rules.") == ()


def test_a_number_outside_the_trigger_unbinds_the_requirement():
    run = _run(PRIZES, "US sweepstakes open nationwide, total prize value exactly $5,000.", market="US")
    assert not run.applicable and "$5,000" in run.reason


def test_a_number_inside_the_trigger_still_binds():
    run = _run(PRIZES, "US sweepstakes open nationwide, total prize value $12,000.", market="US")
    assert run.applicable and run.outcome == "restrict"


def test_no_number_or_another_dimension_still_binds():
    assert _run(PRIZES, "US sweepstakes open nationwide for a car.", market="US").applicable
    assert _run(PRIZES, "US sweepstakes running for 30 days.", market="US").applicable


def test_a_numbers_unit_does_not_name_a_per_unit_trigger_word():
    run = _run(MONTHLY, "Car finance ad: '0% APR representative over 48 months'.", title="Car finance")
    assert not run.applicable and "monthly payment" in run.reason


def test_the_trigger_word_itself_still_binds():
    run = _run(MONTHLY, "Car finance ad showing a monthly payment of £199.", title="Car finance")
    assert run.applicable and run.outcome == "restrict"
    # the unit written as the trigger writes it is the trigger's word
    term = _run("If an ad states a term in months, it must also show the total amount payable.",
                "Car finance ad over 48 months.", title="Car finance")
    assert term.applicable
