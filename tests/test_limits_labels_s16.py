"""Session 16 (blind_dev4 reject cases): a ceiling stated as "limited to", a measured
"over N months" that is no audience age, and a checklist item whose label names its subject."""

import pytest

from policydesk.core.casefacts import read_ages, read_case_facts
from policydesk.core.clause_logic import rule_heads, rule_scope
from policydesk.core.condition_reading import executable_conditions
from policydesk.core.conditions import parse_condition
from policydesk.core.types import Filters


@pytest.mark.parametrize(
    "sentence, want",
    [
        ("- any free introductory offer is limited to 10 minutes, and the ad states what the reading costs after that.", "max:10 minutes"),
        ("Each bottle is restricted to 500 ml.", "max:500 ml"),
    ],
)
def test_limited_to_a_quantity_is_a_ceiling(sentence, want):
    assert want in executable_conditions(sentence, "restrict")


def test_limited_to_markets_is_no_ceiling():
    conds = executable_conditions("Ads may run only in markets limited to France and Spain.", "restrict")
    assert not any(c.startswith("max:") for c in conds)


def test_limited_to_executes_against_the_case():
    cond = parse_condition("max:10 minutes")
    facts = read_case_facts("Same tarot app but we want to offer the first 15 min free to new customers.", Filters(market="GB"))
    assert [(q.value, q.unit) for q in facts.quantities] == [(15.0, "minutes")]
    assert cond.kind == "max" and cond.value == 10 and cond.unit == "minutes"


@pytest.mark.parametrize("question", ["the 0% finance runs over 24 months - total amount shown", "a blade over 12 cm long"])
def test_over_a_measured_quantity_is_no_age(question):
    assert read_ages(question) is None


@pytest.mark.parametrize("question, low", [("users over 21", 22), ("over 18 years of age", 19), ("over 21, in the US", 22)])
def test_over_an_age_is_still_an_age(question, low):
    ages = read_ages(question)
    assert ages is not None and ages.low == low


@pytest.mark.parametrize(
    "item, heads",
    [
        ("[ ] Animal-repellent sprays (dog and bear sprays): OK in US, CA and DE if labelled for use on animals only.", ("sprays",)),
        ("[ ] Pepper spray / CS spray: ONLY in US, FR, IT and PL.", ("spray",)),
        ("- Knuckle-dusters: prohibited in all markets.", ("knuckle-dusters",)),
    ],
)
def test_checklist_label_names_the_subject(item, heads):
    assert rule_heads(item) == heads
    assert rule_scope(item)


def test_verdict_word_label_is_no_subject():
    # "OK: non-locking folding knives …": the label is the verdict, not the thing.
    assert "ok" not in rule_scope("[ ] OK: non-locking folding knives with a blade of 7.62 cm (3 inches) or less.")
    assert rule_scope("[ ] Target users 18+ only.") == []


def test_label_before_a_sentence_about_ads_names_the_subject():
    item = "[ ] Self-defence keychains (kubotans, cat-ear keychains, tactical pens): ads are reviewed individually."
    assert rule_heads(item) == ("keychains",)
    assert "kubotans" in rule_scope(item)


def test_named_things_after_a_tick_box():
    from policydesk.core.casefacts import read_named_things

    things = read_named_things("[ ] Self-defence keychains (kubotans, cat-ear keychains, tactical pens): ads are reviewed individually.")
    assert [t.head for t in things] == ["keychains"]
