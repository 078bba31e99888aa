"""Approvals that come from the executed logic (issue #13): an outright allowance for the
case's subject over a general requirement, an exemption that names what is not required, a
prohibition's threshold kept to its own subject, a subject read whole from a listing sentence,
and a question that asks whether a credential is needed stating no credential. All sentences
are invented for these tests."""

import pytest

from policydesk.assistant.execute import run_rule
from policydesk.assistant.precedence import decide
from policydesk.core.casefacts import read_case_facts, read_credentials
from policydesk.core.clause_logic import read_clause_logic, rule_scope
from policydesk.core.condition_reading import executable_conditions
from policydesk.core.terms import terms
from policydesk.core.types import Chunk, Filters


def _chunk(text, decision=None, clause_id=None, cid="c1", title="Garden Supplies Policy"):
    return Chunk(id=cid, text=text, source="garden.md", policy_id="GARDEN", decision=decision, clause_id=clause_id, title=title)


def _runs(chunks, question, market=None):
    facts = read_case_facts(question, Filters(market=market))
    out = []
    for rank, ch in enumerate(chunks):
        for r in read_clause_logic(ch):
            origin = "marker" if ch.decision and r.id == ch.clause_id else "prose"
            out.append(run_rule(r, origin, ch, rank, facts, question_terms=terms(question)))
    return out


# ---------------------------------------------------------------- subject of a sentence
@pytest.mark.parametrize(
    "sentence, expected",
    [
        # an appositive list of examples stays part of the subject (it used to leave nothing)
        ("Weed killers, such as sprays, granules and gels sold for lawns, may be advertised only to users aged 18 and over.",
         ["weed", "killers", "sprays", "granules", "gels", "lawns"]),
        # a relative clause after the subject qualifies it without naming it
        ("Seed swaps, in which members trade packets without paying money, are not treated as sales.", ["seed", "swaps"]),
        # a list of subjects is kept whole, up to clause_logic.SCOPE_WORDS words (its last item
        # is as much its subject as its first: "gun safes" at the end of a list)
        ("Ads for watering cans, hose reels, rain barrels and compost bins may run in every market.",
         ["watering", "cans", "hose", "reels", "rain", "barrels", "compost", "bins"]),
        # a setting before the subject is still dropped
        ("In the growing season, pesticide ads must carry a safety notice.", ["pesticide"]),
    ],
)
def test_rule_scope_reads_the_subject_across_commas(sentence, expected):
    assert rule_scope(sentence) == expected


# ---------------------------------------------------------------- exemptions
def test_an_exemption_names_what_is_not_required():
    assert executable_conditions("Community allotment groups are exempt from certification.", "approve") == []
    assert executable_conditions("School gardens are exempted from the licence requirement.", "approve") == []
    assert executable_conditions("Plant pots can run without plant-health certification.", "approve") == []
    assert executable_conditions("Pesticide sellers must be certified.", "restrict") == ["requires:certification"]


def test_an_exempt_subject_is_allowed_while_others_still_need_the_credential():
    ch = _chunk("Pest control services may advertise only if they are certified by the provincial board. "
                "Municipal and charity pest advice lines are exempt from certification.")
    allowed = decide(_runs([ch], "A municipal pest advice line wants to advertise"))
    assert allowed.decision == "approve" and allowed.deciding.rule.conditions == []
    unknown = decide(_runs([ch], "A private pest control company wants to advertise"))
    assert unknown.decision == "restrict"
    certified = decide(_runs([ch], "A certified pest control company wants to advertise"))
    assert certified.decision == "approve"
    assert any(r.by_fact and r.outcome == "approve" for r in certified.runs)


# ---------------------------------------------------------------- a prohibition's own threshold
def test_a_prohibition_about_a_named_subject_sets_no_floor_for_its_clause():
    ch = _chunk("Ads may be shown to users aged 14 to 17 only with age and region targeting. "
                "Lookalike audiences and retargeting lists cannot be used to reach anyone under 18.",
                decision="restrict", clause_id="GDN-4")
    rules = read_clause_logic(ch)
    marker = next(r for r in rules if r.id == "GDN-4")
    assert not any(c.startswith("min_age") for c in marker.conditions)
    narrowed = next(r for r in rules if r.id != "GDN-4")
    assert narrowed.decision == "reject" and "min_age:18" in narrowed.conditions and narrowed.overrides == "GDN-4"
    # a 15-year-old audience reached through a lookalike list still breaks the prohibition
    lookalike = decide(_runs([ch], "Reach 15 year olds through lookalike audiences"))
    assert lookalike.decision == "reject"


# ---------------------------------------------------------------- lex specialis by subject
CARE = ("Weed killers, such as sprays, granules and gels sold for lawns, may be advertised only to users aged 18 and over. "
        "Organic gardening courses and composting workshops that do not sell chemicals are permitted without restriction.")


def test_an_outright_allowance_for_the_case_subject_outranks_a_rule_about_another_subject():
    v = decide(_runs([_chunk(CARE)], "Composting workshops for beginners, no chemicals sold"))
    assert v.decision == "approve"
    assert "composting" in " ".join(v.deciding.rule.scope)
    # the trace says why the allowance decided: the case names its subject
    assert "composting" in v.reason and "workshops" in v.reason
    assert "the case names its subject" in v.deciding.reason
    # the allowance does not reach the subject of the age rule
    teens = decide(_runs([_chunk(CARE)], "Weed killer sprays shown to 16 year olds"))
    assert teens.decision == "reject"
    adults = decide(_runs([_chunk(CARE)], "Can we advertise weed killer granules?"))
    assert adults.decision == "restrict"


def test_a_declared_allowance_for_a_named_subject_outranks_the_general_requirement():
    general = _chunk("Garden centres must obtain plant-health certification before advertising. "
                     "Certified centres may target users aged 18 and over only.",
                     decision="restrict", clause_id="GDN-1", cid="g1")
    carve = _chunk("Ads for bird feeders, garden benches and plant pots are not treated as garden-centre ads "
                   "and can run without plant-health certification.", decision="approve", clause_id="GDN-7", cid="g7")
    v = decide(_runs([general, carve], "A bird feeder shop wants to run ads"))
    assert v.decision == "approve" and v.deciding.rule.id == "GDN-7"
    # a garden centre itself still meets the general requirement
    centre = decide(_runs([general, carve], "A garden centre wants to run ads"))
    assert centre.decision == "restrict" and centre.deciding.rule.id == "GDN-1"


def test_an_allowance_under_conditions_does_not_displace_other_requirements():
    # meeting one clause's licence condition says nothing of the general disclosure requirement
    general = _chunk("Every tree surgery ad must include the operator's insurance disclosure.", cid="t1")
    licensed = _chunk("Tree surgeons may advertise if they are licensed by the arboricultural board.", cid="t2")
    v = decide(_runs([licensed, general], "Licensed tree surgeons want to advertise"))
    assert v.decision == "restrict"


def test_a_fact_that_breaks_a_condition_still_beats_a_subject_allowance():
    ch = _chunk("Seed packets are permitted in every market. Ads must not claim guaranteed harvests.")
    v = decide(_runs([ch], 'Seed packets ad that says "guaranteed harvests every year"'))
    assert v.decision == "reject"


# ---------------------------------------------------------------- asking is not stating
@pytest.mark.parametrize(
    "question",
    [
        "Florist chain - do they need a business licence to advertise?",
        "Does the nursery have to get certification for ads?",
        "Is verification required for a seed swap group?",
        "Is a permit needed here?",
    ],
)
def test_asking_whether_a_credential_is_needed_states_none(question):
    assert read_credentials(question) == {}


@pytest.mark.parametrize(
    "question, expected",
    [
        ("The nursery is licensed, does it need certification?", {"licence": True}),
        ("The landscaper is not registered in Chile", {"licence": False}),
        ("A certified arborist wants to advertise", {"certification": True}),
    ],
)
def test_stated_credentials_keep_their_polarity_beside_a_question(question, expected):
    assert read_credentials(question) == expected


def test_a_declared_prohibition_is_not_outranked_by_an_allowance_sharing_more_of_the_question():
    """Subject precedence never narrows a declared reject: only an executed condition or an
    exception does. The allowance names more of the question's words, and still loses."""
    ban = _chunk("Creative must not show pruning saws used in a careless way near children.",
                 decision="reject", clause_id="GDN-4", cid="ban")
    allowance = _chunk("Campaigns that teach careful pruning and warn against careless saw use near children are allowed.",
                       decision="approve", clause_id="GDN-9", cid="ok")
    question = "Can an ad for a pruning saw show careless saw use near children?"
    runs = _runs([allowance, ban], question)
    named = {r.rule.id: r.subject for r in runs}
    assert named["GDN-9"] > named["GDN-4"]  # the allowance does share more of the question
    verdict = decide(runs)
    assert verdict is not None and (verdict.decision, verdict.deciding.rule.id) == ("reject", "GDN-4")
