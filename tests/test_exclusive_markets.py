"""A sentence that lists the only markets where an ad may run decides every market.

Why: ranking set aside sentences that name other markets than the question's ("written for
DE, AT, not FR"), so a question in a market outside an exclusive list ("permitted only in
Germany, Austria …", asked for France) found no deciding sentence and escalated, although
the clause answers it: not allowed there. Real store, real model, a policy written here.
"""

from __future__ import annotations

import pytest

from policydesk.assistant.ranking import SentenceView, sentence_fit
from policydesk.core.reading import SentenceDecision
from policydesk.core.sentences import Span
from tests.policy_store import ask_in, ingest_policy

POLICY = """# Personal mobility devices

This policy covers ads for electric scooters, e-bikes and other personal mobility devices.

## 1. What we allow

Ads for e-bikes are allowed in every market, provided the ad states the motor's rated power.

## 2. Market rules

Ads for folding electric scooters are permitted only in Spain, Portugal and Italy. In the United States, ads that mention a purchase rebate must state that eligibility depends on the buyer's state of residence. In Japan, ads for electric scooters must show a rider wearing a helmet.
"""


def _view(markets, exclusive):
    return SentenceView(0, Span(0, 1, "x"), 0.5, SentenceDecision(None, ()), markets, set(), exclusive=exclusive)


def test_an_exclusive_list_fits_every_market_a_plain_mention_only_its_own():
    assert sentence_fit(_view(["ES", "PT"], exclusive=True), "FR") == "named"
    assert sentence_fit(_view(["ES", "PT"], exclusive=True), "ES") == "named"
    assert sentence_fit(_view(["US"], exclusive=False), "FR") == "other"
    assert sentence_fit(_view(["US"], exclusive=False), "US") == "named"
    assert sentence_fit(_view(["ES", "PT"], exclusive=True), None) == "specific"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return ingest_policy(tmp_path_factory, "exclusive", {"mobility.md": POLICY})


def _ask(question, settings):
    return ask_in(question, settings)


def test_a_market_outside_the_list_is_rejected_by_that_sentence(store):
    a = _ask("Can we advertise our folding electric scooter in France?", store)
    assert a.verdict == "reject", (a.verdict, a.answer)
    assert any("permitted only in Spain" in c.text for c in a.citations), [c.text for c in a.citations]
    assert "FR" in a.answer and "only markets allowed" in a.answer


def test_a_market_inside_the_list_is_not_rejected(store):
    a = _ask("Can we advertise our folding electric scooter in Portugal?", store)
    assert a.verdict in ("approve", "restrict"), (a.verdict, a.answer)
