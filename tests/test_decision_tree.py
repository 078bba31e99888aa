"""A decision tree written as nested bullets (core/decision_tree.py): a nested branch holds
only where its parents hold. A branch labelled with markets holds in those markets, "any other
market" in every market its siblings do not name; a prohibition under a threshold holds only
past it; a branch's own label is the trigger of its outcome; branches asking what kind of
thing the case is are alternatives. Wording invented here (e-bike batteries, garden
chemicals), the real reader."""

from __future__ import annotations

import pytest

from policydesk.core.clause_logic import read_clause_logic
from policydesk.core.condition_reading import executable_conditions, trigger_limits
from policydesk.core.decision_tree import label_markets, other_markets
from policydesk.core.types import Chunk
from tests.policy_store import ask_in, ingest_policy

TREE = """Follow the tree for battery ads.

- Is the product a consumer battery?
  - Refurbished → allowed in all markets with a 12-month warranty statement.
  - Capacity at or below 100 Wh → allowed in all markets.
  - Capacity above 100 Wh → check the market:
    - FR or an EU market → not allowed.
    - JP → allowed up to and including 160 Wh; above 160 Wh not allowed.
    - Any other market → not allowed.
- Is the product a workshop battery?
  - Any other market, including FR:
    - Capacity above 300 Wh → not allowed.
"""


def _rules():
    chunk = Chunk(id="c1", text=TREE, source="batteries.md", section="2. Battery tree", policy_id="BAT")
    return {r.quote.lstrip("- ").split(" →")[0]: r for r in read_clause_logic(chunk)}


def test_a_market_label_names_only_markets():
    assert set(label_markets("FR or an EU market")) >= {"FR", "DE", "IE"}
    assert label_markets("Market is JP or KR") == ["JP", "KR"]
    assert label_markets("Refurbished units in FR") is None
    assert other_markets("Any other market") and other_markets("All other countries, including FR")
    assert not other_markets("Other batteries")


def test_a_branch_holds_in_the_markets_its_label_names():
    rules = _rules()
    eu = rules["FR or an EU market"]
    assert eu.decision == "reject" and "DE" in eu.markets and "JP" not in eu.markets
    jp = rules["JP"]
    assert (jp.markets, jp.conditions) == (["JP"], ["max:160 Wh"])
    other = rules["Any other market"]
    assert other.markets == [] and {"JP", "FR", "DE"} <= set(other.except_markets)


def test_a_prohibition_holds_only_past_its_parents_threshold():
    rules = _rules()
    # "Capacity above 100 Wh → check the market:" leaves 100 Wh or less out of the EU ban.
    assert rules["FR or an EU market"].conditions == ["max:100 Wh"]
    assert rules["Any other market"].conditions == ["max:100 Wh"]


def test_any_other_market_under_a_lead_excepts_its_siblings_markets():
    tree = ("- Is the product a workshop battery?\n  - Market is US or CA → no capacity limit.\n"
            "  - Any other market, including FR:\n    - Capacity above 300 Wh → not allowed.\n")
    (rule,) = read_clause_logic(Chunk(id="c2", text=tree, source="b.md", section="Tree", policy_id="BAT"))
    assert rule.decision == "reject" and set(rule.except_markets) == {"US", "CA"}


def test_a_property_label_scopes_its_branch_and_kind_questions_are_alternatives():
    rules = _rules()
    assert rules["Refurbished"].scope == ["refurbished"]
    assert "workshop battery" in rules["FR or an EU market"].excludes
    assert "consumer battery" in rules["Capacity above 300 Wh"].excludes


def test_a_branch_label_is_the_trigger_of_its_outcome():
    (low,) = trigger_limits("- Capacity at or below 100 Wh → allowed in all markets.")
    assert (low.kind, low.value, low.holds_when) == ("max", 100.0, True)  # "at or below" holds at 100 Wh
    (high,) = trigger_limits("- Capacity above 100 Wh → not allowed.")
    assert (high.kind, high.holds_when) == ("max", False)
    assert executable_conditions("Allowed up to and including 160 Wh.", "approve") == ["max:160 Wh"]


def test_a_flat_list_is_left_as_read():
    text = "- Ads must target users aged 18 or over.\n- Ads must not show fire.\n"
    rules = read_clause_logic(Chunk(id="c3", text=text, source="b.md", section="Rules", policy_id="BAT"))
    assert all(not r.markets and not r.except_markets and not r.excludes for r in rules)


GARDEN = """# Garden chemical ads

## 1. Which ads may run

- Is the product a household weedkiller?
  - Glyphosate-free → allowed in all markets.
  - Glyphosate at or below 2% → allowed in all markets.
  - Glyphosate above 2% → check the market:
    - FR or an EU market → not allowed.
    - US → allowed up to and including 7% glyphosate; above 7% not allowed.
    - Any other market → not allowed.
"""


@pytest.fixture(scope="module")
def garden(tmp_path_factory):
    return ingest_policy(tmp_path_factory, "garden", {"garden.md": GARDEN})


def test_each_market_executes_its_own_branch(garden):
    assert ask_in("Household weedkiller with 5% glyphosate, sold in the US", garden, market="US").verdict in ("approve", "restrict")
    assert ask_in("Household weedkiller with 5% glyphosate, sold in Germany", garden, market="DE").verdict == "reject"
    assert ask_in("Household weedkiller with 1% glyphosate, sold in Germany", garden, market="DE").verdict in ("approve", "restrict")


# Yes/No branches answer their parent's question; a branch that only points on states no rule
# (session 24). Wording invented here: scaffolding hire.
YES_NO_TREE = """- Is the ad for erection services?
  - Yes → send to the Structures Team.
  - No → continue.
- Is the ad for equipment?
  - Yes → is it a tower scaffold?
    - Yes → only to trade audiences.
    - No → check the height limits, the 21+ targeting and the claims.
"""


def _tree_rules(text):
    return read_clause_logic(Chunk(id="scaffold.md#4", text=text, source="scaffold.md", title="Scaffolding hire",
                                   section="Decision tree", clause_id="4"))


def test_a_yes_branch_holds_only_for_the_kind_its_question_asks_about():
    rules = [r for r in _tree_rules(YES_NO_TREE) if "trade audiences" in r.quote]
    assert len(rules) == 1
    assert rules[0].scope == ["tower", "scaffold"]  # binds a case naming a tower scaffold, not all equipment


def test_a_no_branch_excludes_the_kind_its_question_asks_about():
    text = """- Is it a tower scaffold?
  - Yes → check the tower rules.
  - No → only to trade audiences.
"""
    rules = [r for r in _tree_rules(text) if "trade audiences" in r.quote]
    assert len(rules) == 1
    assert "tower scaffold" in rules[0].excludes
    assert not rules[0].scope


def test_a_branch_that_points_on_states_no_rule():
    quotes = [r.quote for r in _tree_rules(YES_NO_TREE)]
    assert not any("check the height limits" in q for q in quotes)  # its 21+ is the targeting rule's, read where written
    assert not any("continue" in q for q in quotes)
