"""A referral with a threshold sends only the cases past it to people (assistant/verdict_steps.py
`below_referral`): when the clause that matches a case best is "Raffles that offer a cash prize
of more than USD 50,000 … are reviewed case by case", a raffle whose prize the case gives no
such amount for is not sent to people by that clause's wording; the policy's other clauses
decide it. A case past the threshold is still sent to people."""

from __future__ import annotations

import pytest

from tests.policy_store import ask_in, ingest_policy

POLICY = """---
policy_id: RAFFLES
title: Charity raffles
---
# Charity raffles

This policy covers ads for raffles run by registered charities.

## Requirements for all raffles

- The ad must show the closing date.
- If a prize includes alcohol, every entrant must be at least 21 years old.

## What's not allowed

- Raffles open to children under 16

## Reviewed case by case

Raffles that offer a cash prize of more than USD 50,000, or the equivalent in another currency, are reviewed case by case. We may ask for proof that the charity can fund the prize.
"""


@pytest.fixture(scope="module")
def raffle_store(tmp_path_factory):
    return ingest_policy(tmp_path_factory, "raffles", {"raffles.md": POLICY})


def test_a_prize_below_the_threshold_is_answered_by_the_other_clauses(raffle_store):
    answer = ask_in("Can the prize in our charity raffle be a cash prize of USD 2,000?", raffle_store)
    assert answer.verdict != "escalate", answer.answer
    assert answer.trace is not None and answer.trace.rules


def test_a_prize_past_the_threshold_is_sent_to_people(raffle_store):
    answer = ask_in("Can our charity raffle offer a cash prize of USD 80,000?", raffle_store)
    assert answer.verdict == "escalate"


def test_a_prize_the_case_gives_no_amount_for_is_held_to_the_other_clauses(raffle_store):
    answer = ask_in("Can the prize in our charity raffle be a bottle of gin?", raffle_store)
    assert answer.verdict != "escalate", answer.answer


def test_a_procedure_sentence_after_a_referral_is_about_the_cases_it_sends():
    # "We may ask for proof …" names no subject of its own: it is the referral before it,
    # on the same threshold (core/clause_logic.py `referral_rules`), not a referral of every case.
    from policydesk.core.clause_logic import read_clause_logic
    from policydesk.core.types import Chunk

    text = POLICY.split("## Reviewed case by case\n\n", 1)[1]
    chunk = Chunk(id="r", source="raffles.md", title="Charity raffles", section="Reviewed case by case",
                  clause_id=None, decision=None, markets=["global"], position=3, text=text)
    r1, r2 = [r for r in read_clause_logic(chunk) if r.decision == "escalate"]
    assert r2.quote.startswith("We may ask")
    assert r2.scope == r1.scope and "prize" in r2.scope
    assert r2.conditions == r1.conditions == ["max:50000 USD"]
