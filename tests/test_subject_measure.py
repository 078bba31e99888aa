"""A measure in a rule's subject (core/subject_measure.py read, assistant/subject_measure.py
executed) says which things the rule governs: a case stating a number outside it is not
governed (the rule is set aside, traced), one inside it is, and one stating none leaves the
scope unknown (restrict, the measure listed as what must hold). Units convert within a
dimension only. Invented policy wording, real reading and execution."""

from policydesk.assistant.execute import run_rule
from policydesk.assistant.precedence import decide
from policydesk.core.casefacts import read_case_facts
from policydesk.core.clause_logic import read_clause_logic
from policydesk.core.subject_measure import subject_measure
from policydesk.core.types import Chunk, Filters


def _runs(text, question):
    chunk = Chunk(id="c1", text=text, source="tools.txt", policy_id="P", title="Garden tools", markets=[])
    facts = read_case_facts(question, Filters(market=None))
    return [run_rule(r, "prose", chunk, 0, facts, question_terms=None) for r in read_clause_logic(chunk)]


def _verdict(text, question):
    return decide(_runs(text, question))


def test_reads_the_measure_of_the_subject_only():
    sm = subject_measure("[ ] OK: non-locking pruning saws with a blade of 7.62 cm (3 inches) or less.")
    assert sm is not None and [(l.kind, l.value, l.unit, l.holds_when) for l in sm.limits] == [("max", 7.62, "cm", True)]
    label = subject_measure("Any hedge trimmer longer than 60 cm: 18+ targeting, and ad must not show it used near people.")
    assert label is not None and [(l.kind, l.value, l.unit, l.holds_when) for l in label.limits] == [("max", 60.0, "cm", False)]
    fewer = subject_measure('Ex-demonstration mowers with fewer than 1,000 miles (1,600 km) on the clock may be described as "nearly new".')
    assert fewer is not None and [(l.kind, l.value, l.unit, l.holds_when) for l in fewer.limits] == [("min", 1000.0, "miles", False)]
    # the measure in the predicate is a requirement, not which things the rule governs
    assert subject_measure("Fuel canisters must be 100 ml or less.") is None
    # a conditional clause is the trigger reader's; an age is the audience rules'
    assert subject_measure("If the total value of all prizes is more than USD 5,000, the sponsor must register.") is None
    assert subject_measure("Users under 18 years must not be targeted.") is None
    # a list item with no verb read may be a requirement under its lead ("Sellers must meet:")
    assert subject_measure("- The company holds public liability insurance of at least USD 1,000,000.") is None
    # the alternatives the measure does not qualify are kept
    alt = subject_measure("Petrol saws, or any electric saw longer than 40 cm: allowed, but must not be shown used by children.")
    assert alt is not None and alt.others == ("Petrol saws",)


# A checklist item with no modal: the permission's gate reader (condition_reading
# `permission_subject_conditions`) reads "may" sentences; this one is the subject's measure.
POLICY = "OK: pruning saws with a blade of 30 cm or less."


def test_outside_the_measure_sets_the_rule_aside_and_inside_keeps_it():
    out = [r for r in _runs(POLICY, "A pruning saw with a 12 inch blade") if "pruning" in r.rule.quote]
    assert out and not out[0].applicable and "12 inch" in out[0].reason and out[0].untriggered
    inside = [r for r in _runs(POLICY, "A pruning saw with a 25 cm blade") if "pruning" in r.rule.quote]
    assert inside and inside[0].applicable and inside[0].outcome == "approve"
    # 10 inches is 25.4 cm: converted within the dimension
    inch = [r for r in _runs(POLICY, "A pruning saw with a 10 inch blade") if "pruning" in r.rule.quote]
    assert inch and inch[0].applicable and inch[0].outcome == "approve"


def test_no_measure_stated_leaves_the_scope_unknown():
    for policy in (POLICY, "OK: pruning saws with a blade of 30 cm (12 inches) or less."):
        runs = [r for r in _runs(policy, "Can we advertise our pruning saw?") if "pruning" in r.rule.quote]
        assert runs and runs[0].applicable and runs[0].outcome == "restrict"
        assert any(c.result == "unknown" and "30 cm" in c.requirement for c in runs[0].checks)


def test_a_restated_measure_is_one_measure():
    policy = "OK: pruning saws with a blade of 30 cm (12 inches) or less."
    out = [r for r in _runs(policy, "A pruning saw with a 14 inch blade") if "pruning" in r.rule.quote]
    assert out and not out[0].applicable
    inside = [r for r in _runs(policy, "A pruning saw with a 20 cm blade") if "pruning" in r.rule.quote]
    assert inside and inside[0].applicable and inside[0].outcome == "approve"


def test_never_compares_across_dimensions():
    runs = [r for r in _runs(POLICY, "A pruning saw weighing 2 kg") if "pruning" in r.rule.quote]
    assert runs and runs[0].applicable and runs[0].outcome == "restrict"


def test_a_prohibition_of_things_over_a_size():
    ban = "Chainsaws with a bar of 50 cm or more are prohibited."
    assert _verdict(ban, "Chainsaw with a 60 cm bar").decision == "reject"
    small = [r for r in _runs(ban, "Chainsaw with a 35 cm bar") if "Chainsaws" in r.rule.quote]
    assert small and not small[0].applicable
    unknown = [r for r in _runs(ban, "Can we advertise a chainsaw?") if "Chainsaws" in r.rule.quote]
    assert unknown and unknown[0].outcome == "restrict"


def test_a_limit_its_conditions_execute_is_left_to_them():
    # a prohibition's "above 36%" is its condition already (max:36%), executed as before
    runs = _runs("Loans with an APR above 36% are prohibited.", "A loan at 20% APR")
    assert all("within what it governs" not in r.reason and "it governs" not in r.reason for r in runs)


def test_a_measure_on_one_alternative_sets_the_rule_aside_only_for_a_case_of_none_of_the_others():
    from policydesk.core.terms import terms

    policy = "Petrol saws, or any electric saw longer than 40 cm: allowed, but must not be shown used by children."

    def run(question):
        chunk = Chunk(id="c1", text=policy, source="tools.txt", policy_id="P", title="Garden tools", markets=[])
        facts = read_case_facts(question, Filters(market=None))
        return [run_rule(r, "prose", chunk, 0, facts, question_terms=terms(question)) for r in read_clause_logic(chunk)][0]

    assert not run("An electric saw with a 30 cm blade").applicable
    assert run("A petrol saw with a 30 cm blade").applicable
    assert run("An electric saw with a 50 cm blade").applicable
