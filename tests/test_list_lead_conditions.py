"""A restrict answer's conditions are requirements, not a list's lead or a statement of the
section's decision (assistant/compose.py `states_no_requirement`): "Retailers must:" and "They
can be advertised with restrictions." ask nothing themselves; the items under a lead that states
a duty ("Retailers must:") are what must hold, even when an item reads as a bare imperative."""

from __future__ import annotations

import pytest

from policydesk.assistant.compose import conditions_of, states_no_requirement
from policydesk.assistant.question import analyse
from policydesk.assistant.ranking import plain_candidate
from policydesk.core.types import Chunk


@pytest.mark.parametrize("sentence", [
    "Retailers must:",
    "- Sellers need to:",
    "They can be advertised with restrictions.",
    "It is allowed with these restrictions:",
])
def test_a_lead_or_a_bare_decision_is_no_requirement(sentence):
    assert states_no_requirement(sentence)


@pytest.mark.parametrize("sentence", [
    "The ad must show the closing date.",
    "Advertisers must hold a licence:",
    "only if they hold the authorisation required in each targeted market:",
    "Kits may be advertised with restrictions only if the seller is licensed.",
    "Target only people aged 18 or older.",
])
def test_a_sentence_that_asks_something_stays(sentence):
    assert not states_no_requirement(sentence)


TEXT = (
    "Garden telescopes are consumer products. They can be advertised with restrictions. Sellers must:\n"
    "- Hold a valid import permit for every market the ad targets.\n"
    "- Target only people aged 16 or older.\n"
    "Telescopes come in many sizes."
)


def test_the_conditions_are_the_items_under_the_lead():
    chunk = Chunk(id="t-1", source="scopes.md", title="Telescopes", section="Allowed with restrictions", clause_id=None,
                  decision=None, markets=["global"], position=1, text=TEXT)
    conditions = conditions_of(plain_candidate(chunk), analyse("Telescope shop ad - ok?", None))
    assert conditions == ["- Hold a valid import permit for every market the ad targets.", "- Target only people aged 16 or older."]
