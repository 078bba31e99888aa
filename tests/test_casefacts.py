"""Case facts read from many phrasings of a moderator's question (core/casefacts.py)."""

import pytest

from policydesk.core.casefacts import read_ages, read_case_facts, read_claims, read_credentials, read_quantities
from policydesk.core.types import Filters


@pytest.mark.parametrize(
    "question, low, high",
    [
        ("Can a beer brand target 19 year olds in Singapore?", 19, 19),
        ("Lager campaign in Thailand targeting 18-24 year olds, okay?", 18, 24),
        ("Payday lender targeting 18-24 in the UK", 18, 24),
        ("ads for users under 18", 0, 17),
        ("promoting to under-16s", 0, 15),
        ("can we reach teens with this?", 13, 17),
        ("audience aged 25 and over", 25, 99),
        ("campaign restricted to 21+", 21, 99),
        ("include 19 and 20 year olds in the US campaign", 19, 20),
        ("show it to people over 21 in Japan", 22, 99),
        ("targeting adults only", 18, 99),
        # A group the clause leaves out is not the audience: the audience starts above it.
        ("Ads go to 18+ only and our site says we won't tattoo anyone under 18.", 18, 99),
        ("no under-18s, please", 18, 99),
        ("not aimed at kids", 18, 99),
        ("we never sell to anyone under 21", 21, 99),
    ],
)
def test_ages(question, low, high):
    ages = read_ages(question)
    assert ages is not None and (ages.low, ages.high) == (low, high)


@pytest.mark.parametrize("question", ["A 10-year-old actor in a toy ad", "Can a brewery advertise?", "APR of 40% on a 12 month loan"])
def test_no_audience_ages(question):
    assert read_ages(question) is None


def test_quantities_with_units():
    got = {(q.value, q.unit) for q in read_quantities("Loan at 40% APR over 36 months, $5,000 minimum, refund within 7 days")}
    assert got == {(40.0, "%"), (36.0, "months"), (5000.0, "USD"), (7.0, "days")}
    assert read_quantities("19 year olds in section 4") == []


@pytest.mark.parametrize(
    "question, expected",
    [
        ("A licensed lender wants to advertise", {"licence": True}),
        ("The lender is not licensed in Brazil", {"licence": False}),
        ("unlicensed bookmaker", {"licence": False}),
        ("They run ads without a licence", {"licence": False}),
        ("certified online pharmacy", {"certification": True}),
        ("the app is not certified yet", {"certification": False}),
        ("we have written permission from the rights holder", {"permission": True}),
        ("we don't have permission from the brand", {"permission": False}),
        # Listed on a register, and a person's qualification.
        ("All our vets are on the RCVS register", {"licence": True}),
        ("Our fitter isn't on the Gas Safe register yet", {"licence": False}),
        ("Level 3 qualified personal trainer", {"certification": True}),
        ("PT still studying for their Level 3 (not qualified yet)", {"certification": False}),
        ("an unqualified electrician", {"certification": False}),
    ],
)
def test_credentials_with_polarity(question, expected):
    got = read_credentials(question)
    for k, v in expected.items():
        assert got.get(k) is v, got


def test_claims_and_markets():
    facts = read_case_facts('Course ad says "guaranteed job placement" for Germany', Filters(market="FR"))
    assert facts.claims == ["guaranteed job placement"]
    assert facts.markets == ["FR", "DE"] and facts.market == "FR"  # the filter comes first
    assert read_claims("The ad promises you will double your money") == ["you will double your money"]
    assert "19" not in read_case_facts("Can a beer brand target 19 year olds in Singapore?").subject


@pytest.mark.parametrize(
    "question, expected",
    [
        # an apostrophe inside a word neither opens nor closes the ad's quoted wording
        ("Builder's ad headline: 'Council approved builders'. We aren't in any scheme. OK?", ["Council approved builders"]),
        ("Ad for our kids' game ends with 'Ask mum or dad to get you the Pack!'", ["Ask mum or dad to get you the Pack!"]),
        # ... and one inside the quotation does not end it
        ("Banner: 'You've won a prize!' shown to everyone", ["You've won a prize!"]),
        ("We say 'best price' and 'no fees'", ["best price", "no fees"]),
    ],
)
def test_quoted_claims_ignore_apostrophes_inside_words(question, expected):
    assert read_claims(question) == expected


@pytest.mark.parametrize("question", ["Do trainers need a qualification to advertise?", "Is a register of members needed?"])
def test_asking_about_a_register_or_qualification_states_nothing(question):
    assert read_credentials(question) == {}


@pytest.mark.parametrize(
    "sentence, decision, expected",
    [
        ("Ads for personal training are allowed only if the trainer holds a recognised qualification.", "restrict", ["requires:certification"]),
        ("Boiler ads are allowed only from businesses on the national gas safety register.", "restrict", ["requires:licence"]),
        ("Unqualified trainers may not advertise.", "reject", ["requires:certification"]),
    ],
)
def test_the_rule_side_reads_the_same_credentials(sentence, decision, expected):
    """The policy's wording of a credential maps to the kind the question's wording does."""
    from policydesk.core.condition_reading import executable_conditions

    assert executable_conditions(sentence, decision) == expected


@pytest.mark.parametrize(
    "question, expected",
    [
        ("The ad shows a clear risk warning.", True),
        ("Our creative clearly states the price after the trial.", True),
        ("The banner displayed the warning label the whole time.", True),
        ("The ad has a risk warning in the footer.", None),  # "has" may be what the advertiser holds
        ("Our contract ad says prices rise each April.", None),  # the ad's wording, a claim
        ("The ad doesn't show a risk warning.", False),
        ("Do we need to show a warning?", None),
        ("We have a registration number.", None),  # held by the advertiser, not shown in the ad
    ],
)
def test_what_the_ad_shows_is_read_from_the_shared_verb_parse(question, expected):
    """One verb vocabulary (casefacts.SHOW_VERB) for both readers of what the ad shows: whether
    it carries a disclosure (here) and which things it carries (core/disclosure.py)."""
    assert read_credentials(question).get("disclosure") is expected


def test_disclosure_spans_come_from_the_same_verbs():
    from policydesk.core.casefacts import show_verbs
    from policydesk.core.disclosure import shown_spans

    q = "The ad shows the APR, the number of payments and the total payable."
    assert [m.group(0) for m in show_verbs(q)] == ["shows"]
    assert [s.text for s in shown_spans(q)] == ["the APR, the number of payments and the total payable"]
    # strict: asked, not stated
    assert shown_spans("Can we show the APR only on the landing page?") == ()
