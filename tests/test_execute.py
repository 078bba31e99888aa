"""Clause logic read from prose and executed against case facts (core/condition_reading.py,
core/clause_logic.py, assistant/execute.py), without retrieval."""

import pytest

from policydesk.assistant.condition_check import check_condition
from policydesk.assistant.execute import run_rule
from policydesk.assistant.precedence import decide
from policydesk.core.casefacts import read_case_facts
from policydesk.core.clause_logic import read_clause_logic
from policydesk.core.condition_reading import executable_conditions
from policydesk.core.conditions import ConditionSyntaxError, parse_condition
from policydesk.core.types import Chunk, Filters


@pytest.mark.parametrize(
    "sentence, decision, expected",
    [
        ("Introductory rates above 30% APR are not allowed.", "reject", ["max:30%"]),
        ("Loans may be advertised only if the APR is no more than 36%.", "restrict", ["max:36%"]),
        ("Courses must offer a refund window of at least 14 days.", "restrict", ["min:14 days"]),
        ("VPN ads are allowed only in the United States, Canada and Australia.", "restrict", ["only_markets:US,CA,AU"]),
        ("Unlicensed real estate brokers may not advertise.", "reject", ["requires:licence"]),
        ("Ads must not claim guaranteed job placement.", "reject", ["no_claim:guaranteed job placement"]),
        ("21+ in the United States (US) and Malaysia (MY).", "reject", ["min_age:21@US,MY"]),
        ("Ads must be shown only to users aged 18 and older.", "restrict", ["min_age:18"]),
        ("Anyone who appears in an alcohol ad must be at least 25 years old.", "reject", ["min_person_age:25"]),
    ],
)
def test_reader_states_executable_conditions(sentence, decision, expected):
    assert executable_conditions(sentence, decision) == expected


def test_condition_vocabulary_round_trips_and_refuses_typos():
    for text in ("min_age:21@US,MY", "max:36%", "min:14 days", "requires:licence", "only_markets:GB,IE", "no_claim:cure"):
        assert str(parse_condition(text)) == text
    assert str(parse_condition("licence")) == "requires:licence"  # older sidecars still parse
    with pytest.raises(ConditionSyntaxError, match="unknown condition"):
        parse_condition("min_age=18")


def _chunk(text, decision=None, clause_id=None, markets=None):
    return Chunk(id="c1", text=text, source="p.md", policy_id="P", decision=decision, clause_id=clause_id, markets=markets or [])


def _verdict(chunk, question, market=None):
    facts = read_case_facts(question, Filters(market=market))
    runs = [run_rule(r, "marker" if r.id == chunk.clause_id else "prose", chunk, 0, facts) for r in read_clause_logic(chunk)]
    return decide(runs), runs


CAP = "Personal loan ads are allowed only if the APR is no more than 36%. Lenders must be licensed in every market they target."


def test_numeric_cap_decides_both_sides():
    above, _ = _verdict(_chunk(CAP), "Licensed lender advertising loans at 45% APR")
    below, _ = _verdict(_chunk(CAP), "Licensed lender advertising loans at 20% APR")
    unknown, _ = _verdict(_chunk(CAP), "Can a lender advertise personal loans?")
    assert above.decision == "reject" and "45% APR" in above.reason
    assert below.decision == "approve"
    assert unknown.decision == "restrict" and "at most 36%" in unknown.reason


def test_market_list_in_prose():
    text = "VPN ads are allowed only in the United States, Canada and Australia."
    assert _verdict(_chunk(text), "VPN ad", market="CA")[0].decision == "approve"
    assert _verdict(_chunk(text), "VPN ad", market="DE")[0].decision == "reject"


def test_declared_reject_lifted_only_by_an_executed_condition():
    floors = "Alcohol ads must not target users under the legal drinking age.\n\n- 18+ in Singapore (SG);\n- 21+ in the United States (US)."
    ch = _chunk(floors, decision="reject", clause_id="ALC-2")
    lifted, runs = _verdict(ch, "beer ad to 19 year olds", market="SG")
    assert lifted is None and runs[0].by_fact  # met: the prohibition does not apply
    us, _ = _verdict(ch, "beer ad to 19 year olds", market="US")
    assert us.decision == "reject" and us.source == "declared" and "21+" in us.reason
    silent, _ = _verdict(ch, "beer ad", market="US")
    # the floor is unknown: the ad may run on the side the threshold allows (issue #13)
    assert silent.decision == "restrict" and "21+" in silent.reason


def test_credential_stated_or_denied():
    text = "Real estate ads may run only from licensed brokers."
    assert _verdict(_chunk(text), "An unlicensed broker wants to list flats")[0].decision == "reject"
    assert _verdict(_chunk(text), "A licensed broker wants to list flats")[0].decision == "approve"


def test_exception_overrides_its_parent():
    text = "Prescription drug ads are prohibited, with one exception: certified online pharmacies may advertise in the United States."
    ch = _chunk(text)
    rules = read_clause_logic(ch)
    assert rules[1].overrides == rules[0].id
    v, _ = _verdict(ch, "certified online pharmacy ad", market="US")
    assert v.decision == "approve" and v.deciding.rule.overrides
    assert _verdict(ch, "online pharmacy ad", market="GB")[0].decision == "reject"


def test_purpose_prose_never_decides():
    text = "This standard sets out the conditions under which cryptocurrency products may be advertised."
    assert read_clause_logic(_chunk(text)) == []


def test_condition_check_names_the_fact():
    check = check_condition(parse_condition("min_age:18@SG"), read_case_facts("ads to 16 year olds", Filters(market="SG")))
    assert (check.result, check.fact, check.requirement) == ("unmet", "audience 16", "audience 18+ for SG")
