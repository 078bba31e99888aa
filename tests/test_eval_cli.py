"""`policydesk eval` end to end on the real sample store: reports, gates, exit codes, baselines."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policydesk.cli.main import app
from policydesk.evals.compare import compare, load_baseline
from policydesk.evals.metrics import METRIC_NAMES

FIXTURE = Path(__file__).parent / "fixtures" / "evals" / "mini.jsonl"
runner = CliRunner()


def run_cli(*args):
    return runner.invoke(app, ["eval", *map(str, args)], catch_exceptions=False)


@pytest.fixture(scope="module")
def first_run(sample_store, tmp_path_factory):
    out = tmp_path_factory.mktemp("eval") / "run1"
    result = run_cli(FIXTURE, "--store", sample_store.store_dir, "--out", out)
    return result, out


def read_results(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines() if line.strip()]


def test_run_writes_all_reports(first_run, sample_store):
    from policydesk.core.run_index import list_indexed_runs

    result, out = first_run
    assert result.exit_code == 0, result.output
    for name in ("metrics.json", "results.jsonl", "report.md", "report.html"):
        assert (out / name).is_file(), name
    assert "unknown field(s) reviewer ignored" in result.output  # loader warning shown
    assert "decision_accuracy" in result.output and "reports:" in result.output

    m = json.loads((out / "metrics.json").read_text())
    assert set(METRIC_NAMES) <= set(m)
    assert m["n_cases"] == 4
    assert m["backend"] == "extractive"
    assert m["golden_sha256"] == hashlib.sha256(FIXTURE.read_bytes()).hexdigest()
    assert m["golden_path"] == str(FIXTURE)
    # the run is in the eval-run index of the store's database (PostgreSQL for a team)
    assert [r["n_cases"] for r in list_indexed_runs(sample_store) if r["path"] == str(out.resolve())] == [4]
    assert set(m["per_tag"]) == {"gambling", "market", "dating", "escalate", "alcohol"}
    assert {"gambling.md", "dating.md", "alcohol.md", "(no evidence)"} == set(m["per_source"])
    assert sum(map(sum, m["confusion"]["matrix"])) == 4
    # throughput: cases over the run's own wall time, shown in the summary and the reports
    assert m["run"]["cases_per_s"] == pytest.approx(4 / m["run"]["seconds"], rel=0.02)
    assert f"{m['run']['cases_per_s']:.1f} cases/s" in result.output
    assert "cases/s)" in (out / "report.md").read_text()

    rows = read_results(out)
    assert [r["case"]["id"] for r in rows] == ["gam-sg", "dat-hookup", "oos-guns", "gap-alc"]
    # the metrics agree with the per-case records they were computed from
    correct = sum(r["scores"]["decision_correct"] for r in rows)
    assert m["decision_accuracy"] == pytest.approx(correct / 4)
    for r in rows:
        assert r["answer"]["verdict"] == r["scores"]["actual_decision"]
        assert len(r["retrieved"]) > 5  # deeper than the cut, so ranking misses are visible
        assert [p["rank"] for p in r["retrieved"]] == list(range(1, len(r["retrieved"]) + 1))
    gap = rows[3]
    assert "corpus_gap" in gap["root_causes"] and gap["scores"]["evidence"][0]["in_corpus"] is False
    guns = rows[2]
    assert guns["scores"]["evidence"] == [] and guns["scores"]["reciprocal_rank"] is None
    sg = rows[0]
    assert sg["scores"]["evidence"][0]["in_corpus"] is True
    assert sg["answer"]["filters"]["market"] == "SG"


def test_report_contents(first_run):
    _, out = first_run
    rows = read_results(out)
    failing = [r["case"]["id"] for r in rows if r["root_causes"] or r["error"]]
    assert "gap-alc" in failing
    md = (out / "report.md").read_text()
    html = (out / "report.html").read_text()
    for section in ("## Headline metrics", "## Decision confusion matrix", "## Root causes", "## Per tag", "## Failing cases"):
        assert section in md
    assert len(re.findall(r'<img alt="[^"]+" src="data:image/png;base64,', html)) == 3
    assert not re.search(r'(src|href)="(https?:)?//', html)  # self-contained
    for cid in failing:
        assert f"### {cid}:" in md and f"id='case-{cid}'" in html
    assert "Can an alcohol brand sponsor a marathon?" in html
    assert "not in corpus" in md
    passing = [r["case"]["id"] for r in rows if r["case"]["id"] not in failing]
    for cid in passing:
        assert f"### {cid}:" not in md


def test_fail_under_exit_codes(first_run, sample_store, tmp_path):
    out = tmp_path / "gated"
    result = run_cli(FIXTURE, "--store", sample_store.store_dir, "--out", out,
                     "--fail-under", "n_cases=4", "--fail-under", "decision_accuracy=1.01")
    assert result.exit_code == 1
    assert "decision_accuracy" in result.output and "is below 1.01" in result.output
    assert "n_cases" not in result.output.split("fail-under:", 1)[1]
    assert (out / "report.html").is_file()  # reports are written before the gate fails


def test_unusable_input_exits_2_before_any_work(sample_store, tmp_path):
    out = tmp_path / "never"
    r = run_cli(FIXTURE, "--store", sample_store.store_dir, "--out", out, "--fail-under", "decision_acuracy=0.9")
    assert r.exit_code == 2 and "unknown metric 'decision_acuracy'" in r.output
    r = run_cli(FIXTURE, "--store", sample_store.store_dir, "--out", out, "--fail-under", "decision_accuracy")
    assert r.exit_code == 2 and "expected METRIC=VALUE" in r.output
    r = run_cli(FIXTURE, "--store", sample_store.store_dir, "--out", out, "--baseline", tmp_path / "nope")
    assert r.exit_code == 2 and "is not a directory" in r.output
    bad = tmp_path / "bad.jsonl"
    lines = FIXTURE.read_text().splitlines()
    bad.write_text("\n".join([lines[0], lines[1].replace('"reject"', '"deny"')]) + "\n")
    r = run_cli(bad, "--store", sample_store.store_dir, "--out", out)
    assert r.exit_code == 2 and f"{bad}:2: field expected_decision" in r.output
    assert not out.exists()


def test_baseline_comparison_reports_flipped_cases(first_run, sample_store, tmp_path):
    _, run1 = first_run
    base = tmp_path / "baseline"
    shutil.copytree(run1, base)
    rows = read_results(base)
    # Flip one case in the baseline: a pass becomes a fail there (so it is "fixed" now), or vice versa.
    target = rows[1]
    passed_now = not target["root_causes"] and not target["error"]
    target["root_causes"] = ["decision_miss"] if passed_now else []
    target["error"] = None
    (base / "results.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    metrics = json.loads((base / "metrics.json").read_text())
    metrics["decision_accuracy"] = 0.0
    (base / "metrics.json").write_text(json.dumps(metrics))

    out = tmp_path / "run2"
    r = run_cli(FIXTURE, "--store", sample_store.store_dir, "--out", out, "--baseline", base)
    assert r.exit_code == 0, r.output
    comp = json.loads((out / "comparison.json").read_text())
    flipped = "fixed" if passed_now else "broken"
    assert comp[flipped] == ["dat-hookup"]
    assert comp["fixed" if flipped == "broken" else "broken"] == []
    delta = next(d for d in comp["deltas"] if d["name"] == "decision_accuracy")
    assert delta["before"] == 0.0 and delta["delta"] == pytest.approx(delta["after"])
    assert delta["better"] is (delta["after"] > 0 or None)
    md = (out / "report.md").read_text()
    assert f"## Comparison with baseline `{base}`" in md
    assert f"{flipped.capitalize()} (1): dat-hookup" in md
    assert f"{flipped} 1 (dat-hookup)" in r.output


def test_compare_matches_cases_by_id(tmp_path):
    (tmp_path / "metrics.json").write_text(json.dumps({"decision_accuracy": 0.5, "latency_p95_ms": 100.0, "golden_sha256": "a"}))
    rows = [{"case": {"id": i}, "root_causes": rc, "error": None} for i, rc in (("a", []), ("b", ["retrieval_miss"]), ("gone", []))]
    (tmp_path / "results.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    base = load_baseline(tmp_path)
    c = compare(base, {"decision_accuracy": 0.75, "latency_p95_ms": 150.0}, {"a": False, "b": True, "new": True}, "b")
    assert (c.fixed, c.broken, c.added, c.removed, c.golden_changed) == (["b"], ["a"], ["new"], ["gone"], True)
    d = {x.name: x for x in c.deltas}
    assert d["decision_accuracy"].delta == pytest.approx(0.25) and d["decision_accuracy"].better is True
    assert d["latency_p95_ms"].better is False  # lower is better for latency
    assert d["evidence_mrr"].delta is None
