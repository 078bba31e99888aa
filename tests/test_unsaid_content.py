"""Session 22: a prohibition of content ("must not show X", "must not use fear to …", "must not
claim Y") is broken only by a case that says the ad does the banned thing. A case that neither
states nor denies it leaves the ban held (met, "the case names none of it"), so the verdict
comes from the clause's other rules; a case that says the ad does it is still rejected.
Invented policy wording, real reading and execution."""

from policydesk.assistant.execute import run_rule
from policydesk.assistant.precedence import decide
from policydesk.core.casefacts import read_case_facts
from policydesk.core.clause_logic import read_clause_logic
from policydesk.core.types import Chunk, Filters


def _runs(text, question):
    chunk = Chunk(id="c1", text=text, source="boats.txt", policy_id="P", title="Boat hire", markets=[])
    facts = read_case_facts(question, Filters(market=None))
    return [run_rule(r, "prose", chunk, 0, facts, question_terms=None) for r in read_clause_logic(chunk)]


BAN = "An ad must not use shame or panic to rush a booking, for example by saying a family trip will be ruined."
PERMIT = "Boat hire ads are allowed. " + BAN


def test_a_content_ban_the_case_says_nothing_of_is_held():
    runs = _runs(BAN, "Our lakeside boat hire wants a search ad for people looking for rowing boats nearby. OK?")
    ban = [r for r in runs if r.rule.decision == "reject"]
    assert ban and all(r.outcome is None for r in ban)
    checks = [c for r in ban for c in r.checks]
    assert checks and all(c.result == "met" and c.fact == "the case names none of it" for c in checks)


def test_the_other_rules_decide_when_the_ban_is_held():
    v = decide(_runs(PERMIT, "Our lakeside boat hire wants a search ad for people looking for rowing boats nearby. OK?"))
    assert v is not None and v.decision == "approve"


def test_a_case_doing_the_banned_thing_is_still_rejected():
    v = decide(_runs(BAN, "Our boat hire ad uses panic to rush a booking: it says your family trip will be ruined."))
    assert v is not None and v.decision == "reject"


def test_a_ban_held_by_silence_is_no_basis_to_approve():
    """Held only because the case says nothing is no fact of the case: the run allows nothing
    (`precedence.all_lifted` skips it) and is kept for the verdict's last step, which restricts
    rather than approve on a clause's permissive wording past it (verdict_steps `_silent_hold`)."""
    from policydesk.assistant.precedence import all_lifted
    from policydesk.assistant.verdict_steps import _silent_hold

    runs = _runs(BAN, "Our lakeside boat hire wants a search ad for people looking for rowing boats nearby. OK?")
    held = _silent_hold(runs)
    assert held is not None and held.held_by_silence and not held.by_fact
    assert decide(runs) is None and all_lifted(runs) is None
    said = _runs(BAN, "Our boat hire ad uses panic to rush a booking: it says your family trip will be ruined.")
    assert _silent_hold(said) is None
