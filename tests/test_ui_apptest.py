"""Every page of the Streamlit app through AppTest, on a copy of the real sample store.

The pages run in-process with the real chain (real model, real Chroma); assertions are on
what a user would see and on what lands in the query log, not on any particular verdict.
"""

from __future__ import annotations

import base64
import json
import shutil
import socket
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from policydesk.core import querylog
from policydesk.core.settings import Settings
from policydesk.core.store import load_catalog
from policydesk.core.types import DECISIONS
from policydesk.core.versions import in_force

UI = Path(__file__).resolve().parents[1] / "ui"
APP = UI / "pages" / "main.py"
TIMEOUT = 180


@pytest.fixture(scope="module")
def ui_store(sample_store, tmp_path_factory) -> Settings:
    """A copy of the sample store: pages write the query log, the shared store stays read-only."""
    dest = tmp_path_factory.mktemp("ui-store") / "store"
    shutil.copytree(sample_store.store_dir, dest, ignore=shutil.ignore_patterns("queries.sqlite*", "ingest.lock"))
    return Settings(store=dest)


@pytest.fixture
def app(ui_store, tmp_path, monkeypatch):
    monkeypatch.setenv("POLICYDESK_STORE", str(ui_store.store_dir))
    monkeypatch.setenv("POLICYDESK_RUNS_DIR", str(tmp_path / "runs"))
    monkeypatch.setenv("POLICYDESK_LLM", "extractive")
    monkeypatch.setenv("POLICYDESK_REVIEWER", "ui-tester")
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.run()
    assert not at.exception, at.exception
    return at


def _ask(at: AppTest, question: str) -> AppTest:
    at.chat_input[0].set_value(question).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _last_assistant(at: AppTest):
    return [m for m in at.chat_message if m.name == "assistant"][-1]


def _verdict(block) -> str:
    html = " ".join(h.proto.body for h in block.get("html"))
    for d in DECISIONS:
        if f">{d.upper()}<" in html:
            return d
    raise AssertionError(f"no verdict badge in {html[:300]}")


def _new_entries(settings, before: int) -> list[querylog.LogEntry]:
    return [e for e in querylog.iter_log(settings) if e.id > before]


def _max_id(settings) -> int:
    return max((e.id for e in querylog.iter_log(settings)), default=0)


# --------------------------------------------------------------------------- moderator chat


def test_question_renders_verdict_citations_and_is_logged(app, ui_store):
    before = _max_id(ui_store)
    _ask(app, "Can a casino advertise in Singapore?")
    block = _last_assistant(app)
    verdict = _verdict(block)
    labels = [e.label for e in block.expander if e.label != "Why this verdict"]  # citations; the trace has its own test
    assert labels and labels[0].startswith("[1] "), labels
    # every citation opens to its full passage with the quoted sentence marked
    passages = [h.proto.body for h in block.get("html") if "pd-passage" in h.proto.body]
    assert len(passages) == len(labels) and all("<mark>" in p for p in passages)
    assert any(link.proto.label == "Open in the policy document" for link in block.get("page_link"))
    [entry] = _new_entries(ui_store, before)
    assert entry.question == "Can a casino advertise in Singapore?"
    assert entry.verdict == verdict
    assert [c["n"] for c in entry.citations] == list(range(1, len(labels) + 1))
    assert labels[0].startswith(f"[1] {entry.citations[0]['source']}")


def test_filters_apply_to_the_next_question_and_change_the_answer(app, ui_store):
    catalog = load_catalog(ui_store)
    question = "What are the minimum age targeting rules?"
    answers = {}
    for policy in ("ALCOHOL", "GAMBLING"):
        before = _max_id(ui_store)
        app.sidebar.selectbox(key="f_policy").set_value(policy).run()
        _ask(app, question)
        [entry] = _new_entries(ui_store, before)
        assert entry.filters == {"policy_id": policy}
        assert entry.citations and all(catalog.chunks[c["chunk_id"]].policy_id == policy for c in entry.citations)
        answers[policy] = (entry.answer, [c["chunk_id"] for c in entry.citations])
    assert answers["ALCOHOL"] != answers["GAMBLING"]

    app.sidebar.selectbox(key="f_policy").set_value("(any)")
    for market in ("BR", "SG"):
        before = _max_id(ui_store)
        app.sidebar.selectbox(key="f_market").set_value(market).run()
        _ask(app, "Can an online casino run ads?")
        [entry] = _new_entries(ui_store, before)
        assert entry.filters == {"market": market}
        for c in entry.citations:  # every cited passage applies to the chosen market
            assert catalog.chunks[c["chunk_id"]].matches_market(market), (market, c["source"], c["clause_id"])

    # as-of date: only policy versions in force on that date are cited
    before = _max_id(ui_store)
    app.sidebar.selectbox(key="f_market").set_value("(any)")
    app.sidebar.checkbox(key="f_use_date").check().run()
    app.sidebar.date_input(key="f_as_of").set_value(date(2024, 6, 1)).run()
    _ask(app, "Can social casino games be advertised?")
    [entry] = _new_entries(ui_store, before)
    assert entry.filters == {"as_of": "2024-06-01"}
    allowed = in_force(catalog.documents.values(), date(2024, 6, 1))
    assert entry.citations and all(c["source"] in allowed for c in entry.citations)
    assert "gambling.md" not in {c["source"] for c in entry.citations}  # v2.0 starts 2025-06-01


def test_follow_up_uses_the_conversation(app, ui_store):
    _ask(app, "Can a casino advertise in Singapore?")
    before = _max_id(ui_store)
    _ask(app, "and in Germany?")
    [entry] = _new_entries(ui_store, before)
    assert any(w.startswith("follow-up read as:") and "Germany" in w for w in entry.warnings), entry.warnings
    captions = [c.value for c in _last_assistant(app).caption]
    assert any("follow-up read as" in c for c in captions)


def test_the_app_asks_who_is_asking_once_and_logs_it(ui_store, tmp_path, monkeypatch):
    monkeypatch.setenv("POLICYDESK_STORE", str(ui_store.store_dir))
    monkeypatch.setenv("POLICYDESK_RUNS_DIR", str(tmp_path / "runs"))
    monkeypatch.delenv("POLICYDESK_REVIEWER", raising=False)
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.run()
    assert at.chat_input[0].proto.disabled
    assert any("Enter your name" in i.value for i in at.info)
    at.text_input(key="policydesk_reviewer").set_value("Ana Moderator").run()
    assert not at.chat_input[0].proto.disabled
    before = _max_id(ui_store)
    _ask(at, "Can a beer brand target 19 year olds in Singapore?")
    _ask(at, "and in Germany?")
    assert [e.reviewer for e in _new_entries(ui_store, before)] == ["Ana Moderator", "Ana Moderator"]


def test_feedback_lands_in_the_log(app, ui_store):
    _ask(app, "Are weight loss pills allowed in ads?")
    qid = _max_id(ui_store)
    app.feedback[-1].set_value(0).run()  # thumbs down
    assert not app.exception
    entry = querylog.get_entry(ui_store, qid)
    assert [f.score for f in entry.feedback] == ["down"]
    block = _last_assistant(app)
    block.selectbox(key=f"fbr-{qid}").set_value("wrong citation")
    block.text_input(key=f"fbt-{qid}").input("should cite the health-claims clause")
    block.button[0].click().run()
    entry = querylog.get_entry(ui_store, qid)
    assert entry.last_feedback.reason == "wrong citation"
    assert entry.last_feedback.text == "should cite the health-claims clause"
    assert entry.thumbs_down and entry.session_id


def test_escalation_says_what_to_do_and_is_a_gap(app, ui_store):
    _ask(app, "Can I advertise rentals of my time machine to tourists on Mars?")
    entry = querylog.get_entry(ui_store, _max_id(ui_store))
    assert entry.verdict == "escalate"
    warnings = [w.value for w in _last_assistant(app).warning]
    assert any("policy team" in w for w in warnings)
    assert entry.is_gap


def test_backend_down_gives_the_offline_answer_in_the_chat(ui_store, tmp_path, monkeypatch):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("POLICYDESK_STORE", str(ui_store.store_dir))
    monkeypatch.setenv("POLICYDESK_LLM", "openai")
    monkeypatch.setenv("POLICYDESK_LLM_MODEL", "tiny")
    monkeypatch.setenv("POLICYDESK_LLM_TIMEOUT_S", "5")
    monkeypatch.setenv("OPENAI_BASE_URL", f"http://127.0.0.1:{port}/v1")
    monkeypatch.setenv("POLICYDESK_REVIEWER", "ui-tester")
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.run()
    before = _max_id(ui_store)
    _ask(at, "Can a casino advertise in Singapore?")
    block = _last_assistant(at)
    assert not block.error, [e.value for e in block.error]
    captions = [c.value for c in block.caption]
    assert any("the model was unavailable" in c and "OPENAI\\_BASE\\_URL" in c for c in captions), captions
    assert any("extractive" in c for c in captions), captions  # the offline answer, labelled as such
    [entry] = _new_entries(ui_store, before)
    assert entry.question == "Can a casino advertise in Singapore?" and entry.citations
    # the conversation goes on
    assert at.chat_input[0] is not None


# --------------------------------------------------------------------------- documents


def test_document_page_opens_at_the_cited_section(app):
    app.query_params["source"] = "gambling.md"
    app.query_params["at"] = "sec-gam-3"
    app.switch_page(str(UI / "pages/document.py")).run()
    assert not app.exception
    assert any("Cited section" in c.value for c in app.caption)
    assert any("GAM-3" in h.value for h in app.subheader)
    assert app.get("download_button")


def test_document_page_opens_the_original_pdf_at_the_cited_page(app, corpus_dir):
    app.query_params["source"] = "crypto-and-investment.pdf"
    app.query_params["page"] = "2"
    app.switch_page(str(UI / "pages/document.py")).run()
    assert not app.exception, [e.value for e in app.exception]
    viewer = next(h.proto.body for h in app.get("html") if "pd-original-pdf" in h.proto.body)
    original = base64.b64encode((corpus_dir / "crypto-and-investment.pdf").read_bytes()).decode()
    assert original in viewer and "#page=2" in viewer  # the file itself, not a rebuild
    assert any("opened at page 2" in c.value for c in app.caption)


def test_document_page_shows_the_original_text_file(app, corpus_dir):
    app.query_params["source"] = "gambling.md"
    app.query_params["at"] = "sec-gam-3"
    app.switch_page(str(UI / "pages/document.py")).run()
    assert not app.exception
    assert [c.value.rstrip("\n") for c in app.code] == [(corpus_dir / "gambling.md").read_text(encoding="utf-8").rstrip("\n")]
    assert any("Cited section" in c.value for c in app.caption)


# --------------------------------------------------------------------------- QA lead


def _small_golden(repo_root: Path, tmp_path: Path, n: int = 3) -> Path:
    lines = (repo_root / "evals" / "golden" / "sample.jsonl").read_text(encoding="utf-8").splitlines()
    path = tmp_path / "small.jsonl"
    path.write_text("\n".join(lines[:n]) + "\n", encoding="utf-8")
    return path


def _run_eval_page(app: AppTest, golden: Path) -> None:
    app.switch_page(str(UI / "pages/eval_run.py")).run()
    app.selectbox(key="eval_golden").set_value("other file…").run()
    app.text_input(key="eval_golden_path").input(str(golden)).run()
    app.button[0].click().run()
    assert not app.exception, [e.value for e in app.exception]
    assert not app.error, [e.value for e in app.error]


def test_eval_page_runs_a_small_golden_set_and_runs_page_opens_it(app, repo_root, tmp_path):
    golden = _small_golden(repo_root, tmp_path)
    _run_eval_page(app, golden)
    assert any("3 cases" in s.value for s in app.success)
    runs = list((tmp_path / "runs").iterdir())
    assert len(runs) == 1 and (runs[0] / "metrics.json").exists()
    metrics = json.loads((runs[0] / "metrics.json").read_text())
    assert metrics["n_cases"] == 3

    app.switch_page(str(UI / "pages/eval_runs.py")).run()
    assert not app.exception
    shown = {m.label: m.value for m in app.metric}
    expected = metrics["decision_accuracy"]
    assert shown["decision_accuracy"] == f"{expected:.3f}"
    assert any("Decision confusion matrix" in s.value for s in app.subheader)

    # a second run, then compare the two
    _run_eval_page(app, golden)
    app.switch_page(str(UI / "pages/eval_compare.py")).run()
    assert not app.exception
    assert app.dataframe and {m.label for m in app.metric} == {"Fixed cases", "Broken cases"}


def test_feedback_inbox_turns_a_thumbs_down_into_a_golden_draft(app, ui_store):
    from policydesk.evals.golden import parse_golden_lines

    _ask(app, "Can a dating app target teenagers?")
    qid = _max_id(ui_store)
    querylog.log_feedback(ui_store, qid, "down", reason="wrong verdict", text="should be reject")
    app.switch_page(str(UI / "pages/feedback_inbox.py")).run()
    assert not app.exception
    app.selectbox(key=f"dv-{qid}").set_value("reject")
    [form_button] = [b for b in app.button if b.label.startswith("Make draft") and b.proto.form_id == f"draft-{qid}"]
    form_button.click().run()
    assert not app.exception
    data = app.get("download_button")[0].proto
    assert data.label.startswith("Download drafts")
    from policydesk.core.golden_drafts import list_drafts

    drafts = list_drafts(ui_store)  # in the database, so every QA lead of a deployment sees it
    line = json.dumps(drafts[f"log-{qid}"])
    cases, problems, _ = parse_golden_lines([line], "drafts")
    assert not problems and cases[0].expected_decision == "reject"
    assert cases[0].question == "Can a dating app target teenagers?"


# --------------------------------------------------------------------------- policy writer


def test_policy_writer_pages_render_coverage_gaps_and_conflicts(app, ui_store):
    # a gap in the log (escalated, or thumbs-down when the assistant did answer)
    _ask(app, "Can we advertise a séance booking service for contacting ghosts?")
    qid = _max_id(ui_store)
    if querylog.get_entry(ui_store, qid).verdict != "escalate":
        querylog.log_feedback(ui_store, qid, "down", reason="missing guidance")
    app.switch_page(str(UI / "pages/coverage.py")).run()
    assert not app.exception, [e.value for e in app.exception]
    metrics = {m.label: m.value for m in app.metric}
    assert int(metrics["Sections in force"]) > 50
    assert 0 < int(metrics["With a golden case"]) <= int(metrics["Sections in force"])
    assert app.get("arrow_vega_lite_chart") or app.get("vega_lite_chart")
    assert len(app.get("download_button")) >= 2

    app.switch_page(str(UI / "pages/gaps.py")).run()
    assert not app.exception
    assert any("séance" in q for e in app.expander for q in [e.label] + [m.value for m in e.markdown])

    app.switch_page(str(UI / "pages/conflicts.py")).run()
    assert not app.exception
    assert app.title[0].value == "Conflicts"


# --------------------------------------------------------------------------- helpers and shell


def test_passage_highlight_escapes_policy_text():
    from policydesk.ui.chatlogic import highlight_html

    text = 'Ads <script>alert(1)</script> for "spirits" must not target users under 18. Other text.'
    body, found = highlight_html(text, "must not target users under 18.")
    assert found and "<script>" not in body and "&lt;script&gt;" in body
    assert "<mark>must not target users under 18.</mark>" in body
    # an LLM that re-spaced or re-cased the quote is still located; an invented one is not
    assert highlight_html(text, "MUST NOT  target users\nunder 18.")[1]
    assert highlight_html(text, "must target adults only") == (highlight_html(text, "")[0], False)


def test_ui_command_refuses_a_busy_port(ui_store):
    from typer.testing import CliRunner

    from policydesk.cli.main import app as cli

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        res = CliRunner().invoke(cli, ["ui", "--store", str(ui_store.store_dir), "--port", str(port)])
    assert res.exit_code == 2 and f"port {port} on 127.0.0.1 is in use" in res.output


def test_navigation_groups_pages_by_user_and_plugs_optional_pages():
    from policydesk.ui import nav

    specs = nav.page_specs()
    assert list(specs)[:3] == ["Moderator", "QA lead", "Policy writer"]
    for section in specs.values():
        for s in section:
            assert (nav.HERE / s.path).is_file(), s.path
    rules = nav.HERE / "pages" / "rules_review.py"
    assert any(s.path == "pages/rules_review.py" for s in specs["Policy writer"]) == rules.exists()
