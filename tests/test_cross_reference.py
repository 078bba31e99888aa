"""An exception stated by cross-reference ("…, except as provided in 3.2") allows only on the
conditions the other clause states (core/reading.py RESTRICT_CUES): never an outright approval.
Session 18 found it read as an unconditioned `approve` once "provided in" stopped counting as
the conjunction "provided (that)"; three restrict/reject cases of an unseen pack were approved."""

from __future__ import annotations

import pytest

from policydesk.core.reading import read_unit


@pytest.mark.parametrize(
    "sentence",
    [
        "2.1 Ads for tanning beds are prohibited, except as provided in 2.2.",
        "Ads for drones are not allowed, except as set out in section 6.",
        "Ads for raffles are prohibited, except as permitted under Annex B.",
    ],
)
def test_a_cross_referenced_exception_is_no_outright_approval(sentence):
    readings = read_unit(sentence)
    assert readings[0].decision == "reject"
    assert all(r.decision != "approve" for r in readings), readings
    assert readings[-1].decision == "restrict"


def test_provided_as_a_participle_still_sets_no_condition():
    assert read_unit("A pawn loan means credit provided by a pawnbroker against goods.") == []
    assert [r.decision for r in read_unit("Ads may run provided that the price is shown.")] == ["restrict"]
