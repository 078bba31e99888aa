"""The CI gate on the sample golden set: the eval the QA lead runs, with floors from a measured run.

Floors sit a few points under the figures measured when they were set (see the closing note
of the eval issue and benchmarks/README.md), so a real regression fails CI and noise does not.
"""

from __future__ import annotations

import json
import subprocess
import sys

GATES = {
    "decision_accuracy": 0.70,
    "evidence_recall_at_5": 0.85,
    "citation_recall": 0.70,
    "quote_fidelity": 0.99,
    "escalation_recall": 0.60,
}


def test_sample_golden_set_passes_the_ci_gate(sample_store, repo_root, tmp_path):
    out = tmp_path / "run"
    args = [sys.executable, "-m", "policydesk", "eval", str(repo_root / "evals/golden/sample.jsonl"),
            "--store", str(sample_store.store_dir), "--out", str(out)]
    for name, floor in GATES.items():
        args += ["--fail-under", f"{name}={floor}"]
    proc = subprocess.run(args, capture_output=True, text=True, timeout=1200)
    metrics = json.loads((out / "metrics.json").read_text())
    summary = {k: metrics.get(k) for k in (*GATES, "unsafe_approve_rate", "n_cases")}
    assert proc.returncode == 0, (summary, proc.stderr[-2000:])
    assert metrics["n_cases"] >= 100
    assert (out / "report.html").exists() and (out / "results.jsonl").exists()
