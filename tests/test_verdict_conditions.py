"""A clause's own condition decides the verdict (issue #13): market lists in prose, numeric
caps asked above and below, age floors, credentials stated or denied, who may advertise
("only candidates and parties may …"), enrolment or membership, the age of people shown, numbers
in a prohibition, and exceptions that carve out only whom they name. Every policy sentence and question here is invented for these tests."""

import pytest

from policydesk.assistant.execute import run_rule
from policydesk.assistant.precedence import decide
from policydesk.core.casefacts import read_case_facts, read_credentials, read_parties
from policydesk.core.clause_logic import read_clause_logic
from policydesk.core.condition_reading import executable_conditions, extract_conditions
from policydesk.core.conditions import parse_condition
from policydesk.core.terms import terms
from policydesk.core.types import Chunk, Filters


def _chunk(text, decision=None, clause_id=None, title="Outdoor Leisure Policy"):
    return Chunk(id="c1", text=text, source="leisure.md", policy_id="LEISURE", decision=decision, clause_id=clause_id, title=title)


def _verdict(text, question, market=None, decision=None, clause_id=None):
    ch = _chunk(text, decision, clause_id)
    facts = read_case_facts(question, Filters(market=market))
    runs = []
    for r in read_clause_logic(ch):
        origin = "marker" if ch.decision and r.id == ch.clause_id else "prose"
        runs.append(run_rule(r, origin, ch, 0, facts, question_terms=terms(question)))
    v = decide(runs)
    return v.decision if v else None


# ---------------------------------------------------------------- age floors vs durations
@pytest.mark.parametrize(
    "sentence, decision, expected",
    [
        ("Returns are accepted for at least 30 calendar days.", "restrict", ["min:30 days"]),
        ("Refunds must be offered for at least 14 business days.", "restrict", ["min:14 days"]),
        ("A sale price may only be shown if the old price applied for at least 21 consecutive days.", "restrict", ["min:21 days"]),
        ("Trial lessons must last at least 20 minutes.", "restrict", ["min:20 minutes"]),
        ("Deposits of at least 15% are required.", "restrict", ["min:15%"]),
        ("Riders must be at least 16 to book a quad tour.", "restrict", ["min_age:16"]),
        ("Viewers must be at least 21 years old.", "restrict", ["min_age:21"]),
    ],
)
def test_a_number_with_a_unit_is_not_an_age_floor(sentence, decision, expected):
    assert executable_conditions(sentence, decision) == expected


def test_the_writers_reader_names_no_age_for_a_duration():
    assert extract_conditions("Returns are accepted for at least 30 calendar days.") == []
    assert extract_conditions("A sale price may only be shown if the old price applied for at least 21 consecutive days.") == []
    assert extract_conditions("Riders must be at least 16 to book a quad tour.") == ["min_age:16"]


# ---------------------------------------------------------------- the clause's own condition decides
KAYAK = "Kayak tour ads are allowed only in Norway, Sweden and Denmark."


def test_markets_listed_in_prose_decide_by_the_case_market():
    assert _verdict(KAYAK, "Can we advertise kayak tours in Finland?", market="FI") == "reject"
    assert _verdict(KAYAK, "Can we advertise kayak tours in Sweden?", market="SE") == "approve"
    assert _verdict(KAYAK, "Can we advertise kayak tours?") == "restrict"  # no market: the list is what must hold


CAP = "Gym memberships may be advertised only if the monthly fee is at most $50."


@pytest.mark.parametrize("question, expected", [
    ("Gym membership ad with a $80 monthly fee", "reject"),
    ("Gym membership ad with a $30 monthly fee", "approve"),
    ("Gym membership ad, fee not stated", "restrict"),
])
def test_a_numeric_cap_asked_above_and_below(question, expected):
    assert _verdict(CAP, question) == expected


FLOOR = "Quad bike tours may be advertised only to users aged 16 and over."


@pytest.mark.parametrize("question, expected", [
    ("Quad bike tour ad targeting 14-17 year olds", "reject"),
    ("Quad bike tour ad targeting 18-30 year olds", "approve"),
    ("Quad bike tour ad for a summer camp", "restrict"),
])
def test_an_age_floor_asked_above_and_below(question, expected):
    assert _verdict(FLOOR, question) == expected


@pytest.mark.parametrize("text, question, expected", [
    ("Fishing charters may advertise only if they are licensed by the coastal authority.", "A licensed fishing charter wants to advertise", "approve"),
    ("Fishing charters may advertise only if they are licensed by the coastal authority.", "An unlicensed fishing charter wants to advertise", "reject"),
    ("Climbing schools must be certified by the national alpine board.", "A climbing school that is not certified wants to advertise", "reject"),
    ("Climbing schools must be certified by the national alpine board.", "A certified climbing school wants to advertise", "approve"),
    ("Drone filming ads require our prior written permission.", "Drone filming ad, we have written permission", "approve"),
    ("Drone filming ads require our prior written permission.", "Drone filming ad without permission", "reject"),
])
def test_credentials_the_question_states_or_denies(text, question, expected):
    assert _verdict(text, question) == expected


# ---------------------------------------------------------------- who may advertise
BOOST = "Only candidates, registered parties and coalitions may pay to boost election posts."


def test_only_who_is_read_as_the_kinds_of_advertiser_allowed():
    assert executable_conditions(BOOST, "restrict") == ["only_who:candidates,parties,coalitions"]
    assert str(parse_condition("only_who:candidates,parties")) == "only_who:candidates,parties"
    assert executable_conditions("Only ads may run in this slot.", "restrict") == []  # names no kind of advertiser
    assert executable_conditions("Ads may only run in Norway.", "restrict") == ["only_markets:NO"]


@pytest.mark.parametrize("question, expected", [
    ("A fan (not the candidate) wants to pay to boost an election post", "reject"),
    ("A registered party wants to pay to boost an election post", "approve"),
    ("Local bakery wants to boost an election post", "restrict"),  # not named either way: what must hold
])
def test_a_subject_restriction_decides_by_who_advertises(question, expected):
    assert _verdict(BOOST, question) == expected


def test_who_advertises_is_read_from_the_question():
    parties = read_parties("A fan (not the candidate) wants to boost a post")
    assert parties[next(k for k in parties if k.startswith("candid"))] is False
    assert any(v for k, v in parties.items() if k.startswith("fan"))


RESALE = "Used kayaks can be listed only by sellers enrolled in our Trusted Resale programme."


def test_enrolment_is_a_credential_stated_or_denied():
    assert executable_conditions(RESALE, "restrict") == ["requires:membership"]
    assert executable_conditions("Tour guides must be a member of the national guiding association.", "restrict") == ["requires:membership"]
    # people described as members are no requirement on the advertiser
    assert "requires:membership" not in executable_conditions("If an ad shows people who are not members of the club, it must say so.", "restrict")
    assert read_credentials("A seller, not in any resale programme, lists a used kayak") == {"membership": False}
    assert read_credentials("Seller enrolled in the resale programme lists a kayak") == {"membership": True}


@pytest.mark.parametrize("question, expected", [
    ("Private seller, not in any resale programme, listing a used kayak", "reject"),
    ("Seller enrolled in the resale programme listing a used kayak", "approve"),
    ("Listing a used kayak", "restrict"),
])
def test_enrolment_decides_by_the_stated_fact(question, expected):
    assert _verdict(RESALE, question) == expected


# ---------------------------------------------------------------- exceptions carve out only whom they name
@pytest.mark.parametrize("text", [
    "Except for registered charities, raffle ads are prohibited.",
    "Raffle ads are prohibited, except for registered charities.",
])
def test_an_exception_overrides_the_rule_for_whom_it_names_only(text):
    assert _verdict(text, "A registered charity wants to run a raffle ad") == "approve"
    assert _verdict(text, "A bakery wants to run a raffle ad") == "reject"  # it used to lift the ban for everyone


def test_an_exception_for_a_market_reads_the_market():
    text = "Raffle ads are prohibited, except in Norway."
    assert _verdict(text, "Raffle ad in Norway", market="NO") == "approve"
    assert _verdict(text, "Raffle ad in Sweden", market="SE") == "reject"


# ---------------------------------------------------------------- people shown in or making the ad
@pytest.mark.parametrize("sentence, decision, expected", [
    ("Anyone who appears in a cider ad must be, and must look, at least 25 years old.", "reject", ["min_person_age:25"]),
    ("Sponsored posts for cider are allowed only if the creator is at least 25 years old.", "restrict", ["min_person_age:25"]),
    ("Creators under 18 cannot accept sponsorship deals for energy drinks.", "reject", ["min_person_age:18"]),
    ("Ads must not be shown to people under 18.", "reject", ["min_age:18"]),  # the audience, not a person shown
])
def test_the_age_of_people_shown_is_read_apart_from_the_audience(sentence, decision, expected):
    assert executable_conditions(sentence, decision) == expected


def test_person_ages_are_read_from_the_question():
    facts = read_case_facts("Cider ad with a 22-year-old model, shown to adults")
    assert facts.person_ages == [22] and facts.ages is not None and facts.ages.low == 18
    assert read_case_facts("Creator, 30, posts about an energy drink").person_ages == [30]
    assert read_case_facts("Creator with 30k followers posts about a drink").person_ages == []


@pytest.mark.parametrize("noun, noun_plural", [
    ("streamer", "streamers"), ("athlete", "athletes"), ("spokesperson", "spokespeople"), ("actress", "actresses"),
])
def test_one_people_vocabulary_serves_the_clause_and_the_case(noun, noun_plural):
    """A floor stated for a kind of person is read as a person floor (not an audience floor)
    exactly when the question's age for that same kind of person is read: one list for both
    readers, so no noun is known on one side only (they had drifted apart)."""
    clause = f"Sponsored posts for kombucha are allowed only if the {noun_plural} are at least 21."
    assert executable_conditions(clause, "restrict") == ["min_person_age:21"]
    assert read_case_facts(f"Kombucha post by a 19-year-old {noun}").person_ages == [19]


SHOWN = "Anyone who appears in a cider ad must be, and must look, at least 25 years old."


@pytest.mark.parametrize("question, expected", [
    ("Cider ad with a 22-year-old model", "reject"),
    ("Cider ad with a 31-year-old model", None),  # the prohibition does not apply
])
def test_a_person_age_floor_decides_by_the_stated_age(question, expected):
    assert _verdict(SHOWN, question, decision="reject", clause_id="CID-7") == expected


# ---------------------------------------------------------------- numbers in a prohibition
@pytest.mark.parametrize("sentence, expected", [
    ("Ski passes priced above €90 are not allowed.", ["max:90 EUR"]),  # 90 or less may run
    ("Cancellation windows shorter than 14 days are not allowed.", ["min:14 days"]),  # 14 or more may run
    ("Ski lift loans must not exceed 12 months.", ["max:12 months"]),  # the cap itself
    # the banned side is "within 60 days": what may run is over 60 days, a strict limit the
    # vocabulary does not hold, so nothing is read (never the wrong way round, max:60 days)
    ("We do not allow ads for ski rentals that must be paid back within 60 days.", []),
    ("Deposits of at least $500 are prohibited.", []),
])
def test_a_number_in_a_prohibition_describes_what_is_banned(sentence, expected):
    assert executable_conditions(sentence, "reject") == expected


def test_a_cap_stated_in_a_prohibition_decides_above_and_below():
    text = "Ski passes priced above €90 are not allowed."
    assert _verdict(text, "Ski pass ad at €120", decision="reject", clause_id="SKI-1") == "reject"
    assert _verdict(text, "Ski pass ad at €60", decision="reject", clause_id="SKI-1") is None  # the ban does not apply


# ---------------------------------------------------------------- a prohibiting clause's own carve-out
HUNT = ("Hunting trip ads are prohibited in Norway. Guides licensed by the national wildlife board may still "
        "advertise guided wildlife safaris under LEI-1.")


@pytest.mark.parametrize("question, expected", [
    ("A licensed guide wants to advertise wildlife safaris in Norway", "restrict"),  # on LEI-1's conditions
    ("An unlicensed guide wants to advertise wildlife safaris in Norway", "reject"),  # who may still is executed
    ("A licensed guide wants to advertise bear hunting trips in Norway", "reject"),  # not what is carved out
])
def test_a_carve_out_the_prohibiting_clause_states_decides_for_its_kind_only(question, expected):
    assert _verdict(HUNT, question, market="NO", decision="reject", clause_id="LEI-9") == expected
