"""A sentence that bans only saying something ("must not claim that the lamp cures insomnia")
bans the claims it states and nothing more (core/claim_bans.py `bans_only_saying`), as an item
of a list of banned claims does (tests/test_claim_lists.py): copy the case states that makes
none of them breaks nothing, copy that makes one is rejected. A sentence that also bans doing
or showing something is not one (tests for core/claim_bans.py). Invented wording, the real reader and executor."""

from policydesk.assistant.execute import run_rule
from policydesk.assistant.precedence import decide
from policydesk.core.casefacts import read_case_facts
from policydesk.core.claim_bans import said_claims, says_propositions
from policydesk.core.clause_logic import read_clause_logic
from policydesk.core.types import Chunk, Filters


def _verdict(policy, question, market="GB"):
    chunk = Chunk(id="c1", text=policy, source="lamps.md", policy_id="LAMP", title="Sleep lamps", section="3. Claims", markets=[])
    facts = read_case_facts(question, Filters(market=market))
    question_terms = set(facts.question.lower().split())
    runs = [run_rule(r, "prose", chunk, 0, facts, question_terms=question_terms) for r in read_clause_logic(chunk)]
    return decide(runs)


SAYING = "3.1 An ad for a sleep lamp must not claim that the lamp cures insomnia."


def test_stated_copy_making_none_of_the_banned_claims_breaks_no_saying_ban():
    v = _verdict(SAYING, "Sleep lamp ad, copy: 'A warm amber glow for your evening reading.' Targeting adults.")
    assert v is None or v.decision != "reject"


def test_stated_copy_making_the_banned_claim_is_rejected():
    v = _verdict(SAYING, "Sleep lamp ad, copy: 'This lamp cures insomnia in a week.' Targeting adults.")
    assert v is not None and v.decision == "reject"



LISTED = "3.2 An ad for a sleep lamp must not claim that the lamp cures insomnia, stops snoring or treats sleep apnoea."


def test_every_claim_of_the_sentence_is_checked_not_only_the_first():
    assert said_claims(LISTED) == ["the lamp cures insomnia", "stops snoring", "treats sleep apnoea"]
    # copy making a later claim of the list breaks the ban, though its conditions hold the first only
    made = _verdict(LISTED, "Sleep lamp ad, copy: 'Stops snoring from the first night.' Targeting adults.")
    assert made is not None and made.decision == "reject"
    none = _verdict(LISTED, "Sleep lamp ad, copy: 'A warm amber glow for your evening reading.' Targeting adults.")
    assert none is None or none.decision != "reject"


def test_a_ban_on_a_kind_of_claim_is_not_met_by_copy_sharing_no_word():
    kind = "3.3 Ads for sleep lamps must not claim or imply medical benefits."
    assert not says_propositions(kind) and says_propositions(SAYING)
    # 'sleep deeper and wake without headaches' is a medical benefit in other words: not shown to be none
    v = _verdict(kind, "Sleep lamp ad, copy: 'Sleep deeper and wake without headaches.' Targeting adults.")
    assert v is None or v.decision != "approve"
