"""A limit or a claim ban decides only a case whose facts trigger it (session 22).

Two mechanisms, with invented sentences:
- what a limit is an amount OF ("more than 300 mg of theobromine per day",
  core/measures.py `limit_noun`): a case saying it has none of the thing keeps a cap on it
  (`states_none`); a case that never names the thing states no number of it, so its numbers of
  something else ("8 g daily" of another powder) neither meet nor break the cap;
- a claim ban's trailing trigger ("must not describe a cereal as "light" where the cereal contains more
  than 10 g of fat per 100 g", core/condition_reading.py `claim_ban_trigger`): the ban binds only
  a case inside the trigger that makes a banned claim (assistant/condition_check.py
  `_claim_ban_triggered`); and a number after "per" ("per 100 g") is a reference amount, no
  amount the case has (core/casefacts.py).
"""

from __future__ import annotations

from policydesk.assistant.condition_check import parsed, rule_checks
from policydesk.core.casefacts import read_case_facts, read_quantities
from policydesk.core.condition_reading import claim_ban_trigger, executable_conditions
from policydesk.core.measures import limit_noun, states_none
from policydesk.core.types import Chunk, Rule

CAP = "A cocoa drink whose daily serving provides more than 300 mg of theobromine per day must not be advertised."
BAN = 'Cereal ads must not describe the product as "light" or "slimming" where the cereal contains more than 10 g of fat per 100 g.'


def _checks(quote: str, question: str, decision: str = "reject"):
    conditions = executable_conditions(quote, decision)
    rule = Rule(id="T#1/p1", quote=quote, decision=decision, conditions=conditions)  # type: ignore[arg-type]
    chunk = Chunk(id="c1", text=quote, source="t.md", title="T")
    return rule_checks(rule, chunk, parsed(conditions), read_case_facts(question))


def test_limit_noun_reads_what_the_amount_is_of():
    assert limit_noun(CAP, 300, "mg per day") == "theobromin"
    assert limit_noun(BAN, 10, "g") == "fat"
    assert limit_noun("Lozenges with no more than 40 mg of zinc and a dosage label may be sold.", 40, "mg") == "zinc"
    assert limit_noun("Loans with an APR above 36% must not be advertised.", 36, "%") is None
    assert limit_noun("a success fee of more than 20% of the damages", 20, "%") is None  # a share of a base
    assert limit_noun("Toys for children under 3 years of age must carry the warning.", 3, "years") is None  # what a time is


def test_states_none_reads_a_denial_of_the_thing_not_of_added_amounts():
    assert states_none("theobromin", "Our malt drink has no theobromine at all.") == "no theobromine"
    assert states_none("fat", "A fat-free yoghurt") == "fat-free"
    assert states_none("sugar", "Copy says no added sugar") is None
    assert states_none("theobromin", "Smooth focus with no theobromine crash") is None  # denies a crash
    assert states_none("theobromin", "no theobromine or other stimulants") == "no theobromine"


def test_a_case_with_none_of_the_capped_thing_keeps_the_cap():
    (check,) = [c for c in _checks(CAP, "Malt drink ad, 30 g per serving, no theobromine. OK?") if c.kind == "max"]
    assert check.result == "met"


def test_a_number_of_another_thing_does_not_break_the_cap():
    (check,) = [c for c in _checks(CAP, "Barley powder ad: 'take 8 g daily'. OK?") if c.kind == "max"]
    assert check.result == "unknown"
    # a number the case says is of the thing still decides
    (check,) = [c for c in _checks(CAP, "Drink ad: 450 mg theobromine per day. OK?") if c.kind == "max"]
    assert check.result == "unmet"


def test_claim_ban_trigger_reads_the_trailing_clause_of_a_claim_ban_only():
    assert claim_ban_trigger(BAN) == "the cereal contains more than 10 g of fat per 100 g"
    assert claim_ban_trigger("Ads for payday loans are not allowed if the APR exceeds 36%.") is None
    assert claim_ban_trigger("The fee must not exceed 4 weeks' rent where the annual rent is below £40,000.") is None


def test_a_claim_ban_does_not_bind_a_case_outside_its_trigger():
    checks = _checks(BAN, "Granola ad, 6.5 g fat per 100 g, copy 'Light and crunchy.' OK?")
    assert {c.result for c in checks} == {"met"}


def test_a_claim_ban_is_not_broken_by_a_case_making_none_of_its_claims():
    checks = _checks(BAN, "Granola ad with unknown fat, copy 'Crunchy oat clusters.' OK?")
    assert {c.result for c in checks} == {"met"}


def test_a_claim_inside_the_trigger_still_breaks_the_ban():
    checks = _checks(BAN, "Granola ad, 14 g fat per 100 g, copy 'Light and crunchy.' OK?")
    assert "unmet" in {c.result for c in checks}


def test_a_claim_with_no_stated_amount_is_what_must_hold():
    checks = _checks(BAN, "Granola ad, copy 'Light and crunchy.' OK?")
    assert "unmet" not in {c.result for c in checks} and "unknown" in {c.result for c in checks}


def test_a_number_after_per_is_a_reference_amount():
    got = read_quantities("Snack bar, 6.5 g fat per 100 g, for adults")
    assert [q.text for q in got] == ["6.5 g"]
