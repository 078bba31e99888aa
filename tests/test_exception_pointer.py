"""A prohibition "unless the exception for … applies" keeps its decision and its limits.

Why: "unless" lifts a prohibition on a condition ("must not use the word degree unless the
provider is accredited" is allowed only if accredited), so "Ads can't promise weight loss of
more than 1 kg per week, unless the exception for medically supervised programmes applies"
was read as restrict with no condition: the 1 kg limit was lost, and an ad promising 0.5 kg a
week was told "allowed only under conditions". A lifting clause whose subject is an exception
points to a clause stated elsewhere, read as its own narrower rule; it is no condition of this
one. Real store, real model, a policy written here.
"""

from __future__ import annotations

import pytest

from policydesk.core.clause_logic import read_clause_logic
from policydesk.core.reading import decide
from policydesk.core.types import Chunk
from tests.policy_store import ask_in, ingest_policy

POLICY = """# Home saunas and hot tubs

This policy covers ads for home saunas, hot tubs and sauna accessories.

## What's not allowed

- **Session length claims:** Ads can't recommend sauna sessions of more than 20 minutes, unless the exception for therapy saunas applies.

## Exceptions

- **Therapy saunas:** The 20 minute limit doesn't apply to therapy saunas sold to licensed physiotherapy clinics, as long as the ad states that the sauna is for clinical use.
"""


def _rules(text):
    return read_clause_logic(Chunk(id="x", text=text, source="a.md", section="What's not allowed"), {})


@pytest.mark.parametrize(
    "text",
    [
        "Ads can't promise weight loss of more than 1 kg per week, unless the exception for medically supervised programmes applies.",
        "Ads must not show loaded firearms unless one of the exceptions below applies.",
        "Ads must not show loaded firearms except where the listed exemptions apply.",
    ],
)
def test_a_pointer_to_an_exception_leaves_the_prohibition_a_prohibition(text):
    assert decide(text)[0] == "reject"


def test_the_prohibition_keeps_its_limit():
    rules = _rules("Ads can't promise weight loss of more than 1 kg per week, unless the exception for medically supervised programmes applies.")
    assert [(r.decision, r.conditions) for r in rules] == [("reject", ["max:1 kg per week"])]


def test_a_list_item_pointing_to_an_exception_keeps_its_leads_prohibition():
    # An item under "We don't allow … any of the following:" with no cue of its own but the
    # pointer: "unless the exception below applies" is no condition, so the item is not read as
    # a restriction (it was "restrict" with nothing to execute) and stays the lead's prohibition,
    # its quoted claim a claim it bans.
    item = '- Claims that a roofer is "council approved" or otherwise endorsed by a public body, unless the exception below applies.'
    assert decide(item) is None
    text = "We don't allow roofing ads that include any of the following:\n" + item + "\n- Claims that a roof will last forever."
    rules = read_clause_logic(Chunk(id="x", text=text, source="a.md", section="What We Don't Allow"), {})
    claim = next(r for r in rules if "council approved" in r.quote)
    assert claim.decision == "reject" and "no_claim:council approved" in claim.conditions
    # with a condition of its own the item is still lifted on it
    assert decide("- Claims that a roofer is council approved, unless the roofer is registered.")[0] == "restrict"


@pytest.mark.parametrize(
    "text, condition",
    [
        ("Ads must not show loaded firearms unless the advertiser is licensed.", "requires:licence"),
        ("Ads must not use the word degree unless the provider is accredited.", None),
    ],
)
def test_unless_with_a_condition_still_lifts_the_prohibition(text, condition):
    assert decide(text)[0] == "restrict"
    if condition:
        assert condition in _rules(text)[0].conditions


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return ingest_policy(tmp_path_factory, "pointer", {"saunas.md": POLICY})


def _ask(question, settings):
    return ask_in(question, settings)


def test_a_session_within_the_limit_is_allowed(store):
    a = _ask("Our home sauna ad recommends sessions of 15 minutes. OK?", store)
    assert a.verdict == "approve", (a.verdict, a.answer)


def test_a_session_over_the_limit_is_not_allowed(store):
    a = _ask("Our home sauna ad recommends sessions of 35 minutes. OK?", store)
    assert a.verdict == "reject", (a.verdict, a.answer)


def test_an_exception_to_a_limit_asks_nothing_of_a_case_within_the_limit(store):
    # The therapy-sauna exception lifts the 20 minute limit; at 15 minutes there is nothing to lift.
    a = _ask("Ad for our therapy saunas for physiotherapy clinics; it recommends sessions of 15 minutes. OK?", store)
    assert a.verdict == "approve", (a.verdict, a.answer)


def test_an_exception_still_decides_a_case_beyond_the_limit(store):
    a = _ask("Ad for our therapy saunas for physiotherapy clinics; it recommends sessions of 35 minutes. OK?", store)
    assert a.verdict in ("restrict", "reject"), (a.verdict, a.answer)
