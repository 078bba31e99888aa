"""The chat's route badge, confidence and "Why this verdict" expander, through AppTest on a
copy of the real sample store (real chain; the trace is hand-made on top of the real answer)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from policydesk.assistant import chain as chain_mod
from policydesk.core.settings import Settings
from tests.test_why import REASON, Traced

APP = Path(__file__).resolve().parents[1] / "ui" / "pages" / "main.py"
Q = "Can a beer brand target 16 year olds in Singapore?"


@pytest.fixture(scope="module")
def chat_store(sample_store, tmp_path_factory) -> Settings:
    dest = tmp_path_factory.mktemp("why-store") / "store"
    shutil.copytree(sample_store.store_dir, dest, ignore=shutil.ignore_patterns("queries.sqlite*", "ingest.lock", "calibration.json"))
    return Settings(store=dest)


def _chat(chat_store, tmp_path, monkeypatch, threshold: str | None = None) -> AppTest:
    monkeypatch.setenv("POLICYDESK_STORE", str(chat_store.store_dir))
    monkeypatch.setenv("POLICYDESK_RUNS_DIR", str(tmp_path / "runs"))
    monkeypatch.setenv("POLICYDESK_LLM", "extractive")
    monkeypatch.setenv("POLICYDESK_REVIEWER", "why-tester")  # the chat asks for a name before a question
    if threshold is None:
        monkeypatch.delenv("POLICYDESK_AUTO_THRESHOLD", raising=False)
    else:
        monkeypatch.setenv("POLICYDESK_AUTO_THRESHOLD", threshold)
    at = AppTest.from_file(str(APP), default_timeout=180)
    at.run()
    at.chat_input[0].set_value(Q).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _answer_block(at: AppTest):
    return [m for m in at.chat_message if m.name == "assistant"][-1]


def _html(block) -> str:
    return " ".join(h.proto.body for h in block.get("html"))


def test_chat_shows_route_confidence_and_why_for_a_traced_answer(chat_store, tmp_path, monkeypatch):
    monkeypatch.setattr(chain_mod, "_chains", {})
    monkeypatch.setattr(chain_mod, "get_answerer", lambda settings: Traced(settings))
    at = _chat(chat_store, tmp_path, monkeypatch, threshold="0.9")  # a store routed at 0.9, as if calibrated
    block = _answer_block(at)
    html = _html(block)
    assert ">AUTO<" in html and "confidence 0.96" in html
    [why] = [e for e in block.expander if e.label == "Why this verdict"]
    text = " ".join(m.value for m in why.markdown)
    assert REASON.split(" [")[0] in text.replace("\\", "")
    assert "ALC-2" in text and "decided" in text and "GAM-1" in text
    [table] = why.table
    rows = table.value.to_dict("records")
    assert rows[0] == {"condition": "min_age", "requirement": "18+ in SG", "fact used": "audience from 16",
                       "result": "not met", "cited": "[1]"}
    assert rows[1]["fact used"] == "not stated in the case" and rows[1]["result"].startswith("unknown")


def test_chat_shows_the_route_of_the_real_answerer(chat_store, tmp_path, monkeypatch):
    block = _answer_block(_chat(chat_store, tmp_path, monkeypatch))
    html = _html(block)
    assert "pd-route" in html and "confidence " in html
    assert (">AUTO<" in html) != (">REVIEW<" in html)
    assert [e.label for e in block.expander].count("Why this verdict") == 1


def test_runs_page_shows_the_risk_coverage_table(tmp_path, monkeypatch):
    from policydesk.evals.report import write_run
    from policydesk.evals.rootcause import root_causes
    from policydesk.evals.run import EvalResult, RunMeta, build_run
    from tests.test_metrics import A0, case, ranked, scored
    from tests.test_metrics_routing import routed

    results = []
    for cid, exp, ans in (("a", "reject", routed("reject", "declared", 0.95)), ("b", "reject", routed("restrict", "declared", 0.8))):
        s = scored(case(cid, exp), ans, ranked(A0))
        results.append(EvalResult(case=case(cid, exp), answer=ans, scores=s, root_causes=root_causes(s)))
    write_run(build_run(results, RunMeta(auto_threshold=0.9, golden_path="g.jsonl")), tmp_path / "runs" / "r1")
    monkeypatch.setenv("POLICYDESK_RUNS_DIR", str(tmp_path / "runs"))
    at = AppTest.from_file(str(APP.parent / "eval_runs.py"), default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(s.value == "Routing: risk and coverage" for s in at.subheader)
    assert any("threshold 0.9: auto precision 1.000, auto coverage 0.500" in c.value for c in at.caption)
    [df] = [d.value for d in at.dataframe if "auto precision" in d.value.columns]
    assert df.to_dict("records") == [
        {"threshold": 0.8, "auto answers": 2, "auto coverage": 1.0, "auto precision": 0.5},
        {"threshold": 0.95, "auto answers": 1, "auto coverage": 0.5, "auto precision": 1.0},
    ]
    [why] = [e for e in at.expander if e.label == "Precision by what decided"]
    assert why.dataframe[0].value["answers"].sum() == 2


def test_eval_page_calibration_says_when_nothing_is_stored(chat_store, tmp_path, monkeypatch):
    from policydesk.core.calibration import calibration_path

    monkeypatch.setenv("POLICYDESK_STORE", str(chat_store.store_dir))
    monkeypatch.setenv("POLICYDESK_RUNS_DIR", str(tmp_path / "runs"))
    monkeypatch.setenv("POLICYDESK_LLM", "extractive")
    monkeypatch.setenv("POLICYDESK_REVIEWER", "why-tester")
    at = AppTest.from_file(str(APP), default_timeout=300).run()
    at.switch_page(str(APP.parent / "eval_run.py")).run()  # through the app, so page links resolve
    at.selectbox(key="eval_golden").set_value("other file…").run()
    at.text_input(key="eval_golden_path").input(str(Path(__file__).parent / "fixtures" / "evals" / "mini.jsonl")).run()
    at.checkbox(key="eval_calibrate").check().run()
    at.number_input(key="eval_min_auto").set_value(10_000).run()
    [run] = [b for b in at.button if b.label == "Run eval"]
    run.click().run()
    assert not at.exception and not at.error, [e.value for e in at.exception] + [e.value for e in at.error]
    assert any("no threshold routes at least 10000 answers auto" in w.value for w in at.warning)
    assert not calibration_path(chat_store).exists()
