"""A sentence stating what used to apply is no rule (issue #13, core/past_rules.py): a dated
policy update's "Until now, X had to …" must not bind cases as a current requirement. All
sentences are invented for these tests."""

import pytest

from policydesk.core.clause_logic import read_clause_logic
from policydesk.core.past_rules import states_past_rule
from policydesk.core.reading import read_sentence, read_unit
from policydesk.core.types import Chunk


@pytest.mark.parametrize(
    "sentence",
    [
        "Until now, boat hire firms in Norway had to show their licence number on the booking page only.",
        "Previously, kayak ads could target users aged 16 or over.",
        "Until 1 May 2024, kite shops were required to hold a safety certificate.",
        "Paddleboard ads were only allowed in Denmark.",
        "In the past, canoe rental ads were not permitted to mention prices.",
        # a leading date before which it held
        "Before 1 May 2024, kite ads could run in France.",
        "Until March 2023, kite ads could target users aged 16 or over.",
    ],
)
def test_what_used_to_apply_is_past(sentence):
    assert states_past_rule(sentence)
    assert read_unit(sentence) == []
    assert read_sentence(sentence).decision is None


@pytest.mark.parametrize(
    "sentence",
    [
        # the current rule beside the history
        "From 1 June the number must also appear in the ad itself.",
        "Paddleboard ads were previously allowed but are now prohibited.",
        "Until now, hire firms had to show the number on the landing page; from May they must show it in the ad.",
        # a past verb describing what a present rule governs
        "Ads for life jackets that were recalled by the manufacturer.",
        "Ads for life jackets that were banned in the EU are not allowed.",
        # present perfect: the current value
        "The minimum audience age for jet ski ads has been raised from 16 to 18.",
        # "May" beside a day is the month; the rule is present
        "Until 1 May 2025, kite ads may run only in Denmark.",
        # "used to" as a participle
        "Tools used to open locks are not allowed.",
        # a date inside what the rule governs dates nothing
        "Ads for boats built before 1990 could be listed only by dealers.",
    ],
)
def test_a_current_rule_is_not_past(sentence):
    assert not states_past_rule(sentence)


def test_clause_logic_reads_no_rule_from_history():
    text = (
        "Until now, boat hire firms in Norway had to show their licence number on the booking page only. "
        "From 1 June the licence number must also appear in the ad itself."
    )
    rules = read_clause_logic(Chunk(id="c1", text=text, source="boats.md", policy_id="BOATS", title="Boat hire update"))
    assert rules, "the current rule is read"
    assert all("Until now" not in r.quote for r in rules)
    assert any("must also appear" in r.quote for r in rules)
