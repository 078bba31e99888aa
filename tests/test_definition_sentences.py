"""A sentence that only defines a term states no rule (core/definition_sentence.py `defines_term`,
core/reading.py): the age, amount or market in what the term names is no condition on the ad."""

from policydesk.core.definition_sentence import defines_term
from policydesk.core.reading import read_unit


def test_a_definition_with_an_age_in_it_is_no_audience_rule():
    s = '(c) a "senior saver account" means a deposit account sold to customers aged 60 or over with a fixed bonus rate;'
    assert defines_term(s)
    assert read_unit(s) == []


def test_a_numbered_definition_with_an_amount_is_no_limit():
    assert defines_term('3.1 "Micro loan" means a loan of no more than EUR 500 repaid within 30 days.')


def test_a_definition_that_goes_on_to_state_a_rule_is_read():
    s = '"Trade seller" means a business selling to the public, and trade sellers must show their registered address.'
    assert not defines_term(s)
    assert not defines_term("This means that ads for micro loans must state the APR.")
    assert [r.decision for r in read_unit("Ads for micro loans must not target users under 21.")] == ["reject"]
