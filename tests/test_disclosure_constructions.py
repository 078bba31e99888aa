"""Constructions of a disclosure duty and of a case's statement of it (core/disclosure.py),
issue 13: a clause stated as an item keeps its own modal; "that A and that B" is two items; a
manner of showing ("at least as prominently as") is no part of the item; a unit with its
alternative ("in cm or inches"); a verb of carrying that refers back to the clause before it
("…, which the ad says", "… and the ad says so"); a unit item named without any number."""

from policydesk.core.disclosure import carried, required_items, shown_spans, stated_otherwise, with_following


def _texts(sentence: str) -> list[str]:
    return [i.text for i in required_items(sentence)]


def test_stated_clause_keeps_its_own_modal():
    # before: the item was "the buyer", cut at the clause's own "may"
    items = _texts("A trade-in ad must state that the buyer may cancel the deal and keep the old handset, and the buyer must be allowed 14 days to do so.")
    assert items == ["the buyer may cancel the deal and keep the old handset"]


def test_two_that_clauses_are_two_items():
    items = _texts("Every listing must state that a vet checked the puppy and that the breeder keeps the mother on site.")
    assert items == ["a vet checked the puppy", "the breeder keeps the mother on site"]


def test_manner_of_showing_is_not_part_of_the_item():
    assert _texts("A loan ad that quotes a monthly fee must show the annual rate at least as prominently as that fee.") == ["the annual rate"]


def test_unit_with_alternative():
    (item,) = required_items("Listings must state the screen size in cm or inches.")
    assert item.text == "the screen size" and item.unit == "cm"


def test_relative_pronoun_refers_to_clause_before():
    spans = shown_spans("Deposits are refunded within 5 days, which the banner states, and we target adults.")
    assert [s.text for s in spans] == ["Deposits are refunded within 5 days"]


def test_pro_form_so_refers_to_clause_before():
    spans = shown_spans("Our flights are economy only; seats sell out fast and the ad says so.")
    assert [s.text for s in spans] == ["seats sell out fast"]


def test_pro_form_after_a_negated_or_supposed_clause_carries_nothing():
    assert shown_spans("We don't list the fees, and the ad says so.") == ()
    assert shown_spans("We would like to list the fees, and the ad says so.") == ()


def test_pro_form_meets_a_duty_named_in_the_clause_before():
    duty = "Any cooling-off period must be stated in the ad."
    assert carried(duty, "Buyers get a 7-day cooling-off period and the ad says so.")
    # the clause before says nothing of it: unknown, never met
    assert carried(duty, "Buyers get free delivery and the ad says so.") is None


def test_unit_item_named_without_a_number():
    duty = "The ad or its landing page must state the screen size in cm or inches."
    assert carried(duty, "Phone case for sale; screen sizes are on the product page.")
    # named only in part: not found
    assert carried(duty, "Phone case for sale; sizes are on the product page.") is None
    # a number in another measure is the thing given in the wrong form
    assert carried("The ad must state the amount of each rise in pounds.", "The ad says each rise is 3.9%.") is None
    assert stated_otherwise("The ad must state the amount of each rise in pounds.", "The ad says the amount of each rise is 3.9%.")


def test_a_measure_repeated_after_or_is_an_alternative():
    # "per day or per month": either measure of the one thing, with all that goes before it
    (item,) = required_items("Ads must show the hire charge per vehicle per day or per calendar month.")
    assert item.text == "the hire charge per vehicle per day or per calendar month"
    assert [a.text for a in item.alternatives] == ["the hire charge per vehicle per calendar month"]
    duty = "Ads must show the hire charge per vehicle per day or per calendar month."
    assert carried(duty, "Van hire: the daily hire charge is shown in the ad.")
    # named without either measure: not found
    assert carried(duty, "Van hire: the hire charge is shown in the ad.") is None


def test_a_participle_after_joined_noun_phrases_is_said_of_each():
    spans = [s.text for s in shown_spans("Boat trip, hourly price and a 3-hour minimum booking shown, adults only.")]
    assert spans == ["hourly price and a 3-hour minimum booking"]
    # a conjunct with its own verb is a clause of its own
    spans = [s.text for s in shown_spans("We run tours and the hourly price shown, adults only.")]
    assert spans == ["the hourly price"]


def test_shown_beside_something_else_is_shown():
    spans = [s.text for s in shown_spans("Hire firm, deposit (50%) shown next to the price, adults only.")]
    assert "deposit (50%)" in spans


def test_a_relative_pronoun_subject_stands_for_the_place_before_it():
    spans = shown_spans("Promoting my booking page, which has the cancellation terms and the total price. Adults only.")
    assert [(s.text, s.page) for s in spans] == [("the cancellation terms and the total price", True)]
    # what the relative stands for is no place of the ad: nothing shown
    assert shown_spans("We sell boats, which has a licence.") == ()


def test_copy_after_what_the_ad_is_for():
    spans = [s.text for s in shown_spans("Ad for our rowing lessons: 'Lessons need a swimming test first.'")]
    assert spans == ["'Lessons need a swimming test first.'"]


def test_a_list_set_out_on_the_lines_after_the_sentence():
    passage = ("Charter firms may advertise only if the ad states both of the following:\n"
               "- that the skipper is licensed by the harbour authority; and\n"
               "- the total price, with the fuel surcharge shown separately.\n"
               "Charters must not exceed 12 passengers.")
    sentence = "Charter firms may advertise only if the ad states both of the following:"
    duty = with_following(sentence, passage)
    assert [i.text for i in required_items(duty)] == ["the skipper is licensed by the harbour authority", "the total price", "with the fuel surcharge shown separately"]
    assert carried(duty, "Ad says the skipper is licensed by the harbour authority, total £300 with £40 fuel surcharge shown separately.")
    # one of the listed items not said: unknown, never met
    assert carried(duty, "Ad says the total is £300 with £40 fuel surcharge shown separately.") is None
    # no list after it: the sentence as it is
    assert with_following(sentence, sentence) == sentence


def test_a_sum_of_money_is_a_value_of_a_price():
    duty = "The ad must state the total price."
    assert carried(duty, "The ad says total £67 for two nights.")
    # a sum with nothing of what the price is: not found
    assert carried(duty, "The ad says £67 for two nights.") is None
    # the word naming the price away from the sum: no statement of that price
    assert carried("The ad must state the cancellation fee.", "The ad shows £10 a month, cancel anytime for £30 a month.") is None


def test_a_demonstrative_shown_points_back_to_the_clause_before():
    duty = "An ad for a season pass must state the total price of the pass."
    assert carried(duty, "Ski resort ad: the pass costs £420 for the winter and that total is in the copy.")
    # the clause before negated or supposed: nothing shown
    assert carried(duty, "Ski resort ad: we don't give the pass price and that total is in the copy.") is None
    assert carried(duty, "Ski resort ad: if the pass costs £420, that total is in the copy.") is None


def test_a_named_measure_of_each_thing_the_case_is_about():
    duty = "The ad must show the market value of each coin."
    assert carried(duty, "Coin dealer: every coin is graded and the ad shows market value.")
    # the measure not named as the duty names it: not found
    assert carried(duty, "Coin dealer: every coin is graded and the ad shows the value.") is None
    # a bare measure of each thing is still read with the thing named beside it
    assert carried("The ad must state the amount of each rise.", "Prices rise every April and the ad shows the amount.") is None


def test_a_number_given_after_what_it_identifies():
    duty = "The landing page must show the berth number."
    assert carried(duty, "Marina listing; the landing page shows berth 14, pontoon C.")
    # the thing named with no number, or a count of it: not its number
    assert carried(duty, "Marina listing; the landing page shows the berth.") is None
    assert carried(duty, "Marina listing; the landing page shows 14 berths.") is None
