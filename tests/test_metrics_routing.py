"""Routing aggregates, calibration and the trace root causes on hand-built answers, every
figure worked out by hand (the real answerer's confidence and trace arrive with issue 13's
answerer; these answers carry them as it will)."""

from __future__ import annotations

import json

import pytest

from policydesk.core.calibration import route_for
from policydesk.core.types import Answer, ConditionCheck, RuleCheck, Trace
from policydesk.evals.calibrate import check_calibration_args, choose_threshold
from policydesk.evals.metrics import aggregate, risk_coverage, routing_at
from policydesk.evals.report import render_html, render_markdown
from policydesk.evals.rootcause import count_causes, root_causes
from policydesk.evals.run import EvalResult, RunMeta, build_run
from policydesk.core.errors import InputError
from tests.test_metrics import A0, G0, case, cite, ranked, scored

STORE_THRESHOLD = 0.9


def routed(verdict, source, confidence, citations=(), trace=None) -> Answer:
    a = Answer(question="q", verdict=verdict, verdict_source=source, answer="a", citations=list(citations),
               confidence=confidence, trace=trace)
    a.route = route_for(a, STORE_THRESHOLD)  # what the chain does as its last step
    return a


def routing_set():
    """Eight cases: (expected -> actual, verdict source, confidence)."""
    spec = [
        ("r1", "reject", routed("reject", "declared", 0.95)),  # right
        ("r2", "restrict", routed("restrict", "inferred", 0.9)),  # right
        ("r3", "reject", routed("restrict", "declared", 0.9)),  # wrong
        ("r4", "approve", routed("approve", "inferred", 0.99)),  # right, but an inferred approve: never auto
        ("r5", "approve", routed("approve", "declared", 0.8)),  # right
        ("r6", "escalate", routed("escalate", "none", 1.0)),  # right, but escalate: never auto
        ("r7", "reject", routed("approve", "declared", 0.6)),  # wrong
        ("r8", "reject", None),  # the ask failed
    ]
    return [scored(case(cid, exp), ans, ranked(A0)) for cid, exp, ans in spec]


def test_auto_precision_and_coverage_at_the_store_threshold():
    recs = routing_set()
    assert [r.route for r in recs] == ["auto", "auto", "auto", "review", "review", "review", "review", None]
    m = aggregate(recs)
    # auto at 0.9: r1, r2, r3 -> 2 right of 3; 3 of 8 cases
    assert m["auto_precision"] == pytest.approx(2 / 3)
    assert m["auto_coverage"] == pytest.approx(3 / 8)
    # the eval's own routing rule agrees with the chain's on every case
    assert [routing_at([r], STORE_THRESHOLD).n_auto == 1 for r in recs] == [r.route == "auto" for r in recs]


def test_risk_coverage_table_by_hand():
    rows = risk_coverage(routing_set())
    # thresholds = distinct confidences of cases that may go auto (r1 r2 r3 r5 r7)
    assert [r.threshold for r in rows] == [0.6, 0.8, 0.9, 0.95]
    assert [r.n_auto for r in rows] == [5, 4, 3, 1]
    assert [r.auto_coverage for r in rows] == pytest.approx([5 / 8, 4 / 8, 3 / 8, 1 / 8])
    assert [r.auto_precision for r in rows] == pytest.approx([3 / 5, 3 / 4, 2 / 3, 1.0])


def test_risk_coverage_uses_a_005_grid_when_confidences_are_many():
    recs = [scored(case(f"g{i}", "reject"), routed("reject", "declared", 0.5 + i / 100), ranked(A0)) for i in range(25)]
    rows = risk_coverage(recs)
    assert [r.threshold for r in rows] == pytest.approx([i / 20 for i in range(21)])
    # confidences 0.50 .. 0.74: at 0.7 the five of 0.70..0.74 are auto; at 0.75 none is
    at = {round(r.threshold, 2): r for r in rows}
    assert at[0.5].n_auto == 25 and at[0.7].n_auto == 5 and at[0.75].n_auto == 0
    assert at[0.75].auto_precision is None and at[0.75].auto_coverage == 0.0


@pytest.mark.parametrize(
    ("target", "min_auto", "chosen", "best"),
    [
        (0.95, 1, 0.95, 1.0),  # only r1 alone reaches 0.95
        (0.95, 2, None, 0.75),  # with 2+ auto answers the best is 3/4 at 0.8: nothing chosen
        (0.7, 2, 0.8, 0.75),  # lowest threshold reaching 0.7 on 2+ answers
        (0.6, 5, 0.6, 0.6),
        (0.5, 6, None, None),  # never 6 auto answers
    ],
)
def test_calibration_picks_the_lowest_threshold_reaching_the_target(target, min_auto, chosen, best):
    choice = choose_threshold(routing_set(), target, min_auto)
    assert (choice.chosen.threshold if choice.chosen else None) == chosen
    assert (choice.best.auto_precision if choice.best else None) == pytest.approx(best) if best else choice.best is None
    msg = choice.message()
    assert (f"threshold {chosen:g}" in msg) if chosen else ("nothing stored" in msg and str(min_auto) in msg)


def test_calibration_ignores_confidence_zero_and_checks_its_flags():
    recs = [scored(case(f"z{i}", "reject"), routed("reject", "declared", 0.0), ranked(A0)) for i in range(30)]
    assert choose_threshold(recs, 0.95, 5).chosen is None  # all right, but "no confidence" is never enforced
    with pytest.raises(InputError, match="target-precision"):
        check_calibration_args(1.5, 20)
    with pytest.raises(InputError, match="min-auto"):
        check_calibration_args(0.95, 0)


# ----------------------------------------------------------------------------- trace root causes

EV_A = [("alcohol.md", "must not target users under")]
CITES = [cite(A0, "Alcohol ads must not target users under the legal drinking age.", 1), cite(G0, "Gambling ads need a licence", 2)]


def rule(rid, source, citation, applicable=True, conditions=(), decision="reject", outcome=None):
    return RuleCheck(rule_id=rid, source=source, decision=decision, applicable=applicable, reason="r",
                     conditions=list(conditions), outcome=outcome, citation=citation)


def traced(verdict, rules, decided_by=None, retrieved=(A0, G0)):
    t = Trace(rules=rules, decided_by=decided_by, reason="why")
    return scored(case("t", "reject", EV_A), routed(verdict, "declared", 0.9, CITES, t), ranked(*retrieved))


AGE = ConditionCheck(kind="min_age", requirement="18+ in SG", fact="audience from 16", result="unmet", citation=1)


def test_trace_root_causes():
    # the alcohol rule was considered but its scope did not cover the subject -> escalated
    scope_esc = traced("escalate", [rule("ALC-1", "alcohol.md", 1, applicable=False)])
    assert scope_esc.trace.considered_on_evidence and scope_esc.trace.applicable_on_evidence is False
    assert root_causes(scope_esc) == ["scope_miss"]
    # the scope gate let no clause through (no rule considered at all): also the scope
    gate = traced("escalate", [])
    assert gate.trace.considered_on_evidence is False and root_causes(gate) == ["scope_miss"]
    # without a trace (an LLM back end) the same miss keeps the generic label
    plain = scored(case("t", "reject", EV_A), routed("escalate", "none", 0.5, CITES), ranked(A0, G0))
    assert plain.trace is None and root_causes(plain) == ["false_escalation"]
    # a gambling rule decided an alcohol case: its scope was too wide
    wide = traced("restrict", [rule("ALC-1", "alcohol.md", 1), rule("GAM-1", "gambling.md", 2, decision="restrict")], "GAM-1")
    assert wide.trace.decider_on_evidence is False and root_causes(wide) == ["scope_miss"]
    # the right rule decided, through a condition check, and the verdict is wrong
    cond = traced("restrict", [rule("ALC-1", "alcohol.md", 1, conditions=[AGE], decision="restrict")], "ALC-1")
    assert cond.trace.decider_conditions == 1 and root_causes(cond) == ["condition_miss"]
    # the right rule decided without conditions: its own decision is wrong
    own = traced("restrict", [rule("ALC-1", "alcohol.md", 1, decision="restrict")], "ALC-1")
    assert root_causes(own) == ["decision_miss"]
    # a rule without a citation is on the evidence when its source is an expected source
    nocite = traced("restrict", [rule("ALC-1", "alcohol.md", None, conditions=[AGE], decision="restrict")], "ALC-1")
    assert nocite.trace.decider_on_evidence is True and root_causes(nocite) == ["condition_miss"]
    # evidence not in front of the answerer: retrieval explains it, the trace is not read
    far = traced("restrict", [rule("GAM-1", "gambling.md", 2)], "GAM-1", retrieved=(G0,))
    assert root_causes(far) == ["retrieval_miss"]
    # a right verdict is no miss, whatever the trace says
    assert root_causes(traced("reject", [rule("GAM-1", "gambling.md", 2)], "GAM-1")) == []
    assert count_causes([root_causes(x) for x in (scope_esc, wide, cond, own)])["scope_miss"] == 2


def test_results_rows_and_reports_carry_routing_and_the_trace():
    t = Trace(rules=[rule("ALC-1", "alcohol.md", 1, conditions=[AGE], decision="restrict")], decided_by="ALC-1",
              reason="Not allowed: the audience starts at 16, under the 18+ floor for SG [1]")
    s = scored(case("t", "reject", EV_A), routed("restrict", "declared", 0.93, CITES, t), ranked(A0))
    results = [EvalResult(case=case("t", "reject", EV_A), answer=routed("restrict", "declared", 0.93, CITES, t),
                          scores=s, root_causes=root_causes(s)),
               EvalResult(case=case("e", "reject"), error="boom", scores=scored(case("e", "reject"), None, []))]
    row = json.loads(results[0].model_dump_json())
    assert (row["confidence"], row["route"]) == (0.93, "auto")
    assert row["trace"]["decided_by"] == "ALC-1" and row["trace"]["rules"][0]["conditions"][0]["result"] == "unmet"
    assert EvalResult.model_validate_json(results[0].model_dump_json()).answer.trace == t  # a row reads back
    err = json.loads(results[1].model_dump_json())
    assert (err["confidence"], err["route"], err["trace"]) == (None, None, None)

    run = build_run(results, RunMeta(auto_threshold=STORE_THRESHOLD))
    mj = run.metrics_json()
    assert mj["auto_precision"] == 0.0 and mj["auto_coverage"] == 0.5 and mj["auto_threshold"] == 0.9
    assert mj["risk_coverage"] == [{"threshold": 0.93, "n_auto": 1, "auto_coverage": 0.5, "auto_precision": 0.0}]
    md = render_markdown(run)
    assert "## Risk-coverage (routing)" in md and "| 0.93 | 1 | 0.500 | 0.000 |" in md
    assert "Why: Not allowed: the audience starts at 16" in md and "Route: auto (confidence 0.93)" in md
    html = render_html(run)
    assert "Risk-coverage (routing)" in html and "<td>0.93</td><td>1</td><td>0.500</td><td>0.000</td>" in html


def test_precision_by_what_decided():
    from policydesk.evals.metrics import by_decider

    unknown = ConditionCheck(kind="requires", requirement="an age check", result="unknown", citation=1)
    recs = [
        traced("reject", [rule("ALC-1", "alcohol.md", 1, conditions=[AGE])], "ALC-1"),  # right, by the 16 < 18 fact
        traced("restrict", [rule("ALC-1", "alcohol.md", 1, conditions=[AGE], decision="restrict")], "ALC-1"),  # wrong
        traced("restrict", [rule("ALC-1", "alcohol.md", 1, conditions=[unknown], decision="restrict")], "ALC-1"),  # wrong
        traced("restrict", [rule("ALC-1", "alcohol.md", 1, decision="restrict")], "ALC-1"),  # wrong
        traced("escalate", []),  # wrong
        routing_set()[0],  # reject, declared, 0.95, no trace, right
        routing_set()[7],  # a failed ask: left out
    ]
    rows = [(r.verdict, r.verdict_source, r.decided, r.n, r.mean_confidence, r.precision) for r in by_decider(recs)]
    assert rows == [
        ("restrict", "declared", "by the rule's decision", 2, pytest.approx(0.9), 0.0),  # an unknown condition decides nothing
        ("escalate", "declared", "no rule (wording or escalation)", 1, pytest.approx(0.9), 0.0),
        ("reject", "declared", "by a case fact", 1, pytest.approx(0.9), 1.0),
        ("reject", "declared", "no trace", 1, pytest.approx(0.95), 1.0),
        ("restrict", "declared", "by a case fact", 1, pytest.approx(0.9), 0.0),
    ]
    run = build_run([EvalResult(case=case("x", "reject"), answer=None, scores=r) for r in recs], RunMeta())
    assert run.metrics_json()["by_decider"][0]["decided"] == "by the rule's decision"
    assert "| restrict | declared | by the rule's decision | 2 | 0.900 | 0.000 |" in render_markdown(run)
