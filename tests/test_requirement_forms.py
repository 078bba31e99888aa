"""Requirements in the obligation forms the disclosure reader missed keep their items, and the
existing matchers meet them only when the question affirms every item (issue 13).

Why: "the ad needs to state the amount of that payment", "are required to state the length of
that term", "must also explain how to cancel", "show them lit only outdoors, from the ground,
with spectators at a safe distance", "the minimum contract length must be stated in months",
"there must be a free method of entry that ...", "is required to supply the registration
numbers to us on request" stayed `restrict` for a case that said it met them, or were read
without what they ask for. Read (core/disclosure.py, core/conduct.py): a demonstrative that
points back to a noun phrase of the sentence is that phrase ("that payment" -> "the final
balloon payment"); "the amount / number / length of X" is met by X named with the measure or a
value of it, a date item by a date; a verb of explaining carries content; an imperative after
a condition clause, and a description of what is shown ("show them ..."), is read; a unit after
a passive ("stated in months") is the item's unit; "there must be X" is a thing the case says
there is (each qualifying clause an item) or says there is none of; a duty on request is stated
by "we can / will ...". Silence or a denial never meets a requirement. Rules and questions are
invented for the tests; the end-to-end tests ingest a policy written here.
"""

from __future__ import annotations

import pytest

from policydesk.core.conduct import duty_status
from policydesk.core.disclosure import carried, existence_items, existence_status, required_items
from tests.policy_store import ask_in, ingest_policy

BALLOON = "When an offer includes a final balloon payment, the ad needs to state the amount of that payment."
LIMITED = "Price reductions described as limited-time need to show the date the offer ends."
TERM = "Ads for memberships with a minimum contract term are required to state the length of that term."
CANCEL = "Gym ads that offer a free trial must also explain how to cancel before the first payment is taken."
BATTERY = "Home battery ads that quote storage capacity must give the usable capacity in kWh rather than only the total capacity."
FIREWORKS = "If the ad shows fireworks being used, show them lit only outdoors, from the ground (apart from sparklers), with spectators at a safe distance."
PHONES = "The headline monthly price in an ad must include all mandatory charges, and the minimum contract length must be stated in months."
SAVINGS = "Claims about bill savings must state the assumptions they rely on, including the system size in kWp and the electricity price used."
DRAW = "For prize draws, there must be a free method of entry that gives the same chance of winning as a paid entry."
ON_REQUEST = "The advertiser is required to supply the registration numbers to us on request, and ads from practices that cannot do so will not be accepted."


def _items(sentence):
    return [(i.text, i.unit) for i in required_items(sentence)]


# ---------------------------------------------------------------- the rule side
def test_each_obligation_form_keeps_its_items():
    assert _items(BALLOON) == [("the amount of the final balloon payment", None)]
    assert _items(LIMITED) == [("the date the offer ends", None)]
    assert _items(TERM) == [("the length of the minimum contract term", None)]
    assert _items(CANCEL) == [("how to cancel", None)]
    assert _items(BATTERY) == [("the usable capacity", "kWh")]
    assert _items("Pre-order ads have to show the expected release month.") == [("the expected release month", None)]
    assert _items("Lease ads that show a monthly payment must also state the amount due at signing.") == [("the amount due at signing", None)]


def test_a_description_of_what_is_shown_is_read_part_by_part():
    assert [t for t, _ in _items(FIREWORKS)] == ["lit only outdoors", "from the ground", "with spectators at a safe distance"]
    # the condition clause ("If the ad shows fireworks being used") is no requirement
    assert all("used" not in t for t, _ in _items(FIREWORKS))


def test_a_joined_requirement_and_a_unit_after_a_passive():
    assert _items(PHONES) == [("all mandatory charges", None), ("the minimum contract length", "months")]
    # "including" opens members of the list, not a word of one
    assert [t for t, _ in _items(SAVINGS)] == ["the assumptions they rely on", "the system size", "the electricity price used"]


def test_a_demonstrative_without_a_phrase_to_point_to_is_left_as_written():
    assert _items("Ads must state that price in pounds.")[0][0] == "price"
    # "that" opening a clause is no demonstrative
    assert _items("The ad must state that the programme is medically supervised.") == [("the programme is medically supervised", None)]


# ---------------------------------------------------------------- the matchers
@pytest.mark.parametrize(
    "sentence, question, expected",
    [
        (BALLOON, "Car finance with a final balloon payment; the ad states the balloon payment of 6,000 pounds.", "met"),
        (BALLOON, "Car finance with a final balloon payment; the ad states the amount of the final balloon payment.", "met"),
        # another payment's amount is not the balloon payment's
        (BALLOON, "Car finance with a final balloon payment; the ad states the monthly payment of 199 pounds.", None),
        (BALLOON, "Car finance with a final balloon payment. OK?", None),
        (LIMITED, "Limited-time 20% off; the ad says the offer ends on 31 March.", "met"),
        (LIMITED, "Limited-time 20% off; the ad shows the date the offer ends.", "met"),
        (LIMITED, "Limited-time 20% off; the ad says the offer ends soon.", None),
        (LIMITED, "Limited-time 20% off; the ad doesn't show the date the offer ends.", "unmet"),
        (TERM, "Gym membership with a 12-month minimum term; the ad states the 12-month term.", "met"),
        (TERM, "Gym membership with a 12-month minimum term; the ad shows the monthly price.", None),
        (CANCEL, "Gym ad with a free trial; the ad explains how to cancel online.", "met"),
        (CANCEL, "Gym ad with a free trial; the ad doesn't explain how to cancel.", "unmet"),
        (CANCEL, "Gym ad with a free trial. Can the ad explain how to cancel later?", None),
        (BATTERY, "Battery ad quoting 13.5 kWh total; the ad also gives the usable capacity of 12.8 kWh.", "met"),
        (BATTERY, "Battery ad quoting 13.5 kWh total; the ad does not give the usable capacity.", "unmet"),
        (BATTERY, "Battery ad quoting 13.5 kWh total capacity.", None),
        (FIREWORKS, "The video shows rockets lit outdoors, from the ground, with spectators at a safe distance.", "met"),
        (FIREWORKS, "The video shows rockets lit outdoors, from the ground.", None),  # the spectators are not said
        (PHONES, "The ad states a 24-month contract and the price includes all mandatory charges.", "met"),
        (PHONES, "The ad states a 24-month contract.", None),  # the charges are not said
    ],
)
def test_a_requirement_is_met_only_when_every_item_is_affirmed(sentence, question, expected):
    duty = duty_status(sentence, question)
    assert (duty.result if duty else None) == expected, duty


def test_a_negation_about_something_else_does_not_block_a_met_requirement():
    assert carried(LIMITED, "No credit needed. The ad says the offer ends on 31 March.")
    assert not carried(LIMITED, "The ad says the offer ends, but not when.")


PUPPY = "Every ad offering a puppy for sale must state the animal's age, and we do not allow ads for puppies younger than 8 weeks."


@pytest.mark.parametrize(
    "sentence, items",
    [
        ("Lenders are required to show the total amount payable.", ["the total amount payable"]),
        ("Every listing has to give the seller's location.", ["the  location"]),
        ("Ads have to set out the cancellation terms.", ["the cancellation terms"]),
        ("Breeders need to state the animal's age.", ["the  age"]),  # a generic word, the whole item
        ("In Australia, ads that mention certificates are required to explain that the discount is already reflected in the price.",
         ["the discount is already reflected in the price"]),
    ],
)
def test_more_obligation_phrasings(sentence, items):
    assert [t for t, _ in _items(sentence)] == items


@pytest.mark.parametrize(
    "question, expected",
    [
        ("Puppies are 10 weeks; the ad gives their age and our town.", "met"),
        ("Puppy ad, the ad says the pups are 10 weeks old.", "met"),
        ("Puppy ad; the ad does not state their age.", "unmet"),
        ("Puppy ad; pups are 10 weeks old; the ad shows the price.", None),  # said of the pups, not of the ad
        ("Puppy ad; the ad shows the breed and price.", None),
    ],
)
def test_an_age_item(question, expected):
    duty = duty_status(PUPPY, question)
    assert (duty.result if duty else None) == expected, duty


# ---------------------------------------------------------------- something there must be
def test_the_thing_there_must_be_is_read_with_its_qualifying_clause():
    assert [i.text for i in existence_items(DRAW)] == ["a free method of entry", "gives the same chance of winning as a paid entry"]
    assert existence_items("There has to be a named promoter.")[0].text == "a named promoter"
    assert existence_items("Ads must show the closing date.") == ()
    # a negated existence is a prohibition: nothing the case could meet by having it
    assert existence_items("There must be no suggestion that the product cures disease.") == ()
    assert duty_status("There must be no suggestion that the product cures disease.", "There is a suggestion that the product cures disease.") is None


def test_a_description_needs_a_participle():
    assert [i.text for i in required_items("When models are shown, show them wearing helmets.")] == ["wearing helmets"]
    # a manner of showing is no description of what is shown
    assert required_items("Ads must show it clearly in the first frame.") == ()
    assert required_items("If the ad shows a product, display it prominently.") == ()


@pytest.mark.parametrize(
    "question, expected",
    [
        ("Prize draw: there is a free method of entry that gives the same chance of winning as a paid entry.", "met"),
        ("Prize draw: we offer a free entry route which gives the same chance of winning as a paid entry.", "met"),
        ("Prize draw: there is no free method of entry.", "unmet"),
        ("Prize draw with paid entries only and no free entry route.", "unmet"),
        # only part of the thing: unknown
        ("Prize draw: a free method of entry is available.", None),
        ("Prize draw: there is a free method of entry, but it does not give the same chance of winning as a paid entry.", None),
        ("Prize draw: is there a free method of entry needed?", None),
        ("Prize draw, tickets cost 2 pounds. No purchase necessary is not on the ad.", None),
    ],
)
def test_something_there_must_be(question, expected):
    said = existence_status(DRAW, question)
    assert (said[0] if said else None) == expected, said
    duty = duty_status(DRAW, question)
    assert (duty.result if duty else None) == expected


@pytest.mark.parametrize(
    "question, expected",
    [
        ("Vet practice. Our vets are registered and we can supply their registration numbers if you need them.", "met"),
        ("Vet practice. We will supply the registration numbers on request.", "met"),
        ("Vet practice. We cannot supply the registration numbers.", "unmet"),
        ("Vet practice. We are unable to supply registration numbers.", "unmet"),
        ("Vet practice. Can we supply the registration numbers later?", None),
        ("Vet practice. Our vets are registered.", None),
    ],
)
def test_a_duty_on_request_is_stated_by_what_the_advertiser_can_do(question, expected):
    duty = duty_status(ON_REQUEST, question)
    assert (duty.result if duty else None) == expected, duty


def test_can_states_no_duty_that_is_not_on_request():
    assert duty_status("The sponsor must register the promotion with the state.", "We can register the promotion.") is None


# ---------------------------------------------------------------- a real store
CAR_FINANCE = """# Car finance

This policy covers ads for car finance offered by dealers and lenders.

## Balloon payments

When an offer includes a final balloon payment, the ad needs to state the amount of that payment.
"""

PRIZE_DRAWS = """# Dealer prize draws

This policy covers prize draws run by car dealers.

## Free entry

For prize draws, there must be a free method of entry that gives the same chance of winning as a paid entry.
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return ingest_policy(tmp_path_factory, "requirement_forms", {"car_finance.md": CAR_FINANCE, "prize_draws.md": PRIZE_DRAWS})


def _balloon_run(answer):
    return next((r for r in answer.trace.rules if r.applicable and any("carries" in (c.requirement or "") for c in r.conditions)), None)


def test_a_stated_amount_approves_and_silence_restricts(store):
    met = ask_in("Car finance ad with a final balloon payment; the ad states the balloon payment of 6,000 pounds. OK?", store, "GB")
    assert met.verdict == "approve", (met.verdict, [(r.rule_id, r.outcome, r.reason, r.conditions) for r in met.trace.rules])
    silent = ask_in("Car finance ad with a final balloon payment. OK?", store, "GB")
    assert silent.verdict == "restrict", (silent.verdict, silent.answer)
    wrong = ask_in("Car finance ad with a final balloon payment; the ad states the monthly payment of 199 pounds. OK?", store, "GB")
    assert wrong.verdict != "approve", (wrong.verdict, wrong.answer)


def test_a_case_without_the_trigger_is_not_held_to_the_requirement(store):
    a = ask_in("Car finance ad with fixed monthly payments and no balloon payment. OK?", store, "GB")
    run = next((r for r in a.trace.rules if "balloon" in r.reason or "balloon" in " ".join(c.requirement or "" for c in r.conditions)), None)
    assert run is None or not run.applicable or run.outcome != "reject", [(r.rule_id, r.applicable, r.outcome, r.reason) for r in a.trace.rules]


def test_a_free_entry_route_said_to_exist_approves_and_its_absence_rejects(store):
    met = ask_in("Dealer prize draw: there is a free method of entry that gives the same chance of winning as a paid entry. OK?", store, "GB")
    assert met.verdict == "approve", (met.verdict, [(r.rule_id, r.outcome, r.reason, r.conditions) for r in met.trace.rules])
    denied = ask_in("Dealer prize draw with paid entries only; there is no free method of entry. OK?", store, "GB")
    assert denied.verdict == "reject", (denied.verdict, denied.answer)
    partial = ask_in("Dealer prize draw: a free method of entry is available. OK?", store, "GB")
    assert partial.verdict == "restrict", (partial.verdict, partial.answer)
