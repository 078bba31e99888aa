"""A sentence that sets one age floor everywhere and another in a named market ("…18 or over,
and in the United States … 21 or over") binds each floor to its own place, and a market named
in a later clause is not a market list the earlier "only" governs. Every sentence and question
here is invented for these tests."""

import pytest

from policydesk.assistant.execute import run_rule
from policydesk.assistant.precedence import decide
from policydesk.core.casefacts import read_case_facts
from policydesk.core.clause_logic import read_clause_logic
from policydesk.core.condition_reading import executable_conditions
from policydesk.core.terms import terms
from policydesk.core.types import Chunk, Filters

TWO_FLOORS = ("Ads for kayak hire may only be shown to users aged 18 or over, and in the United States "
              "ads for kayak tours are permitted only when targeted at users aged 21 or over.")


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (TWO_FLOORS, {"min_age:18", "min_age:21@US"}),
        ("Ads for paintball may be shown to users aged 16 or over, except in Germany, where the minimum age is 18.",
         {"min_age:16", "min_age:18@DE"}),
        ("Ads for archery clubs must target users aged 18 or over, but in Japan and Thailand people aged 20 or over.",
         {"min_age:18", "min_age:20@JP,TH"}),
    ],
)
def test_a_later_clause_binds_its_floor_to_its_market(sentence, expected):
    assert expected <= set(executable_conditions(sentence, "restrict"))


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # The market of the sentence's first clause scopes the whole rule: the floor stays plain.
        ("In Japan, the minimum age for these ads is 20.", {"min_age:20"}),
        ("In the United Kingdom, Ireland, and Poland, ads must target users aged 18 or over.", {"min_age:18"}),
        # A list with a serial comma is one clause.
        ("Ads for jet-ski rental are allowed only in France, Spain, and Italy.", {"only_markets:FR,ES,IT"}),
    ],
)
def test_one_clause_keeps_its_reading(sentence, expected):
    conds = set(executable_conditions(sentence, "restrict"))
    assert expected <= conds
    assert not any("@" in c for c in conds)


def test_only_governs_its_own_clause():
    """"may only be shown to users aged 18 or over, and in the United States …": the United
    States begins another clause; the ads are not limited to it."""
    assert not any(c.startswith("only_markets") for c in executable_conditions(TWO_FLOORS, "restrict"))


def _verdict(text, question, market):
    ch = Chunk(id="c1", text=text, source="leisure.md", policy_id="LEISURE", title="Water Sports Policy")
    facts = read_case_facts(question, Filters(market=market))
    v = decide([run_rule(r, "prose", ch, 0, facts, question_terms=terms(question)) for r in read_clause_logic(ch)])
    return v.decision if v else None


def test_each_floor_decides_in_its_own_market():
    q = "Kayak tours ad, audience 18+. OK?"
    assert _verdict(TWO_FLOORS, q, "US") == "reject"  # under the 21+ floor there
    assert _verdict(TWO_FLOORS, q, "GB") == "approve"  # 18+ meets the floor everywhere else
    assert _verdict(TWO_FLOORS, "Kayak tours ad, audience 21+. OK?", "US") == "approve"
