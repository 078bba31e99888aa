"""The golden-set loader: every malformed line is named with its line number and field."""

from __future__ import annotations

import hashlib
import json
from datetime import date

import pytest

from policydesk.core.errors import InputError
from policydesk.evals.golden import load_golden

GOOD = {
    "id": "alc-003",
    "question": "Can we target 17 year olds with a beer ad in Singapore?",
    "filters": {"market": "SG", "as_of": "2025-06-01"},
    "expected_decision": "reject",
    "expected_evidence": [{"source": "alcohol.md", "quote": "must not target users under"}],
    "reference_answer": "No.",
    "tags": ["alcohol", "targeting"],
}


def write(tmp_path, lines):
    p = tmp_path / "golden.jsonl"
    p.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n")
    return p


def test_loads_valid_cases_with_filters_hash_and_lines(tmp_path):
    other = {**GOOD, "id": "esc-1", "expected_decision": "escalate", "expected_evidence": [], "filters": None}
    p = write(tmp_path, [GOOD, "", other])
    cases = load_golden(p)
    assert [c.id for c in cases] == ["alc-003", "esc-1"]
    assert [c.line for c in cases] == [1, 3]
    f = cases[0].to_filters()
    assert f.market == "SG" and f.as_of == date(2025, 6, 1) and f.business_line is None
    assert cases[1].to_filters().to_dict() == {}
    assert cases.sha256 == hashlib.sha256(p.read_bytes()).hexdigest()
    assert cases.warnings == []
    assert cases[0].sources == ["alcohol.md"]


def test_every_problem_is_reported_with_line_and_field(tmp_path):
    bad_decision = {**GOOD, "id": "b1", "expected_decision": "deny"}
    missing_question = {k: v for k, v in GOOD.items() if k != "question"} | {"id": "b2"}
    bad_evidence = {**GOOD, "id": "b3", "expected_evidence": [{"source": "alcohol.md"}]}
    bad_filter = {**GOOD, "id": "b4", "filters": {"markt": "SG"}}
    bad_date = {**GOOD, "id": "b5", "filters": {"as_of": "next tuesday"}}
    p = write(tmp_path, [GOOD, bad_decision, missing_question, "{not json", bad_evidence, bad_filter, bad_date, "[1, 2]"])
    with pytest.raises(InputError) as exc:
        load_golden(p)
    msg = str(exc.value)
    assert "7 problems" in msg
    assert f"{p}:2: field expected_decision: must be one of approve, restrict, reject, escalate (got 'deny')" in msg
    assert f"{p}:3: field question: missing" in msg
    assert f"{p}:4: not valid JSON" in msg
    assert f"{p}:5: field expected_evidence.0.quote: missing" in msg
    assert f"{p}:6: field filters.markt: unknown key" in msg
    assert f"{p}:7: field filters.as_of" in msg
    assert f"{p}:8: expected a JSON object" in msg
    assert f"{p}:1:" not in msg


def test_duplicate_ids_are_errors(tmp_path):
    p = write(tmp_path, [GOOD, {**GOOD, "question": "again"}])
    with pytest.raises(InputError, match=r":2: duplicate id 'alc-003' \(first used on line 1\)"):
        load_golden(p)


def test_unknown_fields_warn_but_load(tmp_path):
    p = write(tmp_path, [{**GOOD, "notes": "written by QA", "priority": 2}])
    cases = load_golden(p)
    assert len(cases) == 1
    assert cases.warnings == [f"{p}:1: unknown field(s) notes, priority ignored"]


def test_evidence_free_verdict_warns(tmp_path):
    p = write(tmp_path, [{**GOOD, "expected_evidence": []}])
    assert "names no evidence" in load_golden(p).warnings[0]


@pytest.mark.parametrize(
    "content, expected",
    [(None, "does not exist"), ("", "no cases"), ("   \n\n", "no cases"), (b"\xff\xfe\x00", "not UTF-8")],
)
def test_unusable_files(tmp_path, content, expected):
    p = tmp_path / "g.jsonl"
    if isinstance(content, bytes):
        p.write_bytes(content)
    elif content is not None:
        p.write_text(content)
    with pytest.raises(InputError, match=expected):
        load_golden(p)


def test_blank_strings_are_rejected(tmp_path):
    p = write(tmp_path, [{**GOOD, "id": "  "}, {**GOOD, "id": "x", "expected_evidence": [{"source": "a.md", "quote": " "}]}])
    with pytest.raises(InputError) as exc:
        load_golden(p)
    assert ":1: field id: Value error, must not be empty" in str(exc.value)
    assert ":2: field expected_evidence.0.quote: Value error, must not be empty" in str(exc.value)


def test_shipped_golden_set_loads_and_its_evidence_is_in_the_corpus(repo_root, sample_store):
    """The sample golden set must stay loadable and every quote must exist in the sample corpus,
    so a corpus edit that breaks a quote shows up here, not as a mysterious eval drop."""
    from policydesk.core.store import load_catalog
    from policydesk.evals.rootcause import CorpusIndex

    cases = load_golden(repo_root / "evals" / "golden" / "sample.jsonl")
    assert len(cases) >= 100
    assert sum(c.expected_decision == "escalate" and not c.expected_evidence for c in cases) >= 12
    catalog = load_catalog(sample_store)
    corpus = CorpusIndex(catalog.chunks.values(), catalog.documents)
    gaps = [(c.id, e.source, e.quote) for c in cases for e in c.expected_evidence if not corpus.holds(e.source, e.quote)]
    assert gaps == []
