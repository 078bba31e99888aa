"""The one quote fold (core/textfold.py) and its three uses."""

from policydesk.core.textfold import fold, quote_occurs
from policydesk.evals.metrics import fold as evidence_fold, fold_ws


def test_fold_modes():
    text = "  Ads\u00a0must \u201cnot\u201d\n target *under-18s* \u2014 see `GAM-3`. Straße "
    assert fold(text) == 'ads must "not" target *under-18s* - see `gam-3`. strasse'
    assert evidence_fold(text) == 'ads must "not" target under-18s - see gam-3. straße'
    assert fold_ws(text) == 'Ads must "not" target under-18s - see GAM-3. Straße'


def test_quote_occurs_ignores_case_whitespace_and_typography():
    assert quote_occurs("must \u2018not\u2019 target", "Ads MUST 'not'\n  target minors.")
    assert not quote_occurs("", "anything") and not quote_occurs("minors only", "Ads must not target minors.")
