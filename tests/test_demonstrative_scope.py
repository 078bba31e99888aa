"""A subject that points back ("these games", "These ads", "Such products") governs what the
sentence before it described.

Why: "These ads may only be shown to users aged 18 or over" has no subject words of its own, so
its rule applied to everything its clause is about, and a helmet ad in a clause that also covers
battery packs met an 18+ floor written for the batteries; "Ads for these games" made a rule for
every game out of one for games with paid random items. Real store, real model, a policy
written here.
"""

from __future__ import annotations

import pytest

from policydesk.core.clause_logic import read_clause_logic
from policydesk.core.types import Chunk
from tests.policy_store import ask_in, ingest_policy


def _rules(text):
    return read_clause_logic(Chunk(id="x", text=text, source="a.md", section="Rules"), {})


def test_these_ads_take_the_subject_of_the_sentence_before():
    rules = _rules(
        "Ads for e-bike battery packs must state the battery's capacity in watt-hours. "
        "These ads may only be shown to users aged 18 or over."
    )
    assert rules[1].scope == rules[0].scope and "battery" in rules[1].scope
    assert "min_age:18" in rules[1].conditions


def test_these_games_are_the_games_described_before():
    rules = _rules(
        "Games with paid random items can be advertised provided that the odds are published inside the game. "
        "Ads for these games can't be targeted to anyone under 16."
    )
    assert rules[1].scope == rules[0].scope and {"paid", "random", "items"} <= set(rules[1].scope)


@pytest.mark.parametrize(
    "second",
    [
        "Ads for games can't be targeted to anyone under 16.",  # no demonstrative: its own subject
        "Toys such as kites must not be shown to anyone under 16.",  # "such as" introduces examples
    ],
)
def test_a_subject_of_its_own_is_kept(second):
    rules = _rules("Games with paid random items can be advertised provided that the odds are published. " + second)
    assert "random" not in rules[1].scope


POLICY = """# Cycling products

This policy covers ads for bicycles, e-bikes and cycling accessories.

## Batteries and accessories

Ads for e-bike battery packs must state the battery's capacity in watt-hours. These ads may only be shown to users aged 18 or over. Ads for bicycle helmets are allowed.
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return ingest_policy(tmp_path_factory, "demonstrative", {"cycling.md": POLICY})


def _ask(question, settings):
    return ask_in(question, settings)


def test_the_floor_written_for_battery_packs_does_not_bind_a_helmet_ad(store):
    a = _ask("Ad for our bicycle helmets, targeting users aged 13 and over. OK?", store)
    assert a.verdict == "approve", (a.verdict, a.answer)


def test_the_floor_still_binds_the_battery_packs(store):
    a = _ask("Ad for our e-bike battery packs, 500 Wh capacity stated, targeting users aged 13 and over. OK?", store)
    assert a.verdict == "reject", (a.verdict, a.answer)
