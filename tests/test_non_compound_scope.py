"""A "non-" compound in a rule's subject counts only whole (assistant/naming.py `stems`), as
core/terms.py `terms` reads it: "non-surgical" names no surgery."""

from __future__ import annotations

from policydesk.assistant.naming import stems
from policydesk.core.terms import terms


def test_a_non_compound_counts_only_whole():
    assert stems("non-surgical") == {"nonsurg"}
    assert "surgic" not in stems("non-surgical")
    assert stems("non-surgical") <= terms("non-surgical aesthetic treatments")


def test_other_hyphenated_words_still_count_by_their_parts():
    assert stems("auto-renew") == {"auto", "renew"}
    assert stems("firework-themed") == {"firework", "theme"}
