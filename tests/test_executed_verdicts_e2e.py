"""Issue 13's four sample-corpus questions, end to end on the real store, model and chain."""

from policydesk.assistant.chain import ask


def _rule(answer, rule_id):
    return next(r for r in answer.trace.rules if r.rule_id == rule_id)


def test_age_floor_met_falls_to_the_general_allowance(sample_store):
    a = ask("Can a beer brand target 19 year olds in Singapore?", settings=sample_store)
    assert a.verdict == "restrict", a.answer
    floor = _rule(a, "ALC-2")
    assert floor.outcome is None and floor.conditions[0].result == "met" and floor.conditions[0].fact == "audience 19"
    assert a.trace.decided_by == "ALC-1" and a.citations[0].clause_id == "ALC-1"
    assert all(r.rule_id != "ALC-5" or not r.applicable or r.outcome is None for r in a.trace.rules)  # promotions do not decide
    j = a.to_json()
    assert {"trace", "confidence", "route", "verdict", "citations", "conditions"} <= set(j) and 0 < j["confidence"] <= 1


def test_declared_reject_is_not_narrowed_by_wording(sample_store):
    a = ask("Can we run an ad for a vodka brand that shows people drinking while driving?", settings=sample_store)
    assert (a.verdict, a.verdict_source, a.trace.decided_by) == ("reject", "declared", "ALC-6")
    assert "driving" in a.citations[0].quote


def test_scope_prose_never_approves(sample_store):
    a = ask("Can I advertise a crypto exchange to users in France?", settings=sample_store)
    assert a.verdict == "restrict", a.answer
    assert "sets out the conditions" not in a.citations[0].quote
    assert a.route == "review"


def test_follow_ups_keep_the_subject_and_change_what_they_name(sample_store):
    q1 = "Can a beer brand target 19 year olds in Singapore?"
    first = ask(q1, settings=sample_store)
    germany = ask("and in Germany?", settings=sample_store, history=[(q1, first.answer)])
    assert germany.verdict == "restrict" and germany.filters.get("market") == "DE"
    younger = ask("what about 17 year olds?", settings=sample_store, history=[(q1, first.answer)])
    assert younger.verdict == "reject" and younger.trace.facts["ages"] == "17"
    us = ask("and in the US?", settings=sample_store, history=[(q1, first.answer)])
    assert us.verdict == "reject" and "21+" in us.answer
