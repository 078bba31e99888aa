"""Session 20 subject readings, invented wording with the real reader and executor:

- a subject narrowed by what its things lack ("with no sail") is not about a thing the case
  says has it, and the lacked word is no scope word (core/privative.py,
  assistant/privative_scope.py);
- "from 5 kg up to 20 kg" is a range with both ends (core/condition_reading.py);
- a market's clause "…, except in NZ, where kayaks of 4 m or more must be registered and the ad
  must say so" binds the duty to NZ, its subject's size being which kayaks it is for, and the
  clause naming no market ("no registration statement is required") requires nothing;
- a case naming no market is not bound by conditions written for named markets
  (assistant/rule_markets.py)."""

from policydesk.assistant.execute import run_rule
from policydesk.assistant.privative_scope import has_what_it_lacks
from policydesk.assistant.rule_markets import local_conditions
from policydesk.assistant.condition_check import parsed
from policydesk.core.casefacts import read_case_facts
from policydesk.core.clause_logic import read_clause_logic
from policydesk.core.condition_reading import executable_conditions
from policydesk.core.privative import lacked_in_subject
from policydesk.core.subject_measure import subject_measure
from policydesk.core.types import Chunk, Filters


def test_what_a_subject_lacks():
    assert lacked_in_subject("Exception: kayaks under 20 kg with no sail may be sold to users aged 12 or over.") == ["sail"]
    assert lacked_in_subject("Canoes without a rudder may run there.") == ["rudder"]
    # a gerund after "without" is not doing something, and a lack outside the subject is none
    assert lacked_in_subject('"Certified" without naming the body is not allowed.') == []
    assert lacked_in_subject("Kayaks may be sold without a warranty card.") == []
    rule = "Exception: kayaks under 20 kg with no sail may be sold to users aged 12 or over."
    assert has_what_it_lacks(rule, "Our 15 kg kayak now comes with a small sail.")
    assert has_what_it_lacks(rule, "Our 15 kg kayak, no sail, for beginners.") is None
    assert has_what_it_lacks(rule, "Our 15 kg kayak for beginners.") is None  # silent: may be one


def test_a_permission_for_things_without_x_does_not_govern_a_thing_with_x():
    chunk = Chunk(id="c1", text="- Exception: kayaks under 20 kg with no sail may be targeted at users aged 12 or over.",
                  source="k.md", policy_id="K", title="Kayaks", markets=[])
    [rule] = read_clause_logic(chunk)
    assert rule.scope == ["kayaks"]  # "sail" is what they lack, no word the case must name
    facts = read_case_facts("Our 15 kg kayak comes with a sail. Can we target users aged 12 and over?", Filters(market=None))
    run = run_rule(rule, "prose", chunk, 0, facts, question_terms={"kayak", "sail", "target", "users"})
    assert not run.applicable and "without sail" in run.reason


def test_a_range_from_one_size_up_to_another():
    assert executable_conditions("Kayaks from 5 kg up to 20 kg: the ad must state the load limit.", "restrict") == [
        "max:20 kg", "min:5 kg", "requires:disclosure"]
    measure = subject_measure("- [ ] Kayaks from 5 kg up to 20 kg: the ad must state the load limit.")
    assert [(m.kind, m.value, m.unit) for m in measure.limits] == [("min", 5.0, "kg"), ("max", 20.0, "kg")]
    assert executable_conditions("Sales run from 5 November to 8 November.", "restrict") == []


def test_a_market_clause_binds_its_duty_there_and_its_subject_size_is_no_requirement():
    text = ("Kayaks under 25 kg: no registration statement is required, except in NZ, where kayaks of 15 kg or more "
            "must be registered and the ad must say so.")
    # not min:15 kg (a 10 kg kayak in NZ breaks nothing), not a statement required everywhere
    assert executable_conditions(text, "restrict") == ["max:25 kg", "requires:disclosure@NZ"]


def test_a_case_naming_no_market_is_not_bound_by_a_condition_for_a_named_market():
    conds = parsed(["max:20 kg", "requires:disclosure@NZ"])
    here, elsewhere = local_conditions(conds, None)
    assert [str(c) for c in here] == ["max:20 kg"] and "names no market" in elsewhere[0]
    here, _ = local_conditions(conds, "NZ")
    assert [str(c) for c in here] == ["max:20 kg", "requires:disclosure@NZ"]
