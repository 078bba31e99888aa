"""Approve cases answered restrict (issue #13, session 17), three readings right by construction:

- "can be advertised without certification" in a permission requires no certification
  (core/condition_reading.py `_denied_credentials`), while "not without a licence" and
  "unlicensed" still require one;
- "must hold specialist registration" names a credential (a licence), as "registered with" does;
- a case that says the ad carries everything a requirement asks for ("rigging/waiver wording all
  in", "all required disclosures included") meets a disclosure requirement (core/blanket.py),
  never a number, an age or a credential, never when negated or asked, and a statement naming
  what it covers meets only requirements about that.
All sentences are invented (a boat-hire policy)."""

from __future__ import annotations

import pytest

from policydesk.assistant.execute import run_rule
from policydesk.core.blanket import blanket_carries, blanket_statement
from policydesk.core.casefacts import read_case_facts
from policydesk.core.clause_logic import read_clause_logic
from policydesk.core.condition_reading import executable_conditions
from policydesk.core.terms import terms
from policydesk.core.types import Chunk, Filters


def _run(sentence: str, question: str):
    chunk = Chunk(id="c1", text=sentence, source="boats.md", policy_id="BOATS", title="Boat Hire Policy")
    rules = read_clause_logic(chunk)
    assert rules
    return run_rule(rules[0], "prose", chunk, 0, read_case_facts(question, Filters()), question_terms=terms(question))


# ---------------------------------------------------------------- "without" in a permission
@pytest.mark.parametrize("sentence", [
    "Rowing boats and pedalos can be advertised without certification in every market not listed below.",
    "Kayaks that have no motor may be promoted in all markets without a licence.",
])
def test_a_permission_without_a_credential_requires_none(sentence):
    assert not [c for c in executable_conditions(sentence, "approve") if c.startswith("requires:")]


@pytest.mark.parametrize("sentence, credential", [
    ("Motor boats are allowed, but not without a licence.", "requires:licence"),
    ("Boats from unlicensed operators are not allowed.", "requires:licence"),
])
def test_a_double_negation_or_an_un_prefix_still_requires_it(sentence, credential):
    assert credential in executable_conditions(sentence, "approve")


def test_a_prohibition_on_those_without_a_credential_still_requires_it():
    assert "requires:certification" in executable_conditions("Skippers without such a qualification may not advertise charters.", "restrict")


def test_the_permission_without_certification_approves_a_case_stating_none():
    run = _run("Rowing boats can be advertised without certification in every market.", "Rowing boat hire on the lake, can we run ads?")
    assert run.applicable and run.outcome == "approve"


# ---------------------------------------------------------------- holding a registration
def test_holding_a_registration_is_a_credential():
    sentence = "Any skipper named in the ad must hold specialist registration in sea navigation."
    assert "requires:licence" in executable_conditions(sentence, "restrict")
    assert _run(sentence, "Charter ad naming our skipper, who is on the specialist register for sea navigation.").outcome == "approve"
    assert _run(sentence, "Charter ad naming our skipper, who is not registered.").outcome == "reject"
    assert _run(sentence, "Charter ad naming our skipper.").outcome == "restrict"
    # a number held on file is no credential named
    assert "requires:licence" not in executable_conditions("The charter must hold the registration number of each boat on file.", "restrict")


# ---------------------------------------------------------------- blanket statements
DISCLOSURE = "Every boat hire ad must state that life jackets are provided and that a safety briefing is required before departure."


@pytest.mark.parametrize("question", [
    "Boat hire ad, life-jacket/safety-briefing wording all in, targeting 18+.",
    "Boat hire ad, all the required disclosures are included.",
    "Boat hire ad, we include all the required wording.",
    "Boat hire ad for Lake Como, everything else in the ad is compliant.",
])
def test_a_blanket_statement_meets_a_disclosure_requirement(question):
    run = _run(DISCLOSURE, question)
    assert run.outcome == "approve", run.checks


@pytest.mark.parametrize("question", [
    "Boat hire ad, we have not got all the required disclosures in.",
    "Boat hire ad - do we need all the required wording?",
    "Boat hire ad, fuel-price wording all in.",  # it names what it covers, and that is not this
    "Boat hire ad for the summer.",
])
def test_no_blanket_statement_leaves_it_unknown(question):
    assert _run(DISCLOSURE, question).outcome == "restrict"


def test_a_case_that_says_the_ad_leaves_it_out_is_not_met_by_a_blanket():
    question = "Boat hire ad, everything else is compliant, but we leave out that life jackets are provided."
    assert _run(DISCLOSURE, question).outcome != "approve"


def test_a_blanket_statement_never_meets_an_age_or_a_number():
    assert _run("Boat hire ads may only be shown to users aged 18 or older.", "Boat hire ad, all required disclosures included, targeting 16+.").outcome == "reject"
    assert _run("Boat hire ads must be targeted only at users aged 18 or over.", "Boat hire ad, all required disclosures included.").outcome == "restrict"


def test_a_named_blanket_covers_only_what_it_names():
    said, named = blanket_statement("Charter ad, rules link has everything the policy lists, closing date shown.")
    assert said == "has everything the policy lists" and named
    assert blanket_carries("The ad must link to official rules that state the closing date.", "Charter ad, rules link has everything the policy lists.") is not None
    assert blanket_carries("The ad itself must show the skipper's name.", "Charter ad, rules link has everything the policy lists.") is None


# ---------------------------------------------------------------- a trigger's head
from policydesk.assistant.precedence import decide  # noqa: E402
from policydesk.assistant.trigger_head import trigger_head  # noqa: E402

TRIAL = "If the charter offers a free trial, the ad must say when the trial ends and what the customer pays after it."
ALLOWED = "Sailing lessons and charters can be advertised without certification in every market."


def test_the_head_of_a_trigger_is_the_noun_its_verb_of_having_takes():
    assert trigger_head("the app offers a free trial") == "trial"
    assert trigger_head("a prize includes alcohol") == "alcohol"
    assert trigger_head("the ad shows fireworks being used") == "fireworks"
    assert trigger_head("the total value of all prizes is more than USD 5,000") is None


def test_a_case_naming_only_the_triggers_modifiers_does_not_have_it():
    assert not _run(TRIAL, "Sailing charter, totally free, no subscription, in Brazil.").applicable
    assert _run(TRIAL, "Sailing charter with a 7 day free trial, 49 EUR a month after.").applicable


def _runs(question):
    out = []
    for i, sentence in enumerate((ALLOWED, TRIAL)):
        chunk = Chunk(id=f"c{i}", text=sentence, source="boats.md", policy_id="BOATS", title="Boat Hire Policy", position=i)
        for rule in read_clause_logic(chunk):
            out.append(run_rule(rule, "prose", chunk, i, read_case_facts(question, Filters()), question_terms=terms(question)))
    return out


def test_a_requirement_whose_trigger_the_case_has_is_not_displaced_by_an_allowance():
    verdict = decide(_runs("Sailing charter ad, 49 EUR a month with a 7 day free trial. What does the ad need?"))
    assert verdict is not None and verdict.decision == "restrict"
    verdict = decide(_runs("Sailing charters, totally free, no subscription. OK?"))
    assert verdict is not None and verdict.decision == "approve"
