"""Section meaning: what a heading decides for the items under it, lists whose lead is a
condition, and sections that send their cases to people (core/reading.py `read_heading`,
core/clause_logic.py, assistant/ranking.py)."""

import pytest

from policydesk.assistant.naming import stems
from policydesk.core.clause_logic import read_clause_logic
from policydesk.core.reading import read_heading, read_sentence, section_decision
from policydesk.core.types import Chunk


@pytest.mark.parametrize(
    "heading, decision",
    [
        ("What's not allowed", "reject"),
        ("Prohibited employment ads", "reject"),
        ("What we don't allow", "reject"),
        ("Allowed without restriction", "approve"),
        ("What we allow", "approve"),
        ("ALLOWED WITH RESTRICTIONS: CONSUMER GOODS", "restrict"),
        ("What's allowed with restrictions", "restrict"),
        ("Products reviewed case by case", "escalate"),
        ("3. Contact us before advertising", "escalate"),
        # Topics, not decisions: a restriction cue names the subject, a question asks who.
        ("Restricted categories", None),
        ("Age requirements", None),
        ("Who can advertise", None),
        ("Exceptions", None),
        ("Need help?", None),
    ],
)
def test_heading_decision(heading, decision):
    assert read_heading(heading) == decision


def test_a_sub_heading_stays_under_its_parents_decision():
    assert section_decision("What's allowed with restrictions > Energy drinks") == "restrict"
    assert section_decision("Country-specific requirements > United Kingdom") is None


def _chunk(section: str, text: str, **kw) -> Chunk:
    return Chunk(id="c", text=text, source="p.txt", section=section, position=3, **kw)


def test_items_under_a_deciding_heading_take_its_decision():
    text = "- Flash powder sold on its own\n- Kits for making rockets at home\n\nExamples: a video of someone lighting a rocket in their hand."
    rules = read_clause_logic(_chunk("WHAT'S NOT ALLOWED", text))
    # Two items; "Examples: …" illustrates them and states no rule of its own (session 14).
    assert [r.decision for r in rules] == ["reject", "reject"]
    assert "powder" in rules[0].scope and "rocket" in " ".join(rules[1].scope)
    assert not any("video" in r.scope for r in rules)
    # The same items under a heading that names a topic state nothing.
    assert read_clause_logic(_chunk("Product types", text)) == []
    # A declared clause's marker decides, not its heading.
    assert [r.decision for r in read_clause_logic(_chunk("What's not allowed", text, clause_id="X-1", decision="restrict"))] == ["restrict"]


def test_a_lead_whose_condition_is_the_list_restricts_through_its_items():
    text = (
        "Companies that run boat tours may advertise their services if:\n"
        "- The skipper holds a valid licence.\n"
        "- Ads target only people aged 18 or older.\n"
        "- The company is insured for the tours it runs."
    )
    rules = read_clause_logic(_chunk("Boat tours", text))
    # Each item is one of the lead's requirements (it restricts); the lead's own sentence
    # states none beyond them, so it is no rule of its own (merge of s8scope and s8facts).
    assert [r.decision for r in rules] == ["restrict"] * 3
    # The item that states its own rule does not end the list: the item after it is one too.
    assert "min_age:18" in rules[1].conditions
    assert "insured" in rules[2].quote


def test_a_permission_with_restrictions_restricts():
    assert read_sentence("It is allowed with these restrictions:").decision == "restrict"
    assert read_sentence("Monthly plans billed in advance aren't allowed.").decision == "reject"


def test_a_section_reviewed_case_by_case_approves_nothing():
    text = "Smoke devices sold for photography are reviewed case by case. We may ask for safety data sheets before deciding."
    # Both sentences send their cases to people: referrals (escalate rules), no approval.
    assert [r.decision for r in read_clause_logic(_chunk("Reviewed case by case", text))] == ["escalate", "escalate"]


@pytest.mark.parametrize(
    "sentence",
    ["We review ads for air rifles individually.", "Raffles are approved at our sole discretion.", "Contact our partner team before running ads for tours."],
)
def test_wording_that_sends_the_case_to_people(sentence):
    assert read_sentence(sentence).decision == "escalate"


def test_removal_at_our_discretion_is_no_escalation():
    assert read_sentence("We may remove any ad at our discretion.").decision != "escalate"


def test_a_compound_scope_word_counts_by_its_parts():
    assert "firework" in stems("firework-themed")
    assert not any(s.startswith("firework") and s != "firework" for s in stems("firework-themed"))


def test_a_market_label_or_heading_scopes_the_rule():
    text = "United Kingdom: consumer fireworks ads may run only in October.\n\n- Ireland and Chile: consumer fireworks ads are not accepted."
    rules = read_clause_logic(_chunk("COUNTRY-SPECIFIC REQUIREMENTS", text))
    assert [r.markets for r in rules] == [["GB"], ["IE", "CL"]]
    # A label that is not only markets ("Packaging: …") scopes nothing of its own.
    assert read_clause_logic(_chunk("Notes", "Packaging: ads in Spain must show a warning."))[0].markets == ["ES"]
    assert read_clause_logic(_chunk("Notes", "Packaging: ads must show a warning."))[0].markets == []
    rules = read_clause_logic(_chunk("Country-specific requirements > Singapore", "- Ads for paid services must target users aged 21 or older."))
    assert rules[0].markets == ["SG"]


def test_a_restricting_lead_restricts_on_its_items_conditions():
    text = (
        "Companies that run boat tours may advertise their services if:\n"
        "- The skipper holds a valid licence.\n"
        "- The company keeps a safety log for every tour."
    )
    rules = read_clause_logic(_chunk("Boat tours", text))
    assert {r.decision for r in rules} == {"restrict"}
    conds = [c for r in rules for c in r.conditions]
    assert "requires:licence" in conds
    # An item the reader cannot execute is a condition in words, met only when the case states it.
    assert any(c.startswith("other:The company keeps a safety log") for c in conds)
    # Nothing restricts every case whose items are all met: each rule has its conditions.
    assert all(r.conditions for r in rules)


def test_allowed_with_restrictions_is_stated_by_the_other_rules():
    text = "Consumer kites can be advertised with restrictions. Retailers must target only people aged 18 or older."
    rules = read_clause_logic(_chunk("Kites", text))
    assert [r.conditions for r in rules] == [["min_age:18"]]
