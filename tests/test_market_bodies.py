"""A credential requirement that names the qualifying body per market ("as follows: GB …, US
…", a market table's row, "In NZ, … licensed by …") is checked against the body the case
names: its market's body -> met, only another market's body or a pending application -> unmet,
nothing named -> unknown as before (assistant/market_bodies.py, condition_check.rule_checks)."""

from __future__ import annotations

import re

from policydesk.assistant.execute import run_rule
from policydesk.assistant.market_bodies import body_result, market_bodies
from policydesk.core.casefacts import read_case_facts
from policydesk.core.clause_logic import read_clause_logic
from policydesk.core.terms import terms
from policydesk.core.types import Chunk, Filters

LIST = (
    "3.1  Pharmacy ads may run only if the pharmacy is registered in the market the ad targets, as follows:\n"
    "GB  registered with the General Pharmaceutical Council (GPhC)\n"
    "US  licensed by the state board of pharmacy of each state it ships to\n"
    "NL  listed in the national pharmacy register (BIG register)\n"
)

TABLE = (
    "| Market | Who may advertise pest control | Other |\n"
    "| --- | --- | --- |\n"
    "| FR | A company certified under the Certibiocide scheme | None. |\n"
    "| GB | A technician holding the RSPH Level 2 award, or a member of the British Pest Control Association (BPCA) | None. |\n"
)


def test_the_list_is_read_per_market():
    bodies = market_bodies(LIST)
    assert set(bodies.entries) == {"GB", "US", "NL"}
    assert "GPhC" in bodies.entries["GB"] and "state board" in bodies.entries["US"]


def test_a_case_naming_its_markets_body_meets_it():
    bodies = market_bodies(LIST)
    assert body_result(bodies, "GB", "Online chemist, GPhC registration number on the site, UK ads")[0] == "met"
    assert body_result(bodies, "US", "We hold a licence from the Ohio board of pharmacy")[0] == "met"


def test_a_case_naming_only_another_markets_body_fails_it():
    result, fact = body_result(market_bodies(LIST), "US", "We're GPhC registered and want to sell to Americans")
    assert result == "unmet" and "GB" in fact


def test_a_pending_application_fails_it():
    assert body_result(market_bodies(LIST), "GB", "Our GPhC application is still pending, can we advertise?")[0] == "unmet"


def test_a_silent_case_or_an_unlisted_market_is_left_to_the_generic_reading():
    bodies = market_bodies(LIST)
    assert body_result(bodies, "GB", "Registered pharmacy wants to advertise hay fever tablets") is None
    assert body_result(bodies, "DE", "We're GPhC registered, ads for Germany?") is None


def test_a_market_table_row_gives_the_body_of_its_column():
    bodies = market_bodies("A company certified under the Certibiocide scheme", TABLE, ["FR"])
    assert set(bodies.entries) == {"FR", "GB"}
    assert body_result(bodies, "FR", "Exterminator in Lyon, Certibiocide certified")[0] == "met"
    assert body_result(bodies, "FR", "BPCA member company wants French ads")[0] == "unmet"
    assert body_result(bodies, "GB", "pest control technician with the RSPH award")[0] == "met"


def test_a_sentence_naming_the_body_for_a_market():
    bodies = market_bodies("In New Zealand, kennels must be licensed by the Animal Welfare Directorate.")
    assert set(bodies.entries) == {"NZ"}
    assert body_result(bodies, "NZ", "Our kennel's licence is from the Animal Welfare Directorate")[0] == "met"


def test_a_sentence_without_bodies_per_market_gives_none():
    assert market_bodies("Pharmacies must hold a valid licence and show it in the ad.").entries == {}
    assert market_bodies("Ads may run in the following markets: GB, US and NL.").entries == {}


def _run(question: str, market: str | None):
    chunk = Chunk(id=f"c{abs(hash(question))}", text=LIST, source="pharmacy.md", policy_id="P", section="Who may advertise")
    rules = [r for r in read_clause_logic(chunk) if any(c.startswith("requires:") for c in r.conditions)]
    assert rules, read_clause_logic(chunk)
    facts = read_case_facts(question, Filters(market=market))
    return run_rule(rules[0], "prose", chunk, 0, facts, 0.0, set(terms(question)))


def test_the_rule_is_executed_with_the_body():
    run = _run("Online pharmacy, GPhC number shown on the ad. Can we advertise?", "GB")
    assert any(k.result == "met" for k in run.checks) and not any(k.result == "unmet" for k in run.checks), run.checks
    run = _run("Online pharmacy registered with the GPhC wants US ads", "US")
    assert any(k.result == "unmet" for k in run.checks), run.checks
    assert run.outcome == "reject", run
    run = _run("Online pharmacy wants to advertise allergy tablets", "GB")
    assert not any(k.result in ("met", "unmet") for k in run.checks if k.kind == "requires"), run.checks


def test_a_case_naming_no_market_meets_the_body_it_names():
    bodies = market_bodies(LIST)
    assert body_result(bodies, None, "GPhC-registered chemist, hay fever tablets ad")[0] == "met"
    assert body_result(bodies, None, "Our GPhC application is still pending - can we advertise?")[0] == "unmet"
    assert body_result(bodies, None, "Chemist wants to advertise hay fever tablets") is None


def test_one_common_word_does_not_fail_a_case():
    # "board" is a word of the US entry; alone it names no body, so a GB case is left as it is
    assert body_result(market_bodies(LIST), "GB", "Our board approved the pharmacy's ad budget") is None


def test_one_word_of_a_lone_sentence_body_is_no_name():
    bodies = market_bodies("In Thailand, brokers must be licensed by the Securities and Exchange Commission.")
    assert body_result(bodies, "TH", "Crypto exchange wants Thai ads") is None
    assert body_result(bodies, "TH", "Broker licensed by the Securities and Exchange Commission")[0] == "met"


# A driving-instructor policy: the credential is given per market by a fixed-width table the
# clause announces, and by a markdown table with market names as row labels.
INSTRUCTORS = (
    "2.4 Ads for paid driving lessons may only be run by an instructor holding the credential below:\n"
    "    Market          Credential required\n"
    "    --------------  ------------------------------------------\n"
    "    New Zealand     Driving instructor endorsement (category I) or\n"
    "                    a NZTA teaching certificate\n"
    "    Canada          Provincial driving instructor licence\n"
    "    Japan           Membership of a designated driving school association\n"
    "    Other markets   Any licence required by local law\n"
    "\n2.5 A credential still under application does not meet 2.4.\n"
)

INSTRUCTOR_TABLE = (
    "In the following markets, ads for driving lessons may only be run by a qualified instructor:\n\n"
    "| Market | Credential required |\n|---|---|\n"
    "| Canada | Provincial driving instructor licence or a road safety teaching certificate |\n"
    "| Japan (JP) | Membership of a designated driving school association |\n"
)


def test_a_fixed_width_table_the_rule_announces_is_read_per_market():
    # the splitter folds the table's lines; its cells stay set apart by runs of spaces
    folded = re.sub(r"\n[ \t]+", " ", INSTRUCTORS).replace("below: Market", "below:\nMarket")
    for text in (INSTRUCTORS, folded):
        bodies = market_bodies("2.4 Ads for paid driving lessons may only be run by an instructor holding the credential below:", text)
        assert set(bodies.entries) == {"NZ", "CA", "JP"}, bodies
        assert "NZTA" in bodies.entries["NZ"] and "Provincial" in bodies.entries["CA"]


def test_the_case_meets_its_own_markets_row_only():
    bodies = market_bodies("2.4 Ads for paid driving lessons may only be run by an instructor holding the credential below:", INSTRUCTORS)
    assert body_result(bodies, "NZ", "Auckland instructor with an NZTA teaching certificate")[0] == "met"
    assert body_result(bodies, "CA", "Instructor holds a provincial driving instructor licence in Ontario")[0] == "met"
    assert body_result(bodies, "CA", "Instructor with an NZTA teaching certificate wants Canadian ads")[0] == "unmet"
    assert body_result(bodies, "CA", "Instructor wants to advertise weekend lessons") is None


def test_a_row_of_alternatives_is_met_by_either():
    bodies = market_bodies("Provincial driving instructor licence or a road safety teaching certificate", INSTRUCTOR_TABLE, ["CA"])
    assert set(bodies.entries) == {"CA", "JP"}
    assert body_result(bodies, "CA", "Instructor in Quebec holds a provincial driving instructor licence")[0] == "met"
    assert body_result(bodies, "CA", "Our instructors hold a road safety teaching certificate")[0] == "met"


def test_the_bodies_are_read_at_ingest_and_executed_for_the_cases_row():
    chunk = Chunk(id="drv", text=INSTRUCTORS, source="driving.txt", policy_id="D", section="Who may advertise")
    rules = [r for r in read_clause_logic(chunk) if any(c.startswith("requires:") for c in r.conditions)]
    assert rules and all(set(r.bodies) == {"NZ", "CA", "JP"} for r in rules), rules
    rule = rules[0]
    for question, market, result in (
        ("Instructor holds a provincial driving instructor licence, paid driving lessons ad. OK?", "CA", "met"),
        ("Instructor with an NZTA teaching certificate wants Canadian ads for paid driving lessons", "CA", "unmet"),
        # the row's own credential, said to have lapsed, is not held
        ("Instructor's provincial driving instructor licence has lapsed; paid driving lessons ad. OK?", "CA", "unmet"),
    ):
        facts = read_case_facts(question, Filters(market=market))
        run = run_rule(rule, "prose", chunk, 0, facts, 0.0, set(terms(question)))
        creds = [k.result for c, k in zip(rule.conditions, run.checks) if c.split("@")[0] in ("requires:licence", "requires:certification", "requires:membership")]
        assert creds and all(r == result for r in creds), run.checks
