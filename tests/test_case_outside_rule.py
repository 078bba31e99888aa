"""Cases that take themselves out of a rule, or stay under its stated limit.

- executed limit: "We do not allow ads to claim X of more than 50% unless <condition>" and a
  case claiming 30%: the prohibition is lifted by fact, and its lifting clause has nothing to
  lift (assistant/precedence.py `moot_exceptions`);
- act as trigger: the same prohibition and a case that claims no X at all: the limit bounds an
  act the case does not do, so it asks nothing of it (`requirement_trigger`, now also executed
  for a prose prohibition whose limit the case leaves unknown);
- negated subject: "Fitters that advertise … must hold a licence" and "we import them but don't
  fit them": the rule is written for a doer the case says the advertiser is not
  (assistant/denied_agent.py); an exemption narrowed by "… that do not fit products themselves"
  is met by that same statement;
- negated existence: "the minimum rental agreement length must be stated" and "there's no
  rental agreement": a measure of a thing that does not exist is nothing to carry
  (core/disclosure.py `moot`).

Invented policy and questions; the real reader, real execution, a real store.
"""

from __future__ import annotations

import pytest

from policydesk.assistant.denied_agent import agent_verbs, denied_agent, exemption_met
from policydesk.assistant.execute import run_rule
from policydesk.assistant.precedence import decide
from policydesk.core.casefacts import read_case_facts
from policydesk.core.clause_logic import read_clause_logic
from policydesk.core.disclosure import carried, measured_thing, moot, required_items
from policydesk.core.terms import terms
from policydesk.core.types import Chunk, Filters
from tests.policy_store import ask_in, ingest_policy

SAVINGS = "We do not allow ads to claim water savings of more than 50% per year unless the figure comes from a metered trial in the customer's home."
FITTERS = "Fitters that advertise installation work must hold a trade licence recognised in the market where the ad runs."
IMPORTERS = "Importers of water butts that do not fit products themselves are not required to hold a trade licence."
RENTALS = "Ads for water softener rentals must state the minimum rental agreement length in months."


def _runs(text: str, question: str, section: str = "2. Requirements"):
    chunk = Chunk(id="w-2", source="water.md", title="Water-saving products", section=section,
                  clause_id=None, decision=None, markets=["global"], position=2, text=text)
    chunk.logic = read_clause_logic(chunk)
    facts = read_case_facts(question, Filters(market="GB"))
    return [run_rule(r, "prose", chunk, 0, facts, 0.0, question_terms=terms(question)) for r in chunk.logic]


# ---------------------------------------------------------------- executed limit
def test_within_the_limit_the_lifting_clause_asks_nothing():
    runs = _runs(SAVINGS, "Tap aerator ad: 'Cut your water use by up to 30% a year'.")
    ban = next(r for r in runs if r.rule.decision == "reject")
    assert ban.applicable and ban.outcome is None and ban.by_fact  # lifted by fact
    assert decide(runs) is None  # and the survey condition is no condition of this case


def test_beyond_the_limit_the_lifting_condition_is_what_must_hold():
    v = decide(_runs(SAVINGS, "Tap aerator ad claims water savings of 70% a year."))
    assert v is not None and v.decision == "restrict" and "metered trial" in v.reason


# ---------------------------------------------------------------- act as trigger
def test_a_limit_on_an_act_the_case_does_not_do_binds_nothing():
    runs = _runs(SAVINGS, "Rain tank ad claims the 300 litre tank fills in a week of rain.")
    ban = next(r for r in runs if r.rule.decision == "reject")
    assert not ban.applicable and "which the case does not have" in ban.reason
    assert decide(runs) is None


def test_a_case_doing_the_act_without_a_number_is_still_held_to_the_limit():
    v = decide(_runs(SAVINGS, "Tap aerator ad claims big water savings every year."))
    assert v is not None and v.decision == "restrict"


# ---------------------------------------------------------------- negated subject
def test_agent_nouns_and_their_verbs():
    assert "fit" in agent_verbs("fitters")
    assert "lend" in agent_verbs("lenders")
    assert agent_verbs("products") == frozenset()  # a thing, not a doer
    assert agent_verbs("users") == frozenset()  # whom the ad reaches, never the advertiser


@pytest.mark.parametrize("question, denied", [
    ("We import water butts but don't fit them - local fitters do.", True),
    ("We're not fitters; we only sell the kits.", True),
    ("We do not fit anything ourselves.", True),
    ("Water butt ad, fitting available.", False),  # silent
    ("We don't fit water butts, but we fit rain tanks.", False),  # affirmed as well
    ("Our fitters are licensed. We don't fit on Sundays.", False),  # the advertiser has fitters
])
def test_the_case_says_the_advertiser_is_not_the_doer(question, denied):
    assert bool(denied_agent(("fitters",), question)) is denied


def test_a_rule_for_a_doer_the_advertiser_is_not_does_not_bind():
    runs = _runs(FITTERS, "We import water butts but don't fit them - local fitters do. Ad for our 200 litre butt.")
    assert not runs[0].applicable and "is not one" in runs[0].reason
    runs = _runs(FITTERS, "We fit water butts. Ad for our installation work.")
    assert runs[0].applicable and runs[0].outcome == "restrict"  # a fitter, licence unknown


def test_an_exemption_narrowed_by_a_negated_act_is_met_by_the_case_saying_so():
    assert exemption_met(IMPORTERS, "We import water butts but don't fit them.")
    assert not exemption_met(IMPORTERS, "We import water butts.")  # silent about fitting
    assert not exemption_met(FITTERS, "We import water butts but don't fit them.")  # no exemption
    v = decide(_runs(IMPORTERS, "We import water butts but don't fit them. Do we need a trade licence?"))
    assert v is not None and v.decision == "approve"
    v = decide(_runs(IMPORTERS, "We import water butts. Do we need a trade licence?"))
    assert v is not None and v.decision == "restrict"


# ---------------------------------------------------------------- negated existence
def test_what_a_measure_measures():
    items = required_items(RENTALS)
    assert [measured_thing(i) for i in items] == ["agreement"]
    assert measured_thing(required_items("Loan ads must state the amount of the deposit.")[0]) == "deposit"
    assert measured_thing(required_items("Loan ads must state the APR.")[0]) is None


@pytest.mark.parametrize("question, is_moot", [
    ("Softener rental ad; the ad says there's no rental agreement, cancel any time.", True),
    ("A no-agreement rental, pay as you go.", True),
    ("We rent them without an agreement.", True),
    ("The ad shows no agreement length.", False),  # the measure itself left out: not carried
    ("No agreement fees apply.", False),  # no fees, not no agreement
    ("Softener rental ad with a monthly price.", False),  # silent
])
def test_a_measure_of_a_thing_the_case_has_none_of_is_moot(question, is_moot):
    item = required_items(RENTALS)[0]
    assert bool(moot(item, question)) is is_moot


def test_a_moot_item_is_carried_and_the_others_still_count():
    both = "Rental ads must state the call-out fee, and the minimum rental agreement length must be stated in months."
    assert carried(RENTALS, "Softener rental ad; it says there's no rental agreement.")
    assert carried(both, "Softener rental ad showing the call-out fee of 30 pounds; it says there's no rental agreement.")
    assert not carried(both, "Softener rental ad; it says there's no rental agreement.")  # the fee is not shown


def test_a_negation_reaches_only_its_own_conjunct():
    from policydesk.core.disclosure import refused

    both = "Rental ads must state the call-out fee, and the minimum rental agreement length must be stated in months."
    # "no" is the second conjunct's, about an agreement: the fee is not refused
    assert refused(both, "The ad states the call-out fee and the ad says there's no rental agreement.") is None
    # a negation reaches the conjuncts after it that have no verb of their own
    assert refused(both, "The ad doesn't show the call-out fee and the minimum agreement length.")
    assert refused(both, "The call-out fee is missing from the ad.")
    assert refused(both, "The ad says 'fast and no fuss' and states the call-out fee.") is None  # ad copy


# ---------------------------------------------------------------- a real store
POLICY = f"""# Water-saving products

This policy covers ads for water butts, rain tanks, tap aerators and water softener rentals.

## Requirements

{FITTERS} {IMPORTERS}

## Savings claims

{SAVINGS}

## Rentals

{RENTALS}
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return ingest_policy(tmp_path_factory, "outside", {"water.md": POLICY})


def test_store_importer_that_does_not_fit(store):
    a = ask_in("We import water butts but don't fit them - local fitters do. Do we need a trade licence to advertise?", store, "GB")
    assert a.verdict == "approve", (a.verdict, a.answer)
    a = ask_in("We import water butts. Do we need a trade licence to advertise?", store, "GB")
    assert a.verdict != "approve", (a.verdict, a.answer)


def test_store_savings_within_the_limit(store):
    a = ask_in("Tap aerator ad: 'Cut your water bills by up to 30% a year'. OK?", store, "GB")
    assert a.verdict == "approve", (a.verdict, a.answer)
    a = ask_in("Tap aerator ad: 'Cut your water bills by 70% a year'. OK?", store, "GB")
    assert a.verdict in ("restrict", "reject"), (a.verdict, a.answer)


def test_store_rental_without_an_agreement(store):
    a = ask_in("Water softener rental ad; the ad says there's no rental agreement, cancel any time.", store, "GB")
    assert a.verdict == "approve", (a.verdict, a.answer)
    a = ask_in("Water softener rental ad, 15 pounds a month.", store, "GB")
    assert a.verdict == "restrict", (a.verdict, a.answer)  # silent about the agreement: still required

