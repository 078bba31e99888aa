"""`policydesk eval --calibrate` on a copy of the real sample store: what it stores, what it
refuses, and the routing figures in metrics.json and the reports."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policydesk.assistant.backends import get_answerer
from policydesk.cli.main import app
from policydesk.core.calibration import auto_threshold, calibration_path, load_calibration
from policydesk.core.settings import Settings
from policydesk.evals.evaluate import evaluate

FIXTURE = Path(__file__).parent / "fixtures" / "evals" / "mini.jsonl"
runner = CliRunner()


@pytest.fixture
def store_copy(sample_store, tmp_path, monkeypatch) -> Settings:
    monkeypatch.delenv("POLICYDESK_AUTO_THRESHOLD", raising=False)
    dest = tmp_path / "store"
    shutil.copytree(sample_store.store_dir, dest, ignore=shutil.ignore_patterns("queries.sqlite*", "ingest.lock", "calibration.json"))
    return Settings(store=dest)


class SureOfEverything:
    """The real extractive answerer, claiming 0.97 confidence on every answer."""

    def __init__(self, settings):
        self.inner = get_answerer(settings)

    def answer(self, question, chunks, filters):
        return self.inner.answer(question, chunks, filters).model_copy(update={"confidence": 0.97})


def test_cli_calibrate_on_too_few_cases_stores_nothing_and_says_why(store_copy, tmp_path):
    out = tmp_path / "run"
    r = runner.invoke(app, ["eval", str(FIXTURE), "--store", str(store_copy.store_dir), "--out", str(out), "--calibrate"],
                      catch_exceptions=False)
    assert r.exit_code == 0, r.output
    # four cases can never give the default minimum of 20 auto-routed answers
    assert "no threshold routes at least 20 answers auto" in r.output and "nothing stored" in r.output
    assert not calibration_path(store_copy).exists()
    m = json.loads((out / "metrics.json").read_text())
    rows = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert all({"confidence", "route", "trace"} <= set(row) for row in rows)
    auto = [row for row in rows if row["route"] == "auto"]
    assert m["auto_threshold"] is None and m["auto_coverage"] == 0.0  # not calibrated: every answer is reviewed
    assert m["auto_coverage"] == pytest.approx(len(auto) / len(rows))
    right = sum(row["scores"]["decision_correct"] for row in auto)
    assert m["auto_precision"] == (pytest.approx(right / len(auto)) if auto else None)
    # the risk-coverage table agrees with the rows: at each threshold, the routable answers at or above it
    routable = [row for row in rows if row["answer"] and row["answer"]["verdict"] != "escalate"
                and not (row["answer"]["verdict"] == "approve" and row["answer"]["verdict_source"] == "inferred")]
    assert [t["threshold"] for t in m["risk_coverage"]] == sorted({round(row["confidence"], 6) for row in routable})
    for t in m["risk_coverage"]:
        assert t["n_auto"] == sum(1 for row in routable if row["confidence"] >= t["threshold"])
    assert "## Risk-coverage (routing)" in (out / "report.md").read_text()
    assert "auto_precision" in r.output and "auto_coverage" in r.output


def test_cli_refuses_a_bad_target_before_running(store_copy, tmp_path):
    r = runner.invoke(app, ["eval", str(FIXTURE), "--store", str(store_copy.store_dir), "--out", str(tmp_path / "x"),
                            "--calibrate", "--target-precision", "1.5"], catch_exceptions=False)
    assert r.exit_code == 2 and "--target-precision 1.5" in r.output
    assert not (tmp_path / "x").exists()


def test_calibrate_stores_the_measured_threshold(store_copy, tmp_path):
    outcome = evaluate(FIXTURE, store_copy, tmp_path / "run", answerer=SureOfEverything(store_copy),
                       calibrate=True, target_precision=0.01, min_auto=1)
    recs = [r.scores for r in outcome.run.results]
    may = [r for r in recs if r.actual_decision != "escalate" and not (r.actual_decision == "approve" and r.verdict_source == "inferred")]
    right = sum(r.decision_correct for r in may)
    assert outcome.run.metrics["auto_coverage"] == 0.0  # routed before it was calibrated: nothing auto
    if not right:
        pytest.skip("the extractive answerer got no routable case of the mini set right; nothing to calibrate on")
    cal = load_calibration(store_copy)
    assert outcome.calibration_path == calibration_path(store_copy)
    assert cal.threshold == 0.97 and cal.n_auto == len(may) and cal.n_cases == len(recs)
    assert cal.auto_precision == pytest.approx(right / len(may)) and cal.golden_path == str(FIXTURE)
    assert auto_threshold(store_copy) == 0.97
    # asking for more auto answers than the set has stores nothing and keeps the stored threshold
    again = evaluate(FIXTURE, store_copy, tmp_path / "run2", answerer=SureOfEverything(store_copy),
                     calibrate=True, target_precision=0.01, min_auto=len(may) + 1)
    assert again.calibration.chosen is None and again.calibration_path is None
    assert f"no threshold routes at least {len(may) + 1} answers auto" in again.calibration.message()
    assert load_calibration(store_copy) == cal
