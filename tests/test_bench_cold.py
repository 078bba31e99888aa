"""`policydesk bench cold` on real stores: both commands really run, in fresh processes."""

from __future__ import annotations

import shutil

import pytest

from policydesk.evals.perf_cold import SCRIPT, run_cold


@pytest.mark.slow
def test_cold_bench_times_both_commands_in_fresh_processes(sample_store, corpus_dir, tmp_path):
    small = tmp_path / "corpus"
    small.mkdir()
    for name in ("alcohol.md", "dating.md"):
        shutil.copy(corpus_dir / name, small / name)
    result = run_cold(store=sample_store.store_dir, corpus=small, repeats=1, workdir=tmp_path / "work")
    assert SCRIPT.is_file()
    for t in (result.policydesk_ask, result.langchain_script, *result.light):
        assert len(t.seconds) == 1 and t.median_s > 0
        assert t.median_cpu_s and 0 < t.median_cpu_s < 10 * t.median_s  # the child's own CPU time was counted
    # The LangChain script loads torch; the ask goes through the store's ONNX export: fewer CPU seconds.
    assert result.policydesk_ask.median_cpu_s < result.langchain_script.median_cpu_s
    assert result.ratio_median == pytest.approx(result.policydesk_ask.median_s / result.langchain_script.median_s, abs=1e-3)
    assert result.passed == (result.ratio_median <= 0.3)
    assert [t.command for t in result.light] == ["policydesk --help", "policydesk sources"]
