"""Quoted ad copy is what an ad says, never what a rule governs (core/clause_logic.py
`_QUOTED_COPY`, `prohibition_scope`; assistant/rule_binds.py `copy_binds`).

An item of a prohibition list that gives examples of forbidden copy ("Banners such as "You're
a winner!" or "Collect your reward" …") is about banners of that kind, not about every case
that says "reward"; a case that uses the quoted copy is what it forbids. A quotation that
names a thing ("often called "grow-your-own" kits") stays a word of the rule's subject.
"""

from __future__ import annotations

import pytest

from policydesk.core.clause_logic import prohibition_scope, quoted_copy, read_clause_logic
from policydesk.core.types import Chunk
from tests.policy_store import ask_in, ingest_policy


def test_copy_is_a_quotation_presented_as_something_said():
    assert quoted_copy('- Banners such as "You\'re a winner!" or "Collect your reward" shown to people who haven\'t entered') == [
        "You're a winner!", "Collect your reward"]
    assert quoted_copy("- Phrases like 'harvest guaranteed' or ‘never fails’") == ["harvest guaranteed", "never fails"]
    assert quoted_copy('- Countdown banners or "last call" messages aimed at children') == ["last call"]
    assert quoted_copy('Examples of copy we don\'t allow: "Grow 3x faster" and "Pest-proof forever".') == [
        "Grow 3x faster", "Pest-proof forever"]
    # A quotation naming a thing or a practice is no copy: it is the rule's subject.
    assert quoted_copy('Ads for seed kits, often called "grow-your-own" kits, are reviewed case by case.') == []
    assert quoted_copy('- Selling or "flipping" rare bulbs outside the official store') == []
    # An apostrophe inside a word opens no quotation.
    assert quoted_copy("- Ads that haven't got a licence and don't say so") == []


def test_a_prohibition_is_about_its_own_words_not_its_quoted_copy():
    scope = prohibition_scope('- Banners such as "You\'re a winner!" or "Collect your reward" shown to people who haven\'t entered')
    assert "banners" in scope
    assert not {"winner", "collect", "reward"} & set(scope)
    # A rule of quoted wording alone stays about that wording.
    assert set(prohibition_scope('- "Miracle" or "overnight"')) == {"miracle", "overnight"}
    # A quotation that names a practice stays.
    assert "flipping" in prohibition_scope('- Selling or "flipping" rare bulbs outside the official store')


def _logic(text: str, section: str = "Garden promotions > What's not allowed"):
    chunk = Chunk(id="g", source="garden.md", title="Garden centre promotions", section=section,
                  clause_id=None, decision=None, markets=["global"], position=3, text=text)
    return read_clause_logic(chunk)


def test_an_item_under_a_prohibition_heading_has_no_scope_from_its_copy():
    rules = _logic('- Banners such as "You\'re a winner!" or "Collect your reward" shown to people who haven\'t entered\n'
                   "- Prizes that are live animals")
    banner = next(r for r in rules if r.quote.startswith("- Banners"))
    assert banner.decision == "reject"
    assert "banners" in banner.scope and "reward" not in banner.scope


def test_an_item_running_on_into_examples_of_copy_is_about_what_it_names():
    # The item reads as a rule of its own from the examples line it runs on into ("… we don't
    # allow: …"); its subject reads as nothing, and it bound every case of the clause.
    rules = _logic("- Prizes that are live animals\n"
                   "- Ads that urge people to dig up protected wildflowers without a permit\n"
                   'Examples of ad copy we don\'t allow: "Dig up orchids - guaranteed" and "New council program gives free bluebells".')
    item = next(r for r in rules if r.quote.startswith("- Ads that urge"))
    assert item.decision == "reject"
    assert item.conditions and all(c.startswith("no_claim:") for c in item.conditions)
    assert "wildflowers" in item.scope
    assert not {"orchids", "bluebells"} & set(item.scope)


POLICY = """---
policy_id: GARDEN-PROMOS
title: Garden centre promotions
---
# Garden centre promotions

Garden centres run competitions and giveaways for their customers. This policy covers ads for those promotions.

## Requirements for all promotions

- The ad must show the closing date.
- The ad must link to the official rules.

## What's not allowed

- Banners such as "You're a winner!" or "Collect your reward" shown to people who haven't entered
- Prizes that are live animals
"""


@pytest.fixture(scope="module")
def garden_store(tmp_path_factory):
    return ingest_policy(tmp_path_factory, "garden-promos", {"garden-promos.md": POLICY})


def _runs(answer) -> list[dict]:
    return [r.model_dump() for r in answer.trace.rules] if answer.trace is not None else []


def test_a_case_sharing_one_word_of_the_copy_is_not_held_to_the_copy_rule(garden_store):
    # Read with the copy as subject words, "reward" made the banner rule this case's: rejected.
    answer = ask_in("Our garden centre competition: a reward for the best home-grown tomato. Any rules for the ad?", garden_store)
    banner = [r for r in _runs(answer) if r["rule_id"].endswith("/p1") and r["decision"] == "reject"]
    assert banner and not any(r["applicable"] for r in banner), _runs(answer)
    assert answer.verdict != "reject"


def test_a_case_using_the_copy_is_what_the_rule_forbids(garden_store):
    answer = ask_in("Can our giveaway ad say 'Collect your reward' to every visitor of the site?", garden_store)
    assert answer.verdict == "reject"
    assert any(r["applicable"] and "uses its wording" in r["reason"] for r in _runs(answer)), _runs(answer)
