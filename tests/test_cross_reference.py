"""An exception stated by cross-reference ("…, except as provided in 3.2") states no rule where
it points from (core/reading.py `CROSS_REFERENCE`): the clause it points to is read as its own
rule. Session 18 found it read as an unconditioned `approve` once "provided in" stopped counting
as the conjunction "provided (that)"; three restrict/reject cases of an unseen pack were approved.
Read as `restrict` instead, it bound every case of its clause (three dev2 cases lost)."""

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
    assert [r.decision for r in readings] == ["reject"], readings


def test_provided_as_a_participle_still_sets_no_condition():
    assert read_unit("A pawn loan means credit provided by a pawnbroker against goods.") == []
    assert [r.decision for r in read_unit("Ads may run provided that the price is shown.")] == ["restrict"]


POLICY = """Tanning Equipment Advertising Standard

1. Scope

This standard covers ads for sunbeds and tanning beds.

2. Sunbeds

2.1 Ads for sunbeds are prohibited, except as provided in 2.2.

2.2 Ads for sunbeds are permitted only in the United States and Canada, and only by advertisers holding a salon licence.
"""


@pytest.fixture(scope="module")
def tanning_store(tmp_path_factory):
    from tests.policy_store import ingest_policy

    return ingest_policy(tmp_path_factory, "tanning", {"tanning.txt": POLICY})


@pytest.mark.parametrize(
    "question, market, verdict",
    [
        # the sentence the prohibition points to is its exception (assistant/precedence.py
        # `stated_exceptions`): it decides, with its own conditions executed
        ("Licensed salon advertising its sunbeds, we hold a salon licence", "US", "approve"),
        ("Sunbed ads for our salon", "CA", "restrict"),
        ("Licensed salon advertising its sunbeds, we hold a salon licence", "FR", "reject"),
    ],
)
def test_the_clause_pointed_to_is_the_prohibitions_exception(tanning_store, question, market, verdict):
    from tests.policy_store import ask_in

    answer = ask_in(question, tanning_store, market=market)
    assert answer.verdict == verdict, answer.answer
