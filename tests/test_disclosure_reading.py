"""A disclosure requirement met by what the question says the ad carries, in its own words
(core/disclosure.py, assistant/condition_check.py). Rules and questions are invented for the tests."""

import pytest

from policydesk.assistant.execute import run_rule
from policydesk.assistant.precedence import decide
from policydesk.core.casefacts import read_case_facts
from policydesk.core.clause_logic import read_clause_logic
from policydesk.core.disclosure import carried, required_items, shown_spans
from policydesk.core.terms import terms
from policydesk.core.types import Chunk, Filters

CAFFEINE = "Ads for caffeine pills must state the amount of caffeine per serving, in milligrams."
LOAN = "If a loan ad states a monthly payment, it must also show the representative APR, the number of payments and the total amount payable."
EXAMPLE = "Credit ads in Freedonia must come from an authorised lender and must include a representative example."
NUMBER = "The licence number needs to appear in the ad or on its landing page."
NUMBER_AD = "Every plumbing ad must show the contractor's licence number."
SUPERVISED = "The weekly limit does not apply to clinics run by a doctor, as long as the ad states that the programme is medically supervised."
QUOTED = 'Raffle ads must say "No purchase necessary".'
SCHEME = "Ads for grant-funded boilers are allowed only in Freedonia, and the ad must name the scheme."
ANIMALS = "Ads selling a live animal must also disclose the seller's location and whether the animal has been vaccinated and microchipped."


def _texts(sentence):
    return [(i.text, i.unit, i.exact) for i in required_items(sentence)]


# ---------------------------------------------------------------- rule side
def test_listed_items_are_read_one_by_one():
    assert [t for t, _, _ in _texts(LOAN)] == ["the representative APR", "the number of payments", "the total amount payable"]
    # the trigger ("if a loan ad states a monthly payment") is no requirement
    assert all("monthly" not in t for t, _, _ in _texts(LOAN))


def test_a_unit_is_read_as_a_unit():
    assert _texts(CAFFEINE) == [("the amount of caffeine per serving", "mg", None)]
    assert _texts("The ad must state each price rise in pounds and pence.")[0][1] == "GBP"


def test_subject_of_must_appear_and_quoted_statements():
    assert [t for t, _, _ in _texts(NUMBER)] == ["The licence number"]
    assert _texts(QUOTED) == [('"No purchase necessary"', None, "no purchase necessary")]
    assert [e for _, _, e in _texts('Trailers may use such footage as long as the words "Not actual gameplay" stay on screen.')] == ["not actual gameplay"]
    # a quoted example is no required statement
    assert _texts('Claims such as "supports digestion" are allowed.') == []


def test_nothing_read_where_the_rule_points_elsewhere():
    # "show them ...": what the rule is about is shown as described; the description is read
    assert [t for t, _, _ in _texts("If the ad shows fireworks being used, show them lit only outdoors.")] == ["lit only outdoors"]
    assert required_items("If the ad shows fireworks being used, the ad must say so.") == ()
    assert required_items("Taxes may be left out of the price provided that the ad says so next to the price.") == ()


# ---------------------------------------------------------------- question side
def test_spans_follow_a_verb_said_of_the_ad():
    assert [s.text for s in shown_spans("The ad shows the bottle, '100 mg caffeine per tablet' and the price. OK?")] == [
        "the bottle, '100 mg caffeine per tablet' and the price"
    ]
    spans = shown_spans("We're registered and our licence number is on the landing page.")
    assert [(s.text, s.page) for s in spans] == [("our licence number", True)]


def test_spans_without_a_verb_and_with_has():
    spans = [s.text for s in shown_spans("Rules link has it all, closing date on the ad, 'No purchase necessary' shown.")]
    assert spans == ["closing date", "'No purchase necessary'"]
    assert [s.text for s in shown_spans("The creative has the risk warning.")] == ["the risk warning"]
    assert shown_spans("We have a licence from the regulator.") == ()  # held, not shown
    assert shown_spans("The closing date isn't on the ad.") == ()
    assert shown_spans("No warning on the ad.") == ()
    assert shown_spans("Freight and fees are all included in that price.") == ()


@pytest.mark.parametrize(
    "question",
    [
        "Can the ad show '100 mg caffeine per tablet'?",
        "Do we need to state the caffeine content?",
        "If the ad shows the APR, is that enough?",
        "The ad doesn't show the APR.",
        "We don't list the price anywhere.",
        "Our price includes VAT.",
        "We operate in the United States and several other countries.",
    ],
)
def test_no_span_where_the_question_asks_supposes_or_denies(question):
    assert shown_spans(question) == ()


# ---------------------------------------------------------------- both
@pytest.mark.parametrize(
    "sentence,question",
    [
        (CAFFEINE, "Caffeine pills, US only, the ad shows '100 mg caffeine per tablet' and the price."),
        (CAFFEINE, "The label in the ad states 200 milligrams of caffeine per capsule."),
        (LOAN, "We're an authorised lender and the ad shows the representative example with APR, number of payments and total payable."),
        (LOAN, "The ad states £99 a month, and it also gives the representative APR, the number of payments and the total amount payable."),
        (EXAMPLE, "Freedonia car finance ad from an authorised lender; the ad shows the representative example with APR and total payable."),
        (NUMBER, "Boiler servicing ad. We're registered and our licence number is on the landing page."),
        (NUMBER, "Our licence number is printed in the ad."),
        (NUMBER_AD, "Plumbing ad in Texas; the creative displays our licence number."),
        (SUPERVISED, "Clinic run by a licensed doctor. Ad says 'medically supervised' and targets 30-60."),
        (QUOTED, "Raffle ad. Ad says 'No purchase necessary', free entry by post."),
        ('Trailers may use such footage as long as the words "Not actual gameplay" stay on screen.', "Trailer is all CGI that isn't in the game. 'Not actual gameplay' stays on screen the whole time."),
        (SCHEME, "Free boilers through the WARM4 grant scheme - the ad names WARM4."),
        (ANIMALS, "Each listing gives the dog's age, our shelter location, and says they're vaccinated and microchipped."),
    ],
)
def test_requirement_met_in_the_questions_own_words(sentence, question):
    assert carried(sentence, question)


@pytest.mark.parametrize(
    "sentence,question",
    [
        (CAFFEINE, "The ad shows the caffeine content but not in milligrams."),
        (CAFFEINE, "The ad shows the bottle and the price."),
        (CAFFEINE, "Can the ad show '100 mg caffeine per tablet'?"),
        (CAFFEINE, "Ad shows 'High caffeine' and the price; the caffeine content, 100 mg, is on the website."),
        (LOAN, "The ad shows the monthly payment and the representative APR, but doesn't show the number of payments or the total amount payable."),
        (LOAN, "The ad shows the representative APR and the number of payments."),
        (LOAN, "The ad shows £99 a month and the APR. The total amount payable is missing."),
        (EXAMPLE, "The ad shows the APR but no representative example."),
        (EXAMPLE, "We're an authorised lender. Does the ad need to include a representative example?"),
        (EXAMPLE, "The ad shows the APR, without a representative example."),
        (NUMBER, "We're registered but our licence number isn't on the ad or the landing page."),
        (NUMBER, "We are registered; we can send the licence number if you need it."),
        (NUMBER_AD, "Our licence number is on the landing page."),  # the rule wants it in the ad
        (SUPERVISED, "Clinic run by a licensed doctor. The ad doesn't say the programme is medically supervised."),
        (QUOTED, "Raffle ad, free entry by post. Can we leave out 'No purchase necessary'?"),
        (QUOTED, "Raffle ad. The ad says 'Purchase necessary for bonus entries'."),
        (SCHEME, "Free boilers - the ad names our company."),
        (ANIMALS, "Each listing gives the dog's age and our shelter location."),
    ],
)
def test_requirement_not_met_when_missing_asked_or_denied(sentence, question):
    assert carried(sentence, question) is None


# ---------------------------------------------------------------- executed
def _verdict(text, question, market=None):
    chunk = Chunk(id="c1", text=text, source="p.md", policy_id="P", section="")
    facts = read_case_facts(question, Filters(market=market))
    runs = [run_rule(r, "prose", chunk, 0, facts, question_terms=terms(question)) for r in read_clause_logic(chunk)]
    return decide(runs)


def test_disclosure_condition_met_approves_and_denial_does_not():
    text = "Caffeine pills\n\n" + CAFFEINE
    met = _verdict(text, "Caffeine pills ad, the ad shows '100 mg caffeine per tablet' and the price. OK?")
    assert met is not None and met.decision == "approve"
    missing = _verdict(text, "Caffeine pills ad, the ad shows the bottle and a runner. OK?")
    assert missing is None or missing.decision != "approve"


def test_a_requirement_without_conditions_met_in_words():
    text = "Boiler servicing\n\nThe registration number needs to appear in the ad or on its landing page."
    # a passive duty to carry ("needs to appear in the ad") is read as the disclosure it is
    # (session 18); the items it asks for are read from the sentence as before
    assert [r.conditions for r in read_clause_logic(Chunk(id="c1", text=text, source="p.md", policy_id="P", section=""))] == [["requires:disclosure"]]
    ok = _verdict(text, "Boiler servicing ad. Our registration number is on the landing page.")
    assert ok is not None and ok.decision == "approve"
    denied = _verdict(text, "Boiler servicing ad. Our registration number isn't shown anywhere.")
    assert denied is None or denied.decision != "approve"


def test_rule_side_forms():
    # a verb sharing the modal of the one before it; an "only if" condition mid-sentence
    assert [t for t, _, _ in _texts("Pharmacies must be registered with the council and display the council registration number on the landing page.")] == [
        "the council registration number"
    ]
    assert [t for t, _, _ in _texts("Residents may be shown these ads only if the ad displays the product's approval number.")] == ["the  approval number"]
    # nothing inside a quotation ends it, even one cut at its own full stop
    assert [e for _, _, e in _texts('Such ads must carry the label "Altered or synthetic content" in the ad itself.')] == ["altered or synthetic content"]
    assert [e for _, _, e in _texts('The ad must include the warning "Don\'t invest unless you\'re prepared to lose it all.')] == [
        "don t invest unless you re prepared to lose it all"
    ]
    # what a warning says, or who issued a number, describes it
    assert [t for t, _, _ in _texts("Every ad must include a clear risk warning stating that prices can fall.")] == ["a clear risk warning"]
    assert [t for t, _, _ in _texts("Every ad must carry the approval number issued by the regulator.")] == ["the approval number"]
    # "A or B noun": either
    (item,) = required_items("The firm's authorisation or registration number must appear in the ad.")
    assert item.alternatives
    assert _texts("The ad must state the percentage of accounts that lose money.")[0][1] == "%"


@pytest.mark.parametrize(
    "question,met",
    [
        ("The ad states that 74% of retail investor accounts lose money.", True),
        ("The ad says retail investor accounts can lose money.", False),  # no percentage
        ("The ad shows 74% and our logo.", False),
    ],
)
def test_percentage_read_as_a_number_in_per_cent(question, met):
    rule = "The ad must state the percentage of retail investor accounts that lose money."
    assert bool(carried(rule, question)) is met


@pytest.mark.parametrize(
    "question,met",
    [
        ("Our registration number is displayed in the ad.", True),
        ("We show our registration number in the creative.", True),
        ("The creative includes our authorisation number.", True),
        ("The authorisation number appears on the ad.", True),
        ("Our registration number will be on the landing page.", False),  # the rule wants the ad
        ("We have a registration number.", False),
        ("Should we show our registration number?", False),
        ("Our registration number is not shown.", False),
        ("The ad shows our logo; the registration number is left out.", False),
    ],
)
def test_number_in_the_ad_many_phrasings(question, met):
    rule = "Every ad must show the firm's authorisation or registration number."
    assert bool(carried(rule, question)) is met


@pytest.mark.parametrize(
    "question",
    [
        'Raffle ad. Can we leave out "No purchase necessary to enter"?',
        'Raffle ad; we dropped "No purchase necessary to enter" from the creative.',
        'Raffle ad; we removed "No purchase necessary to enter" to save space.',
    ],
)
def test_a_quoted_statement_left_out_is_not_carried(question):
    from policydesk.assistant.condition_check import quotes_statement

    rule = 'Raffle ads must include the statement "No purchase necessary to enter".'
    assert quotes_statement(rule, read_case_facts(question)) is None
    assert carried(rule, question) is None
    assert carried(rule, 'Raffle ad, the ad says "No purchase necessary to enter".')


@pytest.mark.parametrize(
    "question,met",
    [
        ("UK crypto ad with the risk warning and our registration number, 18+.", True),
        ("The rules link and our registration number are on the ad; the risk warning is shown too.", True),
        ("UK crypto ad with no risk warning but with our registration number.", False),
        ("A video ad without the risk warning; our registration number is on the ad.", False),
        ("Crypto ad with our registration number.", False),  # the warning is not said
    ],
)
def test_what_the_ad_comes_with(question, met):
    rule = "Every ad must show the firm's registration number and a risk warning."
    assert bool(carried(rule, question)) is met


def test_expected_to_is_an_obligation_as_must_is():
    """One modal vocabulary (core/condition_reading.py OBLIGATION) for every requirement reader."""
    assert [t for t, _, _ in _texts("Advertisers are expected to show the representative APR.")] == ["the representative APR"]
    assert _texts("Results are expected to vary between customers.") == []
    assert [t for t, _, _ in _texts("The representative APR is expected to appear in the ad.")] == ["The representative APR"]


def test_the_issuer_of_a_credential_named_by_its_name():
    # "We're MCS certified": MCS is the certification scheme; the page naming MCS names it
    rule = "The ad or its landing page must name the certification scheme."
    assert carried(rule, "We're MCS certified and name MCS on the landing page.")
    assert carried(rule, "MCS-certified installer, landing page names MCS.")
    # the name shown without the question saying it certifies: not the scheme
    assert carried(rule, "Landing page names MCS.") is None
    # an item other than the issuer ("the certification number") is not met by the name
    assert carried("The ad must show the certification number.", "We're MCS certified and the ad shows MCS.") is None


# ---------------------------------------------------------------- a run-in list after a colon
FOLLOWING = ("A boat hire ad can run only if the booking page shows all of the following: that the skipper is "
             "licensed and lifejackets are provided; the hourly rate; the deposit; and, for ads targeting Freedonia, "
             "the harbour of departure.")


def test_a_run_in_list_after_the_following_is_read_item_by_item():
    texts = [t for t, _, _ in _texts(FOLLOWING)]
    # a clause item keeps its own verbs; a market-bound item is still to be shown
    assert texts == ["the skipper is licensed and lifejackets are provided", "the hourly rate", "the deposit", "the harbour of departure"]


def test_a_run_in_list_is_met_only_when_every_item_is_shown():
    all_shown = "Boat hire in Freedonia; the booking page shows that the skipper is licensed and lifejackets are provided, the hourly rate, the deposit and the harbour of departure."
    assert carried(FOLLOWING, all_shown)
    one_missing = "Boat hire in Freedonia; the booking page shows that the skipper is licensed and lifejackets are provided, the hourly rate and the deposit."
    assert not carried(FOLLOWING, one_missing)
