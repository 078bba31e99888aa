"""A prohibition of what its doer must not do does not bind a case that names only the doer
(assistant/doer_only.py); "provided by …" is a participle, not the conditional "provided
(that)" (core/reading.py)."""

from __future__ import annotations

import pytest

from policydesk.assistant.doer_only import doer_only
from policydesk.core.reading import read_unit
from tests.policy_store import ask_in, ingest_policy

BAN = "3.2 Scrap Metal Dealers must not offer to buy manhole covers, railway signal cable or church roof lead."

POLICY = """---
policy_id: SCRAP
title: Scrap metal
---
# Scrap metal

This policy covers ads for scrap metal dealers and recycling yards.

## Rules

- Scrap metal dealers must hold a dealer licence from the local council.
- Scrap Metal Dealers must not offer to buy manhole covers, railway signal cable or church roof lead.
"""


def test_a_case_naming_only_the_doer_is_not_bound():
    assert doer_only(BAN, ["dealers"], "Scrap metal dealer paying cash for copper pipe") is not None


def test_a_case_naming_what_is_forbidden_stays_bound():
    assert doer_only(BAN, ["dealers", "cable"], "Scrap metal dealer buying cable") is None
    assert doer_only(BAN, ["cable"], "buying cable") is None


def test_a_case_naming_the_act_in_other_words_stays_bound():
    ban = "Bloggers must not receive payment or gifts for promoting alcohol or spirits."
    # "paid" says "payment" (WordNet): the case does what is forbidden, in its own words.
    assert doer_only(ban, ["bloggers"], "Blogger paid by a brewery for a sponsored post") is None
    # A word of the policy's title in what is forbidden is named by any title word.
    assert doer_only(ban, ["bloggers"], "Blogger sponsored by a beer brand", frozenset({"beer", "alcohol"})) is None
    assert doer_only(ban, ["bloggers"], "Blogger sponsored by a phone brand", frozenset({"beer", "alcohol"})) is not None


def test_a_passive_ban_makes_its_subject_the_thing():
    # "must not be sold": the subject is what is banned, not who acts.
    assert doer_only("Tattoo kits must not be sold to the general public.", ["kits"], "tattoo kits for studios") is None


def test_a_subject_that_is_no_doer_stays_bound():
    assert doer_only("Loans must not carry upfront fees.", ["loans"], "personal loans") is None


def test_a_permission_or_duty_is_not_read():
    assert doer_only("Scrap metal dealers must hold a dealer licence.", ["dealers"], "scrap metal dealer") is None


def test_provided_by_is_a_participle_not_a_condition():
    assert read_unit("2.3 Trade Credit means credit provided by a Dealer and secured on stock.") == []
    readings = read_unit("Ads are allowed provided the advertiser holds a licence.")
    assert [r.decision for r in readings] == ["restrict"]


@pytest.fixture(scope="module")
def scrap_store(tmp_path_factory):
    return ingest_policy(tmp_path_factory, "scrap", {"scrap.md": POLICY})


def test_the_doer_doing_nothing_forbidden_is_not_rejected(scrap_store):
    answer = ask_in("Licensed scrap metal dealer, council licence held. Ad says 'we pay top prices for copper pipe'.", scrap_store)
    assert answer.verdict != "reject", answer.answer


def test_the_doer_doing_what_is_forbidden_is_rejected(scrap_store):
    answer = ask_in("Licensed scrap metal dealer, council licence held. Ad says 'we buy church roof lead for cash'.", scrap_store)
    assert answer.verdict == "reject", answer.answer
