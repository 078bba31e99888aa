"""A clause's own condition decides in its own market (issue 13): a sentence that sets its
conditions market by market ("… may be sold in Canada only where the seller is certified …, and
in Australia only where the model is registered …") binds each condition to the markets of the
clause that states it (`requires:certification@CA`, `requires:licence@AU`), and execution
applies it only to cases in those markets, naming the others in the trace as not for this
market. Every policy sentence and question here is invented for these tests."""

import json
from pathlib import Path

import pytest

from policydesk.assistant.condition_check import parsed
from policydesk.assistant.execute import run_rule
from policydesk.assistant.rule_markets import local_conditions
from policydesk.assistant.precedence import decide
from policydesk.core.casefacts import read_case_facts
from policydesk.core.clause_logic import read_clause_logic
from policydesk.core.condition_reading import executable_conditions, market_segments
from policydesk.core.conditions import format_condition, is_valid_condition, not_excepted, parse_condition
from policydesk.core.terms import terms
from policydesk.core.types import Chunk, Filters

DRONES = ("Camera drones may be sold in Canada only where the seller is certified by Transport Canada, "
          "and in Australia only where the model is registered with CASA.")


# ---------------------------------------------------------------- reading
@pytest.mark.parametrize(
    "sentence, expected",
    [
        (DRONES, {"requires:certification@CA", "requires:licence@AU"}),
        # a general limit and one set for a named market after ", and in …"
        ("Payday loan ads may offer an APR of no more than 30%, and in Germany the APR must not exceed 20%.",
         {"max:30%", "max:20%@DE"}),
        # "and, in <market>," opens a clause too
        ("Battery range must be stated in km and, in Sweden, must not exceed 400 km.", {"max:400 km@SE"}),
        # "except in <market>, where …" gives that market its own credential
        ("Tattoo studio ads may run without further checks, except in Norway, where the studio must be licensed by the health authority.",
         {"requires:licence@NO"}),
        # clauses split by a semicolon, one condition per market
        ("Kite surfing schools in Portugal must be certified by the national federation; in Morocco, schools must be registered with the tourism ministry.",
         {"requires:certification@PT", "requires:licence@MA"}),
        # a market whose own clause sets its conditions is one the ad may run in
        ("Drone racing ads are allowed only in France and Spain, and in Italy only with a licence from the aviation authority.",
         {"only_markets:FR,ES,IT", "requires:licence@IT"}),
        # "for <market>" opens a clause as "in" does
        ("Raffle ads need our prior permission, and for Ireland the promoter must also hold a lottery licence.",
         {"requires:permission", "requires:licence@IE"}),
    ],
)
def test_a_clause_set_in_a_market_binds_its_condition_there(sentence, expected):
    conds = set(executable_conditions(sentence, "restrict"))
    assert expected <= conds, conds
    bound = {c.split("@")[0] for c in expected if "@" in c}
    assert not bound & conds, f"a bound condition is also read for every market: {conds}"


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # markets that come first scope the whole sentence (the rule's own markets)
        ("In Japan, drone sellers must be licensed; their ads must also show the licence number.", {"requires:licence"}),
        # "only in A and in B" is one list, not two clauses
        ("Hoverboard ads are allowed only in France and in Spain.", {"only_markets:FR,ES"}),
        # a regulator named as an example does not set a clause in its market
        ("Pest control ads may run provided that the product is authorised by the national authority, such as the HSE in the United Kingdom.",
         {"requires:licence"}),
    ],
)
def test_a_sentence_without_market_clauses_keeps_its_reading(sentence, expected):
    conds = set(executable_conditions(sentence, "restrict"))
    assert expected <= conds, conds
    assert not any("@" in c for c in conds if not c.startswith("only_markets")), conds


def test_the_segments_name_the_markets_of_each_clause():
    segs = market_segments(DRONES)
    assert [s.codes for s in segs] == [("CA",), ("AU",)]
    assert DRONES[segs[1].start :].lstrip().startswith("in Australia")


def test_the_rule_keeps_both_markets_and_an_excepted_market_with_its_own_condition():
    (rule,) = read_clause_logic(Chunk(id="c", text=DRONES, source="d.md", policy_id="D", title="Drones Policy"))
    assert set(rule.markets) == {"CA", "AU"}
    text = "Ads for paddle boards may target users aged 16 or over, except in Italy, where the minimum age is 18."
    (rule,) = read_clause_logic(Chunk(id="c", text=text, source="d.md", policy_id="D", title="Water Sports Policy"))
    assert set(rule.conditions) == {"min_age:16", "min_age:18@IT"} and rule.except_markets == []
    # an exception that sets nothing for its market still excepts it
    assert not_excepted(["IT"], ["min_age:16"]) == ["IT"]


# ---------------------------------------------------------------- vocabulary (the sidecar contract)
@pytest.mark.parametrize("text", ["requires:licence@GB", "requires:age_check@US,CA", "min_person_age:25@US", "only_who:parties,candidates@BR", "max:30 days@DE"])
def test_per_market_forms_parse_and_write_back(text):
    c = parse_condition(text)
    assert c.markets and format_condition(c) == text
    assert c.applies_in(c.markets[0]) and not c.applies_in("JP") and c.applies_in(None)


def test_existing_forms_are_unchanged():
    assert parse_condition("requires:licence").markets == []
    assert parse_condition("licence").credential == "licence"
    assert parse_condition("no_claim:email us @ support").text == "email us @ support"  # free text keeps its "@"
    assert parse_condition("only_markets:GB,IE").markets == ["GB", "IE"]
    assert not is_valid_condition("requires:licence@")
    assert parse_condition("requires:licence@GB").describe().endswith(" in GB")


def test_schema_accepts_the_new_forms():
    import re

    schema = json.loads((Path(__file__).parents[1] / "rules" / "schema.json").read_text())
    pattern = re.compile(schema["$defs"]["condition"]["pattern"])
    for text in ("requires:licence@GB", "min_person_age:25@US", "only_who:parties@BR", "requires:licence", "min_age:21@US,MY"):
        assert pattern.match(text), text


# ---------------------------------------------------------------- execution
def _run(text, question, market):
    ch = Chunk(id="c1", text=text, source="drones.md", policy_id="DRN", title="Consumer Drones Policy")
    facts = read_case_facts(question, Filters(market=market))
    runs = [run_rule(r, "prose", ch, 0, facts, question_terms=terms(question)) for r in read_clause_logic(ch)]
    return decide(runs), runs


def test_each_market_executes_its_own_condition():
    q = "Our camera drone shop is certified by Transport Canada. OK to advertise?"
    v, _ = _run(DRONES, q, "CA")
    assert v.decision == "approve"  # Canada asks for certification only, which the case states
    v, runs = _run(DRONES, q, "AU")
    assert v.decision == "restrict"  # Australia asks for the registration, which it does not state
    assert [c.kind for c in runs[0].checks] == ["requires"] and "licence or registration in AU" in runs[0].checks[0].requirement
    assert "not for this market: the advertiser is certified in CA" in runs[0].reason
    v, _ = _run(DRONES, "Our camera drone model is not registered with CASA. Ads in Australia?", "AU")
    assert v.decision == "reject"


def test_a_bound_set_for_the_market_replaces_the_general_one():
    text = "Payday loan ads may offer an APR of no more than 30%, and in Germany the APR must not exceed 20%."
    conds = parsed(executable_conditions(text, "restrict"))
    assert [str(c) for c in conds] == ["max:30%", "max:20%@DE"]
    here, elsewhere = local_conditions(conds, "DE")
    assert [str(c) for c in here] == ["max:20%@DE"] and "replaced" in elsewhere[0]
    here, elsewhere = local_conditions(conds, "FR")
    assert [str(c) for c in here] == ["max:30%"] and elsewhere == ["at most 20% in DE"]
    # a case naming no market is bound by the general condition only: it is not shown to be in
    # DE (session 20), as a rule written for DE does not apply to it either
    here, elsewhere = local_conditions(conds, None)
    assert [str(c) for c in here] == ["max:30%"] and "names no market" in elsewhere[0]
    # a bound in another dimension replaces nothing
    here, _ = local_conditions(parsed(["max:30%", "max:12 months@DE"]), "DE")
    assert {str(c) for c in here} == {"max:30%", "max:12 months@DE"}


# ---------------------------------------------------------------- annotate and lint accept it
def test_annotate_writes_and_lint_accepts_per_market_conditions(tmp_path):
    from policydesk.rules.annotate import annotate_path
    from policydesk.rules.lint import lint_paths
    from policydesk.rules.sidecar_write import write_sidecar

    doc_path = tmp_path / "drones.md"
    doc_path.write_text(POLICY, encoding="utf-8")
    rules = annotate_path(doc_path, tmp_path)
    conds = {c for r in rules.rules for c in r.rule.conditions}
    assert {"requires:certification@CA", "requires:licence@AU"} <= conds, conds
    sidecar = write_sidecar(rules)
    report = lint_paths([tmp_path])
    assert not [p for p in report.problems if p.kind in ("unknown-condition", "unknown-market")], report.problems
    sidecar.write_text(sidecar.read_text().replace("requires:licence@AU", "requires:licence@UK"), encoding="utf-8")
    report = lint_paths([tmp_path])
    assert any(p.kind == "unknown-market" and "GB" in p.problem for p in report.problems), report.problems


# ---------------------------------------------------------------- end to end
POLICY = """---
policy_id: DRN
title: Consumer Drones Policy
version: 1
---
# Consumer Drones Policy

## 1. Scope

This policy covers ads for consumer drones, drone accessories and drone flying lessons.

## 2. Camera drones

Camera drones may be sold in Canada only where the seller is certified by Transport Canada, and in Australia only where the model is registered with CASA.

## 3. Flying lessons

Ads for drone flying lessons may target users aged 16 or over.
"""


def test_end_to_end_two_markets(tmp_path):
    from policydesk.assistant.chain import ask
    from policydesk.core.settings import Settings
    from policydesk.ingest.pipeline import ingest_paths

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "drones.md").write_text(POLICY, encoding="utf-8")
    settings = Settings(store=tmp_path / "store")
    report = ingest_paths([docs], settings)
    assert not report.failed, report.failed
    q = "Our camera drone shop is certified by Transport Canada. Can we run ads for our camera drones?"
    ca = ask(q, filters=Filters(market="CA"), settings=settings)
    assert ca.verdict == "approve", ca.answer
    au = ask(q, filters=Filters(market="AU"), settings=settings)
    assert au.verdict == "restrict", au.answer
    deciding = next(r for r in au.trace.rules if r.rule_id == au.trace.decided_by)
    assert "not for this market" in deciding.reason and "certified in CA" in deciding.reason


# ---------------------------------------------------------------- a leading concession
def test_a_leading_concession_is_not_the_sentence_rule():
    """"Although X are otherwise not permitted, Y are permitted provided that …": the rule is the
    main clause's (restrict, about Y), not a prohibition of X, which the policy states elsewhere."""
    from policydesk.core.reading import read_unit

    text = ("Although ads for radar detectors are otherwise not permitted, ads addressed to police forces in Canada "
            "are permitted provided that the advertiser holds a licence from the transport ministry.")
    (r,) = read_unit(text)
    assert r.decision == "restrict" and r.quote.startswith("ads addressed to police forces") and r.markets == ["CA"]
    # a main clause whose subject is a pronoun is read with its concession
    (r,) = read_unit("Although raffle ads are allowed, they must not be targeted at users under 18.")
    assert r.quote.startswith("Although raffle ads")


# ---------------------------------------------------------------- floors over 30
def test_an_explicit_age_over_30_is_a_floor_and_binds_to_its_market():
    text = "Ads for retirement villages must target users aged 55 or over, except in Spain, where the minimum age for these ads is 65."
    assert {"min_age:55", "min_age:65@ES"} <= set(executable_conditions(text, "restrict"))
    q = "Retirement village ad, audience 60 and over."
    ch = Chunk(id="c1", text=text, source="homes.md", policy_id="HOM", title="Retirement Housing Policy")
    for market, expected in (("ES", "reject"), ("FR", "approve")):
        facts = read_case_facts(q, Filters(market=market))
        v = decide([run_rule(r, "prose", ch, 0, facts, question_terms=terms(q)) for r in read_clause_logic(ch)])
        assert v.decision == expected, (market, v.reason)
    # a number that may count something else stays no floor above 30
    for text in ("Quiz ads must offer at least 40 questions.", "Bundles of 50+ games may be advertised."):
        assert not any(c.startswith("min_age") for c in executable_conditions(text, "restrict")), text
