"""Reviewer checklists (session 20): a tick box states what must hold in the indicative, a run-in
code label ("GB: …") names the markets a box is written for, and a closing "if any box cannot
be ticked, the ad is not approved" is the consequence of the boxes, not a rule of its own.
Invented wording, the real reader (core/checklist.py, core/consequence.py, core/markets.py)."""

from policydesk.core.checklist import as_requirement, box_item, leads_with_indicative
from policydesk.core.clause_logic import read_clause_logic
from policydesk.core.consequence import states_consequence
from policydesk.core.markets import label_codes
from policydesk.core.reading import read_unit
from policydesk.core.types import Chunk


def _rules(text, section="Kayak checklist"):
    chunk = Chunk(id="c1", text=text, source="kayaks.md", policy_id="KAY", title="Kayaks and canoes", section=section, markets=[])
    return read_clause_logic(chunk)


def test_a_closing_consequence_of_the_boxes_states_no_rule():
    assert states_consequence('If any box in a "required" list is left unticked, the listing is rejected.')
    assert states_consequence("Where one of the requirements above is not met, the ad is not approved.")
    assert states_consequence("If any check fails, reject the ad.")
    # a conditional about things, or about what the ad fails to do, is a rule
    assert not states_consequence("If any item in the bundle contains a blade, the ad is rejected.")
    assert not states_consequence("If the ad fails to state the price, it is rejected.")
    assert read_unit("If any box in the list cannot be ticked, the ad is not approved.") == []
    assert _rules("Tick each box. If any box in the list cannot be ticked, the ad is not approved.") == []


def test_a_box_in_the_indicative_is_read_with_must():
    assert box_item("- [ ] Every ad carries a buoyancy warning.") and box_item("[x] The ad names the seller.")
    assert not box_item("- Every ad carries a buoyancy warning.")
    assert as_requirement("- [ ] Every ad for a kayak over 4 m carries the line \"Wear a buoyancy aid\".") == (
        "- [ ] Every ad for a kayak over 4 m must carry the line \"Wear a buoyancy aid\".", False)
    assert as_requirement("- [ ] The ad does not show paddlers without a buoyancy aid.") == (
        "- [ ] The ad must not show paddlers without a buoyancy aid.", True)
    assert as_requirement("- [ ] Inflatable kayaks are not advertised in NO or IS.") == (
        "- [ ] Inflatable kayaks must not be advertised in NO or IS.", True)
    # a box opening with what the reviewer does, and a routing passive, are left as written
    assert as_requirement("- [ ] If the ad is for jet skis, stop: this checklist does not cover them.") is None
    assert as_requirement("- [ ] Sea kayaks over 6 m are sent to the marine specialist queue.") is None
    # the box's own verb before a modal of what it states ("… state that the kayak can be …")
    assert leads_with_indicative("- [ ] NZ: ads for sea kayaks state that the kayak must be registered with the coastguard.")
    assert not leads_with_indicative("- [ ] Sea kayaks must be registered.")


def test_box_rules_keep_their_own_words_and_read_what_they_require():
    rules = _rules(
        "- [ ] Every ad for a kayak of 4 m or more carries the line \"Wear a buoyancy aid\" or a close equivalent.\n"
        "- [ ] The ad does not show paddling on rivers above grade 3.\n"
        "- [ ] The ad does not show or encourage paddling more than 5 km (3 miles) offshore.\n"
    )
    quotes = {r.quote: r for r in rules}
    carry = quotes['- [ ] Every ad for a kayak of 4 m or more carries the line "Wear a buoyancy aid" or a close equivalent.']
    assert carry.decision == "restrict" and "requires:disclosure" in carry.conditions
    # a negated box with a limit to execute is a prohibition of going beyond it; one without
    # any (holds unless the case says the ad does it) is no rule
    offshore = quotes["- [ ] The ad does not show or encourage paddling more than 5 km (3 miles) offshore."]
    assert offshore.decision == "reject" and offshore.conditions == ["max:5 km"]
    assert not any("grade 3" in q for q in quotes)


def test_a_run_in_code_label_names_the_markets_of_the_box():
    assert label_codes("- [ ] NZ: ads for sea kayaks state the registration number.") == ["NZ"]
    assert label_codes("[ ] NO and IS: inflatable kayaks are not advertised.") == ["NO", "IS"]
    assert label_codes("Note: kayaks are fun.") == []
    [r] = read_unit("- [ ] IN: kayaks may be advertised only by sellers who list the hull number.")
    assert r.markets == ["IN"]
    rules = _rules("- [ ] NZ: ads for sea kayaks remind users that a beacon may be needed and link to the coastguard guidance.")
    assert [(r.decision, r.markets, r.conditions) for r in rules] == [("restrict", ["NZ"], ["requires:disclosure"])]
