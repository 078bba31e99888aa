"""The one reader of quoted wording (core/quotes.py) used by the case facts, the question's own
subject and the allowance scope check."""

from __future__ import annotations

from policydesk.assistant.question import analyse
from policydesk.core.casefacts import read_claims
from policydesk.core.quotes import quoted, without_quotations


def test_apostrophes_inside_words_neither_open_nor_close_a_quotation():
    q = "Our kids' puzzle game ends with 'Ask a grown-up to get you the Star Pack!' and we're fine?"
    assert quoted(q) == ["Ask a grown-up to get you the Star Pack!"]
    assert quoted("Builder's merchant ad saying \u2018You\u2019ve won a prize\u2019 today") == ["You\u2019ve won a prize"]
    assert quoted('The ad says "Lose weight fast" and \u201cno diet needed\u201d.') == ["Lose weight fast", "no diet needed"]
    assert quoted("We don't think it's an issue") == []


def test_blanking_keeps_offsets_and_removes_only_the_quotation():
    q = "Ad for our kids' game: 'Buy the Star Pack now' - ok?"
    out = without_quotations(q)
    assert len(out) == len(q) and "Star Pack" not in out and "kids' game" in out


def test_claims_and_own_subject_read_the_same_quotations():
    q = "Our kids' puzzle game ends with 'Ask a grown-up to get you the Star Pack!'"
    assert read_claims(q)[0] == "Ask a grown-up to get you the Star Pack!"
    info = analyse(q, None)
    # The copy is not what the ad is for; the words outside it (kids, puzzle game) are.
    assert {"game", "kid"} <= info.own_subject and not {"star", "pack"} & info.own_subject
