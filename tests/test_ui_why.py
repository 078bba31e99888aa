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


def _chat(chat_store, tmp_path, monkeypatch) -> AppTest:
    monkeypatch.setenv("POLICYDESK_STORE", str(chat_store.store_dir))
    monkeypatch.setenv("POLICYDESK_RUNS_DIR", str(tmp_path / "runs"))
    monkeypatch.setenv("POLICYDESK_LLM", "extractive")
    monkeypatch.delenv("POLICYDESK_AUTO_THRESHOLD", raising=False)
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
    block = _answer_block(_chat(chat_store, tmp_path, monkeypatch))
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
