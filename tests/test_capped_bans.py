"""A requirement sentence's capped ban ("…, and ads must not recommend a daily intake of more
than 10 mg") is a cap the answerer executes, its other duties stay conditions in words; a
relative clause on the sentence's own subject ("apps that charge a subscription must …") is the
requirement's trigger."""

from policydesk.assistant.execute import run_rule
from policydesk.core.casefacts import read_case_facts
from policydesk.core.clause_logic import read_clause_logic
from policydesk.core.condition_reading import executable_conditions, requirement_trigger
from policydesk.core.terms import terms
from policydesk.core.types import Chunk, Filters

LISTED = ("United Kingdom: ingestible CBD food products must appear on the Food Standards Agency public list "
          "of CBD products, and ads must not recommend a daily intake of more than 10 mg of CBD.")


def _run(text, question, market=None):
    chunk = Chunk(id="c1", text=text, source="p.md", policy_id="P", title="Country notes")
    facts = read_case_facts(question, Filters(market=market))
    (rule,) = read_clause_logic(chunk)
    return run_rule(rule, "prose", chunk, 0, facts, question_terms=terms(facts.question))


def test_capped_ban_in_a_requirement_is_a_cap_and_the_other_duty_a_condition():
    conds = executable_conditions(LISTED, "restrict")
    assert "max:10 mg per day" in conds  # "a daily intake": a cap per day (session 17)
    assert "other:on the Food Standards Agency public list of CBD products" in conds


def test_a_number_naming_which_ads_is_no_cap():
    assert not any(c.startswith("max:") for c in executable_conditions("Ads for loans of more than $5,000 must state the APR.", "restrict"))


def test_a_duty_another_condition_executes_adds_no_words():
    conds = executable_conditions("Ads for ingestible CBD must state the amount of CBD per serving in milligrams "
                                  "and must not recommend a daily intake of more than 70 mg of CBD.", "restrict")
    assert "max:70 mg per day" in conds and not any(c.startswith("other:") for c in conds)


def test_cap_and_duty_executed_against_the_case():
    met = _run(LISTED, "CBD oil on the FSA public list of CBD products. The ad recommends 10mg CBD a day.", "GB")
    assert met.outcome == "approve"
    unstated = _run(LISTED, "CBD oil ad, it recommends 10mg CBD a day.", "GB")
    assert unstated.outcome == "restrict"  # the listing is not shown
    over = _run(LISTED, "CBD oil on the FSA public list of CBD products. The ad recommends 20mg CBD a day.", "GB")
    assert over.outcome == "reject"


def test_relative_clause_on_the_subject_is_the_trigger():
    assert requirement_trigger("Astrology and horoscope apps that charge a subscription must state the recurring price.") == ("charge a subscription", True)
    assert requirement_trigger("Products that contain CBD must be tested.") == ("contain CBD", True)
    # "that" after a verb opens what is said, not a relative clause on the subject
    assert requirement_trigger("Ads claiming that products cure must cite a study.") is None
    assert requirement_trigger("This means that clinics must register.") is None
    assert requirement_trigger("Sellers must ensure that knives are shipped safely.") is None


def test_subject_trigger_denied_sets_the_requirement_aside():
    text = "Astrology and horoscope apps that charge a subscription must state the recurring price and billing interval in the ad."
    denied = _run(text, "Daily horoscope app, totally free, no subscription.")
    assert not denied.applicable and "denies" in denied.reason
    has = _run(text, "Horoscope app with a monthly subscription.")
    assert has.applicable and has.outcome == "restrict"
