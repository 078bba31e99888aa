"""A sentence whose subject is its own bound ("In the United States, the minimum age for these
ads is 21") names no subject of its own: it continues the rule before it, and with no rule
before it governs whatever its clause is about. Read once, at ingest (core/clause_logic.py
`_own_bound`); the answerer executes the stored scope and never re-reads the sentence."""

from policydesk.assistant.execute import run_rule
from policydesk.assistant.precedence import decide
from policydesk.core.casefacts import read_case_facts
from policydesk.core.clause_logic import _own_bound, read_clause_logic
from policydesk.core.terms import terms
from policydesk.core.types import Chunk, Filters


def _chunk(text, title="Toys"):
    return Chunk(id="c1", text=text, source="p.md", policy_id="P", title=title)


def _scopes(text):
    return [(r.markets, r.conditions, r.scope) for r in read_clause_logic(_chunk(text))]


def _decision(text, question, market):
    chunk = _chunk(text)
    facts = read_case_facts(question, Filters(market=market))
    runs = [run_rule(r, "prose", chunk, 0, facts, question_terms=terms(facts.question)) for r in read_clause_logic(chunk)]
    return decide(runs).decision


def test_the_bound_continues_the_rule_before_it():
    assert _scopes("Ads for aerosol spray paint must not be targeted to users under 16. "
                   "In the United States and Australia, the minimum age is 18.")[1] == (["US", "AU"], ["min_age:18"], ["aerosol", "spray", "paint"])
    assert _scopes("Leasing ads must target only people aged 18 or older.\n"
                   "In the United States, the minimum age for these ads is 21.")[1] == (["US"], ["min_age:21"], ["leasing"])


def test_with_no_rule_before_it_the_bound_names_no_subject():
    assert _scopes("In Japan, the minimum age for these ads is 20.") == [(["JP"], ["min_age:20"], [])]


def test_a_bound_written_for_a_named_subject_keeps_it():
    rules = read_clause_logic(_chunk("Cider ads must not be shown to users under 18. In the United States, the minimum age for cider ads is 21."))
    assert "cider" in rules[1].scope
    assert not _own_bound("The minimum age for ads for games rated for adults is 19.", ["minimum", "age", "games", "rated", "adults"], ["min_age:19"])


def test_the_subject_may_be_any_words_of_the_bound_it_sets():
    assert _own_bound("In Canada, the minimum legal age is 18.", ["minimum", "legal", "age"], ["min_age:18"])
    # … when it sets a bound of that kind; and a subject must be there to be the bound.
    assert not _own_bound("In Canada, the minimum legal age is 18.", ["minimum", "legal", "age"], ["requires:licence"])
    assert not _own_bound("In Canada, the minimum age is 18.", [], ["min_age:18"])


def test_a_market_bound_whose_subject_is_the_bound_applies_to_the_clause_subject():
    text = "Kites. Ads for stunt kites must not be targeted to users under 14. In Japan and Korea, the minimum age is 16."
    assert _decision(text, "Stunt kite ad in Japan, targeting 14-15 year olds.", "JP") == "reject"


def test_a_bound_with_no_subject_before_it_applies_to_a_case_not_naming_it():
    text = "In Japan, the minimum age for these ads is 20."
    assert _decision(text, "Stunt kite ad in Japan, targeting 16-19 year olds.", "JP") == "reject"
    assert _decision(text, "Stunt kite ad in Japan, targeting 25-40 year olds.", "JP") != "reject"
