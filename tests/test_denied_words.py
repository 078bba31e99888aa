"""A prohibition whose every word the case names only to deny it does not bind the case
(assistant/denied_words.py)."""

from __future__ import annotations

from policydesk.assistant.denied_words import named_only_to_deny


def test_a_word_named_only_under_a_negation_is_denied():
    q = "Garden shears for a hardware shop. We won't use any age targeting, sizes are on the page."
    assert named_only_to_deny(["used"], q) is not None


def test_a_word_also_named_outside_the_negation_keeps_the_rule():
    q = "We don't use age targeting, and the video uses the shears against a dummy."
    assert named_only_to_deny(["used"], q) is None


def test_quoted_copy_is_what_the_ad_says():
    q = "Claims firm. Copy says 'No win, no fee - we keep 30%'."
    assert named_only_to_deny(["fee"], q) is None


def test_a_reported_claim_is_what_the_ad_says():
    q = "Sleep gummies. Ad says no prescription needed, ships fast."
    assert named_only_to_deny(["prescription"], q) is None


def test_every_named_word_must_be_denied():
    q = "Melatonin gummies, no prescription needed, sold with a dosage chart."
    assert named_only_to_deny(["prescription"], q) is not None
    assert named_only_to_deny(["prescription", "chart"], q) is None


def test_nothing_named_is_no_reason():
    assert named_only_to_deny([], "no fee") is None
