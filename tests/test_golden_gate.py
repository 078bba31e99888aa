"""CI gates on the sample golden set and on the validation pack, with floors from measured runs.

Floors sit a few points under the figures measured when they were set (README, "Measured
quality"), so a real regression fails CI and noise does not. The validation pack
(`evals/validation/`) is never tuned on: its gate only stops a change that makes unseen
policies worse. The distractor gate asks the sample questions of a store that also holds 20
website privacy policies (`evals/distractors/`): issue 13's robustness check.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

SAMPLE_GATES = {
    "decision_accuracy": 0.85,  # measured 0.893 (2026-12-01 01:05 and 02:38, fresh stores; 0.887 on 2026-11-30 23:33)
    "evidence_recall_at_5": 0.85,
    "citation_recall": 0.70,
    "quote_fidelity": 0.99,
    "escalation_recall": 0.74,  # measured 0.80 (2026-11-30 04:33 and 01:40; 0.76 before)
}
VALIDATION_GATES = {
    "decision_accuracy": 0.67,  # measured 0.696 (2026-12-02 17:25, session 24); 0.696 (2026-12-01 01:20 and 02:38, fresh stores, also on 2026-11-30's final commit 27353f1; 0.702 recorded on 2026-11-30 23:33)
    "evidence_recall_at_5": 0.90,
    "quote_fidelity": 0.99,
    "escalation_recall": 0.74,  # measured 0.800 (21:47; 0.767 at 18:32)
}
DISTRACTOR_GATES = {
    "decision_accuracy": 0.78,  # measured 0.825 (2026-11-29 12:32, fresh store; before privacy notices were marked, 4 of the right answers came from them by luck)
    "evidence_recall_at_5": 0.85,
    "escalation_recall": 0.66,  # measured 0.72
}
# Packs written blind (by helper sessions that saw neither the code nor any eval set): three dev
# packs of session 8 and one each of sessions 16 to 20, tuned on after their first runs
# (blind_dev6 to blind_dev8 only after their end-of-session runs; blind_dev8 not yet), and a
# held-out pack of session 8, never tuned on; blind_dev9 (session 21) was opened only after its end-of-session run in session 22, blind_dev10 (session 23) only after its end-of-session run in session 23, blind_dev11 (session 24) only after its end-of-session run in session 24. Floors sit a few points under the figures measured
# when they were last raised (fresh stores).
BLIND_PACKS = {
    # name: (policies, cases, accuracy floor, unsafe-approve ceiling)
    "blind_dev": ("tests/fixtures/blind_dev/policies", "tests/fixtures/blind_dev/cases.jsonl", 0.86, 0.06),  # 0.903, 0 of 39 (2026-11-30 16:44; 0.819 at 13:53)
    "blind_dev2": ("tests/fixtures/blind_dev2/policies", "tests/fixtures/blind_dev2/cases.jsonl", 0.89, 0.06),  # 0.931, 0 of 39 (2026-11-30 23:33; 0.917 at 16:44)
    "blind_dev3": ("tests/fixtures/blind_dev3/policies", "tests/fixtures/blind_dev3/cases.jsonl", 0.80, 0.06),  # 0.847, 1 of 40 (2026-11-30 16:44; 0.833 at 13:53)
    "blind_dev4": ("tests/fixtures/blind_dev4/policies", "tests/fixtures/blind_dev4/cases.jsonl", 0.72, 0.06),  # 0.764, 1 of 39 (2026-11-30 23:33; 0.736 at 19:48; 0.514 untuned at 15:38, session 16)
    "blind_dev5": ("tests/fixtures/blind_dev5/policies", "tests/fixtures/blind_dev5/cases.jsonl", 0.61, 0.06),  # 0.653, 0 of 39 (2026-12-02 01:35, session 22); 0.597, 0 of 39 (2026-11-30 23:33; 0.472 at 19:48; 0.403 untuned at 18:44, session 17)
    "blind_dev6": ("tests/fixtures/blind_dev6/policies", "tests/fixtures/blind_dev6/cases.jsonl", 0.65, 0.06),  # 0.694, 1 of 39 (2026-12-02 ~14:05, session 23); 0.681, 1 of 39 (2026-12-02 01:35, session 22); 0.653, 1 of 39 (2026-12-01 06:20, session 20); 0.639, 1 of 39 (02:38; 0.569, 2 of 39 on 2026-11-30 23:33; untuned 0.542, 2 of 39 at 21:52 and 0.569, 5 of 39 at 23:19, session 18)
    "blind_dev7": ("tests/fixtures/blind_dev7/policies", "tests/fixtures/blind_dev7/cases.jsonl", 0.60, 0.06),  # 0.639, 1 of 39 (2026-12-01 06:20, session 20, tuned on); 0.403, 3 of 39 untuned (01:20 and 02:38, session 19)
    "blind_dev8": ("tests/fixtures/blind_dev8/policies", "tests/fixtures/blind_dev8/cases.jsonl", 0.64, 0.06),  # 0.681, 1 of 39 (2026-12-02 ~14:05, session 23); 0.667, 0 of 39 (2026-12-02 01:35 and 01:44, session 22, tuned on); 0.472, 1 of 39 (untuned, 2026-12-01 06:33, session 20; 0.458 at 04:38 on session 19's code): a floor against regressions, not a target
    "blind_dev9": ("tests/fixtures/blind_dev9/policies", "tests/fixtures/blind_dev9/cases.jsonl", 0.59, 0.06),  # 0.639, 0 of 39 unsafe (2026-12-02 ~14:05, session 23, tuned on); 0.514, 4 of 39 (01:44, session 22); 0.500, 5 of 39 at its end-of-session run; 0.458-0.472, 1 of 39 on session 20's code
    "blind_dev10": ("tests/fixtures/blind_dev10/policies", "tests/fixtures/blind_dev10/cases.jsonl", 0.70, 0.06),  # 0.750, 0 of 39 (2026-12-02 ~17:30, session 24, tuned on); 0.403, 0 of 39 at its end-of-session run (2026-12-02 ~14:05, session 23; 0.403, 1 of 39 on session 22's code when it arrived): a floor against regressions, not a target
    "blind_dev11": ("tests/fixtures/blind_dev11/policies", "tests/fixtures/blind_dev11/cases.jsonl", 0.36, 0.06),  # 0.389, 3 of 39 unsafe at its end-of-session run (2026-12-02 ~17:15, session 24; 0.347, 3 of 39 on session 23's code when it arrived); 0.403, 1 of 39 after the purpose-heading fix found on it: a floor that stops regressions, not a target
    "holdout": ("evals/holdout/policies", "evals/holdout/cases.jsonl", 0.53, 0.08),  # 0.569, 0 of 39 (2026-12-02 01:35, session 22); 0.556, 0 of 39 (2026-12-01 06:20, session 20); 0.528, 0 of 39 (2026-11-30 23:33, 19:48, 16:44, 13:53 and 10:53; 0.514, 1 of 39 at 07:13; never tuned on)
}
# Lower is better, so checked here rather than with --fail-under.
MAX_UNSAFE_APPROVE = {"sample": 0.06, "validation": 0.04}  # measured 0.025 and 0.011 (3 of 121, 1 of 95)


def _gate(golden, store_dir, gates, out):
    args = [sys.executable, "-m", "policydesk", "eval", str(golden), "--store", str(store_dir), "--out", str(out)]
    for name, floor in gates.items():
        args += ["--fail-under", f"{name}={floor}"]
    proc = subprocess.run(args, capture_output=True, text=True, timeout=1200)
    metrics = json.loads((out / "metrics.json").read_text())
    return proc, metrics


def test_sample_golden_set_passes_the_ci_gate(sample_store, repo_root, tmp_path):
    proc, metrics = _gate(repo_root / "evals/golden/sample.jsonl", sample_store.store_dir, SAMPLE_GATES, tmp_path / "run")
    summary = {k: metrics.get(k) for k in (*SAMPLE_GATES, "unsafe_approve_rate", "n_cases")}
    assert proc.returncode == 0, (summary, proc.stderr[-2000:])
    assert metrics["n_cases"] >= 100
    assert metrics["unsafe_approve_rate"] <= MAX_UNSAFE_APPROVE["sample"], summary
    assert (tmp_path / "run/report.html").exists() and (tmp_path / "run/results.jsonl").exists()


@pytest.mark.slow
def test_validation_pack_passes_its_gate(repo_root, tmp_path):
    from policydesk.core.settings import Settings
    from policydesk.ingest.pipeline import ingest_paths

    settings = Settings(store=tmp_path / "store")
    report = ingest_paths([repo_root / "evals/validation/policies"], settings)
    assert not report.failed, report.failed
    proc, metrics = _gate(repo_root / "evals/validation/cases.jsonl", settings.store_dir, VALIDATION_GATES, tmp_path / "run")
    summary = {k: metrics.get(k) for k in (*VALIDATION_GATES, "unsafe_approve_rate", "n_cases")}
    assert proc.returncode == 0, (summary, proc.stderr[-2000:])
    assert metrics["n_cases"] >= 80
    assert metrics["unsafe_approve_rate"] <= MAX_UNSAFE_APPROVE["validation"], summary


@pytest.mark.slow
def test_privacy_policies_in_the_store_do_not_answer_ad_questions(repo_root, tmp_path):
    from policydesk.core.settings import Settings
    from policydesk.core.store import load_catalog
    from policydesk.ingest.pipeline import ingest_paths

    distractors = repo_root / "evals/distractors/privacy-policies"
    settings = Settings(store=tmp_path / "store")
    report = ingest_paths([repo_root / "corpus", distractors], settings)
    assert not report.failed, report.failed
    notices = load_catalog(settings).facts.data_practice_sources
    names = {p.name for p in distractors.glob("*.txt")}
    assert len(names) == 20
    assert notices <= names and len(notices) >= 15, sorted(notices)  # none of the ad policies is taken for one
    proc, metrics = _gate(repo_root / "evals/golden/sample.jsonl", settings.store_dir, DISTRACTOR_GATES, tmp_path / "run")
    summary = {k: metrics.get(k) for k in (*DISTRACTOR_GATES, "unsafe_approve_rate", "n_cases")}
    assert proc.returncode == 0, (summary, proc.stderr[-2000:])
    assert metrics["unsafe_approve_rate"] <= MAX_UNSAFE_APPROVE["sample"], summary
    rows = [json.loads(line) for line in (tmp_path / "run/results.jsonl").read_text().splitlines() if line.strip()]
    decided_by_notice = [
        r["case"]["id"] for r in rows
        if r["answer"]["verdict"] != "escalate" and r["answer"]["citations"] and r["answer"]["citations"][0]["source"] in notices
    ]
    assert decided_by_notice == [], decided_by_notice


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(BLIND_PACKS))
def test_blind_packs_pass_their_gates(name, repo_root, tmp_path):
    """The blind packs: a change that makes policies nobody here wrote worse fails CI."""
    from policydesk.core.settings import Settings
    from policydesk.ingest.pipeline import ingest_paths

    policies, cases, floor, ceiling = BLIND_PACKS[name]
    settings = Settings(store=tmp_path / "store")
    report = ingest_paths([repo_root / policies], settings)
    assert not report.failed, report.failed
    proc, metrics = _gate(repo_root / cases, settings.store_dir, {"decision_accuracy": floor, "quote_fidelity": 0.99}, tmp_path / "run")
    summary = {k: metrics.get(k) for k in ("decision_accuracy", "unsafe_approve_rate", "escalation_recall", "n_cases")}
    assert proc.returncode == 0, (summary, proc.stderr[-2000:])
    assert metrics["n_cases"] == 72
    assert metrics["unsafe_approve_rate"] <= ceiling, summary
