"""Coverage, gaps and conflicts on a small real corpus with known answers (tests/fixtures/coverage).

The fixture corpus has two policies in force (drinks.md, events.md) and one superseded
version (events-2023.md). Known facts, written into the fixture on purpose:
- golden cases rest on DRK-1 (twice), DRK-2 and EVT-1; every other section is uncovered;
  one evidence item quotes the superseded version and so matches no section in force;
- DRK-3 (approve, every market) and EVT-1 (reject, GB/DE) say nearly the same thing: the
  known conflict; DRK-5 (reject, SG) and EVT-3 (approve, GB) differ only for disjoint markets
  and the superseded EVT-OLD-1 contradicts DRK-1 — neither may be reported.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policydesk.core import querylog
from policydesk.core.settings import Settings
from policydesk.evals import coverage as cov

FIXTURE = Path(__file__).parent / "fixtures" / "coverage"
GOLDEN = FIXTURE / "golden.jsonl"

EXPECTED_UNCOVERED = {
    ("drinks.md", "", None),
    ("drinks.md", "Alcohol-free beer", "DRK-3"),
    ("drinks.md", "Cocktail recipes", "DRK-4"),
    ("drinks.md", "Singapore spirits", "DRK-5"),
    ("events.md", "", None),
    ("events.md", "Ticket resale", "EVT-2"),
    ("events.md", "Spirits bundles at festivals", "EVT-3"),
}
GAP_QUESTIONS = ["Can we advertise CBD gummies?", "Are ads for CBD oil drops allowed?", "Can I promote CBD-infused chocolate bars?"]


@pytest.fixture(scope="module")
def cov_store(tmp_path_factory) -> Settings:
    from policydesk.ingest.pipeline import ingest_paths

    settings = Settings(store=tmp_path_factory.mktemp("coverage") / "store")
    report = ingest_paths([FIXTURE / "corpus"], settings)
    assert not report.failed and report.documents == 3
    return settings


@pytest.fixture(scope="module")
def logged(cov_store) -> dict:
    """Real answers in the query log: three CBD questions, one wrong answer marked down, one fine."""
    from policydesk.assistant.chain import ask

    ids = {}
    for q in GAP_QUESTIONS + ["Can a crypto exchange run ads in Germany?", "Can a beer brand target 16 year olds?"]:
        ids[q] = querylog.log_answer(cov_store, ask(q, settings=cov_store), session_id="t")
    # a gap is an escalation or a thumbs-down, whatever the assistant answered
    for q in GAP_QUESTIONS:
        if querylog.get_entry(cov_store, ids[q]).verdict != "escalate":
            querylog.log_feedback(cov_store, ids[q], "down", reason="missing guidance")
    querylog.log_feedback(cov_store, ids["Can a crypto exchange run ads in Germany?"], "down", reason="wrong citation")
    querylog.log_feedback(cov_store, ids["Can a beer brand target 16 year olds?"], "up")
    return ids


@pytest.fixture(scope="module")
def eval_run(cov_store, tmp_path_factory) -> Path:
    """A real eval run of the fixture golden set, written where `coverage` looks for runs."""
    from policydesk.evals.evaluate import evaluate

    runs = tmp_path_factory.mktemp("runs")
    evaluate(GOLDEN, cov_store, out_dir=runs / "20250101-000000")
    return runs


@pytest.fixture(scope="module")
def report(cov_store, logged, eval_run) -> cov.CoverageReport:
    return cov.coverage_report(cov_store, golden=[GOLDEN], runs_dir=eval_run)


def _by_clause(report) -> dict:
    return {(s.source, s.clause_id or s.section): s for s in report.sections}


def test_only_sections_in_force_are_counted(report):
    sources = {s.source for s in report.sections}
    assert sources == {"drinks.md", "events.md"}  # events-2023.md is superseded
    assert report.n_sections == 10


def test_golden_cases_per_section_and_uncovered(report):
    s = _by_clause(report)
    assert s[("drinks.md", "DRK-1")].golden_ids == ["cov-1", "cov-4"]
    assert s[("drinks.md", "DRK-2")].golden_ids == ["cov-2"]
    assert s[("events.md", "EVT-1")].golden_ids == ["cov-3"]
    assert report.n_covered == 3
    assert {(u.source, u.section, u.clause_id) for u in report.uncovered} == EXPECTED_UNCOVERED
    for u in report.uncovered:
        full = s[(u.source, u.clause_id or u.section)].text
        assert u.text == full[:200]
    assert report.unmatched_evidence == [
        {"case_id": "cov-4", "source": "events-2023.md", "quote": "may be shown to users under 18 at family festivals"}
    ]


def test_known_conflict_found_and_nothing_else(report):
    assert [(c.kind, c.a.key, c.b.key, c.shared_markets) for c in report.conflicts] == [
        ("different_decision", "drinks.md#DRK-3", "events.md#EVT-1", ["DE", "GB"])
    ]
    c = report.conflicts[0]
    assert (c.a.decision, c.b.decision) == ("approve", "reject")
    assert c.similarity >= cov.DEFAULT_CONFLICT_SIMILARITY
    assert all("events-2023.md" not in (x.a.source, x.b.source) for x in report.conflicts)


def test_conflict_needs_a_shared_market():
    assert cov.shared_markets(["SG"], ["GB"]) == []
    assert cov.shared_markets(["global"], ["GB", "DE"]) == ["DE", "GB"]
    assert cov.shared_markets([], []) == ["global"]


def test_gaps_group_similar_questions(report, logged):
    groups = {g.representative: g for g in report.gaps}
    cbd = [g for g in report.gaps if set(g.questions) == set(GAP_QUESTIONS)]
    assert len(cbd) == 1 and cbd[0].count == 3
    assert cbd[0].escalated + cbd[0].thumbs_down >= 3
    crypto = groups["Can a crypto exchange run ads in Germany?"]
    assert crypto.count == 1 and crypto.thumbs_down == 1
    assert all("Can a beer brand target 16 year olds?" not in g.questions for g in report.gaps)  # thumbs-up: no gap
    assert report.gaps[0] is cbd[0]  # biggest group first
    assert cbd[0].nearest_section is not None


def test_citations_from_eval_run_and_log(report, eval_run, cov_store, logged):
    from policydesk.core.store import load_catalog

    catalog = load_catalog(cov_store)
    key_of = {cid: cov.section_key(c.source, c.section, c.clause_id) for cid, c in catalog.chunks.items()}
    expected: dict[str, int] = {}
    results = next(eval_run.iterdir()) / "results.jsonl"
    for line in results.read_text().splitlines():
        cites = (json.loads(line).get("answer") or {}).get("citations", [])
        for k in {key_of[c["chunk_id"]] for c in cites}:
            expected[k] = expected.get(k, 0) + 1
    assert expected, "the eval run cited nothing; the test would prove nothing"
    assert {s.key: s.eval_citations for s in report.sections if s.eval_citations} == expected

    log_expected: dict[str, int] = {}
    for e in querylog.iter_log(cov_store):
        for k in {key_of[c["chunk_id"]] for c in e.citations}:
            log_expected[k] = log_expected.get(k, 0) + 1
    assert {s.key: s.log_citations for s in report.sections if s.log_citations} == log_expected
    assert report.eval_run and report.eval_run.endswith("20250101-000000")


def test_heatmap_policy_area_by_market(report):
    hm = cov.heatmap(report, "uncovered")
    cell = {(r, c): v for r, line in zip(hm.rows, hm.values) for c, v in zip(hm.cols, line)}
    assert hm.cols[0] == "global" and set(hm.cols) == {"global", "DE", "GB", "SG"}
    assert cell[("Drinks Advertising Policy", "global")] == 3  # intro, DRK-3, DRK-4
    assert cell[("Drinks Advertising Policy", "SG")] == 1  # DRK-5
    assert cell[("Events and Festivals Policy", "GB")] == 3  # intro, EVT-2, EVT-3
    assert cell[("Events and Festivals Policy", "DE")] == 2  # intro, EVT-2
    assert cell[("Drinks Advertising Policy", "DE")] is None
    share = cov.heatmap(report, "coverage_share")
    assert 0 <= min(v for line in share.values for v in line if v is not None)
    with pytest.raises(Exception, match="unknown heat-map metric"):
        cov.heatmap(report, "nope")


def test_cli_coverage_json_and_out(cov_store, logged, eval_run, tmp_path):
    from policydesk.cli.main import app

    out = tmp_path / "out"
    args = ["coverage", "--store", str(cov_store.store_dir), "--golden", str(GOLDEN), "--runs", str(eval_run), "--json", "--out", str(out)]
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout[res.stdout.index("{") :])
    assert {(u["source"], u["section"], u["clause_id"]) for u in data["uncovered"]} == EXPECTED_UNCOVERED
    assert set(data["uncovered"][0]) == {"source", "section", "clause_id", "text"}
    assert sorted(p.name for p in out.iterdir()) == ["conflicts.csv", "coverage.json", "gaps.csv", "sections.csv", "uncovered.csv"]
    rows = list(csv.DictReader(open(out / "conflicts.csv")))
    assert [(r["a_clause_id"], r["b_clause_id"]) for r in rows] == [("DRK-3", "EVT-1")]
    assert len(list(csv.DictReader(open(out / "sections.csv")))) == 10


def test_cli_coverage_bad_golden_is_one_line(cov_store, tmp_path):
    from policydesk.cli.main import app

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "question": "q", "expected_decision": "maybe"}\n')
    res = CliRunner().invoke(app, ["coverage", "--store", str(cov_store.store_dir), "--golden", str(bad)])
    assert res.exit_code == 2
    assert "bad.jsonl:1: field expected_decision" in res.output


def test_cli_log_export(cov_store, logged):
    from policydesk.cli.main import app

    res = CliRunner().invoke(app, ["log", "--store", str(cov_store.store_dir), "--format", "csv"])
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(res.stdout.splitlines()))
    assert [r["question"] for r in rows] == list(logged)
    res = CliRunner().invoke(app, ["log", "--store", str(cov_store.store_dir), "--since", "2999-01-01"])
    assert res.exit_code == 0 and res.stdout.strip() == ""
    res = CliRunner().invoke(app, ["log", "--store", str(cov_store.store_dir), "--format", "xml"])
    assert res.exit_code == 2 and "--format must be csv or jsonl" in res.output
