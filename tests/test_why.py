"""The "why this verdict" surfaces of `ask`: route, confidence, the trace's reason, `--why`.

The trace is filled by hand on top of the real extractive answer (the executing answerer
fills it for real); the chain, the store and the CLI are the real ones.
"""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from policydesk.assistant import chain as chain_mod
from policydesk.assistant.backends import get_answerer
from policydesk.assistant.why import NO_FACT, NO_TRACE, why_lines, why_rows
from policydesk.cli.main import app
from policydesk.core.settings import get_settings
from policydesk.core.types import Answer, ConditionCheck, RuleCheck, Trace

runner = CliRunner()
REASON = "Not allowed: the audience starts at 16, under the 18+ floor for SG [1]"


def hand_trace() -> Trace:
    return Trace(
        facts={"subject": "beer", "markets": ["SG"], "audience_min_age": 16},
        rules=[
            RuleCheck(rule_id="ALC-2", source="alcohol.md", clause_id="ALC-2", decision="restrict", origin="marker",
                      applicable=True, reason="scope covers 'beer'; market SG", outcome="reject", citation=1,
                      conditions=[
                          ConditionCheck(kind="min_age", requirement="18+ in SG", fact="audience from 16", result="unmet", citation=1),
                          ConditionCheck(kind="requires", requirement="an age check", fact=None, result="unknown", citation=2),
                      ]),
            RuleCheck(rule_id="GAM-1", source="gambling.md", decision="reject", applicable=False,
                      reason="scope covers 'casino', not 'beer'"),
        ],
        decided_by="ALC-2",
        reason=REASON,
    )


def test_why_lines_show_every_rule_and_condition():
    a = Answer(question="q", verdict="reject", verdict_source="declared", answer="No [1].", trace=hand_trace())
    lines = why_lines(a)
    assert lines[0] == f"Why: {REASON}"
    assert lines[1] == ("ALC-2 (alcohol.md · ALC-2, marker) restrict: applies, scope covers 'beer'; market SG → reject [1] ← decided")
    assert lines[2] == "    min_age: 18+ in SG · fact: audience from 16 · not met [1]"
    assert lines[3] == f"    requires: an age check · fact: {NO_FACT} · unknown (the case does not say) [2]"
    assert lines[4].startswith("GAM-1 (gambling.md, prose) reject: does not apply, scope covers 'casino'") and "decided" not in lines[4]
    assert [r.decided for r in why_rows(a.trace)] == [True, False]
    assert why_lines(a.model_copy(update={"trace": None})) == [NO_TRACE]
    assert why_lines(a.model_copy(update={"trace": Trace(reason="nothing applies")}))[1] == "No policy rule was considered for this case."


class Traced:
    """The real extractive answer with a hand-made trace and confidence."""

    def __init__(self, settings, confidence=0.96):
        self.inner, self.confidence = get_answerer(settings), confidence

    def answer(self, question, chunks, filters):
        a = self.inner.answer(question, chunks, filters)
        return a.model_copy(update={"trace": hand_trace(), "confidence": self.confidence, "verdict": "reject", "verdict_source": "declared"})


@pytest.fixture
def traced_backend(sample_store, monkeypatch):
    monkeypatch.setattr(chain_mod, "_chains", {})  # a fresh chain, so it is built with the patched back end
    monkeypatch.setattr(chain_mod, "get_answerer", lambda settings: Traced(settings))
    monkeypatch.setenv("POLICYDESK_AUTO_THRESHOLD", "0.9")  # routed as a store calibrated at 0.9
    get_settings.cache_clear()  # the CLI reads the environment once per process
    yield sample_store
    get_settings.cache_clear()


Q = "Can a beer brand target 16 year olds in Singapore?"


def test_ask_shows_route_confidence_and_reason(traced_backend):
    res = runner.invoke(app, ["ask", Q, "--store", str(traced_backend.store)])
    assert res.exit_code == 0, res.output
    assert "AUTO" in res.output and "route auto · confidence 0.96" in res.output
    assert f"Why: {REASON}" in " ".join(res.output.split())
    assert "ALC-2 (alcohol.md" not in res.output  # the rule list only with --why


def test_ask_why_prints_rules_and_conditions(traced_backend):
    res = runner.invoke(app, ["ask", Q, "--store", str(traced_backend.store), "--why"])
    assert res.exit_code == 0, res.output
    out = " ".join(res.output.split())
    assert "Why this verdict" in out and "← decided" in out
    assert "min_age: 18+ in SG · fact: audience from 16 · not met [1]" in out
    assert "GAM-1 (gambling.md, prose) reject: does not apply" in out


def test_ask_json_keeps_every_field_and_adds_routing(traced_backend):
    res = runner.invoke(app, ["ask", Q, "--store", str(traced_backend.store), "--json"])
    data = json.loads(res.stdout)
    assert {"question", "verdict", "verdict_source", "answer", "citations", "filters", "latency_ms", "backend",
            "model", "warnings", "conditions"} <= set(data)
    assert data["route"] == "auto" and data["confidence"] == 0.96
    assert data["trace"]["decided_by"] == "ALC-2" and data["trace"]["rules"][0]["conditions"][0]["fact"] == "audience from 16"


def test_ask_with_the_real_answerer_shows_its_route(sample_store, monkeypatch):
    monkeypatch.delenv("POLICYDESK_AUTO_THRESHOLD", raising=False)
    get_settings.cache_clear()
    res = runner.invoke(app, ["ask", Q, "--store", str(sample_store.store), "--why"])
    assert res.exit_code == 0, res.output
    m = re.search(r"route (auto|review) · confidence (\d\.\d\d)", res.output)
    assert m, res.output
    assert m.group(1) == "review"  # the sample store is not calibrated: nothing is enforced by machine
    assert "no measured auto threshold yet" in " ".join(res.output.split())
    assert "Why this verdict" in res.output
