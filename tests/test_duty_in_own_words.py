"""A requirement the case meets in its own words (issue 13, under-answering): a negative statement
the ad must carry (core/negated_statement.py), an acronym the clause spells in lowercase words
(assistant/clause_acronyms.py `with_spelled`), a page named by its kind, a bracketed reduced
clause, a place opening a passive subject, and a duty said of a thing of the ad ("the price
must include ...") (core/disclosure.py). Rules and questions are invented for the tests."""

from policydesk.assistant.clause_acronyms import with_spelled
from policydesk.core.conduct import duty_status
from policydesk.core.disclosure import carried, required_items, shown_spans
from policydesk.core.negated_statement import states_negated

BAR = "The ad or landing page must state that the bar does not serve anyone under 21."
RATE = "The advertised nightly rate must include all mandatory fees."
PARCEL = "In Freedonia the parcel registration number must be shown on the landing page."


# ---------------------------------------------------------------- a negative statement
def test_a_negative_statement_is_carried_in_another_form_of_the_same_negation():
    assert carried(BAR, "Our menu page says we won't serve anyone under 21.")
    assert carried(BAR, "The landing page says our bar never serves anyone under 21.")


def test_a_negative_statement_needs_the_same_predicate_numbers_included():
    assert carried(BAR, "Our menu page says we won't serve anyone under 18.") is None
    # a narrowed ban is a permission: not the statement
    assert carried(BAR, "Our menu page says we won't serve anyone under 21 without ID.") is None
    # the affirmative is not the negative
    assert carried(BAR, "Our menu page says we serve anyone over 21.") is None
    # another subject's negation is not the advertiser's
    assert states_negated("the bar does not serve anyone under 21", "the council does not serve anyone under 21") is None


def test_a_negative_statement_is_not_met_by_naming_its_words():
    # the words of the statement in an affirmative clause ("a bar", "serve") state nothing
    assert carried(BAR, "We're a bar, the ad says we serve cocktails to anyone over 21.") is None


# ---------------------------------------------------------------- an acronym the clause spells
def test_an_acronym_the_clause_spells_in_lowercase_words():
    q = "Courier firm (PRN shown on the landing page)."
    assert "PRN (parcel registration number)" in with_spelled(q, PARCEL)
    duty = duty_status(PARCEL, with_spelled(q, PARCEL))
    assert duty is not None and duty.result == "met"
    # without the clause's words the acronym names nothing
    assert duty_status(PARCEL, q) is None


def test_an_acronym_spelled_two_ways_names_neither():
    text = "the parcel registration number and the postal routing note"
    assert with_spelled("PRN on the page", text + " or the public record notice") == "PRN on the page"


# ---------------------------------------------------------------- reading the two sides
def test_a_place_opening_the_sentence_is_no_part_of_the_item():
    assert [i.text for i in required_items(PARCEL)] == ["the parcel registration number"]


def test_a_page_named_by_its_kind_and_a_bracketed_clause():
    spans = shown_spans("Licensed firm, and the licence number is on our booking page.")
    assert [(s.text, s.page) for s in spans] == [("the licence number", True)]
    spans = shown_spans("Licensed broker (BLN shown on the landing page). Ad targets 18+.")
    assert ("BLN", True) in [(s.text, s.page) for s in spans]
    # a bracket closed inside the subject stays part of it
    assert not any(s.text.startswith("120") for s in shown_spans("APR (120%) shown next to the fee, 18+ targeting."))


# ---------------------------------------------------------------- a duty said of a thing of the ad
def test_a_duty_said_of_a_thing_of_the_ad():
    assert carried(RATE, "Hotel ad for Freedonia, the rate includes everything.")


def test_a_duty_said_of_a_thing_of_the_ad_is_not_met_with_an_exception_or_a_denial():
    assert carried(RATE, "Hotel ad, the rate includes everything except the resort fee.") is None
    assert carried(RATE, "Hotel ad, the rate doesn't include everything.") is None
    assert carried(RATE, "Hotel ad. Can the rate include everything?") is None
    # some fees are not all of them
    assert carried(RATE, "Hotel ad, the rate includes the cleaning fee.") is None


# ---------------------------------------------------------------- the advertiser's whole class
REPORT = "In Freedonia, the lab must report its adverse outcomes to the National Food Safety Register."


def test_the_whole_class_of_the_object_meets_the_duty():
    duty = duty_status(REPORT, "Freedonian lab, and we report our outcomes to the national food safety register.")
    assert duty is not None and duty.result == "met"


def test_a_part_of_the_class_or_another_recipient_does_not():
    from policydesk.core.object_head import whole_class_object

    assert duty_status(REPORT, "Freedonian lab, and we report our outcomes to the city council.") is None
    assert duty_status(REPORT, "Freedonian lab, and we report our recent outcomes to the National Food Safety Register.") is None
    assert duty_status(REPORT, "Freedonian lab, and we report our outcome to the National Food Safety Register.") is None
    # the case more specific than the duty is read as before, not as a whole class
    assert not whole_class_object(" its outcomes", "", "our adverse outcomes")
    # a recipient named with words the duty does not use is another one
    assert not whole_class_object(" its adverse outcomes", " to the National Food Safety Register", "our outcomes to the state food register")


def test_an_acronym_the_question_spells_already_is_left_as_it_is():
    q = "Courier firm, PRN (Parcel Registration Number) on the landing page."
    assert with_spelled(q, PARCEL) == q


def test_a_negative_statement_with_a_copula():
    rule = "The ad must make clear that the supplement is not a medicine."
    assert carried(rule, "Supplement ad, and the ad says our supplement isn't a medicine.")
    assert carried(rule, "Supplement ad, and the ad says our supplement is a medicine.") is None


def test_a_thing_said_to_carry_everything_with_something_added_or_taken_out():
    assert carried(RATE, "Hotel ad, the rate includes everything, plus a resort fee at check-in.") is None
    assert carried(RATE, "Hotel ad, the rate includes everything, apart from the resort fee.") is None


def test_an_age_group_written_as_a_plural_is_its_number():
    assert carried(BAR, "Our menu page says we never serve under-21s.")
    assert carried(BAR, "Our menu page says we never serve under-18s.") is None
    # "not everyone" is not "no one"
    assert carried(BAR, "Our menu page says we won't serve everyone under 21.") is None


def test_the_ads_copy_after_a_colon_is_what_it_carries():
    rule = "Ads for loans must show the representative APR."
    assert carried(rule, "Ad: 'Loans from 5% representative APR'. OK?")
    assert carried(rule, "Headline: 'Loans from 5%'. OK?") is None
    assert carried(rule, "We don't want the headline: 'Loans from 5% representative APR'.") is None
