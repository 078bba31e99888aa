"""`confidence_auc`: whether confidence tells right answers from wrong ones, worked by hand.

Why its own test: the AUC is what says a threshold calibrated on one pack can buy precision on
another; a metric that ignored the routing rule (escalations, inferred approvals) or counted
ties wrongly would report separation that routing cannot use."""

from __future__ import annotations

import pytest

from policydesk.evals.metrics import aggregate, confidence_auc
from tests.test_metrics import A0, case, ranked, scored
from tests.test_metrics_routing import routed, routing_set


def _rec(cid, expected, verdict, source, confidence):
    return scored(case(cid, expected), routed(verdict, source, confidence), ranked(A0))


def test_auc_by_hand_on_the_routing_set():
    # eligible: r1 0.95 right, r2 0.9 right, r3 0.9 wrong, r5 0.8 right, r7 0.6 wrong
    # (r4 inferred approve, r6 escalate and r8 the failed ask are left out).
    # right x wrong pairs: (0.95,0.9)=1 (0.95,0.6)=1 (0.9,0.9)=0.5 (0.9,0.6)=1 (0.8,0.9)=0 (0.8,0.6)=1 -> 4.5 / 6
    assert confidence_auc(routing_set()) == pytest.approx(4.5 / 6)
    assert aggregate(routing_set())["confidence_auc"] == pytest.approx(4.5 / 6)


def test_perfect_reversed_and_flat_confidence():
    right_high = [_rec("a", "reject", "reject", "declared", 0.9), _rec("b", "reject", "restrict", "declared", 0.2)]
    right_low = [_rec("a", "reject", "reject", "declared", 0.2), _rec("b", "reject", "restrict", "declared", 0.9)]
    flat = [_rec("a", "reject", "reject", "declared", 0.5), _rec("b", "reject", "restrict", "declared", 0.5)]
    assert confidence_auc(right_high) == 1.0
    assert confidence_auc(right_low) == 0.0
    assert confidence_auc(flat) == 0.5


def test_none_when_nothing_to_separate_and_never_auto_answers_ignored():
    only_right = [_rec("a", "reject", "reject", "declared", 0.9), _rec("b", "restrict", "restrict", "inferred", 0.3)]
    assert confidence_auc(only_right) is None
    # a wrong escalate and a wrong inferred approve may never go auto: they do not count
    with_never_auto = only_right + [_rec("c", "reject", "escalate", "none", 0.99), _rec("d", "reject", "approve", "inferred", 0.99)]
    assert confidence_auc(with_never_auto) is None
