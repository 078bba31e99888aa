"""Lists of banned claims (session 20): under a lead that bans only saying ("Ads must not say or
imply any of the following:") each item is a claim ban, broken by copy that makes the claim (in
its words or others of the same meaning, with its polarity) and by nothing else; an exception
in the list that lets some ads say one of them is linked to that item. Invented wording, the
real reader (core/claim_list.py, core/claim_match.py) and executor."""

from policydesk.assistant.execute import run_rule
from policydesk.assistant.precedence import decide
from policydesk.core.casefacts import read_case_facts
from policydesk.core.claim_list import item_claims, only_claims, permitted_claim, saying_lead
from policydesk.core.claim_match import makes_claim
from policydesk.core.clause_logic import read_clause_logic
from policydesk.core.types import Chunk, Filters

POLICY = (
    "Ads must not say or imply any of the following:\n\n"
    '- [ ] "No permit needed", "no licence required" or similar.\n'
    "- [ ] That the kayak cannot capsize, or that it is unsinkable.\n"
    '- [ ] "Paddle anywhere" or "unlimited range".\n\n'
    "- [ ] Exception: a kayak under 20 kg with no sail may be described as needing no permit, provided the ad names the lake.\n"
)


def _chunk():
    return Chunk(id="c1", text=POLICY, source="kayaks.md", policy_id="KAY", title="Kayaks", section="4. Claims", markets=[])


def _verdict(question, market="GB"):
    chunk = _chunk()
    facts = read_case_facts(question, Filters(market=market))
    question_terms = set(facts.question.lower().split())
    runs = [run_rule(r, "prose", chunk, 0, facts, question_terms=question_terms) for r in read_clause_logic(chunk)]
    return decide(runs)


def test_a_saying_lead_and_its_items():
    assert saying_lead("Ads must not say or imply any of the following:")
    assert saying_lead("Listings must not claim that:")
    assert not saying_lead("We don't allow:") and not saying_lead("Ads must not show:")
    assert item_claims('- [ ] "No permit needed", "no licence required" or similar.') == ["No permit needed", "no licence required"]
    assert item_claims("- [ ] That the kayak cannot capsize, or that it is unsinkable.") == ["the kayak cannot capsize", "it is unsinkable"]
    assert item_claims("- a paddle is unbreakable (for example in rapids);") == ["a paddle is unbreakable"]
    assert permitted_claim("Exception: a kayak under 20 kg may be described as needing no permit, provided …") == "needing no permit"


def test_items_are_claim_bans_and_the_exception_is_linked_to_its_item():
    rules = read_clause_logic(_chunk())
    bans = [r for r in rules if r.decision == "reject"]
    assert [r.conditions for r in bans] == [
        ["no_claim:No permit needed", "no_claim:no licence required"],
        ["no_claim:the kayak cannot capsize", "no_claim:it is unsinkable"],
        ["no_claim:Paddle anywhere", "no_claim:unlimited range"],
    ]
    assert all(only_claims(r.quote, r.conditions) for r in bans)
    # the lead's own "no claim of any of the following" is no rule: its items are
    assert not any(r.quote.endswith("following:") for r in rules)
    [exception] = [r for r in rules if r.decision != "reject"]
    assert exception.overrides == bans[0].id


def test_a_claim_is_made_in_its_words_or_others_of_the_same_meaning_with_its_polarity():
    assert makes_claim("no licence required", "No licence needed on the lake!")
    assert not makes_claim("no rules", "Check the local rules before you paddle")  # no negation: another claim
    assert not makes_claim("paddle anywhere", "Paddle with friends")  # one word of two
    assert makes_claim("paddle anywhere", "Paddle anywhere you like")
    assert makes_claim("a kayak or canoe is unsinkable or uncapsizable", "The unsinkable kayak")  # "or" alternatives
    assert not makes_claim("the kayak can enter no-go zones", "Paddle the zones others can't")


def test_copy_that_makes_no_banned_claim_breaks_no_item():
    v = _verdict("Our 4 m touring kayak. Ad copy: 'Check the local rules before you paddle.' OK?")
    assert v is None or v.decision != "reject"


def test_copy_making_a_banned_claim_is_rejected_unless_the_exception_covers_it():
    made = _verdict("Our 4 m touring kayak with a sail. Ad copy: 'No licence needed on the lake!'")
    assert made is not None and made.decision == "reject"
    # the exception's own thing, saying what it permits: the ban is lifted
    lifted = _verdict("Our 15 kg kayak has no sail. Ad copy: 'No permit needed on Lake Bled.'")
    assert lifted is not None and lifted.decision != "reject"
    # a kayak with a sail is not a thing the exception is written for (with no sail)
    sail = _verdict("Our 15 kg kayak comes with a sail. Ad copy: 'No permit needed on Lake Bled.'")
    assert sail is not None and sail.decision == "reject"
