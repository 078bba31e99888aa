"""A prohibited thing narrowed by what it contains does not bind a case that says it has none
of it (assistant/denied_qualifier.py); a referral whose whole subject the case names sends it
to people (assistant/whole_referral.py); an approval resting only on a policy-wide prohibition
the case does not break is no permission for a subject no rule covers (assistant/scope_gate.py)."""

from __future__ import annotations

import pytest

from policydesk.assistant.denied_qualifier import denied_narrowing
from policydesk.assistant.question import named_terms
from policydesk.assistant.whole_referral import names_whole_subject, subject_words
from policydesk.core.casefacts import read_advertised
from tests.policy_store import ask_in, ingest_policy

POLICY = """---
policy_id: KAVA
title: Kava and kratom products
---
# Kava and kratom products

This policy covers ads for kava drinks, kava powders and kratom products.

## Allowed

- Kava powders may be advertised only to users aged 18 or over.

## Reviewed individually

- Ads for kava products aimed at students, including exam and study aids, are reviewed individually by our policy team.

## Not allowed

- We don't allow ads for kratom capsules, kratom leaf, or herbal teas that contain kratom.
- Ads must not show people under 25.
"""

BAN = "- We don't allow ads for kratom capsules, kratom leaf, or herbal teas that contain kratom."


@pytest.fixture(scope="module")
def kava_store(tmp_path_factory):
    return ingest_policy(tmp_path_factory, "kava", {"kava.md": POLICY})


def _named(q: str) -> set[str]:
    return named_terms(q)


def test_a_denied_narrowing_sets_the_prohibition_aside():
    q = "Chamomile herbal teas (no kratom in them), sold online"
    assert denied_narrowing(BAN, q, _named(q)) is not None


def test_a_case_silent_about_the_narrowing_stays_bound():
    q = "Chamomile herbal teas sold online"
    assert denied_narrowing(BAN, q, _named(q)) is None


def test_a_case_naming_an_unnarrowed_thing_stays_bound():
    # "kratom capsules" has no phrase of having: a case naming capsules is one of them,
    # whatever it denies elsewhere.
    q = "Capsules and herbal teas, no kratom in the teas"
    assert denied_narrowing(BAN, q, _named(q)) is None


def test_a_negated_narrowing_is_not_denied_by_the_case():
    ban = "- We don't allow ads for herbal teas that contain no kratom."
    q = "Herbal teas with no kratom"
    assert denied_narrowing(ban, q, _named(q)) is None


def test_the_referral_subject_drops_examples_generic_heads_and_the_tie():
    quote = "- Ads for kava products aimed at students, including exam and study aids, are reviewed individually."
    assert subject_words(quote) == {"kava", "student"}


def test_a_referral_needs_every_subject_word_and_one_in_the_thing():
    quote = "- Ads for kava products aimed at students, including exam and study aids, are reviewed individually."
    q = "Kava shots for university students before exams"
    assert names_whole_subject(quote, read_advertised(q), _named(q))
    q2 = "Kava shots for office workers"
    assert not names_whole_subject(quote, read_advertised(q2), _named(q2))


def test_the_case_with_the_whole_referral_subject_is_sent_to_people(kava_store):
    answer = ask_in("Our kava powder, targeted at university students, 18+ only. OK to run?", kava_store)
    assert answer.verdict == "escalate", answer.answer


def test_the_case_without_the_referral_qualifier_is_answered(kava_store):
    answer = ask_in("Our kava powder for adults, 18+ only. OK to run?", kava_store)
    assert answer.verdict != "escalate", answer.answer


def test_a_thing_the_case_denies_the_narrowing_of_is_not_rejected(kava_store):
    answer = ask_in("Herbal teas (no kratom in them), audience 30+. OK to advertise?", kava_store)
    assert answer.verdict != "reject", answer.answer
    assert answer.verdict != "approve", answer.answer


def test_the_thing_with_the_narrowing_is_still_rejected(kava_store):
    answer = ask_in("Herbal teas that contain kratom, audience 30+. OK to advertise?", kava_store)
    assert answer.verdict == "reject", answer.answer
