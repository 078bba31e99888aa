"""The one negation vocabulary (core/negation.py): every reader's pattern is the core words plus
its own, each a whole word, with any "n't" contraction."""

from __future__ import annotations

import re

from policydesk.core.negation import CORE, negation_pattern, negation_source


def test_core_words_and_contractions_negate_in_every_reader():
    plain = negation_pattern()
    for text in ("not shown", "no APR", "never claims", "without a licence", "we don't", "it isn't", "can't"):
        assert plain.search(text), text
    for text in ("nothing", "note", "know", "nowhere", "another", "notice"):
        assert not plain.search(text), text
    assert set(CORE) == {"not", "no", "never", "without"}


def test_a_reader_adds_words_and_phrases_of_its_own():
    blanket = negation_pattern("missing", "except", "apart from", "but not")
    assert blanket.search("everything apart from the price")
    assert [m.group(0) for m in blanket.finditer("all of it but not the APR")] == ["but not"]
    assert not negation_pattern().search("everything apart from the price")


def test_match_at_the_start_needs_the_whole_contraction_listed():
    """`re.match` anchors at the start: "n't" alone is found only inside the word, so a reader
    that matches a span's first word (core/disclosure.py) lists whole contractions."""
    assert not negation_pattern().match("don't show it")
    assert negation_pattern("don't").match("don't show it")


def test_source_is_the_same_expression():
    assert re.compile(negation_source("cannot"), re.I).pattern == negation_pattern("cannot").pattern
