"""The verb a prohibition governs is the act it bans, not what the prohibition is about
(core/clause_logic.py `prohibition_scope`): "Must not use the words "storm" or "wreck" in ad
text" is about the words, and a case that says it uses age targeting names none of them.
Sentences invented for these tests."""

from policydesk.assistant.execute import run_rule
from policydesk.core.casefacts import read_case_facts
from policydesk.core.clause_logic import prohibition_scope, read_clause_logic
from policydesk.core.terms import terms
from policydesk.core.types import Chunk, Filters


def test_the_banned_act_is_no_scope_word():
    assert prohibition_scope('[ ] Must not use the words "storm" or "wreck" in ad text or boat names.') == ["words", "text", "boat", "names"]
    assert prohibition_scope("- Ads must not show kayaks capsizing.") == ["kayaks", "capsizing"]
    assert prohibition_scope("Never claim a boat is unsinkable.") == ["boat", "unsinkable"]
    # no leading prohibition: the words stay as before
    assert prohibition_scope("Jet ski racing ads are not allowed.") == ["jet", "ski", "racing"]


def _run(question):
    text = '[ ] Target users 18+ only.\n[ ] Must not use the words "storm" or "wreck" in ad text or boat names.'
    chunk = Chunk(id="b1", text=text, source="boats.txt", policy_id="BOATS", title="Boat Hire Policy", section="1. ALL BOATS")
    rule = next(r for r in read_clause_logic(chunk) if "storm" in r.quote)
    return run_rule(rule, "prose", chunk, 0, read_case_facts(question, Filters()), question_terms=terms(question))


def test_a_case_using_something_else_is_not_bound():
    run = _run("Canoe hire in Norway. We use age targeting of 18+.")
    assert not run.applicable and run.out_of_scope


def test_advertising_itself_is_no_scope_word_of_a_ban():
    # "be advertised to hobbyists" is the banned act and its audience: every case advertises,
    # so only the ban's own words (the kiln kits, the hobbyists) can bind a case.
    scope = prohibition_scope("Industrial kiln kits must not be advertised to hobbyists; they may only be promoted to licensed studios.")
    assert "advertised" not in scope and "promoted" not in scope
    assert "kiln" in scope and "hobbyists" in scope


def test_a_case_that_only_advertises_is_not_bound_by_the_ban():
    text = "Industrial kiln kits must not be advertised to hobbyists; they may only be promoted to licensed studios."
    chunk = Chunk(id="k1", text=text, source="kilns.txt", policy_id="KILNS", title="Kiln Policy", section="1. Kilns")
    rule = next(r for r in read_clause_logic(chunk) if r.decision == "reject")
    question = "A garden centre wants to advertise clay flower pots to adults. OK?"
    run = run_rule(rule, "prose", chunk, 0, read_case_facts(question, Filters()), question_terms=terms(question))
    assert not run.applicable
