"""Conduct prohibitions (core/conduct.py): a ban on a practice binds a case that only names a
noun of its object as what must hold (restrict), never as a reject; a case that states the
practice is rejected, and a ban on a product or on content still rejects a case naming it.
Invented policy wording, real reading and execution."""

from policydesk.assistant.execute import run_rule
from policydesk.assistant.precedence import decide
from policydesk.core.casefacts import read_case_facts
from policydesk.core.clause_logic import read_clause_logic
from policydesk.core.conduct import conduct_of, states_conduct
from policydesk.core.types import Chunk, Filters


def _verdict(text, question):
    chunk = Chunk(id="c1", text=text, source="lettings.md", policy_id="P", title="Lettings agents", markets=[])
    facts = read_case_facts(question, Filters(market=None))
    runs = [run_rule(r, "prose", chunk, 0, facts, question_terms=None) for r in read_clause_logic(chunk)]
    return decide(runs)


DEPOSIT = "You may not collect any holding deposit before the tenancy agreement has been signed."
DRAW = "We don't allow the following:\n\n- Requiring entrants to buy a ticket before they can enter a prize draw."


def test_conduct_head_is_read_from_the_sentence():
    assert conduct_of(DEPOSIT).verb == "collect"
    assert conduct_of("Requiring entrants to buy a ticket before they can enter a prize draw.").verb == "Requiring"
    assert conduct_of("Ads that urge people to skip their rent payments.").verb == "urge"
    # products and content are not conduct: naming them is stating them
    assert conduct_of("Ads for payday loans are not allowed.") is None
    assert conduct_of("You must not advertise payday loans.") is None
    assert conduct_of("Ads can't show images of weapons.") is None
    assert conduct_of("You may not promise guaranteed returns.") is None
    assert conduct_of("Gambling ads are not allowed.") is None


def test_states_conduct_by_its_verb_or_its_own_words():
    c = conduct_of(DEPOSIT)
    assert states_conduct(c, "We collect a deposit when a viewing is booked")
    assert states_conduct(c, "Holding deposit taken before the tenancy agreement is signed")
    assert not states_conduct(c, "Can we advertise our tenancy agreement service?")


def test_unstated_conduct_restricts_and_stated_conduct_rejects():
    named = _verdict(DEPOSIT, "Can we advertise our tenancy agreement service?")
    assert named is not None and named.decision == "restrict"
    stated = _verdict(DEPOSIT, "We collect the holding deposit on the day of the viewing")
    assert stated is not None and stated.decision == "reject"
    listed = _verdict(DRAW, "Can we run ads for our prize draw?")
    assert listed is not None and listed.decision == "restrict"
    required = _verdict(DRAW, "Our prize draw requires entrants to buy a ticket first")
    assert required is not None and required.decision == "reject"


def test_product_ban_still_rejects_a_case_naming_the_product():
    v = _verdict("Ads for payday loans are not allowed.", "Can we run a payday loans ad?")
    assert v is not None and v.decision == "reject"


def test_describing_as_wording_states_the_practice_unless_bound_to_a_circumstance():
    plain = conduct_of('Describing a refurbished phone as "brand new".')
    assert states_conduct(plain, "Our ad calls the refurbished handset 'brand new'")
    assert not states_conduct(plain, "Can we advertise refurbished phones?")
    bound = conduct_of('Describing a course as "free" when learners must pay to sit the exam.')
    assert not states_conduct(bound, "Can we advertise our free taster course?")
    assert states_conduct(bound, "Our course is called free but learners must pay to sit the exam")


def test_an_ad_subject_with_a_negative_modal_forbids_conduct():
    # "Ads must not combine …" forbids what the ad does, as "You may not …" does
    combine = conduct_of("Ads must not combine fertility treatment with holiday packages in any market.")
    assert combine.verb == "combine"
    assert conduct_of("The ad must not shame people about their bodies.").verb == "shame"
    assert not states_conduct(combine, "We'd like to target UK users with IVF treatment ads.")
    assert states_conduct(combine, "Our ad combines IVF treatment with a holiday package in Spain")
    # a verb of carrying content stays a content ban
    assert conduct_of("Ads must not show images of weapons.") is None


def test_an_unstated_ad_conduct_restricts_and_a_stated_one_rejects():
    text = "Ads must not combine dental treatment with holiday packages in any market."
    assert _verdict(text, "Can we advertise dental treatment abroad?").decision == "restrict"
    assert _verdict(text, "Our ad combines dental treatment with a holiday package").decision == "reject"
