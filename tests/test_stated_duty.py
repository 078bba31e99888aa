"""Duties outside the closed condition vocabulary, executed against the case (core/stated_duty.py,
and the indirect-question items of core/disclosure.py): met / unmet / unknown, in invented domains."""

from policydesk.core.conduct import duty_status
from policydesk.core.disclosure import required_items
from policydesk.core.stated_duty import absence_status, form_status, required_form, stated_duty

# ---- an explanation the page must give, with a manner and an indirect question

BOAT = ("The booking page must explain, in simple terms, whether deposits are refunded after a storm cancellation "
        "and how renters can claim a refund of their deposit and fuel charge.")


def test_manner_and_modal_inside_indirect_question_are_read():
    items = required_items(BOAT)
    assert len(items) == 2
    assert items[1].text.startswith("how renters can claim")


def test_negative_answer_meets_a_whether_item():
    q = ("Boat-hire ad in Portugal. The booking page says deposits are not refunded after a storm cancellation "
         "and explains how to claim a refund of the deposit and fuel charge.")
    duty = duty_status(BOAT, q)
    assert duty is not None and duty.result == "met"


def test_whether_item_needs_each_item():
    q = "Boat-hire ad. The booking page says deposits are never refunded after a storm cancellation."
    assert duty_status(BOAT, q) is None  # how to claim is not stated: unknown


def test_vague_overlap_is_not_met():
    q = "Boat-hire ad. The booking page explains deposits."
    assert duty_status(BOAT, q) is None


def test_refusing_to_explain_is_unmet():
    q = ("The booking page doesn't explain whether deposits are refunded after a storm cancellation, "
         "but says how to claim a refund of the deposit and fuel charge.")
    duty = duty_status(BOAT, q)
    assert duty is not None and duty.result == "unmet"


# ---- a form the product must be sold in

CHEM = "Must be sold in a child-resistant screw-top container"


def test_form_is_read():
    form = required_form(CHEM)
    assert form is not None and form.prep == "in" and form.head == "contain"


def test_form_met_when_case_states_it():
    q = "Slug pellets, 2% metaldehyde, sold in child-resistant screw-top containers, UK gardeners. OK?"
    assert form_status(CHEM, q)[0] == "met"


def test_form_unmet_when_case_states_another_of_the_same_sort():
    q = "Slug pellets, 2% metaldehyde, sold loose in 5 litre buckets for garden centres. OK?"
    assert form_status(CHEM, q)[0] == "unmet"


def test_form_denied_is_unmet():
    q = "Slug pellets that are not sold in child-resistant screw-top containers."
    assert form_status(CHEM, q)[0] == "unmet"


def test_a_place_is_not_another_form():
    for q in ("Slug pellets sold in garden centres across the UK.", "Slug pellets sold in Spain.", "Slug pellets sold in pharmacies."):
        assert form_status(CHEM, q) is None, q


def test_a_question_or_one_word_is_not_the_form():
    assert form_status(CHEM, "Could they be sold in child-resistant screw-top containers?") is None
    assert form_status(CHEM, "Slug pellets sold in a container.") is None  # the head alone is one third
    assert required_form("Must be sold in tins") is None  # one content word: a topic
    assert required_form("Must not be sold in glass screw-top jars") is None  # a ban, not a form


# ---- content the ad must not show

KITE = "Elsewhere, kite-surfing ads may run but must not show a capsized rider."


def test_absence_met_only_inside_a_negation():
    q = "Kite-surfing school ad in Spain; the video shows riders on calm water, no capsized rider."
    assert absence_status(KITE, q)[0] == "met"


def test_absence_unmet_when_the_ad_shows_it():
    q = "Kite-surfing school ad; the video shows a capsized rider being rescued."
    assert absence_status(KITE, q)[0] == "unmet"


def test_absence_unknown_when_silent():
    assert stated_duty(KITE, "Kite-surfing school ad for Spain with lesson prices.") is None
    # the head named outside any negation: no statement that it is absent
    assert absence_status(KITE, "The video has no capsizes shown, just a rider jumping.") is None


# ---- executed by run_rule: a restrict rule with no closed condition, decided by what the case states

def _decisions(text, question, market=None):
    from policydesk.assistant.execute import run_rule
    from policydesk.core.casefacts import read_case_facts
    from policydesk.core.clause_logic import read_clause_logic
    from policydesk.core.types import Chunk, Filters

    chunk = Chunk(id="c1", text=text, source="p.md", policy_id="P", decision=None, clause_id=None, markets=[])
    facts = read_case_facts(question, Filters(market=market))
    return [run_rule(r, "prose", chunk, 0, facts).outcome for r in read_clause_logic(chunk)]


def test_run_rule_executes_a_required_form():
    text = "Garden slug pellets must be sold in a child-resistant screw-top container."
    assert "approve" in _decisions(text, "Garden slug pellets sold in child-resistant screw-top containers. OK?")
    assert "reject" in _decisions(text, "Garden slug pellets sold in 5 litre buckets. OK?")
    assert _decisions(text, "Garden slug pellets for allotment owners. OK?") == ["restrict"]
