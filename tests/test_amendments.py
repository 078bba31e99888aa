"""A later amendment changes what the clause it names says (core/amendments.py).

Why: a consolidated policy lists, after its clauses, amendments that replace a value, withdraw a
clause or add a market to a list. Read clause by clause, the original wording decided: a cap the
amendment lowered let a larger deposit through, a withdrawn ban still rejected, and a market the
amendment added was refused. Wording invented here.
"""

from __future__ import annotations

from policydesk.core.amendments import apply_amendments, read_amendment, read_amendments
from policydesk.core.clause_logic import clause_markets, link_exceptions, read_clause_logic
from policydesk.core.types import Chunk

SECTIONS = {
    "1. Markets": "1.1 Boat hire ads are accepted only in FR, ES and IT. Ads targeting any other market are not accepted.",
    "2. Deposits": "2.1 A damage deposit must not exceed 3 days' hire.\n2.2 Skippers must hold a coastal licence.",
    "3. Audience": "3.1 Ads must be targeted only at users aged 18 or over.",
    "4. Night sailing": "4.1 Ads must not show boats sailing at night.",
    "5. Amendments": (
        "These amendments apply from 2 May 2027.\n"
        "B1 (clause 2.1). The damage-deposit cap is now 2 days' hire (previously 3 days).\n"
        "B2 (clause 4). Clause 4 is withdrawn.\n"
        "B3 (clause 3.1). The minimum audience age is raised from 18 to 21.\n"
        "B4 (clause 1.1). PT is added to the markets in which boat hire ads are accepted."
    ),
}


def _document() -> dict[str, Chunk]:
    chunks = [Chunk(id=f"c{i}", text=text, source="boats.md", section=section, policy_id="BOATS", position=i)
              for i, (section, text) in enumerate(SECTIONS.items())]
    references = clause_markets(chunks)
    for ch in chunks:
        ch.logic = read_clause_logic(ch, references)
    link_exceptions(chunks)
    apply_amendments(chunks)
    return {ch.section: ch for ch in chunks}


def test_each_amendment_is_read_with_the_clause_it_names():
    found = read_amendments(SECTIONS["5. Amendments"])
    assert [(a.targets, a.withdrawn, a.old and a.old.value, a.new and a.new.value, a.added) for a in found] == [
        (("2.1",), False, 3.0, 2.0, ()),
        (("4",), True, None, None, ()),
        (("3.1",), False, 18.0, 21.0, ()),
        (("1.1",), False, None, None, ("PT",)),
    ]


def test_a_sentence_naming_no_clause_amends_nothing():
    assert read_amendments("These amendments apply from 2 May 2027. Where they conflict with a clause, they win.") == []


def test_a_new_value_replaces_the_old_one_in_the_amended_clause_only():
    doc = _document()
    deposit = doc["2. Deposits"].logic
    assert deposit[0].conditions == ["max:2 days"]
    assert deposit[0].amended_by == "The damage-deposit cap is now 2 days' hire (previously 3 days)."
    assert deposit[1].amended_by is None  # 2.2 is not what B1 names


def test_an_age_raised_from_one_number_to_another():
    assert doc_rule("3. Audience").conditions == ["min_age:21"]


def test_a_withdrawn_clause_is_marked_and_has_no_rules():
    doc = _document()
    assert doc["4. Night sailing"].logic == []
    assert doc["4. Night sailing"].withdrawn == "Clause 4 is withdrawn."
    assert doc["2. Deposits"].withdrawn is None


def test_an_added_market_joins_the_list_and_leaves_the_refusal_of_other_markets():
    only, others = _document()["1. Markets"].logic
    assert only.conditions == ["only_markets:FR,ES,IT,PT"]
    assert others.decision == "reject" and others.except_markets == ["FR", "ES", "IT", "PT"]


def test_an_applied_amendment_states_no_rule_of_its_own():
    quotes = [r.quote for r in _document()["5. Amendments"].logic]
    assert not any("previously" in q or "raised from" in q or "is added to" in q for q in quotes)


def test_a_removed_market_and_a_clause_that_no_longer_applies():
    removed = read_amendment("IT is removed from the markets in which these ads are accepted.", ("1.1",))
    assert removed.removed == ("IT",)
    assert read_amendment("Rule 7 no longer applies.", ("7",)).withdrawn


def doc_rule(section: str):
    return _document()[section].logic[0]
