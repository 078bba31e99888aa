"""Case facts and condition execution: quoted copy, per-market floors in words, amounts,
pending applications, permissions gated by their subject, the subject's own bound, and list
requirements executed item by item (core/casefacts.py, core/condition_reading.py,
core/clause_logic.py, assistant/execute.py). Policies here are invented for the tests."""

from policydesk.assistant.execute import run_rule
from policydesk.assistant.precedence import decide
from policydesk.core.casefacts import read_ages, read_case_facts, read_credentials, read_quantities, read_shown
from policydesk.core.clause_logic import read_clause_logic
from policydesk.core.condition_reading import credential_alternatives, executable_conditions, permission_subject_conditions
from policydesk.core.types import Chunk, Filters


def _chunk(text, section=""):
    return Chunk(id="c1", text=text, source="p.md", policy_id="P", section=section)


def _verdict(chunk, question, market=None):
    facts = read_case_facts(question, Filters(market=market))
    terms = set(question.lower().replace(",", " ").split())
    from policydesk.core.terms import terms as content_terms

    terms = content_terms(question)
    runs = [run_rule(r, "prose", chunk, 0, facts, question_terms=terms) for r in read_clause_logic(chunk)]
    return decide(runs), runs


# ---------------------------------------------------------------- facts
def test_quoted_copy_is_not_the_audience():
    q = "Targeting 18+ only, and the 'Not suitable for children or pregnant women.' line is on screen."
    assert str(read_ages(q)) == "18+"
    assert read_ages('The banner says "fun for kids" and we target 16-24 year olds').low == 16
    # an apostrophe pair is no quotation: the audience between them is still read
    assert read_ages("we're targeting children here, don't worry").low == 0


def test_scale_words_multiply_amounts():
    assert [(q.value, q.unit) for q in read_quantities("we carry USD 2 million liability cover")] == [(2_000_000, "USD")]
    assert [(q.value, q.unit) for q in read_quantities("a prize pool of $1.5m")] == [(1_500_000, "USD")]
    assert read_quantities("a 5m pool") == []  # a bare "m" is not a million without money


def test_pending_application_to_a_regulator_denies_the_licence():
    # a body named by its acronym has granted neither its licence nor its certification
    assert read_credentials("Our FCA application is still pending, can we run ads?") == {"licence": False, "certification": False}
    assert read_credentials("Our licence application was refused") == {"licence": False}
    assert read_credentials("Our SEC application is pending but we are registered with the state")["licence"] is True
    assert "licence" not in read_credentials("Our application is under review in the app store")


def test_carried_things_named_before_they_are_shown():
    assert read_shown("our firm reference number is on the ad, all good") == ["our firm reference number"]
    assert read_shown("warning statement included as text") == ["warning statement"]
    assert read_shown("the warning is not shown") == []


# ---------------------------------------------------------------- reading
def test_per_market_floor_in_words_beside_the_general_floor():
    assert executable_conditions("Target only users aged 18 or older (20 or older in Japan).", "restrict") == ["min_age:20@JP", "min_age:18"]
    both = "Ads may target people aged 19 or older in Canada and Norway, and people aged 18 or older in every other market."
    assert executable_conditions(both, "restrict") == ["min_age:19@CA,NO", "min_age:18"]


def test_currency_code_before_the_amount():
    assert executable_conditions("The organiser holds insurance of at least EUR 500,000.", "restrict") == ["min:500000 EUR"]


def test_permission_subject_carries_a_gate_not_a_requirement():
    gated = 'Supplements that contain at least 20 mg of zinc per dose may use the claim "supports immunity".'
    assert permission_subject_conditions(gated, "approve") == ("min:20 mg per dose",)  # a rate per dose
    assert permission_subject_conditions("Only products with at most 5% alcohol may be shown.", "approve") == ()
    assert permission_subject_conditions("Licensed dealers may advertise rifles.", "approve") == ()


def test_credentials_named_as_alternatives():
    assert credential_alternatives("The organiser holds a valid licence or certification.") == (frozenset({"licence", "certification"}),)
    assert credential_alternatives("The organiser must be licensed and certified.") == ()


# ---------------------------------------------------------------- execution
def test_per_market_floor_decides_in_its_market_only():
    ch = _chunk("Loan ads must target only users aged 18 or older (20 or older in Japan).")
    assert _verdict(ch, "Loan ads targeting 18-30", market="JP")[0].decision == "reject"
    assert _verdict(ch, "Loan ads targeting 18-30", market="FR")[0].decision == "approve"


def test_failing_a_permission_gate_is_no_rejection():
    ch = _chunk('Supplements that contain at least 20 mg of zinc per dose may use the claim "supports immunity".')
    v, runs = _verdict(ch, "Zinc supplement with 10 mg per dose, can we advertise it?")
    assert v is None and not runs[0].applicable
    assert _verdict(ch, "Zinc supplement with 25 mg per dose")[0].decision == "approve"


def test_a_bound_for_the_case_subject_replaces_the_general_one():
    ch = _chunk("Kite sellers must:\n- Target only people aged 18 or older. Paper kites may target people aged 13 or older.\n")
    v, _ = _verdict(ch, "Paper kites ad from a kite seller targeting 13+")
    assert v.decision != "reject"
    assert _verdict(ch, "Drone ad from a toy seller targeting 13+")[0].decision == "reject"
    # the list is for kite sellers ("Kite sellers must:"): a case about another advertiser is not its case
    assert _verdict(ch, "Drone ad from a hobby shop targeting 13+")[0] is None


def test_list_items_are_the_requirements_of_their_lead():
    text = (
        "Boat rental companies may advertise their services if:\n"
        "- The skipper holds a valid licence or certification.\n"
        "- The company holds liability insurance of at least USD 2,000,000.\n"
        "- Publish the safety briefing on the booking page.\n"
    )
    ch = _chunk(text)
    rules = read_clause_logic(ch)
    assert not any(r.quote.endswith("if:") for r in rules)  # the lead's own rule is gone
    assert any(c == "other:Publish the safety briefing on the booking page" for r in rules for c in r.conditions)
    ok = "Boat rental company, skipper is licensed, USD 3 million insurance, we publish the safety briefing on the booking page."
    assert _verdict(ch, ok)[0].decision == "approve"
    silent = "Boat rental company, skipper is licensed, USD 3 million insurance."
    assert _verdict(ch, silent)[0].decision == "restrict"
    low = "Boat rental company, skipper is licensed, USD 500,000 insurance, safety briefing published on the booking page."
    assert _verdict(ch, low)[0].decision == "reject"


def test_required_statement_quoted_in_the_question():
    ch = _chunk('Travel insurers must:\n- Include the statement "Cover is subject to terms and exclusions."\n')
    assert _verdict(ch, "Travel insurer ad; it includes 'Cover is subject to terms and exclusions.' at the bottom")[0].decision == "approve"
    assert _verdict(ch, "Travel insurer ad with a price and a photo")[0].decision == "restrict"


def test_a_compound_named_by_its_head_only_is_not_the_case_subject():
    text = "Archery shops must:\n- Target only people aged 21 or older. Foam bows may target people aged 16 or older.\n"
    ch = _chunk(text)
    assert _verdict(ch, "Archery shop ad for foam bows targeting 16+")[0].decision != "reject"
    # "bows" alone is the head of "foam bows": a compound bow is not what the narrower floor is for
    assert _verdict(ch, "Archery shop ad for compound bows targeting 16+")[0].decision == "reject"


def test_alternatives_only_when_each_credential_is_named_once():
    both = "A clinic may advertise only if it is certified by us and accredited by the board or registered with the regulator."
    assert credential_alternatives(both) == ()


def test_a_quoted_example_is_no_required_statement():
    ch = _chunk('Tea sellers must:\n- Include the disclaimer required for claims (for example "boosts energy").\n')
    assert _verdict(ch, "Tea seller ad saying 'boosts energy'")[0].decision == "restrict"


def test_a_floor_for_the_case_market_does_not_give_way_to_a_general_one():
    # The market's own floor is the narrower bound (merge of s8scope and s8facts, blind_dev2 car-06).
    ch = _chunk("Leasing ads must target only people aged 18 or older.\nIn the United States, the minimum age for these ads is 21.")
    assert _verdict(ch, "Lease specials aimed at drivers aged 18-24, campaign is US only", market="US")[0].decision == "reject"
    assert _verdict(ch, "Lease specials aimed at drivers aged 18-24", market="FR")[0].decision == "approve"


def test_a_list_item_scoped_to_markets_holds_there_only():
    # Under a heading that decides and names no market, an item written for markets is theirs.
    chunk = _chunk("- Kite surfing boards sold to children\n- Kite surfing lesson ads in Ireland, Australia and Chile", section="WHAT'S NOT ALLOWED")
    rules = read_clause_logic(chunk)
    assert [r.markets for r in rules] == [[], ["IE", "AU", "CL"]]
    # An item's examples do not scope it.
    chunk = _chunk("- Kite surfing boards sold to children, for example in Chile", section="WHAT'S NOT ALLOWED")
    assert [r.markets for r in read_clause_logic(chunk)] == [[]]
    q = "Can we run our kite surfing lesson ads to adults?"
    item = _chunk("- Kite surfing lesson ads in Ireland, Australia and Chile", "WHAT'S NOT ALLOWED")
    us, ie = _verdict(item, q, "US")[0], _verdict(item, q, "IE")[0]
    assert (us.decision if us else None) != "reject" and ie.decision == "reject"
