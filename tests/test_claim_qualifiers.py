"""Claim and content bans fire only on an ad that makes the banned claim or carries the banned
content (session 24): copy sharing the banned claim's head words but qualifying them otherwise
("protects against UVB" for a ban on claiming protection against all UV, "free delivery" for a
ban on "free consultation" claims) makes another claim; a ban of quoted wording named as claims
bans saying it and nothing more; a ban on presenting the thing as something else is not broken
by a case naming none of those things; and "may only be run by firms appointed by <body>" is a
credential the case holds, denies or leaves unstated. Invented policy wording, real reading and
execution."""

from policydesk.assistant.execute import run_rule
from policydesk.assistant.market_bodies import body_result, market_bodies
from policydesk.assistant.precedence import decide
from policydesk.core.casefacts import read_case_facts, read_credentials
from policydesk.core.claim_bans import bans_only_saying, quoted_claims_banned, said_claims, says_propositions
from policydesk.core.claim_match import agreeing_words
from policydesk.core.clause_logic import read_clause_logic
from policydesk.core.condition_reading import executable_conditions
from policydesk.core.content_ban import banned_content, presented_as
from policydesk.core.types import Chunk, Filters


def _verdict(text, question, market=None, title="Garden tools", markets=()):
    chunk = Chunk(id="c1", text=text, source="policy.txt", policy_id="P", title=title, markets=list(markets))
    facts = read_case_facts(question, Filters(market=market))
    runs = [run_rule(r, "prose", chunk, 0, facts, question_terms=None) for r in read_clause_logic(chunk)]
    return decide(runs)


# ---------------------------------------------------------------- qualifiers of shared words

def test_shared_head_words_qualified_otherwise_do_not_agree():
    assert agreeing_words("the cream gives protection against all UV", "Protects against UVB") == set()
    assert agreeing_words("the balm is suitable for severe or chronic eczema", "For mild to moderate eczema in adults") == set()
    assert agreeing_words("free consultation", "Free delivery on every order") == set()


def test_shared_words_said_of_the_same_thing_agree():
    assert {"free", "consult"} <= agreeing_words("free consultation", "Book your free consultation today")
    assert "consult" in agreeing_words("free consultation", "Free home consultation")
    # a bare word on either side may make the claim in fewer words
    assert "painless" in agreeing_words("the filling will be painless", "totally painless")


SUN_BAN = "Sunscreen ads must not claim that the product gives protection against all UV or is suitable for babies."


def test_copy_qualifying_the_head_otherwise_does_not_break_a_saying_ban():
    assert bans_only_saying(SUN_BAN) and says_propositions(SUN_BAN)
    ok = _verdict(SUN_BAN, 'Sunscreen ad, copy: "Protects against UVB. For adults and children over 12." OK?', title="Sunscreen")
    assert ok is None or ok.decision != "reject"
    made = _verdict(SUN_BAN, 'Sunscreen ad, copy: "Gives protection against all UV rays." OK?', title="Sunscreen")
    assert made is not None and made.decision == "reject"


# ---------------------------------------------------------------- quoted wording banned as claims

FEE_BAN = 'We don\'t allow "free consultation" claims where a consultation fee is later charged.'


def test_quoted_wording_named_as_claims_is_a_saying_ban():
    assert quoted_claims_banned(FEE_BAN) == ["free consultation"]
    assert bans_only_saying(FEE_BAN) and says_propositions(FEE_BAN)
    assert said_claims(FEE_BAN) == ["free consultation"]
    assert quoted_claims_banned('"Cheapest in town" or "lowest price" claims are not permitted.') == ["Cheapest in town", "lowest price"]
    # a sentence that also bans something else, or names a kind of claim unquoted, is not one
    assert quoted_claims_banned('Ads must not show a wig on a child and we don\'t allow "free fitting" claims.') == []
    assert quoted_claims_banned("We don't allow price-match claims.") == []


def test_other_free_copy_does_not_break_a_free_claim_ban():
    ok = _verdict(FEE_BAN, 'Hearing clinic ad: "Free delivery of batteries to your door." The ad lists the GBP 40 consultation fee. OK?', title="Clinics")
    assert ok is None or ok.decision != "reject"
    made = _verdict(FEE_BAN, 'Clinic ad: "Book your free consultation now", and we charge a consultation fee afterwards. OK?', title="Clinics")
    assert made is not None and made.decision == "reject"


# ---------------------------------------------------------------- presenting the thing as something else

PRESENT_BAN = "We don't allow ads that present the webinar as a free workshop, a quiz or a prize draw without also stating that it is a sales pitch."


def test_presenting_ban_reads_what_the_thing_may_not_be_presented_as():
    assert presented_as(PRESENT_BAN) == "a free workshop, a quiz or a prize draw"
    assert banned_content(PRESENT_BAN) == "a free workshop, a quiz or a prize draw"
    assert presented_as("Loan ads must not present the loan as free money unless no interest is charged.") == "free money"
    assert presented_as("Ads must not show a loan as free money.") is None


def test_presenting_ban_is_not_broken_by_a_case_naming_none_of_it():
    quiet = _verdict(PRESENT_BAN, "Can we run sales-pitch invitation ads for our investing webinar in Ireland?", title="Webinars")
    assert quiet is None or quiet.decision != "reject"
    named = _verdict(PRESENT_BAN, "Our webinar ad calls it a prize draw and says nothing about sales. OK?", title="Webinars")
    assert named is not None and named.decision == "reject"


# ---------------------------------------------------------------- appointed by a body

HARBOUR = "In Norway, boat charter ads may only be run by firms appointed by the Harbour Authority."


def test_appointed_by_a_body_is_a_credential():
    assert "requires:licence" in executable_conditions(HARBOUR, "restrict")
    assert "requires:licence" in executable_conditions("Mooring ads may be placed only by agents approved by the Port Board.", "approve")
    assert "requires:certification" in executable_conditions("Survey ads may only be run by firms accredited by the Survey Council.", "restrict")
    # the platform's own approval is its permission, not a body's credential
    assert "requires:licence" not in executable_conditions("Ads may only be run by advertisers approved by us.", "restrict")


def test_appointment_held_denied_or_unstated():
    assert read_credentials("A charter firm appointed by the Harbour Authority wants to advertise") == {"licence": True}
    assert read_credentials("A charter firm that is not one of the Harbour Authority appointed firms wants to advertise") == {"licence": False}
    assert "licence" not in read_credentials("Charter ad: no appointment needed, book online")
    assert "licence" not in read_credentials("We appointed a new agency last week")


def test_the_body_named_is_checked_per_market():
    bodies = market_bodies(HARBOUR)
    assert body_result(bodies, "NO", "A firm appointed by the Harbour Authority") == ("met", "the case names the NO body (author harbour)") or \
        body_result(bodies, "NO", "A firm appointed by the Harbour Authority")[0] == "met"


def test_appointed_credential_decides_the_market_rule():
    held = _verdict(HARBOUR, "A Norwegian charter firm appointed by the Harbour Authority wants to run boat charter ads in Norway.", market="NO",
                    title="Boat charter", markets=["NO"])
    denied = _verdict(HARBOUR, "A Norwegian charter firm that is not one of the Harbour Authority appointed firms wants to run boat charter ads in Norway.",
                      market="NO", title="Boat charter", markets=["NO"])
    unstated = _verdict(HARBOUR, "A Norwegian charter firm wants to run boat charter ads in Norway.", market="NO", title="Boat charter", markets=["NO"])
    assert held is not None and held.decision == "approve"
    assert denied is not None and denied.decision == "reject"
    assert unstated is not None and unstated.decision == "restrict"


# ---------------------------------------------------------------- an example stands for its kind

EXAMPLE_BAN = 'Ads must not claim that a blood test can tell who will fall ill (for example "Learn if you will get arthritis").'


def test_an_example_claim_is_made_by_the_same_claim_of_another_instance():
    from policydesk.core.claim_match import example_claim, makes_claim

    assert example_claim("learn if you will get arthritis", EXAMPLE_BAN)
    assert not example_claim("device is suitable for severe hearing loss", "Ads must not claim that the device is suitable for severe hearing loss.")
    # as an example, "gout" is another instance of the kind, not a different claim
    assert makes_claim("learn if you will get arthritis", "Learn now if you are going to get gout", example=True)
    assert not makes_claim("learn if you will get arthritis", "Learn now if you are going to get gout")
    # end to end the ad is still rejected (the matcher's reading above is what the example changes)
    v = _verdict(EXAMPLE_BAN, 'Blood test ad: "Learn now if you are going to get gout." OK?', title="Blood tests")
    assert v is not None and v.decision == "reject"


def test_the_generic_subject_of_a_ban_is_no_qualifier_and_a_coordinated_clause_is_none():
    # "the product" names what the claim is about; "removes stains and …" is another clause of
    # the copy, not a qualifier of "whitens": the copy makes the banned claim.
    from policydesk.core.claim_match import makes_claim, qualified_apart

    assert qualified_apart("product whitens teeth", "removes stains and whitens yellowed teeth") == frozenset()
    assert makes_claim("product whitens teeth", "removes stains and whitens yellowed teeth")
    # copy about another object still does not make it
    assert makes_claim("product whitens teeth", "whitens dentures") is False
