"""A reading of a rule's subject (session 16): words a subject lists only as examples after
"including" / "such as" (core/clause_logic.py `member_words`) need not be named by a case
that names the thing itself, and a contracted modal ("can't") is no word of a rule's scope.
Invented policy wording, real reading and execution."""

from policydesk.assistant.execute import run_rule
from policydesk.core.casefacts import read_case_facts
from policydesk.core.clause_logic import member_words, prohibition_scope, read_clause_logic
from policydesk.core.types import Chunk, Filters
from policydesk.assistant.question import named_terms


def test_member_words_are_the_examples_of_a_subject():
    q = "Ads for any kombucha product, including sparkling drinks, can't run in these markets."
    assert member_words(q) == {"sparkl", "drink"}  # stems; the head "kombucha" is outside the list
    assert "can't" not in prohibition_scope(q)
    listed = member_words("Teas such as green tea, black tea and rooibos may be advertised.")
    assert listed == {"green", "black", "rooibo"}  # "tea" is named outside the list too


def _run(text, question, title):
    chunk = Chunk(id="c1", text=text, source="k.md", policy_id="P", title=title, markets=[])
    facts = read_case_facts(question, Filters(market=None))
    return [run_rule(r, "prose", chunk, 0, facts, question_terms=named_terms(question)) for r in read_clause_logic(chunk)]


def test_a_case_naming_the_thing_is_about_a_rule_that_lists_its_examples():
    text = "Ads for any kombucha product, including sparkling drinks, can't run."
    runs = _run(text, "Can we advertise our kombucha vinegar?", "Kombucha products")
    assert runs and runs[0].applicable and runs[0].outcome == "reject"
    # a case denying the thing is not about it
    other = _run(text, "Can we advertise our ginger beer (no kombucha)?", "Kombucha products")
    assert not other or not other[0].applicable or other[0].outcome != "reject"
