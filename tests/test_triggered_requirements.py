"""Triggered requirements bind only ads that have their trigger; a regulator number the ad
carries says the advertiser holds the credential; a market's own bound does not give way."""

from policydesk.assistant.execute import run_rule
from policydesk.assistant.precedence import decide
from policydesk.core.casefacts import read_case_facts, read_credentials
from policydesk.core.clause_logic import read_clause_logic
from policydesk.core.condition_reading import requirement_trigger
from policydesk.core.terms import terms
from policydesk.core.types import Chunk, Filters


def _chunk(text):
    return Chunk(id="c1", text=text, source="p.md", policy_id="P", title="Savings Accounts Standard")


def _runs(text, question, market=None):
    chunk = _chunk(text)
    facts = read_case_facts(question, Filters(market=market))
    return [run_rule(r, "prose", chunk, 0, facts) for r in read_clause_logic(chunk)]


def test_trigger_read_from_sentence_structure():
    assert requirement_trigger("An ad that quotes an interest rate must state whether it is fixed.") == ("quotes an interest rate", True)
    assert requirement_trigger("If an ad mentions a bonus, it must say when the bonus ends.") == ("mentions a bonus", True)
    assert requirement_trigger("Where an account has a notice period, the ad is required to state it.") == ("an account has a notice period", False)
    assert requirement_trigger("Statements about tax relief must state who is eligible.") == ("tax relief", False)
    assert requirement_trigger("In Canada, ads that mention deposit insurance must name the insurer.") == ("mention deposit insurance", True)
    assert requirement_trigger("Ads for savings accounts must state the interest rate.") is None
    assert requirement_trigger("The advertiser must hold a banking licence.") is None


RATE = "An ad that quotes an interest rate must state whether the rate is fixed or variable."


def test_requirement_does_not_bind_an_ad_without_its_trigger():
    runs = _runs(RATE, "Savings account ad highlighting our mobile app and branch network.")
    assert not runs[0].applicable and "does not have" in runs[0].reason


def test_a_denied_trigger_does_not_bind():
    runs = _runs(RATE, "Savings account ad for our app. No interest rate figures anywhere.")
    assert not runs[0].applicable and "denies" in runs[0].reason


def test_present_trigger_still_binds():
    runs = _runs(RATE, "Savings account ad quoting a 4.1% interest rate.")
    assert runs[0].applicable and runs[0].outcome == "restrict"


def test_regulator_number_in_the_ad_means_the_credential_is_held():
    assert read_credentials("Our FCA number is printed in the creative.") == {"licence": True, "disclosure": True}
    assert read_credentials("We show our ASIC licence number and the warning.")["licence"] is True
    assert "licence" not in read_credentials("Do we need to show our FCA number?")
    assert read_credentials("We do not show our FCA number.").get("licence") is not True
    assert read_credentials("Our FCA application is pending; we show our FCA number.")["licence"] is False


def test_quoted_warning_the_ad_carries():
    assert read_credentials("The ad carries the 'capital at risk if markets fall' warning.") == {"disclosure": True}


def test_market_bound_does_not_give_way_to_a_general_one():
    text = ("Boat leasing ads must only be shown to people aged 18 or older. "
            "In the United States, the minimum age for these ads is 21.")
    chunk = Chunk(id="c1", text=text, source="p.md", policy_id="P", title="Vehicles")
    facts = read_case_facts("Boat leasing ad aimed at sailors aged 18-24, US only.", Filters(market="US"))
    runs = [run_rule(r, "prose", chunk, 0, facts, question_terms=terms(facts.question)) for r in read_clause_logic(chunk)]
    assert decide(runs).decision == "reject"


def test_pending_application_to_a_scheme_denies_its_certification():
    creds = read_credentials("We install heat pumps. Our MCS application is still pending - can we advertise?")
    assert creds["certification"] is False and creds["licence"] is False
    assert read_credentials("Our certification application was refused.") == {"certification": False}
    assert read_credentials("Our licence application is pending but we are ISO certified.") == {"licence": False, "certification": True}


def test_trigger_of_a_conditional_permission_is_the_ads_act():
    # "<ads> may <act> only if …": the act (verb and the head of its object) is the trigger
    assert requirement_trigger("An ad may claim a discount on an item only if the item was sold at the higher price "
                               "for at least 28 days.") == ("claim a discount", True)
    assert requirement_trigger("We do not allow ads to claim bill savings of more than 70% per year unless the "
                               "figure comes from a survey.") == ("claim bill savings", True)
    assert requirement_trigger("Dog breeders who advertise puppies for sale must hold a breeding licence.") == ("advertise puppies", True)
    # no act of the ad: an intransitive verb, a passive, a negated verb, people shown in the ad
    assert requirement_trigger("Game ads can run only if the game has an approval number.") is None
    assert requirement_trigger("Ads may be shown only if the user is 18 or older.") is None
    assert requirement_trigger("Ads may not claim cures unless a regulator approved them.") is None
    assert requirement_trigger("Anyone who appears in an alcohol ad must be at least 25 years old.") is None


DISCOUNT = "An ad may claim a discount on an item only if the item was sold at the higher price for at least 28 days within the previous 90 days."


def test_conditional_permission_does_not_bind_an_ad_without_the_act():
    runs = _runs(DISCOUNT, "Trailer for our premium game with paid items; the item prices are shown.")
    assert not runs[0].applicable and "does not have" in runs[0].reason
    runs = _runs(DISCOUNT, "Ad says 'Half price: 50% discount on the dragon skin this week'.")
    assert runs[0].applicable and runs[0].outcome == "restrict"


def test_a_number_on_what_the_limit_measures_keeps_the_permission_bound():
    # "40% off" names no "discount", but the case states how long the item sold at its price:
    # the number the permission's own limit executes on
    chunk = Chunk(id="c1", text=DISCOUNT, source="p.md", policy_id="P", title="Mobile Games")
    facts = read_case_facts("Ad says 40% off our gem pack. The pack sold at the normal price for the 60 days before this sale.", Filters())
    runs = [run_rule(r, "prose", chunk, 0, facts) for r in read_clause_logic(chunk)]
    assert runs[0].applicable and runs[0].outcome == "approve"


PROJECTIONS = "Projections of future pension values are not permitted unless they use a growth rate of no more than 5% per year."


def test_a_barred_practice_the_case_does_not_name_does_not_govern_it():
    # the practice is its head noun ("Projections"): a case naming no projection does not make one
    runs = _runs(PROJECTIONS, "Ad for our pension robo-adviser; the ad carries the 'value can fall as well as rise' warning.")
    assert not runs[0].applicable and "does not have" in runs[0].reason
    runs = _runs(PROJECTIONS, "Pension ad with a projection of the pot at retirement.")
    assert runs[0].applicable
    # a number on what the limit measures keeps it bound, though the practice is named otherwise
    runs = _runs(PROJECTIONS, "Pension ad showing the pot growing at 7% per year until retirement.")
    assert runs[0].applicable, runs[0].reason
