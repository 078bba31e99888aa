"""A "non-" compound in a rule's subject counts only whole (assistant/execute.py `_stems`), as
core/terms.py `terms` reads it: "non-surgical" names no surgery."""

from __future__ import annotations

from policydesk.assistant.execute import _stems
from policydesk.core.terms import terms


def test_a_non_compound_counts_only_whole():
    assert _stems("non-surgical") == {"nonsurg"}
    assert "surgic" not in _stems("non-surgical")
    assert _stems("non-surgical") <= terms("non-surgical aesthetic treatments")


def test_other_hyphenated_words_still_count_by_their_parts():
    assert _stems("auto-renew") == {"auto", "renew"}
    assert _stems("firework-themed") == {"firework", "theme"}
